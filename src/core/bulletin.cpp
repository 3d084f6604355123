#include "core/bulletin.h"

#include <array>
#include <cmath>

#include "core/named_values.h"

namespace minsheng {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

constexpr std::array kKinds = {
    Named<BulletinKind>{BulletinKind::kMonth, "month", "月度通报"},
    Named<BulletinKind>{BulletinKind::kQuarter, "quarter", "季度讲评"},
};

bool Digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

int ToInt(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// "2026-" of "2026-10" / "2026-Q3": the year, or 0 when it is not 2000..2099 followed by '-'.
int YearPrefix(std::string_view text) {
  if (text.size() < 6 || text[4] != '-' || !Digits(text.substr(0, 4))) return 0;
  const int y = ToInt(text.substr(0, 4));
  return y >= 2000 && y <= 2099 ? y : 0;
}

}  // namespace

std::string_view BulletinKindName(BulletinKind kind) { return NameOf(kKinds, kind); }
std::string_view BulletinKindLabel(BulletinKind kind) { return LabelOf(kKinds, kind); }
Result<BulletinKind> ParseBulletinKind(std::string_view name) { return ParseNamed(kKinds, name, "通报类型", "kind"); }

Result<BulletinPeriod> ParseBulletinMonth(std::string_view text) {
  const int y = YearPrefix(text);
  const std::string_view m = text.size() == 7 ? text.substr(5) : std::string_view();
  if (y == 0 || !Digits(m) || ToInt(m) < 1 || ToInt(m) > 12)
    return Fail(Error::Invalid("invalid_month", "月份应为 YYYY-MM 格式，如 2026-10", "month"));
  return BulletinPeriod{BulletinKind::kMonth, y, ToInt(m)};
}

Result<BulletinPeriod> ParseBulletinQuarter(std::string_view text) {
  const int y = YearPrefix(text);
  if (y == 0 || text.size() != 7 || (text[5] != 'Q' && text[5] != 'q') || text[6] < '1' || text[6] > '4')
    return Fail(Error::Invalid("invalid_quarter", "季度应为 YYYY-Qn 格式，如 2026-Q3", "quarter"));
  return BulletinPeriod{BulletinKind::kQuarter, y, text[6] - '0'};
}

std::string PeriodKey(const BulletinPeriod& p) {
  if (p.kind == BulletinKind::kQuarter) return std::to_string(p.year) + "-Q" + std::to_string(p.number);
  return std::to_string(p.year) + (p.number < 10 ? "-0" : "-") + std::to_string(p.number);
}

std::string PeriodLabel(const BulletinPeriod& p) {
  static constexpr std::array<std::string_view, 4> kQuarterNames = {"一", "二", "三", "四"};
  if (p.kind == BulletinKind::kQuarter)
    return std::to_string(p.year) + "年第" + std::string(kQuarterNames[(p.number - 1) % 4]) + "季度";
  return std::to_string(p.year) + "年" + std::to_string(p.number) + "月";
}

BulletinPeriod PreviousPeriod(const BulletinPeriod& p) {
  const int per_year = p.kind == BulletinKind::kQuarter ? 4 : 12;
  if (p.number > 1) return {p.kind, p.year, p.number - 1};
  return {p.kind, p.year - 1, per_year};
}

std::pair<sys_days, sys_days> PeriodDays(const BulletinPeriod& p) {
  const int first_month = p.kind == BulletinKind::kQuarter ? (p.number - 1) * 3 + 1 : p.number;
  const int months = p.kind == BulletinKind::kQuarter ? 3 : 1;
  const auto start = year(p.year) / month(first_month) / day(1);
  const auto end = start + std::chrono::months(months);
  return {sys_days(start), sys_days(end)};
}

std::vector<BulletinPeriod> MonthsOf(const BulletinPeriod& p) {
  if (p.kind == BulletinKind::kMonth) return {p};
  std::vector<BulletinPeriod> out;
  for (int i = 0; i < 3; ++i) out.push_back({BulletinKind::kMonth, p.year, (p.number - 1) * 3 + 1 + i});
  return out;
}

bool PeriodEnded(const BulletinPeriod& p, sys_days today) { return PeriodDays(p).second <= today; }

std::optional<double> Percent(std::optional<double> rate) {
  if (!rate || !std::isfinite(*rate)) return std::nullopt;
  return std::round(*rate * 1000.0) / 10.0;
}

std::optional<RateChange> ChangeOf(std::optional<double> current, std::optional<double> previous) {
  if (!current || !previous) return std::nullopt;
  const double points = std::round((*current - *previous) * 10.0) / 10.0;
  if (points >= 0.05) return RateChange{points, "up", "↑", "上升"};
  if (points <= -0.05) return RateChange{points, "down", "↓", "下降"};
  return RateChange{0.0, "flat", "→", "持平"};
}

std::optional<int> RankChange(int rank, std::optional<int> previous_rank) {
  if (!previous_rank) return std::nullopt;
  return *previous_rank - rank;
}

Status CheckSupersede(bool period_has_current_issue, std::string_view note) {
  if (!period_has_current_issue) return {};
  for (char c : note)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return {};
  Error e = Error::Conflict("note_required", "该期已发布；重新发布将替代原通报，须填写替代说明");
  e.field = "note";
  return Fail(std::move(e));
}

}  // namespace minsheng
