#include "cli/demo_evaluations.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "app/evaluation_service.h"
#include "core/calendar.h"

namespace minsheng::cli {
namespace {

constexpr Timestamp kDay = 86400;

// The departments of the district round and how well residents and deputies think of them (1–5 points on
// average); the property centre and the police come last.
struct DemoUnit {
  std::string_view department;
  int level;
};
constexpr std::array kDistrictUnits = {
    DemoUnit{"housing", 4},   DemoUnit{"transport", 4}, DemoUnit{"environment", 4}, DemoUnit{"education", 5},
    DemoUnit{"health", 5},    DemoUnit{"civil", 5},     DemoUnit{"hrss", 4},        DemoUnit{"market", 4},
    DemoUnit{"police", 3},    DemoUnit{"property", 3},
};
constexpr std::array<std::string_view, 4> kDistrictCriteria = {"工作作风", "办事效率", "服务质量", "廉洁自律"};

constexpr std::array<std::string_view, 3> kStreetServices = {"街道政务服务大厅", "社区卫生服务站", "东湖菜市场管理"};
constexpr std::array<int, 3> kStreetLevels = {5, 4, 3};
constexpr std::array<std::string_view, 2> kStreetCriteria = {"办事效率", "服务态度"};

// Points around `level` that vary by form, unit and criterion, within 1–5; residents are harder on some
// units than deputies are.
int Points(int level, int form, int unit, int criterion, EvaluatorKind who) {
  const int spread = (form * 7 + unit * 3 + criterion * 5) % 5;  // 0..4
  int delta = spread == 0 ? -1 : spread == 4 ? 1 : 0;
  if (who == EvaluatorKind::kResident && (form + unit + criterion) % 3 == 0) delta -= 1;
  return std::clamp(level + delta, kEvaluationMinPoints, kEvaluationMaxPoints);
}

app::EvaluationFormInput Form(const app::EvaluationRound& round, const int* levels, int form, EvaluatorKind who) {
  app::EvaluationFormInput in{.evaluator = who};
  for (std::size_t u = 0; u < round.targets.size(); ++u) {
    app::EvaluationScoreInput score{.target_id = round.targets[u].id};
    for (std::size_t c = 0; c < round.criteria.size(); ++c)
      score.points.push_back(Points(levels[u], form, static_cast<int>(u), static_cast<int>(c), who));
    in.scores.push_back(std::move(score));
  }
  return in;
}

}  // namespace

Status LoadDemoEvaluations(store::Database& db, const LoadedFixture& fixture, Timestamp now) {
  auto actor = [&](std::string_view username) { return DemoActor(fixture.users.at(std::string(username)), fixture); };
  ManualClock clock(now - 60 * kDay);
  const int year = static_cast<int>(std::chrono::year_month_day(LocalDay(now)).year());
  app::EvaluationService service(db, clock);

  // The district round, closed a month ago.
  app::EvaluationRoundInput district{.title = std::to_string(year) + "年度区级部门述职测评",
                                     .year = year,
                                     .kind = EvaluationKind::kReport,
                                     .region_id = fixture.regions.at("district").id,
                                     .criteria = {kDistrictCriteria.begin(), kDistrictCriteria.end()},
                                     .deputy_share = 0.6};
  std::array<int, kDistrictUnits.size()> levels{};
  for (std::size_t i = 0; i < kDistrictUnits.size(); ++i) {
    district.targets.push_back({.department_id = fixture.departments.at(std::string(kDistrictUnits[i].department)).id});
    levels[i] = kDistrictUnits[i].level;
  }
  MS_ASSIGN(round, service.Create(actor("coordinator"), district));
  int form = 0;
  for (std::string_view deputy : {"deputy", "deputy-s01", "deputy-s02"}) {
    clock.Advance(kDay);
    MS_TRY(service.SubmitForm(actor(deputy), round.round.id, Form(round, levels.data(), form++, EvaluatorKind::kDeputy)));
  }
  for (int i = 0; i < 12; ++i) {
    clock.Advance(kDay / 4);
    MS_TRY(service.SubmitForm(actor("coordinator"), round.round.id,
                              Form(round, levels.data(), form++, EvaluatorKind::kResident)));
  }
  clock.Set(now - 30 * kDay);
  MS_TRY(service.Close(actor("coordinator"), round.round.id));

  // Street s01's evaluation meeting, still open.
  clock.Set(now - 5 * kDay);
  app::EvaluationRoundInput street{.title = "东湖街道便民服务评议会",
                                   .year = year,
                                   .kind = EvaluationKind::kMeeting,
                                   .region_id = fixture.regions.at("s01").id,
                                   .criteria = {kStreetCriteria.begin(), kStreetCriteria.end()}};
  for (auto name : kStreetServices) street.targets.push_back({.name = std::string(name)});
  MS_ASSIGN(meeting, service.Create(actor("coordinator-s01"), street));
  for (int i = 0; i < 4; ++i) {
    clock.Advance(kDay / 2);
    MS_TRY(service.SubmitForm(actor("coordinator-s01"), meeting.round.id,
                              Form(meeting, kStreetLevels.data(), i, EvaluatorKind::kResident)));
  }
  return {};
}

}  // namespace minsheng::cli
