#include "domain/security/recovery_codes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

namespace buurtplein::domain::security {
namespace {

std::vector<std::string> HashAll(const std::vector<std::string>& codes, std::string_view salt) {
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(HashRecoveryCode(c, salt));
  return hashes;
}

TEST(RecoveryCodes, AreTenGroupedCodesFromTheUnambiguousAlphabet) {
  EXPECT_EQ(kRecoveryAlphabet.size(), 31U);
  EXPECT_EQ(kRecoveryAlphabet.find_first_of("0o1li"), std::string_view::npos);
  EXPECT_GE(kRecoveryCodeLength * std::log2(kRecoveryAlphabet.size()), 50.0);

  const auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10U);
  std::set<std::string> distinct(codes.begin(), codes.end());
  EXPECT_EQ(distinct.size(), 10U);
  for (const auto& code : codes) {
    ASSERT_EQ(code.size(), 14U) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    for (std::size_t i = 0; i < code.size(); ++i) {
      if (i == 4 || i == 9) continue;
      EXPECT_NE(kRecoveryAlphabet.find(code[i]), std::string_view::npos) << code;
    }
  }
  EXPECT_EQ(NewRecoveryCodes(0).size(), 0U);
  EXPECT_EQ(NewRecoveryCodes(3).size(), 3U);
}

TEST(RecoveryCodes, UseEveryCharacterOfTheAlphabet) {
  std::set<char> seen;
  for (const auto& code : NewRecoveryCodes(200)) seen.insert(code.begin(), code.end());
  seen.erase('-');
  EXPECT_EQ(seen.size(), kRecoveryAlphabet.size());  // 2400 draws: missing one is ~1e-33
}

TEST(NormaliseRecoveryCode, AcceptsCaseSpacesAndDashes) {
  EXPECT_EQ(NormaliseRecoveryCode("abcd-efgh-jkmn"), "abcdefghjkmn");
  EXPECT_EQ(NormaliseRecoveryCode("ABCD EFGH JKMN"), "abcdefghjkmn");
  EXPECT_EQ(NormaliseRecoveryCode(" abcdefghjkmn "), "abcdefghjkmn");
  EXPECT_EQ(NormaliseRecoveryCode("ab-cd--efgh\tjkmn"), "abcdefghjkmn");
  EXPECT_FALSE(NormaliseRecoveryCode(""));
  EXPECT_FALSE(NormaliseRecoveryCode("abcd-efgh-jkm"));     // too short
  EXPECT_FALSE(NormaliseRecoveryCode("abcd-efgh-jkmnp"));   // too long
  EXPECT_FALSE(NormaliseRecoveryCode("abcd-efgh-jkm0"));    // 0 is not in the alphabet
  EXPECT_FALSE(NormaliseRecoveryCode("abcd-efgh-jkm\xC3\xA9"));
}

TEST(HashRecoveryCode, DependsOnTheSaltAndTheNormalisedCode) {
  const std::string salt = NewRecoveryCodeSalt();
  EXPECT_EQ(salt.size(), 32U);
  EXPECT_NE(salt, NewRecoveryCodeSalt());
  const std::string hash = HashRecoveryCode("abcd-efgh-jkmn", salt);
  EXPECT_EQ(hash.size(), 64U);
  EXPECT_EQ(HashRecoveryCode("ABCD EFGH JKMN", salt), hash);
  EXPECT_NE(HashRecoveryCode("abcd-efgh-jkmn", NewRecoveryCodeSalt()), hash);
  EXPECT_NE(HashRecoveryCode("abcd-efgh-jkmp", salt), hash);
  EXPECT_THROW(HashRecoveryCode("abcd-efgh-jkmn", "short"), std::invalid_argument);
  EXPECT_THROW(HashRecoveryCode("abcd-efgh-jkmn", std::string(65, 's')), std::invalid_argument);
}

TEST(MatchRecoveryCode, FindsTheIndexOfTheCodeTyped) {
  const std::string salt = NewRecoveryCodeSalt();
  const auto codes = NewRecoveryCodes();
  const auto hashes = HashAll(codes, salt);
  for (std::size_t i = 0; i < codes.size(); ++i) EXPECT_EQ(MatchRecoveryCode(codes[i], salt, hashes), i);

  std::string typed = codes[7];
  for (char& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  typed.erase(std::remove(typed.begin(), typed.end(), '-'), typed.end());
  typed.insert(6, " ");
  EXPECT_EQ(MatchRecoveryCode(typed, salt, hashes), 7U);
}

TEST(MatchRecoveryCode, RefusesUnknownCodesOtherSaltsAndUsedCodes) {
  const std::string salt = NewRecoveryCodeSalt();
  const auto codes = NewRecoveryCodes();
  auto hashes = HashAll(codes, salt);
  EXPECT_FALSE(MatchRecoveryCode("abcd-efgh-jkmn", salt, hashes));
  EXPECT_FALSE(MatchRecoveryCode("", salt, hashes));
  EXPECT_FALSE(MatchRecoveryCode("not a code", salt, hashes));
  EXPECT_FALSE(MatchRecoveryCode(codes[0], NewRecoveryCodeSalt(), hashes));
  EXPECT_FALSE(MatchRecoveryCode(codes[0], salt, {}));

  // Single use: the caller empties (or removes) the hash it matched.
  const auto used = MatchRecoveryCode(codes[3], salt, hashes);
  ASSERT_EQ(used, 3U);
  hashes[*used].clear();
  EXPECT_FALSE(MatchRecoveryCode(codes[3], salt, hashes));
  EXPECT_EQ(MatchRecoveryCode(codes[4], salt, hashes), 4U);
}

}  // namespace
}  // namespace buurtplein::domain::security
