// Who organises an event or a news post, over HTTP (issue 4 §1, §3; decision 0013):
// - the site home says "door groep X" (linked) on news and coming events a group organises, also
//   from the logged-in page shell; a members-only group's name only for the site's members;
// - an organisation of the city's sociale kaart as an event's organiser: offered on the form to
//   the people it lists (admin or professional), refused (403) to anyone else and for another
//   city's organisation, kept when a buurtverbinder edits, shown linked to its sociale-kaart page
//   (event page, agenda, site home, JSON-LD, JSON API checked against the OpenAPI document);
//   the free text stays plain text.
#include <gtest/gtest.h>

#include <chrono>

#include "app/demo_village.hpp"
#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"
#include "feeds_fixture.hpp"
#include "testlib/api_schema.hpp"

namespace buurtplein::testing {
namespace {

using domain::directory::OrgRole;
using domain::directory::Organization;



class VillageOrganisersTest : public FeedsFixture {
 protected:
  void SetUp() override {
    FeedsFixture::SetUp();
    auto& store = server_.runtime().store();
    // The demo's events would push ours off the site home's five: gone before any request.
    for (const auto* site : {&oost_, &zuid_}) {
      for (const auto& e : store.events().ListEventsAfter(*site, domain::events::EventId{0}, 500)) {
        ASSERT_TRUE(store.events().DeleteEvent(*site, e.id).ok());
      }
    }
    bert_ = Resident("bert-organisers@example.nl", "Bert Jansen", oost_);
    bv_ = Resident("bv-organisers@example.nl", "Bea Verbinder", oost_);
    ASSERT_TRUE(store.memberships().SetMembershipRole(oost_, bv_, domain::accounts::MemberRole::kBuurtverbinder).ok());
    store.users().SetTotp(bv_, "JBSWY3DPEHPK3PXP", 0);
    nijmegen_ = server_.runtime().sites().directory()->FindCity("nijmegen")->id;
    for (const auto& c : server_.runtime().sites().directory()->cities) {
      if (c.slug != "nijmegen") arnhem_ = c.id;  // another city of the demo
    }
    ASSERT_NE(arnhem_.value, 0);
    team_ = Org(nijmegen_, "Buurtteam Testwijk");
    other_ = Org(nijmegen_, "Stichting Anders");
    elsewhere_ = Org(arnhem_, "Wijkteam Arnhem");
    ASSERT_TRUE(store.directory().SetOrganizationRole(nijmegen_, team_.id, anna_, OrgRole::kAdmin, Now()).ok());
    ASSERT_TRUE(store.directory().SetOrganizationRole(arnhem_, elsewhere_.id, anna_, OrgRole::kAdmin, Now()).ok());
  }

  Organization Org(domain::CityId city, const std::string& name) {
    Organization o;
    o.name = name;
    auto r = server_.runtime().store().directory().CreateOrganization(city, o, Now());
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : Organization{};
  }

  WireResponse AddEvent(BrowserClient& client, const std::string& title, const std::string& extra) {
    client.Get("/nijmegen/oost/agenda/nieuw");
    return client.Post("/nijmegen/oost/agenda/nieuw",
                       "title=" + FormEncode(title) + "&place=" + FormEncode("Buurthuis") + "&date=" + DateIn(2) +
                           "&start_time=10%3A00&end_time=12%3A00" + extra);
  }

