// Two-factor storage (migration 0004): the pending TOTP secret and single-use recovery codes,
// on both engines.
#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::UserId;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;
constexpr const char* kSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
constexpr const char* kOtherSecret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";

// Runs `n` threads that start `body(i)` at the same moment, and returns how many returned true.
template <typename F>
int CountWinners(int n, F body) {
  std::latch start(n);
  std::atomic<int> winners{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      if (body(i)) ++winners;
    });
  }
  for (auto& t : threads) t.join();
  return winners.load();
}

RecoveryCodeSet Codes(const std::string& salt, std::vector<std::string> hashes, UnixTime at = kNow) {
  return RecoveryCodeSet{salt, std::move(hashes), at};
}

class TwoFactorRepositoryTest : public StoreTest {
 protected:
  UserId MustCreateUser(const std::string& email) {
    auto r = store().users().CreateUser(NewUser{email, "Anna de Vries", "$argon2id$v=19$hash-of-" + email, kNow});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? r->id : UserId{};
  }
  TwoFactorRepository& repo() { return store().two_factor(); }
};

TEST_P(TwoFactorRepositoryTest, PendingSecretIsStoredAndReplaced) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  EXPECT_FALSE(repo().FindPendingTotp(anna));

  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  auto pending = repo().FindPendingTotp(anna);
  ASSERT_TRUE(pending);
  EXPECT_EQ(pending->user, anna);
  EXPECT_EQ(pending->secret, kSecret);
  EXPECT_EQ(pending->created_at, kNow);

  ASSERT_TRUE(repo().SetPendingTotp(anna, kOtherSecret, kNow + 60).ok());
  EXPECT_EQ(repo().FindPendingTotp(anna)->secret, kOtherSecret);
  EXPECT_EQ(repo().FindPendingTotp(anna)->created_at, kNow + 60);
  // Pending is not active, and it is one account's only.
  EXPECT_EQ(store().users().FindUser(anna)->totp_secret, "");
  EXPECT_FALSE(repo().FindPendingTotp(bert));

  auto missing = repo().SetPendingTotp(UserId{999999}, kSecret, kNow);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(TwoFactorRepositoryTest, EnableMakesThePendingSecretActiveWithItsCodes) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());

  ASSERT_TRUE(repo().EnableTotp(anna, kSecret, 58'333'333, Codes("salt-anna-0123456789", {"h1", "h2", "h3"})).ok());

  const auto user = store().users().FindUser(anna);
  EXPECT_EQ(user->totp_secret, kSecret);
  EXPECT_EQ(user->totp_last_step, 58'333'333);
  EXPECT_FALSE(repo().FindPendingTotp(anna)) << "no longer pending";
  const auto codes = repo().FindRecoveryCodes(anna);
  ASSERT_TRUE(codes);
  EXPECT_EQ(codes->salt, "salt-anna-0123456789");
  EXPECT_EQ(codes->hashes, (std::vector<std::string>{"h1", "h2", "h3"}));
  EXPECT_EQ(codes->created_at, kNow);
}

TEST_P(TwoFactorRepositoryTest, EnableWithASecretThatIsNoLongerPendingChangesNothing) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  ASSERT_TRUE(repo().SetPendingTotp(anna, kOtherSecret, kNow + 5).ok());  // set-up restarted in another tab

  auto s = repo().EnableTotp(anna, kSecret, 1, Codes("salt-anna-0123456789", {"h1"}));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
  EXPECT_EQ(s.error().public_message, "Two-step login was started again somewhere else. Please start once more.");
  EXPECT_EQ(store().users().FindUser(anna)->totp_secret, "");
  EXPECT_EQ(repo().FindPendingTotp(anna)->secret, kOtherSecret);
  EXPECT_FALSE(repo().FindRecoveryCodes(anna));
}

TEST_P(TwoFactorRepositoryTest, ConcurrentConfirmationsEnableOnce) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  const int winners = CountWinners(4, [&](int i) {
    return repo().EnableTotp(anna, kSecret, 10, Codes("salt-" + std::to_string(i) + "-0123456789abcdef", {"h"})).ok();
  });
  EXPECT_EQ(winners, 1);
  EXPECT_EQ(repo().FindRecoveryCodes(anna)->hashes.size(), 1u);
}

TEST_P(TwoFactorRepositoryTest, RecoveryCodeIsUsedOnce) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  ASSERT_TRUE(repo().EnableTotp(anna, kSecret, 1, Codes("salt-anna-0123456789", {"h1", "h2"})).ok());

  EXPECT_TRUE(repo().ConsumeRecoveryCode(anna, "h1"));
  EXPECT_FALSE(repo().ConsumeRecoveryCode(anna, "h1")) << "a code works once";
  EXPECT_FALSE(repo().ConsumeRecoveryCode(anna, "unknown"));
  EXPECT_EQ(repo().FindRecoveryCodes(anna)->hashes, std::vector<std::string>{"h2"});
}

