#include "app/bulletin_service.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "app/metrics_service.h"
#include "core/access.h"
#include "core/calendar.h"
#include "core/dissatisfaction.h"
#include "store/bulletin_repository.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

using nlohmann::json;

constexpr int kWorstOverdue = 10;


json Rate(std::optional<double> rate) {
  auto p = Percent(rate);
  return p ? json(*p) : json(nullptr);
}

json ChangeJson(const std::optional<RateChange>& c) {
  if (!c) return nullptr;
  return {{"points", c->points}, {"direction", c->direction}, {"arrow", c->arrow}, {"label", c->label}};
}

std::optional<std::int64_t> IdOf(const std::string& key) {
  if (key.empty()) return std::nullopt;
  std::int64_t v = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// The ranking of departments or streets, with each one's place and satisfaction against the previous period.
json RankingJson(const std::vector<RankingEntry>& current, const std::vector<RankingEntry>& previous) {
  std::map<std::string, const RankingEntry*> before;
  for (const auto& e : previous) before[e.group.id] = &e;
  json out = json::array();
  for (const auto& e : current) {
    const RankingEntry* p = before.contains(e.group.id) ? before[e.group.id] : nullptr;
    std::optional<int> previous_rank = p ? std::optional<int>(p->rank) : std::nullopt;
    auto rank_change = RankChange(e.rank, previous_rank);
    auto change = ChangeOf(Percent(e.group.rates.satisfaction_rate),
                           p ? Percent(p->group.rates.satisfaction_rate) : std::nullopt);
    out.push_back({{"rank", e.rank},
                   {"id", IdOf(e.group.id) ? json(*IdOf(e.group.id)) : json(nullptr)},
                   {"name", e.group.name},
                   {"score", e.score ? json(std::round(*e.score * 10.0) / 10.0) : json(nullptr)},
                   {"appeals", e.group.counts.total},
                   {"response_rate", Rate(e.group.rates.response_rate)},
                   {"resolution_rate", Rate(e.group.rates.resolution_rate)},
                   {"satisfaction_rate", Rate(e.group.rates.satisfaction_rate)},
                   {"previous_rank", previous_rank ? json(*previous_rank) : json(nullptr)},
                   {"rank_change", rank_change ? json(*rank_change) : json(nullptr)},
                   {"satisfaction_change", ChangeJson(change)}});
  }
  return out;
}

struct Window {
  Timestamp from = 0;
  Timestamp to = 0;
};

Window WindowOf(const BulletinPeriod& p) {
  const auto [first, end] = PeriodDays(p);
  return {LocalDayStart(first), LocalDayStart(end)};
}

// Every figure of the snapshot, read in one transaction at `now`.
Result<json> ComputeSnapshot(store::Tx& tx, Timestamp now, const BulletinPeriod& period) {
  const BulletinPeriod before = PreviousPeriod(period);
  const Window w = WindowOf(period), pw = WindowOf(before);
  const RankingWeights weights;
  auto sum = [&](const Window& win, GroupBy g) {
    return SumMetrics(tx, now, MetricsRequest{.group_by = g, .from = win.from, .to = win.to});
  };
  MS_ASSIGN(departments, sum(w, GroupBy::kDepartment));
  MS_ASSIGN(streets, sum(w, GroupBy::kRegion));
  MS_ASSIGN(previous_departments, sum(pw, GroupBy::kDepartment));
  MS_ASSIGN(previous_streets, sum(pw, GroupBy::kRegion));

  const auto [first, end] = PeriodDays(period);
  json s = {{"kind", BulletinKindName(period.kind)},
            {"kind_label", BulletinKindLabel(period.kind)},
            {"period", PeriodKey(period)},
            {"period_label", PeriodLabel(period)},
            {"previous_period", PeriodKey(before)},
            {"previous_period_label", PeriodLabel(before)},
            {"from", FormatDate(first)},
            {"to", FormatDate(end - std::chrono::days(1))},
            {"weights", FormatRankingWeights(weights)}};

  const MetricCounts& t = departments.total.counts;
  s["totals"] = {{"appeals", t.total},         {"dispatched", t.dispatched}, {"replied", t.replied},
                 {"closed", t.closed},         {"called_back", t.called_back}, {"satisfied", t.satisfied},
                 {"resolved", t.resolved},     {"overdue", t.overdue}};
  const Rates& r = departments.total.rates;
  const Rates& pr = previous_departments.total.rates;
  struct Named3 {
    std::string_view name, label;
    std::optional<double> now, before;
  };
  const Named3 three[] = {{"response_rate", "响应率", r.response_rate, pr.response_rate},
                          {"resolution_rate", "解决率", r.resolution_rate, pr.resolution_rate},
                          {"satisfaction_rate", "满意率", r.satisfaction_rate, pr.satisfaction_rate}};
  s["rates"] = json::array();
  for (const auto& x : three)
    s["rates"].push_back({{"name", x.name},
                          {"label", x.label},
                          {"value", Rate(x.now)},
                          {"previous", Rate(x.before)},
                          {"change", ChangeJson(ChangeOf(Percent(x.now), Percent(x.before)))}});

  std::map<std::string, MetricCounts> unit_counts;
  for (const auto& g : departments.groups) unit_counts[g.id] = g.counts;
  s["departments"] = RankingJson(RankMetricGroups(departments.groups, weights),
                                 RankMetricGroups(std::move(previous_departments.groups), weights));
  s["streets"] = RankingJson(RankMetricGroups(std::move(streets.groups), weights),
                             RankMetricGroups(std::move(previous_streets.groups), weights));

  // The worst overdue appeals: receipt code, title, unit, days — never the resident.
  MS_ASSIGN(overdue, store::ListWorstOverdue(tx, w.from, w.to, now, kWorstOverdue));
  s["overdue"] = json::array();
  for (const auto& o : overdue)
    s["overdue"].push_back({{"receipt_code", o.receipt_code},
                            {"title", o.title},
                            {"unit_name", o.unit_name.empty() ? "未派单" : o.unit_name},
                            {"street_name", o.street_name.empty() ? "区级" : o.street_name},
                            {"days_overdue", (o.seconds_overdue + kSecondsPerDay - 1) / kSecondsPerDay},
                            {"state", o.replied_at ? "replied_late" : "unanswered"},
                            {"state_label", o.replied_at ? "逾期答复" : "超期未答复"}});

  MS_ASSIGN(unit_list, store::ListDepartments(tx));
  std::map<std::string, std::string> unit_names;
  for (const auto& d : unit_list) unit_names[std::to_string(d.id)] = d.name;
  auto unit_name = [&](const std::string& id) -> std::string {
    if (id.empty()) return "未派单";
    auto it = unit_names.find(id);
    return it == unit_names.end() ? id : it->second;
  };
  auto unit_id = [](const std::string& id) { return IdOf(id) ? json(*IdOf(id)) : json(nullptr); };

  // Repeat appeals per lead unit, most first: a high share means problems are not really solved.
  MS_ASSIGN(repeats, store::CountRepeatsByUnit(tx, w.from, w.to));
  std::sort(repeats.begin(), repeats.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  json by_unit = json::array();
  std::int64_t repeat_total = 0;
  for (const auto& x : repeats) {
    repeat_total += x.count;
    const std::int64_t appeals = unit_counts.contains(x.unit_id) ? unit_counts[x.unit_id].total : 0;
    by_unit.push_back({{"unit_id", unit_id(x.unit_id)},
                       {"unit_name", unit_name(x.unit_id)},
                       {"repeats", x.count},
                       {"appeals", appeals},
                       {"repeat_rate", appeals > 0 ? Rate(static_cast<double>(x.count) / appeals) : json(nullptr)}});
  }
  s["repeats"] = {{"total", repeat_total}, {"by_unit", std::move(by_unit)}};

  // Dissatisfaction causes per cause and per unit counted against.
  MS_ASSIGN(causes, store::CountCausesByUnit(tx, w.from, w.to));
  std::map<std::string, std::int64_t> per_cause;
  std::map<std::string, std::map<std::string, std::int64_t>> per_unit;
  std::int64_t cause_total = 0;
  for (const auto& x : causes) {
    per_cause[x.key] += x.count;
    per_unit[x.unit_id][x.key] += x.count;
    cause_total += x.count;
  }
  json by_cause = json::array();
  for (DissatisfactionCause c : AllCauses())
    by_cause.push_back({{"cause", CauseName(c)}, {"label", CauseLabel(c)}, {"count", per_cause[std::string(CauseName(c))]}});
  std::vector<std::pair<std::string, std::int64_t>> unit_totals;
  for (const auto& [unit, counts] : per_unit) {
    std::int64_t n = 0;
    for (const auto& [cause, count] : counts) n += count;
    unit_totals.emplace_back(unit, n);
  }
  std::stable_sort(unit_totals.begin(), unit_totals.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  json cause_units = json::array();
  for (const auto& [unit, n] : unit_totals) {
    json counts = json::object();
    for (DissatisfactionCause c : AllCauses()) counts[std::string(CauseName(c))] = per_unit[unit][std::string(CauseName(c))];
    cause_units.push_back({{"unit_id", unit_id(unit)}, {"unit_name", unit_name(unit)}, {"total", n}, {"counts", counts}});
  }
  s["causes"] = {{"total", cause_total}, {"by_cause", std::move(by_cause)}, {"by_unit", std::move(cause_units)}};

  // A quarter's review adds the trend over its three months.
  s["trend"] = json::array();
  if (period.kind == BulletinKind::kQuarter) {
    for (const auto& m : MonthsOf(period)) {
      MS_ASSIGN(month, sum(WindowOf(m), GroupBy::kChannel));
      const Rates& mr = month.total.rates;
      s["trend"].push_back({{"period", PeriodKey(m)},
                            {"label", PeriodLabel(m)},
                            {"appeals", month.total.counts.total},
                            {"response_rate", Rate(mr.response_rate)},
                            {"resolution_rate", Rate(mr.resolution_rate)},
                            {"satisfaction_rate", Rate(mr.satisfaction_rate)}});
    }
  }
  return s;
}

Status CheckPublisher(const Actor& actor, const BulletinPeriod& period, Timestamp now) {
  MS_TRY(RequireOperation(actor, Operation::kPublishBulletins, "发布通报"));
  if (!actor.DistrictWide()) return Fail(Error::Forbidden("通报是全区的数据，只有区级人员可以发布"));
  if (!PeriodEnded(period, LocalDay(now))) {
    const bool quarter = period.kind == BulletinKind::kQuarter;
    return Fail(Error::Invalid("period_not_over",
                               PeriodLabel(period) + (quarter ? "尚未结束，季度结束后才能发布讲评" : "尚未结束，月份结束后才能发布通报"),
                               quarter ? "quarter" : "month"));
  }
  return {};
}

std::string TitleOf(const BulletinPeriod& p) {
  return PeriodLabel(p) + (p.kind == BulletinKind::kQuarter ? "民生诉求办理情况讲评" : "民生诉求办理情况通报");
}

BulletinIssue IssueOf(const store::BulletinRecord& b) {
  BulletinIssue i;
  i.id = b.id;
  i.kind = b.kind == "quarter" ? BulletinKind::kQuarter : BulletinKind::kMonth;
  i.period = b.period;
  auto period = i.kind == BulletinKind::kQuarter ? ParseBulletinQuarter(b.period) : ParseBulletinMonth(b.period);
  i.period_label = period ? PeriodLabel(*period) : b.period;
  i.number = b.number;
  i.title = b.title;
  i.note = b.note;
  i.published_at = b.published_at;
  i.publisher_name = b.publisher_name;
  i.supersedes_id = b.supersedes_id;
  i.superseded_by = b.superseded_by;
  if (!b.snapshot.empty()) i.snapshot = json::parse(b.snapshot, nullptr, false);
  return i;
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(const std::string& in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kBase64[(v >> k) & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += i + 1 < in.size() ? kBase64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string Base64Decode(const std::string& in) {
  std::array<int, 256> value;
  value.fill(-1);
  for (int k = 0; k < 64; ++k) value[static_cast<unsigned char>(kBase64[k])] = k;
  std::string out;
  out.reserve(in.size() / 4 * 3);
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value[static_cast<unsigned char>(c)];
    if (v < 0) continue;  // '=' and anything else
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

BulletinService::BulletinService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<json> BulletinService::Preview(const Actor& actor, const BulletinPeriod& period) {
  const Timestamp now = clock_.Now();
  MS_TRY(CheckPublisher(actor, period, now));
  return store::ReadMayLagValue<json>(db_, [&](store::Tx& tx) { return ComputeSnapshot(tx, now, period); });
}

Result<BulletinIssue> BulletinService::Publish(const Actor& actor, const BulletinPeriod& period,
                                               const std::string& note) {
  const Timestamp now = clock_.Now();
  MS_TRY(CheckPublisher(actor, period, now));
  const std::string kind(BulletinKindName(period.kind));
  const std::string key = PeriodKey(period);
  MS_ASSIGN(id, store::WriteValue<std::int64_t>(db_, [&](store::Tx& tx) -> Result<std::int64_t> {
    MS_ASSIGN(current, store::FindCurrentBulletin(tx, kind, key));
    MS_TRY(CheckSupersede(current.has_value(), note));
    if (current) {
      MS_ASSIGN(retired, store::RetireBulletin(tx, current->id));
      if (!retired) return Fail(Error::Conflict("conflict", "该期通报刚被他人重新发布，请刷新后再试"));
    }
    MS_ASSIGN(snapshot, ComputeSnapshot(tx, now, period));
    MS_ASSIGN(number, store::NextBulletinNumber(tx, kind, period.year));
    store::BulletinRecord b{.kind = kind,
                            .period = key,
                            .number = number,
                            .title = TitleOf(period),
                            .snapshot = snapshot.dump(),
                            .note = current ? note : std::string(),
                            .published_at = now,
                            .published_by = actor.user_id,
                            .supersedes_id = current ? store::OptId(current->id) : std::nullopt};
    MS_ASSIGN(new_id, store::InsertBulletin(tx, b));
    if (current) MS_TRY(store::SetSupersededBy(tx, current->id, new_id));
    return new_id;
  }));
  return Get(id);
}

Result<std::vector<BulletinIssue>> BulletinService::List() {
  MS_ASSIGN(rows, store::ReadMayLagValue<std::vector<store::BulletinRecord>>(
                      db_, [](store::Tx& tx) { return store::ListBulletins(tx); }));
  std::vector<BulletinIssue> out;
  for (const auto& r : rows) out.push_back(IssueOf(r));
  return out;
}

Result<std::vector<BulletinIssue>> BulletinService::ListForStaff(const Actor& actor) {
  MS_TRY(RequireOperation(actor, Operation::kReadBulletins, "查看通报"));
  return List();
}

Result<BulletinIssue> BulletinService::Get(std::int64_t id) {
  MS_ASSIGN(row, store::ReadValue<std::optional<store::BulletinRecord>>(
                     db_, [&](store::Tx& tx) { return store::FindBulletin(tx, id); }));
  if (!row) return Fail(Error::NotFound("没有这期通报"));
  return IssueOf(*row);
}

Result<std::string> BulletinService::Pdf(std::int64_t id,
                                         const std::function<std::string(const BulletinIssue&)>& html_of) {
  auto kept = [&]() -> Result<std::optional<std::string>> {
    return store::ReadValue<std::optional<std::string>>(db_, [&](store::Tx& tx) { return store::FindBulletinPdf(tx, id); });
  };
  MS_ASSIGN(issue, Get(id));
  MS_ASSIGN(before, kept());
  if (before) return Base64Decode(*before);
  const Slots::Held slot = print_slots_.TryTake(print_.timeout);
  if (!slot)
    return Fail(Error::RetryLater(ErrorKind::kUnavailable, "pdf_busy", "正在生成其他通报的 PDF，请稍后再试", 10));
  MS_ASSIGN(again, kept());  // printed while this one waited
  if (again) return Base64Decode(*again);
  MS_ASSIGN(pdf, PrintHtmlToPdf(print_, html_of(issue)));
  MS_TRY(db_.Write([&](store::Tx& tx) { return store::KeepBulletinPdf(tx, id, Base64Encode(pdf), clock_.Now()); }));
  MS_ASSIGN(stored, kept());
  return stored ? Base64Decode(*stored) : pdf;
}

Result<std::string> PrintHtmlToPdf(const PdfPrintOptions& options, const std::string& html) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (options.chromium.empty() || !fs::exists(options.chromium, ec) || access(options.chromium.c_str(), X_OK) != 0)
    return Fail(Error{ErrorKind::kUnavailable, "pdf_unavailable",
                      "服务器未安装 chromium，暂不能生成 PDF；可打开打印页面用浏览器打印", "", {}});
  char pattern[] = "/tmp/minsheng-print-XXXXXX";
  if (mkdtemp(pattern) == nullptr) return Fail(Error::Unavailable("无法创建临时目录"));
  const fs::path dir(pattern);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{dir};
  const fs::path page = dir / "bulletin.html", pdf = dir / "bulletin.pdf";
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out) return Fail(Error::Unavailable("无法写入打印页面"));
  }
  const std::string profile = "--user-data-dir=" + (dir / "profile").string();
  const std::string target = "--print-to-pdf=" + pdf.string();
  const std::string url = "file://" + page.string();
  std::vector<std::string> args = {options.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                   "--disable-dev-shm-usage", "--no-pdf-header-footer", "--no-first-run",
                                   "--disable-extensions", profile, target, url};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return Fail(Error::Unavailable("无法启动 chromium"));
  if (pid == 0) {
    setpgid(0, 0);  // its own group: a timeout kills chromium's helpers too
    const int null = open("/dev/null", O_RDWR);
    if (null >= 0) {
      dup2(null, STDIN_FILENO);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  setpgid(pid, pid);
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  int status = 0;
  bool done = false;
  while (!done) {
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) {
      done = true;
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return Fail(Error{ErrorKind::kUnavailable, "pdf_failed", "生成 PDF 超时，请稍后再试", "", {}});
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(-pid, SIGKILL);  // helpers left behind, if any
  std::ifstream in(pdf, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string out = bytes.str();
  if (!in || out.size() < 5 || out.compare(0, 5, "%PDF-") != 0)
    return Fail(Error{ErrorKind::kUnavailable, "pdf_failed", "chromium 未能生成 PDF", "", {}});
  return out;
}

}  // namespace minsheng::app
