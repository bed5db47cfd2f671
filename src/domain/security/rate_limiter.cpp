#include "domain/security/rate_limiter.hpp"

#include <algorithm>

namespace buurtplein::domain::security {

RateLimiter::RateLimiter(Options options) : options_(options) {}

RateDecision RateLimiter::Check(std::string_view key, int limit, std::chrono::seconds window, Clock::time_point now) {
  return Decide(key, limit, window, now, true);
}

RateDecision RateLimiter::Peek(std::string_view key, int limit, std::chrono::seconds window, Clock::time_point now) {
  return Decide(key, limit, window, now, false);
}

void RateLimiter::Reset(std::string_view key) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) Erase(it);
}

std::size_t RateLimiter::KeyCount() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::size_t RateLimiter::EventCount() const {
  std::lock_guard lock(mutex_);
  return event_count_;
}

RateDecision RateLimiter::Decide(std::string_view key, int limit, std::chrono::seconds window, Clock::time_point now,
                                 bool record) {
  if (limit <= 0 || window.count() <= 0) return {false, std::max<std::int64_t>(window.count(), 1)};
  const auto max = static_cast<std::size_t>(limit);

  std::lock_guard lock(mutex_);
  SweepIfDue(now);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    it->second.window = window;
    Prune(it->second, now);
    const auto& events = it->second.events;
    if (events.size() >= max) {
      // Allowed again when enough of the oldest attempts have left the window.
      const auto free_at = events[events.size() - max] + window;
      const auto wait = std::chrono::ceil<std::chrono::seconds>(free_at - now).count();
      return {false, std::max<std::int64_t>(wait, 1)};
    }
  }
  if (!record) return {true, 0};

  if (it == entries_.end()) {
    lru_.emplace_back(key);
    it = entries_.emplace(lru_.back(), Entry{{}, window, std::prev(lru_.end())}).first;
  } else {
    lru_.splice(lru_.end(), lru_, it->second.lru);
  }
  it->second.events.push_back(now);
  ++event_count_;
  EvictOverflow(&it->first);
  return {true, 0};
}

void RateLimiter::Prune(Entry& entry, Clock::time_point now) {
  // An attempt at time t counts while now - t < window. Clocks passed in are monotonic, but a
  // time stamp "from the future" (a caller mixing clocks) is kept rather than trusted less.
  const auto cutoff = now - entry.window;
  const auto first_live = std::find_if(entry.events.begin(), entry.events.end(),
                                       [cutoff](Clock::time_point t) { return t > cutoff; });
  event_count_ -= static_cast<std::size_t>(first_live - entry.events.begin());
  entry.events.erase(entry.events.begin(), first_live);
}

void RateLimiter::Erase(Map::iterator it) {
  event_count_ -= it->second.events.size();
  const auto lru = it->second.lru;
  entries_.erase(it);  // the map's key is a copy, so erase it before the list node
  lru_.erase(lru);
}

void RateLimiter::SweepIfDue(Clock::time_point now) {
  if (swept_once_ && now - last_sweep_ < options_.sweep_interval) return;
  swept_once_ = true;
  last_sweep_ = now;
  for (auto it = entries_.begin(); it != entries_.end();) {
    Prune(it->second, now);
    if (it->second.events.empty()) {
      auto next = std::next(it);
      Erase(it);
      it = next;
    } else {
      ++it;
    }
  }
}

void RateLimiter::EvictOverflow(const std::string* keep) {
  while ((entries_.size() > options_.max_keys || event_count_ > options_.max_events) && !lru_.empty()) {
    auto it = entries_.find(lru_.front());
    if (&it->first == keep) break;  // never drop the key being counted (it is the newest anyway)
    Erase(it);
  }
}

}  // namespace buurtplein::domain::security
