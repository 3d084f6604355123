#include "store/deputy_case_repository.h"

#include <nlohmann/json.hpp>

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kContactColumns =
    "id, appeal_id, street_id, deputy_id, recorded_by, method, note, at, created_at";

DeputyContactRecord ReadContact(const Row& r) {
  ColumnReader c(r);
  DeputyContactRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.deputy_id = c.Int();
  x.recorded_by = c.Int();
  x.method = c.Text();
  x.note = c.Text();
  x.at = c.Int();
  x.created_at = c.Int();
  return x;
}

DeputyOpinionRecord ReadOpinion(const Row& r) {
  ColumnReader c(r);
  DeputyOpinionRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.street_id = c.OptInt();
  x.deputy_id = c.Int();
  x.recorded_by = c.Int();
  x.content = c.Text();
  x.created_at = c.Int();
  return x;
}

DeputyAssistantRecord ReadAssistant(const Row& r) {
  ColumnReader c(r);
  DeputyAssistantRecord x;
  x.id = c.Int();
  x.deputy_id = c.Int();
  x.assistant_id = c.Int();
  x.street_id = c.OptInt();
  x.created_by = c.OptInt();
  x.created_at = c.Int();
  x.assistant_name = c.Text();
  x.assistant_role = c.Text();
  return x;
}

}  // namespace

Result<Id> InsertDeputyContact(Tx& tx, const DeputyContactRecord& x) {
  return tx.Insert(
      "INSERT INTO deputy_contacts (appeal_id, street_id, deputy_id, recorded_by, method, note, at, created_at, "
      "before_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
      "CASE WHEN EXISTS (SELECT 1 FROM replies WHERE appeal_id = ?) THEN 0 ELSE 1 END) RETURNING id",
      {x.appeal_id, Nullable(x.street_id), x.deputy_id, x.recorded_by, x.method, x.note, x.at, x.created_at,
       x.appeal_id});
}

Result<std::vector<DeputyContactRecord>> ListDeputyContacts(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kContactColumns) +
                               " FROM deputy_contacts WHERE appeal_id = ? ORDER BY at, id",
                           {appeal_id}));
  return MapRows(rows, ReadContact);
}

Result<Id> InsertDeputyOpinion(Tx& tx, const DeputyOpinionRecord& x) {
  return tx.Insert(
      "INSERT INTO deputy_opinions (appeal_id, street_id, deputy_id, recorded_by, content, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {x.appeal_id, Nullable(x.street_id), x.deputy_id, x.recorded_by, x.content, x.created_at});
}

Result<std::vector<DeputyOpinionRecord>> ListDeputyOpinions(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, appeal_id, street_id, deputy_id, recorded_by, content, created_at "
                           "FROM deputy_opinions WHERE appeal_id = ? ORDER BY id",
                           {appeal_id}));
  return MapRows(rows, ReadOpinion);
}

Result<Id> InsertDeputyAssistant(Tx& tx, const DeputyAssistantRecord& x) {
  return tx.Insert(
      "INSERT INTO deputy_assistants (deputy_id, assistant_id, street_id, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {x.deputy_id, x.assistant_id, Nullable(x.street_id), Nullable(x.created_by), x.created_at});
}

Result<bool> DeleteDeputyAssistant(Tx& tx, Id deputy_id, Id assistant_id) {
  MS_ASSIGN(changed, tx.Execute("DELETE FROM deputy_assistants WHERE deputy_id = ? AND assistant_id = ?",
                                {deputy_id, assistant_id}));
  return changed > 0;
}

Result<std::vector<DeputyAssistantRecord>> ListDeputyAssistants(Tx& tx, Id deputy_id) {
  MS_ASSIGN(rows, tx.Query("SELECT x.id, x.deputy_id, x.assistant_id, x.street_id, x.created_by, x.created_at, "
                           "u.display_name, u.role FROM deputy_assistants x JOIN users u ON u.id = x.assistant_id "
                           "WHERE x.deputy_id = ? ORDER BY x.id",
                           {deputy_id}));
  return MapRows(rows, ReadAssistant);
}

Result<bool> IsDeputyAssistant(Tx& tx, Id deputy_id, Id assistant_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT 1 FROM deputy_assistants WHERE deputy_id = ? AND assistant_id = ?",
                             {deputy_id, assistant_id}));
  return row.has_value();
}

Result<std::optional<ExplainEvent>> LatestExplainEvent(Tx& tx, Id appeal_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT at, data FROM events WHERE appeal_id = ? AND action = 'explain' "
                             "ORDER BY seq DESC LIMIT 1",
                             {appeal_id}));
  if (!row) return std::optional<ExplainEvent>{};
  ExplainEvent e{.at = row->Int(0)};
  const auto data = nlohmann::json::parse(row->Text(1), nullptr, false);
  if (data.is_object() && data.contains("deputy_id") && data["deputy_id"].is_number_integer())
    e.deputy_id = data["deputy_id"].get<Id>();
  return std::optional<ExplainEvent>(e);
}

Result<std::vector<FollowedAppealRow>> ListFollowedAppeals(Tx& tx, const std::vector<Id>& deputy_ids, Timestamp from,
                                                           Timestamp to) {
  std::vector<FollowedAppealRow> out;
  if (deputy_ids.empty()) return out;
  Params params;
  const std::string in = InList(deputy_ids, params);
  params.push_back(from);
  params.push_back(to);
  MS_ASSIGN(rows, tx.Query("SELECT a.deputy_id, a.id, a.status, "
                           "EXISTS (SELECT 1 FROM replies r WHERE r.appeal_id = a.id), "
                           "EXISTS (SELECT 1 FROM deputy_contacts c WHERE c.appeal_id = a.id "
                           "AND c.deputy_id = a.deputy_id AND c.before_reply = 1) "
                           "FROM appeals a WHERE a.deputy_id IN " + in + " AND a.created_at >= ? "
                           "AND a.created_at < ? ORDER BY a.deputy_id, a.id",
                           params));
  for (const auto& r : rows) {
    ColumnReader c(r);
    FollowedAppealRow x;
    x.deputy_id = c.Int();
    x.appeal_id = c.Int();
    x.status = c.Text();
    x.replied = c.Int() != 0;
    x.contacted_before_reply = c.Int() != 0;
    out.push_back(std::move(x));
  }
  return out;
}

Result<std::vector<std::pair<Id, std::int64_t>>> CountDeputyContacts(Tx& tx, const std::vector<Id>& deputy_ids,
                                                                     Timestamp from, Timestamp to) {
  std::vector<std::pair<Id, std::int64_t>> out;
  if (deputy_ids.empty()) return out;
  Params params;
  const std::string in = InList(deputy_ids, params);
  params.push_back(from);
  params.push_back(to);
  MS_ASSIGN(rows, tx.Query("SELECT deputy_id, COUNT(*) FROM deputy_contacts WHERE deputy_id IN " + in +
                               " AND at >= ? AND at < ? GROUP BY deputy_id ORDER BY deputy_id",
                           params));
  for (const auto& r : rows) out.emplace_back(r.Int(0), r.Int(1));
  return out;
}

}  // namespace minsheng::store
