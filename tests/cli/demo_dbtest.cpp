// `minsheng demo` on a temporary SQLite file: the fixture contract of docs/demo.md, appeals in every
// state whose status is the replay of their timeline, fake personal data, determinism, and refusal to
// load twice.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "cli/demo.h"
#include "cli/demo_fixture.h"
#include "core/calendar.h"
#include "core/lifecycle.h"
#include "store/database.h"

namespace minsheng::cli {
namespace {

namespace fs = std::filesystem;

// 2026-11-20 10:00 CST, a Friday.
const Timestamp kNow = LocalDayStart(*ParseDate("2026-11-20")) + 10 * 3600;

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("minsheng-demo-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<store::Database> Open(const std::string& name) {
    auto db = store::OpenDatabase("sqlite:" + (dir_ / name).string());
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message);
    return std::move(*db);
  }

  std::vector<store::Row> Query(store::Database& db, const std::string& sql) {
    std::vector<store::Row> out;
    auto s = db.Read([&](store::Tx& tx) -> Status {
      MS_ASSIGN(rows, tx.Query(sql));
      out = std::move(rows);
      return {};
    });
    EXPECT_TRUE(s.has_value()) << sql << ": " << (s ? "" : s.error().message);
    return out;
  }
  std::int64_t Count(store::Database& db, const std::string& sql) { return Query(db, sql).at(0).Int(0); }

  fs::path dir_;
};

DemoOptions SmallDemo() {
  DemoOptions o;
  o.appeals = 200;
  o.now = kNow;
  return o;
}

