#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// The form-page pattern shared by every feature: a form with its error summary, the values given
/// (never passwords) and the CSRF token; a refusal shows the form again with its status.
namespace buurtplein::http::handlers {

/// A form page; `error` (if any) fills the error summary and the field's message.
Response FormPage(Context& ctx, const std::string& tmpl, const std::string& title, const nlohmann::json& values,
                  const domain::AppError* error = nullptr, int status = 200,
                  const nlohmann::json& extra = nlohmann::json::object());

/// The status of a refused form: 422 validation, 429 rate limited, 404 not found, 413 too
/// large, else 400.
int StatusFor(const domain::AppError& e);

/// A form's refusal: the form again with the message; rate limits keep their Retry-After.
Response Refused(Context& ctx, const std::string& tmpl, const std::string& title, const nlohmann::json& values,
                 const domain::AppError& e, const nlohmann::json& extra = nlohmann::json::object());

}  // namespace buurtplein::http::handlers
