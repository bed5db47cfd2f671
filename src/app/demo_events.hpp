#pragma once
#include <cstdint>

#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// Example events for Nijmegen's nine demo sites over the coming weeks (from `now`): a weekly
/// coffee morning, a monthly repair café on the 2nd Saturday, a clean-up with a few places, a
/// members-only evening, a walk and an all-day neighbourhood party. Every title starts with
/// "Voorbeeld" and every description says it is example content. The same days and texts on
/// every run; a site that has events already is left alone. Returns how many it created.
int LoadDemoEvents(domain::Store& store, const domain::sites::Directory& directory, std::int64_t now);

}  // namespace buurtplein::app
