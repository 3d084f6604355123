// The yearly minimum of a deputy's duty, "five ones" (五个一, seed 003): in a year, at least one each of a
// meeting attended, a proposal made, an investigation carried out, an opinion report sent and a good deed
// done for residents.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace minsheng {

enum class DutyActivity { kMeeting, kProposal, kInvestigation, kOpinionReport, kGoodDeed };

inline constexpr std::array kDutyActivities = {DutyActivity::kMeeting, DutyActivity::kProposal,
                                               DutyActivity::kInvestigation, DutyActivity::kOpinionReport,
                                               DutyActivity::kGoodDeed};

std::string_view DutyActivityName(DutyActivity activity);   // "opinion_report"
std::string_view DutyActivityLabel(DutyActivity activity);  // "报送一篇社情民意"
std::optional<DutyActivity> ParseDutyActivity(std::string_view name);

// A year's count of each activity, indexed like kDutyActivities.
using DutyActivityCounts = std::array<int, kDutyActivities.size()>;

// The activities with a count of zero, in the order of kDutyActivities (empty: the five ones are met).
std::vector<DutyActivity> MissingFiveOnes(const DutyActivityCounts& counts);

}  // namespace minsheng
