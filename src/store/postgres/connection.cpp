#include "store/postgres/connection.hpp"

#include <poll.h>

#include <charconv>
#include <cstring>
#include <system_error>

namespace buurtplein::store::postgres {
namespace {

std::string FirstLine(const char* s) {
  if (!s) return {};
  std::string_view v(s);
  v = v.substr(0, v.find('\n'));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.remove_suffix(1);
  return std::string(v);
}

// Notices ("relation … already exists, skipping") are not errors; libpq would print them to stderr.
void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

Params& Params::Add(std::string_view v) {
  values_.emplace_back(v);
  null_.push_back(false);
  return *this;
}

Params& Params::Add(std::int64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  values_.emplace_back(buf, end);
  null_.push_back(false);
  return *this;
}

Params& Params::Add(double v) {
  // Shortest text that reads back to the same double: nothing is lost on the way to float8.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  values_.emplace_back(buf, end);
  null_.push_back(false);
  return *this;
}

Params& Params::AddNull() {
  values_.emplace_back();
  null_.push_back(true);
  return *this;
}

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) out[i] = null_[i] ? nullptr : values_[i].c_str();
  return out;
}

Result& Result::operator=(Result&& o) noexcept {
  if (this != &o) {
    PQclear(r_);
    r_ = std::exchange(o.r_, nullptr);
  }
  return *this;
}

std::string Result::Text(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
}

std::int64_t Result::Int(int row, int col) const {
  const char* p = PQgetvalue(r_, row, col);
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(p, p + PQgetlength(r_, row, col), v);
  if (ec != std::errc()) throw PostgresError("22P02", std::string("not an integer: '") + p + "'");
  return v;
}

double Result::Double(int row, int col) const {
  const char* p = PQgetvalue(r_, row, col);
  double v = 0;
  const auto [end, ec] = std::from_chars(p, p + PQgetlength(r_, row, col), v);
  if (ec != std::errc()) throw PostgresError("22P02", std::string("not a number: '") + p + "'");
  return v;
}

long Result::Affected() const {
  const char* p = PQcmdTuples(r_);
  long v = 0;
  std::from_chars(p, p + std::strlen(p), v);
  return v;
}

Connection::Connection(const std::string& conninfo) {
  // Entries before the expanded "dbname" are defaults: the URL's own values override them.
  const char* keywords[] = {"application_name", "connect_timeout", "client_encoding", "dbname", nullptr};
  const char* values[] = {"buurtplein", "5", "UTF8", conninfo.c_str(), nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn_) throw PostgresError("08001", "Cannot connect to PostgreSQL: out of memory.");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string reason = FirstLine(PQerrorMessage(conn_));
    const std::string target = DescribeTarget(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    if (reason.empty()) reason = "unknown error";
    throw PostgresError("08001", "Cannot connect to PostgreSQL at " + target + ": " + reason);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
}

Result Connection::Exec(const char* sql, const Params& params) {
  const auto pointers = params.Pointers();
  PGresult* r = PQexecParams(conn_, sql, params.size(), nullptr, pointers.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) ThrowFrom(r, sql);
  return Result(r);
}

void Connection::Prepare(const char* sql, int param_count) {
  PGresult* r = PQprepare(conn_, "", sql, param_count, nullptr);
  if (PQresultStatus(r) != PGRES_COMMAND_OK) ThrowFrom(r, sql);
  PQclear(r);
}

Result Connection::ExecPrepared(const Params& params) {
  const auto pointers = params.Pointers();
  PGresult* r = PQexecPrepared(conn_, "", params.size(), pointers.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) ThrowFrom(r, "prepared statement");
  return Result(r);
}

void Connection::ExecPreparedBatch(const std::vector<Params>& batch) {
  if (batch.empty()) return;
  if (PQenterPipelineMode(conn_) != 1) ThrowFrom(nullptr, "enter pipeline mode");
  for (const auto& params : batch) {
    const auto pointers = params.Pointers();
    if (PQsendQueryPrepared(conn_, "", params.size(), pointers.data(), nullptr, nullptr, 0) != 1) {
      broken_ = true;  // results of the statements already sent are still pending
      ThrowFrom(nullptr, "send in pipeline");
    }
  }
  if (PQpipelineSync(conn_) != 1) {
    broken_ = true;
    ThrowFrom(nullptr, "pipeline sync");
  }
  // Results arrive in order: each statement's result followed by a null, then the sync marker.
  // Statements after a failed one report PGRES_PIPELINE_ABORTED; the first error is the one to tell.
  PGresult* first_error = nullptr;
  for (;;) {
    PGresult* r = PQgetResult(conn_);
    if (!r) {
      if (PQstatus(conn_) != CONNECTION_OK) break;
      continue;
    }
    const auto status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    if (status == PGRES_FATAL_ERROR && !first_error) {
      first_error = r;
    } else {
      PQclear(r);
    }
  }
  if (PQexitPipelineMode(conn_) != 1) broken_ = true;
  if (first_error) ThrowFrom(first_error, "pipelined prepared statement");
  if (PQstatus(conn_) != CONNECTION_OK) ThrowFrom(nullptr, "pipeline");
}

Result Connection::ExecCached(std::string_view sql, int n_params, const char* const* values, int result_format) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    std::string name = "bp" + std::to_string(++statement_names_);
    const std::string text = QuestionToDollarParams(sql);
    // No parameter types: the server infers them, as it does for PQexecParams.
    PGresult* r = PQprepare(conn_, name.c_str(), text.c_str(), n_params, nullptr);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) ThrowFrom(r, sql);
    PQclear(r);
    it = statements_.emplace(std::string(sql), std::move(name)).first;
  }
  PGresult* r = PQexecPrepared(conn_, it->second.c_str(), n_params, values, nullptr, nullptr, result_format);
  const auto status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    // 26000: the session lost its prepared statement (DISCARD ALL by someone); forget it so the
    // next call prepares it again.
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    if (state && std::string_view(state) == "26000") statements_.erase(it);
    ThrowFrom(r, sql);
  }
  return Result(r);
}

