// CopyDatabase and VerifyCopy between real SQLite files (and into PostgreSQL when MINSHENG_TEST_PG
// names a server: postgresql://user@host:port/db; the test creates and drops its own database there).
#include "store/copy.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "../support/pg_test_database.h"
#include "../support/sql_helpers.h"
#include "store/database.h"
#include "store/migrations.h"

namespace minsheng::store {
namespace {

namespace fs = std::filesystem;

// A few rows in every table, with what a copy gets wrong easily: a region whose parent has a larger
// id, an appeal merged into a later one, NULLs beside empty strings, quotes and Chinese text.
const std::vector<std::string> kSeed = {
    "INSERT INTO regions (id, parent_id, level, code, name, path, street_id) VALUES "
    "(1, NULL, 'district', 'd', '和平区', '/1/', NULL), (5, 1, 'street', 's01', '东湖街道', '/1/5/', 5), "
    "(3, 7, 'community', 'c01', '湖滨社区', '/1/5/7/3/', 5), (7, 5, 'community', 'c00', '老社区', '/1/5/7/', 5)",
    "INSERT INTO departments (id, code, name, phone) VALUES (1, 'housing', '住建局', '12345'), (2, 'water', '水务局', '')",
    "INSERT INTO categories (id, code, name, default_department_id, reply_days) VALUES "
    "(1, 'noise', '噪声扰民', 1, 5), (2, 'leak', '漏水', NULL, 7)",
    "INSERT INTO users (id, username, password_hash, display_name, role, region_id, department_id, created_at) VALUES "
    "(1, 'admin', '$argon2id$x', '管理员', 'admin', 1, NULL, 1760000000), "
    "(2, 'handler', '$argon2id$y', '王''小明', 'handler', 5, 1, 1760000001)",
    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES "
    "('ffee00', 1, 1760000000, 1760043200), ('0a1b2c', 2, 1760000100, 1760043300), ('Zz', 2, 1, 2)",
    "INSERT INTO calendar_days (day, kind, name) VALUES ('2027-01-01', 'holiday', '元旦')",
    "INSERT INTO appeals (id, receipt_code, title, content, channel, region_id, street_id, category_id, status, "
    "created_at, updated_at, created_by, lead_unit_id, merged_into_id, reply_due, last_satisfaction) VALUES "
    "(1, 'R1', '楼上噪声', '每天夜里\n装修', 'hotline', 3, 5, 1, 'merged', 1760000000, 1760000500, 1, 1, 4, NULL, NULL), "
    "(2, 'R2', '漏水', '', 'web', 5, 5, 2, 'closed', 1760000010, 1760000900, NULL, 2, NULL, 1760600000, ''), "
    "(4, 'R4', '噪声（合并）', '\"引号\"', 'hotline', 3, 5, 1, 'dispatched', 1760000020, 1760000600, 2, 1, NULL, "
    "1760600000, NULL)",
    "INSERT INTO dispatches (id, appeal_id, street_id, unit_id, role, dispatched_at, dispatched_by) VALUES "
    "(1, 4, 5, 1, 'lead', 1760000600, 1), (2, 2, 5, 2, 'lead', 1760000100, NULL)",
    "INSERT INTO events (id, appeal_id, street_id, seq, at, actor_id, actor_label, action, from_status, to_status, "
    "data) VALUES (1, 1, 5, 1, 1760000000, 1, '登记员', 'register', NULL, 'received', '{}'), "
    "(2, 1, 5, 2, 1760000500, 1, '登记员', 'merge', 'received', 'merged', '{\"into\":4}'), "
    "(3, 4, 5, 1, 1760000020, NULL, '群众', 'submit', NULL, 'received', '{}')",
    "INSERT INTO replies (id, appeal_id, street_id, unit_id, author_id, content, created_at) VALUES "
    "(1, 2, 5, 2, 2, '已修复', 1760000800)",
    "INSERT INTO callbacks (id, appeal_id, street_id, resolved, satisfaction, source, recorded_by, created_at) VALUES "
    "(1, 2, 5, 1, 'satisfied', 'resident', NULL, 1760000900)",
    "INSERT INTO extensions (id, appeal_id, street_id, unit_id, requested_by, days, reason, status, created_at) "
    "VALUES (1, 4, 5, 1, 2, 5, '需要协调', 'pending', 1760000700)",
    "INSERT INTO supervision_notices (id, appeal_id, street_id, unit_id, kind, deadline, issued_at) VALUES "
    "(1, 4, 5, 1, 'reply_overdue', 1760600000, 1760600030)",
    "INSERT INTO reception_slots (id, street_id, region_id, place, host_id, starts_at, ends_at, capacity, booked_count, "
    "topic, created_by, created_at, updated_at) VALUES (1, 5, 3, '代表联络站', 2, 1760900000, 1760907200, 2, 1, "
    "'加装电梯', 2, 1760000000, 1760000000)",
    "INSERT INTO bookings (id, slot_id, street_id, booking_code, name, phone, topic, created_at) VALUES "
    "(1, 1, 5, 'YY1', '李''雷', '13800000001', '电梯', 1760000100)",
    "INSERT INTO field_logs (id, street_id, region_id, author_id, kind, met_at, place, people_count, people_names, "
    "raised, appeal_id, booking_id, created_at, updated_at) VALUES (1, 5, 3, 2, 'reception', 1760000000, '联络站', "
    "2, '李雷、韩梅梅', '漏水', 2, 1, 1760000000, 1760000000)",
    // Migration 0007: a studio, a member, three shifts (one checked in, one absent, one to come).
    "INSERT INTO studios (id, street_id, region_id, name, created_at, updated_at) VALUES "
    "(1, 5, 3, '湖滨社区代表工作室', 1760000000, 1760000000)",
    "INSERT INTO studio_members (id, studio_id, user_id, street_id, leader, position, joined_at) VALUES "
    "(1, 1, 2, 5, 1, 1, 1760000000)",
    "INSERT INTO duty_shifts (id, studio_id, street_id, user_id, starts_at, ends_at, check_in_at, check_out_at, "
    "attendance, decided_at, created_at) VALUES (1, 1, 5, 2, 1760000000, 1760010800, 1760000100, 1760010900, "
    "'on_time', 1760010900, 1760000000), (2, 1, 5, 2, 1760086400, 1760097200, NULL, NULL, 'absent', 1760097200, "
    "1760000000), (3, 1, 5, 2, 1760172800, 1760183600, NULL, NULL, NULL, NULL, 1760000000)",
    "UPDATE appeals SET duty_shift_id = 1 WHERE id = 2",
    // Migration 0013 (issue 11, part C): a closed vote with two options, three codes (two used), two secret
    // ballots, one message in the SMS outbox, a vetoed risk assessment of it with three responses.
    "INSERT INTO votes (id, street_id, region_id, title, major, max_choices, opens_at, closes_at, closed_at, "
    "closed_by, created_by, created_at) VALUES (1, 5, 3, '2027年实事项目', 1, 2, 1760000000, 1760600000, "
    "1760600100, 1, 1, 1759990000)",
    "INSERT INTO vote_options (id, vote_id, street_id, sort_order, title) VALUES (1, 1, 5, 1, '加装电梯'), "
    "(2, 1, 5, 2, '改造''口袋''公园')",
    "INSERT INTO voter_codes (id, vote_id, street_id, region_id, code_hash, used, issued_at) VALUES "
    "(1, 1, 5, 3, 'h1', 1, 1759990000), (2, 1, 5, 3, 'h2', 1, 1759990000), (3, 1, 5, 3, 'h3', 0, 1759990000)",
    "INSERT INTO ballots (id, vote_id, street_id) VALUES (1, 1, 5), (2, 1, 5)",
    "INSERT INTO ballot_choices (id, ballot_id, vote_id, option_id, street_id) VALUES (1, 1, 1, 1, 5), "
    "(2, 1, 1, 2, 5), (3, 2, 1, 1, 5)",
    "INSERT INTO sms_outbox (id, street_id, kind, phone, body, created_by, created_at) VALUES "
    "(1, 5, 'voter_code', '13800000002', '您的投票码', 1, 1759990000)",
    "INSERT INTO risk_assessments (id, street_id, region_id, title, vote_id, status, respondents, supporters, "
    "decided_at, decided_by, created_by, created_at) VALUES (1, 5, 3, '加装电梯风险评估', 1, 'vetoed', 3, 2, "
    "1760500000, 1, 1, 1759990000)",
    "INSERT INTO risk_responses (id, assessment_id, street_id, support, satisfaction, confidence, created_by, "
    "created_at) VALUES (1, 1, 5, 5, 4, 4, 1, 1760000000), (2, 1, 5, 4, 4, 3, 1, 1760000000), "
    "(3, 1, 5, 2, 2, 2, 1, 1760000000)",
    // Migration 0011 (issue 11, part A): a published consultation with an appeal, a topic and an agreed action.
    "INSERT INTO consultations (id, street_id, region_id, kind, title, step, minutes, outcome, notice_days, "
    "published_at, notice_ends_at, created_by, created_at, updated_at) VALUES (1, 5, 3, 'micro', '加装电梯', "
    "'publishing', '纪要', '同意加装', 7, 1760001000, 1760605800, 1, 1760000000, 1760001000)",
    "INSERT INTO consultation_topics (id, consultation_id, street_id, source, content, appeal_id, created_at) VALUES "
    "(1, 1, 5, 'appeal', '楼上噪声', 4, 1760000000)",
    "INSERT INTO consultation_appeals (id, consultation_id, appeal_id, street_id, linked_at, outcome, action_id) "
    "VALUES (1, 1, 4, 5, 1760000000, 'dispatched', 1)",
    "INSERT INTO consultation_actions (id, consultation_id, street_id, title, owner_unit_id, deadline, created_at) "
    "VALUES (1, 1, 5, '加装电梯', 1, '2025-12-31', 1760001000)",
    "INSERT INTO consultation_comments (id, consultation_id, street_id, author, content, created_at) VALUES "
    "(1, 1, 5, '', '支持', 1760002000)",
    "INSERT INTO consultation_events (id, consultation_id, street_id, at, action, from_step, to_step) VALUES "
    "(1, 1, 5, 1760000000, 'create', '', 'collecting'), (2, 1, 5, 1760001000, 'publish', 'meeting', 'publishing')",
    // Migration 0016 (issue 12): a replied wall post turned into an appeal, a hidden one, their log and a notice.
    "INSERT INTO wall_posts (id, street_id, region_id, category_id, content, phone, state, reply_due, reply_warn_at, "
    "unit_id, published_at, reply, replied_at, reply_author_label, reply_on_time, appeal_id, created_at, updated_at) "
    "VALUES (1, 5, 3, 1, '路灯不亮', '13800000003', 'replied', 1760600000, 1760500000, 1, 1760001000, '已修复', "
    "1760700000, '住建局', 0, 4, 1760000000, 1760700000)",
    "INSERT INTO wall_posts (id, street_id, region_id, content, state, reply_due, reply_warn_at, hidden_at, "
    "hide_reason, created_at, updated_at) VALUES (2, 5, 3, '广告', 'hidden', 1760600000, 1760500000, 1760001000, "
    "'广告信息', 1760000000, 1760001000)",
    "INSERT INTO wall_post_events (id, wall_post_id, street_id, at, actor_label, action, from_state, to_state) VALUES "
    "(1, 1, 5, 1760000000, '群众', 'post', '', 'pending'), (2, 1, 5, 1760001000, '登记员', 'publish', 'pending', "
    "'published'), (3, 2, 5, 1760001000, '登记员', 'hide', 'pending', 'hidden')",
    "INSERT INTO wall_post_notices (id, wall_post_id, street_id, unit_id, kind, deadline, issued_at) VALUES "
    "(1, 1, 5, 1, 'reply_overdue', 1760600000, 1760600030)",
    // Migration 0017 (issue 12): water assists on appeal 4 and gave its opinion; appeal 2's reply was reviewed.
    "INSERT INTO dispatches (id, appeal_id, street_id, unit_id, role, dispatched_at, dispatched_by) VALUES "
    "(3, 4, 5, 2, 'assisting', 1760000600, 1)",
    "INSERT INTO appeal_opinions (id, appeal_id, street_id, dispatch_id, unit_id, status, due_at, content, given_by, "
    "given_at, on_time, created_at) VALUES (1, 4, 5, 3, 2, 'given', 1760300000, '水管''无异常''', 2, 1760000700, 1, "
    "1760000600)",
    "INSERT INTO reply_reviews (id, appeal_id, street_id, unit_id, content, status, drafted_by, drafted_at, "
    "reviewed_by, reviewed_at, review_note, reply_id) VALUES (1, 2, 5, 2, '已修复', 'approved', 2, 1760000700, 1, "
    "1760000800, '', 1)",
    "UPDATE departments SET review_replies = 1 WHERE id = 2",
    // Migration 0018 (issue 12): appeal 4 repeats appeal 2, whose callback gave two causes.
    "INSERT INTO callbacks (id, appeal_id, street_id, resolved, satisfaction, reason, source, created_at) VALUES "
    "(7, 2, 5, 0, 'dissatisfied', '推来推去', 'resident', 1760000900)",
    "INSERT INTO callback_causes (id, street_id, appeal_id, callback_id, unit_id, cause, note, created_at) VALUES "
    "(1, 5, 2, 7, 2, 'buck_passing', '', 1760000900), (2, 5, 2, 7, 2, 'other', '推来推去', 1760000900)",
    "INSERT INTO appeal_repeats (id, street_id, appeal_id, repeat_of_id, reason, created_at) VALUES "
    "(1, 5, 4, 2, 'phone', 1760001000)",
    // Migration 0020 (issue 12): October's bulletin superseded by a second issue, whose print is kept.
    "INSERT INTO bulletins (id, kind, period, number, title, snapshot, note, published_at, published_by, current_key) "
    "VALUES (1, 'month', '2025-10', 1, '2025年10月通报', '{\"period\":\"2025-10\"}', '', 1762000000, 1, NULL)",
    "INSERT INTO bulletins (id, kind, period, number, title, snapshot, note, published_at, published_by, current_key, "
    "supersedes_id, pdf, pdf_at) VALUES (2, 'month', '2025-10', 2, '2025年10月通报', '{}', '更正', 1762000100, 1, "
    "'month:2025-10', 1, 'JVBERi0=', 1762000200)",
    "UPDATE bulletins SET superseded_by = 2 WHERE id = 1",
    // Migration 0021 (issue 12, the case owner's plan): a leader answers for street 5; appeal 4 has a plan of
    // one done step and one removed.
    "INSERT INTO leader_streets (id, leader_id, street_id, created_at, created_by) VALUES (1, 2, 5, 1760000000, 1)",
    "INSERT INTO case_plan_steps (id, appeal_id, street_id, position, title, unit_id, due_date, status, done_by, "
    "done_at, done_note, created_by, created_at, updated_at) VALUES (1, 4, 5, 0, '现场踏勘', 1, '2025-10-12', 'done', "
    "2, 1760100000, '已踏勘', 2, 1760000000, 1760100000), (2, 4, 5, 1, '旧步骤', 2, '2025-10-20', 'removed', NULL, "
    "NULL, '', 2, 1760000000, 1760050000)",
    // Migration 0019 (issue 12): a manual notice answered and escalated, an inspection, a read warning.
    "INSERT INTO manual_supervision_notices (id, appeal_id, street_id, unit_id, status, reason, required_action, "
    "deadline, issued_by, issued_at, answer, answered_by, answered_at, decided_by, decided_at, decision_note, "
    "escalated_to) VALUES (1, 4, 5, 1, 'escalated', '久拖未决', '三日内反馈', 1760300000, 1, 1760000700, "
    "'已安排', 2, 1760000800, 1, 1760000900, '', 1), (2, 4, 5, 2, 'issued', '进展缓慢', '尽快处理', 1760300000, "
    "1, 1760000950, '', NULL, NULL, NULL, NULL, '', NULL)",
    "INSERT INTO inspections (id, appeal_id, street_id, kind, findings, notice_id, inspected_by, inspected_at) "
    "VALUES (1, 4, 5, 'on_site', '现场仍有积水', 1, 1, 1760000850)",
    "INSERT INTO staff_notices (id, street_id, user_id, appeal_id, kind, deadline, ref_id, message, created_at, "
    "read_at) VALUES (1, 5, 2, 4, 'yellow_warning', 1760600000, 0, '已用去答复时限的80%', 1760500000, 1760500100), "
    "(2, 5, 2, 4, 'supervision_issued', 1760300000, 1, '督办单', 1760000700, NULL)",
};

using minsheng::testing::Count;
using minsheng::testing::Exec;

std::vector<Row> Rows(Database& db, const std::string& sql) {
  auto rows = ReadValue<std::vector<Row>>(db, [&](Tx& tx) { return tx.Query(sql); });
  EXPECT_TRUE(rows.has_value()) << (rows ? "" : rows.error().message);
  return rows.value_or(std::vector<Row>{});
}

bool HasTable(Database& db, const std::string& table) {
  auto columns = ReadValue<std::vector<std::string>>(db, [&](Tx& tx) { return tx.Columns(table); });
  return columns.has_value() && !columns->empty();
}

std::map<std::string, std::int64_t> RowsByTable(const CopyReport& report) {
  std::map<std::string, std::int64_t> out;
  for (const TableReport& t : report.tables) out[t.table] = t.rows;
  return out;
}

// What a copy must carry over: the self-references, NULL versus '', text as it was.
void ExpectSeedArrived(Database& db) {
  auto regions = Rows(db, "SELECT id, parent_id, name FROM regions ORDER BY id");
  ASSERT_EQ(regions.size(), 4u);
  EXPECT_TRUE(regions[0].IsNull(1));
  EXPECT_EQ(regions[1].Int(0), 3);
  EXPECT_EQ(regions[1].Int(1), 7);  // a parent with a larger id
  EXPECT_EQ(regions[1].Text(2), "湖滨社区");
  auto appeals = Rows(db, "SELECT id, merged_into_id, content, last_satisfaction, created_by FROM appeals ORDER BY id");
  ASSERT_EQ(appeals.size(), 3u);
  EXPECT_EQ(appeals[0].OptInt(1), std::optional<std::int64_t>(4));  // merged into a later appeal
  EXPECT_EQ(appeals[0].Text(2), "每天夜里\n装修");
  EXPECT_TRUE(appeals[0].IsNull(3));
  EXPECT_FALSE(appeals[1].IsNull(3));
  EXPECT_EQ(appeals[1].Text(3), "");
  EXPECT_TRUE(appeals[1].IsNull(4));
  EXPECT_EQ(appeals[2].Text(2), "\"引号\"");
  auto users = Rows(db, "SELECT display_name FROM users WHERE id = 2");
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].Text(0), "王'小明");
  auto days = Rows(db, "SELECT kind, name FROM calendar_days WHERE day = '2027-01-01'");
  ASSERT_EQ(days.size(), 1u);
  EXPECT_EQ(days[0].Text(1), "元旦");
}

class CopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("minsheng_copy_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A migrated SQLite database in the test's folder.
  std::unique_ptr<Database> Open(const std::string& name) {
    auto db = OpenDatabase("sqlite:" + (dir_ / name).string());
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message);
    if (!db) return nullptr;
    auto migrated = Migrate(**db);
    EXPECT_TRUE(migrated.has_value()) << (migrated ? "" : migrated.error().message);
    return std::move(*db);
  }

  std::unique_ptr<Database> Source() {
    auto db = Open("source.db");
    auto seeded = Exec(*db, kSeed);
    EXPECT_TRUE(seeded.has_value()) << (seeded ? "" : seeded.error().message);
    return db;
  }

  fs::path dir_;
};

TEST_F(CopyTest, CopiesEveryTableInSmallBatchesAndVerifies) {
  auto from = Source();
  auto to = Open("target.db");
  std::vector<std::string> progress;
  CopyOptions options;
  options.batch_rows = 2;  // every table with more than two rows takes several pages and transactions
  options.on_table = [&](const TableReport& t) { progress.push_back(t.table); };
  auto report = CopyDatabase(*from, *to, options);
  ASSERT_TRUE(report.has_value()) << report.error().message;

  std::vector<std::string> order = {"regions", "departments", "categories", "users", "sessions",
                                    "calendar_days", "appeals", "dispatches", "events", "replies",
                                    "callbacks", "extensions", "supervision_notices"};
  if (HasTable(*from, "audit_log")) order.push_back("audit_log");    // since migration 0005
  for (const char* table : {"grids", "grid_members", "contact_points", "deputy_activities"})  // since 0010
    if (HasTable(*from, table)) order.push_back(table);
  if (HasTable(*from, "field_logs"))                                 // since migration 0008
    for (const char* table : {"reception_slots", "bookings", "field_logs"}) order.push_back(table);
  if (HasTable(*from, "duty_shifts"))                                 // since migration 0007
    for (const char* t : {"studios", "studio_members", "duty_shifts"}) order.push_back(t);
  if (HasTable(*from, "job_leases")) order.push_back("job_leases");  // since migration 0003
  for (const char* table : {"deputy_contacts", "deputy_opinions", "deputy_assistants"})  // since migration 0009
    if (HasTable(*from, table)) order.push_back(table);
  // issue 11, public evaluation: since migration 0014
  for (const char* table : {"evaluation_rounds", "evaluation_targets", "evaluation_forms", "evaluation_scores"})
    if (HasTable(*from, table)) order.push_back(table);
  for (const char* table : {"proposals", "proposal_units", "proposal_appeals", "proposal_contacts",  // since 0012
                            "proposal_opinions", "proposal_answers", "proposal_events"})
    if (HasTable(*from, table)) order.push_back(table);
  // Votes and risk assessments (issue 11, part C; migration 0013).
  for (const char* table : {"votes", "vote_options", "voter_codes", "ballots", "ballot_choices", "sms_outbox",
                            "risk_assessments", "risk_responses"})
    if (HasTable(*from, table)) order.push_back(table);
  // Consultations (issue 11, part A): since migration 0011.
  for (const char* table : {"consultations", "consultation_topics", "consultation_appeals", "consultation_notes",
                            "consultation_participants", "consultation_actions", "consultation_comments",
                            "consultation_events"})
    if (HasTable(*from, table)) order.push_back(table);
  // The message wall (issue 12): since migration 0016.
  for (const char* table : {"wall_posts", "wall_post_events", "wall_post_notices"})
    if (HasTable(*from, table)) order.push_back(table);
  for (const char* table : {"appeal_opinions", "reply_reviews"})  // issue 12: since migration 0017
    if (HasTable(*from, table)) order.push_back(table);
  for (const char* table : {"callback_causes", "appeal_repeats"})  // issue 12: since migration 0018
    if (HasTable(*from, table)) order.push_back(table);
  if (HasTable(*from, "bulletins")) order.push_back("bulletins");  // issue 12: since migration 0020
  for (const char* table : {"leader_streets", "case_plan_steps"})  // issue 12, the case owner's plan: since 0021
    if (HasTable(*from, table)) order.push_back(table);
  // Manual supervision and the workbench's notices (issue 12): since migration 0019.
  for (const char* table : {"manual_supervision_notices", "inspections", "staff_notices"})
    if (HasTable(*from, table)) order.push_back(table);
  for (const char* table : {"appeal_rollups", "appeal_rollup_deltas"})  // issue 13: since migration 0022
    if (HasTable(*from, table)) order.push_back(table);
  EXPECT_EQ(progress, order);
  auto rows = RowsByTable(*report);
  EXPECT_EQ(rows["regions"], 4);
  EXPECT_EQ(rows["sessions"], 3);
  EXPECT_EQ(rows["appeals"], 3);
  EXPECT_EQ(rows["events"], 3);
  EXPECT_EQ(rows["field_logs"], 1);
  EXPECT_EQ(rows["bookings"], 1);
  EXPECT_EQ(rows["duty_shifts"], 3);
  EXPECT_EQ(rows["voter_codes"], 3);    // migration 0013
  EXPECT_EQ(rows["ballot_choices"], 3);
  EXPECT_EQ(rows["risk_responses"], 3);
  EXPECT_EQ(rows["consultations"], 1);
  EXPECT_EQ(rows["consultation_events"], 2);
  EXPECT_EQ(rows["wall_posts"], 2);  // issue 12
  EXPECT_EQ(rows["wall_post_events"], 3);
  EXPECT_EQ(rows["wall_post_notices"], 1);
  EXPECT_EQ(rows["appeal_opinions"], 1);  // migration 0017
  EXPECT_EQ(rows["reply_reviews"], 1);
  EXPECT_EQ(rows["callback_causes"], 2);  // migration 0018
  EXPECT_EQ(rows["appeal_repeats"], 1);
  EXPECT_EQ(rows["bulletins"], 2);  // migration 0020
  EXPECT_EQ(rows["leader_streets"], 1);  // migration 0021
  EXPECT_EQ(rows["case_plan_steps"], 2);
  EXPECT_EQ(rows["manual_supervision_notices"], 2);  // migration 0019
  EXPECT_EQ(rows["inspections"], 1);
  EXPECT_EQ(rows["staff_notices"], 2);
  // The target's own holiday rows were replaced by the source's (seed plus one added day), not doubled.
  EXPECT_GT(rows["calendar_days"], 1);
  EXPECT_EQ(rows["calendar_days"], Count(*from, "calendar_days"));
  for (const auto& [table, n] : rows) EXPECT_EQ(Count(*to, table), n) << table;
  ExpectSeedArrived(*to);

  // An independent verification reads the same counts and checksums again.
  auto verified = VerifyCopy(*from, *to);
  ASSERT_TRUE(verified.has_value()) << verified.error().message;
  ASSERT_EQ(verified->tables.size(), report->tables.size());
  for (std::size_t i = 0; i < report->tables.size(); ++i) {
    EXPECT_EQ(verified->tables[i].table, report->tables[i].table);
    EXPECT_EQ(verified->tables[i].rows, report->tables[i].rows);
    EXPECT_EQ(verified->tables[i].checksum, report->tables[i].checksum);
  }
  // Checksums tell tables apart (a checksum that ignored its input would pass everything above).
  EXPECT_NE(report->tables[0].checksum, report->tables[1].checksum);

  // New rows on the target continue after the copied ids.
  auto id = WriteValue<std::int64_t>(*to, [](Tx& tx) {
    return tx.Insert("INSERT INTO departments (code, name) VALUES ('new', '新部门') RETURNING id");
  });
  ASSERT_TRUE(id.has_value()) << id.error().message;
  EXPECT_EQ(*id, 3);
}

