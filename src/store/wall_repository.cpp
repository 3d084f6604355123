#include "store/wall_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kColumns =
    "w.id, w.street_id, w.region_id, w.category_id, w.content, w.phone, w.state, w.reply_due, w.reply_warn_at, "
    "w.unit_id, w.published_at, w.published_by, w.hidden_at, w.hidden_by, w.hide_reason, w.reply, w.replied_at, "
    "w.replied_by, w.reply_unit_id, w.reply_author_label, w.reply_on_time, w.appeal_id, w.created_at, w.updated_at, "
    "w.version, r.name, r.path, COALESCE(s.name, ''), COALESCE(c.name, ''), COALESCE(d.name, ''), "
    "COALESCE(a.status, '')";
constexpr std::string_view kFrom =
    " FROM wall_posts w JOIN regions r ON r.id = w.region_id LEFT JOIN regions s ON s.id = w.street_id "
    "LEFT JOIN categories c ON c.id = w.category_id LEFT JOIN departments d ON d.id = w.unit_id "
    "LEFT JOIN appeals a ON a.id = w.appeal_id";

WallPostRecord Read(const Row& row) {
  ColumnReader c(row);
  WallPostRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.region_id = c.Int();
  x.category_id = c.OptInt();
  x.content = c.Text();
  x.phone = c.Text();
  x.state = c.Text();
  x.reply_due = c.Int();
  x.reply_warn_at = c.Int();
  x.unit_id = c.OptInt();
  x.published_at = c.OptInt();
  x.published_by = c.OptInt();
  x.hidden_at = c.OptInt();
  x.hidden_by = c.OptInt();
  x.hide_reason = c.Text();
  x.reply = c.Text();
  x.replied_at = c.OptInt();
  x.replied_by = c.OptInt();
  x.reply_unit_id = c.OptInt();
  x.reply_author_label = c.Text();
  x.reply_on_time = c.OptInt32();
  x.appeal_id = c.OptInt();
  x.created_at = c.Int();
  x.updated_at = c.Int();
  x.version = c.Int();
  x.region_name = c.Text();
  x.region_path = c.Text();
  x.street_name = c.Text();
  x.category_name = c.Text();
  x.unit_name = c.Text();
  x.appeal_status = c.Text();
  return x;
}

WallPostEventRecord ReadEvent(const Row& row) {
  ColumnReader c(row);
  WallPostEventRecord e;
  e.id = c.Int();
  e.wall_post_id = c.Int();
  e.street_id = c.OptInt();
  e.at = c.Int();
  e.actor_id = c.OptInt();
  e.actor_label = c.Text();
  e.action = c.Text();
  e.from_state = c.Text();
  e.to_state = c.Text();
  e.note = c.Text();
  e.data = c.Text();
  return e;
}

WallPostNoticeRecord ReadNotice(const Row& row) {
  ColumnReader c(row);
  WallPostNoticeRecord n;
  n.id = c.Int();
  n.wall_post_id = c.Int();
  n.street_id = c.OptInt();
  n.unit_id = c.OptInt();
  n.kind = c.Text();
  n.deadline = c.Int();
  n.issued_at = c.Int();
  n.note = c.Text();
  return n;
}

// The filter's scope and search, without its states, overdue instant or paging.
Conditions ScopeConditions(const WallPostFilter& f) {
  Conditions where;
  if (f.street_id) where.Add("w.street_id = ?", {*f.street_id});
  if (f.region_id) where.Add("r.path LIKE (SELECT path FROM regions WHERE id = ?) || '%'", {*f.region_id});
  if (f.category_id) where.Add("w.category_id = ?", {*f.category_id});
  if (f.unit_id) where.Add("w.unit_id = ?", {*f.unit_id});
  if (f.keyword) where.Add("w.content LIKE ? ESCAPE '\\'", {ContainsPattern(*f.keyword)});
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.scope_unit_id) where.Add("w.unit_id = ?", {*f.scope_unit_id});
  return where;
}

constexpr std::string_view kOwesReply = "w.state IN ('pending', 'published')";

}  // namespace

Result<Id> InsertWallPost(Tx& tx, const WallPostRecord& x) {
  return tx.Insert(
      "INSERT INTO wall_posts (street_id, region_id, category_id, content, phone, state, reply_due, reply_warn_at, "
      "unit_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Nullable(x.street_id), x.region_id, Nullable(x.category_id), x.content, x.phone, x.state, x.reply_due,
       x.reply_warn_at, Nullable(x.unit_id), x.created_at, x.updated_at});
}

Status UpdateWallPost(Tx& tx, const WallPostRecord& x, std::int64_t expected_version) {
  MS_ASSIGN(changed,
            tx.Execute("UPDATE wall_posts SET state = ?, unit_id = ?, category_id = ?, published_at = ?, "
                       "published_by = ?, hidden_at = ?, hidden_by = ?, hide_reason = ?, reply = ?, replied_at = ?, "
                       "replied_by = ?, reply_unit_id = ?, reply_author_label = ?, reply_on_time = ?, appeal_id = ?, "
                       "updated_at = ?, version = ? WHERE id = ? AND version = ?",
                       {x.state, Nullable(x.unit_id), Nullable(x.category_id), Nullable(x.published_at),
                        Nullable(x.published_by), Nullable(x.hidden_at), Nullable(x.hidden_by), x.hide_reason,
                        x.reply, Nullable(x.replied_at), Nullable(x.replied_by), Nullable(x.reply_unit_id),
                        x.reply_author_label, Nullable(x.reply_on_time), Nullable(x.appeal_id), x.updated_at,
                        expected_version + 1, x.id, expected_version}));
  if (changed != 1) return Fail(Error::Conflict("version_conflict", "留言已被他人同时修改，请刷新后重试"));
  return {};
}

