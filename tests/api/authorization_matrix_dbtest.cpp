// The authorization matrix: every route the router serves × no token and every role × in scope and out of
// scope, sent through the real router and services (as cli/serve builds them) on a SQLite file and on
// PostgreSQL. What each route requires comes from its row in api/route_access.cpp, and which roles pass
// comes from core (RoleMayDo / RoleMay): nothing here lists the roles of a route.
//
//   no token on a staff route                → 401
//   a role core never allows                 → 403, in scope or not
//   allowed, object out of scope             → 404 exactly as a missing id (appeal, extension ids);
//                                              403 for an out-of-scope region asked for (register, numbers);
//                                              lists: 403, or nothing out of scope in the answer
//   allowed, in scope (and every public row) → anything but 401, 403, 404 (400 and 409 are fine: the
//                                              request got past authorization); lists answer 200 with
//                                              something, nothing out of scope
//   any request                              → never a 5xx
//
// The fixture: a district with streets 1 and 2, departments A and B; one user of every role in street 1
// (handler A of department A); appeals in street 1 dispatched to A with the street-1 leader and deputy on
// the case, one in street 1 dispatched to B, two in street 2 (one dispatched to B); an extension request on
// each side; supervision notices from a deadline sweep; for every role its own field log, a reception slot
// (hosted by itself if a deputy or leader, else by the street-1 deputy) with a booking, and one of each in
// street 2 hosted by the street-2 deputy; a proposal of the street-1 deputy assigned to department A (for an
// opinion, one that A assists) and one of the street-2 deputy assigned to B; an appeal's assisting opinion is asked
// on a fresh one that B leads and A assists (issue 12). A request that may change its appeal gets a fresh
// copy of the in-scope one, so that one role's success never decides another role's answer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../support/pg_test_database.h"
#include "api/route_access.h"
#include "api/router.h"
#include "api/routes.h"
#include "api/service_set.h"
#include "app/deadline_sweep.h"
#include "app/password.h"
#include "core/clock.h"
#include "store/field_log_repository.h"
#include "store/deputy_case_repository.h"
#include "store/migrations.h"
#include "store/reception_repository.h"
#include "store/duty_repository.h"
#include "store/reference_repository.h"
#include "store/studio_repository.h"
#include "store/evaluation_repository.h"
#include "store/vote_repository.h"  // issue 11, part C

