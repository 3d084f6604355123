#include "app/deputy_case_service.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

#include <nlohmann/json.hpp>

#include "app/appeal_note.h"
#include "app/appeal_service.h"
#include "app/audit.h"
#include "app/deputy_following.h"
#include "core/access.h"
#include "core/calendar.h"
#include "core/lifecycle.h"
#include "store/appeal_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::AppealRecord;
using store::Id;
using store::Tx;

constexpr std::size_t kNoteMax = 5000;

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

Status Require(const Actor& actor, Operation op, std::string_view refusal) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, op)) return Fail(Error::Forbidden(std::string(refusal)));
  return {};
}

// The appeal a deputy's contact or opinion is recorded on, checked: visible to the actor (404), the
// actor follows it as its deputy or their assistant (403), still open (409).
Result<AppealRecord> LoadFollowedAppeal(Tx& tx, const Actor& actor, Id appeal_id, std::string_view what) {
  MS_ASSIGN(found, store::FindAppeal(tx, appeal_id));
  if (!found) return Fail(Error::NotFound("诉求不存在", "id"));
  MS_TRY(CheckCanSeeAppeal(tx, actor, *found));
  MS_ASSIGN(follows, FollowsCase(tx, actor, *found));
  if (!follows)
    return Fail(Error::Forbidden("只有跟进该诉求的代表或其助理可以记录" + std::string(what)));
  auto state = ParseState(found->status);
  if (state && IsFinished(*state))
    return Fail(Error::Conflict("appeal_finished", "诉求已" + std::string(StateLabel(*state)) + "，不能再记录" +
                                                       std::string(what)));
  return std::move(*found);
}

// The deputy an admin or coordinator manages: kNotFound when missing, not a deputy, or outside their region.
Result<store::UserRecord> ManagedDeputy(Tx& tx, const Actor& actor, Id deputy_id) {
  const Error missing = Error::NotFound("代表不存在", "user_id");
  MS_ASSIGN(deputy, store::FindUser(tx, deputy_id));
  if (!deputy || deputy->role != "deputy") return Fail(missing);
  if (!actor.DistrictWide()) {
    MS_ASSIGN(region, store::FindRegion(tx, deputy->region_id));
    if (!region || !region->path.starts_with(actor.region_path)) return Fail(missing);
  }
  return std::move(*deputy);
}

// Worded as api/route_access.cpp words the route's refusal.
std::string FollowRefusal(const Actor& actor) {
  return "您的角色（" + std::string(RoleLabel(actor.role)) + "）不能记录代表联系或书面意见";
}

constexpr std::string_view kManageRefusal = "只有系统管理员或街镇枢纽可以管理代表助理";

}  // namespace

Result<std::vector<DeputyCaseFigures>> DeputyCaseFiguresOf(Tx& tx, const std::vector<Id>& deputy_ids, Timestamp from,
                                                           Timestamp to) {
  MS_ASSIGN(rows, store::ListFollowedAppeals(tx, deputy_ids, from, to));
  MS_ASSIGN(contacts, store::CountDeputyContacts(tx, deputy_ids, from, to));
  std::map<Id, std::vector<FollowedAppealFact>> followed;
  for (const auto& r : rows)
    followed[r.deputy_id].push_back({r.status == "closed", r.replied, r.contacted_before_reply});
  std::map<Id, std::int64_t> contact_counts(contacts.begin(), contacts.end());
  std::vector<DeputyCaseFigures> out;
  for (Id id : deputy_ids)
    out.push_back(CountDeputyCaseFigures(followed[id], static_cast<int>(contact_counts[id])));
  return out;
}

