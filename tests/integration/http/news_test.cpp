// Neighbourhood news as residents meet it: the real server (demo loaded), two verified members
// of Oost, one of Zuid and a buurtverbinder of Oost; posting, the cached anonymous site home,
// members-only news, Markdown that tries to run script, and who may change what.
#include <gtest/gtest.h>

#include <chrono>

#include "news_fixture.hpp"

namespace buurtplein::testing {
namespace {

using namespace domain::accounts;

TEST_F(NewsTest, AMembersPostShowsOnTheAnonymousSiteHomeAtOnce) {
  // The anonymous site home is cached now…
  auto before = server_.Get("/nijmegen/oost/");
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.body.find("Oud papier ophalen"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/").Header("etag"), before.Header("etag")) << "served from the cache";

  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto form = anna.Get("/nijmegen/oost/nieuws/nieuw");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"title\""), std::string::npos);
  auto posted = PostNews(anna, "oost", "Oud papier ophalen", "Zaterdag halen we **oud papier** op.");
  ASSERT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(posted.Header("location").rfind("/nijmegen/oost/nieuws/", 0), 0u);

  // …and shows the news at once: posting emptied the site's cached pages.
  auto after = server_.Get("/nijmegen/oost/");
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("Oud papier ophalen"), std::string::npos);
  EXPECT_NE(after.body.find("Anna de Vries"), std::string::npos);
  auto list = server_.Get("/nijmegen/oost/nieuws/");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Oud papier ophalen"), std::string::npos);
  auto page = server_.Get(PostPath(posted));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<strong>oud papier</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("<meta property=\"og:title\" content=\"Oud papier ophalen\">"), std::string::npos);
  // Zuid is another site: nothing of Oost's news there.
  EXPECT_EQ(server_.Get("/nijmegen/zuid/").body.find("Oud papier ophalen"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/zuid" + PostPath(posted).substr(std::string("/nijmegen/oost").size())).status,
            404);
}

TEST_F(NewsTest, MembersOnlyNewsIsHiddenFromVisitorsAndOtherSites) {
  server_.Get("/nijmegen/oost/");  // cached for anonymous visitors
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostNews(anna, "oost", "Sleutel van het buurthuis", "Alleen voor buren.", "members");
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string path = PostPath(posted);

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_EQ(bert.Get(path).status, 200);
  EXPECT_NE(bert.Get("/nijmegen/oost/").body.find("Sleutel van het buurthuis"), std::string::npos);
  EXPECT_NE(bert.Get("/nijmegen/oost/nieuws/").body.find("Sleutel van het buurthuis"), std::string::npos);

  // Anonymous: not on the (cached) home, not in the list, the page does not exist.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(server_.Get("/nijmegen/oost/").body.find("Sleutel van het buurthuis"), std::string::npos);
    EXPECT_EQ(server_.Get("/nijmegen/oost/nieuws/").body.find("Sleutel van het buurthuis"), std::string::npos);
  }
  EXPECT_EQ(server_.Get(path).status, 404);

  // A member of Zuid is not a member of Oost.
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_EQ(carla.Get(path).status, 404);
  EXPECT_EQ(carla.Get("/nijmegen/oost/").body.find("Sleutel van het buurthuis"), std::string::npos);
}

TEST_F(NewsTest, MarkdownCannotRunScript) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostNews(anna, "oost", "Let op <script>alert(1)</script>",
                         "Hallo <script>alert('xss')</script>\n\n[klik](javascript:alert(1))\n\n"
                         "<img src=x onerror=alert(1)>\n\n| Dag | Tijd |\n|---|---|\n| zaterdag | 10:00 |");
  ASSERT_EQ(posted.status, 303) << posted.body;
  auto page = server_.Get(PostPath(posted));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.body.find("javascript:"), std::string::npos);
  EXPECT_EQ(page.body.find("onerror"), std::string::npos);
  EXPECT_NE(page.body.find("Let op &lt;script&gt;"), std::string::npos) << "the title is escaped";
  EXPECT_NE(page.body.find("<td>zaterdag</td>"), std::string::npos) << "tables work";
}

TEST_F(NewsTest, AMemberOfZuidCannotPostInOost) {
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_EQ(carla.Get("/nijmegen/oost/nieuws/nieuw").status, 403);
  carla.Get("/nijmegen/zuid/nieuws/nieuw");  // a CSRF token from a page she may see
  auto r = carla.Post("/nijmegen/oost/nieuws/nieuw", "title=Hallo&body=Tekst&visibility=public");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(server_.Get("/nijmegen/oost/nieuws/").body.find("Hallo"), std::string::npos);
  // Not logged in: to the login page.
  auto anonymous = server_.Get("/nijmegen/oost/nieuws/nieuw");
  EXPECT_EQ(anonymous.Header("location").rfind("/account/login?next=", 0), 0u);
}

