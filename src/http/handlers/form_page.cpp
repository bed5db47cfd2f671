#include "http/handlers/form_page.hpp"

namespace buurtplein::http::handlers {

Response FormPage(Context& ctx, const std::string& tmpl, const std::string& title, const nlohmann::json& values,
                  const domain::AppError* error, int status, const nlohmann::json& extra) {
  auto data = ctx.PageData(title);
  data.update(extra);
  data["csrf"] = ctx.CsrfToken();
  data["values"] = values;
  data["has_errors"] = false;
  data["errors"] = nlohmann::json::array();
  if (error) {
    const std::string field = error->field.empty() ? "form" : error->field;
    const std::string message = ctx.T(error->public_message);
    data["has_errors"] = true;
    data["errors"].push_back({{"field", field}, {"message", message}});
    data["error_" + field] = message;
  }
  auto r = ctx.Page(tmpl, std::move(data));
  r.status = status;
  return r;
}

int StatusFor(const domain::AppError& e) {
  switch (e.code) {
    case domain::ErrorCode::kValidation: return 422;
    case domain::ErrorCode::kRateLimited: return 429;
    case domain::ErrorCode::kNotFound: return 404;
    case domain::ErrorCode::kPayloadTooLarge: return 413;
    default: return 400;
  }
}

Response Refused(Context& ctx, const std::string& tmpl, const std::string& title, const nlohmann::json& values,
                 const domain::AppError& e, const nlohmann::json& extra) {
  auto r = FormPage(ctx, tmpl, title, values, &e, StatusFor(e), extra);
  if (e.retry_after_seconds > 0) r.SetHeader("Retry-After", std::to_string(e.retry_after_seconds));
  return r;
}

}  // namespace buurtplein::http::handlers
