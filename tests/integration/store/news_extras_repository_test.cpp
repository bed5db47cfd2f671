// News extras on both engines: categories (per site, unique names, deleting leaves posts without
// one), images on posts, comments and "bedankt" — each with site isolation — and what account
// deletion does to them.
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using domain::news::CategoryId;
using domain::news::CommentId;
using domain::news::Image;
using domain::news::ListQuery;
using domain::news::Post;
using domain::news::PostDraft;
using domain::news::Visibility;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;

class NewsExtrasRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen, MakeDraft("zuid", "Zuid"))->id;
    anna_ = User("anna@example.nl", "Anna");
    bert_ = User("bert@example.nl", "Bert");
  }

  UserId User(const std::string& email, const std::string& name) {
    auto u = store().users().CreateUser(NewUser{email, name, "$argon2id$x", kNow});
    EXPECT_TRUE(u.ok());
    return u.ok() ? u->id : UserId{};
  }

  domain::news::NewsRepository& news() { return store().news(); }

  Post MustCreate(SiteId site, const std::string& title, std::optional<CategoryId> category = std::nullopt,
                  UserId author = {}) {
    PostDraft d;
    d.title = title;
    d.body_markdown = "Tekst";
    d.published_at = kNow;
    d.category = category;
    auto p = news().CreatePost(site, author ? author : anna_, d, kNow);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().internal_detail);
    return p.ok() ? *p : Post{};
  }

  CategoryId MustCategory(SiteId site, const std::string& name) {
    auto c = news().CreateCategory(site, name, kNow);
    EXPECT_TRUE(c.ok());
    return c.ok() ? c->id : CategoryId{};
  }

  std::vector<std::string> Titles(SiteId site, std::optional<CategoryId> category) {
    ListQuery q;
    q.now = kNow;
    q.include_members_only = true;
    q.category = category;
    std::vector<std::string> out;
    for (const auto& p : news().ListPublished(site, q)) out.push_back(p.title);
    return out;
  }

  SiteId oost_, zuid_;
  UserId anna_, bert_;
};

