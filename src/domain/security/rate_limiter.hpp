#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace buurtplein::domain::security {

/// The answer of a rate limiter: allowed, or refused with the whole seconds to wait
/// (for a 429 answer's Retry-After header; at least 1 when refused, 0 when allowed).
struct RateDecision {
  bool allowed = true;
  std::int64_t retry_after_seconds = 0;
};

/// Counts attempts per key in memory with an exact sliding window: an attempt is allowed when
/// fewer than `limit` allowed attempts of the same key happened in the last `window`. Refused
/// attempts are not counted, so a client that keeps trying is let through again as soon as its
/// oldest counted attempt leaves the window (then at the rate of `limit` per `window`).
///
/// Thread-safe (one mutex; each call is short). The clock is the caller's (`now`).
///
/// Memory is bounded whatever clients send: each key keeps at most `limit` time stamps; keys
/// whose attempts have all left their window are swept out at most once per `sweep_interval`;
/// and when there are more than `max_keys` keys or `max_events` time stamps in all, the keys
/// used least recently are dropped (which forgets their counts: flooding the limiter with
/// distinct keys can reset others, so keys should be ones a client cannot mint cheaply — an IP
/// address, or an account that exists — and short: hash long parts).
///
/// How the login code combines keys, so that no attacker can lock a victim out (ASVS 2.2.1):
/// - "login:ip:<ip>", every attempt, 10 per minute (kLoginPerIp): the 11th attempt from one IP
///   within a minute gets 429 with Retry-After. This stops floods from one address.
/// - "login:account:<account id>", failed attempts only (Peek before checking the password,
///   Check to record a failure, Reset after a success), 100 per hour (kLoginFailuresPerAccount):
///   this slows distributed guessing against one account to at most 100 wrong passwords an
///   hour. It never locks: refused attempts are not counted, so however much an attacker
///   tries, the Retry-After is at most the window and says when the oldest failure leaves it;
///   the wait grows with the failures in the window, not with the attempts refused.
/// A request is allowed only when every key that applies allows it.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    std::size_t max_keys = 100'000;
    std::size_t max_events = 1'000'000;  ///< time stamps over all keys (8 bytes each)
    std::chrono::seconds sweep_interval{60};
  };

  RateLimiter() : RateLimiter(Options{}) {}
  explicit RateLimiter(Options options);

  /// Decides on an attempt for `key` at `now`, and counts it when allowed.
  /// A `limit` of 0 or less refuses everything (Retry-After: the window).
  RateDecision Check(std::string_view key, int limit, std::chrono::seconds window, Clock::time_point now);

  /// What Check would answer, without counting anything.
  RateDecision Peek(std::string_view key, int limit, std::chrono::seconds window, Clock::time_point now);

  /// Forgets every attempt of `key` (e.g. the failures of an account after a good log-in).
  void Reset(std::string_view key);

  /// Keys held now (for tests and metrics).
  std::size_t KeyCount() const;
  /// Time stamps held now over all keys (for tests and metrics).
  std::size_t EventCount() const;

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Entry {
    std::vector<Clock::time_point> events;  // allowed attempts inside the window, oldest first
    std::chrono::seconds window{0};
    std::list<std::string>::iterator lru;   // position in lru_ (front: least recently used)
  };
  using Map = std::unordered_map<std::string, Entry, StringHash, std::equal_to<>>;

  RateDecision Decide(std::string_view key, int limit, std::chrono::seconds window, Clock::time_point now,
                      bool record);
  void Prune(Entry& entry, Clock::time_point now);
  void Erase(Map::iterator it);
  void SweepIfDue(Clock::time_point now);
  void EvictOverflow(const std::string* keep);

  const Options options_;
  mutable std::mutex mutex_;
  Map entries_;
  std::list<std::string> lru_;
  std::size_t event_count_ = 0;
  Clock::time_point last_sweep_{};
  bool swept_once_ = false;
};

/// A rate rule the HTTP layer applies: the key is `prefix` + the client's IP or account.
struct RateRule {
  std::string_view prefix;
  int limit;
  std::chrono::seconds window;
};

/// Every log-in attempt from one IP address: 10 a minute.
inline constexpr RateRule kLoginPerIp{"login:ip:", 10, std::chrono::seconds{60}};
/// Failed log-ins of one account (from anywhere): 100 an hour, ASVS 2.2.1's ceiling.
inline constexpr RateRule kLoginFailuresPerAccount{"login:account:", 100, std::chrono::hours{1}};

}  // namespace buurtplein::domain::security
