#include "store/postgres/sql_runner.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace buurtplein::store::postgres {

namespace {

// Type OIDs (pg_type.dat); stable across PostgreSQL versions.
constexpr Oid kBool = 16;
constexpr Oid kName = 19;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kText = 25;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kUnknown = 705;
constexpr Oid kBpchar = 1042;
constexpr Oid kVarchar = 1043;
constexpr Oid kNumeric = 1700;

std::uint64_t BigEndian(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// A binary numeric: int16 ndigits, int16 weight, uint16 sign, int16 dscale, then base-10000 digits.
std::string NumericText(const char* p, int length) {
  if (length < 8) return "0";
  const int ndigits = static_cast<std::int16_t>(BigEndian(p, 2));
  const int weight = static_cast<std::int16_t>(BigEndian(p + 2, 2));
  const unsigned sign = static_cast<unsigned>(BigEndian(p + 4, 2));
  const int dscale = static_cast<std::int16_t>(BigEndian(p + 6, 2));
  if (sign == 0xC000) return "NaN";
  auto digit = [&](int i) -> int {
    return i >= 0 && i < ndigits && 8 + 2 * i + 1 < length ? static_cast<int>(BigEndian(p + 8 + 2 * i, 2)) : 0;
  };
  std::string out = sign == 0x4000 ? "-" : "";
  // Integer part: digit groups 0 … weight.
  if (weight < 0) {
    out += "0";
  } else {
    for (int i = 0; i <= weight; ++i) {
      const std::string group = std::to_string(digit(i));
      out += i == 0 ? group : std::string(4 - group.size(), '0') + group;
    }
  }
  if (dscale > 0) {
    std::string frac;
    for (int i = weight + 1; static_cast<int>(frac.size()) < dscale; ++i) {
      const std::string group = std::to_string(digit(i));
      frac += std::string(4 - group.size(), '0') + group;
    }
    out += "." + frac.substr(0, static_cast<std::size_t>(dscale));
  }
  return out;
}

class PostgresRow final : public sql::Row {
 public:
  explicit PostgresRow(const PGresult* r) : r_(r), columns_(PQnfields(r)) {}
  void At(int row) { row_ = row; }

  int Columns() const override { return columns_; }
  bool IsNull(int col) const override { return PQgetisnull(r_, row_, col) != 0; }

  std::int64_t Int(int col) const override {
    if (IsNull(col)) return 0;
    const char* p = PQgetvalue(r_, row_, col);
    switch (PQftype(r_, col)) {
      case kInt8: return static_cast<std::int64_t>(BigEndian(p, 8));
      case kInt4: return static_cast<std::int32_t>(BigEndian(p, 4));
      case kInt2: return static_cast<std::int16_t>(BigEndian(p, 2));
      case kOid: return static_cast<std::int64_t>(BigEndian(p, 4));
      case kBool: return p[0] != 0 ? 1 : 0;
      case kFloat4:
      case kFloat8: return static_cast<std::int64_t>(Double(col));
      default: {
        const std::string text = Text(col);
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc()) throw PostgresError("22P02", "not an integer: '" + text + "'");
        return v;
      }
    }
  }

  double Double(int col) const override {
    if (IsNull(col)) return 0;
    const char* p = PQgetvalue(r_, row_, col);
    switch (PQftype(r_, col)) {
      case kFloat8: {
        const std::uint64_t bits = BigEndian(p, 8);
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
      }
      case kFloat4: {
        const auto bits = static_cast<std::uint32_t>(BigEndian(p, 4));
        float v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
      }
      case kInt8:
      case kInt4:
      case kInt2:
      case kOid:
      case kBool: return static_cast<double>(Int(col));
      default: {
        const std::string text = Text(col);
        double v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc()) throw PostgresError("22P02", "not a number: '" + text + "'");
        return v;
      }
    }
  }

  std::string Text(int col) const override {
    if (IsNull(col)) return {};
    const char* p = PQgetvalue(r_, row_, col);
    const int length = PQgetlength(r_, row_, col);
    switch (const Oid type = PQftype(r_, col)) {
      case kText:
      case kVarchar:
      case kBpchar:
      case kName:
      case kUnknown: return std::string(p, static_cast<std::size_t>(length));
      case kInt8:
      case kInt4:
      case kInt2:
      case kOid:
      case kBool: return std::to_string(Int(col));
      case kFloat4:
      case kFloat8: {
        // Shortest text that reads back to the same double, like PostgreSQL's own output.
        char buf[64];
        const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, Double(col));
        return std::string(buf, end);
      }
      case kNumeric: return NumericText(p, length);
      default:
        throw PostgresError("42804", "column " + std::to_string(col + 1) + " has type oid " + std::to_string(type) +
                                         ", which the SQL runner cannot read in binary: cast it in the SQL");
    }
  }

 private:
  const PGresult* r_;
  int columns_;
  int row_ = 0;
};

