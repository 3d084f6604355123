#include "api/appeal_input.h"

#include "api/json_body.h"

namespace minsheng::api {

using nlohmann::json;

namespace {
constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kTextMax = 20000;
constexpr std::size_t kNoteMax = 5000;
}  // namespace

Result<AppellantInput> ReadAppellant(const json& body) {
  if (!body.contains("appellant") || !body["appellant"].is_object())
    return Fail(body.contains("appellant")
                    ? Error::Invalid("wrong_type", "字段 appellant 应为对象", "appellant")
                    : Error::Invalid("missing_field", "缺少必填字段：appellant", "appellant"));
  const json& who = body["appellant"];
  auto prefixed = [](Error e) {
    e.field = "appellant." + e.field;
    return e;
  };
  auto anonymous = RequiredBool(who, "anonymous");
  if (!anonymous) return Fail(prefixed(anonymous.error()));
  auto name = OptionalString(who, "name", 50);
  if (!name) return Fail(prefixed(name.error()));
  auto phone = OptionalString(who, "phone", 20);
  if (!phone) return Fail(prefixed(phone.error()));
  return AppellantInput{*anonymous, name->value_or(""), phone->value_or("")};
}

Result<app::RegisterInput> ReadRegisterInput(const json& body, bool with_channel) {
  app::RegisterInput in;
  MS_ASSIGN(title, RequiredString(body, "title", kTitleMax));
  MS_ASSIGN(content, RequiredString(body, "content", kTextMax));
  in.title = std::move(title);
  in.content = std::move(content);
  if (with_channel) {
    MS_ASSIGN(channel, RequiredString(body, "channel", 20));
    in.channel = std::move(channel);
  } else {
    in.channel = "web";
  }
  MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
  MS_ASSIGN(category_id, RequiredInt64(body, "category_id", 1));
  MS_ASSIGN(address, OptionalString(body, "address", 200));
  in.region_id = region_id;
  in.category_id = category_id;
  in.address = address.value_or("");
  MS_ASSIGN(appellant, ReadAppellant(body));
  in.anonymous = appellant.anonymous;
  in.appellant_name = std::move(appellant.name);
  in.appellant_phone = std::move(appellant.phone);
  return in;
}

Result<app::CallbackInput> ReadCallbackInput(const json& body) {
  app::CallbackInput in;
  MS_ASSIGN(resolved, RequiredBool(body, "resolved"));
  MS_ASSIGN(satisfaction, RequiredString(body, "satisfaction", 40));
  MS_ASSIGN(reason, OptionalString(body, "reason", kNoteMax));
  in.resolved = resolved;
  in.satisfaction = std::move(satisfaction);
  in.reason = reason.value_or("");
  MS_ASSIGN(causes, OptionalStringArray(body, "causes", 5, 40));
  in.causes = std::move(causes);
  return in;
}

}  // namespace minsheng::api
