#include "http/handlers/search/pages.hpp"

#include <charconv>

#include "domain/search/search_service.hpp"
#include "http/handlers/search/snippet.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"
#include "view/renderer.hpp"

namespace buurtplein::http::handlers::search {

using domain::ErrorCode;
using domain::Result;
using domain::search::Kind;
using domain::search::ResultPage;
using domain::search::SearchRequest;
using domain::search::SearchService;
using view::Msg;

namespace {

// The kind filter's value in the URL (Dutch, like the rest of the URLs).
struct KindSlug {
  Kind kind;
  const char* slug;
};
constexpr KindSlug kKindSlugs[] = {{Kind::kNews, "nieuws"},     {Kind::kEvent, "agenda"},
                                   {Kind::kListing, "vraag-aanbod"}, {Kind::kGroup, "groepen"},
                                   {Kind::kQuestion, "buurtvragen"}, {Kind::kService, "sociale-kaart"}};

std::string KindLabel(const Context& ctx, Kind kind) {
  switch (kind) {
    case Kind::kNews: return ctx.T(Msg("News items"));
    case Kind::kEvent: return ctx.T(Msg("Agenda events"));
    case Kind::kListing: return ctx.T(Msg("Ask and offer listings"));
    case Kind::kGroup: return ctx.T(Msg("Groups to join"));
    case Kind::kQuestion: return ctx.T(Msg("Questions from neighbours"));
    case Kind::kService: return ctx.T(Msg("Services on the social map"));
  }
  return {};
}

domain::AppError BadSearch() {
  return domain::MakeError(ErrorCode::kNotFound, "This page of search results does not exist.");
}

// What was typed, as we show it again: valid UTF-8 only, at most kMaxQueryBytes (the search
// reads no more), no control characters.
std::string CleanText(std::string_view raw) {
  std::string out;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    auto cp = domain::search::DecodeUtf8(raw, pos);
    if (!cp) continue;
    if (*cp < 0x20 || *cp == 0x7F) *cp = ' ';
    std::string bytes;
    domain::search::AppendUtf8(bytes, *cp);
    if (out.size() + bytes.size() > domain::search::kMaxQueryBytes) break;
    out += bytes;
  }
  return out;
}

// Reads q, soort and pagina. An unknown kind or a page that is not a number is a 404, like
// any address that does not exist; an empty soort means every kind.
Result<SearchRequest> ReadRequest(const Context& ctx) {
  SearchRequest r;
  r.text = CleanText(ctx.req.Query("q"));
  if (const std::string kind = ctx.req.Query("soort"); !kind.empty()) {
    for (const auto& k : kKindSlugs) {
      if (kind == k.slug) r.kind = k.kind;
    }
    if (!r.kind) return BadSearch();
  }
  if (const std::string raw = ctx.req.Query("pagina"); !raw.empty()) {
    auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), r.page);
    if (ec != std::errc() || p != raw.data() + raw.size() || r.page < 1 || r.page > SearchService::kMaxPage) {
      return BadSearch();
    }
  }
  return r;
}

// "?q=…&soort=…&pagina=N" for a link to another page of the same search.
std::string PageUrl(const std::string& action, const SearchRequest& r, int page) {
  std::string url = action + "?q=";
  PercentEncode(r.text, url);
  if (r.kind) {
    for (const auto& k : kKindSlugs) {
      if (k.kind == *r.kind) url += std::string("&soort=") + k.slug;
    }
  }
  if (page > 1) url += "&pagina=" + std::to_string(page);
  return url;
}

