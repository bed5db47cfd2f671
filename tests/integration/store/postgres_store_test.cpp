#include <cstdint>
#include <stdexcept>

#include "store/open_store.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::sites::AreaLevel;

// What only PostgreSQL has: a connection pool over the network and pipelined bulk writes.
class PostgresStoreTest : public StoreTest {};

TEST_P(PostgresStoreTest, FailingBulkUpsertWritesNothingAndLeavesThePoolUsable) {
  auto areas = NijmegenAreas(1200);
  areas[900].name = "Buurt \xff";  // not UTF-8: PostgreSQL rejects it, in the second pipelined batch
  EXPECT_THROW(store().areas().UpsertAreas(areas), std::runtime_error);
  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kBuurt), 0);
  EXPECT_EQ(store().PoolStats().second, 0);

  areas[900].name = "Buurt 900";
  ASSERT_TRUE(store().areas().UpsertAreas(areas).ok());
  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kBuurt), 1200);
}

TEST_P(PostgresStoreTest, ConnectionClosedByTheServerIsReplaced) {
  const std::string app = "bp_test_" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
  auto own = store::OpenStore(db().url() + "&application_name=" + app, 2);
  ASSERT_TRUE(own->cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen")).ok());
  ASSERT_EQ(own->PoolStats().first, 1);

  // As a server restart or an idle timeout would: end every backend of this store (and wait
  // until they are gone).
  db().Exec("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name = '" + app + "'");

  EXPECT_TRUE(own->cities().FindCityBySlug("nijmegen"));
  EXPECT_NO_THROW(own->Ping());
  EXPECT_EQ(own->PoolStats().first, 1);
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresStoreTest, ::testing::Values(std::string("postgresql")), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
