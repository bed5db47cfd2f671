// News posts on both engines: create, find, edit, pin and delete per site; site isolation (a
// post of one site cannot be read or changed through another); listing with scheduled
// publication, members-only filtering, pinned first, pagination; authors who leave.
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using domain::news::ListQuery;
using domain::news::Post;
using domain::news::PostDraft;
using domain::news::PostId;
using domain::news::Visibility;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;

class NewsRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen, MakeDraft("zuid", "Zuid"))->id;
    NewUser nu;
    nu.email = "anna@example.nl";
    nu.display_name = "Anna";
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    auto u = store().users().CreateUser(nu);
    ASSERT_TRUE(u.ok());
    anna_ = u->id;
  }

  domain::news::NewsRepository& news() { return store().news(); }

  Post MustCreate(SiteId site, const std::string& title, std::int64_t published_at,
                  Visibility visibility = Visibility::kPublic) {
    PostDraft d;
    d.title = title;
    d.body_markdown = "Tekst van " + title;
    d.visibility = visibility;
    d.published_at = published_at;
    auto p = news().CreatePost(site, anna_, d, kNow);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().internal_detail);
    return p.ok() ? *p : Post{};
  }

  std::vector<std::string> Titles(SiteId site, ListQuery q) {
    std::vector<std::string> out;
    for (const auto& p : news().ListPublished(site, q)) out.push_back(p.title);
    return out;
  }

  ListQuery Query(bool members = true, int limit = 10, int offset = 0) {
    ListQuery q;
    q.now = kNow;
    q.include_members_only = members;
    q.limit = limit;
    q.offset = offset;
    return q;
  }

  SiteId oost_, zuid_;
  UserId anna_;
};

TEST_P(NewsRepositoryTest, CreatesAndFindsAPostWithItsAuthor) {
  const Post created = MustCreate(oost_, "Straatfeest", kNow, Visibility::kMembers);
  EXPECT_TRUE(created.id);
  auto p = news().FindPost(oost_, created.id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->site, oost_);
  ASSERT_TRUE(p->author);
  EXPECT_EQ(*p->author, anna_);
  EXPECT_EQ(p->author_name, "Anna");
  EXPECT_EQ(p->title, "Straatfeest");
  EXPECT_EQ(p->body_markdown, "Tekst van Straatfeest");
  EXPECT_EQ(p->visibility, Visibility::kMembers);
  EXPECT_FALSE(p->pinned);
  EXPECT_EQ(p->published_at, kNow);
  EXPECT_EQ(p->created_at, kNow);
  EXPECT_EQ(p->updated_at, kNow);
}

TEST_P(NewsRepositoryTest, APostOfOneSiteCannotBeReadOrChangedThroughAnother) {
  const Post p = MustCreate(oost_, "Alleen Oost", kNow);
  EXPECT_FALSE(news().FindPost(zuid_, p.id));
  PostDraft d{"Gekaapt", "x", Visibility::kPublic, kNow};
  auto u = news().UpdatePost(zuid_, p.id, d, kNow + 1);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, ErrorCode::kNotFound);
  auto pin = news().SetPinned(zuid_, p.id, true);
  ASSERT_FALSE(pin.ok());
  EXPECT_EQ(pin.error().code, ErrorCode::kNotFound);
  auto del = news().DeletePost(zuid_, p.id);
  ASSERT_FALSE(del.ok());
  EXPECT_EQ(del.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Titles(zuid_, Query()).empty());
  EXPECT_FALSE(news().NextScheduled(zuid_, kNow - 100));

  auto still = news().FindPost(oost_, p.id);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->title, "Alleen Oost");
  EXPECT_FALSE(still->pinned);
}

