#include "http/handlers/directory/manage.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "domain/directory/directory_service.hpp"
#include "http/handlers/directory/pages.hpp"
#include "http/handlers/form_page.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::directory {

using domain::ErrorCode;
using domain::Result;
using domain::directory::DirectoryService;
using domain::directory::Editor;
using domain::directory::EntityType;
using domain::directory::Location;
using domain::directory::Organization;
using domain::directory::OrgRole;
using domain::directory::Schedule;
using domain::directory::Service;
using nlohmann::json;
using view::Msg;

namespace {

constexpr int kPerPage = 25;

DirectoryService& Dir(const Context& ctx) { return *ctx.services.directory; }
domain::directory::DirectoryRepository& Repo(const Context& ctx) { return ctx.services.store.directory(); }

domain::AppError NoEntry() {
  return domain::MakeError(ErrorCode::kNotFound, "This entry of the sociale kaart does not exist.");
}

// The board works at /{city}/sociale-kaart/beheer/, operators at /beheer/{city}/sociale-kaart/.
std::string ManageBase(const Context& ctx) {
  if (ctx.req.path.rfind("/beheer/", 0) == 0) return "/beheer/" + ctx.city->slug + "/sociale-kaart/";
  return DirectoryUrl(ctx) + "beheer/";
}

std::string OrgUrl(const Context& ctx, const Organization& o) { return DirectoryUrl(ctx) + "organisaties/" + o.uuid; }
std::string ServiceUrl(const Context& ctx, const Service& s) { return DirectoryUrl(ctx) + "diensten/" + s.uuid; }

int PageParam(const Context& ctx) {
  const std::string raw = ctx.req.Query("page");
  int page = 1;
  if (!raw.empty()) {
    auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), page);
    if (ec != std::errc() || p != raw.data() + raw.size() || page < 1) return 1;
  }
  return std::min(page, DirectoryService::kMaxPage);
}

int FormStatus(const domain::AppError& e) {
  return e.code == ErrorCode::kValidation || e.code == ErrorCode::kConflict ? 422 : handlers::StatusFor(e);
}

bool Refusal(const domain::AppError& e) { return e.code == ErrorCode::kForbidden || e.code == ErrorCode::kNotFound; }

json Paging(const std::string& base, int page, int total_pages) {
  json p = {{"has_pages", total_pages > 1}, {"page_number", page}, {"total_pages", std::max(1, total_pages)}};
  if (page > 1) p["prev_url"] = base + "?page=" + std::to_string(page - 1);
  if (page < total_pages) p["next_url"] = base + "?page=" + std::to_string(page + 1);
  return p;
}

