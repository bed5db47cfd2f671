#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace buurtplein::domain::market {

/// Runs `work` in a background thread every `interval` (first after one interval), until
/// Stop(). Used for the expiry reminders and the expiry of listings; exceptions from `work`
/// are reported to `on_error` and the job goes on.
class PeriodicJob {
 public:
  PeriodicJob(std::function<void()> work, std::chrono::seconds interval,
              std::function<void(const char*)> on_error = {})
      : work_(std::move(work)), interval_(interval), on_error_(std::move(on_error)) {}
  ~PeriodicJob() { Stop(); }
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

  /// Starts the thread (once).
  void Start();
  /// Asks the thread to stop and waits for it (a run in progress finishes first).
  void Stop();

 private:
  void Loop();

  std::function<void()> work_;
  std::chrono::seconds interval_;
  std::function<void(const char*)> on_error_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace buurtplein::domain::market
