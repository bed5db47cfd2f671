// The news rules: who may post, see, edit, delete and pin; scheduled and members-only posts;
// validation; pagination; and that every change tells the listener which site changed. The
// store is a fresh SQLite file; the store suite runs the repository on both engines.
#include "domain/news/news_service.hpp"

#include <gtest/gtest.h>

#include <map>

#include "testlib/store_fixture.hpp"

namespace buurtplein::domain::news {
namespace {

using accounts::ContentChoice;

constexpr std::int64_t kStart = 1'800'000'000;

class NewsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = db_.Open();
    store_->Migrate();
    const auto city = store_->cities().CreateCity(testlib::MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store_->sites().CreateSite(city, testlib::MakeDraft("oost", "Oost"))->id;
    zuid_ = store_->sites().CreateSite(city, testlib::MakeDraft("zuid", "Zuid"))->id;
    anna_ = User("anna@example.nl", "Anna");
    bram_ = User("bram@example.nl", "Bram");
    bv_ = User("bv@example.nl", "Buurtverbinder");
    service_ = std::make_unique<NewsService>(*store_, clock_);
    service_->SetChangeListener([this](SiteId site) { changed_.push_back(site); });
  }

  UserId User(const std::string& email, const std::string& name) {
    accounts::NewUser nu{email, name, "$argon2id$x", kStart};
    return store_->users().CreateUser(nu)->id;
  }

  static Viewer Member(UserId u, bool bv = false) { return Viewer{u, true, bv}; }
  static Viewer Anonymous() { return Viewer{}; }
  static PostDraft Draft(std::string title, Visibility v = Visibility::kPublic,
                         std::optional<std::int64_t> at = std::nullopt) {
    return PostDraft{std::move(title), "Een **tekst**", v, at};
  }