// --- weekly opening hours as a form: one row per day, two periods (a lunch break) ------------------------
constexpr const char* kDayCodes[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// A weekly line the form shows and replaces; seasonal lines (valid_from/valid_to) and exceptions
// are kept as they are.
bool PlainWeekly(const Schedule& s) { return !s.exception && s.valid_from.empty() && s.valid_to.empty(); }

json HoursRows(const Context& ctx, const std::vector<Schedule>& schedules) {
  static const char* kNames[] = {Msg("Monday"), Msg("Tuesday"),  Msg("Wednesday"), Msg("Thursday"),
                                 Msg("Friday"), Msg("Saturday"), Msg("Sunday")};
  json rows = json::array();
  for (int d = 0; d < 7; ++d) {
    std::vector<const Schedule*> periods;
    for (const auto& s : schedules) {
      if (PlainWeekly(s) && s.byday.find(kDayCodes[d]) != std::string::npos) periods.push_back(&s);
    }
    std::sort(periods.begin(), periods.end(), [](auto* a, auto* b) { return a->opens_at < b->opens_at; });
    json row = {{"code", kDayCodes[d]}, {"name", ctx.T(kNames[d])}};
    row["opens"] = periods.size() > 0 ? periods[0]->opens_at : "";
    row["closes"] = periods.size() > 0 ? periods[0]->closes_at : "";
    row["opens2"] = periods.size() > 1 ? periods[1]->opens_at : "";
    row["closes2"] = periods.size() > 1 ? periods[1]->closes_at : "";
    rows.push_back(row);
  }
  return rows;
}

// The form's rows as weekly schedule lines (periods with the same hours on several days share a
// line), followed by what the form does not show: exceptions and seasonal lines.
std::vector<Schedule> HoursFromForm(const Context& ctx, const std::vector<Schedule>& before) {
  std::vector<Schedule> out;
  std::map<std::pair<std::string, std::string>, std::size_t> line_of;
  for (const char* day : kDayCodes) {
    for (const char* period : {"", "2"}) {
      const std::string opens = ctx.req.Form(std::string("opens") + period + "-" + day);
      const std::string closes = ctx.req.Form(std::string("closes") + period + "-" + day);
      if (opens.empty() && closes.empty()) continue;
      auto key = std::make_pair(opens, closes);
      auto it = line_of.find(key);
      if (it == line_of.end()) {
        Schedule s;
        s.byday = day;
        s.opens_at = opens;
        s.closes_at = closes;
        line_of[key] = out.size();
        out.push_back(s);
      } else if (out[it->second].byday.find(day) == std::string::npos) {
        out[it->second].byday += std::string(",") + day;
      }
    }
  }
  for (const auto& s : before) {
    if (!PlainWeekly(s)) out.push_back(s);
  }
  return out;
}

// --- exception dates of a place: closed on a date, or other hours on a date ------------------------------
constexpr int kExceptionRows = 50;
constexpr int kEmptyExceptionRows = 2;

// The place's exception dates as form rows, and a few empty rows to add new ones.
json ExceptionRows(const std::vector<Schedule>& schedules) {
  json rows = json::array();
  for (const auto& s : schedules) {
    if (!s.exception) continue;
    rows.push_back({{"date", s.valid_from},
                    {"closed", s.closed},
                    {"opens", s.closed ? std::string() : s.opens_at},
                    {"closes", s.closed ? std::string() : s.closes_at},
                    {"note", s.description}});
  }
  for (int i = 0; i < kEmptyExceptionRows; ++i) {
    rows.push_back({{"date", ""}, {"closed", false}, {"opens", ""}, {"closes", ""}, {"note", ""}});
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i]["n"] = std::to_string(i);
    rows[i]["row"] = std::to_string(i + 1);  // for screen readers: "Date 1"
  }
  return rows;
}

// Replaces the exception dates by the form's rows (when the form showed them); empty rows are skipped.
void ExceptionsFromForm(const Context& ctx, std::vector<Schedule>& schedules) {
  if (ctx.req.Form("uitzonderingen") != "1") return;
  std::vector<Schedule> out;
  for (const auto& s : schedules) {
    if (!s.exception) out.push_back(s);
  }
  for (int i = 0; i < kExceptionRows; ++i) {
    const std::string n = std::to_string(i);
    Schedule e;
    e.exception = true;
    e.valid_from = ctx.req.Form("uitzondering-datum-" + n);
    e.closed = ctx.req.Form("uitzondering-dicht-" + n) == "1";
    e.opens_at = ctx.req.Form("uitzondering-open-" + n);
    e.closes_at = ctx.req.Form("uitzondering-sluit-" + n);
    e.description = ctx.req.Form("uitzondering-notitie-" + n);
    if (e.valid_from.empty() && !e.closed && e.opens_at.empty() && e.closes_at.empty() && e.description.empty()) continue;
    if (e.closed) e.opens_at = e.closes_at = "";
    out.push_back(e);
  }
  schedules = std::move(out);
}

std::optional<double> Degrees(const std::string& raw, bool& bad) {
  if (raw.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
  if (ec != std::errc() || p != raw.data() + raw.size()) {
    bad = true;
    return std::nullopt;
  }
  return v;
}

domain::AppError BadDegrees() {
  auto e = domain::MakeError(ErrorCode::kValidation, "Give both latitude and longitude, as decimal degrees.");
  e.field = "latitude";
  return e;
}

json TermOptions(const Context& ctx, const std::vector<std::string>& chosen) {
  json terms = json::array();
  for (const auto& t : Repo(ctx).ListTerms(ctx.city->id, 100, 0)) {
    const bool checked = std::find(chosen.begin(), chosen.end(), t.code) != chosen.end();
    if (t.retired && !checked) continue;
    terms.push_back({{"code", t.code}, {"name", t.name}, {"checked", checked}});
  }
  return terms;
}

}  // namespace

// --- the association's review list ---------------------------------------------------------------------------

