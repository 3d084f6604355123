#include "api/deputy_case_json.h"

#include "api/handler_support.h"
#include "core/deputy_following.h"

namespace minsheng::api {
namespace {

void NameField(JsonWriter& w, std::string_view key, store::Id id, const std::map<store::Id, std::string>& names) {
  w.Key(key);
  auto it = names.find(id);
  if (it == names.end()) w.Null();
  else w.String(it->second);
}

}  // namespace

void WriteDeputyContact(JsonWriter& w, const store::DeputyContactRecord& c,
                        const std::map<store::Id, std::string>& names) {
  w.BeginObject()
      .Field("id", c.id)
      .Field("appeal_id", c.appeal_id)
      .Field("deputy_id", c.deputy_id);
  NameField(w, "deputy_name", c.deputy_id, names);
  w.Field("recorded_by", c.recorded_by);
  NameField(w, "recorded_by_name", c.recorded_by, names);
  w.Field("method", c.method)
      .Field("method_label", DeputyContactMethodLabel(c.method))
      .Field("note", c.note)
      .Field("at", FormatTime(c.at))
      .EndObject();
}

void WriteDeputyOpinion(JsonWriter& w, const store::DeputyOpinionRecord& o,
                        const std::map<store::Id, std::string>& names) {
  w.BeginObject()
      .Field("id", o.id)
      .Field("appeal_id", o.appeal_id)
      .Field("deputy_id", o.deputy_id);
  NameField(w, "deputy_name", o.deputy_id, names);
  w.Field("recorded_by", o.recorded_by);
  NameField(w, "recorded_by_name", o.recorded_by, names);
  w.Field("content", o.content).Field("at", FormatTime(o.created_at)).EndObject();
}

void WriteDeputyFollowingMembers(JsonWriter& w, const app::DeputyFollowing& f) {
  w.Key("deputy_contacts").BeginArray();
  for (const auto& c : f.contacts) WriteDeputyContact(w, c, f.names);
  w.EndArray();
  w.Key("deputy_opinions").BeginArray();
  for (const auto& o : f.opinions) WriteDeputyOpinion(w, o, f.names);
  w.EndArray();
  w.Key("pending_step");
  if (!f.explanation_missing) {
    w.Null();
  } else {
    w.BeginObject()
        .Field("code", kExplanationMissingCode)
        .Field("message", "待" + std::string(kExplanationStep) + "：跟进代表（或其助理）记录当面或电话解释后，才能回访或办结")
        .Field("actions", std::vector<std::string>{"callback", "close"})
        .EndObject();
  }
}

}  // namespace minsheng::api
