// TwoFactorService and the login's second step with a clock the test moves: set-up, confirm,
// replays, recovery codes, turning it off, throttling. The store is a fresh SQLite file.
#include "domain/accounts/two_factor_service.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "domain/security/common_passwords.hpp"
#include "domain/security/encoding.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/rate_limiter.hpp"
#include "domain/security/recovery_codes.hpp"
#include "domain/security/totp.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::domain::accounts {
namespace {

constexpr const char* kPassword = "een lange zin als wachtwoord";
constexpr const char* kWrongCode = "This code is not right. Use the newest code from your app.";

class NoMail final : public AccountMailer {
 public:
  void SendVerification(const User&, const std::string&) override {}
  void SendAlreadyRegistered(std::string_view, const std::string&, const std::string&) override {}
  void SendPasswordReset(const User&, const std::string&) override {}
  void SendPasswordChanged(const User&) override {}
  void SendEmailChange(const User&, std::string_view, const std::string&) override {}
  void SendEmailChangeNotice(const User&) override {}
};

class TwoFactorServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = db_.Open();
    store_->Migrate();
    service_ = std::make_unique<TwoFactorService>(*store_, limiter_, clock_);
    accounts_ = std::make_unique<AccountService>(*store_, common_, limiter_, mailer_, clock_);
    auto created = store_->users().CreateUser(
        NewUser{"anna@example.nl", "Anna de Vries", security::HashPassword(kPassword), clock_.Now()});
    ASSERT_TRUE(created.ok());
    user_ = created->id;
    session_ = NewSession();
  }

  SessionId NewSession() {
    Session s;
    s.token_hash = "session-" + std::to_string(++sessions_);
    s.user = user_;
    s.created_at = s.last_seen_at = clock_.Now();
    s.expires_at = clock_.Now() + 3600;
    s.second_factor_done = store_->users().FindUser(user_)->totp_secret.empty();
    return store_->sessions().CreateSession(s)->id;
  }

  // The account and a session as a request would see them: the user row read now.
  Authenticated Auth(SessionId session = SessionId{}) {
    Authenticated a;
    a.user = *store_->users().FindUser(user_);
    a.session.id = session.value ? session : session_;
    a.session.user = user_;
    return a;
  }

  std::string CodeAt(const std::string& base32_secret, long offset_seconds = 0) {
    return security::TotpAt(*security::Base32Decode(base32_secret),
                            std::chrono::sys_seconds{std::chrono::seconds{clock_.Now() + offset_seconds}});
  }

  // Turns two-step login on; returns the secret (Base32) and fills `codes`.
  std::string Enable(std::vector<std::string>& codes) {
    auto setup = service_->StartSetup(Auth());
    EXPECT_TRUE(setup.ok());
    if (!setup.ok()) return "";
    auto confirmed = service_->ConfirmSetup(Auth(), CodeAt(setup->secret_base32));
    EXPECT_TRUE(confirmed.ok()) << (confirmed.ok() ? "" : confirmed.error().public_message);
    if (confirmed.ok()) codes = *confirmed;
    return setup->secret_base32;
  }

  testlib::ScratchDatabase db_{"sqlite", ""};
  std::unique_ptr<Store> store_;
  ManualClock clock_{1'800'000'000};
  security::RateLimiter limiter_;
  security::CommonPasswords common_;
  NoMail mailer_;
  std::unique_ptr<TwoFactorService> service_;
  std::unique_ptr<AccountService> accounts_;
  UserId user_;
  SessionId session_;
  int sessions_ = 0;
};

