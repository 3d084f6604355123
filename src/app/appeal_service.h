// The use cases of the appeal lifecycle (DESIGN.md §2). Each call is one transaction: it loads the
// appeal, checks the actor's role and scope and the state machine, changes the appeal and appends
// exactly one timeline event, or changes nothing and returns the error.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/actor_names.h"
#include "app/calendar_cache.h"
#include "app/case_plan_service.h"
#include "app/deputy_following.h"
#include "app/versioned_cache.h"
#include "core/clock.h"
#include "core/lifecycle.h"
#include "store/appeal_repository.h"
#include "store/database.h"
#include "store/opinion_repository.h"
#include "store/repeat_repository.h"

namespace minsheng::app {

struct RegisterInput {
  std::string title;
  std::string content;
  std::string channel;  // walk_in, letter, phone, web, wall, visit, grid, deputy
  store::Id region_id = 0;
  store::Id category_id = 0;
  std::string address;
  bool anonymous = false;
  std::string appellant_name;
  std::string appellant_phone;
};

struct DispatchInput {
  store::Id lead_unit_id = 0;
  std::vector<store::Id> assisting_unit_ids;
  std::optional<std::chrono::sys_days> deadline;  // reply deadline (end of that day) instead of the category's
  store::OptId case_owner_id;
  store::OptId deputy_id;
  std::string note;
  store::OptId consultation_id;  // set by a consultation's outcome: named in the dispatch event's data
  // The assisting units' opinion deadline (end of that day) instead of the default, 3 working days before
  // the reply deadline (core/assisting_opinion.h).
  std::optional<std::chrono::sys_days> opinion_deadline;
};

struct TriageInput {
  Action route = Action::kReject;  // kDeliberate, kEscalate, kExplain, kMerge or kReject
  std::string note;
  store::OptId merge_into_id;
  store::OptId deputy_id;  // explain: the deputy who must explain in person before the callback;
                           // escalate: the deputy whose draft proposal it becomes (default: the case's deputy)
  store::OptId proposal_id;  // escalate only: a draft proposal to join instead of a new one (issue 11)
  // deliberate: the consultation (协商议事) the appeal joins, which must still be collecting or deciding
  // (app/consultation_link.h); explain: the consultation whose refusal or outcome explains it.
  store::OptId consultation_id;
};

struct CallbackInput {
  bool resolved = false;
  std::string satisfaction;  // satisfied | basically_satisfied | dissatisfied
  std::string reason;
  // Dissatisfied only: the coded causes (core/dissatisfaction.h), none meaning {other} with the reason.
  std::vector<std::string> causes;
};

// An appeal with everything that hangs off it.
struct AppealDetail {
  store::AppealRecord appeal;
  std::vector<store::EventRecord> timeline;
  std::vector<store::DispatchRecord> dispatches;
  std::vector<store::ReplyRecord> replies;
  std::vector<store::CallbackRecord> callbacks;
  std::vector<store::ExtensionRecord> extensions;
  std::vector<store::NoticeRecord> notices;
  std::string case_owner_name;  // the display names of appeal.case_owner_id and deputy_id, "" when none
  std::string deputy_name;
  store::OptId field_log_id;    // the field log (民情日志) the appeal was raised from, if any
  DeputyFollowing following;  // the deputy's contacts and opinions (app/deputy_following.h)
  // Issue 12: the assisting units' opinions (every round; `active` for the current one) and the reply
  // drafts reviewed by the lead unit's head, oldest first.
  std::vector<store::OpinionRecord> opinions;
  std::vector<store::ReplyReviewRecord> reply_reviews;
  // Issue 12: the causes dissatisfied callbacks gave, the appeals it repeats and that repeat it, and the
  // registrar who first received it (首问负责: created_by), "" when registered on the portal.
  std::vector<store::CallbackCauseRecord> callback_causes;
  store::RepeatLinks repeat_links;
  std::string first_asked_by_name;
  // Who acted on the timeline: the person and their unit (app/actor_names.h). Cached with the detail, so
  // a renamed user keeps the old name here until the appeal next changes.
  ActorNames actors;
  // Issue 12, the case owner's plan (staff only): its steps, the progress as of the day of Get.
  CasePlan case_plan;
};

// Issue 13: a detail as it is read now, without copying it: the detail shared with the cache (never changed; its
// plan's progress is as of the day it was loaded) and what is read or worked out afresh for each request.
struct AppealView {
  std::shared_ptr<const AppealDetail> detail;
  // The lead unit's replies need its head's approval: the admin may switch it without touching the appeal.
  bool lead_reviews_replies = false;
  CasePlan case_plan;  // detail->case_plan's steps, the progress as of today
};

// How an appeal stands against its deadlines now: the reply's yellow/red warning, and the deadline that
// matters in its current state with the days past it (core/overdue.h).
struct AppealTiming {
  std::string_view urgency = "normal";
  std::optional<Timestamp> current_due;
  int overdue_days = 0;  // 0 when not overdue
};

// Channels an appeal can arrive through (GLOSSARY.md).
bool IsKnownChannel(std::string_view channel);
std::string_view ChannelLabel(std::string_view channel);
// A callback's satisfaction: satisfied | basically_satisfied | dissatisfied.
bool IsKnownSatisfaction(std::string_view satisfaction);
// Whether `phone` reads as a phone number: 5 to 20 of digits, '-' and '+' (appellants, bookings).
bool IsValidPhone(std::string_view phone);

// Read access to one appeal, in `tx`: kNotFound (as for a missing id) when it lies outside the actor's
// scope. For use cases outside this class that act on an appeal (app/deputy_case_service.cpp).
Status CheckCanSeeAppeal(store::Tx& tx, const Actor& actor, const store::AppealRecord& appeal);

class AppealService {
 public:
  AppealService(store::Database& db, const Clock& clock, const CalendarCache& calendar);

  // Registers an appeal in state received with a new receipt code. A resident actor registers
  // through the public portal (channel web).
  Result<store::AppealRecord> Register(const Actor& actor, const RegisterInput& input);
  // Register's rules and writes (the appeal and its first timeline event) inside the caller's transaction
  // `tx`, for a use case that registers an appeal together with something else (a field log raised into
  // an appeal). Nothing is cached or recorded outside `tx`.
  Result<store::AppealRecord> RegisterIn(store::Tx& tx, const Actor& actor, const RegisterInput& input);

  Result<store::AppealRecord> Dispatch(const Actor& actor, store::Id id, const DispatchInput& input);
  Result<store::AppealRecord> Triage(const Actor& actor, store::Id id, const TriageInput& input);
  // Dispatch and Triage inside the caller's transaction `tx` (same rules, same one timeline event), for a
  // use case that moves several appeals at once: a consultation's outcome (app/consultation_service.cpp).
  Result<store::AppealRecord> DispatchIn(store::Tx& tx, const Actor& actor, store::Id id, const DispatchInput& input);
  Result<store::AppealRecord> TriageIn(store::Tx& tx, const Actor& actor, store::Id id, const TriageInput& input);
  Result<store::AppealRecord> Accept(const Actor& actor, store::Id id, const std::string& note);
  Result<store::AppealRecord> Return(const Actor& actor, store::Id id, const std::string& reason);
  Result<store::AppealRecord> Contact(const Actor& actor, store::Id id, const std::string& note,
                                      const std::string& method);
  Result<store::ExtensionRecord> RequestExtension(const Actor& actor, store::Id id, int days,
                                                  const std::string& reason);
  Result<store::ExtensionRecord> DecideExtension(const Actor& actor, store::Id extension_id, bool approve,
                                                 const std::string& note);
  // The lead unit's reply: 409 "opinions_missing" (naming the units) while an assisting unit's opinion is
  // neither given nor waived. Where the lead unit reviews its replies (departments.review_replies), a
  // handler's reply is a draft for the unit head (the appeal stays in progress, event reply_drafted); the
  // head's own reply is released at once.
  Result<store::AppealRecord> Reply(const Actor& actor, store::Id id, const std::string& content);
  // The lead unit's head approves the pending draft (not their own): it is released as the unit's reply
  // and the appeal is replied, on time if approved by the reply deadline. Event reply_approved.
  Result<store::AppealRecord> ApproveReply(const Actor& actor, store::Id id, const std::string& note);
  // The head sends the pending draft back with a reason; the handler drafts again. Event reply_sent_back.
  Result<store::AppealRecord> SendBackReply(const Actor& actor, store::Id id, const std::string& reason);
  // An assisting unit's handler gives the unit's written opinion to the lead unit (协办意见), once per
  // dispatch; kForbidden for anyone else (the lead unit too). Event opinion.
  Result<store::OpinionRecord> GiveOpinion(const Actor& actor, store::Id id, const std::string& content);
  // The coordinator waives an assisting unit's missing opinion, with a reason. Event opinion_waived.
  Result<store::OpinionRecord> WaiveOpinion(const Actor& actor, store::Id id, store::Id unit_id,
                                            const std::string& reason);
  // The admin switches whether a department's replies are reviewed by its head (audited).
  Result<store::DepartmentRecord> SetReviewReplies(const Actor& actor, store::Id department_id, bool review);
  // Staff record a callback by id; a resident actor rates by receipt code (see CallbackByReceipt).
  Result<store::AppealRecord> Callback(const Actor& actor, store::Id id, const CallbackInput& input);
  Result<store::AppealRecord> CallbackByReceipt(const std::string& receipt_code, const CallbackInput& input);
  Result<store::AppealRecord> Reopen(const Actor& actor, store::Id id, const std::string& reason);
  Result<store::AppealRecord> Close(const Actor& actor, store::Id id, const std::string& note);
  // A registrar, coordinator or admin links appeal `id` as a repeat of the earlier `repeat_of_id` (both in
  // their scope; 400 on repeat_of_id when it is the same, later or merged; 409 already_linked), or removes a
  // link either way round (404 when none), with `note` as the reason. Events on both appeals.
  Result<store::AppealRecord> LinkRepeat(const Actor& actor, store::Id id, store::Id repeat_of_id,
                                         const std::string& note);
  Result<store::AppealRecord> UnlinkRepeat(const Actor& actor, store::Id id, store::Id other_id,
                                           const std::string& note);

  // Reads, in the actor's scope (kNotFound for unknown ids and, alike, for ids outside the scope). An
  // answer that shows a resident's name or phone unmasked is recorded in the audit log first (a write:
  // call from a thread that may wait); transitions record theirs in their own transaction. A copy of the
  // detail, its plan's progress as of today.
  Result<AppealDetail> Get(const Actor& actor, store::Id id);
  // Issue 13: Get in two steps, for a caller that answers from a thread that must not wait for a write (an
  // HTTP I/O thread). GetUnrecorded reads alone; when ViewIsAudited, the caller must RecordView (a durable
  // audit entry, from a thread that may wait) and may show the detail only once that succeeded.
  Result<AppealView> GetUnrecorded(const Actor& actor, store::Id id);
  bool ViewIsAudited(const Actor& actor, const store::AppealRecord& appeal) const;
  Status RecordView(const Actor& actor, const store::AppealRecord& appeal);
  Result<store::AppealPage> List(const Actor& actor, store::AppealFilter filter);
  // Issue 13: List counts at most this many matches (the serve option --list-count-cap; 0: all), so that a
  // page over millions of appeals never counts them all; above it the total is flagged inexact.
  void SetListCountCap(std::int64_t cap) { list_count_cap_ = cap; }
  static constexpr std::int64_t kDefaultListCountCap = 10000;
  // Supervision notices in the actor's scope; a handler sees only their own unit's (kForbidden when
  // asking for another unit's).
  Result<store::NoticePage> ListNotices(const Actor& actor, store::NoticeFilter filter);
  // The public view by receipt code (kNotFound when unknown); the caller strips personal data.
  Result<AppealDetail> Track(const std::string& receipt_code);

  // Whether the actor works this case and so may see the appellant's name and phone.
  bool MaySeePersonalData(const Actor& actor, const store::AppealRecord& appeal) const;
  // "normal", "yellow" (80% of the reply deadline's working time used) or "red" (past it), for
  // appeals still waiting for their reply; "normal" otherwise.
  std::string_view UrgencyOf(const store::AppealRecord& appeal) const;
  // The urgency with the current deadline and how overdue it is, at the service's clock.
  AppealTiming TimingOf(const store::AppealRecord& appeal) const;
  // The actions (API names) the actor may take now.
  std::vector<std::string> AllowedActions(const Actor& actor, const AppealDetail& detail) const;
  // Issue 12: what the actor may do with the appeal's repeat links ("link", "unlink"), apart from its lifecycle.
  std::vector<std::string> RepeatActions(const Actor& actor, const AppealDetail& detail) const;

 private:
  // The appeal (read now) with its timeline and the rest, taken from the cache when the cached copy
  // has the same version, else loaded in `tx` and cached. Sound because every change to anything on an
  // appeal bumps its version (RunTransition, DecideExtension, the deadline sweep).
  Result<std::shared_ptr<const AppealDetail>> LoadDetail(store::Tx& tx, store::AppealRecord appeal);

  store::Database& db_;
  const Clock& clock_;
  const CalendarCache& calendar_;
  std::int64_t list_count_cap_ = kDefaultListCountCap;  // set before serving, then only read
  // About 5 KiB a detail: 2,000 keep the cache near 10 MiB (the soak saw 20,000 grow the heap by ~90 MiB).
  VersionedCache<AppealDetail> cache_{2000};
};

}  // namespace minsheng::app
