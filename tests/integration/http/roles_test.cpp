// Roles over HTTP (issue 3 §4): the operator appoints board members and buurtverbinders at
// /beheer/ by e-mail address; the association page names the board (never an address); the
// board of one city sees its sites' member counts and not another city's.
#include <gtest/gtest.h>

#include <chrono>

#include "domain/security/passwords.hpp"
#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::accounts::CityRole;
using domain::accounts::MemberRole;
using domain::accounts::MemberStatus;

class RolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& store = server_.runtime().store();
    hash_ = domain::security::HashPassword("een lang wachtwoord voor de test");
    operator_ = MakeUser("operator@example.nl", "Olga Operator", true);
    store.users().SetOperator(operator_, true);
    carla_ = MakeUser("carla@example.nl", "Carla Bestuur", true);
    dirk_ = MakeUser("dirk@example.nl", "Dirk Bewoner", true);
    nijmegen_ = store.cities().FindCityBySlug("nijmegen")->id;
    arnhem_ = store.cities().FindCityBySlug("arnhem")->id;
  }

  domain::UserId MakeUser(const std::string& email, const std::string& name, bool totp) {
    auto& store = server_.runtime().store();
    auto user = store.users().CreateUser({email, name, hash_, 1});
    EXPECT_TRUE(user.ok());
    if (totp) store.users().SetTotp(user->id, "JBSWY3DPEHPK3PXP", 0);
    return user->id;
  }

  // A session with the second factor given, as a login would leave it.
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

  TestServer server_;
  std::string hash_;
  domain::UserId operator_, carla_, dirk_;
  domain::CityId nijmegen_, arnhem_;
};

TEST_F(RolesTest, OperatorAppointsTheBoardWhichThePublicSeesByNameOnly) {
  BrowserClient op(server_);
  LogIn(op, operator_);
  auto home = op.Get("/beheer/");
  ASSERT_EQ(home.status, 200) << home.body;
  EXPECT_NE(home.body.find("href=\"/beheer/nijmegen/\""), std::string::npos);

  auto r = op.Submit("/beheer/nijmegen/", "/beheer/nijmegen/bestuur", "email=Carla%40Example.nl");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.Header("location"), "/beheer/nijmegen/");
  auto page = op.Get("/beheer/nijmegen/");
  EXPECT_NE(page.body.find("Carla Bestuur (c***@example.nl)"), std::string::npos);  // operators see addresses masked
  EXPECT_EQ(page.body.find("carla@example.nl"), std::string::npos);

  BrowserClient visitor(server_);
  auto assoc = visitor.Get("/nijmegen/vereniging/");
  ASSERT_EQ(assoc.status, 200);
  EXPECT_NE(assoc.body.find("Vereniging Buurtplein Nijmegen (voorbeeld)"), std::string::npos);
  EXPECT_NE(assoc.body.find("Carla Bestuur"), std::string::npos);
  EXPECT_EQ(assoc.body.find("carla@example.nl"), std::string::npos);
  EXPECT_EQ(assoc.body.find("@example.nl"), std::string::npos);
  // Not on Arnhem's board.
  EXPECT_EQ(visitor.Get("/arnhem/vereniging/").body.find("Carla Bestuur"), std::string::npos);

  // Removed again.
  r = op.Submit("/beheer/nijmegen/", "/beheer/nijmegen/bestuur/" + std::to_string(carla_.value) + "/verwijderen", "");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(visitor.Get("/nijmegen/vereniging/").body.find("Carla Bestuur"), std::string::npos);
  r = op.Submit("/beheer/nijmegen/", "/beheer/nijmegen/bestuur/" + std::to_string(carla_.value) + "/verwijderen", "");
  EXPECT_EQ(r.status, 404);
}

TEST_F(RolesTest, AnUnknownAddressIsRefusedOnTheForm) {
  BrowserClient op(server_);
  LogIn(op, operator_);
  auto r = op.Submit("/beheer/nijmegen/", "/beheer/nijmegen/bestuur", "email=niemand%40example.nl");
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("There is no account with this e-mail address."), std::string::npos);
  EXPECT_NE(r.body.find("href=\"#field-board\""), std::string::npos);  // the error summary
  EXPECT_NE(r.body.find("value=\"niemand@example.nl\""), std::string::npos);
  r = op.Submit("/beheer/nijmegen/", "/beheer/nijmegen/bestuur", "email=geen-adres");
  EXPECT_EQ(r.status, 422);
}