TEST_F(DemoTest, LoadsFixtureAndAppealsInEveryState) {
  auto db = Open("demo.db");
  auto summary = LoadDemo(*db, SmallDemo());
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_EQ(summary->appeals, 200);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM appeals"), 200);

  // The fixture contract.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM regions"), 21);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM departments"), 12);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM categories WHERE default_department_id IS NOT NULL"), 20);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM users"), static_cast<std::int64_t>(DemoUsers().size()) + 4);  // + the studios' extra deputies
  // One unit head (单位负责人) per department, a handler of it.
  EXPECT_EQ(Count(*db, "SELECT COUNT(DISTINCT department_id) FROM users WHERE unit_head = 1 AND role = 'handler'"),
            static_cast<std::int64_t>(DemoDepartments().size()));
  std::map<std::string, std::string> roles;
  for (const auto& r : Query(*db, "SELECT username, role FROM users")) roles[r.Text(0)] = r.Text(1);
  const std::map<std::string, std::string> expected = {
      {"admin", "admin"},
      {"registrar", "registrar"},
      {"coordinator", "coordinator"},
      {"supervisor", "supervisor"},
      {"leader", "leader"},
      {"deputy", "deputy"},
      {"handler-water", "handler"},
      {"handler-property", "handler"},
      {"coordinator-s01", "coordinator"},
      {"coordinator-s02", "coordinator"},
      {"registrar-s01", "registrar"},
      {"registrar-s02", "registrar"},
      {"deputy-s01", "deputy"},
      {"deputy-s02", "deputy"},
      {"leader-2", "leader"},
  };
  for (const auto& [username, role] : expected) EXPECT_EQ(roles[username], role) << username;
  for (const auto& d : DemoDepartments()) EXPECT_EQ(roles["handler-" + std::string(d.code)], "handler") << d.code;
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM regions WHERE code = 's02c03g02' AND level = 'grid'"), 1);

  // Every state of the lifecycle shows up, even in a small demo.
  std::set<std::string> states;
  for (const auto& r : Query(*db, "SELECT DISTINCT status FROM appeals")) states.insert(r.Text(0));
  for (AppealState s : {AppealState::kReceived, AppealState::kDispatched, AppealState::kAccepted,
                        AppealState::kInProgress, AppealState::kReplied, AppealState::kClosed, AppealState::kReturned,
                        AppealState::kReopened, AppealState::kDeliberating, AppealState::kEscalated,
                        AppealState::kExplaining, AppealState::kMerged, AppealState::kRejected})
    EXPECT_TRUE(states.contains(std::string(StateName(s)))) << StateName(s);

  // The state is the replay of the timeline: the last event's to_status, seq 1..n, times in order, all
  // within the six months before now.
  auto mismatched = Count(*db,
                          "SELECT COUNT(*) FROM appeals a WHERE a.status <> (SELECT e.to_status FROM events e "
                          "WHERE e.appeal_id = a.id ORDER BY e.seq DESC LIMIT 1)");
  EXPECT_EQ(mismatched, 0);
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM appeals a WHERE (SELECT COUNT(*) FROM events e WHERE e.appeal_id = a.id)"
                  " <> (SELECT MAX(seq) FROM events e WHERE e.appeal_id = a.id)"),
            0);
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM events e JOIN events f ON f.appeal_id = e.appeal_id AND f.seq = e.seq + 1"
                  " WHERE f.at < e.at"),
            0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM events WHERE at > " + std::to_string(kNow)), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM appeals WHERE created_at < " + std::to_string(kNow - 183 * 86400)), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM events WHERE seq = 1 AND action <> 'register'"), 0);

  // Every channel, anonymous appeals, deputies following some, and a second round after dissatisfaction.
  EXPECT_EQ(Count(*db, "SELECT COUNT(DISTINCT channel) FROM appeals"), 8);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeals WHERE anonymous = 1"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeals WHERE deputy_id IS NOT NULL"), 0);
  // Following a case (demo_following.cpp): contacts, opinions, an assistant, explain-route appeals naming a
  // deputy (one still waiting for the explanation), replies after a deputy's contact.
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM deputy_contacts"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM deputy_opinions"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM deputy_assistants"), 1);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM events WHERE action = 'explain' AND data LIKE '%deputy_id%'"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM deputy_contacts c JOIN replies r ON r.appeal_id = c.appeal_id "
                       "WHERE c.at < r.created_at"),
            0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeals WHERE dissatisfied_count > 0"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeals WHERE merged_into_id IS NOT NULL"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM extensions"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeals WHERE reply_on_time = 0"), 0);
  // Issue 12 (demo_assist.cpp): civil and market review their replies; assisting opinions given and still
  // missing, a late one noticed by the sweep, two replies waiting for their head, one sent back before.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM departments WHERE review_replies = 1 AND code IN ('civil', 'market')"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM departments WHERE review_replies = 1"), 2);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeal_opinions WHERE status = 'given'"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeal_opinions WHERE status = 'pending'"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM supervision_notices WHERE kind = 'opinion_overdue'"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM reply_reviews WHERE status = 'pending'"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM reply_reviews WHERE status = 'sent_back'"), 1);
  // Issue 12: every dissatisfied callback gave its coded causes; appeals about the same address repeat.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM callbacks c WHERE c.satisfaction = 'dissatisfied' AND NOT EXISTS "
                       "(SELECT 1 FROM callback_causes cc WHERE cc.callback_id = c.id)"),
            0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM callback_causes WHERE cause = 'not_solved'"), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM appeal_repeats"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM appeal_repeats r JOIN appeals a ON a.id = r.appeal_id "
                       "WHERE r.reason = 'phone' AND a.anonymous = 1"),
            0);
  // Issue 12, bulletins (demo_bulletins.cpp): the third quarter's review and October's bulletin, current, dated the
  // 5th after their period, their figures counting the appeals registered in it.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM bulletins WHERE current_key IN ('quarter:2026-Q3', 'month:2026-10')"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM bulletins"), 2);
  EXPECT_EQ(Count(*db, "SELECT published_at FROM bulletins WHERE period = '2026-10'"),
            LocalDayStart(*ParseDate("2026-11-05")) + 10 * 3600);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM bulletins WHERE period = '2026-10' AND snapshot LIKE '%\"appeals\":" +
                           std::to_string(Count(*db, "SELECT COUNT(*) FROM appeals WHERE created_at >= " +
                                                         std::to_string(LocalDayStart(*ParseDate("2026-10-01"))) +
                                                         " AND created_at < " +
                                                         std::to_string(LocalDayStart(*ParseDate("2026-11-01"))))) +
                           ",%'"),
            1);

  // Templates are filled: no slot is left, and every reply answers its appeal by title, but for the courtesies the
  // careless units send now and then (issue 14), which the reply check flags, each of them.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM appeals WHERE title LIKE '%{%' OR content LIKE '%{%'"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM replies WHERE content LIKE '%{%'"), 0);
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM replies r JOIN appeals a ON a.id = r.appeal_id "
                  "WHERE instr(r.content, a.title) = 0 AND r.flaws = ''"),
            0);
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM replies r JOIN appeals a ON a.id = r.appeal_id "
                  "WHERE instr(r.content, a.title) > 0 AND r.flaws <> ''"),
            0);

  // Personal data is obviously fake.
  EXPECT_EQ(Count(*db,
                  "SELECT COUNT(*) FROM appeals WHERE appellant_phone <> '' AND "
                  "(appellant_phone NOT LIKE '13800%' OR length(appellant_phone) <> 11)"),
            0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM appeals WHERE anonymous = 1 AND appellant_name <> ''"), 0);

  // Units differ: the fast unit replies on time more often than the slow one.
  auto on_time = [&](const std::string& code) {
    auto rows = Query(*db,
                      "SELECT AVG(a.reply_on_time) FROM appeals a JOIN departments d ON d.id = a.lead_unit_id "
                      "WHERE d.code = '" +
                          code + "' AND a.reply_on_time IS NOT NULL");
    return rows.at(0).Real(0);
  };
  EXPECT_GT(on_time("water"), on_time("property"));
}

