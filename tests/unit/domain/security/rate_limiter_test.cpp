#include "domain/security/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace buurtplein::domain::security {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = RateLimiter::Clock;

const Clock::time_point kT0 = Clock::time_point{} + hours{1000};

TEST(RateLimiter, TheEleventhLoginFromOneIpWithinAMinuteIsRefused) {
  RateLimiter limiter;
  const std::string key = std::string(kLoginPerIp.prefix) + "192.0.2.7";
  for (int i = 0; i < 10; ++i) {
    const auto d = limiter.Check(key, kLoginPerIp.limit, kLoginPerIp.window, kT0 + seconds{i * 5});
    EXPECT_TRUE(d.allowed) << i;
    EXPECT_EQ(d.retry_after_seconds, 0);
  }
  // The first attempt (at 0 s) leaves the window at 60 s.
  const auto eleventh = limiter.Check(key, 10, seconds{60}, kT0 + seconds{50});
  EXPECT_FALSE(eleventh.allowed);
  EXPECT_EQ(eleventh.retry_after_seconds, 10);
  const auto later = limiter.Check(key, 10, seconds{60}, kT0 + seconds{59} + milliseconds{500});
  EXPECT_FALSE(later.allowed);
  EXPECT_EQ(later.retry_after_seconds, 1);  // rounded up, never 0
  EXPECT_TRUE(limiter.Check(key, 10, seconds{60}, kT0 + seconds{60}).allowed);
  // Refused attempts were not counted: the second slot frees at 65 s.
  EXPECT_FALSE(limiter.Check(key, 10, seconds{60}, kT0 + seconds{61}).allowed);
  EXPECT_TRUE(limiter.Check(key, 10, seconds{60}, kT0 + seconds{65}).allowed);
}

TEST(RateLimiter, KeysAreCountedSeparately) {
  RateLimiter limiter;
  EXPECT_TRUE(limiter.Check("login:ip:a", 1, seconds{60}, kT0).allowed);
  EXPECT_FALSE(limiter.Check("login:ip:a", 1, seconds{60}, kT0).allowed);
  EXPECT_TRUE(limiter.Check("login:ip:b", 1, seconds{60}, kT0).allowed);
  EXPECT_EQ(limiter.KeyCount(), 2U);
}

TEST(RateLimiter, IsASlidingWindowNotFixedBuckets) {
  RateLimiter limiter;
  // 3 per 10 s: attempts at 8, 9, 10 s; at 12 s the one at 8 s still counts (fixed buckets
  // [0,10) [10,20) would wrongly allow it).
  for (int t : {8, 9, 10}) EXPECT_TRUE(limiter.Check("k", 3, seconds{10}, kT0 + seconds{t}).allowed);
  const auto d = limiter.Check("k", 3, seconds{10}, kT0 + seconds{12});
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_seconds, 6);
  EXPECT_TRUE(limiter.Check("k", 3, seconds{10}, kT0 + seconds{18}).allowed);
}

TEST(RateLimiter, PeekDoesNotCountAndResetForgets) {
  RateLimiter limiter;
  const std::string key = "login:account:42";
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Peek(key, 2, seconds{60}, kT0).allowed);
  EXPECT_EQ(limiter.KeyCount(), 0U);
  EXPECT_TRUE(limiter.Check(key, 2, seconds{60}, kT0).allowed);
  EXPECT_TRUE(limiter.Check(key, 2, seconds{60}, kT0 + seconds{1}).allowed);
  const auto peek = limiter.Peek(key, 2, seconds{60}, kT0 + seconds{2});
  EXPECT_FALSE(peek.allowed);
  EXPECT_EQ(peek.retry_after_seconds, 58);
  limiter.Reset(key);
  EXPECT_EQ(limiter.KeyCount(), 0U);
  EXPECT_EQ(limiter.EventCount(), 0U);
  EXPECT_TRUE(limiter.Peek(key, 2, seconds{60}, kT0 + seconds{2}).allowed);
  limiter.Reset("never seen");
}

