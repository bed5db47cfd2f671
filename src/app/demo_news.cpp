#include "app/demo_news.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace buurtplein::app {

using domain::news::CategoryId;
using domain::news::PostDraft;
using domain::news::Visibility;

namespace {

constexpr const char* kSites[] = {"centrum", "oost",      "oud-west",   "nieuw-west", "midden",
                                  "zuid",    "dukenburg", "lindenholt", "noord"};
// Sites whose demo includes a scheduled post. Not Oost: a waiting post keeps the site home out
// of the page cache, and Oost is the site the benchmark measures.
constexpr const char* kScheduledSites[] = {"dukenburg", "lindenholt"};
constexpr const char* kCategories[] = {"Activiteiten", "Groen", "Verkeer"};
constexpr const char* kExampleNote =
    "\n\n*Voorbeeld: dit bericht is verzonnen voor de demo van Buurtplein. Namen en afspraken bestaan niet echt.*";

struct DemoPost {
  const char* title;
  const char* body;  // "{buurt}" becomes the site's name
  int category;      // index in kCategories, -1: none
  bool members_only;
};

constexpr DemoPost kPosts[] = {
    {"Zwerfvuil prikken op zaterdag",
     "Zaterdagochtend gaan we samen zwerfvuil prikken in {buurt}. We beginnen om **10.00 uur** bij het "
     "buurthuis. Grijpers, handschoenen en vuilniszakken liggen klaar.\n\nNa afloop is er koffie en thee. "
     "Kinderen zijn welkom, samen met een ouder.",
     1, false},
    {"Nieuwe bankjes in het park",
     "De gemeente heeft drie nieuwe bankjes geplaatst. Ze staan in de schaduw, dicht bij het pad. "
     "Fijn voor iedereen die onderweg even wil uitrusten.\n\nHeb je een idee voor nog een plek? Laat een reactie achter.",
     1, false},
    {"Let op: werk aan de weg",
     "Vanaf maandag wordt de straat bij de school opnieuw bestraat. Het werk duurt ongeveer **twee weken**.\n\n"
     "- Fietsers kunnen er langs\n- Auto's rijden om via de zijstraat\n- De bus stopt tijdelijk verderop",
     2, false},
    {"Repair Café zoekt handige buren",
     "Het Repair Café in {buurt} zoekt mensen die graag iets repareren: een lamp, een broek of een fiets. "
     "Je hoeft geen expert te zijn. We komen elke eerste zaterdag van de maand samen.",
     0, false},
    {"Buurtmaaltijd voor iedereen",
     "Op vrijdag koken we samen in het buurthuis. Iedereen eet mee voor een kleine bijdrage. "
     "Vegetarisch eten is er ook.\n\nOpgeven kan tot woensdag bij de buurtverbinder.",
     0, false},
    {"Sleutel van de buurtkast",
     "De sleutel van de gereedschapskast ligt vanaf nu bij nummer 12. Haal hem op tussen 9.00 en 20.00 uur "
     "en breng hem dezelfde dag terug.",
     -1, true},
    {"Geveltuintjes: tegels eruit, planten erin",
     "Wil je een geveltuintje voor je huis? We helpen elkaar met het weghalen van de tegels. "
     "Plantjes krijg je van de buurt.\n\n| Wat | Wanneer |\n|---|---|\n| Tegels eruit | zaterdag 10.00 |\n| Planten | zaterdag 13.00 |",
     1, false},
    {"Oversteken bij de school veiliger",
     "Na vragen van ouders komt er een nieuw zebrapad bij de basisschool. Ook komen er drempels. "
     "De verkeersbrigadiers zijn er blij mee.",
     2, false},
};

struct Person {
  domain::UserId id;
};

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string Fill(std::string text, const std::string& buurt) {
  const std::string key = "{buurt}";
  for (auto pos = text.find(key); pos != std::string::npos; pos = text.find(key, pos + buurt.size())) {
    text.replace(pos, key.size(), buurt);
  }
  return text;
}

}  // namespace

int LoadDemoNews(domain::Store& store, const domain::sites::Directory& directory) {
  auto& news = store.news();
  const std::int64_t now = Now();
  // The last 09:00 UTC: the same dates for a whole day, and never in the future.
  const std::int64_t day = 24 * 3600;
  std::int64_t base = now - now % day + 9 * 3600;
  if (base > now) base -= day;
  int created = 0;
  for (std::size_t i = 0; i < std::size(kSites); ++i) {
    const std::string slug = kSites[i];
    const auto* site = directory.FindSite("nijmegen", slug);
    if (!site) continue;
    if (!news.ListCategories(site->id, 1).empty()) continue;  // loaded before
    std::vector<domain::UserId> residents;
    for (int n = 1; n <= 3; ++n) {
      if (auto u = store.users().FindUserByEmail("bewoner" + std::to_string(n) + "." + slug + "@example.nl")) {
        residents.push_back(u->id);
      }
    }
    auto connector = store.users().FindUserByEmail("buurtverbinder." + slug + "@example.nl");
    if (residents.empty() || !connector) continue;

    std::vector<CategoryId> categories;
    for (const char* name : kCategories) {
      auto c = news.CreateCategory(site->id, name, now);
      if (c) categories.push_back(c->id);
    }
    const std::string buurt = site->name.rfind("Buurtplein ", 0) == 0 ? site->name.substr(11) : site->name;
    // Five posts per site, each site starting elsewhere in the list; days before today (and
    // one after, in the sites with a scheduled post).
    constexpr int kDaysAgo[] = {19, 11, 6, 2, 0};
    bool scheduled = false;
    for (const char* s : kScheduledSites) scheduled = scheduled || slug == s;
    const int count = scheduled ? 6 : 5;
    for (int k = 0; k < count; ++k) {
      const DemoPost& p = kPosts[(i * 3 + static_cast<std::size_t>(k)) % std::size(kPosts)];
      PostDraft d;
      d.title = p.title;
      d.body_markdown = Fill(p.body, buurt) + kExampleNote;
      d.visibility = p.members_only ? Visibility::kMembers : Visibility::kPublic;
      const std::int64_t at = k < 5 ? base - kDaysAgo[k] * day : base + 5 * day;
      d.published_at = at;
      if (p.category >= 0 && static_cast<std::size_t>(p.category) < categories.size()) {
        d.category = categories[static_cast<std::size_t>(p.category)];
      }
      const domain::UserId author = k == 0 ? connector->id : residents[static_cast<std::size_t>(k) % residents.size()];
      auto post = news.CreatePost(site->id, author, d, std::min(at, now));
      if (!post) {
        spdlog::warn("demo: news in {}: {}", slug, post.error().internal_detail);
        continue;
      }
      ++created;
      if (k == 0) news.SetPinned(site->id, post->id, true);
      if (at > now) continue;
      // A few neighbours react.
      if (k % 2 == 1) {
        news.AddComment(site->id, post->id, residents[0], "Goed idee, ik doe mee!", at + 3600);
        if (residents.size() > 1) {
          news.AddComment(site->id, post->id, residents[1], "Dank voor het delen. Weet iemand of het ook bij regen doorgaat?",
                          at + 7200);
        }
      }
      for (std::size_t r = 0; r < residents.size() && r <= static_cast<std::size_t>(k % 3); ++r) {
        if (residents[r] != author) news.AddThanks(site->id, post->id, residents[r], at + 600);
      }
    }
  }
  if (created > 0) spdlog::info("demo: {} news posts", created);
  return created;
}

}  // namespace buurtplein::app
