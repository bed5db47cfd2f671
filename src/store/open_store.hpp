#pragma once
#include <memory>
#include <string>

#include "domain/store.hpp"

namespace buurtplein::store {

/// A parsed database URL: sqlite:///abs/path.db, sqlite://relative/path.db or postgresql://…
struct DatabaseUrl {
  enum class Engine { kSqlite, kPostgres } engine = Engine::kSqlite;
  std::string sqlite_path;    ///< for SQLite
  std::string postgres_conninfo;  ///< the URL itself, for libpq
};

/// Parses a database URL; throws std::invalid_argument with a readable sentence when invalid.
DatabaseUrl ParseDatabaseUrl(const std::string& url);

/// Opens the store for `url`. `pool_size` is the PostgreSQL connection pool size.
/// Throws std::runtime_error with a readable sentence when the database cannot be reached.
std::unique_ptr<domain::Store> OpenStore(const std::string& url, int pool_size);

}  // namespace buurtplein::store
