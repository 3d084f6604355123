#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace minsheng::cli {

std::string Fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

std::string Duration(double seconds) {
  const long long s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  return buf;
}

Progress::Progress(std::function<PhaseLook(std::string_view phase)> look)
    : look_fn_(std::move(look)), tty_(::isatty(STDERR_FILENO) == 1) {}

void Progress::operator()(std::string_view phase, std::int64_t done, std::int64_t total) {
  const auto now = Clock::now();
  if (phase != phase_) {
    EndLine();
    phase_ = std::string(phase);
    look_ = look_fn_(phase);
    start_ = now;
    tenth_ = -1;
  }
  if (look_.opaque) {
    if (total == 0) std::cerr << phase << " running\n";
    else std::cerr << phase << " done in " << Fixed(Seconds(now), 2) << " s\n";
    return;
  }
  if (total <= 0) return;
  const int tenth = static_cast<int>(done * 10 / total);
  if (tty_) {
    if (done < total && now - drawn_ < std::chrono::milliseconds(200)) return;
    drawn_ = now;
    std::cerr << "\r\033[K" << Line(done, total, now) << std::flush;
    open_line_ = true;
    return;
  }
  if (tenth <= tenth_) return;
  tenth_ = tenth;
  std::cerr << Line(done, total, now) << "\n";
}

double Progress::Seconds(Clock::time_point now) const { return std::chrono::duration<double>(now - start_).count(); }

std::string Progress::Line(std::int64_t done, std::int64_t total, Clock::time_point now) const {
  const std::string& unit = look_.unit;
  const double seconds = Seconds(now);
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string line = look_.label + " " + std::to_string(done * 100 / total) + "% (" + std::to_string(done) + "/" +
                     std::to_string(total) + " " + unit + ", " + std::to_string(static_cast<long long>(rate)) + " " +
                     unit + "/s";
  if (done < total && rate > 0) line += ", " + Duration(static_cast<double>(total - done) / rate) + " left";
  if (done == total) line += ", " + Fixed(seconds, 2) + " s";
  return line + ")";
}

void Progress::EndLine() {
  if (open_line_) std::cerr << "\n";
  open_line_ = false;
}

}  // namespace minsheng::cli
