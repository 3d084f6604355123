#include "app/wall_service.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "core/calendar.h"
#include "store/appeal_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;

constexpr std::size_t kTitleCodePoints = 30;
constexpr int kSweepBatch = 200;

Error PostNotFound() { return Error::NotFound("留言不存在", "id"); }

bool Blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

Status RequireText(const std::string& text, std::string_view field, std::string_view what) {
  if (Blank(text)) return Fail(Error::Invalid("missing_field", "请填写" + std::string(what), std::string(field)));
  return {};
}

WallPostState StateOf(const WallPost& post) {
  auto s = ParseWallPostState(post.state);
  return s ? *s : WallPostState::kPending;
}

// Read access: a handler the posts routed to their unit; everyone else their region subtree.
bool CanSee(const Actor& actor, const WallPost& post) {
  if (!actor.IsStaff()) return false;
  if (actor.Is(Role::kHandler)) return actor.department_id && post.unit_id == actor.department_id;
  return actor.DistrictWide() || post.region_path.starts_with(actor.region_path);
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

// The staff-only log names the person and their role: "登记员 张三".
std::string StaffLabel(const Actor& actor) {
  return actor.display_name.empty() ? actor.PublicLabel() : actor.PublicLabel() + " " + actor.display_name;
}

std::string DueText(Timestamp due) { return FormatDate(LocalDay(due - 1)); }

Result<store::CategoryRecord> ActiveCategory(Tx& tx, Id id) {
  MS_ASSIGN(category, store::FindCategory(tx, id));
  if (!category || !category->active) return Fail(Error::Invalid("invalid_value", "诉求分类不存在", "category_id"));
  return std::move(*category);
}

// One step on a post, as one transaction: the operation first (a role that may never take the step learns
// nothing about which ids exist), then load, scope, the state table, `apply`, store under the version and log.
struct Step {
  WallPost post;  // mutate this
  WallPostState from;
  WallPostState to;
  store::WallPostEventRecord event;  // note and data may be set by `apply`
  Timestamp now;
};
using Apply = std::function<Status(Tx&, Step&)>;

Result<WallPost> RunStepIn(Tx& tx, const Clock& clock, const Actor& actor, Id id, WallPostAction action,
                           const Apply& apply) {
  MS_TRY(RequireOperation(actor, WallPostOperation(action),
                          action == WallPostAction::kReply ? "答复回音墙留言" : "审核回音墙留言"));
  MS_ASSIGN(found, store::FindWallPost(tx, id));
  if (!found || !CanSee(actor, *found)) return Fail(PostNotFound());
  Step s{std::move(*found), {}, {}, {}, clock.Now()};
  s.from = StateOf(s.post);
  MS_ASSIGN(to, NextWallPostState(s.from, action, {.has_reply = s.post.replied_at.has_value()}));
  s.to = to;
  const std::int64_t version = s.post.version;
  s.post.state = std::string(WallPostStateName(s.to));
  s.post.updated_at = s.now;
  s.event = {.wall_post_id = id, .street_id = s.post.street_id, .at = s.now, .actor_id = actor.user_id,
             .actor_label = StaffLabel(actor),
             .action = std::string(WallPostActionName(action)), .from_state = std::string(WallPostStateName(s.from)),
             .to_state = s.post.state};
  MS_TRY(apply(tx, s));
  MS_TRY(store::UpdateWallPost(tx, s.post, version));
  MS_TRY(store::AppendWallPostEvent(tx, s.event));
  return std::move(s.post);
}

Result<WallPostDetail> LoadDetail(Tx& tx, Id id) {
  MS_ASSIGN(post, store::FindWallPost(tx, id));
  if (!post) return Fail(PostNotFound());
  MS_ASSIGN(events, store::ListWallPostEvents(tx, id));
  MS_ASSIGN(notices, store::ListWallPostNotices(tx, id));
  return WallPostDetail{std::move(*post), std::move(events), std::move(notices)};
}

// The query's tab as a repository filter.
Status ApplyTab(const std::optional<std::string>& tab, Timestamp now, store::WallPostFilter& f) {
  if (!tab) return {};
  if (*tab == "overdue") {
    f.overdue_at = now;
    return {};
  }
  auto state = ParseWallPostState(*tab);
  if (!state) {
    Error e = Error::Invalid("invalid_value", "未知的分类：" + *tab + "（可选 pending、published、replied、hidden、overdue）",
                             "state");
    e.allowed = {"pending", "published", "replied", "hidden", "overdue"};
    return Fail(std::move(e));
  }
  f.states = {*tab};
  return {};
}

store::WallPostFilter FilterOf(const WallQuery& q) {
  return {.street_id = q.street_id, .region_id = q.region_id, .category_id = q.category_id, .unit_id = q.unit_id,
          .keyword = q.keyword, .page = q.page, .page_size = q.page_size};
}

}  // namespace

