#include "cli/demo_texts.h"

#include <array>
#include <map>
#include <vector>

namespace minsheng::cli {

std::uint64_t DemoRandom::Next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

int DemoRandom::Below(int n) {
  if (n <= 0) return 0;
  return static_cast<int>(Next() % static_cast<std::uint64_t>(n));
}

int DemoRandom::Between(int lo, int hi) { return hi <= lo ? lo : lo + Below(hi - lo + 1); }

double DemoRandom::Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

namespace {

using Phrases = std::vector<std::string_view>;

std::string_view PickOf(const Phrases& items, DemoRandom& rng) {
  return items[static_cast<std::size_t>(rng.Below(static_cast<int>(items.size())))];
}

// --- places -------------------------------------------------------------------------------------

struct CommunityPlaces {
  std::string_view street;
  std::string_view community;
  bool village;
  Phrases spots;
};

const std::map<std::string_view, CommunityPlaces>& Communities() {
  static const std::map<std::string_view, CommunityPlaces> kCommunities = {
      {"s01c01", {"东湖街道", "朝阳社区", false, {"锦绣花园", "朝阳新村", "阳光公寓", "东湖名苑"}}},
      {"s01c02", {"东湖街道", "明珠社区", false, {"明珠花园", "滨湖小区", "金桥公寓", "明珠商业街"}}},
      {"s01c03", {"东湖街道", "桂园社区", false, {"桂园小区", "丹桂苑", "电机厂宿舍", "桂园农贸市场"}}},
      {"s02c01", {"西岭镇", "青山村", true, {"上屋组", "下屋组", "茶园组", "石桥组"}}},
      {"s02c02", {"西岭镇", "河湾村", true, {"河东组", "河西组", "渡口组", "柳树组"}}},
      {"s02c03", {"西岭镇", "新城社区", false, {"新城家园", "西岭佳苑", "安置小区二期", "西岭镇农贸市场"}}},
  };
  return kCommunities;
}

const Phrases kRoadsS01 = {"东湖路", "朝阳路", "明珠大道", "桂园街", "湖滨北路"};
const Phrases kRoadsS02 = {"西岭大道", "青山路", "河湾路", "新城北路", "镇府路"};
const Phrases kSchoolsS01 = {"东湖小学", "东湖实验学校", "朝阳幼儿园"};
const Phrases kSchoolsS02 = {"西岭镇中心小学", "西岭中学", "新城幼儿园"};

// --- appeal templates -----------------------------------------------------------------------------

// Slots filled in by Fill(): {spot} {building} {road} {community} {street} {school} {since} {when}.
struct Issue {
  std::string_view title;
  std::string_view problem;  // what is wrong, in the resident's words
  std::string_view finding;  // what the unit found and did, for the reply
};
struct CategoryTexts {
  std::vector<Issue> issues;
  Phrases impacts;  // why it matters
  Phrases asks;     // what the resident wants
};

const std::map<std::string_view, CategoryTexts>& Templates() {
  static const std::map<std::string_view, CategoryTexts> kTemplates = {
      {"property_service",
       {{
            {"{spot}物业不作为，楼道垃圾无人清理",
             "{since}，{building}楼道里的垃圾经常两三天没人清运，天气一热气味很大，蚊蝇很多。",
             "经现场核查，该小区物业公司存在保洁人员不足、垃圾清运不及时的问题，已约谈物业公司负责人，责令其增加保洁人员并做到日产日清"},
            {"{spot}物业费上涨未经业主大会同意",
             "物业公司没有召开业主大会，就张贴通知把物业费从每平方米1.2元上调到1.8元。",
             "经调查，物业公司调整收费未履行业主大会表决程序，已责令其暂停执行新标准，并指导业委会依法召开业主大会"},
            {"{spot}小区门禁损坏一个多月无人维修",
             "小区东门门禁{since}一直坏着，外来人员随意进出，电动车也推进了楼道。",
             "已督促物业公司更换门禁控制器，门禁已于近日恢复使用，同时要求物业加强门岗值守和楼道巡查"},
            {"{spot}物业擅自将公共绿地改成收费停车位",
             "物业把{building}前面的一块公共绿地铲平划成了停车位，每月收费300元，问收费依据一直没有答复。",
             "经核查，该停车位未经业主共同决定设置，已责令物业公司恢复绿地原状，已收取的费用由物业退还业主"},
            {"{spot}物业服务差，业主反映问题没人管",
             "业主在物业服务群里反映问题，物业要么不回复，要么说“在处理”，之后就没有下文。",
             "已约谈物业公司，要求其建立业主诉求台账，做到件件有回复，社区将每季度组织业主对物业服务进行评议"},
            {"{spot}地下车库照明长期损坏", "地下车库将近一半的灯不亮，晚上停车只能打手电，前几天还有老人在车库摔倒。",
             "已督促物业公司完成地下车库照明线路检修和灯具更换，并在坡道处增设防滑和警示标识"},
        },
        {"给居民生活带来很大不便。", "业主们意见很大，已经有不少人拒交物业费。", "存在安全隐患，大家都很担心。"},
        {"希望主管部门督促物业公司尽快整改。", "请相关部门核查收费是否合规，给业主一个说法。",
         "恳请有关部门介入，依法规范物业服务。"}}},
      {"elevator",
       {{
            {"{spot}{building}电梯频繁故障", "{spot}{building}的电梯{since}已经坏了四五次，每次修好没几天又停。",
             "经会同特种设备检验机构现场检测，该电梯曳引机和门系统存在故障隐患，已责令维保单位更换相关部件，目前电梯已恢复运行"},
            {"{spot}电梯多次困人，维保单位敷衍了事", "上周电梯突然停在两层楼中间，一位老人被困了四十多分钟才被救出来。",
             "已约谈物业及维保单位，要求其落实每半月一次的维护保养，并在轿厢内公示维保记录和应急救援电话"},
            {"{spot}{building}电梯停运半个月无人维修",
             "电梯停运后物业只贴了一张“维修中”的告示，半个月过去了也没见有人来修。",
             "已督促维保单位调配配件，电梯已于三日内修复并经检测合格后恢复运行"},
            {"{spot}老旧电梯存在安全隐患，希望更换",
             "这部电梯是2008年装的，运行时有明显的异响和晃动，轿厢里的年检标志也过期了。",
             "该电梯已列入老旧电梯更新改造计划，社区正在协助业主办理维修资金使用表决，改造前由维保单位加密检查"},
            {"{spot}{building}电梯一坏老人就出不了门",
             "楼里住着好几户行动不便的老人，电梯一坏只能困在家里，买菜看病都成问题。",
             "已责令物业和维保单位缩短故障修复时限，并协调社区志愿者在电梯停运期间为行动不便的老人提供帮扶"},
        },
        {"高层住户上下楼非常困难。", "大家每次坐电梯都提心吊胆。", "安全隐患很大，万一出事后果不堪设想。"},
        {"请相关部门督促物业和维保单位彻底检修。", "希望尽快对电梯进行安全检测，必要时申请维修资金更换。",
         "请有关部门尽快处理，保障居民出行安全。"}}},
      {"housing_quality",
       {{
            {"{spot}{building}外墙渗水严重",
             "每逢下雨，{building}靠北面的外墙就往屋里渗水，墙皮大片脱落，家具都发霉了。",
             "经现场查勘，渗漏系外墙防水层老化所致，已协调物业启动维修资金应急使用程序，施工单位将于近期进场维修"},
            {"{spot}新房交付后墙体开裂", "房子交付还不到两年，客厅和卧室墙面出现多条裂缝，开发商一直推说是正常沉降。",
             "经核查，该房屋仍在保修期内，已责令开发企业于十五日内完成墙体裂缝修复，并委托第三方进行结构安全鉴定"},
            {"{spot}屋顶漏水多次报修无果",
             "顶楼屋面防水层老化，{since}下雨就漏，找物业报修了三次都说要走维修资金程序。",
             "已将该楼栋屋面防水维修列为应急维修项目，简化维修资金使用程序，屋面防水已重新施工"},
            {"{spot}老旧小区改造工程质量差", "小区改造刚完工，新铺的路面就开裂了，楼道粉刷也是一碰就掉。",
             "已约谈改造工程施工单位，对质量问题部位限期返工，并由监理单位全程旁站，完工后组织居民代表参与验收"},
            {"{spot}房屋维修资金申请困难",
             "申请使用住宅专项维修资金，需要三分之二业主签字，很多业主常年不在家，根本凑不齐。",
             "已指导社区和业委会采用线上表决方式征集业主意见，维修资金使用表决已通过，维修工程即将实施"},
        },
        {"严重影响正常居住。", "居民担心房屋结构安全。", "问题拖了很久，大家都很着急。"},
        {"请主管部门督促开发商履行保修责任。", "希望相关部门到现场查看，尽快组织维修。",
         "恳请简化维修资金使用流程，帮助解决实际困难。"}}},
      {"construction_noise",
       {{
            {"{road}工地夜间施工噪音扰民", "{road}旁边的工地{when}还在施工，打桩机、搅拌车的声音一直响到半夜。",
             "经查，该工地未办理夜间施工许可，已依法责令停止夜间作业并立案处理，同时要求施工单位公示投诉电话"},
            {"{spot}附近工地渣土车带泥上路", "工地的渣土车进出不冲洗轮胎，{road}上到处是泥巴，晴天一过车就尘土飞扬。",
             "已督促施工单位完善车辆冲洗设施，对带泥上路的渣土车依法处罚，并安排人员清扫路面"},
            {"{road}施工工地扬尘严重", "工地裸土没有覆盖，刮风的时候扬尘很大，{spot}的居民都不敢开窗。",
             "已责令施工单位对裸土全覆盖并增设喷淋设施，执法人员将不定期开展检查"},
            {"{spot}旁工地凌晨打桩，严重影响休息",
             "工地{when}打桩，{building}的住户被吵得整夜睡不着，家里有高三的孩子要备考。",
             "已责令施工单位调整打桩作业时间，严禁夜间和午休时段施工，并对高考考生家庭做好沟通"},
            {"{road}施工围挡占用人行道", "施工围挡把人行道全部圈了进去，行人只能走机动车道，很危险。",
             "已责令施工单位调整围挡，留出不少于1.5米的行人通道，并设置安全警示标志"},
        },
        {"严重影响周边居民的正常休息。", "老人和孩子的身体健康受到影响。", "居民多次与工地沟通无果。"},
        {"请相关部门依法查处夜间违规施工。", "希望督促工地落实扬尘防治措施。", "请尽快整改，还居民一个安静的环境。"}}},
      {"road_facility",
       {{
            {"{road}路面坑洼不平", "{road}靠近{spot}的一段路面坑洼不平，下雨后积水看不清深浅，已经有骑电动车的人摔倒。",
             "经现场核查，该路段路面确有坑槽，已安排养护单位完成修补"},
            {"{road}与{spot}路口井盖破损", "路口的井盖松动破损，车辆压过去哐当作响，晚上路过很危险。",
             "已更换破损井盖并对周边路面进行了加固处理"},
            {"{road}人行道地砖松动", "人行道地砖大面积松动，一踩就溅一身泥水。",
             "已安排养护单位对松动地砖进行重新铺设，并对该路段人行道开展全面排查"},
            {"{road}路灯不亮多日", "{road}有一排路灯{since}一直不亮，晚上整段路黑漆漆的。",
             "经排查，路灯不亮系线路老化所致，已完成线路更换，路灯已恢复照明"},
            {"{road}缺少人行横道和减速带", "{spot}门口是孩子上学的必经之路，车流量大，但没有人行横道和减速带。",
             "经与交警部门共同勘察，已在该路口施划人行横道并增设减速带和警示标志"},
        },
        {"出行安全存在隐患。", "给周边居民出行带来很大不便。", "晚上老人孩子出门很不安全。"},
        {"请相关部门尽快修复。", "希望尽快施划人行横道、设置减速带。", "请有关部门派人查看，及时维修。"}}},
      {"public_transit",
       {{
            {"希望增开经过{spot}的公交线路", "{spot}附近住了几千户居民，最近的公交站要走二十分钟，老人出行很不方便。",
             "已将增设线路的建议纳入明年公交线网优化方案，近期先调整相邻线路增设一个停靠站"},
            {"{road}公交站台没有遮雨棚", "{road}公交站台没有遮雨棚和座椅，下雨天等车的人只能淋雨。",
             "已协调公交公司对该站台进行改造，增设遮雨棚和候车座椅"},
            {"某路公交车发车间隔太长", "早晚高峰发车间隔超过半小时，经常等不到车，上班族只能打车。",
             "已协调公交公司在早晚高峰增加运力，发车间隔缩短至15分钟以内"},
            {"公交车司机不等乘客坐稳就急刹急停", "有的公交车司机进站不靠边、不等乘客坐稳就起步，老人差点摔倒。",
             "已约谈公交公司，对涉事驾驶员进行教育培训，并加强车载视频抽查"},
            {"{community}公交班次太少", "{community}到区里的公交车一天只有几班，居民看病办事很不方便。",
             "已协调公交公司增加该线路班次，并在社区公示发车时刻表"},
        },
        {"影响群众日常出行。", "老年人出行尤其困难。", "大家意见比较大。"},
        {"希望相关部门优化线路设置。", "请尽快完善站台设施。", "请加强对公交驾驶员的管理。"}}},
      {"parking",
       {{
            {"{spot}门口车辆乱停乱放堵塞消防通道", "{spot}门口的消防通道{since}天天被私家车占着，物业劝了也没用。",
             "交警部门已对该处违停车辆依法处罚，并在消防通道施划禁停标线"},
            {"{road}路边僵尸车长期占用车位", "{road}路边有几辆车停了半年多没人动，轮胎都瘪了，积满灰尘。",
             "经查，共清理长期停放车辆6辆，已通知车主限期挪走，逾期将依法拖移"},
            {"{spot}周边停车难问题", "小区车位严重不足，晚上回来只能停在路边，经常被贴罚单。",
             "已会同街道在周边挖潜增设临时停车泊位80个，并加强高峰时段巡逻管控"},
            {"{road}大货车夜间违停", "{road}晚上停满了大货车，有的车占了半边车道，视线被挡住很容易出事故。",
             "已将该路段列为夜间违停整治重点，对违停货车依法处罚并引导至货车停车场停放"},
            {"{spot}小区外非机动车乱停", "小区门口共享单车和电动车乱停，老人推轮椅都过不去。",
             "已协调共享单车企业及时清运调度车辆，并在小区门口施划非机动车停放区"},
        },
        {"一旦发生火灾后果不堪设想。", "严重影响道路通行。", "居民出行很不方便。"},
        {"请相关部门加强管理、依法处理。", "希望清理僵尸车，合理规划停车位。", "请有关部门加强夜间巡查。"}}},
      {"public_security",
       {{
            {"{spot}附近夜间有人聚集滋事", "{when}总有一群人在{spot}门口喝酒吵闹，还有人砸酒瓶。",
             "辖区派出所已将该区域纳入夜间重点巡逻路线，并对聚集滋事人员进行了批评教育"},
            {"{spot}电动车频繁被盗", "{since}，小区已经丢了五六辆电动车，门口的监控有的是坏的。",
             "已对相关线索立案侦查，同时协调物业修复监控设备并增设电动车集中停放充电点"},
            {"{road}有人摆摊赌博", "{road}桥洞下面经常有人聚集打牌赌钱，周边居民路过都绕着走。",
             "经现场查处，已对参与赌博人员依法处理，并将该处纳入日常巡查范围"},
            {"{spot}出租屋人员复杂存在隐患", "{building}有几套房子被改成群租房，住了十几个人，进出人员很杂。",
             "已会同社区对群租房开展检查，督促房东办理流动人口登记并整改消防隐患"},
            {"{road}路段监控设施不足", "这一段路没有监控，晚上光线也暗，女孩子下晚班不敢一个人走。",
             "已在该路段增设治安监控和路灯，并安排夜间巡逻力量加强巡防"},
        },
        {"居民没有安全感。", "大家晚上都不敢出门。", "影响社区治安秩序。"},
        {"请公安机关加强巡逻防控。", "希望增设监控，依法打击违法行为。", "请有关部门查处整治。"}}},
      {"noise",
       {{
            {"{spot}楼下广场舞音响声音过大", "{spot}楼下的广场舞{when}开始，音响开得特别大，关着窗都能听见。",
             "已会同社区约谈广场舞团队负责人，约定音量和活动时间，并调整活动场地"},
            {"{road}商铺大功率音箱招揽顾客", "{road}两边的几家店铺在门口摆大音箱循环播放促销广告，从早响到晚。",
             "已责令商户撤除门口外放音箱，执法人员将持续开展回头看"},
            {"{spot}KTV深夜噪音扰民", "{spot}附近一家KTV{when}还在营业，唱歌声、喧哗声一直持续到凌晨。",
             "经现场监测，该处夜间噪声超过标准限值，已责令经营者采取隔音降噪措施并限期整改"},
            {"{spot}空调外机噪音严重", "对面商场的空调外机正对着{building}，24小时嗡嗡作响。",
             "已责令商场对空调外机加装隔音罩并调整运行时段，整改后复测噪声已达标"},
            {"{road}酒吧夜间噪音扰民", "{road}上新开的酒吧{when}音乐声很大，还有顾客在门口大声喧哗。",
             "已对该酒吧依法处罚，责令其关闭门窗经营、控制音量，并加强门口秩序管理"},
        },
        {"严重影响周边居民休息。", "家里老人孩子晚上都睡不好。", "居民多次沟通都没有改善。"},
        {"希望相关部门依法处理。", "请有关部门尽快整治，还居民安宁。", "请督促相关单位采取降噪措施。"}}},
      {"cooking_fumes",
       {{
            {"{spot}楼下饭店油烟直排", "{spot}楼下新开的饭店没有安装油烟净化器，油烟直接排到楼上住户的窗户边。",
             "经现场检查，该餐饮店未安装油烟净化设施，已责令其限期安装并规范排烟管道走向"},
            {"{road}烧烤摊油烟扰民", "{road}上的烧烤摊{when}营业，油烟和烟味飘得整条街都是。",
             "已对该烧烤摊依法查处，并引导其入室规范经营"},
            {"{spot}底商餐饮油烟熏人", "{building}底商的几家餐馆排烟管道就在住户阳台下面，衣服都不敢晾在外面。",
             "已督促商户改造排烟管道至楼顶高空排放，并定期清洗油烟净化器"},
            {"{road}早餐店油烟和噪音扰民", "早餐店凌晨四点就开始炸油条，油烟和鼓风机的声音让人无法休息。",
             "已责令早餐店调整营业时间并更换低噪声风机，后续将委托第三方检测排放浓度"},
        },
        {"窗户都不敢开，影响身体健康。", "居民苦不堪言。", "多次与店主协商没有结果。"},
        {"请相关部门督促安装油烟净化设施。", "希望依法查处油烟直排行为。", "请尽快处理。"}}},
      {"illegal_building",
       {{
            {"{spot}{building}顶楼违章搭建",
             "{building}顶楼的住户{since}在楼顶搭建了一个彩钢板房，楼下住户担心屋面防水被破坏。",
             "经现场核实，该搭建物属于违法建设，已下达限期拆除通知书，当事人已于规定期限内自行拆除"},
            {"{spot}一楼住户私自扩建院子", "一楼住户把公共绿地圈起来扩建成院子，还砌了围墙，占用了消防通道。",
             "已对违法建设立案调查，依法启动拆除程序，并恢复被占用的消防通道"},
            {"{road}沿街商铺违规搭建雨棚", "{road}沿街商铺私自搭建雨棚和阁楼，已经影响到市容和通行。",
             "已责令商户限期拆除违规搭建的雨棚和阁楼，逾期将依法强制拆除"},
            {"{spot}有人在公共区域违建", "有人在小区公共区域搭建棚屋堆放杂物，还在里面给电动车充电。",
             "已督促物业和社区清理公共区域棚屋，并劝导居民到集中充电点为电动车充电"},
            {"{spot}旁有人违规建房", "有人在{spot}旁边未经审批建房，已经盖到了第三层。",
             "已责令当事人停止施工，会同自然资源部门对建房审批情况进行核查，依法处理"},
        },
        {"存在安全隐患。", "其他业主意见很大，怕大家效仿。", "物业劝阻无效。"},
        {"请相关部门依法拆除违法建筑。", "希望尽快调查处理。", "请执法部门尽快介入。"}}},
      {"sanitation",
       {{
            {"{spot}垃圾桶满溢无人清运", "{spot}的垃圾桶{since}经常满得溢出来，周边污水横流。",
             "已督促环卫作业单位增加清运频次，对该点位实行一日两清"},
            {"{road}绿化带里垃圾成堆", "{road}两侧的绿化带里有不少建筑垃圾和生活垃圾，没人清理。",
             "已组织人员对该处积存垃圾进行集中清理，共清运垃圾约5吨"},
            {"{spot}垃圾分类点气味难闻", "垃圾分类投放点离{building}太近，夏天臭味很重，还招老鼠。",
             "已协调物业调整垃圾分类点位置，增加清洗消杀频次，并开展灭鼠工作"},
            {"{community}河沟漂浮垃圾多", "{community}旁边的河沟里漂着塑料瓶和泡沫，水也发黑发臭。",
             "已组织河道保洁人员对河沟进行打捞清理，并将其纳入河长日常巡查范围"},
            {"{road}公共厕所脏乱差", "{road}的公共厕所长期没人打扫，冲水坏了，洗手池也没有水。",
             "已将该公厕纳入重点保洁名单，完成冲水设施维修，并安排专人管理"},
            {"{road}流动摊贩占道经营", "{road}上每天傍晚有很多流动摊贩占道经营，散场后满地垃圾。",
             "已组织执法人员开展占道经营专项整治，并在附近设置临时疏导点规范摊贩经营"},
        },
        {"严重影响环境卫生。", "影响居民生活和城市形象。", "居民意见很大。"},
        {"请相关部门加强清扫保洁。", "希望增加清运频次。", "请尽快安排清理。"}}},
      {"waterlogging",
       {{
            {"{road}一下雨就严重积水", "{road}靠近{spot}的一段，每次下大雨积水都没过膝盖，车辆熄火、行人只能蹚水。",
             "已组织排水养护单位对该路段雨水管网进行清淤疏通，共清理淤泥约3立方米"},
            {"{spot}地下车库雨天进水", "前几天暴雨，{spot}地下车库进水，好几辆车被泡。",
             "已协调物业在车库入口加装挡水板，并对周边雨水口进行了清掏"},
            {"{road}雨水井堵塞", "{road}边上的雨水井被淤泥和垃圾堵死了，雨水排不出去。",
             "已安排人员对雨水井进行清掏，并将该处列入汛期重点巡查点位"},
            {"{spot}门口排水不畅", "{spot}门口地势低，排水管管径太小，雨一大水就往小区里倒灌。",
             "经排查，该处排水管管径偏小，已纳入今年雨污管网改造计划，汛期前先增设临时强排设备"},
        },
        {"存在很大安全隐患。", "给居民出行带来很大困扰。", "再这样下去汛期很危险。"},
        {"请相关部门尽快疏通排水管网。", "希望彻底改造排水设施。", "请尽快处理，防止再次内涝。"}}},
      {"water_supply",
       {{
            {"{spot}频繁停水无通知", "{spot}{since}已经停了好几次水，每次都没有提前通知。",
             "经核查，停水系管网改造施工所致，已要求供水企业严格执行停水提前24小时公告制度"},
            {"{spot}自来水发黄有异味", "家里的自来水放出来是黄的，还有一股铁锈味，不敢喝。",
             "经取样检测，出水发黄系老旧管道锈蚀所致，供水企业已对管道进行冲洗，该片区管道已列入改造计划"},
            {"{spot}高层水压不足", "{building}住在十楼以上的住户，用水高峰时水压不足，热水器都打不着火。",
             "已协调供水企业对二次加压设备进行检修调试，高层水压已恢复正常"},
            {"{road}供水管道爆裂", "{road}上的供水管道爆裂，水流了一上午，附近几栋楼都停水了。",
             "抢修人员已完成爆管修复，供水已恢复，并对周边老旧管网进行了排查"},
            {"{spot}二次供水水箱长期不清洗", "{spot}的二次供水水箱好几年没有清洗过，水里能看到沉淀物。",
             "已对该小区二次供水水箱进行清洗消毒，水质检测各项指标符合国家标准"},
        },
        {"严重影响居民正常生活。", "大家担心饮水安全。", "居民很着急。"},
        {"请供水部门尽快解决。", "希望检测水质并说明原因。", "请尽快抢修，恢复供水。"}}},
      {"school_place",
       {{
            {"{school}学区划分不合理",
             "我家住在{spot}，按理应该在{school}的学区，但今年的学区划分把我们小区划到了五公里以外。",
             "经核实，您所在小区属于{school}服务区范围，今年学区划分已充分考虑就近入学需求，具体以招生公告为准"},
            {"孩子入学学位申请问题咨询", "孩子今年满六岁，网上报名时系统提示房产信息核验不通过，不知道该找哪里。",
             "经核查，房产信息核验不通过系数据同步延迟所致，已由技术人员处理，请于规定时间内重新提交"},
            {"随迁子女入学材料要求过多",
             "我们是外地来打工的，孩子入学要准备居住证、社保、务工证明等一大堆材料，有的根本开不出来。",
             "已精简随迁子女入学材料，无法提供务工证明的可由社区出具居住情况说明，工作人员已电话告知办理方式"},
            {"{school}附近上下学交通拥堵", "{school}放学的时候门口接孩子的车堵成一团，{road}经常半小时走不动。",
             "已协调交警、学校在上下学高峰时段设置临时停车区并安排人员疏导"},
            {"{spot}孩子就近入学难", "{spot}是新建小区，入住了一千多户，周边却没有配套的学校和幼儿园。",
             "已将该片区学位需求纳入学校布局规划，新建学校建成前统筹安排附近学校接收"},
        },
        {"家长们都很焦虑。", "关系到孩子的受教育权利。", "希望得到公平对待。"},
        {"请教育部门给予解答。", "希望合理调整学区划分。", "恳请相关部门帮忙协调解决。"}}},
      {"medical_service",
       {{
            {"社区卫生服务中心看病排队时间长", "社区卫生服务中心只有两个医生坐诊，每天早上排队挂号要一个多小时。",
             "已督促社区卫生服务中心调整排班，增加高峰时段坐诊医生，并开通预约挂号"},
            {"{community}卫生室缺少常用药", "{community}卫生室经常缺少降压药、降糖药等常用药，老人只能跑到镇上去买。",
             "已协调药品配送企业保障卫生室常用药供应，并建立缺药登记和代购机制"},
            {"家庭医生签约服务流于形式", "去年签了家庭医生，一年下来医生一次也没联系过，说是签约服务其实只是填了张表。",
             "已督促家庭医生团队履行签约服务内容，签约医生已与您联系并建立健康档案"},
            {"医院收费不透明", "在医院住了几天院，结算清单上有好几项检查费用不清楚是什么。",
             "经核查，医院收费项目均有依据，已安排工作人员向您逐项解释，并要求医院规范费用清单告知"},
            {"希望{community}增设疫苗接种点", "孩子打疫苗要跑到十几公里外的接种点，而且每次都要排很久。",
             "已在社区卫生服务站增设预防接种门诊，每周固定两天开放，可通过预约减少排队"},
        },
        {"老人看病很不方便。", "群众就医体验很差。", "希望得到重视。"},
        {"希望相关部门改进服务。", "请卫生部门核查并给予答复。", "希望增加医疗资源配置。"}}},
      {"social_insurance",
       {{
            {"社保关系转移接续办理困难", "我从外省回来工作，社保关系转移申请提交了两个多月还没有办好，来回跑了好几趟。",
             "经核查，您的社保关系转移已完成转入手续，缴费记录已合并，可在手机端查询"},
            {"灵活就业人员社保缴费问题", "我是灵活就业人员，想续缴养老保险，但网上系统一直显示参保状态异常。",
             "经核查，参保状态异常系原参保信息未注销所致，已协助处理，您现在可以正常缴费"},
            {"医保异地报销手续繁琐", "家里老人在外地住院，回来报销要准备一大堆材料，跑了三次还缺证明。",
             "已为您开通异地就医直接结算备案，今后在备案地住院可直接结算，本次报销材料已一次性告知"},
            {"养老保险待遇核定有误", "我母亲今年退休，核定的养老金比同样工龄的同事少了几百元，怀疑缴费年限算错了。",
             "已安排专人复核视同缴费年限，核定结果将于本月内重新计算并补发差额"},
            {"失业保险金申领问题咨询", "公司裁员后我去申领失业保险金，窗口说要原单位出证明，但公司已经注销了。",
             "已为您开通绿色通道，原单位注销的可凭相关材料直接申领，工作人员已电话告知所需材料"},
        },
        {"给群众办事带来很大困难。", "希望少跑腿。", "关系到切身利益。"},
        {"请相关部门帮助解决。", "希望核查并给予明确答复。", "恳请简化办事流程。"}}},
      {"wage_arrears",
       {{
            {"{spot}项目工地拖欠农民工工资",
             "我们十几个工人在{spot}的工地干了四个多月，包工头一直拖着不发工资，现在人也联系不上了。",
             "经劳动保障监察大队调查核实，已责令施工总承包单位限期支付拖欠工资，目前工资已全部发放到位"},
            {"公司拖欠员工工资三个月", "公司已经三个月没发工资了，老板每次都说下个月一定发。",
             "已立案调查，并依法向用人单位下达劳动保障监察限期改正指令书，后续将跟踪督促"},
            {"装修公司拖欠工人工钱", "给装修公司干了两个工地的活，结账的时候老板说甲方没付款，一分钱没拿到。",
             "经调解，装修公司已与工人签订分期支付协议，首期款项已支付"},
            {"{road}某餐饮店拖欠服务员工资", "在{road}一家饭店做服务员，干了两个月，老板只发了一半工资就让走人。",
             "经调查核实，已责令该饭店补发拖欠的工资，当事人已领取"},
            {"离职后公司不结算工资", "辞职已经一个月了，公司以各种理由拖着不结算最后一个月的工资。",
             "已督促用人单位依法结清工资，对其逾期支付行为予以警告"},
        },
        {"家里老人孩子都等着这笔钱。", "过年回家的路费都没有着落。", "工人们生活很困难。"},
        {"恳请劳动监察部门帮我们讨回工资。", "请相关部门依法处理。", "希望尽快协调解决。"}}},
      {"elderly_care",
       {{
            {"{community}老年食堂饭菜质量差",
             "{community}的老年食堂{since}饭菜越来越差，价格却涨了，很多老人都不去吃了。",
             "已约谈老年食堂运营方，要求其公示菜品和价格，社区将每月组织老人代表进行满意度评议"},
            {"申请低保迟迟没有结果", "我家里情况困难，三个月前提交了低保申请，到现在还没有任何消息。",
             "经核查，您的低保申请已完成入户调查和民主评议，目前正在公示期，公示结束后即可发放"},
            {"高龄津贴没有按时发放", "我父亲今年八十五岁，高龄津贴已经两个月没有到账了。",
             "经核查，高龄津贴未到账系银行账户信息变更所致，已重新核对并补发"},
            {"{community}希望建设养老服务站",
             "{community}六十岁以上的老人有三百多人，附近却没有一个养老服务站，老人白天没地方去。",
             "已将该社区养老服务站建设纳入明年民生实事项目，过渡期间先依托社区活动室开设日间照料点"},
            {"残疾人两项补贴申请咨询", "家里孩子是二级肢体残疾，想申请残疾人两项补贴，不知道需要准备哪些材料。",
             "工作人员已电话告知申请所需材料，可在社区便民服务站提交，并为您提供上门代办服务"},
        },
        {"老人生活很不方便。", "家里实在困难。", "希望政府多关心。"},
        {"请相关部门核查处理。", "恳请尽快办理。", "希望给予帮助。"}}},
      {"food_safety",
       {{
            {"{road}某超市销售过期食品", "在{road}一家超市买的牛奶回家发现已经过期五天，找店家退换态度很差。",
             "经现场检查，该超市确有销售超过保质期食品的行为，已依法立案查处并责令下架销毁"},
            {"{spot}附近小吃店卫生条件差", "{spot}附近的一家小吃店后厨脏乱，苍蝇乱飞，员工也没有健康证。",
             "已对该店铺后厨卫生进行检查，责令其限期整改，并督促从业人员办理健康证明"},
            {"{school}周边流动摊贩售卖三无食品",
             "{school}放学时门口有不少流动摊贩卖辣条和饮料，很多是没有标签的三无产品。",
             "已联合学校和城管部门对校园周边流动摊贩开展专项整治，并加强日常巡查"},
            {"网购预制菜疑似变质", "在网上买的预制菜打开后有异味，联系商家一直不处理。",
             "已督促电商平台和商家依法处理，商家已为您办理退款，相关线索已移交属地监管部门"},
            {"{spot}菜市场猪肉来源不明", "{spot}菜市场有摊位卖的猪肉没有检疫合格证明，价格比别家便宜很多。",
             "已对该摊位依法查处，扣押来源不明猪肉，并加强市场准入和索证索票管理"},
        },
        {"危害群众身体健康。", "孩子们的饮食安全让人担心。", "希望引起重视。"},
        {"请市场监管部门依法查处。", "希望加强监督检查。", "请尽快调查处理。"}}},
  };
  return kTemplates;
}

const Phrases kSince = {"近一个月来", "最近两周", "从上个月开始", "这段时间以来", "近半年来", "今年以来", "最近"};
const Phrases kWhen = {"每天晚上十点以后", "凌晨一两点",       "每天早上六点不到",
                       "周末全天",         "晚上八点到十一点", "中午午休时间"};
const Phrases kIntros1st = {"我是{community}{spot}的居民，", "本人住在{street}{community}{spot}{building}，",
                            "我家住在{spot}，", "", "我们是{community}{spot}的住户，"};

std::string Fill(std::string_view text, const DemoPlace& place, DemoRandom& rng) {
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      std::size_t end = text.find('}', i);
      if (end != std::string_view::npos) {
        std::string_view slot = text.substr(i + 1, end - i - 1);
        if (slot == "spot")
          out += place.spot;
        else if (slot == "building")
          out += place.building;
        else if (slot == "road")
          out += place.road;
        else if (slot == "community")
          out += place.community;
        else if (slot == "street")
          out += place.street;
        else if (slot == "school")
          out += place.school;
        else if (slot == "since")
          out += PickOf(kSince, rng);
        else if (slot == "when")
          out += PickOf(kWhen, rng);
        else
          out += text.substr(i, end - i + 1);
        i = end + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

const CategoryTexts& TextsOf(std::string_view category_code) {
  const auto& all = Templates();
  auto it = all.find(category_code);
  return it != all.end() ? it->second : all.at("sanitation");
}

}  // namespace

bool IsEstateCategory(std::string_view category_code) {
  return category_code == "property_service" || category_code == "elevator" || category_code == "housing_quality";
}

DemoPlace ComposePlace(std::string_view community_code, bool residential, DemoRandom& rng) {
  const auto& communities = Communities();
  auto it = communities.find(community_code);
  const CommunityPlaces& c = it != communities.end() ? it->second : communities.begin()->second;
  bool town = c.street == "西岭镇";
  DemoPlace p;
  p.street = c.street;
  p.community = c.community;
  do {
    p.spot = PickOf(c.spots, rng);
  } while (residential && !c.village && (p.spot.ends_with("市场") || p.spot.ends_with("街")));
  p.road = PickOf(town ? kRoadsS02 : kRoadsS01, rng);
  p.school = PickOf(town ? kSchoolsS02 : kSchoolsS01, rng);
  if (c.village) {
    p.building = std::to_string(rng.Between(1, 68)) + "号";
  } else if (p.spot.ends_with("市场") || p.spot.ends_with("街")) {
    p.building = std::to_string(rng.Between(1, 40)) + "号";
  } else {
    p.building = std::to_string(rng.Between(1, 18)) + "栋";
    if (rng.Chance(0.5)) p.building += std::to_string(rng.Between(1, 4)) + "单元";
  }
  p.address = p.street + p.community + p.spot + p.building;
  return p;
}

AppealText ComposeAppeal(std::string_view category_code, std::string_view channel, const DemoPlace& place,
                         DemoRandom& rng) {
  const CategoryTexts& t = TextsOf(category_code);
  AppealText out;
  out.issue = rng.Below(static_cast<int>(t.issues.size()));
  const Issue& issue = t.issues[static_cast<std::size_t>(out.issue)];
  out.title = Fill(issue.title, place, rng);
  std::string body = Fill(issue.problem, place, rng);
  body += PickOf(t.impacts, rng);
  if (rng.Chance(0.3))
    body += PickOf(Phrases{"之前打过电话反映，但一直没有解决。", "已经向物业和社区反映过多次。",
                           "周边不少居民都有同样的意见。", "附上现场照片若干张。"},
                   rng);
  body += PickOf(t.asks, rng);

  if (channel == "phone") {
    out.content = "来电人反映：" + place.community + place.spot + "，" + body + "（热线登记）";
  } else if (channel == "walk_in") {
    out.content = "来访群众反映：" + body;
  } else if (channel == "visit") {
    out.content = "走访" + place.community + "时居民反映：" + body;
  } else if (channel == "grid") {
    out.content = "网格员巡查发现并经居民反映：" + place.spot + place.building + "附近，" + body;
  } else if (channel == "deputy") {
    out.content = "代表接待日群众反映：" + body + "代表建议相关部门尽快研究解决。";
  } else {
    out.content =
        Fill(PickOf(kIntros1st, rng), place, rng) + body + std::string(PickOf(Phrases{"谢谢！", "", "盼复。"}, rng));
  }
  return out;
}

AppealText ComposeDuplicate(const AppealText& original, DemoRandom& rng) {
  AppealText out;
  out.issue = original.issue;
  out.title = PickOf(Phrases{"再次反映：", "又有居民反映：", "", "关于"}, rng);
  out.title += original.title;
  if (out.title.starts_with("关于")) out.title += "的问题";
  out.content =
      std::string(PickOf(Phrases{"同一问题，邻居已经反映过，我也来反映一下：", "这个问题我们楼里好几户都遇到了，",
                                 "听说已经有人反映了，但我还是想说一下："},
                         rng)) +
      original.content;
  return out;
}

std::string ComposeReply(std::string_view category_code, std::string_view department_name, const AppealText& appeal,
                         const DemoPlace& place, bool second_round, DemoRandom& rng) {
  const CategoryTexts& t = TextsOf(category_code);
  std::string out = std::string(PickOf(Phrases{"您好！", "尊敬的市民：您好！", "您好，"}, rng));
  out += "您反映的“" + appeal.title + "”问题已收悉。";
  if (second_round) out += "针对您再次反映的情况，我单位重新组织了核查，";
  out += std::string(department_name) + "高度重视，";
  out += PickOf(Phrases{"第一时间安排工作人员到现场进行了核查。", "工作人员与您电话沟通后到现场进行了调查。",
                        "会同属地街镇和社区工作人员进行了实地查看。"},
                rng);
  const std::size_t issue = static_cast<std::size_t>(appeal.issue) % t.issues.size();
  out += Fill(t.issues[issue].finding, place, rng) + "。";
  out += PickOf(Phrases{"感谢您对我们工作的理解与支持！", "如仍有疑问，欢迎继续反映。感谢您的监督！",
                        "我们将持续跟踪，防止问题反弹。感谢您的支持！"},
                rng);
  return out;
}

std::string ComposeAppellantName(DemoRandom& rng) {
  static const Phrases kSurnames = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙",
                                    "马", "朱", "胡", "郭", "何", "林", "罗", "高", "梁", "宋", "谢", "唐"};
  static const Phrases kTitles = {"先生", "女士", "先生", "女士", "大爷", "阿姨", "师傅"};
  return std::string(PickOf(kSurnames, rng)) + std::string(PickOf(kTitles, rng));
}

// 13800 and six digits: obviously fake, and residents rarely share a number by chance (the same phone within
// 90 days makes a repeat appeal, core/repeat.h).
std::string ComposePhone(DemoRandom& rng) {
  std::string digits = std::to_string(rng.Below(1000000));
  return "13800" + std::string(6 - digits.size(), '0') + digits;
}

std::string ComposeAcceptNote(DemoRandom& rng) {
  return std::string(PickOf(Phrases{"已签收，安排专人办理。", "签收。", "已签收，将尽快联系诉求人。", ""}, rng));
}

std::string ComposeContactNote(DemoRandom& rng) {
  return std::string(
      PickOf(Phrases{"已电话联系诉求人，了解具体情况并约定现场查看时间。", "已与诉求人电话沟通，告知办理进度。",
                     "工作人员上门与诉求人面对面沟通。", "短信告知诉求人已受理，并电话核实了诉求细节。"},
             rng));
}

std::string ComposeReturnReason(std::string_view department_name, DemoRandom& rng) {
  return "该诉求不属于" + std::string(department_name) + "职责范围，" +
         std::string(
             PickOf(Phrases{"建议转交属地街镇处理。", "请重新派单至主管部门。", "经核实应由其他部门牵头办理。"}, rng));
}

std::string ComposeExtensionReason(DemoRandom& rng) {
  return std::string(
      PickOf(Phrases{"需协调多个部门联合处理，申请延期。", "涉及维修资金使用，需履行业主表决程序，申请延期。",
                     "需等待第三方检测结果，申请延期。", "涉及历史遗留问题，需进一步调查核实，申请延期。"},
             rng));
}

std::string ComposeDispatchNote(DispatchSituation situation, bool with_assisting, DemoRandom& rng) {
  switch (situation) {
    case DispatchSituation::kAfterReturn:
      return std::string(
          PickOf(Phrases{"经协调明确主办单位，请抓紧办理。", "已核实职责分工，重新派单，请按期办理。"}, rng));
    case DispatchSituation::kReopened:
      return std::string(PickOf(Phrases{"诉求人不满意，重新交办，请认真核查后答复。",
                                        "二次交办，请到现场核实并落实整改。", "重办件，请主要负责同志亲自过问。"},
                                rng));
    case DispatchSituation::kFirst:
      break;
  }
  if (with_assisting) return "请主办单位牵头，协办单位配合。";
  return std::string(PickOf(Phrases{"请按时限办理并答复诉求人。", "请尽快核实处理。", ""}, rng));
}

std::string ComposeDissatisfiedReason(bool with_deputy, DemoRandom& rng) {
  if (with_deputy && rng.Chance(0.2)) return "代表只是转达，没有跟进（二传手）。";
  return std::string(PickOf(Phrases{"问题没有解决，答复敷衍。", "部门之间相互推诿。", "只是电话联系，没有到现场查看。",
                                    "答复与实际情况不符。", "承诺整改但没有落实。"},
                            rng));
}

std::vector<std::string> CausesOfDissatisfiedReason(std::string_view reason) {
  static const std::pair<std::string_view, std::vector<std::string>> kCauses[] = {
      {"二传手", {"deputy_relayed", "not_solved"}},
      {"敷衍", {"late_or_perfunctory", "not_solved"}},
      {"推诿", {"buck_passing"}},
      {"没有到现场", {"late_or_perfunctory"}},
      {"不符", {"not_solved", "other"}},
      {"没有落实", {"not_solved"}},
  };
  for (const auto& [words, causes] : kCauses)
    if (reason.find(words) != std::string_view::npos) return causes;
  return {"other"};
}

std::string ComposePerfunctoryReply(DemoRandom& rng) {
  return std::string(PickOf(
      Phrases{"您好！您的留言已收悉。", "您反映的问题已收悉，我单位高度重视，感谢您对我们工作的关心、监督与支持！",
              "已转相关部门研究。感谢您的反映！", "您好，留言收悉，谢谢您的理解和支持。"},
      rng));
}

std::string ComposeSatisfiedReason(DemoRandom& rng) {
  return std::string(
      PickOf(Phrases{"问题已解决，感谢。", "处理及时，态度很好。", "基本解决了，希望保持。", "", "满意。"}, rng));
}

std::string ComposeRejectNote(DemoRandom& rng) {
  return std::string(
      PickOf(Phrases{"内容与诉求无关（广告信息），不予受理。", "诉求内容不明确且无法联系诉求人，不予受理。",
                     "已通过司法程序处理的事项，不予受理，请依法通过诉讼途径解决。", "测试信息，不予受理。"},
             rng));
}

std::string ComposeExplainNote(DemoRandom& rng) {
  return std::string(PickOf(Phrases{"该诉求受现行政策限制暂无法满足，由代表当面向诉求人解释说明。",
                                    "涉及规划调整，近期不具备实施条件，安排代表上门解释。",
                                    "诉求超出现行补偿标准，由社区和代表向诉求人做好政策解释。"},
                            rng));
}

std::string ComposeDeliberateNote(const DemoPlace& place, DemoRandom& rng) {
  return place.community +
         std::string(PickOf(Phrases{"居民意见分歧较大，提交协商议事会协商。", "涉及多方利益，召开协调会议事。",
                                    "转微协商，由社区组织业主、物业和相关部门共同商议。"},
                            rng));
}

std::string ComposeEscalateNote(DemoRandom& rng) {
  return std::string(
      PickOf(Phrases{"属共性问题，转为代表建议，推动政策层面解决。", "同类诉求较多，汇总形成社情民意信息报送。",
                     "转交代表形成议案，提请区人大常委会研究。"},
             rng));
}

std::string ComposeMergeNote(DemoRandom& rng) {
  return std::string(
      PickOf(Phrases{"与已受理诉求内容重复，合并办理，已告知诉求人。", "同一事项重复反映，合并处理。"}, rng));
}

std::string ComposeCloseNote(DemoRandom& rng) {
  return std::string(PickOf(Phrases{"多次电话回访未接通，按规定办结。", "诉求人表示无需回访，办结。",
                                    "协商议事已形成决议并落实，办结。", "建议已转交有关部门研究办理，本诉求办结。"},
                            rng));
}

std::string ComposeReopenReason(DemoRandom& rng) {
  return std::string(PickOf(
      Phrases{"问题出现反弹，群众再次反映，重新办理。", "督查发现整改未落实到位，重办。", "包案领导要求重新核查办理。"},
      rng));
}

}  // namespace minsheng::cli
