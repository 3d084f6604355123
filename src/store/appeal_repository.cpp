#include "store/appeal_repository.h"

#include "core/overdue.h"
#include "store/rollup_repository.h"
#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

// A deputy's scope over appeals `a` (as app's InDeputyScope decides it for one appeal): the cases they follow,
// those they registered, and those followed by a deputy they assist.
struct DeputyScope {
  std::string clause;
  // Issue 13: the same, tested on each appeal of a list walked in its order (ListAppeals, Few): SQLite's unary +
  // keeps it from choosing the deputy's indexes for it.
  std::string dense_clause;
  // Each alternative of `clause` alone (the ORed conditions), for the capped count.
  std::vector<std::string> parts;
};

// The ids are written into the SQL, the assisted deputies read first: PostgreSQL cannot estimate `deputy_id IN
// (SELECT …)` (it took half the table to match), nor `created_by = $1` in the generic plan it keeps for a prepared
// statement after five runs; either way it walked `appeals` for the capped count (~150 ms at 1M). With the values
// it ORs the deputy's two indexes (~30 ms). Each deputy's lists are then statements of their own in the
// connections' caches.
Result<DeputyScope> DeputyScopeOf(Tx& tx, Id user_id) {
  MS_ASSIGN(rows,
            tx.Query("SELECT deputy_id FROM deputy_assistants WHERE assistant_id = ? ORDER BY deputy_id", {user_id}));
  std::string assisted;
  for (const Row& r : rows) assisted += (assisted.empty() ? "" : ", ") + std::to_string(r.Int(0));
  const std::string user = std::to_string(user_id);
  // The alternatives on `a` (the columns written `prefix`).
  auto alternatives = [&](const std::string& prefix) {
    std::vector<std::string> out = {prefix + "deputy_id = " + user, prefix + "created_by = " + user};
    if (!assisted.empty()) out.push_back(prefix + "deputy_id IN (" + assisted + ")");
    return out;
  };
  auto any_of = [](const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "(" : " OR ") + part;
    return out + ")";
  };
  std::vector<std::string> parts = alternatives("a.");
  return DeputyScope{.clause = any_of(parts), .dense_clause = any_of(alternatives("+a.")), .parts = std::move(parts)};
}

constexpr std::string_view kAppealColumns =
    "a.id, a.receipt_code, a.title, a.content, a.channel, a.region_id, a.street_id, a.category_id, a.address, "
    "a.anonymous, a.appellant_name, a.appellant_phone, a.status, a.version, a.created_at, a.updated_at, "
    "a.created_by, a.lead_unit_id, a.case_owner_id, a.deputy_id, a.merged_into_id, a.dispatched_at, "
    "a.accept_due, a.contact_due, a.reply_due, a.resolve_due, a.escalate_due, a.accepted_at, "
    "a.first_contact_at, a.first_contact_on_time, a.replied_at, a.reply_on_time, a.closed_at, "
    "a.closed_on_time, a.callback_count, a.last_resolved, a.last_satisfaction, a.reopen_count, "
    "a.dissatisfied_count, a.escalated_to_leader_at, a.duty_shift_id";

AppealRecord ReadAppeal(const Row& r) {
  ColumnReader c(r);
  AppealRecord a;
  a.id = c.Int();
  a.receipt_code = c.Text();
  a.title = c.Text();
  a.content = c.Text();
  a.channel = c.Text();
  a.region_id = c.Int();
  a.street_id = c.OptInt();
  a.category_id = c.Int();
  a.address = c.Text();
  a.anonymous = c.Int() != 0;
  a.appellant_name = c.Text();
  a.appellant_phone = c.Text();
  a.status = c.Text();
  a.version = c.Int();
  a.created_at = c.Int();
  a.updated_at = c.Int();
  a.created_by = c.OptInt();
  a.lead_unit_id = c.OptInt();
  a.case_owner_id = c.OptInt();
  a.deputy_id = c.OptInt();
  a.merged_into_id = c.OptInt();
  a.dispatched_at = c.OptInt();
  a.accept_due = c.OptInt();
  a.contact_due = c.OptInt();
  a.reply_due = c.OptInt();
  a.resolve_due = c.OptInt();
  a.escalate_due = c.OptInt();
  a.accepted_at = c.OptInt();
  a.first_contact_at = c.OptInt();
  a.first_contact_on_time = c.OptInt32();
  a.replied_at = c.OptInt();
  a.reply_on_time = c.OptInt32();
  a.closed_at = c.OptInt();
  a.closed_on_time = c.OptInt32();
  a.callback_count = static_cast<int>(c.Int());
  a.last_resolved = c.OptInt32();
  a.last_satisfaction = c.OptText();
  a.reopen_count = static_cast<int>(c.Int());
  a.dissatisfied_count = static_cast<int>(c.Int());
  a.escalated_to_leader_at = c.OptInt();
  a.duty_shift_id = c.OptInt();
  return a;
}

Result<std::optional<AppealRecord>> FindAppealWhere(Tx& tx, std::string_view where, const Params& params) {
  std::string sql = "SELECT " + std::string(kAppealColumns) + " FROM appeals a WHERE " + std::string(where);
  MS_ASSIGN(row, tx.QueryOne(sql, params));
  if (!row) return std::optional<AppealRecord>{};
  return std::optional<AppealRecord>(ReadAppeal(*row));
}

