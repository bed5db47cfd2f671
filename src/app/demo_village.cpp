#include "app/demo_village.hpp"

#include <spdlog/spdlog.h>

namespace buurtplein::app {

int LinkDemoGroupItems(domain::Store& store, const domain::sites::Directory& directory, std::int64_t now) {
  const auto* nijmegen = directory.FindCity("nijmegen");
  if (!nijmegen) return 0;
  int linked = 0;
  for (const auto& city_sites : directory.sites) {
    for (const auto& site : city_sites) {
      if (site.city_id != nijmegen->id) continue;
      const auto groups = store.groups().ListGroups(site.id, false, 1, 0);
      if (groups.empty()) continue;
      const std::int64_t group = groups[0].id.value;
      const auto events = store.events().ListPublicOfSite(site.id, now, 1, 0);
      if (!events.empty() && !events[0].group_id && store.events().SetGroup(site.id, events[0].id, group).ok()) {
        ++linked;
      }
      domain::news::ListQuery q;
      q.now = now;
      q.limit = 1;
      const auto posts = store.news().ListPublished(site.id, q);
      if (!posts.empty() && !posts[0].group_id && store.news().SetGroup(site.id, posts[0].id, group).ok()) ++linked;
    }
  }
  spdlog::info("demo: {} event(s) and news post(s) organised by a demo group", linked);
  return linked;
}

}  // namespace buurtplein::app
