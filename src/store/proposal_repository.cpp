#include "store/proposal_repository.h"

#include <algorithm>

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kProposalColumns =
    "p.id, p.street_id, p.region_id, p.deputy_id, p.kind, p.title, p.content, p.step, p.consultation_id, "
    "p.lead_unit_id, p.deadline, p.answer_category, p.follow_up_on, p.rating, p.dissatisfied_count, p.submitted_at, "
    "p.assigned_at, p.first_answered_at, p.answered_at, p.rated_at, p.closed_at, p.created_by, p.created_at, "
    "p.updated_at, p.version, u.display_name, r.name, r.path, d.name";
constexpr std::string_view kProposalFrom =
    " FROM proposals p JOIN users u ON u.id = p.deputy_id JOIN regions r ON r.id = p.region_id "
    "LEFT JOIN departments d ON d.id = p.lead_unit_id";

ProposalRecord ReadProposal(const Row& row) {
  ColumnReader c(row);
  ProposalRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.region_id = c.Int();
  x.deputy_id = c.Int();
  x.kind = c.Text();
  x.title = c.Text();
  x.content = c.Text();
  x.step = c.Text();
  x.consultation_id = c.OptInt();
  x.lead_unit_id = c.OptInt();
  x.deadline = c.OptInt();
  x.answer_category = c.OptText();
  x.follow_up_on = c.OptInt();
  x.rating = c.OptText();
  x.dissatisfied_count = static_cast<int>(c.Int());
  x.submitted_at = c.OptInt();
  x.assigned_at = c.OptInt();
  x.first_answered_at = c.OptInt();
  x.answered_at = c.OptInt();
  x.rated_at = c.OptInt();
  x.closed_at = c.OptInt();
  x.created_by = c.Int();
  x.created_at = c.Int();
  x.updated_at = c.Int();
  x.version = c.Int();
  x.deputy_name = c.Text();
  x.region_name = c.Text();
  x.region_path = c.Text();
  x.lead_unit_name = c.Text();
  return x;
}

// Runs `query(chunk)` over `ids` in chunks, so that the statement stays small on both engines.
template <typename T, typename F>
Result<std::vector<T>> Chunked(const std::vector<Id>& ids, F&& query) {
  std::vector<T> out;
  constexpr std::size_t kChunk = 100;
  for (std::size_t at = 0; at < ids.size(); at += kChunk) {
    std::vector<Id> chunk(ids.begin() + static_cast<std::ptrdiff_t>(at),
                          ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), at + kChunk)));
    MS_ASSIGN(part, query(chunk));
    for (auto& x : part) out.push_back(std::move(x));
  }
  return out;
}

ProposalUnitRecord ReadUnit(const Row& row) {
  ColumnReader c(row);
  ProposalUnitRecord x;
  x.id = c.Int();
  x.proposal_id = c.Int();
  x.street_id = c.OptInt();
  x.unit_id = c.Int();
  x.role = c.Text();
  x.unit_name = c.Text();
  return x;
}
constexpr std::string_view kUnitSelect =
    "SELECT pu.id, pu.proposal_id, pu.street_id, pu.unit_id, pu.role, d.name FROM proposal_units pu "
    "JOIN departments d ON d.id = pu.unit_id";

ProposalAnswerRecord ReadAnswer(const Row& row) {
  ColumnReader c(row);
  ProposalAnswerRecord x;
  x.id = c.Int();
  x.proposal_id = c.Int();
  x.street_id = c.OptInt();
  x.kind = c.Text();
  x.round = static_cast<int>(c.Int());
  x.unit_id = c.OptInt();
  x.category = c.Text();
  x.content = c.Text();
  x.follow_up_on = c.OptInt();
  x.drafted_by = c.Int();
  x.drafted_at = c.Int();
  x.approved_by = c.OptInt();
  x.sent_at = c.OptInt();
  return x;
}

}  // namespace

