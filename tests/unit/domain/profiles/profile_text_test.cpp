#include <gtest/gtest.h>

#include "domain/profiles/profile_service.hpp"

namespace buurtplein::domain::profiles {
namespace {

TEST(CleanProfileTextTest, TrimsKeepsLineBreaksAndCountsCharacters) {
  EXPECT_EQ(*ProfileService::CleanProfileText("  Hallo\r\nburen\t!  "), "Hallo\nburen\t!");
  EXPECT_EQ(*ProfileService::CleanProfileText("a\rb"), "a\nb");
  EXPECT_EQ(*ProfileService::CleanProfileText(""), "");
  std::string five_hundred;
  for (int i = 0; i < 500; ++i) five_hundred += "ë";
  EXPECT_TRUE(ProfileService::CleanProfileText(five_hundred).ok()) << "500 characters, 1000 bytes";
  auto long_text = ProfileService::CleanProfileText(five_hundred + "x");
  ASSERT_FALSE(long_text.ok());
  EXPECT_EQ(long_text.error().public_message, "This text is longer than 500 characters.");
}

TEST(CleanProfileTextTest, RefusesControlCharactersAndBrokenUtf8) {
  for (const std::string& bad : {std::string("a\x01z"), std::string("a\x7Fz"), std::string("\xC3"),
                                 std::string("\xFF\xFE"), std::string("a\0b", 3)}) {
    auto r = ProfileService::CleanProfileText(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    EXPECT_EQ(r.error().public_message, "This text contains characters we cannot use.");
  }
}

}  // namespace
}  // namespace buurtplein::domain::profiles
