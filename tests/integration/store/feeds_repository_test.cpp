// Public news for feeds and the API on both engines: only public posts whose time has come,
// newest first (pinning plays no part); a site's list never shows another site's posts; a city's
// list shows the posts of its own sites only; the next scheduled public post per site and city.
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::CityId;
using domain::SiteId;
using domain::UserId;
using domain::news::Post;
using domain::news::PostDraft;
using domain::news::PostId;
using domain::news::Visibility;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;

class FeedsRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    presikhaaf_ = store().sites().CreateSite(arnhem_, MakeDraft("presikhaaf", "Presikhaaf"))->id;
    NewUser nu;
    nu.email = "anna@example.nl";
    nu.display_name = "Anna";
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    auto u = store().users().CreateUser(nu);
    ASSERT_TRUE(u.ok());
    anna_ = u->id;
  }

  domain::feeds::PublicNewsRepository& repo() { return store().public_news(); }

  Post MustCreate(SiteId site, const std::string& title, std::int64_t published_at,
                  Visibility visibility = Visibility::kPublic) {
    PostDraft d;
    d.title = title;
    d.body_markdown = "Tekst van " + title;
    d.visibility = visibility;
    d.published_at = published_at;
    auto p = store().news().CreatePost(site, anna_, d, kNow - 100);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().internal_detail);
    return p.ok() ? *p : Post{};
  }

  static std::vector<std::string> Titles(const std::vector<Post>& posts) {
    std::vector<std::string> out;
    for (const auto& p : posts) out.push_back(p.title);
    return out;
  }

  CityId nijmegen_, arnhem_;
  SiteId oost_, zuid_, presikhaaf_;
  UserId anna_;
};

using Names = std::vector<std::string>;

TEST_P(FeedsRepositoryTest, SiteListHasOnlyPublicPublishedPostsNewestFirst) {
  MustCreate(oost_, "Oud", kNow - 3000);
  const Post pinned = MustCreate(oost_, "Vastgezet maar ouder", kNow - 2000);
  ASSERT_TRUE(store().news().SetPinned(oost_, pinned.id, true));
  MustCreate(oost_, "Nieuw", kNow - 1000);
  MustCreate(oost_, "Alleen leden", kNow - 500, Visibility::kMembers);
  MustCreate(oost_, "Later", kNow + 3600);
  MustCreate(zuid_, "Van Zuid", kNow - 10);

  EXPECT_EQ(Titles(repo().ListSite(oost_, kNow, 10, 0)), (Names{"Nieuw", "Vastgezet maar ouder", "Oud"}));
  EXPECT_EQ(Titles(repo().ListSite(oost_, kNow, 2, 1)), (Names{"Vastgezet maar ouder", "Oud"}));
  EXPECT_EQ(Titles(repo().ListSite(oost_, kNow, 0, 0)), Names{});
  // At the scheduled time the post appears.
  EXPECT_EQ(Titles(repo().ListSite(oost_, kNow + 3600, 1, 0)), Names{"Later"});

  const auto posts = repo().ListSite(oost_, kNow, 1, 0);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].site, oost_);
  ASSERT_TRUE(posts[0].author);
  EXPECT_EQ(*posts[0].author, anna_);
  EXPECT_EQ(posts[0].author_name, "Anna");
  EXPECT_EQ(posts[0].visibility, Visibility::kPublic);
  EXPECT_EQ(posts[0].published_at, kNow - 1000);
  EXPECT_EQ(posts[0].body_markdown, "Tekst van Nieuw");
}

TEST_P(FeedsRepositoryTest, CityListHasThePostsOfItsOwnSitesOnly) {
  MustCreate(oost_, "Oost 1", kNow - 300);
  MustCreate(zuid_, "Zuid 1", kNow - 200);
  MustCreate(zuid_, "Zuid leden", kNow - 150, Visibility::kMembers);
  MustCreate(presikhaaf_, "Arnhem 1", kNow - 100);
  MustCreate(oost_, "Oost later", kNow + 60);

  EXPECT_EQ(Titles(repo().ListCity(nijmegen_, kNow, 10, 0)), (Names{"Zuid 1", "Oost 1"}));
  EXPECT_EQ(Titles(repo().ListCity(nijmegen_, kNow, 1, 1)), Names{"Oost 1"});
  EXPECT_EQ(Titles(repo().ListCity(arnhem_, kNow, 10, 0)), Names{"Arnhem 1"});
  EXPECT_EQ(Titles(repo().ListCity(CityId{999999}, kNow, 10, 0)), Names{});
}

TEST_P(FeedsRepositoryTest, FindsOnlyAPublicPublishedPostOfThatSite) {
  const Post open = MustCreate(oost_, "Open", kNow - 10);
  const Post members = MustCreate(oost_, "Leden", kNow - 10, Visibility::kMembers);
  const Post later = MustCreate(oost_, "Later", kNow + 10);
  auto found = repo().FindSite(oost_, open.id, kNow);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "Open");
  EXPECT_FALSE(repo().FindSite(zuid_, open.id, kNow)) << "another site's post is not found through this site";
  EXPECT_FALSE(repo().FindSite(oost_, members.id, kNow));
  EXPECT_FALSE(repo().FindSite(oost_, later.id, kNow));
  EXPECT_TRUE(repo().FindSite(oost_, later.id, kNow + 10));
  EXPECT_FALSE(repo().FindSite(oost_, PostId{999999}, kNow));
}

TEST_P(FeedsRepositoryTest, NextScheduledPublicPostPerSiteAndCity) {
  EXPECT_FALSE(repo().NextScheduledSite(oost_, kNow));
  EXPECT_FALSE(repo().NextScheduledCity(nijmegen_, kNow));
  MustCreate(oost_, "Leden later", kNow + 50, Visibility::kMembers);  // never in a public list
  EXPECT_FALSE(repo().NextScheduledSite(oost_, kNow));
  MustCreate(zuid_, "Zuid later", kNow + 200);
  MustCreate(oost_, "Oost later", kNow + 100);
  MustCreate(presikhaaf_, "Arnhem later", kNow + 20);
  EXPECT_EQ(repo().NextScheduledSite(oost_, kNow), kNow + 100);
  EXPECT_EQ(repo().NextScheduledSite(zuid_, kNow), kNow + 200);
  EXPECT_EQ(repo().NextScheduledCity(nijmegen_, kNow), kNow + 100);
  EXPECT_EQ(repo().NextScheduledCity(arnhem_, kNow), kNow + 20);
  EXPECT_FALSE(repo().NextScheduledCity(nijmegen_, kNow + 200));
}

TEST_P(FeedsRepositoryTest, AuthorWhoLeftHasNoName) {
  MustCreate(oost_, "Blijft staan", kNow - 10);
  store().news().EraseAuthor(anna_, false);
  const auto posts = repo().ListSite(oost_, kNow, 10, 0);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_FALSE(posts[0].author);
  EXPECT_EQ(posts[0].author_name, "");
}

INSTANTIATE_TEST_SUITE_P(Engines, FeedsRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
