// The news rules: who may post, see, edit, delete and pin; scheduled and members-only posts;
// validation; pagination; and that every change tells the listener which site changed. The
// store is a fresh SQLite file; the store suite runs the repository on both engines.
#include "domain/news/news_service.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace buurtplein::domain::news
