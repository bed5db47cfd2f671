// Demo people (`buurtplein demo`): they log in on a development server only.
#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "app/demo_people.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

WireResponse LogIn(BrowserClient& b, const std::string& email) {
  return b.Submit("/account/login", "/account/login",
                  "email=" + FormEncode(email) + "&password=" + FormEncode(app::kDemoPassword) + "&next=%2Faccount%2F");
}

TEST(DemoAccountsTest, LogInOnlyInDevelopmentMode) {
  TempDir prod_dir;
  TestServer production(true, TestConfig(prod_dir.path()), true);
  BrowserClient b(production);
  auto refused = LogIn(b, "bewoner1.oost@example.nl");
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Dit is een demo-account. Demo-accounts werken alleen op een demoserver"),
            std::string::npos);
  EXPECT_TRUE(b.Cookie("bp_session").empty());

  TempDir dev_dir;
  auto config = TestConfig(dev_dir.path());
  config.http.dev_mode = true;
  TestServer dev(true, config, true);
  BrowserClient d(dev);
  auto ok = LogIn(d, "bewoner1.oost@example.nl");
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.Header("location"), "/account/");
  // A buurtverbinder has two-step login: the code comes next.
  BrowserClient bv(dev);
  auto bv_login = LogIn(bv, "buurtverbinder.centrum@example.nl");
  EXPECT_EQ(bv_login.status, 303);
  EXPECT_EQ(bv_login.Header("location"), "/account/login/second-factor?next=/account/");
}

TEST(DemoAccountsTest, DemoPeopleAreMadeOnceAndMarked) {
  TempDir dir;
  TestServer server(true, TestConfig(dir.path()), true);
  auto& store = server.runtime().store();
  // The server loaded the demo once; loading it again changes nothing.
  EXPECT_EQ(app::LoadDemoPeople(store, *server.runtime().sites().directory()), 0);
  const auto* oost = server.runtime().sites().directory()->FindSite("nijmegen", "oost");
  auto bv = store.users().FindUserByEmail("buurtverbinder.oost@example.nl");
  ASSERT_TRUE(bv);
  EXPECT_TRUE(bv->is_demo);
  EXPECT_EQ(bv->totp_secret, app::kDemoTotpSecret);
  auto m = store.memberships().FindMembership(oost->id, bv->id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->role, domain::accounts::MemberRole::kBuurtverbinder);
  EXPECT_EQ(m->status, domain::accounts::MemberStatus::kVerified);
  EXPECT_EQ(store.memberships().CountMembers(oost->id, domain::accounts::MemberStatus::kVerified), 4);
  auto op = store.users().FindUserByEmail("beheer@example.nl");
  ASSERT_TRUE(op);
  EXPECT_TRUE(op->is_operator);
  EXPECT_TRUE(op->is_demo);
}

}  // namespace
}  // namespace buurtplein::testing
