#include "store/sqlite/connection.hpp"

#include <atomic>
#include <string>

namespace buurtplein::store::sqlite {

Stmt::~Stmt() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::Bind(int index, std::int64_t v) {
  if (int rc = sqlite3_bind_int64(stmt_, index, v); rc != SQLITE_OK) conn_.Throw(rc, "bind");
  return *this;
}
Stmt& Stmt::Bind(int index, double v) {
  if (int rc = sqlite3_bind_double(stmt_, index, v); rc != SQLITE_OK) conn_.Throw(rc, "bind");
  return *this;
}
Stmt& Stmt::Bind(int index, std::string_view v) {
  if (int rc = sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
      rc != SQLITE_OK) {
    conn_.Throw(rc, "bind");
  }
  return *this;
}
Stmt& Stmt::BindNull(int index) {
  if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK) conn_.Throw(rc, "bind");
  return *this;
}

bool Stmt::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  conn_.Throw(rc, sqlite3_sql(stmt_));
}

std::string Stmt::Text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

Connection::Connection(const std::string& path) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "cannot open SQLite database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  // WAL lets readers run beside the one writer; synchronous=FULL fsyncs the WAL at every
  // commit, so an acknowledged write survives a power loss.
  ExecScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;");
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Stmt Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) Throw(rc, sql);
    it = cache_.emplace(std::string(sql), stmt).first;
  }
  return Stmt(*this, it->second);
}

void Connection::ExecScript(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(rc, msg);
  }
}

void Connection::Throw(int rc, std::string_view context) {
  throw SqliteError(rc, std::string(sqlite3_errmsg(db_)) + " [" + std::string(context.substr(0, 200)) + "]");
}

Transaction::Transaction(Connection& conn) : conn_(conn) { conn_.Prepare("BEGIN IMMEDIATE").Exec(); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      conn_.Prepare("ROLLBACK").Exec();
    } catch (...) {
      // The transaction is gone either way; nothing more to undo.
    }
  }
}

void Transaction::Commit() {
  conn_.Prepare("COMMIT").Exec();
  done_ = true;
}

namespace {
std::atomic<std::uint64_t> next_database_id{1};
thread_local std::unordered_map<std::uint64_t, Connection*> thread_connections;
}  // namespace

Database::Database(std::string path) : path_(std::move(path)), id_(next_database_id++) {}

Database::~Database() { CloseAll(); }

Connection& Database::Conn() {
  auto it = thread_connections.find(id_);
  if (it != thread_connections.end() && it->second) return *it->second;
  auto conn = std::make_unique<Connection>(path_);
  Connection* raw = conn.get();
  {
    std::lock_guard lock(mutex_);
    all_.push_back(std::move(conn));
  }
  thread_connections[id_] = raw;
  return *raw;
}

int Database::OpenConnections() {
  std::lock_guard lock(mutex_);
  return static_cast<int>(all_.size());
}

void Database::CloseAll() {
  std::lock_guard lock(mutex_);
  // Only called when no worker thread uses the database any more. The thread-local entries
  // keyed by this id are never looked up again, because ids are not reused.
  all_.clear();
  id_ = next_database_id++;
}

}  // namespace buurtplein::store::sqlite
