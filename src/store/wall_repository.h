// The message wall (tables wall_posts, wall_post_events, wall_post_notices; migration 0016): residents' posts,
// each step taken on them, and the supervision notices the deadline sweep issues for overdue ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct WallPostRecord {
  Id id = 0;
  OptId street_id;
  Id region_id = 0;
  OptId category_id;
  std::string content;
  std::string phone;   // personal data
  std::string state;   // pending | published | replied | hidden
  Timestamp reply_due = 0;
  Timestamp reply_warn_at = 0;
  OptId unit_id;
  std::optional<Timestamp> published_at;
  OptId published_by;
  std::optional<Timestamp> hidden_at;
  OptId hidden_by;
  std::string hide_reason;
  std::string reply;
  std::optional<Timestamp> replied_at;
  OptId replied_by;
  OptId reply_unit_id;
  std::string reply_author_label;
  std::optional<int> reply_on_time;
  OptId appeal_id;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  std::int64_t version = 1;
  // Read with the row, not stored in wall_posts.
  std::string region_name;
  std::string region_path;
  std::string street_name;
  std::string category_name;
  std::string unit_name;
  std::string appeal_status;  // of the appeal it was turned into, "" when none
};

struct WallPostEventRecord {
  Id id = 0;
  Id wall_post_id = 0;
  OptId street_id;
  Timestamp at = 0;
  OptId actor_id;
  std::string actor_label;
  std::string action;
  std::string from_state;
  std::string to_state;
  std::string note;
  std::string data = "{}";
};

struct WallPostNoticeRecord {
  Id id = 0;
  Id wall_post_id = 0;
  OptId street_id;
  OptId unit_id;
  std::string kind;  // reply_overdue
  Timestamp deadline = 0;
  Timestamp issued_at = 0;
  std::string note;
};

Result<Id> InsertWallPost(Tx& tx, const WallPostRecord& post);
// Stores every changeable column under the row version: kConflict "version_conflict" when someone changed the
// post since it was read.
Status UpdateWallPost(Tx& tx, const WallPostRecord& post, std::int64_t expected_version);
Result<std::optional<WallPostRecord>> FindWallPost(Tx& tx, Id id);
// The post an appeal was turned from, if any.
Result<OptId> FindWallPostIdOfAppeal(Tx& tx, Id appeal_id);

struct WallPostFilter {
  std::vector<std::string> states;         // any of these; empty: every state
  std::optional<Timestamp> overdue_at;     // only posts that owe their reply and are past due at this instant
  OptId street_id;
  OptId region_id;                         // posts in this region's subtree
  OptId category_id;
  OptId unit_id;
  std::optional<std::string> keyword;      // in the content
  std::optional<std::string> scope_path;   // the caller's region subtree
  OptId scope_unit_id;                     // a handler: only posts routed to their unit
  int page = 1;
  int page_size = 20;
};
struct WallPostPage {
  std::vector<WallPostRecord> items;
  std::int64_t total = 0;
};
Result<WallPostPage> ListWallPosts(Tx& tx, const WallPostFilter& filter);

// How many posts the filter's scope holds in each state, and how many are overdue at `now` (the staff
// queue's tabs); the filter's states, overdue_at and paging are ignored.
struct WallPostCounts {
  std::int64_t pending = 0, published = 0, replied = 0, hidden = 0, overdue = 0;
};
Result<WallPostCounts> CountWallPosts(Tx& tx, const WallPostFilter& filter, Timestamp now);

Status AppendWallPostEvent(Tx& tx, const WallPostEventRecord& event);
Result<std::vector<WallPostEventRecord>> ListWallPostEvents(Tx& tx, Id wall_post_id);

// Inserts the notice unless one exists for (post, kind, deadline); returns whether it inserted.
Result<bool> InsertWallPostNoticeIfAbsent(Tx& tx, const WallPostNoticeRecord& notice);
Result<std::vector<WallPostNoticeRecord>> ListWallPostNotices(Tx& tx, Id wall_post_id);

// Ids of posts that owe their reply and are past due at `now`, oldest first, at most `limit`.
Result<std::vector<Id>> ListOverdueWallPostIds(Tx& tx, Timestamp now, int limit);

}  // namespace minsheng::store
