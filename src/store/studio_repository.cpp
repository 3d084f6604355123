#include "store/studio_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kStudioSelect =
    "SELECT s.id, s.street_id, s.region_id, r.path, r.name, s.name, s.address, s.opening_hours, s.grace_minutes, "
    "s.min_stay_minutes, s.active, s.created_at, s.updated_at, "
    "(SELECT COUNT(*) FROM studio_members m WHERE m.studio_id = s.id) "
    "FROM studios s JOIN regions r ON r.id = s.region_id";

StudioRecord ReadStudio(const Row& row) {
  ColumnReader c(row);
  StudioRecord s;
  s.id = c.Int();
  s.street_id = c.Int();
  s.region_id = c.Int();
  s.region_path = c.Text();
  s.region_name = c.Text();
  s.name = c.Text();
  s.address = c.Text();
  s.opening_hours = c.Text();
  s.grace_minutes = static_cast<int>(c.Int());
  s.min_stay_minutes = static_cast<int>(c.Int());
  s.active = c.Int() != 0;
  s.created_at = c.Int();
  s.updated_at = c.Int();
  s.member_count = static_cast<int>(c.Int());
  return s;
}

constexpr std::string_view kMemberSelect =
    "SELECT m.studio_id, m.user_id, m.street_id, m.leader, m.position, m.joined_at, u.display_name, u.deputy_kind, "
    "u.active FROM studio_members m JOIN users u ON u.id = m.user_id";

StudioMemberRecord ReadMember(const Row& row) {
  ColumnReader c(row);
  StudioMemberRecord m;
  m.studio_id = c.Int();
  m.user_id = c.Int();
  m.street_id = c.Int();
  m.leader = c.Int() != 0;
  m.position = static_cast<int>(c.Int());
  m.joined_at = c.Int();
  m.display_name = c.Text();
  m.deputy_kind = c.Text();
  m.user_active = c.Int() != 0;
  return m;
}

}  // namespace

Result<Id> InsertStudio(Tx& tx, const StudioRecord& s) {
  return tx.Insert(
      "INSERT INTO studios (street_id, region_id, name, address, opening_hours, grace_minutes, min_stay_minutes, "
      "active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {s.street_id, s.region_id, s.name, s.address, s.opening_hours, std::int64_t{s.grace_minutes},
       std::int64_t{s.min_stay_minutes}, std::int64_t{s.active}, s.created_at, s.updated_at});
}

Status UpdateStudio(Tx& tx, const StudioRecord& s) {
  MS_TRY(tx.Execute(
      "UPDATE studios SET street_id = ?, region_id = ?, name = ?, address = ?, opening_hours = ?, grace_minutes = ?, "
      "min_stay_minutes = ?, active = ?, updated_at = ? WHERE id = ?",
      {s.street_id, s.region_id, s.name, s.address, s.opening_hours, std::int64_t{s.grace_minutes},
       std::int64_t{s.min_stay_minutes}, std::int64_t{s.active}, s.updated_at, s.id}));
  return {};
}

Result<std::optional<StudioRecord>> FindStudio(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kStudioSelect) + " WHERE s.id = ?", {id}));
  if (!row) return std::optional<StudioRecord>{};
  return std::optional<StudioRecord>(ReadStudio(*row));
}

Result<std::vector<StudioRecord>> ListStudios(Tx& tx, const StudioFilter& f) {
  Conditions where;
  const std::string member_of = "s.id IN (SELECT studio_id FROM studio_members WHERE user_id = ?)";
  if (f.scope_path && f.or_member_id)
    where.Add("(r.path LIKE ? ESCAPE '\\' OR " + member_of + ")", {*f.scope_path + "%", *f.or_member_id});
  else if (f.scope_path)
    where.Add("r.path LIKE ? ESCAPE '\\'", {*f.scope_path + "%"});
  if (f.member_id) where.Add(member_of, {*f.member_id});
  if (f.active_only) where.Add("s.active = 1", {});
  MS_ASSIGN(rows, tx.Query(std::string(kStudioSelect) + where.sql() + " ORDER BY s.street_id, s.name, s.id",
                           where.params()));
  return MapRows(rows, ReadStudio);
}

Result<std::vector<StudioMemberRecord>> ListStudioMembers(Tx& tx, Id studio_id) {
  MS_ASSIGN(rows, tx.Query(std::string(kMemberSelect) + " WHERE m.studio_id = ? ORDER BY m.position, m.user_id",
                           {studio_id}));
  return MapRows(rows, ReadMember);
}

Result<std::optional<StudioMemberRecord>> FindStudioMember(Tx& tx, Id studio_id, Id user_id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kMemberSelect) + " WHERE m.studio_id = ? AND m.user_id = ?",
                             {studio_id, user_id}));
  if (!row) return std::optional<StudioMemberRecord>{};
  return std::optional<StudioMemberRecord>(ReadMember(*row));
}

Status InsertStudioMember(Tx& tx, const StudioMemberRecord& m) {
  MS_ASSIGN(next, tx.QueryOne("SELECT COALESCE(MAX(position), 0) + 1 FROM studio_members WHERE studio_id = ?",
                              {m.studio_id}));
  MS_TRY(tx.Execute("INSERT INTO studio_members (studio_id, user_id, street_id, leader, position, joined_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    {m.studio_id, m.user_id, m.street_id, std::int64_t{m.leader}, next ? next->Int(0) : 1,
                     m.joined_at}));
  return {};
}

Status SetStudioMemberLeader(Tx& tx, Id studio_id, Id user_id, bool leader) {
  MS_TRY(tx.Execute("UPDATE studio_members SET leader = ? WHERE studio_id = ? AND user_id = ?",
                    {std::int64_t{leader}, studio_id, user_id}));
  return {};
}

Status ClearStudioLeader(Tx& tx, Id studio_id) {
  MS_TRY(tx.Execute("UPDATE studio_members SET leader = 0 WHERE studio_id = ?", {studio_id}));
  return {};
}

Result<bool> DeleteStudioMember(Tx& tx, Id studio_id, Id user_id) {
  MS_ASSIGN(n, tx.Execute("DELETE FROM studio_members WHERE studio_id = ? AND user_id = ?", {studio_id, user_id}));
  return n > 0;
}

}  // namespace minsheng::store
