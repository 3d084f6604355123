// `minsheng serve`: wires store, services and routes together and runs the HTTP server and the
// deadline sweep until SIGINT or SIGTERM.
#pragma once

#include <cstdint>
#include <string>

#include "core/error.h"

namespace minsheng::cli {

struct ServeOptions {
  std::string db_url = "sqlite:var/minsheng.db";
  std::string db_replica_url;            // lists and metrics may read here (PostgreSQL only)
  int db_connections = 0;                // database connections; 0: the engine's default
  std::string address = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  int worker_threads = 64;
  int sweep_seconds = 30;                // the deadline sweep runs at start and then this often
  std::int64_t clock_offset_seconds = 0;  // shifts the server's clock (tests)
  std::string web_root;                  // built web app (web/dist); empty: API only
  // Issue 12, bulletins: chromium for printing them to PDF ("" or "none": no PDFs, 503 pdf_unavailable) and
  // how long one print may take.
  std::string chromium = "/usr/bin/chromium";
  int print_timeout_seconds = 60;
  // Issue 13: threads for exports and prints (Dispatch::kBulk), and GET /api/v1/public/metrics' cache (seconds,
  // 0: none) and calls per client address per minute (0: no limit).
  int bulk_threads = 2;
  int public_metrics_cache_seconds = 60;
  int public_metrics_per_minute = 120;
  // Issue 13, lists: a list's total is exact up to this many appeals, above it the cap flagged inexact (0: no cap).
  std::int64_t list_count_cap = 10000;
};

Status Serve(const ServeOptions& options);

}  // namespace minsheng::cli
