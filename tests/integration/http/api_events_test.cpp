// The JSON API's agenda as another website uses it: public coming events of a site and of a
// city a page at a time (following next links gives each event once), members-only and ended
// events never listed, one site's event not reachable through another, and real answers
// checked against the OpenAPI document.
#include <set>

#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"
#include "feeds_fixture.hpp"
#include "testlib/api_schema.hpp"

namespace buurtplein::testing {
namespace {

using domain::events::Event;
using domain::events::EventDraft;
using nlohmann::json;

class ApiEventsTest : public FeedsFixture {
 protected:
  json GetJson(const std::string& target, int want_status = 200) {
    auto r = server_.Get(target);
    EXPECT_EQ(r.status, want_status) << target << "\n" << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/json") << target;
    auto j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << target << "\n" << r.body;
    return j;
  }

  static std::string DayIn(int days) {
    return domain::events::FormatDate(domain::events::ToLocal(Now() + days * 86400).date);
  }

  // An event straight into the store, `days` from today at 19:30.
  Event Add(domain::SiteId site, domain::UserId who, const std::string& title, int days,
            domain::events::Visibility visibility = domain::events::Visibility::kPublic,
            const std::string& rrule = "") {
    EventDraft d;
    d.title = title;
    d.description_markdown = "Iedereen is **welkom**.";
    d.place_name = "Buurthuis";
    d.start_local = DayIn(days) + "T19:30";
    d.end_local = DayIn(days) + "T21:00";
    d.visibility = visibility;
    d.rrule = rrule;
    auto clean = domain::events::EventService::Clean(d);
    EXPECT_TRUE(clean.ok()) << title;
    auto e = server_.runtime().store().events().CreateEvent(site, who, *clean, Now());
    EXPECT_TRUE(e.ok()) << title;
    return *e;
  }

  // Every item's id, following next links from `first`.
  std::vector<std::int64_t> AllIds(const std::string& first) {
    std::vector<std::int64_t> ids;
    std::string next = first;
    for (int pages = 0; !next.empty() && pages < 50; ++pages) {
      json page = GetJson(next);
      for (const auto& item : page["items"]) ids.push_back(item["id"]);
      const auto& link = page["links"]["next"];
      next = link.is_null() ? "" : link.get<std::string>().substr(std::string("http://localhost:8080").size());
    }
    return ids;
  }

