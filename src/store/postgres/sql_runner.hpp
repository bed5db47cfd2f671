#pragma once
#include "store/postgres/pool.hpp"
#include "store/sql/runner.hpp"

namespace buurtplein::store::postgres {

/// Runs portable SQL on PostgreSQL: each statement is prepared once per pooled connection
/// (Connection::ExecCached, ?N rewritten to $N then) and its rows come back in binary format,
/// read by column type (int2/4/8, bool, float4/8, numeric, text). A transaction keeps one pooled
/// connection for the calling thread until it ends; every runner on the same pool joins it.
class PostgresRunner final : public sql::Runner {
 public:
  explicit PostgresRunner(Pool& pool) : pool_(pool) {}
  using sql::Runner::Each;
  int Each(std::string_view sql, sql::Params params, sql::FunctionRef<void(const sql::Row&)> on_row,
           int max_rows) override;
  bool Transact(const std::function<bool()>& body) override;
  sql::Engine engine() const override { return sql::Engine::kPostgres; }

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
