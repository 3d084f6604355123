// The router `minsheng serve` builds: every route of api::AddAllRoutes plus a history-routing fallback
// for the web app, for the harnesses that look requests up (http_request_fuzz, router_fuzz).
//
// The route handlers are never run, but registering them needs the services, and those need a
// database: an empty SQLite file in a fresh temp folder, removed at exit. Nothing is written to it.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <stdlib.h>  // mkdtemp

#include "api/router.h"
#include "api/routes.h"
#include "api/service_set.h"
#include "core/clock.h"
#include "store/database.h"

namespace minsheng::fuzz {

namespace detail {

inline std::filesystem::path& TempFolder() {
  static std::filesystem::path folder;
  return folder;
}

inline void RemoveTempFolder() {
  std::error_code ignored;
  if (!TempFolder().empty()) std::filesystem::remove_all(TempFolder(), ignored);
}

// Everything the routes capture by reference, alive until the process ends (never destroyed: the
// fuzzer exits from inside its loop, and the database's threads must not outlive what they use).
struct Services {
  std::unique_ptr<store::Database> db;
  ManualClock clock{1795968000};  // 2026-11-30T00:00:00+08:00
  std::unique_ptr<api::ServiceSet> services;
};

inline Services* MakeServices() {
  char pattern[] = "/tmp/minsheng-fuzz.XXXXXX";
  if (::mkdtemp(pattern) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  TempFolder() = pattern;
  std::atexit(RemoveTempFolder);
  auto* s = new Services;
  store::DatabaseOptions options;
  options.read_connections = 1;
  auto db = store::OpenDatabase("sqlite:" + (TempFolder() / "fuzz.db").string(), options);
  if (!db) {
    std::fprintf(stderr, "real_router.h: cannot open the database: %s\n", db.error().message.c_str());
    std::abort();
  }
  s->db = std::move(*db);
  s->services = std::make_unique<api::ServiceSet>(*s->db, s->clock);
  return s;
}

}  // namespace detail

// The server's router, built on first use.
inline const api::Router& RealRouter() {
  static const api::Router* router = [] {
    static detail::Services* services = detail::MakeServices();
    auto* r = new api::Router;
    api::AddAllRoutes(*r, services->services->api());
    r->SetFallback([](api::Request&) { return api::Response{}; });  // as with --web-root
    return r;
  }();
  return *router;
}

}  // namespace minsheng::fuzz
