// The dashboard as an Excel workbook (.xlsx, written by libxlsxwriter): the ranking, the period by the
// chosen grouping with its total, the monthly trend and the street × category table, one sheet each.
#pragma once

#include <string>

#include "app/metrics_service.h"
#include "core/error.h"

namespace minsheng::api {

struct DashboardLabels {
  std::string period;    // "2026-06-01 至 2026-11-22"
  std::string group_by;  // what report.groups are: "部门", "街道", "分类", "渠道", "周", "月"
  std::string ranking;   // what report.ranking ranks: "部门" or "街道"
};

// The workbook's bytes; kInternal "export_failed" if libxlsxwriter or the temp directory fails.
Result<std::string> DashboardWorkbook(const app::DashboardReport& report, const DashboardLabels& labels);

}  // namespace minsheng::api
