#include "app/auth_service.h"

#include "app/password.h"
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
  return a;
}

AuthService::AuthService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password) {
  MS_ASSIGN(user, ReadValue<std::optional<store::UserRecord>>(
                      db_, [&](store::Tx& tx) { return store::FindUserByUsername(tx, username); }));
  if (!user || !user->active) {
    // Spend the same time as a real check, so that timing does not tell which usernames exist.
    static const std::string kDummy = HashPassword("minsheng-dummy").value_or("");
    VerifyPassword(kDummy, password);
    return Fail(InvalidCredentials());
  }
  if (!VerifyPassword(user->password_hash, password)) return Fail(InvalidCredentials());
  LoginResult out;
  out.token = RandomHex(32);
  const Timestamp now = clock_.Now();
  out.expires_at = now + kTokenLifetimeSeconds;
  MS_TRY(db_.Write([&](store::Tx& tx) -> Status {
    MS_TRY(store::DeleteExpiredSessions(tx, now));
    return store::InsertSession(tx, DigestHex(out.token), user->id, now, out.expires_at);
  }));
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
