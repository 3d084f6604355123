#include "store/grid_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kGridSelect =
    "SELECT r.id, r.street_id, r.code, r.name, r.path, COALESCE(p.name, ''), COALESCE(g.required_visit_days, ?) "
    "FROM regions r LEFT JOIN regions p ON p.id = r.parent_id LEFT JOIN grids g ON g.region_id = r.id "
    "WHERE r.level = 'grid'";

GridRecord ReadGrid(const Row& row) {
  ColumnReader c(row);
  GridRecord g;
  g.region_id = c.Int();
  g.street_id = c.OptInt();
  g.code = c.Text();
  g.name = c.Text();
  g.path = c.Text();
  g.community_name = c.Text();
  g.required_visit_days = static_cast<int>(c.Int());
  return g;
}

GridMemberRecord ReadMember(const Row& row) {
  ColumnReader c(row);
  GridMemberRecord m;
  m.id = c.Int();
  m.region_id = c.Int();
  m.user_id = c.Int();
  m.duty = c.Text();
  m.display_name = c.Text();
  m.role = c.Text();
  m.created_at = c.Int();
  return m;
}

ContactPointRecord ReadContactPoint(const Row& row) {
  ColumnReader c(row);
  ContactPointRecord p;
  p.id = c.Int();
  p.leader_id = c.Int();
  p.region_id = c.Int();
  p.street_id = c.OptInt();
  p.region_name = c.Text();
  p.region_level = c.Text();
  p.region_path = c.Text();
  p.created_at = c.Int();
  return p;
}

}  // namespace

Result<std::vector<GridRecord>> ListGrids(Tx& tx, const std::string& scope_path, int default_visit_days) {
  MS_ASSIGN(rows, tx.Query(std::string(kGridSelect) + " AND r.path LIKE ? ORDER BY r.code",
                           {std::int64_t{default_visit_days}, scope_path + "%"}));
  return MapRows(rows, ReadGrid);
}

Result<std::optional<GridRecord>> FindGrid(Tx& tx, Id region_id, int default_visit_days) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kGridSelect) + " AND r.id = ?", {std::int64_t{default_visit_days}, region_id}));
  if (!row) return std::optional<GridRecord>();
  return std::optional<GridRecord>(ReadGrid(*row));
}

Status SetGridVisitDays(Tx& tx, Id region_id, OptId street_id, int days, Timestamp at, Id by) {
  MS_ASSIGN(changed, tx.Execute("UPDATE grids SET required_visit_days = ?, updated_at = ?, updated_by = ? WHERE region_id = ?",
                                {std::int64_t{days}, at, by, region_id}));
  if (changed == 0)
    MS_TRY(tx.Execute("INSERT INTO grids (region_id, street_id, required_visit_days, updated_at, updated_by) "
                      "VALUES (?, ?, ?, ?, ?)",
                      {region_id, Nullable(street_id), std::int64_t{days}, at, by}));
  return {};
}

Result<std::vector<GridMemberRecord>> ListGridMembers(Tx& tx, const std::string& scope_path, OptId region_id) {
  Conditions where;
  where.Add("r.path LIKE ?", {scope_path + "%"});
  if (region_id) where.Add("m.region_id = ?", {*region_id});
  MS_ASSIGN(rows, tx.Query("SELECT m.id, m.region_id, m.user_id, m.duty, u.display_name, u.role, m.created_at "
                           "FROM grid_members m JOIN regions r ON r.id = m.region_id JOIN users u ON u.id = m.user_id" +
                               where.sql() + " ORDER BY r.code, m.duty, u.display_name, m.id",
                           where.params()));
  return MapRows(rows, ReadMember);
}

Result<Id> InsertGridMember(Tx& tx, Id region_id, OptId street_id, Id user_id, const std::string& duty, Timestamp at) {
  return tx.Insert(
      "INSERT INTO grid_members (region_id, street_id, user_id, duty, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
      {region_id, Nullable(street_id), user_id, duty, at});
}

Result<bool> DeleteGridMember(Tx& tx, Id region_id, Id user_id) {
  MS_ASSIGN(changed, tx.Execute("DELETE FROM grid_members WHERE region_id = ? AND user_id = ?", {region_id, user_id}));
  return changed > 0;
}

Result<std::vector<GridVisit>> ListGridVisits(Tx& tx, const std::string& scope_path, Timestamp from, Timestamp to) {
  MS_ASSIGN(rows, tx.Query("SELECT f.region_id, f.met_at, f.people_count FROM field_logs f "
                           "JOIN regions r ON r.id = f.region_id "
                           "WHERE r.level = 'grid' AND r.path LIKE ? AND f.kind = 'visit' AND f.met_at >= ? AND f.met_at < ?",
                           {scope_path + "%", from, to}));
  return MapRows(rows, [](const Row& row) {
    return GridVisit{row.Int(0), row.Int(1), static_cast<int>(row.Int(2))};
  });
}

Result<std::vector<ContactPointRecord>> ListContactPoints(Tx& tx, Id leader_id) {
  MS_ASSIGN(rows, tx.Query("SELECT c.id, c.leader_id, c.region_id, c.street_id, r.name, r.level, r.path, c.created_at "
                           "FROM contact_points c JOIN regions r ON r.id = c.region_id WHERE c.leader_id = ? "
                           "ORDER BY r.code",
                           {leader_id}));
  return MapRows(rows, ReadContactPoint);
}

Result<Id> InsertContactPoint(Tx& tx, Id leader_id, Id region_id, OptId street_id, Timestamp at, Id by) {
  return tx.Insert(
      "INSERT INTO contact_points (leader_id, region_id, street_id, created_at, created_by) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {leader_id, region_id, Nullable(street_id), at, by});
}

Result<bool> DeleteContactPoint(Tx& tx, Id leader_id, Id region_id) {
  MS_ASSIGN(changed, tx.Execute("DELETE FROM contact_points WHERE leader_id = ? AND region_id = ?", {leader_id, region_id}));
  return changed > 0;
}

Result<AreaVisits> CountAuthorVisits(Tx& tx, Id author_id, const std::string& path, Timestamp from) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*), MAX(f.met_at) FROM field_logs f JOIN regions r ON r.id = f.region_id "
                             "WHERE f.author_id = ? AND r.path LIKE ? AND f.met_at >= ?",
                             {author_id, path + "%", from}));
  if (!row) return AreaVisits{};
  return AreaVisits{static_cast<int>(row->Int(0)), row->OptInt(1)};
}

}  // namespace minsheng::store
