#include "store/open_store.hpp"

#include <stdexcept>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace buurtplein::store {

DatabaseUrl ParseDatabaseUrl(const std::string& url) {
  DatabaseUrl out;
  if (url.rfind("sqlite://", 0) == 0) {
    out.engine = DatabaseUrl::Engine::kSqlite;
    out.sqlite_path = url.substr(9);  // sqlite:///abs → /abs, sqlite://rel → rel
    if (out.sqlite_path.empty()) {
      throw std::invalid_argument("The database URL '" + url + "' names no file; use sqlite:///path/to/file.db.");
    }
    return out;
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    out.engine = DatabaseUrl::Engine::kPostgres;
    out.postgres_conninfo = url;
    return out;
  }
  throw std::invalid_argument("The database URL '" + url +
                              "' is not supported; use sqlite:///path/to/file.db or postgresql://….");
}

std::unique_ptr<domain::Store> OpenStore(const std::string& url, int pool_size) {
  const DatabaseUrl parsed = ParseDatabaseUrl(url);
  if (parsed.engine == DatabaseUrl::Engine::kSqlite) return sqlite::OpenSqliteStore(parsed.sqlite_path);
  return postgres::OpenPostgresStore(parsed.postgres_conninfo, pool_size);
}

}  // namespace buurtplein::store
