#include <atomic>
#include <thread>

#include "store/open_store.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

TEST(SqliteBackupTest, CopyWhileAnotherThreadWritesIsConsistent) {
  ScratchDatabase source("sqlite", "");
  ScratchDatabase target("sqlite", "");
  auto store = source.Open();
  store->Migrate();
  ASSERT_TRUE(store->areas().UpsertAreas(NijmegenAreas(4)).ok());
  const auto city = store->cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;

  std::atomic<bool> backup_done{false};
  std::atomic<int> written{0};
  std::string writer_error;
  std::thread writer([&] {
    // Keeps writing until the backup is finished, and at least a few times during it.
    for (int i = 0; !backup_done.load() || i < 20; ++i) {
      const std::string slug = "s" + std::to_string(i);
      auto r = store->sites().CreateSite(city, MakeDraft(slug, "Site " + slug, {"BU02680001"}, {slug + ".nl"}));
      if (!r.ok()) {
        writer_error = r.error().internal_detail;
        return;
      }
      written.fetch_add(1);
    }
  });
  while (written.load() < 5) std::this_thread::yield();
  EXPECT_NO_THROW(store::sqlite::BackupSqlite(source.sqlite_path(), target.sqlite_path()));
  backup_done = true;
  writer.join();
  EXPECT_EQ(writer_error, "");

  {
    store::sqlite::Connection copy(target.sqlite_path());
    auto check = copy.Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.Step());
    EXPECT_EQ(check.Text(0), "ok");
  }
  auto restored = target.Open();
  EXPECT_EQ(restored->SchemaVersion(), store->SchemaVersion());
  const long copied = restored->sites().CountSites(city);
  EXPECT_GE(copied, 5);
  EXPECT_LE(copied, written.load());
  // Every copied site is whole: its buurt and host came along in the same transaction.
  for (const auto& site : restored->sites().ListSites(city, 1000, 0)) {
    EXPECT_EQ(site.buurt_codes.size(), 1u) << site.slug;
    EXPECT_EQ(site.hosts.size(), 1u) << site.slug;
  }
}

}  // namespace
}  // namespace buurtplein::testlib
