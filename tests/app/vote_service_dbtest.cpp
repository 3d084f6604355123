// Votes and risk assessments against a real database (a SQLite file, and PostgreSQL when the test cluster is
// there): ballots refused without counting, a code used once even when ballots race, secret ballots,
// results by hand count, scope; the risk assessment's decision at the 2/3 edge, final once made.
#include "app/vote_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <thread>

#include "../support/engine_database.h"
#include "app/risk_assessment_service.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00
constexpr Timestamp kDay = 86400;

class VoteServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(engine_.Open(GetParam(), "vote"));
    if (engine_.skipped()) GTEST_SKIP() << engine_.why();
    db_ = &engine_.db();
    votes_ = std::make_unique<VoteService>(*db_, clock_);
    risks_ = std::make_unique<RiskAssessmentService>(*db_, clock_);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", "西岭镇"));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      street1_ = s1.id;
      street2_ = s2.id;
      community1_ = c1.id;
      auto user = [&](const char* name, const char* role, const store::RegionRecord& region) -> Result<Actor> {
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = "x", .display_name = name,
                                             .role = role, .region_id = region.id}));
        return Actor{.user_id = id, .role = *ParseRole(role), .username = name, .display_name = name,
                     .region_id = region.id, .region_path = region.path};
      };
      MS_ASSIGN(a, user("coordinator-s01", "coordinator", s1));
      MS_ASSIGN(b, user("coordinator-s02", "coordinator", s2));
      MS_ASSIGN(h, user("handler", "handler", district));
      MS_ASSIGN(d, user("deputy-s01", "deputy", s1));
      coordinator_ = a;
      coordinator_s02_ = b;
      handler_ = h;
      deputy_ = d;
      return {};
    }).has_value());
  }
  void TearDown() override {
    risks_.reset();
    votes_.reset();
  }

  VoteView NewVote(const Actor& who, Id region, bool major, int max_choices, int options = 3) {
    VoteInput in{.title = "实事项目", .region_id = region, .major = major, .max_choices = max_choices,
                 .closes_at = kStart + 7 * kDay};
    for (int i = 0; i < options; ++i) in.options.push_back("项目" + std::to_string(i + 1));
    auto v = votes_->Create(who, in);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message);
    return v.value_or(VoteView{});
  }
  std::vector<std::string> Codes(const Actor& who, Id vote, int n) {
    auto c = votes_->IssueCodes(who, vote, n);
    EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().message);
    return c ? c->codes : std::vector<std::string>{};
  }
  std::int64_t Count(const std::string& sql) {
    std::int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Tx& tx) -> Status {
      MS_ASSIGN(row, tx.QueryOne(sql));
      n = row ? row->Int(0) : 0;
      return {};
    }).has_value());
    return n;
  }

  minsheng::testing::EngineDatabase engine_;
  store::Database* db_ = nullptr;
  ManualClock clock_{kStart};
  std::unique_ptr<VoteService> votes_;
  std::unique_ptr<RiskAssessmentService> risks_;
  Id street1_ = 0, street2_ = 0, community1_ = 0;
  Actor coordinator_, coordinator_s02_, handler_, deputy_;
};

