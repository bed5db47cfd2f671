#include "http/handlers/membership/common.hpp"

#include "http/app.hpp"
#include "http/handlers/form_page.hpp"

namespace buurtplein::http::handlers::membership {

Response FormPageOf(Context& ctx, const std::string& tmpl, const std::string& title, const nlohmann::json& values,
                    const domain::AppError* error, const nlohmann::json& extra) {
  auto r = FormPage(ctx, tmpl, title, values, error, error ? http::StatusFor(error->code) : 200, extra);
  if (error && error->retry_after_seconds > 0) r.SetHeader("Retry-After", std::to_string(error->retry_after_seconds));
  return r;
}

std::string PublicSiteUrl(const Context& ctx, const std::string& rest) {
  std::string base = ctx.services.options.public_url;
  if (!base.empty() && base.back() == '/') base.pop_back();
  return base + SiteUrl(*ctx.city, *ctx.site) + rest;
}

}  // namespace buurtplein::http::handlers::membership
