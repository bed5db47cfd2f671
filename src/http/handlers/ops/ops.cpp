#include "http/handlers/ops/ops.hpp"

#include <fmt/format.h>

namespace buurtplein::http::handlers::ops {

domain::Result<Response> Healthz(Context&) {
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "ok\n";
  return r;
}

domain::Result<Response> Readyz(Context& ctx) {
  Response r;
  r.content_type = "text/plain; charset=utf-8";
  try {
    ctx.services.store.Ping();
    r.body = "ready\n";
  } catch (const std::exception& e) {
    return domain::MakeError(domain::ErrorCode::kUnavailable, "The database cannot be reached.", e.what());
  }
  return r;
}

domain::Result<Response> MetricsText(Context& ctx) {
  auto [open, in_use] = ctx.services.store.PoolStats();
  std::string extra = fmt::format(
      "# HELP buurtplein_db_connections_open Database connections open.\n"
      "# TYPE buurtplein_db_connections_open gauge\n"
      "buurtplein_db_connections_open{{engine=\"{0}\"}} {1}\n"
      "# HELP buurtplein_db_connections_in_use Database connections in use.\n"
      "# TYPE buurtplein_db_connections_in_use gauge\n"
      "buurtplein_db_connections_in_use{{engine=\"{0}\"}} {2}\n"
      "# HELP buurtplein_page_cache_entries Anonymous pages held in memory.\n"
      "# TYPE buurtplein_page_cache_entries gauge\n"
      "buurtplein_page_cache_entries {3}\n",
      ctx.services.store.engine(), open, in_use, ctx.services.cache.size());
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.services.metrics.Render(extra);
  return r;
}

}  // namespace buurtplein::http::handlers::ops
