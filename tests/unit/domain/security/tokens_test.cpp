#include "domain/security/tokens.hpp"

#include <gtest/gtest.h>

#include <set>

#include "domain/security/encoding.hpp"

namespace buurtplein::domain::security {
namespace {

TEST(NewToken, Is32RandomBytesAsUrlSafeBase64WithoutPadding) {
  const std::string token = NewToken();
  EXPECT_EQ(token.size(), 43U);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  const auto bytes = Base64UrlDecode(token);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->size(), 32U);
}

TEST(NewToken, NeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(NewToken()).second);
}

TEST(HashToken, IsBlake2b256InHex) {
  // BLAKE2b-256 of the empty string (RFC 7693 reference implementation).
  EXPECT_EQ(HashToken(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  const std::string token = NewToken();
  EXPECT_EQ(HashToken(token), HashToken(token));
  EXPECT_NE(HashToken(token), HashToken(token + "x"));
  EXPECT_EQ(HashToken(token).size(), 64U);
}

TEST(ConstantTimeEquals, ComparesWholeStringsOfAnyLength) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("ab", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
}

}  // namespace
}  // namespace buurtplein::domain::security
