// Progress of a long command's phases on stderr (issue 13: backup, restore and the demo's bulk load share it):
// on a terminal one line redrawn in place (percent, count, rate, time left), otherwise a line at every tenth, so
// that logs stay short. Phases whose tools tell nothing in between (pg_dump, pg_restore) get a line when they start
// (total 0) and one when they end.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace minsheng::cli {

// How a phase is shown: "copying" … "pages"; `opaque` for a phase with no count in between.
struct PhaseLook {
  std::string label;
  std::string unit;
  bool opaque = false;
};

class Progress {
 public:
  explicit Progress(std::function<PhaseLook(std::string_view phase)> look);
  ~Progress() { EndLine(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Ends a line still being redrawn (before the summary goes to stdout).
  void Finish() { EndLine(); }

  void operator()(std::string_view phase, std::int64_t done, std::int64_t total);

 private:
  using Clock = std::chrono::steady_clock;
  double Seconds(Clock::time_point now) const;
  std::string Line(std::int64_t done, std::int64_t total, Clock::time_point now) const;
  void EndLine();

  std::function<PhaseLook(std::string_view)> look_fn_;
  bool tty_;
  bool open_line_ = false;
  std::string phase_;
  PhaseLook look_;
  Clock::time_point start_{}, drawn_{};
  int tenth_ = -1;
};

// "1.25"
std::string Fixed(double v, int digits);
// "2:05" (minutes:seconds)
std::string Duration(double seconds);

}  // namespace minsheng::cli
