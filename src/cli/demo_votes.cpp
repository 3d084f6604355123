#include "cli/demo_votes.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "app/risk_assessment_service.h"
#include "app/vote_service.h"

namespace minsheng::cli {
namespace {

using store::Id;
constexpr std::int64_t kDay = 86400;

struct DemoVote {
  std::string_view region_code;
  std::string_view title;
  std::string_view description;
  bool major = false;
  int max_choices = 1;
  std::vector<std::pair<std::string_view, int>> options;  // title, votes it gets
  int ballots = 0;     // ballots cast
  int codes = 0;       // codes issued (>= ballots)
  int opened_days_ago = 0;
  int open_days = 0;   // closes this many days after it opened
  bool close = false;  // closed by staff (results published) once it ended
};

// Which options each ballot chooses so that option k gets exactly votes[k]: each option's votes go to the
// ballots with the fewest choices so far (at most max_choices each; the demo's counts fit).
std::vector<std::vector<std::size_t>> Ballots(const DemoVote& v) {
  std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(v.ballots));
  for (std::size_t k = 0; k < v.options.size(); ++k) {
    std::vector<std::size_t> order(out.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return out[a].size() < out[b].size(); });
    for (int i = 0; i < v.options[k].second; ++i) out[order[static_cast<std::size_t>(i)]].push_back(k);
  }
  return out;
}

Result<Id> LoadVote(store::Database& db, const LoadedFixture& fixture, const app::Actor& staff, Timestamp now,
                    const DemoVote& v) {
  const Timestamp opened = now - v.opened_days_ago * kDay;
  ManualClock clock(opened);
  app::VoteService votes(db, clock);
  app::VoteInput in;
  in.title = std::string(v.title);
  in.description = std::string(v.description);
  in.region_id = fixture.regions.at(std::string(v.region_code)).id;
  in.major = v.major;
  in.max_choices = v.max_choices;
  for (const auto& option : v.options) in.options.emplace_back(option.first);
  in.opens_at = opened;
  in.closes_at = opened + v.open_days * kDay;
  MS_ASSIGN(view, votes.Create(staff, in));
  MS_ASSIGN(issued, votes.IssueCodes(staff, view.vote.id, v.codes));
  // Residents vote over the days it is open (up to now).
  const auto ballots = Ballots(v);
  const Timestamp last = std::min(now, in.closes_at) - 3600;
  for (std::size_t i = 0; i < ballots.size(); ++i) {
    clock.Set(opened + 3600 + static_cast<Timestamp>(i) * std::max<Timestamp>(1, (last - opened - 3600) /
                                                                                     static_cast<Timestamp>(ballots.size())));
    std::vector<Id> choices;
    for (std::size_t k : ballots[i]) choices.push_back(view.options[k].id);
    MS_TRY(votes.Cast(view.vote.id, issued.codes[i], choices));
  }
  if (v.close) {
    clock.Set(in.closes_at + 3600);
    MS_TRY(votes.Close(staff, view.vote.id));
  }
  return view.vote.id;
}

struct DemoRisk {
  std::string_view region_code;
  std::string_view title;
  std::string_view description;
  std::vector<RiskResponse> responses;
  int days_ago = 0;
};

Status LoadRisk(store::Database& db, const LoadedFixture& fixture, const app::Actor& staff, Timestamp now,
                const DemoRisk& r, store::OptId vote_id) {
  ManualClock clock(now - r.days_ago * kDay);
  app::RiskAssessmentService risks(db, clock);
  MS_ASSIGN(view, risks.Create(staff, {.title = std::string(r.title), .description = std::string(r.description),
                                      .region_id = fixture.regions.at(std::string(r.region_code)).id,
                                      .vote_id = vote_id}));
  for (const auto& response : r.responses) {
    clock.Advance(1800);
    MS_TRY(risks.Respond(staff, view.assessment.id, response));
  }
  clock.Advance(kDay);
  MS_TRY(risks.Decide(staff, view.assessment.id));
  return {};
}

