#include "core/five_ones.h"

#include <utility>

namespace minsheng {
namespace {

struct ActivityInfo {
  DutyActivity activity;
  std::string_view name;
  std::string_view label;
};

constexpr std::array kInfo = {
    ActivityInfo{DutyActivity::kMeeting, "meeting", "参加一次会议或活动"},
    ActivityInfo{DutyActivity::kProposal, "proposal", "提出一条建议"},
    ActivityInfo{DutyActivity::kInvestigation, "investigation", "开展一次调研"},
    ActivityInfo{DutyActivity::kOpinionReport, "opinion_report", "报送一篇社情民意"},
    ActivityInfo{DutyActivity::kGoodDeed, "good_deed", "为群众办一件实事"},
};
static_assert(kInfo.size() == kDutyActivities.size());

const ActivityInfo& Info(DutyActivity activity) { return kInfo[static_cast<std::size_t>(std::to_underlying(activity))]; }

}  // namespace

std::string_view DutyActivityName(DutyActivity activity) { return Info(activity).name; }
std::string_view DutyActivityLabel(DutyActivity activity) { return Info(activity).label; }

std::optional<DutyActivity> ParseDutyActivity(std::string_view name) {
  for (const auto& info : kInfo)
    if (info.name == name) return info.activity;
  return std::nullopt;
}

std::vector<DutyActivity> MissingFiveOnes(const DutyActivityCounts& counts) {
  std::vector<DutyActivity> missing;
  for (std::size_t i = 0; i < kDutyActivities.size(); ++i)
    if (counts[i] <= 0) missing.push_back(kDutyActivities[i]);
  return missing;
}

}  // namespace minsheng