  static std::string PathOf(const WireResponse& r) {
    const std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  std::string OrgUrl(const Organization& o) const { return "/nijmegen/sociale-kaart/organisaties/" + o.uuid; }

  domain::UserId bert_, bv_;
  domain::CityId nijmegen_, arnhem_;
  Organization team_, other_, elsewhere_;
};

TEST_F(VillageOrganisersTest, TheSiteHomeSaysWhichGroupOrganisesOnlyWhatTheAudienceMaySee) {
  auto& store = server_.runtime().store();
  const auto make_group = [&](const std::string& name, domain::groups::Visibility visibility) {
    domain::groups::GroupDraft g;
    g.name = name;
    g.description_markdown = "Over " + name;
    g.visibility = visibility;
    auto r = store.groups().CreateGroup(oost_, anna_, g, Now());
    EXPECT_TRUE(r.ok());
    return r->id.value;
  };
  const auto garden = make_group("Moestuin De Klokkenberg", domain::groups::Visibility::kPublic);
  const auto closed = make_group("Besloten kring", domain::groups::Visibility::kMembers);
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  ASSERT_EQ(AddEvent(anna, "Oogstfeest", "&group=" + std::to_string(garden)).status, 303);
  ASSERT_EQ(AddEvent(anna, "Kringavond", "&group=" + std::to_string(closed)).status, 303);
  anna.Get("/nijmegen/oost/nieuws/nieuw");
  ASSERT_EQ(anna.Post("/nijmegen/oost/nieuws/nieuw", "title=Tomaten+te+oogsten&body=Ze+zijn+rijp.&visibility=public"
                                                     "&publish_at=&group=" + std::to_string(garden))
                .status,
            303);
  anna.Get("/nijmegen/oost/nieuws/nieuw");
  ASSERT_EQ(anna.Post("/nijmegen/oost/nieuws/nieuw", "title=Kringnieuws&body=Van+de+kring.&visibility=public"
                                                     "&publish_at=&group=" + std::to_string(closed))
                .status,
            303);

  const std::string garden_link =
      "door groep <a href=\"/nijmegen/oost/groepen/" + std::to_string(garden) + "\">Moestuin De Klokkenberg</a>";
  const std::string closed_link =
      "door groep <a href=\"/nijmegen/oost/groepen/" + std::to_string(closed) + "\">Besloten kring</a>";
  const auto count = [](const WireResponse& r, const std::string& text) {
    int n = 0;
    for (auto at = r.body.find(text); at != std::string::npos; at = r.body.find(text, at + 1)) ++n;
    return n;
  };

  // Anonymous (page cache) and a logged-in non-member (page shell): the public group, twice (the
  // news and the event), never the members-only group's name; the items themselves are public.
  auto anonymous = server_.Get("/nijmegen/oost/");
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_EQ(count(anonymous, garden_link), 2) << anonymous.body;
  EXPECT_FALSE(Has(anonymous, "Besloten kring"));
  EXPECT_TRUE(Has(anonymous, "Kringavond"));
  EXPECT_TRUE(Has(anonymous, "Kringnieuws"));
  EXPECT_EQ(count(server_.Get("/nijmegen/oost/"), garden_link), 2) << "the cached page too";
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  for (int i = 0; i < 2; ++i) {  // a miss, then the shell
    auto r = carla.Get("/nijmegen/oost/");
    EXPECT_EQ(count(r, garden_link), 2);
    EXPECT_FALSE(Has(r, "Besloten kring"));
  }
  // A member of the site, twice (miss and shell): both groups.
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  for (int i = 0; i < 2; ++i) {
    auto r = bert.Get("/nijmegen/oost/");
    EXPECT_EQ(count(r, garden_link), 2);
    EXPECT_EQ(count(r, closed_link), 2) << r.body;
  }
  // Still nothing of it for the anonymous visitor after the members' page was built.
  EXPECT_FALSE(Has(server_.Get("/nijmegen/oost/"), "Besloten kring"));
  // Another site's home shows none of it.
  EXPECT_FALSE(Has(server_.Get("/nijmegen/zuid/"), "Moestuin De Klokkenberg"));
}

TEST_F(VillageOrganisersTest, AnOrganisationThatListsYouOrganisesYourEventLinkedToItsPage) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto form = anna.Get("/nijmegen/oost/agenda/nieuw");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form, "<label class=\"field-label\" for=\"field-organisation_id\">Georganiseerd door een organisatie"));
  EXPECT_TRUE(Has(form, "<option value=\"" + std::to_string(team_.id.value) + "\">Buurtteam Testwijk</option>"));
  EXPECT_FALSE(Has(form, "Stichting Anders")) << "only organisations that list you";
  EXPECT_FALSE(Has(form, "Wijkteam Arnhem")) << "only organisations of this city";

  auto created = AddEvent(anna, "Spreekuur van het buurtteam", "&organisation_id=" + std::to_string(team_.id.value));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string event_path = PathOf(created);

  // Shown linked to the sociale kaart, marked as an organisation: event page, agenda, site home.
  const std::string link = "<a href=\"" + OrgUrl(team_) + "\">Buurtteam Testwijk</a>";
  auto page = server_.Get(event_path);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, link + " <span class=\"tag tag-organisation\">Organisatie</span>")) << page.body;
  EXPECT_TRUE(Has(page, "\"organizer\":{\"@type\":\"Organization\",\"name\":\"Buurtteam Testwijk\",\"url\":\"http://localhost:8080" +
                            OrgUrl(team_) + "\"}"))
      << page.body;
  EXPECT_TRUE(Has(anna.Get(event_path), link)) << "the logged-in page too";
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/agenda/"), "door organisatie " + link));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/"), "door organisatie " + link));
  EXPECT_EQ(server_.Get(OrgUrl(team_)).status, 200) << "the link leads to its page";

  // The JSON API names it, and the answer matches the OpenAPI document.
  const std::string api = "/api/v1/cities/nijmegen/sites/oost/events/" + event_path.substr(event_path.rfind('/') + 1);
  auto answer = server_.Get(api);
  ASSERT_EQ(answer.status, 200);
  const auto j = nlohmann::json::parse(answer.body);
  EXPECT_EQ(j["organisation"]["id"], team_.uuid);
  EXPECT_EQ(j["organisation"]["name"], "Buurtteam Testwijk");
  EXPECT_EQ(j["organisation"]["url"], "http://localhost:8080" + OrgUrl(team_));
  const ApiSchema schema(nlohmann::json::parse(server_.Get("/api/v1/openapi.json").body));
  EXPECT_EQ(Describe(schema.ValidateResponse(j, "/cities/{city}/sites/{site}/events/{id}", 200)), "");
  auto list = nlohmann::json::parse(server_.Get("/api/v1/cities/nijmegen/sites/oost/events").body);
  EXPECT_EQ(Describe(schema.ValidateResponse(list, "/cities/{city}/sites/{site}/events", 200)), "");

  // Not for an organisation that does not list you, nor another city's: 403, nothing stored.
  const std::string refused_text = "Alleen iemand die bij de organisatie hoort op de sociale kaart";
  auto other = AddEvent(anna, "Niet van ons", "&organisation_id=" + std::to_string(other_.id.value));
  EXPECT_EQ(other.status, 403);
  EXPECT_TRUE(Has(other, refused_text));
  EXPECT_EQ(AddEvent(anna, "Niet van hier", "&organisation_id=" + std::to_string(elsewhere_.id.value)).status, 403);
  EXPECT_EQ(AddEvent(anna, "Onzin", "&organisation_id=abc").status, 403);
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_FALSE(Has(bert.Get("/nijmegen/oost/agenda/nieuw"), "name=\"organisation_id\"")) << "nothing to offer";
  EXPECT_EQ(AddEvent(bert, "Van Bert", "&organisation_id=" + std::to_string(team_.id.value)).status, 403);
  // Bert's edit of his own event cannot name it either.
  auto own = AddEvent(bert, "Bert zijn koffie", "&organisation=" + FormEncode("Koffieclub De Buren"));
  ASSERT_EQ(own.status, 303);
  const std::string own_path = PathOf(own);
  bert.Get(own_path + "/bewerken");
  EXPECT_EQ(bert.Post(own_path + "/bewerken", "title=Koffie&place=Buurthuis&date=" + DateIn(2) +
                                                  "&start_time=10%3A00&end_time=12%3A00&organisation_id=" +
                                                  std::to_string(team_.id.value))
                .status,
            403);
  EXPECT_FALSE(Has(server_.Get("/nijmegen/oost/agenda/"), "Niet van"));
  // A professional the organisation lists (not an admin) may name it too.
  ASSERT_TRUE(server_.runtime()
                  .store()
                  .directory()
                  .SetOrganizationRole(nijmegen_, other_.id, bert_, OrgRole::kProfessional, Now())
                  .ok());
  EXPECT_TRUE(Has(bert.Get("/nijmegen/oost/agenda/nieuw"),
                  "<option value=\"" + std::to_string(other_.id.value) + "\">Stichting Anders</option>"));
  auto by_professional = AddEvent(bert, "Inloop", "&organisation_id=" + std::to_string(other_.id.value));
  ASSERT_EQ(by_professional.status, 303);
  EXPECT_TRUE(Has(server_.Get(PathOf(by_professional)), "<a href=\"" + OrgUrl(other_) + "\">Stichting Anders</a>"));
  // The free text stays plain text.
  auto plain = server_.Get(own_path);
  EXPECT_TRUE(Has(plain, "<dd>Koffieclub De Buren</dd>")) << plain.body;
  EXPECT_TRUE(Has(plain, "\"organizer\":{\"@type\":\"Organization\",\"name\":\"Koffieclub De Buren\"}"));

  // A buurtverbinder edits the event: the organisation is offered (selected) and stays.
  BrowserClient bv(server_);
  LogIn(bv, bv_);
  auto edit_form = bv.Get(event_path + "/bewerken");
  ASSERT_EQ(edit_form.status, 200);
  EXPECT_TRUE(Has(edit_form, "<option value=\"" + std::to_string(team_.id.value) + "\" selected>Buurtteam Testwijk</option>"));
  auto edited = bv.Post(event_path + "/bewerken", "title=" + FormEncode("Spreekuur!") + "&place=Buurthuis&date=" +
                                                      DateIn(2) + "&start_time=10%3A00&end_time=12%3A00&organisation_id=" +
                                                      std::to_string(team_.id.value));
  ASSERT_EQ(edited.status, 303) << edited.body.substr(0, 2000);
  EXPECT_TRUE(Has(server_.Get(event_path), link));
  // Anna takes it off again: the event is hers.
  anna.Get(event_path + "/bewerken");
  ASSERT_EQ(anna.Post(event_path + "/bewerken", "title=Spreekuur&place=Buurthuis&date=" + DateIn(2) +
                                                    "&start_time=10%3A00&end_time=12%3A00&organisation_id=")
                .status,
            303);
  EXPECT_FALSE(Has(server_.Get(event_path), "Buurtteam Testwijk"));

  // Through another site: not found.
  EXPECT_EQ(server_.Get("/nijmegen/zuid/agenda/" + event_path.substr(event_path.rfind('/') + 1)).status, 404);
}

