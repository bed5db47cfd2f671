// The SQL runner that repositories written once for both engines use (decision 0010), on both
// engines: typed columns (integer, real, text, boolean, NULL) and the text adapter, statements
// prepared once per connection and reused, transactions with nested savepoints, and constraint
// failures as ConstraintViolation.
#include <memory>
#include <string>

#include "store/postgres/pool.hpp"
#include "store/postgres/sql_runner.hpp"
#include "store/sqlite/sql_runner.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using store::sql::Row;
using store::sql::V;

constexpr const char* kCreate =
    "CREATE TABLE runner_items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, score DOUBLE PRECISION, "
    "flag BOOLEAN NOT NULL)";
constexpr const char* kInsert =
    "INSERT INTO runner_items (id, name, score, flag) VALUES (?1, ?2, ?3, CAST(?4 AS BOOLEAN))";
constexpr const char* kSelect = "SELECT id, name, score, flag FROM runner_items WHERE id = ?1";
constexpr const char* kCount = "SELECT count(*) FROM runner_items";

class SqlRunnerTest : public EmptyStoreTest {
 protected:
  void SetUp() override {
    EmptyStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db().Exec(kCreate);
    if (is_postgres()) {
      pool_ = std::make_unique<store::postgres::Pool>(db().url(), 1);  // one connection: the cache is observable
      runner_ = std::make_unique<store::postgres::PostgresRunner>(*pool_);
    } else {
      sqlite_ = std::make_unique<store::sqlite::Database>(db().sqlite_path());
      runner_ = std::make_unique<store::sqlite::SqliteRunner>(*sqlite_);
    }
  }
  void TearDown() override {
    runner_.reset();
    pool_.reset();
    sqlite_.reset();
    EmptyStoreTest::TearDown();
  }

  std::size_t CachedStatements() {
    if (pool_) return pool_->Acquire()->cached_statements();
    return sqlite_->Conn().cached_statements();
  }
  std::int64_t Count() { return runner().One(kCount, {}, [](const Row& r) { return r.Int(0); }).value_or(-1); }
  store::sql::Runner& runner() { return *runner_; }

 private:
  std::unique_ptr<store::postgres::Pool> pool_;
  std::unique_ptr<store::sqlite::Database> sqlite_;
  std::unique_ptr<store::sql::Runner> runner_;
};

TEST_P(SqlRunnerTest, ReadsColumnsTyped) {
  runner().Exec(kInsert, {V(1), V("één"), V(2.5), V(true)});
  runner().Exec(kInsert, {V(std::int64_t{9'000'000'000}), V("leeg"), V(std::nullopt), V(false)});
  int rows = 0;
  runner().Each(kSelect, {V(1)}, [&](const Row& r) {
    ++rows;
    EXPECT_EQ(r.Columns(), 4);
    EXPECT_EQ(r.Int(0), 1);
    EXPECT_EQ(r.Text(0), "1");
    EXPECT_EQ(r.Text(1), "één");
    EXPECT_DOUBLE_EQ(r.Double(2), 2.5);
    EXPECT_EQ(std::stod(r.Text(2)), 2.5);
    EXPECT_TRUE(r.Bool(3));
    EXPECT_FALSE(r.IsNull(2));
  });
  EXPECT_EQ(rows, 1);
  runner().Each(kSelect, {V(std::int64_t{9'000'000'000})}, [&](const Row& r) {
    EXPECT_EQ(r.Int(0), 9'000'000'000);
    EXPECT_TRUE(r.IsNull(2));
    EXPECT_EQ(r.Double(2), 0.0);
    EXPECT_EQ(r.Text(2), "");
    EXPECT_FALSE(r.OptId<domain::SiteId>(2));
    EXPECT_FALSE(r.Bool(3));
  });
  // The text adapter: NULL is nullopt, everything else its text.
  auto text = runner().Run(kSelect, {V(std::int64_t{9'000'000'000})});
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(text[0][0], "9000000000");
  EXPECT_EQ(text[0][1], "leeg");
  EXPECT_FALSE(text[0][2]);
  EXPECT_EQ(text[0][3], "0");
  // count(*) and a sum come back as numbers too.
  EXPECT_EQ(Count(), 2);
  EXPECT_EQ(runner().One("SELECT sum(id) FROM runner_items", {}, [](const Row& r) { return r.Text(0); }),
            "9000000001");
}

TEST_P(SqlRunnerTest, PreparesAStatementOncePerConnection) {
  runner().Exec(kInsert, {V(1), V("een"), V(1.0), V(true)});
  const std::size_t before = CachedStatements();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Count(), 1);
  EXPECT_EQ(CachedStatements(), before + 1);
  // The same text from another buffer is the same statement (keyed by text, not address).
  const std::string copy = kCount;
  EXPECT_EQ(runner().One(copy.c_str(), {}, [](const Row& r) { return r.Int(0); }), 1);
  EXPECT_EQ(CachedStatements(), before + 1);
}

TEST_P(SqlRunnerTest, CommitsRollsBackAndNestsTransactions) {
  EXPECT_TRUE(runner().Transact([&] {
    runner().Exec(kInsert, {V(1), V("een"), V(1.0), V(true)});
    // An inner transaction that fails is undone alone.
    EXPECT_FALSE(runner().Transact([&] {
      runner().Exec(kInsert, {V(2), V("twee"), V(2.0), V(true)});
      return false;
    }));
    EXPECT_THROW(runner().Transact([&]() -> bool {
      runner().Exec(kInsert, {V(3), V("drie"), V(3.0), V(true)});
      throw std::runtime_error("stop");
    }),
                 std::runtime_error);
    return true;
  }));
  EXPECT_EQ(Count(), 1);
  EXPECT_FALSE(runner().Transact([&] {
    runner().Exec(kInsert, {V(4), V("vier"), V(4.0), V(true)});
    return false;
  }));
  EXPECT_EQ(Count(), 1);
}

TEST_P(SqlRunnerTest, AStatementPreparedInARolledBackTransactionStaysUsable) {
  EXPECT_FALSE(runner().Transact([&] {
    EXPECT_EQ(Count(), 0);  // first prepared here
    return false;
  }));
  EXPECT_EQ(Count(), 0);
  runner().Exec(kInsert, {V(1), V("een"), V(1.0), V(true)});
  EXPECT_EQ(Count(), 1);
}

TEST_P(SqlRunnerTest, ReportsAFailedConstraint) {
  runner().Exec(kInsert, {V(1), V("een"), V(1.0), V(true)});
  EXPECT_THROW(runner().Exec(kInsert, {V(2), V("een"), V(1.0), V(true)}), store::sql::ConstraintViolation);
  // The connection is fine afterwards.
  EXPECT_EQ(Count(), 1);
  // Inside a transaction the failure rolls the whole transaction back.
  EXPECT_THROW(runner().Transact([&] {
    runner().Exec(kInsert, {V(3), V("drie"), V(1.0), V(true)});
    runner().Exec(kInsert, {V(4), V("drie"), V(1.0), V(true)});
    return true;
  }),
               store::sql::ConstraintViolation);
  EXPECT_EQ(Count(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlRunnerTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