DeputyCaseService::DeputyCaseService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<store::DeputyContactRecord> DeputyCaseService::RecordContact(const Actor& actor, Id appeal_id,
                                                                    const DeputyContactInput& in) {
  MS_TRY(Require(actor, Operation::kFollowCase, FollowRefusal(actor)));
  if (!IsDeputyContactMethod(in.method))
    return Fail(Error{ErrorKind::kInvalid, "invalid_value", "联系方式应为 face_to_face（当面）、phone（电话）或 visit（上门走访）",
                      "method", {"face_to_face", "phone", "visit"}});
  if (Blank(in.note)) return Fail(Error::Invalid("missing_field", "请填写联系情况", "note"));
  if (in.note.size() > kNoteMax) return Fail(Error::Invalid("too_long", "联系情况过长", "note"));
  std::optional<store::DeputyContactRecord> out;
  MS_TRY(db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(appeal, LoadFollowedAppeal(tx, actor, appeal_id, "代表联系"));
    const Timestamp now = clock_.Now();
    store::DeputyContactRecord x{.appeal_id = appeal.id, .street_id = appeal.street_id,
                                 .deputy_id = *appeal.deputy_id, .recorded_by = actor.user_id,
                                 .method = in.method, .note = in.note, .at = now, .created_at = now};
    MS_ASSIGN(id, store::InsertDeputyContact(tx, x));
    x.id = id;
    MS_TRY(NoteOnAppeal(tx, actor, appeal, now,
                        {.action = "deputy_contact",
                         .note = in.note,
                         .data = {{"contact_id", id}, {"method", in.method}, {"deputy_id", x.deputy_id}},
                         .actor_label = std::string(RoleLabel(Role::kDeputy))}));
    out = std::move(x);
    return {};
  }));
  return std::move(*out);
}

Result<store::DeputyOpinionRecord> DeputyCaseService::AddOpinion(const Actor& actor, Id appeal_id,
                                                                 const std::string& content) {
  MS_TRY(Require(actor, Operation::kFollowCase, FollowRefusal(actor)));
  if (Blank(content)) return Fail(Error::Invalid("missing_field", "请填写书面意见", "content"));
  if (content.size() > kNoteMax) return Fail(Error::Invalid("too_long", "书面意见过长", "content"));
  std::optional<store::DeputyOpinionRecord> out;
  MS_TRY(db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(appeal, LoadFollowedAppeal(tx, actor, appeal_id, "书面意见"));
    const Timestamp now = clock_.Now();
    store::DeputyOpinionRecord x{.appeal_id = appeal.id, .street_id = appeal.street_id,
                                 .deputy_id = *appeal.deputy_id, .recorded_by = actor.user_id,
                                 .content = content, .created_at = now};
    MS_ASSIGN(id, store::InsertDeputyOpinion(tx, x));
    x.id = id;
    MS_TRY(NoteOnAppeal(tx, actor, appeal, now,
                        {.action = "deputy_opinion",
                         .note = content,
                         .data = {{"opinion_id", id}, {"deputy_id", x.deputy_id}},
                         .actor_label = std::string(RoleLabel(Role::kDeputy))}));
    out = std::move(x);
    return {};
  }));
  return std::move(*out);
}

Result<bool> DeputyCaseService::MayRecord(const Actor& actor, const AppealRecord& appeal) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kFollowCase) || !appeal.deputy_id) return false;
  auto state = ParseState(appeal.status);
  if (state && IsFinished(*state)) return false;
  if (*appeal.deputy_id == actor.user_id) return true;
  return ReadValue<bool>(db_, [&](Tx& tx) { return FollowsCase(tx, actor, appeal); });
}

Result<std::vector<store::DeputyAssistantRecord>> DeputyCaseService::Assistants(const Actor& actor, Id deputy_id) {
  MS_TRY(Require(actor, Operation::kManageDeputyAssistants, kManageRefusal));
  return ReadValue<std::vector<store::DeputyAssistantRecord>>(
      db_, [&](Tx& tx) -> Result<std::vector<store::DeputyAssistantRecord>> {
        MS_ASSIGN(deputy, ManagedDeputy(tx, actor, deputy_id));
        return store::ListDeputyAssistants(tx, deputy.id);
      });
}

