#include "core/case_plan.h"

#include <gtest/gtest.h>

#include <string>

#include "core/calendar.h"

namespace minsheng {
namespace {

using S = StepState;
using A = StepAction;
using std::chrono::sys_days;

sys_days Day(const char* text) { return *ParseDate(text); }

const sys_days kToday = Day("2026-11-18");

// Every (state, action): the state it leads to, or none (refused).
struct Move {
  S from;
  A action;
  std::optional<S> to;
};
const Move kMoves[] = {
    {S::kOpen, A::kRevise, S::kOpen},     {S::kOpen, A::kComplete, S::kDone},
    {S::kOpen, A::kRemove, S::kRemoved},  {S::kDone, A::kRevise, std::nullopt},
    {S::kDone, A::kComplete, std::nullopt}, {S::kDone, A::kRemove, std::nullopt},
    {S::kRemoved, A::kRevise, std::nullopt}, {S::kRemoved, A::kComplete, std::nullopt},
    {S::kRemoved, A::kRemove, std::nullopt},
};

TEST(CasePlanSteps, EveryStateAndAction) {
  for (const auto& m : kMoves) {
    auto next = NextStepState(m.from, m.action);
    const std::string what = std::string(StepStateName(m.from)) + " " + std::string(StepActionName(m.action));
    if (m.to) {
      ASSERT_TRUE(next.has_value()) << what;
      EXPECT_EQ(*next, *m.to) << what;
    } else {
      ASSERT_FALSE(next.has_value()) << what;
      EXPECT_EQ(next.error().kind, ErrorKind::kConflict) << what;
      EXPECT_EQ(next.error().code, "invalid_transition") << what;
      EXPECT_TRUE(next.error().allowed.empty()) << what;  // done and removed are final
    }
  }
}

TEST(CasePlanSteps, RefusalFromOpenWouldListEveryAction) {
  EXPECT_EQ(StepActionsFrom(S::kOpen), (std::vector<A>{A::kRevise, A::kComplete, A::kRemove}));
  EXPECT_TRUE(StepActionsFrom(S::kDone).empty());
}

TEST(CasePlanSteps, NamesAndLabelsRoundTrip) {
  for (S s : {S::kOpen, S::kDone, S::kRemoved}) EXPECT_EQ(*ParseStepState(StepStateName(s)), s);
  EXPECT_EQ(StepStateLabel(S::kDone), "已完成");
  auto bad = ParseStepState("finished");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "status");
}

// The plan as stored: 1 done, 2 and 3 open, 4 removed.
std::vector<PlanStep> Stored() {
  return {
      {.id = 1, .title = "现场踏勘", .unit_id = 10, .due = Day("2026-11-10"), .state = S::kDone},
      {.id = 2, .title = "召开协调会", .unit_id = 11, .due = Day("2026-11-20"), .state = S::kOpen},
      {.id = 3, .title = "完成整改", .unit_id = 10, .due = Day("2026-11-15"), .state = S::kOpen},
      {.id = 4, .title = "旧步骤", .unit_id = 10, .due = Day("2026-11-12"), .state = S::kRemoved},
  };
}

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

StepDraft Keep(const PlanStep& s) { return {.id = s.id, .title = s.title, .unit_id = s.unit_id, .due_date = FormatDate(s.due)}; }

// Drafts that are refused, with the field and code named.
struct Refused {
  const char* what;
  std::vector<StepDraft> drafts;
  ErrorKind kind;
  const char* code;
  const char* field;
};

TEST(CasePlanRevision, RefusesBadInput) {
  const auto s = Stored();
  const StepDraft done = Keep(s[0]), two = Keep(s[1]), three = Keep(s[2]);
  const StepDraft fresh{.title = "回访群众", .unit_id = 11, .due_date = "2026-11-25"};
  auto with = [](StepDraft d, auto change) { change(d); return d; };
  const std::vector<Refused> cases = {
      {"no steps", {}, ErrorKind::kInvalid, "missing_field", "steps"},
      {"too many", std::vector<StepDraft>(kMaxPlanSteps + 1, fresh), ErrorKind::kInvalid, "invalid_value", "steps"},
      {"blank title", {done, with(fresh, [](auto& d) { d.title = "  "; })}, ErrorKind::kInvalid, "missing_field",
       "steps[1].title"},
      {"long title", {done, with(fresh, [](auto& d) { d.title = Repeat("字", kMaxStepTitle + 1); })},
       ErrorKind::kInvalid, "too_long", "steps[1].title"},
      {"no unit", {with(fresh, [](auto& d) { d.unit_id = 0; }), done}, ErrorKind::kInvalid, "missing_field",
       "steps[0].unit_id"},
      {"bad date", {done, with(fresh, [](auto& d) { d.due_date = "2026-13-01"; })}, ErrorKind::kInvalid,
       "invalid_date", "steps[1].due_date"},
      {"new step due yesterday", {done, with(fresh, [](auto& d) { d.due_date = "2026-11-17"; })},
       ErrorKind::kInvalid, "invalid_value", "steps[1].due_date"},
      {"open step moved to the past", {done, with(two, [](auto& d) { d.due_date = "2026-11-16"; }), three},
       ErrorKind::kInvalid, "invalid_value", "steps[1].due_date"},
      {"unknown id", {done, with(fresh, [](auto& d) { d.id = 99; })}, ErrorKind::kInvalid, "invalid_value",
       "steps[1].id"},
      {"removed id", {done, with(fresh, [](auto& d) { d.id = 4; })}, ErrorKind::kInvalid, "invalid_value",
       "steps[1].id"},
      {"repeated id", {done, two, two}, ErrorKind::kInvalid, "invalid_value", "steps[2].id"},
      {"done step retitled", {with(done, [](auto& d) { d.title = "改"; }), two}, ErrorKind::kConflict,
       "invalid_transition", ""},
      {"done step given another unit", {with(done, [](auto& d) { d.unit_id = 11; }), two}, ErrorKind::kConflict,
       "invalid_transition", ""},
      {"done step left out", {two, three}, ErrorKind::kConflict, "invalid_transition", ""},
  };
  for (const auto& c : cases) {
    auto r = RevisePlan(s, c.drafts, kToday);
    ASSERT_FALSE(r.has_value()) << c.what;
    EXPECT_EQ(r.error().kind, c.kind) << c.what;
    EXPECT_EQ(r.error().code, c.code) << c.what;
    EXPECT_EQ(r.error().field, c.field) << c.what;
    if (c.kind == ErrorKind::kConflict) {
      EXPECT_TRUE(r.error().allowed.empty()) << c.what;
    }
  }
}

// Accepted revisions and what they change.
struct Accepted {
  const char* what;
  std::vector<StepDraft> drafts;
  int added;
  std::vector<std::int64_t> revised;
  std::vector<std::int64_t> removed;
  bool reordered;
};

TEST(CasePlanRevision, SaysWhatChanges) {
  const auto s = Stored();
  const StepDraft done = Keep(s[0]), two = Keep(s[1]), three = Keep(s[2]);
  const StepDraft fresh{.title = " 回访群众 ", .unit_id = 11, .due_date = "2026-11-18"};  // due today is fine
  auto with = [](StepDraft d, auto change) { change(d); return d; };
  const std::vector<Accepted> cases = {
      {"unchanged", {done, two, three}, 0, {}, {}, false},
      {"a step added", {done, two, three, fresh}, 1, {}, {}, false},
      {"an open step retitled", {done, with(two, [](auto& d) { d.title = "召开联席会"; }), three}, 0, {2}, {}, false},
      {"an open step moved later", {done, two, with(three, [](auto& d) { d.due_date = "2026-11-30"; })}, 0, {3}, {},
       false},
      // An overdue open step kept as it is (its date in the past) is not a move.
      {"an overdue step kept", {done, three, two}, 0, {}, {}, true},
      {"an open step removed", {done, two}, 0, {}, {3}, false},
      {"all at once", {fresh, done, with(three, [](auto& d) { d.unit_id = 11; })}, 1, {3}, {2}, false},
  };
  for (const auto& c : cases) {
    auto r = RevisePlan(s, c.drafts, kToday);
    ASSERT_TRUE(r.has_value()) << c.what << ": " << r.error().message;
    EXPECT_EQ(r->added, c.added) << c.what;
    EXPECT_EQ(r->revised, c.revised) << c.what;
    EXPECT_EQ(r->removed, c.removed) << c.what;
    EXPECT_EQ(r->reordered, c.reordered) << c.what;
    EXPECT_EQ(r->Empty(), c.added == 0 && c.revised.empty() && c.removed.empty() && !c.reordered) << c.what;
    EXPECT_EQ(r->written.size(), c.drafts.size()) << c.what;
  }
  auto first = RevisePlan({}, {fresh}, kToday);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->written[0].title, "回访群众");  // trimmed
  EXPECT_EQ(first->written[0].state, S::kOpen);
}