  testlib::ScratchDatabase db_{"sqlite", ""};
  std::unique_ptr<Store> store_;
  ManualClock clock_{kStart};
  std::unique_ptr<NewsService> service_;
  std::vector<SiteId> changed_;
  SiteId oost_, zuid_;
  UserId anna_, bram_, bv_;
};

TEST_F(NewsServiceTest, AVerifiedMemberPostsAndTheSiteIsToldItChanged) {
  auto post = service_->Create(oost_, Member(anna_), Draft("  Straatfeest  "));
  ASSERT_TRUE(post.ok()) << post.error().internal_detail;
  EXPECT_EQ(post->title, "Straatfeest");
  EXPECT_EQ(post->published_at, kStart);
  EXPECT_EQ(changed_, std::vector<SiteId>{oost_});
  EXPECT_TRUE(service_->Find(oost_, post->id, Anonymous()).ok());
}

TEST_F(NewsServiceTest, OnlyVerifiedMembersPost) {
  for (const Viewer& v : {Anonymous(), Viewer{anna_, false, false}}) {
    auto r = service_->Create(oost_, v, Draft("Nee"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  }
  EXPECT_TRUE(changed_.empty());
}

TEST_F(NewsServiceTest, DraftsAreValidatedWithTheirField) {
  auto empty = service_->Create(oost_, Member(anna_), Draft("   "));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().field, "title");
  EXPECT_EQ(empty.error().public_message, "Give your news a title.");
  auto long_title = service_->Create(oost_, Member(anna_), Draft(std::string(141, 'a')));
  ASSERT_FALSE(long_title.ok());
  EXPECT_EQ(long_title.error().public_message, "The title is longer than 140 characters.");
  std::string title_140;
  for (int i = 0; i < 140; ++i) title_140 += "é";
  EXPECT_TRUE(service_->Create(oost_, Member(anna_), Draft(title_140)).ok()) << "140 characters, 280 bytes";
  PostDraft body = Draft("Titel");
  body.body_markdown = std::string(20001, 'x');
  auto long_body = service_->Create(oost_, Member(anna_), body);
  ASSERT_FALSE(long_body.ok());
  EXPECT_EQ(long_body.error().field, "body");
  body.body_markdown = "a\x01z";
  EXPECT_EQ(service_->Create(oost_, Member(anna_), body).error().code, ErrorCode::kValidation);
}

TEST_F(NewsServiceTest, MembersOnlyPostsAreForMembersOfThatSiteOnly) {
  auto post = service_->Create(oost_, Member(anna_), Draft("Voor leden", Visibility::kMembers));
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(service_->Find(oost_, post->id, Anonymous()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Find(oost_, post->id, Viewer{bram_, false, false}).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->Find(oost_, post->id, Member(bram_)).ok());
  // A member of Zuid asks through Zuid: another site's post does not exist there.
  EXPECT_EQ(service_->Find(zuid_, post->id, Member(bram_)).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->List(oost_, Anonymous(), 1).posts.empty());
  EXPECT_EQ(service_->List(oost_, Member(bram_), 1).posts.size(), 1u);
  EXPECT_TRUE(service_->ThisWeek(oost_, Anonymous()).empty());
}

TEST_F(NewsServiceTest, ScheduledPostsAppearAtTheirTime) {
  auto post = service_->Create(oost_, Member(anna_), Draft("Later", Visibility::kPublic, kStart + 3600));
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(service_->NextScheduled(oost_), kStart + 3600);
  EXPECT_EQ(service_->Find(oost_, post->id, Member(bram_)).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->Find(oost_, post->id, Member(anna_)).ok()) << "the author sees it";
  EXPECT_TRUE(service_->Find(oost_, post->id, Member(bv_, true)).ok()) << "a buurtverbinder sees it";
  EXPECT_TRUE(service_->List(oost_, Member(anna_), 1).posts.empty());
  clock_.Advance(3600);
  EXPECT_TRUE(service_->Find(oost_, post->id, Anonymous()).ok());
  EXPECT_EQ(service_->List(oost_, Anonymous(), 1).posts.size(), 1u);
  EXPECT_FALSE(service_->NextScheduled(oost_));
  // A time in the past is taken as now.
  auto past = service_->Create(oost_, Member(anna_), Draft("Verleden", Visibility::kPublic, kStart - 99999));
  EXPECT_EQ(past->published_at, clock_.Now());
}

TEST_F(NewsServiceTest, TheAuthorOrABuurtverbinderEditsAndDeletes) {
  auto post = service_->Create(oost_, Member(anna_), Draft("Eerst"));
  ASSERT_TRUE(post.ok());
  changed_.clear();
  auto other = service_->Edit(oost_, post->id, Member(bram_), Draft("Gekaapt"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Delete(oost_, post->id, Member(bram_)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Edit(oost_, post->id, Anonymous(), Draft("x")).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(changed_.empty());

  clock_.Advance(600);
  auto edited = service_->Edit(oost_, post->id, Member(anna_), Draft("Daarna"));
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->title, "Daarna");
  EXPECT_EQ(edited->published_at, kStart) << "an edit keeps the publication date";
  EXPECT_EQ(edited->updated_at, kStart + 600);
  EXPECT_TRUE(service_->Edit(oost_, post->id, Member(bv_, true), Draft("Door de buurtverbinder")).ok());
  EXPECT_EQ(service_->Edit(zuid_, post->id, Member(anna_), Draft("x")).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(changed_, (std::vector<SiteId>{oost_, oost_}));

  EXPECT_TRUE(service_->Delete(oost_, post->id, Member(bv_, true)).ok());
  EXPECT_EQ(service_->Find(oost_, post->id, Member(anna_)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(changed_.size(), 3u);
}

TEST_F(NewsServiceTest, OnlyBuurtverbindersPinAndPinnedPostsComeFirst) {
  auto old_post = service_->Create(oost_, Member(anna_), Draft("Oud"));
  clock_.Advance(60);
  ASSERT_TRUE(service_->Create(oost_, Member(anna_), Draft("Nieuw")).ok());
  EXPECT_EQ(service_->SetPinned(oost_, old_post->id, Member(anna_), true).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->List(oost_, Anonymous(), 1).posts.front().title, "Nieuw");
  ASSERT_TRUE(service_->SetPinned(oost_, old_post->id, Member(bv_, true), true).ok());
  EXPECT_EQ(service_->List(oost_, Anonymous(), 1).posts.front().title, "Oud");
  EXPECT_EQ(changed_.back(), oost_);
}

TEST_F(NewsServiceTest, ListsArePaginatedAndBounded) {
  for (int i = 0; i < NewsService::kPageSize + 3; ++i) {
    ASSERT_TRUE(service_->Create(oost_, Member(anna_), Draft("Bericht " + std::to_string(i))).ok());
    clock_.Advance(1);
  }
  auto first = service_->List(oost_, Anonymous(), 1);
  EXPECT_EQ(first.posts.size(), static_cast<std::size_t>(NewsService::kPageSize));
  EXPECT_TRUE(first.has_more);
  EXPECT_EQ(first.posts.front().title, "Bericht 12");
  auto second = service_->List(oost_, Anonymous(), 2);
  EXPECT_EQ(second.posts.size(), 3u);
  EXPECT_FALSE(second.has_more);
  EXPECT_EQ(second.posts.back().title, "Bericht 0");
  EXPECT_TRUE(service_->List(oost_, Anonymous(), NewsService::kMaxPage + 1).posts.empty());
  EXPECT_EQ(service_->ThisWeek(oost_, Anonymous(), 5).size(), 5u);
  clock_.Advance(8 * 24 * 3600);
  EXPECT_TRUE(service_->ThisWeek(oost_, Anonymous(), 5).empty()) << "older than a week";
}

TEST_F(NewsServiceTest, AccountDeletionAnonymisesOrRemovesThePosts) {
  auto kept = service_->Create(oost_, Member(anna_), Draft("Blijft"));
  auto gone = service_->Create(zuid_, Member(bram_), Draft("Weg"));
  changed_.clear();
  ASSERT_TRUE(service_->EraseContent(anna_, ContentChoice::kAnonymise).ok());
  ASSERT_TRUE(service_->EraseContent(bram_, ContentChoice::kRemove).ok());
  EXPECT_EQ(changed_, (std::vector<SiteId>{oost_, zuid_}));
  auto p = service_->Find(oost_, kept->id, Anonymous());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->author);
  EXPECT_EQ(service_->Find(zuid_, gone->id, Anonymous()).error().code, ErrorCode::kNotFound);
}


// Images, categories, comments and "bedankt" on the service, with the image pipeline replaced by
// an in-memory one (the real one is tested in tests/unit/media).
class FakeImages final : public ImageProcessor, public ImageStorage {
 public:
  Result<ProcessedImage> Process(std::string_view file) override {
    if (file.rfind("IMG", 0) != 0) {
      auto e = MakeError(ErrorCode::kValidation, "This file is not an image we can use. Please choose a JPEG, PNG or WebP file.");
      e.field = "image";
      return e;
    }
    ProcessedImage p;
    p.versions.push_back({480, 320, std::string(file) + "-480"});
    p.versions.push_back({900, 600, std::string(file) + "-900"});
    return p;
  }
  Result<std::string> Save(SiteId site, const ProcessedImage& image) override {
    std::string key = std::string(32, '0');
    const std::string& b = image.versions.back().bytes;
    for (std::size_t i = 0; i < b.size() && i < 32; ++i) key[i] = "0123456789abcdef"[static_cast<unsigned char>(b[i]) % 16];
    files[{site.value, key}] = b;
    return key;
  }
  std::optional<std::string> Read(SiteId site, std::string_view key, int) override {
    auto it = files.find({site.value, std::string(key)});
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  void Remove(SiteId site, std::string_view key) override { files.erase({site.value, std::string(key)}); }
  std::map<std::pair<std::int64_t, std::string>, std::string> files;
};

class NewsExtrasServiceTest : public NewsServiceTest {
 protected:
  void SetUp() override {
    NewsServiceTest::SetUp();
    service_->SetImages(&images_, &images_);
  }
  static PostDraft WithImage(std::string title, std::string_view file, std::string alt) {
    PostDraft d = Draft(std::move(title));
    d.image_action = ImageAction::kReplace;
    d.image_file = file;
    d.image_alt = std::move(alt);
    return d;
  }
  FakeImages images_;
};

TEST_F(NewsExtrasServiceTest, AnImageNeedsAltTextAndItsFilesGoWithThePost) {
  auto no_alt = service_->Create(oost_, Member(anna_), WithImage("Boom", "IMG boom", "  "));
  ASSERT_FALSE(no_alt.ok());
  EXPECT_EQ(no_alt.error().field, "image_alt");
  EXPECT_TRUE(images_.files.empty()) << "nothing stored for a refused post";
  auto not_image = service_->Create(oost_, Member(anna_), WithImage("Boom", "%PDF", "Een boom"));
  ASSERT_FALSE(not_image.ok());
  EXPECT_EQ(not_image.error().field, "image");

  auto post = service_->Create(oost_, Member(anna_), WithImage("Boom", "IMG boom", "Een boom"));
  ASSERT_TRUE(post.ok()) << post.error().public_message;
  EXPECT_EQ(post->image.alt, "Een boom");
  EXPECT_EQ(post->image.width, 900);
  EXPECT_EQ(images_.files.size(), 1u);
  const std::string key = post->image.key;
  EXPECT_TRUE(service_->ImageOf(oost_, post->id, Anonymous(), key, 480).ok());
  EXPECT_FALSE(service_->ImageOf(oost_, post->id, Anonymous(), key, 700).ok()) << "no such width";
  EXPECT_FALSE(service_->ImageOf(zuid_, post->id, Anonymous(), key, 480).ok()) << "another site";

  // Replaced: the old files go; the new image keeps a description.
  PostDraft edit = WithImage("Boom", "IMG andere boom", "Een andere boom");
  ASSERT_TRUE(service_->Edit(oost_, post->id, Member(anna_), edit).ok());
  auto after = service_->Find(oost_, post->id, Anonymous());
  EXPECT_NE(after->image.key, key);
  EXPECT_EQ(images_.files.count({oost_.value, key}), 0u);
  // Kept without a description: refused; removed: gone.
  PostDraft keep = Draft("Boom");
  auto refused = service_->Edit(oost_, post->id, Member(anna_), keep);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "image_alt");
  PostDraft remove = Draft("Boom");
  remove.image_action = ImageAction::kRemove;
  ASSERT_TRUE(service_->Edit(oost_, post->id, Member(anna_), remove).ok());
  EXPECT_TRUE(service_->Find(oost_, post->id, Anonymous())->image.key.empty());
  EXPECT_TRUE(images_.files.empty());

  // Deleting the post and deleting the account take the files too.
  auto second = service_->Create(oost_, Member(anna_), WithImage("Twee", "IMG twee", "Twee"));
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(service_->Delete(oost_, second->id, Member(anna_)).ok());
  EXPECT_TRUE(images_.files.empty());
  ASSERT_TRUE(service_->Create(oost_, Member(anna_), WithImage("Drie", "IMG drie", "Drie")).ok());
  ASSERT_TRUE(service_->EraseContent(anna_, ContentChoice::kRemove).ok());
  EXPECT_TRUE(images_.files.empty());
}

TEST_F(NewsExtrasServiceTest, BuurtverbindersManageCategoriesAndPostsUseOnlyTheirSitesOnes) {
  auto refused = service_->CreateCategory(oost_, Member(anna_), "Groen");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  auto groen = service_->CreateCategory(oost_, Member(bv_, true), "  Groen ");
  ASSERT_TRUE(groen.ok());
  EXPECT_EQ(groen->name, "Groen");
  auto dup = service_->CreateCategory(oost_, Member(bv_, true), "Groen");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().field, "name");
  EXPECT_EQ(dup.error().public_message, "There is already a category with this name.");
  EXPECT_EQ(service_->CreateCategory(oost_, Member(bv_, true), "").error().field, "name");
  auto zuid_cat = service_->CreateCategory(zuid_, Member(bv_, true), "Zuid");
  ASSERT_TRUE(zuid_cat.ok());

  PostDraft d = Draft("Bomen");
  d.category = zuid_cat->id;
  auto wrong = service_->Create(oost_, Member(anna_), d);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "category");
  d.category = groen->id;
  auto post = service_->Create(oost_, Member(anna_), d);
  ASSERT_TRUE(post.ok());
  EXPECT_EQ(post->category_name, "Groen");
  EXPECT_EQ(service_->List(oost_, Anonymous(), 1, groen->id).posts.size(), 1u);
  EXPECT_EQ(service_->RenameCategory(oost_, zuid_cat->id, Member(bv_, true), "X").error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(service_->DeleteCategory(oost_, groen->id, Member(bv_, true)).ok());
  EXPECT_FALSE(service_->Find(oost_, post->id, Anonymous())->category);
}

TEST_F(NewsExtrasServiceTest, CommentsAndThanksByMembersWhoCanSeeThePost) {
  auto post = service_->Create(oost_, Member(anna_), Draft("Voor leden", Visibility::kMembers));
  ASSERT_TRUE(post.ok());
  changed_.clear();
  EXPECT_EQ(service_->AddComment(oost_, post->id, Anonymous(), "Hoi").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->AddComment(oost_, post->id, Member(bram_), " ").error().field, "comment");
  EXPECT_EQ(service_->AddComment(oost_, post->id, Member(bram_), std::string(2001, 'x')).error().field, "comment");
  auto c = service_->AddComment(oost_, post->id, Member(bram_), "  Leuk!  ");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->body, "Leuk!");
  EXPECT_EQ(changed_, std::vector<SiteId>{oost_});
  EXPECT_EQ(service_->Comments(oost_, post->id, Anonymous(), 1).error().code, ErrorCode::kNotFound)
      << "comments on members-only news are for members";
  EXPECT_EQ(service_->Comments(oost_, post->id, Member(anna_), 1)->comments.size(), 1u);
  EXPECT_EQ(service_->DeleteComment(oost_, c->id, Member(anna_)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->DeleteComment(zuid_, c->id, Member(bv_, true)).error().code, ErrorCode::kNotFound);

  auto t = service_->ToggleThanks(oost_, post->id, Member(bram_));
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->thanked);
  EXPECT_EQ(t->count, 1);
  EXPECT_TRUE(service_->HasThanked(oost_, post->id, Member(bram_)));
  t = service_->ToggleThanks(oost_, post->id, Member(bram_));
  EXPECT_FALSE(t->thanked);
  EXPECT_EQ(t->count, 0);
  EXPECT_EQ(service_->ToggleThanks(oost_, post->id, Viewer{bram_, false, false}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(*service_->DeleteComment(oost_, c->id, Member(bv_, true)), post->id);
}

TEST_F(NewsExtrasServiceTest, CommentsComeInPagesOfTwenty) {
  auto post = service_->Create(oost_, Member(anna_), Draft("Veel reacties"));
  ASSERT_TRUE(post.ok());
  for (int i = 1; i <= NewsService::kCommentPageSize + 1; ++i) {
    clock_.Advance(1);
    ASSERT_TRUE(service_->AddComment(oost_, post->id, Member(bram_), "Reactie " + std::to_string(i)).ok());
  }
  auto first = service_->Comments(oost_, post->id, Anonymous(), 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->comments.size(), static_cast<std::size_t>(NewsService::kCommentPageSize));
  EXPECT_TRUE(first->has_more);
  EXPECT_EQ(first->total, NewsService::kCommentPageSize + 1);
  EXPECT_EQ(first->comments.front().body, "Reactie 1");
  auto second = service_->Comments(oost_, post->id, Anonymous(), 2);
  ASSERT_EQ(second->comments.size(), 1u);
  EXPECT_EQ(second->comments[0].body, "Reactie 21");
  EXPECT_FALSE(second->has_more);
  EXPECT_TRUE(service_->Comments(oost_, post->id, Anonymous(), NewsService::kMaxPage + 1)->comments.empty());
}

}  // namespace
}  // namespace buurtplein::domain::news
