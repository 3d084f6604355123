// Reading the bodies of the register and callback requests, shared by staff and public routes.
#pragma once

#include <nlohmann/json.hpp>

#include "app/appeal_service.h"

namespace minsheng::api {

struct AppellantInput {
  bool anonymous = true;
  std::string name;
  std::string phone;
};
// body["appellant"]: {anonymous, name?, phone?}; errors name the member ("appellant.phone").
Result<AppellantInput> ReadAppellant(const nlohmann::json& body);

// {title, content, channel?, region_id, category_id, address?, appellant: {name?, phone?, anonymous}};
// without `with_channel` the channel is "web" (the public portal).
Result<app::RegisterInput> ReadRegisterInput(const nlohmann::json& body, bool with_channel);
// {resolved, satisfaction, reason?}
Result<app::CallbackInput> ReadCallbackInput(const nlohmann::json& body);

}  // namespace minsheng::api
