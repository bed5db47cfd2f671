// Who keeps the sociale kaart right, over HTTP with the demo loaded: the association's board
// (and operators) review and verify entries and edit the categories; people are linked to an
// organisation by the address of their account (never shown back); organisation admins change
// their own organisation, services and places (with weekly hours) and get 403 for another's;
// buurtverbinders add local places that show on their own site only; the change history is
// shown to those who keep an entry, not to residents; nothing of one city changes through
// another.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "domain/common/clock.hpp"
#include "domain/directory/directory_service.hpp"
#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::UserId;
using namespace domain::accounts;
using namespace domain::directory;
using nlohmann::json;

class DirectoryKeepersHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& store = server_.runtime().store();
    nijmegen_ = store.cities().FindCityBySlug("nijmegen")->id;
    arnhem_ = store.cities().FindCityBySlug("arnhem")->id;
    oost_ = store.sites().FindSiteBySlug(nijmegen_, "oost")->id;
    zuid_ = store.sites().FindSiteBySlug(nijmegen_, "zuid")->id;
  }

  static std::int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  UserId User(const std::string& email, const std::string& name, bool elevated = false) {
    auto& store = server_.runtime().store();
    NewUser nu{email, name, "$argon2id$not-used", Now()};
    auto user = store.users().CreateUser(nu);
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    if (elevated) store.users().SetTotp(user->id, "JBSWY3DPEHPK3PXP", 0);
    return user->id;
  }

  UserId Board(const std::string& email, domain::CityId city) {
    const UserId u = User(email, "Bea Bestuur", true);
    EXPECT_TRUE(server_.runtime().store().city_roles().GrantCityRole(city, u, CityRole::kBoard, Now()).ok());
    return u;
  }

  UserId Buurtverbinder(const std::string& email, domain::SiteId site) {
    const UserId u = User(email, "Bram Buurtverbinder", true);
    Membership m;
    m.user = u;
    m.kind = MembershipKind::kHome;
    m.status = MemberStatus::kVerified;
    m.role = MemberRole::kBuurtverbinder;
    EXPECT_TRUE(server_.runtime().store().memberships().CreateMembership(site, m).ok());
    return u;
  }

  void LogIn(BrowserClient& client, UserId user) {
    const std::string token = domain::security::NewToken();
    Session s;
    s.token_hash = domain::security::HashToken(token);
    s.user = user;
    s.created_at = s.last_seen_at = Now();
    s.expires_at = s.created_at + 3600;
    s.second_factor_done = true;
    ASSERT_TRUE(server_.runtime().store().sessions().CreateSession(s).ok());
    client.SetCookie("bp_session", token);
  }

  Service ServiceNamed(const std::string& name) {
    ServiceQuery q;
    q.search = name;
    auto list = server_.runtime().store().directory().ListServices(nijmegen_, q);
    EXPECT_FALSE(list.empty()) << name;
    return list.empty() ? Service{} : list[0];
  }

  DirectoryRepository& Repo() { return server_.runtime().store().directory(); }

  TestServer server_;
  domain::CityId nijmegen_, arnhem_;
  domain::SiteId oost_, zuid_;
};

