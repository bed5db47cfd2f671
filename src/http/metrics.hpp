#pragma once
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace buurtplein::http {

/// Prometheus metrics: requests by route and status, a latency histogram, open connections.
class Metrics {
 public:
  void Observe(std::string_view route, int status, double seconds);
  void SetOpenConnections(long n) { open_connections_ = n; }
  void AddOpenConnections(long delta) { open_connections_ += delta; }
  long open_connections() const { return open_connections_; }
  /// The text exposition format; `extra` is appended (database pool gauges).
  std::string Render(const std::string& extra) const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, unsigned long> requests_;
  std::array<unsigned long, kBuckets.size() + 1> histogram_{};
  double sum_seconds_ = 0;
  unsigned long count_ = 0;
  std::atomic<long> open_connections_{0};
};

}  // namespace buurtplein::http
