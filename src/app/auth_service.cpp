#include "app/auth_service.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/audit.h"
#include "app/password.h"
#include "core/calendar.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

constexpr Timestamp kCacheSeconds = 30;
constexpr std::size_t kCacheLimit = 100000;

Error InvalidCredentials() { return Error::Unauthenticated("invalid_credentials", "用户名或密码错误"); }

}  // namespace

Result<Actor> ActorFromUser(store::Tx& tx, const store::UserRecord& user) {
  MS_ASSIGN(role, ParseRole(user.role));
  MS_ASSIGN(region, store::FindRegion(tx, user.region_id));
  if (!region) return Fail(Error::Internal("用户所属区域缺失"));
  Actor a;
  a.kind = Actor::Kind::kStaff;
  a.user_id = user.id;
  a.role = role;
  a.username = user.username;
  a.display_name = user.display_name;
  a.region_id = user.region_id;
  a.region_path = region->path;
  a.department_id = user.department_id;
  a.unit_head = user.unit_head;
  return a;
}

AuthService::AuthService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

namespace {

constexpr std::size_t kAttemptsLimit = 10000;  // addresses or unknown names remembered

LoginAttempts AttemptsOf(const store::UserRecord& u) {
  return {u.failed_logins, u.last_failed_login_at.value_or(0), u.locked_until.value_or(0)};
}

// "14:05" in China Standard Time.
std::string ClockTime(Timestamp t) {
  const Timestamp local = t - LocalDayStart(LocalDay(t));
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(local / 3600), static_cast<int>(local / 60 % 60));
  return buffer;
}

// The refusal for a verdict other than kAllowed.
Error Refusal(const LoginVerdict& v, Timestamp now) {
  const int wait = static_cast<int>(std::max<Timestamp>(1, v.retry_at - now));
  if (v.kind == LoginVerdict::Kind::kLocked)
    return Error::RetryLater(ErrorKind::kRateLimited, "account_locked",
                             "连续登录失败次数过多，账号已临时锁定，请于 " + ClockTime(v.retry_at) +
                                 " 后再试，或联系系统管理员解锁",
                             wait);
  return Error::RetryLater(ErrorKind::kRateLimited, "login_throttled",
                           "登录失败次数较多，请 " + std::to_string(wait) + " 秒后再试", wait);
}

// Keeps a map of attempts from growing without bound: forgets what no longer counts, or everything.
void Trim(std::unordered_map<std::string, LoginAttempts>& map, Timestamp now, const LoginPolicy& policy) {
  if (map.size() < kAttemptsLimit) return;
  std::erase_if(map, [&](const auto& e) {
    return now - e.second.last_failure >= policy.forget_after && e.second.locked_until <= now;
  });
  if (map.size() >= kAttemptsLimit) map.clear();
}

std::string Lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& remote_address) {
  const Timestamp now = clock_.Now();
  const std::string name_key = Lowercase(username);
  {
    std::lock_guard lock(attempts_mutex_);
    auto it = address_attempts_.find(remote_address);
    if (it != address_attempts_.end()) {
      const LoginVerdict v = CheckLogin(kAddressLoginPolicy, it->second, now);
      if (v.kind != LoginVerdict::Kind::kAllowed) return Fail(Refusal(v, now));
    }
  }
  MS_ASSIGN(user, ReadValue<std::optional<store::UserRecord>>(
                      db_, [&](store::Tx& tx) { return store::FindUserByUsername(tx, username); }));
  LoginAttempts attempts;
  if (user) {
    attempts = AttemptsOf(*user);
  } else {
    std::lock_guard lock(attempts_mutex_);
    if (auto it = unknown_attempts_.find(name_key); it != unknown_attempts_.end()) attempts = it->second;
  }
  if (const LoginVerdict v = CheckLogin(kAccountLoginPolicy, attempts, now); v.kind != LoginVerdict::Kind::kAllowed)
    return Fail(Refusal(v, now));

  bool ok = false;
  if (!user || !user->active) {
    // Spend the same time as a real check, so that timing does not tell which usernames exist.
    static const std::string kDummy = HashPassword("minsheng-dummy").value_or("");
    VerifyPassword(kDummy, password);
  } else {
    ok = VerifyPassword(user->password_hash, password);
  }

  if (!ok) {
    // A wait counts from when the failure is answered: however long the hashing took, the next attempt
    // right after it waits the whole time.
    const Timestamp failed_at = clock_.Now();
    LoginAttempts after;
    if (user) {
      // Counted in one transaction on what is stored now, so that racing failures all count.
      MS_TRY(db_.Write([&](store::Tx& tx) -> Status {
        MS_ASSIGN(fresh, store::FindUser(tx, user->id));
        if (!fresh) return {};
        after = AfterFailure(kAccountLoginPolicy, AttemptsOf(*fresh), failed_at);
        MS_TRY(store::SetLoginFailures(tx, user->id, after.failures, after.last_failure,
                                       after.locked_until ? store::OptId(after.locked_until) : std::nullopt));
        if (after.locked_until == 0) return {};
        Actor who = Actor::System();
        who.display_name = "登录尝试：" + username;
        who.remote_address = remote_address;
        return Audit(tx, who, failed_at, "login_locked", "user", user->id, std::nullopt,
                     {{"username", user->username}, {"failures", after.failures}, {"locked_until", after.locked_until}});
      }));
    }
    std::lock_guard lock(attempts_mutex_);
    if (!user) {
      Trim(unknown_attempts_, failed_at, kAccountLoginPolicy);
      after = unknown_attempts_[name_key] = AfterFailure(kAccountLoginPolicy, attempts, failed_at);
    }
    Trim(address_attempts_, failed_at, kAddressLoginPolicy);
    address_attempts_[remote_address] = AfterFailure(kAddressLoginPolicy, address_attempts_[remote_address], failed_at);
    if (after.locked_until != 0) return Fail(Refusal(CheckLogin(kAccountLoginPolicy, after, failed_at), failed_at));
    const int left = kAccountLoginPolicy.lock_after - after.failures;
    if (left <= 3)
      return Fail(Error::Unauthenticated("invalid_credentials", "用户名或密码错误（再失败 " + std::to_string(left) +
                                                                     " 次，账号将被临时锁定）"));
    return Fail(InvalidCredentials());
  }

  LoginResult out;
  out.token = RandomHex(32);
  out.expires_at = now + kTokenLifetimeSeconds;
  MS_TRY(db_.Write([&](store::Tx& tx) -> Status {
    MS_TRY(store::DeleteExpiredSessions(tx, now));
    if (user->failed_logins != 0 || user->locked_until)
      MS_TRY(store::SetLoginFailures(tx, user->id, 0, std::nullopt, std::nullopt));
    return store::InsertSession(tx, DigestHex(out.token), user->id, now, out.expires_at);
  }));
  user->failed_logins = 0;
  user->last_failed_login_at.reset();
  user->locked_until.reset();
  out.user = std::move(*user);
  return out;
}

Result<Actor> AuthService::Authenticate(const std::string& token) {
  if (token.empty()) return Fail(Error::Unauthenticated("unauthenticated", "请先登录"));
  const std::string key = DigestHex(token);
  const Timestamp now = clock_.Now();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && now - it->second.cached_at < kCacheSeconds) {
      if (now >= it->second.expires_at)
        return Fail(Error::Unauthenticated("token_expired", "登录已过期，请重新登录"));
      return it->second.actor;
    }
  }
  std::optional<CachedSession> session;
  MS_TRY(db_.Read([&](store::Tx& tx) -> Status {
    MS_ASSIGN(found, store::FindSession(tx, key));
    if (!found) return {};
    MS_ASSIGN(user, store::FindUser(tx, found->user_id));
    if (!user || !user->active) return {};
    MS_ASSIGN(actor, ActorFromUser(tx, *user));
    session = CachedSession{std::move(actor), found->expires_at, now};
    return {};
  }));
  if (!session) return Fail(Error::Unauthenticated("unauthenticated", "登录凭证无效，请重新登录"));
  {
    std::lock_guard lock(mutex_);
    if (cache_.size() >= kCacheLimit) cache_.clear();
    cache_[key] = *session;
  }
  if (now >= session->expires_at) return Fail(Error::Unauthenticated("token_expired", "登录已过期，请重新登录"));
  return session->actor;
}

Status AuthService::Logout(const std::string& token) {
  if (token.empty()) return {};
  const std::string key = DigestHex(token);
  MS_TRY(db_.Write([&](store::Tx& tx) { return store::DeleteSession(tx, key); }));
  std::lock_guard lock(mutex_);
  cache_.erase(key);
  return {};
}

void AuthService::Forget(store::Id user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(cache_, [user_id](const auto& entry) { return entry.second.actor.user_id == user_id; });
}

Result<Actor> AuthService::ActorOf(store::Id user_id) {
  return ReadValue<Actor>(db_, [&](store::Tx& tx) -> Result<Actor> {
    MS_ASSIGN(user, store::FindUser(tx, user_id));
    if (!user) return Fail(Error::NotFound("用户不存在", "user_id"));
    return ActorFromUser(tx, *user);
  });
}

}  // namespace minsheng::app
