// A studio's (or street's) field logs as its archive (台账): one .xlsx sheet, a row per entry.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/field_log_service.h"
#include "core/error.h"

namespace minsheng::api {

// `subtitle` says what was filtered ("2026-11-01 至 2026-11-30 · 东湖街道"). Names are masked as for `actor`.
// kInternal "export_failed" if libxlsxwriter or the temp directory fails.
Result<std::string> FieldLogWorkbook(const std::vector<app::FieldLog>& logs, const app::Actor& actor,
                                     const std::string& subtitle);

}  // namespace minsheng::api
