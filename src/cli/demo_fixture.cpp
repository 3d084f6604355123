#include "cli/demo_fixture.h"

#include <array>

#include "store/reference_repository.h"

namespace minsheng::cli {
namespace {

constexpr std::array kRegions = {
    DemoRegion{"district", "民声区", "district", ""},
    DemoRegion{"s01", "东湖街道", "street", "district"},
    DemoRegion{"s02", "西岭镇", "street", "district"},
    DemoRegion{"s01c01", "朝阳社区", "community", "s01"},
    DemoRegion{"s01c02", "明珠社区", "community", "s01"},
    DemoRegion{"s01c03", "桂园社区", "community", "s01"},
    DemoRegion{"s02c01", "青山村", "community", "s02"},
    DemoRegion{"s02c02", "河湾村", "community", "s02"},
    DemoRegion{"s02c03", "新城社区", "community", "s02"},
    DemoRegion{"s01c01g01", "朝阳社区第一网格", "grid", "s01c01"},
    DemoRegion{"s01c01g02", "朝阳社区第二网格", "grid", "s01c01"},
    DemoRegion{"s01c02g01", "明珠社区第一网格", "grid", "s01c02"},
    DemoRegion{"s01c02g02", "明珠社区第二网格", "grid", "s01c02"},
    DemoRegion{"s01c03g01", "桂园社区第一网格", "grid", "s01c03"},
    DemoRegion{"s01c03g02", "桂园社区第二网格", "grid", "s01c03"},
    DemoRegion{"s02c01g01", "青山村第一网格", "grid", "s02c01"},
    DemoRegion{"s02c01g02", "青山村第二网格", "grid", "s02c01"},
    DemoRegion{"s02c02g01", "河湾村第一网格", "grid", "s02c02"},
    DemoRegion{"s02c02g02", "河湾村第二网格", "grid", "s02c02"},
    DemoRegion{"s02c03g01", "新城社区第一网格", "grid", "s02c03"},
    DemoRegion{"s02c03g02", "新城社区第二网格", "grid", "s02c03"},
};

constexpr std::array kDepartments = {
    DemoDepartment{"housing", "区住房和城乡建设局", "0000-88001001"},
    DemoDepartment{"transport", "区交通运输局", "0000-88001002"},
    DemoDepartment{"environment", "区生态环境局", "0000-88001003"},
    DemoDepartment{"urban", "区城市管理局", "0000-88001004"},
    DemoDepartment{"water", "区水务局", "0000-88001005"},
    DemoDepartment{"education", "区教育局", "0000-88001006"},
    DemoDepartment{"health", "区卫生健康委员会", "0000-88001007"},
    DemoDepartment{"civil", "区民政局", "0000-88001008"},
    DemoDepartment{"hrss", "区人力资源和社会保障局", "0000-88001009"},
    DemoDepartment{"market", "区市场监督管理局", "0000-88001010"},
    DemoDepartment{"police", "区公安分局", "0000-88001011"},
    DemoDepartment{"property", "区物业管理服务中心", "0000-88001012"},
};

// Urgent matters (water, lifts, safety, food) have shorter deadlines than the 1/2/7/15 default.
constexpr std::array kCategories = {
    DemoCategory{"property_service", "物业服务", "property", 1, 2, 7, 15, 5, 10},
    DemoCategory{"elevator", "电梯故障", "property", 1, 1, 5, 10, 3, 5},
    DemoCategory{"housing_quality", "房屋质量与维修", "housing", 1, 2, 7, 15, 5, 4},
    DemoCategory{"construction_noise", "工地施工扰民", "housing", 1, 2, 5, 10, 5, 5},
    DemoCategory{"road_facility", "道路设施", "transport", 1, 2, 7, 15, 5, 6},
    DemoCategory{"public_transit", "公交出行", "transport", 1, 2, 7, 15, 5, 3},
    DemoCategory{"parking", "停车秩序", "police", 1, 2, 7, 15, 5, 6},
    DemoCategory{"public_security", "社会治安", "police", 1, 1, 5, 10, 3, 3},
    DemoCategory{"noise", "噪音扰民", "environment", 1, 2, 7, 15, 5, 6},
    DemoCategory{"cooking_fumes", "油烟污染", "environment", 1, 2, 7, 15, 5, 4},
    DemoCategory{"illegal_building", "违章搭建", "urban", 1, 2, 7, 15, 5, 5},
    DemoCategory{"sanitation", "环境卫生", "urban", 1, 2, 7, 15, 5, 7},
    DemoCategory{"waterlogging", "积水内涝", "water", 1, 1, 3, 7, 3, 4},
    DemoCategory{"water_supply", "供水停水", "water", 1, 1, 3, 7, 3, 4},
    DemoCategory{"school_place", "入学学位", "education", 1, 2, 7, 15, 5, 4},
    DemoCategory{"medical_service", "医疗卫生", "health", 1, 2, 7, 15, 5, 4},
    DemoCategory{"social_insurance", "社保医保", "hrss", 1, 2, 7, 15, 5, 5},
    DemoCategory{"wage_arrears", "拖欠工资", "hrss", 1, 2, 7, 15, 5, 4},
    DemoCategory{"elderly_care", "养老与社会救助", "civil", 1, 2, 7, 15, 5, 4},
    DemoCategory{"food_safety", "食品安全", "market", 1, 1, 5, 10, 3, 4},
};

constexpr std::array kUsers = {
    DemoUser{"admin", "系统管理员", "admin", "district", "", "", "13800000001"},
    DemoUser{"registrar", "王芳（区民生服务中心）", "registrar", "district", "", "", "13800000002"},
    DemoUser{"coordinator", "陈静（区民生服务中心）", "coordinator", "district", "", "", "13800000003"},
    DemoUser{"supervisor", "刘洋（区督查室）", "supervisor", "district", "", "", "13800000004"},
    DemoUser{"leader", "赵建国（副区长）", "leader", "district", "", "", "13800000005"},
    DemoUser{"deputy", "孙丽华（区人大代表）", "deputy", "district", "", "npc", "13800000006"},
    DemoUser{"handler-housing", "住建局·李明", "handler", "district", "housing", "", "13800000011"},
    DemoUser{"handler-transport", "交通局·张伟", "handler", "district", "transport", "", "13800000012"},
    DemoUser{"handler-environment", "生态环境局·黄磊", "handler", "district", "environment", "", "13800000013"},
    DemoUser{"handler-urban", "城管局·周强", "handler", "district", "urban", "", "13800000014"},
    DemoUser{"handler-water", "水务局·吴敏", "handler", "district", "water", "", "13800000015"},
    DemoUser{"handler-education", "教育局·郑佳", "handler", "district", "education", "", "13800000016"},
    DemoUser{"handler-health", "卫健委·冯雪", "handler", "district", "health", "", "13800000017"},
    DemoUser{"handler-civil", "民政局·何平", "handler", "district", "civil", "", "13800000018"},
    DemoUser{"handler-hrss", "人社局·高远", "handler", "district", "hrss", "", "13800000019"},
    DemoUser{"handler-market", "市场监管局·林晓", "handler", "district", "market", "", "13800000020"},
    DemoUser{"handler-police", "公安分局·马骏", "handler", "district", "police", "", "13800000021"},
    DemoUser{"handler-property", "物业中心·罗斌", "handler", "district", "property", "", "13800000022"},
    DemoUser{"coordinator-s01", "杨帆（东湖街道枢纽）", "coordinator", "s01", "", "", "13800000031"},
    DemoUser{"coordinator-s02", "徐慧（西岭镇枢纽）", "coordinator", "s02", "", "", "13800000032"},
    DemoUser{"registrar-s01", "朱玲（东湖街道）", "registrar", "s01", "", "", "13800000033"},
    DemoUser{"registrar-s02", "胡军（西岭镇）", "registrar", "s02", "", "", "13800000034"},
    DemoUser{"deputy-s01", "郭文（区政协委员）", "deputy", "s01", "", "cppcc", "13800000035"},
    DemoUser{"deputy-s02", "曹红（区人大代表）", "deputy", "s02", "", "npc", "13800000036"},
    DemoUser{"leader-2", "钱志刚（区委常委）", "leader", "district", "", "", "13800000037"},
    DemoUser{"head-housing", "住建局·陈建华（局长）", "handler", "district", "housing", "", "13800000041", true},
    DemoUser{"head-transport", "交通局·韩立新（局长）", "handler", "district", "transport", "", "13800000042", true},
    DemoUser{"head-environment", "生态环境局·邓洁（局长）", "handler", "district", "environment", "", "13800000043", true},
    DemoUser{"head-urban", "城管局·宋涛（局长）", "handler", "district", "urban", "", "13800000044", true},
    DemoUser{"head-water", "水务局·唐海（局长）", "handler", "district", "water", "", "13800000045", true},
    DemoUser{"head-education", "教育局·许静（局长）", "handler", "district", "education", "", "13800000046", true},
    DemoUser{"head-health", "卫健委·袁航（主任）", "handler", "district", "health", "", "13800000047", true},
    DemoUser{"head-civil", "民政局·彭丽（局长）", "handler", "district", "civil", "", "13800000048", true},
    DemoUser{"head-hrss", "人社局·蒋川（局长）", "handler", "district", "hrss", "", "13800000049", true},
    DemoUser{"head-market", "市场监管局·蔡宁（局长）", "handler", "district", "market", "", "13800000050", true},
    DemoUser{"head-police", "公安分局·魏东（局长）", "handler", "district", "police", "", "13800000051", true},
    DemoUser{"head-property", "物业中心·薛梅（主任）", "handler", "district", "property", "", "13800000052", true},
};

}  // namespace

std::span<const DemoRegion> DemoRegions() { return kRegions; }
std::span<const DemoDepartment> DemoDepartments() { return kDepartments; }
std::span<const DemoCategory> DemoCategories() { return kCategories; }
std::span<const DemoUser> DemoUsers() { return kUsers; }

Result<LoadedFixture> LoadDemoFixture(store::Tx& tx, const std::string& password_hash, Timestamp created_at) {
  MS_ASSIGN(users, store::CountUsers(tx));
  MS_ASSIGN(appeals, tx.QueryOne("SELECT COUNT(*) FROM appeals"));
  if (users > 0 || (appeals && appeals->Int(0) > 0))
    return Fail(Error::Conflict("not_empty", "数据库中已有用户或诉求，演示数据只能载入空数据库"));

  LoadedFixture out;
  for (const auto& r : kRegions) {
    store::OptId parent;
    if (!r.parent_code.empty()) parent = out.regions.at(std::string(r.parent_code)).id;
    MS_ASSIGN(record, store::InsertRegion(tx, parent, std::string(r.level), std::string(r.code), std::string(r.name)));
    out.regions.emplace(std::string(r.code), std::move(record));
  }
  for (const auto& d : kDepartments) {
    store::DepartmentRecord record{0, std::string(d.code), std::string(d.name), std::string(d.phone), true};
    MS_ASSIGN(id, store::InsertDepartment(tx, record));
    record.id = id;
    out.departments.emplace(record.code, std::move(record));
  }
  for (const auto& c : kCategories) {
    store::CategoryRecord record;
    record.code = c.code;
    record.name = c.name;
    record.default_department_id = out.departments.at(std::string(c.department_code)).id;
    record.accept_days = c.accept_days;
    record.contact_days = c.contact_days;
    record.reply_days = c.reply_days;
    record.resolve_days = c.resolve_days;
    record.escalate_days = c.escalate_days;
    MS_ASSIGN(id, store::InsertCategory(tx, record));
    record.id = id;
    out.categories.emplace(record.code, std::move(record));
  }
  for (const auto& u : kUsers) {
    store::UserRecord record;
    record.username = u.username;
    record.password_hash = password_hash;
    record.display_name = u.display_name;
    record.role = u.role;
    record.region_id = out.regions.at(std::string(u.region_code)).id;
    if (!u.department_code.empty()) record.department_id = out.departments.at(std::string(u.department_code)).id;
    record.deputy_kind = u.deputy_kind;
    record.phone = u.phone;
    record.unit_head = u.unit_head;
    record.created_at = created_at;
    MS_ASSIGN(id, store::InsertUser(tx, record));
    record.id = id;
    out.users.emplace(record.username, std::move(record));
  }
  return out;
}

app::Actor DemoActor(const store::UserRecord& u, const LoadedFixture& f) {
  app::Actor a;
  a.kind = app::Actor::Kind::kStaff;
  a.user_id = u.id;
  a.role = ParseRole(u.role).value_or(Role::kRegistrar);
  a.username = u.username;
  a.display_name = u.display_name;
  a.region_id = u.region_id;
  for (const auto& [_, r] : f.regions)
    if (r.id == u.region_id) a.region_path = r.path;
  a.department_id = u.department_id;
  a.unit_head = u.unit_head;
  return a;
}

}  // namespace minsheng::cli
