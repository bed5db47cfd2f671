#pragma once
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// Demo professionals (issue 3 §7, issue 5 §6): three made-up wijkprofessionals of the demo's
/// made-up example organisations, each working in two Nijmegen sites, and one organisation admin.
/// Addresses at example.nl, invented names, job titles marked "(voorbeeld)", accounts marked
/// is_demo (they log in only in development mode; README "Demo logins"). Needs the demo's
/// organisations (LoadDemoDirectory) first. Idempotent: what exists is left as it is.
void LoadDemoProfessionals(domain::Store& store, const domain::sites::Directory& directory);

}  // namespace buurtplein::app