  static bool Has(const std::vector<std::int64_t>& ids, const Event& e) {
    return std::find(ids.begin(), ids.end(), e.id.value) != ids.end();
  }
};

TEST_F(ApiEventsTest, PublicComingEventsOnlyAndEachStaysWithItsSite) {
  const Event open = Add(oost_, anna_, "Buurtborrel", 3);
  const Event members = Add(oost_, anna_, "Ledenvergadering", 4, domain::events::Visibility::kMembers);
  const Event ended = Add(oost_, anna_, "Was gisteren", -1);
  const Event weekly = Add(oost_, anna_, "Wekelijks koffie", -20, domain::events::Visibility::kPublic, "FREQ=WEEKLY");
  const Event zuid = Add(zuid_, carla_, "Zuid danst", 5);

  const std::string base = "/api/v1/cities/nijmegen/sites/";
  const auto oost = AllIds(base + "oost/events?per_page=3");
  EXPECT_TRUE(Has(oost, open));
  EXPECT_TRUE(Has(oost, weekly)) << "a series that goes on";
  EXPECT_FALSE(Has(oost, members));
  EXPECT_FALSE(Has(oost, ended));
  EXPECT_FALSE(Has(oost, zuid));
  EXPECT_EQ(std::set<std::int64_t>(oost.begin(), oost.end()).size(), oost.size()) << "no event twice over pages";
  EXPECT_EQ(oost, AllIds(base + "oost/events?per_page=100")) << "the same events on one page";

  const auto city = AllIds("/api/v1/cities/nijmegen/events?per_page=7");
  EXPECT_TRUE(Has(city, open));
  EXPECT_TRUE(Has(city, zuid));
  EXPECT_FALSE(Has(city, members));
  EXPECT_EQ(std::set<std::int64_t>(city.begin(), city.end()).size(), city.size());

  // One event: found through its own site only; members-only is 404 for everyone.
  json item = GetJson(base + "oost/events/" + std::to_string(open.id.value));
  EXPECT_EQ(item["title"], "Buurtborrel");
  EXPECT_EQ(item["site"], "oost");
  EXPECT_EQ(item["url"], "http://localhost:8080/nijmegen/oost/agenda/" + std::to_string(open.id.value));
  EXPECT_EQ(item["description_html"], "<p>Iedereen is <strong>welkom</strong>.</p>\n");
  EXPECT_TRUE(item["rrule"].is_null());
  EXPECT_EQ(item["next_start"], item["start"]);
  GetJson(base + "zuid/events/" + std::to_string(open.id.value), 404);
  GetJson(base + "oost/events/" + std::to_string(members.id.value), 404);
  GetJson(base + "oost/events/abc", 404);
  GetJson(base + "oost/events/" + std::to_string(ended.id.value));  // over, still public

  json series = GetJson(base + "oost/events/" + std::to_string(weekly.id.value));
  EXPECT_EQ(series["rrule"].get<std::string>().rfind("FREQ=WEEKLY", 0), 0u) << series["rrule"];
  EXPECT_NE(series["next_start"], series["start"]) << "the next occurrence, not the first";

  // A member asking sees no more than anyone.
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  EXPECT_EQ(anna.Get(base + "oost/events?per_page=100").body.find("Ledenvergadering"), std::string::npos);
  EXPECT_EQ(json::parse(server_.Get(base + "oost/events").body).dump().find("Anna de Vries"), std::string::npos)
      << "no person is named";
}

TEST_F(ApiEventsTest, AnswersMatchTheOpenApiDocumentAndFollowWrites) {
  const Event e = Add(oost_, anna_, "Repair café", 2);
  const ApiSchema schema(GetJson("/api/v1/openapi.json"));
  struct Case {
    std::string target, path;
    int status;
  };
  const std::vector<Case> cases = {
      {"/api/v1/cities/nijmegen/events", "/cities/{city}/events", 200},
      {"/api/v1/cities/nijmegen/events?per_page=2&page=2", "/cities/{city}/events", 200},
      {"/api/v1/cities/nijmegen/events?per_page=0", "/cities/{city}/events", 400},
      {"/api/v1/cities/atlantis/events", "/cities/{city}/events", 404},
      {"/api/v1/cities/nijmegen/sites/oost/events", "/cities/{city}/sites/{site}/events", 200},
      {"/api/v1/cities/nijmegen/sites/zuid/events?per_page=1", "/cities/{city}/sites/{site}/events", 200},
      {"/api/v1/cities/nijmegen/sites/oost/events?page=x", "/cities/{city}/sites/{site}/events", 400},
      {"/api/v1/cities/nijmegen/sites/atlantis/events", "/cities/{city}/sites/{site}/events", 404},
      {"/api/v1/cities/nijmegen/sites/oost/events/" + std::to_string(e.id.value),
       "/cities/{city}/sites/{site}/events/{id}", 200},
      {"/api/v1/cities/nijmegen/sites/oost/events/999999", "/cities/{city}/sites/{site}/events/{id}", 404},
  };
  int items = 0;
  for (const auto& c : cases) {
    json body = GetJson(c.target, c.status);
    EXPECT_EQ(Describe(schema.ValidateResponse(body, c.path, c.status)), "") << c.target;
    if (body.contains("items")) items += static_cast<int>(body["items"].size());
  }
  EXPECT_GT(items, 5) << "the demo's events were checked too";

  // Never from the page cache: a new event shows at once.
  const std::string list = "/api/v1/cities/nijmegen/sites/oost/events?per_page=100";
  EXPECT_EQ(server_.Get(list).body.find("Zomerfeest"), std::string::npos);
  Add(oost_, anna_, "Zomerfeest", 1);
  EXPECT_NE(server_.Get(list).body.find("Zomerfeest"), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing
