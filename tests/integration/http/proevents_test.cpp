// A professional working in a site, no member of it, puts their organisation's activity on the
// site's agenda, over HTTP (issue 4 §3, decision 0013): the form offers only their organisation
// (required) and no visibility choice; the event is public and shown linked to the organisation's
// sociale-kaart page; another organisation, none, or members-only is refused (403); a
// professional of another site is refused (403); they edit and delete their own events, not
// others' (also not through another site); they sign up for nothing, but see who signed up for
// their own event, as any organiser; the event page shell never
// gives another viewer the organiser's edit button, nor the organiser a shell without it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "domain/events/local_time.hpp"
#include "feeds_fixture.hpp"

namespace buurtplein::testing {
namespace {

using domain::directory::OrgRole;
using domain::directory::Organization;



class ProfessionalEventsHttpTest : public FeedsFixture {
 protected:
  void SetUp() override {
    FeedsFixture::SetUp();
    auto& store = server_.runtime().store();
    const auto dir = server_.runtime().sites().directory();
    nijmegen_ = dir->FindCity("nijmegen")->id;
    team_ = Org("Buurtteam Proeftuin");
    other_ = Org("Stichting Elders");
    const auto* oost = dir->FindSite("nijmegen", "oost");
    const auto* zuid = dir->FindSite("nijmegen", "zuid");
    pim_ = Account("pim-pro@example.nl", "Pim Professional");
    pia_ = Account("pia-pro@example.nl", "Pia Professional");
    zoe_ = Account("zoe-pro@example.nl", "Zoë Zuid");
    Professional(pim_, team_, OnlyIn(*oost, *zuid));
    Professional(pia_, team_, OnlyIn(*oost, *zuid));
    Professional(zoe_, team_, OnlyIn(*zuid, *oost));
    // Pim is listed by another organisation too (without working in a buurt for it).
    ASSERT_TRUE(store.directory().SetOrganizationRole(nijmegen_, other_.id, pim_, OrgRole::kProfessional, Now()).ok());
    bv_ = Resident("bv-proevents@example.nl", "Bea Verbinder", oost_);
    ASSERT_TRUE(store.memberships().SetMembershipRole(oost_, bv_, domain::accounts::MemberRole::kBuurtverbinder).ok());
    store.users().SetTotp(bv_, "JBSWY3DPEHPK3PXP", 0);
  }

  domain::UserId Account(const std::string& email, const std::string& name) {
    auto& store = server_.runtime().store();
    auto user = store.users().CreateUser(domain::accounts::NewUser{email, name, "$argon2id$not-used", Now()});
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    return user->id;
  }

  Organization Org(const std::string& name) {
    Organization o;
    o.name = name;
    auto r = server_.runtime().store().directory().CreateOrganization(nijmegen_, o, Now());
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : Organization{};
  }

  void Professional(domain::UserId user, const Organization& org, const std::string& buurt) {
    auto& store = server_.runtime().store();
    ASSERT_TRUE(store.directory().SetOrganizationRole(nijmegen_, org.id, user, OrgRole::kProfessional, Now()).ok());
    domain::directory::Professional p;
    p.user = user;
    p.organization = org.id;
    p.display_name = "Professional";
    p.buurt_codes = {buurt};
    ASSERT_TRUE(store.directory().SaveProfessional(nijmegen_, p, Now()).ok());
  }

  static std::string OnlyIn(const domain::sites::Site& a, const domain::sites::Site& b) {
    for (const auto& code : a.buurt_codes) {
      if (std::find(b.buurt_codes.begin(), b.buurt_codes.end(), code) == b.buurt_codes.end()) return code;
    }
    ADD_FAILURE() << "no buurt of its own";
    return {};
  }

  static std::string Fields(const std::string& title, const std::string& extra) {
    return "title=" + FormEncode(title) + "&place=" + FormEncode("Wijkcentrum") + "&date=" + DateIn(2) +
           "&start_time=10%3A00&end_time=12%3A00" + extra;
  }

  WireResponse AddEvent(BrowserClient& client, const std::string& site, const std::string& title,
                        const std::string& extra) {
    client.Get("/nijmegen/" + site + "/agenda/nieuw");
    return client.Post("/nijmegen/" + site + "/agenda/nieuw", Fields(title, extra));
  }

