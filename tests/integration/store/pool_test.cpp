#include <atomic>
#include <latch>
#include <mutex>
#include <thread>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

class StorePoolTest : public StoreTest {};

TEST_P(StorePoolTest, EngineAndPing) {
  EXPECT_EQ(store().engine(), GetParam());
  EXPECT_NO_THROW(store().Ping());
}

TEST_P(StorePoolTest, PoolStatsCountOpenAndLentConnections) {
  store().Ping();
  auto [open, in_use] = store().PoolStats();
  EXPECT_GE(open, 1);
  EXPECT_GE(in_use, 0);
  EXPECT_LE(in_use, open);
  if (is_postgres()) {
    EXPECT_EQ(in_use, 0);  // between requests every connection is back in the pool
  }

  store().Close();
  EXPECT_EQ(store().PoolStats().first, 0);

  // Closing is not the end: the next use opens a connection again.
  EXPECT_NO_THROW(store().Ping());
  EXPECT_GE(store().PoolStats().first, 1);
  EXPECT_TRUE(store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen")).ok());
}

TEST_P(StorePoolTest, EightThreadsReadAndWriteAtOnce) {
  constexpr int kThreads = 8;
  constexpr int kSitesPerThread = 10;
  constexpr int kPoolSize = 4;  // fewer connections than threads: callers wait their turn
  auto shared = db().Open(kPoolSize);
  ASSERT_TRUE(shared->areas().UpsertAreas(NijmegenAreas(4)).ok());
  const auto city = shared->cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;

  std::latch start(kThreads);
  std::mutex errors_mutex;
  std::vector<std::string> errors;
  auto record = [&](std::string e) {
    std::lock_guard lock(errors_mutex);
    errors.push_back(std::move(e));
  };
  std::atomic<int> max_open{0};

  auto worker = [&](int t) {
    start.arrive_and_wait();
    try {
      for (int i = 0; i < kSitesPerThread; ++i) {
        const std::string slug = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto created = shared->sites().CreateSite(
            city, MakeDraft(slug, "Site " + slug, {"BU0268000" + std::to_string(i % 4)}, {slug + ".example.nl"}));
        if (!created.ok()) {
          record("create " + slug + ": " + created.error().internal_detail);
          continue;
        }
        auto draft = MakeDraft(slug, "Bijgewerkt " + slug, {"BU02680000", "BU02680001"}, {slug + ".example.nl"});
        auto updated = shared->sites().UpdateSite(city, created->id, draft);
        if (!updated.ok()) record("update " + slug + ": " + updated.error().internal_detail);
        auto found = shared->sites().FindSiteBySlug(city, slug);
        if (!found || found->name != "Bijgewerkt " + slug) record("find " + slug);
        shared->sites().ListSites(city, 20, 0);
        shared->sites().CountSites(city);
        shared->areas().FindArea("BU02680001");
        shared->cities().FindCity(city);
        const int open = shared->PoolStats().first;
        int seen = max_open.load();
        while (open > seen && !max_open.compare_exchange_weak(seen, open)) {
        }
      }
    } catch (const std::exception& e) {
      record(std::string("exception: ") + e.what());
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(worker, t);
  for (auto& th : threads) th.join();

  EXPECT_TRUE(errors.empty()) << errors.size() << " errors, first: " << errors.front();
  EXPECT_EQ(shared->sites().CountSites(city), kThreads * kSitesPerThread);
  if (is_postgres()) {
    EXPECT_LE(max_open.load(), kPoolSize);
    EXPECT_EQ(shared->PoolStats().second, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, StorePoolTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
