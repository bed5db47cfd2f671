#include "app/demo_village.hpp"

#include <spdlog/spdlog.h>

#include "domain/directory/repositories.hpp"
#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"

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

namespace {

struct DemoOrganisationEvent {
  const char* site;          ///< slug of a Nijmegen site
  const char* organisation;  ///< an example organisation of the demo's sociale kaart
  const char* professional;  ///< its demo professional, who adds the event
  const char* title;
  const char* text;
  const char* place;
  int weekday;               ///< 0 = Monday
};

constexpr DemoOrganisationEvent kOrganisationEvents[] = {
    {"oost", "Buurtteam Nijmegen (voorbeeld)", "professional.buurtteam@example.nl", "Voorbeeld: Inloopmiddag buurtteam",
     "*Dit is een voorbeeld van de demo: deze activiteit is verzonnen en gaat niet echt door.*\n\n"
     "Heb je een vraag over zorg, geld of wonen? Loop deze middag binnen, zonder afspraak. We denken met je mee.",
     "Wijkcentrum (voorbeeld)", 2},
    {"zuid", "Stichting Samen in de Wijk (voorbeeld)", "professional.welzijn@example.nl",
     "Voorbeeld: Samen koken en eten",
     "*Dit is een voorbeeld van de demo: deze activiteit is verzonnen en gaat niet echt door.*\n\n"
     "We koken samen een maaltijd en eten die samen op. Meedoen kost niets.",
     "Buurtkeuken (voorbeeld)", 3},
};

}  // namespace

int LoadDemoOrganisationEvents(domain::Store& store, const domain::sites::Directory& directory, std::int64_t now) {
  const auto* nijmegen = directory.FindCity("nijmegen");
  if (!nijmegen) return 0;
  const auto today = domain::events::ToLocal(now).date;
  int added = 0;
  for (const auto& demo : kOrganisationEvents) {
    const auto* site = directory.FindSite("nijmegen", demo.site);
    auto user = store.users().FindUserByEmail(demo.professional);
    if (!site || !user) continue;
    std::optional<std::int64_t> organisation;
    for (const auto& [org, role] : store.directory().OrganizationsOfUser(nijmegen->id, user->id, 10)) {
      if (org.name == demo.organisation) organisation = org.id.value;
    }
    if (!organisation) continue;
    bool present = false;
    for (const auto& e : store.events().ListPublicOfSite(site->id, 0, 200, 0)) present = present || e.title == demo.title;
    if (present) continue;
    domain::events::EventDraft d;
    d.title = demo.title;
    d.description_markdown = demo.text;
    d.place_name = demo.place;
    d.organisation_id = organisation;
    const auto day = domain::events::AddDays(
        today, 1 + (demo.weekday - domain::events::Weekday(domain::events::AddDays(today, 1)) + 7) % 7);
    d.start_local = domain::events::FormatDate(day) + "T14:00";
    d.end_local = domain::events::FormatDate(day) + "T16:00";
    auto clean = domain::events::EventService::Clean(d);
    if (!clean) {
      spdlog::warn("demo: {}: {}", demo.title, clean.error().internal_detail);
      continue;
    }
    if (store.events().CreateEvent(site->id, user->id, *clean, now).ok()) ++added;
  }
  spdlog::info("demo: {} event(s) organised by a demo organisation", added);
  return added;
}

}  // namespace buurtplein::app
