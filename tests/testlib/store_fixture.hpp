#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sites/model.hpp"
#include "domain/store.hpp"

namespace buurtplein::testlib {

/// A fresh, empty database on one engine, removed again when this object goes:
/// SQLite — a new file in the test temp directory;
/// PostgreSQL — a new schema in the database BUURTPLEIN_TEST_POSTGRES names, used through
/// `options=-c search_path=…` so every test sees only its own tables.
class ScratchDatabase {
 public:
  /// `engine` is "sqlite" or "postgresql"; `postgres_url` is the server for the latter.
  ScratchDatabase(std::string engine, const std::string& postgres_url);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& engine() const { return engine_; }
  /// The database URL that store::OpenStore accepts.
  const std::string& url() const { return url_; }
  /// The SQLite file (empty for PostgreSQL).
  const std::string& sqlite_path() const { return sqlite_path_; }
  /// A new store on this database, with its own connections.
  std::unique_ptr<domain::Store> Open(int pool_size = 4) const;
  /// Runs SQL without parameters on the database directly, past the store (test set-up only).
  void Exec(const std::string& sql) const;

 private:
  std::string engine_;
  std::string url_;
  std::string sqlite_path_;
  std::string postgres_admin_url_;  // the server's URL without our search_path
  std::string postgres_schema_;
};

/// The server URL for the PostgreSQL half of the suite, from BUURTPLEIN_TEST_POSTGRES; empty
/// when it is not set.
std::string TestPostgresUrl();

/// Parameterised over the engine ("sqlite", "postgresql"): each test gets a fresh, empty
/// database and a store on it that has not been migrated. The PostgreSQL instances fail when
/// BUURTPLEIN_TEST_POSTGRES is unset, unless BUURTPLEIN_TEST_SKIP_POSTGRES=1 skips them.
class EmptyStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  domain::Store& store() { return *store_; }
  ScratchDatabase& db() { return *db_; }
  bool is_postgres() const { return GetParam() == "postgresql"; }

 private:
  std::unique_ptr<ScratchDatabase> db_;
  std::unique_ptr<domain::Store> store_;
};

/// Like EmptyStoreTest, with every migration applied.
class StoreTest : public EmptyStoreTest {
 protected:
  void SetUp() override;
};

/// Both engines, for INSTANTIATE_TEST_SUITE_P(Engines, SomeTest, AllEngines(), EngineName).
inline auto AllEngines() { return ::testing::Values(std::string("sqlite"), std::string("postgresql")); }
inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

/// Passes when `haystack` contains `needle`, and shows both when it does not.
::testing::AssertionResult Contains(std::string_view haystack, std::string_view needle);

// Test data: real-looking CBS codes for Nijmegen (GM0268) unless told otherwise.

domain::sites::Area MakeArea(std::string code, domain::sites::AreaLevel level, std::string name,
                             std::string gemeente_code, std::string wijk_code = {});
/// The gemeente, one wijk and `buurten` buurten BU0268000<i> with polygons and inhabitants.
std::vector<domain::sites::Area> NijmegenAreas(int buurten = 4);
domain::sites::City MakeCity(std::string gemeente_code, std::string slug, std::string name);
domain::sites::SiteDraft MakeDraft(std::string slug, std::string name, std::vector<std::string> buurt_codes = {},
                                   std::vector<std::string> hosts = {});

}  // namespace buurtplein::testlib