TEST_F(DirectoryKeepersHttpTest, TheBoardReviewsAndVerifiesTheOldestEntriesFirst) {
  const auto koffie = ServiceNamed("Koffieochtend");
  ASSERT_TRUE(Repo().Assure(nijmegen_, EntityType::kService, koffie.id.value, {"2020-01-01", "oud@example.nl"}).ok());
  BrowserClient board(server_);
  LogIn(board, Board("bestuur.kaart@example.nl", nijmegen_));
  auto page = board.Get("/nijmegen/sociale-kaart/beheer/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Koffieochtend voor de buurt"), std::string::npos);
  EXPECT_NE(page.body.find("/diensten/" + koffie.uuid + "/bewerken"), std::string::npos);
  auto verified = board.Post("/nijmegen/sociale-kaart/diensten/" + koffie.uuid + "/controleren", "terug=beheer");
  ASSERT_EQ(verified.status, 303) << verified.body;
  EXPECT_EQ(verified.Header("location"), "/nijmegen/sociale-kaart/beheer/");
  EXPECT_EQ(Repo().FindService(nijmegen_, koffie.id)->assurance.assurer_email, "bestuur.kaart@example.nl");
  // The board edits any entry of its city.
  const auto schuld = ServiceNamed("Schuldhulpmaatje");
  const std::string edit = "/nijmegen/sociale-kaart/diensten/" + schuld.uuid + "/bewerken";
  ASSERT_EQ(board.Get(edit).status, 200);
  EXPECT_EQ(board.Post(edit, "name=Schuldhulpmaatje+Nijmegen&description=Hulp&categorie-geldzaken=1").status, 303);
  EXPECT_EQ(Repo().FindService(nijmegen_, schuld.id)->name, "Schuldhulpmaatje Nijmegen");

  // Operators have the same pages under /beheer/.
  BrowserClient op(server_);
  const UserId oscar = User("operator.kaart@example.nl", "Oscar Operator", true);
  server_.runtime().store().users().SetOperator(oscar, true);
  LogIn(op, oscar);
  EXPECT_EQ(op.Get("/beheer/nijmegen/sociale-kaart/").status, 200);
  EXPECT_EQ(op.Get("/beheer/nijmegen/sociale-kaart/categorieen").status, 200);

  // A resident, and the board of another city, may not.
  BrowserClient resident(server_);
  LogIn(resident, User("rob.kaart@example.nl", "Rob Resident"));
  EXPECT_EQ(resident.Get("/nijmegen/sociale-kaart/beheer/").status, 403);
  resident.Get("/nijmegen/sociale-kaart/");
  EXPECT_EQ(resident.Post("/nijmegen/sociale-kaart/diensten/" + koffie.uuid + "/controleren", "").status, 403);
  BrowserClient arnhem(server_);
  LogIn(arnhem, Board("bestuur.arnhem.kaart@example.nl", arnhem_));
  EXPECT_EQ(arnhem.Get("/nijmegen/sociale-kaart/beheer/").status, 403);
  arnhem.Get("/arnhem/sociale-kaart/");
  EXPECT_EQ(arnhem.Post("/arnhem/sociale-kaart/diensten/" + koffie.uuid + "/controleren", "").status, 404);
  EXPECT_EQ(arnhem.Get("/arnhem/sociale-kaart/beheer/").status, 200);
  EXPECT_EQ(arnhem.Get("/arnhem/sociale-kaart/beheer/").body.find("Koffieochtend"), std::string::npos);
}

TEST_F(DirectoryKeepersHttpTest, TheBoardAddsRenamesAndRetiresCategories) {
  BrowserClient board(server_);
  LogIn(board, Board("bestuur.termen@example.nl", nijmegen_));
  const std::string terms = "/nijmegen/sociale-kaart/beheer/categorieen";
  ASSERT_EQ(board.Get(terms).status, 200);
  auto empty = board.Post(terms, "name=");
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("error-summary"), std::string::npos);
  auto added = board.Post(terms, "name=Digitale+hulp&description=Computers+en+telefoons");
  ASSERT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(board.Post(terms, "name=Digitale+hulp").status, 422);  // exists
  auto hsds = json::parse(server_.Get("/nijmegen/hsds/taxonomy_terms?per_page=100").body);
  EXPECT_EQ(hsds["total_items"], 15);
  bool found = false;
  for (const auto& t : hsds["contents"]) found = found || t["name"] == "Digitale hulp";
  EXPECT_TRUE(found);
  EXPECT_EQ(json::parse(server_.Get("/arnhem/hsds/taxonomy_terms?per_page=100").body)["total_items"], 14);

  // Rename and retire: kept on services and in the API, no longer offered in the filters.
  ASSERT_EQ(board.Post(terms + "/digitale-hulp", "name=Hulp+met+computers&retired=1").status, 303);
  auto term = Repo().FindTermByCode(nijmegen_, "digitale-hulp");
  EXPECT_EQ(term->name, "Hulp met computers");
  EXPECT_TRUE(term->retired);
  EXPECT_EQ(server_.Get("/nijmegen/sociale-kaart/").body.find("Hulp met computers"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/hsds/taxonomy_terms?per_page=100").body.find("Hulp met computers"),
            std::string::npos);
  EXPECT_EQ(board.Post(terms + "/bestaat-niet", "name=X").status, 404);
  // Not through another city.
  BrowserClient arnhem(server_);
  LogIn(arnhem, Board("bestuur.arnhem.termen@example.nl", arnhem_));
  arnhem.Get("/arnhem/sociale-kaart/beheer/categorieen");
  EXPECT_EQ(arnhem.Post("/arnhem/sociale-kaart/beheer/categorieen/digitale-hulp", "name=Gekaapt").status, 404);
  EXPECT_EQ(Repo().FindTermByCode(nijmegen_, "digitale-hulp")->name, "Hulp met computers");
}

