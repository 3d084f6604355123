#include "store/consultation_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kSelect =
    "SELECT c.id, c.street_id, c.region_id, c.kind, c.title, c.description, c.step, c.refusal_rule, "
    "c.refusal_reason, c.decided_at, c.meeting_at, c.meeting_place, c.meeting_form, c.minutes, c.outcome, "
    "c.notice_days, c.published_at, c.notice_ends_at, c.lead_unit_id, c.done_at, c.created_by, c.created_at, "
    "c.updated_at, c.version, r.name, r.path FROM consultations c JOIN regions r ON r.id = c.region_id";

ConsultationRecord Read(const Row& row) {
  ColumnReader c(row);
  ConsultationRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.region_id = c.Int();
  x.kind = c.Text();
  x.title = c.Text();
  x.description = c.Text();
  x.step = c.Text();
  x.refusal_rule = c.Text();
  x.refusal_reason = c.Text();
  x.decided_at = c.OptInt();
  x.meeting_at = c.OptInt();
  x.meeting_place = c.Text();
  x.meeting_form = c.Text();
  x.minutes = c.Text();
  x.outcome = c.Text();
  x.notice_days = static_cast<int>(c.Int());
  x.published_at = c.OptInt();
  x.notice_ends_at = c.OptInt();
  x.lead_unit_id = c.OptInt();
  x.done_at = c.OptInt();
  x.created_by = c.OptInt();
  x.created_at = c.Int();
  x.updated_at = c.Int();
  x.version = c.Int();
  x.region_name = c.Text();
  x.region_path = c.Text();
  return x;
}

ConsultationTopicRecord ReadTopic(const Row& row) {
  ColumnReader c(row);
  ConsultationTopicRecord x;
  x.id = c.Int();
  x.consultation_id = c.Int();
  x.street_id = c.OptInt();
  x.source = c.Text();
  x.content = c.Text();
  x.proposer = c.Text();
  x.appeal_id = c.OptInt();
  x.created_by = c.OptInt();
  x.created_at = c.Int();
  return x;
}

constexpr std::string_view kLinkSelect =
    "SELECT l.id, l.consultation_id, l.appeal_id, l.street_id, l.linked_at, l.linked_by, l.outcome, l.action_id, "
    "a.title, a.status, a.receipt_code FROM consultation_appeals l JOIN appeals a ON a.id = l.appeal_id";

ConsultationAppealRecord ReadLink(const Row& row) {
  ColumnReader c(row);
  ConsultationAppealRecord x;
  x.id = c.Int();
  x.consultation_id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.linked_at = c.Int();
  x.linked_by = c.OptInt();
  x.outcome = c.Text();
  x.action_id = c.OptInt();
  x.appeal_title = c.Text();
  x.appeal_status = c.Text();
  x.receipt_code = c.Text();
  return x;
}

ConsultationNoteRecord ReadNote(const Row& row) {
  ColumnReader c(row);
  ConsultationNoteRecord x;
  x.id = c.Int();
  x.consultation_id = c.Int();
  x.street_id = c.OptInt();
  x.content = c.Text();
  x.link = c.Text();
  x.author_id = c.OptInt();
  x.created_at = c.Int();
  x.author_name = c.Text();
  return x;
}

ConsultationParticipantRecord ReadParticipant(const Row& row) {
  ColumnReader c(row);
  ConsultationParticipantRecord x;
  x.id = c.Int();
  x.consultation_id = c.Int();
  x.street_id = c.OptInt();
  x.role = c.Text();
  x.name = c.Text();
  x.unit_id = c.OptInt();
  x.user_id = c.OptInt();
  x.attended = c.Int() != 0;
  return x;
}

ConsultationActionRecord ReadAction(const Row& row) {
  ColumnReader c(row);
  ConsultationActionRecord x;
  x.id = c.Int();
  x.consultation_id = c.Int();
  x.street_id = c.OptInt();
  x.title = c.Text();
  x.owner_unit_id = c.Int();
  x.deadline = c.Text();
  x.status = c.Text();
  x.done_at = c.OptInt();
  x.done_note = c.Text();
  x.created_at = c.Int();
  x.owner_unit_name = c.Text();
  return x;
}

