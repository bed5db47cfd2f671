#pragma once
#include <string>
#include <vector>

namespace buurtplein::store {

/// One versioned schema change; files are src/store/migrations/{engine}/NNNN_name.sql.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

}  // namespace buurtplein::store
