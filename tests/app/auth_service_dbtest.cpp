// Login and bearer tokens against a real SQLite file, with a manual clock for expiry.
#include "app/auth_service.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/password.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace minsheng::app {
namespace {

namespace fs = std::filesystem;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("minsheng_auth_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    db_ = std::move(*store::OpenDatabase("sqlite:" + (dir_ / "m.db").string()));
    ASSERT_TRUE(store::Migrate(*db_).has_value());
    auto hash = HashPassword("demo12345");
    ASSERT_TRUE(hash);
    ASSERT_TRUE(db_->Write([&](store::Tx& tx) -> Status {
      MS_ASSIGN(district, store::InsertRegion(tx, std::nullopt, "district", "d", "民声区"));
      MS_ASSIGN(id, store::InsertUser(tx, {.username = "coordinator", .password_hash = *hash,
                                           .display_name = "枢纽", .role = "coordinator",
                                           .region_id = district.id}));
      MS_TRY(store::InsertUser(tx, {.username = "gone", .password_hash = *hash, .display_name = "停用",
                                    .role = "registrar", .region_id = district.id, .active = false}));
      user_id_ = id;
      return {};
    }).has_value());
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_{1770948000};
  store::Id user_id_ = 0;
};

TEST_F(AuthServiceTest, LoginChecksPasswordAndAccount) {
  AuthService auth(*db_, clock_);
  const std::pair<const char*, const char*> refused[] = {
      {"coordinator", "wrong-password"}, {"nobody", "demo12345"}, {"gone", "demo12345"}};
  for (const auto& [user, password] : refused) {
    auto r = auth.Login(user, password);
    ASSERT_FALSE(r) << user;
    EXPECT_EQ(r.error().code, "invalid_credentials");
  }
  auto ok = auth.Login("coordinator", "demo12345");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->token.size(), 64u);
  EXPECT_TRUE(ok->user.password_hash.starts_with("$argon2id$"));
  auto actor = auth.Authenticate(ok->token);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->user_id, user_id_);
  EXPECT_EQ(actor->role, Role::kCoordinator);
  EXPECT_TRUE(actor->DistrictWide());
}

TEST_F(AuthServiceTest, TokensExpireEvenWhenCached) {
  AuthService auth(*db_, clock_);
  auto login = auth.Login("coordinator", "demo12345");
  ASSERT_TRUE(login);
  ASSERT_TRUE(auth.Authenticate(login->token));  // now cached
  clock_.Advance(AuthService::kTokenLifetimeSeconds - 1);
  EXPECT_TRUE(auth.Authenticate(login->token));
  clock_.Advance(2);
  auto expired = auth.Authenticate(login->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "token_expired");
  // A second server (its own cache) agrees.
  AuthService other(*db_, clock_);
  EXPECT_EQ(other.Authenticate(login->token).error().code, "token_expired");
  EXPECT_EQ(other.Authenticate("not-a-token").error().code, "unauthenticated");
  EXPECT_EQ(other.Authenticate("").error().code, "unauthenticated");
}

}  // namespace
}  // namespace minsheng::app