namespace minsheng::api {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using store::Id;

constexpr Timestamp kStart = 1794967200;  // 2026-11-18T10:00:00+08:00, a Wednesday
constexpr char kPassword[] = "matrix-pass-1";
constexpr Role kRoles[] = {Role::kAdmin,  Role::kRegistrar, Role::kCoordinator, Role::kHandler,
                           Role::kDeputy, Role::kLeader,    Role::kSupervisor};
constexpr char kStreet2Name[] = "西岭镇";

// What a request carries besides its path: query and body, with ${name} filled from the fixture (and
// ${region}, ${street}, ${unit} from the side asked for). Routes not listed send no query, and `{}` unless
// they are GETs: enough for a route without scope; a route whose handler reads its body before its use case
// checks scope needs a sample here for the out-of-scope column to reach that check.
struct Sample {
  std::string query;
  std::string body;
};
const std::map<std::string, Sample, std::less<>>& Samples() {
  static const std::map<std::string, Sample, std::less<>> samples = {
      {"POST /api/v1/appeals",
       {"", R"({"title":"矩阵","content":"矩阵测试","channel":"phone","region_id":${region},)"
            R"("category_id":${category},"appellant":{"anonymous":true}})"}},
      {"GET /api/v1/appeals", {"region_id=${street}", ""}},
      {"POST /api/v1/appeals/{id}/dispatch",
       {"", R"({"lead_unit_id":${unit_a},"case_owner_id":${leader},"deputy_id":${deputy}})"}},
      {"POST /api/v1/appeals/{id}/triage", {"", R"({"route":"reject","note":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/return", {"", R"({"reason":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/contact", {"", R"({"note":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/reply", {"", R"({"content":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/callback", {"", R"({"resolved":true,"satisfaction":"satisfied"})"}},
      {"POST /api/v1/appeals/{id}/reopen", {"", R"({"reason":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/extension", {"", R"({"days":3,"reason":"矩阵"})"}},
      {"POST /api/v1/extensions/{id}/decision", {"", R"({"approve":true})"}},
      {"GET /api/v1/supervision-notices", {"unit_id=${unit}", ""}},
      {"GET /api/v1/users", {"role=deputy", ""}},
      {"GET /api/v1/metrics", {"group_by=region&region_id=${street}", ""}},
      {"GET /api/v1/metrics/export.xlsx", {"region_id=${street}", ""}},
      {"GET /api/v1/rankings", {"kind=street&region_id=${street}", ""}},
      {"GET /api/v1/hotspots", {"region_id=${street}&week=2026-11-16", ""}},
      {"GET /api/v1/grids", {"region_id=${street}&behind=false", ""}},
      {"GET /api/v1/bulletins", {"region_id=${street}&month=2026-11", ""}},
      {"GET /api/v1/bulletins/export.xlsx", {"region_id=${street}&month=2026-11", ""}},
      {"PUT /api/v1/grids/{id}", {"", R"({"required_visit_days":4})"}},
      {"POST /api/v1/grids/{id}/members", {"", R"({"user_id":${deputy},"duty":"deputy"})"}},
      {"POST /api/v1/leaders/{id}/contact-points", {"", R"({"region_id":${region}})"}},
      {"POST /api/v1/deputies/{user_id}/activities",
       {"", R"({"kind":"meeting","title":"矩阵","happened_on":"2026-11-02"})"}},
      {"GET /api/v1/field-logs", {"region_id=${street}", ""}},
      {"POST /api/v1/field-logs", {"", R"({"kind":"visit","region_id":${region},"people_count":2,"raised":"矩阵"})"}},
      {"POST /api/v1/field-logs/{id}/appeal", {"", R"({"category_id":${category}})"}},
      {"POST /api/v1/reception-slots",
       {"", R"({"place":"矩阵","region_id":${region},"starts_at":"2027-01-05T09:00:00+08:00",)"
            R"("ends_at":"2027-01-05T11:00:00+08:00","capacity":3,"topic":"矩阵"})"}},
      {"POST /api/v1/public/reception-slots/{id}/bookings", {"", R"({"name":"张三","phone":"13800001234"})"}},
      {"POST /api/v1/appeals/{id}/deputy-contacts", {"", R"({"method":"phone","note":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/deputy-opinions", {"", R"({"content":"矩阵"})"}},
      {"POST /api/v1/deputies/{user_id}/assistants", {"", R"({"assistant_id":${assistant}})"}},
      {"GET /api/v1/deputies", {"year=2026", ""}},
      {"POST /api/v1/studios", {"", R"({"name":"矩阵工作室","region_id":${region}})"}},
      {"PATCH /api/v1/studios/{id}", {"", R"({"address":"矩阵路1号"})"}},
      {"POST /api/v1/studios/{id}/members", {"", R"({"user_id":${deputy},"leader":true})"}},
      {"POST /api/v1/studios/{id}/roster",
       {"", R"({"from":"2026-12-05","to":"2026-12-12","weekdays":[6],"start":"09:00","end":"12:00","per_shift":1})"}},
      {"POST /api/v1/duty-shifts/{id}/reassign", {"", R"({"user_id":${deputy_b}})"}},
      {"POST /api/v1/duty-shifts/swap", {"", R"({"shift_id":${shift},"other_shift_id":${shift_b}})"}},
      // issue 11, public evaluation
      {"POST /api/v1/evaluations",
       {"",
        R"({"title":"矩阵评议","year":2026,"region_id":${street},"criteria":["工作作风"],"targets":[{"name":"矩阵服务"}]})"}},
      {"POST /api/v1/evaluations/{id}/forms", {"", R"({"scores":[{"target_id":${evaluation_target},"points":[5]}]})"}},
      {"POST /api/v1/evaluations/{id}/resident-forms",
       {"", R"({"scores":[{"target_id":${evaluation_target},"points":[4]}]})"}},
      {"GET /api/v1/evaluations/table", {"year=2026", ""}},
      // Proposals (issue 11).
      {"POST /api/v1/proposals",
       {"", R"({"kind":"suggestion","title":"矩阵","region_id":${region},"deputy_id":${deputy}})"}},
      {"GET /api/v1/proposals/figures", {"year=2026&region_id=${street}", ""}},
      {"PATCH /api/v1/proposals/{id}", {"", R"({"title":"矩阵"})"}},
      {"POST /api/v1/proposals/{id}/assign", {"", R"({"lead_unit_id":${unit_a}})"}},
      {"POST /api/v1/proposals/{id}/contacts", {"", R"({"stage":"before","method":"phone","note":"矩阵"})"}},
      {"POST /api/v1/proposals/{id}/opinions", {"", R"({"content":"矩阵"})"}},
      {"POST /api/v1/proposals/{id}/answer", {"", R"({"category":"A","content":"矩阵"})"}},
      {"POST /api/v1/proposals/{id}/approve", {"", R"({"approve":true})"}},
      {"POST /api/v1/proposals/{id}/rate", {"", R"({"rating":"satisfied"})"}},
      {"POST /api/v1/proposals/{id}/follow-up", {"", R"({"category":"A","content":"矩阵"})"}},
      // Votes and risk assessments (issue 11, part C).
      {"POST /api/v1/votes",
       {"", R"({"title":"矩阵投票","region_id":${region},"major":false,"max_choices":1,)"
            R"("options":[{"title":"甲"},{"title":"乙"}],"closes_at":"2027-06-30T18:00:00+08:00"})"}},
      {"POST /api/v1/votes/{id}/voter-codes", {"", R"({"count":2})"}},
      {"POST /api/v1/public/votes/{id}/ballots", {"", R"({"code":"ABCDE-FGHJK","choices":[1]})"}},
      {"POST /api/v1/risk-assessments", {"", R"({"title":"矩阵评估","region_id":${region}})"}},
      {"POST /api/v1/risk-assessments/{id}/responses", {"", R"({"support":4,"satisfaction":4,"confidence":4})"}},
      // Consultations (issue 11, part A): a fresh consultation is collecting, so later steps answer 409.
      {"POST /api/v1/consultations", {"", R"({"kind":"micro","title":"矩阵","region_id":${region}})"}},
      {"GET /api/v1/consultations", {"region_id=${street}", ""}},
      {"POST /api/v1/consultations/{id}/topics", {"", R"({"content":"矩阵议题"})"}},
      {"POST /api/v1/consultations/{id}/appeals", {"", R"({"appeal_ids":[987654321]})"}},
      {"POST /api/v1/consultations/{id}/decide",
       {"", R"({"accept":false,"refusal_rule":"against_law","reason":"矩阵"})"}},
      {"POST /api/v1/consultations/{id}/research", {"", R"({"content":"矩阵"})"}},
      {"POST /api/v1/consultations/{id}/meeting", {"", R"({"form":"written","minutes":"矩阵"})"}},
      {"POST /api/v1/consultations/{id}/publish", {"", R"({"outcome":"矩阵","notice_days":7})"}},
      {"POST /api/v1/consultations/{id}/dispatch", {"", R"({"lead_unit_id":${unit_a}})"}},
      {"POST /api/v1/consultations/{id}/actions",
       {"", R"({"title":"矩阵","owner_unit_id":${unit_a},"deadline":"2026-12-31"})"}},
      {"POST /api/v1/public/consultations/{id}/comments", {"", R"({"content":"矩阵意见"})"}},
      // The message wall (issue 12): a fresh post is published, so publish answers 409.
      {"POST /api/v1/public/wall", {"", R"({"content":"矩阵留言","region_id":${region},"phone":"13800001234"})"}},
      {"POST /api/v1/wall/{id}/hide", {"", R"({"reason":"矩阵"})"}},
      {"POST /api/v1/wall/{id}/reply", {"", R"({"content":"矩阵答复"})"}},
      // Issue 12, bulletins.
      {"POST /api/v1/bulletins", {"", R"({"month":"2026-09"})"}},
      {"POST /api/v1/bulletins/preview", {"", R"({"month":"2026-09"})"}},
      // Issue 12, assisting units and reviewed replies.
      {"POST /api/v1/appeals/{id}/opinion", {"", R"({"content":"矩阵协办意见"})"}},
      {"POST /api/v1/appeals/{id}/opinion/waive", {"", R"({"unit_id":${unit_a},"reason":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/reply/send-back", {"", R"({"reason":"矩阵"})"}},
      {"PUT /api/v1/departments/{id}/review-replies", {"", R"({"review_replies":true})"}},
      // Issue 12, repeat appeals: the sample appeal is the newest, the earlier one is another fixture appeal.
      {"POST /api/v1/appeals/{id}/repeat-of", {"", R"({"repeat_of_id":${earlier_appeal},"note":"矩阵"})"}},
      {"POST /api/v1/appeals/{id}/repeat-of/remove", {"", R"({"other_id":${earlier_appeal},"reason":"矩阵"})"}},
      // Issue 12, the case owner's plan: the fresh in-scope appeal is owned by the street-1 leader.
      {"PUT /api/v1/appeals/{id}/plan",
       {"", R"({"steps":[{"title":"矩阵步骤","unit_id":${unit_a},"due_date":"2099-12-31"}]})"}},
      {"POST /api/v1/appeals/{id}/plan/done", {"", R"({"step_id":987654321,"note":"矩阵"})"}},
      {"PUT /api/v1/leaders/{id}/streets", {"", R"({"street_ids":[${street}]})"}},
      // Issue 12, manual supervision: a fresh notice is issued, so close answers 409.
      {"POST /api/v1/appeals/{id}/supervision",
       {"", R"({"reason":"矩阵","required_action":"矩阵","deadline":"2027-01-31"})"}},
      {"POST /api/v1/appeals/{id}/inspections", {"", R"({"kind":"on_site","findings":"矩阵"})"}},
      {"POST /api/v1/supervision/{id}/answer", {"", R"({"content":"矩阵反馈"})"}},
  };
  return samples;
}

std::string Fill(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    const std::string key = "${" + name + "}";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  }
  return text;
}

std::string RouteName(std::string_view method, std::string_view pattern) {
  return std::string(method) + " " + std::string(pattern);
}

bool HasScope(Target t) {
  switch (t) {
    case Target::kAppeal: case Target::kExtension: case Target::kNewAppeal: case Target::kAppealList:
    case Target::kNoticeList: case Target::kUserList: case Target::kRegionNumbers: case Target::kGrid:
    case Target::kDeputy: case Target::kDeputyAssistant: case Target::kDeputyList: case Target::kNewInRegion:
    case Target::kFieldLog: case Target::kFieldLogList: case Target::kReceptionSlot: case Target::kBooking:
    case Target::kSlotList: case Target::kStudio: case Target::kNewStudio: case Target::kStudioList:
    case Target::kDutyShift: case Target::kShiftList:
    case Target::kNewEvaluation: case Target::kEvaluation:
    case Target::kProposal: case Target::kProposalList: return true;
    case Target::kVote: case Target::kVoteList: case Target::kRiskAssessment: case Target::kRiskAssessmentList:
      return true;  // issue 11, part C
    case Target::kConsultation: case Target::kConsultationList: return true;
    case Target::kWallPost: case Target::kWallPostList: return true;  // issue 12: the message wall
    // Issue 12, manual supervision and the workbench's notices.
    case Target::kManualNotice: case Target::kManualNoticeList: case Target::kStaffNotice: return true;
    default: return false;
  }
}

bool IsList(Target t) {
  return t == Target::kAppealList || t == Target::kNoticeList || t == Target::kUserList ||
         t == Target::kFieldLogList || t == Target::kSlotList || t == Target::kDeputyList ||
         t == Target::kStudioList || t == Target::kShiftList || t == Target::kProposalList ||
         t == Target::kVoteList || t == Target::kRiskAssessmentList ||  // issue 11, part C
         t == Target::kConsultationList ||
         t == Target::kWallPostList ||  // issue 12: the message wall
         t == Target::kManualNoticeList;  // issue 12: manual supervision
}
// Lists of users: what must not show is the out-of-scope users.
bool ListsUsers(Target t) { return t == Target::kUserList || t == Target::kDeputyList; }

// Rows whose guard names one action of several the route takes: core must give them all the same roles.
TEST(RouteAccessTable, RoutesTakingSeveralActionsGiveThemTheSameRoles) {
  const std::vector<std::vector<Action>> families = {
      {Action::kDeliberate, Action::kEscalate, Action::kExplain, Action::kMerge, Action::kReject},
      {Action::kCallbackSatisfied, Action::kCallbackDissatisfied},
  };
  for (const auto& family : families)
    for (Role role : kRoles)
      for (Action a : family)
        EXPECT_EQ(RoleMay(role, a), RoleMay(role, family.front()))
            << RoleName(role) << " on " << ActionName(a) << " vs " << ActionName(family.front());
}

// A transition route's row names the action of its last path segment (the triage route: a triage action).
TEST(RouteAccessTable, TransitionRowsNameTheirRoutesAction) {
  for (const auto& row : RouteAccessTable()) {
    if (row.guard.kind != Guard::Kind::kAction || row.target != Target::kAppeal) continue;
    const std::string_view segment = row.pattern.substr(row.pattern.rfind('/') + 1);
    const bool triage = segment == "triage" && ParseTriageRoute(ActionName(row.guard.action)).has_value();
    EXPECT_TRUE(triage || segment == ActionName(row.guard.action))
        << RouteName(row.method, row.pattern) << " has action " << ActionName(row.guard.action);
  }
}

TEST(RouteAccessTable, OneRowPerRoute) {
  std::set<std::string> seen;
  for (const auto& row : RouteAccessTable())
    EXPECT_TRUE(seen.insert(RouteName(row.method, row.pattern)).second)
        << "two rows for " << RouteName(row.method, row.pattern);
}

struct User {
  Id id = 0;
  std::string username;
  std::string token;
};

// One cell of the matrix.
struct Cell {
  std::string text = "-";  // the status, "-" when not asked
  bool failed = false;
};

// The parameter is the engine: "sqlite" or "postgresql".
class AuthorizationMatrix : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("minsheng_matrix_" + std::to_string(::getpid()) + "_" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam() == "postgresql") {
      pg_ = std::make_unique<minsheng::testing::PgTestDatabase>();
      if (pg_->skip()) GTEST_SKIP() << pg_->why();
    }
    auto db = store::OpenDatabase(pg_ ? pg_->url() : "sqlite:" + (dir_ / "m.db").string());
    ASSERT_TRUE(db.has_value()) << db.error().message;
    db_ = std::move(*db);
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    services_ = std::make_unique<ServiceSet>(*db_, clock_, 1000000);
    ASSERT_TRUE(services_->LoadCalendar().has_value());
    appeals_ = &services_->appeals();
    auth_ = &services_->auth();
    AddAllRoutes(router_, services_->api());
  }

  void TearDown() override {
    services_.reset();
    db_.reset();
    pg_.reset();
    fs::remove_all(dir_);
  }

  // The fixture of the file comment. Users are stored directly (one password hash for all of them);
  // appeals go through the use cases as a district admin who is not part of the matrix.
  void Seed() {
    auto hash = app::HashPassword(kPassword);
    ASSERT_TRUE(hash.has_value());
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(s1, store::InsertRegion(tx, district.id, "street", "s01", "东湖街道"));
      MS_ASSIGN(s2, store::InsertRegion(tx, district.id, "street", "s02", kStreet2Name));
      MS_ASSIGN(c1, store::InsertRegion(tx, s1.id, "community", "s01c01", "朝阳社区"));
      MS_ASSIGN(c2, store::InsertRegion(tx, s2.id, "community", "s02c01", "青山村"));
      MS_ASSIGN(g1, store::InsertRegion(tx, c1.id, "grid", "s01c01g01", "朝阳社区第一网格"));
      MS_ASSIGN(g2, store::InsertRegion(tx, c2.id, "grid", "s02c01g01", "青山村第一网格"));
      grid1_ = g1.id;
      grid2_ = g2.id;
      street1_ = s1.id;
      street2_ = s2.id;
      community1_ = c1.id;
      community2_ = c2.id;
      MS_ASSIGN(a, store::InsertDepartment(tx, {.code = "housing", .name = "住建局"}));
      MS_ASSIGN(b, store::InsertDepartment(tx, {.code = "water", .name = "水务局"}));
      unit_a_ = a;
      unit_b_ = b;
      MS_ASSIGN(cat, store::InsertCategory(tx, {.code = "lift", .name = "电梯", .default_department_id = a}));
      category_ = cat;
      auto add = [&](const std::string& name, Role role, Id region, store::OptId dept) -> Result<User> {
        // The handler is its unit's head, who alone approves the unit's answers (proposals/{id}/approve).
        MS_ASSIGN(id, store::InsertUser(tx, {.username = name, .password_hash = *hash, .display_name = name,
                                             .role = std::string(RoleName(role)), .region_id = region,
                                             .department_id = dept, .unit_head = role == Role::kHandler}));
        return User{id, name, ""};
      };
      for (Role role : kRoles) {
        MS_ASSIGN(u, add(std::string(RoleName(role)) + "-s1", role, s1.id,
                         role == Role::kHandler ? store::OptId(a) : std::nullopt));
        users_[role] = u;
      }
      MS_ASSIGN(root, add("root", Role::kAdmin, district.id, std::nullopt));
      root_ = root;
      MS_ASSIGN(deputy2, add("deputy-s2", Role::kDeputy, s2.id, std::nullopt));
      MS_ASSIGN(leader2, add("leader-s2", Role::kLeader, s2.id, std::nullopt));
      out_of_scope_users_ = {deputy2.id, leader2.id};
      deputy2_ = deputy2.id;
      MS_ASSIGN(target, add("target-s1", Role::kRegistrar, s1.id, std::nullopt));
      target_user_ = target.id;
      // The street-1 registrar assists the street-1 deputy: records contacts on the deputy's cases.
      MS_TRY(store::InsertDeputyAssistant(tx, {.deputy_id = users_[Role::kDeputy].id,
                                               .assistant_id = users_[Role::kRegistrar].id, .street_id = s1.street_id,
                                               .created_at = kStart}));
      MS_ASSIGN(deputy_b, add("deputy-b-s1", Role::kDeputy, s1.id, std::nullopt));
      deputy_b_ = deputy_b.id;
      return {};
    }).has_value());
    clock_.Set(kStart);
    auto root = auth_->Authenticate(Login(root_.username));
    ASSERT_TRUE(root.has_value());
    root_actor_ = *root;  // the use cases take the actor; its session may expire

    in_scope_appeal_ = NewAppeal(community1_, unit_a_, true);
    auto x = appeals_->RequestExtension(root_actor_, in_scope_appeal_, 3, "矩阵");
    ASSERT_TRUE(x.has_value()) << x.error().message;
    in_scope_extension_ = x->id;
    receipt_code_ = appeals_->Get(root_actor_, in_scope_appeal_)->appeal.receipt_code;
    const Id street1_unit_b = NewAppeal(community1_, unit_b_, false);
    out_of_scope_appeal_ = NewAppeal(community2_, unit_b_, false);
    auto y = appeals_->RequestExtension(root_actor_, out_of_scope_appeal_, 3, "矩阵");
    ASSERT_TRUE(y.has_value()) << y.error().message;
    out_of_scope_extension_ = y->id;
    auto undispatched = appeals_->Register(root_actor_, Input(community2_));
    ASSERT_TRUE(undispatched.has_value());
    out_of_region_ = {out_of_scope_appeal_, undispatched->id};
    out_of_unit_ = {out_of_scope_appeal_, undispatched->id, street1_unit_b};

    // Field logs, reception slots and bookings: each role's own in street 1, and one of each in street 2.
    for (Role role : kRoles) {
      role_log_[role] = NewFieldLog(community1_, street1_, users_[role].id);
      role_slot_[role] = NewSlot(community1_, street1_, HostFor(role));
      role_booking_[role] = NewBooking(role_slot_[role]);
    }
    out_log_ = NewFieldLog(community2_, street2_, deputy2_);
    out_slot_ = NewSlot(community2_, street2_, deputy2_);
    out_booking_ = NewBooking(out_slot_);

    // Consultations (issue 11, part A): one collecting in each street, and a published one in street 1.
    consultation1_ = NewConsultation(community1_);
    consultation2_ = NewConsultation(community2_);
    {
      auto& consultations = services_->api().consultations;
      published_consultation_ = NewConsultation(community1_);
      ASSERT_TRUE(consultations.AddTopic(root_actor_, published_consultation_, {"resident", "矩阵议题", ""}));
      ASSERT_TRUE(consultations.Decide(root_actor_, published_consultation_, {true, "", ""}));
      app::MeetingInput meeting;
      meeting.minutes = "矩阵纪要";
      ASSERT_TRUE(consultations.Meeting(root_actor_, published_consultation_, meeting));
      app::PublishInput publish{.outcome = "矩阵结果", .notice_days = 60};
      publish.actions.push_back({.title = "矩阵事项", .owner_unit_id = unit_a_,
                                 .deadline = std::chrono::sys_days(std::chrono::year(2026) / 12 / 31)});
      auto published = consultations.Publish(root_actor_, published_consultation_, publish);
      ASSERT_TRUE(published.has_value()) << published.error().message;
      published_action_ = published->actions.at(0).id;
    }

    // The message wall (issue 12): a published post in each street, routed to A and to B.
    wall1_ = NewWallPost(community1_);
    wall2_ = NewWallPost(community2_);
    // Issue 12, bulletins: a published issue for the public routes, by a district-wide admin.
    {
      auto issue = services_->bulletins().Publish(root_actor_, {BulletinKind::kMonth, 2026, 10}, "");
      ASSERT_TRUE(issue.has_value()) << issue.error().message;
      bulletin_ = issue->id;
    }

    // Manual supervision (issue 12): a notice to A on the in-scope appeal, to B in street 2 and to B in street 1;
    // a workbench notice for every role, and one for root (nobody else's to read).
    manual1_ = NewManualNotice(in_scope_appeal_);
    manual2_ = NewManualNotice(out_of_scope_appeal_);
    NewManualNotice(street1_unit_b);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      auto add = [&](Id user) -> Result<Id> {
        MS_TRY(store::InsertStaffNoticeIfAbsent(tx, {.user_id = user, .appeal_id = in_scope_appeal_,
                                                     .kind = "yellow_warning", .deadline = kStart, .created_at = kStart}));
        MS_ASSIGN(list, store::ListStaffNotices(tx, user, false, in_scope_appeal_, 10));
        for (const auto& n : list)
          if (n.kind == "yellow_warning") return n.id;
        return Fail(Error::Internal("no notice"));
      };
      for (Role role : kRoles) {
        MS_ASSIGN(id, add(users_[role].id));
        role_notice_[role] = id;
      }
      MS_ASSIGN(other, add(root_.id));
      out_notice_ = other;
      return {};
    }).has_value());

    // Studios: one in each street, with shifts a day after the matrix's clock.
    studio1_ = NewStudio(community1_, {users_[Role::kDeputy].id, deputy_b_});
    studio2_ = NewStudio(community2_, {deputy2_});
    shift_a_ = NewShift(studio1_, users_[Role::kDeputy].id, 0);
    shift_b_ = NewShift(studio1_, deputy_b_, 1);
    out_of_scope_shift_ = NewShift(studio2_, deputy2_, 0);
    out_of_scope_shift_b_ = NewShift(studio2_, deputy2_, 1);

    // Proposals (issue 11): assigned, one on each side.
    in_scope_proposal_ = NewProposal(users_[Role::kDeputy].id, community1_, unit_a_, {});
    out_proposal_ = NewProposal(deputy2_, community2_, unit_b_, {});
    // Votes and risk assessments (issue 11, part C): one of each in street 1 and in street 2.
    vote1_ = NewVote(community1_, street1_);
    vote2_ = NewVote(community2_, street2_);
    risk1_ = NewRisk(community1_, street1_);
    risk2_ = NewRisk(community2_, street2_);

    // Past the reply deadlines (7 working days), not yet past escalation: a notice for each dispatched appeal.
    clock_.Set(kStart + 12 * 86400);
    auto swept = app::SweepDeadlines(*db_, clock_);
    ASSERT_TRUE(swept.has_value()) << swept.error().message;
    ASSERT_GE(swept->notices_issued, 3);
    // Sessions last 12 hours: sign in on the clock the matrix runs on.
    for (auto& [role, user] : users_) user.token = Login(user.username);
  }

  std::string Login(const std::string& username) {
    auto login = auth_->Login(username, kPassword, "127.0.0.1");
    EXPECT_TRUE(login.has_value()) << username << ": " << (login ? "" : login.error().message);
    return login ? login->token : "";
  }

  app::RegisterInput Input(Id region) {
    return {.title = "矩阵", .content = "矩阵测试", .channel = "phone", .region_id = region,
            .category_id = category_, .appellant_name = "张三", .appellant_phone = "13800001234"};
  }

  // An accepted appeal in `region` with `unit` as lead; with_case: the street-1 leader and deputy follow it.
  Id NewAppeal(Id region, Id unit, bool with_case, std::vector<Id> assisting = {}) {
    auto a = appeals_->Register(root_actor_, Input(region));
    EXPECT_TRUE(a.has_value()) << a.error().message;
    if (!a) return 0;
    app::DispatchInput in{.lead_unit_id = unit, .assisting_unit_ids = std::move(assisting)};
    if (with_case) {
      in.case_owner_id = users_[Role::kLeader].id;
      in.deputy_id = users_[Role::kDeputy].id;
    }
    auto d = appeals_->Dispatch(root_actor_, a->id, in);
    EXPECT_TRUE(d.has_value()) << d.error().message;
    auto accepted = appeals_->Accept(root_actor_, a->id, "");
    EXPECT_TRUE(accepted.has_value()) << accepted.error().message;
    return a->id;
  }

  // An assigned proposal of `deputy` in `region` led by `lead` (with `assisting`), through the use cases.
  Id NewProposal(Id deputy, Id region, Id lead, std::vector<Id> assisting) {
    app::ProposalService& proposals = services_->api().proposals;
    auto p = proposals.Register(root_actor_, {.kind = "suggestion", .title = "矩阵建议", .content = "矩阵",
                                              .deputy_id = deputy, .region_id = region});
    EXPECT_TRUE(p.has_value()) << p.error().message;
    if (!p) return 0;
    const Id id = p->proposal.id;
    EXPECT_TRUE(proposals.Submit(root_actor_, id, "").has_value());
    auto assigned = proposals.Assign(root_actor_, id, {.lead_unit_id = lead, .assisting_unit_ids = std::move(assisting)});
    EXPECT_TRUE(assigned.has_value()) << assigned.error().message;
    return id;
  }

  // Deputies and leaders host their own slots; the others manage slots a street-1 deputy hosts.
  Id HostFor(Role role) {
    return role == Role::kDeputy || role == Role::kLeader ? users_[role].id : users_[Role::kDeputy].id;
  }

  // A field log, a reception slot (a month ahead) and a booking, stored directly.
  Id NewFieldLog(Id region, Id street, Id author) {
    Id out = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(id, store::InsertFieldLog(tx, {.street_id = street, .region_id = region, .author_id = author,
                                               .kind = "reception", .met_at = kStart, .place = "矩阵",
                                               .people_count = 2, .people_names = "张三、李四", .raised = "矩阵问题",
                                               .created_at = kStart, .updated_at = kStart}));
      out = id;
      return {};
    }).has_value());
    return out;
  }
  Id NewSlot(Id region, Id street, Id host) {
    Id out = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(id, store::InsertReceptionSlot(tx, {.street_id = street, .region_id = region, .place = "矩阵",
                                                    .host_id = host, .starts_at = kStart + 30 * 86400,
                                                    .ends_at = kStart + 30 * 86400 + 7200, .capacity = 5,
                                                    .created_at = kStart, .updated_at = kStart}));
      out = id;
      return {};
    }).has_value());
    return out;
  }
  Id NewBooking(Id slot) {
    Id out = 0;
    const std::string n = std::to_string(++bookings_made_);
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(id, store::InsertBooking(tx, {.slot_id = slot, .booking_code = "MX" + n, .name = "王五",
                                              .phone = "139" + std::string(8 - n.size(), '0') + n,
                                              .topic = "矩阵", .created_at = kStart}));
      out = id;
      return {};
    }).has_value());
    return out;
  }

  // A new street-1 registrar assisting the street-1 deputy (for a DELETE that removes one).
  Id NewAssistant() {
    Id id = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(user, store::InsertUser(tx, {.username = "assistant-" + std::to_string(++fresh_assistants_),
                                              .password_hash = "x", .display_name = "助理",
                                              .role = "registrar", .region_id = street1_}));
      id = user;
      MS_ASSIGN(row, store::InsertDeputyAssistant(tx, {.deputy_id = users_[Role::kDeputy].id, .assistant_id = user,
                                                       .created_at = kStart}));
      (void)row;
      return {};
    }).has_value());
    return id;
  }

  // A studio in `region` with these deputies as members.
  Id NewStudio(Id region, const std::vector<Id>& members) {
    auto street = region == community1_ ? street1_ : street2_;
    Id id = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(sid, store::InsertStudio(tx, {.street_id = street, .region_id = region, .name = "矩阵工作室",
                                              .created_at = kStart, .updated_at = kStart}));
      id = sid;
      for (Id m : members)
        MS_TRY(store::InsertStudioMember(tx, {.studio_id = sid, .user_id = m, .street_id = street, .joined_at = kStart}));
      return {};
    }).has_value());
    return id;
  }

  // An open evaluation round of `street` with one public service to score; its target in evaluation_target_.
  Id NewEvaluation(Id street) {
    Id id = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(rid, store::InsertEvaluationRound(tx, {.region_id = street, .street_id = street, .year = 2026,
                                                       .kind = "meeting", .title = "矩阵评议", .criteria = R"(["服务质量"])",
                                                       .state = "open", .created_at = kStart}));
      id = rid;
      MS_ASSIGN(tid, store::InsertEvaluationTarget(tx, {.round_id = rid, .street_id = street, .name = "矩阵服务"}));
      evaluation_target_ = tid;
      return {};
    }).has_value());
    return id;
  }

  // A shift of `user` at `studio` on day `day` after the matrix's clock (each call its own slot).
  Id NewShift(Id studio, Id user, int day) {
    static int slot = 0;
    const Timestamp start = kStart + 13 * 86400 + day * 86400 + (++slot) * 4 * 3600;
    Id id = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(found, store::FindStudio(tx, studio));
      MS_ASSIGN(sid, store::InsertDutyShift(tx, {.studio_id = studio, .street_id = found ? found->street_id : 0,
                                                 .user_id = user, .starts_at = start, .ends_at = start + 3600,
                                                 .created_at = kStart}));
      id = sid;
      return {};
    }).has_value());
    return id;
  }

  // Issue 11, part C: an open vote (opened before the matrix's clock, closing months later) with two
  // options, and a risk assessment collecting responses, stored directly.
  Id NewVote(Id region, Id street) {
    Id out = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(id, store::InsertVote(tx, {.street_id = street, .region_id = region, .title = "矩阵投票",
                                           .max_choices = 1, .opens_at = kStart, .closes_at = kStart + 200 * 86400,
                                           .created_at = kStart}));
      for (int i = 1; i <= 2; ++i)
        MS_TRY(store::InsertVoteOption(tx, {.vote_id = id, .street_id = street, .sort_order = i, .title = "项目"}));
      out = id;
      return {};
    }).has_value());
    return out;
  }
  Id NewRisk(Id region, Id street) {
    Id out = 0;
    EXPECT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(id, store::InsertRiskAssessment(tx, {.street_id = street, .region_id = region, .title = "矩阵评估",
                                                     .created_at = kStart}));
      out = id;
      return {};
    }).has_value());
    return out;
  }
  // A micro-consultation collecting topics in `region`, made by the district admin.
  Id NewConsultation(Id region) {
    auto c = services_->api().consultations.Create(root_actor_, {.kind = "micro", .title = "矩阵协商", .region_id = region});
    EXPECT_TRUE(c.has_value()) << c.error().message;
    return c ? c->consultation.id : 0;
  }

  // Issue 12: a published wall post in `region`, routed to A in street 1 and to B in street 2.
  Id NewWallPost(Id region) {
    auto& wall = services_->api().wall;
    auto post = wall.Post({.content = "矩阵留言", .region_id = region, .category_id = category_, .phone = "13800001234"});
    EXPECT_TRUE(post.has_value()) << post.error().message;
    if (!post) return 0;
    auto published = wall.Publish(root_actor_, post->id, {.unit_id = region == community1_ ? unit_a_ : unit_b_});
    EXPECT_TRUE(published.has_value()) << published.error().message;
    return post->id;
  }

  struct Answer {
    int status = 0;
    std::string body;
  };

  Answer Send(const std::string& method, const std::string& path, const std::string& query, const std::string& body,
              const std::string& token) {
    Request req;
    req.method = method;
    req.target = query.empty() ? path : path + "?" + query;
    ParseTarget(req.target, req.path, req.query);
    if (!token.empty()) req.headers.emplace_back("Authorization", "Bearer " + token);
    req.body = body;
    req.remote_address = "127.0.0.1";
    Response response = router_.Handle(req);
    return {response.status, response.body};
  }

  fs::path dir_;
  std::unique_ptr<minsheng::testing::PgTestDatabase> pg_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{kStart};
  std::unique_ptr<ServiceSet> services_;
  app::AppealService* appeals_ = nullptr;
  app::AuthService* auth_ = nullptr;
  Router router_;

  Id street1_ = 0, street2_ = 0, community1_ = 0, community2_ = 0, unit_a_ = 0, unit_b_ = 0, category_ = 0;
  Id grid1_ = 0, grid2_ = 0;
  std::map<Role, User> users_;
  User root_;  // a district admin who seeds the appeals; not part of the matrix
  app::Actor root_actor_;
  Id target_user_ = 0;
  Id deputy2_ = 0;                // a deputy of street 2: out of scope for street 1's coordinator
  Id assistant_for_delete_ = 0;   // the assistant a DELETE …/assistants/{assistant_id} names
  Id evaluation_target_ = 0;      // the unit of the round the last request named
  int fresh_assistants_ = 0;
  Id deputy_b_ = 0, studio1_ = 0, studio2_ = 0, shift_a_ = 0, shift_b_ = 0, out_of_scope_shift_ = 0,
     out_of_scope_shift_b_ = 0;
  Id in_scope_appeal_ = 0, out_of_scope_appeal_ = 0, in_scope_extension_ = 0, out_of_scope_extension_ = 0;
  std::string receipt_code_;
  std::set<Id> out_of_region_, out_of_unit_, out_of_scope_users_;
  std::map<Role, Id> role_log_, role_slot_, role_booking_;
  Id out_log_ = 0, out_slot_ = 0, out_booking_ = 0;
  Id in_scope_proposal_ = 0, out_proposal_ = 0;  // issue 11
  Id consultation1_ = 0, consultation2_ = 0, published_consultation_ = 0, published_action_ = 0;
  int bookings_made_ = 0;
  Id vote1_ = 0, vote2_ = 0, risk1_ = 0, risk2_ = 0;  // issue 11, part C
  Id wall1_ = 0, wall2_ = 0;  // issue 12: the message wall
  Id bulletin_ = 0;            // issue 12: bulletins
  // Issue 12, manual supervision: notices in and out of scope, each role's workbench notice and root's.
  Id manual1_ = 0, manual2_ = 0, out_notice_ = 0;
  std::map<Role, Id> role_notice_;

  Id NewManualNotice(Id appeal) {
    app::IssueSupervisionInput in{.reason = "矩阵", .required_action = "矩阵",
                                  .deadline = std::chrono::sys_days(std::chrono::year(2027) / 1 / 31)};
    auto n = services_->api().supervision.Issue(root_actor_, appeal, in);
    EXPECT_TRUE(n.has_value()) << n.error().message;
    return n ? n->notice.id : 0;
  }
};

