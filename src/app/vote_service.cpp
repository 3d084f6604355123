#include "app/vote_service.h"

#include <algorithm>
#include <map>

#include "app/appeal_service.h"
#include "app/audit.h"
#include "app/password.h"
#include "app/region_scope.h"
#include "core/access.h"
#include "core/calendar.h"

namespace minsheng::app {
namespace {

using store::Id;
using store::Tx;

Error VoteNotFound() { return Error::NotFound("投票不存在", "id"); }

bool InRegion(const Actor& actor, const std::string& path) {
  return actor.DistrictWide() || path.starts_with(actor.region_path);
}

Error InvalidTransition(VoteStatus status, std::string message) {
  Error e = Error::Conflict("invalid_transition", std::move(message));
  e.allowed = AllowedVoteActions(status);
  return e;
}

// A new voter code: ten characters of the receipt-code alphabet (libsodium's randombytes, ~49 bits).
std::string NewVoterCode() { return NewReceiptCode().substr(0, kVoterCodeLength); }

std::string MaskedPhone(const std::string& phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

// Stores `count` new codes of `vote` and returns them as printed. A digest collision with an existing code
// (about 2^-49 a code) fails the transaction with unique_violation; the caller retries it.
Result<std::vector<std::string>> StoreNewCodes(Tx& tx, const store::VoteRecord& vote, int count, Timestamp now) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const std::string code = NewVoterCode();
    MS_TRY(store::InsertVoterCode(tx, vote.id, vote.street_id, vote.region_id, DigestHex(code), now));
    out.push_back(FormatVoterCode(code));
  }
  return out;
}

}  // namespace

VoteService::VoteService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<VoteView> VoteService::Load(Tx& tx, Id vote_id, bool with_counts) {
  MS_ASSIGN(vote, store::FindVote(tx, vote_id));
  if (!vote) return Fail(VoteNotFound());
  VoteView view;
  MS_ASSIGN(options, store::ListVoteOptions(tx, vote_id));
  view.options = std::move(options);
  view.status = VoteStatusAt(clock_.Now(), vote->opens_at, vote->closes_at, vote->closed_at.has_value());
  if (with_counts) {
    MS_ASSIGN(codes, store::CountVoterCodes(tx, vote_id));
    view.codes = codes;
  }
  if (vote->major) {
    MS_ASSIGN(risk, store::FindRiskAssessmentOfVote(tx, vote_id));
    view.risk = std::move(risk);
  }
  view.vote = std::move(*vote);
  return view;
}

Result<VoteView> VoteService::LoadInScope(Tx& tx, const Actor& actor, Id vote_id) {
  MS_ASSIGN(view, Load(tx, vote_id, true));
  if (!InRegion(actor, view.vote.region_path)) return Fail(VoteNotFound());
  return view;
}

Result<VoteView> VoteService::Create(const Actor& actor, const VoteInput& in) {
  MS_TRY(RequireOperation(actor, Operation::kManageVotes, "组织实事项目投票"));
  if (in.options.empty()) return Fail(Error::Invalid("missing_field", "请至少列出一个候选项目", "options"));
  if (in.options.size() > static_cast<std::size_t>(kMaxVoteOptions))
    return Fail(Error::Invalid("too_long", "候选项目最多 30 个", "options"));
  for (const auto& title : in.options)
    if (title.empty()) return Fail(Error::Invalid("missing_field", "候选项目名称不能为空", "options"));
  if (in.max_choices < 1 || in.max_choices > static_cast<int>(in.options.size()))
    return Fail(Error::Invalid("out_of_range", "每票可选项目数应在 1 到候选项目数之间", "max_choices"));
  const Timestamp now = clock_.Now();
  const Timestamp opens_at = in.opens_at.value_or(now);
  if (in.closes_at <= opens_at)
    return Fail(Error::Invalid("invalid_value", "截止时间应晚于开始时间", "closes_at"));
  if (in.closes_at <= now) return Fail(Error::Invalid("invalid_value", "截止时间应晚于现在", "closes_at"));
  return WriteValue<VoteView>(db_, [&](Tx& tx) -> Result<VoteView> {
    MS_ASSIGN(region, RegionInScope(tx, actor, in.region_id));
    if (region.level != "street" && region.level != "community")
      return Fail(Error::Invalid("invalid_value", "投票区域应为街镇或社区", "region_id"));
    store::VoteRecord v;
    v.street_id = region.street_id;
    v.region_id = region.id;
    v.title = in.title;
    v.description = in.description;
    v.major = in.major;
    v.max_choices = in.max_choices;
    v.opens_at = opens_at;
    v.closes_at = in.closes_at;
    v.created_by = actor.user_id;
    v.created_at = now;
    MS_ASSIGN(id, store::InsertVote(tx, v));
    for (std::size_t i = 0; i < in.options.size(); ++i)
      MS_TRY(store::InsertVoteOption(tx, {.vote_id = id, .street_id = region.street_id,
                                          .sort_order = static_cast<int>(i) + 1, .title = in.options[i]}));
    return Load(tx, id, true);
  });
}

Result<std::vector<VoteView>> VoteService::List(const Actor& actor) {
  MS_TRY(RequireOperation(actor, Operation::kReadVotes, "查看实事项目投票和稳定风险评估"));
  store::VoteFilter f;
  if (!actor.DistrictWide()) f.scope_path = actor.region_path;
  return ReadMayLagValue<std::vector<VoteView>>(db_, [&](Tx& tx) -> Result<std::vector<VoteView>> {
    MS_ASSIGN(votes, store::ListVotes(tx, f));
    std::vector<VoteView> out;
    for (const auto& v : votes) {
      MS_ASSIGN(view, Load(tx, v.id, true));
      out.push_back(std::move(view));
    }
    return out;
  });
}

Result<VoteView> VoteService::Get(const Actor& actor, Id vote_id) {
  MS_TRY(RequireOperation(actor, Operation::kReadVotes, "查看实事项目投票和稳定风险评估"));
  return ReadValue<VoteView>(db_, [&](Tx& tx) { return LoadInScope(tx, actor, vote_id); });
}

Result<IssuedCodes> VoteService::IssueCodes(const Actor& actor, Id vote_id, int count) {
  MS_TRY(RequireOperation(actor, Operation::kManageVotes, "组织实事项目投票"));
  if (count < 1 || count > kMaxVoterCodesPerRequest)
    return Fail(Error::Invalid("out_of_range", "一次可发放 1 到 500 个投票码", "count"));
  auto issue = [&]() {
    return WriteValue<IssuedCodes>(db_, [&](Tx& tx) -> Result<IssuedCodes> {
      MS_ASSIGN(view, LoadInScope(tx, actor, vote_id));
      if (!VoteAllows(view.status, VoteAction::kIssueCodes))
        return Fail(InvalidTransition(view.status, "该投票已截止，不能再发放投票码"));
      const Timestamp now = clock_.Now();
      MS_ASSIGN(codes, StoreNewCodes(tx, view.vote, count, now));
      MS_TRY(Audit(tx, actor, now, "voter_codes_issue", "vote", vote_id, view.vote.street_id, {{"count", count}}));
      return IssuedCodes{vote_id, std::move(codes)};
    });
  };
  auto issued = issue();
  if (!issued && issued.error().code == "unique_violation") issued = issue();  // a digest collided: new codes
  return issued;
}

Result<Id> VoteService::SendCode(const Actor& actor, Id vote_id, const std::string& phone) {
  MS_TRY(RequireOperation(actor, Operation::kManageVotes, "组织实事项目投票"));
  if (!IsValidPhone(phone)) return Fail(Error::Invalid("invalid_value", "手机号码格式不正确", "phone"));
  auto send = [&]() {
    return WriteValue<Id>(db_, [&](Tx& tx) -> Result<Id> {
      MS_ASSIGN(view, LoadInScope(tx, actor, vote_id));
      if (!VoteAllows(view.status, VoteAction::kIssueCodes))
        return Fail(InvalidTransition(view.status, "该投票已截止，不能再发放投票码"));
      const Timestamp now = clock_.Now();
      MS_ASSIGN(codes, StoreNewCodes(tx, view.vote, 1, now));
      store::SmsRecord sms{.street_id = view.vote.street_id, .kind = "voter_code", .phone = phone,
                           .body = "【民声】您参加“" + view.vote.title + "”投票的一次性投票码为 " + codes.front() +
                                   "，请在 " + FormatDate(LocalDay(view.vote.closes_at)) +
                                   " 前在民声网站投票。投票码仅限本人使用一次。",
                           .created_by = actor.user_id, .created_at = now};
      MS_ASSIGN(id, store::InsertSms(tx, sms));
      MS_TRY(Audit(tx, actor, now, "voter_code_send", "vote", vote_id, view.vote.street_id,
                   {{"phone", MaskedPhone(phone)}}));
      return id;
    });
  };
  auto sent = send();
  if (!sent && sent.error().code == "unique_violation") sent = send();
  return sent;
}

