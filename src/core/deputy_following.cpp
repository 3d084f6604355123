#include "core/deputy_following.h"

#include <array>
#include <utility>

namespace minsheng {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kMethods = {{
    {"face_to_face", "当面"},
    {"phone", "电话"},
    {"visit", "上门走访"},
}};

}  // namespace

bool IsDeputyContactMethod(std::string_view method) {
  for (const auto& [name, label] : kMethods)
    if (name == method) return true;
  return false;
}

std::string_view DeputyContactMethodLabel(std::string_view method) {
  for (const auto& [name, label] : kMethods)
    if (name == method) return label;
  return method;
}

bool DeputyHasExplained(std::int64_t deputy_id, Timestamp explained_at, std::span<const DeputyContactFact> contacts) {
  for (const auto& c : contacts)
    if (c.deputy_id == deputy_id && c.at >= explained_at && (c.method == "face_to_face" || c.method == "phone"))
      return true;
  return false;
}

bool RelayedOnly(const FollowedAppealFact& a) { return a.replied && !a.contacted_before_reply; }

DeputyCaseFigures CountDeputyCaseFigures(std::span<const FollowedAppealFact> followed, int personal_contacts) {
  DeputyCaseFigures f;
  f.personal_contacts = personal_contacts;
  for (const auto& a : followed) {
    ++f.followed;
    if (a.closed) ++f.followed_to_close;
    if (RelayedOnly(a)) ++f.relayed_only;
  }
  return f;
}

}  // namespace minsheng
