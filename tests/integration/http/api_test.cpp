// The read-only JSON API as another website uses it: cities, sites and public news a page at a
// time with next/prev links, bounded page sizes with clear JSON errors, CORS, members-only news
// never shown, one site's news not reachable through another, and every real response checked
// against the OpenAPI document the server publishes.
#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "feeds_fixture.hpp"
#include "testlib/api_schema.hpp"

namespace buurtplein::testing {
namespace {

using domain::news::Visibility;
using nlohmann::json;

class ApiTest : public FeedsFixture {
 protected:
  json GetJson(const std::string& target, int want_status = 200, const std::string& headers = "") {
    auto r = server_.Get(target, headers);
    EXPECT_EQ(r.status, want_status) << target << "\n" << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/json") << target;
    EXPECT_EQ(r.Header("access-control-allow-origin"), "*") << target;
    auto j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << target << "\n" << r.body;
    return j;
  }

  // The document as the server serves it.
  ApiSchema Schema() { return ApiSchema(GetJson("/api/v1/openapi.json")); }

  // Follows "next" links from `first`; every item's title, in order.
  std::vector<std::string> AllTitles(const std::string& first, int* pages) {
    std::vector<std::string> titles;
    std::string next = first;
    *pages = 0;
    while (!next.empty() && *pages < 20) {
      json page = GetJson(next);
      ++*pages;
      for (const auto& item : page["items"]) titles.push_back(item["title"]);
      const auto& link = page["links"]["next"];
      next = link.is_null() ? "" : link.get<std::string>().substr(std::string("http://localhost:8080").size());
    }
    return titles;
  }
};

TEST_F(ApiTest, CitiesAndSitesComeInPagesWithLinks) {
  json cities = GetJson("/api/v1/cities");
  EXPECT_EQ(cities["total"], 5);
  EXPECT_EQ(cities["page"], 1);
  EXPECT_EQ(cities["per_page"], 25);
  EXPECT_TRUE(cities["links"]["next"].is_null());
  EXPECT_TRUE(cities["links"]["prev"].is_null());
  EXPECT_EQ(cities["links"]["self"], "http://localhost:8080/api/v1/cities?page=1");
  bool nijmegen = false;
  for (const auto& c : cities["items"]) {
    if (c["slug"] == "nijmegen") {
      nijmegen = true;
      EXPECT_EQ(c["site_count"], 9);
      EXPECT_EQ(c["url"], "http://localhost:8080/nijmegen/");
      EXPECT_EQ(c["atom_url"], "http://localhost:8080/nijmegen/nieuws.atom");
      EXPECT_EQ(c["sites_api_url"], "http://localhost:8080/api/v1/cities/nijmegen/sites");
    }
  }
  EXPECT_TRUE(nijmegen);

  json p1 = GetJson("/api/v1/cities/nijmegen/sites?per_page=5");
  EXPECT_EQ(p1["items"].size(), 5u);
  EXPECT_EQ(p1["total"], 9);
  EXPECT_EQ(p1["links"]["next"], "http://localhost:8080/api/v1/cities/nijmegen/sites?page=2&per_page=5");
  json p2 = GetJson("/api/v1/cities/nijmegen/sites?page=2&per_page=5");
  EXPECT_EQ(p2["items"].size(), 4u);
  EXPECT_TRUE(p2["links"]["next"].is_null());
  EXPECT_EQ(p2["links"]["prev"], "http://localhost:8080/api/v1/cities/nijmegen/sites?page=1&per_page=5");
  EXPECT_TRUE(GetJson("/api/v1/cities/nijmegen/sites?page=50")["items"].empty()) << "past the end: empty";

  json oost = GetJson("/api/v1/cities/nijmegen/sites/oost");
  EXPECT_EQ(oost["name"], "Buurtplein Oost");
  EXPECT_EQ(oost["city"], "nijmegen");
  EXPECT_EQ(oost["url"], "http://localhost:8080/nijmegen/oost/");
  EXPECT_EQ(GetJson("/api/v1/cities/nijmegen")["name"], "Nijmegen");
}

TEST_F(ApiTest, PageSizeIsBoundedWithAClearJsonError) {
  for (const std::string q : {"per_page=100000", "per_page=0", "per_page=-1", "page=0", "page=abc", "per_page=1e3"}) {
    json e = GetJson("/api/v1/cities/nijmegen/sites/oost/news?" + q, 400, "Accept-Language: en\r\n");
    EXPECT_EQ(e["error"]["status"], 400) << q;
    EXPECT_EQ(e["error"]["code"], "bad_request") << q;
    EXPECT_EQ(e["error"]["message"], "page must be a number from 1, per_page a number from 1 to 100.") << q;
    EXPECT_FALSE(e["error"]["request_id"].get<std::string>().empty());
  }
  EXPECT_EQ(GetJson("/api/v1/cities?per_page=100")["per_page"], 100);
  json dutch = GetJson("/api/v1/cities?per_page=101", 400);
  EXPECT_NE(dutch["error"]["message"].get<std::string>(), "page must be a number from 1, per_page a number from 1 to 100.")
      << "the message is translated";
}

TEST_F(ApiTest, UnknownCitySiteOrNewsIsA404InJson) {
  for (const std::string target :
       {"/api/v1/cities/atlantis", "/api/v1/cities/atlantis/sites", "/api/v1/cities/atlantis/news",
        "/api/v1/cities/nijmegen/sites/atlantis", "/api/v1/cities/nijmegen/sites/atlantis/news",
        "/api/v1/cities/nijmegen/sites/oost/news/999999", "/api/v1/cities/nijmegen/sites/oost/news/abc",
        "/api/v1/nothing-here"}) {
    json e = GetJson(target, 404);
    EXPECT_EQ(e["error"]["code"], "not_found") << target;
  }
}

TEST_F(ApiTest, NewsIsPublicAndPublishedOnlyAndStaysWithItsSite) {
  const auto open = StorePost(oost_, anna_, "Open nieuws", "Voor **iedereen**.", Now() - 100);
  const auto closed = StorePost(oost_, anna_, "Ledennieuws", "Alleen leden", Now() - 50, Visibility::kMembers);
  const auto later = StorePost(oost_, anna_, "Nog niet", "Straks", Now() + 3600);
  const auto zuid = StorePost(zuid_, carla_, "Zuid nieuws", "Uit Zuid", Now() - 10);

  json list = GetJson("/api/v1/cities/nijmegen/sites/oost/news");
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  const json& item = list["items"][0];
  EXPECT_EQ(item["title"], "Open nieuws");
  EXPECT_EQ(item["id"], open.id.value);
  EXPECT_EQ(item["site"], "oost");
  EXPECT_EQ(item["author_name"], "Anna de Vries");
  EXPECT_EQ(item["body_html"], "<p>Voor <strong>iedereen</strong>.</p>\n");
  EXPECT_EQ(item["url"], "http://localhost:8080/nijmegen/oost/nieuws/" + std::to_string(open.id.value));
  EXPECT_TRUE(list["total"].is_null());
  EXPECT_EQ(list.dump().find("anna-feeds@example.nl"), std::string::npos);

  const std::string base = "/api/v1/cities/nijmegen/sites/";
  EXPECT_EQ(GetJson(base + "oost/news/" + std::to_string(open.id.value))["title"], "Open nieuws");
  GetJson(base + "oost/news/" + std::to_string(closed.id.value), 404);
  GetJson(base + "oost/news/" + std::to_string(later.id.value), 404);
  // Site isolation: Zuid's news is not found through Oost, nor Oost's through Zuid.
  GetJson(base + "oost/news/" + std::to_string(zuid.id.value), 404);
  GetJson(base + "zuid/news/" + std::to_string(open.id.value), 404);

  // A logged-in member of Oost sees members-only news on the site, never in the API.
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto as_member = anna.Get(base + "oost/news");
  ASSERT_EQ(as_member.status, 200);
  EXPECT_EQ(as_member.body.find("Ledennieuws"), std::string::npos);
  EXPECT_EQ(anna.Get(base + "oost/news/" + std::to_string(closed.id.value)).status, 404);

  json city = GetJson("/api/v1/cities/nijmegen/news");
  std::set<std::string> titles;
  for (const auto& i : city["items"]) titles.insert(i["title"]);
  EXPECT_EQ(titles, (std::set<std::string>{"Open nieuws", "Zuid nieuws"}));
  EXPECT_TRUE(GetJson("/api/v1/cities/arnhem/news")["items"].empty());
}

TEST_F(ApiTest, NewsPagesFollowNextLinksWithoutGapsOrRepeats) {
  std::vector<std::string> want;
  for (int i = 0; i < 23; ++i) {
    const std::string title = "Bericht " + std::to_string(i);
    StorePost(oost_, anna_, title, "Tekst", Now() - 1000 + i);
    want.insert(want.begin(), title);  // newest first
  }
  int pages = 0;
  EXPECT_EQ(AllTitles("/api/v1/cities/nijmegen/sites/oost/news?per_page=10", &pages), want);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(AllTitles("/api/v1/cities/nijmegen/sites/oost/news", &pages), std::vector<std::string>(want.begin(), want.end()));
  EXPECT_EQ(pages, 1) << "23 fit on one default page of 25";
  json last = GetJson("/api/v1/cities/nijmegen/sites/oost/news?page=3&per_page=10");
  EXPECT_EQ(last["items"].size(), 3u);
  EXPECT_TRUE(last["links"]["next"].is_null());
  EXPECT_EQ(last["links"]["prev"], "http://localhost:8080/api/v1/cities/nijmegen/sites/oost/news?page=2&per_page=10");
  EXPECT_TRUE(GetJson("/api/v1/cities/nijmegen/sites/oost/news?page=4&per_page=10")["items"].empty());
  EXPECT_TRUE(GetJson("/api/v1/cities/nijmegen/sites/oost/news?page=100000")["items"].empty());
}

TEST_F(ApiTest, RealResponsesMatchTheOpenApiDocument) {
  StorePost(oost_, anna_, "Open nieuws", "Voor iedereen.", Now() - 100);
  StorePost(zuid_, carla_, "Zuid nieuws", "Uit Zuid", Now() - 10);
  const auto gone = StorePost(oost_, anna_, "Van een oud-buur", "Tekst", Now() - 5);
  server_.runtime().store().news().EraseAuthor(carla_, false);  // author_name null
  domain::groups::GroupDraft no_place;  // meeting_place null
  no_place.name = "Aaa zonder plek";
  ASSERT_TRUE(server_.runtime().store().groups().CreateGroup(oost_, anna_, no_place, Now()).ok());
  const ApiSchema schema = Schema();
  EXPECT_EQ(schema.document()["openapi"].get<std::string>().rfind("3.", 0), 0u);
  EXPECT_EQ(schema.document()["servers"][0]["url"], "http://localhost:8080/api/v1");

  struct Case {
    std::string target, path;
    int status;
  };
  const std::vector<Case> cases = {
      {"/api/v1/cities", "/cities", 200},
      {"/api/v1/cities?per_page=2&page=2", "/cities", 200},
      {"/api/v1/cities?per_page=500", "/cities", 400},
      {"/api/v1/cities/nijmegen", "/cities/{city}", 200},
      {"/api/v1/cities/atlantis", "/cities/{city}", 404},
      {"/api/v1/cities/nijmegen/sites?per_page=3", "/cities/{city}/sites", 200},
      {"/api/v1/cities/atlantis/sites", "/cities/{city}/sites", 404},
      {"/api/v1/cities/nijmegen/sites/oost", "/cities/{city}/sites/{site}", 200},
      {"/api/v1/cities/nijmegen/news", "/cities/{city}/news", 200},
      {"/api/v1/cities/nijmegen/news?per_page=1", "/cities/{city}/news", 200},
      {"/api/v1/cities/nijmegen/sites/oost/news", "/cities/{city}/sites/{site}/news", 200},
      {"/api/v1/cities/nijmegen/sites/zuid/news", "/cities/{city}/sites/{site}/news", 200},
      {"/api/v1/cities/nijmegen/sites/oost/news?page=0", "/cities/{city}/sites/{site}/news", 400},
      {"/api/v1/cities/nijmegen/sites/oost/news/" + std::to_string(gone.id.value),
       "/cities/{city}/sites/{site}/news/{id}", 200},
      {"/api/v1/cities/nijmegen/sites/oost/news/999999", "/cities/{city}/sites/{site}/news/{id}", 404},
      {"/api/v1/cities/nijmegen/sites/oost/listings", "/cities/{city}/sites/{site}/listings", 200},
      {"/api/v1/cities/nijmegen/sites/oost/listings?per_page=2&page=2", "/cities/{city}/sites/{site}/listings", 200},
      {"/api/v1/cities/nijmegen/sites/oost/listings?page=0", "/cities/{city}/sites/{site}/listings", 400},
      {"/api/v1/cities/nijmegen/sites/atlantis/listings", "/cities/{city}/sites/{site}/listings", 404},
      {"/api/v1/cities/nijmegen/sites/oost/groups", "/cities/{city}/sites/{site}/groups", 200},
      {"/api/v1/cities/nijmegen/sites/zuid/groups?per_page=1", "/cities/{city}/sites/{site}/groups", 200},
      {"/api/v1/cities/nijmegen/sites/oost/groups?per_page=101", "/cities/{city}/sites/{site}/groups", 400},
      {"/api/v1/cities/atlantis/sites/oost/groups", "/cities/{city}/sites/{site}/groups", 404},
  };
  bool saw_null_author = false;
  bool saw_null_place = false;
  bool saw_place = false;
  bool saw_listing = false;
  for (const auto& c : cases) {
    json body = GetJson(c.target, c.status);
    EXPECT_EQ(Describe(schema.ValidateResponse(body, c.path, c.status)), "") << c.target;
    if (body.contains("items")) {
      for (const auto& i : body["items"]) {
        saw_null_author = saw_null_author || (i.contains("author_name") && i["author_name"].is_null());
        saw_null_place = saw_null_place || (i.contains("meeting_place") && i["meeting_place"].is_null());
        saw_place = saw_place || (i.contains("meeting_place") && i["meeting_place"].is_string());
        saw_listing = saw_listing || i.contains("expires_at");
      }
    }
  }
  EXPECT_TRUE(saw_null_author) << "a nullable field was exercised";
  EXPECT_TRUE(saw_null_place && saw_place) << "both forms of a group's meeting place were checked";
  EXPECT_TRUE(saw_listing) << "the demo's listings were checked";

  // The validator is strict: a wrong type, a missing field, an unknown field all fail.
  json item = GetJson("/api/v1/cities/nijmegen/sites/oost");
  const json site_schema = {{"$ref", "#/components/schemas/Site"}};
  EXPECT_TRUE(schema.Validate(item, site_schema).empty());
  json wrong = item;
  wrong["buurt_codes"] = "BU1";
  EXPECT_FALSE(schema.Validate(wrong, site_schema).empty());
  json missing = item;
  missing.erase("name");
  EXPECT_FALSE(schema.Validate(missing, site_schema).empty());
  json extra = item;
  extra["secret"] = 1;
  EXPECT_FALSE(schema.Validate(extra, site_schema).empty());
  json bad_date = GetJson("/api/v1/cities/nijmegen/news")["items"][0];
  bad_date["published_at"] = "29-11-2026";
  EXPECT_FALSE(schema.Validate(bad_date, {{"$ref", "#/components/schemas/NewsItem"}}).empty());
}

TEST_F(ApiTest, EveryApiRouteIsInTheOpenApiDocument) {
  std::ifstream in(SourceDir() + "/src/http/routes.cpp");
  std::stringstream routes;
  routes << in.rdbuf();
  const std::string text = routes.str();
  const json doc = GetJson("/api/v1/openapi.json");
  static const std::regex kApiRoute("\"/api/v1(/[^\"]*)\"");
  int n = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kApiRoute); it != std::sregex_iterator(); ++it) {
    const std::string path = (*it)[1];
    EXPECT_TRUE(doc["paths"].contains(path)) << path << " is served but not described in docs/api/openapi.json";
    ++n;
  }
  EXPECT_GE(n, 8);
  for (const auto& [path, _] : doc["paths"].items()) {
    EXPECT_NE(text.find("\"/api/v1" + path + "\""), std::string::npos) << path << " is described but not served";
  }
}

