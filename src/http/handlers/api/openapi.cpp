// The OpenAPI document, embedded from docs/api/openapi.json at build time.
#include "domain/mail/mail_service.hpp"
#include "http/handlers/api/api.hpp"
#include "http/handlers/api/json.hpp"

namespace buurtplein::http::handlers::api {

extern const char* const kOpenApiJson;

domain::Result<Response> OpenApi(Context& ctx) {
  // Parsed once; only the server address (this deployment's public_url) is filled in per call.
  static const nlohmann::json kDocument = nlohmann::json::parse(kOpenApiJson);
  nlohmann::json doc = kDocument;
  const nlohmann::json server = {{"url", domain::mail::Link(ctx.services.options.public_url, "api/v1")}};
  doc["servers"] = nlohmann::json::array({server});
  return Json(doc);
}

}  // namespace buurtplein::http::handlers::api
