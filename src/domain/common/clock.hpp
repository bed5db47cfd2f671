#pragma once
#include <chrono>
#include <cstdint>

namespace buurtplein::domain {

/// The time, injected so tests control it. Seconds since the Unix epoch.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t Now() const = 0;
};

/// The real clock.
class SystemClock final : public Clock {
 public:
  std::int64_t Now() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

/// A clock that stands still until a test moves it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t now = 1'800'000'000) : now_(now) {}
  std::int64_t Now() const override { return now_; }
  void Advance(std::int64_t seconds) { now_ += seconds; }

 private:
  std::int64_t now_;
};

}  // namespace buurtplein::domain