// The demo: an example organisation organises an example event on Oost and Zuid, once.
using DemoOrganisationEventsTest = FeedsFixture;

TEST_F(DemoOrganisationEventsTest, ExampleOrganisationsOrganiseExampleEventsOnce) {
  auto& rt = server_.runtime();
  EXPECT_EQ(app::LoadDemoOrganisationEvents(rt.store(), *rt.sites().directory(), Now()), 0) << "loaded before";
  for (const auto& [site, organisation] : {std::pair{oost_, "Buurtteam Nijmegen (voorbeeld)"},
                                           std::pair{zuid_, "Stichting Samen in de Wijk (voorbeeld)"}}) {
    int found = 0;
    for (const auto& e : rt.store().events().ListPublicOfSite(site, Now(), 100, 0)) {
      if (!e.organisation_id) continue;
      ++found;
      EXPECT_EQ(e.organisation_ref_name, organisation);
      EXPECT_EQ(e.title.rfind("Voorbeeld: ", 0), 0u) << e.title;
      EXPECT_NE(e.description_markdown.find("voorbeeld"), std::string::npos);
      auto page = server_.Get("/nijmegen/" + std::string(site == oost_ ? "oost" : "zuid") + "/agenda/" +
                              std::to_string(e.id.value));
      EXPECT_TRUE(Has(page, "<a href=\"/nijmegen/sociale-kaart/organisaties/" + e.organisation_uuid + "\">" +
                                organisation + "</a>"));
    }
    EXPECT_EQ(found, 1) << organisation;
  }
}

}  // namespace
}  // namespace buurtplein::testing
