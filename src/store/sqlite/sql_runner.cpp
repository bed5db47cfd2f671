#include "store/sqlite/sql_runner.hpp"

#include <sqlite3.h>

namespace buurtplein::store::sqlite {

namespace {

class SqliteRow final : public sql::Row {
 public:
  explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
  int Columns() const override { return sqlite3_column_count(stmt_); }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const override {
    const auto* p = sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
  }

 private:
  sqlite3_stmt* stmt_;
};

// One name is enough: SQLite and PostgreSQL both address the newest savepoint of a name.
constexpr const char* kBegin = "BEGIN IMMEDIATE";
constexpr const char* kCommit = "COMMIT";
constexpr const char* kRollback = "ROLLBACK";
constexpr const char* kSavepoint = "SAVEPOINT bp_runner";
constexpr const char* kRelease = "RELEASE bp_runner";
constexpr const char* kRollbackTo = "ROLLBACK TO bp_runner";

}  // namespace

int SqliteRunner::Each(std::string_view sql, sql::Params params, sql::FunctionRef<void(const sql::Row&)> on_row,
                       int max_rows) {
  auto& conn = db_.Conn();
  Stmt stmt = conn.Prepare(sql);  // cached; reset and cleared when `stmt` goes
  sqlite3_stmt* raw = stmt.raw();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const auto& p = params[i];
    int rc = SQLITE_OK;
    if (const auto* n = std::get_if<std::int64_t>(&p)) {
      rc = sqlite3_bind_int64(raw, index, *n);
    } else if (const auto* s = std::get_if<std::string>(&p)) {
      // The parameters outlive the statement's use: no copy.
      rc = sqlite3_bind_text(raw, index, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    } else if (const auto* d = std::get_if<double>(&p)) {
      rc = sqlite3_bind_double(raw, index, *d);
    } else {
      rc = sqlite3_bind_null(raw, index);
    }
    if (rc != SQLITE_OK) conn.Throw(rc, sql);
  }
  const SqliteRow row(raw);
  int rows = 0;
  for (;;) {
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      if ((sqlite3_extended_errcode(conn.raw()) & 0xff) == SQLITE_CONSTRAINT) {
        throw sql::ConstraintViolation(sqlite3_errmsg(conn.raw()));
      }
      conn.Throw(rc, sql);
    }
    if (max_rows >= 0 && rows >= max_rows) {
      // Rows past the wanted ones: a query stops here (the cache resets it), a statement that
      // writes (with RETURNING) still runs to its end.
      if (sqlite3_stmt_readonly(raw)) break;
      continue;
    }
    ++rows;
    on_row(row);
    if (max_rows >= 0 && rows >= max_rows && sqlite3_stmt_readonly(raw)) break;
  }
  return rows;
}

bool SqliteRunner::Transact(const std::function<bool()>& body) {
  auto& conn = db_.Conn();
  // Outside a transaction SQLite is in autocommit mode; inside one (ours or another
  // repository's), a savepoint nests in it.
  const bool outer = sqlite3_get_autocommit(conn.raw()) != 0;
  conn.Prepare(outer ? kBegin : kSavepoint).Exec();
  auto undo = [&] {
    if (outer) {
      conn.Prepare(kRollback).Exec();
    } else {
      conn.Prepare(kRollbackTo).Exec();
      conn.Prepare(kRelease).Exec();
    }
  };
  bool ok = false;
  try {
    ok = body();
  } catch (...) {
    try {
      undo();
    } catch (...) {
      // The first error is the one to report.
    }
    throw;
  }
  if (ok) {
    conn.Prepare(outer ? kCommit : kRelease).Exec();
  } else {
    undo();
  }
  return ok;
}

}  // namespace buurtplein::store::sqlite
