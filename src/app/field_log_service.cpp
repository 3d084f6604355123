#include "app/field_log_service.h"

#include "app/audit.h"
#include "app/studio_service.h"
#include "core/access.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;

constexpr int kMaxPeople = 10000;
constexpr std::size_t kTitleCodePoints = 30;
constexpr Timestamp kClockSkew = 600;  // a meeting "now" on a slightly fast device is not in the future

Error LogNotFound() { return Error::NotFound("民情日志不存在", "id"); }

Status RequireRole(const Actor& actor) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kKeepFieldLogs))
    return Fail(Error::Forbidden("您的角色（" + std::string(RoleLabel(actor.role)) + "）不能记录民情日志"));
  return {};
}

// Deputies and leaders keep their own logs; the others see their region subtree.
bool OwnOnly(const Actor& actor) { return actor.Is(Role::kDeputy) || actor.Is(Role::kLeader); }

bool CanSee(const Actor& actor, const FieldLog& log) {
  if (!actor.IsStaff()) return false;
  if (OwnOnly(actor)) return log.author_id == actor.user_id;
  return actor.DistrictWide() || log.region_path.starts_with(actor.region_path);
}

void Scope(const Actor& actor, FieldLogQuery& q) {
  if (OwnOnly(actor)) q.scope_author_id = actor.user_id;
  else if (!actor.DistrictWide()) q.scope_path = actor.region_path;
}

// The first `n` code points of UTF-8 `text`, with "…" when cut.
std::string Prefix(const std::string& text, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t count = 0; at < text.size() && count < n; ++count) {
    const auto c = static_cast<unsigned char>(text[at]);
    at += c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  }
  if (at >= text.size()) return text;
  return text.substr(0, at) + "…";
}

Status CheckKind(const std::string& kind) {
  if (kind != "reception" && kind != "visit")
    return Fail(Error::Invalid("invalid_value", "日志类型应为 reception（接待）或 visit（走访）", "kind"));
  return {};
}

Status CheckPeople(int count) {
  if (count < 1 || count > kMaxPeople)
    return Fail(Error::Invalid("out_of_range", "接待人数应在 1 到 10000 之间", "people_count"));
  return {};
}

// The region of an entry: a street, community or grid in the actor's scope.
Result<store::RegionRecord> CheckRegion(Tx& tx, const Actor& actor, Id region_id) {
  MS_ASSIGN(region, store::FindRegion(tx, region_id));
  if (!region || region->level == "district")
    return Fail(Error::Invalid("invalid_value", "地点应为街镇、社区或网格", "region_id"));
  if (!actor.DistrictWide() && !region->path.starts_with(actor.region_path))
    return Fail(Error::Forbidden("该区域不在您负责的范围内"));
  return *region;
}

}  // namespace

std::string_view RaisedChannel(std::string_view kind, Role author_role) {
  if (kind == "visit") return "visit";
  return author_role == Role::kDeputy ? "deputy" : "walk_in";
}

FieldLogService::FieldLogService(store::Database& db, const Clock& clock, AppealService& appeals)
    : db_(db), clock_(clock), appeals_(appeals) {}

bool FieldLogService::MaySeeNames(const Actor& actor, const FieldLog& log) {
  if (!actor.IsStaff()) return false;
  return log.author_id == actor.user_id || actor.Is(Role::kCoordinator) || actor.Is(Role::kAdmin);
}