TEST_P(AuthorizationMatrix, EveryRouteHasARowAndEveryRowARoute) {
  std::set<std::string> registered;
  for (const auto& route : router_.Routes()) {
    registered.insert(RouteName(route.method, route.pattern));
    EXPECT_NE(FindRouteAccess(route.method, route.pattern), nullptr)
        << "route " << RouteName(route.method, route.pattern)
        << " has no row in src/api/route_access.cpp (kRouteAccess): add one saying who may call it";
  }
  for (const auto& row : RouteAccessTable())
    EXPECT_TRUE(registered.contains(RouteName(row.method, row.pattern)))
        << "row " << RouteName(row.method, row.pattern) << " in src/api/route_access.cpp names no registered route";
}

TEST_P(AuthorizationMatrix, RoutesThatReadManyRowsRunOnWorkers) {
  for (const auto& route : router_.Routes()) {
    const RouteAccess* row = FindRouteAccess(route.method, route.pattern);
    if (row != nullptr && row->reads_many) {
      EXPECT_NE(route.dispatch, Dispatch::kInline)
          << RouteName(route.method, route.pattern) << " reads many rows but runs on the I/O threads";
    }
  }
}

// Issue 13, no slow work on the I/O threads: every route is registered where its cost class
// (RouteDispatch, route_access.h) says, and the classes themselves hold what they promise.
std::string_view DispatchName(Dispatch d) {
  switch (d) {
    case Dispatch::kInline: return "kInline (I/O thread)";
    case Dispatch::kWorker: return "kWorker";
    case Dispatch::kBulk: return "kBulk";
    case Dispatch::kPointRead:
      return "kPointRead";
  }
  return "?";
}