WallService::WallService(store::Database& db, const Clock& clock, const CalendarCache& calendar,
                         AppealService& appeals)
    : db_(db), clock_(clock), calendar_(calendar), appeals_(appeals) {}

Result<WallPost> WallService::Post(const WallPostInput& in) {
  MS_TRY(RequireText(in.content, "content", "留言内容"));
  if (!in.phone.empty() && !IsValidPhone(in.phone))
    return Fail(Error::Invalid("invalid_value", "联系电话格式不正确", "phone"));
  const auto calendar = calendar_.Get();
  return WriteValue<WallPost>(db_, [&](Tx& tx) -> Result<WallPost> {
    MS_ASSIGN(region, store::FindRegion(tx, in.region_id));
    if (!region || region->level == "district")
      return Fail(Error::Invalid("invalid_value", "请选择所在的街镇或社区", "region_id"));
    if (in.category_id) {
      MS_ASSIGN(category, ActiveCategory(tx, *in.category_id));
      (void)category;
    }
    const Timestamp now = clock_.Now();
    const Deadline due = WallReplyDeadline(*calendar, now);
    WallPost post{.street_id = region->street_id, .region_id = region->id, .category_id = in.category_id,
                  .content = in.content, .phone = in.phone,
                  .state = std::string(WallPostStateName(WallPostState::kPending)), .reply_due = due.due,
                  .reply_warn_at = due.warn_at, .created_at = now, .updated_at = now};
    MS_ASSIGN(id, store::InsertWallPost(tx, post));
    MS_TRY(store::AppendWallPostEvent(
        tx, {.wall_post_id = id, .street_id = post.street_id, .at = now, .actor_label = "群众",
             .action = std::string(WallPostActionName(WallPostAction::kPost)),
             .to_state = post.state, .note = "答复期限：" + DueText(due.due)}));
    MS_ASSIGN(stored, store::FindWallPost(tx, id));
    if (!stored) return Fail(Error::Internal("刚写入的留言读不到"));
    return std::move(*stored);
  });
}

Result<store::WallPostPage> WallService::ListPublic(WallQuery query) {
  if (query.tab && *query.tab != "published" && *query.tab != "replied") {
    Error e = Error::Invalid("invalid_value", "只能查询已公开（published）或已答复（replied）的留言", "state");
    e.allowed = {"published", "replied"};
    return Fail(std::move(e));
  }
  store::WallPostFilter f = FilterOf(query);
  f.states = query.tab ? std::vector<std::string>{*query.tab} : std::vector<std::string>{"published", "replied"};
  return ReadMayLagValue<store::WallPostPage>(db_, [&](Tx& tx) { return store::ListWallPosts(tx, f); });
}

Result<WallQueuePage> WallService::List(const Actor& actor, WallQuery query) {
  MS_TRY(RequireOperation(actor, Operation::kReadWall, "查看回音墙留言"));
  const Timestamp now = clock_.Now();
  store::WallPostFilter f = FilterOf(query);
  if (actor.Is(Role::kHandler)) {
    if (!actor.department_id) return WallQueuePage{};
    f.scope_unit_id = actor.department_id;
  } else if (!actor.DistrictWide()) {
    f.scope_path = actor.region_path;
  }
  MS_TRY(ApplyTab(query.tab, now, f));
  return ReadMayLagValue<WallQueuePage>(db_, [&](Tx& tx) -> Result<WallQueuePage> {
    MS_ASSIGN(page, store::ListWallPosts(tx, f));
    MS_ASSIGN(counts, store::CountWallPosts(tx, f, now));
    return WallQueuePage{std::move(page.items), page.total, counts};
  });
}

Result<WallPostDetail> WallService::Get(const Actor& actor, Id id) {
  MS_TRY(RequireOperation(actor, Operation::kReadWall, "查看回音墙留言"));
  MS_ASSIGN(detail, ReadValue<WallPostDetail>(db_, [&](Tx& tx) -> Result<WallPostDetail> {
    MS_ASSIGN(d, LoadDetail(tx, id));
    if (!CanSee(actor, d.post)) return Fail(PostNotFound());
    return d;
  }));
  // The resident's phone, unmasked: recorded before it is shown.
  if (MaySeePhone(actor, detail.post))
    MS_TRY(db_.Write([&](Tx& tx) {
      return Audit(tx, actor, clock_.Now(), "view_personal_data", "wall_post", detail.post.id, detail.post.street_id);
    }));
  return detail;
}