EventRecord ReadEvent(const Row& r) {
  ColumnReader c(r);
  EventRecord e;
  e.id = c.Int();
  e.appeal_id = c.Int();
  e.seq = static_cast<int>(c.Int());
  e.at = c.Int();
  e.actor_id = c.OptInt();
  e.actor_label = c.Text();
  e.action = c.Text();
  e.from_status = c.OptText();
  e.to_status = c.OptText();
  e.note = c.Text();
  e.data = c.Text();
  return e;
}

DispatchRecord ReadDispatch(const Row& r) {
  ColumnReader c(r);
  DispatchRecord d;
  d.id = c.Int();
  d.appeal_id = c.Int();
  d.unit_id = c.Int();
  d.role = c.Text();
  d.active = c.Int() != 0;
  d.dispatched_at = c.Int();
  d.dispatched_by = c.OptInt();
  d.ended_at = c.OptInt();
  d.end_reason = c.Text();
  return d;
}

ReplyRecord ReadReply(const Row& r) {
  ColumnReader c(r);
  ReplyRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.unit_id = c.OptInt();
  x.author_id = c.OptInt();
  x.content = c.Text();
  x.created_at = c.Int();
  x.flaws = c.Text();
  return x;
}

CallbackRecord ReadCallback(const Row& r) {
  ColumnReader c(r);
  CallbackRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.resolved = c.Int() != 0;
  x.satisfaction = c.Text();
  x.reason = c.Text();
  x.source = c.Text();
  x.recorded_by = c.OptInt();
  x.created_at = c.Int();
  return x;
}

constexpr std::string_view kExtensionColumns =
    "id, appeal_id, unit_id, requested_by, days, reason, status, decided_by, decided_at, decision_note, "
    "created_at";

ExtensionRecord ReadExtension(const Row& r) {
  ColumnReader c(r);
  ExtensionRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.unit_id = c.OptInt();
  x.requested_by = c.OptInt();
  x.days = static_cast<int>(c.Int());
  x.reason = c.Text();
  x.status = c.Text();
  x.decided_by = c.OptInt();
  x.decided_at = c.OptInt();
  x.decision_note = c.Text();
  x.created_at = c.Int();
  return x;
}

constexpr std::string_view kNoticeColumns = "n.id, n.appeal_id, n.unit_id, n.kind, n.deadline, n.issued_at, n.note";

NoticeRecord ReadNotice(const Row& r) {
  ColumnReader c(r);
  NoticeRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.unit_id = c.OptInt();
  x.kind = c.Text();
  x.deadline = c.Int();
  x.issued_at = c.Int();
  x.note = c.Text();
  return x;
}

}  // namespace

Result<std::optional<AppealRecord>> FindAppeal(Tx& tx, Id id) {
  return FindAppealWhere(tx, "a.id = ?", {id});
}

Result<std::optional<AppealStamp>> FindAppealStamp(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT a.version, COALESCE(d.review_replies, 0) FROM appeals a "
                             "LEFT JOIN departments d ON d.id = a.lead_unit_id WHERE a.id = ?",
                             {id}));
  if (!row) return std::optional<AppealStamp>{};
  return std::optional<AppealStamp>(AppealStamp{row->Int(0), row->Int(1) != 0});
}

Result<std::optional<AppealRecord>> FindAppealByReceiptCode(Tx& tx, const std::string& receipt_code) {
  return FindAppealWhere(tx, "a.receipt_code = ?", {receipt_code});
}

// core/overdue.h CurrentDue of the record as it will be stored (appeals.current_due).
std::optional<Timestamp> StoredCurrentDue(const AppealRecord& a) {
  auto state = ParseState(a.status);
  if (!state) return std::nullopt;
  return CurrentDue(*state, {a.accept_due, a.contact_due, a.reply_due, a.resolve_due});
}

// appeals.sweep_due after a write: an appeal its units work on is looked at by the next sweep, which sets the
// instant it next owes something (SetSweepDue); any other the sweep leaves alone.
std::optional<Timestamp> SweepDueAfterWrite(const AppealRecord& a) {
  if (a.status == "dispatched" || a.status == "accepted" || a.status == "in_progress") return a.updated_at;
  return std::nullopt;
}

Result<Id> InsertAppeal(Tx& tx, const AppealRecord& appeal) {
  MS_ASSIGN(id, ReserveAppealIdLater(tx).Get());
  AppealRecord a = appeal;
  a.id = id;
  MS_TRY(InsertAppealLater(tx, a));
  MS_TRY(tx.Flush());
  return id;
}

Later<Id> ReserveAppealIdLater(Tx& tx) {
  const char* sql = tx.Engine() == "postgresql" ? "SELECT nextval(pg_get_serial_sequence('appeals', 'id'))"
                                                : "SELECT COALESCE(MAX(id), 0) + 1 FROM appeals";
  return Later<Id>(tx.QueryLater(sql), [](const std::vector<Row>& rows) -> Result<Id> {
    if (rows.empty()) return Fail(Error::Internal("无法分配诉求编号"));
    return rows.front().Int(0);
  });
}

