// Staff login with argon2id passwords and expiring bearer tokens.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "app/actor.h"
#include "core/clock.h"
#include "core/login_policy.h"
#include "store/database.h"
#include "store/records.h"

namespace minsheng::app {

struct LoginResult {
  std::string token;
  Timestamp expires_at = 0;
  store::UserRecord user;
};

class AuthService {
 public:
  static constexpr std::int64_t kTokenLifetimeSeconds = 12 * 3600;

  AuthService(store::Database& db, const Clock& clock);

  // kUnauthenticated "invalid_credentials" for an unknown user, a wrong password or a disabled account
  // (saying how many attempts are left once a lock comes near). Repeated failures slow down and lock
  // (core/login_policy.h), per account (kept in the database, so every server agrees) and per client
  // address (in this process): kRateLimited "login_throttled" or "account_locked", with the seconds to
  // wait, checked before the password so that waiting attempts cost no hashing. Unknown usernames are
  // throttled and locked alike (in memory), so that a lock does not tell which accounts exist.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote_address = {});
  // The actor behind a bearer token: "unauthenticated" when unknown, "token_expired" when expired.
  // Sessions are cached in memory for a short while, so most requests touch no database.
  Result<Actor> Authenticate(const std::string& token);
  // Ends the session of `token` at once on this server (its cached copy is dropped) and within the
  // cache's lifetime (30 s) on others. Unknown or expired tokens are fine: logging out twice is no error.
  Status Logout(const std::string& token);
  // Drops the user's cached sessions in this process, after they were deactivated or their password
  // or role changed. Other servers notice within the cache's lifetime (30 s).
  void Forget(store::Id user_id);
  // The actor of a user id (for the demo, tests and the sweep).
  Result<Actor> ActorOf(store::Id user_id);

 private:
  struct CachedSession {
    Actor actor;
    Timestamp expires_at = 0;
    Timestamp cached_at = 0;
  };

  store::Database& db_;
  const Clock& clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, CachedSession> cache_;  // GUARDED_BY(mutex_), by token hash
  std::mutex attempts_mutex_;
  std::unordered_map<std::string, LoginAttempts> address_attempts_;  // GUARDED_BY(attempts_mutex_)
  std::unordered_map<std::string, LoginAttempts> unknown_attempts_;  // GUARDED_BY(attempts_mutex_), by username
};

// Builds the actor of a stored user (region path looked up in the same transaction).
Result<Actor> ActorFromUser(store::Tx& tx, const store::UserRecord& user);

}  // namespace minsheng::app