Result<WallPostDetail> WallService::Publish(const Actor& actor, Id id, const WallPublishInput& in) {
  return WriteValue<WallPostDetail>(db_, [&](Tx& tx) -> Result<WallPostDetail> {
    MS_TRY(RunStepIn(tx, clock_, actor, id, WallPostAction::kPublish, [&](Tx& t, Step& s) -> Status {
      if (s.from == WallPostState::kHidden && Blank(in.note))
        return Fail(Error::Invalid("missing_field", "重新公开已屏蔽的留言，请说明理由", "note"));
      if (in.category_id) {
        MS_ASSIGN(category, ActiveCategory(t, *in.category_id));
        s.post.category_id = category.id;
      }
      if (in.unit_id) {
        MS_ASSIGN(unit, store::FindDepartment(t, *in.unit_id));
        if (!unit || !unit->active) return Fail(Error::Invalid("invalid_value", "答复单位不存在", "unit_id"));
        s.post.unit_id = unit->id;
      } else if (!s.post.unit_id && s.post.category_id) {
        MS_ASSIGN(category, store::FindCategory(t, *s.post.category_id));
        if (category) s.post.unit_id = category->default_department_id;
      }
      s.post.published_at = s.now;
      s.post.published_by = actor.user_id;
      std::string routed;
      if (s.post.unit_id) {
        MS_ASSIGN(unit, store::FindDepartment(t, *s.post.unit_id));
        if (unit) routed = "，由" + unit->name + "答复";
      }
      s.event.note = (s.from == WallPostState::kHidden ? "重新公开：" + in.note : in.note.empty() ? "审核通过" : in.note) +
                     routed;
      s.event.data = nlohmann::json{{"unit_id", s.post.unit_id ? nlohmann::json(*s.post.unit_id) : nlohmann::json()}}
                         .dump();
      return {};
    }));
    return LoadDetail(tx, id);
  });
}

Result<WallPostDetail> WallService::Hide(const Actor& actor, Id id, const std::string& reason) {
  return WriteValue<WallPostDetail>(db_, [&](Tx& tx) -> Result<WallPostDetail> {
    MS_TRY(RunStepIn(tx, clock_, actor, id, WallPostAction::kHide, [&](Tx&, Step& s) -> Status {
      MS_TRY(RequireText(reason, "reason", "屏蔽理由"));
      s.post.hidden_at = s.now;
      s.post.hidden_by = actor.user_id;
      s.post.hide_reason = reason;
      s.event.note = reason;
      return {};
    }));
    return LoadDetail(tx, id);
  });
}

Result<WallPostDetail> WallService::Reply(const Actor& actor, Id id, const std::string& content) {
  return WriteValue<WallPostDetail>(db_, [&](Tx& tx) -> Result<WallPostDetail> {
    MS_TRY(RunStepIn(tx, clock_, actor, id, WallPostAction::kReply, [&](Tx& t, Step& s) -> Status {
      MS_TRY(RequireText(content, "content", "答复内容"));
      s.post.reply = content;
      s.post.replied_at = s.now;
      s.post.replied_by = actor.user_id;
      // The wall names who answered: the handler's unit, or for a moderator the street office of the post.
      s.post.reply_unit_id.reset();
      s.post.reply_author_label = s.post.street_name.empty() ? s.post.region_name : s.post.street_name;
      if (actor.Is(Role::kHandler) && actor.department_id) {
        MS_ASSIGN(unit, store::FindDepartment(t, *actor.department_id));
        s.post.reply_unit_id = actor.department_id;
        if (unit) s.post.reply_author_label = unit->name;
      }
      const WallReplyTiming timing = WallReplyTimingAt(s.post.reply_due, s.now, s.now);
      s.post.reply_on_time = timing == WallReplyTiming::kOnTime ? 1 : 0;
      s.event.note = std::string(WallReplyTimingLabel(timing)) + "（期限 " + DueText(s.post.reply_due) + "）";
      s.event.data = nlohmann::json{{"on_time", timing == WallReplyTiming::kOnTime}}.dump();
      return {};
    }));
    return LoadDetail(tx, id);
  });
}

