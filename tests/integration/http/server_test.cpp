// The real server on a free port, spoken to over TCP: what a browser or a hostile client sees.
#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static TestServer* server_;
};
TestServer* ServerTest::server_ = nullptr;

TEST_F(ServerTest, PlatformHomeListsTheCitiesWithSecurityHeaders) {
  auto r = server_->Get("/");
  ASSERT_EQ(r.status, 200) << r.raw.substr(0, 500);
  EXPECT_NE(r.body.find("Nijmegen"), std::string::npos);
  EXPECT_NE(r.body.find("Arnhem"), std::string::npos);
  EXPECT_EQ(r.Header("content-type"), "text/html; charset=utf-8");
  const std::string csp = r.Header("content-security-policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.Header("referrer-policy"), "strict-origin-when-cross-origin");
  EXPECT_FALSE(r.Header("x-request-id").empty());
  EXPECT_EQ(r.Header("strict-transport-security"), "");  // plain HTTP: no HSTS
}

TEST_F(ServerTest, CityPortalPutsEveryNijmegenSiteOneClickAway) {
  auto r = server_->Get("/nijmegen/");
  ASSERT_EQ(r.status, 200);
  for (const char* slug : {"centrum", "oost", "oud-west", "nieuw-west", "midden", "zuid", "dukenburg", "lindenholt",
                           "noord"}) {
    EXPECT_NE(r.body.find(std::string("href=\"/nijmegen/") + slug + "/\""), std::string::npos) << slug;
  }
  EXPECT_NE(r.body.find("Bron: CBS, Kadaster/PDOK"), std::string::npos);
}

TEST_F(ServerTest, CityMapHasEveryNijmegenBuurtColouredBySite) {
  auto r = server_->Get("/nijmegen/map.geojson");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  std::size_t polygons = 0, pos = 0;
  while ((pos = r.body.find("\"Polygon\"", pos)) != std::string::npos) {
    ++polygons;
    ++pos;
  }
  EXPECT_EQ(polygons, 44u);
  EXPECT_NE(r.body.find("\"site_url\":\"/nijmegen/oost/\""), std::string::npos);
}

TEST_F(ServerTest, SiteHomeShowsItsOwnNameBuurtenAndTheme) {
  auto r = server_->Get("/nijmegen/oost/");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Buurtplein Oost"), std::string::npos);
  EXPECT_NE(r.body.find("Bottendaal"), std::string::npos);
  EXPECT_NE(r.body.find("/nijmegen/oost/theme.css"), std::string::npos);
  auto css = server_->Get("/nijmegen/oost/theme.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_EQ(css.body, ":root{--site-primary:#1d4e89;--site-accent:#f4a259;}\n");
}

TEST_F(ServerTest, UnknownSiteGetsAHelpful404LinkingTheCitysSites) {
  auto r = server_->Get("/nijmegen/bestaat-niet/");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("href=\"/nijmegen/oost/\""), std::string::npos);
  EXPECT_NE(r.body.find("Deze buurtsite bestaat niet"), std::string::npos) << r.body;
}

TEST_F(ServerTest, UnknownCityAndPageGet404) {
  EXPECT_EQ(server_->Get("/atlantis/").status, 404);
  EXPECT_EQ(server_->Get("/nijmegen/oost/bestaat/niet").status, 404);
}

TEST_F(ServerTest, PathWithoutTrailingSlashRedirectsOnce) {
  auto r = server_->Get("/nijmegen");
  EXPECT_EQ(r.status, 308);
  EXPECT_EQ(r.Header("location"), "/nijmegen/");
}

TEST_F(ServerTest, WrongMethodGets405WithAllow) {
  auto r = server_->Request("POST", "/nijmegen/", "Content-Length: 0\r\n");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadGivesTheHeadersOfGetWithoutBody) {
  auto get = server_->Get("/nijmegen/");
  auto head = server_->Request("HEAD", "/nijmegen/");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), get.Header("content-length"));
  EXPECT_EQ(head.raw.substr(head.raw.find("\r\n\r\n") + 4), "");
}

TEST_F(ServerTest, OversizedHeaderGets431) {
  std::string req = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n";
  auto r = ParseResponse(server_->SendRaw(req));
  EXPECT_EQ(r.status, 431);
  EXPECT_NE(r.body.find("<html"), std::string::npos);
}

TEST_F(ServerTest, OversizedBodyGets413BeforeItIsSent) {
  // Only the headers are sent: the answer must come without waiting for 10 MB.
  std::string req = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10485760\r\n\r\n";
  auto r = ParseResponse(server_->SendRaw(req, std::chrono::seconds(1)));
  EXPECT_EQ(r.status, 405);  // no POST route: refused before the body too
  req = "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10485760\r\n\r\n";
  r = ParseResponse(server_->SendRaw(req, std::chrono::seconds(1)));
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, OversizedChunkedBodyGets413) {
  std::string chunk(20000, 'x');
  std::string req = "GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n4e20\r\n" + chunk +
                    "\r\n0\r\n\r\n";
  auto r = ParseResponse(server_->SendRaw(req));
  EXPECT_EQ(r.status, 413);
}

