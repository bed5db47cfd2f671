#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace buurtplein::store::sqlite {

/// A failed SQLite call; carries the extended result code.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool IsConstraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

 private:
  int code_;
};

class Connection;

/// A prepared statement borrowed from a connection's cache; reset when it goes out of scope.
class Stmt {
 public:
  Stmt(Connection& conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& Bind(int index, std::int64_t v);
  Stmt& Bind(int index, int v) { return Bind(index, static_cast<std::int64_t>(v)); }
  Stmt& Bind(int index, double v);
  Stmt& Bind(int index, std::string_view v);
  Stmt& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Stmt& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Stmt& BindNull(int index);
  template <typename T>
  Stmt& Bind(int index, const std::optional<T>& v) {
    return v ? Bind(index, *v) : BindNull(index);
  }

  /// Advances to the next row; false when done. Throws SqliteError on failure.
  bool Step();
  /// Runs a statement that returns no rows.
  void Exec() {
    while (Step()) {
    }
  }

  std::int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int ColumnCount() const { return sqlite3_column_count(stmt_); }
  /// The statement itself, for code that reads columns generically (bound and stepped through
  /// this object; reset when it goes).
  sqlite3_stmt* raw() const { return stmt_; }

 private:
  Connection& conn_;
  sqlite3_stmt* stmt_;
};

/// One SQLite connection with its prepared-statement cache. Used by one thread at a time.
class Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// A cached prepared statement for `sql` (keyed by the SQL text): prepared on first use on
  /// this connection, then reset and reused. Statements prepared before a schema change are
  /// re-prepared by SQLite on their next step. One Stmt of a given SQL text at a time.
  Stmt Prepare(std::string_view sql);
  /// How many statements this connection keeps prepared.
  std::size_t cached_statements() const { return cache_.size(); }
  /// Runs one or more statements without parameters.
  void ExecScript(const std::string& sql);
  sqlite3* raw() { return db_; }
  [[noreturn]] void Throw(int rc, std::string_view context);

 private:
  // Looked up by string_view: no std::string is built for a hit.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without Commit().
class Transaction {
 public:
  explicit Transaction(Connection& conn);
  ~Transaction();
  void Commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

/// The database file: hands each thread its own connection (SQLite connections are not
/// shared between threads) and closes them all at shutdown.
class Database {
 public:
  explicit Database(std::string path);
  ~Database();
  /// The calling thread's connection, opened on first use.
  Connection& Conn();
  const std::string& path() const { return path_; }
  int OpenConnections();
  void CloseAll();

 private:
  std::string path_;
  std::uint64_t id_;  // unique per Database, never reused: keys the thread-local map
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> all_;
};

}  // namespace buurtplein::store::sqlite
