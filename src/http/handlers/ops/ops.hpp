#pragma once
#include "http/context.hpp"

/// Endpoints for operators and their monitoring.
namespace buurtplein::http::handlers::ops {

domain::Result<Response> Healthz(Context& ctx);
domain::Result<Response> Readyz(Context& ctx);
domain::Result<Response> MetricsText(Context& ctx);

}  // namespace buurtplein::http::handlers::ops