TEST_F(CopyTest, ChecksumsDoNotDependOnBatchSize) {
  auto from = Source();
  auto a = Open("a.db");
  auto b = Open("b.db");
  CopyOptions small;
  small.batch_rows = 1;
  auto one = CopyDatabase(*from, *a, small);
  ASSERT_TRUE(one.has_value()) << one.error().message;
  auto many = CopyDatabase(*from, *b);
  ASSERT_TRUE(many.has_value()) << many.error().message;
  ASSERT_EQ(one->tables.size(), many->tables.size());
  for (std::size_t i = 0; i < one->tables.size(); ++i) {
    EXPECT_EQ(one->tables[i].checksum, many->tables[i].checksum) << one->tables[i].table;
  }
}

TEST_F(CopyTest, EmptySourceCopiesOnlyWhatMigrationsInserted) {
  auto from = Open("source.db");
  auto to = Open("target.db");
  auto report = CopyDatabase(*from, *to);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  auto rows = RowsByTable(*report);
  EXPECT_EQ(rows["appeals"], 0);
  EXPECT_GT(rows["calendar_days"], 0);
  EXPECT_EQ(Count(*to, "calendar_days"), rows["calendar_days"]);
}

TEST_F(CopyTest, MigrationSeededRowsAreReplacedBySources) {
  auto from = Source();
  auto to = Open("target.db");
  if (!HasTable(*from, "job_leases")) GTEST_SKIP() << "no job_leases before migration 0003";
  // Both sides hold the lease row migration 0003 inserted; the source's has moved on.
  ASSERT_TRUE(Exec(*from, {"UPDATE job_leases SET ran_at = 1760000000, ran_by = 'host-a'"}).has_value());
  ASSERT_TRUE(Exec(*to, {"DELETE FROM calendar_days WHERE day < '2026-01-01'"}).has_value());
  auto report = CopyDatabase(*from, *to);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  auto leases = Rows(*to, "SELECT name, ran_at, ran_by FROM job_leases");
  ASSERT_EQ(leases.size(), 1u);
  EXPECT_EQ(leases[0].Int(1), 1760000000);
  EXPECT_EQ(leases[0].Text(2), "host-a");
  EXPECT_EQ(Count(*to, "calendar_days"), Count(*from, "calendar_days"));
}

