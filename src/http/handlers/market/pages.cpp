#include "http/handlers/market/pages.hpp"

#include <charconv>

#include "domain/market/market_service.hpp"
#include "domain/messages/message_service.hpp"
#include "http/handlers/form_page.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"
#include "view/markdown.hpp"

namespace buurtplein::http::handlers::market {

using domain::ErrorCode;
using domain::Result;
using domain::market::Category;
using domain::market::Kind;
using domain::market::Listing;
using domain::market::ListingDraft;
using domain::market::ListingId;
using domain::market::MarketService;
using domain::market::ListingStatus;
using domain::market::Viewer;
using domain::market::Visibility;
using view::Msg;

namespace {

constexpr const char* kTemplateForm = "market/form";

domain::AppError NoListing() {
  return domain::MakeError(ErrorCode::kNotFound, "This ask or offer does not exist, or you cannot see it.");
}
domain::AppError BadForm() {
  return domain::MakeError(ErrorCode::kBadRequest, "This form could not be read. Please try again.");
}

Viewer ViewerOf(const Context& ctx) {
  return Viewer::Of(ctx.auth ? std::optional<domain::UserId>(ctx.auth->user.id) : std::nullopt, ctx.membership);
}

MarketService& Service(const Context& ctx) { return *ctx.services.market; }

std::optional<std::int64_t> ParseId(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

std::string MarketUrl(const Context& ctx) { return ctx.site_url + "vraag-aanbod/"; }
std::string ListingUrl(const Context& ctx, ListingId id) { return MarketUrl(ctx) + std::to_string(id.value); }

std::string KindLabel(const Context& ctx, Kind k) {
  switch (k) {
    case Kind::kAsk: return ctx.T(Msg("Asking for help"));
    case Kind::kOffer: return ctx.T(Msg("Offering help"));
    case Kind::kLend: return ctx.T(Msg("To lend"));
    case Kind::kGive: return ctx.T(Msg("To give away"));
    case Kind::kSeek: return ctx.T(Msg("Looking for"));
  }
  return "";
}

std::string CategoryLabel(const Context& ctx, Category c) {
  switch (c) {
    case Category::kKlusjes: return ctx.T(Msg("Odd jobs"));
    case Category::kBoodschappen: return ctx.T(Msg("Groceries and shopping"));
    case Category::kVervoer: return ctx.T(Msg("Lifts and transport"));
    case Category::kComputerhulp: return ctx.T(Msg("Computer help"));
    case Category::kGezelschap: return ctx.T(Msg("Company and a chat"));
    case Category::kSpullen: return ctx.T(Msg("Things to use"));
    case Category::kOverig: return ctx.T(Msg("Something else"));
  }
  return "";
}

std::string StatusLabel(const Context& ctx, const Listing& l, std::int64_t now) {
  if (l.IsActive(now)) return ctx.T(Msg("Status: open"));
  switch (l.status) {
    case ListingStatus::kMatched: return ctx.T(Msg("Status: matched"));
    case ListingStatus::kClosed: return ctx.T(Msg("Status: closed"));
    default: return ctx.T(Msg("Status: expired"));
  }
}

// Options for the kind and category selects; `selected` marks the chosen one.
nlohmann::json KindOptions(const Context& ctx, std::optional<Kind> selected) {
  nlohmann::json out = nlohmann::json::array();
  for (Kind k : domain::market::kKinds) {
    out.push_back({{"value", std::string(domain::market::KindName(k))},
                   {"label", KindLabel(ctx, k)},
                   {"selected", selected && *selected == k}});
  }
  return out;
}

nlohmann::json CategoryOptions(const Context& ctx, std::optional<Category> selected) {
  nlohmann::json out = nlohmann::json::array();
  for (Category c : domain::market::kCategories) {
    out.push_back({{"value", std::string(domain::market::CategoryName(c))},
                   {"label", CategoryLabel(ctx, c)},
                   {"selected", selected && *selected == c}});
  }
  return out;
}

nlohmann::json ListingView(const Context& ctx, const Listing& l, const Viewer& viewer, bool with_body) {
  const std::int64_t now = Service(ctx).Now();
  nlohmann::json j = {
      {"id", std::to_string(l.id.value)},
      {"url", ListingUrl(ctx, l.id)},
      {"title", l.title},
      {"kind", std::string(domain::market::KindName(l.kind))},
      {"kind_label", KindLabel(ctx, l.kind)},
      {"category_label", CategoryLabel(ctx, l.category)},
      {"author_name", l.author ? l.author_name : ctx.T(Msg("a former neighbour"))},
      {"created", view::FormatDate(l.created_at, ctx.lang)},
      {"created_iso", view::LocalIso(l.created_at)},
      {"expires", view::FormatDate(l.expires_at, ctx.lang)},
      {"is_members_only", l.visibility == Visibility::kMembers},
      {"is_active", l.IsActive(now)},
      {"status_label", StatusLabel(ctx, l, now)},
      {"summary", view::MarkdownSummary(l.body_markdown, 160)},
  };
  if (with_body) j["body_html"] = view::MarkdownToHtml(l.body_markdown);
  (void)viewer;
  return j;
}

int IntQuery(const Context& ctx, const char* name, bool& ok) {
  ok = true;
  const std::string raw = ctx.req.Query(name);
  if (raw.empty()) return 1;
  int v = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || p != raw.data() + raw.size() || v < 1) ok = false;
  return v;
}

// The board or the archive, with the kind and category filters (GET form, so it works without
// JavaScript and the filtered page has its own address).
Result<Response> ListPage(Context& ctx, bool archive) {
  const Viewer viewer = ViewerOf(ctx);
  bool ok = true;
  const int page = IntQuery(ctx, "page", ok);
  if (!ok) return NoListing();
  const std::string kind_raw = ctx.req.Query("kind");
  const std::string category_raw = ctx.req.Query("category");
  const auto kind = domain::market::ParseKind(kind_raw);
  const auto category = domain::market::ParseCategory(category_raw);
  if ((!kind_raw.empty() && !kind) || (!category_raw.empty() && !category)) return NoListing();
  auto list = Service(ctx).List(ctx.site->id, viewer, kind, category, page, archive);
  if (list.listings.empty() && page > 1) return NoListing();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : list.listings) items.push_back(ListingView(ctx, l, viewer, false));
  const std::string base = MarketUrl(ctx) + (archive ? "archief" : "");
  std::string filter;
  if (kind) filter += "&kind=" + std::string(domain::market::KindName(*kind));
  if (category) filter += "&category=" + std::string(domain::market::CategoryName(*category));
  auto data = ctx.PageData(ctx.T(archive ? Msg("Archive of asks and offers") : Msg("Ask & offer")) + " – " +
                           ctx.site->name);
  data["archive"] = archive;
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["can_post"] = viewer.member;
  data["market_url"] = MarketUrl(ctx);
  data["list_url"] = base;
  data["new_url"] = MarketUrl(ctx) + "nieuw";
  data["archive_url"] = MarketUrl(ctx) + "archief";
  data["kinds"] = KindOptions(ctx, kind);
  data["categories"] = CategoryOptions(ctx, category);
  data["is_filtered"] = kind.has_value() || category.has_value();
  if (list.page > 1) {
    data["prev_url"] = base + "?page=" + std::to_string(list.page - 1) + filter;
  }
  if (list.has_more) data["next_url"] = base + "?page=" + std::to_string(list.page + 1) + filter;
  data["has_pages"] = list.page > 1 || list.has_more;
  data["match_count"] = std::to_string(Service(ctx).CountMatches(ctx.site->id));
  auto r = ctx.Page("market/list", std::move(data));
  // Expiry is worked off by the periodic job, which empties the site's cached pages.
  r.cacheable = !viewer.member;
  return r;
}

struct DraftForm {
  ListingDraft draft;
  nlohmann::json values;
};

nlohmann::json FormValues(const Context& ctx, const ListingDraft& d) {
  return {{"title", d.title},
          {"body", d.body_markdown},
          {"kinds", KindOptions(ctx, d.kind)},
          {"categories", CategoryOptions(ctx, d.category)},
          {"visibility_public", d.visibility == Visibility::kPublic},
          {"visibility_members", d.visibility == Visibility::kMembers}};
}

Result<DraftForm> ReadDraft(const Context& ctx) {
  DraftForm f;
  const auto kind = domain::market::ParseKind(ctx.req.Form("kind"));
  const auto category = domain::market::ParseCategory(ctx.req.Form("category"));
  const std::string visibility = ctx.req.Form("visibility");
  if (!kind || !category || (visibility != "public" && visibility != "members" && !visibility.empty())) {
    return BadForm();
  }
  f.draft.kind = *kind;
  f.draft.category = *category;
  f.draft.title = ctx.req.Form("title");
  f.draft.body_markdown = ctx.req.Form("body");
  f.draft.visibility = visibility == "members" ? Visibility::kMembers : Visibility::kPublic;
  f.values = FormValues(ctx, f.draft);
  return f;
}

Response FormPage(Context& ctx, bool editing, const std::string& action, const nlohmann::json& values,
                  const domain::AppError* error, int status) {
  nlohmann::json extra = {{"editing", editing}, {"action", action}, {"market_url", MarketUrl(ctx)}};
  return handlers::FormPage(ctx, kTemplateForm,
                            ctx.T(editing ? Msg("Edit your ask or offer") : Msg("Post an ask or offer")), values,
                            error, status, extra);
}

// The listing's page; `error` (if any) belongs to the respond or match form.
Result<Response> ShowPage(Context& ctx, const Listing& l, const domain::AppError* error, int status,
                          const std::string& body_value = "") {
  const Viewer viewer = ViewerOf(ctx);
  auto& service = Service(ctx);
  auto view = ListingView(ctx, l, viewer, true);
  const bool is_poster = viewer.user && l.author && *l.author == *viewer.user && viewer.member;
  const bool can_change = MarketService::MayChange(l, viewer);
  const bool active = l.IsActive(service.Now());
  auto data = ctx.PageData(l.title + " – " + ctx.site->name);
  data["listing"] = view;
  data["market_url"] = MarketUrl(ctx);
  data["is_poster"] = is_poster;
  data["can_change"] = can_change && active;
  data["can_renew"] = can_change && (active || l.status == ListingStatus::kExpired || l.status == ListingStatus::kOpen);
  data["can_respond"] = viewer.member && !is_poster && active && l.author.has_value();
  data["must_log_in"] = !ctx.auth && active;
  data["login_url"] = "/account/login?next=" + ListingUrl(ctx, l.id);
  data["must_join"] = ctx.auth && !viewer.member && active;
  data["join_url"] = ctx.site_url + "join";
  if (auto match = service.MatchOf(ctx.site->id, l.id)) {
    data["matched"] = {{"helper_name", match->helper ? match->helper_name : ctx.T(Msg("a former neighbour"))},
                       {"date", view::FormatDate(match->matched_at, ctx.lang)}};
  }
  if (is_poster && active) {
    nlohmann::json responders = nlohmann::json::array();
    for (const auto& r : service.Responders(ctx.site->id, l, viewer)) {
      responders.push_back({{"id", std::to_string(r.user.value)}, {"name", r.name}});
    }
    data["responders"] = responders;
    data["has_responders"] = !responders.empty();
  }
  if (data["can_respond"].get<bool>() || is_poster || can_change) data["csrf"] = ctx.CsrfToken();
  data["values"] = {{"body", body_value}};
  data["has_errors"] = false;
  data["errors"] = nlohmann::json::array();
  if (error) {
    const std::string field = error->field.empty() ? "form" : error->field;
    data["has_errors"] = true;
    data["errors"].push_back({{"field", field}, {"message", ctx.T(error->public_message)}});
    data["error_" + field] = ctx.T(error->public_message);
  }
  const std::string notice = ctx.req.Query("done");
  if (notice == "saved") data["notice"] = ctx.T(Msg("Your ask or offer is saved."));
  if (notice == "matched") data["notice"] = ctx.T(Msg("Great! The match is counted."));
  if (notice == "renewed") data["notice"] = ctx.T(Msg("Your ask or offer stays on the board for another six weeks."));
  if (notice == "closed") data["notice"] = ctx.T(Msg("Your ask or offer is closed."));
  auto r = ctx.Page("market/show", std::move(data));
  r.status = status;
  r.cacheable = l.visibility == Visibility::kPublic && !ctx.auth;
  return r;
}

std::optional<ListingId> IdParam(const Context& ctx) {
  auto id = ParseId(ctx.Param("id"));
  if (!id) return std::nullopt;
  return ListingId{*id};
}

}  // namespace