TEST_P(NewsRepositoryTest, UpdatesPinsAndDeletes) {
  const Post p = MustCreate(oost_, "Eerst", kNow);
  PostDraft d{"Daarna", "Nieuwe **tekst**", Visibility::kMembers, kNow + 50};
  ASSERT_TRUE(news().UpdatePost(oost_, p.id, d, kNow + 10).ok());
  ASSERT_TRUE(news().SetPinned(oost_, p.id, true).ok());
  auto got = news().FindPost(oost_, p.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->title, "Daarna");
  EXPECT_EQ(got->body_markdown, "Nieuwe **tekst**");
  EXPECT_EQ(got->visibility, Visibility::kMembers);
  EXPECT_EQ(got->published_at, kNow + 50);
  EXPECT_TRUE(got->pinned);
  EXPECT_EQ(got->created_at, kNow);
  EXPECT_EQ(got->updated_at, kNow + 10) << "pinning is not an edit";
  ASSERT_TRUE(news().SetPinned(oost_, p.id, false).ok());
  EXPECT_FALSE(news().FindPost(oost_, p.id)->pinned);
  ASSERT_TRUE(news().DeletePost(oost_, p.id).ok());
  EXPECT_FALSE(news().FindPost(oost_, p.id));
  EXPECT_EQ(news().DeletePost(oost_, p.id).error().code, ErrorCode::kNotFound);
}

TEST_P(NewsRepositoryTest, ScheduledPostsAreListedOnlyFromTheirPublicationTime) {
  MustCreate(oost_, "Nu", kNow);
  MustCreate(oost_, "Morgen", kNow + 86400);
  MustCreate(oost_, "Overmorgen", kNow + 2 * 86400);
  EXPECT_EQ(Titles(oost_, Query()), std::vector<std::string>{"Nu"});
  EXPECT_EQ(news().NextScheduled(oost_, kNow), kNow + 86400);
  auto later = Query();
  later.now = kNow + 86400;
  EXPECT_EQ(Titles(oost_, later), (std::vector<std::string>{"Morgen", "Nu"}));
  EXPECT_EQ(news().NextScheduled(oost_, kNow + 86400), kNow + 2 * 86400);
  EXPECT_FALSE(news().NextScheduled(oost_, kNow + 2 * 86400));
}

TEST_P(NewsRepositoryTest, MembersOnlyPostsAreListedOnlyWhenAsked) {
  MustCreate(oost_, "Openbaar", kNow - 10);
  MustCreate(oost_, "Voor leden", kNow - 5, Visibility::kMembers);
  EXPECT_EQ(Titles(oost_, Query(false)), std::vector<std::string>{"Openbaar"});
  EXPECT_EQ(Titles(oost_, Query(true)), (std::vector<std::string>{"Voor leden", "Openbaar"}));
}

TEST_P(NewsRepositoryTest, PinnedFirstThenNewestFirstInBoundedPages) {
  for (int i = 1; i <= 5; ++i) MustCreate(oost_, "Bericht " + std::to_string(i), kNow - 100 + i);
  const Post oldest = news().ListPublished(oost_, Query(true, 10, 4)).at(0);
  EXPECT_EQ(oldest.title, "Bericht 1");
  ASSERT_TRUE(news().SetPinned(oost_, oldest.id, true).ok());
  EXPECT_EQ(Titles(oost_, Query(true, 2, 0)), (std::vector<std::string>{"Bericht 1", "Bericht 5"}));
  EXPECT_EQ(Titles(oost_, Query(true, 2, 2)), (std::vector<std::string>{"Bericht 4", "Bericht 3"}));
  EXPECT_EQ(Titles(oost_, Query(true, 2, 4)), (std::vector<std::string>{"Bericht 2"}));
  auto since = Query();
  since.published_since = kNow - 97;
  EXPECT_EQ(Titles(oost_, since), (std::vector<std::string>{"Bericht 5", "Bericht 4", "Bericht 3"}));
}

TEST_P(NewsRepositoryTest, APostStaysWithoutAuthorWhenTheAccountIsDeleted) {
  const Post p = MustCreate(oost_, "Blijft", kNow);
  ASSERT_TRUE(store().personal_data().EraseAccount(anna_, "anna@example.nl").ok());
  auto got = news().FindPost(oost_, p.id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->author);
  EXPECT_EQ(got->author_name, "");
}

TEST_P(NewsRepositoryTest, EraseAuthorUnlinksOrRemovesThePostsOfOnePersonOnEverySite) {
  const Post a = MustCreate(oost_, "Oost", kNow);
  const Post b = MustCreate(zuid_, "Zuid", kNow);
  EXPECT_EQ(news().EraseAuthor(anna_, false), (std::vector<SiteId>{oost_, zuid_}));
  ASSERT_TRUE(news().FindPost(oost_, a.id));
  EXPECT_FALSE(news().FindPost(oost_, a.id)->author);
  EXPECT_FALSE(news().FindPost(zuid_, b.id)->author);
  EXPECT_TRUE(news().EraseAuthor(anna_, true).empty());  // nothing left linked to her

  const Post c = MustCreate(oost_, "Weg", kNow);
  EXPECT_EQ(news().EraseAuthor(anna_, true), std::vector<SiteId>{oost_});
  EXPECT_FALSE(news().FindPost(oost_, c.id));
  EXPECT_TRUE(news().FindPost(oost_, a.id));  // the unlinked post stays
}

TEST_P(NewsRepositoryTest, TheDatabaseRefusesOverlongTexts) {
  PostDraft d{std::string(141, 'x'), "x", Visibility::kPublic, kNow};
  auto r = news().CreatePost(oost_, anna_, d, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  d.title = std::string(140, 'x');
  d.body_markdown = std::string(20001, 'y');
  EXPECT_FALSE(news().CreatePost(oost_, anna_, d, kNow).ok());
  d.body_markdown = std::string(20000, 'y');
  EXPECT_TRUE(news().CreatePost(oost_, anna_, d, kNow).ok());
}
TEST_P(NewsRepositoryTest, AGroupOfItsOwnSiteOrganisesAPost) {
  domain::groups::GroupDraft g;
  g.name = "Moestuin";
  const auto garden = store().groups().CreateGroup(oost_, anna_, g, kNow);
  g.name = "Zuidclub";
  g.visibility = domain::groups::Visibility::kMembers;
  const auto zuid_club = store().groups().CreateGroup(zuid_, anna_, g, kNow);
  ASSERT_TRUE(garden.ok() && zuid_club.ok());
  const Post a = MustCreate(oost_, "Oogst", kNow - 30);
  const Post b = MustCreate(oost_, "Zaaien", kNow - 20, Visibility::kMembers);
  MustCreate(oost_, "Los", kNow - 10);
  ASSERT_TRUE(news().SetGroup(oost_, a.id, garden->id.value).ok());
  ASSERT_TRUE(news().SetGroup(oost_, b.id, garden->id.value).ok());
  EXPECT_EQ(news().SetGroup(zuid_, a.id, zuid_club->id.value).error().code, ErrorCode::kNotFound)
      << "another site's post is not found";
  const auto found = news().FindPost(oost_, a.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->group_id, garden->id.value);
  EXPECT_EQ(found->group_name, "Moestuin");
  EXPECT_FALSE(found->group_members_only);

  ListQuery q = Query(false);
  q.group = garden->id.value;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Oogst"}));
  q.include_members_only = true;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Zaaien", "Oogst"}));
  q.limit = 1;
  q.offset = 1;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Oogst"}));
  EXPECT_TRUE(Titles(zuid_, q).empty()) << "nothing through another site";

  // A group of another site never becomes a post's organiser.
  ASSERT_TRUE(news().SetGroup(oost_, a.id, zuid_club->id.value).ok());
  EXPECT_FALSE(news().FindPost(oost_, a.id)->group_id);
  // When the group goes, its posts stay without it.
  ASSERT_TRUE(store().groups().DeleteGroup(oost_, garden->id).ok());
  ASSERT_TRUE(news().FindPost(oost_, b.id));
  EXPECT_FALSE(news().FindPost(oost_, b.id)->group_id);
  EXPECT_EQ(news().FindPost(oost_, b.id)->group_name, "");
}

INSTANTIATE_TEST_SUITE_P(Engines, NewsRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
