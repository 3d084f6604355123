// Serves the built web app (web/dist) from disk.
#pragma once

#include <filesystem>
#include <string_view>

#include "api/router.h"

namespace minsheng::api {

// A handler serving files under `root` for req.path:
// - Content-Type from the extension (html, js, css, svg, png, ico, json, woff2, map, …);
// - Cache-Control "public, max-age=31536000, immutable" under /assets/ (hashed names), else no-cache;
// - a precompressed "<file>.gz" sibling when the client accepts gzip (Content-Encoding: gzip,
//   Vary: Accept-Encoding);
// - history fallback: a missing path whose last segment has no extension gets root/index.html;
// - "." / ".." segments, backslashes and NUL are refused (404), as is anything resolving outside root.
// Missing files give a 404 JSON error "not_found".
Handler StaticFiles(std::filesystem::path root);

// Content-Type for a file name by its extension ("application/octet-stream" when unknown).
std::string_view ContentTypeFor(std::string_view file_name);

}  // namespace minsheng::api
