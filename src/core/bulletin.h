// The monthly bulletin (每月一通报) and the quarterly review (每季度一讲评), seed 004: the pure rules —
// which period an issue covers, the period before it, how a rate's change against it is told, and how a
// new issue for the same period supersedes the old one. The figures themselves are computed by
// app/bulletin_service from the same numbers as the dashboard (core/metrics.h).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

enum class BulletinKind { kMonth, kQuarter };

std::string_view BulletinKindName(BulletinKind kind);   // "month", "quarter"
std::string_view BulletinKindLabel(BulletinKind kind);  // "月度通报", "季度讲评"
Result<BulletinKind> ParseBulletinKind(std::string_view name);

// A calendar month or quarter (local time).
struct BulletinPeriod {
  BulletinKind kind = BulletinKind::kMonth;
  int year = 0;
  int number = 0;  // the month 1..12 or the quarter 1..4

  friend bool operator==(const BulletinPeriod&, const BulletinPeriod&) = default;
};

// "2026-10" (a month, field "month") or "2026-Q3" (a quarter, field "quarter"; "q3" accepted). Years
// 2000..2099. Anything else: kInvalid "invalid_month" / "invalid_quarter" on that field.
Result<BulletinPeriod> ParseBulletinMonth(std::string_view text);
Result<BulletinPeriod> ParseBulletinQuarter(std::string_view text);

// The canonical key ParseBulletin* reads back: "2026-10", "2026-Q3".
std::string PeriodKey(const BulletinPeriod& period);
// For people: "2026年10月", "2026年第三季度".
std::string PeriodLabel(const BulletinPeriod& period);

// The period just before: 2026-01 → 2025-12, 2026-Q1 → 2025-Q4.
BulletinPeriod PreviousPeriod(const BulletinPeriod& period);

// The first day and the day after the last (local days).
std::pair<std::chrono::sys_days, std::chrono::sys_days> PeriodDays(const BulletinPeriod& period);

// The months of the period, in order: one for a month, three for a quarter.
std::vector<BulletinPeriod> MonthsOf(const BulletinPeriod& period);

// Whether the period has ended by local day `today` (a bulletin reports a finished period only).
bool PeriodEnded(const BulletinPeriod& period, std::chrono::sys_days today);

// A rate's change against the previous period, in percentage points rounded to 0.1: "up" (↑), "down" (↓)
// or "flat" (→, under 0.05 points either way). Without both values there is no change (nullopt).
struct RateChange {
  double points = 0;             // current − previous, percentage points, rounded to 0.1
  std::string_view direction;    // "up", "down", "flat"
  std::string_view arrow;        // "↑", "↓", "→"
  std::string_view label;        // "上升", "下降", "持平"
};
std::optional<RateChange> ChangeOf(std::optional<double> current_percent, std::optional<double> previous_percent);

// A rate in [0, 1] as a percentage rounded to 0.1 (87.46… → 87.5).
std::optional<double> Percent(std::optional<double> rate);

// A ranking place's change: previous rank − current rank (positive = moved up); nullopt when the group
// was not ranked before.
std::optional<int> RankChange(int rank, std::optional<int> previous_rank);

// Publishing an issue for a period that already has a current one supersedes it and needs a note saying
// why (the old one stays listed as 已被替代). Fails kConflict "note_required" (field "note") when the
// period has a current issue and the note is blank.
Status CheckSupersede(bool period_has_current_issue, std::string_view note);

}  // namespace minsheng