// Studios in each street and one in a community, members, a roster around `now`, varied attendance in the
// past and none decided in the future.
TEST_F(DemoTest, StudiosWithRostersAndAttendance) {
  auto db = Open("studios.db");
  DemoOptions o = SmallDemo();
  o.appeals = 20;
  ASSERT_TRUE(LoadDemo(*db, o).has_value());
  EXPECT_EQ(Count(*db, "SELECT COUNT(DISTINCT street_id) FROM studios"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM studios s JOIN regions r ON r.id = s.region_id WHERE r.level = 'community'"), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM studio_members WHERE leader = 1"), 3);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM studio_members m JOIN users u ON u.id = m.user_id WHERE u.role <> 'deputy'"), 0);
  const std::string now = std::to_string(kNow);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM duty_shifts WHERE starts_at < " + std::to_string(kNow - 35 * 86400)), 0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM duty_shifts WHERE starts_at > " + std::to_string(kNow + 21 * 86400)), 0);
  for (const char* a : {"on_time", "late", "left_early", "absent", "came_and_left"})
    EXPECT_GT(Count(*db, std::string("SELECT COUNT(*) FROM duty_shifts WHERE attendance = '") + a + "'"), 0) << a;
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM duty_shifts WHERE ends_at > " + now + " AND attendance IS NOT NULL"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM duty_shifts WHERE ends_at <= " + now +
                           " AND attendance IS NULL AND check_in_at IS NULL"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM duty_shifts WHERE check_in_at > " + now + " OR check_out_at > " + now), 0);

  // Proposals (issue 11): A, B and C answers sent, one B due for its follow-up, a draft; nothing after now.
  for (const char* c : {"A", "B", "C"})
    EXPECT_GT(Count(*db, std::string("SELECT COUNT(*) FROM proposal_answers WHERE sent_at IS NOT NULL AND category = '") +
                             c + "'"), 0) << c;
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM proposals WHERE step = 'awaiting_follow_up' AND follow_up_on <= " + now), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM proposals WHERE step = 'draft'"), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM proposal_events WHERE at > " + now), 0);
  // The B proposal takes up an escalated appeal when the stories left one old enough: linked on both sides.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM proposal_appeals"),
            Count(*db, "SELECT COUNT(*) FROM events WHERE action = 'proposal_link'"));
}