Status InsertAppealLater(Tx& tx, const AppealRecord& a) {
  // The columns an intake sets; the rest keep their defaults.
  static constexpr char kInsertSql[] =
      "INSERT INTO appeals (id, receipt_code, title, content, channel, region_id, street_id, category_id, address, "
      "anonymous, appellant_name, appellant_phone, status, version, created_at, updated_at, created_by, duty_shift_id, "
      "current_due, sweep_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)";
  MS_TRY(tx.ExecuteLater(
      kInsertSql, {a.id, a.receipt_code, a.title, a.content, a.channel, a.region_id, Nullable(a.street_id),
                   a.category_id, a.address, std::int64_t{a.anonymous}, a.appellant_name, a.appellant_phone, a.status,
                   a.created_at, a.updated_at, Nullable(a.created_by), Nullable(a.duty_shift_id),
                   Nullable(StoredCurrentDue(a)), Nullable(SweepDueAfterWrite(a))}));
  return AppendTallyChange(tx, std::nullopt, TallyOfRecord(a));
}

Status UpdateAppeal(Tx& tx, const AppealRecord& a, std::int64_t expected_version) {
  // The counts change from the stored row to this one; the facts kept in other tables (repeats, notices,
  // causes) are the same on both sides, so they are read only when the appeal moves to another group.
  MS_ASSIGN(before, ReadAppealTally(tx, a.id, /*with_side_facts=*/false));
  MS_ASSIGN(
      changed,
      tx.Execute("UPDATE appeals SET status = ?, version = ?, updated_at = ?, lead_unit_id = ?, case_owner_id = ?, "
                 "deputy_id = ?, merged_into_id = ?, dispatched_at = ?, accept_due = ?, contact_due = ?, "
                 "reply_due = ?, resolve_due = ?, escalate_due = ?, accepted_at = ?, first_contact_at = ?, "
                 "first_contact_on_time = ?, replied_at = ?, reply_on_time = ?, closed_at = ?, closed_on_time = ?, "
                 "callback_count = ?, last_resolved = ?, last_satisfaction = ?, reopen_count = ?, "
                 "dissatisfied_count = ?, escalated_to_leader_at = ?, current_due = ?, sweep_due = ? WHERE id = ? AND "
                 "version = ?",
                 {a.status,
                  expected_version + 1,
                  a.updated_at,
                  Nullable(a.lead_unit_id),
                  Nullable(a.case_owner_id),
                  Nullable(a.deputy_id),
                  Nullable(a.merged_into_id),
                  Nullable(a.dispatched_at),
                  Nullable(a.accept_due),
                  Nullable(a.contact_due),
                  Nullable(a.reply_due),
                  Nullable(a.resolve_due),
                  Nullable(a.escalate_due),
                  Nullable(a.accepted_at),
                  Nullable(a.first_contact_at),
                  Nullable(a.first_contact_on_time),
                  Nullable(a.replied_at),
                  Nullable(a.reply_on_time),
                  Nullable(a.closed_at),
                  Nullable(a.closed_on_time),
                  std::int64_t{a.callback_count},
                  Nullable(a.last_resolved),
                  Nullable(a.last_satisfaction),
                  std::int64_t{a.reopen_count},
                  std::int64_t{a.dissatisfied_count},
                  Nullable(a.escalated_to_leader_at),
                  Nullable(StoredCurrentDue(a)),
                  Nullable(SweepDueAfterWrite(a)),
                  a.id,
                  expected_version}));
  if (changed != 1)
    return Fail(Error::Conflict("version_conflict", "诉求已被他人同时修改，请刷新后重试"));
  AppealTally after = TallyOfRecord(a);
  if (before && before->group != after.group) {
    MS_ASSIGN(side, ReadAppealTally(tx, a.id, /*with_side_facts=*/true));
    CopySideFacts(side->input, before->input);
    CopySideFacts(side->input, after.input);
  }
  return AppendTallyChange(tx, before, after);
}

