// Residents' votes on practical projects (实事项目投票, seed 002). Staff of an area (core/access.h
// kManageVotes) set up a vote of candidate projects for their street or community, issue one-time voter
// codes (a printed sheet for a studio, or one code to a resident's phone through the SMS outbox) and close
// the vote, which publishes the results; residents cast one secret ballot per code on the portal.
//
// Secrecy: a code is stored as a digest with its vote, area and a used flag only; a ballot row holds its
// vote and choices, nothing that leads back to the code, the person or the time. Marking the code used and
// storing the ballot happen in one transaction, the code by a conditional UPDATE, so that two ballots racing
// with one code count once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/vote.h"
#include "store/database.h"
#include "store/vote_repository.h"

namespace minsheng::app {

struct VoteInput {
  std::string title;
  std::string description;
  store::Id region_id = 0;  // a street or community in the caller's region
  bool major = false;
  int max_choices = 1;
  std::vector<std::string> options;  // the candidate projects' titles, in ballot order
  std::optional<Timestamp> opens_at;  // default: now (a vote may open at once)
  Timestamp closes_at = 0;
};

struct VoteView {
  store::VoteRecord vote;
  std::vector<store::VoteOptionRecord> options;
  VoteStatus status = VoteStatus::kScheduled;
  store::VoterCodeCounts codes;            // issued and used (staff views only)
  std::optional<store::RiskAssessmentRecord> risk;  // the assessment of a major vote, if any
};

struct OptionResult {
  store::VoteOptionRecord option;
  std::int64_t votes = 0;
  bool chosen = false;  // core ProjectChosen
};

struct VoteResults {
  VoteView view;
  std::int64_t turnout = 0;  // ballots cast
  std::vector<OptionResult> options;
};

struct IssuedCodes {
  store::Id vote_id = 0;
  std::vector<std::string> codes;  // as printed ("ABCDE-FGHJK"); shown once, never stored
};

class VoteService {
 public:
  VoteService(store::Database& db, const Clock& clock);

  Result<VoteView> Create(const Actor& actor, const VoteInput& input);
  // The votes of the caller's region, newest first.
  Result<std::vector<VoteView>> List(const Actor& actor);
  // kNotFound for an unknown vote or one outside the caller's region.
  Result<VoteView> Get(const Actor& actor, store::Id vote_id);
  // `count` new codes (1..kMaxVoterCodesPerRequest) while the vote is scheduled or open; 409
  // invalid_transition otherwise.
  Result<IssuedCodes> IssueCodes(const Actor& actor, store::Id vote_id, int count);
  // One new code sent to `phone`: the message waits in the SMS outbox (no gateway is connected yet).
  Result<store::Id> SendCode(const Actor& actor, store::Id vote_id, const std::string& phone);
  // Closes the vote and publishes its results; 409 invalid_transition when already closed.
  Result<VoteView> Close(const Actor& actor, store::Id vote_id);

  // The portal: votes that have opened (open, ended, closed), newest first.
  Result<std::vector<VoteView>> Published();
  // kNotFound for an unknown vote or one not yet open.
  Result<VoteView> PublishedOne(store::Id vote_id);
  // A resident's ballot. Refused, counting nothing: kInvalid "unknown_code" (field code) for a code that was
  // never issued; kForbidden for a code of another vote (another area); kConflict "already_voted" for a used
  // code; kConflict "vote_not_open" before it opens or after it ends; kInvalid on field choices (core
  // CheckBallot); kNotFound for an unknown vote.
  Status Cast(store::Id vote_id, const std::string& code, const std::vector<store::Id>& choices);
  // kConflict "results_not_published" until the vote is closed.
  Result<VoteResults> Results(store::Id vote_id);

 private:
  Result<VoteView> Load(store::Tx& tx, store::Id vote_id, bool with_counts);
  Result<VoteView> LoadInScope(store::Tx& tx, const Actor& actor, store::Id vote_id);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace minsheng::app
