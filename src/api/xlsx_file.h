// Writing an .xlsx workbook with libxlsxwriter into memory: a private temp directory for its files, the
// document properties, then the bytes (the dashboard's and the field-log archive's exports).
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>

#include "core/error.h"

namespace minsheng::api {

// kInternal "export_failed" with `why` in the message.
Error XlsxExportFailed(const std::string& why);

// Creates a workbook titled `title` (company 民声), lets `fill` add its sheets, closes it and returns its
// bytes; kInternal "export_failed" if the temp directory or libxlsxwriter fails.
Result<std::string> BuildXlsx(const std::string& title, const std::function<void(lxw_workbook*)>& fill);

}  // namespace minsheng::api
