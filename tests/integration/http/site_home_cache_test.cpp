// The site home for logged-in people: its body is rendered once per site, address, language and
// audience and kept as a fragment (docs/decisions/0008-fragment-cache.md). Members-only content
// stays with members, a change on the site shows at once, a change on another site does not
// throw the fragment away, and the header still names the person who asks.
#include <gtest/gtest.h>

#include "news_fixture.hpp"

namespace buurtplein::testing {
namespace {

class SiteHomeCacheTest : public NewsTest {};


TEST_F(SiteHomeCacheTest, MembersOnlyNewsNeverReachesOthersThroughTheCache) {
  BrowserClient anna(server_), bert(server_), carla(server_);
  LogIn(anna, anna_);
  LogIn(bert, bert_);
  LogIn(carla, carla_);
  // Every audience has its fragment before the post…
  ASSERT_EQ(bert.Get("/nijmegen/oost/").status, 200);
  ASSERT_EQ(carla.Get("/nijmegen/oost/").status, 200);
  ASSERT_EQ(server_.Get("/nijmegen/oost/").status, 200);
  auto posted = PostNews(anna, "oost", "Sleutel van de moestuin", "Alleen voor buren.", "members");
  ASSERT_EQ(posted.status, 303) << posted.body;

  // …and after it, members and non-members in turn, twice (the second time from the cache).
  for (int i = 0; i < 2; ++i) {
    auto member = bert.Get("/nijmegen/oost/");
    ASSERT_EQ(member.status, 200);
    EXPECT_TRUE(Has(member, "Sleutel van de moestuin")) << i;
    EXPECT_TRUE(Has(member, "Bert Jansen")) << "the header names the member";
    EXPECT_FALSE(Has(member, "Carla Bakker"));

    auto other = carla.Get("/nijmegen/oost/");  // logged in, member of Zuid
    ASSERT_EQ(other.status, 200);
    EXPECT_FALSE(Has(other, "Sleutel van de moestuin")) << i;
    EXPECT_TRUE(Has(other, "Carla Bakker"));
    EXPECT_FALSE(Has(other, "Bert Jansen"));

    auto anonymous = server_.Get("/nijmegen/oost/");
    ASSERT_EQ(anonymous.status, 200);
    EXPECT_FALSE(Has(anonymous, "Sleutel van de moestuin")) << i;
    EXPECT_FALSE(Has(anonymous, "Carla Bakker"));
  }
  // The buurtverbinder is a member too.
  BrowserClient bea(server_);
  LogIn(bea, bv_);
  EXPECT_TRUE(Has(bea.Get("/nijmegen/oost/"), "Sleutel van de moestuin"));
  // Each person gets their own log-out form token, not one from the cache.
  EXPECT_FALSE(bert.csrf().empty());
  EXPECT_NE(bert.csrf(), carla.csrf());
  EXPECT_TRUE(Has(bert.Get("/nijmegen/oost/"), bert.csrf()));
}

TEST_F(SiteHomeCacheTest, AChangeOnTheSiteShowsAtOnceAChangeElsewhereKeepsTheFragment) {
  BrowserClient anna(server_), bert(server_), carla(server_);
  LogIn(anna, anna_);
  LogIn(bert, bert_);
  LogIn(carla, carla_);
  ASSERT_EQ(bert.Get("/nijmegen/oost/").status, 200);  // Oost's fragment for members
  auto& cache = server_.runtime().page_cache();
  const std::size_t fragments = cache.fragment_count();
  EXPECT_GE(fragments, 1u);

  // Written straight into the store, past the services: no change listener hears it, so the
  // fragment stays, which shows the body comes from the cache.
  domain::news::PostDraft hidden;
  hidden.title = "Stil geschreven bericht";
  hidden.body_markdown = "Zonder melding.";
  ASSERT_TRUE(server_.runtime().store().news().CreatePost(oost_, anna_, hidden, Now() - 10).ok());
  EXPECT_FALSE(Has(bert.Get("/nijmegen/oost/"), "Stil geschreven bericht"));

  // A change on another site (Zuid) leaves Oost's fragment alone…
  auto zuid = PostNews(carla, "zuid", "Nieuws uit Zuid", "Iets in Zuid.");
  ASSERT_EQ(zuid.status, 303) << zuid.body;
  EXPECT_FALSE(Has(bert.Get("/nijmegen/oost/"), "Stil geschreven bericht"));
  EXPECT_FALSE(Has(bert.Get("/nijmegen/oost/"), "Nieuws uit Zuid"));

  // …a change on Oost shows at once, with everything written before it.
  auto oost = PostNews(anna, "oost", "Nieuws uit Oost", "Iets in Oost.");
  ASSERT_EQ(oost.status, 303) << oost.body;
  auto after = bert.Get("/nijmegen/oost/");
  EXPECT_TRUE(Has(after, "Nieuws uit Oost"));
  EXPECT_TRUE(Has(after, "Stil geschreven bericht"));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/"), "Nieuws uit Oost")) << "anonymous too";
}

TEST_F(SiteHomeCacheTest, TheCachedHomeIsTheSameAsARenderedOne) {
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  auto first = bert.Get("/nijmegen/oost/");   // rendered
  auto second = bert.Get("/nijmegen/oost/");  // from the fragment
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body, second.body);
  EXPECT_EQ(second.Header("cache-control"), first.Header("cache-control"));
  // The feed links the blocks add to the head come along with the fragment.
  EXPECT_TRUE(Has(second, "agenda.ics"));
  EXPECT_TRUE(Has(second, "nieuws.atom"));
  // Both languages, each its own fragment.
  auto en = bert.Get("/nijmegen/oost/?lang=en");
  EXPECT_TRUE(Has(en, "<html lang=\"en\">"));
  EXPECT_TRUE(Has(bert.Get("/nijmegen/oost/?lang=nl"), "<html lang=\"nl\">"));
}

// The header of a cached home is the one the layout renders for that person: name escaped the
// same way, their own log-out token.
TEST_F(SiteHomeCacheTest, TheHeaderOfACachedHomeIsThePersonsOwn) {
  const auto dirk_id = Resident("dirk-news@example.nl", "Dirk O'Brien & <Zoon>", oost_);
  BrowserClient bert(server_), dirk(server_);
  LogIn(bert, bert_);
  LogIn(dirk, dirk_id);
  ASSERT_EQ(bert.Get("/nijmegen/oost/").status, 200);  // Oost's page for members is cached now
  auto home = dirk.Get("/nijmegen/oost/");
  ASSERT_EQ(home.status, 200);
  auto list = dirk.Get("/nijmegen/oost/nieuws/");  // rendered for him, not cached
  auto Nav = [](const std::string& body) {
    const auto from = body.find("<nav class=\"account-nav\"");
    const auto to = body.find("</nav>", from);
    return from == std::string::npos || to == std::string::npos ? std::string() : body.substr(from, to - from);
  };
  EXPECT_FALSE(Nav(home.body).empty());
  EXPECT_EQ(Nav(home.body), Nav(list.body));
  EXPECT_TRUE(Has(home, "Dirk O&apos;Brien &amp; &lt;Zoon&gt;"));
  EXPECT_FALSE(Has(home, "Bert Jansen"));
  EXPECT_EQ(home.body.find('\x02'), std::string::npos) << "no mark left in the page";
}

}  // namespace
}  // namespace buurtplein::testing