namespace {

// Issue 13: a condition that an index can answer alone (the region tree, the dispatches, a deputy's appeals) is
// spelled one of two ways, by how many appeals it matches, probed first (at most kFew + 1 index entries read):
// few, so that the database finds them through that index and sorts them; many, with unary + keeping SQLite
// from that index, so that it walks the list's order and tests each appeal (a page is found after a few).
constexpr std::int64_t kFew = 2000;
// An overdue list counts as few up to ten times as many: its page sorts only the ids and creation times that
// appeals_current_due holds, then reads its 20 rows (10M, 4,010 overdue: 2–4 ms; sorting every column of each:
// 31–51 ms; walking appeals_created newest first for them: 60–260 ms).
constexpr std::int64_t kFewOverdue = 20000;

// The conditions of a list as its page query spells them and as its count does: the count goes through the
// condition's own index where that reads fewer rows than the page's walk would (a region, a deputy's appeals).
// `due`: the same conditions for a walk of the open appeals by their deadline (appeals_current_due: the sort=due
// list's due part, and an overdue list when few are overdue). There an equality on one of the appeal's columns is
// spelled so that no index serves it: at 1M appeals SQLite otherwise walks a street's 300,000 appeals by
// appeals_street_created and sorts them (2.7 s) rather than the ~9,000 open ones in deadline order, filtered.
struct ListConditions {
  Conditions page, count, due;
  void Add(std::string_view clause, const Params& values) { Add(clause, clause, clause, values); }
  void Add(std::string_view page_clause, std::string_view count_clause, const Params& values) {
    Add(page_clause, count_clause, page_clause, values);
  }
  void Add(std::string_view page_clause, std::string_view count_clause, std::string_view due_clause,
           const Params& values) {
    page.Add(page_clause, values);
    count.Add(count_clause, values);
    due.Add(due_clause, values);
  }
  // a.<column> = value, for an integer column.
  void AddEqual(const std::string& column, Value value) {
    const std::string clause = "a." + column + " = ?";
    Add(clause, clause, "+" + clause, {std::move(value)});
  }
  // a.<column> = value, for a text column (PostgreSQL has no unary + for text).
  void AddEqualText(const std::string& column, Value value) {
    const std::string clause = "a." + column + " = ?";
    Add(clause, clause, "a." + column + " || '' = ?", {std::move(value)});
  }
};

Result<bool> Few(Tx& tx, const std::string& from_where, const Params& params, std::int64_t few = kFew) {
  Params p = params;
  p.push_back(few + 1);
  MS_ASSIGN(n, tx.QueryOne("SELECT COUNT(*) FROM (SELECT 1 " + from_where + " LIMIT ?) c", p));
  return (n ? n->Int(0) : 0) <= few;
}

// Issue 13: the appeals in the region subtree under `path`, as conditions on the appeal's own columns that an
// index serves (migration 0023), not a join with the region tree: a street is its street_id
// (appeals_street_created, in the list's order); a community or a grid its street and the regions of its
// subtree: a few found in appeals_region, many by walking appeals_street_created, which holds the region.
Status AddRegionSubtree(Tx& tx, ListConditions& where, const std::string& path) {
  MS_ASSIGN(region, tx.QueryOne("SELECT level, street_id FROM regions WHERE path = ?", {path}));
  const std::string subtree = "a.region_id IN (SELECT x.id FROM regions x WHERE x.path LIKE ?)";
  if (region && region->Text(0) == "street") {
    where.AddEqual("street_id", region->Int(1));
  } else if (region && !region->IsNull(1)) {
    const std::string sql = "a.street_id = ? AND " + subtree;
    const Params params = {region->Int(1), path + "%"};
    MS_ASSIGN(few, Few(tx, "FROM appeals a WHERE " + sql, params));
    where.Add(few ? sql : "a.street_id = ? AND +" + subtree, sql, "+a.street_id = ? AND +" + subtree, params);
  } else {  // the district (or a path not in the tree)
    where.Add("+" + subtree, subtree, {path + "%"});
  }
  return {};
}

// Issue 13: the appeals dispatched (lead or assisting, now or before) to `unit`: a few found in dispatches_unit;
// many by walking the list's order, each probed there.
// Returns the clause added.
Result<std::string> AddUnit(Tx& tx, ListConditions& where, Id unit) {
  MS_ASSIGN(few, Few(tx, "FROM dispatches d WHERE d.unit_id = ?", {unit}));
  const std::string clause = few ? "a.id IN (SELECT d.appeal_id FROM dispatches d WHERE d.unit_id = ?)"
                                 : "EXISTS (SELECT 1 FROM dispatches d WHERE d.appeal_id = a.id AND d.unit_id = ?)";
  where.Add(clause, {unit});
  return clause;
}

}  // namespace