Result<FieldLog> FieldLogService::CreateIn(Tx& tx, const Actor& actor, const FieldLogInput& in, store::OptId booking_id) {
  MS_TRY(CheckKind(in.kind));
  MS_TRY(CheckPeople(in.people_count));
  const Timestamp now = clock_.Now();
  if (in.met_at && *in.met_at > now + kClockSkew)
    return Fail(Error::Invalid("invalid_value", "接待或走访时间不能晚于现在", "met_at"));
  MS_ASSIGN(region, CheckRegion(tx, actor, in.region_id));
  FieldLog log;
  log.author_id = actor.user_id;
  if (in.author_id && *in.author_id != actor.user_id) {
    if (!actor.Is(Role::kCoordinator) && !actor.Is(Role::kAdmin) && !booking_id)
      return Fail(Error::Forbidden("只能记录本人的民情日志"));
    MS_ASSIGN(author, store::FindUser(tx, *in.author_id));
    if (!author || !author->active) return Fail(Error::Invalid("invalid_value", "记录人不存在", "author_id"));
    log.author_id = author->id;
  }
  log.street_id = region.street_id;
  log.region_id = region.id;
  MS_TRY(CheckStudioInStreet(tx, in.studio_id, region.street_id));
  log.studio_id = in.studio_id;
  log.kind = in.kind;
  log.met_at = in.met_at.value_or(now);
  log.place = in.place;
  log.people_count = in.people_count;
  log.people_names = in.people_names;
  log.raised = in.raised;
  log.booking_id = booking_id;
  log.created_at = log.updated_at = now;
  MS_ASSIGN(id, store::InsertFieldLog(tx, log));
  MS_ASSIGN(stored, store::FindFieldLog(tx, id));
  if (!stored) return Fail(Error::Internal("刚写入的民情日志读不到"));
  return std::move(*stored);
}

Result<FieldLog> FieldLogService::Create(const Actor& actor, const FieldLogInput& in) {
  MS_TRY(RequireRole(actor));
  return WriteValue<FieldLog>(db_, [&](Tx& tx) { return CreateIn(tx, actor, in, std::nullopt); });
}

Result<FieldLog> FieldLogService::Update(const Actor& actor, Id id, const FieldLogChange& change) {
  MS_TRY(RequireRole(actor));
  return WriteValue<FieldLog>(db_, [&](Tx& tx) -> Result<FieldLog> {
    MS_ASSIGN(found, store::FindFieldLog(tx, id));
    if (!found || !CanSee(actor, *found)) return Fail(LogNotFound());
    FieldLog log = std::move(*found);
    if (change.region_id && *change.region_id != log.region_id) {
      MS_ASSIGN(region, CheckRegion(tx, actor, *change.region_id));
      log.region_id = region.id;
      log.street_id = region.street_id;
    }
    if (change.studio_id) log.studio_id = *change.studio_id;
    if (change.studio_id || change.region_id) MS_TRY(CheckStudioInStreet(tx, log.studio_id, log.street_id));
    const Timestamp now = clock_.Now();
    if (change.met_at) {
      if (*change.met_at > now + kClockSkew)
        return Fail(Error::Invalid("invalid_value", "接待或走访时间不能晚于现在", "met_at"));
      log.met_at = *change.met_at;
    }
    if (change.place) log.place = *change.place;
    if (change.people_count) {
      MS_TRY(CheckPeople(*change.people_count));
      log.people_count = *change.people_count;
    }
    if (change.people_names) log.people_names = *change.people_names;
    if (change.raised) {
      // What was raised is the content of the appeal raised from it: fixed once raised.
      if (log.appeal_id && *change.raised != log.raised)
        return Fail(Error::Conflict("already_raised", "已转为诉求的日志不能再修改反映的问题"));
      log.raised = *change.raised;
    }
    log.updated_at = now;
    MS_TRY(store::UpdateFieldLog(tx, log));
    MS_ASSIGN(stored, store::FindFieldLog(tx, id));
    return std::move(*stored);
  });
}

Result<FieldLog> FieldLogService::Get(const Actor& actor, Id id) {
  MS_TRY(RequireRole(actor));
  MS_ASSIGN(log, ReadValue<FieldLog>(db_, [&](Tx& tx) -> Result<FieldLog> {
    MS_ASSIGN(found, store::FindFieldLog(tx, id));
    if (!found || !CanSee(actor, *found)) return Fail(LogNotFound());
    return std::move(*found);
  }));
  // Someone else's record of whom they met, unmasked: recorded before it is shown.
  if (log.author_id != actor.user_id && MaySeeNames(actor, log) && !log.people_names.empty())
    MS_TRY(db_.Write([&](Tx& tx) {
      return Audit(tx, actor, clock_.Now(), "view_personal_data", "field_log", log.id, log.street_id);
    }));
  return log;
}

