#include "pg_tools.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "server_process.h"

namespace minsheng::apitest {

std::string WithDatabase(const std::string& url, const std::string& dbname) {
  size_t scheme = url.find("://");
  size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  size_t query = url.find('?', authority);
  std::string params = query == std::string::npos ? std::string() : url.substr(query);
  std::string head = url.substr(0, query);
  size_t slash = head.find('/', authority);
  if (slash != std::string::npos) head.resize(slash);
  return head + "/" + dbname + params;
}

std::string DatabaseOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  std::string head = url.substr(0, url.find('?', authority));
  size_t slash = head.find('/', authority);
  return slash == std::string::npos ? std::string() : head.substr(slash + 1);
}

std::string FindProgram(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

namespace {

std::expected<std::vector<std::string>, std::string> PsqlArgv(const std::string& url, const std::string& sql) {
  static const std::string psql = FindProgram("psql");
  if (psql.empty()) return std::unexpected("psql is not on PATH (apt-get install postgresql-client)");
  return std::vector<std::string>{psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql};
}

}  // namespace

std::expected<void, std::string> Psql(const std::string& url, const std::string& sql, const std::string& log_path,
                                      int timeout_s) {
  auto argv = PsqlArgv(url, sql);
  if (!argv) return std::unexpected(argv.error());
  return RunCommand(*argv, log_path, timeout_s);
}

std::expected<std::string, std::string> PsqlValue(const std::string& url, const std::string& sql,
                                                  const std::string& log_path, int timeout_s) {
  static std::atomic<int> counter{0};
  auto argv = PsqlArgv(url, sql);
  if (!argv) return std::unexpected(argv.error());
  std::string out = log_path + ".value." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  argv->insert(argv->begin() + 1, {"-t", "-A", "-o", out});
  auto ran = RunCommand(*argv, log_path, timeout_s);
  std::ifstream in(out);
  std::stringstream buf;
  buf << in.rdbuf();
  in.close();
  std::error_code ec;
  std::filesystem::remove(out, ec);
  if (!ran) return std::unexpected(ran.error());
  std::string value = buf.str();
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r' || value.back() == ' ')) value.pop_back();
  return value;
}

}  // namespace minsheng::apitest
