#include "store/deputy_activity_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {

Result<Id> InsertDeputyActivity(Tx& tx, const DeputyActivityRecord& a) {
  return tx.Insert(
      "INSERT INTO deputy_activities (deputy_id, street_id, kind, title, happened_on, note, recorded_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {a.deputy_id, Nullable(a.street_id), a.kind, a.title, a.happened_on, a.note, Nullable(a.recorded_by),
       a.created_at});
}

Result<std::vector<DeputyActivityRecord>> ListDeputyActivities(Tx& tx, Id deputy_id, const std::string& from_day,
                                                               const std::string& to_day) {
  MS_ASSIGN(rows, tx.Query("SELECT id, deputy_id, street_id, kind, title, happened_on, note, recorded_by, created_at "
                           "FROM deputy_activities WHERE deputy_id = ? AND happened_on >= ? AND happened_on <= ? "
                           "ORDER BY happened_on DESC, id DESC",
                           {deputy_id, from_day, to_day}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    DeputyActivityRecord a;
    a.id = c.Int();
    a.deputy_id = c.Int();
    a.street_id = c.OptInt();
    a.kind = c.Text();
    a.title = c.Text();
    a.happened_on = c.Text();
    a.note = c.Text();
    a.recorded_by = c.OptInt();
    a.created_at = c.Int();
    return a;
  });
}

}  // namespace minsheng::store