// Consultations (issue 11, part A; demo_consultations.cpp): every step, one refused with its rule, linked
// appeals that stay deliberating, an outcome in its notice period with comments.
TEST_F(DemoTest, ConsultationsAtEachStep) {
  auto db = Open("consultations.db");
  DemoOptions o = SmallDemo();
  o.appeals = 200;
  ASSERT_TRUE(LoadDemo(*db, o).has_value());
  for (const char* step : {"collecting", "deciding", "researching", "meeting", "publishing", "tracking", "done", "refused"})
    EXPECT_GT(Count(*db, std::string("SELECT COUNT(*) FROM consultations WHERE step = '") + step + "'"), 0) << step;
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM consultations WHERE step = 'refused' AND refusal_rule = 'discriminatory'"), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM consultations WHERE kind = 'analysis'"), 1);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM consultation_appeals"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM consultation_appeals l JOIN appeals a ON a.id = l.appeal_id "
                       "WHERE a.status <> 'deliberating'"),
            0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM consultation_comments c JOIN consultations k ON k.id = c.consultation_id "
                       "WHERE c.created_at > k.notice_ends_at"),
            0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM consultation_comments"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM consultation_actions a JOIN consultations k ON k.id = a.consultation_id "
                       "WHERE k.step = 'done' AND a.status <> 'done'"),
            0);
}

TEST_F(DemoTest, RefusesANonEmptyDatabase) {
  auto db = Open("twice.db");
  DemoOptions o = SmallDemo();
  o.appeals = 5;
  ASSERT_TRUE(LoadDemo(*db, o).has_value());
  auto again = LoadDemo(*db, o);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(again.error().code, "not_empty");
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM users"), static_cast<std::int64_t>(DemoUsers().size()) + 4);  // + the studios' extra deputies
}

TEST_F(DemoTest, SameSeedSameAppeals) {
  auto texts = [&](const std::string& file, std::uint64_t seed) {
    auto db = Open(file);
    DemoOptions o = SmallDemo();
    o.appeals = 60;
    o.seed = seed;
    auto s = LoadDemo(*db, o);
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
    std::vector<std::string> out;
    for (const auto& r : Query(*db,
                               "SELECT created_at, title, status, (SELECT COUNT(*) FROM events e WHERE "
                               "e.appeal_id = a.id) FROM appeals a ORDER BY created_at, title"))
      out.push_back(std::to_string(r.Int(0)) + r.Text(1) + r.Text(2) + std::to_string(r.Int(3)));
    return out;
  };
  auto a = texts("a.db", 7);
  EXPECT_EQ(a.size(), 60u);
  EXPECT_EQ(a, texts("b.db", 7));
  EXPECT_NE(a, texts("c.db", 8));
}

// Issue 11, part C: a closed vote with results and an open one; an assessment that passed and one vetoed.
TEST_F(DemoTest, VotesAndRiskAssessments) {
  auto db = Open("votes.db");
  DemoOptions o = SmallDemo();
  o.appeals = 5;
  ASSERT_TRUE(LoadDemo(*db, o).has_value());
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM votes WHERE closed_at IS NOT NULL"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM votes WHERE closed_at IS NULL AND opens_at <= " + std::to_string(kNow) +
                           " AND closes_at > " + std::to_string(kNow)), 1);
  // Every ballot used one code; the street vote's hand count: 50, 41, 30, 32, 22, 12 of 64 ballots.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM ballots"), Count(*db, "SELECT COUNT(*) FROM voter_codes WHERE used = 1"));
  auto counts = Query(*db,
                      "SELECT COUNT(c.id) FROM vote_options o JOIN votes v ON v.id = o.vote_id LEFT JOIN ballot_choices c "
                      "ON c.option_id = o.id WHERE v.title LIKE '东湖街道%' GROUP BY o.id, o.sort_order ORDER BY o.sort_order");
  std::vector<std::int64_t> votes;
  for (const auto& r : counts) votes.push_back(r.Int(0));
  EXPECT_EQ(votes, (std::vector<std::int64_t>{50, 41, 30, 32, 22, 12}));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM risk_assessments WHERE status = 'passed' AND vote_id IS NOT NULL"), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM risk_assessments WHERE status = 'vetoed' AND supporters * 3 = respondents * 2"), 1);
}

TEST(DemoSummaryTest, FormatsCountsPerState) {
  DemoSummary s;
  s.appeals = 3;
  s.by_state = {{"closed", 2}, {"received", 1}};
  s.seconds = 1.25;
  std::string line = FormatDemoSummary(s);
  EXPECT_NE(line.find("3 件诉求"), std::string::npos) << line;
  EXPECT_NE(line.find("已受理 1，已办结 2"), std::string::npos) << line;
}

}  // namespace
}  // namespace minsheng::cli
