#include "cli/demo.h"
#include "cli/demo_following.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/actor.h"
#include "app/appeal_service.h"
#include "app/calendar_cache.h"
#include "app/deadline_sweep.h"
#include "app/password.h"
#include "app/rollup_upkeep.h"
#include "core/rollup.h"
#include "cli/demo_field_logs.h"
#include "cli/demo_votes.h"  // issue 11, part C
#include "cli/demo_fixture.h"
#include "cli/demo_deputy_work.h"
#include "cli/demo_evaluations.h"
#include "cli/demo_studios.h"
#include "cli/demo_proposals.h"
#include "cli/demo_texts.h"
#include "cli/demo_consultations.h"  // issue 11, part A
#include "cli/demo_wall.h"  // issue 12: the message wall
#include "cli/demo_assist.h"  // issue 12: assisting opinions, reviewed replies
#include "cli/demo_bulletins.h"  // issue 12: bulletins
#include "cli/demo_case_plans.h"  // issue 12: the case owner's plan
#include "cli/demo_supervision.h"  // issue 12: manual supervision
#include "cli/demo_bulk.h"  // issue 13: bulk load
#include "cli/progress.h"
#include "core/calendar.h"
#include "core/deadline.h"
#include "core/lifecycle.h"
#include "store/migrations.h"

namespace minsheng::cli {
namespace {

using store::Id;

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;
constexpr int kPeriodDays = 182;
constexpr std::int64_t kOfficeOpen = 8 * kHour + 30 * kMinute;  // 08:30 local
constexpr std::int64_t kOfficeClose = 17 * kHour + 30 * kMinute;
// Ends a story early (its next step would be after `now`, or it reached its target state); not an error.
constexpr std::string_view kStopCode = "demo_stop";

// How the coordinator routes an appeal at triage.
enum class Route { kDispatch, kDeliberate, kEscalate, kExplain, kMergePair, kReject };

// One appeal's story, decided up front from the master seed; everything else comes from `seed`.
struct Plan {
  std::uint64_t seed = 0;
  Route route = Route::kDispatch;
  std::optional<AppealState> stop_at;  // the story ends as soon as the appeal reaches this state
  double recent_days = 0;              // > 0: registered within this many days before now
  bool force_misroute = false;         // first dispatched to the wrong unit, which returns it
  bool force_dissatisfied = false;     // the first callback is dissatisfied
  // Issue 14: the planted hot spot's appeals name their category and community (empty: drawn at random).
  std::string_view category_code;
  std::string_view community_code;
};

// How a unit works: the demo makes `water` fast and liked and `property` slow and often late, so that
// the rankings have a top and a bottom.
struct UnitProfile {
  std::string_view code;
  double accept_hours_min, accept_hours_max;
  double contact_late;  // share of first contacts after the contact deadline
  double reply_late;    // share of replies after the reply deadline
  double satisfied;     // share of first callbacks rated satisfied …
  double basically;     // … and basically satisfied (the rest dissatisfied)
  double extension;     // share of appeals where the unit asks for more time
};
constexpr std::array kProfiles = {
    UnitProfile{"water", 0.2, 1.5, 0.02, 0.03, 0.78, 0.17, 0.03},
    UnitProfile{"police", 0.3, 2, 0.04, 0.06, 0.62, 0.25, 0.05},
    UnitProfile{"health", 0.5, 3, 0.04, 0.05, 0.68, 0.22, 0.05},
    UnitProfile{"civil", 0.5, 4, 0.05, 0.06, 0.66, 0.24, 0.06},
    UnitProfile{"market", 0.5, 4, 0.05, 0.08, 0.60, 0.27, 0.06},
    UnitProfile{"education", 1, 5, 0.06, 0.10, 0.58, 0.28, 0.08},
    UnitProfile{"transport", 1, 6, 0.08, 0.12, 0.55, 0.28, 0.10},
    UnitProfile{"hrss", 1, 6, 0.08, 0.12, 0.55, 0.28, 0.10},
    UnitProfile{"environment", 1, 8, 0.10, 0.15, 0.50, 0.30, 0.12},
    UnitProfile{"urban", 2, 10, 0.15, 0.20, 0.48, 0.30, 0.12},
    UnitProfile{"housing", 2, 16, 0.15, 0.25, 0.45, 0.30, 0.20},
    UnitProfile{"property", 4, 30, 0.35, 0.42, 0.33, 0.30, 0.20},
};

const UnitProfile& ProfileOf(std::string_view department_code) {
  for (const auto& p : kProfiles)
    if (p.code == department_code) return p;
  return kProfiles[4];
}

struct Channel {
  std::string_view name;
  int weight;
  bool office_hours;  // received by staff, so registered during office hours on working days
};
constexpr std::array kChannels = {
    Channel{"phone", 30, true}, Channel{"web", 18, false}, Channel{"walk_in", 12, true}, Channel{"wall", 10, false},
    Channel{"grid", 9, true},   Channel{"visit", 7, true}, Channel{"deputy", 8, true},   Channel{"letter", 6, true},
};

// Relative sizes of the communities (the town's villages are small).
constexpr std::array<std::pair<std::string_view, int>, 6> kCommunityWeights = {
    {{"s01c01", 5}, {"s01c02", 4}, {"s01c03", 4}, {"s02c01", 2}, {"s02c02", 2}, {"s02c03", 3}}};

bool IsVillage(std::string_view community_code) { return community_code == "s02c01" || community_code == "s02c02"; }

template <typename T, typename W>
const T& PickWeighted(std::span<const T> items, W weight, DemoRandom& rng) {
  int total = 0;
  for (const auto& i : items) total += weight(i);
  int r = rng.Below(total);
  for (const auto& i : items) {
    r -= weight(i);
    if (r < 0) return i;
  }
  return items.back();
}

// Everything the stories share; read-only while they run.
struct Context {
  store::Database& db;
  const app::CalendarCache& calendar_cache;
  std::shared_ptr<const WorkCalendar> calendar;
  LoadedFixture fixture;
  std::map<std::string, app::Actor, std::less<>> actors;  // by username
  std::map<Id, std::string> department_codes;
  std::vector<Id> department_ids;
  Timestamp now = 0;

