#pragma once
#include "store/directory/sql_repository.hpp"
#include "store/postgres/sql_runner.hpp"

namespace buurtplein::store::postgres {

/// The runner the sociale kaart and the roles were first written on; now the common one.
using PostgresDirectoryRunner = PostgresRunner;

/// The sociale kaart on PostgreSQL.
class PostgresDirectoryRepository {
 public:
  explicit PostgresDirectoryRepository(Pool& pool) : runner_(pool), repo_(runner_) {}
  domain::directory::DirectoryRepository& get() { return repo_; }

 private:
  PostgresRunner runner_;
  directory::SqlDirectoryRepository repo_;
};

}  // namespace buurtplein::store::postgres