TEST_F(CopyTest, RefusesATargetWithRowsAndLeavesItAlone) {
  auto from = Source();
  auto to = Open("target.db");
  const std::int64_t days = Count(*to, "calendar_days");
  ASSERT_TRUE(Exec(*to, {"INSERT INTO departments (id, code, name) VALUES (9, 'x', '已有部门')"}).has_value());
  auto report = CopyDatabase(*from, *to);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, "target_not_empty");
  EXPECT_NE(report.error().message.find("departments"), std::string::npos) << report.error().message;
  EXPECT_EQ(Count(*to, "calendar_days"), days);  // the refusal cleared nothing
  EXPECT_EQ(Count(*to, "departments"), 1);

  // A second copy into a target already copied into is refused the same way.
  auto fresh = Open("fresh.db");
  ASSERT_TRUE(CopyDatabase(*from, *fresh).has_value());
  auto again = CopyDatabase(*from, *fresh);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "target_not_empty");
}

// A copy that fails half way (here: a source row the target's foreign keys refuse, written into the
// source behind SQLite's back) leaves the target as it was, so the copy can simply be run again.
TEST_F(CopyTest, AFailedCopyLeavesTheTargetUntouched) {
  auto from = Source();
  from.reset();
  sqlite3* raw = nullptr;  // a plain connection: foreign keys are off unless asked for
  ASSERT_EQ(sqlite3_open((dir_ / "source.db").string().c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "INSERT INTO replies (appeal_id, content, created_at) VALUES (999, '无主的答复', 1)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  from = Open("source.db");
  auto to = Open("target.db");
  const std::int64_t days = Count(*to, "calendar_days");
  auto report = CopyDatabase(*from, *to);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, "foreign_key_violation") << report.error().message;
  EXPECT_EQ(Count(*to, "regions"), 0);
  EXPECT_EQ(Count(*to, "appeals"), 0);
  EXPECT_EQ(Count(*to, "calendar_days"), days) << "the migration's rows are back too";
}

TEST_F(CopyTest, RefusesASourceTableThePlanDoesNotKnow) {
  auto from = Source();
  auto to = Open("target.db");
  ASSERT_TRUE(Exec(*from, {"CREATE TABLE attachments (id INTEGER PRIMARY KEY, appeal_id BIGINT)"}).has_value());
  auto report = CopyDatabase(*from, *to);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, "unknown_table");
  EXPECT_NE(report.error().message.find("attachments"), std::string::npos) << report.error().message;
  EXPECT_EQ(VerifyCopy(*from, *to).error().code, "unknown_table");
  EXPECT_EQ(Count(*to, "regions"), 0);
}

TEST_F(CopyTest, RefusesDifferentSchemas) {
  auto from = Source();
  auto to = Open("target.db");
  ASSERT_TRUE(Exec(*from, {"INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future.sql', 1)"}).has_value());
  auto report = CopyDatabase(*from, *to);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, "schema_mismatch");
  EXPECT_NE(report.error().message.find("9999_future"), std::string::npos) << report.error().message;

  auto bare = OpenDatabase("sqlite:" + (dir_ / "bare.db").string());
  ASSERT_TRUE(bare.has_value());
  auto unmigrated = CopyDatabase(*from, **bare);
  ASSERT_FALSE(unmigrated.has_value());
  EXPECT_EQ(unmigrated.error().code, "schema_mismatch");
}

TEST_F(CopyTest, VerifyFindsEveryKindOfDifference) {
  auto from = Source();
  auto to = Open("target.db");
  ASSERT_TRUE(CopyDatabase(*from, *to).has_value());
  ASSERT_TRUE(VerifyCopy(*from, *to).has_value());

  // One changed value.
  ASSERT_TRUE(Exec(*to, {"UPDATE appeals SET title = '楼上噪声！' WHERE id = 1"}).has_value());
  auto changed = VerifyCopy(*from, *to);
  ASSERT_FALSE(changed.has_value());
  EXPECT_EQ(changed.error().code, "copy_mismatch");
  EXPECT_NE(changed.error().message.find("appeals"), std::string::npos) << changed.error().message;
  EXPECT_EQ(changed.error().message.find("events"), std::string::npos) << changed.error().message;
  ASSERT_TRUE(Exec(*to, {"UPDATE appeals SET title = '楼上噪声' WHERE id = 1"}).has_value());
  ASSERT_TRUE(VerifyCopy(*from, *to).has_value());

  // NULL and '' are different values.
  ASSERT_TRUE(Exec(*to, {"UPDATE appeals SET last_satisfaction = '' WHERE id = 1"}).has_value());
  auto nulled = VerifyCopy(*from, *to);
  ASSERT_FALSE(nulled.has_value());
  EXPECT_EQ(nulled.error().code, "copy_mismatch");
  ASSERT_TRUE(Exec(*to, {"UPDATE appeals SET last_satisfaction = NULL WHERE id = 1"}).has_value());

  // A missing row, and a text moved from one column to its neighbour, in two tables at once.
  ASSERT_TRUE(Exec(*to, {"DELETE FROM sessions WHERE token_hash = 'Zz'",
                         "UPDATE departments SET name = '住建局1', phone = '2345' WHERE id = 1"})
                  .has_value());
  auto both = VerifyCopy(*from, *to);
  ASSERT_FALSE(both.has_value());
  EXPECT_NE(both.error().message.find("sessions 行数 3 ≠ 2"), std::string::npos) << both.error().message;
  EXPECT_NE(both.error().message.find("departments"), std::string::npos) << both.error().message;
}