Result<AppealPage> ListAppeals(Tx& tx, const AppealFilter& f) {
  ListConditions where;
  std::string unit_clause;  // issue 13: the last unit condition, to see whether it stands alone
  // The status is added to each page query below (spelled for its index, or not), to the count here.
  if (f.status) where.count.Add("a.status = ?", {*f.status});
  if (f.department_id) {
    MS_ASSIGN(clause, AddUnit(tx, where, *f.department_id));
    unit_clause = clause;
  }
  if (f.region_id) {
    MS_ASSIGN(region, tx.QueryOne("SELECT path FROM regions WHERE id = ?", {*f.region_id}));
    if (!region) where.Add("1 = 0", {});
    else MS_TRY(AddRegionSubtree(tx, where, region->Text(0)));
  }
  if (f.category_id) where.AddEqual("category_id", *f.category_id);
  if (f.channel) where.AddEqualText("channel", *f.channel);
  bool few_overdue = false;
  if (f.overdue_at) {  // core/overdue.h, stored; issue 13: many overdue are walked newest first, not sorted
    MS_ASSIGN(few, Few(tx, "FROM appeals a WHERE a.current_due < ?", {*f.overdue_at}, kFewOverdue));
    few_overdue = few;
    where.Add(few ? "a.current_due < ?" : "+a.current_due < ?", "a.current_due < ?", "a.current_due < ?",
              {*f.overdue_at});
  }
  if (f.from) where.Add("a.created_at >= ?", {*f.from});
  if (f.to) where.Add("a.created_at < ?", {*f.to});
  if (f.query) {
    const std::string pattern = ContainsPattern(*f.query);
    where.Add("(a.title LIKE ? ESCAPE '\\' OR a.content LIKE ? ESCAPE '\\' OR a.receipt_code = ? OR a.id = ?)",
              {pattern, pattern, f.query_code.value_or(""), f.query_id.value_or(0)});
  }
  if (f.scope_path) MS_TRY(AddRegionSubtree(tx, where, *f.scope_path));
  if (f.scope_unit_id) {
    MS_ASSIGN(clause, AddUnit(tx, where, *f.scope_unit_id));
    unit_clause = clause;
  }
  if (f.scope_deputy_id) where.AddEqual("deputy_id", *f.scope_deputy_id);
  if (f.deputy_id) where.AddEqual("deputy_id", *f.deputy_id);
  DeputyScope deputy_scope;
  if (f.scope_deputy_user) {
    MS_ASSIGN(scope, DeputyScopeOf(tx, *f.scope_deputy_user));
    MS_ASSIGN(few, Few(tx, "FROM appeals a WHERE " + scope.clause, {}));
    where.Add(few ? scope.clause : scope.dense_clause, scope.clause, {});
    deputy_scope = std::move(scope);
  }
  // Issue 12: appeals waiting for an assisting opinion or for the unit head's review (a handler's: their unit's).
  if (f.awaiting == "opinion") {
    std::string sql = "EXISTS (SELECT 1 FROM appeal_opinions o JOIN dispatches od ON od.id = o.dispatch_id "
                      "WHERE o.appeal_id = a.id AND o.status = 'pending' AND od.active = 1";
    if (f.scope_unit_id) where.Add(sql + " AND o.unit_id = ?)", {*f.scope_unit_id});
    else where.Add(sql + ")", {});
  } else if (f.awaiting == "review") {
    std::string sql = "EXISTS (SELECT 1 FROM reply_reviews v WHERE v.appeal_id = a.id AND v.status = 'pending'";
    if (f.scope_unit_id) where.Add(sql + " AND v.unit_id = ?)", {*f.scope_unit_id});
    else where.Add(sql + ")", {});
  }
  if (f.created_by) where.AddEqual("created_by", *f.created_by);
  if (f.repeats_only) where.Add("EXISTS (SELECT 1 FROM appeal_repeats ar WHERE ar.appeal_id = a.id)", {});
  if (f.case_owner_id) where.Add("a.case_owner_id = ?", {*f.case_owner_id});  // issue 12, the case owner's plan
  if (f.open_only) where.Add("a.status NOT IN ('closed', 'merged', 'rejected')", {});
  // Issue 12, the dashboard's drill-down: as store/metrics_repository.cpp counts them.
  if (f.lead_unit_id) where.AddEqual("lead_unit_id", *f.lead_unit_id);
  if (f.cause) where.Add("EXISTS (SELECT 1 FROM callback_causes xc WHERE xc.appeal_id = a.id AND xc.cause = ?)", {*f.cause});
  if (f.satisfaction) where.Add("a.callback_count > 0 AND a.last_satisfaction = ?", {*f.satisfaction});
  if (f.supervised == "auto") where.Add("EXISTS (SELECT 1 FROM supervision_notices sn WHERE sn.appeal_id = a.id)", {});
  if (f.supervised == "manual")
    where.Add("EXISTS (SELECT 1 FROM manual_supervision_notices ms WHERE ms.appeal_id = a.id)", {});

  const std::string from = " FROM appeals a";
  const std::string select = "SELECT " + std::string(kAppealColumns);
  const std::int64_t offset = f.after ? 0 : std::int64_t{f.page - 1} * f.page_size;
  const auto limit = static_cast<std::size_t>(f.page_size);
  AppealPage page;
  std::vector<Row> rows;
  std::vector<std::optional<Timestamp>> dues;  // kDue: each row's sort key
  if (f.order == AppealFilter::Order::kNewest) {
    // A few overdue are found by their deadline (where.due): the page's ids first, sorted from what
    // appeals_current_due holds, then only its rows read, rather than a walk of another index.
    Conditions w = few_overdue ? where.due : where.page;
    if (f.status) w.Add(few_overdue ? "a.status || '' = ?" : "a.status = ?", {*f.status});
    if (f.after)  // by a few overdue: not a walk of appeals_created from the cursor
      w.Add(few_overdue ? "(+a.created_at, a.id) < (?, ?)" : "(a.created_at, a.id) < (?, ?)",
            {f.after->created_at, f.after->id});
    // "+": with LIMIT ? SQLite would walk appeals_created newest first, looking up each appeal (1M: 1 s a deep page).
    const std::string order =
        few_overdue ? " ORDER BY +a.created_at DESC, a.id DESC" : " ORDER BY a.created_at DESC, a.id DESC";
    const std::string sql = few_overdue ? select + from + " JOIN (SELECT a.id" + from + w.sql() + order +
                                              " LIMIT ? OFFSET ?) p ON p.id = a.id" + order
                                        : select + from + w.sql() + order + " LIMIT ? OFFSET ?";
    // PostgreSQL answers a page of a common status, category or channel by walking appeals_created and
    // filtering, with an incremental sort on id: it assumes the matches spread evenly over time. They do not
    // (the newest appeals are the open ones), and a page of closed appeals at 1M read 190,000 rows first
    // (bench/RESULTS.md). Without incremental sort only that filter's own index (…, created_at, id) gives the
    // order. The setting travels with the page query and is restored with the next statement.
    const bool own_index_order =
        tx.Engine() == "postgresql" && !few_overdue && (f.status || f.category_id || f.channel);
    if (own_index_order) MS_TRY(tx.ExecuteLater("SET LOCAL enable_incremental_sort = off"));
    MS_ASSIGN(found, tx.Query(sql, w.ParamsWith({std::int64_t{f.page_size}, offset})));
    if (own_index_order) MS_TRY(tx.ExecuteLater("SET LOCAL enable_incremental_sort TO DEFAULT"));
    rows = std::move(found);
  } else {
    // The deadline that matters in each state (core/overdue.h) first; those without one after, oldest first.
    // Two queries, so that each walks an index in its order (the due ones appeals_current_due of 0022, the rest
    // appeals_created): NULLS LAST would need a sort on SQLite. current_due is stored (core/overdue.h).
    const std::string due = "a.current_due";
    std::int64_t skip = offset;
    // A state without a deadline has no due part; with one, the due part walks appeals_current_due (the open
    // appeals only) and tests the state on each (|| '' hides the status index), rather than sorting all of a
    // state's appeals.
    bool has_due = true;
    if (f.status) {
      MS_ASSIGN(state, ParseState(*f.status));
      has_due = !DuesOf(state).empty();
    }
    if (has_due && (!f.after || f.after->due)) {
      Conditions w = where.due;
      if (f.status) w.Add("a.status || '' = ?", {*f.status});  // text: no unary + on PostgreSQL
      w.Add(due + " IS NOT NULL", {});
      if (f.after) w.Add("(a.current_due, a.created_at, a.id) > (?, ?, ?)", {*f.after->due, f.after->created_at, f.after->id});
      MS_ASSIGN(found, tx.Query(select + ", " + due + from + w.sql() +
                                    " ORDER BY " + due + ", a.created_at, a.id LIMIT ? OFFSET ?",
                                w.ParamsWith({std::int64_t{f.page_size}, skip})));
      if (!found.empty() || skip == 0) {
        skip = 0;
      } else {  // the page starts past the due ones: skip the rest of the offset among those without
        MS_ASSIGN(n, tx.QueryOne("SELECT COUNT(*)" + from + w.sql(), w.params()));
        skip = std::max<std::int64_t>(0, skip - (n ? n->Int(0) : 0));
      }
      rows = std::move(found);
    }
    if (rows.size() < limit) {
      Conditions w = where.page;
      if (f.status) w.Add("a.status = ?", {*f.status});
      w.Add(due + " IS NULL", {});
      if (f.after && !f.after->due) w.Add("(a.created_at, a.id) > (?, ?)", {f.after->created_at, f.after->id});
      MS_ASSIGN(found, tx.Query(select + ", NULL" + from + w.sql() + " ORDER BY a.created_at, a.id LIMIT ? OFFSET ?",
                                w.ParamsWith({static_cast<std::int64_t>(limit - rows.size()), skip})));
      for (auto& row : found) rows.push_back(std::move(row));
    }
    for (const auto& row : rows) dues.push_back(row.OptInt(row.size() - 1));
  }
  MS_ASSIGN(items, MapRows(rows, ReadAppeal));
  page.items = std::move(items);
  if (page.items.size() == limit) {
    const AppealRecord& last = page.items.back();
    page.next = AppealCursor{.due = dues.empty() ? std::nullopt : dues.back(), .created_at = last.created_at,
                             .id = last.id};
  }

  // The total: a short last page of an offset listing knows it; else it is counted, up to the cap (at most
  // cap + 1 matching rows read). A unit's appeals alone are counted in dispatches_unit, reading no appeal.
  if (!f.after && page.items.size() < limit && (offset == 0 || !page.items.empty())) {
    page.total = offset + static_cast<std::int64_t>(page.items.size());
  } else {
    Conditions w = where.count;
    if (few_overdue) {  // as the page: by their deadline
      w = where.due;
      if (f.status) w.Add("a.status || '' = ?", {*f.status});
    }
    const bool unit_only = !unit_clause.empty() && w.sql() == " WHERE " + unit_clause;
    const std::string matching = unit_only ? "SELECT DISTINCT d.appeal_id FROM dispatches d WHERE d.unit_id = ?"
                                           : "SELECT 1" + from + w.sql();
    // A deputy's scope alone: when one of its alternatives alone passes the cap, so does the scope, and that
    // count reads one index (PostgreSQL at 1M: the OR's count visited ~8,500 heap pages, 60-90 ms).
    bool past_cap = false;
    if (f.count_cap > 0 && !deputy_scope.parts.empty() && w.sql() == " WHERE " + deputy_scope.clause) {
      for (const std::string& part : deputy_scope.parts) {
        MS_ASSIGN(over, Few(tx, "FROM appeals a WHERE " + part, {}, f.count_cap));
        past_cap = !over;
        if (past_cap) break;
      }
    }
    if (past_cap) {
      page.total = f.count_cap;
      page.total_exact = false;
    } else if (f.count_cap <= 0) {
      MS_ASSIGN(n, tx.QueryOne("SELECT COUNT(*) FROM (" + matching + ") c", w.params()));
      page.total = n ? n->Int(0) : 0;
    } else {
      MS_ASSIGN(n, tx.QueryOne("SELECT COUNT(*) FROM (" + matching + " LIMIT ?) c", w.ParamsWith({f.count_cap + 1})));
      const std::int64_t matches = n ? n->Int(0) : 0;
      page.total = std::min(matches, f.count_cap);
      page.total_exact = matches <= f.count_cap;
    }
  }
  if (f.with_last_reply && !page.items.empty()) {
    std::vector<Id> ids;
    for (const auto& a : page.items) ids.push_back(a.id);
    MS_ASSIGN(replies, LatestReplies(tx, ids));
    page.last_replies = std::move(replies);
  }
  return page;
}

