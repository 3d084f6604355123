// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "api/user_json.h"

namespace minsheng::api {

void AddAuthRoutes(Router& router, ApiServices& s) {
  // Password hashing takes ~50 ms of CPU: run it off the I/O threads.
  router.Add("POST", "/api/v1/auth/login", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(username, RequiredString(body, "username", 64));
               if (!body.contains("password") || !body["password"].is_string())
                 return Fail(body.contains("password")
                                 ? Error::Invalid("wrong_type", "字段 password 应为字符串", "password")
                                 : Error::Invalid("missing_field", "缺少必填字段：password", "password"));
               MS_ASSIGN(login, s.auth.Login(username, body["password"].get<std::string>(), req.remote_address));
               return Ok({{"token", login.token}, {"expires_at", FormatTime(login.expires_at)},
                          {"user", UserJson(login.user)}});
             }),
             Dispatch::kWorker);

  // Ends the caller's session. Idempotent: an unknown or expired token is logged out already.
  router.Add("POST", "/api/v1/auth/logout", Plain([&s](Request& req) -> Result<Response> {
               MS_TRY(s.auth.Logout(BearerToken(req)));
               return Ok({{"logged_out", true}});
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/auth/me", Staff(s, [](Request&, const app::Actor& actor) -> Result<Response> {
               return Ok({{"id", actor.user_id},
                          {"username", actor.username},
                          {"display_name", actor.display_name},
                          {"role", RoleName(actor.role)},
                          {"region_id", actor.region_id},
                          {"department_id", IdOrNull(actor.department_id)},
                          {"unit_head", actor.unit_head}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
