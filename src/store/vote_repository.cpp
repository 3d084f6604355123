#include "store/vote_repository.h"

#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

constexpr std::string_view kVoteSelect =
    "SELECT v.id, v.street_id, v.region_id, v.title, v.description, v.major, v.max_choices, v.opens_at, "
    "v.closes_at, v.closed_at, v.closed_by, v.created_by, v.created_at, r.name, r.path "
    "FROM votes v JOIN regions r ON r.id = v.region_id";

VoteRecord ReadVote(const Row& row) {
  ColumnReader c(row);
  VoteRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.region_id = c.Int();
  x.title = c.Text();
  x.description = c.Text();
  x.major = c.Int() != 0;
  x.max_choices = static_cast<int>(c.Int());
  x.opens_at = c.Int();
  x.closes_at = c.Int();
  x.closed_at = c.OptInt();
  x.closed_by = c.OptInt();
  x.created_by = c.OptInt();
  x.created_at = c.Int();
  x.region_name = c.Text();
  x.region_path = c.Text();
  return x;
}

constexpr std::string_view kRiskSelect =
    "SELECT a.id, a.street_id, a.region_id, a.title, a.description, a.vote_id, a.status, a.respondents, "
    "a.supporters, a.decided_at, a.decided_by, a.created_by, a.created_at, r.name, r.path "
    "FROM risk_assessments a JOIN regions r ON r.id = a.region_id";

RiskAssessmentRecord ReadRisk(const Row& row) {
  ColumnReader c(row);
  RiskAssessmentRecord x;
  x.id = c.Int();
  x.street_id = c.OptInt();
  x.region_id = c.Int();
  x.title = c.Text();
  x.description = c.Text();
  x.vote_id = c.OptInt();
  x.status = c.Text();
  x.respondents = static_cast<int>(c.Int());
  x.supporters = static_cast<int>(c.Int());
  x.decided_at = c.OptInt();
  x.decided_by = c.OptInt();
  x.created_by = c.OptInt();
  x.created_at = c.Int();
  x.region_name = c.Text();
  x.region_path = c.Text();
  return x;
}

}  // namespace

Result<Id> InsertVote(Tx& tx, const VoteRecord& x) {
  return tx.Insert(
      "INSERT INTO votes (street_id, region_id, title, description, major, max_choices, opens_at, closes_at, "
      "closed_at, closed_by, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Nullable(x.street_id), x.region_id, x.title, x.description, std::int64_t{x.major ? 1 : 0},
       std::int64_t{x.max_choices}, x.opens_at, x.closes_at, Nullable(x.closed_at), Nullable(x.closed_by),
       Nullable(x.created_by), x.created_at});
}

Result<std::optional<VoteRecord>> FindVote(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kVoteSelect) + " WHERE v.id = ?", {id}));
  if (!row) return std::optional<VoteRecord>();
  return std::optional<VoteRecord>(ReadVote(*row));
}

Result<Id> InsertVoteOption(Tx& tx, const VoteOptionRecord& x) {
  return tx.Insert("INSERT INTO vote_options (vote_id, street_id, sort_order, title) VALUES (?, ?, ?, ?) RETURNING id",
                   {x.vote_id, Nullable(x.street_id), std::int64_t{x.sort_order}, x.title});
}

Result<std::vector<VoteOptionRecord>> ListVoteOptions(Tx& tx, Id vote_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, vote_id, street_id, sort_order, title FROM vote_options WHERE vote_id = ? "
                           "ORDER BY sort_order, id",
                           {vote_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    VoteOptionRecord x;
    x.id = c.Int();
    x.vote_id = c.Int();
    x.street_id = c.OptInt();
    x.sort_order = static_cast<int>(c.Int());
    x.title = c.Text();
    return x;
  });
}

Result<bool> CloseVote(Tx& tx, Id vote_id, Id closed_by, Timestamp now) {
  MS_ASSIGN(changed, tx.Execute("UPDATE votes SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL",
                                {now, closed_by, vote_id}));
  return changed == 1;
}

Result<std::vector<VoteRecord>> ListVotes(Tx& tx, const VoteFilter& f) {
  Conditions where;
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.published_only) where.Add("v.opens_at <= ?", {f.now.value_or(0)});
  Params params = where.params();
  params.push_back(std::int64_t{f.limit});
  MS_ASSIGN(rows, tx.Query(std::string(kVoteSelect) + where.sql() + " ORDER BY v.opens_at DESC, v.id DESC LIMIT ?",
                           params));
  return MapRows(rows, ReadVote);
}

Status InsertVoterCode(Tx& tx, Id vote_id, OptId street_id, Id region_id, const std::string& code_hash,
                       Timestamp issued_at) {
  MS_TRY(tx.Execute("INSERT INTO voter_codes (vote_id, street_id, region_id, code_hash, used, issued_at) "
                    "VALUES (?, ?, ?, ?, 0, ?)",
                    {vote_id, Nullable(street_id), region_id, code_hash, issued_at}));
  return {};
}

Result<std::optional<VoterCodeRecord>> FindVoterCode(Tx& tx, const std::string& code_hash) {
  MS_ASSIGN(row, tx.QueryOne("SELECT id, vote_id, region_id, used FROM voter_codes WHERE code_hash = ?", {code_hash}));
  if (!row) return std::optional<VoterCodeRecord>();
  ColumnReader c(*row);
  VoterCodeRecord x;
  x.id = c.Int();
  x.vote_id = c.Int();
  x.region_id = c.Int();
  x.used = c.Int() != 0;
  return std::optional<VoterCodeRecord>(x);
}

Result<bool> UseVoterCode(Tx& tx, Id code_id) {
  MS_ASSIGN(changed, tx.Execute("UPDATE voter_codes SET used = 1 WHERE id = ? AND used = 0", {code_id}));
  return changed == 1;
}

