#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SessionId;
using domain::UserId;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;  // a fixed clock: no test reads the real one

constexpr const char* kEmailTaken = "This e-mail address is already in use.";
constexpr const char* kNoSuchUser = "This account does not exist.";
constexpr const char* kNoSuchSession = "This session does not exist.";
constexpr const char* kSessionConflict = "This session could not be started.";
constexpr const char* kTokenConflict = "This link could not be created.";

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

class AccountsRepositoryTest : public StoreTest {
 protected:
  UserId MustCreateUser(const std::string& email, const std::string& name = "Anna de Vries") {
    auto r = store().users().CreateUser(NewUser{email, name, "$argon2id$v=19$hash-of-" + email, kNow});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? r->id : UserId{};
  }

  static Session MakeSession(UserId user, std::string token_hash, UnixTime created_at = kNow) {
    Session s;
    s.token_hash = std::move(token_hash);
    s.user = user;
    s.created_at = created_at;
    s.last_seen_at = created_at;
    s.expires_at = created_at + 30 * 24 * 3600;
    s.user_agent = "Firefox on Linux";
    s.ip = "192.0.2.7";
    return s;
  }

  SessionId MustCreateSession(const Session& s) {
    auto r = store().sessions().CreateSession(s);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? r->id : SessionId{};
  }

  static AccountToken MakeToken(UserId user, std::string hash, TokenPurpose purpose, UnixTime expires_at = kNow + 3600) {
    AccountToken t;
    t.token_hash = std::move(hash);
    t.user = user;
    t.purpose = purpose;
    t.created_at = kNow - 60;
    t.expires_at = expires_at;
    return t;
  }
};

// --- users ------------------------------------------------------------------------------------

TEST_P(AccountsRepositoryTest, CreateAndFindUser) {
  auto created = store().users().CreateUser(NewUser{"anna@example.nl", "Anna", "$argon2id$abc", kNow});
  ASSERT_TRUE(created.ok()) << created.error().internal_detail;
  EXPECT_TRUE(created->id);
  EXPECT_EQ(created->email, "anna@example.nl");
  EXPECT_EQ(created->display_name, "Anna");
  EXPECT_EQ(created->password_hash, "$argon2id$abc");
  EXPECT_EQ(created->created_at, kNow);
  EXPECT_FALSE(created->email_verified_at);
  EXPECT_EQ(created->totp_secret, "");
  EXPECT_EQ(created->totp_last_step, 0);
  EXPECT_FALSE(created->is_operator);

  auto by_id = store().users().FindUser(created->id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->id, created->id);
  EXPECT_EQ(by_id->email, "anna@example.nl");
  EXPECT_EQ(by_id->display_name, "Anna");
  EXPECT_EQ(by_id->password_hash, "$argon2id$abc");
  EXPECT_EQ(by_id->created_at, kNow);
  EXPECT_FALSE(by_id->email_verified_at);
  EXPECT_EQ(by_id->totp_secret, "");
  EXPECT_EQ(by_id->totp_last_step, 0);
  EXPECT_FALSE(by_id->is_operator);

  auto by_email = store().users().FindUserByEmail("anna@example.nl");
  ASSERT_TRUE(by_email);
  EXPECT_EQ(by_email->id, created->id);

  EXPECT_FALSE(store().users().FindUser(UserId{created->id.value + 1000}));
  EXPECT_FALSE(store().users().FindUserByEmail("bert@example.nl"));
}

TEST_P(AccountsRepositoryTest, EmailIsUniqueAndStoredAsGiven) {
  const UserId anna = MustCreateUser("anna@example.nl");

  auto again = store().users().CreateUser(NewUser{"anna@example.nl", "Other Anna", "$argon2id$x", kNow});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().public_message, kEmailTaken);
  EXPECT_FALSE(again.error().internal_detail.empty());
  EXPECT_EQ(store().users().FindUserByEmail("anna@example.nl")->id, anna);
  EXPECT_EQ(store().users().FindUserByEmail("anna@example.nl")->display_name, "Anna de Vries");

  // Normalising (trim, lower case) is the caller's job: the store compares bytes.
  const UserId upper = MustCreateUser("Anna@Example.nl");
  EXPECT_NE(upper, anna);
  EXPECT_EQ(store().users().FindUserByEmail("Anna@Example.nl")->id, upper);
}