TEST_P(TwoFactorRepositoryTest, TwoThreadsWithTheSameRecoveryCodeExactlyOneWins) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  ASSERT_TRUE(repo().EnableTotp(anna, kSecret, 1, Codes("salt-anna-0123456789", {"h1", "h2", "h3"})).ok());
  for (const char* hash : {"h1", "h2", "h3"}) {
    EXPECT_EQ(CountWinners(2, [&](int) { return repo().ConsumeRecoveryCode(anna, hash); }), 1) << hash;
  }
  EXPECT_TRUE(repo().FindRecoveryCodes(anna)->hashes.empty());
}

TEST_P(TwoFactorRepositoryTest, ReplaceRecoveryCodesVoidsTheOldOnes) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  ASSERT_TRUE(repo().EnableTotp(anna, kSecret, 1, Codes("salt-old-0123456789", {"old1", "old2"})).ok());

  ASSERT_TRUE(repo().ReplaceRecoveryCodes(anna, Codes("salt-new-0123456789", {"new1", "new2", "new3"}, kNow + 9)).ok());

  const auto codes = repo().FindRecoveryCodes(anna);
  EXPECT_EQ(codes->salt, "salt-new-0123456789");
  EXPECT_EQ(codes->hashes, (std::vector<std::string>{"new1", "new2", "new3"}));
  EXPECT_EQ(codes->created_at, kNow + 9);
  EXPECT_FALSE(repo().ConsumeRecoveryCode(anna, "old1"));

  auto missing = repo().ReplaceRecoveryCodes(UserId{999999}, Codes("salt-x-0123456789", {"x"}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(TwoFactorRepositoryTest, ConcurrentReplacementsLeaveOneWholeSet) {
  const UserId anna = MustCreateUser("anna@example.nl");
  CountWinners(4, [&](int i) {
    const std::string tag = std::to_string(i);
    return repo()
        .ReplaceRecoveryCodes(anna, Codes("salt-" + tag + "-0123456789", {"a" + tag, "b" + tag, "c" + tag}))
        .ok();
  });
  const auto codes = repo().FindRecoveryCodes(anna);
  ASSERT_TRUE(codes);
  ASSERT_EQ(codes->hashes.size(), 3u) << "one writer's codes, not a mix";
  const std::string tag = codes->salt.substr(5, 1);
  EXPECT_EQ(codes->hashes, (std::vector<std::string>{"a" + tag, "b" + tag, "c" + tag}));
}

TEST_P(TwoFactorRepositoryTest, DisableRemovesSecretPendingAndCodes) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  ASSERT_TRUE(repo().EnableTotp(anna, kSecret, 77, Codes("salt-anna-0123456789", {"h1"})).ok());
  ASSERT_TRUE(repo().SetPendingTotp(anna, kOtherSecret, kNow).ok());

  ASSERT_TRUE(repo().DisableTotp(anna).ok());

  const auto user = store().users().FindUser(anna);
  EXPECT_EQ(user->totp_secret, "");
  EXPECT_EQ(user->totp_last_step, 0);
  EXPECT_FALSE(repo().FindPendingTotp(anna));
  EXPECT_FALSE(repo().FindRecoveryCodes(anna));
  EXPECT_FALSE(repo().ConsumeRecoveryCode(anna, "h1"));

  auto missing = repo().DisableTotp(UserId{999999});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(TwoFactorRepositoryTest, OneAccountCannotReadOrUseAnothersCodes) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  for (const UserId u : {anna, bert}) {
    ASSERT_TRUE(repo().SetPendingTotp(u, kSecret, kNow).ok());
    ASSERT_TRUE(repo().EnableTotp(u, kSecret, 1, Codes("salt-" + std::to_string(u.value) + "-0123456789", {"same", "h"})).ok());
  }
  // The same hash in both accounts: using Anna's leaves Bert's.
  EXPECT_TRUE(repo().ConsumeRecoveryCode(anna, "same"));
  EXPECT_EQ(repo().FindRecoveryCodes(bert)->hashes, (std::vector<std::string>{"h", "same"}));
  ASSERT_TRUE(repo().DisableTotp(anna).ok());
  EXPECT_EQ(store().users().FindUser(bert)->totp_secret, kSecret);
  EXPECT_EQ(repo().FindRecoveryCodes(bert)->hashes.size(), 2u);
}

TEST_P(TwoFactorRepositoryTest, DeletingTheAccountTakesItsTwoFactorDataAlong) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().SetPendingTotp(anna, kSecret, kNow).ok());
  ASSERT_TRUE(repo().EnableTotp(anna, kSecret, 1, Codes("salt-anna-0123456789", {"h1"})).ok());
  ASSERT_TRUE(repo().SetPendingTotp(anna, kOtherSecret, kNow).ok());
  ASSERT_TRUE(store().users().DeleteUser(anna).ok());
  EXPECT_FALSE(repo().FindPendingTotp(anna));
  EXPECT_FALSE(repo().FindRecoveryCodes(anna));
}

INSTANTIATE_TEST_SUITE_P(Engines, TwoFactorRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