TEST_F(ServerTest, MalformedRequestsGet400) {
  EXPECT_EQ(ParseResponse(server_->SendRaw("GARBAGE\r\n\r\n")).status, 400);
  EXPECT_EQ(ParseResponse(server_->SendRaw("GET / HTTP/1.1\r\nBad Header\r\n\r\n")).status, 400);
  EXPECT_EQ(ParseResponse(server_->SendRaw("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n")).status, 400);
  EXPECT_EQ(ParseResponse(server_->SendRaw("GET /static/../CMakeLists.txt HTTP/1.1\r\nHost: x\r\n\r\n")).status, 400);
  EXPECT_EQ(ParseResponse(server_->SendRaw("GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n")).status, 400);
  // A line break in the path must never reach a header (the trailing-slash redirect's Location).
  auto split = ParseResponse(server_->SendRaw("GET /nijmegen%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_EQ(split.status, 400);
  EXPECT_EQ(split.Header("set-cookie"), "");
}

TEST_F(ServerTest, LastChunkArrivingByteByByteDoesNotStopTheServer) {
  // Boost 1.81's chunk parser asserts when the last chunk comes one byte at a time.
  int fd = Connect(server_->port());
  WriteAll(fd, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
  for (char c : std::string("0\r\n\r\n")) {
    WriteAll(fd, std::string(1, c));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto first = ParseResponse(ReadAll(fd, std::chrono::milliseconds(500)));
  ::close(fd);
  EXPECT_TRUE(first.status == 200 || first.status == 400) << first.raw;
  EXPECT_EQ(server_->Get("/healthz").status, 200);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  int fd = Connect(server_->port());
  WriteAll(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string raw = ReadAll(fd, std::chrono::seconds(2));
  ::close(fd);
  std::size_t count = 0, pos = 0;
  while ((pos = raw.find("HTTP/1.1 200", pos)) != std::string::npos) {
    ++count;
    ++pos;
  }
  EXPECT_EQ(count, 2u);
}

TEST_F(ServerTest, IdleConnectionIsClosedAfterTheTimeout) {
  int fd = Connect(server_->port());
  const auto start = std::chrono::steady_clock::now();
  std::string got = ReadAll(fd, std::chrono::seconds(6));
  const auto waited = std::chrono::steady_clock::now() - start;
  ::close(fd);
  EXPECT_EQ(got, "");
  EXPECT_LT(waited, std::chrono::seconds(5));  // closed by the 2 s header timeout, not by us
}

TEST_F(ServerTest, TextIsGzippedWhenTheClientAcceptsIt) {
  auto r = server_->Get("/nijmegen/", "Accept-Encoding: gzip, deflate\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-encoding"), "gzip");
  EXPECT_EQ(static_cast<unsigned char>(r.body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(r.body[1]), 0x8b);
  EXPECT_EQ(server_->Get("/nijmegen/").Header("content-encoding"), "");
}

TEST_F(ServerTest, AnonymousPagesRevalidateWithEtag) {
  auto first = server_->Get("/nijmegen/oost/");
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.Header("cache-control"), "no-cache");
  auto again = server_->Get("/nijmegen/oost/", "If-None-Match: " + etag + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
}

TEST_F(ServerTest, CachedPageChangesWhenTheSiteChanges) {
  auto before = server_->Get("/nijmegen/zuid/");
  ASSERT_EQ(before.status, 200);
  auto& rt = server_->runtime();
  auto city = rt.store().cities().FindCityBySlug("nijmegen");
  auto site = rt.store().sites().FindSiteBySlug(city->id, "zuid");
  domain::sites::SiteDraft d{site->slug, "Buurtplein Zuid Vernieuwd", site->tagline, site->primary_colour,
                             site->accent_colour, site->logo_path, site->status, site->buurt_codes, site->hosts};
  ASSERT_TRUE(rt.sites().UpdateSite(city->id, site->id, d));
  auto after = server_->Get("/nijmegen/zuid/");
  EXPECT_NE(after.body.find("Buurtplein Zuid Vernieuwd"), std::string::npos);
  d.name = "Buurtplein Zuid";
  ASSERT_TRUE(rt.sites().UpdateSite(city->id, site->id, d));
}

TEST_F(ServerTest, StaticFilesHaveHashedNamesCachedForAYear) {
  auto page = server_->Get("/");
  auto pos = page.body.find("/static/css/site.");
  ASSERT_NE(pos, std::string::npos);
  std::string url = page.body.substr(pos, page.body.find('"', pos) - pos);
  auto css = server_->Get(url);
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
  auto again = server_->Get(url, "If-None-Match: " + css.Header("etag") + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(server_->Get("/static/css/site.css").Header("cache-control"), "public, max-age=300");
  EXPECT_EQ(server_->Get("/static/bestaat-niet.css").status, 404);
}

TEST_F(ServerTest, LoggedInResponsesAreNeverStored) {
  auto r = server_->Get("/nijmegen/oost/", "Cookie: bp_session=abc\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("cache-control"), "no-store");
}

TEST_F(ServerTest, HttpsBehindTrustedProxyIsNotAssumedByDefault) {
  auto r = server_->Get("/", "X-Forwarded-Proto: https\r\n");
  EXPECT_EQ(r.Header("strict-transport-security"), "");
}

TEST_F(ServerTest, LanguageFollowsAcceptLanguageAndTheSwitch) {
  auto nl = server_->Get("/");
  EXPECT_NE(nl.body.find("<html lang=\"nl\""), std::string::npos);
  auto en = server_->Get("/", "Accept-Language: en-GB,en;q=0.9,nl;q=0.5\r\n");
  EXPECT_NE(en.body.find("<html lang=\"en\""), std::string::npos);
  auto sw = server_->Get("/?lang=en");
  EXPECT_NE(sw.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(sw.Header("set-cookie").find("lang=en"), std::string::npos);
  auto cookie = server_->Get("/", "Cookie: lang=en\r\n");
  EXPECT_NE(cookie.body.find("<html lang=\"en\""), std::string::npos);
}

TEST_F(ServerTest, ErrorPagesSpeakTheVisitorsLanguage) {
  auto nl = server_->Get("/atlantis/");
  auto en = server_->Get("/atlantis/", "Accept-Language: en\r\n");
  EXPECT_NE(en.body.find("We do not know this city on Buurtplein."), std::string::npos);
  EXPECT_EQ(nl.body.find("We do not know this city on Buurtplein."), std::string::npos);
}

TEST_F(ServerTest, OperationsEndpoints) {
  EXPECT_EQ(server_->Get("/healthz").body, "ok\n");
  EXPECT_EQ(server_->Get("/readyz").body, "ready\n");
  server_->Get("/nijmegen/");
  auto m = server_->Get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("buurtplein_http_requests_total{route=\"city.portal\",status=\"200\"}"), std::string::npos)
      << m.body;
  EXPECT_NE(m.body.find("buurtplein_http_request_duration_seconds_bucket{le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(m.body.find("buurtplein_http_open_connections "), std::string::npos);
  EXPECT_NE(m.body.find("buurtplein_db_connections_open{engine=\"sqlite\"}"), std::string::npos);
}

TEST_F(ServerTest, ApiAnswersJsonAndJsonErrors) {
  auto cities = server_->Get("/api/v1/cities");
  EXPECT_EQ(cities.status, 200);
  EXPECT_EQ(cities.Header("content-type"), "application/json");
  EXPECT_NE(cities.body.find("\"slug\":\"nijmegen\""), std::string::npos);
  auto sites = server_->Get("/api/v1/cities/nijmegen/sites?per_page=5&page=2");
  EXPECT_EQ(sites.status, 200);
  EXPECT_NE(sites.body.find("\"total\":9"), std::string::npos);
  EXPECT_NE(sites.body.find("\"next\":null"), std::string::npos);
  auto missing = server_->Get("/api/v1/cities/atlantis/sites");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.Header("content-type"), "application/json");
  EXPECT_NE(missing.body.find("\"code\":\"not_found\""), std::string::npos);
  auto bad = server_->Get("/api/v1/cities/nijmegen/sites?per_page=1000", "Accept-Language: en\r\n");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("per_page a number from 1 to 100"), std::string::npos);
}

TEST_F(ServerTest, SiteIsReachableOnItsOwnHostName) {
  auto& rt = server_->runtime();
  auto city = rt.store().cities().FindCityBySlug("nijmegen");
  auto site = rt.store().sites().FindSiteBySlug(city->id, "dukenburg");
  domain::sites::SiteDraft d{site->slug, site->name, site->tagline, site->primary_colour, site->accent_colour,
                             site->logo_path, site->status, site->buurt_codes, {"dukenburg.example.nl"}};
  ASSERT_TRUE(rt.sites().UpdateSite(city->id, site->id, d));
  auto r = server_->Get("/", "Host: dukenburg.example.nl\r\n");
  // The request helper sends its own Host first; send raw to control it.
  r = ParseResponse(server_->SendRaw("GET / HTTP/1.1\r\nHost: dukenburg.example.nl:8080\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Buurtplein Dukenburg"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/theme.css\""), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing

namespace buurtplein::testing {
namespace {

TEST(PageCacheHosts, RandomHostHeadersShareOneCachedPageAndCannotFillTheCache) {
  TestServer server;
  auto get = [&](const std::string& host) {
    return ParseResponse(
        server.SendRaw("GET /nijmegen/midden/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"));
  };
  auto first = get("a.example");
  ASSERT_EQ(first.status, 200);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(get("random" + std::to_string(i) + ".example").Header("etag"), first.Header("etag"));
  EXPECT_EQ(server.runtime().app().services().cache.size(), 1u);
}

}  // namespace
}  // namespace buurtplein::testing