// `n` copies of one response.
void Add(std::vector<RiskResponse>& out, int n, RiskResponse r) { out.insert(out.end(), n, r); }

}  // namespace

Status LoadDemoVotes(store::Database& db, const LoadedFixture& fixture, Timestamp now) {
  const app::Actor s01 = DemoActor(fixture.users.at("coordinator-s01"), fixture);
  const app::Actor s02 = DemoActor(fixture.users.at("coordinator-s02"), fixture);

  // Closed: 64 ballots of up to 3 projects; 便民停车 has exactly 32 votes, half, and is not chosen.
  const DemoVote street_vote{
      .region_code = "s01", .title = "东湖街道2027年民生实事项目票决",
      .description = "从居民征集的六个候选项目中，每张选票最多选三项，得票超过投票人数半数的项目列入2027年实事项目。",
      .max_choices = 3,
      .options = {{"老旧小区加装电梯（首批12部）", 50}, {"朝阳社区口袋公园", 41}, {"社区食堂及老年助餐点", 30},
                  {"菜市场周边便民停车位", 32}, {"背街小巷路灯改造", 22}, {"社区图书角", 12}},
      .ballots = 64, .codes = 80, .opened_days_ago = 40, .open_days = 21, .close = true};
  MS_TRY(LoadVote(db, fixture, s01, now, street_vote));

  // Closed major vote: two thirds needed; 31 of 40 for the whole-street plan.
  const DemoVote major_vote{
      .region_code = "s02", .title = "西岭镇老街改造方案票决（重大事项）",
      .description = "老街改造涉及沿街商户和住户搬迁安置，属重大事项：得票须超过投票人数三分之二，并经稳定风险评估。",
      .major = true, .max_choices = 1,
      .options = {{"整体风貌改造方案", 31}, {"局部修缮方案", 9}},
      .ballots = 40, .codes = 50, .opened_days_ago = 30, .open_days = 14, .close = true};
  MS_ASSIGN(major_id, LoadVote(db, fixture, s02, now, major_vote));

  // Open: residents of 朝阳社区 may still vote (codes left on the printed sheet).
  const DemoVote open_vote{
      .region_code = "s01c01", .title = "朝阳社区2027年微实事项目投票",
      .description = "每张选票最多选两项。投票码可到社区党群服务中心领取，或由社区短信发送至登记的手机。",
      .max_choices = 2,
      .options = {{"3号楼前非机动车充电棚", 6}, {"小区健身步道翻新", 5}, {"增设快递柜", 3}, {"垃圾分类亭改造", 2}},
      .ballots = 9, .codes = 30, .opened_days_ago = 2, .open_days = 14, .close = false};
  MS_TRY(LoadVote(db, fixture, s01, now, open_vote));

  // Passed: 24 of 30 respondents support the old-street plan (80%).
  std::vector<RiskResponse> passed;
  Add(passed, 14, {5, 4, 4});
  Add(passed, 10, {4, 4, 3});
  Add(passed, 4, {3, 3, 3});
  Add(passed, 2, {2, 2, 3});
  MS_TRY(LoadRisk(db, fixture, s02, now,
                  {.region_code = "s02", .title = "西岭镇老街改造稳定风险评估",
                   .description = "对老街沿街商户和住户开展问卷调查，评估改造方案的社会稳定风险。",
                   .responses = passed, .days_ago = 20},
                  major_id));

  // Vetoed: 8 of 12 support — exactly two thirds, which is not more than two thirds.
  std::vector<RiskResponse> vetoed;
  Add(vetoed, 5, {5, 3, 3});
  Add(vetoed, 3, {4, 3, 2});
  Add(vetoed, 2, {2, 2, 2});
  Add(vetoed, 2, {1, 1, 2});
  MS_TRY(LoadRisk(db, fixture, s01, now,
                  {.region_code = "s01c01", .title = "朝阳社区垃圾中转站迁建稳定风险评估",
                   .description = "中转站拟迁至小区北门外，对周边住户开展问卷调查。",
                   .responses = vetoed, .days_ago = 6},
                  std::nullopt));
  return {};
}

}  // namespace minsheng::cli
