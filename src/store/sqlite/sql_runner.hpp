#pragma once
#include "store/sql/runner.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

/// Runs portable SQL on SQLite, on the calling thread's connection: statements come from the
/// connection's statement cache (prepared once, reset and reused), columns are read with
/// sqlite3_column_int64/double/text as the caller asks.
class SqliteRunner final : public sql::Runner {
 public:
  explicit SqliteRunner(Database& db) : db_(db) {}
  using sql::Runner::Each;
  int Each(std::string_view sql, sql::Params params, sql::FunctionRef<void(const sql::Row&)> on_row,
           int max_rows) override;
  /// BEGIN IMMEDIATE … COMMIT, or a savepoint when the connection is already in a transaction
  /// (opened by this runner or by anything else on the connection).
  bool Transact(const std::function<bool()>& body) override;
  sql::Engine engine() const override { return sql::Engine::kSqlite; }

 private:
  Database& db_;
};

}  // namespace buurtplein::store::sqlite
