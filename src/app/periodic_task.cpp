#include "app/periodic_task.hpp"

#include <spdlog/spdlog.h>

namespace buurtplein::app {

PeriodicTask::PeriodicTask(std::string name, std::chrono::seconds first_delay, std::chrono::seconds interval,
                           std::function<void()> work)
    : name_(std::move(name)), first_delay_(first_delay), interval_(interval), work_(std::move(work)) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void PeriodicTask::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::Loop() {
  auto delay = first_delay_;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, delay, [this] { return stopping_; })) return;
    }
    try {
      work_();
    } catch (const std::exception& e) {
      spdlog::error("{}: {}", name_, e.what());
    }
    delay = interval_;
  }
}

}  // namespace buurtplein::app
