#include "app/demo_directory.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <stdexcept>

#include "domain/directory/directory_service.hpp"

namespace buurtplein::app {

using namespace domain::directory;

namespace {

struct DemoService {
  const char* org;        // index into the organisations below
  const char* name;
  const char* description;
  const char* categories; // comma separated term codes
  bool free;
  const char* area;       // "stad", a WK or a BU code
  const char* place_buurt;  // "" or a buurt code: a place on its CBS label point
  const char* place_name;
  const char* byday;
  const char* opens;
  const char* closes;
  const char* languages;  // comma separated
  bool verified;          // checked recently (else: shown as possibly outdated)
};

struct DemoOrg {
  const char* key;
  const char* name;
  const char* description;
};

// Made up: no such organisations exist. Names say "(voorbeeld)".
constexpr DemoOrg kOrgs[] = {
    {"buurtteam", "Buurtteam Nijmegen (voorbeeld)",
     "Een verzonnen buurtteam voor de demo: hulp bij zorg, geld, wonen en opvoeden, dicht bij huis."},
    {"welzijn", "Stichting Samen in de Wijk (voorbeeld)",
     "Een verzonnen welzijnsorganisatie voor de demo: ontmoeting, vrijwilligerswerk en activiteiten."},
    {"geld", "Geldmaatjes Nijmegen (voorbeeld)",
     "Verzonnen voor de demo: vrijwilligers die helpen met post, formulieren en schulden."},
    {"sport", "Sportief in de Buurt (voorbeeld)", "Verzonnen voor de demo: sporten en bewegen voor iedereen."},
};

constexpr DemoService kServices[] = {
    {"buurtteam", "Vraag het het buurtteam", "Heb je een vraag over zorg, geld, wonen of opvoeden? Het buurtteam denkt met je mee.",
     "zorg,welzijn,jeugd-en-gezin", true, "stad", "", "", "", "", "", "nl,en", true},
    {"buurtteam", "Spreekuur in de wijk Oost", "Loop binnen zonder afspraak. We helpen je verder of zoeken samen wie je kan helpen.",
     "zorg,welzijn", true, "WK026802", "BU02680202", "Buurtkamer Oost (voorbeeld)", "TU,TH", "09:00", "12:00",
     "nl,tr,ar", true},
    {"buurtteam", "Opvoedspreekuur", "Vragen over opvoeden en opgroeien? Praat met een jeugdprofessional.",
     "jeugd-en-gezin", true, "WK026801", "BU02680100", "Ouder-kindcentrum Centrum (voorbeeld)", "WE", "13:00", "16:00",
     "nl", false},
    {"welzijn", "Koffieochtend voor de buurt", "Elke week koffie, thee en een praatje met buren.", "ontmoeting", true,
     "WK026806", "BU02680614", "Wijkhuis Zuid (voorbeeld)", "MO", "10:00", "12:00", "nl", true},
    {"welzijn", "Vrijwilligerspunt", "Wil je iets doen voor je buurt? We zoeken samen vrijwilligerswerk dat bij je past.",
     "vrijwilligerswerk", true, "stad", "", "", "", "", "", "nl,en", true},
    {"welzijn", "Taalcafé", "Oefen Nederlands praten in een gezellige groep.", "onderwijs,ontmoeting", true,
     "WK026804", "BU02680422", "Taalhuis West (voorbeeld)", "FR", "14:00", "16:00", "nl,ar,uk,pl", true},
    {"geld", "Hulp bij je post en formulieren", "Een vrijwilliger helpt je met brieven, formulieren en toeslagen.",
     "geldzaken,werk-en-inkomen", true, "stad", "", "", "", "", "", "nl,en,tr", true},
    {"geld", "Schuldhulpmaatje", "Zit je in de schulden? Een maatje helpt je overzicht te krijgen.", "geldzaken", true,
     "WK026807", "BU02680731", "Inloop Dukenburg (voorbeeld)", "TU", "13:00", "16:00", "nl", false},
    {"sport", "Wandelen in de wijk", "Samen wandelen, elke week, in een rustig tempo.", "sport-en-bewegen", true,
     "WK026808", "BU02680840", "Start bij het buurtplein Lindenholt (voorbeeld)", "SA", "10:00", "11:00", "nl", true},
    {"sport", "Sportles voor 55-plussers", "Bewegen op muziek. Kosten: 2 euro per les.", "sport-en-bewegen", false,
     "WK026805", "BU02680510", "Gymzaal Midden (voorbeeld)", "WE", "09:30", "10:30", "nl", true},
};

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + ",") {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

}  // namespace

void LoadDemoDirectory(domain::Store& store, domain::CityId nijmegen) {
  domain::SystemClock clock;
  DirectoryService service(store, clock);
  service.EnsureTaxonomy(nijmegen);
  OrganizationQuery existing;
  existing.search = "(voorbeeld)";
  if (store.directory().CountOrganizations(nijmegen, existing) > 0) return;  // loaded before

  Editor editor;
  editor.import = true;
  std::map<std::string, OrganizationId> orgs;
  for (const auto& o : kOrgs) {
    Organization org;
    org.name = o.name;
    org.description = o.description;
    org.example = true;
    auto saved = service.SaveOrganization(nijmegen, editor, org);
    if (!saved) throw std::runtime_error("demo: organisation " + std::string(o.name) + ": " + saved.error().internal_detail);
    orgs[o.key] = saved->id;
    store.directory().Assure(nijmegen, EntityType::kOrganization, saved->id.value, {service.Today(), "beheer@example.nl"});
  }
  int count = 0;
  for (const auto& d : kServices) {
    Service s;
    s.organization = orgs.at(d.org);
    s.name = d.name;
    s.description = d.description;
    s.term_codes = SplitComma(d.categories);
    s.free = d.free;
    s.fees_description = d.free ? "Gratis" : "";
    s.example = true;
    const std::string area = d.area;
    if (area == "stad") {
      s.areas.push_back({"", AreaType::kCity, "", ""});
    } else {
      s.areas.push_back({"", area.rfind("WK", 0) == 0 ? AreaType::kWijk : AreaType::kBuurt, area, ""});
    }
    for (const auto& code : SplitComma(d.languages)) s.languages.push_back({"", code, "", ""});
    if (*d.place_buurt) {
      auto buurt = store.areas().FindArea(d.place_buurt);
      Location l;
      l.organization = s.organization;
      l.name = d.place_name;
      l.description = "Verzonnen plek voor de demo; de stip staat midden in de buurt, niet op een adres.";
      l.example = true;
      l.buurt_code = d.place_buurt;
      if (buurt) {
        l.latitude = buurt->lat;
        l.longitude = buurt->lon;
        l.address_city = "Nijmegen";
      }
      l.accessibility = "Voorbeeld: begane grond, zonder drempels.";
      Schedule sc;
      sc.byday = d.byday;
      sc.opens_at = d.opens;
      sc.closes_at = d.closes;
      l.schedules.push_back(sc);
      l.closed_on_public_holidays = true;
      auto place = service.SaveLocation(nijmegen, editor, l);
      if (!place) throw std::runtime_error("demo: place " + std::string(d.place_name) + ": " + place.error().internal_detail);
      s.location_ids.push_back(place->id);
    }
    auto saved = service.SaveService(nijmegen, editor, s);
    if (!saved) {
      throw std::runtime_error("demo: service " + std::string(d.name) + ": " + saved.error().public_message + " " +
                               saved.error().internal_detail);
    }
    if (d.verified) {
      store.directory().Assure(nijmegen, EntityType::kService, saved->id.value, {service.Today(), "beheer@example.nl"});
    }
    ++count;
  }
  spdlog::info("demo: {} sociale kaart services (examples)", count);
}

}  // namespace buurtplein::app