  const app::Actor& ActorNamed(std::string_view username) const { return actors.find(username)->second; }
  const app::Actor* ActorWithId(Id user_id) const {
    for (const auto& [_, a] : actors)
      if (a.user_id == user_id) return &a;
    return nullptr;
  }
};

Error StopSignal() { return Error{ErrorKind::kInternal, std::string(kStopCode), "", {}, {}}; }

// One appeal from registration to wherever it is at `now`, driven through the real use cases on
// its own clock. Steps after `now` are not taken, so recent appeals stay in early states.
class Story {
 public:
  Story(const Context& ctx, app::AppealService& service, ManualClock& clock, const Plan& plan)
      : ctx_(ctx), cal_(*ctx.calendar), service_(service), clock_(clock), plan_(plan), rng_(plan.seed) {}

  // Ok when the story ran as far as `now` allows; an error only when a use case refused a step.
  Status Run() {
    Status s = Body();
    if (!s && s.error().code != kStopCode) return s;
    return RunSideSteps(ctx_.now);
  }

 private:
  // --- time ---------------------------------------------------------------------------------------

  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(rng_.Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  std::int64_t Hours(double lo, double hi) {
    return Uniform(static_cast<std::int64_t>(lo * kHour), static_cast<std::int64_t>(hi * kHour));
  }
  static std::int64_t TimeOfDay(Timestamp t) { return t - LocalDayStart(LocalDay(t)); }
  Timestamp OfficeOnDay(std::chrono::sys_days d) { return LocalDayStart(d) + Uniform(kOfficeOpen, kOfficeClose); }
  // The first office moment at or after t (a little after opening when t is outside office hours).
  Timestamp NextOffice(Timestamp t) {
    auto day = LocalDay(t);
    if (cal_.IsWorkingDay(day) && TimeOfDay(t) >= kOfficeOpen && TimeOfDay(t) <= kOfficeClose) return t;
    if (!cal_.IsWorkingDay(day) || TimeOfDay(t) > kOfficeClose) day = cal_.AddWorkingDays(day, 1);
    return LocalDayStart(day) + kOfficeOpen + Uniform(0, 50 * kMinute);
  }
  Timestamp OfficeAfter(Timestamp t, std::int64_t delay) { return NextOffice(t + delay); }
  // An office moment `n` working days after the day of t.
  Timestamp WorkingDaysAfter(Timestamp t, int n) { return OfficeOnDay(cal_.AddWorkingDays(LocalDay(t), n)); }
  // An office moment after `after` and on or before `due`, on a random working day in between; just
  // after `after` when there is no room.
  Timestamp OnTimeMoment(Timestamp after, Timestamp due, int max_days = 60) {
    auto first = LocalDay(after);
    auto last = LocalDay(due - 1);
    std::vector<std::chrono::sys_days> days;
    for (auto d = first; d <= last && static_cast<int>(days.size()) < max_days; d += std::chrono::days(1))
      if (cal_.IsWorkingDay(d)) days.push_back(d);
    if (!days.empty()) {
      auto d = days[static_cast<std::size_t>(rng_.Below(static_cast<int>(days.size())))];
      Timestamp lo = std::max(LocalDayStart(d) + kOfficeOpen, after + 20 * kMinute);
      Timestamp hi = std::min(LocalDayStart(d) + kOfficeClose, due - kMinute);
      if (lo <= hi) return Uniform(lo, hi);
    }
    return OfficeAfter(after, Hours(0.3, 2));
  }
  // A moment 1..max_late working days after the deadline `due`.
  Timestamp LateMoment(Timestamp after, Timestamp due, int max_late) {
    Timestamp t = WorkingDaysAfter(due - 1, rng_.Between(1, max_late));
    return std::max(t, OfficeAfter(after, Hours(0.3, 2)));
  }

  // Moves the story's clock to t (never backwards), after running the side steps due by then.
  // Stops the story when t is past now.
  Status At(Timestamp t) {
    t = std::max(t, last_ + kMinute);
    if (t > ctx_.now) return Fail(StopSignal());
    MS_TRY(RunSideSteps(t));
    last_ = t;
    clock_.Set(t);
    return {};
  }
  Status RunSideSteps(Timestamp until) {
    while (!side_.empty() && side_.front().first <= until) {
      auto step = std::move(side_.front());
      side_.erase(side_.begin());
      clock_.Set(step.first);
      MS_TRY(step.second());
    }
    return {};
  }

  // Records the appeal after a step; stops the story at the plan's target state.
  Status Note(const Result<store::AppealRecord>& r) {
    if (!r) return Fail(r.error());
    appeal_ = *r;
    auto state = ParseState(appeal_.status);
    if (state && IsFinished(*state)) finished_ = true;
    if (state && plan_.stop_at && *state == *plan_.stop_at) return Fail(StopSignal());
    return {};
  }

  // --- who ------------------------------------------------------------------------------------------

  std::string StreetCode() const { return street_code_; }
  const app::Actor& Coordinator() { return *coordinator_; }
  const app::Actor& Handler(Id department_id) {
    return ctx_.ActorNamed("handler-" + ctx_.department_codes.at(department_id));
  }
  const app::Actor& Registrar(std::string_view channel) {
    if (channel == "phone" || channel == "letter") return ctx_.ActorNamed("registrar");
    if (channel == "deputy") return ctx_.ActorNamed(rng_.Chance(0.6) ? "deputy-" + StreetCode() : "deputy");
    return ctx_.ActorNamed(rng_.Chance(0.7) ? "registrar-" + StreetCode() : "registrar");
  }
  Id OtherDepartment(Id not_this) {
    for (;;) {
      Id d = ctx_.department_ids[static_cast<std::size_t>(rng_.Below(static_cast<int>(ctx_.department_ids.size())))];
      if (d != not_this) return d;
    }
  }

  // --- the story ------------------------------------------------------------------------------------

  // A moment in the period (or the plan's recent window) at least `min_age_days` before now: office
  // hours on a working day for what staff receive, any waking hour for the web and the wall.
  Timestamp RegistrationTime(bool office_hours, double min_age_days) {
    const double window = plan_.recent_days > 0 ? plan_.recent_days : kPeriodDays;
    const Timestamp latest = ctx_.now - static_cast<std::int64_t>(min_age_days * kDay);
    for (int i = 0; i < 50; ++i) {
      auto day = LocalDay(latest - Uniform(0, static_cast<std::int64_t>(window * kDay)));
      // A few weekend walk-ins happen at studios on duty.
      if (office_hours && !cal_.IsWorkingDay(day) && !rng_.Chance(0.05)) continue;
      Timestamp t =
          office_hours ? OfficeOnDay(day) : LocalDayStart(day) + Uniform(7 * kHour, 23 * kHour + 30 * kMinute);
      if (t <= latest) return t;
    }
    return latest - Uniform(10 * kMinute, kHour);
  }

  Status Body() {
    const auto& drawn_category = PickWeighted(
        DemoCategories(), [](const DemoCategory& c) { return c.weight; }, rng_);
    const std::string_view category_code = plan_.category_code.empty() ? drawn_category.code : plan_.category_code;
    category_ = &ctx_.fixture.categories.at(std::string(category_code));
    lead_unit_ = *category_->default_department_id;
    // Property, lift and building complaints come from housing estates, not from the villages.
    const bool estate = IsEstateCategory(category_code);
    const auto& community = PickWeighted(
        std::span<const std::pair<std::string_view, int>>(kCommunityWeights),
        [&](const auto& c) { return estate && IsVillage(c.first) ? 0 : c.second; }, rng_);
    std::string community_code(plan_.community_code.empty() ? community.first : plan_.community_code);
    street_code_ = community_code.substr(0, 3);
    std::string region_code = rng_.Chance(0.6) ? community_code + (rng_.Chance(0.5) ? "g01" : "g02") : community_code;
    coordinator_ = &ctx_.ActorNamed(rng_.Chance(0.5) ? "coordinator-" + street_code_ : "coordinator");
    place_ = ComposePlace(community_code, estate, rng_);
    const auto& channel = PickWeighted(
        std::span<const Channel>(kChannels), [](const Channel& c) { return c.weight; }, rng_);
    text_ = ComposeAppeal(category_code, channel.name, place_, rng_);

    app::RegisterInput input;
    input.title = text_.title;
    input.content = text_.content;
    input.channel = channel.name;
    input.region_id = ctx_.fixture.regions.at(region_code).id;
    input.category_id = category_->id;
    input.address = place_.address;
    input.anonymous = (channel.name == "web" || channel.name == "wall") ? rng_.Chance(0.2) : rng_.Chance(0.04);
    if (!input.anonymous) {
      input.appellant_name = ComposeAppellantName(rng_);
      if (rng_.Chance(0.92)) input.appellant_phone = ComposePhone(rng_);
    }

    const bool pair = plan_.route == Route::kMergePair;
    MS_TRY(At(RegistrationTime(channel.office_hours, pair ? 2.0 : 0.0)));
    const app::Actor& registrar = channel.name == "web" || channel.name == "wall" ? resident_ : Registrar(channel.name);
    if (registrar.Is(Role::kDeputy)) deputy_id_ = registrar.user_id;
    MS_TRY(Note(service_.Register(registrar, input)));
    if (pair) ScheduleDuplicate(input);

    MS_TRY(At(OfficeAfter(last_, Hours(0.3, 6))));
    switch (plan_.route) {
      case Route::kReject:
        return Note(service_.Triage(Coordinator(), appeal_.id, {Action::kReject, ComposeRejectNote(rng_), {}}));
      case Route::kEscalate:
        MS_TRY(Note(service_.Triage(Coordinator(), appeal_.id, {Action::kEscalate, ComposeEscalateNote(rng_), {}})));
        MS_TRY(At(WorkingDaysAfter(last_, rng_.Between(15, 40))));
        return Note(service_.Close(Coordinator(), appeal_.id, "建议已转交有关部门研究办理，本诉求办结。"));
      case Route::kExplain:
        MS_TRY(Note(service_.Triage(Coordinator(), appeal_.id, {Action::kExplain, ComposeExplainNote(rng_), {}})));
        return Explaining();
      case Route::kDeliberate: {
        MS_TRY(Note(service_.Triage(Coordinator(), appeal_.id,
                                    {Action::kDeliberate, ComposeDeliberateNote(place_, rng_), {}})));
        MS_TRY(At(WorkingDaysAfter(last_, rng_.Between(8, 25))));
        double r = rng_.Unit();
        if (r < 0.25) return Note(service_.Close(Coordinator(), appeal_.id, "协商议事已形成决议并落实，办结。"));
        if (r < 0.45) {
          MS_TRY(Note(
              service_.Triage(Coordinator(), appeal_.id,
                              {Action::kExplain, "协商议事结论：暂不具备实施条件，由代表向诉求人解释说明。", {}})));
          return Explaining();
        }
        return Rounds(1, false);
      }
      case Route::kDispatch:
      case Route::kMergePair:
        return Rounds(1, plan_.force_misroute || rng_.Chance(0.07));
    }
    return {};
  }

  // A second resident raises the same matter a little later; the coordinator merges it into this one.
  void ScheduleDuplicate(const app::RegisterInput& original) {
    app::RegisterInput dup = original;
    AppealText text = ComposeDuplicate(text_, rng_);
    dup.title = text.title;
    dup.content = text.content;
    dup.channel = rng_.Chance(0.5) ? "phone" : "web";
    dup.anonymous = false;
    dup.appellant_name = ComposeAppellantName(rng_);
    dup.appellant_phone = ComposePhone(rng_);
    Timestamp registered = appeal_.created_at + Hours(1, 36);
    Timestamp merged = OfficeAfter(registered, Hours(0.5, 4));
    std::string merge_note = ComposeMergeNote(rng_);
    auto dup_id = std::make_shared<Id>(0);
    side_.emplace_back(registered, [this, dup, dup_id]() -> Status {
      MS_ASSIGN(r, dup.channel == "web" ? service_.Register(resident_, dup)
                                        : service_.Register(ctx_.ActorNamed("registrar"), dup));
      *dup_id = r.id;
      return {};
    });
    side_.emplace_back(merged, [this, dup_id, merge_note]() -> Status {
      if (*dup_id == 0) return {};
      app::TriageInput in{Action::kMerge, merge_note, appeal_.id};
      // The first appeal may already be finished by then: the duplicate is then answered with its result.
      if (finished_) in = {Action::kReject, "同一事项已办结，已将办理结果告知诉求人。", {}};
      MS_TRY(service_.Triage(Coordinator(), *dup_id, in));
      return {};
    });
  }

  // explaining: a deputy explains in person, then the resident is called back.
  Status Explaining() {
    MS_TRY(At(WorkingDaysAfter(last_, rng_.Between(2, 8))));
    double r = rng_.Unit();
    app::CallbackInput cb;
    cb.resolved = rng_.Chance(0.3);
    if (r < 0.6) {
      cb.satisfaction = "satisfied";
      cb.reason = "理解政策，感谢代表耐心解释。";
    } else if (r < 0.9) {
      cb.satisfaction = "basically_satisfied";
      cb.reason = "对政策表示理解，希望以后能解决。";
    } else {
      cb.satisfaction = "dissatisfied";
      cb.resolved = false;
      cb.reason = ComposeDissatisfiedReason(appeal_.deputy_id.has_value(), rng_);
      cb.causes = CausesOfDissatisfiedReason(cb.reason);
    }
    MS_TRY(Note(service_.Callback(ctx_.ActorNamed("supervisor"), appeal_.id, cb)));
    if (cb.satisfaction != "dissatisfied") return {};
    MS_TRY(At(WorkingDaysAfter(last_, rng_.Between(0, 2))));
    return Rounds(2, false);
  }

  // Dispatch → accept → contact → (extension) → reply → callback, once per round; a dissatisfied
  // callback or a reopen starts the next round.
  Status Rounds(int round, bool misroute) {
    std::vector<Id> assisting;
    if (rng_.Chance(0.12)) assisting.push_back(OtherDepartment(lead_unit_));
    store::OptId deputy = deputy_id_;
    if (!deputy && rng_.Chance(0.15))
      deputy = ctx_.ActorNamed(rng_.Chance(0.5) ? "deputy-" + StreetCode() : "deputy").user_id;
    store::OptId case_owner;
    if (rng_.Chance(0.04)) case_owner = ctx_.ActorNamed(rng_.Chance(0.5) ? "leader" : "leader-2").user_id;

    DispatchSituation situation = round > 1 ? DispatchSituation::kReopened : DispatchSituation::kFirst;
    for (;; ++round) {
      if (misroute) {
        misroute = false;
        Id wrong = OtherDepartment(lead_unit_);
        MS_TRY(Note(service_.Dispatch(Coordinator(), appeal_.id,
                                      {wrong, {}, {}, {}, deputy, ComposeDispatchNote(situation, false, rng_)})));
        situation = DispatchSituation::kAfterReturn;
        const app::Actor& handler = Handler(wrong);
        MS_TRY(At(OfficeAfter(last_, Hours(0.5, 20))));
        if (rng_.Chance(0.3)) {
          MS_TRY(Note(service_.Accept(handler, appeal_.id, "")));
          MS_TRY(At(OfficeAfter(last_, Hours(0.5, 6))));
        }
        MS_TRY(Note(service_.Return(
            handler, appeal_.id,
            ComposeReturnReason(ctx_.fixture.departments.at(ctx_.department_codes.at(wrong)).name, rng_))));
        MS_TRY(At(OfficeAfter(last_, Hours(2, 40))));
      }
      if (round >= 3) case_owner = ctx_.ActorNamed(rng_.Chance(0.5) ? "leader" : "leader-2").user_id;
      std::string note = ComposeDispatchNote(situation, !assisting.empty(), rng_);
      if (case_owner && round == 1) note = "领导包案，" + note;
      MS_TRY(Note(service_.Dispatch(Coordinator(), appeal_.id, {lead_unit_, assisting, {}, case_owner, deputy, note})));

      MS_ASSIGN(late, HandleByUnit(round, assisting));
      MS_TRY(At(WorkingDaysAfter(last_, rng_.Between(1, 3))));
      if (round == 1 && !plan_.force_dissatisfied && rng_.Chance(0.04))
        return Note(service_.Close(ctx_.ActorNamed("supervisor"), appeal_.id, "多次电话回访未接通，按规定办结。"));

      MS_ASSIGN(satisfied, CallBack(round, late));
      // A third dissatisfaction leaves a long-standing case (积案) with its leader, still reopened.
      if (!satisfied && round >= 3) return {};
      if (satisfied) {
        // Now and then a closed case comes back: the problem returned, or an inspection found it unfixed.
        if (round >= 3 || !rng_.Chance(0.02)) return {};
        MS_TRY(At(WorkingDaysAfter(last_, rng_.Between(5, 20))));
        MS_TRY(Note(service_.Reopen(ctx_.ActorNamed(rng_.Chance(0.5) ? "leader" : "supervisor"), appeal_.id,
                                    ComposeReopenReason(rng_))));
      }
      MS_TRY(At(WorkingDaysAfter(last_, rng_.Between(0, 2))));
      situation = DispatchSituation::kReopened;
    }
  }

  // The lead unit works the case; returns whether the reply was late.
  Result<bool> HandleByUnit(int round, const std::vector<Id>& assisting) {
    const UnitProfile& p = ProfileOf(ctx_.department_codes.at(lead_unit_));
    const app::Actor& handler = Handler(lead_unit_);
    const double care = round > 1 ? 0.5 : 1.0;  // second rounds are watched more closely

    MS_TRY(At(OfficeAfter(last_, Hours(p.accept_hours_min, p.accept_hours_max))));
    MS_TRY(Note(service_.Accept(handler, appeal_.id, ComposeAcceptNote(rng_))));

    const Timestamp contact_due = appeal_.contact_due.value_or(last_ + kDay);
    const bool contact_late = rng_.Chance(p.contact_late * care);
    MS_TRY(At(contact_late ? LateMoment(last_, contact_due, 3) : OnTimeMoment(last_, contact_due, 2)));
    const app::Actor* contact_by = &handler;
    if (appeal_.deputy_id && rng_.Chance(0.25))
      if (const app::Actor* d = ctx_.ActorWithId(*appeal_.deputy_id)) contact_by = d;
    static constexpr std::array<const char*, 3> kMethods = {"phone", "visit", "sms"};
    MS_TRY(Note(
        service_.Contact(*contact_by, appeal_.id,
                         contact_by == &handler ? ComposeContactNote(rng_) : "代表上门与诉求人当面沟通，了解诉求。",
                         kMethods[static_cast<std::size_t>(rng_.Below(3))])));

    Timestamp reply_due = appeal_.reply_due.value_or(last_ + 7 * kDay);
    if (rng_.Chance(p.extension * care)) {
      MS_TRY(At(OnTimeMoment(last_, reply_due, 5)));
      const int days = std::array{3, 5, 5, 10}[static_cast<std::size_t>(rng_.Below(4))];
      MS_ASSIGN(ext, service_.RequestExtension(handler, appeal_.id, days, ComposeExtensionReason(rng_)));
      MS_TRY(At(OfficeAfter(last_, Hours(1, 8))));
      const bool approve = rng_.Chance(0.85);
      MS_TRY(service_.DecideExtension(ctx_.ActorNamed("coordinator"), ext.id, approve,
                                      approve ? "同意延期，请在延期内办结。" : "理由不充分，请按原期限办理。"));
      if (approve) reply_due = ExtendDue(cal_, reply_due, days);
    }

    // Issue 12: each assisting unit gives the lead unit its written opinion before the reply.
    static constexpr std::array<const char*, 3> kOpinions = {
        "经核查，本单位职责范围内的事项已同步处理，建议主办单位在答复中一并说明。",
        "已派人到现场配合查看，相关情况已书面告知主办单位，请统筹答复。",
        "本单位无不同意见，将按主办单位的安排做好配合工作。",
    };
    // No draw from rng_ here: the stories' other choices stay what they were before issue 12.
    for (Id unit : assisting) {
      MS_TRY(At(OfficeAfter(last_, 2 * kHour)));
      MS_TRY(service_.GiveOpinion(Handler(unit), appeal_.id, kOpinions[static_cast<std::size_t>(unit % 3)]));
    }

    const bool reply_late = rng_.Chance(p.reply_late * care);
    MS_TRY(At(reply_late ? LateMoment(last_ + 4 * kHour, reply_due, 6) : OnTimeMoment(last_ + 4 * kHour, reply_due)));
    const std::string& unit_name = ctx_.fixture.departments.at(ctx_.department_codes.at(lead_unit_)).name;
    // Issue 14: the careless units (those often late) now and then reply with courtesies only. Drawn apart from the
    // story's own stream, so that the rest of every story is what the same seed told before.
    DemoRandom careless(plan_.seed ^ (0x7e91ull + round));
    const std::string reply = careless.Chance(p.reply_late * 0.3)
                                  ? ComposePerfunctoryReply(careless)
                                  : ComposeReply(category_->code, unit_name, text_, place_, round > 1, rng_);
    MS_TRY(Note(service_.Reply(handler, appeal_.id, reply)));
    return reply_late;
  }

  // The resident is called back; returns whether they were (basically) satisfied.
  Result<bool> CallBack(int round, bool late) {
    const UnitProfile& p = ProfileOf(ctx_.department_codes.at(lead_unit_));
    // A unit's residents stay about as (dis)satisfied in the second round; the leader's third round
    // mostly settles it, but not always.
    double satisfied = p.satisfied - (late ? 0.15 : 0.0), basically = p.basically;
    if (round == 2) satisfied = p.satisfied * 0.8;
    if (round >= 3) {
      satisfied = 0.5;
      basically = 0.4 - 0.5 * (1 - p.satisfied - p.basically);
    }
    if (round == 1 && plan_.force_dissatisfied) satisfied = basically = 0;
    const double r = rng_.Unit();
    app::CallbackInput cb;
    if (r < satisfied) {
      cb.satisfaction = "satisfied";
      cb.resolved = rng_.Chance(0.92);
      cb.reason = ComposeSatisfiedReason(rng_);
    } else if (r < satisfied + basically) {
      cb.satisfaction = "basically_satisfied";
      cb.resolved = rng_.Chance(0.65);
      cb.reason = cb.resolved ? "基本解决，希望长效管理。" : "部门态度还可以，但问题还没有彻底解决。";
    } else {
      cb.satisfaction = "dissatisfied";
      cb.resolved = rng_.Chance(0.1);
      cb.reason = ComposeDissatisfiedReason(appeal_.deputy_id.has_value(), rng_);
      cb.causes = CausesOfDissatisfiedReason(cb.reason);
    }
    // Residents with a receipt code often rate it themselves on the portal; staff call the others.
    if ((appeal_.anonymous || appeal_.channel == "web") && rng_.Chance(0.6))
      MS_TRY(Note(service_.CallbackByReceipt(appeal_.receipt_code, cb)));
    else
      MS_TRY(Note(service_.Callback(ctx_.ActorNamed("supervisor"), appeal_.id, cb)));
    return cb.satisfaction != "dissatisfied";
  }

  const Context& ctx_;
  const WorkCalendar& cal_;
  app::AppealService& service_;
  ManualClock& clock_;
  const Plan& plan_;
  DemoRandom rng_;
  const app::Actor resident_ = app::Actor::Resident();

  Timestamp last_ = 0;
  std::vector<std::pair<Timestamp, std::function<Status()>>> side_;  // in time order
  store::AppealRecord appeal_;
  bool finished_ = false;
  const store::CategoryRecord* category_ = nullptr;
  Id lead_unit_ = 0;
  std::string street_code_;
  const app::Actor* coordinator_ = nullptr;
  store::OptId deputy_id_;
  DemoPlace place_;
  AppealText text_;
};

// Issue 14: a hot spot to see on first start (热点预警): a restaurant's fumes, twelve appeals from one community in
// the week of `now`, where the category brings it about one every two weeks.
constexpr int kHotspotAppeals = 12;
constexpr std::string_view kHotspotCategory = "cooking_fumes";
constexpr std::string_view kHotspotCommunity = "s01c02";

// The stories to tell: a few aimed at each in-between state (so even a small demo shows them all), the planted
// hot spot, then the ordinary mix until `appeals` appeals are planned.
std::vector<Plan> MakePlans(const DemoOptions& options, Timestamp now) {
  DemoRandom rng(options.seed);
  std::vector<Plan> plans;
  int planned = 0;
  auto add = [&](Plan p) {
    p.seed = rng.Next();
    planned += p.route == Route::kMergePair ? 2 : 1;
    plans.push_back(p);
  };
  using S = AppealState;
  struct Target {
    S state;
    Route route;
    double recent_days;
    bool misroute, dissatisfied;
  };
  const std::array targets = {
      Target{S::kReceived, Route::kDispatch, 0.3, false, false},
      Target{S::kDispatched, Route::kDispatch, 1, false, false},
      Target{S::kAccepted, Route::kDispatch, 2, false, false},
      Target{S::kInProgress, Route::kDispatch, 4, false, false},
      Target{S::kReplied, Route::kDispatch, 12, false, false},
      Target{S::kReturned, Route::kDispatch, 3, true, false},
      Target{S::kReopened, Route::kDispatch, 25, false, true},
      Target{S::kDeliberating, Route::kDeliberate, 6, false, false},
      Target{S::kEscalated, Route::kEscalate, 10, false, false},
      Target{S::kExplaining, Route::kExplain, 1.5, false, false},
  };
  const int per_target = options.appeals >= 100 ? std::max(1, options.appeals / 500) : 0;
  for (int i = 0; i < per_target; ++i)
    for (const auto& t : targets) add(Plan{0, t.route, t.state, t.recent_days, t.misroute, t.dissatisfied});
  // The hot spot's appeals take the last places, drawn from a stream of their own, so that every other plan is the
  // one the same seed gave before they were added.
  const int hotspot = options.appeals >= 10 * kHotspotAppeals ? kHotspotAppeals : 0;
  while (planned < options.appeals - hotspot) {
    double r = rng.Unit();
    Route route = r < 0.86    ? Route::kDispatch
                  : r < 0.89  ? Route::kMergePair
                  : r < 0.92  ? Route::kReject
                  : r < 0.95  ? Route::kExplain
                  : r < 0.975 ? Route::kDeliberate
                              : Route::kEscalate;
    if (route == Route::kMergePair && planned + 2 > options.appeals - hotspot) route = Route::kDispatch;
    add(Plan{0, route, std::nullopt, 0, false, false});
  }
  const auto monday = std::chrono::sys_days(std::chrono::days(WeekStart(LocalDayNumber(now))));
  const double since_monday = std::max(0.02, static_cast<double>(now - LocalDayStart(monday)) / kDay);
  DemoRandom hotspot_rng(options.seed ^ 0x5ea5);
  for (int i = 0; i < hotspot; ++i)
    plans.push_back(Plan{.seed = hotspot_rng.Next(),
                         .route = Route::kDispatch,
                         .recent_days = since_monday,
                         .category_code = kHotspotCategory,
                         .community_code = kHotspotCommunity});
  return plans;
}

}  // namespace

Result<DemoSummary> LoadDemo(store::Database& db, const DemoOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (options.appeals < 0) return Fail(Error::Invalid("invalid_value", "诉求数量不能为负数", "appeals"));
  const Timestamp now = options.now != 0 ? options.now : SystemClock().Now();
  MS_TRY(store::Migrate(db));

  // One hash for everyone: argon2id is deliberately slow, and these are demo accounts.
  MS_ASSIGN(hash, app::HashPassword(kDemoPassword));
  MS_ASSIGN(fixture, store::WriteValue<LoadedFixture>(db, [&](store::Tx& tx) {
              return LoadDemoFixture(tx, hash, now - (kPeriodDays + 30) * kDay);
            }));
  app::CalendarCache calendar_cache;
  MS_TRY(calendar_cache.Reload(db));

  Context ctx{db, calendar_cache, calendar_cache.Get(), std::move(fixture), {}, {}, {}, now};
  for (const auto& [name, user] : ctx.fixture.users) ctx.actors.emplace(name, DemoActor(user, ctx.fixture));
  for (const auto& [code, d] : ctx.fixture.departments) {
    ctx.department_codes.emplace(d.id, code);
    ctx.department_ids.push_back(d.id);
  }
  std::sort(ctx.department_ids.begin(), ctx.department_ids.end());
  // Issue 12, the case owner's plan: each leader's streets, before anything escalates to a leader.
  MS_TRY(LoadDemoLeaderStreets(db, ctx.fixture, now));

  // Issue 12's stories (demo_assist.cpp) register kDemoAssistAppeals of the requested appeals themselves.
  const bool assist_stories = options.appeals >= kDemoAssistMinimum;
  DemoOptions story_options = options;
  // Issue 13: beyond kDemoStoryAppeals, the stories stay those of the default demo and the rest come in bulk.
  story_options.appeals = std::min(options.appeals, kDemoStoryAppeals);
  const int bulk_appeals = options.appeals - story_options.appeals;
  if (assist_stories) story_options.appeals -= kDemoAssistAppeals;
  const std::vector<Plan> plans = MakePlans(story_options, now);
  std::atomic<std::size_t> next{0};
  std::mutex error_mutex;
  std::optional<Error> first_error;
  int failures = 0;
  {
    std::vector<std::jthread> workers;
    const int threads = std::clamp(options.threads, 1, 64);
    for (int w = 0; w < threads; ++w) {
      workers.emplace_back([&] {
        ManualClock clock(now);
        app::AppealService service(db, clock, calendar_cache);
        for (std::size_t i = next++; i < plans.size(); i = next++) {
          Story story(ctx, service, clock, plans[i]);
          if (Status s = story.Run(); !s) {
            std::lock_guard lock(error_mutex);
            ++failures;
            if (!first_error) first_error = s.error();
          }
        }
      });
    }
  }
  if (first_error) {
    Error e = *first_error;
    e.message = "演示数据载入时有 " + std::to_string(failures) + " 件诉求的办理步骤失败，第一个错误：" + e.message +
                "（" + e.code + "）";
    return Fail(std::move(e));
  }

  MS_TRY(LoadDemoFollowing(db, calendar_cache, ctx.actors, now));  // issue 10: deputies following cases
  MS_TRY(LoadDemoStudios(db, calendar_cache, ctx.fixture, hash, now, options.seed));
  // Issue 12: review on for civil and market; assisting opinions and replies waiting for review.
  MS_TRY(LoadDemoAssist(db, calendar_cache, ctx.fixture, ctx.actors, now, assist_stories));

  // Manual supervision (issue 12; demo_supervision.cpp): notices in every state on open appeals, inspections;
  // before the sweep, whose events come at `now`.
  MS_TRY(LoadDemoSupervision(db, ctx.fixture, ctx.actors, now));
  // Issue 13: the appeals beyond the stories, over three years, written in bulk (demo_bulk.h); before the sweep,
  // which serves the open ones.
  if (bulk_appeals > 0) {
    const DemoMessages messages = LoadDemoMessages(options.texts_dir);
    // Said every time: without the messages the appeals are a few templates, and the database half the size.
    if (messages.empty())
      std::cerr << "演示文本：" << options.texts_dir << " 中没有留言 CSV（--texts），诉求使用内置模板\n";
    else
      std::cerr << "演示文本：" << messages.titles.size() << " 条留言、" << messages.replies.size() << " 条答复，来自 "
                << options.texts_dir << "\n";
    Progress progress([](std::string_view phase) {
      return phase == "indexes" ? PhaseLook{"building", "indexes"} : PhaseLook{"loading", "appeals"};
    });
    BulkDemoOptions bulk{.appeals = bulk_appeals, .seed = options.seed, .now = now, .messages = &messages};
    if (options.progress)
      bulk.progress = [&](std::string_view phase, std::int64_t done, std::int64_t total) {
        progress(phase, done, total);
      };
    MS_TRY(LoadBulkDemoAppeals(db, ctx.fixture, *ctx.calendar, bulk));
    progress.Finish();
  }
  // Overdue appeals that are still open get their supervision notices, as the server's sweep would.
  ManualClock sweep_clock(now);
  MS_ASSIGN(sweep, app::SweepDeadlines(db, sweep_clock));

  MS_TRY(LoadDemoDeputyWork(db, ctx.fixture, now));
  MS_TRY(LoadDemoEvaluations(db, ctx.fixture, now));  // issue 11: public evaluation

  DemoSummary summary;
  summary.notices = sweep.notices_issued;
  MS_TRY(db.Read([&](store::Tx& tx) -> Status {
    MS_ASSIGN(rows, tx.Query("SELECT status, COUNT(*) FROM appeals GROUP BY status"));
    for (const auto& row : rows) {
      summary.by_state[row.Text(0)] = static_cast<int>(row.Int(1));
      summary.appeals += static_cast<int>(row.Int(1));
    }
    return {};
  }));
  // Deputies' field logs and the reception schedule (demo_field_logs.cpp); after the count: they link to
  // appeals the stories registered and add none.
  MS_TRY(LoadDemoFieldLogs(db, ctx.fixture, calendar_cache, now, options.seed));
  MS_TRY(LoadDemoProposals(db, ctx.fixture, ctx.actors, now));  // issue 11: proposals
  // Votes on practical projects and risk assessments (issue 11, part C; demo_votes.cpp).
  MS_TRY(LoadDemoVotes(db, ctx.fixture, now));
  // Consultations at each step (issue 11, part A): links deliberating appeals, adds none.
  MS_TRY(LoadDemoConsultations(db, ctx.fixture, calendar_cache, now));
  // The message wall (issue 12; demo_wall.cpp): posts with replies in time and late, pending, hidden; no appeal.
  MS_TRY(LoadDemoWall(db, ctx.fixture, calendar_cache, now));
  // Bulletins (issue 12; demo_bulletins.cpp): last quarter's review and last month's bulletin, from the loaded
  // appeals; last, so that their figures include every story.
  MS_TRY(LoadDemoBulletins(db, ctx.fixture, now));
  // Issue 12, the case owner's plan (demo_case_plans.cpp): plans on the leaders' open cases; adds no appeal.
  MS_TRY(LoadDemoCasePlans(db, ctx.fixture, ctx.actors, now));
  // The changes of every appeal into the per-period counts the metrics read (issue 13).
  MS_TRY(app::FoldRollups(db));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

std::string FormatDemoSummary(const DemoSummary& summary) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", summary.seconds);
  std::string out = "演示数据已载入：" + std::to_string(summary.appeals) + " 件诉求，用时 " + seconds + " 秒；";
  static constexpr std::array kOrder = {AppealState::kReceived,   AppealState::kDispatched, AppealState::kAccepted,
                                        AppealState::kInProgress, AppealState::kReplied,    AppealState::kClosed,
                                        AppealState::kReturned,   AppealState::kReopened,   AppealState::kDeliberating,
                                        AppealState::kEscalated,  AppealState::kExplaining, AppealState::kMerged,
                                        AppealState::kRejected};
  bool first = true;
  for (AppealState s : kOrder) {
    auto it = summary.by_state.find(std::string(StateName(s)));
    if (it == summary.by_state.end()) continue;
    out += (first ? "" : "，") + std::string(StateLabel(s)) + " " + std::to_string(it->second);
    first = false;
  }
  out += "；督办单 " + std::to_string(summary.notices) + " 份。用户密码均为 " + std::string(kDemoPassword);
  return out;
}

Status RunDemo(store::Database& db, const DemoOptions& options) {
  MS_ASSIGN(summary, LoadDemo(db, options));
  std::cout << FormatDemoSummary(summary) << std::endl;
  return {};
}

}  // namespace minsheng::cli