TEST_F(TwoFactorServiceTest, SetUpShowsAPendingSecretThatIsNotActiveYet) {
  auto setup = service_->StartSetup(Auth());
  ASSERT_TRUE(setup.ok());
  EXPECT_EQ(setup->secret_base32.size(), 32u) << "160 bits in Base32";
  ASSERT_TRUE(security::Base32Decode(setup->secret_base32));
  EXPECT_EQ(setup->otpauth_uri, "otpauth://totp/Buurtplein:anna%40example.nl?secret=" + setup->secret_base32 +
                                    "&issuer=Buurtplein&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(store_->users().FindUser(user_)->totp_secret, "") << "not on before it is confirmed";
  EXPECT_FALSE(service_->State(Auth().user).enabled);

  // A reload shows the same secret (a scanned QR code stays valid), for an hour.
  clock_.Advance(3599);
  EXPECT_EQ(service_->StartSetup(Auth())->secret_base32, setup->secret_base32);
  clock_.Advance(1);
  EXPECT_NE(service_->StartSetup(Auth())->secret_base32, setup->secret_base32);
}

TEST_F(TwoFactorServiceTest, ConfirmWithTheRightCodeTurnsItOnAndGivesTenCodes) {
  const SessionId other = NewSession();
  auto setup = service_->StartSetup(Auth());
  ASSERT_TRUE(setup.ok());

  auto wrong = service_->ConfirmSetup(Auth(), "000000" == CodeAt(setup->secret_base32) ? "111111" : "000000");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kValidation);
  EXPECT_EQ(wrong.error().field, "code");
  EXPECT_EQ(wrong.error().public_message, kWrongCode);

  // The app's clock may be a step behind.
  auto codes = service_->ConfirmSetup(Auth(), CodeAt(setup->secret_base32, -30));
  ASSERT_TRUE(codes.ok()) << codes.error().public_message;
  ASSERT_EQ(codes->size(), 10u);
  for (const auto& c : *codes) EXPECT_TRUE(security::NormaliseRecoveryCode(c)) << c;

  const auto user = store_->users().FindUser(user_);
  EXPECT_EQ(user->totp_secret, setup->secret_base32);
  const auto state = service_->State(*user);
  EXPECT_TRUE(state.enabled);
  EXPECT_EQ(state.recovery_codes_left, 10u);
  EXPECT_FALSE(state.required);
  // Only the hashes are stored.
  const auto stored = store_->two_factor().FindRecoveryCodes(user_);
  ASSERT_TRUE(stored);
  for (const auto& h : stored->hashes) {
    for (const auto& c : *codes) EXPECT_EQ(h.find(c), std::string::npos);
  }
  // Other sessions, logged in with the password alone, end; this one stays.
  const auto sessions = store_->sessions().ListSessions(user_);
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].id, session_);
  EXPECT_NE(sessions[0].id, other);

  auto again = service_->StartSetup(Auth());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(TwoFactorServiceTest, ConfirmAfterThePendingSecretExpiredIsRefused) {
  auto setup = service_->StartSetup(Auth());
  clock_.Advance(3600);
  auto late = service_->ConfirmSetup(Auth(), CodeAt(setup->secret_base32));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kValidation);
  EXPECT_EQ(late.error().public_message, "This set-up has expired. Add the new key below to your app and try again.");
  EXPECT_EQ(store_->users().FindUser(user_)->totp_secret, "");
}

TEST_F(TwoFactorServiceTest, LoginCodeWorksOnceAndTheConfirmingCodeCannotLogIn) {
  std::vector<std::string> codes;
  const std::string secret = Enable(codes);
  const SessionId login = NewSession();
  const std::string confirming = CodeAt(secret);
  auto replay = accounts_->CompleteSecondFactor(Auth(login), confirming, {});
  ASSERT_FALSE(replay.ok()) << "the code used to confirm is spent";
  EXPECT_EQ(replay.error().public_message, kWrongCode);

  clock_.Advance(30);
  ASSERT_TRUE(accounts_->CompleteSecondFactor(Auth(login), CodeAt(secret), {}).ok());
  EXPECT_TRUE(store_->sessions().ListSessions(user_)[0].second_factor_done);
  const SessionId second = NewSession();
  EXPECT_FALSE(accounts_->CompleteSecondFactor(Auth(second), CodeAt(secret), {}).ok()) << "same code, new login";
  clock_.Advance(30);
  EXPECT_TRUE(accounts_->CompleteSecondFactor(Auth(second), CodeAt(secret), {}).ok());
}

TEST_F(TwoFactorServiceTest, RecoveryCodeLogsInOnceInAnyTypedForm) {
  std::vector<std::string> codes;
  Enable(codes);
  const SessionId login = NewSession();
  std::string typed = codes[3];
  for (auto& ch : typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  typed.replace(typed.find('-'), 1, " ");
  ASSERT_TRUE(accounts_->CompleteSecondFactor(Auth(login), typed, {}).ok());
  EXPECT_EQ(service_->State(Auth().user).recovery_codes_left, 9u);
  const SessionId again = NewSession();
  auto reused = accounts_->CompleteSecondFactor(Auth(again), codes[3], {});
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().public_message, kWrongCode);
  EXPECT_TRUE(accounts_->CompleteSecondFactor(Auth(again), codes[4], {}).ok());
  EXPECT_EQ(service_->State(Auth().user).recovery_codes_left, 8u);
}