Status AppendEvent(Tx& tx, const EventRecord& e, OptId street_id) {
  return tx.ExecuteLater(
      "INSERT INTO events (appeal_id, street_id, seq, at, actor_id, actor_label, action, from_status, to_status, "
      "note, data) VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE appeal_id = ?), ?, ?, ?, ?, "
      "?, ?, ?, ?)",
      {e.appeal_id, Nullable(street_id), e.appeal_id, e.at, Nullable(e.actor_id), e.actor_label, e.action,
       Nullable(e.from_status), Nullable(e.to_status), e.note, e.data});
}

Result<std::vector<EventRecord>> ListEvents(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, appeal_id, seq, at, actor_id, actor_label, action, from_status, to_status, "
                           "note, data FROM events WHERE appeal_id = ? ORDER BY seq",
                           {appeal_id}));
  return MapRows(rows, ReadEvent);
}

Result<AppealChildren> ProbeAppealChildren(Tx& tx, Id appeal_id) {
  // Each column one index probe (every table is indexed by appeal_id first); CASE gives an integer on both
  // engines, where PostgreSQL's EXISTS alone would be a boolean.
  static constexpr std::string_view kTables[] = {
      "dispatches",          "replies",         "callbacks",       "callback_causes", "extensions",
      "supervision_notices", "deputy_contacts", "deputy_opinions", "appeal_opinions", "reply_reviews",
      "case_plan_steps",
  };
  static const std::string sql = [] {
    std::string s = "SELECT ";
    for (std::string_view table : kTables)
      s += "CASE WHEN EXISTS (SELECT 1 FROM " + std::string(table) + " WHERE appeal_id = ?) THEN 1 ELSE 0 END, ";
    s += "CASE WHEN EXISTS (SELECT 1 FROM appeal_repeats WHERE appeal_id = ?) OR EXISTS (SELECT 1 FROM "
         "appeal_repeats WHERE repeat_of_id = ?) THEN 1 ELSE 0 END, "
         "(SELECT id FROM field_logs WHERE appeal_id = ?)";
    return s;
  }();
  Params params(std::size(kTables) + 3, Value{appeal_id});
  MS_ASSIGN(row, tx.QueryOne(sql, params));
  if (!row) return Fail(Error::Internal("ProbeAppealChildren: no row"));
  ColumnReader c(*row);
  AppealChildren out;
  for (bool* flag : {&out.dispatches, &out.replies, &out.callbacks, &out.callback_causes, &out.extensions, &out.notices,
                     &out.deputy_contacts, &out.deputy_opinions, &out.opinions, &out.reply_reviews, &out.plan_steps,
                     &out.repeat_links})
    *flag = c.Int() != 0;
  out.field_log_id = c.OptInt();
  return out;
}

