// Checks that the scenario text format cannot express, run by `special NAME [ARGS]`.
#pragma once

#include <expected>
#include <string>
#include <vector>

namespace minsheng::apitest {

class Session;

// Runs the special check `name`:
//   kill9 [N]             N times (default 20): POST an appeal, get 201, SIGKILL the server at once,
//                         restart it on the same database, GET the appeal: it must be there.
//   race [SECONDS] [PAIRS]  restarts the server and starts a second one on the same database (SQLite file
//                         or PostgreSQL database), both with `--sweep-seconds 1 --clock-offset 3456000`;
//                         PAIRS (default 4) pairs of client threads, one on each server, fire conflicting
//                         transitions at the same appeals for SECONDS (default 5, at most 400 rounds a
//                         pair); every answer must be 2xx or 409, and afterwards each appeal's timeline must
//                         replay to its status, count one event per successful transition, and show at
//                         most one active lead unit; the two sweeps must have issued supervision notices
//                         (the demo's appeals are overdue 40 days later) and none twice for the same
//                         (appeal, kind, deadline).
//   replica_lag           needs `requires replica`: pauses WAL replay on the replica, POSTs an appeal, which
//                         GET /appeals/{id} must show at once (primary) while the appeals list must not
//                         (replica); resumes replay (always, also on failure) and waits up to 10 s for the
//                         list to show it.
//   pg_outage [SECONDS]   on PostgreSQL, with MINSHENG_TEST_PG_DATA (the primary's data directory) and
//                         MINSHENG_TEST_PG_OUTAGE=1 (only ctest's api_scenarios_pg_outage, which runs alone:
//                         elsewhere it notes that it did not run): clients POST appeals in a loop; the
//                         primary is stopped (`pg_ctl stop -m immediate`) for SECONDS (default 3) and started
//                         again. Every answer must be 201 or 503 within 5 s, those while it was down 503 (a
//                         read too), a POST must answer 201 within 20 s of the start, and every 201'd appeal
//                         must be readable. The primary is started again and the replica streaming from it
//                         (waited for up to 60 s) on every way out.
//   ballot_race [PAIRS]   (issue 11, part C) a vote of s01c01 with PAIRS voter codes (default 10); for each code
//                         two clients on their own connections send a ballot at the same instant: exactly one
//                         must answer 201, the other 409 already_voted; after closing, the results must count
//                         one ballot per code, each for the option of the client that won.
//   backup_during_writes [WRITERS]  (issue 13) WRITERS clients (default 4) POST appeals while `minsheng backup`
//                         runs on the scenario's database; `minsheng restore` into a new database must succeed
//                         (it verifies against the manifest) and a server on it must hold every appeal
//                         acknowledged before the backup began and none sent after it ended.
std::expected<void, std::string> RunSpecial(Session& session, const std::string& name,
                                            const std::vector<std::string>& args);

}  // namespace minsheng::apitest
