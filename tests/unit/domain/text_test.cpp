#include "domain/common/text.hpp"

#include <gtest/gtest.h>

namespace buurtplein::domain {

TEST(Slugify, MakesUrlSlugsFromDutchNames) {
  EXPECT_EQ(Slugify("Nijmegen"), "nijmegen");
  EXPECT_EQ(Slugify("'s-Hertogenbosch"), "s-hertogenbosch");
  EXPECT_EQ(Slugify("'t Acker"), "t-acker");
  EXPECT_EQ(Slugify("Haven- en industrieterrein"), "haven-en-industrieterrein");
  EXPECT_EQ(Slugify("Ideeën & Café"), "ideeen-cafe");
  EXPECT_EQ(Slugify("  --  "), "");
}

TEST(IsSlug, AcceptsOnlyLowerCaseLettersDigitsAndInnerDashes) {
  EXPECT_TRUE(IsSlug("nijmegen-oost"));
  EXPECT_TRUE(IsSlug("wijk9"));
  EXPECT_FALSE(IsSlug(""));
  EXPECT_FALSE(IsSlug("-oost"));
  EXPECT_FALSE(IsSlug("oost-"));
  EXPECT_FALSE(IsSlug("Oost"));
  EXPECT_FALSE(IsSlug("oost/west"));
  EXPECT_FALSE(IsSlug(std::string(65, 'a')));
}

TEST(IsHexColour, AcceptsOnlyHashAndSixHexDigits) {
  EXPECT_TRUE(IsHexColour("#1d4e89"));
  EXPECT_TRUE(IsHexColour("#ABCDEF"));
  EXPECT_FALSE(IsHexColour("1d4e89"));
  EXPECT_FALSE(IsHexColour("#1d4e8"));
  EXPECT_FALSE(IsHexColour("#1d4e8g"));
  EXPECT_FALSE(IsHexColour("red;}body{"));
}

}  // namespace buurtplein::domain

namespace buurtplein::domain {

TEST(CopyCleanText, KeepsCleanUtf8AndCountsCodePoints) {
  std::string out;
  std::size_t n = 0;
  EXPECT_TRUE(CopyCleanText("Ideeën voor de buurt", false, out, n));
  EXPECT_EQ(out, "Ideeën voor de buurt");
  EXPECT_EQ(n, 20u);
  EXPECT_TRUE(CopyCleanText("regel 1\r\nregel 2\rregel 3\tx", true, out, n));
  EXPECT_EQ(out, "regel 1\nregel 2\nregel 3\tx");
}

TEST(CopyCleanText, RefusesControlCharactersAndBrokenUtf8) {
  std::string out;
  std::size_t n = 0;
  EXPECT_FALSE(CopyCleanText("naam\nmet regel", false, out, n));
  EXPECT_FALSE(CopyCleanText(std::string("nul\0byte", 8), true, out, n));
  EXPECT_FALSE(CopyCleanText("\xC3", true, out, n));
  EXPECT_FALSE(CopyCleanText("\xC3\x28", true, out, n));
  EXPECT_FALSE(CopyCleanText("bel\x07", true, out, n));
}

TEST(TrimView, RemovesOuterWhiteSpaceOnly) {
  EXPECT_EQ(TrimView("  a b \t\n"), "a b");
  EXPECT_EQ(TrimView("   "), "");
}

}  // namespace buurtplein::domain
