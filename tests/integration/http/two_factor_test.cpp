// Two-step login as a user meets it: the real server, a cookie-keeping client, codes computed
// from the secret shown on the set-up page.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "domain/security/encoding.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/totp.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

constexpr const char* kPassword = "een lange zin als wachtwoord";

// The code for now + `offset` seconds. The server accepts the step before and after its own, and
// each step once: a code for the next step is valid now and not spent yet.
std::string CodeFor(const std::string& base32_secret, int offset = 30) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return domain::security::TotpAt(*domain::security::Base32Decode(base32_secret), now + std::chrono::seconds(offset));
}

// A six-digit code that is none of the ones valid around now.
std::string WrongCode(const std::string& base32_secret) {
  for (int candidate = 0;; ++candidate) {
    std::string buf = std::to_string(candidate);
    buf.insert(0, 6 - buf.size(), '0');
    bool valid = false;
    for (int offset = -90; offset <= 90; offset += 30) valid = valid || CodeFor(base32_secret, offset) == buf;
    if (!valid) return buf;
  }
}

std::vector<std::string> RecoveryCodesIn(const std::string& body) {
  std::vector<std::string> out;
  const std::regex code("<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code></li>");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), code); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

class TwoFactorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = TestConfig(dir_.path());
    server_ = std::make_unique<TestServer>(false, config, true);
  }

  domain::UserId MakeUser(const std::string& email) {
    auto& users = server_->runtime().store().users();
    auto created = users.CreateUser({email, "Anna de Vries", domain::security::HashPassword(kPassword), 1'800'000'000});
    EXPECT_TRUE(created.ok());
    users.SetEmailVerified(created->id, 1'800'000'000);
    return created->id;
  }

  WireResponse LogIn(BrowserClient& b, const std::string& email) {
    return b.Submit("/account/login", "/account/login",
                    "email=" + FormEncode(email) + "&password=" + FormEncode(kPassword) + "&next=%2Faccount%2F");
  }

  WireResponse SecondFactor(BrowserClient& b, const std::string& code) {
    return b.Submit("/account/login/second-factor?next=/account/", "/account/login/second-factor",
                    "next=%2Faccount%2F&code=" + FormEncode(code));
  }

  // Enables two-step login in a logged-in browser; returns the secret; fills `codes`.
  std::string Enable(BrowserClient& b, std::vector<std::string>& codes) {
    auto setup = b.Get("/account/two-factor/setup");
    EXPECT_EQ(setup.status, 200);
    std::smatch m;
    const std::regex secret_re("<p class=\"secret-key\"><code>([A-Z2-7 ]+)</code></p>");
    if (!std::regex_search(setup.body, m, secret_re)) {
      ADD_FAILURE() << "no secret on the set-up page";
      return "";
    }
    std::string secret = m[1];
    secret.erase(std::remove(secret.begin(), secret.end(), ' '), secret.end());
    auto done = b.Post("/account/two-factor/setup", "code=" + CodeFor(secret, 0));
    EXPECT_EQ(done.status, 200) << done.body;
    codes = RecoveryCodesIn(done.body);
    return secret;
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(TwoFactorTest, EnableThenLogInWithACodeOnceAndWithARecoveryCodeOnce) {
  MakeUser("anna@example.nl");
  BrowserClient b(*server_);
  ASSERT_EQ(LogIn(b, "anna@example.nl").Header("location"), "/account/") << "no code needed yet";

  auto status = b.Get("/account/two-factor");
  ASSERT_EQ(status.status, 200);
  EXPECT_TRUE(Has(status.body, "Inloggen in twee stappen staat uit voor je account."));
  EXPECT_TRUE(Has(status.body, "href=\"/account/two-factor/setup\""));

  // The set-up page: a QR code as an image with a text alternative, the key in groups of four,
  // the otpauth:// link.
  auto setup = b.Get("/account/two-factor/setup");
  ASSERT_EQ(setup.status, 200);
  EXPECT_TRUE(Has(setup.body, "<img class=\"qr-code\" src=\"data:image&#x2F;svg+xml;base64,") ||
              Has(setup.body, "<img class=\"qr-code\" src=\"data:image/svg+xml;base64,"))
      << setup.body;
  EXPECT_TRUE(Has(setup.body, "alt=\"QR-code voor je app voor inlogcodes."));
  EXPECT_TRUE(std::regex_search(setup.body, std::regex("<code>([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>")));
  EXPECT_TRUE(Has(setup.body, "href=\"otpauth:")) << "the link for phones";
  EXPECT_TRUE(Has(setup.Header("content-security-policy"), "img-src 'self' data:"));
  EXPECT_EQ(setup.Header("cache-control"), "no-store");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(setup.body, m, std::regex("<p class=\"secret-key\"><code>([A-Z2-7 ]+)</code></p>")));
  std::string secret = m[1];
  secret.erase(std::remove(secret.begin(), secret.end(), ' '), secret.end());
  EXPECT_EQ(b.Get("/account/two-factor/setup").body.find(m[1]) != std::string::npos, true)
      << "a reload shows the same key";

  auto wrong = b.Post("/account/two-factor/setup", "code=" + WrongCode(secret));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(Has(wrong.body, "Deze code klopt niet."));
  EXPECT_TRUE(Has(wrong.body, "aria-invalid=\"true\""));

  auto done = b.Post("/account/two-factor/setup", "code=" + CodeFor(secret, 0));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(Has(done.body, "Inloggen in twee stappen staat nu aan."));
  EXPECT_TRUE(Has(done.body, "Bewaar ze op een veilige plek"));
  const auto codes = RecoveryCodesIn(done.body);
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(b.Get("/account/two-factor/setup").Header("location"), "/account/two-factor") << "on already";
  EXPECT_TRUE(Has(b.Get("/account/two-factor").body, "<strong>10</strong>"));

  // Log out and in again: now the code is asked for.
  ASSERT_EQ(b.Post("/account/logout", "").status, 303);
  auto login = LogIn(b, "anna@example.nl");
  ASSERT_EQ(login.status, 303);
  EXPECT_EQ(login.Header("location"), "/account/login/second-factor?next=/account/");
  EXPECT_EQ(b.Get("/account/").Header("location"), "/account/login/second-factor") << "not in yet";
  auto form = b.Get("/account/login/second-factor?next=/account/");
  EXPECT_TRUE(Has(form.body, "Typ dan een van je herstelcodes.")) << "the help text names recovery codes";

  auto bad = SecondFactor(b, WrongCode(secret));
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "Deze code klopt niet."));
  const std::string code = CodeFor(secret);
  auto good = SecondFactor(b, code);
  ASSERT_EQ(good.status, 303) << good.body;
  EXPECT_EQ(good.Header("location"), "/account/");
  EXPECT_EQ(b.Get("/account/").status, 200);

  // The same code in a new login: refused (replay).
  BrowserClient other(*server_);
  ASSERT_EQ(LogIn(other, "anna@example.nl").status, 303);
  EXPECT_EQ(SecondFactor(other, code).status, 422);
  EXPECT_EQ(other.Get("/account/").status, 303);

  // A recovery code works, once.
  auto recovered = SecondFactor(other, codes[0]);
  ASSERT_EQ(recovered.status, 303);
  EXPECT_EQ(other.Get("/account/").status, 200);
  BrowserClient third(*server_);
  ASSERT_EQ(LogIn(third, "anna@example.nl").status, 303);
  EXPECT_EQ(SecondFactor(third, codes[0]).status, 422);
  EXPECT_TRUE(Has(b.Get("/account/two-factor").body, "<strong>9</strong>"));
}

TEST_F(TwoFactorTest, NewRecoveryCodesReplaceTheOldOnesAndTurningOffNeedsPasswordAndCode) {
  MakeUser("bert@example.nl");
  BrowserClient b(*server_);
  ASSERT_EQ(LogIn(b, "bert@example.nl").status, 303);
  std::vector<std::string> old_codes;
  const std::string secret = Enable(b, old_codes);
  ASSERT_EQ(old_codes.size(), 10u);

  b.Get("/account/two-factor/recovery-codes");
  auto refused = b.Post("/account/two-factor/recovery-codes", "current_password=wrong");
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused.body, "aria-invalid=\"true\""));
  auto fresh = b.Post("/account/two-factor/recovery-codes", "current_password=" + FormEncode(kPassword));
  ASSERT_EQ(fresh.status, 200);
  const auto codes = RecoveryCodesIn(fresh.body);
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_TRUE(Has(fresh.body, "Je oude herstelcodes werken niet meer."));

  BrowserClient other(*server_);
  ASSERT_EQ(LogIn(other, "bert@example.nl").status, 303);
  EXPECT_EQ(SecondFactor(other, old_codes[1]).status, 422) << "old codes are void";

  b.Get("/account/two-factor/disable");
  auto no_code = b.Post("/account/two-factor/disable", "current_password=" + FormEncode(kPassword) + "&code=");
  EXPECT_EQ(no_code.status, 422);
  auto bad_password = b.Post("/account/two-factor/disable", "current_password=nope&code=" + codes[1]);
  EXPECT_EQ(bad_password.status, 422);
  auto off = b.Post("/account/two-factor/disable", "current_password=" + FormEncode(kPassword) + "&code=" + codes[1]);
  ASSERT_EQ(off.status, 303);
  EXPECT_EQ(off.Header("location"), "/account/two-factor?done=off");
  EXPECT_TRUE(Has(b.Get(off.Header("location")).body, "Inloggen in twee stappen staat nu uit."));

  BrowserClient later(*server_);
  EXPECT_EQ(LogIn(later, "bert@example.nl").Header("location"), "/account/") << "no code needed any more";
  (void)secret;
}

