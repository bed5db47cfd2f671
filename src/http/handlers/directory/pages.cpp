#include "http/handlers/directory/pages.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "domain/directory/directory_service.hpp"
#include "domain/roles/professional_service.hpp"
#include "http/handlers/form_page.hpp"
#include "view/dates.hpp"
#include "view/i18n.hpp"

// "Open now" uses the opening-hours module (another feature branch); until it is merged the
// filter is not offered.
#if __has_include("domain/directory/opening_hours.hpp")
#include "domain/directory/opening_hours.hpp"
#define BP_DIRECTORY_OPEN_NOW 1
#endif

namespace buurtplein::http::handlers::directory {

using domain::ErrorCode;
using domain::Result;
using domain::directory::DirectoryService;
using domain::directory::Editor;
using domain::directory::Location;
using domain::directory::Organization;
using domain::directory::Service;
using domain::directory::ServiceQuery;
using nlohmann::json;
using view::Msg;

Editor EditorFor(const Context& ctx, std::optional<domain::SiteId> entry_site) {
  Editor e;
  if (!ctx.auth) return e;
  e.user = ctx.auth->user.id;
  e.email = ctx.auth->user.email;
  e.operator_ = ctx.auth->user.is_operator;
  if (ctx.city) e.board = !ctx.services.store.city_roles().FindCityRoles(ctx.city->id, ctx.auth->user.id).empty();
  if (ctx.site && ctx.membership && ctx.membership->status == domain::accounts::MemberStatus::kVerified &&
      ctx.membership->role == domain::accounts::MemberRole::kBuurtverbinder) {
    e.buurtverbinder_of = ctx.site->id;
  } else if (entry_site) {
    // A local place is kept on the city's pages too, by the buurtverbinders of its site.
    auto m = ctx.services.store.memberships().FindMembership(*entry_site, ctx.auth->user.id);
    if (m && m->status == domain::accounts::MemberStatus::kVerified &&
        m->role == domain::accounts::MemberRole::kBuurtverbinder) {
      e.buurtverbinder_of = *entry_site;
    }
  }
  return e;
}

namespace {

constexpr int kPerPage = 20;
constexpr int kMapLimit = 500;

DirectoryService& Dir(const Context& ctx) { return *ctx.services.directory; }
domain::directory::DirectoryRepository& Repo(const Context& ctx) { return ctx.services.store.directory(); }

domain::AppError NoEntry() {
  return domain::MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
}

std::string CityDirUrl(const Context& ctx) { return ctx.city_url + "sociale-kaart/"; }
std::string ServiceUrl(const Context& ctx, const Service& s) { return CityDirUrl(ctx) + "diensten/" + s.uuid; }
std::string OrgUrl(const Context& ctx, const std::string& uuid) { return CityDirUrl(ctx) + "organisaties/" + uuid; }

Editor EditorOf(const Context& ctx, std::optional<domain::SiteId> entry_site = std::nullopt) {
  return EditorFor(ctx, entry_site);
}

// Our templates test optional text with {{#field}}; mustache counts "" as true, so empty
// fields are left out (recursively).
json Pruned(json j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end();) {
      if (it->is_string() && it->get_ref<const std::string&>().empty()) {
        it = j.erase(it);
      } else {
        *it = Pruned(std::move(*it));
        ++it;
      }
    }
  } else if (j.is_array()) {
    for (auto& v : j) v = Pruned(std::move(v));
  }
  return j;
}

// Dutch day names for HSDS byday codes.
std::string DayNames(const Context& ctx, const std::string& byday) {
  static const std::pair<const char*, const char*> kDays[] = {
      {"MO", Msg("Monday")}, {"TU", Msg("Tuesday")}, {"WE", Msg("Wednesday")}, {"TH", Msg("Thursday")},
      {"FR", Msg("Friday")}, {"SA", Msg("Saturday")}, {"SU", Msg("Sunday")}};
  std::string out;
  for (const auto& [code, name] : kDays) {
    if (byday.find(code) != std::string::npos) out += (out.empty() ? "" : ", ") + ctx.T(name);
  }
  return out;
}

json SchedulesView(const Context& ctx, const std::vector<domain::directory::Schedule>& schedules) {
  json weekly = json::array();
  json exceptions = json::array();
  for (const auto& s : schedules) {
    if (s.exception) {
      exceptions.push_back({{"date", s.valid_from},
                            {"closed", s.closed},
                            {"hours", s.opens_at + "–" + s.closes_at},
                            {"note", s.description}});
    } else {
      weekly.push_back({{"days", DayNames(ctx, s.byday)}, {"hours", s.opens_at + "–" + s.closes_at}, {"note", s.description}});
    }
  }
  return {{"weekly", weekly}, {"exceptions", exceptions}, {"has_weekly", !weekly.empty()},
          {"has_exceptions", !exceptions.empty()}};
}

// A local place of a site is marked with the site's name in the city's list.
std::string LocalSiteName(const Context& ctx, const Service& s) {
  if (!s.site || (ctx.site && ctx.site->id == *s.site)) return "";
  auto site = ctx.services.store.sites().FindSite(ctx.city->id, *s.site);
  return site ? site->name : "";
}