TEST_P(AuthorizationMatrix, EveryRouteRunsWhereItsCostClassSays) {
  int inline_routes = 0, bulk_routes = 0, point_read_routes = 0;
  for (const auto& route : router_.Routes()) {
    const std::string name = RouteName(route.method, route.pattern);
    const Dispatch want = RouteDispatch(route.method, route.pattern);
    EXPECT_EQ(DispatchName(route.dispatch), DispatchName(want))
        << name << " is registered with the wrong Dispatch (RouteDispatch in src/api/route_access.cpp)";
    if (want == Dispatch::kInline) {
      ++inline_routes;
      EXPECT_EQ(route.method, "GET") << name << ": a change waits for its commit, never on an I/O thread";
    }
    if (want == Dispatch::kBulk) ++bulk_routes;
    if (want == Dispatch::kPointRead) {
      ++point_read_routes;
      EXPECT_EQ(route.method, "GET") << name << ": a change waits for its commit, never on an I/O thread";
    }
  }
  // These scan many rows (or build files from them): were one registered inline, one call would stall every
  // connection of its I/O thread.
  for (const auto& [method, pattern] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/public/metrics"},
                                                        {"GET", "/api/v1/metrics"},
                                                        {"GET", "/api/v1/rankings"},
                                                        {"GET", "/api/v1/hotspots"},
                                                        {"GET", "/api/v1/appeals"},
                                                        {"GET", "/api/v1/owned-cases"},
                                                        {"GET", "/api/v1/audit-log"},
                                                        {"GET", "/api/v1/public/bulletins"},
                                                        {"GET", "/api/v1/notices"},
                                                        {"GET", "/api/v1/deputies"}}) {
    EXPECT_EQ(DispatchName(RouteDispatch(method, pattern)), DispatchName(Dispatch::kWorker)) << method << " " << pattern;
  }
  for (const auto& [method, pattern] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/metrics/export.xlsx"},
           {"GET", "/api/v1/audit-log/export.csv"},
           {"GET", "/api/v1/bulletins/export.xlsx"},
           {"GET", "/api/v1/field-logs/export.xlsx"},
           {"GET", "/api/v1/studios/{id}/bulletin.xlsx"}}) {
    EXPECT_EQ(DispatchName(RouteDispatch(method, pattern)), DispatchName(Dispatch::kBulk)) << method << " " << pattern;
  }
  EXPECT_EQ(inline_routes, 1);  // GET /api/v1/public/callback-causes: a constant
  EXPECT_EQ(bulk_routes, 8);
  EXPECT_EQ(point_read_routes, 1);  // GET /api/v1/appeals/{id}: its audited views are recorded on a worker
}

