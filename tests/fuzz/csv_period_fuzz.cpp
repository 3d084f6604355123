// The calendar and period parsers of core: ParseCalendarCsv (the holiday CSV admins upload), ParseDate
// (every from/to and calendar date), TimeBucketsBetween / TimeBucketName (the trend's weeks and months)
// and ParseRankingWeights (the ranking's ?weights=). Besides "no crash, no sanitizer report", each
// accepted input must keep the promises the headers make; a broken promise aborts (a finding).
//
// The whole input is a calendar CSV; each of its lines is also tried as a date, a bucket key and a
// weights spec, and each pair of consecutive valid dates as a period.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/metrics.h"
#include "core/time_buckets.h"

namespace {

using minsheng::GroupBy;
using std::chrono::sys_days;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "csv_period_fuzz: broken promise: %s\n", what);
    std::abort();
  }
}

// The calendar from the CSV: dates round-trip, no date twice, and working-day arithmetic is consistent.
void FuzzCalendar(std::string_view csv) {
  auto days = minsheng::ParseCalendarCsv(csv);
  if (!days) {
    Check(days.error().code == "invalid_calendar" && days.error().field == "calendar", "calendar error code");
    return;
  }
  for (const auto& day : *days) {
    auto again = minsheng::ParseDate(minsheng::FormatDate(day.day));
    Check(again && *again == day.day, "a calendar date survives FormatDate/ParseDate");
  }
  const minsheng::WorkCalendar calendar(*days);
  const auto sorted = calendar.Days();
  Check(sorted.size() == days->size(), "no date listed twice");
  for (std::size_t i = 1; i < sorted.size(); ++i) Check(sorted[i - 1].day < sorted[i].day, "Days() sorted");
  if (sorted.empty()) return;
  // Around the first and the last marked day: n working days on is n working days in (from, to]; n back
  // is |n| in (to, from] when `from` is a working day itself, one fewer when it is not.
  for (const sys_days from : {sorted.front().day, sorted.back().day}) {
    for (int n = -3; n <= 3; ++n) {
      const sys_days to = calendar.AddWorkingDays(from, n);
      const int expected = n >= 0 || calendar.IsWorkingDay(from) ? n : n + 1;
      Check(calendar.WorkingDaysBetween(from, to) == expected, "WorkingDaysBetween(d, AddWorkingDays(d, n))");
      if (n != 0) Check(calendar.IsWorkingDay(to), "AddWorkingDays lands on a working day");
    }
  }
}

// The trend's buckets over [first, last], as the metrics service asks for them.
void FuzzBuckets(sys_days first, sys_days last, std::size_t max_buckets) {
  for (const GroupBy group_by : {GroupBy::kWeek, GroupBy::kMonth}) {
    auto buckets = minsheng::TimeBucketsBetween(group_by, first, last, max_buckets);
    if (!buckets) {
      Check(buckets.error().field == "from", "too many buckets is an error on `from`");
      continue;
    }
    if (last < first) {
      Check(buckets->empty(), "no buckets for an empty period");
      continue;
    }
    Check(!buckets->empty() && buckets->size() <= max_buckets, "1..max_buckets buckets");
    Check(buckets->front() == minsheng::TimeBucketKey(group_by, first), "first bucket holds `first`");
    Check(buckets->back() == minsheng::TimeBucketKey(group_by, last), "last bucket holds `last`");
    for (std::size_t i = 1; i < buckets->size(); ++i) {
      Check((*buckets)[i - 1] < (*buckets)[i], "buckets ascending (keys sort as text)");
    }
    for (const auto& key : *buckets) Check(!minsheng::TimeBucketName(group_by, key).empty(), "a bucket name");
  }
}

void FuzzLine(std::string_view line) {
  const std::string text(line);
  // Bucket names of whatever key (the service only passes its own keys, but must not crash on others).
  (void)minsheng::TimeBucketName(GroupBy::kWeek, text);
  (void)minsheng::TimeBucketName(GroupBy::kMonth, text);

  auto weights = minsheng::ParseRankingWeights(line);
  if (weights) {
    auto again = minsheng::ParseRankingWeights(minsheng::FormatRankingWeights(*weights));
    Check(again && *again == *weights, "FormatRankingWeights parses back to the same weights");
  } else {
    Check(weights.error().code == "invalid_weights" && weights.error().field == "weights", "weights error");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  FuzzCalendar(input);

  std::vector<sys_days> dates;
  std::string_view rest = input;
  for (int lines = 0; !rest.empty() && lines < 64; ++lines) {
    const auto newline = rest.find('\n');
    const std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
    FuzzLine(line);
    auto day = minsheng::ParseDate(line, "from");
    if (day) {
      Check(minsheng::FormatDate(*day) == line, "ParseDate(text) formats back to text");
      dates.push_back(*day);
    } else {
      Check(day.error().code == "invalid_date" && day.error().field == "from", "date error");
    }
  }
  // Consecutive dates as periods; the line count picks the bucket limit (the service uses 520).
  const std::size_t max_buckets = dates.size() % 2 == 0 ? 520 : 3;
  for (std::size_t i = 1; i < dates.size(); ++i) FuzzBuckets(dates[i - 1], dates[i], max_buckets);
  return 0;
}