nlohmann::json SiteHomeBlock(Context& ctx, bool& cacheable) {
  const Viewer viewer = ViewerOf(ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& l : Service(ctx).Latest(ctx.site->id, viewer, 5)) items.push_back(ListingView(ctx, l, viewer, false));
  if (viewer.member) cacheable = false;
  const auto matches = Service(ctx).CountMatches(ctx.site->id);
  return {{"items", items},
          {"has_items", !items.empty()},
          {"market_url", MarketUrl(ctx)},
          {"can_post", viewer.member},
          {"match_count", std::to_string(matches)},
          {"has_matches", matches > 0}};
}

nlohmann::json CityBlock(Context& ctx) {
  const auto matches = Service(ctx).CountCityMatches(ctx.city->id);
  return {{"match_count", std::to_string(matches)}, {"has_matches", matches > 0}};
}

Result<Response> List(Context& ctx) { return ListPage(ctx, false); }
Result<Response> Archive(Context& ctx) { return ListPage(ctx, true); }

Result<Response> Show(Context& ctx) {
  auto id = IdParam(ctx);
  if (!id) return NoListing();
  auto listing = Service(ctx).Find(ctx.site->id, *id, ViewerOf(ctx));
  if (!listing) return listing.error();
  return ShowPage(ctx, *listing, nullptr, 200);
}

Result<Response> NewForm(Context& ctx) {
  ListingDraft d;
  if (auto k = domain::market::ParseKind(ctx.req.Query("kind"))) d.kind = *k;
  return FormPage(ctx, false, MarketUrl(ctx) + "nieuw", FormValues(ctx, d), nullptr, 200);
}

Result<Response> Create(Context& ctx) {
  const std::string action = MarketUrl(ctx) + "nieuw";
  auto form = ReadDraft(ctx);
  if (!form) return form.error();
  auto listing = Service(ctx).Create(ctx.site->id, ViewerOf(ctx), form->draft);
  if (!listing) {
    if (listing.error().code != ErrorCode::kValidation) return listing.error();
    return FormPage(ctx, false, action, form->values, &listing.error(), 422);
  }
  return Redirect(303, ListingUrl(ctx, listing->id) + "?done=saved");
}

Result<Response> EditForm(Context& ctx) {
  auto id = IdParam(ctx);
  if (!id) return NoListing();
  const Viewer viewer = ViewerOf(ctx);
  auto listing = Service(ctx).Find(ctx.site->id, *id, viewer);
  if (!listing) return listing.error();
  if (!MarketService::MayChange(*listing, viewer)) {
    return domain::MakeError(ErrorCode::kForbidden, "Only the person who posted this can change it.");
  }
  ListingDraft d{listing->kind, listing->category, listing->title, listing->body_markdown, listing->visibility};
  return FormPage(ctx, true, ListingUrl(ctx, *id) + "/bewerken", FormValues(ctx, d), nullptr, 200);
}

Result<Response> Edit(Context& ctx) {
  auto id = IdParam(ctx);
  if (!id) return NoListing();
  auto form = ReadDraft(ctx);
  if (!form) return form.error();
  auto listing = Service(ctx).Edit(ctx.site->id, *id, ViewerOf(ctx), form->draft);
  if (!listing) {
    if (listing.error().code != ErrorCode::kValidation) return listing.error();
    return FormPage(ctx, true, ListingUrl(ctx, *id) + "/bewerken", form->values, &listing.error(), 422);
  }
  return Redirect(303, ListingUrl(ctx, *id) + "?done=saved");
}

Result<Response> Respond(Context& ctx) {
  auto id = IdParam(ctx);
  if (!id) return NoListing();
  const Viewer viewer = ViewerOf(ctx);
  auto listing = Service(ctx).CheckRespond(ctx.site->id, *id, viewer);
  if (!listing) {
    if (listing.error().code != ErrorCode::kValidation) return listing.error();
    auto shown = Service(ctx).Find(ctx.site->id, *id, viewer);
    if (!shown) return shown.error();
    return ShowPage(ctx, *shown, &listing.error(), 422);
  }
  const std::string body = ctx.req.Form("body");
  auto conversation = ctx.services.messages->Start(ctx.site->id, viewer, *listing->author, listing->id, body);
  if (!conversation) {
    const auto& e = conversation.error();
    if (e.code != ErrorCode::kValidation && e.code != ErrorCode::kRateLimited) return e;
    auto r = ShowPage(ctx, *listing, &e, handlers::StatusFor(e), body);
    if (r && e.retry_after_seconds > 0) r->SetHeader("Retry-After", std::to_string(e.retry_after_seconds));
    return r;
  }
  return Redirect(303, ctx.site_url + "berichten/" + std::to_string(conversation->value));
}

Result<Response> MarkMatched(Context& ctx) {
  auto id = IdParam(ctx);
  if (!id) return NoListing();
  auto helper = ParseId(ctx.req.Form("helper"));
  const Viewer viewer = ViewerOf(ctx);
  if (!helper) {
    auto listing = Service(ctx).Find(ctx.site->id, *id, viewer);
    if (!listing) return listing.error();
    auto e = domain::MakeError(ErrorCode::kValidation, "Choose one of the people who responded.");
    e.field = "helper";
    return ShowPage(ctx, *listing, &e, 422);
  }
  auto match = Service(ctx).MarkMatched(ctx.site->id, *id, viewer, domain::UserId{*helper});
  if (!match) {
    if (match.error().code != ErrorCode::kValidation) return match.error();
    auto listing = Service(ctx).Find(ctx.site->id, *id, viewer);
    if (!listing) return listing.error();
    return ShowPage(ctx, *listing, &match.error(), 422);
  }
  return Redirect(303, ListingUrl(ctx, *id) + "?done=matched");
}

Result<Response> Renew(Context& ctx) {
  auto id = IdParam(ctx);
  if (!id) return NoListing();
  if (auto s = Service(ctx).Renew(ctx.site->id, *id, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, ListingUrl(ctx, *id) + "?done=renewed");
}

Result<Response> Close(Context& ctx) {
  auto id = IdParam(ctx);
  if (!id) return NoListing();
  if (auto s = Service(ctx).Close(ctx.site->id, *id, ViewerOf(ctx)); !s) return s.error();
  return Redirect(303, ListingUrl(ctx, *id) + "?done=closed");
}

}  // namespace buurtplein::http::handlers::market
