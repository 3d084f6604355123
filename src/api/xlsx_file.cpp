#include "api/xlsx_file.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace minsheng::api {
namespace {

// A private directory for libxlsxwriter's temp files and the workbook, removed with this object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "minsheng-xlsx-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

Error XlsxExportFailed(const std::string& why) {
  return Error{ErrorKind::kInternal, "export_failed", "导出 Excel 失败：" + why, {}, {}};
}

Result<std::string> BuildXlsx(const std::string& title, const std::function<void(lxw_workbook*)>& fill) {
  TempDir dir;
  if (dir.path().empty()) return Fail(XlsxExportFailed("无法创建临时目录"));
  const std::string file = dir.path() + "/workbook.xlsx";
  lxw_workbook_options options{.constant_memory = LXW_FALSE, .tmpdir = const_cast<char*>(dir.path().c_str()),
                               .use_zip64 = LXW_FALSE};
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (!wb) return Fail(XlsxExportFailed("无法创建工作簿"));
  lxw_doc_properties properties{};
  std::string title_text = title;
  properties.title = title_text.data();
  properties.company = const_cast<char*>("民声");
  workbook_set_properties(wb, &properties);
  fill(wb);
  if (lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return Fail(XlsxExportFailed(lxw_strerror(e)));
  std::ifstream in(file, std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.good() && !in.eof()) return Fail(XlsxExportFailed("无法读取工作簿"));
  return bytes;
}

}  // namespace minsheng::api
