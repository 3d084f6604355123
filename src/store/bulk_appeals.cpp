#include "store/bulk_appeals.h"

#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <string_view>

#include "core/dissatisfaction.h"
#include "store/appeal_repository.h"
#include "store/rollup_repository.h"

namespace minsheng::store {
namespace {

// SQLite takes at most 32766 parameters a statement; PostgreSQL 65535.
constexpr std::size_t kMaxParams = 32000;
constexpr std::size_t kMaxRowsPerStatement = 1000;

// Rows of one table, buffered as parameters (one vector a statement) and written with multi-row INSERTs of a fixed size
// (so that the engine's statement cache keeps one prepared statement per table and size).
class TableRows {
 public:
  TableRows(std::string_view table, std::vector<std::string_view> columns)
      : table_(table), columns_(std::move(columns)) {
    per_statement_ = std::min(kMaxRowsPerStatement, kMaxParams / columns_.size());
    full_sql_ = Sql(per_statement_);
  }

  // Appends one row; its values in column order.
  template <typename... V>
  void Add(V&&... values) {
    static_assert(sizeof...(V) > 0);
    if (chunks_.empty() || chunks_.back().size() == per_statement_ * columns_.size()) {
      chunks_.emplace_back();
      chunks_.back().reserve(per_statement_ * columns_.size());
    }
    Params& chunk = chunks_.back();
    (chunk.emplace_back(std::forward<V>(values)), ...);
  }

  // Writes the rows. A last chunk that is not full goes out in statements of power-of-two sizes, so that a load's
  // batches reuse a few prepared statements instead of preparing one of a new size each time (a statement of
  // 32,000 parameters takes milliseconds to prepare).
  Status Flush(Tx& tx) {
    for (Params& chunk : chunks_) {
      const std::size_t n = chunk.size() / columns_.size();
      if (n == per_statement_) {
        MS_TRY(tx.Execute(full_sql_, chunk));
        continue;
      }
      std::size_t done = 0;
      for (std::size_t size = std::bit_floor(n); done < n; size /= 2) {
        if (n - done < size) continue;
        const auto first = chunk.begin() + static_cast<std::ptrdiff_t>(done * columns_.size());
        const auto last = first + static_cast<std::ptrdiff_t>(size * columns_.size());
        MS_TRY(tx.Execute(Sql(size), Params(std::make_move_iterator(first), std::make_move_iterator(last))));
        done += size;
      }
    }
    chunks_.clear();
    return {};
  }

 private:
  std::string Sql(std::size_t rows) const {
    std::string head = "INSERT INTO " + std::string(table_) + " (";
    std::string tuple = "(";
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      head += (i ? ", " : "") + std::string(columns_[i]);
      tuple += i ? ", ?" : "?";
    }
    tuple += ")";
    std::string sql = head + ") VALUES ";
    sql.reserve(sql.size() + rows * (tuple.size() + 2));
    for (std::size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + tuple;
    return sql;
  }

