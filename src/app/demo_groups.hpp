#pragma once
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// Demo groups and questions for Nijmegen's nine sites: per site three groups (made-up Dutch
/// initiatives such as a moestuin, a wandelclub and a repair café, one of them closed with a
/// request waiting) and three questions (two answered, one with the answer that helped marked;
/// one waiting). Every text says it is example content; the people are the demo residents of
/// LoadDemoPeople. Deterministic; idempotent per site (a site that has groups, or questions,
/// keeps them). Returns how many groups and questions it created.
int LoadDemoGroupsAndQuestions(domain::Store& store, const domain::sites::Directory& directory);

}  // namespace buurtplein::app