Result<Response> ReviewList(Context& ctx) {
  const Editor editor = EditorFor(ctx);
  auto page = Dir(ctx).ForReview(ctx.city->id, editor, PageParam(ctx), kPerPage);
  if (!page) return page.error();
  json items = json::array();
  for (const auto& s : page->items) {
    items.push_back(PrunedJson({{"name", s.name},
                                {"url", ServiceUrl(ctx, s)},
                                {"edit_url", ServiceUrl(ctx, s) + "/bewerken"},
                                {"verify_url", ServiceUrl(ctx, s) + "/controleren"},
                                {"organization", s.organization_name},
                                {"assured_date", s.assurance.assured_date},
                                {"outdated", Dir(ctx).IsOutdated(s.assurance.assured_date)},
                                {"example", s.example}}));
  }
  auto data = ctx.PageData(ctx.T(Msg("Keep the sociale kaart up to date")));
  data["items"] = items;
  data["has_items"] = !items.empty();
  data["total"] = page->total_items;
  data["terms_url"] = ManageBase(ctx) + "categorieen";
  data["directory_url"] = DirectoryUrl(ctx);
  data["csrf"] = ctx.CsrfToken();
  data.update(Paging(ManageBase(ctx), page->page, page->total_pages()));
  auto r = ctx.Page("directory/review", std::move(data));
  r.cacheable = false;
  return r;
}

// --- categories ----------------------------------------------------------------------------------------------

namespace {

Response TermsView(Context& ctx, const json& values, const domain::AppError* error, int status) {
  auto page = Dir(ctx).Terms(ctx.city->id, PageParam(ctx), DirectoryService::kMaxPerPage);
  json terms = json::array();
  for (const auto& t : page.items) {
    terms.push_back({{"code", t.code},
                     {"name", t.name},
                     {"description", t.description},
                     {"retired", t.retired},
                     {"uuid", t.uuid},
                     {"action", ManageBase(ctx) + "categorieen/" + t.code}});
  }
  json extra = {{"terms", terms},
                {"action", ManageBase(ctx) + "categorieen"},
                {"review_url", ManageBase(ctx)},
                {"taxonomy_url", ctx.city_url + "hsds/taxonomy_terms"}};
  extra.update(Paging(ManageBase(ctx) + "categorieen", page.page, page.total_pages()));
  if (ctx.req.Query("saved") == "1") extra["notice"] = ctx.T(Msg("Your changes are saved."));
  auto r = handlers::FormPage(ctx, "directory/terms", ctx.T(Msg("Categories of the sociale kaart")), values, error,
                              status, extra);
  r.cacheable = false;
  return r;
}

}  // namespace

Result<Response> TermsPage(Context& ctx) {
  if (!DirectoryService::IsKeeper(EditorFor(ctx))) {
    return domain::MakeError(ErrorCode::kForbidden, "Only the association can change the categories.");
  }
  return TermsView(ctx, json::object(), nullptr, 200);
}

Result<Response> AddTerm(Context& ctx) {
  const json values = {{"name", ctx.req.Form("name")}, {"description", ctx.req.Form("description")}};
  auto added = Dir(ctx).AddTerm(ctx.city->id, EditorFor(ctx), ctx.req.Form("name"), ctx.req.Form("description"));
  if (!added) {
    if (Refusal(added.error())) return added.error();
    return TermsView(ctx, values, &added.error(), FormStatus(added.error()));
  }
  return Redirect(303, ManageBase(ctx) + "categorieen?saved=1");
}

Result<Response> UpdateTerm(Context& ctx) {
  auto done = Dir(ctx).UpdateTerm(ctx.city->id, EditorFor(ctx), ctx.Param("code"), ctx.req.Form("name"),
                                  ctx.req.Form("description"), ctx.req.Form("retired") == "1");
  if (!done) {
    if (Refusal(done.error())) return done.error();
    return TermsView(ctx, json::object(), &done.error(), FormStatus(done.error()));
  }
  return Redirect(303, ManageBase(ctx) + "categorieen?saved=1");
}

// --- people of an organisation ---------------------------------------------------------------------------------

