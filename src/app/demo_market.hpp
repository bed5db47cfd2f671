#pragma once
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// Example asks and offers on Nijmegen's nine demo sites, made up and marked as such, with a
/// few conversations and matches (issue 4 §4 and §7). Deterministic; skips a site that already
/// has listings, so it is idempotent. Needs the demo people (LoadDemoPeople). Returns how many
/// listings it created.
int LoadDemoMarket(domain::Store& store, const domain::sites::Directory& directory);

}  // namespace buurtplein::app
