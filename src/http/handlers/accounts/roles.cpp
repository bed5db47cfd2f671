// The operator's page (/beheer/) and the association's pages (/{city}/vereniging/). Operators
// appoint people by the e-mail address of their account and see role holders' addresses masked
// (docs/decisions/0009); nobody else sees addresses: the association's page shows names only, its
// board page figures only.
#include "http/handlers/accounts/roles.hpp"

#include <algorithm>
#include <charconv>

#include "domain/roles/professional_service.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::accounts {

using domain::ErrorCode;
using domain::Result;
using view::Msg;

namespace {

constexpr int kCitiesPerPage = 50;
constexpr int kSitesPerPage = 20;
constexpr int kHoldersShown = 20;   // buurtverbinders per site on /beheer/{city}/
constexpr int kBoardPerPage = 50;

// ?page=N (1 when absent); nullopt when malformed.
std::optional<int> PageParam(const Context& ctx) {
  const std::string raw = ctx.req.Query("page");
  if (raw.empty()) return 1;
  int page = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
  if (ec != std::errc() || p != raw.data() + raw.size() || page < 1 || page > 100000) return std::nullopt;
  return page;
}

domain::AppError NoSuchPage() { return domain::MakeError(ErrorCode::kNotFound, "This page does not exist (any more)."); }

std::optional<domain::UserId> UserParam(const Context& ctx) {
  const std::string& raw = ctx.Param("user");
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return domain::UserId{id};
}

// Previous/next links for a list of `total` items.
void Pages(nlohmann::json& data, const std::string& base, int page, std::size_t per_page, std::size_t total,
           bool has_more) {
  const bool more = has_more || static_cast<std::size_t>(page) * per_page < total;
  if (page > 1) data["prev_url"] = page == 2 ? base : base + "?page=" + std::to_string(page - 1);
  if (more) data["next_url"] = base + "?page=" + std::to_string(page + 1);
  data["has_pages"] = page > 1 || more;
}

std::string AdminCityUrl(const domain::sites::City& city) { return "/beheer/" + city.slug + "/"; }

nlohmann::json Holders(const std::vector<domain::accounts::RoleHolder>& holders, const std::string& remove_base,
                       bool with_email) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& h : holders) {
    nlohmann::json item = {{"name", h.display_name}};
    // [roles] >>>
    // Masked (j***@example.nl): enough to tell two people with the same name apart, never the
    // whole address of someone else (issue 3 §5; docs/decisions/0009).
    if (with_email) item["email"] = domain::roles::MaskEmail(h.email);
    // [roles] <<<
    if (!remove_base.empty()) item["remove_url"] = remove_base + std::to_string(h.user.value) + "/verwijderen";
    list.push_back(std::move(item));
  }
  return list;
}

// The city's page of /beheer/, with an error on one of its forms when a change was refused.
Result<Response> AdminCityPage(Context& ctx, const domain::AppError* error = nullptr, const std::string& form = {},
                               const std::string& email = {}) {
  const auto page = PageParam(ctx);
  if (!page) return NoSuchPage();
  auto& roles = *ctx.services.roles;
  const auto& city = *ctx.city;
  const auto& all_sites = ctx.directory->SitesOf(city);
  const std::size_t first = static_cast<std::size_t>(*page - 1) * kSitesPerPage;
  if (first > 0 && first >= all_sites.size()) return NoSuchPage();
  const std::string base = AdminCityUrl(city);

  auto data = ctx.PageData(ctx.T(Msg("Roles in")) + " " + city.name);
  data["csrf"] = ctx.CsrfToken();
  data["city_name"] = city.name;
  data["association_name"] = city.association_name;
  data["board_action"] = base + "bestuur";
  auto board = roles.Board(city.id, kBoardPerPage + 1, 0);
  data["board_more"] = board.size() > static_cast<std::size_t>(kBoardPerPage);
  if (board.size() > static_cast<std::size_t>(kBoardPerPage)) board.resize(kBoardPerPage);
  data["board"] = Holders(board, base + "bestuur/", true);
  data["has_board"] = !board.empty();

  nlohmann::json sites = nlohmann::json::array();
  for (std::size_t i = first; i < all_sites.size() && i < first + kSitesPerPage; ++i) {
    const auto& site = all_sites[i];
    const std::string site_base = base + site.slug + "/buurtverbinders";
    auto holders = roles.Buurtverbinders(site.id, kHoldersShown + 1, 0);
    const bool more = holders.size() > static_cast<std::size_t>(kHoldersShown);
    if (more) holders.resize(kHoldersShown);
    nlohmann::json s = {{"id", site.id.value},
                        {"name", site.name},
                        {"url", SiteUrl(city, site)},
                        // The page travels with the form, so a refusal shows the form again in place.
                        {"action", site_base + (*page > 1 ? "?page=" + std::to_string(*page) : "")},
                        {"buurtverbinders", Holders(holders, site_base + "/", true)},
                        {"has_buurtverbinders", !holders.empty()},
                        {"more", more}};
    const std::string form_id = "site-" + std::to_string(site.id.value);
    if (error && form == form_id) {
      s["error"] = error->public_message;
      s["email"] = email;
    }
    sites.push_back(std::move(s));
  }
  data["sites"] = std::move(sites);
  Pages(data, base, *page, kSitesPerPage, all_sites.size(), false);
  if (error) {
    data["has_errors"] = true;
    data["errors"] = nlohmann::json::array({{{"message", error->public_message}, {"field", form}}});
    if (form == "board") {
      data["board_error"] = error->public_message;
      data["board_email"] = email;
    }
  }
  auto resp = ctx.Page("accounts/admin_city", std::move(data));
  if (error) resp.status = error->code == ErrorCode::kNotFound ? 404 : 422;
  return resp;
}

Result<Response> AfterChange(Context& ctx, domain::Status s, const std::string& form, const std::string& email) {
  if (!s) {
    auto e = s.error();
    if (e.code == ErrorCode::kRateLimited) return e;
    return AdminCityPage(ctx, &e, form, email);
  }
  const auto page = PageParam(ctx);
  return Redirect(303, AdminCityUrl(*ctx.city) + (page && *page > 1 ? "?page=" + std::to_string(*page) : ""));
}

}  // namespace

Result<Response> AdminHome(Context& ctx) {
  const auto page = PageParam(ctx);
  if (!page) return NoSuchPage();
  const auto& cities = ctx.directory->cities;
  const std::size_t first = static_cast<std::size_t>(*page - 1) * kCitiesPerPage;
  if (first > 0 && first >= cities.size()) return NoSuchPage();
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = first; i < cities.size() && i < first + kCitiesPerPage; ++i) {
    list.push_back({{"name", cities[i].name},
                    {"url", AdminCityUrl(cities[i])},
                    {"sites", ctx.directory->sites[i].size()}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Platform management")));
  data["cities"] = std::move(list);
  Pages(data, "/beheer/", *page, kCitiesPerPage, cities.size(), false);
  return ctx.Page("accounts/admin_home", std::move(data));
}

Result<Response> AdminCity(Context& ctx) { return AdminCityPage(ctx); }

Result<Response> AdminAppointBoard(Context& ctx) {
  const std::string email = ctx.req.Form("email");
  return AfterChange(ctx, ctx.services.roles->AppointBoard(ctx.city->id, email), "board", email);
}

Result<Response> AdminRemoveBoard(Context& ctx) {
  auto user = UserParam(ctx);
  if (!user) return domain::MakeError(ErrorCode::kNotFound, "This person does not have this role (any more).");
  return AfterChange(ctx, ctx.services.roles->RemoveBoard(ctx.city->id, *user), "board", "");
}

Result<Response> AdminAppointBuurtverbinder(Context& ctx) {
  const std::string email = ctx.req.Form("email");
  return AfterChange(ctx, ctx.services.roles->AppointBuurtverbinder(ctx.site->id, email),
                     "site-" + std::to_string(ctx.site->id.value), email);
}

Result<Response> AdminRemoveBuurtverbinder(Context& ctx) {
  auto user = UserParam(ctx);
  if (!user) return domain::MakeError(ErrorCode::kNotFound, "This person does not have this role (any more).");
  return AfterChange(ctx, ctx.services.roles->RemoveBuurtverbinder(ctx.site->id, *user),
                     "site-" + std::to_string(ctx.site->id.value), "");
}

Result<Response> Association(Context& ctx) {
  const auto page = PageParam(ctx);
  if (!page) return NoSuchPage();
  const auto& city = *ctx.city;
  auto board = ctx.services.roles->Board(city.id, kBoardPerPage + 1, (*page - 1) * kBoardPerPage);
  if (board.empty() && *page > 1) return NoSuchPage();
  const bool more = board.size() > static_cast<std::size_t>(kBoardPerPage);
  if (more) board.resize(kBoardPerPage);
  auto data = ctx.PageData(city.association_name.empty() ? ctx.T(Msg("The association")) : city.association_name);
  data["association_name"] = city.association_name;
  data["city_name"] = city.name;
  data["board"] = Holders(board, "", false);  // names only: no addresses on a public page
  data["has_board"] = !board.empty();
  data["board_url"] = ctx.city_url + "vereniging/wijken";
  Pages(data, ctx.city_url + "vereniging/", *page, kBoardPerPage, 0, more);
  auto resp = ctx.Page("accounts/association", std::move(data));
  // Names change on profile pages and with deleted accounts, which do not empty the cache.
  resp.cacheable = false;
  return resp;
}

Result<Response> AssociationSites(Context& ctx) {
  const auto page = PageParam(ctx);
  if (!page) return NoSuchPage();
  const auto& city = *ctx.city;
  const auto& all_sites = ctx.directory->SitesOf(city);
  const std::size_t first = static_cast<std::size_t>(*page - 1) * kCitiesPerPage;
  if (first > 0 && first >= all_sites.size()) return NoSuchPage();
  auto& memberships = ctx.services.store.memberships();
  nlohmann::json sites = nlohmann::json::array();
  for (std::size_t i = first; i < all_sites.size() && i < first + kCitiesPerPage; ++i) {
    const auto& site = all_sites[i];
    // Counts only: the board sees how the sites grow, not who their members are.
    sites.push_back({{"name", site.name},
                     {"url", SiteUrl(city, site)},
                     {"verified", memberships.CountMembers(site.id, domain::accounts::MemberStatus::kVerified)},
                     {"pending", memberships.CountMembers(site.id, domain::accounts::MemberStatus::kPending)},
                     {"unverified", memberships.CountMembers(site.id, domain::accounts::MemberStatus::kUnverified)}});
  }
  auto data = ctx.PageData(ctx.T(Msg("Sites and members")));
  data["association_name"] = city.association_name;
  data["city_name"] = city.name;
  data["sites"] = std::move(sites);
  data["has_sites"] = !all_sites.empty();
  data["back_url"] = ctx.city_url + "vereniging/";
  Pages(data, ctx.city_url + "vereniging/wijken", *page, kCitiesPerPage, all_sites.size(), false);
  return ctx.Page("accounts/association_sites", std::move(data));
}

}  // namespace buurtplein::http::handlers::accounts