Result<VoterCodeCounts> CountVoterCodes(Tx& tx, Id vote_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*), COALESCE(SUM(used), 0) FROM voter_codes WHERE vote_id = ?", {vote_id}));
  VoterCodeCounts out;
  if (row) {
    out.issued = row->Int(0);
    out.used = row->Int(1);
  }
  return out;
}

Result<Id> InsertBallot(Tx& tx, Id vote_id, OptId street_id, const std::vector<Id>& option_ids) {
  MS_ASSIGN(ballot, tx.Insert("INSERT INTO ballots (vote_id, street_id) VALUES (?, ?) RETURNING id",
                              {vote_id, Nullable(street_id)}));
  for (Id option : option_ids)
    MS_TRY(tx.Execute("INSERT INTO ballot_choices (ballot_id, vote_id, option_id, street_id) VALUES (?, ?, ?, ?)",
                      {ballot, vote_id, option, Nullable(street_id)}));
  return ballot;
}

Result<std::int64_t> CountBallots(Tx& tx, Id vote_id) {
  MS_ASSIGN(row, tx.QueryOne("SELECT COUNT(*) FROM ballots WHERE vote_id = ?", {vote_id}));
  return row ? row->Int(0) : 0;
}

Result<std::vector<OptionVotes>> CountChoices(Tx& tx, Id vote_id) {
  MS_ASSIGN(rows, tx.Query("SELECT option_id, COUNT(*) FROM ballot_choices WHERE vote_id = ? GROUP BY option_id "
                           "ORDER BY option_id",
                           {vote_id}));
  return MapRows(rows, [](const Row& row) { return OptionVotes{row.Int(0), row.Int(1)}; });
}

Result<Id> InsertSms(Tx& tx, const SmsRecord& x) {
  return tx.Insert("INSERT INTO sms_outbox (street_id, kind, phone, body, created_by, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   {Nullable(x.street_id), x.kind, x.phone, x.body, Nullable(x.created_by), x.created_at});
}

Result<Id> InsertRiskAssessment(Tx& tx, const RiskAssessmentRecord& x) {
  return tx.Insert(
      "INSERT INTO risk_assessments (street_id, region_id, title, description, vote_id, status, respondents, "
      "supporters, decided_at, decided_by, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id",
      {Nullable(x.street_id), x.region_id, x.title, x.description, Nullable(x.vote_id), x.status,
       std::int64_t{x.respondents}, std::int64_t{x.supporters}, Nullable(x.decided_at), Nullable(x.decided_by),
       Nullable(x.created_by), x.created_at});
}

Result<std::optional<RiskAssessmentRecord>> FindRiskAssessment(Tx& tx, Id id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kRiskSelect) + " WHERE a.id = ?", {id}));
  if (!row) return std::optional<RiskAssessmentRecord>();
  return std::optional<RiskAssessmentRecord>(ReadRisk(*row));
}

Result<std::optional<RiskAssessmentRecord>> FindRiskAssessmentOfVote(Tx& tx, Id vote_id) {
  MS_ASSIGN(row, tx.QueryOne(std::string(kRiskSelect) + " WHERE a.vote_id = ? ORDER BY a.id DESC LIMIT 1", {vote_id}));
  if (!row) return std::optional<RiskAssessmentRecord>();
  return std::optional<RiskAssessmentRecord>(ReadRisk(*row));
}

Result<std::vector<RiskAssessmentRecord>> ListRiskAssessments(Tx& tx, const RiskAssessmentFilter& f) {
  Conditions where;
  if (f.scope_path) where.Add("r.path LIKE ?", {*f.scope_path + "%"});
  if (f.status) where.Add("a.status = ?", {*f.status});
  Params params = where.params();
  params.push_back(std::int64_t{f.limit});
  MS_ASSIGN(rows, tx.Query(std::string(kRiskSelect) + where.sql() + " ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
                           params));
  return MapRows(rows, ReadRisk);
}

Result<bool> DecideRiskAssessment(Tx& tx, Id id, const std::string& status, int respondents, int supporters,
                                  Id decided_by, Timestamp now) {
  MS_ASSIGN(changed, tx.Execute("UPDATE risk_assessments SET status = ?, respondents = ?, supporters = ?, "
                                "decided_at = ?, decided_by = ? WHERE id = ? AND status = 'collecting'",
                                {status, std::int64_t{respondents}, std::int64_t{supporters}, now, decided_by, id}));
  return changed == 1;
}

Result<Id> InsertRiskResponse(Tx& tx, const RiskResponseRecord& x) {
  return tx.Insert("INSERT INTO risk_responses (assessment_id, street_id, support, satisfaction, confidence, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {x.assessment_id, Nullable(x.street_id), std::int64_t{x.support}, std::int64_t{x.satisfaction},
                    std::int64_t{x.confidence}, Nullable(x.created_by), x.created_at});
}

Result<std::vector<RiskResponseRecord>> ListRiskResponses(Tx& tx, Id assessment_id) {
  MS_ASSIGN(rows, tx.Query("SELECT id, assessment_id, street_id, support, satisfaction, confidence, created_by, "
                           "created_at FROM risk_responses WHERE assessment_id = ? ORDER BY id",
                           {assessment_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    RiskResponseRecord x;
    x.id = c.Int();
    x.assessment_id = c.Int();
    x.street_id = c.OptInt();
    x.support = static_cast<int>(c.Int());
    x.satisfaction = static_cast<int>(c.Int());
    x.confidence = static_cast<int>(c.Int());
    x.created_by = c.OptInt();
    x.created_at = c.Int();
    return x;
  });
}

}  // namespace minsheng::store