ConsultationCommentRecord ReadComment(const Row& row) {
  ColumnReader c(row);
  ConsultationCommentRecord x;
  x.id = c.Int();
  x.consultation_id = c.Int();
  x.street_id = c.OptInt();
  x.author = c.Text();
  x.content = c.Text();
  x.created_at = c.Int();
  return x;
}

ConsultationEventRecord ReadEvent(const Row& row) {
  ColumnReader c(row);
  ConsultationEventRecord x;
  x.id = c.Int();
  x.consultation_id = c.Int();
  x.street_id = c.OptInt();
  x.at = c.Int();
  x.actor_id = c.OptInt();
  x.actor_label = c.Text();
  x.action = c.Text();
  x.from_step = c.Text();
  x.to_step = c.Text();
  x.note = c.Text();
  return x;
}

}  // namespace

Result<Id> InsertConsultation(Tx& tx, const ConsultationRecord& x) {
  return tx.Insert(
      "INSERT INTO consultations (street_id, region_id, kind, title, description, step, refusal_rule, refusal_reason, "
      "decided_at, meeting_at, meeting_place, meeting_form, minutes, outcome, notice_days, published_at, "
      "notice_ends_at, lead_unit_id, done_at, created_by, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {Nullable(x.street_id), x.region_id, x.kind, x.title, x.description, x.step, x.refusal_rule, x.refusal_reason,
       Nullable(x.decided_at), Nullable(x.meeting_at), x.meeting_place, x.meeting_form, x.minutes, x.outcome,
       std::int64_t{x.notice_days}, Nullable(x.published_at), Nullable(x.notice_ends_at), Nullable(x.lead_unit_id),
       Nullable(x.done_at), Nullable(x.created_by), x.created_at, x.updated_at});
}

Result<std::optional<ConsultationRecord>> FindConsultation(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kSelect) + " WHERE c.id = ?", {id}));
  if (!row) return std::optional<ConsultationRecord>();
  return std::optional<ConsultationRecord>(Read(*row));
}

Status UpdateConsultation(Tx& tx, const ConsultationRecord& x, std::int64_t expected_version) {
  MS_ASSIGN(changed,
            tx.Execute("UPDATE consultations SET title = ?, description = ?, step = ?, refusal_rule = ?, "
                       "refusal_reason = ?, decided_at = ?, meeting_at = ?, meeting_place = ?, meeting_form = ?, "
                       "minutes = ?, outcome = ?, notice_days = ?, published_at = ?, notice_ends_at = ?, "
                       "lead_unit_id = ?, done_at = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?",
                       {x.title, x.description, x.step, x.refusal_rule, x.refusal_reason, Nullable(x.decided_at),
                        Nullable(x.meeting_at), x.meeting_place, x.meeting_form, x.minutes, x.outcome,
                        std::int64_t{x.notice_days}, Nullable(x.published_at), Nullable(x.notice_ends_at),
                        Nullable(x.lead_unit_id), Nullable(x.done_at), x.updated_at, expected_version + 1, x.id,
                        expected_version}));
  if (changed != 1) return Fail(Error::Conflict("version_conflict", "协商议事已被他人同时修改，请刷新后重试"));
  return {};
}