TEST_P(NewsExtrasRepositoryTest, CategoriesPerSiteWithUniqueNames) {
  const CategoryId groen = MustCategory(oost_, "Groen");
  MustCategory(oost_, "Activiteiten");
  MustCategory(zuid_, "Groen");  // the same name in another site is fine
  auto dup = news().CreateCategory(oost_, "Groen", kNow);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);

  auto list = news().ListCategories(oost_, 30);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "Activiteiten");
  EXPECT_EQ(list[1].name, "Groen");
  EXPECT_EQ(news().ListCategories(oost_, 1).size(), 1u) << "bounded";

  ASSERT_TRUE(news().RenameCategory(oost_, groen, "Groen en natuur").ok());
  EXPECT_EQ(news().FindCategory(oost_, groen)->name, "Groen en natuur");
  EXPECT_EQ(news().RenameCategory(oost_, groen, "Activiteiten").error().code, ErrorCode::kConflict);

  // Site B cannot see, rename or delete site A's category.
  EXPECT_FALSE(news().FindCategory(zuid_, groen));
  EXPECT_EQ(news().RenameCategory(zuid_, groen, "Gekaapt").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(news().DeleteCategory(zuid_, groen).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(news().FindCategory(oost_, groen)->name, "Groen en natuur");
}

TEST_P(NewsExtrasRepositoryTest, APostHasACategoryOfItsOwnSiteAndTheListFiltersOnIt) {
  const CategoryId groen = MustCategory(oost_, "Groen");
  const CategoryId verkeer = MustCategory(oost_, "Verkeer");
  const CategoryId zuid_groen = MustCategory(zuid_, "Groen");
  const Post a = MustCreate(oost_, "Bomen", groen);
  MustCreate(oost_, "Drempels", verkeer);
  MustCreate(oost_, "Zonder");
  const Post foreign = MustCreate(oost_, "Vreemd", zuid_groen);

  auto got = news().FindPost(oost_, a.id);
  ASSERT_TRUE(got && got->category);
  EXPECT_EQ(*got->category, groen);
  EXPECT_EQ(got->category_name, "Groen");
  EXPECT_FALSE(news().FindPost(oost_, foreign.id)->category) << "another site's category is taken as none";
  EXPECT_EQ(Titles(oost_, groen), std::vector<std::string>{"Bomen"});
  EXPECT_EQ(Titles(oost_, verkeer), std::vector<std::string>{"Drempels"});
  EXPECT_TRUE(Titles(zuid_, groen).empty());

  // Editing moves it; deleting the category leaves the post without one.
  PostDraft d{"Bomen", "Tekst", Visibility::kPublic, kNow};
  d.category = verkeer;
  ASSERT_TRUE(news().UpdatePost(oost_, a.id, d, kNow + 1).ok());
  EXPECT_EQ(*news().FindPost(oost_, a.id)->category, verkeer);
  d.category = zuid_groen;
  ASSERT_TRUE(news().UpdatePost(oost_, a.id, d, kNow + 2).ok());
  EXPECT_FALSE(news().FindPost(oost_, a.id)->category);
  ASSERT_TRUE(news().DeleteCategory(oost_, verkeer).ok());
  EXPECT_FALSE(news().FindCategory(oost_, verkeer));
  EXPECT_EQ(Titles(oost_, std::nullopt).size(), 4u) << "posts stay";
}

TEST_P(NewsExtrasRepositoryTest, ImagesAreSetClearedAndCountedPerSite) {
  const Post p = MustCreate(oost_, "Met foto");
  Image img{"0123456789abcdef0123456789abcdef", "Kinderen planten een boom", 1600, 1067};
  EXPECT_EQ(news().SetImage(zuid_, p.id, img).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(news().FindPost(oost_, p.id)->image.key.empty());
  ASSERT_TRUE(news().SetImage(oost_, p.id, img).ok());
  auto got = news().FindPost(oost_, p.id);
  EXPECT_EQ(got->image.key, img.key);
  EXPECT_EQ(got->image.alt, img.alt);
  EXPECT_EQ(got->image.width, 1600);
  EXPECT_EQ(got->image.height, 1067);
  EXPECT_TRUE(news().ImageInUse(oost_, img.key));
  EXPECT_FALSE(news().ImageInUse(zuid_, img.key));
  EXPECT_EQ(news().ImagesOfAuthor(anna_), (std::vector<std::pair<SiteId, std::string>>{{oost_, img.key}}));
  ASSERT_TRUE(news().SetImage(oost_, p.id, Image{}).ok());
  EXPECT_TRUE(news().FindPost(oost_, p.id)->image.key.empty());
  EXPECT_FALSE(news().ImageInUse(oost_, img.key));
}

TEST_P(NewsExtrasRepositoryTest, CommentsOldestFirstInPagesAndOnlyThroughTheirSite) {
  const Post p = MustCreate(oost_, "Buurtfeest");
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(news().AddComment(oost_, p.id, i % 2 ? anna_ : bert_, "Reactie " + std::to_string(i), kNow + i).ok());
  }
  auto page = news().ListComments(oost_, p.id, 2, 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].body, "Reactie 3");
  EXPECT_EQ(page[1].body, "Reactie 4");
  EXPECT_EQ(page[1].author_name, "Bert");
  EXPECT_EQ(news().FindPost(oost_, p.id)->comments, 5);

  // Through site B: no comment added, none read, none deleted.
  auto foreign = news().AddComment(zuid_, p.id, bert_, "Gekaapt", kNow);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(news().ListComments(zuid_, p.id, 10, 0).empty());
  const CommentId first = page[0].id;
  EXPECT_FALSE(news().FindComment(zuid_, first));
  EXPECT_EQ(news().DeleteComment(zuid_, first).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(news().FindComment(oost_, first));
  ASSERT_TRUE(news().DeleteComment(oost_, first).ok());
  EXPECT_FALSE(news().FindComment(oost_, first));
  EXPECT_EQ(news().FindPost(oost_, p.id)->comments, 4);

  // A comment goes with its post.
  ASSERT_TRUE(news().DeletePost(oost_, p.id).ok());
  EXPECT_TRUE(news().ListComments(oost_, p.id, 10, 0).empty());
}

TEST_P(NewsExtrasRepositoryTest, ThanksOncePerMemberAndOnlyThroughTheirSite) {
  const Post p = MustCreate(oost_, "Dank");
  EXPECT_TRUE(news().AddThanks(oost_, p.id, bert_, kNow));
  EXPECT_TRUE(news().AddThanks(oost_, p.id, bert_, kNow + 1)) << "a second time changes nothing";
  EXPECT_TRUE(news().AddThanks(oost_, p.id, anna_, kNow));
  EXPECT_EQ(news().CountThanks(oost_, p.id), 2);
  EXPECT_EQ(news().FindPost(oost_, p.id)->thanks, 2);
  EXPECT_TRUE(news().HasThanked(oost_, p.id, bert_));

  EXPECT_FALSE(news().AddThanks(zuid_, p.id, bert_, kNow));
  EXPECT_EQ(news().CountThanks(zuid_, p.id), 0);
  EXPECT_FALSE(news().HasThanked(zuid_, p.id, bert_));
  news().RemoveThanks(zuid_, p.id, bert_);
  EXPECT_EQ(news().CountThanks(oost_, p.id), 2) << "not removed through another site";

  news().RemoveThanks(oost_, p.id, bert_);
  EXPECT_FALSE(news().HasThanked(oost_, p.id, bert_));
  EXPECT_EQ(news().CountThanks(oost_, p.id), 1);
}

TEST_P(NewsExtrasRepositoryTest, EraseAuthorRemovesOrUnlinksCommentsAndAlwaysRemovesThanks) {
  const Post mine = MustCreate(oost_, "Van Bert", std::nullopt, bert_);
  const Post other = MustCreate(zuid_, "Van Anna");
  ASSERT_TRUE(news().AddComment(oost_, mine.id, anna_, "Mooi!", kNow).ok());
  ASSERT_TRUE(news().AddThanks(zuid_, other.id, bert_, kNow));
  ASSERT_TRUE(news().AddComment(zuid_, other.id, bert_, "Doe ik mee", kNow).ok());

  // Bert leaves and keeps his words without his name: his thanks still go.
  EXPECT_EQ(news().EraseAuthor(bert_, false), (std::vector<SiteId>{oost_, zuid_}));
  auto kept = news().ListComments(zuid_, other.id, 10, 0);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_FALSE(kept[0].author);
  EXPECT_EQ(news().CountThanks(zuid_, other.id), 0);

  // Anna leaves and takes everything: her post on Zuid, her comment on Oost.
  EXPECT_EQ(news().EraseAuthor(anna_, true), (std::vector<SiteId>{oost_, zuid_}));
  EXPECT_FALSE(news().FindPost(zuid_, other.id));
  EXPECT_TRUE(news().ListComments(oost_, mine.id, 10, 0).empty());
  EXPECT_TRUE(news().FindPost(oost_, mine.id));
}

INSTANTIATE_TEST_SUITE_P(Engines, NewsExtrasRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