TEST_F(RolesTest, TheBoardSeesItsOwnCitysFiguresOnly) {
  auto& store = server_.runtime().store();
  ASSERT_TRUE(store.city_roles().GrantCityRole(nijmegen_, carla_, CityRole::kBoard, 1).ok());
  // A verified member in Oost, so the figures are not all zero.
  const auto* oost = server_.runtime().sites().directory()->FindSite("nijmegen", "oost");
  domain::accounts::Membership m;
  m.user = dirk_;
  m.status = MemberStatus::kVerified;
  m.created_at = 1;
  ASSERT_TRUE(store.memberships().CreateMembership(oost->id, m).ok());

  BrowserClient carla(server_);
  LogIn(carla, carla_);
  auto r = carla.Get("/nijmegen/vereniging/wijken");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(oost->name), std::string::npos);
  EXPECT_EQ(r.body.find("Dirk"), std::string::npos);  // figures, no names
  EXPECT_EQ(r.body.find("@example.nl"), std::string::npos);
  EXPECT_EQ(carla.Get("/arnhem/vereniging/wijken").status, 403);
  // The board role opens no site's members-only pages, nor /beheer/.
  EXPECT_EQ(carla.Get("/nijmegen/oost/members/pending").status, 403);
  EXPECT_EQ(carla.Get("/beheer/").status, 403);

  BrowserClient dirk(server_);
  LogIn(dirk, dirk_);
  EXPECT_EQ(dirk.Get("/nijmegen/vereniging/wijken").status, 403);
}

TEST_F(RolesTest, OperatorAppointsAndRemovesABuurtverbinder) {
  BrowserClient op(server_);
  LogIn(op, operator_);
  BrowserClient dirk(server_);
  LogIn(dirk, dirk_);
  EXPECT_EQ(dirk.Get("/nijmegen/oost/members/pending").status, 403);

  auto r = op.Submit("/beheer/nijmegen/", "/beheer/nijmegen/oost/buurtverbinders", "email=dirk%40example.nl");
  ASSERT_EQ(r.status, 303) << r.body;
  const auto* oost = server_.runtime().sites().directory()->FindSite("nijmegen", "oost");
  auto m = server_.runtime().store().memberships().FindMembership(oost->id, dirk_);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->role, MemberRole::kBuurtverbinder);
  EXPECT_EQ(m->status, MemberStatus::kVerified);
  EXPECT_EQ(dirk.Get("/nijmegen/oost/members/pending").status, 200);
  // Not a buurtverbinder of another site.
  EXPECT_EQ(dirk.Get("/nijmegen/zuid/members/pending").status, 403);

  r = op.Submit("/beheer/nijmegen/",
                "/beheer/nijmegen/oost/buurtverbinders/" + std::to_string(dirk_.value) + "/verwijderen", "");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(dirk.Get("/nijmegen/oost/members/pending").status, 403);
  // Removing through another site changes nothing there and finds nobody.
  r = op.Submit("/beheer/nijmegen/",
                "/beheer/nijmegen/zuid/buurtverbinders/" + std::to_string(dirk_.value) + "/verwijderen", "");
  EXPECT_EQ(r.status, 404);
}

TEST_F(RolesTest, OnlyOperatorsReachBeheer) {
  BrowserClient visitor(server_);
  auto r = visitor.Get("/beheer/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/account/login?next=/beheer/");
  BrowserClient dirk(server_);
  LogIn(dirk, dirk_);
  EXPECT_EQ(dirk.Get("/beheer/nijmegen/").status, 403);
  EXPECT_EQ(dirk.Post("/beheer/nijmegen/bestuur", "email=dirk%40example.nl").status, 403);
  EXPECT_TRUE(server_.runtime().store().city_roles().FindCityRoles(nijmegen_, dirk_).empty());
}

TEST_F(RolesTest, ListsArePaginatedAndPagesPastTheEndDoNotExist) {
  BrowserClient op(server_);
  LogIn(op, operator_);
  EXPECT_EQ(op.Get("/beheer/?page=1").status, 200);
  EXPECT_EQ(op.Get("/beheer/?page=2").status, 404);  // five demo cities: one page
  EXPECT_EQ(op.Get("/beheer/?page=x").status, 404);
  EXPECT_EQ(op.Get("/beheer/nijmegen/?page=2").status, 404);  // nine sites: one page
  BrowserClient visitor(server_);
  EXPECT_EQ(visitor.Get("/nijmegen/vereniging/?page=2").status, 404);
  EXPECT_EQ(visitor.Get("/atlantis/vereniging/").status, 404);
}

}  // namespace
}  // namespace buurtplein::testing
