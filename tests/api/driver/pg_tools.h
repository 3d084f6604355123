// PostgreSQL helpers for the driver: URLs with another database name, and psql runs on a private cluster.
#pragma once

#include <expected>
#include <string>

namespace minsheng::apitest {

// `url` (postgresql://user@host:port/db?params) with its database name replaced by `dbname`; the query
// part is kept. A URL without a path gets one.
std::string WithDatabase(const std::string& url, const std::string& dbname);

// The database name of a postgresql:// URL ("" if it has none).
std::string DatabaseOf(const std::string& url);

// The absolute path of `program` found on PATH, or "" when it is not there.
std::string FindProgram(const std::string& program);

// Runs `sql` with `psql -X -q -v ON_ERROR_STOP=1` on `url` (outside a transaction, so CREATE DATABASE
// works); output goes to log_path. Fails with psql's exit and the log's tail.
std::expected<void, std::string> Psql(const std::string& url, const std::string& sql, const std::string& log_path,
                                      int timeout_s = 60);

// Like Psql, but returns the query's single value (unaligned, tuples only), trimmed.
std::expected<std::string, std::string> PsqlValue(const std::string& url, const std::string& sql,
                                                  const std::string& log_path, int timeout_s = 30);

}  // namespace minsheng::apitest