// Every refused ballot counts nothing and leaves its code unused; the results match a hand count.
TEST_P(VoteServiceTest, RefusedBallotsCountNothingAndResultsMatchAHandCount) {
  const VoteView vote = NewVote(coordinator_, community1_, false, 2);
  const VoteView other = NewVote(coordinator_s02_, street2_, false, 1);
  ASSERT_EQ(vote.status, VoteStatus::kOpen);  // opens at once
  const auto codes = Codes(coordinator_, vote.vote.id, 5);
  const auto other_codes = Codes(coordinator_s02_, other.vote.id, 1);
  ASSERT_EQ(codes.size(), 5u);
  ASSERT_EQ(codes[0].size(), 11u);  // "ABCDE-FGHJK"
  const Id p1 = vote.options[0].id, p2 = vote.options[1].id, p3 = vote.options[2].id;

  struct Refused {
    std::string code;
    std::vector<Id> choices;
    ErrorKind kind;
    std::string error;
  };
  for (const Refused& r : std::vector<Refused>{
           {codes[0], {p1, p2, p3}, ErrorKind::kInvalid, "too_many_choices"},
           {codes[0], {p1, 999999}, ErrorKind::kInvalid, "unknown_option"},
           {codes[0], {p1, p1}, ErrorKind::kInvalid, "duplicate_choice"},
           {codes[0], {}, ErrorKind::kInvalid, "missing_field"},
           {"ZZZZZ-ZZZZZ", {p1}, ErrorKind::kInvalid, "unknown_code"},
           {"nonsense", {p1}, ErrorKind::kInvalid, "unknown_code"},
           {other_codes[0], {p1}, ErrorKind::kForbidden, "forbidden"},  // a code of another area's vote
       }) {
    auto cast = votes_->Cast(vote.vote.id, r.code, r.choices);
    ASSERT_FALSE(cast.has_value()) << r.error;
    EXPECT_EQ(cast.error().kind, r.kind) << r.error;
    EXPECT_EQ(cast.error().code, r.error);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ballots"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM voter_codes WHERE used = 1"), 0);

  // Hand count: p1 ×3, p2 ×2, p3 ×1 over 4 ballots (the fifth code is never used).
  ASSERT_TRUE(votes_->Cast(vote.vote.id, codes[0], {p1, p2}).has_value());
  ASSERT_TRUE(votes_->Cast(vote.vote.id, codes[1], {p1}).has_value());
  ASSERT_TRUE(votes_->Cast(vote.vote.id, "  " + codes[2].substr(0, 5) + codes[2].substr(6) + " ", {p1, p3}).has_value());
  std::string lower = codes[3];
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  ASSERT_TRUE(votes_->Cast(vote.vote.id, lower, {p2}).has_value());  // typed in lower case
  auto again = votes_->Cast(vote.vote.id, codes[0], {p3});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "already_voted");

  auto early = votes_->Results(vote.vote.id);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, "results_not_published");
  ASSERT_TRUE(votes_->Close(coordinator_, vote.vote.id).has_value());
  auto late = votes_->Cast(vote.vote.id, codes[4], {p1});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, "vote_not_open");
  auto closed_again = votes_->Close(coordinator_, vote.vote.id);
  ASSERT_FALSE(closed_again.has_value());
  EXPECT_EQ(closed_again.error().code, "invalid_transition");

  auto results = votes_->Results(vote.vote.id);
  ASSERT_TRUE(results.has_value()) << results.error().message;
  EXPECT_EQ(results->turnout, 4);
  ASSERT_EQ(results->options.size(), 3u);
  EXPECT_EQ(results->options[0].votes, 3);
  EXPECT_TRUE(results->options[0].chosen);   // 3 of 4 > half
  EXPECT_EQ(results->options[1].votes, 2);
  EXPECT_FALSE(results->options[1].chosen);  // 2 of 4: exactly half
  EXPECT_EQ(results->options[2].votes, 1);
  EXPECT_FALSE(results->options[2].chosen);
  EXPECT_EQ(results->view.codes.issued, 5);
  EXPECT_EQ(results->view.codes.used, 4);
}

// Secrecy: a ballot row has nothing that leads to a code, and codes are stored as digests only.
TEST_P(VoteServiceTest, BallotsCarryNoCodeAndCodesAreStoredAsDigests) {
  const VoteView vote = NewVote(coordinator_, community1_, false, 1);
  const auto codes = Codes(coordinator_, vote.vote.id, 1);
  ASSERT_TRUE(votes_->Cast(vote.vote.id, codes[0], {vote.options[0].id}).has_value());
  std::vector<std::string> ballot_columns, code_columns;
  ASSERT_TRUE(db_->Read([&](store::Tx& tx) -> Status {
    MS_ASSIGN(b, tx.Columns("ballots"));
    MS_ASSIGN(c, tx.Columns("voter_codes"));
    ballot_columns = b;
    code_columns = c;
    return {};
  }).has_value());
  EXPECT_EQ(ballot_columns, (std::vector<std::string>{"id", "vote_id", "street_id"}));
  EXPECT_EQ(code_columns,
            (std::vector<std::string>{"id", "vote_id", "street_id", "region_id", "code_hash", "used", "issued_at"}));
  const std::string plain = codes[0].substr(0, 5) + codes[0].substr(6);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM voter_codes WHERE code_hash = '" + plain + "'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM voter_codes WHERE used = 1"), 1);
}

