#include "domain/security/csrf.hpp"

#include <gtest/gtest.h>

namespace buurtplein::domain::security {
namespace {

const std::string kSecret = "a deployment secret of at least 32 bytes, from the config";

TEST(Csrf, TokensVerifyForTheirOwnSessionOnly) {
  const CsrfKey key = CsrfKey::Random();
  const std::string token = CsrfTokenFor(key, "session-a");
  EXPECT_EQ(token.size(), 43U);
  EXPECT_EQ(CsrfTokenFor(key, "session-a"), token);  // stable for the session, nothing stored
  EXPECT_TRUE(VerifyCsrf(key, "session-a", token));
  EXPECT_FALSE(VerifyCsrf(key, "session-b", token));
  EXPECT_FALSE(VerifyCsrf(key, "session-a", ""));
  EXPECT_FALSE(VerifyCsrf(key, "session-a", token.substr(0, 42)));
  EXPECT_FALSE(VerifyCsrf(key, "session-a", token + "x"));
  std::string flipped = token;
  flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyCsrf(key, "session-a", flipped));
}

TEST(Csrf, TokensDependOnTheKey) {
  const CsrfKey a = CsrfKey::Random();
  const CsrfKey b = CsrfKey::Random();
  EXPECT_FALSE(VerifyCsrf(b, "s", CsrfTokenFor(a, "s")));
  // The same deployment secret gives the same key on every server and after a restart.
  EXPECT_TRUE(VerifyCsrf(CsrfKey::FromSecret(kSecret), "s", CsrfTokenFor(CsrfKey::FromSecret(kSecret), "s")));
  EXPECT_FALSE(VerifyCsrf(CsrfKey::FromSecret(kSecret + "!"), "s", CsrfTokenFor(CsrfKey::FromSecret(kSecret), "s")));
  EXPECT_THROW(CsrfKey::FromSecret("too short"), std::invalid_argument);
}

TEST(Csrf, AnEmptySessionIdStillGetsAToken) {
  const CsrfKey key = CsrfKey::Random();
  const std::string token = CsrfTokenFor(key, "");
  EXPECT_TRUE(VerifyCsrf(key, "", token));
  EXPECT_FALSE(VerifyCsrf(key, "x", token));
}

TEST(SameOrigin, AcceptsExactlyOurSchemeHostAndPort) {
  EXPECT_TRUE(SameOrigin("https://oost.buurtplein.nl", "oost.buurtplein.nl", true));
  EXPECT_TRUE(SameOrigin("https://OOST.Buurtplein.nl", "oost.buurtplein.nl", true));
  EXPECT_TRUE(SameOrigin("https://oost.buurtplein.nl:443", "oost.buurtplein.nl", true));
  EXPECT_TRUE(SameOrigin("https://oost.buurtplein.nl", "oost.buurtplein.nl:443", true));
  EXPECT_TRUE(SameOrigin("http://localhost:8080", "localhost:8080", false));
  EXPECT_TRUE(SameOrigin("http://localhost", "localhost:80", false));
  EXPECT_TRUE(SameOrigin("http://[::1]:8080", "[::1]:8080", false));
  EXPECT_TRUE(SameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080", false));
}

TEST(SameOrigin, RefusesOtherSchemesHostsPortsAndTricks) {
  EXPECT_FALSE(SameOrigin("http://oost.buurtplein.nl", "oost.buurtplein.nl", true));   // downgrade
  EXPECT_FALSE(SameOrigin("https://oost.buurtplein.nl", "oost.buurtplein.nl", false));
  EXPECT_FALSE(SameOrigin("https://west.buurtplein.nl", "oost.buurtplein.nl", true));
  EXPECT_FALSE(SameOrigin("https://oost.buurtplein.nl.evil.example", "oost.buurtplein.nl", true));
  EXPECT_FALSE(SameOrigin("https://evil.example/oost.buurtplein.nl", "oost.buurtplein.nl", true));
  EXPECT_FALSE(SameOrigin("https://oost.buurtplein.nl@evil.example", "oost.buurtplein.nl", true));
  EXPECT_FALSE(SameOrigin("https://evil.example@oost.buurtplein.nl", "oost.buurtplein.nl", true));
  EXPECT_FALSE(SameOrigin("http://localhost:8081", "localhost:8080", false));
  EXPECT_FALSE(SameOrigin("http://localhost", "localhost:8080", false));
  EXPECT_FALSE(SameOrigin("http://localhost:", "localhost", false));
  EXPECT_FALSE(SameOrigin("http://localhost:80a", "localhost", false));
  EXPECT_FALSE(SameOrigin("null", "localhost", false));
  EXPECT_FALSE(SameOrigin("", "localhost", false));
  EXPECT_FALSE(SameOrigin("http://", "localhost", false));
  EXPECT_FALSE(SameOrigin("localhost", "localhost", false));
  EXPECT_FALSE(SameOrigin("//localhost", "localhost", false));
  EXPECT_FALSE(SameOrigin("http://localhost", "", false));  // no Host header
}

TEST(SameOrigin, TakesTheOriginPartOfAReferer) {
  EXPECT_TRUE(SameOrigin("https://oost.buurtplein.nl/account/login?next=/x#top", "oost.buurtplein.nl", true));
  EXPECT_TRUE(SameOrigin("http://localhost:8080/", "localhost:8080", false));
  EXPECT_TRUE(SameOrigin("http://localhost:8080?q=1", "localhost:8080", false));
  EXPECT_FALSE(SameOrigin("https://evil.example/?https://oost.buurtplein.nl/", "oost.buurtplein.nl", true));
}

TEST(OriginAllowed, UsesOriginThenRefererAndRefusesWhenBothAreMissing) {
  const std::string host = "oost.buurtplein.nl";
  EXPECT_TRUE(OriginAllowed("https://oost.buurtplein.nl", std::nullopt, host, true));
  EXPECT_TRUE(OriginAllowed(std::nullopt, "https://oost.buurtplein.nl/page", host, true));
  EXPECT_FALSE(OriginAllowed(std::nullopt, std::nullopt, host, true));
  // A present Origin decides, even when the Referer would pass.
  EXPECT_FALSE(OriginAllowed("https://evil.example", "https://oost.buurtplein.nl/page", host, true));
  EXPECT_FALSE(OriginAllowed("null", "https://oost.buurtplein.nl/page", host, true));
  EXPECT_FALSE(OriginAllowed(std::nullopt, "https://evil.example/", host, true));
}

}  // namespace
}  // namespace buurtplein::domain::security
