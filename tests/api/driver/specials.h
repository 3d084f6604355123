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
std::expected<void, std::string> RunSpecial(Session& session, const std::string& name,
                                            const std::vector<std::string>& args);

}  // namespace minsheng::apitest
