#include "app/demo_market.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "domain/market/model.hpp"

namespace buurtplein::app {

using domain::market::Category;
using domain::market::Kind;
using domain::market::ListingDraft;
using domain::market::Visibility;

namespace {

constexpr const char* kSiteSlugs[] = {"centrum", "oost",      "oud-west",   "nieuw-west", "midden",
                                      "zuid",    "dukenburg", "lindenholt", "noord"};

struct Example {
  Kind kind;
  Category category;
  const char* title;
  const char* body;
};

// Made-up asks and offers, the kind a neighbourhood really has. Every text ends with the
// example note, so nobody takes them for a real request.
constexpr Example kExamples[] = {
    {Kind::kAsk, Category::kKlusjes, "Wie helpt me een kast ophangen?",
     "Ik heb een nieuwe wandkast, maar mijn boormachine is kapot en ik durf het niet goed alleen. Een uurtje "
     "werk, koffie staat klaar."},
    {Kind::kOffer, Category::kBoodschappen, "Boodschappen doen op zaterdag",
     "Ik ga elke zaterdagochtend naar de markt en de supermarkt. Als je slecht ter been bent, neem ik graag iets "
     "voor je mee."},
    {Kind::kAsk, Category::kVervoer, "Vervoer naar het ziekenhuis gezocht",
     "Volgende week dinsdag heb ik om 10.00 uur een afspraak in het Radboudumc. Wie kan me brengen? Terug kan "
     "ik met de bus."},
    {Kind::kOffer, Category::kComputerhulp, "Hulp bij je telefoon of computer",
     "Ik werk in de ICT en help graag met een nieuwe telefoon, DigiD, videobellen met de kleinkinderen of een "
     "trage laptop."},
    {Kind::kAsk, Category::kGezelschap, "Wandelmaatje voor de ochtend",
     "Sinds mijn hond er niet meer is, wandel ik alleen. Wie loopt er af en toe een rondje mee door het park?"},
    {Kind::kLend, Category::kSpullen, "Ladder en hogedrukreiniger te leen",
     "Een ladder van vier meter en een hogedrukreiniger staan bij mij in de schuur. Je mag ze lenen, als je "
     "ze schoon terugbrengt."},
    {Kind::kGive, Category::kSpullen, "Kinderfiets gratis op te halen",
     "Een kinderfiets van 20 inch, blauw, met zijwieltjes. Mijn dochter is eruit gegroeid. Ophalen bij mij "
     "thuis."},
    {Kind::kSeek, Category::kSpullen, "Gezocht: naaimachine",
     "Ik wil gordijnen maken voor de nieuwe woning. Heeft iemand een naaimachine die ik een weekend mag "
     "gebruiken?"},
    {Kind::kOffer, Category::kGezelschap, "Samen koffie drinken op woensdag",
     "Elke woensdagmiddag zet ik een grote pot koffie. Buren die zin hebben in een praatje zijn welkom."},
    {Kind::kAsk, Category::kKlusjes, "Hulp bij de tuin",
     "Mijn heg is te hoog geworden en mijn rug werkt niet mee. Wie heeft een heggenschaar en een uurtje tijd?"},
    {Kind::kOffer, Category::kVervoer, "Rijd elke vrijdag naar Arnhem",
     "Ik rijd op vrijdag naar Arnhem en terug. Er is plaats voor één persoon, bijvoorbeeld voor een bezoek of "
     "een afspraak."},
    {Kind::kAsk, Category::kComputerhulp, "Wie legt me online bankieren uit?",
     "Mijn bank stopt met papieren overschrijvingen. Ik wil graag leren hoe het op de computer moet, rustig "
     "aan."},
    {Kind::kGive, Category::kOverig, "Stekjes van kamerplanten",
     "Ik heb veel stekjes van mijn monstera en graslelie. Neem er gerust een paar mee voor in de vensterbank."},
    {Kind::kAsk, Category::kBoodschappen, "Tijdelijk hulp met boodschappen",
     "Na een operatie mag ik zes weken niet tillen. Wie wil één keer per week boodschappen voor me doen?"},
};

constexpr const char* kExampleNote = "\n\n*Voorbeeld: deze tekst is verzonnen demo-inhoud.*";

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int LoadDemoMarket(domain::Store& store, const domain::sites::Directory& directory) {
  const std::int64_t now = Now();
  constexpr std::int64_t kDay = 24 * 3600;
  int created = 0;
  for (std::size_t i = 0; i < std::size(kSiteSlugs); ++i) {
    const auto* site = directory.FindSite("nijmegen", kSiteSlugs[i]);
    if (!site) throw std::runtime_error(std::string("demo: site nijmegen/") + kSiteSlugs[i] + " is missing.");
    domain::market::ListQuery any;
    any.now = now;
    any.include_members_only = true;
    any.limit = 1;
    if (!store.market().ListListings(site->id, any).empty()) continue;
    any.archive = true;
    if (!store.market().ListListings(site->id, any).empty()) continue;

    // The site's demo residents (bewoner1..3) and buurtverbinder take turns as poster.
    std::vector<domain::UserId> people;
    for (const std::string who : {"bewoner1.", "bewoner2.", "bewoner3.", "buurtverbinder."}) {
      auto user = store.users().FindUserByEmail(who + kSiteSlugs[i] + "@example.nl");
      if (!user) throw std::runtime_error("demo: the demo people of " + std::string(kSiteSlugs[i]) + " are missing.");
      people.push_back(user->id);
    }
    // Six listings per site, a different selection on every site, posted over the last weeks.
    for (int k = 0; k < 6; ++k) {
      const Example& ex = kExamples[(i * 5 + static_cast<std::size_t>(k) * 3) % std::size(kExamples)];
      ListingDraft d;
      d.kind = ex.kind;
      d.category = ex.category;
      d.title = ex.title;
      d.body_markdown = std::string(ex.body) + kExampleNote;
      d.visibility = k == 5 ? Visibility::kMembers : Visibility::kPublic;
      const std::int64_t at = now - (2 + static_cast<std::int64_t>(k) * 4 + static_cast<std::int64_t>(i % 3)) * kDay;
      const domain::UserId poster = people[static_cast<std::size_t>(k) % people.size()];
      auto listing = store.market().CreateListing(site->id, poster, d, at, at + domain::market::kLifetimeSeconds);
      if (!listing) throw std::runtime_error("demo: listing: " + listing.error().internal_detail);
      ++created;
      // The two oldest found a helper: a conversation about the listing, then the match.
      if (k >= 4) {
        const domain::UserId helper = people[(static_cast<std::size_t>(k) + 1) % people.size()];
        domain::messages::NewConversation c;
        c.starter = helper;
        c.other = poster;
        c.listing = listing->id;
        c.body = "Hoi! Ik kan je hiermee helpen. Wanneer komt het je uit? (Voorbeeld: verzonnen demobericht.)";
        c.at = at + kDay;
        auto conversation = store.messages().StartConversation(site->id, c);
        if (!conversation) throw std::runtime_error("demo: conversation: " + conversation.error().internal_detail);
        store.messages().AddMessage(site->id, *conversation, poster,
                                    "Wat fijn, dank je wel! Zaterdag om tien uur? (Voorbeeld: verzonnen demobericht.)",
                                    at + kDay + 3600);
        auto match = store.market().RecordMatch(site->id, listing->id, poster, helper, at + 2 * kDay);
        if (!match) throw std::runtime_error("demo: match: " + match.error().internal_detail);
      }
    }
  }
  spdlog::info("demo: {} example ask(s) and offer(s)", created);
  return created;
}

}  // namespace buurtplein::app
