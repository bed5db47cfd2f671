#pragma once
#include "domain/store.hpp"

namespace buurtplein::app {

/// Invented sociale kaart entries for Nijmegen, each marked as an example ("voorbeeld"): no open
/// Nijmegen sociale kaart exists. Made-up organisations only, with no addresses or phone
/// numbers; places sit on the CBS label point of their buurt. Idempotent.
void LoadDemoDirectory(domain::Store& store, domain::CityId nijmegen);

}  // namespace buurtplein::app