TEST_F(TwoFactorTest, PagesNeedALoginAndFormsACsrfToken) {
  BrowserClient anonymous(*server_);
  for (const char* path : {"/account/two-factor", "/account/two-factor/setup", "/account/two-factor/disable",
                           "/account/two-factor/recovery-codes"}) {
    auto r = anonymous.Get(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.Header("location").rfind("/account/login?next=", 0), 0u) << path;
    if (std::string_view(path) != "/account/two-factor") {
      EXPECT_EQ(anonymous.Post(path, "code=123456", false).status, 401) << path;
    }
  }
  MakeUser("chris@example.nl");
  BrowserClient b(*server_);
  ASSERT_EQ(LogIn(b, "chris@example.nl").status, 303);
  b.Get("/account/two-factor/setup");
  EXPECT_EQ(b.Post("/account/two-factor/setup", "code=123456", false).status, 403);
}

TEST_F(TwoFactorTest, AnOperatorIsToldTwoStepLoginIsRequiredAndThenNeedsACodeToLogIn) {
  const auto id = MakeUser("olga@example.nl");
  ASSERT_TRUE(server_->runtime().store().users().SetOperator(id, true).ok());
  BrowserClient b(*server_);
  ASSERT_EQ(LogIn(b, "olga@example.nl").status, 303);
  auto status = b.Get("/account/two-factor");
  ASSERT_EQ(status.status, 200) << "reachable while two-step login is still missing";
  EXPECT_TRUE(Has(status.body, "Voor jouw rol op Buurtplein is inloggen in twee stappen verplicht."));

  std::vector<std::string> codes;
  const std::string secret = Enable(b, codes);
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_FALSE(Has(b.Get("/account/two-factor").body, "Zet het aan om verder te gaan"));

  BrowserClient again(*server_);
  ASSERT_EQ(LogIn(again, "olga@example.nl").Header("location"), "/account/login/second-factor?next=/account/");
  ASSERT_EQ(SecondFactor(again, CodeFor(secret)).status, 303);
  EXPECT_EQ(again.Get("/account/").status, 200);
}

}  // namespace
}  // namespace buurtplein::testing
