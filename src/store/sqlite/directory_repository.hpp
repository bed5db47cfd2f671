#pragma once
#include "store/directory/sql_repository.hpp"
#include "store/sqlite/sql_runner.hpp"

namespace buurtplein::store::sqlite {

/// The runner the sociale kaart and the roles were first written on; now the common one.
using SqliteDirectoryRunner = SqliteRunner;

/// The sociale kaart on SQLite.
class SqliteDirectoryRepository {
 public:
  explicit SqliteDirectoryRepository(Database& db) : runner_(db), repo_(runner_) {}
  domain::directory::DirectoryRepository& get() { return repo_; }

 private:
  SqliteRunner runner_;
  directory::SqlDirectoryRepository repo_;
};

}  // namespace buurtplein::store::sqlite
