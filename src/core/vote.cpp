#include "core/vote.h"

#include <algorithm>
#include <array>
#include <set>

namespace minsheng {
namespace {

struct Step {
  VoteStatus status;
  VoteAction action;
};

// The table: everything not listed is refused. Codes may be issued before and while a vote is open (a studio
// prints its sheet the day before); ballots only while open; staff close a vote at any time before it is
// closed (early, when the period ended, or to drop a vote that never opened).
constexpr std::array kSteps = {
    Step{VoteStatus::kScheduled, VoteAction::kIssueCodes},
    Step{VoteStatus::kOpen, VoteAction::kIssueCodes},
    Step{VoteStatus::kOpen, VoteAction::kCast},
    Step{VoteStatus::kScheduled, VoteAction::kClose},
    Step{VoteStatus::kOpen, VoteAction::kClose},
    Step{VoteStatus::kEnded, VoteAction::kClose},
};

// The alphabet of voter codes: no 0/O, 1/I/L look-alikes (as receipt codes, app/password.cpp).
constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

}  // namespace

VoteStatus VoteStatusAt(Timestamp now, Timestamp opens_at, Timestamp closes_at, bool closed) {
  if (closed) return VoteStatus::kClosed;
  if (now < opens_at) return VoteStatus::kScheduled;
  if (now < closes_at) return VoteStatus::kOpen;
  return VoteStatus::kEnded;
}

std::string_view VoteStatusName(VoteStatus status) {
  switch (status) {
    case VoteStatus::kScheduled: return "scheduled";
    case VoteStatus::kOpen: return "open";
    case VoteStatus::kEnded: return "ended";
    case VoteStatus::kClosed: return "closed";
  }
  return "?";
}

std::string_view VoteStatusLabel(VoteStatus status) {
  switch (status) {
    case VoteStatus::kScheduled: return "未开始";
    case VoteStatus::kOpen: return "投票中";
    case VoteStatus::kEnded: return "已截止，待公布";
    case VoteStatus::kClosed: return "已结束";
  }
  return "?";
}

std::string_view VoteActionName(VoteAction action) {
  switch (action) {
    case VoteAction::kIssueCodes: return "issue_codes";
    case VoteAction::kCast: return "cast";
    case VoteAction::kClose: return "close";
  }
  return "?";
}

bool VoteAllows(VoteStatus status, VoteAction action) {
  return std::ranges::any_of(kSteps, [&](const Step& s) { return s.status == status && s.action == action; });
}

std::vector<std::string> AllowedVoteActions(VoteStatus status) {
  std::vector<std::string> out;
  for (const Step& s : kSteps)
    if (s.status == status) out.emplace_back(VoteActionName(s.action));
  return out;
}

Status CheckBallot(const std::vector<std::int64_t>& choices, const std::vector<std::int64_t>& option_ids,
                   int max_choices) {
  if (choices.empty()) return Fail(Error::Invalid("missing_field", "请至少选择一个项目", "choices"));
  if (static_cast<std::int64_t>(choices.size()) > max_choices)
    return Fail(Error::Invalid("too_many_choices", "最多可选 " + std::to_string(max_choices) + " 个项目", "choices"));
  std::set<std::int64_t> seen;
  for (std::int64_t c : choices) {
    if (!seen.insert(c).second) return Fail(Error::Invalid("duplicate_choice", "同一项目只能选一次", "choices"));
    if (std::ranges::find(option_ids, c) == option_ids.end())
      return Fail(Error::Invalid("unknown_option", "所选项目不在本次投票中", "choices"));
  }
  return {};
}

bool ProjectChosen(std::int64_t votes, std::int64_t ballots, bool major) {
  if (ballots <= 0) return false;
  return major ? 3 * votes > 2 * ballots : 2 * votes > ballots;
}

std::optional<std::string> NormalizeVoterCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    out += c;
    if (out.size() > kVoterCodeLength) return std::nullopt;
  }
  if (out.size() != kVoterCodeLength) return std::nullopt;
  return out;
}

std::string FormatVoterCode(std::string_view code) {
  if (code.size() != kVoterCodeLength) return std::string(code);
  return std::string(code.substr(0, 5)) + "-" + std::string(code.substr(5));
}

}  // namespace minsheng
