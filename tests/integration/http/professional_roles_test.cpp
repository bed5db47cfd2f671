// Professionals and organisation admins over HTTP (issue 3 §4, issue 5 §6): a site lists the
// professionals working in it; a resident addresses a question to one (who gets a mail, sees it
// and answers with their badge and organisation) and starts a conversation with one; nothing of
// another site opens to them. Also: a member withdraws an invitation (issue 3 §3), and
// operators see addresses masked on /beheer/.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "domain/roles/professional_service.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::accounts::Membership;
using domain::accounts::MembershipKind;
using domain::accounts::MemberStatus;

bool Has(const std::string& body, const std::string& needle) { return body.find(needle) != std::string::npos; }

class ProfessionalRolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& store = server_.runtime().store();
    hash_ = domain::security::HashPassword("een lang wachtwoord voor de test");
    nijmegen_ = store.cities().FindCityBySlug("nijmegen")->id;
    oost_ = *store.sites().FindSiteBySlug(nijmegen_, "oost");
    zuid_ = *store.sites().FindSiteBySlug(nijmegen_, "zuid");
    anna_ = MakeUser("anna-pro-test@example.nl", "Anna Testbewoner");
    bea_ = MakeUser("bea-pro-test@example.nl", "Bea Testbewoner");
    pim_ = MakeUser("pim-pro-test@example.nl", "Pim Testprofessional");
    Member(oost_.id, anna_);
    Member(zuid_.id, bea_);
    domain::directory::Organization o;
    o.name = "Testwijkteam (voorbeeld)";
    org_ = store.directory().CreateOrganization(nijmegen_, o, 1)->id;
    Professional(pim_, "Pim Testprofessional", {OnlyIn(oost_, zuid_)});
  }

  domain::UserId MakeUser(const std::string& email, const std::string& name) {
    auto user = server_.runtime().store().users().CreateUser({email, name, hash_, 1});
    EXPECT_TRUE(user.ok());
    return user->id;
  }

  void Member(domain::SiteId site, domain::UserId user) {
    Membership m;
    m.user = user;
    m.kind = MembershipKind::kHome;
    m.status = MemberStatus::kVerified;
    m.verified_at = 1;
    ASSERT_TRUE(server_.runtime().store().memberships().CreateMembership(site, m).ok());
  }

  void Professional(domain::UserId user, const std::string& name, std::vector<std::string> buurten) {
    auto& store = server_.runtime().store();
    ASSERT_TRUE(store.directory()
                    .SetOrganizationRole(nijmegen_, org_, user, domain::directory::OrgRole::kProfessional, 1)
                    .ok());
    domain::directory::Professional p;
    p.user = user;
    p.organization = org_;
    p.display_name = name;
    p.come_to_me_for = "Vragen over geld en formulieren";
    p.office_hours = "Dinsdag 9 tot 12 uur";
    p.buurt_codes = std::move(buurten);
    ASSERT_TRUE(store.directory().SaveProfessional(nijmegen_, p, 1).ok());
  }

  static std::string OnlyIn(const domain::sites::Site& a, const domain::sites::Site& b) {
    for (const auto& code : a.buurt_codes) {
      if (std::find(b.buurt_codes.begin(), b.buurt_codes.end(), code) == b.buurt_codes.end()) return code;
    }
    ADD_FAILURE() << "no buurt of its own";
    return {};
  }

  void LogIn(BrowserClient& client, domain::UserId user) {
    const std::string token = domain::security::NewToken();
    domain::accounts::Session s;
    s.token_hash = domain::security::HashToken(token);
    s.user = user;
    s.created_at = s.last_seen_at = std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
    s.expires_at = s.created_at + 3600;
    s.second_factor_done = true;
    ASSERT_TRUE(server_.runtime().store().sessions().CreateSession(s).ok());
    client.SetCookie("bp_session", token);
  }

  // Asks on oost as Anna; returns the question's path.
  std::string Ask(BrowserClient& anna, const std::string& title, const std::string& professional) {
    anna.Get("/nijmegen/oost/vragen/nieuw");
    auto r = anna.Post("/nijmegen/oost/vragen/nieuw", "title=" + FormEncode(title) +
                                                           "&body=&visibility=public&professional=" + professional);
    EXPECT_EQ(r.status, 303) << r.body;
    std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  TestServer server_;
  std::string hash_;
  domain::CityId nijmegen_;
  domain::sites::Site oost_, zuid_;
  domain::UserId anna_, bea_, pim_;
  domain::directory::OrganizationId org_;
};