Result<Id> InsertProposal(Tx& tx, const ProposalRecord& x) {
  return tx.Insert(
      "INSERT INTO proposals (street_id, region_id, deputy_id, kind, title, content, step, consultation_id, "
      "lead_unit_id, deadline, answer_category, follow_up_on, rating, dissatisfied_count, submitted_at, assigned_at, "
      "first_answered_at, answered_at, rated_at, closed_at, created_by, created_at, updated_at, version) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
      {Nullable(x.street_id), x.region_id, x.deputy_id, x.kind, x.title, x.content, x.step,
       Nullable(x.consultation_id), Nullable(x.lead_unit_id), Nullable(x.deadline), Nullable(x.answer_category),
       Nullable(x.follow_up_on), Nullable(x.rating), std::int64_t{x.dissatisfied_count}, Nullable(x.submitted_at),
       Nullable(x.assigned_at), Nullable(x.first_answered_at), Nullable(x.answered_at), Nullable(x.rated_at),
       Nullable(x.closed_at), x.created_by, x.created_at, x.updated_at});
}

Result<std::optional<ProposalRecord>> FindProposal(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT " + std::string(kProposalColumns) + std::string(kProposalFrom) +
                                 " WHERE p.id = ?",
                             {id}));
  if (!row) return std::optional<ProposalRecord>();
  return std::optional<ProposalRecord>(ReadProposal(*row));
}

Status UpdateProposal(Tx& tx, const ProposalRecord& x, std::int64_t expected_version) {
  MS_ASSIGN(changed,
            tx.Execute("UPDATE proposals SET street_id = ?, region_id = ?, deputy_id = ?, kind = ?, title = ?, "
                       "content = ?, step = ?, consultation_id = ?, lead_unit_id = ?, deadline = ?, "
                       "answer_category = ?, follow_up_on = ?, rating = ?, dissatisfied_count = ?, submitted_at = ?, "
                       "assigned_at = ?, first_answered_at = ?, answered_at = ?, rated_at = ?, closed_at = ?, "
                       "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                       {Nullable(x.street_id), x.region_id, x.deputy_id, x.kind, x.title, x.content, x.step,
                        Nullable(x.consultation_id), Nullable(x.lead_unit_id), Nullable(x.deadline),
                        Nullable(x.answer_category), Nullable(x.follow_up_on), Nullable(x.rating),
                        std::int64_t{x.dissatisfied_count}, Nullable(x.submitted_at), Nullable(x.assigned_at),
                        Nullable(x.first_answered_at), Nullable(x.answered_at), Nullable(x.rated_at),
                        Nullable(x.closed_at), x.updated_at, x.id, expected_version}));
  if (changed != 1) return Fail(Error::Conflict("version_conflict", "建议已被他人同时修改，请刷新后重试"));
  return {};
}

Result<std::vector<ProposalRecord>> ListProposals(Tx& tx, const ProposalFilter& f) {
  Conditions where;
  if (f.kind) where.Add("p.kind = ?", {*f.kind});
  if (f.step) where.Add("p.step = ?", {*f.step});
  if (f.unit_id) where.Add("EXISTS (SELECT 1 FROM proposal_units pu WHERE pu.proposal_id = p.id AND pu.unit_id = ?)",
                           {*f.unit_id});
  if (f.deputy_id) where.Add("p.deputy_id = ?", {*f.deputy_id});
  if (f.from) where.Add("p.created_at >= ?", {*f.from});
  if (f.to) where.Add("p.created_at < ?", {*f.to});
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.scope_deputy_ids) {
    if (f.scope_deputy_ids->empty()) return std::vector<ProposalRecord>();
    Params ids;
    const std::string in = " IN " + InList(*f.scope_deputy_ids, ids);
    where.Add("p.deputy_id" + in, ids);
  }
  if (f.scope_unit_id)
    where.Add("EXISTS (SELECT 1 FROM proposal_units su WHERE su.proposal_id = p.id AND su.unit_id = ?)",
              {*f.scope_unit_id});
  Params params = where.params();
  params.push_back(std::int64_t{f.limit});
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kProposalColumns) + std::string(kProposalFrom) + where.sql() +
                               " ORDER BY p.created_at DESC, p.id DESC LIMIT ?",
                           params));
  return MapRows(rows, ReadProposal);
}

Status InsertProposalUnit(Tx& tx, const ProposalUnitRecord& x) {
  MS_TRY(tx.Execute("INSERT INTO proposal_units (proposal_id, street_id, unit_id, role) VALUES (?, ?, ?, ?)",
                    {x.proposal_id, Nullable(x.street_id), x.unit_id, x.role}));
  return {};
}

Result<std::vector<ProposalUnitRecord>> ListProposalUnits(Tx& tx, Id proposal_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kUnitSelect) + " WHERE pu.proposal_id = ? ORDER BY pu.role DESC, pu.id",
                           {proposal_id}));
  return MapRows(rows, ReadUnit);
}

Result<std::vector<ProposalUnitRecord>> ListUnitsOfProposals(Tx& tx, const std::vector<Id>& proposal_ids) {
  return Chunked<ProposalUnitRecord>(proposal_ids, [&](const std::vector<Id>& chunk)
                                                       -> Result<std::vector<ProposalUnitRecord>> {
    Params params;
    const std::string in = " IN " + InList(chunk, params);
    MS_ASSIGN(rows, tx.Query(std::string(kUnitSelect) + " WHERE pu.proposal_id" + in + " ORDER BY pu.id", params));
    return MapRows(rows, ReadUnit);
  });
}

Status InsertProposalAppeal(Tx& tx, const ProposalAppealRecord& x) {
  MS_TRY(tx.Execute("INSERT INTO proposal_appeals (proposal_id, appeal_id, street_id, linked_by, linked_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    {x.proposal_id, x.appeal_id, Nullable(x.street_id), Nullable(x.linked_by), x.linked_at}));
  return {};
}

Result<std::vector<ProposalAppealRecord>> ListProposalAppeals(Tx& tx, Id proposal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT pa.id, pa.proposal_id, pa.appeal_id, pa.street_id, pa.linked_by, pa.linked_at, "
                           "a.receipt_code, a.title, a.status FROM proposal_appeals pa "
                           "JOIN appeals a ON a.id = pa.appeal_id WHERE pa.proposal_id = ? ORDER BY pa.id",
                           {proposal_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    ProposalAppealRecord x;
    x.id = c.Int();
    x.proposal_id = c.Int();
    x.appeal_id = c.Int();
    x.street_id = c.OptInt();
    x.linked_by = c.OptInt();
    x.linked_at = c.Int();
    x.receipt_code = c.Text();
    x.title = c.Text();
    x.status = c.Text();
    return x;
  });
}

Result<OptId> FindProposalOfAppeal(Tx& tx, Id appeal_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT proposal_id FROM proposal_appeals WHERE appeal_id = ?", {appeal_id}));
  if (!row) return OptId();
  return OptId(row->Int(0));
}

Result<Id> InsertProposalContact(Tx& tx, const ProposalContactRecord& x) {
  return tx.Insert(
      "INSERT INTO proposal_contacts (proposal_id, street_id, unit_id, stage, method, note, recorded_by, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.proposal_id, Nullable(x.street_id), Nullable(x.unit_id), x.stage, x.method, x.note, x.recorded_by, x.at});
}

Result<std::vector<ProposalContactRecord>> ListProposalContacts(Tx& tx, Id proposal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT c.id, c.proposal_id, c.street_id, c.unit_id, c.stage, c.method, c.note, "
                           "c.recorded_by, c.at, u.display_name FROM proposal_contacts c "
                           "JOIN users u ON u.id = c.recorded_by WHERE c.proposal_id = ? ORDER BY c.at, c.id",
                           {proposal_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    ProposalContactRecord x;
    x.id = c.Int();
    x.proposal_id = c.Int();
    x.street_id = c.OptInt();
    x.unit_id = c.OptInt();
    x.stage = c.Text();
    x.method = c.Text();
    x.note = c.Text();
    x.recorded_by = c.Int();
    x.at = c.Int();
    x.recorder_name = c.Text();
    return x;
  });
}

Result<Id> InsertProposalOpinion(Tx& tx, const ProposalOpinionRecord& x) {
  return tx.Insert(
      "INSERT INTO proposal_opinions (proposal_id, street_id, unit_id, content, recorded_by, at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {x.proposal_id, Nullable(x.street_id), Nullable(x.unit_id), x.content, x.recorded_by, x.at});
}

Result<std::vector<ProposalOpinionRecord>> ListProposalOpinions(Tx& tx, Id proposal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT o.id, o.proposal_id, o.street_id, o.unit_id, o.content, o.recorded_by, o.at, "
                           "u.display_name FROM proposal_opinions o JOIN users u ON u.id = o.recorded_by "
                           "WHERE o.proposal_id = ? ORDER BY o.at, o.id",
                           {proposal_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    ProposalOpinionRecord x;
    x.id = c.Int();
    x.proposal_id = c.Int();
    x.street_id = c.OptInt();
    x.unit_id = c.OptInt();
    x.content = c.Text();
    x.recorded_by = c.Int();
    x.at = c.Int();
    x.recorder_name = c.Text();
    return x;
  });
}

Result<Id> InsertProposalAnswer(Tx& tx, const ProposalAnswerRecord& x) {
  return tx.Insert(
      "INSERT INTO proposal_answers (proposal_id, street_id, kind, round, unit_id, category, content, follow_up_on, "
      "drafted_by, drafted_at, approved_by, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {x.proposal_id, Nullable(x.street_id), x.kind, std::int64_t{x.round}, Nullable(x.unit_id), x.category,
       x.content, Nullable(x.follow_up_on), x.drafted_by, x.drafted_at, Nullable(x.approved_by),
       Nullable(x.sent_at)});
}