namespace {

Result<Organization> FindOrg(const Context& ctx) {
  auto o = Repo(ctx).FindOrganizationByUuid(ctx.city->id, ctx.Param("id"));
  if (!o) return NoEntry();
  return *o;
}

Result<Response> PeopleView(Context& ctx, const Organization& o, const json& values, const domain::AppError* error,
                            int status) {
  auto page = Dir(ctx).People(ctx.city->id, EditorFor(ctx), o.id, PageParam(ctx), kPerPage);
  if (!page) return page.error();
  json people = json::array();
  for (const auto& m : page->items) {
    people.push_back({{"name", m.display_name},
                      {"admin", m.role == OrgRole::kAdmin},
                      {"remove_url", OrgUrl(ctx, o) + "/mensen/" + std::to_string(m.user.value) + "/verwijderen"}});
  }
  json extra = {{"organization", o.name},
                {"organization_url", OrgUrl(ctx, o)},
                {"action", OrgUrl(ctx, o) + "/mensen"},
                {"people", people},
                {"has_people", !people.empty()}};
  extra.update(Paging(OrgUrl(ctx, o) + "/mensen", page->page, page->total_pages()));
  if (ctx.req.Query("saved") == "1") extra["notice"] = ctx.T(Msg("Your changes are saved."));
  auto r = handlers::FormPage(ctx, "directory/people", ctx.T(Msg("Who works here")) + " – " + o.name, values, error,
                              status, extra);
  r.cacheable = false;
  return r;
}

}  // namespace

Result<Response> PeoplePage(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  return PeopleView(ctx, *o, json{{"role_professional", true}}, nullptr, 200);
}

Result<Response> AddPerson(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  const bool admin = ctx.req.Form("role") == "admin";
  auto added = Dir(ctx).AddPerson(ctx.city->id, EditorFor(ctx), o->id, ctx.req.Form("email"),
                                  admin ? OrgRole::kAdmin : OrgRole::kProfessional);
  if (!added) {
    if (Refusal(added.error()) && added.error().field.empty()) return added.error();
    const json values = {{"email", ctx.req.Form("email")}, {"role_admin", admin}, {"role_professional", !admin}};
    return PeopleView(ctx, *o, values, &added.error(), FormStatus(added.error()));
  }
  return Redirect(303, OrgUrl(ctx, *o) + "/mensen?saved=1");
}

Result<Response> RemovePerson(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  const std::string raw = ctx.Param("user");
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size()) return NoEntry();
  if (auto r = Dir(ctx).RemovePerson(ctx.city->id, EditorFor(ctx), o->id, domain::UserId{id}); !r) return r.error();
  return Redirect(303, OrgUrl(ctx, *o) + "/mensen?saved=1");
}

// --- the organisation ------------------------------------------------------------------------------------------

namespace {

json OrgValues(const Organization& o) {
  return {{"name", o.name},
          {"description", o.description},
          {"website", o.website},
          {"email", o.email},
          {"phone", o.phones.empty() ? std::string() : o.phones.front().number}};
}

Response OrgForm(Context& ctx, const Organization& o, const json& values, const domain::AppError* error, int status) {
  json extra = {{"action", OrgUrl(ctx, o) + "/bewerken"}, {"organization_url", OrgUrl(ctx, o)}};
  auto r = handlers::FormPage(ctx, "directory/organization_edit", ctx.T(Msg("Edit organisation")), values, error,
                              status, extra);
  r.cacheable = false;
  return r;
}

domain::AppError NotYours() {
  return domain::MakeError(ErrorCode::kForbidden,
                           "Only the organisation's admins or the association can change this entry.");
}

}  // namespace

Result<Response> EditOrganizationForm(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  if (!Dir(ctx).MayEditOrganization(ctx.city->id, EditorFor(ctx, o->site), o->id)) return NotYours();
  return OrgForm(ctx, *o, OrgValues(*o), nullptr, 200);
}

Result<Response> EditOrganization(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  Organization draft = *o;
  draft.name = ctx.req.Form("name");
  draft.description = ctx.req.Form("description");
  draft.website = ctx.req.Form("website");
  draft.email = ctx.req.Form("email");
  const std::string phone = ctx.req.Form("phone");
  if (phone.empty()) {
    draft.phones.clear();
  } else if (draft.phones.empty()) {
    draft.phones.push_back({"", phone, "voice", ""});
  } else {
    draft.phones.front().number = phone;
  }
  auto saved = Dir(ctx).SaveOrganization(ctx.city->id, EditorFor(ctx, o->site), draft);
  if (!saved) {
    if (saved.error().code != ErrorCode::kValidation) return saved.error();
    return OrgForm(ctx, *o, OrgValues(draft), &saved.error(), 422);
  }
  return Redirect(303, OrgUrl(ctx, *saved) + "?saved=1");
}

// --- a new service of an organisation -------------------------------------------------------------------------

namespace {

Response NewServicePage(Context& ctx, const Organization& o, const Service& draft, const domain::AppError* error,
                        int status) {
  json locations = json::array();
  for (const auto& l : Repo(ctx).ListLocations(ctx.city->id, o.id, 50, 0)) {
    const bool checked = std::find(draft.location_ids.begin(), draft.location_ids.end(), l.id) != draft.location_ids.end();
    locations.push_back({{"uuid", l.uuid}, {"name", l.name}, {"checked", checked}});
  }
  json values = {{"name", draft.name},
                 {"description", draft.description},
                 {"application_process", draft.application_process},
                 {"fees_description", draft.fees_description},
                 {"eligibility_description", draft.eligibility_description},
                 {"url", draft.url},
                 {"email", draft.email},
                 {"free", draft.free}};
  json extra = {{"action", OrgUrl(ctx, o) + "/diensten/nieuw"},
                {"service_url", OrgUrl(ctx, o)},
                {"is_new", true},
                {"terms", TermOptions(ctx, draft.term_codes)},
                {"locations", locations},
                {"has_locations", !locations.empty()},
                {"areas", ServiceAreaAndLanguageFields(ctx, draft)}};
  auto r = handlers::FormPage(ctx, "directory/edit", ctx.T(Msg("New service")), values, error, status, extra);
  r.cacheable = false;
  return r;
}

}  // namespace

Result<Response> NewServiceForm(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  if (!Dir(ctx).MayEditOrganization(ctx.city->id, EditorFor(ctx, o->site), o->id)) return NotYours();
  Service draft;
  draft.site = o->site;
  // A new service of the city's directory serves the whole city until its areas are chosen.
  if (!o->site) draft.areas.push_back({"", domain::directory::AreaType::kCity, "", ""});
  return NewServicePage(ctx, *o, draft, nullptr, 200);
}

Result<Response> NewService(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  Service draft;
  draft.organization = o->id;
  draft.site = o->site;
  draft.name = ctx.req.Form("name");
  draft.description = ctx.req.Form("description");
  draft.application_process = ctx.req.Form("application_process");
  draft.fees_description = ctx.req.Form("fees_description");
  draft.eligibility_description = ctx.req.Form("eligibility_description");
  draft.url = ctx.req.Form("url");
  draft.email = ctx.req.Form("email");
  draft.free = ctx.req.Form("free") == "1";
  for (const auto& t : Repo(ctx).ListTerms(ctx.city->id, 100, 0)) {
    if (ctx.req.Form("categorie-" + t.code) == "1") draft.term_codes.push_back(t.code);
  }
  for (const auto& l : Repo(ctx).ListLocations(ctx.city->id, o->id, 50, 0)) {
    if (ctx.req.Form("locatie-" + l.uuid) == "1") draft.location_ids.push_back(l.id);
  }
  // A service of an organisation without places serves the whole city until its areas are set.
  if (!o->site) draft.areas.push_back({"", domain::directory::AreaType::kCity, "", ""});
  if (auto read = ReadServiceAreasAndLanguages(ctx, draft); !read) {
    if (!Dir(ctx).MayEditOrganization(ctx.city->id, EditorFor(ctx, o->site), o->id)) return NotYours();
    return NewServicePage(ctx, *o, draft, &read.error(), 422);
  }
  auto saved = Dir(ctx).SaveService(ctx.city->id, EditorFor(ctx, o->site), draft);
  if (!saved) {
    if (saved.error().code != ErrorCode::kValidation) return saved.error();
    return NewServicePage(ctx, *o, draft, &saved.error(), 422);
  }
  return Redirect(303, ServiceUrl(ctx, *saved) + "?saved=1");
}

// --- places with opening hours ---------------------------------------------------------------------------------

namespace {

json LocationValues(const Location& l) {
  return {{"name", l.name},
          {"address_1", l.address_1},
          {"postal_code", l.postal_code},
          {"accessibility", l.accessibility},
          {"latitude", l.latitude ? std::to_string(*l.latitude) : std::string()},
          {"longitude", l.longitude ? std::to_string(*l.longitude) : std::string()},
          {"closed_on_public_holidays", l.closed_on_public_holidays}};
}

Response LocationPage(Context& ctx, const std::string& action, const std::string& back_url, const Location& l,
                      const json& values, const domain::AppError* error, int status, bool is_new) {
  json extra = {{"action", action},
                {"back_url", back_url},
                {"is_new", is_new},
                {"days", HoursRows(ctx, l.schedules)},
                {"exceptions", ExceptionRows(l.schedules)}};
  if (!is_new && l.id) {
    extra["history"] = HistoryFor(ctx, EntityType::kLocation, l.id.value);
    extra["show_history"] = true;
  }
  auto r = handlers::FormPage(ctx, "directory/location_edit",
                              ctx.T(is_new ? Msg("New place") : Msg("Edit place")), values, error, status, extra);
  r.cacheable = false;
  return r;
}

// Reads the form into `draft`; false (with the error) when coordinates cannot be read.
bool ReadLocation(const Context& ctx, Location& draft, domain::AppError& error) {
  draft.name = ctx.req.Form("name");
  draft.address_1 = ctx.req.Form("address_1");
  draft.postal_code = ctx.req.Form("postal_code");
  draft.accessibility = ctx.req.Form("accessibility");
  draft.closed_on_public_holidays = ctx.req.Form("closed_on_public_holidays") == "1";
  draft.schedules = HoursFromForm(ctx, draft.schedules);
  ExceptionsFromForm(ctx, draft.schedules);
  bool bad = false;
  draft.latitude = Degrees(ctx.req.Form("latitude"), bad);
  draft.longitude = Degrees(ctx.req.Form("longitude"), bad);
  if (bad) error = BadDegrees();
  return !bad;
}

json FormValues(const Context& ctx) {
  return {{"name", ctx.req.Form("name")},
          {"address_1", ctx.req.Form("address_1")},
          {"postal_code", ctx.req.Form("postal_code")},
          {"accessibility", ctx.req.Form("accessibility")},
          {"latitude", ctx.req.Form("latitude")},
          {"longitude", ctx.req.Form("longitude")},
          {"closed_on_public_holidays", ctx.req.Form("closed_on_public_holidays") == "1"}};
}

}  // namespace

Result<Response> NewLocationForm(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  if (!Dir(ctx).MayEditOrganization(ctx.city->id, EditorFor(ctx, o->site), o->id)) return NotYours();
  Location l;
  return LocationPage(ctx, OrgUrl(ctx, *o) + "/locaties/nieuw", OrgUrl(ctx, *o), l, LocationValues(l), nullptr, 200,
                      true);
}

Result<Response> NewLocation(Context& ctx) {
  auto o = FindOrg(ctx);
  if (!o) return o.error();
  Location draft;
  draft.organization = o->id;
  draft.site = o->site;
  if (auto c = ctx.services.store.cities().FindCity(ctx.city->id)) draft.address_city = c->name;
  domain::AppError error;
  const std::string action = OrgUrl(ctx, *o) + "/locaties/nieuw";
  if (!ReadLocation(ctx, draft, error)) {
    if (!Dir(ctx).MayEditOrganization(ctx.city->id, EditorFor(ctx, o->site), o->id)) return NotYours();
    return LocationPage(ctx, action, OrgUrl(ctx, *o), draft, FormValues(ctx), &error, 422, true);
  }
  auto saved = Dir(ctx).SaveLocation(ctx.city->id, EditorFor(ctx, o->site), draft);
  if (!saved) {
    if (saved.error().code != ErrorCode::kValidation) return saved.error();
    return LocationPage(ctx, action, OrgUrl(ctx, *o), draft, FormValues(ctx), &saved.error(), 422, true);
  }
  return Redirect(303, OrgUrl(ctx, *o) + "?saved=1");
}

namespace {

Result<Location> FindLocation(const Context& ctx) {
  auto l = Repo(ctx).FindLocationByUuid(ctx.city->id, ctx.Param("id"));
  if (!l) return NoEntry();
  return *l;
}

std::string BackUrlOf(const Context& ctx, const Location& l) {
  if (l.organization) {
    if (auto o = Repo(ctx).FindOrganization(ctx.city->id, *l.organization)) return OrgUrl(ctx, *o);
  }
  return DirectoryUrl(ctx);
}

bool MayEditLocation(const Context& ctx, const Location& l) {
  const Editor editor = EditorFor(ctx, l.site);
  if (l.organization) return Dir(ctx).MayEditOrganization(ctx.city->id, editor, *l.organization);
  return DirectoryService::IsKeeper(editor);
}

}  // namespace

Result<Response> EditLocationForm(Context& ctx) {
  auto l = FindLocation(ctx);
  if (!l) return l.error();
  if (!MayEditLocation(ctx, *l)) return NotYours();
  return LocationPage(ctx, DirectoryUrl(ctx) + "locaties/" + l->uuid + "/bewerken", BackUrlOf(ctx, *l), *l,
                      LocationValues(*l), nullptr, 200, false);
}

Result<Response> EditLocation(Context& ctx) {
  auto l = FindLocation(ctx);
  if (!l) return l.error();
  if (!MayEditLocation(ctx, *l)) return NotYours();
  Location draft = *l;
  domain::AppError error;
  const std::string action = DirectoryUrl(ctx) + "locaties/" + l->uuid + "/bewerken";
  if (!ReadLocation(ctx, draft, error)) {
    return LocationPage(ctx, action, BackUrlOf(ctx, *l), draft, FormValues(ctx), &error, 422, false);
  }
  auto saved = Dir(ctx).SaveLocation(ctx.city->id, EditorFor(ctx, l->site), draft);
  if (!saved) {
    if (saved.error().code != ErrorCode::kValidation) return saved.error();
    return LocationPage(ctx, action, BackUrlOf(ctx, *l), draft, FormValues(ctx), &saved.error(), 422, false);
  }
  return Redirect(303, BackUrlOf(ctx, *saved) + "?saved=1");
}

// --- local places of a site ------------------------------------------------------------------------------------

namespace {

Response LocalPlacePage(Context& ctx, const json& values, const std::vector<Schedule>& schedules,
                        const std::string& term_code, const domain::AppError* error, int status) {
  json terms = json::array();
  for (const auto& t : Repo(ctx).ListTerms(ctx.city->id, 100, 0)) {
    if (t.retired) continue;
    terms.push_back({{"code", t.code}, {"name", t.name}, {"selected", t.code == term_code}});
  }
  json extra = {{"action", ctx.site_url + "sociale-kaart/nieuwe-plek"},
                {"back_url", ctx.site_url + "sociale-kaart/"},
                {"site_name", ctx.site->name},
                {"terms", terms},
                {"days", HoursRows(ctx, schedules)}};
  auto r = handlers::FormPage(ctx, "directory/local_place", ctx.T(Msg("Add a local place")), values, error, status,
                              extra);
  r.cacheable = false;
  return r;
}

}  // namespace

Result<Response> LocalPlaceForm(Context& ctx) {
  return LocalPlacePage(ctx, json::object(), {}, "", nullptr, 200);
}

Result<Response> AddLocalPlace(Context& ctx) {
  domain::directory::LocalPlace place;
  place.name = ctx.req.Form("name");
  place.description = ctx.req.Form("description");
  place.term_code = ctx.req.Form("categorie");
  place.address_1 = ctx.req.Form("address_1");
  place.postal_code = ctx.req.Form("postal_code");
  place.website = ctx.req.Form("website");
  place.phone = ctx.req.Form("phone");
  place.closed_on_public_holidays = ctx.req.Form("closed_on_public_holidays") == "1";
  place.schedules = HoursFromForm(ctx, {});
  const json values = {{"name", place.name},
                       {"description", place.description},
                       {"address_1", place.address_1},
                       {"postal_code", place.postal_code},
                       {"website", place.website},
                       {"phone", place.phone},
                       {"latitude", ctx.req.Form("latitude")},
                       {"longitude", ctx.req.Form("longitude")},
                       {"closed_on_public_holidays", place.closed_on_public_holidays}};
  bool bad = false;
  place.latitude = Degrees(ctx.req.Form("latitude"), bad);
  place.longitude = Degrees(ctx.req.Form("longitude"), bad);
  if (bad) {
    const auto e = BadDegrees();
    return LocalPlacePage(ctx, values, place.schedules, place.term_code, &e, 422);
  }
  auto saved = Dir(ctx).AddLocalPlace(ctx.city->id, EditorFor(ctx), ctx.site->id, place);
  if (!saved) {
    if (saved.error().code != ErrorCode::kValidation) return saved.error();
    return LocalPlacePage(ctx, values, place.schedules, place.term_code, &saved.error(), 422);
  }
  return Redirect(303, ServiceUrl(ctx, *saved) + "?saved=1");
}

}  // namespace buurtplein::http::handlers::directory