TEST_F(DirectoryKeepersHttpTest, AdminsLinkPeopleByAddressAndOthersSeeOnlyNames) {
  const auto koffie = ServiceNamed("Koffieochtend");
  const auto schuld = ServiceNamed("Schuldhulpmaatje");
  const UserId olga = User("olga.people@example.nl", "Olga Organisatie");
  User("pim.people@example.nl", "Pim Professional");
  ASSERT_TRUE(Repo().SetOrganizationRole(nijmegen_, koffie.organization, olga, OrgRole::kAdmin, Now()).ok());
  BrowserClient client(server_);
  LogIn(client, olga);
  const std::string people = "/nijmegen/sociale-kaart/organisaties/" + koffie.organization_uuid + "/mensen";
  ASSERT_EQ(client.Get(people).status, 200);
  auto unknown = client.Post(people, "email=niemand.people@example.nl&role=professional");
  EXPECT_EQ(unknown.status, 422);
  auto added = client.Post(people, "email=pim.people%40example.nl&role=professional");
  ASSERT_EQ(added.status, 303) << added.body;
  auto list = client.Get(people);
  EXPECT_NE(list.body.find("Pim Professional"), std::string::npos);
  EXPECT_EQ(list.body.find("pim.people@example.nl"), std::string::npos);
  EXPECT_EQ(list.body.find("olga.people@example.nl"), std::string::npos);
  bool mailed = false;
  for (const auto& m : server_.runtime().store().mail().ListRecent(20)) {
    if (m.to_address == "pim.people@example.nl") mailed = true;
  }
  EXPECT_TRUE(mailed);
  // Not another organisation's people.
  const std::string theirs = "/nijmegen/sociale-kaart/organisaties/" + schuld.organization_uuid + "/mensen";
  EXPECT_EQ(client.Get(theirs).status, 403);
  EXPECT_EQ(client.Post(theirs, "email=pim.people%40example.nl&role=admin").status, 403);
  // Removing Pim.
  const auto pim = server_.runtime().store().users().FindUserByEmail("pim.people@example.nl")->id;
  auto removed = client.Post(people + "/" + std::to_string(pim.value) + "/verwijderen", "");
  ASSERT_EQ(removed.status, 303);
  EXPECT_FALSE(Repo().RoleOf(nijmegen_, koffie.organization, pim).has_value());
  // Through Arnhem the organisation does not exist.
  EXPECT_EQ(client.Get("/arnhem/sociale-kaart/organisaties/" + koffie.organization_uuid + "/mensen").status, 404);
}