Result<VoteView> VoteService::Close(const Actor& actor, Id vote_id) {
  MS_TRY(RequireOperation(actor, Operation::kManageVotes, "组织实事项目投票"));
  return WriteValue<VoteView>(db_, [&](Tx& tx) -> Result<VoteView> {
    MS_ASSIGN(view, LoadInScope(tx, actor, vote_id));
    if (!VoteAllows(view.status, VoteAction::kClose)) return Fail(InvalidTransition(view.status, "该投票已结束"));
    const Timestamp now = clock_.Now();
    MS_ASSIGN(closed, store::CloseVote(tx, vote_id, actor.user_id, now));
    if (!closed) return Fail(InvalidTransition(VoteStatus::kClosed, "该投票已结束"));
    MS_TRY(Audit(tx, actor, now, "vote_close", "vote", vote_id, view.vote.street_id));
    return Load(tx, vote_id, true);
  });
}

Result<std::vector<VoteView>> VoteService::Published() {
  store::VoteFilter f;
  f.published_only = true;
  f.now = clock_.Now();
  f.limit = 100;
  return ReadMayLagValue<std::vector<VoteView>>(db_, [&](Tx& tx) -> Result<std::vector<VoteView>> {
    MS_ASSIGN(votes, store::ListVotes(tx, f));
    std::vector<VoteView> out;
    for (const auto& v : votes) {
      MS_ASSIGN(view, Load(tx, v.id, false));
      out.push_back(std::move(view));
    }
    return out;
  });
}

Result<VoteView> VoteService::PublishedOne(Id vote_id) {
  return ReadValue<VoteView>(db_, [&](Tx& tx) -> Result<VoteView> {
    MS_ASSIGN(view, Load(tx, vote_id, false));
    if (view.status == VoteStatus::kScheduled) return Fail(VoteNotFound());
    return view;
  });
}

Status VoteService::Cast(Id vote_id, const std::string& typed_code, const std::vector<Id>& choices) {
  const auto code = NormalizeVoterCode(typed_code);
  const Error unknown_code = Error::Invalid("unknown_code", "投票码无效，请核对后重新输入", "code");
  return db_.Write([&](Tx& tx) -> Status {
    MS_ASSIGN(view, Load(tx, vote_id, false));
    if (!VoteAllows(view.status, VoteAction::kCast))
      return Fail(Error::Conflict("vote_not_open", view.status == VoteStatus::kScheduled ? "投票尚未开始"
                                                                                        : "投票已截止，不能再投票"));
    std::vector<Id> option_ids;
    for (const auto& o : view.options) option_ids.push_back(o.id);
    MS_TRY(CheckBallot(choices, option_ids, view.vote.max_choices));
    if (!code) return Fail(unknown_code);
    MS_ASSIGN(found, store::FindVoterCode(tx, DigestHex(*code)));
    if (!found) return Fail(unknown_code);
    if (found->vote_id != vote_id)
      return Fail(Error{ErrorKind::kForbidden, "forbidden", "该投票码不是本区域本次投票的投票码", "code", {}});
    MS_ASSIGN(used_now, store::UseVoterCode(tx, found->id));
    if (!used_now) return Fail(Error::Conflict("already_voted", "该投票码已经投过票"));
    MS_ASSIGN(ballot, store::InsertBallot(tx, vote_id, view.vote.street_id, choices));
    (void)ballot;
    return {};
  });
}

Result<VoteResults> VoteService::Results(Id vote_id) {
  return ReadValue<VoteResults>(db_, [&](Tx& tx) -> Result<VoteResults> {
    MS_ASSIGN(view, Load(tx, vote_id, true));
    if (view.status == VoteStatus::kScheduled) return Fail(VoteNotFound());
    if (view.status != VoteStatus::kClosed)
      return Fail(Error::Conflict("results_not_published", "投票结束后公布结果"));
    VoteResults out;
    MS_ASSIGN(turnout, store::CountBallots(tx, vote_id));
    MS_ASSIGN(counts, store::CountChoices(tx, vote_id));
    std::map<Id, std::int64_t> by_option;
    for (const auto& c : counts) by_option[c.option_id] = c.votes;
    out.turnout = turnout;
    for (const auto& o : view.options) {
      const std::int64_t votes = by_option.contains(o.id) ? by_option[o.id] : 0;
      out.options.push_back({o, votes, ProjectChosen(votes, turnout, view.vote.major)});
    }
    out.view = std::move(view);
    return out;
  });
}

}  // namespace minsheng::app