Result<Id> InsertDispatch(Tx& tx, const DispatchRecord& d, OptId street_id) {
  return tx.Insert(
      "INSERT INTO dispatches (appeal_id, street_id, unit_id, role, active, dispatched_at, dispatched_by) "
      "VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {d.appeal_id, Nullable(street_id), d.unit_id, d.role, d.dispatched_at, Nullable(d.dispatched_by)});
}

Status EndActiveDispatches(Tx& tx, Id appeal_id, Timestamp at, const std::string& reason) {
  MS_TRY(tx.Execute("UPDATE dispatches SET active = 0, ended_at = ?, end_reason = ? WHERE appeal_id = ? AND active = 1",
                    {at, reason, appeal_id}));
  return {};
}

Result<std::vector<DispatchRecord>> ListDispatches(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, appeal_id, unit_id, role, active, dispatched_at, dispatched_by, ended_at, "
                           "end_reason FROM dispatches WHERE appeal_id = ? ORDER BY id",
                           {appeal_id}));
  return MapRows(rows, ReadDispatch);
}

Result<Id> InsertReply(Tx& tx, const ReplyRecord& x, OptId street_id) {
  return tx.Insert(
      "INSERT INTO replies (appeal_id, street_id, unit_id, author_id, content, created_at, flaws) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.appeal_id, Nullable(street_id), Nullable(x.unit_id), Nullable(x.author_id), x.content, x.created_at, x.flaws});
}

Result<std::vector<ReplyRecord>> ListReplies(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, appeal_id, unit_id, author_id, content, created_at, flaws FROM replies "
                           "WHERE appeal_id = ? ORDER BY id",
                           {appeal_id}));
  return MapRows(rows, ReadReply);
}

Result<std::map<Id, ReplyRecord>> LatestReplies(Tx& tx, const std::vector<Id>& appeal_ids) {
  std::map<Id, ReplyRecord> out;
  if (appeal_ids.empty()) return out;
  Params params;
  const std::string in = InList(appeal_ids, params);
  MS_ASSIGN(
      rows,
      tx.Query("SELECT r.id, r.appeal_id, r.unit_id, r.author_id, r.content, r.created_at, r.flaws FROM replies r "
               "WHERE r.appeal_id IN " +
                   in +
                   " AND NOT EXISTS (SELECT 1 FROM replies n "
                   "WHERE n.appeal_id = r.appeal_id AND n.id > r.id)",
               params));
  for (const auto& row : rows) {
    ReplyRecord reply = ReadReply(row);
    out.emplace(reply.appeal_id, std::move(reply));
  }
  return out;
}

