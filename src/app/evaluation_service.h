// Public evaluation (评议会 / 述职测评, issue 11): rounds in which deputies and residents score departments or
// public services on a form, the results of a round, and the yearly table with the bottom ones marked.
// Each call is one transaction. Scoring rules: core/evaluation.h.
//
// Who: admins and coordinators open and close rounds of regions in their scope and enter residents' paper
// forms (which name nobody); a deputy fills in their own form once per round; every staff role reads the
// rounds, the results of closed rounds and the yearly table; the running results of an open round are for
// its managers, leaders and supervisors. The yearly table of closed rounds is public too.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/evaluation.h"
#include "store/database.h"
#include "store/evaluation_repository.h"

namespace minsheng::app {

// A unit to evaluate: a department, or a public service named in words.
struct EvaluationTargetInput {
  store::OptId department_id;
  std::string name;  // for a public service; a department's name comes from the department
};

struct EvaluationRoundInput {
  std::string title;
  int year = 0;
  EvaluationKind kind = EvaluationKind::kReport;
  store::Id region_id = 0;
  std::vector<std::string> criteria;
  double deputy_share = 0.5;
  std::vector<EvaluationTargetInput> targets;
};

struct EvaluationScoreInput {
  store::Id target_id = 0;
  std::vector<int> points;  // one per criterion
};

struct EvaluationFormInput {
  EvaluatorKind evaluator = EvaluatorKind::kDeputy;
  std::vector<EvaluationScoreInput> scores;  // at least one unit; a unit the evaluator does not know may be left out
};

// One unit's result in a round.
struct EvaluationResult {
  store::EvaluationTargetRecord target;
  std::int64_t deputy_forms = 0;
  std::int64_t resident_forms = 0;
  std::optional<double> deputy_mean;    // 0–100
  std::optional<double> resident_mean;
  std::optional<double> score;          // CombineScores
  EvaluationStanding standing;          // bottom marked with the default count
};

struct EvaluationRound {
  store::EvaluationRoundRecord round;
  std::string region_name;
  std::vector<std::string> criteria;
  std::vector<store::EvaluationTargetRecord> targets;
  std::int64_t deputy_forms = 0;
  std::int64_t resident_forms = 0;
  bool results_visible = false;          // whether `results` was filled for this caller
  std::vector<EvaluationResult> results; // in target order
  bool evaluated_by_me = false;          // for a deputy: their form is in
};

struct EvaluationRoundQuery {
  std::optional<int> year;
  store::OptId region_id;  // rounds of this region's subtree
  std::optional<std::string> state;  // open | closed
};

// One row of the yearly table: a department (by id) or a public service (by name) over the year's closed rounds.
struct EvaluationTableRow {
  store::OptId department_id;
  std::string name;
  int rounds = 0;
  std::int64_t forms = 0;
  std::optional<double> deputy_mean;    // mean over the rounds where deputies scored it
  std::optional<double> resident_mean;
  std::optional<double> score;          // mean of its round scores
  EvaluationStanding standing;
};

struct EvaluationTable {
  int year = 0;
  int bottom = 0;  // how many were asked to be marked
  std::vector<EvaluationTableRow> rows;  // best first, unscored last
};

class EvaluationService {
 public:
  EvaluationService(store::Database& db, const Clock& clock);

  Result<EvaluationRound> Create(const Actor& actor, const EvaluationRoundInput& input);
  Result<std::vector<EvaluationRound>> List(const Actor& actor, const EvaluationRoundQuery& query);
  Result<EvaluationRound> Get(const Actor& actor, store::Id id);
  // A deputy's own form, or (managers) a resident's paper form. The round must be open.
  Result<EvaluationRound> SubmitForm(const Actor& actor, store::Id id, const EvaluationFormInput& input);
  Result<EvaluationRound> Close(const Actor& actor, store::Id id);
  // The year's closed rounds (of `region_id`'s subtree when given); `bottom` units marked (default:
  // DefaultBottomCount). Staff and, through PublicTable, anyone.
  Result<EvaluationTable> Table(const Actor& actor, int year, store::OptId region_id, std::optional<int> bottom);
  Result<EvaluationTable> PublicTable(int year);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// Departments' yearly evaluation scores (0–100) over the closed rounds of years [from_year, to_year], read
// in the caller's transaction: the ranking's `evaluation` rate.
Result<std::map<store::Id, double>> DepartmentEvaluationScores(store::Tx& tx, int from_year, int to_year);

}  // namespace minsheng::app
