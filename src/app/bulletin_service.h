// The monthly bulletin (每月一通报) and the quarterly review (每季度一讲评), seed 004: district-wide figures
// computed from the appeals when an issue is published and frozen as a JSON snapshot, so that later changes
// to the appeals never alter a published issue. There is no edit: a new issue for the same period supersedes
// the current one (with a note). The print (PDF) is made by headless chromium on first download and kept.
//
// The snapshot (JSON object), every rate a percentage rounded to 0.1 or null when there is no data:
//   kind, kind_label, period, period_label, previous_period, previous_period_label, from, to (dates, inclusive),
//   weights (the ranking weights' spec),
//   totals {appeals, dispatched, replied, closed, called_back, satisfied, resolved, overdue},
//   rates [{name, label, value, previous, change {points, direction, arrow, label} | null}] — response,
//     resolution and satisfaction rates,
//   departments, streets [{rank, id, name, score, appeals, response_rate, resolution_rate, satisfaction_rate,
//     previous_rank, rank_change, satisfaction_change}] — best first (core/metrics.h ranking score),
//   overdue [{receipt_code, title, unit_name, street_name, days_overdue, state, state_label}] — the worst ten,
//     never a resident's name or phone,
//   repeats {total, by_unit [{unit_id, unit_name, repeats, appeals, repeat_rate}]},
//   causes {total, by_cause [{cause, label, count}], by_unit [{unit_id, unit_name, total, counts {cause: n}}]},
//   trend [{period, label, appeals, response_rate, resolution_rate, satisfaction_rate}] — a quarter's months.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/slots.h"
#include "core/bulletin.h"
#include "core/clock.h"
#include "store/database.h"

namespace minsheng::app {

// One published issue.
struct BulletinIssue {
  std::int64_t id = 0;
  BulletinKind kind = BulletinKind::kMonth;
  std::string period;        // "2026-10"
  std::string period_label;  // "2026年10月"
  std::int64_t number = 0;   // in its kind and year
  std::string title;
  std::string note;          // why it superseded the previous issue
  Timestamp published_at = 0;
  std::string publisher_name;  // staff only
  std::optional<std::int64_t> supersedes_id;
  std::optional<std::int64_t> superseded_by;
  nlohmann::json snapshot;   // null in lists
};

// How the print is made: chromium's headless print-to-PDF.
struct PdfPrintOptions {
  std::string chromium = "/usr/bin/chromium";  // "" or a missing file: no prints (503 pdf_unavailable)
  std::chrono::seconds timeout{60};
};

class BulletinService {
 public:
  BulletinService(store::Database& db, const Clock& clock);

  void SetPrintOptions(PdfPrintOptions options) { print_ = std::move(options); }

  // The figures the issue of `period` would freeze now (kPublishBulletins, district-wide staff). A period
  // not yet over: kInvalid "period_not_over" on field month / quarter.
  Result<nlohmann::json> Preview(const Actor& actor, const BulletinPeriod& period);
  // Publishes an issue of `period`; one already current for the period needs `note` (409 note_required) and
  // is superseded by the new one.
  Result<BulletinIssue> Publish(const Actor& actor, const BulletinPeriod& period, const std::string& note);
  // Every issue, newest first, without snapshots (the public list, and the staff list with kReadBulletins).
  Result<std::vector<BulletinIssue>> List();
  Result<std::vector<BulletinIssue>> ListForStaff(const Actor& actor);
  // One issue with its snapshot; kNotFound if none.
  Result<BulletinIssue> Get(std::int64_t id);
  // The issue's print: the kept bytes, or printed now from html_of(issue) and kept (the first print kept
  // wins, so every server serves the same bytes). kUnavailable "pdf_unavailable" without chromium,
  // "pdf_busy" when another print runs for too long, "pdf_failed" when chromium fails or times out.
  Result<std::string> Pdf(std::int64_t id, const std::function<std::string(const BulletinIssue&)>& html_of);

 private:
  store::Database& db_;
  const Clock& clock_;
  PdfPrintOptions print_;
  Slots print_slots_{1};  // chromium is heavy: one print at a time per server
};

// Prints `html` (a whole page) to PDF with headless chromium in a private temporary directory, killing it
// after options.timeout. Errors as BulletinService::Pdf.
Result<std::string> PrintHtmlToPdf(const PdfPrintOptions& options, const std::string& html);

}  // namespace minsheng::app