TEST(RateLimiter, AccountLimitSlowsDownButNeverLocksForGood) {
  RateLimiter limiter;
  const std::string key = std::string(kLoginFailuresPerAccount.prefix) + "7";
  const auto window = kLoginFailuresPerAccount.window;
  // An attacker uses all 100 failures within the first 100 seconds.
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(limiter.Check(key, 100, window, kT0 + seconds{i}).allowed);
  const auto refused = limiter.Peek(key, 100, window, kT0 + seconds{100});
  EXPECT_FALSE(refused.allowed);
  EXPECT_LE(refused.retry_after_seconds, 3600);
  // Trying more does not extend the wait...
  for (int i = 0; i < 1000; ++i) (void)limiter.Check(key, 100, window, kT0 + seconds{100 + i});
  EXPECT_EQ(limiter.Peek(key, 100, window, kT0 + seconds{1100}).retry_after_seconds, 3600 - 1100);
  // ...and after the window the account takes attempts again.
  EXPECT_TRUE(limiter.Peek(key, 100, window, kT0 + seconds{3600}).allowed);
}

TEST(RateLimiter, ALimitOfZeroRefusesEverything) {
  RateLimiter limiter;
  const auto d = limiter.Check("k", 0, seconds{30}, kT0);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after_seconds, 30);
  EXPECT_FALSE(limiter.Check("k", 5, seconds{0}, kT0).allowed);
  EXPECT_EQ(limiter.KeyCount(), 0U);
}

TEST(RateLimiter, SweepsExpiredKeysPeriodically) {
  RateLimiter limiter(RateLimiter::Options{100, 1000, seconds{60}});
  for (int i = 0; i < 50; ++i) limiter.Check("ip:" + std::to_string(i), 10, seconds{60}, kT0);
  EXPECT_EQ(limiter.KeyCount(), 50U);
  EXPECT_EQ(limiter.EventCount(), 50U);
  // Before the sweep interval nothing is swept, even though the windows have passed.
  limiter.Check("other", 10, seconds{60}, kT0 + seconds{59});
  EXPECT_EQ(limiter.KeyCount(), 51U);
  // The next call after the interval drops every key whose attempts all left the window.
  limiter.Check("other", 10, seconds{60}, kT0 + seconds{61});
  EXPECT_EQ(limiter.KeyCount(), 1U);
  EXPECT_EQ(limiter.EventCount(), 2U);
}

TEST(RateLimiter, CapsTheNumberOfKeysDroppingTheLeastRecentlyUsed) {
  RateLimiter limiter(RateLimiter::Options{3, 1000, hours{24}});
  limiter.Check("a", 1, seconds{600}, kT0);
  limiter.Check("b", 1, seconds{600}, kT0);
  limiter.Check("c", 1, seconds{600}, kT0);
  limiter.Check("a", 5, seconds{600}, kT0);  // "a" is used again, so "b" is now the oldest
  limiter.Check("d", 1, seconds{600}, kT0);
  EXPECT_EQ(limiter.KeyCount(), 3U);
  EXPECT_TRUE(limiter.Peek("b", 1, seconds{600}, kT0).allowed);    // forgotten
  EXPECT_FALSE(limiter.Peek("a", 2, seconds{600}, kT0).allowed);   // still counted
  EXPECT_FALSE(limiter.Peek("c", 1, seconds{600}, kT0).allowed);
  EXPECT_FALSE(limiter.Peek("d", 1, seconds{600}, kT0).allowed);
}

TEST(RateLimiter, CapsTheTotalNumberOfTimeStamps) {
  RateLimiter limiter(RateLimiter::Options{1000, 10, hours{24}});
  for (int i = 0; i < 8; ++i) limiter.Check("big", 100, seconds{600}, kT0 + seconds{i});
  limiter.Check("x", 100, seconds{600}, kT0 + seconds{10});
  limiter.Check("x", 100, seconds{600}, kT0 + seconds{11});
  EXPECT_EQ(limiter.EventCount(), 10U);
  limiter.Check("y", 100, seconds{600}, kT0 + seconds{12});  // 11 > 10: "big" goes
  EXPECT_EQ(limiter.KeyCount(), 2U);
  EXPECT_EQ(limiter.EventCount(), 3U);
}

TEST(RateLimiter, AFloodOfDistinctKeysStaysWithinTheCap) {
  RateLimiter limiter(RateLimiter::Options{1000, 5000, seconds{60}});
  for (int i = 0; i < 20000; ++i) limiter.Check("ip:" + std::to_string(i), 10, seconds{60}, kT0 + milliseconds{i});
  EXPECT_LE(limiter.KeyCount(), 1000U);
  EXPECT_LE(limiter.EventCount(), 5000U);
}

TEST(RateLimiter, CountsExactlyUnderConcurrentUse) {
  RateLimiter limiter;
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.Check("shared", 1000, seconds{60}, kT0).allowed) ++allowed;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 1000);
}

}  // namespace
}  // namespace buurtplein::domain::security
