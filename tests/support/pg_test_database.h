// A fresh PostgreSQL database for one test, on the private cluster that scripts/test.sh starts
// (env MINSHENG_TEST_PG, a URL to its `postgres` database as a superuser). Dropped at the end.
//
//   PgTestDatabase pg;
//   if (pg.skip()) GTEST_SKIP() << pg.why();   // no cluster (fails instead under MINSHENG_REQUIRE_PG=1)
//   auto db = store::OpenDatabase(pg.url());
#pragma once

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace minsheng::testing {

class PgTestDatabase {
 public:
  // `create_options` are added to CREATE DATABASE (e.g. a collation); if the server refuses them, the
  // database is created without.
  explicit PgTestDatabase(const std::string& create_options = "") {
    const char* admin = std::getenv("MINSHENG_TEST_PG");
    if (admin == nullptr || *admin == '\0') {
      why_ = "MINSHENG_TEST_PG is not set (scripts/test.sh starts a private PostgreSQL and sets it)";
      const char* require = std::getenv("MINSHENG_REQUIRE_PG");
      if (require != nullptr && std::string(require) == "1") ADD_FAILURE() << why_;
      return;
    }
    admin_ = admin;
    static std::atomic<int> counter{0};
    name_ = "ms_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    const bool created = Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)") &&
                         ((!create_options.empty() && Admin("CREATE DATABASE " + name_ + " " + create_options)) ||
                          Admin("CREATE DATABASE " + name_));
    if (!created) {
      ADD_FAILURE() << why_;
      name_.clear();
      return;
    }
    url_ = WithDatabase(admin_, name_);
  }
  ~PgTestDatabase() {
    if (!name_.empty()) Admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  PgTestDatabase(const PgTestDatabase&) = delete;
  PgTestDatabase& operator=(const PgTestDatabase&) = delete;

  bool skip() const { return url_.empty(); }
  const std::string& why() const { return why_; }
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  // `url` with its database name replaced by `database` (query parameters kept).
  static std::string WithDatabase(const std::string& url, const std::string& database) {
    const std::size_t scheme = url.find("://");
    const std::size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    const std::size_t query = url.find('?');
    std::string base = url.substr(0, slash == std::string::npos ? (query == std::string::npos ? url.size() : query)
                                                                : slash);
    return base + "/" + database + (query == std::string::npos ? "" : url.substr(query));
  }

 private:
  bool Admin(const std::string& sql) {
    PGconn* conn = PQconnectdb(admin_.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
      PGresult* res = PQexec(conn, sql.c_str());
      ok = PQresultStatus(res) == PGRES_COMMAND_OK;
      if (!ok) why_ = sql + ": " + PQresultErrorMessage(res);
      PQclear(res);
    } else {
      why_ = std::string("cannot connect to MINSHENG_TEST_PG: ") + PQerrorMessage(conn);
    }
    PQfinish(conn);
    return ok;
  }

  std::string admin_, name_, url_, why_;
};

}  // namespace minsheng::testing