Result<std::optional<WallPostRecord>> FindWallPost(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT " + std::string(kColumns) + std::string(kFrom) + " WHERE w.id = ?", {id}));
  if (!row) return std::optional<WallPostRecord>();
  return std::optional<WallPostRecord>(Read(*row));
}

Result<OptId> FindWallPostIdOfAppeal(Tx& tx, Id appeal_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT id FROM wall_posts WHERE appeal_id = ?", {appeal_id}));
  if (!row) return OptId();
  return OptId(row->Int(0));
}

Result<WallPostPage> ListWallPosts(Tx& tx, const WallPostFilter& f) {
  Conditions where = ScopeConditions(f);
  if (!f.states.empty()) {
    Params values;
    const std::string in = InList(f.states, values);
    where.Add("w.state IN " + in, std::move(values));
  }
  if (f.overdue_at) where.Add(std::string(kOwesReply) + " AND w.reply_due < ?", {*f.overdue_at});
  MS_ASSIGN(count, tx.QueryOne("SELECT COUNT(*)" + std::string(kFrom) + where.sql(), where.params()));
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kColumns) + std::string(kFrom) + where.sql() +
                               " ORDER BY w.created_at DESC, w.id DESC LIMIT ? OFFSET ?",
                           where.PageParams(f.page, f.page_size)));
  MS_ASSIGN(items, MapRows(rows, Read));
  return WallPostPage{std::move(items), count ? count->Int(0) : 0};
}

Result<WallPostCounts> CountWallPosts(Tx& tx, const WallPostFilter& f, Timestamp now) {
  const Conditions where = ScopeConditions(f);
  Params params = where.params();
  params.insert(params.begin(), Value(now));
  MS_ASSIGN(row, tx.QueryOne("SELECT "
                             "COALESCE(SUM(CASE WHEN w.state = 'pending' THEN 1 ELSE 0 END), 0), "
                             "COALESCE(SUM(CASE WHEN w.state = 'published' THEN 1 ELSE 0 END), 0), "
                             "COALESCE(SUM(CASE WHEN w.state = 'replied' THEN 1 ELSE 0 END), 0), "
                             "COALESCE(SUM(CASE WHEN w.state = 'hidden' THEN 1 ELSE 0 END), 0), "
                             "COALESCE(SUM(CASE WHEN " + std::string(kOwesReply) +
                                 " AND w.reply_due < ? THEN 1 ELSE 0 END), 0)" +
                                 std::string(kFrom) + where.sql(),
                             params));
  WallPostCounts out;
  if (row) {
    out.pending = row->Int(0);
    out.published = row->Int(1);
    out.replied = row->Int(2);
    out.hidden = row->Int(3);
    out.overdue = row->Int(4);
  }
  return out;
}

Status AppendWallPostEvent(Tx& tx, const WallPostEventRecord& e) {
  MS_TRY(tx.Insert("INSERT INTO wall_post_events (wall_post_id, street_id, at, actor_id, actor_label, action, "
                   "from_state, to_state, note, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {e.wall_post_id, Nullable(e.street_id), e.at, Nullable(e.actor_id), e.actor_label, e.action,
                    e.from_state, e.to_state, e.note, e.data}));
  return {};
}

Result<std::vector<WallPostEventRecord>> ListWallPostEvents(Tx& tx, Id wall_post_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, wall_post_id, street_id, at, actor_id, actor_label, action, from_state, "
                           "to_state, note, data FROM wall_post_events WHERE wall_post_id = ? ORDER BY id",
                           {wall_post_id}));
  return MapRows(rows, ReadEvent);
}

Result<bool> InsertWallPostNoticeIfAbsent(Tx& tx, const WallPostNoticeRecord& n) {
  MS_ASSIGN(changed, tx.Execute("INSERT INTO wall_post_notices (wall_post_id, street_id, unit_id, kind, deadline, "
                                "issued_at, note) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (wall_post_id, kind, deadline) DO NOTHING",
                                {n.wall_post_id, Nullable(n.street_id), Nullable(n.unit_id), n.kind, n.deadline,
                                 n.issued_at, n.note}));
  return changed == 1;
}

Result<std::vector<WallPostNoticeRecord>> ListWallPostNotices(Tx& tx, Id wall_post_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, wall_post_id, street_id, unit_id, kind, deadline, issued_at, note "
                           "FROM wall_post_notices WHERE wall_post_id = ? ORDER BY id",
                           {wall_post_id}));
  return MapRows(rows, ReadNotice);
}

Result<std::vector<Id>> ListOverdueWallPostIds(Tx& tx, Timestamp now, int limit) {
  MS_ASSIGN(rows, tx.Query("SELECT w.id FROM wall_posts w WHERE " + std::string(kOwesReply) +
                               " AND w.reply_due < ? ORDER BY w.id LIMIT ?",
                           {now, std::int64_t{limit}}));
  std::vector<Id> out;
  for (const auto& row : rows) out.push_back(row.Int(0));
  return out;
}

}  // namespace minsheng::store
