// Public evaluation rounds, the units they evaluate, the forms and their scores (tables evaluation_*).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct EvaluationRoundRecord {
  Id id = 0;
  Id region_id = 0;
  OptId street_id;
  int year = 0;
  std::string kind;      // meeting | report
  std::string title;
  std::string criteria;  // JSON array of names
  double deputy_share = 0.5;
  std::string state;     // open | closed
  OptId created_by;
  Timestamp created_at = 0;
  std::optional<Timestamp> closed_at;
};

struct EvaluationTargetRecord {
  Id id = 0;
  Id round_id = 0;
  OptId street_id;
  OptId department_id;
  std::string name;
};

struct EvaluationFormRecord {
  Id id = 0;
  Id round_id = 0;
  OptId street_id;
  std::string evaluator;  // deputy | resident
  OptId deputy_id;
  Id entered_by = 0;
  Timestamp created_at = 0;
};

struct EvaluationScoreRecord {
  Id form_id = 0;
  Id target_id = 0;
  OptId street_id;
  std::string points;  // "5,4,5"
  double score = 0;
};

// Per target and side: how many forms scored it and their mean score.
struct EvaluationTally {
  Id target_id = 0;
  std::string evaluator;  // deputy | resident
  std::int64_t forms = 0;
  double mean = 0;
};

// A target's tally in one closed round, with what the yearly table needs of its round and target.
struct ClosedRoundTally {
  Id round_id = 0;
  double deputy_share = 0.5;
  Id target_id = 0;
  OptId department_id;
  std::string name;
  std::string evaluator;  // deputy | resident
  std::int64_t forms = 0;
  double mean = 0;
};

struct EvaluationRoundFilter {
  std::optional<int> year;
  std::optional<std::string> region_path;  // rounds of regions in this subtree ('/1/4/')
  std::optional<std::string> state;
};

Result<Id> InsertEvaluationRound(Tx& tx, const EvaluationRoundRecord& round);
Result<std::optional<EvaluationRoundRecord>> FindEvaluationRound(Tx& tx, Id id);
// Newest first.
Result<std::vector<EvaluationRoundRecord>> ListEvaluationRounds(Tx& tx, const EvaluationRoundFilter& filter);
// Closes an open round; false if it was not open (already closed, or raced).
Result<bool> CloseEvaluationRound(Tx& tx, Id id, Timestamp at);

Result<Id> InsertEvaluationTarget(Tx& tx, const EvaluationTargetRecord& target);
Result<std::vector<EvaluationTargetRecord>> ListEvaluationTargets(Tx& tx, Id round_id);

// A second form of the same deputy for a round is kConflict "unique_violation" (the engines' error).
Result<Id> InsertEvaluationForm(Tx& tx, const EvaluationFormRecord& form);
Status InsertEvaluationScore(Tx& tx, const EvaluationScoreRecord& score);
// Forms per side of a round.
Result<std::vector<EvaluationFormRecord>> ListEvaluationForms(Tx& tx, Id round_id);
Result<std::vector<EvaluationTally>> TallyEvaluationRound(Tx& tx, Id round_id);
// Tallies of the closed rounds of years [from_year, to_year] (of regions in `region_path`'s subtree when
// given), by round, target and side.
Result<std::vector<ClosedRoundTally>> TallyClosedRounds(Tx& tx, int from_year, int to_year,
                                                        const std::optional<std::string>& region_path);

}  // namespace minsheng::store
