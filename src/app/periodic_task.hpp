#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace buurtplein::app {

/// Runs a function on a background thread: once shortly after Start, then every `interval`,
/// until Stop. An exception is logged and the next round runs as planned.
class PeriodicTask {
 public:
  PeriodicTask(std::string name, std::chrono::seconds first_delay, std::chrono::seconds interval,
               std::function<void()> work);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void Start();
  /// Wakes the thread and waits for it (a round in progress finishes first). Idempotent.
  void Stop();

 private:
  void Loop();

  std::string name_;
  std::chrono::seconds first_delay_, interval_;
  std::function<void()> work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace buurtplein::app
