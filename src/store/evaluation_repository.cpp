#include "store/evaluation_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

// Read by ReadRound, in its order; `r` is evaluation_rounds.
constexpr std::string_view kRoundColumns =
    "r.id, r.region_id, r.street_id, r.year, r.kind, r.title, r.criteria, r.deputy_share, r.state, r.created_by, "
    "r.created_at, r.closed_at";

EvaluationRoundRecord ReadRound(const Row& row) {
  ColumnReader c(row);
  EvaluationRoundRecord r;
  r.id = c.Int();
  r.region_id = c.Int();
  r.street_id = c.OptInt();
  r.year = static_cast<int>(c.Int());
  r.kind = c.Text();
  r.title = c.Text();
  r.criteria = c.Text();
  r.deputy_share = c.Real();
  r.state = c.Text();
  r.created_by = c.OptInt();
  r.created_at = c.Int();
  r.closed_at = c.OptInt();
  return r;
}

}  // namespace

Result<Id> InsertEvaluationRound(Tx& tx, const EvaluationRoundRecord& r) {
  return tx.Insert(
      "INSERT INTO evaluation_rounds (region_id, street_id, year, kind, title, criteria, deputy_share, state, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.region_id, Nullable(r.street_id), std::int64_t{r.year}, r.kind, r.title, r.criteria, r.deputy_share, r.state,
       Nullable(r.created_by), r.created_at});
}

Result<std::optional<EvaluationRoundRecord>> FindEvaluationRound(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT " + std::string(kRoundColumns) + " FROM evaluation_rounds r WHERE r.id = ?", {id}));
  if (!row) return std::optional<EvaluationRoundRecord>{};
  return std::optional<EvaluationRoundRecord>{ReadRound(*row)};
}

Result<std::vector<EvaluationRoundRecord>> ListEvaluationRounds(Tx& tx, const EvaluationRoundFilter& f) {
  Conditions where;
  if (f.year) where.Add("r.year = ?", {std::int64_t{*f.year}});
  if (f.state) where.Add("r.state = ?", {*f.state});
  if (f.region_path) where.Add("g.path LIKE ?", {*f.region_path + "%"});
  MS_ASSIGN(rows, tx.Query("SELECT " + std::string(kRoundColumns) + " FROM evaluation_rounds r JOIN regions g ON g.id = r.region_id" +
                               where.sql() + " ORDER BY r.year DESC, r.created_at DESC, r.id DESC",
                           where.params()));
  return MapRows(rows, ReadRound);
}

Result<bool> CloseEvaluationRound(Tx& tx, Id id, Timestamp at) {
  MS_ASSIGN(changed, tx.Execute("UPDATE evaluation_rounds SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'",
                                {at, id}));
  return changed == 1;
}

Result<Id> InsertEvaluationTarget(Tx& tx, const EvaluationTargetRecord& t) {
  return tx.Insert(
      "INSERT INTO evaluation_targets (round_id, street_id, department_id, name) VALUES (?, ?, ?, ?) RETURNING id",
      {t.round_id, Nullable(t.street_id), Nullable(t.department_id), t.name});
}

Result<std::vector<EvaluationTargetRecord>> ListEvaluationTargets(Tx& tx, Id round_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, round_id, street_id, department_id, name FROM evaluation_targets "
                           "WHERE round_id = ? ORDER BY id",
                           {round_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    EvaluationTargetRecord t;
    t.id = c.Int();
    t.round_id = c.Int();
    t.street_id = c.OptInt();
    t.department_id = c.OptInt();
    t.name = c.Text();
    return t;
  });
}

Result<Id> InsertEvaluationForm(Tx& tx, const EvaluationFormRecord& f) {
  return tx.Insert(
      "INSERT INTO evaluation_forms (round_id, street_id, evaluator, deputy_id, entered_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {f.round_id, Nullable(f.street_id), f.evaluator, Nullable(f.deputy_id), f.entered_by, f.created_at});
}

Status InsertEvaluationScore(Tx& tx, const EvaluationScoreRecord& s) {
  MS_TRY(tx.Execute(
      "INSERT INTO evaluation_scores (form_id, target_id, street_id, points, score) VALUES (?, ?, ?, ?, ?)",
      {s.form_id, s.target_id, Nullable(s.street_id), s.points, s.score}));
  return {};
}

Result<std::vector<EvaluationFormRecord>> ListEvaluationForms(Tx& tx, Id round_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, round_id, street_id, evaluator, deputy_id, entered_by, created_at "
                           "FROM evaluation_forms WHERE round_id = ? ORDER BY id",
                           {round_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    EvaluationFormRecord f;
    f.id = c.Int();
    f.round_id = c.Int();
    f.street_id = c.OptInt();
    f.evaluator = c.Text();
    f.deputy_id = c.OptInt();
    f.entered_by = c.Int();
    f.created_at = c.Int();
    return f;
  });
}

Result<std::vector<EvaluationTally>> TallyEvaluationRound(Tx& tx, Id round_id) {
  MS_ASSIGN(rows, tx.Query("SELECT s.target_id, f.evaluator, COUNT(*), AVG(s.score) FROM evaluation_scores s "
                           "JOIN evaluation_forms f ON f.id = s.form_id WHERE f.round_id = ? "
                           "GROUP BY s.target_id, f.evaluator ORDER BY s.target_id, f.evaluator",
                           {round_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    EvaluationTally t;
    t.target_id = c.Int();
    t.evaluator = c.Text();
    t.forms = c.Int();
    t.mean = c.Real();
    return t;
  });
}

Result<std::vector<ClosedRoundTally>> TallyClosedRounds(Tx& tx, int from_year, int to_year,
                                                        const std::optional<std::string>& region_path) {
  Conditions where;
  where.Add("r.state = 'closed' AND r.year >= ? AND r.year <= ?", {std::int64_t{from_year}, std::int64_t{to_year}});
  if (region_path) where.Add("g.path LIKE ?", {*region_path + "%"});
  MS_ASSIGN(rows, tx.Query("SELECT r.id, r.deputy_share, t.id, t.department_id, t.name, f.evaluator, COUNT(*), "
                           "AVG(s.score) FROM evaluation_scores s JOIN evaluation_forms f ON f.id = s.form_id "
                           "JOIN evaluation_targets t ON t.id = s.target_id "
                           "JOIN evaluation_rounds r ON r.id = f.round_id JOIN regions g ON g.id = r.region_id" +
                               where.sql() +
                               " GROUP BY r.id, r.deputy_share, t.id, t.department_id, t.name, f.evaluator "
                               "ORDER BY r.id, t.id, f.evaluator",
                           where.params()));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    ClosedRoundTally t;
    t.round_id = c.Int();
    t.deputy_share = c.Real();
    t.target_id = c.Int();
    t.department_id = c.OptInt();
    t.name = c.Text();
    t.evaluator = c.Text();
    t.forms = c.Int();
    t.mean = c.Real();
    return t;
  });
}

}  // namespace minsheng::store
