// The message wall (民情回音墙, issue 12): /api/v1/public/wall for residents (post without signing in,
// rate-limited per address; read the published posts and their replies) and /api/v1/wall for staff (the
// moderation queue, a post's detail, publish, hide, reply, turn into an appeal).
#include <nlohmann/json.hpp>

#include "api/handler_support.h"
#include "api/json_body.h"
#include "api/routes.h"
#include "api/wall_json.h"

namespace minsheng::api {
namespace {

using app::Actor;
using nlohmann::json;

constexpr std::size_t kContentMax = 1000;
constexpr std::size_t kReplyMax = 2000;

Result<app::WallQuery> ReadQuery(const Request& req, bool staff) {
  app::WallQuery q;
  MS_ASSIGN(page, QueryPage(req));
  MS_ASSIGN(state, QueryString(req, "state", 20));
  MS_ASSIGN(street_id, QueryId(req, "street_id"));
  MS_ASSIGN(category_id, QueryId(req, "category_id"));
  MS_ASSIGN(keyword, QueryString(req, "q", 50));
  q.page = page.page;
  q.page_size = page.page_size;
  q.tab = state;
  q.street_id = street_id;
  q.category_id = category_id;
  q.keyword = keyword;
  if (staff) {
    MS_ASSIGN(region_id, QueryId(req, "region_id"));
    MS_ASSIGN(unit_id, QueryId(req, "unit_id"));
    q.region_id = region_id;
    q.unit_id = unit_id;
  }
  return q;
}

json PageJson(json items, std::int64_t total, const app::WallQuery& q) {
  return {{"items", std::move(items)}, {"total", total}, {"page", q.page}, {"page_size", q.page_size}};
}

// A step's answer: the post as the caller sees it after the step (the phone masked).
Response StepAnswer(ApiServices& s, const Actor& actor, const app::WallPostDetail& d) {
  return Ok(WallPostDetailJson(d, s.clock.Now(), false, s.wall.AllowedActions(actor, d.post)));
}

}  // namespace

void AddWallRoutes(Router& router, ApiServices& s) {
  // {content, region_id, category_id?, phone?} → 201 {id}: pending until a moderator publishes it.
  router.Add("POST", "/api/v1/public/wall", Plain([&s](Request& req) -> Result<Response> {
               if (!s.public_wall_posts.Allow(req.remote_address))
                 return Fail(Error{ErrorKind::kRateLimited, "rate_limited", "留言过于频繁，请稍后再试", "", {}});
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(content, RequiredString(body, "content", kContentMax));
               MS_ASSIGN(region_id, RequiredInt64(body, "region_id", 1));
               MS_ASSIGN(category_id, OptionalInt64(body, "category_id", 1));
               MS_ASSIGN(phone, OptionalString(body, "phone", 20));
               MS_ASSIGN(post, s.wall.Post({.content = content, .region_id = region_id, .category_id = category_id,
                                            .phone = phone.value_or("")}));
               return Created({{"id", post.id},
                               {"state", post.state},
                               {"reply_due", FormatTime(post.reply_due)}});
             }),
             Dispatch::kWorker);

  // The wall: published posts and their replies, newest first; ?street_id= &category_id= &q= &state=replied.
  router.Add("GET", "/api/v1/public/wall", Plain([&s](Request& req) -> Result<Response> {
               MS_ASSIGN(query, ReadQuery(req, false));
               MS_ASSIGN(page, s.wall.ListPublic(query));
               const Timestamp now = s.clock.Now();
               json items = json::array();
               for (const auto& post : page.items) items.push_back(PublicWallPostJson(post, now));
               return Ok(PageJson(std::move(items), page.total, query));
             }),
             Dispatch::kWorker);

  // The moderation queue: ?state=pending|published|replied|hidden|overdue and the wall's filters, with
  // the count of each tab.
  router.Add("GET", "/api/v1/wall", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(query, ReadQuery(req, true));
               MS_ASSIGN(page, s.wall.List(actor, query));
               const Timestamp now = s.clock.Now();
               json items = json::array();
               for (const auto& post : page.items)
                 items.push_back(WallPostJson(post, now, false, s.wall.AllowedActions(actor, post)));
               json out = PageJson(std::move(items), page.total, query);
               out["counts"] = {{"pending", page.counts.pending},
                                {"published", page.counts.published},
                                {"replied", page.counts.replied},
                                {"hidden", page.counts.hidden},
                                {"overdue", page.counts.overdue}};
               return Ok(out);
             }),
             Dispatch::kWorker);

  router.Add("GET", "/api/v1/wall/{id}", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(detail, s.wall.Get(actor, id));
               return Ok(WallPostDetailJson(detail, s.clock.Now(), app::WallService::MaySeePhone(actor, detail.post),
                                            s.wall.AllowedActions(actor, detail.post)));
             }),
             Dispatch::kWorker);

  // {unit_id?, category_id?, note?}: note is required to republish a hidden post.
  router.Add("POST", "/api/v1/wall/{id}/publish", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(unit_id, OptionalInt64(body, "unit_id", 1));
               MS_ASSIGN(category_id, OptionalInt64(body, "category_id", 1));
               MS_ASSIGN(note, OptionalString(body, "note", 500));
               MS_ASSIGN(detail, s.wall.Publish(actor, id, {.unit_id = unit_id, .category_id = category_id,
                                                            .note = note.value_or("")}));
               return StepAnswer(s, actor, detail);
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/wall/{id}/hide", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(reason, OptionalString(body, "reason", 500));
               MS_ASSIGN(detail, s.wall.Hide(actor, id, reason.value_or("")));
               return StepAnswer(s, actor, detail);
             }),
             Dispatch::kWorker);

  router.Add("POST", "/api/v1/wall/{id}/reply", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(content, OptionalString(body, "content", kReplyMax));
               MS_ASSIGN(detail, s.wall.Reply(actor, id, content.value_or("")));
               return StepAnswer(s, actor, detail);
             }),
             Dispatch::kWorker);

  // {category_id?, title?} → 201 {wall_post, appeal}.
  router.Add("POST", "/api/v1/wall/{id}/appeal", Staff(s, [&s](Request& req, const Actor& actor) -> Result<Response> {
               MS_ASSIGN(id, PathId(req));
               MS_ASSIGN(body, ParseJsonObject(req.body));
               MS_ASSIGN(category_id, OptionalInt64(body, "category_id", 1));
               MS_ASSIGN(title, OptionalString(body, "title", 100));
               MS_ASSIGN(result, s.wall.TurnIntoAppeal(actor, id, {.category_id = category_id,
                                                                   .title = title.value_or("")}));
               const auto& a = result.appeal;
               return Created({{"wall_post", WallPostDetailJson(result.detail, s.clock.Now(), false,
                                                                s.wall.AllowedActions(actor, result.detail.post))},
                               {"appeal", {{"id", a.id}, {"receipt_code", a.receipt_code}, {"status", a.status},
                                           {"channel", a.channel}}}});
             }),
             Dispatch::kWorker);
}

}  // namespace minsheng::api