// --- PostgreSQL, when a server is named --------------------------------------------------------

class CopyToPostgresTest : public CopyTest {
 protected:
  void SetUp() override {
    CopyTest::SetUp();
    if (pg_.skip()) GTEST_SKIP() << pg_.why();
  }

  // A collation that does not order text bytewise where the server has one (ICU), so that the copy
  // must ask for bytewise order itself; otherwise the server's default.
  minsheng::testing::PgTestDatabase pg_{"TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE \"und\""};
};

TEST_F(CopyToPostgresTest, CopiesSqliteIntoPostgresAndVerifies) {
  auto from = Source();
  {
    auto opened = OpenDatabase(pg_.url());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    auto to = std::move(*opened);
    ASSERT_TRUE(Migrate(*to).has_value());
    CopyOptions options;
    options.batch_rows = 2;
    auto report = CopyDatabase(*from, *to, options);
    ASSERT_TRUE(report.has_value()) << report.error().message;
    EXPECT_EQ(RowsByTable(*report)["appeals"], 3);
    ExpectSeedArrived(*to);
    // Under a locale 'Zz' sorts last; bytewise (SQLite, and the copy's reads on PostgreSQL) between the
    // two others. The checksums of the copy back below depend on both engines reading one order.
    auto sessions = Rows(*to, "SELECT token_hash FROM sessions ORDER BY token_hash COLLATE \"C\"");
    ASSERT_EQ(sessions.size(), 3u);
    EXPECT_EQ(sessions[0].Text(0), "0a1b2c");
    auto verified = VerifyCopy(*from, *to);
    ASSERT_TRUE(verified.has_value()) << verified.error().message;

    // Identity sequences were moved past the copied ids.
    auto region = WriteValue<std::int64_t>(*to, [](Tx& tx) {
      return tx.Insert("INSERT INTO regions (parent_id, level, code, name, path) VALUES (1, 'street', 's09', '新街道', '/1/') "
                       "RETURNING id");
    });
    ASSERT_TRUE(region.has_value()) << region.error().message;
    EXPECT_EQ(*region, 8);
    auto appeal_seq = WriteValue<std::int64_t>(*to, [](Tx& tx) -> Result<std::int64_t> {
      MS_ASSIGN(row, tx.QueryOne("SELECT nextval(pg_get_serial_sequence('appeals', 'id'))"));
      return row->Int(0);
    });
    ASSERT_TRUE(appeal_seq.has_value()) << appeal_seq.error().message;
    EXPECT_EQ(*appeal_seq, 5);

    // And back: PostgreSQL into a fresh SQLite file gives the same checksums.
    ASSERT_TRUE(Exec(*to, {"DELETE FROM regions WHERE id = 8"}).has_value());
    auto back = Open("back.db");
    auto returned = CopyDatabase(*to, *back);
    ASSERT_TRUE(returned.has_value()) << returned.error().message;
    ASSERT_EQ(returned->tables.size(), report->tables.size());
    for (std::size_t i = 0; i < report->tables.size(); ++i) {
      EXPECT_EQ(returned->tables[i].checksum, report->tables[i].checksum) << report->tables[i].table;
    }
  }
}

}  // namespace
}  // namespace minsheng::store
