#pragma once
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/directory/sql_repository.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

/// Runs the sociale kaart's SQL on PostgreSQL: ?N becomes $N; a transaction keeps one pooled
/// connection for the calling thread until it ends.
class PostgresDirectoryRunner final : public directory::SqlRunner {
 public:
  explicit PostgresDirectoryRunner(Pool& pool) : pool_(pool) {}
  std::vector<directory::SqlRow> Run(const char* sql, const std::vector<directory::SqlValue>& params) override;
  bool Transact(const std::function<bool()>& body) override;

 private:
  const std::string& Translate(const char* sql);

  Pool& pool_;
  std::mutex mutex_;
  std::unordered_map<const char*, std::string> translated_;
};

/// The sociale kaart on PostgreSQL.
class PostgresDirectoryRepository {
 public:
  explicit PostgresDirectoryRepository(Pool& pool) : runner_(pool), repo_(runner_) {}
  domain::directory::DirectoryRepository& get() { return repo_; }

 private:
  PostgresDirectoryRunner runner_;
  directory::SqlDirectoryRepository repo_;
};

}  // namespace buurtplein::store::postgres