json ServiceCard(const Context& ctx, const Service& s) {
  json terms = json::array();
  for (const auto& t : s.terms) terms.push_back({{"name", t.name}});
  std::string summary = s.description.substr(0, 240);
  if (s.description.size() > 240) {
    while (!summary.empty() && (static_cast<unsigned char>(summary.back()) & 0xC0) == 0x80) summary.pop_back();
    if (!summary.empty()) summary.pop_back();
    summary += "…";
  }
  return Pruned({{"name", s.name},
          {"url", ServiceUrl(ctx, s)},
          {"organization", s.organization_name},
          {"organization_url", OrgUrl(ctx, s.organization_uuid)},
          {"summary", summary},
          {"terms", terms},
          {"has_terms", !terms.empty()},
          {"free", s.free},
          {"example", s.example},
          {"local_site", LocalSiteName(ctx, s)},
          {"outdated", Dir(ctx).IsOutdated(s.assurance.assured_date)}});
}

#ifdef BP_DIRECTORY_OPEN_NOW
constexpr bool kOpenNowAvailable = true;
// The highest number of services the "open now" filter looks at (filtered in memory).
constexpr int kOpenNowCandidates = 500;

int Minutes(const std::string& hhmm) {
  if (hhmm.size() != 5) return 0;
  return ((hhmm[0] - '0') * 10 + (hhmm[1] - '0')) * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
}

domain::directory::OpeningHours HoursOf(const std::vector<domain::directory::Schedule>& schedules,
                                        bool closed_on_public_holidays) {
  static const char* kDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  domain::directory::OpeningHours h;
  h.closed_on_public_holidays = closed_on_public_holidays;
  for (const auto& s : schedules) {
    if (s.exception) {
      domain::directory::ExceptionDay d;
      d.date = s.valid_from;
      d.closed = s.closed;
      if (!s.closed) d.hours.push_back({Minutes(s.opens_at), Minutes(s.closes_at)});
      d.note = s.description;
      h.exceptions.push_back(d);
      continue;
    }
    for (int day = 0; day < 7; ++day) {
      if (s.byday.find(kDays[day]) == std::string::npos) continue;
      domain::directory::WeeklyHours w;
      w.weekday = day + 1;
      w.opens_minute = Minutes(s.opens_at);
      w.closes_minute = Minutes(s.closes_at);
      if (!s.valid_from.empty()) w.valid_from = s.valid_from;
      if (!s.valid_to.empty()) w.valid_to = s.valid_to;
      h.weekly.push_back(w);
    }
  }
  return h;
}

// Open now: the service's own hours, or any of its places'.
bool IsOpenNow(const Context& ctx, const Service& s, std::int64_t now) {
  if (domain::directory::OpenAt(HoursOf(s.schedules, false), now).state == domain::directory::OpenState::kOpen) {
    return true;
  }
  for (auto id : s.location_ids) {
    auto l = Repo(ctx).FindLocation(ctx.city->id, id);
    if (l && domain::directory::OpenAt(HoursOf(l->schedules, l->closed_on_public_holidays), now).state ==
                 domain::directory::OpenState::kOpen) {
      return true;
    }
  }
  return false;
}
#else
constexpr bool kOpenNowAvailable = false;
#endif

// A page number from the query: 1 when absent, 0 when it is no page number.
int NumberParam(const Context& ctx, const char* name) {
  const std::string raw = ctx.req.Query(name);
  int page = 1;
  if (!raw.empty()) {
    auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
    if (ec != std::errc() || p != raw.data() + raw.size() || page < 1) return 0;
  }
  return std::min(page, DirectoryService::kMaxPage);
}

int PageParam(const Context& ctx) { return NumberParam(ctx, "page"); }

constexpr int kOrgServicesPerPage = 20;
constexpr int kOrgPlacesPerPage = 10;

// Keeps the filters in the paging links (values are escaped by the template, and encoded here).
std::string Encode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The list page for the whole city (site == nullptr) or one site.
Result<Response> ListPage(Context& ctx, const std::vector<std::string>& site_buurten) {
  const int page = PageParam(ctx);
  if (page == 0) return NoEntry();
  const bool for_site = ctx.site != nullptr;
  ServiceQuery q;
  q.search = ctx.req.Query("q");
  q.term_code = ctx.req.Query("categorie");
  q.language = ctx.req.Query("taal");
  q.free_only = ctx.req.Query("gratis") == "1";
  const std::string buurt = ctx.req.Query("buurt");

  // Buurten to choose from: the site's, or the city's.
  std::vector<domain::sites::Area> buurten;
  if (for_site) {
    for (const auto& code : site_buurten) {
      if (auto a = ctx.services.store.areas().FindArea(code)) buurten.push_back(*a);
    }
  } else {
    buurten = ctx.services.store.areas().ListAreas(ctx.city->gemeente_code, domain::sites::AreaLevel::kBuurt);
  }
  std::sort(buurten.begin(), buurten.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  auto add_buurt = [&](const domain::sites::Area& a) {
    q.buurt_codes.push_back(a.code);
    if (!a.wijk_code.empty() && std::find(q.wijk_codes.begin(), q.wijk_codes.end(), a.wijk_code) == q.wijk_codes.end()) {
      q.wijk_codes.push_back(a.wijk_code);
    }
  };
  if (!buurt.empty()) {
    auto it = std::find_if(buurten.begin(), buurten.end(), [&](const auto& a) { return a.code == buurt; });
    if (it == buurten.end()) return NoEntry();
    add_buurt(*it);
  } else if (for_site) {
    for (const auto& a : buurten) add_buurt(a);
  }
  if (for_site) q.site = ctx.site->id;

  const bool open_now = kOpenNowAvailable && ctx.req.Query("nu-open") == "1";
  domain::directory::Page<Service> result;
#ifdef BP_DIRECTORY_OPEN_NOW
  if (open_now) {
    // Bounded: at most kOpenNowCandidates services are looked at, then paged here.
    q.limit = kOpenNowCandidates;
    q.offset = 0;
    std::vector<Service> open;
    const std::int64_t now = Dir(ctx).Now();
    for (auto& s : Repo(ctx).ListServices(ctx.city->id, q)) {
      if (IsOpenNow(ctx, s, now)) open.push_back(std::move(s));
    }
    result.page = page;
    result.per_page = kPerPage;
    result.total_items = static_cast<int>(open.size());
    const std::size_t from = static_cast<std::size_t>((page - 1) * kPerPage);
    for (std::size_t i = from; i < open.size() && i < from + kPerPage; ++i) result.items.push_back(open[i]);
  } else {
    result = Dir(ctx).Services(ctx.city->id, q, page, kPerPage);
  }
#else
  result = Dir(ctx).Services(ctx.city->id, q, page, kPerPage);
#endif
  json items = json::array();
  for (const auto& s : result.items) items.push_back(ServiceCard(ctx, s));

  json terms = json::array();
  for (const auto& t : Repo(ctx).ListTerms(ctx.city->id, 100, 0)) {
    if (t.retired && t.code != q.term_code) continue;
    terms.push_back({{"code", t.code}, {"name", t.name}, {"selected", t.code == q.term_code}});
  }
  json buurt_options = json::array();
  for (const auto& a : buurten) buurt_options.push_back({{"code", a.code}, {"name", a.name}, {"selected", a.code == buurt}});
  json languages = json::array();
  for (const auto& [code, name] : std::vector<std::pair<const char*, const char*>>{
           {"nl", Msg("Dutch")}, {"en", Msg("English")}, {"ar", Msg("Arabic")}, {"tr", Msg("Turkish")},
           {"pl", Msg("Polish")}, {"uk", Msg("Ukrainian")}, {"de", Msg("German")}}) {
    languages.push_back({{"code", code}, {"name", ctx.T(name)}, {"selected", q.language == code}});
  }

  const std::string base = for_site ? ctx.site_url + "sociale-kaart/" : CityDirUrl(ctx);
  std::string filter_query;
  auto add = [&](const char* key, const std::string& v) {
    if (!v.empty()) filter_query += std::string("&") + key + "=" + Encode(v);
  };
  add("q", q.search);
  add("categorie", q.term_code);
  add("buurt", buurt);
  add("taal", q.language);
  if (q.free_only) add("gratis", "1");
  if (open_now) add("nu-open", "1");

  auto data = ctx.PageData(ctx.T(Msg("Sociale kaart")) + " – " + (for_site ? ctx.site->name : ctx.city->name));
  data["for_site"] = for_site;
  data["place_name"] = for_site ? ctx.site->name : ctx.city->name;
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["total"] = result.total_items;
  data["terms"] = terms;
  data["buurten"] = buurt_options;
  data["languages"] = languages;
  data["search"] = q.search;
  data["free_only"] = q.free_only;
  data["open_now_available"] = kOpenNowAvailable;
  data["open_now"] = open_now;
  data["form_action"] = base;
  data["city_directory_url"] = CityDirUrl(ctx);
  data["hsds_url"] = ctx.city_url + "hsds/";
  data["geojson_url"] = base + "map.geojson";
  data["boundaries_url"] = (for_site ? ctx.site_url : ctx.city_url) + "map.geojson";
  data["tile_url"] = ctx.services.options.tile_url;
  data["tile_attribution"] = ctx.services.options.tile_attribution;
  data["center_lat"] = ctx.city->lat;
  data["center_lon"] = ctx.city->lon;
  if (result.page > 1) data["prev_url"] = base + "?page=" + std::to_string(result.page - 1) + filter_query;
  if (result.page < result.total_pages()) data["next_url"] = base + "?page=" + std::to_string(result.page + 1) + filter_query;
  data["has_pages"] = result.total_pages() > 1;
  data["page_number"] = result.page;
  data["total_pages"] = std::max(1, result.total_pages());
  if (for_site) {
    json pros = json::array();
    // The first page of the site's professionals page, in its order: each anchor is on that page.
    for (const auto& p : Repo(ctx).ListProfessionals(ctx.city->id, site_buurten,
                                                     domain::roles::ProfessionalService::kPageSize, 0)) {
      pros.push_back({{"name", p.display_name},
                      {"job_title", p.job_title},
                      {"organization", p.organization_name},
                      {"come_to_me_for", p.come_to_me_for},
                      {"office_hours", p.office_hours},
                      // The site's professionals page, where residents ask them a question or send a
                      // message (anchor ids as in templates/roles/professionals.mustache).
                      {"contact_url", ctx.site_url + "wijkprofessionals/#professional-" + std::to_string(p.user.value)}});
    }
    data["professionals"] = Pruned(pros);
    data["has_professionals"] = !pros.empty();
    if (EditorOf(ctx).buurtverbinder_of) data["add_place_url"] = ctx.site_url + "sociale-kaart/nieuwe-plek";
  }
  auto r = ctx.Page("directory/list", std::move(data));
  r.cacheable = !open_now;  // "open now" changes with the clock
  return r;
}

// Locations with coordinates as GeoJSON points, with the services offered there.
Result<Response> MapGeoJson(Context& ctx, const std::vector<std::string>* buurten) {
  json features = json::array();
  for (const auto& l : Repo(ctx).ListLocations(ctx.city->id, std::nullopt, kMapLimit, 0)) {
    if (!l.latitude || !l.longitude) continue;
    // A local place shows on its own site's map only.
    if (l.site && !(buurten && ctx.site && *l.site == ctx.site->id)) continue;
    if (buurten) {
      const bool local = l.site && ctx.site && *l.site == ctx.site->id;
      if (!local && std::find(buurten->begin(), buurten->end(), l.buurt_code) == buurten->end()) continue;
    }
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", {*l.longitude, *l.latitude}}}},
                        {"properties",
                         {{"name", l.name},
                          {"address", l.address_1},
                          {"url", l.organization ? CityDirUrl(ctx) + "organisaties/" +
                                                       (Repo(ctx).FindOrganization(ctx.city->id, *l.organization)
                                                            ? Repo(ctx).FindOrganization(ctx.city->id, *l.organization)->uuid
                                                            : std::string())
                                                 : std::string()}}}});
  }
  Response r;
  r.content_type = "application/geo+json";
  r.body = json({{"type", "FeatureCollection"}, {"features", features}}).dump();
  r.cacheable = true;
  return r;
}

json LocationView(const Context& ctx, const Location& l) {
  json phones = json::array();
  for (const auto& p : l.phones) phones.push_back({{"number", p.number}});
  return Pruned({{"name", l.name},
          {"uuid", l.uuid},
          {"address", l.address_1},
          {"postal_code", l.postal_code},
          {"city", l.address_city},
          {"accessibility", l.accessibility},
          {"transportation", l.transportation},
          {"phones", phones},
          {"has_phones", !phones.empty()},
          {"closed_on_public_holidays", l.closed_on_public_holidays},
          {"schedule", SchedulesView(ctx, l.schedules)}});
}

json HistoryView(const Context& ctx, const std::vector<domain::directory::Change>& changes) {
  json out = json::array();
  for (const auto& c : changes) {
    std::string what;
    try {
      const auto j = json::parse(c.changes_json);
      for (auto it = j.begin(); it != j.end(); ++it) what += (what.empty() ? "" : ", ") + it.key();
    } catch (const std::exception&) {
    }
    std::string action = c.action == "create"   ? ctx.T(Msg("added"))
                         : c.action == "edit"   ? ctx.T(Msg("changed"))
                         : c.action == "verify" ? ctx.T(Msg("verified"))
                         : c.action == "import" ? ctx.T(Msg("imported"))
                         : c.action == "people" ? ctx.T(Msg("changed who works here"))
                                                : c.action;
    out.push_back({{"when", view::FormatDateTime(c.at, ctx.lang)},
                   {"when_iso", view::LocalIso(c.at)},
                   {"who", c.user_name.empty() ? ctx.T(Msg("the association")) : c.user_name},
                   {"action", action},
                   {"fields", what}});
  }
  return Pruned(out);
}

Result<Service> FindService(const Context& ctx) {
  auto s = Repo(ctx).FindServiceByUuid(ctx.city->id, ctx.Param("id"));
  if (!s) return NoEntry();
  return *s;
}

json EditValues(const Service& s) {
  return {{"name", s.name},
          {"description", s.description},
          {"application_process", s.application_process},
          {"fees_description", s.fees_description},
          {"eligibility_description", s.eligibility_description},
          {"url", s.url},
          {"email", s.email},
          {"free", s.free}};
}

Response EditPage(Context& ctx, const Service& s, const json& values, const std::vector<std::string>& term_codes,
                  const std::vector<domain::directory::LocationId>& location_ids, const domain::AppError* error,
                  int status) {
  json terms = json::array();
  for (const auto& t : Repo(ctx).ListTerms(ctx.city->id, 100, 0)) {
    const bool checked = std::find(term_codes.begin(), term_codes.end(), t.code) != term_codes.end();
    if (t.retired && !checked) continue;
    terms.push_back({{"code", t.code}, {"name", t.name}, {"checked", checked}});
  }
  // The organisation's places: where the service is offered.
  json locations = json::array();
  for (const auto& l : Repo(ctx).ListLocations(ctx.city->id, s.organization, 50, 0)) {
    const bool checked = std::find(location_ids.begin(), location_ids.end(), l.id) != location_ids.end();
    locations.push_back({{"uuid", l.uuid}, {"name", l.name}, {"checked", checked}});
  }
  json extra = {{"action", ServiceUrl(ctx, s) + "/bewerken"},
                {"service_url", ServiceUrl(ctx, s)},
                {"terms", terms},
                {"locations", locations},
                {"has_locations", !locations.empty()},
                {"areas", ServiceAreaAndLanguageFields(ctx, s)}};
  return handlers::FormPage(ctx, "directory/edit", ctx.T(Msg("Edit service")), values, error, status, extra);
}

}  // namespace

// --- areas and languages of the service form ---------------------------------------------------------------

namespace {

// Names of languages in their own language, so the list reads the same in Dutch and English.
const std::map<std::string, std::string>& LanguageNames() {
  static const std::map<std::string, std::string> names = {
      {"nl", "Nederlands"}, {"en", "English"},  {"de", "Deutsch"},   {"fr", "Français"}, {"es", "Español"},
      {"ar", "العربية"},    {"tr", "Türkçe"},   {"pl", "Polski"},    {"uk", "Українська"}, {"ru", "Русский"},
      {"so", "Soomaali"},   {"ti", "ትግርኛ"},     {"fa", "فارسی"},      {"pap", "Papiamentu"}, {"fy", "Frysk"},
      {"bg", "Български"},  {"ro", "Română"},   {"pt", "Português"}, {"zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"},   {"nls", "Nederlandse Gebarentaal"}};
  return names;
}

domain::Status ReadAreas(const Context& ctx, Service& draft);
void ReadLanguages(const Context& ctx, Service& draft);

bool AreaChosen(const Service& s, const std::string& code) {
  return std::any_of(s.areas.begin(), s.areas.end(), [&](const domain::directory::ServiceArea& a) {
    return a.type != domain::directory::AreaType::kCity && a.code == code;
  });
}

}  // namespace

json ServiceAreaAndLanguageFields(const Context& ctx, const Service& s) {
  using domain::sites::AreaLevel;
  auto& areas = ctx.services.store.areas();
  // The CBS areas of one gemeente: bounded by the CBS division (tens of wijken, a few hundred buurten).
  const auto buurten = areas.ListAreas(ctx.city->gemeente_code, AreaLevel::kBuurt);
  json wijken = json::array();
  for (const auto& w : areas.ListAreas(ctx.city->gemeente_code, AreaLevel::kWijk)) {
    json b = json::array();
    for (const auto& bu : buurten) {
      if (bu.wijk_code == w.code) b.push_back({{"code", bu.code}, {"name", bu.name}, {"checked", AreaChosen(s, bu.code)}});
    }
    wijken.push_back({{"code", w.code},
                      {"name", w.name},
                      {"checked", AreaChosen(s, w.code)},
                      {"buurten", b},
                      {"has_buurten", !b.empty()}});
  }
  std::string languages;
  for (const auto& l : s.languages) languages += (languages.empty() ? "" : ", ") + l.code;
  const bool whole_city = std::any_of(s.areas.begin(), s.areas.end(), [](const domain::directory::ServiceArea& a) {
    return a.type == domain::directory::AreaType::kCity;
  });
  // A local place of one site serves that site: it has no areas to choose.
  return {{"show_areas", !s.site}, {"wijken", wijken},        {"has_wijken", !wijken.empty()},
          {"whole_city", whole_city}, {"languages", languages}};
}

domain::Status ReadServiceAreasAndLanguages(const Context& ctx, Service& draft) {
  if (ctx.req.Form("talen-veld") == "1") ReadLanguages(ctx, draft);
  if (ctx.req.Form("gebieden") == "1") return ReadAreas(ctx, draft);
  return domain::Ok{};
}

namespace {

domain::Status ReadAreas(const Context& ctx, Service& draft) {
  using domain::directory::AreaType;
  std::vector<domain::directory::ServiceArea> chosen;
  if (ctx.req.Form("gebied-stad") == "1") chosen.push_back({"", AreaType::kCity, "", ""});
  auto& areas = ctx.services.store.areas();
  for (auto level : {domain::sites::AreaLevel::kWijk, domain::sites::AreaLevel::kBuurt}) {
    for (const auto& a : areas.ListAreas(ctx.city->gemeente_code, level)) {
      if (ctx.req.Form("gebied-" + a.code) != "1") continue;
      chosen.push_back({"", level == domain::sites::AreaLevel::kWijk ? AreaType::kWijk : AreaType::kBuurt, a.code, a.name});
    }
  }
  // Keep the HSDS ids of areas that stay.
  for (auto& c : chosen) {
    for (const auto& before : draft.areas) {
      if (before.type == c.type && before.code == c.code) c.uuid = before.uuid;
    }
  }
  draft.areas = std::move(chosen);
  if (draft.areas.empty()) {
    auto e = domain::MakeError(ErrorCode::kValidation,
                               "Choose where the service is offered: the whole city, or wijken and buurten.");
    e.field = "service_areas";
    return e;
  }
  return domain::Ok{};
}

void ReadLanguages(const Context& ctx, Service& draft) {
  // Languages as codes, separated by commas or spaces: "nl, en".
  std::vector<domain::directory::Language> languages;
  std::string raw = ctx.req.Form("languages");
  for (auto& ch : raw) {
    if (ch == ',' || ch == ';') ch = ' ';
  }
  std::size_t i = 0;
  while (i < raw.size()) {
    while (i < raw.size() && raw[i] == ' ') ++i;
    std::size_t j = i;
    while (j < raw.size() && raw[j] != ' ') ++j;
    if (j > i) {
      std::string code = raw.substr(i, j - i);
      std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::tolower(c); });
      const bool seen = std::any_of(languages.begin(), languages.end(), [&](const auto& l) { return l.code == code; });
      if (!seen) {
        domain::directory::Language l;
        l.code = code;
        auto name = LanguageNames().find(code);
        if (name != LanguageNames().end()) l.name = name->second;
        for (const auto& before : draft.languages) {
          if (before.code == code) {
            l.uuid = before.uuid;
            if (l.name.empty()) l.name = before.name;
            l.note = before.note;
          }
        }
        languages.push_back(l);
      }
    }
    i = j;
  }
  draft.languages = std::move(languages);
}

}  // namespace

Result<Response> CityList(Context& ctx) { return ListPage(ctx, {}); }

Result<Response> SiteList(Context& ctx) { return ListPage(ctx, ctx.site->buurt_codes); }

Result<Response> CityMapGeoJson(Context& ctx) { return MapGeoJson(ctx, nullptr); }

Result<Response> SiteMapGeoJson(Context& ctx) { return MapGeoJson(ctx, &ctx.site->buurt_codes); }

Result<Response> ShowService(Context& ctx) {
  auto s = FindService(ctx);
  if (!s) return s.error();
  const Editor editor = EditorOf(ctx, s->site);
  json locations = json::array();
  for (auto id : s->location_ids) {
    if (auto l = Repo(ctx).FindLocation(ctx.city->id, id)) locations.push_back(LocationView(ctx, *l));
  }
  json areas = json::array();
  for (const auto& a : s->areas) {
    std::string name = a.name;
    if (a.type == domain::directory::AreaType::kCity) {
      name = ctx.T(Msg("the whole city"));
    } else if (name.empty()) {
      auto area = ctx.services.store.areas().FindArea(a.code);
      name = area ? area->name : a.code;
    }
    areas.push_back({{"name", name}});
  }
  json languages = json::array();
  for (const auto& l : s->languages) languages.push_back({{"name", l.name.empty() ? l.code : l.name}});
  json phones = json::array();
  for (const auto& p : s->phones) phones.push_back({{"number", p.number}, {"description", p.description}});
  json terms = json::array();
  for (const auto& t : s->terms) {
    terms.push_back({{"name", t.name}, {"url", CityDirUrl(ctx) + "?categorie=" + Encode(t.code)}});
  }
  const bool can_edit = ctx.auth && Dir(ctx).MayEditService(ctx.city->id, editor, *s);
  const bool can_verify = ctx.auth && DirectoryService::IsKeeper(editor);
  auto data = ctx.PageData(s->name + " – " + ctx.T(Msg("Sociale kaart")));
  data["service"] = ServiceCard(ctx, *s);
  data["service"]["description"] = s->description;
  data["service"]["application_process"] = s->application_process;
  data["service"]["fees_description"] = s->fees_description;
  data["service"]["eligibility_description"] = s->eligibility_description;
  data["service"]["website"] = s->url;
  data["service"]["email"] = s->email;
  data["service"]["assured_date"] = s->assurance.assured_date;
  data["service"]["alert"] = s->alert;
  data["service"]["inactive"] = s->status != "active";
  data["service"] = Pruned(data["service"]);
  data["terms"] = terms;
  data["has_terms"] = !terms.empty();
  data["has_phones"] = !phones.empty();
  data["areas"] = areas;
  data["has_areas"] = !areas.empty();
  data["languages"] = languages;
  data["has_languages"] = !languages.empty();
  data["phones"] = phones;
  data["locations"] = locations;
  data["has_locations"] = !locations.empty();
  // The change history names people: only for those who keep the entry right.
  if (can_edit || can_verify) {
    data["history"] = HistoryView(ctx, Repo(ctx).ListChanges(ctx.city->id, domain::directory::EntityType::kService,
                                                               s->id.value, 20));
    data["show_history"] = true;
  }
  data["can_edit"] = can_edit;
  data["can_verify"] = can_verify;
  data["edit_url"] = ServiceUrl(ctx, *s) + "/bewerken";
  data["verify_url"] = ServiceUrl(ctx, *s) + "/controleren";
  data["directory_url"] = CityDirUrl(ctx);
  data["hsds_url"] = ctx.city_url + "hsds/services/" + s->uuid;
  if (can_edit || can_verify) data["csrf"] = ctx.CsrfToken();
  if (ctx.req.Query("saved") == "1") data["notice"] = ctx.T(Msg("Your changes are saved."));
  if (ctx.req.Query("verified") == "1") data["notice"] = ctx.T(Msg("The entry is marked as checked."));
  auto r = ctx.Page("directory/service", std::move(data));
  // "Possibly outdated" depends on today's date: such pages are not cached.
  r.cacheable = !can_edit && !can_verify && !Dir(ctx).IsOutdated(s->assurance.assured_date);
  return r;
}

Result<Response> ShowOrganization(Context& ctx) {
  auto o = Repo(ctx).FindOrganizationByUuid(ctx.city->id, ctx.Param("id"));
  if (!o) return NoEntry();
  // Services and places a page at a time, each with its own page number (?page= and ?plekken=).
  const int page = PageParam(ctx);
  const int places_page = NumberParam(ctx, "plekken");
  if (page == 0 || places_page == 0) return NoEntry();
  ServiceQuery q;
  q.organization = o->id;
  auto services = Dir(ctx).Services(ctx.city->id, q, page, kOrgServicesPerPage);
  json items = json::array();
  for (const auto& s : services.items) items.push_back(ServiceCard(ctx, s));
  // One more than a page tells whether there is a next page, without counting.
  auto found = Repo(ctx).ListLocations(ctx.city->id, o->id, kOrgPlacesPerPage + 1, (places_page - 1) * kOrgPlacesPerPage);
  const bool more_places = static_cast<int>(found.size()) > kOrgPlacesPerPage;
  if (more_places) found.pop_back();
  json locations = json::array();
  for (const auto& l : found) locations.push_back(LocationView(ctx, l));
  const std::string org_base = OrgUrl(ctx, o->uuid);
  json services_paging = {{"page_number", services.page}, {"total_pages", std::max(1, services.total_pages())}};
  if (services.page > 1) {
    services_paging["prev_url"] = org_base + "?page=" + std::to_string(services.page - 1) + "#services-heading";
  }
  if (services.page < services.total_pages()) {
    services_paging["next_url"] = org_base + "?page=" + std::to_string(services.page + 1) + "#services-heading";
  }
  json places_paging = {{"page_number", places_page}};
  if (places_page > 1) {
    places_paging["prev_url"] = org_base + "?plekken=" + std::to_string(places_page - 1) + "#locations-heading";
  }
  if (more_places) {
    places_paging["next_url"] = org_base + "?plekken=" + std::to_string(places_page + 1) + "#locations-heading";
  }
  json phones = json::array();
  for (const auto& p : o->phones) phones.push_back({{"number", p.number}});
  auto data = ctx.PageData(o->name + " – " + ctx.T(Msg("Sociale kaart")));
  data["organization"] = {{"name", o->name},
                          {"description", o->description},
                          {"website", o->website},
                          {"email", o->email},
                          {"example", o->example},
                          {"phones", phones},
                          {"has_phones", !phones.empty()}};
  data["organization"] = Pruned(data["organization"]);
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["locations"] = locations;
  data["has_locations"] = !locations.empty();
  if (services.total_pages() > 1) data["services_paging"] = services_paging;
  if (places_page > 1 || more_places) data["places_paging"] = places_paging;
  data["directory_url"] = CityDirUrl(ctx);
  const Editor editor = EditorOf(ctx, o->site);
  const bool can_edit = ctx.auth && Dir(ctx).MayEditOrganization(ctx.city->id, editor, o->id);
  const bool can_people = ctx.auth && Dir(ctx).MayManagePeople(ctx.city->id, editor, o->id);
  if (can_edit) {
    const std::string base = OrgUrl(ctx, o->uuid);
    data["can_edit"] = true;
    data["edit_url"] = base + "/bewerken";
    data["new_service_url"] = base + "/diensten/nieuw";
    data["new_location_url"] = base + "/locaties/nieuw";
    for (std::size_t i = 0; i < data["locations"].size(); ++i) {
      // Same order as the list above.
      data["locations"][i]["edit_url"] = CityDirUrl(ctx) + "locaties/" + data["locations"][i].value("uuid", "") + "/bewerken";
    }
    data["history"] = HistoryView(ctx, Repo(ctx).ListChanges(ctx.city->id, domain::directory::EntityType::kOrganization,
                                                               o->id.value, 20));
    data["show_history"] = true;
  }
  if (can_people) data["people_url"] = OrgUrl(ctx, o->uuid) + "/mensen";
  if (ctx.req.Query("saved") == "1") data["notice"] = ctx.T(Msg("Your changes are saved."));
  auto r = ctx.Page("directory/organization", std::move(data));
  r.cacheable = !can_edit && !can_people;
  return r;
}

Result<Response> EditServiceForm(Context& ctx) {
  auto s = FindService(ctx);
  if (!s) return s.error();
  if (!Dir(ctx).MayEditService(ctx.city->id, EditorOf(ctx, s->site), *s)) {
    return domain::MakeError(ErrorCode::kForbidden,
                             "Only the organisation's admins or the association can change this entry.");
  }
  return EditPage(ctx, *s, EditValues(*s), s->term_codes, s->location_ids, nullptr, 200);
}

Result<Response> EditService(Context& ctx) {
  auto s = FindService(ctx);
  if (!s) return s.error();
  Service draft = *s;
  draft.name = ctx.req.Form("name");
  draft.description = ctx.req.Form("description");
  draft.application_process = ctx.req.Form("application_process");
  draft.fees_description = ctx.req.Form("fees_description");
  draft.eligibility_description = ctx.req.Form("eligibility_description");
  draft.url = ctx.req.Form("url");
  draft.email = ctx.req.Form("email");
  draft.free = ctx.req.Form("free") == "1";
  draft.term_codes.clear();
  for (const auto& t : Repo(ctx).ListTerms(ctx.city->id, 100, 0)) {
    if (ctx.req.Form("categorie-" + t.code) == "1") draft.term_codes.push_back(t.code);
  }
  // The places, when the form offered them (a form without them keeps the service's places).
  if (ctx.req.Form("locaties") == "1") {
    draft.location_ids.clear();
    for (const auto& l : Repo(ctx).ListLocations(ctx.city->id, s->organization, 50, 0)) {
      if (ctx.req.Form("locatie-" + l.uuid) == "1") draft.location_ids.push_back(l.id);
    }
  }
  if (auto read = ReadServiceAreasAndLanguages(ctx, draft); !read) {
    if (!Dir(ctx).MayEditService(ctx.city->id, EditorOf(ctx, s->site), *s)) {
      return domain::MakeError(ErrorCode::kForbidden,
                               "Only the organisation's admins or the association can change this entry.");
    }
    return EditPage(ctx, draft, EditValues(draft), draft.term_codes, draft.location_ids, &read.error(), 422);
  }
  auto saved = Dir(ctx).SaveService(ctx.city->id, EditorOf(ctx, s->site), draft);
  if (!saved) {
    if (saved.error().code != ErrorCode::kValidation) return saved.error();
    return EditPage(ctx, draft, EditValues(draft), draft.term_codes, draft.location_ids, &saved.error(), 422);
  }
  return Redirect(303, ServiceUrl(ctx, *saved) + "?saved=1");
}

Result<Response> VerifyService(Context& ctx) {
  auto s = FindService(ctx);
  if (!s) return s.error();
  const Editor editor = EditorOf(ctx);
  if (auto r = Dir(ctx).VerifyService(ctx.city->id, editor, s->id); !r) return r.error();
  // From the association's review list: back to it (the board's address, or the operators').
  if (ctx.req.Form("terug") == "beheer") {
    return Redirect(303, editor.board ? CityDirUrl(ctx) + "beheer/" : "/beheer/" + ctx.city->slug + "/sociale-kaart/");
  }
  return Redirect(303, ServiceUrl(ctx, *s) + "?verified=1");
}

namespace {

// Someone without a role in an organisation: the page explains who can make a profile (the
// route is open to every account, so this is not a refusal).
Response NoOrganisationPage(Context& ctx) {
  auto data = ctx.PageData(ctx.T(Msg("Your profile as a professional")));
  data["no_organizations"] = true;
  data["message"] = ctx.T(Msg("Only professionals of an organisation on the sociale kaart can make a profile."));
  data["directory_url"] = CityDirUrl(ctx);
  return ctx.Page("directory/professional", std::move(data));
}

Response ProfessionalPage(Context& ctx, const std::vector<std::pair<Organization, domain::directory::OrgRole>>& orgs,
                          const domain::directory::Professional& values, const domain::AppError* error, int status) {
  json organizations = json::array();
  for (const auto& [o, role] : orgs) {
    organizations.push_back({{"uuid", o.uuid}, {"name", o.name}, {"selected", o.id == values.organization}});
  }
  json buurten = json::array();
  auto areas = ctx.services.store.areas().ListAreas(ctx.city->gemeente_code, domain::sites::AreaLevel::kBuurt);
  std::sort(areas.begin(), areas.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& a : areas) {
    const bool checked = std::find(values.buurt_codes.begin(), values.buurt_codes.end(), a.code) != values.buurt_codes.end();
    buurten.push_back({{"code", a.code}, {"name", a.name}, {"checked", checked}});
  }
  json form = {{"display_name", values.display_name},
               {"job_title", values.job_title},
               {"come_to_me_for", values.come_to_me_for},
               {"office_hours", values.office_hours}};
  json extra = {{"action", CityDirUrl(ctx) + "mijn-profiel"},
                {"organizations", organizations},
                {"buurten", buurten},
                {"directory_url", CityDirUrl(ctx)}};
  if (ctx.req.Query("saved") == "1") extra["notice"] = ctx.T(Msg("Your profile is saved."));
  return handlers::FormPage(ctx, "directory/professional", ctx.T(Msg("Your profile as a professional")), form, error,
                            status, extra);
}

}  // namespace

Result<Response> ProfessionalForm(Context& ctx) {
  const Editor editor = EditorOf(ctx);
  auto orgs = Repo(ctx).OrganizationsOfUser(ctx.city->id, *editor.user, 50);
  if (orgs.empty()) return NoOrganisationPage(ctx);
  domain::directory::Professional values;
  values.organization = orgs.front().first.id;
  values.display_name = ctx.auth->user.display_name;
  auto existing = Repo(ctx).ProfessionalsOfUser(ctx.city->id, *editor.user);
  if (!existing.empty()) values = existing.front();
  return ProfessionalPage(ctx, orgs, values, nullptr, 200);
}

Result<Response> SaveProfessional(Context& ctx) {
  const Editor editor = EditorOf(ctx);
  auto orgs = Repo(ctx).OrganizationsOfUser(ctx.city->id, *editor.user, 50);
  if (orgs.empty()) return NoOrganisationPage(ctx);
  domain::directory::Professional draft;
  draft.user = *editor.user;
  const std::string org_uuid = ctx.req.Form("organization");
  bool found = false;
  for (const auto& [o, role] : orgs) {
    if (o.uuid == org_uuid) {
      draft.organization = o.id;
      found = true;
    }
  }
  if (!found) return NoEntry();  // not one of their organisations
  draft.display_name = ctx.req.Form("display_name");
  draft.job_title = ctx.req.Form("job_title");
  draft.come_to_me_for = ctx.req.Form("come_to_me_for");
  draft.office_hours = ctx.req.Form("office_hours");
  for (const auto& a : ctx.services.store.areas().ListAreas(ctx.city->gemeente_code, domain::sites::AreaLevel::kBuurt)) {
    if (ctx.req.Form("buurt-" + a.code) == "1") draft.buurt_codes.push_back(a.code);
  }
  auto saved = Dir(ctx).SaveProfessional(ctx.city->id, editor, draft);
  if (!saved) {
    if (saved.error().code != ErrorCode::kValidation) return saved.error();
    return ProfessionalPage(ctx, orgs, draft, &saved.error(), 422);
  }
  return Redirect(303, CityDirUrl(ctx) + "mijn-profiel?saved=1");
}

nlohmann::json HistoryFor(const Context& ctx, domain::directory::EntityType type, std::int64_t id) {
  return HistoryView(ctx, Repo(ctx).ListChanges(ctx.city->id, type, id, 20));
}

nlohmann::json PrunedJson(nlohmann::json j) { return Pruned(std::move(j)); }

std::string DirectoryUrl(const Context& ctx) { return CityDirUrl(ctx); }

json SiteHomeBlock(Context& ctx) {
  json terms = json::array();
  const std::string base = ctx.site_url + "sociale-kaart/";
  for (const auto& t : Repo(ctx).ListTerms(ctx.city->id, 100, 0)) {
    if (t.retired) continue;
    if (terms.size() == 8) break;
    terms.push_back({{"name", t.name}, {"url", base + "?categorie=" + Encode(t.code)}});
  }
  return {{"url", base}, {"terms", terms}, {"has_terms", !terms.empty()}};
}

}  // namespace buurtplein::http::handlers::directory