Result<FieldLogPage> FieldLogService::List(const Actor& actor, FieldLogQuery query) {
  MS_TRY(RequireRole(actor));
  Scope(actor, query);
  MS_ASSIGN(page, ReadMayLagValue<FieldLogPage>(db_, [&](Tx& tx) { return store::ListFieldLogs(tx, query); }));
  std::vector<Id> shown;
  for (const auto& log : page.items)
    if (log.author_id != actor.user_id && MaySeeNames(actor, log) && !log.people_names.empty()) shown.push_back(log.id);
  if (!shown.empty())
    MS_TRY(db_.Write([&](Tx& tx) {
      return Audit(tx, actor, clock_.Now(), "view_personal_data", "field_log_list", std::nullopt, std::nullopt,
                   {{"field_log_ids", shown}});
    }));
  return page;
}

Result<std::vector<FieldLog>> FieldLogService::Export(const Actor& actor, FieldLogQuery query) {
  MS_TRY(RequireRole(actor));
  Scope(actor, query);
  query.page = 1;
  query.page_size = kExportLimit + 1;
  MS_ASSIGN(page, ReadMayLagValue<FieldLogPage>(db_, [&](Tx& tx) { return store::ListFieldLogs(tx, query); }));
  if (page.items.size() > static_cast<std::size_t>(kExportLimit))
    return Fail(Error::Invalid("too_many_rows", "导出的日志超过 20000 条，请缩小时间范围", "from"));
  MS_TRY(db_.Write([&](Tx& tx) {
    return Audit(tx, actor, clock_.Now(), "field_log_export", "field_log_list", std::nullopt, std::nullopt,
                 {{"rows", page.items.size()}, {"studio_id", query.studio_id ? nlohmann::json(*query.studio_id) : nullptr}});
  }));
  return std::move(page.items);
}

Result<store::AppealRecord> FieldLogService::RaiseIn(Tx& tx, const Actor& actor, FieldLog& log, const RaiseInput& in) {
  if (log.appeal_id) return Fail(Error::Conflict("already_raised", "这条民情日志已经转为诉求"));
  if (log.raised.empty())
    return Fail(Error::Invalid("missing_field", "这条日志没有记录群众反映的问题，无法转为诉求", "raised"));
  MS_ASSIGN(author, store::FindUser(tx, log.author_id));
  Role author_role = Role::kRegistrar;
  if (author)
    if (auto role = ParseRole(author->role)) author_role = *role;
  RegisterInput r;
  r.title = in.title.empty() ? Prefix(log.raised, kTitleCodePoints) : in.title;
  r.content = log.raised;
  r.channel = std::string(RaisedChannel(log.kind, author_role));
  r.region_id = log.region_id;
  r.category_id = in.category_id;
  r.address = log.place;
  r.anonymous = in.anonymous;
  r.appellant_name = in.appellant_name;
  r.appellant_phone = in.appellant_phone;
  MS_ASSIGN(appeal, appeals_.RegisterIn(tx, actor, r));
  const Timestamp now = clock_.Now();
  MS_TRY(store::SetFieldLogAppeal(tx, log.id, appeal.id, now));
  log.appeal_id = appeal.id;
  log.updated_at = now;
  return appeal;
}

Result<RaisedAppeal> FieldLogService::Raise(const Actor& actor, Id id, const RaiseInput& in) {
  MS_TRY(RequireRole(actor));
  return WriteValue<RaisedAppeal>(db_, [&](Tx& tx) -> Result<RaisedAppeal> {
    MS_ASSIGN(found, store::FindFieldLog(tx, id));
    if (!found || !CanSee(actor, *found)) return Fail(LogNotFound());
    FieldLog log = std::move(*found);
    MS_ASSIGN(appeal, RaiseIn(tx, actor, log, in));
    return RaisedAppeal{std::move(log), std::move(appeal)};
  });
}

}  // namespace minsheng::app
