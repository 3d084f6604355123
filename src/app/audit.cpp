#include "app/audit.h"

#include <array>
#include <utility>

#include "core/access.h"

namespace minsheng::app {
namespace {

constexpr std::pair<std::string_view, std::string_view> kActionLabels[] = {
    {"view_personal_data", "查看个人信息"},
    {"user_create", "新增用户"},
    {"user_update", "修改用户"},
    {"user_password", "重置密码"},
    {"user_unlock", "解除登录锁定"},
    {"region_create", "新增区域"},
    {"department_create", "新增部门"},
    {"category_create", "新增分类"},
    {"category_update", "修改分类"},
    {"calendar_update", "修改工作日历"},
    {"audit_export", "导出审计日志"},
    {"login_locked", "连续登录失败，账号锁定"},
    {"grid_update", "修改网格走访要求"},
    {"grid_member_add", "安排网格人员"},
    {"grid_member_remove", "移出网格人员"},
    {"contact_point_add", "新增领导联系点"},
    {"contact_point_remove", "取消领导联系点"},
    {"field_log_export", "导出民情台账"},
    {"reception_slot_cancel", "取消接访日程"},
    {"deputy_assistant_add", "新增代表助理"},
    {"deputy_assistant_remove", "移除代表助理"},
    {"studio_create", "新建工作室"},
    {"studio_update", "修改工作室"},
    {"studio_member_add", "添加工作室成员"},
    {"studio_member_remove", "移出工作室成员"},
    {"duty_roster_generate", "生成排班"},
    {"duty_shift_reassign", "改派班次"},
    {"duty_shift_swap", "对调班次"},
    // Votes and risk assessments (issue 11, part C).
    {"voter_codes_issue", "发放投票码"},
    {"voter_code_send", "短信发送投票码"},
    {"vote_close", "结束投票并公布结果"},
    {"risk_assessment_decide", "作出稳定风险评估结论"},
    // Issue 12, assisting units and reviewed replies.
    {"department_review_replies", "设置部门答复审核"},
    {"leader_streets", "设置领导分管街道"},  // issue 12, the case owner's plan
};

Status RequireAuditReader(const Actor& actor) {
  if (!actor.IsStaff() || !RoleMayDo(actor.role, Operation::kReadAuditLog))
    return Fail(Error::Forbidden("只有系统管理员可以查看审计日志"));
  return {};
}

}  // namespace

Status Audit(store::Tx& tx, const Actor& actor, Timestamp now, std::string action, std::string target_kind,
             store::OptId target_id, store::OptId street_id, const nlohmann::json& detail) {
  store::AuditRecord r;
  r.at = now;
  r.actor_id = actor.IsStaff() ? store::OptId(actor.user_id) : std::nullopt;
  r.actor_label = actor.IsStaff() ? actor.display_name + "（" + actor.username + "）" : actor.display_name;
  r.action = std::move(action);
  r.target_kind = std::move(target_kind);
  r.target_id = target_id;
  r.street_id = street_id;
  r.detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.remote_address = actor.remote_address;
  return store::AppendAudit(tx, r);
}

std::string AuditActionLabel(std::string_view action) {
  for (const auto& [name, label] : kActionLabels)
    if (name == action) return std::string(label);
  return std::string(action);
}

std::vector<std::pair<std::string, std::string>> AuditActions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, label] : kActionLabels) out.emplace_back(name, label);
  return out;
}

AuditService::AuditService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<AuditPage> AuditService::List(const Actor& actor, const AuditQuery& query) {
  MS_TRY(RequireAuditReader(actor));
  return ReadValue<AuditPage>(db_, [&](store::Tx& tx) { return store::ListAudit(tx, query); });
}

Result<std::vector<AuditEntry>> AuditService::Export(const Actor& actor, AuditQuery query) {
  MS_TRY(RequireAuditReader(actor));
  query.page = 1;
  query.page_size = kExportLimit;
  MS_ASSIGN(page, ReadValue<AuditPage>(db_, [&](store::Tx& tx) { return store::ListAudit(tx, query); }));
  if (page.total > kExportLimit)
    return Fail(Error::Invalid("too_many_rows",
                               "符合条件的记录有 " + std::to_string(page.total) + " 条，一次最多导出 " +
                                   std::to_string(kExportLimit) + " 条，请缩小时间范围",
                               "from"));
  nlohmann::json detail{{"rows", page.items.size()}};
  if (query.from) detail["from"] = *query.from;
  if (query.to) detail["to"] = *query.to;
  if (query.action) detail["action"] = *query.action;
  if (query.actor_id) detail["actor_id"] = *query.actor_id;
  MS_TRY(db_.Write([&](store::Tx& tx) {
    return Audit(tx, actor, clock_.Now(), "audit_export", "audit_log", std::nullopt, std::nullopt, detail);
  }));
  return std::move(page.items);
}

}  // namespace minsheng::app
