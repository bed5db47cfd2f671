// The sociale kaart over HTTP with the demo loaded: the HSDS API of a city (paging, search,
// category, one service), pages for the city and for a site, city isolation (Nijmegen's
// entries are not found through Arnhem), editing by organisation admins only, verification
// by operators, and the change history.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

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

class DirectoryHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    nijmegen_ = server_.runtime().store().cities().FindCityBySlug("nijmegen")->id;
  }

  static std::int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  UserId User(const std::string& email, const std::string& name, bool is_operator = false) {
    auto& store = server_.runtime().store();
    NewUser nu{email, name, "$argon2id$not-used", Now()};
    auto user = store.users().CreateUser(nu);
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    if (is_operator) {
      store.users().SetOperator(user->id, true);
      store.users().SetTotp(user->id, "JBSWY3DPEHPK3PXP", 0);
    }
    return user->id;
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

  json GetJson(const std::string& path, int expected = 200) {
    auto r = server_.Get(path);
    EXPECT_EQ(r.status, expected) << path << "\n" << r.body;
    EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u) << path;
    return json::parse(r.body, nullptr, false);
  }

  Service ServiceNamed(const std::string& name) {
    ServiceQuery q;
    q.search = name;
    auto list = server_.runtime().store().directory().ListServices(nijmegen_, q);
    EXPECT_FALSE(list.empty()) << name;
    return list.empty() ? Service{} : list[0];
  }

  TestServer server_;
  domain::CityId nijmegen_;
};

TEST_F(DirectoryHttpTest, TheHsdsApiPagesAndFilters) {
  auto root = GetJson("/nijmegen/hsds/");
  EXPECT_EQ(root["version"], "3.0");
  EXPECT_NE(root["openapi_url"].get<std::string>().find("/static/hsds/openapi.json"), std::string::npos);
  EXPECT_EQ(server_.Get("/static/hsds/openapi.json").status, 200);

  auto all = GetJson("/nijmegen/hsds/services");
  EXPECT_EQ(all["total_items"], 10);
  EXPECT_EQ(all["page_number"], 1);
  EXPECT_EQ(all["first_page"], true);
  EXPECT_EQ(all["last_page"], true);
  EXPECT_EQ(all["empty"], false);
  EXPECT_EQ(all["size"], 10);

  auto page2 = GetJson("/nijmegen/hsds/services?per_page=3&page=2");
  EXPECT_EQ(page2["total_pages"], 4);
  EXPECT_EQ(page2["page_number"], 2);
  EXPECT_EQ(page2["first_page"], false);
  EXPECT_EQ(page2["last_page"], false);
  EXPECT_EQ(page2["contents"].size(), 3u);
  auto beyond = GetJson("/nijmegen/hsds/services?per_page=3&page=9");
  EXPECT_EQ(beyond["empty"], true);
  EXPECT_EQ(server_.Get("/nijmegen/hsds/services?per_page=1000").status, 400);

  auto koffie = GetJson("/nijmegen/hsds/services?search=koffie");
  ASSERT_EQ(koffie["total_items"], 1);
  EXPECT_EQ(koffie["contents"][0]["name"], "Koffieochtend voor de buurt");

  auto terms = GetJson("/nijmegen/hsds/taxonomy_terms?per_page=100");
  EXPECT_EQ(terms["total_items"], 14);
  std::string geld;
  for (const auto& t : terms["contents"]) {
    if (t["code"] == "geldzaken") geld = t["id"];
  }
  ASSERT_FALSE(geld.empty());
  auto money = GetJson("/nijmegen/hsds/services?taxonomy_term_id=" + geld);
  EXPECT_EQ(money["total_items"], 2);
  EXPECT_EQ(GetJson("/nijmegen/hsds/taxonomies")["total_items"], 1);

  const std::string id = koffie["contents"][0]["id"];
  auto one = GetJson("/nijmegen/hsds/services/" + id);
  EXPECT_EQ(one["id"], id);
  EXPECT_EQ(one["organization"]["name"], "Stichting Samen in de Wijk (voorbeeld)");
  ASSERT_EQ(one["service_at_locations"].size(), 1u);
  EXPECT_EQ(one["service_at_locations"][0]["location"]["location_type"], "physical");
  EXPECT_EQ(one["attributes"][0]["taxonomy_term"]["code"], "ontmoeting");

  const std::string sal = one["service_at_locations"][0]["id"];
  EXPECT_EQ(GetJson("/nijmegen/hsds/service_at_locations/" + sal)["service_id"], id);
  EXPECT_GE(GetJson("/nijmegen/hsds/service_at_locations")["total_items"].get<int>(), 7);
  auto orgs = GetJson("/nijmegen/hsds/organizations");
  EXPECT_EQ(orgs["total_items"], 4);
  const std::string org = one["organization"]["id"];
  EXPECT_EQ(GetJson("/nijmegen/hsds/organizations/" + org)["services"].size(), 3u);

  // Another city does not know Nijmegen's entries.
  EXPECT_EQ(GetJson("/arnhem/hsds/services")["total_items"], 0);
  GetJson("/arnhem/hsds/services/" + id, 404);
  GetJson("/arnhem/hsds/organizations/" + org, 404);
  GetJson("/arnhem/hsds/service_at_locations/" + sal, 404);
  GetJson("/nijmegen/hsds/services/not-a-uuid", 404);
}