  static std::string PathOf(const WireResponse& r) {
    const std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  std::string Team() const { return "&organisation_id=" + std::to_string(team_.id.value); }
  std::string OrgUrl(const Organization& o) const { return "/nijmegen/sociale-kaart/organisaties/" + o.uuid; }

  domain::CityId nijmegen_;
  Organization team_, other_;
  domain::UserId pim_, pia_, zoe_, bv_;
};

TEST_F(ProfessionalEventsHttpTest, AProfessionalOfTheSiteAddsAnEventAsTheirOrganisation) {
  BrowserClient pim(server_);
  LogIn(pim, pim_);
  EXPECT_TRUE(Has(pim.Get("/nijmegen/oost/agenda/"), "href=\"/nijmegen/oost/agenda/nieuw\"")) << "offered on the agenda";
  auto form = pim.Get("/nijmegen/oost/agenda/nieuw");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form, "<label class=\"field-label\" for=\"field-organisation_id\">Georganiseerd door je organisatie</label>"));
  EXPECT_TRUE(Has(form, "<option value=\"" + std::to_string(team_.id.value) + "\" selected>Buurtteam Proeftuin</option>"));
  EXPECT_FALSE(Has(form, "Stichting Elders")) << "only the organisation the role names";
  EXPECT_FALSE(Has(form, "<option value=\"\">")) << "no 'none'";
  EXPECT_FALSE(Has(form, "name=\"visibility\"")) << "no members-only choice";
  EXPECT_FALSE(Has(form, "name=\"organisation\"")) << "no free-text organisation";

  // Not as a plain resident, not as another organisation (even one that lists them), not for
  // members only: 403, nothing stored.
  EXPECT_EQ(AddEvent(pim, "oost", "Zonder organisatie", "").status, 403);
  auto other = AddEvent(pim, "oost", "Van Elders", "&organisation_id=" + std::to_string(other_.id.value));
  EXPECT_EQ(other.status, 403);
  EXPECT_TRUE(Has(other, "Als professional zet je activiteiten erop namens je organisatie.")) << other.body;
  auto members = AddEvent(pim, "oost", "Alleen leden", Team() + "&visibility=members");
  EXPECT_EQ(members.status, 403);
  EXPECT_TRUE(Has(members, "Activiteiten van professionals zijn voor iedereen.")) << members.body;
  // A validation problem shows the form again, as theirs.
  pim.Get("/nijmegen/oost/agenda/nieuw");
  auto invalid = pim.Post("/nijmegen/oost/agenda/nieuw", "title=&place=Wijkcentrum&date=" + DateIn(2) +
                                                             "&start_time=10%3A00&end_time=12%3A00" + Team());
  EXPECT_EQ(invalid.status, 422);
  EXPECT_FALSE(Has(invalid, "name=\"visibility\""));

  auto created = AddEvent(pim, "oost", "Spreekuur van het buurtteam", Team());
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string path = PathOf(created);
  const std::string link = "<a href=\"" + OrgUrl(team_) + "\">Buurtteam Proeftuin</a>";
  auto page = server_.Get(path);
  ASSERT_EQ(page.status, 200) << "public: anyone sees it";
  EXPECT_TRUE(Has(page, link + " <span class=\"tag tag-organisation\">Organisatie</span>")) << page.body;
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/agenda/"), "door organisatie " + link));
  auto stored = server_.runtime().store().events().FindEvent(oost_, domain::events::EventId{std::stoll(path.substr(path.rfind('/') + 1))});
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->organiser, pim_);
  EXPECT_EQ(stored->visibility, domain::events::Visibility::kPublic);
  EXPECT_FALSE(Has(server_.Get("/nijmegen/oost/agenda/"), "Van Elders"));
  EXPECT_FALSE(Has(server_.Get("/nijmegen/oost/agenda/"), "Alleen leden"));

  // No sign-up rights: a professional is no member.
  pim.Get(path);
  EXPECT_EQ(pim.Post(path + "/aanmelden", "occurrence=1").status, 403);
}

TEST_F(ProfessionalEventsHttpTest, AProfessionalOfAnotherSiteIsRefused) {
  BrowserClient zoe(server_);
  LogIn(zoe, zoe_);
  EXPECT_EQ(zoe.Get("/nijmegen/oost/agenda/nieuw").status, 403);
  EXPECT_EQ(AddEvent(zoe, "oost", "Niet mijn buurt", Team()).status, 403);
  EXPECT_FALSE(Has(zoe.Get("/nijmegen/oost/agenda/"), "href=\"/nijmegen/oost/agenda/nieuw\""));
  // In the site they work in, they may.
  EXPECT_EQ(AddEvent(zoe, "zuid", "Inloop Zuid", Team()).status, 303);
}