TEST_F(TwoFactorServiceTest, DisableNeedsThePasswordAndACode) {
  std::vector<std::string> codes;
  const std::string secret = Enable(codes);
  clock_.Advance(30);

  auto bad_password = service_->Disable(Auth(), "not my password", CodeAt(secret));
  ASSERT_FALSE(bad_password.ok());
  EXPECT_EQ(bad_password.error().field, "current_password");
  EXPECT_EQ(bad_password.error().public_message, "Your current password is not right.");

  auto bad_code = service_->Disable(Auth(), kPassword, "123");
  ASSERT_FALSE(bad_code.ok());
  EXPECT_EQ(bad_code.error().field, "code");
  EXPECT_FALSE(store_->users().FindUser(user_)->totp_secret.empty());

  ASSERT_TRUE(service_->Disable(Auth(), kPassword, codes[0]).ok()) << "a recovery code will do";
  EXPECT_EQ(store_->users().FindUser(user_)->totp_secret, "");
  EXPECT_FALSE(store_->two_factor().FindRecoveryCodes(user_));
  EXPECT_FALSE(service_->State(Auth().user).enabled);
  // Logging in needs no code any more.
  EXPECT_TRUE(accounts_->CompleteSecondFactor(Auth(), "", {}).ok());
}

TEST_F(TwoFactorServiceTest, RegenerateNeedsThePasswordAndVoidsTheOldCodes) {
  std::vector<std::string> old_codes;
  Enable(old_codes);
  auto refused = service_->RegenerateRecoveryCodes(Auth(), "wrong password here");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "current_password");

  auto fresh = service_->RegenerateRecoveryCodes(Auth(), kPassword);
  ASSERT_TRUE(fresh.ok());
  ASSERT_EQ(fresh->size(), 10u);
  EXPECT_NE((*fresh)[0], old_codes[0]);
  const SessionId login = NewSession();
  EXPECT_FALSE(accounts_->CompleteSecondFactor(Auth(login), old_codes[0], {}).ok());
  EXPECT_TRUE(accounts_->CompleteSecondFactor(Auth(login), (*fresh)[0], {}).ok());
}

TEST_F(TwoFactorServiceTest, RegenerateOrDisableWhenOffDoNothing) {
  auto r = service_->RegenerateRecoveryCodes(Auth(), kPassword);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(service_->Disable(Auth(), "", "").ok());
}

TEST_F(TwoFactorServiceTest, CodeAttemptsAreThrottledPerAccount) {
  auto setup = service_->StartSetup(Auth());
  for (int i = 0; i < 10; ++i) {
    auto r = service_->ConfirmSetup(Auth(), "999999x");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().code, ErrorCode::kValidation) << "attempt " << i + 1;
  }
  auto limited = service_->ConfirmSetup(Auth(), CodeAt(setup->secret_base32));
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(limited.error().retry_after_seconds, 0);
  // The window passes; then the right code works.
  clock_.Advance(15 * 60);
  EXPECT_TRUE(service_->ConfirmSetup(Auth(), CodeAt(setup->secret_base32)).ok());
}

TEST_F(TwoFactorServiceTest, RequiredForOperatorsAndBuurtverbinders) {
  EXPECT_FALSE(service_->State(Auth().user).required);
  ASSERT_TRUE(store_->users().SetOperator(user_, true).ok());
  EXPECT_TRUE(service_->State(Auth().user).required);
  ASSERT_TRUE(store_->users().SetOperator(user_, false).ok());

  const auto city = store_->cities().CreateCity(testlib::MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
  const auto site = store_->sites().CreateSite(city, testlib::MakeDraft("oost", "Oost"))->id;
  Membership m;
  m.user = user_;
  m.role = MemberRole::kBuurtverbinder;
  m.status = MemberStatus::kVerified;
  m.created_at = clock_.Now();
  ASSERT_TRUE(store_->memberships().CreateMembership(site, m).ok());
  EXPECT_TRUE(service_->State(Auth().user).required);
}

}  // namespace
}  // namespace buurtplein::domain::accounts
