#include "http/handlers/accounts/privacy.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ctime>

#include "http/handlers/accounts/stored_zip.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::accounts {

using domain::ErrorCode;
using domain::Result;
using domain::accounts::ColumnKind;
using domain::accounts::ContentChoice;
using view::Msg;

namespace {

std::string IsoTime(std::int64_t t, const char* format = "{:%Y-%m-%dT%H:%M:%SZ}") {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format(fmt::runtime(format), tm);
}

nlohmann::ordered_json FieldValue(const domain::accounts::ExportField& f) {
  if (!f.description.empty()) return std::string(f.description);
  if (const auto* text = std::get_if<std::string>(&f.value)) return *text;
  if (const auto* n = std::get_if<std::int64_t>(&f.value)) {
    switch (f.kind) {
      case ColumnKind::kTime: return IsoTime(*n);
      case ColumnKind::kBool: return *n != 0;
      default: return *n;
    }
  }
  return nullptr;
}

nlohmann::ordered_json ExportJson(const domain::accounts::PersonalDataExport& e) {
  nlohmann::ordered_json j;
  j["about"] = "Everything Buurtplein holds about you. Times are UTC. Secrets (your password, "
               "cookies, links) are described, never included.";
  j["exported_at"] = IsoTime(e.exported_at);
  for (const auto& section : e.sections) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& row : section.rows) {
      nlohmann::ordered_json obj = nlohmann::ordered_json::object();
      for (const auto& f : row) obj[std::string(f.key)] = FieldValue(f);
      rows.push_back(std::move(obj));
    }
    if (section.single) {
      j[std::string(section.key)] = rows.empty() ? nlohmann::ordered_json(nullptr) : rows.front();
    } else {
      j[std::string(section.key)] = std::move(rows);
    }
  }
  return j;
}

Response DeleteFormPage(Context& ctx, const nlohmann::json& values, const domain::AppError* error = nullptr,
                        int status = 200) {
  auto data = ctx.PageData(ctx.T(Msg("Delete your account")));
  data["csrf"] = ctx.CsrfToken();
  data["values"] = values;
  const bool remove = values.value("content", "") == "remove";
  data["values"]["content_anonymise"] = !remove;
  data["values"]["content_remove"] = remove;
  data["has_errors"] = error != nullptr;
  data["errors"] = nlohmann::json::array();
  if (error) {
    const std::string field = error->field.empty() ? "form" : error->field;
    const std::string message = ctx.T(error->public_message);
    data["errors"].push_back({{"field", field}, {"message", message}});
    data["error_" + field] = message;
  }
  auto r = ctx.Page("accounts/delete", std::move(data));
  r.status = status;
  if (error && error->retry_after_seconds > 0) r.SetHeader("Retry-After", std::to_string(error->retry_after_seconds));
  return r;
}

}  // namespace

Result<Response> ExportData(Context& ctx) {
  // A ZIP: data.json (every declared table, sessions included) and the profile photo as the
  // image file it is stored as, so nothing held about the person is only described.
  const auto data = ctx.services.privacy->Export(ctx.auth->user);
  auto json = ExportJson(data);
  std::vector<ZipEntry> files;
  if (ctx.services.profiles) {
    if (auto photo = ctx.services.profiles->OwnPhoto(ctx.auth->user.id, domain::profiles::PhotoSize::kLarge)) {
      json["files"] = {{"profile_photo", "profile-photo.jpg"}};
      files.push_back({"profile-photo.jpg", std::move(*photo)});
    }
  }
  files.insert(files.begin(), ZipEntry{"data.json", json.dump(2) + "\n"});
  unsigned dos_time = 0, dos_date = 0;
  DosDateTime(data.exported_at, dos_time, dos_date);
  Response r;
  r.content_type = "application/zip";
  r.body = StoredZip(files, dos_time, dos_date);
  r.SetHeader("Content-Disposition",
              "attachment; filename=\"buurtplein-gegevens-" + IsoTime(data.exported_at, "{:%Y-%m-%d}") + ".zip\"");
  return r;
}

Result<Response> DeleteAccountForm(Context& ctx) {
  return DeleteFormPage(ctx, {{"content", "anonymise"}});
}

Result<Response> DeleteAccount(Context& ctx) {
  const std::string content = ctx.req.Form("content");
  nlohmann::json values = {{"content", content}};
  if (content != "anonymise" && content != "remove") {
    auto e = domain::MakeError(ErrorCode::kValidation, "Choose what happens to what you wrote.");
    e.field = "content";
    return DeleteFormPage(ctx, {{"content", "anonymise"}}, &e, 422);
  }
  const auto choice = content == "remove" ? ContentChoice::kRemove : ContentChoice::kAnonymise;
  auto s = ctx.services.privacy->DeleteAccount(*ctx.auth, ctx.req.Form("current_password"), choice);
  if (!s) {
    const int status = s.error().code == ErrorCode::kRateLimited ? 429
                       : s.error().code == ErrorCode::kValidation ? 422
                                                                   : 400;
    return DeleteFormPage(ctx, values, &s.error(), status);
  }
  // Every session went with the account; the browser forgets its cookie too.
  CookieOptions o;
  o.secure = ctx.req.secure;
  o.max_age_seconds = 0;
  auto r = Redirect(303, "/account/goodbye");
  r.headers.emplace_back("Set-Cookie", SetCookieValue(ctx.req.secure ? kSecureSessionCookie : kSessionCookie, "", o));
  return r;
}

Result<Response> Goodbye(Context& ctx) {
  auto data = ctx.PageData(ctx.T(Msg("Your account has been deleted")));
  auto r = ctx.Page("accounts/goodbye", std::move(data));
  r.cacheable = !ctx.auth;
  return r;
}

}  // namespace buurtplein::http::handlers::accounts
