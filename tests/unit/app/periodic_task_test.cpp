// The background runner of housekeeping: runs at once (first delay 0) and again after each
// interval, survives an exception in its work, and stops promptly however long the interval is.
#include "app/periodic_task.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace buurtplein::app {
namespace {

using namespace std::chrono_literals;

template <typename F>
bool WaitUntil(F done) {
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

TEST(PeriodicTask, RunsRepeatedlyAndKeepsGoingAfterAnException) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 0s, 0s, [&] {
    if (++runs == 1) throw std::runtime_error("the database was busy");
  });
  task.Start();
  EXPECT_TRUE(WaitUntil([&] { return runs.load() >= 3; }));
  task.Stop();
  const int after_stop = runs.load();
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(runs.load(), after_stop) << "nothing runs after Stop";
}

TEST(PeriodicTask, StopDoesNotWaitForTheInterval) {
  std::atomic<int> runs{0};
  PeriodicTask task("test", 0s, std::chrono::seconds(3600), [&] { ++runs; });
  task.Start();
  ASSERT_TRUE(WaitUntil([&] { return runs.load() == 1; }));
  const auto start = std::chrono::steady_clock::now();
  task.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(runs.load(), 1);
  task.Stop();  // again: nothing happens
}

TEST(PeriodicTask, NothingRunsBeforeTheFirstDelay) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task("test", std::chrono::seconds(3600), 1s, [&] { ++runs; });
    task.Start();
    std::this_thread::sleep_for(20ms);
  }  // the destructor stops it
  EXPECT_EQ(runs.load(), 0);
}

}  // namespace
}  // namespace buurtplein::app
