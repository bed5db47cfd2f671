#include <latch>
#include <stdexcept>
#include <thread>

#include "store/migrations.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

class MigrationsTest : public EmptyStoreTest {
 protected:
  const std::vector<store::Migration>& migrations() {
    return is_postgres() ? store::postgres_migrations() : store::sqlite_migrations();
  }
  int migration_count() { return static_cast<int>(migrations().size()); }
  int latest_version() { return migrations().back().version; }
};

TEST_P(MigrationsTest, ApplyAllOnceThenNothing) {
  ASSERT_FALSE(migrations().empty());
  EXPECT_EQ(store().SchemaVersion(), 0);

  EXPECT_EQ(store().Migrate(), migration_count());
  EXPECT_EQ(store().SchemaVersion(), latest_version());

  EXPECT_EQ(store().Migrate(), 0);
  EXPECT_EQ(store().SchemaVersion(), latest_version());
}

TEST_P(MigrationsTest, SecondStoreSeesTheSchemaVersion) {
  store().Migrate();
  auto other = db().Open();
  EXPECT_EQ(other->SchemaVersion(), latest_version());
  EXPECT_EQ(other->Migrate(), 0);
}

TEST_P(MigrationsTest, TwoServersMigratingAtOnceApplyEachMigrationOnce) {
  auto first = db().Open();
  auto second = db().Open();
  std::latch start(2);
  int applied_first = -1;
  int applied_second = -1;
  std::string error_first;
  std::string error_second;
  auto run = [&start](domain::Store& s, int& applied, std::string& error) {
    start.arrive_and_wait();
    try {
      applied = s.Migrate();
    } catch (const std::exception& e) {
      error = e.what();
    }
  };
  std::thread a(run, std::ref(*first), std::ref(applied_first), std::ref(error_first));
  std::thread b(run, std::ref(*second), std::ref(applied_second), std::ref(error_second));
  a.join();
  b.join();

  EXPECT_EQ(error_first, "");
  EXPECT_EQ(error_second, "");
  EXPECT_EQ(applied_first + applied_second, migration_count());
  EXPECT_EQ(first->SchemaVersion(), latest_version());
  EXPECT_EQ(second->SchemaVersion(), latest_version());
  // The schema is whole: the repositories work.
  EXPECT_TRUE(second->cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen")).ok());
}

TEST_P(MigrationsTest, FailingMigrationLeavesTheDatabaseUnchanged) {
  // A table that the first migration creates last: everything before it succeeds, then it fails.
  db().Exec("CREATE TABLE site_hosts (x INTEGER)");

  try {
    store().Migrate();
    FAIL() << "Migrate() should have thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(Contains(e.what(), "migration " + migrations().front().name + " failed"));
    EXPECT_TRUE(Contains(e.what(), "site_hosts"));
  }
  EXPECT_EQ(store().SchemaVersion(), 0);

  // Had the tables before site_hosts (areas, cities, sites …) stayed, this would fail on them.
  db().Exec("DROP TABLE site_hosts");
  EXPECT_EQ(store().Migrate(), migration_count());
  EXPECT_EQ(store().SchemaVersion(), latest_version());
}

INSTANTIATE_TEST_SUITE_P(Engines, MigrationsTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