// Many ballots racing with one code: exactly one counts.
TEST_P(VoteServiceTest, RacingBallotsWithOneCodeCountOnce) {
  const VoteView vote = NewVote(coordinator_, community1_, false, 1);
  const auto codes = Codes(coordinator_, vote.vote.id, 3);
  constexpr int kThreads = 8;
  for (const std::string& code : codes) {
    std::atomic<int> ok{0}, already{0}, other{0};
    std::barrier start(kThreads);
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        auto r = votes_->Cast(vote.vote.id, code, {vote.options[t % 2].id});
        if (r) ++ok;
        else if (r.error().code == "already_voted") ++already;
        else ++other;
      });
    threads.clear();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(already.load(), kThreads - 1);
    EXPECT_EQ(other.load(), 0);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ballots"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM ballot_choices"), 3);
}

// Staff of the area manage; others are refused or see nothing.
TEST_P(VoteServiceTest, OnlyStaffOfTheAreaManage) {
  const VoteView vote = NewVote(coordinator_, community1_, true, 1, 2);
  auto handler = votes_->List(handler_);
  ASSERT_FALSE(handler.has_value());
  EXPECT_EQ(handler.error().kind, ErrorKind::kForbidden);
  auto deputy = votes_->IssueCodes(deputy_, vote.vote.id, 3);
  ASSERT_FALSE(deputy.has_value());
  EXPECT_EQ(deputy.error().kind, ErrorKind::kForbidden);
  auto outsider = votes_->IssueCodes(coordinator_s02_, vote.vote.id, 3);
  ASSERT_FALSE(outsider.has_value());
  EXPECT_EQ(outsider.error().kind, ErrorKind::kNotFound);
  auto list = votes_->List(coordinator_s02_);
  ASSERT_TRUE(list.has_value());
  EXPECT_TRUE(list->empty());
  auto create = votes_->Create(coordinator_s02_, {.title = "越界", .region_id = community1_, .max_choices = 1,
                                                  .options = {"甲"}, .closes_at = kStart + kDay});
  ASSERT_FALSE(create.has_value());
  EXPECT_EQ(create.error().kind, ErrorKind::kForbidden);
  auto too_many = votes_->Create(coordinator_, {.title = "选太多", .region_id = community1_, .max_choices = 2,
                                                .options = {"甲"}, .closes_at = kStart + kDay});
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().field, "max_choices");
  // A vote that opens later takes no ballot yet and is not on the portal.
  auto later = votes_->Create(coordinator_, {.title = "下周", .region_id = community1_, .max_choices = 1,
                                             .options = {"甲"}, .opens_at = kStart + kDay, .closes_at = kStart + 3 * kDay});
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->status, VoteStatus::kScheduled);
  const auto codes = Codes(coordinator_, later->vote.id, 1);
  auto early = votes_->Cast(later->vote.id, codes[0], {later->options[0].id});
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, "vote_not_open");
  auto published = votes_->Published();
  ASSERT_TRUE(published.has_value());
  ASSERT_EQ(published->size(), 1u);
  EXPECT_EQ(published->front().vote.id, vote.vote.id);
  // A phone gets one code through the SMS outbox; the code is in the message, not in voter_codes.
  auto sent = votes_->SendCode(coordinator_, vote.vote.id, "13800001111");
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sms_outbox WHERE phone = '13800001111' AND kind = 'voter_code'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM voter_codes WHERE vote_id = " + std::to_string(vote.vote.id)), 1);
}

// The decision at the edge: exactly 2/3 is vetoed, one more supporter passes; decided once; scores 1–5.
TEST_P(VoteServiceTest, RiskAssessmentDecidesAtTwoThirds) {
  auto edge = risks_->Create(coordinator_, {.title = "垃圾中转站迁建", .region_id = community1_});
  auto over = risks_->Create(coordinator_, {.title = "口袋公园", .region_id = community1_});
  ASSERT_TRUE(edge.has_value() && over.has_value());
  auto none = risks_->Decide(coordinator_, edge->assessment.id);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, "no_responses");
  // 6 supporters of 9 (exactly 2/3) and 7 of 9.
  for (int i = 0; i < 9; ++i) {
    ASSERT_TRUE(risks_->Respond(coordinator_, edge->assessment.id, {i < 6 ? 4 : 3, 3, 3}).has_value());
    ASSERT_TRUE(risks_->Respond(coordinator_, over->assessment.id, {i < 7 ? 5 : 2, 4, 4}).has_value());
  }
  auto bad = risks_->Respond(coordinator_, edge->assessment.id, {3, 6, 3});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "satisfaction");
  auto vetoed = risks_->Decide(coordinator_, edge->assessment.id);
  ASSERT_TRUE(vetoed.has_value()) << vetoed.error().message;
  EXPECT_EQ(vetoed->status, RiskStatus::kVetoed);
  EXPECT_EQ(vetoed->assessment.supporters, 6);
  EXPECT_EQ(vetoed->assessment.respondents, 9);
  auto passed = risks_->Decide(coordinator_, over->assessment.id);
  ASSERT_TRUE(passed.has_value());
  EXPECT_EQ(passed->status, RiskStatus::kPassed);
  EXPECT_DOUBLE_EQ(passed->report.support_share, 7.0 / 9.0);
  auto twice = risks_->Decide(coordinator_, edge->assessment.id);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, "invalid_transition");
  auto late = risks_->Respond(coordinator_, edge->assessment.id, {5, 5, 5});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, "invalid_transition");
  auto outsider = risks_->Get(coordinator_s02_, edge->assessment.id);
  ASSERT_FALSE(outsider.has_value());
  EXPECT_EQ(outsider.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM risk_responses"), 18);
}

// A major vote shows whether its assessment passed; only a major vote takes one.
TEST_P(VoteServiceTest, MajorVoteShowsItsAssessment) {
  const VoteView ordinary = NewVote(coordinator_, community1_, false, 1, 2);
  auto refused = risks_->Create(coordinator_, {.title = "普通", .region_id = community1_, .vote_id = ordinary.vote.id});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "vote_id");
  const VoteView major = NewVote(coordinator_, street1_, true, 1, 2);
  auto risk = risks_->Create(coordinator_, {.title = "老街改造", .region_id = street1_, .vote_id = major.vote.id});
  ASSERT_TRUE(risk.has_value()) << risk.error().message;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(risks_->Respond(coordinator_, risk->assessment.id, {5, 5, 5}).has_value());
  ASSERT_TRUE(risks_->Decide(coordinator_, risk->assessment.id).has_value());
  // 3 ballots: 2 of 3 is exactly two thirds, not chosen in a major vote.
  const auto codes = Codes(coordinator_, major.vote.id, 3);
  ASSERT_TRUE(votes_->Cast(major.vote.id, codes[0], {major.options[0].id}).has_value());
  ASSERT_TRUE(votes_->Cast(major.vote.id, codes[1], {major.options[0].id}).has_value());
  ASSERT_TRUE(votes_->Cast(major.vote.id, codes[2], {major.options[1].id}).has_value());
  clock_.Set(kStart + 8 * kDay);  // after closes_at: ended, not yet closed
  auto view = votes_->Get(coordinator_, major.vote.id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->status, VoteStatus::kEnded);
  ASSERT_TRUE(votes_->Close(coordinator_, major.vote.id).has_value());
  auto results = votes_->Results(major.vote.id);
  ASSERT_TRUE(results.has_value());
  EXPECT_EQ(results->options[0].votes, 2);
  EXPECT_FALSE(results->options[0].chosen);
  ASSERT_TRUE(results->view.risk.has_value());
  EXPECT_EQ(results->view.risk->status, "passed");
}

INSTANTIATE_TEST_SUITE_P(Engines, VoteServiceTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::app
