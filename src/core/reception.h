// Rules of the reception schedule (接访日程): when a slot may still be announced.
#pragma once

#include <chrono>

#include "core/clock.h"

namespace minsheng {

// Seed 001, 提前三天公告: a reception slot is announced at least three calendar days before it starts.
// Counted in whole calendar days of China Standard Time, ignoring the hour: a slot published on local day P
// may start on local day P+3 or later (published on Wednesday at 23:59 → from Saturday 00:00). A slot
// starting on day P+2, however late that day, is too late to announce.
inline constexpr int kReceptionNoticeDays = 3;

// Whether a slot starting at `starts_at` may be published at `published_at`.
bool AnnouncedInTime(Timestamp published_at, Timestamp starts_at);

// The first instant a slot published at `published_at` may start: 00:00 CST of the third day after.
Timestamp EarliestReceptionStart(Timestamp published_at);

}  // namespace minsheng