TEST_F(DirectoryKeepersHttpTest, AdminsManageTheirOwnOrganisationOnly) {
  const auto koffie = ServiceNamed("Koffieochtend");
  const auto schuld = ServiceNamed("Schuldhulpmaatje");
  const UserId olga = User("olga.org@example.nl", "Olga Organisatie");
  ASSERT_TRUE(Repo().SetOrganizationRole(nijmegen_, koffie.organization, olga, OrgRole::kAdmin, Now()).ok());
  BrowserClient client(server_);
  LogIn(client, olga);
  const std::string own = "/nijmegen/sociale-kaart/organisaties/" + koffie.organization_uuid;
  const std::string other = "/nijmegen/sociale-kaart/organisaties/" + schuld.organization_uuid;

  for (const std::string suffix : {"/bewerken", "/diensten/nieuw", "/locaties/nieuw"}) {
    EXPECT_EQ(client.Get(own + suffix).status, 200) << suffix;
    EXPECT_EQ(client.Get(other + suffix).status, 403) << suffix;
    EXPECT_EQ(client.Post(other + suffix, "name=Gekaapt&categorie-zorg=1").status, 403) << suffix;
  }
  EXPECT_EQ(Repo().FindOrganization(nijmegen_, schuld.organization)->name.find("Gekaapt"), std::string::npos);

  // The organisation page offers her the keeper's links and the history; residents see neither.
  auto page = client.Get(own);
  EXPECT_NE(page.body.find(own + "/bewerken"), std::string::npos);
  EXPECT_EQ(server_.Get(own).body.find(own + "/bewerken"), std::string::npos);

  auto bad = client.Post(own + "/bewerken", "name=&website=x");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("error-summary"), std::string::npos);
  ASSERT_EQ(client.Post(own + "/bewerken", "name=Stichting+Samen+in+de+Wijk+(voorbeeld)&description=Wij+helpen&phone=024+000+0000")
                .status,
            303);
  EXPECT_EQ(Repo().FindOrganization(nijmegen_, koffie.organization)->description, "Wij helpen");

  // A place with weekly hours: Monday and Tuesday the same, Friday shorter.
  auto refused = client.Post(own + "/locaties/nieuw", "name=Buurthuis&opens-MO=09%3A00");
  EXPECT_EQ(refused.status, 422);
  auto placed = client.Post(own + "/locaties/nieuw",
                            "name=Buurthuis+Oost&address_1=Voorbeeldstraat+2&opens-MO=09%3A00&closes-MO=17%3A00&"
                            "opens-TU=09%3A00&closes-TU=17%3A00&opens-FR=09%3A00&closes-FR=12%3A00&"
                            "closed_on_public_holidays=1&latitude=51.84&longitude=5.87");
  ASSERT_EQ(placed.status, 303) << placed.body;
  std::optional<Location> place;
  for (const auto& l : Repo().ListLocations(nijmegen_, koffie.organization, 50, 0)) {
    if (l.name == "Buurthuis Oost") place = l;
  }
  ASSERT_TRUE(place);
  ASSERT_EQ(place->schedules.size(), 2u);
  EXPECT_EQ(place->schedules[0].byday, "MO,TU");
  EXPECT_EQ(place->schedules[1].byday, "FR");
  EXPECT_EQ(place->schedules[1].closes_at, "12:00");
  EXPECT_TRUE(place->closed_on_public_holidays);
  const std::string edit_place = "/nijmegen/sociale-kaart/locaties/" + place->uuid + "/bewerken";
  auto form = client.Get(edit_place);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"12:00\""), std::string::npos);
  EXPECT_NE(form.body.find("Olga Organisatie"), std::string::npos);  // its history
  // Saturday with a lunch break: two periods, both shown again in the form.
  ASSERT_EQ(client.Post(edit_place, "name=Buurthuis+Oost&opens-SA=10%3A00&closes-SA=12%3A00&opens2-SA=13%3A00&"
                                    "closes2-SA=16%3A00").status,
            303);
  const auto saturday = Repo().FindLocation(nijmegen_, place->id)->schedules;
  ASSERT_EQ(saturday.size(), 2u);
  EXPECT_EQ(saturday[0].byday, "SA");
  EXPECT_EQ(saturday[0].closes_at, "12:00");
  EXPECT_EQ(saturday[1].byday, "SA");
  EXPECT_EQ(saturday[1].opens_at, "13:00");
  auto again = client.Get(edit_place).body;
  EXPECT_NE(again.find("name=\"opens2-SA\" value=\"13:00\""), std::string::npos);

  // A new service at that place.
  auto made = client.Post(own + "/diensten/nieuw",
                          "name=Taalcafe&description=Nederlands+oefenen&categorie-onderwijs=1&locatie-" + place->uuid + "=1");
  ASSERT_EQ(made.status, 303) << made.body;
  const auto taal = ServiceNamed("Taalcafe");
  EXPECT_EQ(taal.organization, koffie.organization);
  EXPECT_EQ(taal.location_ids.size(), 1u);
  // Its edit form offers the organisation's places; unticking the place removes it there.
  const std::string edit_taal = "/nijmegen/sociale-kaart/diensten/" + taal.uuid + "/bewerken";
  EXPECT_NE(client.Get(edit_taal).body.find("locatie-" + place->uuid), std::string::npos);
  ASSERT_EQ(client.Post(edit_taal, "name=Taalcafe&description=Nederlands+oefenen&categorie-onderwijs=1&locaties=1").status,
            303);
  EXPECT_TRUE(Repo().FindService(nijmegen_, taal.id)->location_ids.empty());
  ASSERT_EQ(client.Post(edit_taal, "name=Taalcafe&categorie-onderwijs=1&locaties=1&locatie-" + place->uuid + "=1")
                .status,
            303);
  EXPECT_EQ(Repo().FindService(nijmegen_, taal.id)->location_ids.size(), 1u);

  // The service's history is for its keepers, not for residents.
  const std::string service_page = "/nijmegen/sociale-kaart/diensten/" + taal.uuid;
  EXPECT_NE(client.Get(service_page).body.find("history-heading"), std::string::npos);
  EXPECT_EQ(server_.Get(service_page).body.find("history-heading"), std::string::npos);
  // Through Arnhem the entries do not exist.
  EXPECT_EQ(client.Get("/arnhem/sociale-kaart/locaties/" + place->uuid + "/bewerken").status, 404);
  EXPECT_EQ(client.Get("/arnhem/sociale-kaart/organisaties/" + koffie.organization_uuid + "/bewerken").status, 404);
}

