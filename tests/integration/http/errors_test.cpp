// What a visitor sees when something breaks on our side: a friendly page with a request number,
// never a stack trace or SQL.
#include <gtest/gtest.h>
#include <sqlite3.h>

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