TEST_P(AccountsRepositoryTest, SettersChangeOnlyThatAccount) {
  const UserId anna = MustCreateUser("anna@example.nl", "Anna");
  const UserId bert = MustCreateUser("bert@example.nl", "Bert");

  ASSERT_TRUE(store().users().SetEmailVerified(anna, kNow + 5).ok());
  ASSERT_TRUE(store().users().SetPasswordHash(anna, "$argon2id$new").ok());
  ASSERT_TRUE(store().users().SetDisplayName(anna, "Anna V.").ok());
  ASSERT_TRUE(store().users().SetOperator(anna, true).ok());
  ASSERT_TRUE(store().users().SetTotp(anna, "JBSWY3DPEHPK3PXP", 57'000'000).ok());

  auto a = store().users().FindUser(anna);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->email_verified_at, kNow + 5);
  EXPECT_EQ(a->password_hash, "$argon2id$new");
  EXPECT_EQ(a->display_name, "Anna V.");
  EXPECT_TRUE(a->is_operator);
  EXPECT_EQ(a->totp_secret, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(a->totp_last_step, 57'000'000);
  EXPECT_EQ(a->email, "anna@example.nl");

  auto b = store().users().FindUser(bert);
  ASSERT_TRUE(b);
  EXPECT_FALSE(b->email_verified_at);
  EXPECT_EQ(b->password_hash, "$argon2id$v=19$hash-of-bert@example.nl");
  EXPECT_EQ(b->display_name, "Bert");
  EXPECT_FALSE(b->is_operator);
  EXPECT_EQ(b->totp_secret, "");

  ASSERT_TRUE(store().users().SetOperator(anna, false).ok());
  ASSERT_TRUE(store().users().SetTotp(anna, "", 0).ok());  // two-factor authentication off
  a = store().users().FindUser(anna);
  EXPECT_FALSE(a->is_operator);
  EXPECT_EQ(a->totp_secret, "");
  EXPECT_EQ(a->totp_last_step, 0);
}

TEST_P(AccountsRepositoryTest, SettersOnAMissingAccountAreNotFound) {
  const UserId ghost{4242};
  for (const domain::Status& st :
       {store().users().SetEmailVerified(ghost, kNow), store().users().SetPasswordHash(ghost, "x"),
        store().users().SetEmail(ghost, "ghost@example.nl", kNow), store().users().SetDisplayName(ghost, "Ghost"),
        store().users().SetTotp(ghost, "S", 1), store().users().SetOperator(ghost, true),
        store().users().DeleteUser(ghost)}) {
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(st.error().public_message, kNoSuchUser);
  }
  EXPECT_FALSE(store().users().AdvanceTotpStep(ghost, 1));
}

TEST_P(AccountsRepositoryTest, SetEmailConflictsWithAnotherAccount) {
  const UserId anna = MustCreateUser("anna@example.nl");
  MustCreateUser("bert@example.nl");

  auto clash = store().users().SetEmail(anna, "bert@example.nl", kNow);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_EQ(clash.error().public_message, kEmailTaken);
  EXPECT_EQ(store().users().FindUser(anna)->email, "anna@example.nl");
  EXPECT_FALSE(store().users().FindUser(anna)->email_verified_at);

  ASSERT_TRUE(store().users().SetEmail(anna, "anna@buurt.nl", kNow + 9).ok());
  auto a = store().users().FindUserByEmail("anna@buurt.nl");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->id, anna);
  EXPECT_EQ(a->email_verified_at, kNow + 9);
  EXPECT_FALSE(store().users().FindUserByEmail("anna@example.nl"));
  // Its own address again is no conflict.
  EXPECT_TRUE(store().users().SetEmail(anna, "anna@buurt.nl", kNow + 10).ok());
}