Response ResultsPage(Context& ctx, const std::string& action, const std::string& scope_name, bool city_wide,
                     const SearchRequest& request, const ResultPage& results) {
  const bool has_query = !results.terms.empty();
  nlohmann::json kinds = nlohmann::json::array();
  kinds.push_back({{"value", ""}, {"label", ctx.T(Msg("All kinds"))}, {"selected", !request.kind}});
  for (const auto& k : kKindSlugs) {
    kinds.push_back({{"value", k.slug}, {"label", KindLabel(ctx, k.kind)}, {"selected", request.kind == k.kind}});
  }
  // On a site's own host name the site lives at "/": its documents' paths are shown so.
  std::string canonical_site_url;
  if (!city_wide && ctx.site && ctx.city) canonical_site_url = SiteUrl(*ctx.city, *ctx.site);
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : results.hits) {
    std::string url = h.url;
    if (!canonical_site_url.empty() && ctx.site_url != canonical_site_url && url.rfind(canonical_site_url, 0) == 0) {
      url = ctx.site_url + url.substr(canonical_site_url.size());
    }
    nlohmann::json j = {{"title", h.title},
                        {"url", url},
                        {"kind", KindLabel(ctx, h.kind)},
                        {"snippet_html", SnippetHtml(h.snippet)}};
    if (h.when) {
      j["when"] = view::FormatDate(*h.when, ctx.lang);
      j["when_iso"] = view::LocalIso(*h.when);
    }
    // In the city search a result says which neighbourhood it is from.
    if (city_wide && h.site) {
      if (const auto* site = ctx.directory->FindSiteById(*h.site)) j["site_name"] = site->name;
    }
    hits.push_back(std::move(j));
  }
  std::string title = ctx.T(Msg("Search")) + " – " + scope_name;
  std::string count_text;
  if (has_query) {
    if (results.total_capped) {
      count_text = ctx.T(Msg("More than 200 results found."));
    } else if (results.total == 0) {
      count_text = ctx.T(Msg("Nothing found."));
    } else {
      count_text = ctx.T(Msg("Results found:")) + " " + std::to_string(results.total);
    }
    // The title says it too: a screen reader announces it when the page opens.
    title = request.text + " – " + count_text + " – " + scope_name;
  }
  auto data = ctx.PageData(title);
  data["action"] = action;
  data["scope_name"] = scope_name;
  data["is_city"] = city_wide;
  data["q"] = request.text;
  data["kinds"] = kinds;
  data["has_query"] = has_query;
  data["asked_nothing"] = !has_query && !request.text.empty();
  data["count_text"] = count_text;
  data["hits"] = hits;
  data["has_hits"] = !hits.empty();
  if (results.page > 1) data["prev_url"] = PageUrl(action, request, results.page - 1);
  if (results.has_more) data["next_url"] = PageUrl(action, request, results.page + 1);
  data["has_pages"] = results.page > 1 || results.has_more;
  data["page"] = std::to_string(results.page);
  auto r = ctx.Page("search/results", std::move(data));
  // Results depend on time (scheduled news becomes findable) and on the visitor; the empty
  // search page is the same for everyone.
  r.cacheable = !has_query && request.text.empty() && !ctx.auth;
  return r;
}

}  // namespace

Result<Response> SiteSearch(Context& ctx) {
  auto request = ReadRequest(ctx);
  if (!request) return request.error();
  bool member = false;
  if (ctx.auth && ctx.membership && ctx.membership->user == ctx.auth->user.id &&
      ctx.membership->status == domain::accounts::MemberStatus::kVerified) {
    member = true;
  }
  const auto results = ctx.services.search->SearchSite(ctx.site->id, ctx.city->id, member, *request);
  if (results.hits.empty() && results.page > 1) return BadSearch();
  return ResultsPage(ctx, ctx.site_url + "zoeken", ctx.site->name, false, *request, results);
}

Result<Response> CitySearch(Context& ctx) {
  auto request = ReadRequest(ctx);
  if (!request) return request.error();
  // Members-only content is found in the sites where the visitor is a verified member.
  std::vector<domain::SiteId> member_of;
  if (ctx.auth) {
    for (const auto& m : ctx.services.store.memberships().ListMembershipsOfUser(ctx.auth->user.id)) {
      if (m.status == domain::accounts::MemberStatus::kVerified) member_of.push_back(m.site);
    }
  }
  const auto results = ctx.services.search->SearchCity(ctx.city->id, member_of, *request);
  if (results.hits.empty() && results.page > 1) return BadSearch();
  return ResultsPage(ctx, ctx.city_url + "zoeken", ctx.city->name, true, *request, results);
}

}  // namespace buurtplein::http::handlers::search