Result<Id> InsertCallback(Tx& tx, const CallbackRecord& x, OptId street_id) {
  return tx.Insert(
      "INSERT INTO callbacks (appeal_id, street_id, resolved, satisfaction, reason, source, recorded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.appeal_id, Nullable(street_id), std::int64_t{x.resolved}, x.satisfaction, x.reason, x.source,
       Nullable(x.recorded_by), x.created_at});
}

Result<std::vector<CallbackRecord>> ListCallbacks(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, appeal_id, resolved, satisfaction, reason, source, recorded_by, created_at "
                           "FROM callbacks WHERE appeal_id = ? ORDER BY id",
                           {appeal_id}));
  return MapRows(rows, ReadCallback);
}

Result<Id> InsertExtension(Tx& tx, const ExtensionRecord& x, OptId street_id) {
  return tx.Insert(
      "INSERT INTO extensions (appeal_id, street_id, unit_id, requested_by, days, reason, status, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
      {x.appeal_id, Nullable(street_id), Nullable(x.unit_id), Nullable(x.requested_by), std::int64_t{x.days},
       x.reason, x.created_at});
}

Result<std::optional<ExtensionRecord>> FindExtension(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT " + std::string(kExtensionColumns) + " FROM extensions WHERE id = ?", {id}));
  if (!row) return std::optional<ExtensionRecord>{};
  return std::optional<ExtensionRecord>(ReadExtension(*row));
}

Status DecideExtension(Tx& tx, const ExtensionRecord& x) {
  MS_ASSIGN(changed, tx.Execute("UPDATE extensions SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? "
                                "WHERE id = ? AND status = 'pending'",
                                {x.status, Nullable(x.decided_by), Nullable(x.decided_at), x.decision_note, x.id}));
  if (changed != 1) return Fail(Error::Conflict("already_decided", "该延期申请已处理"));
  return {};
}

Result<std::vector<ExtensionRecord>> ListExtensions(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kExtensionColumns) +
                               " FROM extensions WHERE appeal_id = ? ORDER BY id",
                           {appeal_id}));
  return MapRows(rows, ReadExtension);
}

Result<bool> InsertNoticeIfAbsent(Tx& tx, const NoticeRecord& n, OptId street_id) {
  bool inserted = false;
  MS_TRY(RetallyAround(tx, n.appeal_id, [&]() -> Status {  // the appeal's "supervised" count
    MS_ASSIGN(changed, tx.Execute("INSERT INTO supervision_notices (appeal_id, street_id, unit_id, kind, deadline, "
                                  "issued_at, note) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                  "ON CONFLICT (appeal_id, kind, deadline, unit_id) DO NOTHING",
                                  {n.appeal_id, Nullable(street_id), Nullable(n.unit_id), n.kind, n.deadline,
                                   n.issued_at, n.note}));
    inserted = changed == 1;
    return {};
  }));
  return inserted;
}

Result<std::vector<NoticeRecord>> ListNoticesOfAppeal(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kNoticeColumns) +
                               " FROM supervision_notices n WHERE n.appeal_id = ? ORDER BY n.id",
                           {appeal_id}));
  return MapRows(rows, ReadNotice);
}

Result<NoticePage> ListNotices(Tx& tx, const NoticeFilter& f) {
  Conditions where;
  if (f.unit_id) where.Add("n.unit_id = ?", {*f.unit_id});
  if (f.appeal_id) where.Add("n.appeal_id = ?", {*f.appeal_id});
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.scope_deputy_user) {
    MS_ASSIGN(scope, DeputyScopeOf(tx, *f.scope_deputy_user));
    where.Add(scope.clause, {});
  }
  const std::string from =
      " FROM supervision_notices n JOIN appeals a ON a.id = n.appeal_id JOIN regions r ON r.id = a.region_id";
  NoticePage page;
  MS_ASSIGN(count, tx.QueryOne("SELECT COUNT(*)" + from + where.sql(), where.params()));
  page.total = count ? count->Int(0) : 0;
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kNoticeColumns) + from + where.sql() +
                               " ORDER BY n.issued_at DESC, n.id DESC LIMIT ? OFFSET ?",
                           where.PageParams(f.page, f.page_size)));
  MS_ASSIGN(items, MapRows(rows, ReadNotice));
  page.items = std::move(items);
  return page;
}

Result<std::vector<Id>> ListAppealsDueForSweep(Tx& tx, Timestamp now, int limit) {
  MS_ASSIGN(rows, tx.Query("SELECT id FROM appeals WHERE sweep_due <= ? ORDER BY sweep_due, id LIMIT ?",
                           {now, std::int64_t{limit}}));
  return MapRows(rows, [](const Row& r) { return r.Int(0); });
}

Status SetSweepDue(Tx& tx, Id appeal_id, std::optional<Timestamp> due) {
  MS_TRY(tx.Execute("UPDATE appeals SET sweep_due = ? WHERE id = ?", {Nullable(due), appeal_id}));
  return {};
}

}  // namespace minsheng::store
