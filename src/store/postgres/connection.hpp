#pragma once
#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace buurtplein::store::postgres {

/// A failed libpq call; carries the SQLSTATE ("23505" unique violation, "23503" foreign key
/// violation, "08006" connection failure …).
class PostgresError : public std::runtime_error {
 public:
  PostgresError(std::string sqlstate, const std::string& what)
      : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  bool IsUniqueViolation() const { return sqlstate_ == "23505"; }
  bool IsForeignKeyViolation() const { return sqlstate_ == "23503"; }
  /// Any integrity constraint (class 23), like SQLite's SQLITE_CONSTRAINT.
  bool IsConstraint() const { return sqlstate_.rfind("23", 0) == 0; }

 private:
  std::string sqlstate_;
};

/// Bound parameters for PQexecParams, all sent as text; a null is SQL NULL.
class Params {
 public:
  Params& Add(std::string_view v);
  Params& Add(const char* v) { return Add(std::string_view(v)); }
  Params& Add(const std::string& v) { return Add(std::string_view(v)); }
  Params& Add(std::int64_t v);
  Params& Add(int v) { return Add(static_cast<std::int64_t>(v)); }
  Params& Add(long long v) { return Add(static_cast<std::int64_t>(v)); }
  Params& Add(double v);
  Params& AddNull();
  template <typename T>
  Params& Add(const std::optional<T>& v) {
    return v ? Add(*v) : AddNull();
  }

  int size() const { return static_cast<int>(values_.size()); }
  /// Pointers into this object for libpq; valid while it is neither changed nor destroyed.
  std::vector<const char*> Pointers() const;

 private:
  std::vector<std::string> values_;
  std::vector<bool> null_;
};

/// An owned PGresult with typed accessors for text-format columns.
class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  Result(Result&& o) noexcept : r_(std::exchange(o.r_, nullptr)) {}
  Result& operator=(Result&& o) noexcept;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() { PQclear(r_); }

  int Rows() const { return PQntuples(r_); }
  bool IsNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  std::string Text(int row, int col) const;
  std::int64_t Int(int row, int col) const;
  double Double(int row, int col) const;
  /// Rows changed by an INSERT, UPDATE or DELETE.
  long Affected() const;
  const PGresult* raw() const { return r_; }

 private:
  PGresult* r_;
};

/// One libpq connection. Used by one thread at a time (the pool hands it out).
class Connection {
 public:
  /// Connects; throws PostgresError with a readable message when it cannot.
  explicit Connection(const std::string& conninfo);
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one statement with bound text parameters; throws PostgresError on failure.
  Result Exec(const char* sql, const Params& params = {});
  /// Prepares `sql` as the connection's unnamed statement, for ExecPrepared in a loop (bulk
  /// writes: parsed and planned once). Any Exec in between replaces it.
  void Prepare(const char* sql, int param_count);
  /// Runs the statement last prepared with Prepare().
  Result ExecPrepared(const Params& params);
  /// Runs the statement last prepared with Prepare() once per entry of `batch`, sent in one
  /// pipeline: one round trip instead of one per row. Throws the first error; after an error
  /// the remaining rows are not run (the caller's transaction is then aborted).
  void ExecPreparedBatch(const std::vector<Params>& batch);
  /// Runs `sql` as a named prepared statement of this connection: prepared (PQprepare) the first
  /// time this connection sees the text, afterwards only executed (keyed by the SQL text, so
  /// `sql` must be a fixed text, not one built per call). ?N placeholders are rewritten to $N.
  /// `values` are text parameters (nullptr: NULL); result_format 1 asks for binary columns.
  Result ExecCached(std::string_view sql, int n_params, const char* const* values, int result_format);
  /// How many statements ExecCached keeps prepared on this connection.
  std::size_t cached_statements() const { return statements_.size(); }
  /// Runs one or more statements without parameters (a migration file).
  void ExecScript(const std::string& sql);
  /// True when the connection is usable and not inside a transaction; notices without a round
  /// trip when the server has closed it.
  bool Healthy();
  /// Reconnects with the same parameters; true when that worked.
  bool Reset();
  PGconn* raw() { return conn_; }

 private:
  [[noreturn]] void ThrowFrom(PGresult* r, std::string_view sql);
  // Looked up by string_view: no std::string is built for a hit.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  PGconn* conn_ = nullptr;
  bool broken_ = false;
  // SQL text → name of its prepared statement on this session; emptied when the session is reset.
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> statements_;
  std::uint64_t statement_names_ = 0;  // never reused within a session, even after a statement is forgotten  // left in a state no caller should inherit (e.g. a half-sent pipeline)
};

/// BEGIN … COMMIT; rolls back when destroyed without Commit().
class Transaction {
 public:
  explicit Transaction(Connection& conn);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

/// `sql` with every ?N placeholder written $N (portable SQL holds no '?' otherwise).
std::string QuestionToDollarParams(std::string_view sql);

/// "host:port/db" of a connection, never the password: for messages.
std::string DescribeTarget(PGconn* conn);

}  // namespace buurtplein::store::postgres
