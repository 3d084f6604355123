// Rules of residents' votes on practical projects (实事项目投票, seed 002): when a vote takes ballots, what a
// valid ballot is, and which projects are chosen. Pure functions; the use cases are in app/vote_service.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace minsheng {

// Where a vote stands. Only `closed` is stored (the staff's close); the others follow from the clock:
//   scheduled  now < opens_at
//   open       opens_at <= now < closes_at: residents cast ballots
//   ended      closes_at <= now, not yet closed by staff: no more ballots, results not yet published
//   closed     results published
enum class VoteStatus { kScheduled, kOpen, kEnded, kClosed };

VoteStatus VoteStatusAt(Timestamp now, Timestamp opens_at, Timestamp closes_at, bool closed);
std::string_view VoteStatusName(VoteStatus status);   // "scheduled" …
std::string_view VoteStatusLabel(VoteStatus status);  // "未开始" …

// What staff and residents may do to a vote; one table of (status, action) in vote.cpp.
enum class VoteAction { kIssueCodes, kCast, kClose };
std::string_view VoteActionName(VoteAction action);  // "issue_codes", "cast", "close"
bool VoteAllows(VoteStatus status, VoteAction action);
// The actions allowed in `status`, by name, for a 409 invalid_transition's `allowed`.
std::vector<std::string> AllowedVoteActions(VoteStatus status);

// Limits of a vote's shape.
inline constexpr int kMaxVoteOptions = 30;
inline constexpr int kMaxVoterCodesPerRequest = 500;

// Checks a ballot's choices against the vote's option ids and max_choices: at least one choice, at most
// max_choices, no option twice, every option one of the vote's. The error names field "choices":
// kInvalid "missing_field" (none), "too_many_choices", "duplicate_choice", "unknown_option".
Status CheckBallot(const std::vector<std::int64_t>& choices, const std::vector<std::int64_t>& option_ids,
                   int max_choices);

// The threshold of DESIGN.md §4 ("simple majority, or two thirds for major matters"), counted against the
// ballots cast (the turnout), each project on its own:
//   ordinary vote: chosen when its votes are MORE than half of the ballots cast  (2 * votes > ballots)
//   major vote:    chosen when its votes are MORE than two thirds of them        (3 * votes > 2 * ballots)
// Exactly half (or exactly two thirds) is not enough; with no ballot cast nothing is chosen. Integer
// arithmetic only, so that the edge is exact. Several projects may be chosen when a ballot holds several.
bool ProjectChosen(std::int64_t votes, std::int64_t ballots, bool major);

// A voter code as a resident types it, normalised: upper case, without spaces and dashes. nullopt when
// what is left is not kVoterCodeLength characters of the code alphabet.
inline constexpr std::size_t kVoterCodeLength = 10;
std::optional<std::string> NormalizeVoterCode(std::string_view typed);
// "ABCDE-FGHJK": a code as printed, in two groups of five.
std::string FormatVoterCode(std::string_view code);

}  // namespace minsheng
