#include "domain/security/encoding.hpp"

#include <gtest/gtest.h>

namespace buurtplein::domain::security {
namespace {

TEST(Base32, EncodesTheRfc4648TestVectorsWithoutPadding) {
  EXPECT_EQ(Base32Encode(""), "");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Encode("fo"), "MZXQ");
  EXPECT_EQ(Base32Encode("foo"), "MZXW6");
  EXPECT_EQ(Base32Encode("foob"), "MZXW6YQ");
  EXPECT_EQ(Base32Encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32, DecodesWhatItEncodesForEveryLengthAndByte) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string bytes;
    for (std::size_t i = 0; i < n; ++i) bytes.push_back(static_cast<char>((i * 37 + n * 11) & 0xFF));
    const auto decoded = Base32Decode(Base32Encode(bytes));
    ASSERT_TRUE(decoded) << n;
    EXPECT_EQ(*decoded, bytes) << n;
  }
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(Base32Decode(Base32Encode(all)), all);
  const std::string random = RandomBytes(20);
  EXPECT_EQ(Base32Decode(Base32Encode(random)), random);
}

TEST(Base32, AcceptsWhatPeopleTypeLowerCaseSpacesAndPadding) {
  EXPECT_EQ(Base32Decode("mzxw6ytboi"), "foobar");
  EXPECT_EQ(Base32Decode("MZXW 6YTB OI"), "foobar");
  EXPECT_EQ(Base32Decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(Base32Decode("MY======"), "f");
  EXPECT_EQ(Base32Decode(""), "");
}

TEST(Base32, RefusesOtherCharactersImpossibleLengthsAndStrayBits) {
  EXPECT_FALSE(Base32Decode("MZXW1"));   // '1' is not Base32
  EXPECT_FALSE(Base32Decode("MZXW8"));
  EXPECT_FALSE(Base32Decode("MZ=XW"));   // padding in the middle
  EXPECT_FALSE(Base32Decode("M"));       // 1 symbol: not a whole byte
  EXPECT_FALSE(Base32Decode("MZX"));     // 3 symbols
  EXPECT_FALSE(Base32Decode("MZXW6Y"));  // 6 symbols
  EXPECT_FALSE(Base32Decode("MZ"));      // "MY" is "f"; "MZ" has a non-zero stray bit
  EXPECT_FALSE(Base32Decode("MZXW6\xC3\xA9"));
}

TEST(Base64Url, EncodesWithoutPaddingAndRoundTrips) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");  // URL-safe alphabet
  for (std::size_t n = 0; n < 40; ++n) {
    const std::string bytes = RandomBytes(n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(bytes)), bytes);
  }
  EXPECT_FALSE(Base64UrlDecode("Zg=="));   // padding is not ours
  EXPECT_FALSE(Base64UrlDecode("+/8"));    // standard alphabet
  EXPECT_FALSE(Base64UrlDecode("Z"));
  EXPECT_FALSE(Base64UrlDecode("Zm9v YmFy"));
}

TEST(Hex, IsLowerCase) {
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexEncode("\x01\xAB\xff"), "01abff");
}

TEST(RandomBytes, HasTheLengthAskedAndDiffers) {
  EXPECT_EQ(RandomBytes(0), "");
  EXPECT_EQ(RandomBytes(32).size(), 32U);
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

TEST(AsciiLower, LowersOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("QwErTy 123"), "qwerty 123");
  EXPECT_EQ(AsciiLower("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // "Été" keeps É
}

}  // namespace
}  // namespace buurtplein::domain::security