TEST_F(DirectoryKeepersHttpTest, BuurtverbindersAddLocalPlacesForTheirOwnSite) {
  BrowserClient bv(server_);
  LogIn(bv, Buurtverbinder("bram.kaart@example.nl", oost_));
  // The site's list (cached for everyone before the change) links the form for them.
  server_.Get("/nijmegen/oost/sociale-kaart/");
  EXPECT_NE(bv.Get("/nijmegen/oost/sociale-kaart/").body.find("/nijmegen/oost/sociale-kaart/nieuwe-plek"),
            std::string::npos);
  ASSERT_EQ(bv.Get("/nijmegen/oost/sociale-kaart/nieuwe-plek").status, 200);
  EXPECT_EQ(bv.Get("/nijmegen/zuid/sociale-kaart/nieuwe-plek").status, 403);
  auto missing = bv.Post("/nijmegen/oost/sociale-kaart/nieuwe-plek", "name=Bibliotheek");
  EXPECT_EQ(missing.status, 422);
  auto added = bv.Post("/nijmegen/oost/sociale-kaart/nieuwe-plek",
                       "name=Bibliotheek+Oost+(voorbeeld)&categorie=cultuur&description=Boeken+lenen&"
                       "address_1=Voorbeeldlaan+3&opens-WE=13%3A00&closes-WE=17%3A00&latitude=51.845&longitude=5.88");
  ASSERT_EQ(added.status, 303) << added.body;

  auto oost = server_.Get("/nijmegen/oost/sociale-kaart/");
  EXPECT_NE(oost.body.find("Bibliotheek Oost (voorbeeld)"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/sociale-kaart/map.geojson").body.find("Bibliotheek Oost"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/zuid/sociale-kaart/").body.find("Bibliotheek Oost"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/zuid/sociale-kaart/map.geojson").body.find("Bibliotheek Oost"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/sociale-kaart/map.geojson").body.find("Bibliotheek Oost"), std::string::npos);
  // The city's list shows it, marked with its site.
  auto city = server_.Get("/nijmegen/sociale-kaart/?q=Bibliotheek");
  EXPECT_NE(city.body.find("Bibliotheek Oost (voorbeeld)"), std::string::npos);
  EXPECT_NE(city.body.find("Oost"), std::string::npos);
  EXPECT_EQ(server_.Get("/arnhem/sociale-kaart/?q=Bibliotheek").body.find("Bibliotheek Oost"), std::string::npos);

  // Its buurtverbinder may edit it, the other site's may not.
  const auto place = ServiceNamed("Bibliotheek Oost");
  const std::string edit = "/nijmegen/sociale-kaart/diensten/" + place.uuid + "/bewerken";
  EXPECT_EQ(bv.Get(edit).status, 200);
  BrowserClient other(server_);
  LogIn(other, Buurtverbinder("bea.zuid.kaart@example.nl", zuid_));
  EXPECT_EQ(other.Get(edit).status, 403);
}

