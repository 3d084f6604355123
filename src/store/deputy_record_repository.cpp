#include "store/deputy_record_repository.h"

#include <map>

#include "store/row_mapping.h"

namespace minsheng::store {
Result<std::vector<FieldWorkFigures>> ListFieldWorkFigures(Tx& tx, const std::vector<Id>& user_ids, Timestamp from,
                                                           Timestamp to) {
  std::vector<FieldWorkFigures> out;
  for (Id id : user_ids) out.push_back({.user_id = id});
  if (user_ids.empty()) return out;
  std::map<Id, FieldWorkFigures*> by_id;
  for (auto& f : out) by_id[f.user_id] = &f;
  Params params;
  const std::string in = InList(user_ids, params);
  params.push_back(from);
  params.push_back(to);
  MS_ASSIGN(logs, tx.Query("SELECT author_id, kind, COUNT(*), COALESCE(SUM(people_count), 0) FROM field_logs "
                           "WHERE author_id IN " + in + " AND met_at >= ? AND met_at < ? GROUP BY author_id, kind",
                           params));
  for (const Row& row : logs) {
    FieldWorkFigures& f = *by_id.at(row.Int(0));
    (row.Text(1) == "visit" ? f.visits : f.receptions) += static_cast<int>(row.Int(2));
    f.people_met += static_cast<int>(row.Int(3));
  }
  MS_ASSIGN(appeals, tx.Query("SELECT created_by, COUNT(*) FROM appeals WHERE created_by IN " + in +
                                  " AND created_at >= ? AND created_at < ? GROUP BY created_by",
                              params));
  for (const Row& row : appeals) by_id.at(row.Int(0))->appeals_raised = static_cast<int>(row.Int(1));
  return out;
}

}  // namespace minsheng::store