Result<store::DeputyAssistantRecord> DeputyCaseService::AddAssistant(const Actor& actor, Id deputy_id,
                                                                     Id assistant_id) {
  MS_TRY(Require(actor, Operation::kManageDeputyAssistants, kManageRefusal));
  std::optional<store::DeputyAssistantRecord> out;
  MS_TRY(db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(deputy, ManagedDeputy(tx, actor, deputy_id));
    const Error bad = Error::Invalid("invalid_value", "助理须为本辖区在用的登记员或代表账号，且不能是代表本人",
                                     "assistant_id");
    MS_ASSIGN(assistant, store::FindUser(tx, assistant_id));
    if (!assistant || !assistant->active || assistant->id == deputy.id ||
        (assistant->role != "registrar" && assistant->role != "deputy"))
      return Fail(bad);
    if (!actor.DistrictWide()) {
      MS_ASSIGN(region, store::FindRegion(tx, assistant->region_id));
      if (!region || !region->path.starts_with(actor.region_path)) return Fail(bad);
    }
    MS_ASSIGN(deputy_region, store::FindRegion(tx, deputy.region_id));
    const Timestamp now = clock_.Now();
    store::DeputyAssistantRecord x{.deputy_id = deputy.id, .assistant_id = assistant->id,
                                   .street_id = deputy_region ? deputy_region->street_id : std::nullopt,
                                   .created_by = actor.user_id, .created_at = now,
                                   .assistant_name = assistant->display_name, .assistant_role = assistant->role};
    auto id = store::InsertDeputyAssistant(tx, x);
    if (!id && id.error().code == "unique_violation")
      return Fail(Error::Conflict("already_exists", assistant->display_name + " 已是该代表的助理"));
    if (!id) return Fail(id.error());
    x.id = *id;
    MS_TRY(Audit(tx, actor, now, "deputy_assistant_add", "user", deputy.id, x.street_id,
                 {{"assistant_id", assistant->id}, {"assistant", assistant->username}}));
    out = std::move(x);
    return {};
  }));
  return std::move(*out);
}

Status DeputyCaseService::RemoveAssistant(const Actor& actor, Id deputy_id, Id assistant_id) {
  MS_TRY(Require(actor, Operation::kManageDeputyAssistants, kManageRefusal));
  return db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(deputy, ManagedDeputy(tx, actor, deputy_id));
    MS_ASSIGN(removed, store::DeleteDeputyAssistant(tx, deputy.id, assistant_id));
    if (!removed) return Fail(Error::NotFound("该用户不是此代表的助理", "assistant_id"));
    MS_ASSIGN(deputy_region, store::FindRegion(tx, deputy.region_id));
    return Audit(tx, actor, clock_.Now(), "deputy_assistant_remove", "user", deputy.id,
                 deputy_region ? deputy_region->street_id : std::nullopt, {{"assistant_id", assistant_id}});
  });
}

Result<std::vector<DeputyFiguresItem>> DeputyCaseService::Deputies(const Actor& actor, int year) {
  MS_TRY(Require(actor, Operation::kViewDeputyFigures,
                 "您的角色（" + std::string(RoleLabel(actor.role)) + "）不能查看代表履职数据"));
  if (year < 2000 || year > 2100) return Fail(Error::Invalid("invalid_value", "年份应在 2000 到 2100 之间", "year"));
  using namespace std::chrono;
  const Timestamp from = LocalDayStart(sys_days(std::chrono::year(year) / January / 1));
  const Timestamp to = LocalDayStart(sys_days(std::chrono::year(year + 1) / January / 1));
  return ReadMayLagValue<std::vector<DeputyFiguresItem>>(db_, [&](Tx& tx) -> Result<std::vector<DeputyFiguresItem>> {
    std::vector<DeputyFiguresItem> items;
    if (actor.Is(Role::kDeputy)) {
      MS_ASSIGN(self, store::FindUser(tx, actor.user_id));
      if (self) items.push_back({std::move(*self), {}});
    } else {
      MS_ASSIGN(deputies, store::ListUsers(tx, {.role = "deputy", .active_only = true}));
      MS_ASSIGN(regions, store::ListRegions(tx));
      std::map<Id, std::string> paths;
      for (const auto& r : regions) paths[r.id] = r.path;
      for (auto& d : deputies)
        if (actor.DistrictWide() || paths[d.region_id].starts_with(actor.region_path))
          items.push_back({std::move(d), {}});
    }
    std::vector<Id> ids;
    for (const auto& item : items) ids.push_back(item.deputy.id);
    MS_ASSIGN(figures, DeputyCaseFiguresOf(tx, ids, from, to));
    for (std::size_t i = 0; i < items.size(); ++i) items[i].figures = figures[i];
    return items;
  });
}

Result<DeputyCaseFigures> DeputyCaseService::Figures(Id deputy_id, Timestamp from, Timestamp to) {
  return ReadMayLagValue<DeputyCaseFigures>(db_, [&](Tx& tx) -> Result<DeputyCaseFigures> {
    MS_ASSIGN(figures, DeputyCaseFiguresOf(tx, {deputy_id}, from, to));
    return figures.front();
  });
}

}  // namespace minsheng::app
