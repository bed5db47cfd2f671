#pragma once
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// Demo news for Nijmegen's nine sites: per site three categories and a handful of made-up
/// posts spread over the past three weeks and the coming week (two sites also have a scheduled
/// post), with comments and "bedankt" by the demo residents. Every post says it is example
/// content. Deterministic (dates relative to the day it runs) and idempotent: a site that has
/// news categories already is left alone. Needs the demo people (LoadDemoPeople) first.
/// Returns how many posts it created.
int LoadDemoNews(domain::Store& store, const domain::sites::Directory& directory);

}  // namespace buurtplein::app
