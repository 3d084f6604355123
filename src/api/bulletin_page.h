// A bulletin issue as one print-ready HTML page (A4, a page per section, Chinese typography, charts as inline
// SVG), drawn only from the issue's frozen snapshot: the print page the portal links to and what chromium
// prints to PDF. Also the issue as an .xlsx workbook.
#pragma once

#include <string>

#include "app/bulletin_service.h"
#include "core/error.h"

namespace minsheng::api {

// The whole page. `draft` marks a preview (a watermark-like banner, no issue number).
std::string BulletinPageHtml(const app::BulletinIssue& issue, bool draft = false);

// The issue's tables, one sheet per section.
Result<std::string> BulletinWorkbook(const app::BulletinIssue& issue);

}  // namespace minsheng::api