TEST_P(AuthorizationMatrix, EveryRouteEveryRoleInAndOutOfScope) {
  Seed();
  if (HasFatalFailure()) return;

  const auto routes = router_.Routes();
  // matrix[route][column]: column 0 is "no token", then (in, out) per role.
  std::vector<std::vector<Cell>> matrix(routes.size(), std::vector<Cell>(1 + 2 * std::size(kRoles)));
  std::vector<std::string> failures;

  for (std::size_t r = 0; r < routes.size(); ++r) {
    const auto& route = routes[r];
    const std::string name = RouteName(route.method, route.pattern);
    const RouteAccess* row = FindRouteAccess(route.method, route.pattern);
    if (row == nullptr) {
      failures.push_back(name + ": no row in src/api/route_access.cpp");
      continue;
    }
    auto sample = Samples().find(name);
    const Sample none{"", route.method == "GET" ? "" : "{}"};
    const Sample& s = sample != Samples().end() ? sample->second : none;
    const bool is_public = row->guard.kind == Guard::Kind::kPublic;
    const bool changes = route.method != "GET";

    auto vars_for = [&](bool in_scope) {
      return std::map<std::string, std::string>{
          {"region", std::to_string(in_scope ? community1_ : community2_)},
          {"street", std::to_string(in_scope ? street1_ : street2_)},
          {"unit", std::to_string(in_scope ? unit_a_ : unit_b_)},
          {"unit_a", std::to_string(unit_a_)},
          {"category", std::to_string(category_)},
          {"leader", std::to_string(users_[Role::kLeader].id)},
          {"deputy", std::to_string(users_[Role::kDeputy].id)},
          {"user_id", std::to_string(users_[Role::kDeputy].id)},
          {"assistant", std::to_string(target_user_)},
          {"assistant_id", std::to_string(assistant_for_delete_)},
          {"region_id", std::to_string(in_scope ? community1_ : community2_)},
          {"deputy_b", std::to_string(deputy_b_)},
          {"shift", std::to_string(in_scope ? shift_a_ : out_of_scope_shift_)},
          {"shift_b", std::to_string(in_scope ? shift_b_ : out_of_scope_shift_b_)},
          {"evaluation_target", std::to_string(evaluation_target_)},
          {"action_id", std::to_string(published_action_)},
          {"earlier_appeal", std::to_string(in_scope_appeal_)},  // issue 12: repeat appeals
      };
    };
    // The path with its first capture filled with the object the row says it names, and any later one
    // ({user_id}, {region_id}) from the side's variables.
    auto path_for = [&](Id object, bool in_scope) -> std::optional<std::string> {
      const std::size_t open = row->pattern.find('{');
      if (open == std::string_view::npos) return std::string(row->pattern);
      const std::size_t close = row->pattern.find('}', open);
      std::string value;
      switch (row->target) {
        case Target::kAppeal: case Target::kExtension: case Target::kUser: case Target::kCategory:
        case Target::kGrid: case Target::kLeader: case Target::kDeputy: case Target::kDeputyAssistant:
        case Target::kFieldLog: case Target::kReceptionSlot: case Target::kBooking: case Target::kPublicSlot:
        case Target::kStudio: case Target::kDutyShift: case Target::kEvaluation: case Target::kProposal:
        case Target::kVote: case Target::kPublicVote: case Target::kRiskAssessment:  // issue 11, part C
        case Target::kConsultation: case Target::kPublicConsultation:
        case Target::kWallPost:  // issue 12
        case Target::kDepartment:  // issue 12
        case Target::kBulletin:    // issue 12, bulletins
        case Target::kManualNotice: case Target::kStaffNotice:  // issue 12
          value = std::to_string(object);
          break;
        case Target::kReceiptCode: value = receipt_code_; break;
        default: return std::nullopt;
      }
      std::string rest(row->pattern.substr(close + 1));
      for (std::size_t at = rest.find('{'); at != std::string::npos; at = rest.find('{')) {
        const std::size_t end = rest.find('}', at);
        const auto vars = vars_for(in_scope);
        auto var = vars.find(rest.substr(at + 1, end - at - 1));
        if (var == vars.end()) return std::nullopt;
        rest.replace(at, end - at + 1, var->second);
      }
      return std::string(row->pattern.substr(0, open)) + value + rest;
    };
    // The object a request names: in scope (a fresh copy when the request may change it) or out of scope.
    auto object_for = [&](Role role, bool in_scope, bool fresh) -> Id {
      switch (row->target) {
        case Target::kFieldLog:
          if (!in_scope) return out_log_;
          return fresh ? NewFieldLog(community1_, street1_, users_[role].id) : role_log_[role];
        case Target::kReceptionSlot:
          if (!in_scope) return out_slot_;
          return fresh ? NewSlot(community1_, street1_, HostFor(role)) : role_slot_[role];
        case Target::kBooking:
          if (!in_scope) return out_booking_;
          return fresh ? NewBooking(NewSlot(community1_, street1_, HostFor(role))) : role_booking_[role];
        case Target::kPublicSlot: return fresh ? NewSlot(community1_, street1_, HostFor(role)) : role_slot_[role];
        case Target::kAppeal:
          if (!in_scope) return out_of_scope_appeal_;
          if (fresh && row->pattern.ends_with("/opinion"))  // an opinion comes from an assisting unit: A assists
            return NewAppeal(community1_, unit_b_, true, {unit_a_});
          if (fresh && row->pattern.ends_with("/repeat-of/remove")) {  // a link to remove (issue 12)
            const Id later = NewAppeal(community1_, unit_a_, true);
            EXPECT_TRUE(appeals_->LinkRepeat(root_actor_, later, in_scope_appeal_, "矩阵").has_value());
            return later;
          }
          return fresh ? NewAppeal(community1_, unit_a_, true) : in_scope_appeal_;
        case Target::kDepartment: return unit_a_;  // issue 12
        case Target::kBulletin: return bulletin_;  // issue 12, bulletins
        case Target::kExtension: {
          if (!in_scope) return out_of_scope_extension_;
          if (!fresh) return in_scope_extension_;
          auto x = appeals_->RequestExtension(root_actor_, NewAppeal(community1_, unit_a_, true), 3, "矩阵");
          EXPECT_TRUE(x.has_value());
          return x ? x->id : 0;
        }
        case Target::kUser: return target_user_;
        case Target::kCategory: return category_;
        case Target::kGrid: return in_scope ? grid1_ : grid2_;
        case Target::kLeader: return users_[Role::kLeader].id;
        case Target::kDeputy: return in_scope ? users_[Role::kDeputy].id : deputy2_;
        case Target::kDeputyAssistant: {
          assistant_for_delete_ = target_user_;
          if (!in_scope) return deputy2_;
          if (fresh) assistant_for_delete_ = NewAssistant();
          return users_[Role::kDeputy].id;
        }
        case Target::kStudio:
          if (!in_scope) return studio2_;
          return fresh ? NewStudio(community1_, {users_[Role::kDeputy].id, deputy_b_}) : studio1_;
        case Target::kDutyShift:
          if (!in_scope) return out_of_scope_shift_;
          return fresh ? NewShift(studio1_, users_[Role::kDeputy].id, 2) : shift_a_;
        case Target::kEvaluation: return NewEvaluation(in_scope ? street1_ : street2_);  // sets evaluation_target_
        case Target::kProposal:  // an opinion comes from an assisting unit: A assists there
          if (!in_scope) return out_proposal_;
          if (!fresh) return in_scope_proposal_;
          return row->pattern.ends_with("/opinions")
                     ? NewProposal(users_[Role::kDeputy].id, community1_, unit_b_, {unit_a_})
                     : NewProposal(users_[Role::kDeputy].id, community1_, unit_a_, {});
        // Issue 11, part C.
        case Target::kVote:
          if (!in_scope) return vote2_;
          return fresh ? NewVote(community1_, street1_) : vote1_;
        case Target::kPublicVote: return fresh ? NewVote(community1_, street1_) : vote1_;
        case Target::kRiskAssessment:
          if (!in_scope) return risk2_;
          return fresh ? NewRisk(community1_, street1_) : risk1_;
        case Target::kConsultation:
          if (!in_scope) return consultation2_;
          return fresh ? NewConsultation(community1_) : consultation1_;
        case Target::kPublicConsultation: return published_consultation_;
        case Target::kWallPost:  // issue 12
          if (!in_scope) return wall2_;
          return fresh ? NewWallPost(community1_) : wall1_;
        case Target::kManualNotice:  // issue 12: to A, whose handler is the matrix's
          if (!in_scope) return manual2_;
          return fresh ? NewManualNotice(NewAppeal(community1_, unit_a_, true)) : manual1_;
        case Target::kStaffNotice: return in_scope ? role_notice_[role] : out_notice_;
        default: return 0;
      }
    };
    auto request = [&](Role role, const std::string& token, bool in_scope, bool fresh, Id* object_out = nullptr)
        -> std::optional<Answer> {
      const Id object = object_for(role, in_scope, fresh);
      if (object_out != nullptr) *object_out = object;
      auto path = path_for(object, in_scope);
      if (!path) return std::nullopt;
      const auto vars = vars_for(in_scope);
      return Send(route.method, *path, Fill(s.query, vars), Fill(s.body, vars), token);
    };
    auto fail = [&](Cell& cell, const std::string& who, const std::string& why, const Answer& a) {
      cell.failed = true;
      failures.push_back(name + " as " + who + ": " + why + " — got " + std::to_string(a.status) + " " +
                         a.body.substr(0, 300));
    };

    // No token.
    {
      auto a = request(Role::kDeputy, "", true, false);
      if (!a) {
        failures.push_back(name + ": its path captures something its row's target does not name");
        continue;
      }
      Cell& cell = matrix[r][0];
      cell.text = std::to_string(a->status);
      if (is_public ? (a->status == 401 || a->status == 403 || a->status == 404) : a->status != 401)
        fail(cell, "no token", is_public ? "a public route refused" : "a staff route answered without a token", *a);
    }

    for (std::size_t k = 0; k < std::size(kRoles); ++k) {
      const Role role = kRoles[k];
      User& user = users_[role];
      const std::string who(RoleName(role));
      const bool allowed = RouteAllows(*row, role);
      const bool picks_only = row->target == Target::kUserList && !RoleMayDo(role, Operation::kManageUsers);
      const std::set<Id> out_logs{out_log_}, out_slots{out_slot_};
      const std::set<Id> out_studios{studio2_}, out_shifts{out_of_scope_shift_, out_of_scope_shift_b_};
      const std::set<Id> out_proposals{out_proposal_};
      const std::set<Id> out_votes{vote2_}, out_risks{risk2_};  // issue 11, part C
      const std::set<Id> out_consultations{consultation2_};
      const std::set<Id> out_wall{wall2_};  // issue 12
      const std::set<Id>& out_items = ListsUsers(row->target)               ? out_of_scope_users_
                                      : row->target == Target::kVoteList     ? out_votes
                                      : row->target == Target::kRiskAssessmentList ? out_risks
                                      : row->target == Target::kFieldLogList ? out_logs
                                      : row->target == Target::kSlotList     ? out_slots
                                      : row->target == Target::kStudioList   ? out_studios
                                      : row->target == Target::kShiftList    ? out_shifts
                                      : row->target == Target::kProposalList ? out_proposals
                                      : row->target == Target::kConsultationList ? out_consultations
                                      : row->target == Target::kWallPostList ? out_wall
                                      : role == Role::kHandler               ? out_of_unit_
                                                                             : out_of_region_;
      const bool by_own_id = row->target == Target::kFieldLogList || row->target == Target::kSlotList ||
                             row->target == Target::kStudioList || row->target == Target::kShiftList ||
                             row->target == Target::kProposalList ||
                             row->target == Target::kVoteList || row->target == Target::kRiskAssessmentList ||
                             row->target == Target::kConsultationList ||
                             row->target == Target::kWallPostList;  // issue 12
      // Ids in a list answer that the caller must not see.
      auto leaked = [&](const Answer& a) -> std::optional<Id> {
        if (!IsList(row->target)) return std::nullopt;
        if (row->target == Target::kUserList && !picks_only) return std::nullopt;  // admins manage every user
        json body = json::parse(a.body, nullptr, false);
        if (!body.is_object() || !body.contains("items")) return std::nullopt;
        for (const auto& item : body["items"]) {
          const json& id = !by_own_id && item.contains("appeal_id") ? item.at("appeal_id")
                           : item.contains("id")                   ? item.at("id")
                                                                   : json();
          if (id.is_number_integer() && out_items.contains(id.get<Id>())) return id.get<Id>();
        }
        return std::nullopt;
      };

      for (bool in_scope : {true, false}) {
        if (!in_scope && !HasScope(row->target)) continue;
        Cell& cell = matrix[r][1 + 2 * k + (in_scope ? 0 : 1)];
        Id object = 0;
        auto a = request(role, user.token, in_scope, changes && allowed && in_scope, &object);
        if (!a) continue;
        cell.text = std::to_string(a->status);
        const std::string side = who + (in_scope ? " (in scope)" : " (out of scope)");
        if (a->status >= 500) {
          fail(cell, side, "a server error", *a);
        } else if (!allowed) {
          if (a->status != 403) fail(cell, side, "core does not allow this role: expected 403", *a);
        } else if (row->target == Target::kDistrictWide) {  // issue 12, bulletins: every fixture user is in street 1
          if (a->status != 403) fail(cell, side, "a caller below the district should answer 403", *a);
        } else if (in_scope) {
          if (a->status == 401 || a->status == 403 || a->status == 404)
            fail(cell, side, "allowed and in scope, but refused", *a);
          else if (IsList(row->target) && a->status != 200)
            fail(cell, side, "a list in scope should answer 200", *a);
          else if (IsList(row->target) && json::parse(a->body, nullptr, false).value("items", json::array()).empty())
            fail(cell, side, "the in-scope list is empty: the fixture shows nothing", *a);
          else if (auto id = leaked(*a))
            fail(cell, side, "lists #" + std::to_string(*id) + ", which is out of scope", *a);
          else if (row->target == Target::kRegionNumbers && a->body.find(kStreet2Name) != std::string::npos)
            fail(cell, side, "the numbers name the out-of-scope street", *a);
        } else {
          switch (row->target) {
            case Target::kAppeal:
            case Target::kExtension:
            case Target::kGrid:
            case Target::kDeputy:
            case Target::kFieldLog:
            case Target::kReceptionSlot:
            case Target::kDeputyAssistant:
            case Target::kStudio:
            case Target::kDutyShift:
            case Target::kProposal:
            case Target::kVote:            // issue 11, part C
            case Target::kRiskAssessment:
            case Target::kConsultation:
            case Target::kWallPost:  // issue 12
            case Target::kManualNotice: case Target::kStaffNotice:  // issue 12
            case Target::kBooking: {
              // The same request for an id that does not exist must answer exactly the same.
              const std::string missing_path = *path_for(987654321, false);
              const auto vars = vars_for(false);
              Answer missing = Send(route.method, missing_path, Fill(s.query, vars), Fill(s.body, vars), user.token);
              if (a->status != 404) fail(cell, side, "out of scope should answer 404, as a missing id", *a);
              else if (missing.status != a->status || missing.body != a->body)
                fail(cell, side, "out of scope answers unlike a missing id (" + std::to_string(missing.status) + " " +
                                     missing.body + ")", *a);
              break;
            }
            case Target::kEvaluation:  // rounds are read by every staff role; only managing and a
                                       // deputy's form are scoped
              if (a->status != (route.method == "GET" ? 200 : 403))
                fail(cell, side, route.method == "GET" ? "any staff member reads a round" : "expected 403", *a);
              break;
            case Target::kNewAppeal:
            case Target::kNewInRegion:
            case Target::kNewStudio:
            case Target::kNewEvaluation:
            case Target::kRegionNumbers:
              if (a->status != 403) fail(cell, side, "a region outside the caller's should answer 403", *a);
              break;
            default:  // lists
              if (a->status != 403 && a->status != 200) fail(cell, side, "expected 200 (filtered) or 403", *a);
              else if (auto id = leaked(*a))
                fail(cell, side, "lists #" + std::to_string(*id) + ", which is out of scope", *a);
          }
        }
        // A route may end the caller's session (logout): sign in again for the next one.
        if (!auth_->Authenticate(user.token)) user.token = Login(user.username);
      }
    }
  }

  // Printed on failure, or always with MINSHENG_PRINT_MATRIX=1.
  const char* print = std::getenv("MINSHENG_PRINT_MATRIX");
  if (!failures.empty() || (print != nullptr && std::string(print) == "1")) {
    std::ostringstream out;
    out << "authorization matrix on " << GetParam() << " (in/out of scope per role; - not asked; ! wrong):\n";
    std::size_t width = 0;
    for (const auto& route : routes) width = std::max(width, RouteName(route.method, route.pattern).size());
    out << std::string(width, ' ') << "  none ";
    for (Role role : kRoles) {
      std::string head(RoleName(role));
      head.resize(11, ' ');
      out << " " << head;
    }
    out << "\n";
    auto cell_text = [](const Cell& c) { return c.text + (c.failed ? "!" : ""); };
    for (std::size_t r = 0; r < routes.size(); ++r) {
      std::string label = RouteName(routes[r].method, routes[r].pattern);
      label.resize(width, ' ');
      std::string none = cell_text(matrix[r][0]);
      none.resize(5, ' ');
      out << label << "  " << none << " ";
      for (std::size_t k = 0; k < std::size(kRoles); ++k) {
        std::string pair = cell_text(matrix[r][1 + 2 * k]) + "/" + cell_text(matrix[r][2 + 2 * k]);
        pair.resize(11, ' ');
        out << " " << pair;
      }
      out << "\n";
    }
    out << "\n" << failures.size() << " wrong:\n";
    for (const auto& f : failures) out << "  " << f << "\n";
    if (failures.empty()) std::cout << out.str();
    else ADD_FAILURE() << out.str();
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthorizationMatrix, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minsheng::api
