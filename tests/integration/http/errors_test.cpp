// What a visitor sees when something breaks on our side: a friendly page with a request number,
// never a stack trace or SQL.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <thread>

#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

TEST(ServerErrors, BrokenDatabaseGivesA500WithRequestIdAndNoInternals) {
  TempDir dir;
  auto config = TestConfig(dir.path());
  TestServer server(true, config, true);
  // Break the schema behind the server's back: the city portal's query now fails.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir.path() + "/test.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "ALTER TABLE areas RENAME TO areas_gone", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto r = server.Get("/arnhem/");
  EXPECT_EQ(r.status, 500);
  const std::string id = r.Header("x-request-id");
  ASSERT_FALSE(id.empty());
  EXPECT_NE(r.body.find(id), std::string::npos) << "the page shows the request id";
  EXPECT_NE(r.body.find("Er ging bij ons iets mis"), std::string::npos);
  EXPECT_EQ(r.body.find("areas"), std::string::npos) << "no SQL on the page";
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
  EXPECT_EQ(r.Header("cache-control"), "no-store");

  auto api = server.Get("/api/v1/cities/arnhem/sites");
  EXPECT_EQ(api.status, 200);  // served from the in-memory directory, unaffected
  EXPECT_EQ(server.Get("/healthz").status, 200);
}

}  // namespace
}  // namespace buurtplein::testing

namespace buurtplein::testing {
namespace {

TEST(ServerLimits, ConnectionsAboveTheCapGet503AndTheServerKeepsServing) {
  TempDir dir;
  auto config = TestConfig(dir.path());
  config.server.max_connections = 2;
  TestServer server(false, config, true);
  int a = Connect(server.port());
  int b = Connect(server.port());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  int c = Connect(server.port());
  auto refused = ParseResponse(ReadAll(c, std::chrono::seconds(2)));
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.Header("retry-after"), "5");
  ::close(a);
  ::close(b);
  ::close(c);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(server.Get("/healthz").status, 200);
}

TEST(ServerLimits, HstsOnlyWhenServedOverHttpsBehindATrustedProxy) {
  TempDir dir;
  auto config = TestConfig(dir.path());
  config.http.trust_proxy = true;
  TestServer server(false, config, true);
  EXPECT_EQ(server.Get("/healthz", "X-Forwarded-Proto: https\r\n").Header("strict-transport-security"),
            "max-age=31536000; includeSubDomains");
  EXPECT_EQ(server.Get("/healthz", "X-Forwarded-Proto: http\r\n").Header("strict-transport-security"), "");
}

}  // namespace
}  // namespace buurtplein::testing
