#include "store/opinion_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kOpinionColumns =
    "o.id, o.appeal_id, o.street_id, o.dispatch_id, o.unit_id, o.status, o.due_at, o.content, o.given_by, "
    "o.given_at, o.on_time, o.waived_by, o.waived_at, o.waive_reason, o.created_at, d.active, "
    "COALESCE(gu.display_name, ''), COALESCE(wu.display_name, '')";
constexpr std::string_view kOpinionFrom =
    " FROM appeal_opinions o JOIN dispatches d ON d.id = o.dispatch_id LEFT JOIN users gu ON gu.id = o.given_by "
    "LEFT JOIN users wu ON wu.id = o.waived_by";

OpinionRecord ReadOpinion(const Row& r) {
  ColumnReader c(r);
  OpinionRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.dispatch_id = c.Int();
  x.unit_id = c.Int();
  x.status = c.Text();
  x.due_at = c.Int();
  x.content = c.Text();
  x.given_by = c.OptInt();
  x.given_at = c.OptInt();
  x.on_time = c.OptInt32();
  x.waived_by = c.OptInt();
  x.waived_at = c.OptInt();
  x.waive_reason = c.Text();
  x.created_at = c.Int();
  x.active = c.Int() != 0;
  x.given_by_name = c.Text();
  x.waived_by_name = c.Text();
  return x;
}

constexpr std::string_view kReviewColumns =
    "v.id, v.appeal_id, v.street_id, v.unit_id, v.content, v.status, v.drafted_by, v.drafted_at, v.reviewed_by, "
    "v.reviewed_at, v.review_note, v.reply_id, COALESCE(du.display_name, ''), COALESCE(ru.display_name, '')";

ReplyReviewRecord ReadReview(const Row& r) {
  ColumnReader c(r);
  ReplyReviewRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.unit_id = c.Int();
  x.content = c.Text();
  x.status = c.Text();
  x.drafted_by = c.Int();
  x.drafted_at = c.Int();
  x.reviewed_by = c.OptInt();
  x.reviewed_at = c.OptInt();
  x.review_note = c.Text();
  x.reply_id = c.OptInt();
  x.drafted_by_name = c.Text();
  x.reviewed_by_name = c.Text();
  return x;
}

}  // namespace

// The deadline sweep looks at the appeal at its next tick, which finds the opinion's due (appeals.sweep_due).
static Status WatchForSweep(Tx& tx, std::string_view appeal, const Value& id) {
  MS_TRY(tx.Execute("UPDATE appeals SET sweep_due = 0 WHERE id = " + std::string(appeal) +
                        " AND status IN ('dispatched', 'accepted', 'in_progress')",
                    {id}));
  return {};
}

Result<Id> InsertOpinion(Tx& tx, const OpinionRecord& x) {
  MS_ASSIGN(id, tx.Insert("INSERT INTO appeal_opinions (appeal_id, street_id, dispatch_id, unit_id, status, due_at, "
                          "created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
                          {x.appeal_id, Nullable(x.street_id), x.dispatch_id, x.unit_id, x.due_at, x.created_at}));
  MS_TRY(WatchForSweep(tx, "?", x.appeal_id));
  return id;
}

Result<std::vector<OpinionRecord>> ListOpinions(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kOpinionColumns) + std::string(kOpinionFrom) +
                               " WHERE o.appeal_id = ? ORDER BY o.id",
                           {appeal_id}));
  return MapRows(rows, ReadOpinion);
}

Status CloseOpinion(Tx& tx, const OpinionRecord& x) {
  MS_ASSIGN(changed,
            tx.Execute("UPDATE appeal_opinions SET status = ?, content = ?, given_by = ?, given_at = ?, on_time = ?, "
                       "waived_by = ?, waived_at = ?, waive_reason = ? WHERE id = ? AND status = 'pending'",
                       {x.status, x.content, Nullable(x.given_by), Nullable(x.given_at), Nullable(x.on_time),
                        Nullable(x.waived_by), Nullable(x.waived_at), x.waive_reason, x.id}));
  if (changed != 1) return Fail(Error::Conflict("opinion_closed", "该协办意见已提交或已免于提交"));
  return {};
}

Status SetOpinionDue(Tx& tx, Id opinion_id, Timestamp due_at) {
  MS_TRY(tx.Execute("UPDATE appeal_opinions SET due_at = ? WHERE id = ? AND status = 'pending'", {due_at, opinion_id}));
  return WatchForSweep(tx, "(SELECT appeal_id FROM appeal_opinions WHERE id = ?)", opinion_id);
}

Result<std::vector<Timestamp>> ListPendingOpinionDues(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT o.due_at FROM appeal_opinions o JOIN dispatches d ON d.id = o.dispatch_id "
                           "WHERE o.appeal_id = ? AND o.status = 'pending' AND d.active = 1",
                           {appeal_id}));
  return MapRows(rows, [](const Row& r) { return r.Int(0); });
}

Result<std::vector<OpinionRecord>> ListOverdueOpinions(Tx& tx, Id appeal_id, Timestamp now) {
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kOpinionColumns) + std::string(kOpinionFrom) +
                               " WHERE o.appeal_id = ? AND o.status = 'pending' AND d.active = 1 AND o.due_at < ? "
                               "ORDER BY o.id",
                           {appeal_id, now}));
  return MapRows(rows, ReadOpinion);
}

Result<Id> InsertReplyReview(Tx& tx, const ReplyReviewRecord& x) {
  return tx.Insert(
      "INSERT INTO reply_reviews (appeal_id, street_id, unit_id, content, status, drafted_by, drafted_at) "
      "VALUES (?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
      {x.appeal_id, Nullable(x.street_id), x.unit_id, x.content, x.drafted_by, x.drafted_at});
}

Result<std::vector<ReplyReviewRecord>> ListReplyReviews(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kReviewColumns) +
                               " FROM reply_reviews v LEFT JOIN users du ON du.id = v.drafted_by "
                               "LEFT JOIN users ru ON ru.id = v.reviewed_by WHERE v.appeal_id = ? ORDER BY v.id",
                           {appeal_id}));
  return MapRows(rows, ReadReview);
}

Status DecideReplyReview(Tx& tx, const ReplyReviewRecord& x) {
  MS_ASSIGN(changed, tx.Execute("UPDATE reply_reviews SET status = ?, reviewed_by = ?, reviewed_at = ?, "
                                "review_note = ?, reply_id = ? WHERE id = ? AND status = 'pending'",
                                {x.status, Nullable(x.reviewed_by), Nullable(x.reviewed_at), x.review_note,
                                 Nullable(x.reply_id), x.id}));
  if (changed != 1) return Fail(Error::Conflict("already_decided", "该答复已审核"));
  return {};
}

Result<bool> DepartmentReviewsReplies(Tx& tx, Id department_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT review_replies FROM departments WHERE id = ?", {department_id}));
  return row && row->Int(0) != 0;
}

Status SetDepartmentReviewsReplies(Tx& tx, Id department_id, bool review) {
  MS_ASSIGN(changed, tx.Execute("UPDATE departments SET review_replies = ? WHERE id = ?",
                                {std::int64_t{review}, department_id}));
  if (changed != 1) return Fail(Error::NotFound("部门不存在", "id"));
  return {};
}

}  // namespace minsheng::store
