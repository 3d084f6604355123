// Runs the `minsheng` binary under test: one-shot commands (migrate, demo) and `serve` processes.
#pragma once

#include <sys/types.h>

#include <expected>
#include <string>
#include <vector>

namespace minsheng::apitest {

// Runs `argv` (argv[0] is the program path) with stdout and stderr appended to log_path; fails with a
// description (and the log's tail) when it does not exit 0 within timeout_s seconds.
std::expected<void, std::string> RunCommand(const std::vector<std::string>& argv, const std::string& log_path,
                                            int timeout_s);

// The last `lines` lines of a text file (for failure reports).
std::string FileTail(const std::string& path, int lines);

// A free TCP port on 127.0.0.1 (asks the kernel; a tiny race with other processes is possible).
int FreePort();

// One `minsheng serve --listen 127.0.0.1:PORT --db URL [fixed args] [extra args]` process; URL is e.g.
// `sqlite:/tmp/x/minsheng.db` or `postgresql://postgres@127.0.0.1:55432/ms_1_2`. Restarts keep the URL
// and the fixed args (e.g. `--db-replica URL`).
class ServerProcess {
 public:
  ServerProcess(std::string binary, std::string db_url, std::string log_path,
                std::vector<std::string> fixed_args = {});
  ~ServerProcess();  // kills a server still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts the server on a free port with `extra_args` and waits (up to 30 s) for GET /api/v1/health
  // to answer 200. Retries on another port if the process dies at once.
  std::expected<void, std::string> Start(const std::vector<std::string>& extra_args = {});
  // SIGTERM, then SIGKILL after 10 s; waits for the process.
  void Stop();
  // SIGKILL at once; waits for the process.
  void Kill();
  // Whether the process is still alive (reaps it if it exited).
  bool Alive();

  int port() const { return port_; }
  const std::string& log_path() const { return log_path_; }
  const std::string& db_url() const { return db_url_; }
  const std::vector<std::string>& fixed_args() const { return fixed_args_; }
  // How the last process ended, e.g. "exit 1" or "signal 11", or "running".
  std::string ExitDescription() const { return exit_; }

 private:
  std::expected<void, std::string> StartOnce(const std::vector<std::string>& extra_args);
  void Signal(int sig, int wait_ms);

  std::string binary_;
  std::string db_url_;
  std::string log_path_;
  std::vector<std::string> fixed_args_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string exit_ = "not started";
};

}  // namespace minsheng::apitest