struct ProgressCase {
  const char* what;
  std::vector<PlanStep> steps;
  sys_days today;
  int total, done, overdue;
  std::optional<std::int64_t> next;
};

TEST(CasePlanProgress, CountsDoneOverdueAndTheNextStep) {
  const std::vector<ProgressCase> cases = {
      {"empty", {}, kToday, 0, 0, 0, std::nullopt},
      // Step 3 (due the 15th) is overdue on the 18th and due before step 2: it is next.
      {"stored", Stored(), kToday, 3, 1, 1, 3},
      // On its due day a step is not overdue yet.
      {"on the due day", Stored(), Day("2026-11-15"), 3, 1, 0, 3},
      {"the day after", Stored(), Day("2026-11-16"), 3, 1, 1, 3},
      {"both late", Stored(), Day("2026-11-21"), 3, 1, 2, 3},
      {"all done",
       {{.id = 1, .title = "a", .unit_id = 1, .due = Day("2026-11-01"), .state = S::kDone},
        {.id = 2, .title = "b", .unit_id = 1, .due = Day("2026-11-02"), .state = S::kDone}},
       kToday, 2, 2, 0, std::nullopt},
      // Equal due dates: the first written is next.
      {"ties",
       {{.id = 5, .title = "a", .unit_id = 1, .due = Day("2026-11-20")},
        {.id = 6, .title = "b", .unit_id = 1, .due = Day("2026-11-20")}},
       kToday, 2, 0, 0, 5},
  };
  for (const auto& c : cases) {
    const PlanProgress p = ProgressOf(c.steps, c.today);
    EXPECT_EQ(p.total, c.total) << c.what;
    EXPECT_EQ(p.done, c.done) << c.what;
    EXPECT_EQ(p.overdue, c.overdue) << c.what;
    EXPECT_EQ(p.next_id, c.next) << c.what;
  }
}

}  // namespace
}  // namespace minsheng