Result<ConsultationPage> ListConsultations(Tx& tx, const ConsultationFilter& f) {
  Conditions where;
  if (f.step) where.Add("c.step = ?", {*f.step});
  if (f.kind) where.Add("c.kind = ?", {*f.kind});
  if (f.region_path) where.Add("r.path LIKE ?", {*f.region_path + "%"});
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.appeal_id)
    where.Add("c.id IN (SELECT consultation_id FROM consultation_appeals WHERE appeal_id = ?)", {*f.appeal_id});
  if (f.published_only)
    where.Add("c.kind <> 'analysis' AND c.step IN ('publishing', 'tracking', 'done')", {});
  ConsultationPage page;
  MS_ASSIGN(count, tx.QueryOne("SELECT COUNT(*) FROM consultations c JOIN regions r ON r.id = c.region_id" +
                                   where.sql(),
                               where.params()));
  page.total = count ? count->Int(0) : 0;
  const std::string order =
      f.published_only ? " ORDER BY c.published_at DESC, c.id DESC" : " ORDER BY c.created_at DESC, c.id DESC";
  MS_ASSIGN(rows, tx.Query(std::string(kSelect) + where.sql() + order + " LIMIT ? OFFSET ?",
                           where.PageParams(f.page, f.page_size)));
  MS_ASSIGN(items, MapRows(rows, Read));
  page.items = std::move(items);
  return page;
}

Result<Id> InsertConsultationTopic(Tx& tx, const ConsultationTopicRecord& x) {
  return tx.Insert(
      "INSERT INTO consultation_topics (consultation_id, street_id, source, content, proposer, appeal_id, created_by, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.consultation_id, Nullable(x.street_id), x.source, x.content, x.proposer, Nullable(x.appeal_id),
       Nullable(x.created_by), x.created_at});
}

Result<std::vector<ConsultationTopicRecord>> ListConsultationTopics(Tx& tx, Id consultation_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, consultation_id, street_id, source, content, proposer, appeal_id, created_by, "
                           "created_at FROM consultation_topics WHERE consultation_id = ? ORDER BY id",
                           {consultation_id}));
  return MapRows(rows, ReadTopic);
}

Result<Id> InsertConsultationAppeal(Tx& tx, const ConsultationAppealRecord& x) {
  return tx.Insert(
      "INSERT INTO consultation_appeals (consultation_id, appeal_id, street_id, linked_at, linked_by, outcome, "
      "action_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.consultation_id, x.appeal_id, Nullable(x.street_id), x.linked_at, Nullable(x.linked_by), x.outcome,
       Nullable(x.action_id)});
}

Result<std::vector<ConsultationAppealRecord>> ListConsultationAppeals(Tx& tx, Id consultation_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kLinkSelect) + " WHERE l.consultation_id = ? ORDER BY l.id", {consultation_id}));
  return MapRows(rows, ReadLink);
}

Result<std::vector<ConsultationAppealRecord>> ListLinksOfAppeal(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kLinkSelect) + " WHERE l.appeal_id = ? ORDER BY l.id", {appeal_id}));
  return MapRows(rows, ReadLink);
}

Status SetConsultationAppealOutcome(Tx& tx, Id link_id, const std::string& outcome, OptId action_id) {
  MS_TRY(tx.Execute("UPDATE consultation_appeals SET outcome = ?, action_id = ? WHERE id = ?",
                    {outcome, Nullable(action_id), link_id}));
  return {};
}

Result<Id> InsertConsultationNote(Tx& tx, const ConsultationNoteRecord& x) {
  return tx.Insert(
      "INSERT INTO consultation_notes (consultation_id, street_id, content, link, author_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {x.consultation_id, Nullable(x.street_id), x.content, x.link, Nullable(x.author_id), x.created_at});
}

Result<std::vector<ConsultationNoteRecord>> ListConsultationNotes(Tx& tx, Id consultation_id) {
  MS_ASSIGN(rows, tx.Query("SELECT n.id, n.consultation_id, n.street_id, n.content, n.link, n.author_id, n.created_at, "
                           "COALESCE(u.display_name, '') FROM consultation_notes n LEFT JOIN users u ON u.id = "
                           "n.author_id WHERE n.consultation_id = ? ORDER BY n.id",
                           {consultation_id}));
  return MapRows(rows, ReadNote);
}

Status ReplaceConsultationParticipants(Tx& tx, Id consultation_id, OptId street_id,
                                       const std::vector<ConsultationParticipantRecord>& participants) {
  MS_TRY(tx.Execute("DELETE FROM consultation_participants WHERE consultation_id = ?", {consultation_id}));
  for (const auto& p : participants)
    MS_TRY(tx.Insert("INSERT INTO consultation_participants (consultation_id, street_id, role, name, unit_id, "
                     "user_id, attended) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     {consultation_id, Nullable(street_id), p.role, p.name, Nullable(p.unit_id), Nullable(p.user_id),
                      std::int64_t{p.attended ? 1 : 0}}));
  return {};
}

