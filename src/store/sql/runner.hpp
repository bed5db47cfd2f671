#pragma once
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "domain/common/ids.hpp"

/// One SQL text for both engines (decision 0010). A repository written once holds a Runner and
/// runs portable SQL on it: parameters are written ?1, ?2 … (SQLite reads them as they are, the
/// PostgreSQL runner rewrites them to $1, $2 … once, when it prepares the statement). Each engine
/// keeps every statement prepared per connection, keyed by its SQL text, and hands rows over as
/// typed columns (integer, real, text, NULL) without copying them into text first.
namespace buurtplein::store::sql {

/// A bound parameter: NULL, integer, real or text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
/// Bound parameters from the usual types: V(site), V(std::optional<ListingId>{}), V(text) …
inline Value V(std::int64_t v) { return v; }
inline Value V(int v) { return static_cast<std::int64_t>(v); }
inline Value V(bool v) { return static_cast<std::int64_t>(v ? 1 : 0); }
inline Value V(double v) { return v; }
inline Value V(const std::string& v) { return v; }
inline Value V(const char* v) { return Value(std::string(v)); }
inline Value V(std::nullopt_t) { return std::monostate{}; }
template <typename Tag>
Value V(domain::Id<Tag> id) {
  return id.value;
}
template <typename T>
Value V(const std::optional<T>& v) {
  if (!v) return Value(std::monostate{});
  return V(*v);
}

/// The parameters of one statement, as a view: a braced list at the call, {V(site), V(id)},
/// costs no allocation (the list lives until the call returns), and a std::vector works too.
class Params {
 public:
#pragma GCC diagnostic push
  // The list's array lives until the end of the call's full expression, as long as this view is
  // used (a parameter, never stored): the same contract as std::span over a braced list.
#pragma GCC diagnostic ignored "-Winit-list-lifetime"
  Params(std::initializer_list<Value> list) : data_(list.begin()), size_(list.size()) {}  // NOLINT
#pragma GCC diagnostic pop
  Params(const std::vector<Value>& v) : data_(v.data()), size_(v.size()) {}                 // NOLINT
  const Value* begin() const { return data_; }
  const Value* end() const { return data_ + size_; }
  std::size_t size() const { return size_; }
  const Value& operator[](std::size_t i) const { return data_[i]; }

 private:
  const Value* data_;
  std::size_t size_;
};

/// The engine a runner talks to, for the few statements that differ (locking, upserts).
enum class Engine { kSqlite, kPostgres };

/// A row with every column as text (NULL: nullopt), for code that reads rows that way.
using TextRow = std::vector<std::optional<std::string>>;

/// An integrity constraint failed (unique, foreign key, check, not null).
class ConstraintViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The current row of a result, valid only during the callback that receives it.
/// Reading a column as another type converts it; NULL reads as 0, 0.0 or "".
class Row {
 public:
  virtual int Columns() const = 0;
  virtual bool IsNull(int col) const = 0;
  /// Integers and booleans (true is 1); a real is truncated, text parsed.
  virtual std::int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  /// The column as text (a number in its usual decimal form).
  virtual std::string Text(int col) const = 0;

  bool Bool(int col) const { return Int(col) != 0; }
  /// A typed id (domain::Id<Tag>, or any type built from an int64), nullopt for NULL.
  template <typename IdType>
  std::optional<IdType> OptId(int col) const {
    if (IsNull(col)) return std::nullopt;
    return IdType{Int(col)};
  }

 protected:
  ~Row() = default;
};

/// The first column as an integer: the reader of a count, or of the id a RETURNING gives back.
inline std::int64_t FirstInt(const Row& r) { return r.Int(0); }

/// A non-owning reference to a callable: no allocation, unlike std::function. Only valid while
/// the callable it was made from lives (a call argument, here).
template <typename Signature>
class FunctionRef;
template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f)  // NOLINT(google-explicit-constructor): passed as a lambda
      : object_(const_cast<void*>(static_cast<const void*>(&f))), call_([](void* o, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<Args>(args)...);
        }) {}
  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

/// Runs SQL on one engine.
class Runner {
 public:
  virtual ~Runner() = default;

  /// Runs one statement with ?N parameters and calls `on_row` for each row it returns, up to
  /// `max_rows` (negative: all); returns the number of rows passed to `on_row`. A statement that
  /// writes always runs to its end. The statement is prepared once per connection and reused.
  /// `on_row` must not run SQL itself (collect what it needs, run the next statement after).
  /// Throws ConstraintViolation for a failed constraint and the engine's error for anything else.
  virtual int Each(std::string_view sql, Params params, FunctionRef<void(const Row&)> on_row, int max_rows) = 0;
  int Each(std::string_view sql, Params params, FunctionRef<void(const Row&)> on_row) {
    return Each(sql, params, on_row, -1);
  }
  /// Runs `body` in a transaction on the calling thread's connection (a savepoint when one is
  /// already open): committed when it returns true, rolled back when it returns false or throws.
  /// Every statement `body` runs through a runner on the same database joins it.
  virtual bool Transact(const std::function<bool()>& body) = 0;
  virtual Engine engine() const = 0;

  /// Runs a statement and ignores what it returns; returns the number of rows it returned
  /// (with RETURNING: the rows it changed).
  int Exec(std::string_view sql, Params params) {
    return Each(sql, params, [](const Row&) {});
  }
  /// The first row read by `read(row)`, or nullopt when there is none.
  template <typename Read>
  auto One(std::string_view sql, Params params, Read&& read)
      -> std::optional<std::decay_t<decltype(read(std::declval<const Row&>()))>> {
    std::optional<std::decay_t<decltype(read(std::declval<const Row&>()))>> out;
    Each(sql, params, [&](const Row& r) { out.emplace(read(r)); }, 1);
    return out;
  }
  /// Every row, each read by `read(row)`.
  template <typename Read>
  auto List(std::string_view sql, Params params, Read&& read)
      -> std::vector<std::decay_t<decltype(read(std::declval<const Row&>()))>> {
    std::vector<std::decay_t<decltype(read(std::declval<const Row&>()))>> out;
    Each(sql, params, [&](const Row& r) { out.push_back(read(r)); });
    return out;
  }
  /// Every row with every column as text: a thin adapter for repositories written that way
  /// (the sociale kaart, roles). New code reads typed columns with Each, One or List.
  std::vector<TextRow> Run(std::string_view sql, Params params);
};

}  // namespace buurtplein::store::sql