// Text parameters for libpq, written into buffers reused by the calling thread (one call at a
// time per thread: the rows are read after the parameters are done with).
struct ParamBuffers {
  std::vector<std::string> numbers;
  std::vector<const char*> values;
};
thread_local ParamBuffers param_buffers;

const char* const* TextParams(sql::Params params) {
  auto& b = param_buffers;
  if (b.numbers.size() < params.size()) b.numbers.resize(params.size());
  b.values.assign(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    if (const auto* s = std::get_if<std::string>(&p)) {
      b.values[i] = s->c_str();
    } else if (const auto* n = std::get_if<std::int64_t>(&p)) {
      char buf[24];
      const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *n);
      b.numbers[i].assign(buf, end);  // reuses the string's buffer: no allocation after warm-up
      b.values[i] = b.numbers[i].c_str();
    } else if (const auto* d = std::get_if<double>(&p)) {
      char buf[64];
      const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
      b.numbers[i].assign(buf, end);
      b.values[i] = b.numbers[i].c_str();
    }
  }
  return b.values.data();
}

// The connection of the calling thread's open transaction on a pool (nullptr: none).
struct OpenTransaction {
  const Pool* pool = nullptr;
  Connection* conn = nullptr;
};
thread_local OpenTransaction open_tx;

Result RunCached(Connection& conn, std::string_view sql, sql::Params params) {
  try {
    return conn.ExecCached(sql, static_cast<int>(params.size()), TextParams(params), /*result_format=*/1);
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) throw sql::ConstraintViolation(e.what());
    throw;
  }
}

}  // namespace

int PostgresRunner::Each(std::string_view sql, sql::Params params, sql::FunctionRef<void(const sql::Row&)> on_row,
                         int max_rows) {
  // The connection goes back to the pool before the rows are read: the result is ours.
  Result r = [&] {
    if (open_tx.pool == &pool_ && open_tx.conn) return RunCached(*open_tx.conn, sql, params);
    auto lease = pool_.Acquire();
    return RunCached(*lease, sql, params);
  }();
  const int rows = max_rows >= 0 ? std::min(r.Rows(), max_rows) : r.Rows();
  PostgresRow row(r.raw());
  for (int i = 0; i < rows; ++i) {
    row.At(i);
    on_row(row);
  }
  return rows;
}

bool PostgresRunner::Transact(const std::function<bool()>& body) {
  if (open_tx.pool == &pool_ && open_tx.conn) {
    Connection& conn = *open_tx.conn;
    conn.ExecCached("SAVEPOINT bp_runner", 0, nullptr, 0);
    bool ok = false;
    try {
      ok = body();
    } catch (...) {
      try {
        conn.ExecCached("ROLLBACK TO SAVEPOINT bp_runner", 0, nullptr, 0);
        conn.ExecCached("RELEASE SAVEPOINT bp_runner", 0, nullptr, 0);
      } catch (...) {
        // The first error is the one to report.
      }
      throw;
    }
    if (!ok) conn.ExecCached("ROLLBACK TO SAVEPOINT bp_runner", 0, nullptr, 0);
    conn.ExecCached("RELEASE SAVEPOINT bp_runner", 0, nullptr, 0);
    return ok;
  }
  auto lease = pool_.Acquire();
  Connection& conn = *lease;
  const OpenTransaction outer = open_tx;  // a transaction on another pool stays where it was
  conn.ExecCached("BEGIN", 0, nullptr, 0);
  open_tx = {&pool_, &conn};
  bool ok = false;
  try {
    ok = body();
  } catch (...) {
    open_tx = outer;
    try {
      conn.ExecCached("ROLLBACK", 0, nullptr, 0);
    } catch (...) {
      // A broken connection has lost the transaction anyway; the pool replaces it.
    }
    throw;
  }
  open_tx = outer;
  conn.ExecCached(ok ? "COMMIT" : "ROLLBACK", 0, nullptr, 0);
  return ok;
}

}  // namespace buurtplein::store::postgres
