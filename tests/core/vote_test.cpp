#include "core/vote.h"

#include <gtest/gtest.h>

#include <vector>

namespace minsheng {
namespace {

// Status follows the clock until staff close the vote.
TEST(VoteTest, StatusFollowsTheClockUntilClosed) {
  struct Case {
    Timestamp now;
    bool closed;
    VoteStatus want;
  };
  constexpr Timestamp kOpens = 1000, kCloses = 2000;
  for (const Case& c : std::vector<Case>{
           {999, false, VoteStatus::kScheduled},
           {1000, false, VoteStatus::kOpen},  // opens at opens_at itself: "now or earlier" opens at once
           {1999, false, VoteStatus::kOpen},
           {2000, false, VoteStatus::kEnded},  // closes_at is the first instant without ballots
           {5000, false, VoteStatus::kEnded},
           {500, true, VoteStatus::kClosed},
           {1500, true, VoteStatus::kClosed},
           {2500, true, VoteStatus::kClosed},
       }) {
    EXPECT_EQ(VoteStatusAt(c.now, kOpens, kCloses, c.closed), c.want) << c.now << " closed=" << c.closed;
  }
}

// Every (status, action), allowed and refused.
TEST(VoteTest, TableOfStepsAllowedAndRefused) {
  struct Case {
    VoteStatus status;
    VoteAction action;
    bool allowed;
  };
  for (const Case& c : std::vector<Case>{
           {VoteStatus::kScheduled, VoteAction::kIssueCodes, true},
           {VoteStatus::kScheduled, VoteAction::kCast, false},
           {VoteStatus::kScheduled, VoteAction::kClose, true},
           {VoteStatus::kOpen, VoteAction::kIssueCodes, true},
           {VoteStatus::kOpen, VoteAction::kCast, true},
           {VoteStatus::kOpen, VoteAction::kClose, true},
           {VoteStatus::kEnded, VoteAction::kIssueCodes, false},
           {VoteStatus::kEnded, VoteAction::kCast, false},
           {VoteStatus::kEnded, VoteAction::kClose, true},
           {VoteStatus::kClosed, VoteAction::kIssueCodes, false},
           {VoteStatus::kClosed, VoteAction::kCast, false},
           {VoteStatus::kClosed, VoteAction::kClose, false},
       }) {
    EXPECT_EQ(VoteAllows(c.status, c.action), c.allowed)
        << VoteStatusName(c.status) << " " << VoteActionName(c.action);
  }
  EXPECT_EQ(AllowedVoteActions(VoteStatus::kOpen), (std::vector<std::string>{"issue_codes", "cast", "close"}));
  EXPECT_EQ(AllowedVoteActions(VoteStatus::kEnded), (std::vector<std::string>{"close"}));
  EXPECT_TRUE(AllowedVoteActions(VoteStatus::kClosed).empty());
}

// Ballots with N choices against a vote of options 11, 12, 13, 14 and at most 2 choices.
TEST(VoteTest, BallotWithNChoices) {
  const std::vector<std::int64_t> options = {11, 12, 13, 14};
  struct Case {
    std::vector<std::int64_t> choices;
    std::string code;  // "" when valid
  };
  for (const Case& c : std::vector<Case>{
           {{11}, ""},
           {{11, 14}, ""},
           {{}, "missing_field"},
           {{11, 12, 13}, "too_many_choices"},  // one over max_choices
           {{11, 12, 13, 14}, "too_many_choices"},
           {{12, 12}, "duplicate_choice"},
           {{99}, "unknown_option"},
           {{11, 99}, "unknown_option"},
       }) {
    auto r = CheckBallot(c.choices, options, 2);
    if (c.code.empty()) {
      EXPECT_TRUE(r.has_value()) << r.error().code;
    } else {
      ASSERT_FALSE(r.has_value()) << c.code;
      EXPECT_EQ(r.error().code, c.code);
      EXPECT_EQ(r.error().field, "choices");
    }
  }
}

// The threshold at its edges: more than half of the ballots cast, more than two thirds for major matters.
TEST(VoteTest, ChosenByMajorityOrTwoThirds) {
  struct Case {
    std::int64_t votes, ballots;
    bool major;
    bool chosen;
  };
  for (const Case& c : std::vector<Case>{
           {6, 10, false, true},    // over half
           {5, 10, false, false},   // exactly half: not a majority
           {4, 10, false, false},
           {4, 7, false, true},     // 4 of 7 > 3.5
           {3, 7, false, false},
           {1, 1, false, true},
           {0, 0, false, false},    // nothing cast, nothing chosen
           {7, 9, true, true},      // 7 of 9 over two thirds
           {6, 9, true, false},     // exactly two thirds: not enough for a major matter
           {5, 9, true, false},     // one short
           {6, 9, false, true},     // the same count passes an ordinary vote
           {7, 10, true, true},     // 70% > 66.7%
           {2, 3, true, false},
           {3, 3, true, true},
           {0, 0, true, false},
       }) {
    EXPECT_EQ(ProjectChosen(c.votes, c.ballots, c.major), c.chosen)
        << c.votes << "/" << c.ballots << (c.major ? " major" : "");
  }
}

TEST(VoteTest, VoterCodesAsTyped) {
  EXPECT_EQ(NormalizeVoterCode("ABCDE-FGHJK"), "ABCDEFGHJK");
  EXPECT_EQ(NormalizeVoterCode(" abcde fghjk "), "ABCDEFGHJK");
  EXPECT_EQ(NormalizeVoterCode("ABCDEFGHJ"), std::nullopt);     // one short
  EXPECT_EQ(NormalizeVoterCode("ABCDEFGHJKM"), std::nullopt);   // one over
  EXPECT_EQ(NormalizeVoterCode("ABCDEFGHJ0"), std::nullopt);    // 0 is not in the alphabet
  EXPECT_EQ(NormalizeVoterCode("ABCDE'FGHJK"), std::nullopt);
  EXPECT_EQ(FormatVoterCode("ABCDEFGHJK"), "ABCDE-FGHJK");
}

}  // namespace
}  // namespace minsheng