TEST_F(ProfessionalRolesTest, TheSiteListsItsProfessionalsWithWaysToReachThem) {
  auto visitor = server_.Get("/nijmegen/oost/wijkprofessionals/");
  ASSERT_EQ(visitor.status, 200);
  EXPECT_TRUE(Has(visitor.body, "Pim Testprofessional"));
  EXPECT_TRUE(Has(visitor.body, "Testwijkteam (voorbeeld)"));
  EXPECT_TRUE(Has(visitor.body, "Vragen over geld en formulieren"));
  EXPECT_FALSE(Has(visitor.body, "berichten/nieuw?aan=" + std::to_string(pim_.value)));
  EXPECT_FALSE(Has(visitor.body, "pim-pro-test@example.nl"));
  // Pim does not work in zuid.
  EXPECT_FALSE(Has(server_.Get("/nijmegen/zuid/wijkprofessionals/").body, "Pim Testprofessional"));

  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto page = anna.Get("/nijmegen/oost/wijkprofessionals/");
  EXPECT_TRUE(Has(page.body, "vragen/nieuw?professional=" + std::to_string(pim_.value)));
  EXPECT_TRUE(Has(page.body, "berichten/nieuw?aan=" + std::to_string(pim_.value)));
  // The question form offers Pim, chosen.
  auto form = anna.Get("/nijmegen/oost/vragen/nieuw?professional=" + std::to_string(pim_.value));
  EXPECT_TRUE(Has(form.body, "<option value=\"" + std::to_string(pim_.value) + "\" selected>Pim Testprofessional"));
}

TEST_F(ProfessionalRolesTest, AResidentAsksAProfessionalWhoIsMailedSeesItAndAnswersWithTheirBadge) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = Ask(anna, "Waar kan ik hulp krijgen bij mijn belastingaangifte?", std::to_string(pim_.value));
  auto shown = anna.Get(path);
  EXPECT_TRUE(Has(shown.body, "Pim Testprofessional (Testwijkteam (voorbeeld))")) << shown.body;

  bool mailed = false;
  for (const auto& m : server_.runtime().store().mail().ListRecent(20)) {
    if (m.to_address == "pim-pro-test@example.nl" && Has(m.text_body, path)) mailed = true;
  }
  EXPECT_TRUE(mailed);

  BrowserClient pim(server_);
  LogIn(pim, pim_);
  auto mine = pim.Get("/nijmegen/oost/wijkprofessionals/vragen");
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(Has(mine.body, "Waar kan ik hulp krijgen bij mijn belastingaangifte?"));
  // Pim is no member of oost, but works there: the question page has the answer form.
  auto q = pim.Get(path);
  EXPECT_TRUE(Has(q.body, "/antwoorden\"")) << q.body;
  auto answered = pim.Post(path + "/antwoorden", "answer=" + FormEncode("Kom naar het spreekuur op dinsdag."));
  ASSERT_EQ(answered.status, 303) << answered.body;
  auto after = server_.Get(path);
  EXPECT_TRUE(Has(after.body, "tag-professional")) << after.body;
  EXPECT_TRUE(Has(after.body, ": Testwijkteam (voorbeeld)</span>"));
  EXPECT_TRUE(Has(after.body, "Kom naar het spreekuur op dinsdag."));

  // Nothing of zuid: Pim cannot answer there, nor see its questions addressed list or messages.
  BrowserClient bea(server_);
  LogIn(bea, bea_);
  bea.Get("/nijmegen/zuid/vragen/nieuw");
  auto zq = bea.Post("/nijmegen/zuid/vragen/nieuw", "title=Vraag+in+zuid&body=&visibility=public");
  ASSERT_EQ(zq.status, 303);
  const std::string zpath = zq.Header("location").substr(0, zq.Header("location").find('?'));
  pim.Get("/privacy");
  EXPECT_EQ(pim.Post(zpath + "/antwoorden", "answer=Hallo").status, 403);
  EXPECT_EQ(pim.Get("/nijmegen/zuid/wijkprofessionals/vragen").status, 403);
  EXPECT_EQ(pim.Get("/nijmegen/zuid/berichten/").status, 403);
  // Members-only pages of oost stay closed to Pim too.
  EXPECT_EQ(pim.Get("/nijmegen/oost/nieuws/nieuw").status, 403);
}

TEST_F(ProfessionalRolesTest, AQuestionCannotBeAddressedToSomeoneWhoDoesNotWorkHere) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/vragen/nieuw");
  auto r = anna.Post("/nijmegen/oost/vragen/nieuw",
                     "title=Niet+voor+Bea&body=&visibility=public&professional=" + std::to_string(bea_.value));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "field-professional"));
  EXPECT_FALSE(Has(server_.Get("/nijmegen/oost/vragen/").body, "Niet voor Bea"));
}

TEST_F(ProfessionalRolesTest, AResidentWhoIsAlsoAProfessionalAnswersAsOneOnlyWhereTheyWork) {
  // Anna lives in oost and works in zuid only.
  Professional(anna_, "Anna Testbewoner", {OnlyIn(zuid_, oost_)});
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = Ask(anna, "Wie weet een goede kapper?", "");
  ASSERT_EQ(anna.Post(path + "/antwoorden", "answer=" + FormEncode("Ik zelf niet.")).status, 303);
  auto page = server_.Get(path);
  EXPECT_TRUE(Has(page.body, "Ik zelf niet."));
  EXPECT_FALSE(Has(page.body, "tag-professional"));
}