void Connection::ExecScript(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const auto status = PQresultStatus(r);
  // The context of a whole script is its first line, not 200 characters of it.
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) ThrowFrom(r, {});
  PQclear(r);
}

void Connection::ThrowFrom(PGresult* r, std::string_view sql) {
  std::string sqlstate;
  std::string message;
  if (r) {
    if (const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE)) sqlstate = s;
    message = FirstLine(PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
    if (const char* detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL)) message += " (" + FirstLine(detail) + ")";
    PQclear(r);
  }
  if (message.empty()) message = FirstLine(PQerrorMessage(conn_));
  if (sqlstate.empty() && PQstatus(conn_) != CONNECTION_OK) sqlstate = "08006";
  if (!sql.empty()) message += " [" + std::string(sql.substr(0, 200)) + "]";
  throw PostgresError(sqlstate, message);
}

bool Connection::Healthy() {
  if (broken_ || PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) != PQTRANS_IDLE) return false;
  // An idle connection has nothing to read unless the server has gone away: a terminated
  // backend sends a FATAL and closes. libpq only notices at the next query, which would then
  // fail; looking now (no round trip) lets the pool reset it first. Whatever else may arrive
  // (a notification) is consumed; anything still readable after that is the end of the stream.
  pollfd pfd{PQsocket(conn_), POLLIN, 0};
  if (pfd.fd < 0) return false;
  if (::poll(&pfd, 1, 0) == 0) return true;
  if (PQconsumeInput(conn_) != 1) return false;
  while (PGnotify* n = PQnotifies(conn_)) PQfreemem(n);
  pfd.revents = 0;
  return ::poll(&pfd, 1, 0) == 0 && PQstatus(conn_) == CONNECTION_OK;
}

bool Connection::Reset() {
  if (broken_) return false;  // a fresh connection is simpler than unwinding a pipeline
  PQreset(conn_);
  statements_.clear();  // a new session has none of the old one's prepared statements
  return PQstatus(conn_) == CONNECTION_OK;
}

Transaction::Transaction(Connection& conn) : conn_(conn) { conn_.Exec("BEGIN"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      conn_.Exec("ROLLBACK");
    } catch (...) {
      // A broken connection has lost the transaction anyway; the pool replaces it.
    }
  }
}

void Transaction::Commit() {
  done_ = true;
  conn_.Exec("COMMIT");
}

std::string QuestionToDollarParams(std::string_view sql) {
  std::string out(sql);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '?' && out[i + 1] >= '0' && out[i + 1] <= '9') out[i] = '$';
  }
  return out;
}

std::string DescribeTarget(PGconn* conn) {
  const char* host = conn ? PQhost(conn) : nullptr;
  const char* port = conn ? PQport(conn) : nullptr;
  const char* db = conn ? PQdb(conn) : nullptr;
  if (!host || !*host) return "the configured address";
  std::string out = host;
  if (port && *port) out += ":" + std::string(port);
  if (db && *db) out += "/" + std::string(db);
  return out;
}

}  // namespace buurtplein::store::postgres
