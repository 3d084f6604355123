#include "api/static_files.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "api/error_mapping.h"

namespace minsheng::api {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return content;
}

bool IsRegularFile(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// True if `path`, with symlinks resolved, is `root` or inside it.
bool IsUnder(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  if (ec) return false;
  auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  return root_end == root.end();
}

bool SafeRelative(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return false;
  }
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(pos, slash - pos);
    if (segment == "." || segment == "..") return false;
    pos = slash + 1;
  }
  return true;
}

Response NotFound(std::string_view path) {
  return ErrorResponse(Error::NotFound("文件不存在：" + std::string(path)));
}

bool AcceptsGzip(const Request& req) {
  std::string accept = req.Header("Accept-Encoding");
  return accept.find("gzip") != std::string::npos;
}

Response Serve(const Request& req, const fs::path& file, std::string_view url_path,
               bool immutable) {
  Response response;
  response.content_type = std::string(ContentTypeFor(file.filename().string()));
  response.headers.emplace_back(
      "Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  fs::path gz = file;
  gz += ".gz";
  if (IsRegularFile(gz)) {
    response.headers.emplace_back("Vary", "Accept-Encoding");
    if (AcceptsGzip(req)) {
      if (auto content = ReadFile(gz)) {
        response.body = std::move(*content);
        response.headers.emplace_back("Content-Encoding", "gzip");
        return response;
      }
    }
  }
  auto content = ReadFile(file);
  if (!content) return NotFound(url_path);
  response.body = std::move(*content);
  return response;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".map", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (file_name.ends_with(ext)) return type;
  }
  return "application/octet-stream";
}

Handler StaticFiles(fs::path root) {
  std::error_code ec;
  fs::path canonical_root = fs::weakly_canonical(root, ec);
  if (ec) canonical_root = root.lexically_normal();
  return [root = std::move(canonical_root)](Request& req) -> Response {
    std::string_view url_path = req.path;
    if (!SafeRelative(url_path)) return NotFound(url_path);
    std::string_view relative = url_path;
    while (relative.starts_with('/')) relative.remove_prefix(1);
    bool immutable = url_path.starts_with("/assets/");

    fs::path file = root / fs::path(relative);
    if (relative.empty() || relative.ends_with('/')) file /= "index.html";
    if (IsRegularFile(file) && IsUnder(root, file)) {
      return Serve(req, file, url_path, immutable);
    }
    // History routing: "/appeals/42" is a page of the web app, not a file.
    std::string_view last = relative.substr(relative.rfind('/') == std::string_view::npos
                                                ? 0
                                                : relative.rfind('/') + 1);
    if (last.find('.') == std::string_view::npos) {
      fs::path index = root / "index.html";
      if (IsRegularFile(index)) return Serve(req, index, url_path, false);
    }
    return NotFound(url_path);
  };
}

}  // namespace minsheng::api
