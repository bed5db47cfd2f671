#include "domain/security/passwords.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>

namespace buurtplein::domain::security {
namespace {

const CommonPasswords& RealList() {
  static const CommonPasswords list =
      CommonPasswords::LoadFile(std::filesystem::path(BUURTPLEIN_SOURCE_DIR) / "data/passwords/common-passwords.txt");
  return list;
}

std::string Repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

std::string PolicyMessage(std::string_view password, std::string_view email = {}, std::string_view name = {}) {
  const Status s = CheckPasswordPolicy(password, RealList(), email, name);
  if (s) return "ok";
  EXPECT_EQ(s.error().code, ErrorCode::kValidation);
  return s.error().public_message;
}

// --- hashing -------------------------------------------------------------------------------

TEST(HashPassword, MakesArgon2idWithInteractiveLimitsThatVerifies) {
  const std::string hash = HashPassword("correct paard batterij niet-vergeten");
  EXPECT_TRUE(hash.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "correct paard batterij niet-vergeten"));
  EXPECT_FALSE(VerifyPassword(hash, "correct paard batterij niet-vergetem"));
  EXPECT_FALSE(VerifyPassword(hash, "Correct paard batterij niet-vergeten"));
  EXPECT_FALSE(VerifyPassword(hash, ""));
  EXPECT_FALSE(NeedsRehash(hash));
}

TEST(HashPassword, SaltsEachHash) {
  EXPECT_NE(HashPassword("the same password twice"), HashPassword("the same password twice"));
}

TEST(HashPassword, NeverTruncatesLongOrUnicodePasswords) {
  // 128 four-byte code points (512 bytes); a password differing only in the last one fails.
  const std::string longest = Repeat("\xF0\x9F\x8C\xB3", 127) + "\xF0\x9F\x8C\xB2";  // 🌳…🌲
  const std::string hash = HashPassword(longest);
  EXPECT_TRUE(VerifyPassword(hash, longest));
  EXPECT_FALSE(VerifyPassword(hash, Repeat("\xF0\x9F\x8C\xB3", 128)));
  EXPECT_FALSE(VerifyPassword(hash, Repeat("\xF0\x9F\x8C\xB3", 127)));
}

TEST(HashPassword, HashesPasswordsWithNulBytesWhole) {
  const std::string with_nul("abc\0def", 7);
  const std::string hash = HashPassword(with_nul);
  EXPECT_TRUE(VerifyPassword(hash, with_nul));
  EXPECT_FALSE(VerifyPassword(hash, "abc"));
}

TEST(VerifyPassword, IsFalseForMalformedHashes) {
  EXPECT_FALSE(VerifyPassword("", "anything at all"));
  EXPECT_FALSE(VerifyPassword("not a hash", "not a hash"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$m=65536,t=2,p=1$", "x"));
  EXPECT_FALSE(VerifyPassword(std::string(500, 'a'), "x"));
  const std::string hash = HashPassword("correct paard batterij");
  EXPECT_FALSE(VerifyPassword(hash + std::string("\0junk", 5), "correct paard batterij"));
}

TEST(NeedsRehash, IsTrueForOtherAlgorithmsOrLimits) {
  char argon2i[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(argon2i, "pw", 2, crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2I13),
            0);
  EXPECT_TRUE(NeedsRehash(argon2i));
  char weaker[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weaker, "pw", 2, crypto_pwhash_OPSLIMIT_MIN, 8192, crypto_pwhash_ALG_ARGON2ID13), 0);
  EXPECT_TRUE(NeedsRehash(weaker));
  EXPECT_TRUE(VerifyPassword(weaker, "pw"));
  EXPECT_TRUE(NeedsRehash(""));
  EXPECT_TRUE(NeedsRehash("$2y$10$bcrypt"));
}

TEST(VerifyAgainstDummy, ChecksAHashThatCostsWhatARealOneCostsAndNeverMatches) {
  // Same algorithm and limits as HashPassword, so the same work as a real check.
  const std::string& dummy = DummyPasswordHash();
  EXPECT_TRUE(dummy.starts_with("$argon2id$v=19$m=65536,t=2,p=1$")) << dummy;
  EXPECT_FALSE(NeedsRehash(dummy));
  EXPECT_EQ(&DummyPasswordHash(), &dummy);  // made once
  EXPECT_FALSE(VerifyPassword(dummy, ""));
  EXPECT_FALSE(VerifyPassword(dummy, "correct paard batterij niet-vergeten"));
  VerifyAgainstDummy("anything");
}

// --- UTF-8 ---------------------------------------------------------------------------------

TEST(CountCodePoints, CountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0U);
  EXPECT_EQ(CountCodePoints("abc"), 3U);
  EXPECT_EQ(CountCodePoints("\xC3\xAB\xC3\xA9\xC3\xBC"), 3U);  // ëéü
  EXPECT_EQ(CountCodePoints("\xE2\x82\xAC"), 1U);              // €
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x98\x80"), 1U);          // 😀
  EXPECT_EQ(CountCodePoints("e\xCC\x81"), 2U);                 // e + combining acute: two code points
  EXPECT_EQ(CountCodePoints("\xF4\x8F\xBF\xBF"), 1U);          // U+10FFFF, the last
}

TEST(CountCodePoints, RefusesInvalidUtf8) {
  EXPECT_FALSE(CountCodePoints("\xC3"));                  // cut off
  EXPECT_FALSE(CountCodePoints("\xE2\x82"));              // cut off
  EXPECT_FALSE(CountCodePoints("\x80"));                  // lone continuation byte
  EXPECT_FALSE(CountCodePoints("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(CountCodePoints("\xE0\x80\xAF"));          // overlong
  EXPECT_FALSE(CountCodePoints("\xF0\x80\x80\xAF"));      // overlong
  EXPECT_FALSE(CountCodePoints("\xED\xA0\x80"));          // surrogate U+D800
  EXPECT_FALSE(CountCodePoints("\xF4\x90\x80\x80"));      // U+110000
  EXPECT_FALSE(CountCodePoints("\xFF"));
  EXPECT_FALSE(CountCodePoints("abc\xC3(def"));           // bad continuation
  EXPECT_FALSE(CountCodePoints("latin1 caf\xE9 wachtwoord"));
}

// --- policy --------------------------------------------------------------------------------

TEST(CheckPasswordPolicy, AcceptsLongPassphrasesOfAnyCharacters) {
  EXPECT_EQ(PolicyMessage("correct paard batterij niet-vergeten \xC3\xAB\xC3\xA9\xC3\xBC"), "ok");
  EXPECT_EQ(PolicyMessage("alllowercaseletters"), "ok");  // no composition rules
  EXPECT_EQ(PolicyMessage("            x"), "ok");         // spaces are characters
  EXPECT_EQ(PolicyMessage(Repeat("\xF0\x9F\x8C\xB3", 12)), "ok");  // 12 emoji
  EXPECT_EQ(PolicyMessage("\xE5\xAF\x86\xE7\xA0\x81\xE5\xAF\x86\xE7\xA0\x81\xE5\xAF\x86\xE7\xA0\x81"
                          "\xE5\xAF\x86\xE7\xA0\x81\xE5\xAF\x86\xE7\xA0\x81\xE5\xAF\x86\xE7\xA0\x81"),
            "ok");  // 密码 × 6 = 12 code points
}

TEST(CheckPasswordPolicy, CountsCodePointsAtTheEdges) {
  EXPECT_EQ(PolicyMessage("elf tekens!"), "Your password is too short. Use at least 12 characters.");  // 11
  EXPECT_EQ(PolicyMessage("twaalf teken"), "ok");                                                    // 12
  // 11 code points but 22 bytes: still too short.
  EXPECT_EQ(PolicyMessage(Repeat("\xC3\xAB", 11)), "Your password is too short. Use at least 12 characters.");
  EXPECT_EQ(PolicyMessage(Repeat("\xC3\xAB", 12)), "ok");
  EXPECT_EQ(PolicyMessage(Repeat("a", 128)), "ok");
  EXPECT_EQ(PolicyMessage(Repeat("\xF0\x9F\x8C\xB3", 128)), "ok");  // 512 bytes
  EXPECT_EQ(PolicyMessage(Repeat("a", 129)), "Your password is too long. Use at most 128 characters.");
  EXPECT_EQ(PolicyMessage(Repeat("\xC3\xAB", 129)), "Your password is too long. Use at most 128 characters.");
  EXPECT_EQ(PolicyMessage(""), "Your password is too short. Use at least 12 characters.");
}

TEST(CheckPasswordPolicy, RefusesInvalidUtf8AndNul) {
  const std::string unreadable = "Your password has characters we cannot read. Please type it again.";
  EXPECT_EQ(PolicyMessage("een lang wachtwoord \xC3"), unreadable);
  EXPECT_EQ(PolicyMessage("een lang wachtw\xC0\xAFoord"), unreadable);
  EXPECT_EQ(PolicyMessage(std::string("een lang\0wachtwoord", 19)), unreadable);
  const Status s = CheckPasswordPolicy("\xFF\xFF", RealList());
  ASSERT_FALSE(s);
  EXPECT_FALSE(s.error().internal_detail.empty());
}

TEST(CheckPasswordPolicy, RefusesCommonPasswordsIgnoringCase) {
  const std::string common = "Many people use this password, so it is easy to guess. Please choose another one.";
  EXPECT_EQ(PolicyMessage("qwerty123456"), common);
  EXPECT_EQ(PolicyMessage("QWERTY123456"), common);
  EXPECT_EQ(PolicyMessage("1qaz2wsx3edc"), common);
  EXPECT_EQ(PolicyMessage("qwerty1234567"), "ok");
  // Short common passwords are caught by the length rule first.
  EXPECT_EQ(PolicyMessage("password"), "Your password is too short. Use at least 12 characters.");
}

TEST(CheckPasswordPolicy, RefusesTheEmailAddressItsNameOrTheDisplayName) {
  const std::string own = "Your password must not be your e-mail address or your name.";
  EXPECT_EQ(PolicyMessage("jan.jansen@example.nl", "jan.jansen@example.nl"), own);
  EXPECT_EQ(PolicyMessage("Jan.Jansen@Example.NL", "jan.jansen@example.nl"), own);
  EXPECT_EQ(PolicyMessage("jan.jansen.nijmegen", "jan.jansen.nijmegen@example.nl"), own);
  EXPECT_EQ(PolicyMessage("Marieke van Dam", {}, "marieke van dam"), own);
  EXPECT_EQ(PolicyMessage("Marieke van Dam!", "m@example.nl", "Marieke van Dam"), "ok");
  EXPECT_EQ(PolicyMessage("Marieke van Dam", "", ""), "ok");  // nothing to compare with
}

TEST(CommonPasswords, LoadsTheShippedList) {
  EXPECT_GT(RealList().size(), 49000U);
  EXPECT_TRUE(RealList().Contains("123456"));
  EXPECT_TRUE(RealList().Contains("PassWord"));
  EXPECT_FALSE(RealList().Contains(""));
  EXPECT_FALSE(RealList().Contains("correct paard batterij niet-vergeten"));
}

TEST(CommonPasswords, ReadsLinesLowerCasedSkippingEmptyOnesAndCarriageReturns) {
  const auto list = CommonPasswords::FromText("Hunter2\r\n\nletmein\n\nLETMEIN\nlast-without-newline");
  EXPECT_EQ(list.size(), 3U);
  EXPECT_TRUE(list.Contains("hunter2"));
  EXPECT_TRUE(list.Contains("HUNTER2"));
  EXPECT_TRUE(list.Contains("LetMeIn"));
  EXPECT_TRUE(list.Contains("last-without-newline"));
  EXPECT_FALSE(list.Contains("hunter2\r"));
  EXPECT_FALSE(list.Contains(""));
  EXPECT_EQ(CommonPasswords{}.size(), 0U);
  EXPECT_EQ(CommonPasswords::FromText("").size(), 0U);
}

TEST(CommonPasswords, NamesTheFileItCannotRead) {
  try {
    (void)CommonPasswords::LoadFile("/nonexistent/common-passwords.txt");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/common-passwords.txt"), std::string::npos);
  }
}

}  // namespace
}  // namespace buurtplein::domain::security