Result<std::vector<ConsultationParticipantRecord>> ListConsultationParticipants(Tx& tx, Id consultation_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, consultation_id, street_id, role, name, unit_id, user_id, attended "
                           "FROM consultation_participants WHERE consultation_id = ? ORDER BY id",
                           {consultation_id}));
  return MapRows(rows, ReadParticipant);
}

Result<int> CountConsultationsAttended(Tx& tx, Id user_id, Timestamp from, Timestamp to) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(DISTINCT c.id) FROM consultations c "
                             "JOIN consultation_participants p ON p.consultation_id = c.id "
                             "WHERE p.user_id = ? AND p.attended = 1 AND c.meeting_at >= ? AND c.meeting_at < ?",
                             {user_id, from, to}));
  return row ? static_cast<int>(row->Int(0)) : 0;
}

Result<Id> InsertConsultationAction(Tx& tx, const ConsultationActionRecord& x) {
  return tx.Insert(
      "INSERT INTO consultation_actions (consultation_id, street_id, title, owner_unit_id, deadline, status, done_at, "
      "done_note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.consultation_id, Nullable(x.street_id), x.title, x.owner_unit_id, x.deadline, x.status, Nullable(x.done_at),
       x.done_note, x.created_at});
}

Result<std::vector<ConsultationActionRecord>> ListConsultationActions(Tx& tx, Id consultation_id) {
  MS_ASSIGN(rows, tx.Query("SELECT a.id, a.consultation_id, a.street_id, a.title, a.owner_unit_id, a.deadline, "
                           "a.status, a.done_at, a.done_note, a.created_at, d.name FROM consultation_actions a "
                           "JOIN departments d ON d.id = a.owner_unit_id WHERE a.consultation_id = ? ORDER BY a.id",
                           {consultation_id}));
  return MapRows(rows, ReadAction);
}

Status CompleteConsultationAction(Tx& tx, Id action_id, Timestamp now, const std::string& note) {
  MS_ASSIGN(changed, tx.Execute("UPDATE consultation_actions SET status = 'done', done_at = ?, done_note = ? "
                                "WHERE id = ? AND status = 'open'",
                                {now, note, action_id}));
  if (changed != 1) return Fail(Error::Conflict("action_done", "该落实事项已完成"));
  return {};
}

Result<Id> InsertConsultationComment(Tx& tx, const ConsultationCommentRecord& x) {
  return tx.Insert(
      "INSERT INTO consultation_comments (consultation_id, street_id, author, content, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {x.consultation_id, Nullable(x.street_id), x.author, x.content, x.created_at});
}

Result<std::vector<ConsultationCommentRecord>> ListConsultationComments(Tx& tx, Id consultation_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, consultation_id, street_id, author, content, created_at "
                           "FROM consultation_comments WHERE consultation_id = ? ORDER BY id",
                           {consultation_id}));
  return MapRows(rows, ReadComment);
}

Status AppendConsultationEvent(Tx& tx, const ConsultationEventRecord& x) {
  MS_TRY(tx.Insert("INSERT INTO consultation_events (consultation_id, street_id, at, actor_id, actor_label, action, "
                   "from_step, to_step, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {x.consultation_id, Nullable(x.street_id), x.at, Nullable(x.actor_id), x.actor_label, x.action,
                    x.from_step, x.to_step, x.note}));
  return {};
}

Result<std::vector<ConsultationEventRecord>> ListConsultationEvents(Tx& tx, Id consultation_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, consultation_id, street_id, at, actor_id, actor_label, action, from_step, "
                           "to_step, note FROM consultation_events WHERE consultation_id = ? ORDER BY id",
                           {consultation_id}));
  return MapRows(rows, ReadEvent);
}

}  // namespace minsheng::store