TEST_F(ProfessionalRolesTest, AResidentStartsAConversationWithAProfessional) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/berichten/nieuw?aan=" + std::to_string(pim_.value));
  auto r = anna.Post("/nijmegen/oost/berichten/nieuw",
                     "aan=" + std::to_string(pim_.value) + "&body=" + FormEncode("Hallo Pim, mag ik iets vragen?"));
  ASSERT_EQ(r.status, 303) << r.body;
  const std::string conversation = r.Header("location");
  BrowserClient pim(server_);
  LogIn(pim, pim_);
  auto seen = pim.Get(conversation);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_TRUE(Has(seen.body, "Hallo Pim, mag ik iets vragen?"));
  auto reply = pim.Post(conversation, "body=" + FormEncode("Natuurlijk!"));
  EXPECT_EQ(reply.status, 303) << reply.body;
  EXPECT_TRUE(Has(anna.Get(conversation).body, "Natuurlijk!"));
  // Bea lives in zuid: she cannot reach Pim through zuid.
  BrowserClient bea(server_);
  LogIn(bea, bea_);
  EXPECT_EQ(bea.Get("/nijmegen/zuid/berichten/nieuw?aan=" + std::to_string(pim_.value)).status, 404);
}

TEST_F(ProfessionalRolesTest, AMemberWithdrawsAnInvitationAndTheLinkSaysSo) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/invite");
  auto made = anna.Post("/nijmegen/oost/invite", "");
  ASSERT_EQ(made.status, 200) << made.body;
  const auto at = made.body.find("/invitation/");
  ASSERT_NE(at, std::string::npos);
  const std::string token = made.body.substr(at + 12, made.body.find('"', at) - at - 12);
  auto list = anna.Get("/nijmegen/oost/uitnodigingen/");
  ASSERT_EQ(list.status, 200);
  const auto end = list.body.find("/intrekken\"");
  ASSERT_NE(end, std::string::npos) << list.body;
  const auto start = list.body.rfind('"', end) + 1;
  const std::string action = list.body.substr(start, end + 10 - start);
  EXPECT_EQ(action.rfind("/nijmegen/oost/uitnodigingen/", 0), 0u) << action;

  // Another member of oost cannot withdraw it; a member of zuid cannot even ask.
  const auto carl = MakeUser("carl-pro-test@example.nl", "Carl Testbewoner");
  Member(oost_.id, carl);
  BrowserClient other(server_);
  LogIn(other, carl);
  other.Get("/privacy");
  EXPECT_EQ(other.Post(action, "").status, 404);
  BrowserClient bea(server_);
  LogIn(bea, bea_);
  bea.Get("/privacy");
  EXPECT_EQ(bea.Post(action, "").status, 403);

  auto withdrawn = anna.Post(action, "");
  ASSERT_EQ(withdrawn.status, 303) << withdrawn.body;
  EXPECT_EQ(withdrawn.Header("location"), "/nijmegen/oost/uitnodigingen/?withdrawn=1");
  // The link says it was withdrawn, and it cannot be accepted.
  const auto dana = MakeUser("dana-pro-test@example.nl", "Dana Nieuw");
  BrowserClient d(server_);
  LogIn(d, dana);
  auto link = d.Get("/nijmegen/oost/invitation/" + token);
  EXPECT_EQ(link.status, 404);
  EXPECT_TRUE(Has(link.body, "Je buur heeft deze uitnodiging ingetrokken.")) << link.body;
  EXPECT_NE(d.Post("/nijmegen/oost/invitation/" + token, "").status, 303);
  EXPECT_FALSE(server_.runtime().store().memberships().FindMembership(oost_.id, dana).has_value());

  // A new invitation works, also for an account whose e-mail address is not confirmed yet:
  // membership proves living here, not a mailbox (docs/decisions/0008).
  ASSERT_FALSE(server_.runtime().store().users().FindUser(dana)->email_verified_at.has_value());
  anna.Get("/nijmegen/oost/invite");
  auto again = anna.Post("/nijmegen/oost/invite", "");
  const auto at2 = again.body.find("/invitation/");
  ASSERT_NE(at2, std::string::npos);
  const std::string token2 = again.body.substr(at2 + 12, again.body.find('"', at2) - at2 - 12);
  d.Get("/nijmegen/oost/invitation/" + token2);
  EXPECT_EQ(d.Post("/nijmegen/oost/invitation/" + token2, "").status, 303);
  auto joined = server_.runtime().store().memberships().FindMembership(oost_.id, dana);
  ASSERT_TRUE(joined.has_value());
  EXPECT_EQ(joined->status, MemberStatus::kVerified);
}

TEST(MaskEmail, ShowsTheFirstCharacterAndTheDomainOnly) {
  EXPECT_EQ(domain::roles::MaskEmail("jan.jansen@example.nl"), "j***@example.nl");
  EXPECT_EQ(domain::roles::MaskEmail("\xc3\xa9lise@example.nl"), "\xc3\xa9***@example.nl");
  EXPECT_EQ(domain::roles::MaskEmail("geen-adres"), "***");
  EXPECT_EQ(domain::roles::MaskEmail("@example.nl"), "***");
}

}  // namespace
}  // namespace buurtplein::testing
