#pragma once
#include <memory>
#include <string>

#include "domain/store.hpp"

namespace buurtplein::store::postgres {

/// Opens a pool of up to `pool_size` connections to PostgreSQL (`conninfo`: a postgresql:// URL
/// or key=value pairs) and opens the first one now. Throws std::runtime_error "Cannot connect to
/// PostgreSQL at host:port/db: reason" (never the password) when the server cannot be reached.
std::unique_ptr<domain::Store> OpenPostgresStore(const std::string& conninfo, int pool_size);

/// Runs one or more SQL statements without parameters on a connection of its own, for
/// administration and test set-up (creating or dropping a schema). Throws on failure.
void ExecPostgresScript(const std::string& conninfo, const std::string& sql);

}  // namespace buurtplein::store::postgres