TEST_F(DirectoryKeepersHttpTest, AWriteEmptiesTheCachedPagesOfItsCityOnly) {
  // Cached anonymous pages (without a query) of both cities and of a Nijmegen site.
  const std::string arnhem_list = "/arnhem/sociale-kaart/";
  const std::string nijmegen_list = "/nijmegen/sociale-kaart/";
  const std::string oost_list = "/nijmegen/oost/sociale-kaart/";
  for (const auto& path : {arnhem_list, nijmegen_list, oost_list}) ASSERT_EQ(server_.Get(path).status, 200) << path;
  // Entries written behind the service's back (no change listener): the cached pages are stale.
  for (auto city : {arnhem_, nijmegen_}) {
    Organization o;
    o.name = "Stadsorganisatie";
    auto org = Repo().CreateOrganization(city, o, Now());
    ASSERT_TRUE(org.ok());
    Service s;
    s.organization = org->id;
    s.name = "Stadsdienst van de test";
    s.areas = {{"", AreaType::kCity, "", ""}};
    ASSERT_TRUE(Repo().CreateService(city, s, Now()).ok());
  }
  EXPECT_EQ(server_.Get(arnhem_list).body.find("Stadsdienst van de test"), std::string::npos) << "cached";
  EXPECT_EQ(server_.Get(nijmegen_list).body.find("Stadsdienst van de test"), std::string::npos) << "cached";

  // A write in Nijmegen through the service: Nijmegen's city and site pages are rendered again,
  // Arnhem's cached page is kept.
  BrowserClient board(server_);
  LogIn(board, Board("bestuur.cache@example.nl", nijmegen_));
  board.Get("/nijmegen/sociale-kaart/beheer/categorieen");
  ASSERT_EQ(board.Post("/nijmegen/sociale-kaart/beheer/categorieen", "name=Cachetest").status, 303);
  EXPECT_NE(server_.Get(nijmegen_list).body.find("Stadsdienst van de test"), std::string::npos);
  EXPECT_NE(server_.Get(oost_list).body.find("Stadsdienst van de test"), std::string::npos);
  EXPECT_EQ(server_.Get(arnhem_list).body.find("Stadsdienst van de test"), std::string::npos);
}