TEST_F(NewsTest, TheAuthorEditsAnotherMemberCannot) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostNews(anna, "oost", "Eerste versie", "Tekst.");
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string path = PostPath(posted);
  server_.Get(path);  // cached for anonymous visitors

  auto form = anna.Get(path + "/bewerken");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Eerste versie"), std::string::npos);
  auto edited = anna.Post(path + "/bewerken", "title=Tweede+versie&body=Nieuwe+tekst.&visibility=public");
  ASSERT_EQ(edited.status, 303) << edited.body;
  EXPECT_EQ(edited.Header("location"), path + "?saved=1");
  EXPECT_NE(server_.Get(path).body.find("Tweede versie"), std::string::npos) << "the cached page was replaced";

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_EQ(bert.Get(path + "/bewerken").status, 403);
  bert.Get(path);
  auto refused = bert.Post(path + "/bewerken", "title=Gekaapt&body=x&visibility=public");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("Alleen de schrijver of een buurtverbinder"), std::string::npos) << refused.body;
  EXPECT_EQ(bert.Post(path + "/verwijderen", "").status, 403);
  EXPECT_NE(server_.Get(path).body.find("Tweede versie"), std::string::npos);

  // An empty title: the form again with the message (422).
  anna.Get(path + "/bewerken");
  auto invalid = anna.Post(path + "/bewerken", "title=+&body=x&visibility=public");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("href=\"#field-title\""), std::string::npos);

  // The author deletes.
  anna.Get(path + "/bewerken");
  auto deleted = anna.Post(path + "/verwijderen", "");
  ASSERT_EQ(deleted.status, 303);
  EXPECT_EQ(deleted.Header("location"), "/nijmegen/oost/nieuws/?deleted=1");
  EXPECT_EQ(server_.Get(path).status, 404);
}

TEST_F(NewsTest, ABuurtverbinderPinsAMemberCannot) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto old_post = PostNews(anna, "oost", "Eerder bericht", "Tekst.");
  auto new_post = PostNews(anna, "oost", "Later bericht", "Tekst.");
  ASSERT_EQ(old_post.status, 303);
  ASSERT_EQ(new_post.status, 303);
  const std::string path = PostPath(old_post);
  anna.Get(path);
  EXPECT_EQ(anna.Post(path + "/vastzetten", "action=pin").status, 403);

  BrowserClient bv(server_);
  LogIn(bv, bv_);
  auto page = bv.Get(path);
  EXPECT_NE(page.body.find("/vastzetten"), std::string::npos);
  auto pinned = bv.Post(path + "/vastzetten", "action=pin");
  ASSERT_EQ(pinned.status, 303);
  auto list = server_.Get("/nijmegen/oost/nieuws/").body;
  ASSERT_NE(list.find("Eerder bericht"), std::string::npos);
  EXPECT_LT(list.find("Eerder bericht"), list.find("Later bericht")) << "pinned first";
}

TEST_F(NewsTest, WhenTheAuthorLeavesTheNewsStaysWithoutTheirName) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostNews(anna, "oost", "Rommelmarkt", "Zondag op het plein.");
  ASSERT_EQ(posted.status, 303);
  ASSERT_NE(server_.Get("/nijmegen/oost/").body.find("Anna de Vries"), std::string::npos);  // cached

  // Deleting the account through the privacy service the runtime wired (news is an eraser).
  auto& store = server_.runtime().store();
  const std::string password = "een lange zin als wachtwoord";
  auto user = store.users().FindUser(anna_);
  ASSERT_TRUE(user);
  user->password_hash = domain::security::HashPassword(password);
  Authenticated auth{*user, {}, false};
  ASSERT_TRUE(server_.runtime().privacy().DeleteAccount(auth, password, ContentChoice::kAnonymise).ok());

  auto home = server_.Get("/nijmegen/oost/");
  EXPECT_NE(home.body.find("Rommelmarkt"), std::string::npos);
  EXPECT_EQ(home.body.find("Anna de Vries"), std::string::npos) << "the cached page was replaced";
  EXPECT_NE(home.body.find("oud-buurtbewoner"), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing
