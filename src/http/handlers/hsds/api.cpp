#include "http/handlers/hsds/api.hpp"

#include <charconv>
#include <ctime>

#include "domain/directory/directory_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "http/handlers/hsds/json.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::hsds {

using domain::directory::DirectoryService;
using nlohmann::json;
using view::Msg;

namespace {

DirectoryService& Dir(const Context& ctx) { return *ctx.services.directory; }

Response Json(const json& j, int status = 200) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = j.dump();
  r.cacheable = status == 200;
  return r;
}

Response NotFound(const Context& ctx) {
  return Json({{"error", {{"status", 404}, {"message", ctx.T(Msg("This entry of the sociale kaart does not exist."))}}}},
              404);
}

// page (from 1) and per_page (1..100, default 20); anything else is a 400.
domain::Result<std::pair<int, int>> Paging(const Context& ctx) {
  auto parse = [](const std::string& s, int dflt, int& out) {
    if (s.empty()) {
      out = dflt;
      return true;
    }
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
  };
  int page = 1, per_page = 20;
  if (!parse(ctx.req.Query("page"), 1, page) || page < 1 || page > DirectoryService::kMaxPage ||
      !parse(ctx.req.Query("per_page"), 20, per_page) || per_page < 1 || per_page > DirectoryService::kMaxPerPage) {
    return domain::MakeError(domain::ErrorCode::kBadRequest,
                             Msg("page must be a number from 1, per_page a number from 1 to 100."));
  }
  return std::make_pair(page, per_page);
}

template <typename T, typename Fn>
json PageJson(const domain::directory::Page<T>& page, Fn to_json) {
  json contents = json::array();
  for (const auto& item : page.items) contents.push_back(to_json(item));
  const int total_pages = page.total_pages();
  return {{"total_items", page.total_items},
          {"total_pages", total_pages},
          {"page_number", page.page},
          {"size", static_cast<int>(contents.size())},
          {"first_page", page.page == 1},
          {"last_page", page.page >= total_pages},
          {"empty", contents.empty()},
          {"contents", contents}};
}

}  // namespace

domain::Result<Response> Root(Context& ctx) {
  std::string base = ctx.services.options.public_url;
  if (base.empty() || base.back() != '/') base.push_back('/');
  return Json({{"version", "3.0"},
               {"openapi_url", base + "static/hsds/openapi.json"},
               {"profile", "https://docs.openreferral.org/en/latest/hsds/"}});
}

domain::Result<Response> Services(Context& ctx) {
  auto paging = Paging(ctx);
  if (!paging) return paging.error();
  domain::directory::ServiceQuery q;
  q.search = ctx.req.Query("search");
  q.term_uuid = ctx.req.Query("taxonomy_term_id");
  auto page = Dir(ctx).Services(ctx.city->id, q, paging->first, paging->second);
  return Json(PageJson(page, [](const auto& s) { return ServiceJson(s, false); }));
}

domain::Result<Response> Service(Context& ctx) {
  auto s = ctx.services.store.directory().FindServiceByUuid(ctx.city->id, ctx.Param("id"));
  if (!s) return NotFound(ctx);
  auto org = ctx.services.store.directory().FindOrganization(ctx.city->id, s->organization);
  std::vector<domain::directory::Location> locations;
  for (auto id : s->location_ids) {
    if (auto l = ctx.services.store.directory().FindLocation(ctx.city->id, id)) locations.push_back(*l);
  }
  return Json(ServiceJson(*s, true, org ? &*org : nullptr, &locations));
}

domain::Result<Response> Organizations(Context& ctx) {
  auto paging = Paging(ctx);
  if (!paging) return paging.error();
  domain::directory::OrganizationQuery q;
  q.search = ctx.req.Query("search");
  auto page = Dir(ctx).Organizations(ctx.city->id, q, paging->first, paging->second);
  return Json(PageJson(page, [](const auto& o) { return OrganizationJson(o, nullptr, nullptr); }));
}

domain::Result<Response> Organization(Context& ctx) {
  auto& repo = ctx.services.store.directory();
  auto o = repo.FindOrganizationByUuid(ctx.city->id, ctx.Param("id"));
  if (!o) return NotFound(ctx);
  domain::directory::ServiceQuery q;
  q.organization = o->id;
  q.limit = 100;
  auto services = repo.ListServices(ctx.city->id, q);
  auto locations = repo.ListLocations(ctx.city->id, o->id, 100, 0);
  return Json(OrganizationJson(*o, &services, &locations));
}

domain::Result<Response> ServiceAtLocations(Context& ctx) {
  auto paging = Paging(ctx);
  if (!paging) return paging.error();
  auto page = Dir(ctx).ServicesAtLocations(ctx.city->id, ctx.req.Query("search"), ctx.req.Query("taxonomy_term_id"),
                                           paging->first, paging->second);
  auto& repo = ctx.services.store.directory();
  const auto city = ctx.city->id;
  return Json(PageJson(page, [&](const auto& sal) {
    auto s = repo.FindServiceByUuid(city, sal.service_uuid);
    auto l = repo.FindLocation(city, sal.location);
    return ServiceAtLocationJson(sal, s ? &*s : nullptr, l ? &*l : nullptr);
  }));
}

domain::Result<Response> ServiceAtLocation(Context& ctx) {
  auto& repo = ctx.services.store.directory();
  auto sal = repo.FindServiceAtLocationByUuid(ctx.city->id, ctx.Param("id"));
  if (!sal) return NotFound(ctx);
  auto s = repo.FindServiceByUuid(ctx.city->id, sal->service_uuid);
  auto l = repo.FindLocation(ctx.city->id, sal->location);
  return Json(ServiceAtLocationJson(*sal, s ? &*s : nullptr, l ? &*l : nullptr));
}

domain::Result<Response> Taxonomies(Context& ctx) {
  auto paging = Paging(ctx);
  if (!paging) return paging.error();
  auto& repo = ctx.services.store.directory();
  domain::directory::Page<domain::directory::Taxonomy> page;
  page.page = paging->first;
  page.per_page = paging->second;
  page.total_items = repo.CountTaxonomies(ctx.city->id);
  page.items = repo.ListTaxonomies(ctx.city->id, page.per_page, (page.page - 1) * page.per_page);
  return Json(PageJson(page, [](const auto& t) { return TaxonomyJson(t); }));
}

domain::Result<Response> TaxonomyTerms(Context& ctx) {
  auto paging = Paging(ctx);
  if (!paging) return paging.error();
  auto page = Dir(ctx).Terms(ctx.city->id, paging->first, paging->second);
  return Json(PageJson(page, [](const auto& t) { return TermJson(t); }));
}

}  // namespace buurtplein::http::handlers::hsds