  std::string_view table_;
  std::vector<std::string_view> columns_;
  std::size_t per_statement_ = 1;
  std::string full_sql_;
  std::vector<Params> chunks_;  // each holds the parameters of one statement
};

Value Flag(bool b) { return std::int64_t{b ? 1 : 0}; }

}  // namespace

Result<BulkIds> NextBulkIds(Database& db) {
  BulkIds ids;
  MS_TRY(db.Read([&](Tx& tx) -> Status {
    std::array<Id*, 8> next = {&ids.appeal,   &ids.event, &ids.dispatch,  &ids.reply,
                               &ids.callback, &ids.cause, &ids.extension, &ids.notice};
    for (std::size_t i = 0; i < kBulkTables.size(); ++i) {
      MS_ASSIGN(row, tx.QueryOne("SELECT COALESCE(MAX(id), 0) + 1 FROM " + std::string(kBulkTables[i])));
      *next[i] = row ? row->Int(0) : 1;
    }
    return {};
  }));
  return ids;
}

struct BulkBatch::Rows {
  TableRows appeals{"appeals",
                    {"id",
                     "receipt_code",
                     "title",
                     "content",
                     "channel",
                     "region_id",
                     "street_id",
                     "category_id",
                     "address",
                     "anonymous",
                     "appellant_name",
                     "appellant_phone",
                     "status",
                     "version",
                     "created_at",
                     "updated_at",
                     "created_by",
                     "lead_unit_id",
                     "case_owner_id",
                     "deputy_id",
                     "merged_into_id",
                     "dispatched_at",
                     "accept_due",
                     "contact_due",
                     "reply_due",
                     "resolve_due",
                     "escalate_due",
                     "accepted_at",
                     "first_contact_at",
                     "first_contact_on_time",
                     "replied_at",
                     "reply_on_time",
                     "closed_at",
                     "closed_on_time",
                     "callback_count",
                     "last_resolved",
                     "last_satisfaction",
                     "reopen_count",
                     "dissatisfied_count",
                     "escalated_to_leader_at",
                     "duty_shift_id",
                     "current_due",
                     "sweep_due"}};
  TableRows events{"events",
                   {"id", "appeal_id", "street_id", "seq", "at", "actor_id", "actor_label", "action", "from_status",
                    "to_status", "note", "data"}};
  TableRows dispatches{"dispatches",
                       {"id", "appeal_id", "street_id", "unit_id", "role", "active", "dispatched_at", "dispatched_by",
                        "ended_at", "end_reason"}};
  TableRows replies{"replies", {"id", "appeal_id", "street_id", "unit_id", "author_id", "content", "created_at"}};
  TableRows callbacks{
      "callbacks",
      {"id", "appeal_id", "street_id", "resolved", "satisfaction", "reason", "source", "recorded_by", "created_at"}};
  TableRows causes{
      "callback_causes",
      {"id", "street_id", "appeal_id", "callback_id", "unit_id", "deputy_id", "cause", "note", "created_at"}};
  TableRows extensions{"extensions",
                       {"id", "appeal_id", "street_id", "unit_id", "requested_by", "days", "reason", "status",
                        "decided_by", "decided_at", "decision_note", "created_at"}};
  TableRows notices{"supervision_notices",
                    {"id", "appeal_id", "street_id", "unit_id", "kind", "deadline", "issued_at", "note"}};
  std::vector<AppealTally> tallies;
};

BulkBatch::BulkBatch() = default;
BulkBatch::BulkBatch(BulkBatch&&) noexcept = default;
BulkBatch& BulkBatch::operator=(BulkBatch&&) noexcept = default;
BulkBatch::~BulkBatch() = default;
std::size_t BulkBatch::appeals() const { return rows_ ? rows_->tallies.size() : 0; }

Result<BulkBatch> PrepareBulkBatch(std::vector<AppealHistory> histories, BulkIds& ids) {
  BulkBatch out;
  out.rows_ = std::make_unique<BulkBatch::Rows>();
  BulkBatch::Rows& r = *out.rows_;
  r.tallies.reserve(histories.size());
  for (AppealHistory& h : histories) {
    AppealRecord& a = h.appeal;
    const Value street = Nullable(a.street_id);
    TallyInput side;
    for (std::size_t i = 0; i < h.callbacks.size() && i < h.callback_causes.size(); ++i)
      for (const std::string& cause : h.callback_causes[i]) {
        MS_ASSIGN(parsed, ParseCause(cause, "cause"));
        ++side.causes[static_cast<std::size_t>(parsed)];
        const CallbackRecord& c = h.callbacks[i];
        r.causes.Add(ids.cause++, street, a.id, c.id, Nullable(a.lead_unit_id), Nullable(a.deputy_id), cause,
                     parsed == DissatisfactionCause::kOther ? c.reason : std::string(), c.created_at);
      }
    side.supervised = !h.notices.empty();
    r.tallies.push_back(TallyOfRecord(a, side));
    const Value current_due = Nullable(StoredCurrentDue(a)), sweep_due = Nullable(SweepDueAfterWrite(a));
    r.appeals.Add(a.id, std::move(a.receipt_code), std::move(a.title), std::move(a.content), std::move(a.channel),
                  a.region_id, street, a.category_id, std::move(a.address), Flag(a.anonymous),
                  std::move(a.appellant_name), std::move(a.appellant_phone), std::move(a.status), a.version,
                  a.created_at, a.updated_at, Nullable(a.created_by), Nullable(a.lead_unit_id),
                  Nullable(a.case_owner_id), Nullable(a.deputy_id), Nullable(a.merged_into_id),
                  Nullable(a.dispatched_at), Nullable(a.accept_due), Nullable(a.contact_due), Nullable(a.reply_due),
                  Nullable(a.resolve_due), Nullable(a.escalate_due), Nullable(a.accepted_at),
                  Nullable(a.first_contact_at), Nullable(a.first_contact_on_time), Nullable(a.replied_at),
                  Nullable(a.reply_on_time), Nullable(a.closed_at), Nullable(a.closed_on_time),
                  std::int64_t{a.callback_count}, Nullable(a.last_resolved), Nullable(a.last_satisfaction),
                  std::int64_t{a.reopen_count}, std::int64_t{a.dissatisfied_count}, Nullable(a.escalated_to_leader_at),
                  Nullable(a.duty_shift_id), current_due, sweep_due);
    for (EventRecord& e : h.events)
      r.events.Add(e.id, a.id, street, std::int64_t{e.seq}, e.at, Nullable(e.actor_id), std::move(e.actor_label),
                   std::move(e.action), Nullable(e.from_status), Nullable(e.to_status), std::move(e.note),
                   std::move(e.data));
    for (DispatchRecord& d : h.dispatches)
      r.dispatches.Add(d.id, a.id, street, d.unit_id, std::move(d.role), Flag(d.active), d.dispatched_at,
                       Nullable(d.dispatched_by), Nullable(d.ended_at), std::move(d.end_reason));
    for (ReplyRecord& x : h.replies)
      r.replies.Add(x.id, a.id, street, Nullable(x.unit_id), Nullable(x.author_id), std::move(x.content), x.created_at);
    for (CallbackRecord& c : h.callbacks)
      r.callbacks.Add(c.id, a.id, street, Flag(c.resolved), std::move(c.satisfaction), std::move(c.reason),
                      std::move(c.source), Nullable(c.recorded_by), c.created_at);
    for (ExtensionRecord& x : h.extensions)
      r.extensions.Add(x.id, a.id, street, Nullable(x.unit_id), Nullable(x.requested_by), std::int64_t{x.days},
                       std::move(x.reason), std::move(x.status), Nullable(x.decided_by), Nullable(x.decided_at),
                       std::move(x.decision_note), x.created_at);
    for (NoticeRecord& n : h.notices)
      r.notices.Add(n.id, a.id, street, Nullable(n.unit_id), std::move(n.kind), n.deadline, n.issued_at,
                    std::move(n.note));
  }
  return out;
}

Status WriteBulkBatch(Database& db, BulkBatch& batch) {
  if (batch.appeals() == 0) return {};
  BulkBatch::Rows& r = *batch.rows_;
  return db.Write([&](Tx& tx) -> Status {
    // PostgreSQL: the load's commits do not wait for the WAL's flush (SQLite's writer is set by SetBulkLoad).
    if (db.Engine() == "postgresql") MS_TRY(tx.Execute("SET LOCAL synchronous_commit = off"));
    for (TableRows* t :
         {&r.appeals, &r.events, &r.dispatches, &r.replies, &r.callbacks, &r.causes, &r.extensions, &r.notices})
      MS_TRY(t->Flush(tx));
    return AddTalliesToRollups(tx, r.tallies);
  });
}

Status WriteAppealHistories(Database& db, std::vector<AppealHistory> batch) {
  MS_ASSIGN(ids, NextBulkIds(db));
  MS_ASSIGN(prepared, PrepareBulkBatch(std::move(batch), ids));
  return WriteBulkBatch(db, prepared);
}

Status BeginBulkLoad(Database& db, std::int64_t appeals) {
  MS_TRY(db.SetBulkLoad(true));
  MS_ASSIGN(held, ReadValue<std::int64_t>(db, [](Tx& tx) -> Result<std::int64_t> {
              MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM appeals"));
              return row ? row->Int(0) : 0;
            }));
  if (appeals > held) MS_TRY(SuspendBulkIndexes(db));
  return {};
}

Status FinishBulkLoad(Database& db, const IndexProgress& progress) {
  MS_TRY(RestoreBulkIndexes(db, progress));
  if (db.Engine() == "postgresql")
    MS_TRY(db.Write([&](Tx& tx) -> Status {
      for (std::string_view table : kBulkTables) {
        const std::string name(table);
        MS_TRY(tx.Query("SELECT setval(pg_get_serial_sequence('" + name +
                        "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 "
                        "FROM " +
                        name + "), false)"));
      }
      return {};
    }));
  return db.SetBulkLoad(false);
}

}  // namespace minsheng::store
