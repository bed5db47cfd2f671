#include "store/sqlite/directory_repository.hpp"

#include <sqlite3.h>

#include <memory>

namespace buurtplein::store::sqlite {

namespace {

// Transactions nest as savepoints; the depth is per thread, as the connection is.
thread_local int tx_depth = 0;

}  // namespace

std::vector<directory::SqlRow> SqliteDirectoryRunner::Run(const char* sql,
                                                          const std::vector<directory::SqlValue>& params) {
  auto& conn = db_.Conn();
  sqlite3* db = conn.raw();
  // From the connection's statement cache (reset and cleared when `stmt` goes).
  Stmt stmt = conn.Prepare(sql);
  sqlite3_stmt* raw = stmt.raw();
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    const auto& p = params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(p)) {
      rc = sqlite3_bind_null(raw, index);
    } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
      rc = sqlite3_bind_int64(raw, index, *n);
    } else if (const auto* d = std::get_if<double>(&p)) {
      rc = sqlite3_bind_double(raw, index, *d);
    } else {
      const auto& s = std::get<std::string>(p);
      rc = sqlite3_bind_text(raw, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) conn.Throw(rc, sql);
  }
  std::vector<directory::SqlRow> rows;
  const int columns = sqlite3_column_count(raw);
  for (;;) {
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      const int code = sqlite3_extended_errcode(db);
      if ((code & 0xff) == SQLITE_CONSTRAINT) throw directory::ConstraintViolation(sqlite3_errmsg(db));
      conn.Throw(rc, sql);
    }
    directory::SqlRow row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (sqlite3_column_type(raw, c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, c));
        row.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(raw, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool SqliteDirectoryRunner::Transact(const std::function<bool()>& body) {
  auto& conn = db_.Conn();
  const int depth = tx_depth;
  const std::string savepoint = "directory_" + std::to_string(depth);
  conn.ExecScript(depth == 0 ? std::string("BEGIN IMMEDIATE") : "SAVEPOINT " + savepoint);
  ++tx_depth;
  bool ok = false;
  try {
    ok = body();
  } catch (...) {
    --tx_depth;
    conn.ExecScript(depth == 0 ? std::string("ROLLBACK") : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    throw;
  }
  --tx_depth;
  if (ok) {
    conn.ExecScript(depth == 0 ? std::string("COMMIT") : "RELEASE " + savepoint);
  } else {
    conn.ExecScript(depth == 0 ? std::string("ROLLBACK") : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
  }
  return ok;
}

}  // namespace buurtplein::store::sqlite