TEST_P(AccountsRepositoryTest, AdvanceTotpStepRefusesReplays) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  ASSERT_TRUE(store().users().SetTotp(anna, "JBSWY3DPEHPK3PXP", 100).ok());

  EXPECT_FALSE(store().users().AdvanceTotpStep(anna, 100));  // the step accepted when it was set up
  EXPECT_FALSE(store().users().AdvanceTotpStep(anna, 99));
  EXPECT_TRUE(store().users().AdvanceTotpStep(anna, 101));
  EXPECT_FALSE(store().users().AdvanceTotpStep(anna, 101));  // the same code again
  EXPECT_TRUE(store().users().AdvanceTotpStep(anna, 105));
  EXPECT_FALSE(store().users().AdvanceTotpStep(anna, 103));
  EXPECT_EQ(store().users().FindUser(anna)->totp_last_step, 105);
  EXPECT_EQ(store().users().FindUser(bert)->totp_last_step, 0);
}

TEST_P(AccountsRepositoryTest, AdvanceTotpStepConcurrentSameStepOneWins) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(store().users().SetTotp(anna, "JBSWY3DPEHPK3PXP", 0).ok());
  for (std::int64_t step = 1; step <= 5; ++step) {
    const int winners = CountWinners(8, [&](int) { return store().users().AdvanceTotpStep(anna, step); });
    EXPECT_EQ(winners, 1) << "step " << step;
  }
  EXPECT_EQ(store().users().FindUser(anna)->totp_last_step, 5);
}

TEST_P(AccountsRepositoryTest, DeleteUserTakesSessionsTokensAndMembershipsAlong) {
  const auto city = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
  const auto oost = store().sites().CreateSite(city, MakeDraft("oost", "Oost"))->id;
  const auto west = store().sites().CreateSite(city, MakeDraft("west", "West"))->id;
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  for (const UserId u : {anna, bert}) {
    const std::string tag = std::to_string(u.value);
    MustCreateSession(MakeSession(u, "session-1-" + tag));
    MustCreateSession(MakeSession(u, "session-2-" + tag));
    ASSERT_TRUE(store().tokens().CreateToken(MakeToken(u, "token-" + tag, TokenPurpose::kVerifyEmail)).ok());
    Membership home;
    home.user = u;
    home.kind = MembershipKind::kHome;
    home.status = MemberStatus::kPending;
    home.created_at = kNow;
    ASSERT_TRUE(store().memberships().CreateMembership(oost, home).ok());
    Membership follow = home;
    follow.kind = MembershipKind::kFollow;
    ASSERT_TRUE(store().memberships().CreateMembership(west, follow).ok());
  }

  ASSERT_TRUE(store().users().DeleteUser(anna).ok());

  const std::string a = std::to_string(anna.value);
  const std::string b = std::to_string(bert.value);
  EXPECT_FALSE(store().users().FindUser(anna));
  EXPECT_FALSE(store().users().FindUserByEmail("anna@example.nl"));
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("session-1-" + a));
  EXPECT_TRUE(store().sessions().ListSessions(anna).empty());
  EXPECT_FALSE(store().tokens().ConsumeToken("token-" + a, TokenPurpose::kVerifyEmail, kNow));
  EXPECT_TRUE(store().memberships().ListMembershipsOfUser(anna).empty());
  EXPECT_FALSE(store().memberships().FindMembership(oost, anna));
  EXPECT_EQ(store().memberships().CountMembers(oost, MemberStatus::kPending), 1);

  // The other account is untouched.
  EXPECT_TRUE(store().users().FindUser(bert));
  EXPECT_EQ(store().sessions().ListSessions(bert).size(), 2u);
  EXPECT_TRUE(store().tokens().ConsumeToken("token-" + b, TokenPurpose::kVerifyEmail, kNow));
  EXPECT_EQ(store().memberships().ListMembershipsOfUser(bert).size(), 2u);

  // The address is free again.
  EXPECT_TRUE(store().users().CreateUser(NewUser{"anna@example.nl", "Anna", "$argon2id$y", kNow}).ok());
  auto again = store().users().DeleteUser(anna);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

// --- sessions ---------------------------------------------------------------------------------

TEST_P(AccountsRepositoryTest, CreateFindAndTouchSession) {
  const UserId anna = MustCreateUser("anna@example.nl");
  Session s = MakeSession(anna, "hash-a1", kNow);
  s.second_factor_done = false;
  auto created = store().sessions().CreateSession(s);
  ASSERT_TRUE(created.ok()) << created.error().internal_detail;
  EXPECT_TRUE(created->id);
  EXPECT_EQ(created->token_hash, "hash-a1");

  auto found = store().sessions().FindSessionByTokenHash("hash-a1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, created->id);
  EXPECT_EQ(found->user, anna);
  EXPECT_EQ(found->created_at, kNow);
  EXPECT_EQ(found->last_seen_at, kNow);
  EXPECT_EQ(found->expires_at, kNow + 30 * 24 * 3600);
  EXPECT_EQ(found->user_agent, "Firefox on Linux");
  EXPECT_EQ(found->ip, "192.0.2.7");
  EXPECT_FALSE(found->second_factor_done);
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("hash-unknown"));

  ASSERT_TRUE(store().sessions().TouchSession(anna, created->id, kNow + 600).ok());
  EXPECT_EQ(store().sessions().FindSessionByTokenHash("hash-a1")->last_seen_at, kNow + 600);
  // A request that started earlier and finishes later does not move the time back.
  ASSERT_TRUE(store().sessions().TouchSession(anna, created->id, kNow + 300).ok());
  EXPECT_EQ(store().sessions().FindSessionByTokenHash("hash-a1")->last_seen_at, kNow + 600);

  ASSERT_TRUE(store().sessions().SetSecondFactorDone(anna, created->id).ok());
  EXPECT_TRUE(store().sessions().FindSessionByTokenHash("hash-a1")->second_factor_done);
}

TEST_P(AccountsRepositoryTest, SessionTokenHashIsUniqueAndNeedsAnAccount) {
  const UserId anna = MustCreateUser("anna@example.nl");
  MustCreateSession(MakeSession(anna, "hash-a1"));

  auto twice = store().sessions().CreateSession(MakeSession(anna, "hash-a1"));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().public_message, kSessionConflict);

  auto orphan = store().sessions().CreateSession(MakeSession(UserId{anna.value + 1000}, "hash-x"));
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("hash-x"));
  EXPECT_EQ(store().sessions().ListSessions(anna).size(), 1u);
}

TEST_P(AccountsRepositoryTest, ListSessionsNewestFirstOwnOnly) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  const SessionId first = MustCreateSession(MakeSession(anna, "a-first", kNow + 100));
  const SessionId third = MustCreateSession(MakeSession(anna, "a-third", kNow + 300));
  const SessionId second = MustCreateSession(MakeSession(anna, "a-second", kNow + 200));
  MustCreateSession(MakeSession(bert, "b-only", kNow + 400));

  const auto list = store().sessions().ListSessions(anna);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].id, third);
  EXPECT_EQ(list[1].id, second);
  EXPECT_EQ(list[2].id, first);
  EXPECT_EQ(list[0].token_hash, "a-third");
  for (const auto& s : list) EXPECT_EQ(s.user, anna);
  EXPECT_TRUE(store().sessions().ListSessions(UserId{bert.value + 1000}).empty());
}

TEST_P(AccountsRepositoryTest, UserCannotTouchOrEndAnotherUsersSession) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  const SessionId annas = MustCreateSession(MakeSession(anna, "hash-anna", kNow));

  for (const domain::Status& st : {store().sessions().DeleteSession(bert, annas),
                                   store().sessions().TouchSession(bert, annas, kNow + 999),
                                   store().sessions().SetSecondFactorDone(bert, annas)}) {
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(st.error().public_message, kNoSuchSession);
  }
  EXPECT_EQ(store().sessions().DeleteOtherSessions(bert, SessionId{}), 0);

  auto still = store().sessions().FindSessionByTokenHash("hash-anna");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->last_seen_at, kNow);
  EXPECT_FALSE(still->second_factor_done);

  ASSERT_TRUE(store().sessions().DeleteSession(anna, annas).ok());
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("hash-anna"));
  auto again = store().sessions().DeleteSession(anna, annas);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
}

TEST_P(AccountsRepositoryTest, DeleteOtherSessionsKeepsTheCurrentOne) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  MustCreateSession(MakeSession(anna, "a1", kNow + 1));
  const SessionId current = MustCreateSession(MakeSession(anna, "a2", kNow + 2));
  MustCreateSession(MakeSession(anna, "a3", kNow + 3));
  MustCreateSession(MakeSession(bert, "b1", kNow + 4));

  EXPECT_EQ(store().sessions().DeleteOtherSessions(anna, current), 2);
  const auto left = store().sessions().ListSessions(anna);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, current);
  EXPECT_EQ(store().sessions().ListSessions(bert).size(), 1u);

  EXPECT_EQ(store().sessions().DeleteOtherSessions(anna, SessionId{}), 1);  // 0: all of them
  EXPECT_TRUE(store().sessions().ListSessions(anna).empty());
  EXPECT_EQ(store().sessions().ListSessions(bert).size(), 1u);
}

TEST_P(AccountsRepositoryTest, DeleteExpiredSessionsByAbsoluteEndAndIdleTime) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UnixTime now = kNow;
  const UnixTime idle_before = kNow - 3600;
  auto with = [&](const char* hash, UnixTime last_seen, UnixTime expires) {
    Session s = MakeSession(anna, hash, kNow - 7200);
    s.last_seen_at = last_seen;
    s.expires_at = expires;
    MustCreateSession(s);
  };
  with("ended", now - 10, now);                   // absolute end reached
  with("idle", idle_before - 1, now + 1000);      // idle too long
  with("active", idle_before, now + 1);           // exactly at both limits: still valid
  with("fresh", now, now + 1000);

  EXPECT_EQ(store().sessions().DeleteExpiredSessions(now, idle_before), 2);
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("ended"));
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash("idle"));
  EXPECT_TRUE(store().sessions().FindSessionByTokenHash("active"));
  EXPECT_TRUE(store().sessions().FindSessionByTokenHash("fresh"));
  EXPECT_EQ(store().sessions().DeleteExpiredSessions(now, idle_before), 0);
}

// --- tokens -----------------------------------------------------------------------------------

TEST_P(AccountsRepositoryTest, TokenIsConsumedOnce) {
  const UserId anna = MustCreateUser("anna@example.nl");
  AccountToken t = MakeToken(anna, "tok-change", TokenPurpose::kChangeEmail);
  t.new_email = "anna@buurt.nl";
  ASSERT_TRUE(store().tokens().CreateToken(t).ok());

  auto used = store().tokens().ConsumeToken("tok-change", TokenPurpose::kChangeEmail, kNow);
  ASSERT_TRUE(used);
  EXPECT_EQ(used->token_hash, "tok-change");
  EXPECT_EQ(used->user, anna);
  EXPECT_EQ(used->purpose, TokenPurpose::kChangeEmail);
  EXPECT_EQ(used->new_email, "anna@buurt.nl");
  EXPECT_EQ(used->created_at, kNow - 60);
  EXPECT_EQ(used->expires_at, kNow + 3600);
  EXPECT_EQ(used->used_at, kNow);

  EXPECT_FALSE(store().tokens().ConsumeToken("tok-change", TokenPurpose::kChangeEmail, kNow + 1));
  EXPECT_FALSE(store().tokens().ConsumeToken("tok-unknown", TokenPurpose::kChangeEmail, kNow));
}

