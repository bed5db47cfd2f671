#include "domain/market/periodic_job.hpp"

#include <exception>

namespace buurtplein::domain::market {

void PeriodicJob::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicJob::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void PeriodicJob::Loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (cv_.wait_for(lock, interval_, [this] { return stop_; })) return;
    }
    try {
      work_();
    } catch (const std::exception& e) {
      if (on_error_) on_error_(e.what());
    }
  }
}

}  // namespace buurtplein::domain::market
