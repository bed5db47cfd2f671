#include "http/metrics.hpp"

#include <fmt/format.h>

namespace buurtplein::http {

void Metrics::Observe(std::string_view route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(route), status}];
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  ++histogram_[b];
  sum_seconds_ += seconds;
  ++count_;
}

std::string Metrics::Render(const std::string& extra) const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP buurtplein_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE buurtplein_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += fmt::format("buurtplein_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first, key.second, n);
  }
  out += "# HELP buurtplein_http_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE buurtplein_http_request_duration_seconds histogram\n";
  unsigned long cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += histogram_[i];
    out += fmt::format("buurtplein_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i], cumulative);
  }
  cumulative += histogram_[kBuckets.size()];
  out += fmt::format("buurtplein_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("buurtplein_http_request_duration_seconds_sum {}\n", sum_seconds_);
  out += fmt::format("buurtplein_http_request_duration_seconds_count {}\n", count_);
  out += "# HELP buurtplein_http_open_connections Open client connections.\n";
  out += "# TYPE buurtplein_http_open_connections gauge\n";
  out += fmt::format("buurtplein_http_open_connections {}\n", open_connections_.load());
  out += extra;
  return out;
}

}  // namespace buurtplein::http
