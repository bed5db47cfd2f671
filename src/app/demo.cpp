#include "app/demo.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "app/cbs_import.hpp"
#include "app/demo_people.hpp"
#include "domain/common/text.hpp"
// [agenda] >>>
#include <chrono>

#include "app/demo_events.hpp"
// [agenda] <<<

// [market] >>>
#include "app/demo_market.hpp"
// [market] <<<

// [messages] >>>
// [messages] <<<

// [groups] >>>
#include "app/demo_groups.hpp"
// [groups] <<<

// [questions] >>>
// [questions] <<<

// [search] >>>
// [search] <<<

// [api] >>>
// [api] <<<

// [directory] >>>
#include "app/demo_directory.hpp"
// [directory] <<<

// [newsx] >>>
#include "app/demo_news.hpp"
// [newsx] <<<

// [roles] >>>
#include "app/demo_roles.hpp"
// [roles] <<<

// [village] >>>
#include "app/demo_village.hpp"
// [village] <<<


namespace buurtplein::app {

using domain::sites::AreaLevel;
using domain::sites::City;
using domain::sites::SiteDraft;
using domain::sites::SiteStatus;

namespace {

// Made-up branding for Nijmegen's nine demo sites. Every primary colour keeps white text at
// a contrast of at least 4.5:1 (WCAG AA).
struct DemoSite {
  const char* wijk_code;
  const char* slug;
  const char* name;
  const char* tagline;
  const char* primary;
  const char* accent;
  SiteStatus status;
};

constexpr DemoSite kNijmegenSites[] = {
    {"WK026801", "centrum", "Buurtplein Centrum", "Benedenstad en Stadscentrum: samen de oudste stad van Nederland.",
     "#8a1c1c", "#f2c14e", SiteStatus::kLive},
    {"WK026802", "oost", "Buurtplein Oost", "Van Bottendaal tot Ooyse Schependom: buren helpen buren.", "#1d4e89",
     "#f4a259", SiteStatus::kLive},
    {"WK026803", "oud-west", "Buurtplein Oud-West", "Biezen en Wolfskuil: klein, dichtbij en van ons samen.",
     "#5b3a8c", "#ffd166", SiteStatus::kLive},
    {"WK026804", "nieuw-west", "Buurtplein Nieuw-West", "Hees, Heseveld en Neerbosch-Oost aan het water.", "#0f5e6e",
     "#ffb703", SiteStatus::kLive},
    {"WK026805", "midden", "Buurtplein Midden", "Rond de Goffert: parken, de campus en veel buren.", "#2d6a2f",
     "#f6bd60", SiteStatus::kLive},
    {"WK026806", "zuid", "Buurtplein Zuid", "Hatert, Grootstal, Brakkenstein en de Hatertse Hei.", "#7a3b00",
     "#9bd1e5", SiteStatus::kLive},
    {"WK026807", "dukenburg", "Buurtplein Dukenburg", "Negen buurten, één Dukenburg.", "#a0185a", "#c3e88d",
     SiteStatus::kLive},
    {"WK026808", "lindenholt", "Buurtplein Lindenholt", "Van 't Acker tot Bijsterhuizen: Lindenholt doet mee.",
     "#3d4f1f", "#ffc857", SiteStatus::kBuilding},
    {"WK026809", "noord", "Buurtplein Noord", "Lent, Oosterhout en Ressen: de nieuwe stad over de Waal.", "#114b5f",
     "#e4fde1", SiteStatus::kBuilding},
};

}  // namespace

void LoadDemo(domain::Store& store, domain::sites::SiteService& sites, const std::string& cbs_dir,
              DemoContent content) {
  auto report = ImportCbs(store, cbs_dir, false);
  spdlog::info("demo: CBS areas loaded: {} gemeenten, {} wijken, {} buurten ({} polygons)", report.gemeenten,
               report.wijken, report.buurten, report.polygons);

  City nijmegen;
  for (const char* code : {"GM0268", "GM0202", "GM0796", "GM0200", "GM0296"}) {
    auto area = store.areas().FindArea(code);
    if (!area) throw std::runtime_error(std::string("The CBS data has no gemeente ") + code + ".");
    City c;
    c.gemeente_code = area->code;
    c.name = area->name;
    c.slug = domain::Slugify(area->name);
    c.association_name = "Vereniging Buurtplein " + area->name + " (voorbeeld)";
    c.lon = area->lon;
    c.lat = area->lat;
    auto city = sites.UpsertCity(c);
    if (!city) throw std::runtime_error("demo: city " + c.name + ": " + city.error().internal_detail);
    if (c.gemeente_code == "GM0268") nijmegen = *city;
  }

  const auto buurten = store.areas().ListAreas("GM0268", AreaLevel::kBuurt);
  for (const auto& d : kNijmegenSites) {
    SiteDraft draft;
    draft.slug = d.slug;
    draft.name = d.name;
    draft.tagline = d.tagline;
    draft.primary_colour = d.primary;
    draft.accent_colour = d.accent;
    draft.status = d.status;
    for (const auto& b : buurten) {
      if (b.wijk_code == d.wijk_code) draft.buurt_codes.push_back(b.code);
    }
    auto site = sites.UpsertSite(nijmegen.id, draft);
    if (!site) throw std::runtime_error(std::string("demo: site ") + d.name + ": " + site.error().internal_detail +
                                        " " + site.error().public_message);
  }
  sites.Reload();
  spdlog::info("demo: {} cities, {} Nijmegen sites", 5, std::size(kNijmegenSites));
  LoadDemoPeople(store, *sites.directory());
  if (content == DemoContent::kPeopleOnly) return;
  // [agenda] >>>
  LoadDemoEvents(store, *sites.directory(),
                 std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                     .count());
  // [agenda] <<<

  // [market] >>>
  LoadDemoMarket(store, *sites.directory());
  // [market] <<<

  // [messages] >>>
  // [messages] <<<

  // [groups] >>>
  LoadDemoGroupsAndQuestions(store, *sites.directory());  // groups and questions (issue 4 §5, §6)
  // [groups] <<<

  // [questions] >>>
  // [questions] <<<

  // [search] >>>
  // [search] <<<

  // [api] >>>
  // [api] <<<

  // [directory] >>>
  LoadDemoDirectory(store, nijmegen.id);  // invented sociale kaart entries, marked "voorbeeld"
  // [directory] <<<

  // [newsx] >>>
  LoadDemoNews(store, *sites.directory());
  // [newsx] <<<

  // [roles] >>>
  LoadDemoProfessionals(store, *sites.directory());  // made-up professionals of the example organisations
  // [roles] <<<

  // [village] >>>
  LinkDemoGroupItems(store, *sites.directory(),
                     std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                         .count());
  LoadDemoOrganisationEvents(
      store, *sites.directory(),
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  // [village] <<<
}

}  // namespace buurtplein::app