Status UpdateProposalAnswer(Tx& tx, const ProposalAnswerRecord& x) {
  MS_TRY(tx.Execute("UPDATE proposal_answers SET category = ?, content = ?, follow_up_on = ?, drafted_by = ?, "
                    "drafted_at = ?, approved_by = ?, sent_at = ? WHERE id = ?",
                    {x.category, x.content, Nullable(x.follow_up_on), x.drafted_by, x.drafted_at,
                     Nullable(x.approved_by), Nullable(x.sent_at), x.id}));
  return {};
}

Result<std::vector<ProposalAnswerRecord>> ListProposalAnswers(Tx& tx, Id proposal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, proposal_id, street_id, kind, round, unit_id, category, content, follow_up_on, "
                           "drafted_by, drafted_at, approved_by, sent_at FROM proposal_answers "
                           "WHERE proposal_id = ? ORDER BY id",
                           {proposal_id}));
  return MapRows(rows, ReadAnswer);
}

Result<Id> AppendProposalEvent(Tx& tx, const ProposalEventRecord& e) {
  return tx.Insert(
      "INSERT INTO proposal_events (proposal_id, street_id, at, actor_id, actor_label, action, from_step, to_step, "
      "note, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.proposal_id, Nullable(e.street_id), e.at, Nullable(e.actor_id), e.actor_label, e.action,
       Nullable(e.from_step), e.to_step, e.note, e.data});
}

Result<std::vector<ProposalEventRecord>> ListProposalEvents(Tx& tx, Id proposal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, proposal_id, street_id, at, actor_id, actor_label, action, from_step, to_step, "
                           "note, data FROM proposal_events WHERE proposal_id = ? ORDER BY id",
                           {proposal_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    ProposalEventRecord e;
    e.id = c.Int();
    e.proposal_id = c.Int();
    e.street_id = c.OptInt();
    e.at = c.Int();
    e.actor_id = c.OptInt();
    e.actor_label = c.Text();
    e.action = c.Text();
    e.from_step = c.OptText();
    e.to_step = c.Text();
    e.note = c.Text();
    e.data = c.Text();
    return e;
  });
}

Result<std::vector<Id>> ProposalsMetBefore(Tx& tx, const std::vector<Id>& proposal_ids) {
  return Chunked<Id>(proposal_ids, [&](const std::vector<Id>& chunk) -> Result<std::vector<Id>> {
    Params params;
    const std::string in = " IN " + InList(chunk, params);
    MS_ASSIGN(rows, tx.Query("SELECT DISTINCT p.id FROM proposals p JOIN proposal_contacts c ON c.proposal_id = p.id "
                             "WHERE p.id" + in + " AND c.stage = 'before' "
                             "AND (p.first_answered_at IS NULL OR c.at <= p.first_answered_at)",
                             params));
    std::vector<Id> out;
    for (const auto& row : rows) out.push_back(row.Int(0));
    return out;
  });
}

}  // namespace minsheng::store
