// The SQLite connection's prepared-statement cache: a statement is prepared once per
// connection and reused with fresh bindings, and still gives correct results after the schema
// changed (migrations run at start-up, on connections that may have statements already).
#include <gtest/gtest.h>

#include "store/sqlite/connection.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::store::sqlite {
namespace {

class StatementCache : public ::testing::Test {
 protected:
  testing::TempDir dir_;
  Database db_{dir_.path() + "/cache.db"};
};

TEST_F(StatementCache, ReusesOneStatementWithFreshBindings) {
  auto& conn = db_.Conn();
  conn.ExecScript("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'een'), (2, 'twee');");
  const char* kSelect = "SELECT v FROM t WHERE k = ?1";
  const std::size_t before = conn.cached_statements();
  sqlite3_stmt* first = nullptr;
  {
    auto s = conn.Prepare(kSelect);
    first = s.raw();
    s.Bind(1, 1);
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Text(0), "een");
    // Left unfinished: the cache resets it when `s` goes.
  }
  {
    // The same text from another buffer finds the same statement (keyed by text, not address).
    const std::string copy = kSelect;
    auto s = conn.Prepare(copy);
    EXPECT_EQ(s.raw(), first);
    s.Bind(1, 2);
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Text(0), "twee");
    EXPECT_FALSE(s.Step());
  }
  {
    // Bindings were cleared: an unbound parameter is NULL, which matches no row.
    auto s = conn.Prepare(kSelect);
    EXPECT_FALSE(s.Step());
  }
  EXPECT_EQ(conn.cached_statements(), before + 1);
}

TEST_F(StatementCache, StaysCorrectAfterASchemaChange) {
  auto& conn = db_.Conn();
  conn.ExecScript("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'een');");
  const char* kAll = "SELECT * FROM t ORDER BY k";
  {
    auto s = conn.Prepare(kAll);
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.ColumnCount(), 2);
  }
  // As a migration does: a new column and a new row, on the same connection.
  conn.ExecScript("ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'; INSERT INTO t VALUES (2, 'twee', 'y');");
  {
    auto s = conn.Prepare(kAll);
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.ColumnCount(), 3) << "re-prepared by SQLite for the new schema";
    EXPECT_EQ(s.Text(2), "x");
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.Text(1), "twee");
    EXPECT_EQ(s.Text(2), "y");
    EXPECT_FALSE(s.Step());
  }
  // A table dropped and made again under the same name.
  conn.ExecScript("DROP TABLE t; CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (7, 'zeven');");
  auto s = conn.Prepare(kAll);
  ASSERT_TRUE(s.Step());
  EXPECT_EQ(s.Int(0), 7);
  EXPECT_EQ(s.ColumnCount(), 2);
}

TEST_F(StatementCache, AFailedStepLeavesTheStatementUsable) {
  auto& conn = db_.Conn();
  conn.ExecScript("CREATE TABLE t (k INTEGER PRIMARY KEY);");
  const char* kInsert = "INSERT INTO t (k) VALUES (?1)";
  conn.Prepare(kInsert).Bind(1, 1).Exec();
  EXPECT_THROW(conn.Prepare(kInsert).Bind(1, 1).Exec(), SqliteError);
  conn.Prepare(kInsert).Bind(1, 2).Exec();
  auto s = conn.Prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(s.Step());
  EXPECT_EQ(s.Int(0), 2);
}

}  // namespace
}  // namespace buurtplein::store::sqlite
