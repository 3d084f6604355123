// The public message wall (民情回音墙, DESIGN.md §4, seed 004): residents post without signing in; a moderator
// (a registrar or coordinator of the post's area, or an admin) publishes, hides (with a reason; the post is
// kept) or turns a post into an appeal; a public reply is due within 7 working days of posting
// (core/wall_post.h), written by a moderator or by a handler of the unit the post was routed to when it was
// published. The deadline sweep issues a supervision notice for a post past its due (SweepWallPosts). Each
// use case is one transaction: load, check role (core/access.h) and scope, check the state table, change
// the post under its version and log the step on the post's own log.
//
// Scope: a handler sees the posts routed to their unit; every other staff role those of its region subtree.
// Out of scope answers as a missing post (404). The resident's phone (for the callback) is shown unmasked
// only in a post's detail, to moderators, supervisors and the routed unit's handlers, and that view is
// recorded in the audit log; it never reaches the public side, where long digit runs in the text are masked
// as well (RedactNumbers).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/appeal_service.h"
#include "app/calendar_cache.h"
#include "core/clock.h"
#include "core/wall_post.h"
#include "store/database.h"
#include "store/wall_repository.h"

namespace minsheng::app {

using WallPost = store::WallPostRecord;

struct WallPostInput {
  std::string content;
  store::Id region_id = 0;    // a street, community or grid
  store::OptId category_id;   // optional
  std::string phone;          // optional, for the callback
};

struct WallPublishInput {
  store::OptId unit_id;       // the unit to answer; absent: the category's default unit (none: the street office)
  store::OptId category_id;   // the moderator may classify an unclassified post
  std::string note;           // required when republishing a hidden post: why it is public again
};

struct WallAppealInput {
  store::OptId category_id;   // required when the post has none
  std::string title;          // default: the start of the content
};

// The staff queue and the public wall.
struct WallQuery {
  std::optional<std::string> tab;  // pending | published | replied | hidden | overdue; absent: all
  store::OptId street_id;
  store::OptId region_id;
  store::OptId category_id;
  store::OptId unit_id;
  std::optional<std::string> keyword;
  int page = 1;
  int page_size = 20;
};

struct WallQueuePage {
  std::vector<WallPost> items;  // newest first
  std::int64_t total = 0;
  store::WallPostCounts counts;  // per tab, over the caller's scope and the query's search (not its tab)
};

struct WallPostDetail {
  WallPost post;
  std::vector<store::WallPostEventRecord> events;
  std::vector<store::WallPostNoticeRecord> notices;
};

struct WallAppealResult {
  WallPostDetail detail;
  store::AppealRecord appeal;
};

class WallService {
 public:
  WallService(store::Database& db, const Clock& clock, const CalendarCache& calendar, AppealService& appeals);

  // A resident's post (no login): pending, its reply due in 7 working days.
  Result<WallPost> Post(const WallPostInput& input);
  // The wall: published and replied posts only, newest first (tab must be absent, published or replied).
  Result<store::WallPostPage> ListPublic(WallQuery query);

  Result<WallQueuePage> List(const Actor& actor, WallQuery query);
  // A post with its log and notices; a view of an unmasked phone is recorded in the audit log first.
  Result<WallPostDetail> Get(const Actor& actor, store::Id id);
  Result<WallPostDetail> Publish(const Actor& actor, store::Id id, const WallPublishInput& input);
  Result<WallPostDetail> Hide(const Actor& actor, store::Id id, const std::string& reason);
  Result<WallPostDetail> Reply(const Actor& actor, store::Id id, const std::string& content);
  // Registers an appeal (channel wall) from the post and links them both ways: the post names the appeal, the
  // appeal's timeline has a "wall_post" event naming the post. Once: kConflict "already_appealed" after.
  Result<WallAppealResult> TurnIntoAppeal(const Actor& actor, store::Id id, const WallAppealInput& input);

  // The API names of the steps the actor may take on the post now.
  std::vector<std::string> AllowedActions(const Actor& actor, const WallPost& post) const;
  // Whether the actor may see the resident's phone unmasked (in a post's detail).
  static bool MaySeePhone(const Actor& actor, const WallPost& post);
  // "normal", "yellow" (80% of the working time used) or "red" (overdue) for a post that owes its reply.
  static std::string_view UrgencyOf(const WallPost& post, Timestamp now);

 private:
  store::Database& db_;
  const Clock& clock_;
  const CalendarCache& calendar_;
  AppealService& appeals_;
};

// The deadline sweep's part (app/deadline_sweep.cpp): one supervision notice ("reply_overdue") for each post
// past its reply due that still owes the reply, to the unit it was routed to, with an event on the post's log.
// Idempotent: one notice per (post, kind, deadline). Returns the number of notices issued.
Result<int> SweepWallPosts(store::Database& db, Timestamp now);

}  // namespace minsheng::app