TEST_F(ApiTest, ListingsAndGroupsArePublicOnlyAndStayWithTheirSite) {
  auto& store = server_.runtime().store();
  domain::market::ListingDraft d;
  d.kind = domain::market::Kind::kOffer;
  d.category = domain::market::Category::kVervoer;
  d.title = "Rit naar het ziekenhuis";
  d.body_markdown = "Ik rij **dinsdag**.";
  const auto open = store.market().CreateListing(oost_, anna_, d, Now() - 10, Now() + 86400);
  d.title = "Alleen voor leden";
  d.visibility = domain::market::Visibility::kMembers;
  const auto members = store.market().CreateListing(oost_, anna_, d, Now() - 10, Now() + 86400);
  d.title = "Al gesloten";
  d.visibility = domain::market::Visibility::kPublic;
  const auto closed = store.market().CreateListing(oost_, anna_, d, Now() - 10, Now() + 86400);
  d.title = "Verlopen";
  const auto expired = store.market().CreateListing(oost_, anna_, d, Now() - 200000, Now() - 10);
  d.title = "Uit Zuid";
  const auto zuid = store.market().CreateListing(zuid_, carla_, d, Now() - 10, Now() + 86400);
  ASSERT_TRUE(open.ok() && members.ok() && closed.ok() && expired.ok() && zuid.ok());
  ASSERT_TRUE(store.market().CloseListing(oost_, closed->id, Now()).ok());

  domain::groups::GroupDraft g;
  g.name = "Buurtkoor";
  g.description_markdown = "Wij *zingen*.";
  g.meeting_place = "Buurthuis";
  const auto choir = store.groups().CreateGroup(oost_, anna_, g, Now());
  g.name = "Geheime club";
  g.visibility = domain::groups::Visibility::kMembers;
  const auto secret = store.groups().CreateGroup(oost_, anna_, g, Now());
  g.name = "Zuidkoor";
  g.visibility = domain::groups::Visibility::kPublic;
  const auto zuid_group = store.groups().CreateGroup(zuid_, carla_, g, Now());
  ASSERT_TRUE(choir.ok() && secret.ok() && zuid_group.ok());

  // Every page, following next links; the ids in order.
  auto all_ids = [&](const std::string& first) {
    std::vector<std::int64_t> ids;
    std::string next = first;
    for (int pages = 0; !next.empty() && pages < 50; ++pages) {
      json page = GetJson(next);
      for (const auto& item : page["items"]) ids.push_back(item["id"]);
      const auto& link = page["links"]["next"];
      next = link.is_null() ? "" : link.get<std::string>().substr(std::string("http://localhost:8080").size());
    }
    return ids;
  };
  auto has = [](const std::vector<std::int64_t>& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  const std::string base = "/api/v1/cities/nijmegen/sites/";
  const auto oost_listings = all_ids(base + "oost/listings?per_page=2");
  EXPECT_TRUE(has(oost_listings, open->id.value));
  for (const auto& l : {members, closed, expired, zuid}) EXPECT_FALSE(has(oost_listings, l->id.value)) << l->title;
  EXPECT_EQ(std::set<std::int64_t>(oost_listings.begin(), oost_listings.end()).size(), oost_listings.size())
      << "no listing twice across pages";
  EXPECT_EQ(oost_listings, all_ids(base + "oost/listings")) << "the same listings on one page";
  EXPECT_FALSE(has(all_ids(base + "zuid/listings"), open->id.value)) << "Oost's listing not through Zuid";
  EXPECT_TRUE(has(all_ids(base + "zuid/listings"), zuid->id.value));

  json first = GetJson(base + "oost/listings");
  ASSERT_FALSE(first["items"].empty());
  const json& newest = first["items"][0];
  EXPECT_EQ(newest["id"], open->id.value) << "newest first";
  EXPECT_EQ(newest["kind"], "offer");
  EXPECT_EQ(newest["category"], "vervoer");
  EXPECT_EQ(newest["body_html"], "<p>Ik rij <strong>dinsdag</strong>.</p>\n");
  EXPECT_EQ(newest["url"], "http://localhost:8080/nijmegen/oost/vraag-aanbod/" + std::to_string(open->id.value));
  EXPECT_TRUE(first["total"].is_null());
  EXPECT_EQ(first.dump().find("anna-feeds@example.nl"), std::string::npos);
  EXPECT_EQ(first.dump().find("Anna de Vries"), std::string::npos) << "no person is named";

  const auto oost_groups = all_ids(base + "oost/groups?per_page=1");
  EXPECT_TRUE(has(oost_groups, choir->id.value));
  EXPECT_FALSE(has(oost_groups, secret->id.value));
  EXPECT_FALSE(has(oost_groups, zuid_group->id.value));
  EXPECT_EQ(std::set<std::int64_t>(oost_groups.begin(), oost_groups.end()).size(), oost_groups.size());
  EXPECT_FALSE(has(all_ids(base + "zuid/groups"), choir->id.value)) << "Oost's group not through Zuid";
  json groups = GetJson(base + "oost/groups?per_page=100");
  for (const auto& item : groups["items"]) {
    if (item["id"] != choir->id.value) continue;
    EXPECT_EQ(item["name"], "Buurtkoor");
    EXPECT_EQ(item["meeting_place"], "Buurthuis");
    EXPECT_EQ(item["open"], true);
    EXPECT_EQ(item["member_count"], 1);
    EXPECT_EQ(item["url"], "http://localhost:8080/nijmegen/oost/groepen/" + std::to_string(choir->id.value));
  }
  EXPECT_EQ(groups.dump().find("Anna de Vries"), std::string::npos) << "no person is named";

  // A logged-in member of Oost gets the same public items only.
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto as_member = anna.Get(base + "oost/listings?per_page=100");
  ASSERT_EQ(as_member.status, 200);
  EXPECT_EQ(as_member.body.find("Alleen voor leden"), std::string::npos);
  EXPECT_EQ(anna.Get(base + "oost/groups?per_page=100").body.find("Geheime club"), std::string::npos);
}

TEST_F(ApiTest, AnonymousListingAndGroupAnswersFollowWrites) {
  const std::string base = "/api/v1/cities/nijmegen/sites/oost/";
  ASSERT_FALSE(server_.Get(base + "listings").Header("etag").empty());
  ASSERT_FALSE(server_.Get(base + "groups").Header("etag").empty());
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/vraag-aanbod/nieuw");
  auto r = anna.Post("/nijmegen/oost/vraag-aanbod/nieuw",
                     "kind=ask&category=klusjes&title=" + FormEncode("Wie leent me een boor?") +
                         "&body=" + FormEncode("Voor twee gaatjes.") + "&visibility=public");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_NE(server_.Get(base + "listings").body.find("Wie leent me een boor?"), std::string::npos);
  anna.Get("/nijmegen/oost/groepen/nieuw");
  r = anna.Post("/nijmegen/oost/groepen/nieuw", "name=" + FormEncode("Aaa Schaakclub") + "&description=" +
                                                   FormEncode("Elke week schaken.") + "&meeting_place=&access=open" +
                                                   "&visibility=public");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_NE(server_.Get(base + "groups").body.find("Aaa Schaakclub"), std::string::npos);
}

TEST_F(ApiTest, AnonymousApiAnswersAreCachedAndFollowNewsWrites) {
  auto first = server_.Get("/api/v1/cities/nijmegen/news");
  ASSERT_FALSE(first.Header("etag").empty());
  EXPECT_EQ(server_.Get("/api/v1/cities/nijmegen/news").Header("access-control-allow-origin"), "*")
      << "CORS also on answers from the cache";
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  ASSERT_EQ(PostNews(anna, "oost", "Vers nieuws", "Net geschreven").status, 303);
  EXPECT_NE(server_.Get("/api/v1/cities/nijmegen/news").body.find("Vers nieuws"), std::string::npos);
  EXPECT_NE(server_.Get("/api/v1/cities/nijmegen/sites/oost/news").body.find("Vers nieuws"), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing
