// The logged-in news post page from its shell (docs/decisions/0012-page-shells.md): rendered once
// per audience with holes; each viewer still sees their own name, CSRF token and "bedankt"
// state, authors their own buttons, changes show at once and members-only posts never leak.
#include <gtest/gtest.h>

#include "news_fixture.hpp"

namespace buurtplein::testing {
namespace {

TEST_F(NewsTest, ShellKeepsEveryViewersOwnStateOnThePostPage) {
  const UserId dirk = Resident("dirk-news@example.nl", "Dirk Smit", oost_);
  BrowserClient anna(server_), bert(server_), dirk_c(server_);
  LogIn(anna, anna_);
  LogIn(bert, bert_);
  LogIn(dirk_c, dirk);
  auto posted = PostNews(anna, "oost", "Schoonmaakdag", "We maken het plein schoon.");
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string path = PostPath(posted);

  // Bert's visit builds the members' shell, Dirk's comes from it: each sees their own name.
  auto b = bert.Get(path);
  ASSERT_EQ(b.status, 200);
  EXPECT_TRUE(Has(b, "Bert Jansen"));
  EXPECT_FALSE(Has(b, "Dirk Smit"));
  EXPECT_FALSE(Has(b, "/bewerken\""));
  const std::size_t fragments = server_.runtime().page_cache().fragment_count();
  EXPECT_GE(fragments, 1u) << "the members' shell is kept";
  EXPECT_FALSE(Has(b, "\x02"));
  auto d = dirk_c.Get(path);
  ASSERT_EQ(d.status, 200);
  EXPECT_TRUE(Has(d, "Dirk Smit"));
  EXPECT_FALSE(Has(d, "Bert Jansen"));
  EXPECT_FALSE(Has(d, "\x02"));
  EXPECT_FALSE(Has(d, "/bewerken\""));
  EXPECT_EQ(server_.runtime().page_cache().fragment_count(), fragments) << "Dirk's page came from the shell";
  EXPECT_NE(bert.csrf(), dirk_c.csrf());
  EXPECT_TRUE(Has(d, "value=\"" + dirk_c.csrf() + "\""));
  EXPECT_FALSE(Has(d, bert.csrf()));
  // The author sees their own button; the others still do not.
  auto a = anna.Get(path);
  EXPECT_TRUE(Has(a, "/bewerken\"")) << "the author's edit button";
  EXPECT_FALSE(Has(bert.Get(path), "/bewerken\""));

  // "Bedankt" from Bert: his page says pressed at once, Dirk's not, and both see the count.
  ASSERT_EQ(bert.Post(path + "/bedankt", "").status, 303);
  b = bert.Get(path);
  EXPECT_TRUE(Has(b, "aria-pressed=\"true\""));
  EXPECT_TRUE(Has(b, "<span class=\"js-thanks-count\">1</span>"));
  d = dirk_c.Get(path);
  EXPECT_TRUE(Has(d, "aria-pressed=\"false\""));
  EXPECT_TRUE(Has(d, "<span class=\"js-thanks-count\">1</span>"));

  // Dirk comments with the token from the shell page (so it is his): his delete button, not Bert's.
  auto c = dirk_c.Post(path + "/reacties", "comment=" + FormEncode("Ik help mee!"));
  ASSERT_EQ(c.status, 303) << c.body;
  d = dirk_c.Get(path);
  EXPECT_TRUE(Has(d, "Ik help mee!"));
  EXPECT_TRUE(Has(d, "/verwijderen\""));
  b = bert.Get(path);
  EXPECT_TRUE(Has(b, "Ik help mee!"));
  EXPECT_FALSE(Has(b, "/verwijderen\""));
  EXPECT_TRUE(Has(bert.Get(path), "Bert Jansen"));
}

TEST_F(NewsTest, ShellNeverShowsMembersOnlyPostsToNonMembers) {
  BrowserClient anna(server_), bert(server_), carla(server_);
  LogIn(anna, anna_);
  LogIn(bert, bert_);
  LogIn(carla, carla_);
  auto posted = PostNews(anna, "oost", "Geheime sleutel", "Alleen voor buren.", "members");
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string path = PostPath(posted);
  for (int i = 0; i < 2; ++i) {
    auto b = bert.Get(path);
    EXPECT_EQ(b.status, 200);
    EXPECT_TRUE(Has(b, "Geheime sleutel"));
    EXPECT_EQ(carla.Get(path).status, 404) << "Carla is no member of Oost";
    EXPECT_EQ(server_.Get(path).status, 404);
  }
  // Deleted: gone for the members at once.
  ASSERT_EQ(server_.runtime().store().news().DeletePost(oost_, domain::news::PostId{std::stoll(path.substr(path.rfind('/') + 1))}).ok(), true);
  server_.runtime().page_cache().InvalidateSite(oost_);
  EXPECT_EQ(bert.Get(path).status, 404);
}

}  // namespace
}  // namespace buurtplein::testing
