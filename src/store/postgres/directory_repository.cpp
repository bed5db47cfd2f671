#include "store/postgres/directory_repository.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <cstdio>
#include <memory>

namespace buurtplein::store::postgres {

namespace {

// The connection of the calling thread's open transaction (nullptr: none), and its depth.
struct OpenTransaction {
  const PostgresDirectoryRunner* runner = nullptr;
  Connection* conn = nullptr;
  int depth = 0;
};
thread_local OpenTransaction open_tx;

struct Clear {
  void operator()(PGresult* r) const { PQclear(r); }
};

std::vector<directory::SqlRow> Exec(Connection& conn, const std::string& sql,
                                    const std::vector<directory::SqlValue>& params) {
  std::vector<std::string> text(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    if (std::holds_alternative<std::monostate>(p)) continue;
    if (const auto* n = std::get_if<std::int64_t>(&p)) {
      text[i] = std::to_string(*n);
    } else if (const auto* d = std::get_if<double>(&p)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", *d);
      text[i] = buf;
    } else {
      text[i] = std::get<std::string>(p);
    }
    values[i] = text[i].c_str();
  }
  std::unique_ptr<PGresult, Clear> r(PQexecParams(conn.raw(), sql.c_str(), static_cast<int>(params.size()), nullptr,
                                                  values.data(), nullptr, nullptr, 0));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state ? state : "";
    const std::string message = std::string(PQerrorMessage(conn.raw())) + " in: " + sql.substr(0, 120);
    if (sqlstate.rfind("23", 0) == 0) throw directory::ConstraintViolation(message);
    throw PostgresError(sqlstate, message);
  }
  std::vector<directory::SqlRow> rows;
  const int n = PQntuples(r.get());
  const int columns = PQnfields(r.get());
  rows.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    directory::SqlRow row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r.get(), i, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(r.get(), i, c), static_cast<std::size_t>(PQgetlength(r.get(), i, c))));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

const std::string& PostgresDirectoryRunner::Translate(const char* sql) {
  std::lock_guard lock(mutex_);
  auto it = translated_.find(sql);
  if (it != translated_.end()) return it->second;
  // ?N → $N (the statements hold no '?' in string literals).
  std::string out;
  for (const char* p = sql; *p; ++p) {
    if (*p == '?' && std::isdigit(static_cast<unsigned char>(p[1]))) {
      out.push_back('$');
    } else {
      out.push_back(*p);
    }
  }
  return translated_.emplace(sql, std::move(out)).first->second;
}

std::vector<directory::SqlRow> PostgresDirectoryRunner::Run(const char* sql,
                                                            const std::vector<directory::SqlValue>& params) {
  const std::string& translated = Translate(sql);
  if (open_tx.runner == this && open_tx.conn) return Exec(*open_tx.conn, translated, params);
  auto lease = pool_.Acquire();
  return Exec(*lease, translated, params);
}

bool PostgresDirectoryRunner::Transact(const std::function<bool()>& body) {
  if (open_tx.runner == this && open_tx.conn) {
    Connection& conn = *open_tx.conn;
    const std::string savepoint = "directory_" + std::to_string(open_tx.depth);
    conn.Exec(("SAVEPOINT " + savepoint).c_str());
    ++open_tx.depth;
    bool ok = false;
    try {
      ok = body();
    } catch (...) {
      --open_tx.depth;
      conn.Exec(("ROLLBACK TO SAVEPOINT " + savepoint).c_str());
      throw;
    }
    --open_tx.depth;
    conn.Exec(((ok ? "RELEASE SAVEPOINT " : "ROLLBACK TO SAVEPOINT ") + savepoint).c_str());
    return ok;
  }
  auto lease = pool_.Acquire();
  Connection& conn = *lease;
  conn.Exec("BEGIN");
  open_tx = {this, &conn, 1};
  bool ok = false;
  try {
    ok = body();
  } catch (...) {
    open_tx = {};
    try {
      conn.Exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
  open_tx = {};
  conn.Exec(ok ? "COMMIT" : "ROLLBACK");
  return ok;
}

}  // namespace buurtplein::store::postgres
