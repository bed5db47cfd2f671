// The approval queue: who asked to be verified, with the postcode and house number they gave.
// Only the site's buurtverbinders reach these pages (route access kSiteBuurtverbinder, checked
// again by the service).
#include <charconv>
#include <ctime>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "http/handlers/membership/common.hpp"
#include "http/handlers/membership/membership.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::membership {

using domain::ErrorCode;
using domain::Result;
using view::Msg;

namespace {

constexpr int kPageSize = 200;

std::string FormatDate(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:%Y-%m-%d}", tm);
}

std::optional<domain::UserId> UserParam(const Context& ctx) {
  const std::string& raw = ctx.Param("user");
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return domain::UserId{id};
}

Result<Response> Decide(Context& ctx, bool approve) {
  auto member = UserParam(ctx);
  if (!member) return domain::MakeError(ErrorCode::kNotFound, "There is no request for approval from this person (any more).");
  auto* service = ctx.services.memberships;
  auto s = approve ? service->Approve(ctx.site->id, ctx.auth->user.id, *member)
                   : service->Reject(ctx.site->id, ctx.auth->user.id, *member);
  if (!s) return s.error();
  return Redirect(303, ctx.site_url + "members/pending");
}

}  // namespace

Result<Response> Pending(Context& ctx) {
  auto pending = ctx.services.memberships->ListPending(ctx.site->id, ctx.auth->user.id, kPageSize, 0);
  if (!pending) return pending.error();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : *pending) {
    list.push_back({{"name", p.display_name},
                    {"postcode", p.membership.postcode},
                    {"house_number", p.membership.house_number},
                    {"asked_on", FormatDate(p.membership.created_at)},
                    {"approve_url", ctx.site_url + "members/" + std::to_string(p.membership.user.value) + "/approve"},
                    {"reject_url", ctx.site_url + "members/" + std::to_string(p.membership.user.value) + "/reject"}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Requests to join")));
  data["csrf"] = ctx.CsrfToken();
  data["pending"] = std::move(list);
  data["has_pending"] = !pending->empty();
  return ctx.Page("membership/pending", std::move(data));
}

Result<Response> Approve(Context& ctx) { return Decide(ctx, true); }
Result<Response> Reject(Context& ctx) { return Decide(ctx, false); }

}  // namespace buurtplein::http::handlers::membership
