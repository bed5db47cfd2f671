// Sessions by role (docs/decisions/0005), on both engines: residents stay logged in for a day
// without activity and 30 days at most; buurtverbinders, board members and operators — who see
// other people's data — for 30 minutes idle and 12 hours at most, also when the role is given
// after they logged in.
#include "domain/accounts/account_service.hpp"
#include "domain/security/common_passwords.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/rate_limiter.hpp"
#include "domain/security/tokens.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

constexpr std::int64_t kStart = 1'750'000'000;
constexpr long kMinute = 60;
constexpr long kHour = 3600;
constexpr long kDay = 24 * kHour;
constexpr const char* kPassword = "een lange zin als wachtwoord";

class NoMail final : public AccountMailer {
 public:
  void SendVerification(const User&, const std::string&) override {}
  void SendAlreadyRegistered(std::string_view, const std::string&, const std::string&) override {}
  void SendPasswordReset(const User&, const std::string&) override {}
  void SendPasswordChanged(const User&) override {}
  void SendEmailChange(const User&, std::string_view, const std::string&) override {}
  void SendEmailChangeNotice(const User&) override {}
};

class SessionTimeoutsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    hash_ = domain::security::HashPassword(kPassword);
    resident_ = User("resident@example.nl");
    buurtverbinder_ = User("bv@example.nl");
    board_ = User("board@example.nl");
    operator_ = User("operator@example.nl");
    Membership m;
    m.user = buurtverbinder_;
    m.role = MemberRole::kBuurtverbinder;
    m.status = MemberStatus::kVerified;
    m.created_at = kStart;
    ASSERT_TRUE(store().memberships().CreateMembership(oost_, m).ok());
    ASSERT_TRUE(store().city_roles().GrantCityRole(nijmegen, board_, CityRole::kBoard, kStart).ok());
    ASSERT_TRUE(store().users().SetOperator(operator_, true).ok());
    service_ = std::make_unique<AccountService>(store(), common_, limiter_, mailer_, clock_);
  }

  UserId User(const std::string& email) {
    auto u = store().users().CreateUser(NewUser{email, "Iemand", hash_, kStart});
    EXPECT_TRUE(u.ok());
    return u.ok() ? u->id : UserId{};
  }

  std::string LogIn(const std::string& email) {
    auto out = service_->Login(email, kPassword, RequestInfo{"192.0.2.1", "test", "http://localhost/"});
    EXPECT_TRUE(out.ok()) << email;
    return out.ok() ? out->token : std::string();
  }

  domain::ManualClock clock_{kStart};
  domain::security::CommonPasswords common_;
  domain::security::RateLimiter limiter_;
  NoMail mailer_;
  std::unique_ptr<AccountService> service_;
  std::string hash_;
  SiteId oost_;
  UserId resident_, buurtverbinder_, board_, operator_;
};

TEST_P(SessionTimeoutsTest, LoginGivesElevatedRolesTheShortLifetime) {
  for (const auto& [email, lifetime] : {std::pair<std::string, long>{"resident@example.nl", 30 * kDay},
                                        {"bv@example.nl", 12 * kHour},
                                        {"board@example.nl", 12 * kHour},
                                        {"operator@example.nl", 12 * kHour}}) {
    const std::string token = LogIn(email);
    auto auth = service_->Authenticate(token);
    ASSERT_TRUE(auth) << email;
    EXPECT_EQ(auth->session.expires_at - auth->session.created_at, lifetime) << email;
    EXPECT_EQ(auth->elevated, lifetime == 12 * kHour) << email;
  }
}

TEST_P(SessionTimeoutsTest, ElevatedSessionsEndAfterThirtyIdleMinutes) {
  const std::string resident = LogIn("resident@example.nl");
  const std::string bv = LogIn("bv@example.nl");
  const std::string board = LogIn("board@example.nl");
  const std::string op = LogIn("operator@example.nl");
  clock_.Advance(29 * kMinute);
  for (const auto* t : {&resident, &bv, &board, &op}) EXPECT_TRUE(service_->Authenticate(*t));  // touches
  clock_.Advance(31 * kMinute);
  EXPECT_TRUE(service_->Authenticate(resident));
  EXPECT_FALSE(service_->Authenticate(bv));
  EXPECT_FALSE(service_->Authenticate(board));
  EXPECT_FALSE(service_->Authenticate(op));
  // Ended on the server too, not only refused.
  EXPECT_FALSE(store().sessions().FindSessionByTokenHash(domain::security::HashToken(bv)));
  clock_.Advance(kDay + kMinute);  // a resident idle for more than a day
  EXPECT_FALSE(service_->Authenticate(resident));
}

TEST_P(SessionTimeoutsTest, ElevatedSessionsEndAfterTwelveHoursEvenWhenActive) {
  const std::string resident = LogIn("resident@example.nl");
  const std::string bv = LogIn("bv@example.nl");
  for (int i = 0; i < 12 * 4 - 1; ++i) {  // active every quarter of an hour
    clock_.Advance(15 * kMinute);
    ASSERT_TRUE(service_->Authenticate(bv)) << i;
    ASSERT_TRUE(service_->Authenticate(resident)) << i;
  }
  clock_.Advance(15 * kMinute);  // 12 hours after login
  EXPECT_FALSE(service_->Authenticate(bv));
  EXPECT_TRUE(service_->Authenticate(resident));
}

TEST_P(SessionTimeoutsTest, ARoleGivenAfterLoginShortensTheSessionAtOnce) {
  const std::string token = LogIn("resident@example.nl");
  clock_.Advance(13 * kHour);
  ASSERT_TRUE(service_->Authenticate(token));  // a resident: fine after 13 hours
  Membership m;
  m.user = resident_;
  m.kind = MembershipKind::kFollow;
  m.role = MemberRole::kBuurtverbinder;
  m.status = MemberStatus::kVerified;
  m.created_at = clock_.Now();
  ASSERT_TRUE(store().memberships().CreateMembership(oost_, m).ok());
  EXPECT_FALSE(service_->Authenticate(token));  // now a buurtverbinder: past the 12 hours
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionTimeoutsTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
