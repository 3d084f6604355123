#include "cli/demo_bulk.h"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/appeal_service.h"
#include "app/password.h"
#include "cli/demo_texts.h"
#include "core/deadline.h"
#include "core/lifecycle.h"
#include "store/bulk_appeals.h"

namespace minsheng::cli {
namespace {

using store::Id;
using store::OptId;

constexpr std::int64_t kMinute = 60;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kOfficeOpen = 8 * kHour + 30 * kMinute;
constexpr std::int64_t kOfficeClose = 17 * kHour + 30 * kMinute;

// The channels and their shares, as the stories draw them (demo.cpp); staff channels register in office hours.
struct BulkChannel {
  std::string_view name;
  int weight;
  bool office_hours;
};
constexpr std::array kBulkChannels = {
    BulkChannel{"phone", 30, true}, BulkChannel{"web", 18, false},  BulkChannel{"walk_in", 12, true},
    BulkChannel{"wall", 10, false}, BulkChannel{"grid", 9, true},   BulkChannel{"visit", 7, true},
    BulkChannel{"deputy", 8, true}, BulkChannel{"letter", 6, true},
};
constexpr std::array<std::pair<std::string_view, int>, 6> kBulkCommunities = {
    {{"s01c01", 5}, {"s01c02", 4}, {"s01c03", 4}, {"s02c01", 2}, {"s02c02", 2}, {"s02c03", 3}}};

// A receipt code from the appeal id (app/password.h), its most significant character first, so that codes sort as
// their ids do (the alphabet is in ASCII order). The receipt codes' unique index is the one index a bulk load cannot
// suspend (a constraint); codes in id order append to it, where codes spread over the whole space dirtied a random
// leaf page per appeal (at 10M, ~70 MB of WAL per 20,000-appeal commit). Each id owns a span of kSpan codes and
// takes a scrambled one of it, so codes still look random and never repeat for ids below 31^12 / kSpan (10^8);
// the stories' random codes collide with one with odds near 1e-12.
std::string BulkReceiptCode(Id id) {
  static_assert(app::kReceiptAlphabet.size() == 31 && app::kReceiptLength == 12);
  constexpr unsigned __int128 kSpace = 787662783788549761ULL;  // 31^12
  constexpr unsigned __int128 kSpan = kSpace / 100'000'000;
  const auto n = static_cast<unsigned __int128>(id);
  unsigned __int128 x = (n * kSpan + (n * 614889782588491411ULL + 123456789ULL) % kSpan) % kSpace;
  std::string code(app::kReceiptLength, ' ');
  for (auto c = code.rbegin(); c != code.rend(); ++c) {
    *c = app::kReceiptAlphabet[static_cast<std::size_t>(x % 31)];
    x /= 31;
  }
  return code;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

constexpr std::size_t kSummaryBytes = 360;  // about 120 Chinese characters

// The fixture's people and units the histories name.
struct Cast {
  struct Person {
    Id id = 0;
    std::string label;  // the actor's public label (its role)
  };
  std::map<std::string, Person, std::less<>> users;
  const Person& User(std::string_view name) const { return users.find(name)->second; }
};

class Generator {
 public:
  Generator(const LoadedFixture& fixture, const WorkCalendar& cal, const BulkDemoOptions& o, store::BulkIds& ids)
      : fx_(fixture), cal_(cal), o_(o), ids_(ids) {
    for (const auto& [name, u] : fixture.users) {
      auto role = ParseRole(u.role);
      cast_.users.emplace(name, Cast::Person{u.id, role ? std::string(RoleLabel(*role)) : u.role});
    }
    for (const auto& c : DemoCategories()) category_total_ += c.weight;
  }

  store::AppealHistory Next(std::uint64_t index) {
    rng_ = DemoRandom(o_.seed * 0x9E3779B97F4A7C15ULL + index * 0xBF58476D1CE4E5B9ULL + 1);
    h_ = {};
    a_ = &h_.appeal;
    a_->id = ids_.appeal++;
    stopped_ = false;
    state_ = AppealState::kReceived;
    index_ = index;
    Register();
    if (!stopped_) Route();
    previous_created_ = a_->created_at;
    a_->status = std::string(StateName(state_));
    a_->version = static_cast<std::int64_t>(h_.events.size());
    return std::move(h_);
  }

 private:
  // --- time ---
  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(rng_.Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  static std::int64_t TimeOfDay(Timestamp t) { return t - LocalDayStart(LocalDay(t)); }
  Timestamp NextOffice(Timestamp t) {
    auto day = LocalDay(t);
    if (cal_.IsWorkingDay(day) && TimeOfDay(t) >= kOfficeOpen && TimeOfDay(t) <= kOfficeClose) return t;
    if (!cal_.IsWorkingDay(day) || TimeOfDay(t) > kOfficeClose) day = cal_.AddWorkingDays(day, 1);
    return LocalDayStart(day) + kOfficeOpen + Uniform(0, 50 * kMinute);
  }
  Timestamp OfficeAfter(Timestamp t, double lo_hours, double hi_hours) {
    return NextOffice(
        t + Uniform(static_cast<std::int64_t>(lo_hours * kHour), static_cast<std::int64_t>(hi_hours * kHour)));
  }
  // A moment before `due` (on time) or 1..max_late working days after it, in office hours.
  Timestamp Before(Timestamp after, Timestamp due) {
    const std::int64_t room = due - after;
    if (room <= kHour) return after + 10 * kMinute;
    Timestamp t = NextOffice(after + Uniform(20 * kMinute, room * 3 / 4));
    return t <= due - kMinute ? t : after + Uniform(10 * kMinute, room / 2);
  }
  Timestamp Late(Timestamp due, int max_late) {
    return LocalDayStart(cal_.AddWorkingDays(LocalDay(due - 1), rng_.Between(1, max_late))) +
           Uniform(kOfficeOpen, kOfficeClose);
  }
  // Takes a step at t (never before the previous one); false when t is past now (the history ends there).
  bool At(Timestamp t) {
    t = std::max(t, last_ + kMinute);
    if (t > o_.now) {
      stopped_ = true;
      return false;
    }
    last_ = t;
    a_->updated_at = t;
    return true;
  }

  // --- rows ---
  void Event(const Cast::Person* who, std::string_view action, AppealState to, std::string note,
             std::string data = "{}", bool first = false) {
    store::EventRecord e;
    e.id = ids_.event++;
    e.appeal_id = a_->id;
    e.seq = static_cast<int>(h_.events.size()) + 1;
    e.at = last_;
    if (who) {
      if (who->id != 0) e.actor_id = who->id;
      e.actor_label = who->label;
    } else {
      e.actor_label = "群众";
    }
    e.action = std::string(action);
    if (!first) e.from_status = std::string(StateName(state_));
    e.to_status = std::string(StateName(to));
    e.note = std::move(note);
    e.data = std::move(data);
    h_.events.push_back(std::move(e));
    state_ = to;
  }

  // --- the history ---
  void Register() {
    const auto cats = DemoCategories();
    int r = rng_.Below(category_total_);
    const DemoCategory* category = &cats.back();
    for (const auto& c : cats) {
      r -= c.weight;
      if (r < 0) {
        category = &c;
        break;
      }
    }
    category_ = &fx_.categories.at(std::string(category->code));
    lead_unit_ = *category_->default_department_id;
    unit_code_.clear();
    for (const auto& [code, d] : fx_.departments)
      if (d.id == lead_unit_) unit_code_ = code;
    const bool estate = IsEstateCategory(category->code);
    int total = 0;
    for (const auto& [code, w] : kBulkCommunities) total += estate && (code == "s02c01" || code == "s02c02") ? 0 : w;
    int pick = rng_.Below(total);
    std::string community = "s01c01";
    for (const auto& [code, w] : kBulkCommunities) {
      pick -= estate && (code == "s02c01" || code == "s02c02") ? 0 : w;
      if (pick < 0) {
        community = std::string(code);
        break;
      }
    }
    street_ = community.substr(0, 3);
    const std::string region = rng_.Chance(0.6) ? community + (rng_.Chance(0.5) ? "g01" : "g02") : community;
    const auto& region_record = fx_.regions.at(region);
    int cw = rng_.Below(100);
    const BulkChannel* channel = &kBulkChannels[0];
    for (const auto& c : kBulkChannels) {
      cw -= c.weight;
      if (cw < 0) {
        channel = &c;
        break;
      }
    }
    const bool online = channel->name == "web" || channel->name == "wall";
    online_ = online;
    const DemoPlace place = ComposePlace(community, estate, rng_);
    if (o_.messages && !o_.messages->empty()) {
      const auto& m = *o_.messages;
      const std::size_t i = static_cast<std::size_t>(rng_.Next() % m.titles.size());
      a_->title = m.titles[i];
      a_->content = online_ ? m.contents[i] : MessageSummary(m.contents[i], kSummaryBytes);
    } else {
      AppealText text = ComposeAppeal(category->code, channel->name, place, rng_);
      a_->title = std::move(text.title);
      a_->content = std::move(text.content);
    }
    a_->receipt_code = BulkReceiptCode(a_->id);
    a_->channel = std::string(channel->name);
    a_->region_id = region_record.id;
    a_->street_id = region_record.street_id;
    a_->category_id = category_->id;
    a_->address = place.address;
    a_->anonymous = online ? rng_.Chance(0.2) : rng_.Chance(0.04);
    if (!a_->anonymous) {
      a_->appellant_name = ComposeAppellantName(rng_);
      if (rng_.Chance(0.92)) a_->appellant_phone = ComposePhone(rng_);
    }

    // Registered at a moment of the period; staff channels in office hours on working days (the 2025–2026
    // holidays from the calendar; earlier years have only weekends off).
    // Spread evenly in id order (ids grow with time, as in a real installation), a few hours either way.
    const std::int64_t span = static_cast<std::int64_t>(o_.years) * 365 * kDay;
    const double at = (static_cast<double>(index_) + 0.5) / static_cast<double>(std::max(1, o_.appeals));
    Timestamp t =
        o_.now - span + static_cast<std::int64_t>(at * static_cast<double>(span)) + Uniform(-6 * kHour, 6 * kHour);
    if (channel->office_hours) {
      t = NextOffice(LocalDayStart(LocalDay(t)) + Uniform(kOfficeOpen, kOfficeClose));
      if (t > o_.now) t = o_.now - Uniform(kMinute, kHour);
    } else {
      t = LocalDayStart(LocalDay(t)) + Uniform(7 * kHour, 23 * kHour + 30 * kMinute);
      if (t > o_.now) t = o_.now - Uniform(kMinute, kHour);
    }
    last_ = t - kMinute;
    At(t);
    a_->created_at = t;
    const Cast::Person* registrar = nullptr;
    if (!online) {
      std::string name = channel->name == "deputy" ? (rng_.Chance(0.6) ? "deputy-" + street_ : "deputy")
                         : channel->name == "phone" || channel->name == "letter"
                             ? "registrar"
                             : (rng_.Chance(0.7) ? "registrar-" + street_ : "registrar");
      registrar = &cast_.User(name);
      a_->created_by = registrar->id;
    }
    state_ = AppealState::kReceived;
    Event(registrar, "register", AppealState::kReceived,
          "通过" + std::string(app::ChannelLabel(a_->channel)) + "渠道受理", "{}", true);
  }

  const Cast::Person& Coordinator() { return cast_.User(rng_.Chance(0.5) ? "coordinator-" + street_ : "coordinator"); }

  void Route() {
    const double r = rng_.Unit();
    if (!At(OfficeAfter(last_, 0.3, 6))) return;
    if (r < 0.03) {
      Event(&Coordinator(), "reject", AppealState::kRejected, ComposeRejectNote(rng_));
      a_->closed_at = last_;
      return;
    }
    if (r < 0.06 && a_->id > first_id_ && previous_created_ < a_->created_at) {
      // The same matter as the appeal registered just before.
      a_->merged_into_id = a_->id - 1;
      a_->closed_at = last_;
      Event(&Coordinator(), "merge", AppealState::kMerged, ComposeMergeNote(rng_),
            nlohmann::json{{"merge_into_id", a_->id - 1}}.dump());
      return;
    }
    if (r < 0.085) {
      Event(&Coordinator(), "escalate", AppealState::kEscalated, ComposeEscalateNote(rng_));
      if (!At(LocalDayStart(cal_.AddWorkingDays(LocalDay(last_), rng_.Between(15, 40))) + kOfficeOpen + kHour)) return;
      a_->closed_at = last_;
      a_->closed_on_time = 1;
      Event(&Coordinator(), "close", AppealState::kClosed, "建议已转交有关部门研究办理，本诉求办结。");
      return;
    }
    for (int round = 1; round <= 2; ++round) {
      if (!Round(round)) return;
      if (state_ != AppealState::kReopened) return;
      if (!At(OfficeAfter(last_, 2, 30))) return;
    }
  }

  // One round with the lead unit: dispatch, accept, contact, perhaps an extension, reply, callback. False when
  // the history stopped at now.
  bool Round(int round) {
    const Cast::Person& coordinator = Coordinator();
    const Cast::Person& handler = cast_.User("handler-" + unit_code_);
    const Timestamp now = last_;
    const Timestamp reply_due = ComputeDeadline(cal_, now, category_->reply_days).due;
    a_->lead_unit_id = lead_unit_;
    a_->dispatched_at = now;
    a_->accept_due = ComputeDeadline(cal_, now, category_->accept_days).due;
    a_->contact_due = ComputeDeadline(cal_, now, category_->contact_days).due;
    a_->reply_due = reply_due;
    a_->resolve_due = std::max(reply_due, ComputeDeadline(cal_, now, category_->resolve_days).due);
    a_->escalate_due = ExtendDue(cal_, reply_due, category_->escalate_days);
    a_->accepted_at.reset();
    a_->replied_at.reset();
    a_->reply_on_time.reset();
    for (auto& d : h_.dispatches)
      if (d.active) {
        d.active = false;
        d.ended_at = now;
        d.end_reason = "重新派单";
      }
    h_.dispatches.push_back({.id = ids_.dispatch++,
                             .appeal_id = a_->id,
                             .unit_id = lead_unit_,
                             .role = "lead",
                             .active = true,
                             .dispatched_at = now,
                             .dispatched_by = coordinator.id});
    const std::string& unit_name = fx_.departments.at(unit_code_).name;
    Event(&coordinator, "dispatch", AppealState::kDispatched,
          ComposeDispatchNote(round == 1 ? DispatchSituation::kFirst : DispatchSituation::kReopened, false, rng_),
          nlohmann::json{
              {"lead_unit_id", lead_unit_}, {"assisting_unit_ids", nlohmann::json::array()}, {"reply_due", reply_due}}
              .dump());

    if (!At(OfficeAfter(last_, 0.3, 8))) return false;
    a_->accepted_at = last_;
    Event(&handler, "accept", AppealState::kAccepted, ComposeAcceptNote(rng_));

    const bool contact_late = rng_.Chance(0.07);
    if (!At(contact_late ? Late(*a_->contact_due, 2) : Before(last_, *a_->contact_due))) return false;
    if (!a_->first_contact_at) {
      a_->first_contact_at = last_;
      a_->first_contact_on_time = last_ <= *a_->contact_due ? 1 : 0;
    }
    static constexpr std::array<const char*, 3> kMethods = {"phone", "visit", "sms"};
    Event(&handler, "contact", AppealState::kInProgress, ComposeContactNote(rng_),
          nlohmann::json{{"method", kMethods[static_cast<std::size_t>(rng_.Below(3))]}}.dump());

    if (rng_.Chance(round > 1 ? 0.04 : 0.08)) {
      if (!At(Before(last_, *a_->reply_due))) return false;
      const int days = std::array{3, 5, 5, 10}[static_cast<std::size_t>(rng_.Below(4))];
      store::ExtensionRecord x{.id = ids_.extension++,
                               .appeal_id = a_->id,
                               .unit_id = lead_unit_,
                               .requested_by = handler.id,
                               .days = days,
                               .reason = ComposeExtensionReason(rng_),
                               .status = "pending",
                               .created_at = last_};
      Event(&handler, ActionName(Action::kRequestExtension), state_, x.reason,
            nlohmann::json{{"extension_id", x.id}, {"days", days}}.dump());
      const bool approve = rng_.Chance(0.85);
      if (!At(OfficeAfter(last_, 1, 8))) {
        h_.extensions.push_back(std::move(x));  // still pending at now
        return false;
      }
      const Cast::Person& decider = cast_.User("coordinator");
      x.status = approve ? "approved" : "refused";
      x.decided_by = decider.id;
      x.decided_at = last_;
      x.decision_note = approve ? "同意延期，请在延期内办结。" : "理由不充分，请按原期限办理。";
      nlohmann::json data{{"extension_id", x.id}, {"approved", approve}, {"days", days}};
      if (approve) {
        a_->reply_due = ExtendDue(cal_, *a_->reply_due, days);
        a_->resolve_due = ExtendDue(cal_, *a_->resolve_due, days);
        a_->escalate_due = ExtendDue(cal_, *a_->escalate_due, days);
        data["reply_due"] = *a_->reply_due;
      }
      Event(&decider, approve ? "extension_approved" : "extension_refused", state_, x.decision_note, data.dump());
      h_.extensions.push_back(std::move(x));
    }

    // A late reply comes before the escalation deadline; the sweep noticed it the first time it ran after the
    // reply deadline (and the resolve deadline, when that passed too).
    const bool reply_late = rng_.Chance(round > 1 ? 0.06 : 0.12);
    Timestamp reply_at = reply_late ? Late(*a_->reply_due, 4) : Before(last_ + 4 * kHour, *a_->reply_due);
    if (reply_at >= *a_->escalate_due) reply_at = *a_->escalate_due - Uniform(kHour, 6 * kHour);
    for (auto [kind, due] :
         {std::pair{"reply_overdue", *a_->reply_due}, std::pair{"resolve_overdue", *a_->resolve_due}}) {
      const Timestamp noticed = due + Uniform(kMinute, 30 * kMinute);
      if (reply_at <= noticed || reply_at <= last_) continue;
      if (!At(noticed)) return false;
      const std::string note =
          std::string(kind == std::string_view("reply_overdue") ? "已超过答复期限" : "已超过办结期限") + "，请尽快" +
          (kind == std::string_view("reply_overdue") ? "答复" : "办结");
      h_.notices.push_back({.id = ids_.notice++,
                            .appeal_id = a_->id,
                            .unit_id = lead_unit_,
                            .kind = kind,
                            .deadline = due,
                            .issued_at = last_,
                            .note = note});
      Event(&kSystem, "supervision_notice", state_, note, nlohmann::json{{"kind", kind}, {"deadline", due}}.dump());
    }
    if (!At(reply_at)) return false;
    const Id reply_id = ids_.reply++;
    std::string content;
    if (o_.messages && !o_.messages->replies.empty()) {
      content = o_.messages->replies[static_cast<std::size_t>(rng_.Next() % o_.messages->replies.size())];
      if (!online_) content = MessageSummary(content, kSummaryBytes);
    } else {
      content = "您反映的问题已收悉。经" + unit_name + "核查处理，相关问题已按规定办理，感谢您的监督。";
    }
    h_.replies.push_back({.id = reply_id,
                          .appeal_id = a_->id,
                          .unit_id = lead_unit_,
                          .author_id = handler.id,
                          .content = content,
                          .created_at = last_});
    a_->replied_at = last_;
    a_->reply_on_time = last_ <= *a_->reply_due ? 1 : 0;
    Event(&handler, "reply", AppealState::kReplied, std::move(content), nlohmann::json{{"reply_id", reply_id}}.dump());

    if (!At(OfficeAfter(last_, 4, 72))) return false;
    // Second rounds end satisfied or basically satisfied: a second dissatisfaction would go to a leader.
    const double r = rng_.Unit();
    const bool late = a_->reply_on_time == 0;
    const double satisfied = 0.58 - (late ? 0.12 : 0.0), basically = round > 1 ? 1.0 : 0.27;
    store::CallbackRecord cb{.id = ids_.callback++, .appeal_id = a_->id, .created_at = last_};
    std::vector<std::string> causes;
    if (r < satisfied) {
      cb.satisfaction = "satisfied";
      cb.resolved = rng_.Chance(0.92);
      cb.reason = ComposeSatisfiedReason(rng_);
    } else if (r < satisfied + basically) {
      cb.satisfaction = "basically_satisfied";
      cb.resolved = rng_.Chance(0.65);
      cb.reason = cb.resolved ? "基本解决，希望长效管理。" : "部门态度还可以，但问题还没有彻底解决。";
    } else {
      cb.satisfaction = "dissatisfied";
      cb.resolved = rng_.Chance(0.1);
      cb.reason = ComposeDissatisfiedReason(false, rng_);
      causes = CausesOfDissatisfiedReason(cb.reason);
      if (causes.empty()) causes.push_back("other");
    }
    const Cast::Person* by = nullptr;
    if (!((a_->anonymous || a_->channel == "web") && rng_.Chance(0.6))) by = &cast_.User("supervisor");
    cb.source = by ? "staff" : "resident";
    if (by) cb.recorded_by = by->id;
    a_->callback_count += 1;
    a_->last_resolved = cb.resolved ? 1 : 0;
    a_->last_satisfaction = cb.satisfaction;
    nlohmann::json data{{"resolved", cb.resolved}, {"satisfaction", cb.satisfaction}};
    AppealState to = AppealState::kClosed;
    if (cb.satisfaction == "dissatisfied") {
      data["causes"] = causes;
      a_->reopen_count += 1;
      a_->dissatisfied_count += 1;
      to = AppealState::kReopened;
    } else {
      a_->closed_at = last_;
      a_->closed_on_time = a_->reply_on_time.value_or(0);
    }
    Event(by, "callback", to, cb.reason, data.dump());
    h_.callbacks.push_back(std::move(cb));
    h_.callback_causes.resize(h_.callbacks.size());
    h_.callback_causes.back() = std::move(causes);
    return true;
  }

 public:
  Id first_id_ = 0;                                     // the first bulk appeal: merges point back only to bulk appeals
  inline static const Cast::Person kSystem{0, "系统"};  // the deadline sweep

 private:
  const LoadedFixture& fx_;
  const WorkCalendar& cal_;
  const BulkDemoOptions& o_;
  store::BulkIds& ids_;
  Cast cast_;
  int category_total_ = 0;
  DemoRandom rng_{0};
  store::AppealHistory h_;
  store::AppealRecord* a_ = nullptr;
  AppealState state_ = AppealState::kReceived;
  Timestamp last_ = 0;
  Timestamp previous_created_ = 0;
  std::uint64_t index_ = 0;
  bool stopped_ = false;
  bool online_ = false;  // registered on the web or the wall (texts kept whole)
  const store::CategoryRecord* category_ = nullptr;
  Id lead_unit_ = 0;
  std::string unit_code_, street_;
};

}  // namespace

std::string MessageSummary(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = 0;
  for (std::string_view end : {"。", "！", "？"})
    if (auto at = max_bytes < end.size() ? std::string::npos : text.rfind(end, max_bytes - end.size());
        at != std::string::npos && at + end.size() > cut)
      cut = at + end.size();
  if (cut >= max_bytes / 3) return text.substr(0, cut);
  cut = max_bytes > 3 ? max_bytes - 3 : 0;  // room for "…"
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"')
        field += c;
      else if (i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else
        quoted = false;
      continue;
    }
    if (c == '"')
      quoted = any = true;
    else if (c == ',')
      row.push_back(std::move(field)), field.clear(), any = true;
    else if (c == '\r')
      continue;
    else if (c == '\n') {
      if (any || !field.empty()) row.push_back(std::move(field));
      if (!row.empty()) rows.push_back(std::move(row));
      row.clear(), field.clear(), any = false;
    } else
      field += c, any = true;
  }
  if (any || !field.empty()) row.push_back(std::move(field));
  if (!row.empty()) rows.push_back(std::move(row));
  return rows;
}

DemoMessages LoadDemoMessages(const std::string& dir) {
  DemoMessages out;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return out;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".csv") files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // the same order everywhere: the same texts for a seed
  auto trimmed = [](std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t')) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && (s[b] == ' ' || s[b] == '\n' || s[b] == '\t')) ++b;
    return s.substr(b);
  };
  for (const auto& file : files) {
    const auto rows = ParseCsv(ReadFile(file));
    if (rows.empty()) continue;
    std::optional<std::size_t> title, content, reply;
    for (std::size_t i = 0; i < rows[0].size(); ++i) {
      const std::string h = trimmed(rows[0][i]);
      if (h == "留言主题") title = i;
      if (h == "留言详情") content = i;
      if (h == "答复意见") reply = i;
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const auto& row = rows[r];
      if (title && content && *title < row.size() && *content < row.size()) {
        std::string t = trimmed(row[*title]), c = trimmed(row[*content]);
        if (!t.empty() && !c.empty()) {
          out.titles.push_back(std::move(t));
          out.contents.push_back(std::move(c));
        }
      }
      if (reply && *reply < row.size()) {
        std::string x = trimmed(row[*reply]);
        if (!x.empty()) out.replies.push_back(std::move(x));
      }
    }
  }
  return out;
}

Status LoadBulkDemoAppeals(store::Database& db, const LoadedFixture& fixture, const WorkCalendar& calendar,
                           const BulkDemoOptions& options) {
  if (options.appeals <= 0) return {};
  MS_ASSIGN(ids, store::NextBulkIds(db));
  Generator gen(fixture, calendar, options, ids);
  gen.first_id_ = ids.appeal;
  const int batch = std::max(1, options.batch);
  MS_TRY(store::BeginBulkLoad(db, options.appeals));
  if (options.progress) options.progress("appeals", 0, options.appeals);  // the clock of the rate starts here

  // Two stages on two threads: this thread writes batch k while the producer generates and prepares batch k + 1
  // (at most two batches wait, so memory stays bounded).
  std::mutex mu;
  std::condition_variable changed;
  std::deque<store::BulkBatch> ready;
  std::optional<Status> produced;  // set when the producer ends: ok, or why it stopped
  bool writer_failed = false;
  std::jthread producer([&] {
    Status status;
    for (int done = 0; done < options.appeals && status;) {
      const int n = std::min(batch, options.appeals - done);
      std::vector<store::AppealHistory> histories;
      histories.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) histories.push_back(gen.Next(static_cast<std::uint64_t>(done + i)));
      auto prepared = store::PrepareBulkBatch(std::move(histories), ids);
      if (!prepared) {
        status = std::unexpected(prepared.error());
        break;
      }
      done += n;
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return ready.size() < 2 || writer_failed; });
      if (writer_failed) break;
      ready.push_back(std::move(*prepared));
      changed.notify_all();
    }
    std::lock_guard lock(mu);
    produced = status;
    changed.notify_all();
  });

  Status status;
  for (std::int64_t written = 0;;) {
    store::BulkBatch next;
    {
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return !ready.empty() || produced.has_value(); });
      if (ready.empty()) break;
      next = std::move(ready.front());
      ready.pop_front();
      changed.notify_all();
    }
    status = store::WriteBulkBatch(db, next);
    if (!status) {
      std::lock_guard lock(mu);
      writer_failed = true;
      changed.notify_all();
      break;
    }
    written += static_cast<std::int64_t>(next.appeals());
    if (options.progress) options.progress("appeals", written, options.appeals);
  }
  producer.join();
  MS_TRY(status);
  MS_TRY(*produced);
  return store::FinishBulkLoad(db, [&](std::string_view, int built, int total) {
    if (options.progress) options.progress("indexes", built, total);
  });
}

}  // namespace minsheng::cli
