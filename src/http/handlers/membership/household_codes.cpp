// Household codes (buurtcodes): a buurtverbinder types a batch of addresses and gets one code
// per address, to print. The plain codes exist only in the result page; its two forms send them
// back for the CSV (mail merge) and the A4 sheet of flyers, which check they belong to the batch.
#include "http/handlers/membership/common.hpp"
#include "http/handlers/membership/membership.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::membership {

using domain::Result;
using view::Msg;

namespace {

// RFC 4180: every field in double quotes, quotes doubled; a field that a spreadsheet would take
// for a formula gets a leading apostrophe (OWASP "CSV injection").
void CsvField(std::string& out, std::string_view value) {
  out.push_back('"');
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) out.push_back('\'');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

std::vector<std::string> SplitCodes(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

Result<domain::accounts::HouseholdCodeBatch> BatchFromForm(Context& ctx) {
  return ctx.services.memberships->ReprintHouseholdCodes(ctx.site->id, ctx.auth->user.id, ctx.req.Form("batch"),
                                                         SplitCodes(ctx.req.Form("codes")));
}

std::string Title(const Context& ctx) { return ctx.T(Msg("Household codes")); }

}  // namespace

Result<Response> HouseholdCodesForm(Context& ctx) {
  return FormPageOf(ctx, "membership/household_codes", Title(ctx), nlohmann::json::object());
}

Result<Response> GenerateHouseholdCodes(Context& ctx) {
  const std::string addresses = ctx.req.Form("addresses");
  auto batch = ctx.services.memberships->GenerateHouseholdCodes(ctx.site->id, ctx.auth->user.id, addresses);
  if (!batch) {
    return FormPageOf(ctx, "membership/household_codes", Title(ctx), {{"addresses", addresses}}, &batch.error());
  }
  nlohmann::json codes = nlohmann::json::array();
  std::string joined;
  for (const auto& c : batch->codes) {
    codes.push_back({{"address", c.address_label}, {"code", c.code}});
    if (!joined.empty()) joined.push_back(' ');
    joined += c.code;
  }
  auto data = ctx.PageData(Title(ctx));
  data["csrf"] = ctx.CsrfToken();
  data["batch"] = batch->batch;
  data["codes"] = std::move(codes);
  data["codes_joined"] = std::move(joined);
  data["count"] = batch->codes.size();
  data["join_url"] = PublicSiteUrl(ctx, "join");
  data["valid_until"] = view::FormatDate(batch->expires_at, ctx.lang);
  return ctx.Page("membership/household_codes_result", std::move(data));
}

Result<Response> HouseholdCodesCsv(Context& ctx) {
  auto batch = BatchFromForm(ctx);
  if (!batch) return batch.error();
  const std::string join_url = PublicSiteUrl(ctx, "join");
  std::string csv = "\xEF\xBB\xBF";  // UTF-8 byte order mark: Excel then reads the accents right
  const std::string header[] = {ctx.T(Msg("Address")), ctx.T(Msg("Household code")), ctx.T(Msg("Join at")),
                                ctx.T(Msg("Neighbourhood")), ctx.T(Msg("Valid until"))};
  const std::string valid_until = view::FormatDate(batch->expires_at, ctx.lang);
  for (std::size_t i = 0; i < 5; ++i) {
    if (i > 0) csv.push_back(',');
    CsvField(csv, header[i]);
  }
  csv += "\r\n";
  for (const auto& c : batch->codes) {
    CsvField(csv, c.address_label);
    csv.push_back(',');
    CsvField(csv, c.code);
    csv.push_back(',');
    CsvField(csv, join_url);
    csv.push_back(',');
    CsvField(csv, ctx.site->name);
    csv.push_back(',');
    CsvField(csv, valid_until);
    csv += "\r\n";
  }
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(csv);
  // The batch id is hex and the slug [a-z0-9-]: nothing to escape in the file name.
  r.SetHeader("Content-Disposition",
              "attachment; filename=\"household-codes-" + ctx.site->slug + "-" + batch->batch.substr(0, 8) + ".csv\"");
  return r;
}

Result<Response> HouseholdCodesFlyers(Context& ctx) {
  auto batch = BatchFromForm(ctx);
  if (!batch) return batch.error();
  const std::string join_url = PublicSiteUrl(ctx, "join");
  nlohmann::json flyers = nlohmann::json::array();
  for (const auto& c : batch->codes) flyers.push_back({{"address", c.address_label}, {"code", c.code}});
  // A page of its own (no site layout): only the flyers and the print style sheet.
  auto data = ctx.PageData(Title(ctx));
  data["flyers"] = std::move(flyers);
  data["join_url"] = join_url;
  data["valid_until"] = view::FormatDate(batch->expires_at, ctx.lang);
  data["back_url"] = ctx.site_url + "household-codes";
  Response r;
  r.body = ctx.services.renderer.Render("membership/flyers", ctx.lang, data);
  return r;
}

}  // namespace buurtplein::http::handlers::membership