TEST_F(DirectoryKeepersHttpTest, AdminsEditAreasLanguagesAndExceptionDates) {
  const auto koffie = ServiceNamed("Koffieochtend");
  const UserId olga = User("olga.gebied@example.nl", "Olga Gebied");
  ASSERT_TRUE(Repo().SetOrganizationRole(nijmegen_, koffie.organization, olga, OrgRole::kAdmin, Now()).ok());
  BrowserClient client(server_);
  LogIn(client, olga);
  auto& areas = server_.runtime().store().areas();
  const auto wijken = areas.ListAreas("GM0268", domain::sites::AreaLevel::kWijk);
  const auto buurten = areas.ListAreas("GM0268", domain::sites::AreaLevel::kBuurt);
  ASSERT_FALSE(wijken.empty());
  ASSERT_FALSE(buurten.empty());
  const std::string edit = "/nijmegen/sociale-kaart/diensten/" + koffie.uuid + "/bewerken";
  auto form = client.Get(edit);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"gebied-" + wijken[0].code + "\""), std::string::npos);
  EXPECT_NE(form.body.find("name=\"gebied-" + buurten[0].code + "\""), std::string::npos);
  EXPECT_NE(form.body.find("id=\"field-languages\""), std::string::npos);

  const std::string base = "name=Koffieochtend&categorie-ontmoeting=1&gebieden=1&talen-veld=1";
  // Nothing chosen: the field in error, with a Dutch message in the summary.
  auto none = client.Post(edit, base + "&languages=nl");
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("href=\"#field-service_areas\""), std::string::npos);
  EXPECT_NE(none.body.find("Kies waar de dienst is"), std::string::npos) << none.body.substr(0, 400);
  // The whole city and a wijk at once.
  auto both = client.Post(edit, base + "&gebied-stad=1&gebied-" + wijken[0].code + "=1");
  EXPECT_EQ(both.status, 422);
  EXPECT_NE(both.body.find("href=\"#field-service_areas\""), std::string::npos);
  // A language that is no code.
  auto lang = client.Post(edit, base + "&gebied-stad=1&languages=Nederlands");
  EXPECT_EQ(lang.status, 422);
  EXPECT_NE(lang.body.find("href=\"#field-languages\""), std::string::npos);
  EXPECT_NE(lang.body.find("aria-invalid=\"true\""), std::string::npos);
  // A wijk and a buurt, three languages, free of charge and what it costs otherwise.
  auto saved = client.Post(edit, base + "&gebied-" + wijken[0].code + "=1&gebied-" + buurten[0].code +
                                     "=1&languages=nl%2C+EN+ar&free=1&fees_description=Gratis+voor+iedereen");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  auto after = Repo().FindService(nijmegen_, koffie.id);
  ASSERT_EQ(after->areas.size(), 2u);
  EXPECT_EQ(after->areas[0].type == AreaType::kWijk ? after->areas[0].code : after->areas[1].code, wijken[0].code);
  ASSERT_EQ(after->languages.size(), 3u);
  EXPECT_EQ(after->languages[1].code, "en");
  EXPECT_EQ(after->languages[1].name, "English");
  EXPECT_TRUE(after->free);
  EXPECT_EQ(after->fees_description, "Gratis voor iedereen");
  auto again = client.Get(edit).body;
  EXPECT_NE(again.find("name=\"gebied-" + wijken[0].code + "\" value=\"1\" checked"), std::string::npos);
  EXPECT_NE(again.find("value=\"nl, en, ar\""), std::string::npos);
  // A buurt of another city is refused in the service (the form never offers it).
  Service other = *after;
  other.areas = {{"", AreaType::kBuurt, "BU02020101", ""}};
  Editor editor;
  editor.user = olga;
  domain::ManualClock clock{Now()};
  DirectoryService service(server_.runtime().store(), clock);
  auto refused = service.SaveService(nijmegen_, editor, other);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "service_areas");

  // Exception dates of a place: closed on one date, other hours on another.
  const std::string own = "/nijmegen/sociale-kaart/organisaties/" + koffie.organization_uuid;
  ASSERT_EQ(client.Post(own + "/locaties/nieuw", "name=Buurtkamer+Uitzondering&opens-MO=09%3A00&closes-MO=17%3A00")
                .status,
            303);
  std::optional<Location> place;
  for (const auto& l : Repo().ListLocations(nijmegen_, koffie.organization, 50, 0)) {
    if (l.name == "Buurtkamer Uitzondering") place = l;
  }
  ASSERT_TRUE(place);
  const std::string edit_place = "/nijmegen/sociale-kaart/locaties/" + place->uuid + "/bewerken";
  const std::string week = "name=Buurtkamer+Uitzondering&opens-MO=09%3A00&closes-MO=17%3A00&uitzonderingen=1";
  auto bad_date = client.Post(edit_place, week + "&uitzondering-datum-0=25-12-2026&uitzondering-dicht-0=1");
  EXPECT_EQ(bad_date.status, 422);
  EXPECT_NE(bad_date.body.find("href=\"#field-exceptions\""), std::string::npos);
  EXPECT_NE(bad_date.body.find("value=\"25-12-2026\""), std::string::npos);  // shown back
  auto no_hours = client.Post(edit_place, week + "&uitzondering-datum-0=2026-12-24");
  EXPECT_EQ(no_hours.status, 422);
  EXPECT_NE(no_hours.body.find("kies dicht"), std::string::npos);
  auto reversed = client.Post(edit_place, week + "&uitzondering-datum-0=2026-12-24&uitzondering-open-0=17%3A00&"
                                                 "uitzondering-sluit-0=09%3A00");
  EXPECT_EQ(reversed.status, 422);
  auto twice = client.Post(edit_place, week + "&uitzondering-datum-0=2026-12-25&uitzondering-dicht-0=1&"
                                              "uitzondering-datum-1=2026-12-25&uitzondering-dicht-1=1");
  EXPECT_EQ(twice.status, 422);
  ASSERT_EQ(client.Post(edit_place, week + "&uitzondering-datum-0=2026-12-25&uitzondering-dicht-0=1&"
                                           "uitzondering-datum-1=2026-12-24&uitzondering-open-1=09%3A00&"
                                           "uitzondering-sluit-1=12%3A00&uitzondering-notitie-1=Kerstavond")
                .status,
            303);
  auto schedules = Repo().FindLocation(nijmegen_, place->id)->schedules;
  int exceptions = 0;
  for (const auto& s : schedules) {
    if (!s.exception) continue;
    ++exceptions;
    if (s.valid_from == "2026-12-25") EXPECT_TRUE(s.closed);
    if (s.valid_from == "2026-12-24") {
      EXPECT_EQ(s.closes_at, "12:00");
      EXPECT_EQ(s.description, "Kerstavond");
    }
  }
  EXPECT_EQ(exceptions, 2);
  auto shown = client.Get(edit_place).body;
  EXPECT_NE(shown.find("value=\"2026-12-24\""), std::string::npos);
  EXPECT_NE(shown.find("value=\"Kerstavond\""), std::string::npos);
  // Emptying the rows removes them; the weekly hours stay.
  ASSERT_EQ(client.Post(edit_place, week).status, 303);
  schedules = Repo().FindLocation(nijmegen_, place->id)->schedules;
  ASSERT_EQ(schedules.size(), 1u);
  EXPECT_FALSE(schedules[0].exception);
  // Another city's address does not reach it.
  EXPECT_EQ(client.Post("/arnhem/sociale-kaart/locaties/" + place->uuid + "/bewerken", week).status, 404);
}

