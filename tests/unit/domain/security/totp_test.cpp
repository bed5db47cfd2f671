#include "domain/security/totp.hpp"

#include <gtest/gtest.h>

#include "domain/security/encoding.hpp"

namespace buurtplein::domain::security {
namespace {

using std::chrono::seconds;
using TimePoint = std::chrono::sys_seconds;

constexpr std::string_view kRfcSecret = "12345678901234567890";  // RFC 6238 Appendix B, SHA1

TimePoint At(std::int64_t unix_seconds) { return TimePoint{seconds{unix_seconds}}; }

TEST(Hotp, MatchesRfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::int64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(Hotp(kRfcSecret, counter), expected[counter]) << counter;
  }
}

TEST(Hotp, RefusesDigitCountsAppsDoNotUseAndNegativeCounters) {
  EXPECT_THROW(Hotp(kRfcSecret, 0, 5), std::invalid_argument);
  EXPECT_THROW(Hotp(kRfcSecret, 0, 9), std::invalid_argument);
  EXPECT_THROW(Hotp(kRfcSecret, -1), std::invalid_argument);
}

TEST(Totp, MatchesRfc6238AppendixBSha1WithEightDigits) {
  const TotpParams eight{8, seconds{30}, 1};
  EXPECT_EQ(TotpAt(kRfcSecret, At(59), eight), "94287082");
  EXPECT_EQ(TotpAt(kRfcSecret, At(1111111109), eight), "07081804");
  EXPECT_EQ(TotpAt(kRfcSecret, At(1111111111), eight), "14050471");
  EXPECT_EQ(TotpAt(kRfcSecret, At(1234567890), eight), "89005924");
  EXPECT_EQ(TotpAt(kRfcSecret, At(2000000000), eight), "69279037");
  EXPECT_EQ(TotpAt(kRfcSecret, At(20000000000), eight), "65353130");
}

TEST(Totp, SixDigitsAreTheLastSixOfTheVectors) {
  EXPECT_EQ(TotpAt(kRfcSecret, At(59)), "287082");
  EXPECT_EQ(TotpAt(kRfcSecret, At(1111111109)), "081804");  // leading zero kept
  EXPECT_EQ(TotpAt(kRfcSecret, At(20000000000)), "353130");
}

TEST(TotpStep, IsSecondsDividedByThePeriod) {
  EXPECT_EQ(TotpStep(At(0)), 0);
  EXPECT_EQ(TotpStep(At(29)), 0);
  EXPECT_EQ(TotpStep(At(30)), 1);
  EXPECT_EQ(TotpStep(At(59)), 1);
  EXPECT_EQ(TotpStep(At(1111111109)), 37037036);
  EXPECT_EQ(TotpStep(At(20000000000)), 666666666);
  EXPECT_EQ(TotpStep(At(60), seconds{60}), 1);
  EXPECT_FALSE(TotpStep(At(-1)));
}

TEST(Totp, TakesSystemClockTimePointsToTheSecondBelow) {
  using std::chrono::milliseconds;
  const std::chrono::system_clock::time_point t{seconds{59} + milliseconds{999}};
  EXPECT_EQ(TotpStep(t), 1);
  EXPECT_EQ(TotpStep(std::chrono::system_clock::time_point{seconds{60}}), 2);
  EXPECT_EQ(TotpAt(kRfcSecret, t), "287082");
  EXPECT_EQ(VerifyTotp(kRfcSecret, "287082", t), 1);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "287082", t, std::optional<std::int64_t>(1)));
  EXPECT_FALSE(TotpStep(std::chrono::system_clock::time_point{} - milliseconds{1}));
}

TEST(VerifyTotp, AcceptsTheCurrentStepAndOneEitherSide) {
  const TimePoint now = At(1111111111);  // step 37037037
  const std::int64_t step = 37037037;
  EXPECT_EQ(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, step), now), step);
  EXPECT_EQ(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, step - 1), now), step - 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, step + 1), now), step + 1);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, step - 2), now));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, step + 2), now));
}

TEST(VerifyTotp, WindowEdgesFollowTheClockToTheSecond) {
  // The code of step 1 (30..59 s) is accepted from 0 s (step 0, one ahead) until 89 s (step 2,
  // one behind), and no longer at 90 s.
  const std::string code = Hotp(kRfcSecret, 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, code, At(0)), 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, code, At(89)), 1);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, At(90)));
  const TotpParams strict{6, seconds{30}, 0};
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, At(29), std::nullopt, strict));
  EXPECT_EQ(VerifyTotp(kRfcSecret, code, At(30), std::nullopt, strict), 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, code, At(59), std::nullopt, strict), 1);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, At(60), std::nullopt, strict));
}

TEST(VerifyTotp, AtTheEpochThereIsNoStepBefore) {
  EXPECT_EQ(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, 0), At(5)), 0);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, 0), At(-5)));
}

TEST(VerifyTotp, RefusesReplayOfTheSameOrAnEarlierStep) {
  const TimePoint now = At(1234567890);
  const std::int64_t step = *TotpStep(now);
  const std::string code = Hotp(kRfcSecret, step);
  const auto first = VerifyTotp(kRfcSecret, code, now);
  ASSERT_EQ(first, step);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, now, first));             // the same code again
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, now + seconds{10}, first));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, step - 1), now, first));  // older code
  EXPECT_EQ(VerifyTotp(kRfcSecret, Hotp(kRfcSecret, step + 1), now + seconds{30}, first), step + 1);
}

TEST(VerifyTotp, IgnoresSpacesAndRefusesOtherInput) {
  const TimePoint now = At(59);
  EXPECT_EQ(VerifyTotp(kRfcSecret, "287 082", now), 1);
  EXPECT_EQ(VerifyTotp(kRfcSecret, " 287082 ", now), 1);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "", now));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "28708", now));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "2870820", now));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "287-082", now));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "28708a", now));
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "000000", now));
  EXPECT_FALSE(VerifyTotp("another secret here!", "287082", now));
  const TotpParams eight{8, seconds{30}, 1};
  EXPECT_EQ(VerifyTotp(kRfcSecret, "94287082", now, std::nullopt, eight), 1);
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "287082", now, std::nullopt, eight));
}

TEST(NewTotpSecret, Is20RandomBytesThatRoundTripThroughBase32) {
  const std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 20);
  EXPECT_NE(secret, NewTotpSecret());
  const std::string text = Base32Encode(secret);
  EXPECT_EQ(text.size(), 32);
  EXPECT_EQ(Base32Decode(text), secret);
  const TimePoint now = At(1700000000);
  EXPECT_TRUE(VerifyTotp(*Base32Decode(text), TotpAt(secret, now), now));
}

TEST(OtpAuthUri, FollowsTheKeyUriFormatWithPercentEncoding) {
  EXPECT_EQ(OtpAuthUri("Buurtplein", "jan@example.nl", kRfcSecret),
            "otpauth://totp/Buurtplein:jan%40example.nl?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Buurtplein&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(OtpAuthUri("Buurtplein Nijmegen: Oost", "Zo\xC3\xAB & co", "f"),
            "otpauth://totp/Buurtplein%20Nijmegen%3A%20Oost:Zo%C3%AB%20%26%20co?secret=MY"
            "&issuer=Buurtplein%20Nijmegen%3A%20Oost&algorithm=SHA1&digits=6&period=30");
}

TEST(PercentEncode, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(PercentEncode("a b/c?d=e&f#g+h"), "a%20b%2Fc%3Fd%3De%26f%23g%2Bh");
  EXPECT_EQ(PercentEncode(""), "");
}

}  // namespace
}  // namespace buurtplein::domain::security