TEST_P(AccountsRepositoryTest, ExpiredOrWrongPurposeTokenIsNotConsumed) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(store().tokens().CreateToken(MakeToken(anna, "tok-old", TokenPurpose::kResetPassword, kNow)).ok());
  ASSERT_TRUE(store().tokens().CreateToken(MakeToken(anna, "tok-new", TokenPurpose::kResetPassword, kNow + 1)).ok());

  EXPECT_FALSE(store().tokens().ConsumeToken("tok-old", TokenPurpose::kResetPassword, kNow));  // expires_at == now
  EXPECT_FALSE(store().tokens().ConsumeToken("tok-new", TokenPurpose::kVerifyEmail, kNow));
  EXPECT_FALSE(store().tokens().ConsumeToken("tok-new", TokenPurpose::kChangeEmail, kNow));
  // The failed attempts did not use it up.
  EXPECT_TRUE(store().tokens().ConsumeToken("tok-new", TokenPurpose::kResetPassword, kNow));
}

TEST_P(AccountsRepositoryTest, ConcurrentConsumeHasExactlyOneWinner) {
  const UserId anna = MustCreateUser("anna@example.nl");
  for (int round = 0; round < 3; ++round) {
    const std::string hash = "tok-race-" + std::to_string(round);
    ASSERT_TRUE(store().tokens().CreateToken(MakeToken(anna, hash, TokenPurpose::kResetPassword)).ok());
    const int winners = CountWinners(8, [&](int i) {
      return store().tokens().ConsumeToken(hash, TokenPurpose::kResetPassword, kNow + i).has_value();
    });
    EXPECT_EQ(winners, 1) << "round " << round;
  }
}

TEST_P(AccountsRepositoryTest, CreateTokenConflicts) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(store().tokens().CreateToken(MakeToken(anna, "tok", TokenPurpose::kVerifyEmail)).ok());

  auto twice = store().tokens().CreateToken(MakeToken(anna, "tok", TokenPurpose::kResetPassword));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().public_message, kTokenConflict);

  auto orphan = store().tokens().CreateToken(MakeToken(UserId{anna.value + 1000}, "tok-x", TokenPurpose::kVerifyEmail));
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(store().tokens().ConsumeToken("tok", TokenPurpose::kVerifyEmail, kNow));
}

TEST_P(AccountsRepositoryTest, DeleteTokensRemovesOnePurposeOfOneUser) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  ASSERT_TRUE(store().tokens().CreateToken(MakeToken(anna, "a-reset-1", TokenPurpose::kResetPassword)).ok());
  ASSERT_TRUE(store().tokens().CreateToken(MakeToken(anna, "a-reset-2", TokenPurpose::kResetPassword)).ok());
  ASSERT_TRUE(store().tokens().CreateToken(MakeToken(anna, "a-verify", TokenPurpose::kVerifyEmail)).ok());
  ASSERT_TRUE(store().tokens().CreateToken(MakeToken(bert, "b-reset", TokenPurpose::kResetPassword)).ok());

  ASSERT_TRUE(store().tokens().DeleteTokens(anna, TokenPurpose::kResetPassword).ok());
  EXPECT_FALSE(store().tokens().ConsumeToken("a-reset-1", TokenPurpose::kResetPassword, kNow));
  EXPECT_FALSE(store().tokens().ConsumeToken("a-reset-2", TokenPurpose::kResetPassword, kNow));
  EXPECT_TRUE(store().tokens().ConsumeToken("a-verify", TokenPurpose::kVerifyEmail, kNow));
  EXPECT_TRUE(store().tokens().ConsumeToken("b-reset", TokenPurpose::kResetPassword, kNow));
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountsRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