TEST_F(DirectoryKeepersHttpTest, TheOrganisationPageListsServicesAndPlacesAPageAtATime) {
  const auto koffie = ServiceNamed("Koffieochtend");
  domain::ManualClock clock{Now()};
  DirectoryService dir(server_.runtime().store(), clock);
  Editor keeper;
  keeper.operator_ = true;
  for (int i = 0; i < 23; ++i) {
    Service s;
    s.organization = koffie.organization;
    s.name = "Pagina dienst " + std::to_string(100 + i);
    s.areas = {{"", AreaType::kCity, "", ""}};
    ASSERT_TRUE(dir.SaveService(nijmegen_, keeper, s).ok());
  }
  for (int i = 0; i < 12; ++i) {
    Location l;
    l.organization = koffie.organization;
    l.name = "Pagina plek " + std::to_string(100 + i);
    ASSERT_TRUE(dir.SaveLocation(nijmegen_, keeper, l).ok());
  }
  const std::string org = "/nijmegen/sociale-kaart/organisaties/" + koffie.organization_uuid;
  auto first = server_.Get(org);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find(org + "?page=2#services-heading"), std::string::npos);
  EXPECT_NE(first.body.find(org + "?plekken=2#locations-heading"), std::string::npos);
  auto second = server_.Get(org + "?page=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("rel=\"prev\""), std::string::npos);
  auto places = server_.Get(org + "?plekken=2");
  ASSERT_EQ(places.status, 200);
  EXPECT_NE(places.body.find(org + "?plekken=1#locations-heading"), std::string::npos);
  EXPECT_EQ(server_.Get(org + "?page=x").status, 404);
}

TEST_F(DirectoryKeepersHttpTest, ProfessionalsOnTheSiteDirectoryLinkToTheProfessionalsPage) {
  auto page = server_.Get("/nijmegen/oost/sociale-kaart/");
  ASSERT_EQ(page.status, 200);
  auto pros = Repo().ListProfessionals(nijmegen_, server_.runtime().store().sites().FindSiteBySlug(nijmegen_, "oost")->buurt_codes, 20, 0);
  if (pros.empty()) GTEST_SKIP() << "the demo has no professionals in oost";
  EXPECT_NE(page.body.find("/nijmegen/oost/wijkprofessionals/#professional-" + std::to_string(pros[0].user.value)),
            std::string::npos);
  auto list = server_.Get("/nijmegen/oost/wijkprofessionals/");
  EXPECT_NE(list.body.find("id=\"professional-" + std::to_string(pros[0].user.value) + "\""), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing
