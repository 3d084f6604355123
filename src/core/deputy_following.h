// Following a case (issue 10): the pure rules about a deputy's own contacts with the resident. Which
// methods there are, which of them count as the in-person explanation the explain route asks for, and the
// per-deputy figures — appeals followed, followed to close, personal contacts and appeals only relayed
// (二传手) — computed from plain facts the store reads.
#pragma once

#include <span>
#include <string_view>

#include "core/clock.h"

namespace minsheng {

// face_to_face (当面), phone (电话), visit (上门走访).
bool IsDeputyContactMethod(std::string_view method);
std::string_view DeputyContactMethodLabel(std::string_view method);  // "当面" …; the name when unknown

// What an appeal routed to "explain" with a named deputy waits for before its callback or close.
inline constexpr std::string_view kExplanationMissingCode = "deputy_explanation_missing";
inline constexpr std::string_view kExplanationStep = "代表当面或电话解释";

// One contact as the rules need it.
struct DeputyContactFact {
  std::int64_t deputy_id = 0;
  std::string_view method;
  Timestamp at = 0;
};

// Whether `deputy_id` has explained in person (face to face or by phone) at or after `explained_at`, the
// time the appeal was routed to explain. A visit, another deputy's contact or an earlier one does not count.
bool DeputyHasExplained(std::int64_t deputy_id, Timestamp explained_at, std::span<const DeputyContactFact> contacts);

// One appeal a deputy follows (appeals.deputy_id = the deputy), as the figures need it.
struct FollowedAppealFact {
  bool closed = false;                  // status closed
  bool replied = false;                 // the unit has replied
  bool contacted_before_reply = false;  // the deputy recorded a contact of their own before the first reply
};

// 二传手: the appeal has a reply and the deputy recorded no contact of their own before the first reply.
bool RelayedOnly(const FollowedAppealFact& appeal);

struct DeputyCaseFigures {
  int followed = 0;            // appeals the deputy follows
  int followed_to_close = 0;   // of those, closed
  int personal_contacts = 0;   // contacts the deputy recorded (given, counted by the caller over the period)
  int relayed_only = 0;        // of those followed, only relayed
};

DeputyCaseFigures CountDeputyCaseFigures(std::span<const FollowedAppealFact> followed, int personal_contacts);

}  // namespace minsheng
