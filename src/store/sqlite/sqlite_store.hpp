#pragma once
#include <memory>
#include <string>

#include "domain/store.hpp"

namespace buurtplein::store::sqlite {

/// Opens (creating if needed) the SQLite database at `path`. Throws when it cannot.
std::unique_ptr<domain::Store> OpenSqliteStore(const std::string& path);

/// Copies the live database at `source_path` to `target_path` with SQLite's online backup API:
/// a consistent snapshot while the server keeps writing. Throws on failure.
void BackupSqlite(const std::string& source_path, const std::string& target_path);

}  // namespace buurtplein::store::sqlite
