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
