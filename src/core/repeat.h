// Repeat appeals (重复诉求): an appeal from the same phone, or about the same address with a similar title,
// within 90 days of an earlier appeal being open or closed. Pure rules; the candidates come from the store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"

namespace minsheng {

inline constexpr std::int64_t kRepeatWindowDays = 90;

// Why an appeal is taken for a repeat: found by phone, by address and title, or linked by a registrar.
enum class RepeatReason { kPhone, kAddressTitle, kManual };
std::string_view RepeatReasonName(RepeatReason reason);   // "phone"
std::string_view RepeatReasonLabel(RepeatReason reason);  // "同一来电号码"

// An earlier appeal as the repeat check needs it.
struct RepeatCandidate {
  std::int64_t id = 0;
  std::string phone;        // "" when none
  std::string address;      // "" when none
  std::string title;
  bool anonymous = false;
  std::optional<Timestamp> closed_at;  // none while the appeal is open
};

// The new appeal, as received.
struct RepeatProbe {
  std::string phone;
  std::string address;
  std::string title;
  bool anonymous = false;
};

// Whether `earlier` still counts at `now`: open, or closed at most 90 days (90 × 86400 s) before `now`.
bool WithinRepeatWindow(const RepeatCandidate& earlier, Timestamp now);

// How alike two titles are, 0..1: the mean of the Dice coefficients of their characters and of their
// character pairs, ignoring spaces and punctuation. Titles count as similar from kSimilarTitle on.
double TitleSimilarity(std::string_view a, std::string_view b);
inline constexpr double kSimilarTitle = 0.5;

// Why `probe` repeats `earlier` at `now`, or none. The phone matches only between appeals that both signed
// with their name: linking an anonymous appeal to a named one by phone would name its author.
std::optional<RepeatReason> RepeatOf(const RepeatProbe& probe, const RepeatCandidate& earlier, Timestamp now);

// The earlier appeal `probe` repeats among `candidates` (the most recent match: the highest id), or none.
struct RepeatMatch {
  std::int64_t id = 0;
  RepeatReason reason = RepeatReason::kPhone;
};
std::optional<RepeatMatch> FindRepeat(const RepeatProbe& probe, const std::vector<RepeatCandidate>& candidates,
                                      Timestamp now);

}  // namespace minsheng