Result<WallAppealResult> WallService::TurnIntoAppeal(const Actor& actor, Id id, const WallAppealInput& in) {
  return WriteValue<WallAppealResult>(db_, [&](Tx& tx) -> Result<WallAppealResult> {
    store::AppealRecord appeal;
    MS_TRY(RunStepIn(tx, clock_, actor, id, WallPostAction::kAppeal, [&](Tx& t, Step& s) -> Status {
      if (s.post.appeal_id)
        return Fail(Error::Conflict("already_appealed", "这条留言已经转为诉求"));
      const store::OptId category = in.category_id ? in.category_id : s.post.category_id;
      if (!category) return Fail(Error::Invalid("missing_field", "请选择诉求分类", "category_id"));
      RegisterInput reg{.title = Blank(in.title) ? Prefix(s.post.content, kTitleCodePoints) : in.title,
                        .content = s.post.content, .channel = "wall", .region_id = s.post.region_id,
                        .category_id = *category, .anonymous = true, .appellant_phone = s.post.phone};
      MS_ASSIGN(registered, appeals_.RegisterIn(t, actor, reg));
      // The appeal's timeline says where it came from.
      MS_TRY(store::AppendEvent(t,
                                {.appeal_id = registered.id, .at = s.now, .actor_id = actor.user_id,
                                 .actor_label = actor.PublicLabel(), .action = "wall_post",
                                 .from_status = registered.status, .to_status = registered.status,
                                 .note = "由回音墙留言 #" + std::to_string(id) + " 转为诉求",
                                 .data = nlohmann::json{{"wall_post_id", id}}.dump()},
                                registered.street_id));
      s.post.appeal_id = registered.id;
      if (!s.post.category_id) s.post.category_id = category;
      s.event.note = "转为诉求 #" + std::to_string(registered.id);
      s.event.data = nlohmann::json{{"appeal_id", registered.id}}.dump();
      appeal = std::move(registered);
      return {};
    }));
    MS_ASSIGN(detail, LoadDetail(tx, id));
    return WallAppealResult{std::move(detail), std::move(appeal)};
  });
}

std::vector<std::string> WallService::AllowedActions(const Actor& actor, const WallPost& post) const {
  std::vector<std::string> out;
  if (!CanSee(actor, post)) return out;
  for (WallPostAction a : WallPostActionsFrom(StateOf(post))) {
    if (!RoleMayDo(actor.role, WallPostOperation(a))) continue;
    if (a == WallPostAction::kAppeal && (post.appeal_id || !RoleMay(actor.role, Action::kRegister))) continue;
    out.emplace_back(WallPostActionName(a));
  }
  return out;
}

bool WallService::MaySeePhone(const Actor& actor, const WallPost& post) {
  if (!actor.IsStaff() || post.phone.empty() || !CanSee(actor, post)) return false;
  switch (actor.role) {
    case Role::kAdmin:
    case Role::kRegistrar:
    case Role::kCoordinator:
    case Role::kSupervisor:  // calls residents back
    case Role::kHandler:     // CanSee: the unit the post was routed to
      return true;
    default: return false;
  }
}

std::string_view WallService::UrgencyOf(const WallPost& post, Timestamp now) {
  if (!OwesWallReply(StateOf(post))) return UrgencyName(Urgency::kNormal);
  return UrgencyName(UrgencyAt({post.created_at, post.reply_due, post.reply_warn_at}, now));
}

Result<int> SweepWallPosts(store::Database& db, Timestamp now) {
  MS_ASSIGN(overdue, ReadValue<std::vector<Id>>(db, [&](Tx& tx) { return store::ListOverdueWallPostIds(tx, now, 100000); }));
  int total = 0;
  for (std::size_t i = 0; i < overdue.size(); i += kSweepBatch) {
    int batch = 0;
    MS_TRY(db.Write([&](Tx& tx) -> Status {
      batch = 0;  // the engine may run this again after a serialization failure
      for (std::size_t j = i; j < std::min(overdue.size(), i + kSweepBatch); ++j) {
        // Re-read inside the write: a reply or a hide since the list was read means nothing is owed.
        MS_ASSIGN(found, store::FindWallPost(tx, overdue[j]));
        if (!found || !WallPostOverdue(StateOf(*found), found->reply_due, now)) continue;
        WallPost post = std::move(*found);
        const std::string note = "留言已超过答复期限（" + DueText(post.reply_due) + "），请尽快公开答复";
        MS_ASSIGN(inserted, store::InsertWallPostNoticeIfAbsent(
                                tx, {.wall_post_id = post.id, .street_id = post.street_id, .unit_id = post.unit_id,
                                     .kind = "reply_overdue", .deadline = post.reply_due, .issued_at = now,
                                     .note = note}));
        if (!inserted) continue;
        ++batch;
        MS_TRY(store::AppendWallPostEvent(
            tx, {.wall_post_id = post.id, .street_id = post.street_id, .at = now, .actor_label = "系统",
                 .action = "supervision_notice", .from_state = post.state, .to_state = post.state, .note = note,
                 .data = nlohmann::json{{"kind", "reply_overdue"}, {"deadline", post.reply_due}}.dump()}));
        const std::int64_t version = post.version;
        post.updated_at = now;
        MS_TRY(store::UpdateWallPost(tx, post, version));
      }
      return {};
    }));
    total += batch;
  }
  return total;
}

}  // namespace minsheng::app
