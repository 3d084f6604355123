#include "app/deputy_record_service.h"

#include "core/access.h"
#include "core/calendar.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

Result<std::pair<std::string, std::string>> YearDays(int year) {
  if (year < 2000 || year > 2100) return Fail(Error::Invalid("out_of_range", "年份应在 2000 到 2100 之间", "year"));
  return std::pair{std::to_string(year) + "-01-01", std::to_string(year) + "-12-31"};
}

}  // namespace

Result<store::UserRecord> LoadDeputyInScope(store::Tx& tx, const Actor& actor, store::Id deputy_id) {
  MS_ASSIGN(user, store::FindUser(tx, deputy_id));
  const auto missing = [] { return Fail(Error::NotFound("代表不存在", "user_id")); };
  if (!user || user->role != "deputy") return missing();
  if (actor.Is(Role::kDeputy)) {
    if (user->id != actor.user_id) return missing();
    return *user;
  }
  MS_ASSIGN(region, store::FindRegion(tx, user->region_id));
  if (!region || !region->path.starts_with(actor.region_path)) return missing();
  return *user;
}

DeputyRecordService::DeputyRecordService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<store::DeputyActivityRecord> DeputyRecordService::RecordActivity(const Actor& actor, store::Id deputy_id,
                                                                        const ActivityInput& input) {
  MS_TRY(RequireOperation(actor, Operation::kRecordDeputyWork, "记录代表履职活动"));
  if (!ParseDutyActivity(input.kind))
    return Fail(Error::Invalid("invalid_value", "活动类型应为会议、建议、调研、社情民意或实事之一", "kind"));
  const Timestamp now = clock_.Now();
  if (input.happened_on > LocalDay(now))
    return Fail(Error::Invalid("invalid_value", "活动日期不能晚于今天", "happened_on"));
  return WriteValue<store::DeputyActivityRecord>(db_, [&](store::Tx& tx) -> Result<store::DeputyActivityRecord> {
    MS_ASSIGN(deputy, LoadDeputyInScope(tx, actor, deputy_id));
    MS_ASSIGN(region, store::FindRegion(tx, deputy.region_id));
    store::DeputyActivityRecord a;
    a.deputy_id = deputy.id;
    a.street_id = region ? region->street_id : std::nullopt;
    a.kind = input.kind;
    a.title = input.title;
    a.happened_on = FormatDate(input.happened_on);
    a.note = input.note;
    a.recorded_by = actor.user_id;
    a.created_at = now;
    MS_ASSIGN(id, store::InsertDeputyActivity(tx, a));
    a.id = id;
    return a;
  });
}

Result<std::vector<store::DeputyActivityRecord>> DeputyRecordService::Activities(const Actor& actor,
                                                                                 store::Id deputy_id, int year) {
  MS_TRY(RequireOperation(actor, Operation::kReadDeputyRecords, "查看代表履职档案"));
  MS_ASSIGN(days, YearDays(year));
  return ReadValue<std::vector<store::DeputyActivityRecord>>(
      db_, [&](store::Tx& tx) -> Result<std::vector<store::DeputyActivityRecord>> {
        MS_TRY(LoadDeputyInScope(tx, actor, deputy_id));
        return store::ListDeputyActivities(tx, deputy_id, days.first, days.second);
      });
}

}  // namespace minsheng::app
