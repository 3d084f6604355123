// Votes on practical projects, their options, voter codes and secret ballots, the SMS outbox, and risk
// assessments with their responses (migration 0013).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct VoteRecord {
  Id id = 0;
  OptId street_id;
  Id region_id = 0;
  std::string title;
  std::string description;
  bool major = false;
  int max_choices = 1;
  Timestamp opens_at = 0;
  Timestamp closes_at = 0;
  OptId closed_at;
  OptId closed_by;
  OptId created_by;
  Timestamp created_at = 0;
  // Read with the row.
  std::string region_name;
  std::string region_path;
};

struct VoteOptionRecord {
  Id id = 0;
  Id vote_id = 0;
  OptId street_id;
  int sort_order = 0;
  std::string title;
};

Result<Id> InsertVote(Tx& tx, const VoteRecord& vote);
Result<std::optional<VoteRecord>> FindVote(Tx& tx, Id id);
Result<Id> InsertVoteOption(Tx& tx, const VoteOptionRecord& option);
// In their order on the ballot.
Result<std::vector<VoteOptionRecord>> ListVoteOptions(Tx& tx, Id vote_id);
// Sets closed_at unless already set; false when it was (a close lost to another).
Result<bool> CloseVote(Tx& tx, Id vote_id, Id closed_by, Timestamp now);

struct VoteFilter {
  std::optional<std::string> scope_path;  // the caller's region subtree
  bool published_only = false;            // the portal: opened already (open, ended or closed)
  std::optional<Timestamp> now;           // with published_only
  int limit = 200;
};
// Newest first (opens_at desc, id desc).
Result<std::vector<VoteRecord>> ListVotes(Tx& tx, const VoteFilter& filter);

// Voter codes: only the digest is stored.
Status InsertVoterCode(Tx& tx, Id vote_id, OptId street_id, Id region_id, const std::string& code_hash,
                       Timestamp issued_at);
struct VoterCodeRecord {
  Id id = 0;
  Id vote_id = 0;
  Id region_id = 0;
  bool used = false;
};
Result<std::optional<VoterCodeRecord>> FindVoterCode(Tx& tx, const std::string& code_hash);
// Marks the code used by a conditional UPDATE (… AND used = 0): false when it was used already, so that of
// two ballots racing with one code exactly one gets true.
Result<bool> UseVoterCode(Tx& tx, Id code_id);

struct VoterCodeCounts {
  std::int64_t issued = 0;
  std::int64_t used = 0;
};
Result<VoterCodeCounts> CountVoterCodes(Tx& tx, Id vote_id);

// A ballot and its choices; the rows carry no code and no person.
Result<Id> InsertBallot(Tx& tx, Id vote_id, OptId street_id, const std::vector<Id>& option_ids);
Result<std::int64_t> CountBallots(Tx& tx, Id vote_id);
struct OptionVotes {
  Id option_id = 0;
  std::int64_t votes = 0;
};
// Votes per option (options without a vote are absent).
Result<std::vector<OptionVotes>> CountChoices(Tx& tx, Id vote_id);

struct SmsRecord {
  OptId street_id;
  std::string kind;
  std::string phone;
  std::string body;
  OptId created_by;
  Timestamp created_at = 0;
};
Result<Id> InsertSms(Tx& tx, const SmsRecord& sms);

struct RiskAssessmentRecord {
  Id id = 0;
  OptId street_id;
  Id region_id = 0;
  std::string title;
  std::string description;
  OptId vote_id;
  std::string status = "collecting";  // collecting | passed | vetoed
  int respondents = 0;
  int supporters = 0;
  OptId decided_at;
  OptId decided_by;
  OptId created_by;
  Timestamp created_at = 0;
  // Read with the row.
  std::string region_name;
  std::string region_path;
};

struct RiskResponseRecord {
  Id id = 0;
  Id assessment_id = 0;
  OptId street_id;
  int support = 0;
  int satisfaction = 0;
  int confidence = 0;
  OptId created_by;
  Timestamp created_at = 0;
};

Result<Id> InsertRiskAssessment(Tx& tx, const RiskAssessmentRecord& assessment);
Result<std::optional<RiskAssessmentRecord>> FindRiskAssessment(Tx& tx, Id id);
// The latest assessment of a vote, if any.
Result<std::optional<RiskAssessmentRecord>> FindRiskAssessmentOfVote(Tx& tx, Id vote_id);
struct RiskAssessmentFilter {
  std::optional<std::string> scope_path;
  std::optional<std::string> status;
  int limit = 200;
};
// Newest first.
Result<std::vector<RiskAssessmentRecord>> ListRiskAssessments(Tx& tx, const RiskAssessmentFilter& filter);
// Records the decision while still collecting; false when it was decided already.
Result<bool> DecideRiskAssessment(Tx& tx, Id id, const std::string& status, int respondents, int supporters,
                                  Id decided_by, Timestamp now);
Result<Id> InsertRiskResponse(Tx& tx, const RiskResponseRecord& response);
Result<std::vector<RiskResponseRecord>> ListRiskResponses(Tx& tx, Id assessment_id);

}  // namespace minsheng::store