TEST_F(ProfessionalEventsHttpTest, TheyEditTheirOwnEventsNotOthers) {
  BrowserClient pim(server_), pia(server_), anna(server_), bv(server_);
  LogIn(pim, pim_);
  LogIn(pia, pia_);
  LogIn(anna, anna_);
  LogIn(bv, bv_);
  auto created = AddEvent(pim, "oost", "Inloop", Team());
  ASSERT_EQ(created.status, 303);
  const std::string path = PathOf(created);
  auto annas = AddEvent(anna, "oost", "Koffie bij Anna", "");
  ASSERT_EQ(annas.status, 303);
  const std::string annas_path = PathOf(annas);

  // The event page: the colleague (same audience) builds the shared shell first, without an edit
  // button; the organiser gets theirs; the colleague still has none.
  const std::string edit_link = "href=\"" + path + "/bewerken\"";
  EXPECT_FALSE(Has(pia.Get(path), edit_link));
  EXPECT_TRUE(Has(pim.Get(path), edit_link));
  EXPECT_FALSE(Has(pia.Get(path), edit_link));
  EXPECT_TRUE(Has(pim.Get(path), edit_link));

  // Their own: the form keeps their organisation, the change is saved.
  auto form = pim.Get(path + "/bewerken");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form, "<option value=\"" + std::to_string(team_.id.value) + "\" selected>Buurtteam Proeftuin</option>"));
  EXPECT_FALSE(Has(form, "name=\"visibility\""));
  ASSERT_EQ(pim.Post(path + "/bewerken", Fields("Inloop met koffie", Team())).status, 303);
  EXPECT_TRUE(Has(server_.Get(path), "Inloop met koffie"));
  EXPECT_EQ(pim.Post(path + "/bewerken", Fields("Inloop", Team() + "&visibility=members")).status, 403);
  EXPECT_EQ(pim.Post(path + "/bewerken", Fields("Inloop", "")).status, 403);

  // Not someone else's: not the colleague's, not a resident's.
  EXPECT_EQ(pia.Get(path + "/bewerken").status, 403);
  pia.Get(path);
  EXPECT_EQ(pia.Post(path + "/bewerken", Fields("Van Pia", Team())).status, 403);
  EXPECT_EQ(pia.Post(path + "/verwijderen", "").status, 403);
  EXPECT_EQ(pim.Get(annas_path + "/bewerken").status, 403);
  EXPECT_EQ(pim.Post(annas_path + "/bewerken", Fields("Van Pim", Team())).status, 403);
  EXPECT_EQ(pim.Post(annas_path + "/verwijderen", "").status, 403);
  EXPECT_TRUE(Has(server_.Get(annas_path), "Koffie bij Anna"));

  // Through another site: they work nowhere there (403); a professional of that site finds no
  // such event (404).
  const std::string id = path.substr(path.rfind('/') + 1);
  EXPECT_EQ(pim.Get("/nijmegen/zuid/agenda/" + id + "/bewerken").status, 403);
  BrowserClient zoe(server_);
  LogIn(zoe, zoe_);
  zoe.Get("/nijmegen/zuid/agenda/");
  EXPECT_EQ(zoe.Post("/nijmegen/zuid/agenda/" + id + "/bewerken", Fields("Van Zuid", Team())).status, 404);
  EXPECT_EQ(zoe.Post("/nijmegen/zuid/agenda/" + id + "/verwijderen", "").status, 404);

  // A buurtverbinder still edits it; the organiser deletes it.
  bv.Get(path + "/bewerken");
  ASSERT_EQ(bv.Post(path + "/bewerken", Fields("Inloop (verplaatst)", Team())).status, 303);
  EXPECT_TRUE(Has(server_.Get(path), "Inloop (verplaatst)"));
  pim.Get(path);
  ASSERT_EQ(pim.Post(path + "/verwijderen", "").status, 303);
  EXPECT_EQ(server_.Get(path).status, 404);
}

}  // namespace
}  // namespace buurtplein::testing

namespace buurtplein::testing {
namespace {

TEST_F(ProfessionalEventsHttpTest, TheOrganiserSeesWhoSignedUpAColleagueDoesNot) {
  BrowserClient pim(server_), pia(server_), anna(server_);
  LogIn(pim, pim_);
  LogIn(pia, pia_);
  LogIn(anna, anna_);
  auto created = AddEvent(pim, "oost", "Workshop formulieren", Team() + "&signup=1&capacity=10");
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string path = PathOf(created);
  const auto event = server_.runtime().store().events().FindEvent(
      oost_, domain::events::EventId{std::stoll(path.substr(path.rfind('/') + 1))});
  ASSERT_TRUE(event);
  const std::string occurrence = std::to_string(event->start_at);
  anna.Get(path);
  ASSERT_EQ(anna.Post(path + "/aanmelden", "occurrence=" + occurrence).status, 303);
  auto list = pim.Get(path + "/aanmeldingen?datum=" + occurrence);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list, "Anna de Vries"));
  EXPECT_EQ(pia.Get(path + "/aanmeldingen?datum=" + occurrence).status, 403);
  EXPECT_FALSE(Has(pia.Get(path), "Anna de Vries"));
  EXPECT_TRUE(Has(pim.Get(path), "Anna de Vries")) << "the organiser's page lists the first sign-ups";
}

}  // namespace
}  // namespace buurtplein::testing
