// The reply quality check on replies of the kinds ../shared/data/messages/replies.csv holds (written here in the
// same manner, not copied): courtesies only, too short, beside the point, and real answers that must not be
// flagged.
#include "text/reply_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minsheng::text {
namespace {

using F = ReplyFlaw;

constexpr const char* kFumes = "明珠大道烧烤摊油烟扰民 小区楼下烧烤摊每晚营业到凌晨，油烟很大，请尽快处理。";
constexpr const char* kBus = "建议增加32路公交车数量 早高峰32路公交车太挤，等车要半小时。";

struct Case {
  const char* what;
  const char* appeal;
  const char* reply;
  std::vector<ReplyFlaw> flaws;
};

const std::vector<Case> kCases = {
    {"only the receipt", kFumes, "网友：您好！留言已收悉", {F::kTooShort, F::kNoOwnWords, F::kNoSpecifics}},
    {"an empty reply", kFumes, "", {F::kTooShort, F::kNoOwnWords, F::kNoSpecifics}},
    {"long, all courtesies",
     kFumes,
     "网友您好！您反映的问题已收悉，我局高度重视，感谢您对我们工作的关心、监督与支持！欢迎您继续关注我们的工作。",
     {F::kTemplateOnly, F::kNoOwnWords, F::kNoSpecifics}},
    {"a real answer: action, date and the appeal's words",
     kFumes,
     "您好！接到反映后，城管执法队员于11月20日晚到明珠大道现场核查，烧烤摊确有占道经营、油烟直排的情况，已责令其"
     "安装油烟净化设备并停止夜间露天烧烤，后续将加强巡查。",
     {}},
    {"numbers of the appeal count as its words",
     kBus,
     "经调查，本学期开学后32路车辆已由14台增加到16台，早高峰发车间隔缩短至8分钟。",
     {}},
    {"beside the point: an answer, but not to this appeal",
     kFumes,
     "经核实，该路段的路灯已于本月更换完毕，夜间照明已恢复正常。",
     {F::kNoOwnWords}},
    {"words of the appeal, nothing done, no date, no contact",
     kFumes,
     "关于明珠大道烧烤摊油烟扰民一事，我们知道了，会考虑的，请耐心等候，感谢理解。",
     {F::kNoSpecifics}},
    {"a contact is enough of a specific",
     kFumes,
     "关于明珠大道烧烤摊油烟扰民一事，属于环保部门职责，可致电区生态环境局 0731-88886666 反映。",
     {}},
    {"full-width digits and letters are read as digits and letters",
     kBus,
     "３２路早高峰已加开区间车，发车间隔缩短为８分钟，详询公交热线。",
     {}},
};

TEST(ReplyCheckTest, FlagsEachCaseOfTheTable) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    const ReplyCheck check = CheckReply(c.appeal, c.reply);
    std::vector<std::string> got, want;
    for (ReplyFlaw f : check.flaws) got.emplace_back(ReplyFlawName(f));
    for (ReplyFlaw f : c.flaws) want.emplace_back(ReplyFlawName(f));
    EXPECT_EQ(got, want);
    EXPECT_EQ(check.flagged(), !c.flaws.empty());
  }
}

TEST(ReplyCheckTest, AShortAppealIsNotHeldToItsWords) {
  const ReplyCheck check = CheckReply("噪音", "经现场核查，施工单位已于本周停止夜间作业，并承诺22时后不再施工。");
  EXPECT_FALSE(check.flagged());
}

TEST(ReplyCheckTest, InvalidUtf8IsReadAsSeparatorsNotACrash) {
  const std::string reply = std::string("经现场核查\xff\xfe烧烤摊已于本周停止夜间营业并安装油烟净化设备") + "\xe6\xb2";
  const ReplyCheck check = CheckReply(kFumes, reply);
  EXPECT_FALSE(check.flagged());
  EXPECT_GE(check.substance, 15);
}

TEST(ReplyCheckTest, EveryFlawHasANameAndAReason) {
  for (ReplyFlaw f : {F::kTooShort, F::kTemplateOnly, F::kNoOwnWords, F::kNoSpecifics}) {
    EXPECT_FALSE(ReplyFlawName(f).empty());
    EXPECT_FALSE(ReplyFlawReason(f).empty());
  }
}

}  // namespace
}  // namespace minsheng::text
