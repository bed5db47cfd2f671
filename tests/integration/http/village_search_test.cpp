// The demo's agenda and sociale kaart are found by the site search: the demo writes past the
// index and the rebuild at start (and `buurtplein demo` / `reindex`) puts events and services.
#include <gtest/gtest.h>

#include <chrono>

#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TEST(VillageSearch, TheDemosEventsAndServicesAreFoundByTheSiteSearch) {
  TestServer server;
  auto& store = server.runtime().store();
  const auto dir = server.runtime().sites().directory();
  const auto oost = dir->FindSite("nijmegen", "oost")->id;
  const auto nijmegen = dir->FindCity("nijmegen")->id;

  const auto events = store.events().ListPublicOfSite(oost, Now(), 1, 0);
  ASSERT_EQ(events.size(), 1u) << "the demo has events in Oost";
  const std::string event_href = "href=\"/nijmegen/oost/agenda/" + std::to_string(events[0].id.value) + "\"";

  domain::directory::ServiceQuery q;
  q.limit = 1;
  const auto services = store.directory().ListServices(nijmegen, q);
  ASSERT_EQ(services.size(), 1u) << "the demo has a sociale kaart in Nijmegen";
  const std::string service_href = "href=\"/nijmegen/sociale-kaart/diensten/" + services[0].uuid + "\"";

  auto check = [&](const char* label) {
    auto r = server.Get("/nijmegen/oost/zoeken?soort=agenda&q=" + FormEncode(events[0].title));
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(event_href), std::string::npos) << label << ": " << events[0].title;
    r = server.Get("/nijmegen/oost/zoeken?soort=sociale-kaart&q=" + FormEncode(services[0].name));
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(service_href), std::string::npos) << label << ": " << services[0].name;
    r = server.Get("/nijmegen/zoeken?q=" + FormEncode(services[0].name));
    EXPECT_NE(r.body.find(service_href), std::string::npos) << label << ": city search";
  };
  check("after start");
  // A rebuild from scratch (what `buurtplein reindex` does) finds them again.
  store.search().DropKind(domain::search::Kind::kEvent);
  store.search().DropKind(domain::search::Kind::kService);
  EXPECT_GT(server.runtime().RebuildSearchIndex(), 20);
  check("after a rebuild");
  EXPECT_EQ(server.Get("/" + event_href.substr(7, event_href.size() - 8)).status, 200);
}

}  // namespace
}  // namespace buurtplein::testing