TEST_F(DirectoryHttpTest, FindingHelpInTheCityAndOnASite) {
  auto city = server_.Get("/nijmegen/sociale-kaart/");
  ASSERT_EQ(city.status, 200);
  EXPECT_NE(city.body.find("Koffieochtend voor de buurt"), std::string::npos);
  EXPECT_NE(city.body.find("Voorbeeld"), std::string::npos);
  EXPECT_NE(city.body.find("id=\"filter-categorie\""), std::string::npos);

  auto money = server_.Get("/nijmegen/sociale-kaart/?categorie=geldzaken");
  ASSERT_EQ(money.status, 200);
  EXPECT_NE(money.body.find("Schuldhulpmaatje"), std::string::npos);
  EXPECT_EQ(money.body.find("Koffieochtend voor de buurt"), std::string::npos);
  auto paid = server_.Get("/nijmegen/sociale-kaart/?gratis=1");
  EXPECT_EQ(paid.body.find("Sportles voor 55-plussers"), std::string::npos);
  // "Open now" (opening-hours module): offered, and a subset of all.
  EXPECT_NE(city.body.find("id=\"filter-nu-open\""), std::string::npos);
  auto open_now = server_.Get("/nijmegen/sociale-kaart/?nu-open=1");
  ASSERT_EQ(open_now.status, 200);
  EXPECT_EQ(open_now.body.find("Vraag het het buurtteam"), std::string::npos) << "no hours: never open now";
  auto arabic = server_.Get("/nijmegen/sociale-kaart/?taal=ar");
  EXPECT_NE(arabic.body.find("Taalcaf"), std::string::npos);
  EXPECT_EQ(arabic.body.find("Schuldhulpmaatje"), std::string::npos);

  // Oost: its own services and the city-wide ones, not Zuid's.
  auto oost = server_.Get("/nijmegen/oost/sociale-kaart/");
  ASSERT_EQ(oost.status, 200);
  EXPECT_NE(oost.body.find("Spreekuur in de wijk Oost"), std::string::npos);
  EXPECT_NE(oost.body.find("Vraag het het buurtteam"), std::string::npos);
  EXPECT_EQ(oost.body.find("Koffieochtend voor de buurt"), std::string::npos);
  auto zuid = server_.Get("/nijmegen/zuid/sociale-kaart/");
  EXPECT_NE(zuid.body.find("Koffieochtend voor de buurt"), std::string::npos);
  EXPECT_EQ(zuid.body.find("Spreekuur in de wijk Oost"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/sociale-kaart/?buurt=BU02680614").status, 404) << "a buurt of Zuid";
  EXPECT_NE(server_.Get("/nijmegen/oost/").body.find("/nijmegen/oost/sociale-kaart/"), std::string::npos);

  auto map = server_.Get("/nijmegen/sociale-kaart/map.geojson");
  ASSERT_EQ(map.status, 200);
  auto fc = json::parse(map.body);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  EXPECT_GE(fc["features"].size(), 7u);
  auto oost_map = json::parse(server_.Get("/nijmegen/oost/sociale-kaart/map.geojson").body);
  EXPECT_EQ(oost_map["features"].size(), 1u);

  const auto s = ServiceNamed("Koffieochtend");
  auto page = server_.Get("/nijmegen/sociale-kaart/diensten/" + s.uuid);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Wijkhuis Zuid (voorbeeld)"), std::string::npos);
  EXPECT_NE(page.body.find("10:00"), std::string::npos);
  EXPECT_EQ(server_.Get("/arnhem/sociale-kaart/diensten/" + s.uuid).status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/sociale-kaart/organisaties/" + s.organization_uuid).status, 200);
  EXPECT_EQ(server_.Get("/arnhem/sociale-kaart/organisaties/" + s.organization_uuid).status, 404);
}

TEST_F(DirectoryHttpTest, OnlyTheOrganisationsAdminsEditItsServices) {
  auto& repo = server_.runtime().store().directory();
  const auto koffie = ServiceNamed("Koffieochtend");  // Stichting Samen in de Wijk
  const auto schuld = ServiceNamed("Schuldhulpmaatje");  // Geldmaatjes
  const UserId olga = User("olga.directory@example.nl", "Olga Organisatie");
  ASSERT_TRUE(repo.SetOrganizationRole(nijmegen_, koffie.organization, olga, OrgRole::kAdmin, Now()).ok());

  // Not logged in: to the login page.
  auto anon = server_.Get("/nijmegen/sociale-kaart/diensten/" + koffie.uuid + "/bewerken");
  EXPECT_EQ(anon.status, 303);

  BrowserClient client(server_);
  LogIn(client, olga);
  const std::string own = "/nijmegen/sociale-kaart/diensten/" + koffie.uuid + "/bewerken";
  const std::string other = "/nijmegen/sociale-kaart/diensten/" + schuld.uuid + "/bewerken";
  EXPECT_EQ(client.Get(other).status, 403);
  ASSERT_EQ(client.Get(own).status, 200);
  auto refused = client.Post(other, "name=Gekaapt&description=x&categorie-geldzaken=1");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(repo.FindService(nijmegen_, schuld.id)->name, "Schuldhulpmaatje");

  auto invalid = client.Post(own, "name=&description=x");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("error-summary"), std::string::npos);

  auto saved = client.Post(own, "name=Koffieochtend+op+maandag&description=Koffie+en+thee&free=1&categorie-ontmoeting=1");
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(repo.FindService(nijmegen_, koffie.id)->name, "Koffieochtend op maandag");
  // The anonymous pages show it at once, and the history says who changed what.
  auto page = server_.Get("/nijmegen/sociale-kaart/diensten/" + koffie.uuid);
  EXPECT_NE(page.body.find("Koffieochtend op maandag"), std::string::npos);
  // The history names people: for those who keep the entry, not for residents.
  EXPECT_EQ(page.body.find("Olga Organisatie"), std::string::npos);
  EXPECT_NE(client.Get("/nijmegen/sociale-kaart/diensten/" + koffie.uuid).body.find("Olga Organisatie"),
            std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/sociale-kaart/").body.find("Koffieochtend op maandag"), std::string::npos);

  // Only the association (operators, the city's board) verifies.
  const std::string verify = "/nijmegen/sociale-kaart/diensten/" + schuld.uuid + "/controleren";
  client.Get("/nijmegen/sociale-kaart/diensten/" + koffie.uuid);
  EXPECT_EQ(client.Post(verify, "").status, 403);
  BrowserClient op(server_);
  LogIn(op, User("operator.directory@example.nl", "Oscar Operator", true));
  ASSERT_EQ(op.Get("/nijmegen/sociale-kaart/diensten/" + schuld.uuid).status, 200);
  auto verified = op.Post(verify, "");
  ASSERT_EQ(verified.status, 303) << verified.body;
  EXPECT_FALSE(repo.FindService(nijmegen_, schuld.id)->assurance.assured_date.empty());
  EXPECT_EQ(repo.FindService(nijmegen_, schuld.id)->assurance.assurer_email, "operator.directory@example.nl");
  // An operator may edit any entry.
  op.Get(other);
  EXPECT_EQ(op.Post(other, "name=Schuldhulpmaatje&description=Hulp&categorie-geldzaken=1").status, 303);
}

TEST_F(DirectoryHttpTest, AProfessionalShowsOnTheSitesOfTheirBuurten) {
  auto& repo = server_.runtime().store().directory();
  const auto koffie = ServiceNamed("Koffieochtend");
  const UserId pim = User("pim.directory@example.nl", "Pim Professional");
  const UserId rob = User("rob.directory@example.nl", "Rob Resident");
  ASSERT_TRUE(repo.SetOrganizationRole(nijmegen_, koffie.organization, pim, OrgRole::kProfessional, Now()).ok());

  BrowserClient resident(server_);
  LogIn(resident, rob);
  auto explained = resident.Get("/nijmegen/sociale-kaart/mijn-profiel");
  EXPECT_EQ(explained.status, 200);
  EXPECT_EQ(explained.body.find("name=\"display_name\""), std::string::npos) << "no form without an organisation";

  BrowserClient client(server_);
  LogIn(client, pim);
  auto form = client.Get("/nijmegen/sociale-kaart/mijn-profiel");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Pim Professional"), std::string::npos);
  const std::string fields = "organization=" + koffie.organization_uuid +
                             "&display_name=Pim+de+Wijkwerker&job_title=Wijkwerker&come_to_me_for=Eenzaamheid+en+"
                             "vrijwilligerswerk&office_hours=Dinsdag+10-12&buurt-BU02680202=1";
  auto saved = client.Post("/nijmegen/sociale-kaart/mijn-profiel", fields);
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto oost = server_.Get("/nijmegen/oost/sociale-kaart/");
  EXPECT_NE(oost.body.find("Pim de Wijkwerker"), std::string::npos);
  EXPECT_NE(oost.body.find("Eenzaamheid en vrijwilligerswerk"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/zuid/sociale-kaart/").body.find("Pim de Wijkwerker"), std::string::npos);
  // Not for an organisation they have no role in, nor with a buurt of another city.
  const auto schuld = ServiceNamed("Schuldhulpmaatje");
  EXPECT_EQ(client.Post("/nijmegen/sociale-kaart/mijn-profiel",
                        "organization=" + schuld.organization_uuid + "&display_name=Pim").status,
            404);
  auto foreign = client.Post("/nijmegen/sociale-kaart/mijn-profiel",
                             "organization=" + koffie.organization_uuid + "&display_name=");
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(server_.Get("/arnhem/sociale-kaart/").body.find("Pim de Wijkwerker"), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing
