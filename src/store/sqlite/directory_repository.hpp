#pragma once
#include "store/directory/sql_repository.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

/// Runs the sociale kaart's SQL on SQLite (the calling thread's connection).
class SqliteDirectoryRunner final : public directory::SqlRunner {
 public:
  explicit SqliteDirectoryRunner(Database& db) : db_(db) {}
  std::vector<directory::SqlRow> Run(const char* sql, const std::vector<directory::SqlValue>& params) override;
  bool Transact(const std::function<bool()>& body) override;

 private:
  Database& db_;
};

/// The sociale kaart on SQLite.
class SqliteDirectoryRepository {
 public:
  explicit SqliteDirectoryRepository(Database& db) : runner_(db), repo_(runner_) {}
  domain::directory::DirectoryRepository& get() { return repo_; }

 private:
  SqliteDirectoryRunner runner_;
  directory::SqlDirectoryRepository repo_;
};

}  // namespace buurtplein::store::sqlite
