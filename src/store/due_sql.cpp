#include "store/due_sql.h"

#include "core/overdue.h"

namespace minsheng::store {

const std::string& CurrentDueSql() {
  static const std::string kSql = [] {
    std::string sql = "CASE a.status";
    for (AppealState state : {AppealState::kReceived, AppealState::kDispatched, AppealState::kAccepted,
                              AppealState::kInProgress, AppealState::kReplied, AppealState::kClosed,
                              AppealState::kReturned, AppealState::kReopened, AppealState::kDeliberating,
                              AppealState::kEscalated, AppealState::kExplaining, AppealState::kMerged,
                              AppealState::kRejected}) {
      const auto dues = DuesOf(state);
      if (dues.empty()) continue;
      sql += " WHEN '" + std::string(StateName(state)) + "' THEN ";
      if (dues.size() == 1) {
        sql += "a." + std::string(DueName(dues[0]));
        continue;
      }
      sql += "COALESCE(";
      for (std::size_t i = 0; i < dues.size(); ++i) sql += (i ? ", a." : "a.") + std::string(DueName(dues[i]));
      sql += ")";
    }
    return sql + " END";
  }();
  return kSql;
}

}  // namespace minsheng::store
