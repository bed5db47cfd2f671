#pragma once
#include <string>

#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// Loads the demo: the five cities from the CBS data and Nijmegen's nine neighbourhood sites,
/// one per CBS wijk (WK026801–09), each covering that wijk's buurten. Idempotent. The
/// associations, site names, taglines and colours are made up for the demo and say so.
/// kAll adds the demo people and the made-up example content of every feature (news, agenda, ask
/// & offer, groups, questions, sociale kaart); kPeopleOnly stops after the people (tests that
/// count exactly what they wrote).
enum class DemoContent { kAll, kPeopleOnly };
void LoadDemo(domain::Store& store, domain::sites::SiteService& sites, const std::string& cbs_dir,
              DemoContent content = DemoContent::kAll);

}  // namespace buurtplein::app
