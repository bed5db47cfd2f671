#include "testlib/store_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "store/open_store.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::testlib {
namespace {

// Names are unique per process (pid) and per database (counter), so parallel test processes on
// one PostgreSQL server never share a schema, without any randomness.
std::string UniqueName(std::string_view prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

bool IsPostgresUrl(std::string_view s) {
  return s.rfind("postgresql://", 0) == 0 || s.rfind("postgres://", 0) == 0;
}

}  // namespace

std::string TestPostgresUrl() {
  const char* url = std::getenv("BUURTPLEIN_TEST_POSTGRES");
  return url ? url : "";
}

ScratchDatabase::ScratchDatabase(std::string engine, const std::string& postgres_url) : engine_(std::move(engine)) {
  if (engine_ == "sqlite") {
    sqlite_path_ = ::testing::TempDir() + UniqueName("buurtplein_store_") + ".db";
    std::remove(sqlite_path_.c_str());
    url_ = "sqlite://" + sqlite_path_;
    return;
  }
  if (engine_ != "postgresql") throw std::invalid_argument("unknown engine " + engine_);
  postgres_admin_url_ = postgres_url;
  postgres_schema_ = UniqueName("t_");
  // Percent-encoded in a URL: options=-c search_path=t_…; quoted in a key=value string.
  if (IsPostgresUrl(postgres_url)) {
    url_ = postgres_url + (postgres_url.find('?') == std::string::npos ? "?" : "&") +
           "options=-c%20search_path%3D" + postgres_schema_;
  } else {
    url_ = postgres_url + " options='-c search_path=" + postgres_schema_ + "'";
  }
  store::postgres::ExecPostgresScript(
      postgres_admin_url_,
      "DROP SCHEMA IF EXISTS " + postgres_schema_ + " CASCADE; CREATE SCHEMA " + postgres_schema_);
}

ScratchDatabase::~ScratchDatabase() {
  if (!sqlite_path_.empty()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((sqlite_path_ + suffix).c_str());
  }
  if (!postgres_schema_.empty()) {
    try {
      store::postgres::ExecPostgresScript(postgres_admin_url_, "DROP SCHEMA IF EXISTS " + postgres_schema_ + " CASCADE");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not drop test schema " << postgres_schema_ << ": " << e.what();
    }
  }
}

std::unique_ptr<domain::Store> ScratchDatabase::Open(int pool_size) const {
  return store::OpenStore(url_, pool_size);
}

void ScratchDatabase::Exec(const std::string& sql) const {
  if (engine_ == "sqlite") {
    store::sqlite::Connection c(sqlite_path_);
    c.ExecScript(sql);
  } else {
    store::postgres::ExecPostgresScript(url_, sql);
  }
}

void EmptyStoreTest::SetUp() {
  std::string postgres_url;
  if (is_postgres()) {
    postgres_url = TestPostgresUrl();
    if (postgres_url.empty()) {
      const char* skip = std::getenv("BUURTPLEIN_TEST_SKIP_POSTGRES");
      if (skip && std::string_view(skip) == "1") {
        GTEST_SKIP() << "PostgreSQL half skipped (BUURTPLEIN_TEST_SKIP_POSTGRES=1).";
      }
      FAIL() << "BUURTPLEIN_TEST_POSTGRES is not set, so the PostgreSQL half of the store suite cannot run. "
                "Run `make test` (it starts a throwaway server with scripts/pg-test.sh), or start one yourself: "
                "export BUURTPLEIN_TEST_POSTGRES=$(scripts/pg-test.sh start $(mktemp -d)). "
                "To skip PostgreSQL deliberately, set BUURTPLEIN_TEST_SKIP_POSTGRES=1.";
    }
  }
  db_ = std::make_unique<ScratchDatabase>(GetParam(), postgres_url);
  store_ = db_->Open();
}

void EmptyStoreTest::TearDown() {
  store_.reset();  // connections first: the schema or file goes next
  db_.reset();
}

void StoreTest::SetUp() {
  EmptyStoreTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  store().Migrate();
}

::testing::AssertionResult Contains(std::string_view haystack, std::string_view needle) {
  if (haystack.find(needle) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << haystack << "' does not contain '" << needle << "'";
}

domain::sites::Area MakeArea(std::string code, domain::sites::AreaLevel level, std::string name,
                             std::string gemeente_code, std::string wijk_code) {
  domain::sites::Area a;
  a.code = std::move(code);
  a.level = level;
  a.name = std::move(name);
  a.gemeente_code = std::move(gemeente_code);
  a.wijk_code = std::move(wijk_code);
  return a;
}

std::vector<domain::sites::Area> NijmegenAreas(int buurten) {
  using domain::sites::AreaLevel;
  std::vector<domain::sites::Area> out;
  auto gm = MakeArea("GM0268", AreaLevel::kGemeente, "Nijmegen", "GM0268");
  gm.lon = 5.8520;
  gm.lat = 51.8425;
  gm.inhabitants = 179073;
  out.push_back(gm);
  auto wk = MakeArea("WK026800", AreaLevel::kWijk, "Stadscentrum", "GM0268");
  wk.lon = 5.8642;
  wk.lat = 51.8474;
  out.push_back(wk);
  for (int i = 0; i < buurten; ++i) {
    auto bu = MakeArea("BU0268000" + std::to_string(i), AreaLevel::kBuurt, "Buurt " + std::to_string(i), "GM0268",
                       "WK026800");
    bu.lon = 5.86 + i * 0.001;
    bu.lat = 51.84 + i * 0.001;
    bu.geometry_json = R"({"type":"Polygon","coordinates":[[[5.86,51.84],[5.87,51.84],[5.87,51.85],[5.86,51.84]]]})";
    bu.inhabitants = 1000 + i;
    out.push_back(bu);
  }
  return out;
}

domain::sites::City MakeCity(std::string gemeente_code, std::string slug, std::string name) {
  domain::sites::City c;
  c.gemeente_code = std::move(gemeente_code);
  c.slug = std::move(slug);
  c.name = std::move(name);
  c.association_name = "Vereniging Buurtplein " + c.name;
  c.lon = 5.85;
  c.lat = 51.84;
  return c;
}

domain::sites::SiteDraft MakeDraft(std::string slug, std::string name, std::vector<std::string> buurt_codes,
                                   std::vector<std::string> hosts) {
  domain::sites::SiteDraft d;
  d.slug = std::move(slug);
  d.name = std::move(name);
  d.tagline = "Voor en door de buurt";
  d.primary_colour = "#1a5f7a";
  d.accent_colour = "#f2a900";
  d.buurt_codes = std::move(buurt_codes);
  d.hosts = std::move(hosts);
  return d;
}

}  // namespace buurtplein::testlib
