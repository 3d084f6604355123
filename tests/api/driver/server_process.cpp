#include "server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <thread>

#include "http_client.h"
#include "test_clock.h"

namespace minsheng::apitest {
namespace {

using Clock = std::chrono::steady_clock;

std::string DescribeStatus(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// fork + exec with output appended to log_path; the child dies with its parent thread.
std::expected<pid_t, std::string> Spawn(const std::vector<std::string>& argv, const std::string& log_path) {
  int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return std::unexpected("cannot open log " + log_path);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    return std::unexpected("fork failed");
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, 0);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(log_fd);
  return pid;
}

// Waits for pid up to wait_ms; returns its status description, or empty if still running.
std::string WaitPid(pid_t pid, int wait_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(wait_ms);
  while (true) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return DescribeStatus(status);
    if (r < 0) return "gone";
    if (Clock::now() >= deadline) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::string FileTail(const std::string& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> tail;
  std::string line;
  while (std::getline(in, line)) {
    tail.push_back(line);
    if (static_cast<int>(tail.size()) > lines) tail.pop_front();
  }
  std::string out;
  for (const auto& l : tail) out += "    | " + l + "\n";
  return out;
}

std::expected<void, std::string> RunCommand(const std::vector<std::string>& argv, const std::string& log_path,
                                            int timeout_s) {
  std::string shown;
  for (const auto& a : argv) shown += (shown.empty() ? "" : " ") + a;
  {
    std::ofstream log(log_path, std::ios::app);
    log << "$ " << shown << "\n";
  }
  auto pid = Spawn(argv, log_path);
  if (!pid) return std::unexpected(pid.error());
  std::string result = WaitPid(*pid, timeout_s * 1000);
  if (result.empty()) {
    ::kill(*pid, SIGKILL);
    WaitPid(*pid, 5000);
    return std::unexpected("`" + shown + "` did not finish within " + std::to_string(timeout_s) + " s\n" +
                           FileTail(log_path, 15));
  }
  if (result != "exit 0")
    return std::unexpected("`" + shown + "` failed (" + result + ")\n" + FileTail(log_path, 15));
  return {};
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

ServerProcess::ServerProcess(std::string binary, std::string db_url, std::string log_path,
                             std::vector<std::string> fixed_args)
    : binary_(std::move(binary)),
      db_url_(std::move(db_url)),
      log_path_(std::move(log_path)),
      fixed_args_(std::move(fixed_args)) {}

ServerProcess::~ServerProcess() { Kill(); }

std::expected<void, std::string> ServerProcess::Start(const std::vector<std::string>& extra_args) {
  std::string last_error;
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto started = StartOnce(extra_args);
    if (started) return {};
    last_error = started.error();
    if (Alive()) break;  // it runs but is not healthy: retrying will not help
  }
  Kill();
  return std::unexpected(last_error);
}

std::expected<void, std::string> ServerProcess::StartOnce(const std::vector<std::string>& extra_args) {
  Kill();
  port_ = FreePort();
  std::vector<std::string> argv = {binary_, "serve", "--listen", "127.0.0.1:" + std::to_string(port_),
                                   "--db", db_url_};
  std::vector<std::string> args = fixed_args_;
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  args = WithTestClock(std::move(args));
  argv.insert(argv.end(), args.begin(), args.end());
  std::string shown;
  for (const auto& a : argv) shown += (shown.empty() ? "" : " ") + a;
  {
    std::ofstream log(log_path_, std::ios::app);
    log << "$ " << shown << "\n";
  }
  auto pid = Spawn(argv, log_path_);
  if (!pid) return std::unexpected(pid.error());
  pid_ = *pid;
  exit_ = "running";
  auto deadline = Clock::now() + std::chrono::seconds(30);
  std::string last;
  while (Clock::now() < deadline) {
    if (!Alive())
      return std::unexpected("`" + shown + "` exited (" + exit_ + ") before it was healthy\n" +
                             FileTail(log_path_, 15));
    HttpClient client("127.0.0.1", port_, 2000);
    auto response = client.Send("GET", "/api/v1/health");
    if (response && response->status == 200) {
      // Make sure it was our process that answered, not another server that won the port.
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (Alive()) return {};
      continue;
    }
    last = response ? "health answered " + std::to_string(response->status) + " " + response->body
                    : response.error();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::unexpected("`" + shown + "` not healthy within 30 s (" + last + ")\n" + FileTail(log_path_, 15));
}

bool ServerProcess::Alive() {
  if (pid_ < 0) return false;
  std::string status = WaitPid(pid_, 0);
  if (status.empty()) return true;
  exit_ = status;
  pid_ = -1;
  return false;
}

void ServerProcess::Signal(int sig, int wait_ms) {
  if (pid_ < 0) return;
  ::kill(pid_, sig);
  std::string status = WaitPid(pid_, wait_ms);
  if (status.empty()) {
    ::kill(pid_, SIGKILL);
    status = WaitPid(pid_, 10000);
    if (sig != SIGKILL) status += " (killed after SIGTERM timeout)";
  }
  exit_ = status;
  pid_ = -1;
}

void ServerProcess::Stop() { Signal(SIGTERM, 10000); }
void ServerProcess::Kill() { Signal(SIGKILL, 10000); }

}  // namespace minsheng::apitest
