// Ask & offer and messages on both engines: listings per site with site isolation, the board and
// the archive with filters and pagination, matches and their counts per site and per city,
// expiry and reminder selection, conversations only through their members, unread counts, the
// daily limit on new conversations, reports, and account deletion.
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using namespace domain::market;
using domain::messages::ConversationId;
using domain::messages::MessageId;
using domain::messages::NewConversation;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;
constexpr std::int64_t kDay = 24 * 3600;

class MarketRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    presikhaaf_ = store().sites().CreateSite(arnhem_, MakeDraft("presikhaaf", "Presikhaaf"))->id;
    anna_ = User("anna@example.nl", "Anna");
    bert_ = User("bert@example.nl", "Bert");
    carla_ = User("carla@example.nl", "Carla");
  }

  UserId User(const std::string& email, const std::string& name) {
    NewUser nu;
    nu.email = email;
    nu.display_name = name;
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    auto u = store().users().CreateUser(nu);
    EXPECT_TRUE(u.ok());
    return u.ok() ? u->id : UserId{};
  }

  MarketRepository& market() { return store().market(); }
  domain::messages::MessagesRepository& messages() { return store().messages(); }

  Listing MustCreate(SiteId site, const std::string& title, std::int64_t at = kNow, Kind kind = Kind::kAsk,
                     Category category = Category::kKlusjes, Visibility visibility = Visibility::kPublic,
                     UserId author = {}) {
    ListingDraft d;
    d.kind = kind;
    d.category = category;
    d.title = title;
    d.body_markdown = "Tekst van " + title;
    d.visibility = visibility;
    auto l = market().CreateListing(site, author ? author : anna_, d, at, at + kLifetimeSeconds);
    EXPECT_TRUE(l.ok()) << (l.ok() ? "" : l.error().internal_detail);
    return l.ok() ? *l : Listing{};
  }

  std::vector<std::string> Titles(SiteId site, ListQuery q) {
    std::vector<std::string> out;
    for (const auto& l : market().ListListings(site, q)) out.push_back(l.title);
    return out;
  }

  static ListQuery Board(std::int64_t now = kNow) {
    ListQuery q;
    q.now = now;
    q.include_members_only = true;
    q.limit = 50;
    return q;
  }

  ConversationId Start(SiteId site, UserId from, UserId to, std::optional<ListingId> listing,
                       std::int64_t at = kNow) {
    NewConversation c;
    c.starter = from;
    c.other = to;
    c.listing = listing;
    c.body = "Hallo!";
    c.at = at;
    auto id = messages().StartConversation(site, c);
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().internal_detail);
    return id.ok() ? *id : ConversationId{};
  }

  domain::CityId nijmegen_, arnhem_;
  SiteId oost_, zuid_, presikhaaf_;
  UserId anna_, bert_, carla_;
};

TEST_P(MarketRepositoryTest, CreatesAndFindsAListingWithItsPoster) {
  const Listing l = MustCreate(oost_, "Kast ophangen", kNow, Kind::kAsk, Category::kKlusjes, Visibility::kMembers);
  auto found = market().FindListing(oost_, l.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "Kast ophangen");
  EXPECT_EQ(found->author_name, "Anna");
  EXPECT_EQ(found->kind, Kind::kAsk);
  EXPECT_EQ(found->category, Category::kKlusjes);
  EXPECT_EQ(found->visibility, Visibility::kMembers);
  EXPECT_EQ(found->status, ListingStatus::kOpen);
  EXPECT_EQ(found->expires_at, kNow + kLifetimeSeconds);
  EXPECT_FALSE(found->reminded_at);
}

TEST_P(MarketRepositoryTest, AListingOfOneSiteCannotBeReadOrChangedThroughAnother) {
  const Listing l = MustCreate(oost_, "Ladder te leen");
  EXPECT_FALSE(market().FindListing(zuid_, l.id));
  ListingDraft d{Kind::kOffer, Category::kSpullen, "Gekaapt", "x", Visibility::kPublic};
  EXPECT_EQ(market().UpdateListing(zuid_, l.id, d, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(market().CloseListing(zuid_, l.id, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(market().RenewListing(zuid_, l.id, kNow, kNow + 1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(market().RecordMatch(zuid_, l.id, anna_, bert_, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(market().MarkReminded(zuid_, l.id, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(Titles(zuid_, Board()).empty());
  auto still = market().FindListing(oost_, l.id);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->title, "Ladder te leen");
  EXPECT_EQ(still->status, ListingStatus::kOpen);
  EXPECT_EQ(market().CountMatches(oost_), 0);
}

TEST_P(MarketRepositoryTest, TheBoardFiltersByKindCategoryAndVisibilityInBoundedPages) {
  MustCreate(oost_, "Een", kNow - 3, Kind::kAsk, Category::kKlusjes);
  MustCreate(oost_, "Twee", kNow - 2, Kind::kOffer, Category::kVervoer);
  MustCreate(oost_, "Drie", kNow - 1, Kind::kAsk, Category::kVervoer, Visibility::kMembers);
  EXPECT_EQ(Titles(oost_, Board()), (std::vector<std::string>{"Drie", "Twee", "Een"}));
  ListQuery q = Board();
  q.kind = Kind::kAsk;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Drie", "Een"}));
  q.category = Category::kVervoer;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Drie"}));
  q = Board();
  q.include_members_only = false;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Twee", "Een"}));
  q = Board();
  q.limit = 2;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Drie", "Twee"}));
  q.offset = 2;
  EXPECT_EQ(Titles(oost_, q), (std::vector<std::string>{"Een"}));
}

TEST_P(MarketRepositoryTest, ClosedMatchedAndExpiredListingsGoToTheArchive) {
  const Listing open = MustCreate(oost_, "Open", kNow);
  const Listing closed = MustCreate(oost_, "Gesloten", kNow - 1);
  const Listing old = MustCreate(oost_, "Oud", kNow - kLifetimeSeconds - 10);
  ASSERT_TRUE(market().CloseListing(oost_, closed.id, kNow).ok());
  EXPECT_EQ(Titles(oost_, Board()), (std::vector<std::string>{"Open"}));
  ListQuery archive = Board();
  archive.archive = true;
  EXPECT_EQ(Titles(oost_, archive), (std::vector<std::string>{"Gesloten", "Oud"}));

  // The job marks the expired one; only its site is reported.
  MustCreate(zuid_, "Zuid open", kNow);
  EXPECT_EQ(market().ExpireListings(kNow), (std::vector<SiteId>{oost_}));
  EXPECT_EQ(market().FindListing(oost_, old.id)->status, ListingStatus::kExpired);
  EXPECT_EQ(market().FindListing(oost_, open.id)->status, ListingStatus::kOpen);
  EXPECT_TRUE(market().ExpireListings(kNow).empty());

  // Renewing puts it back on the board.
  ASSERT_TRUE(market().RenewListing(oost_, old.id, kNow, kNow + kLifetimeSeconds).ok());
  EXPECT_EQ(Titles(oost_, Board()), (std::vector<std::string>{"Open", "Oud"}));
}

TEST_P(MarketRepositoryTest, RemindersAreDueOnceForOpenListingsAboutToExpire) {
  const std::int64_t soon_at = kNow - kLifetimeSeconds + 2 * kDay;  // expires in two days
  const Listing soon = MustCreate(oost_, "Bijna verlopen", soon_at);
  MustCreate(zuid_, "Nog lang", kNow);
  const Listing closed = MustCreate(oost_, "Al gesloten", soon_at);
  ASSERT_TRUE(market().CloseListing(oost_, closed.id, kNow).ok());
  MustCreate(oost_, "Al verlopen", kNow - kLifetimeSeconds - 1);

  auto due = market().DueReminders(kNow, kNow + kReminderBeforeSeconds, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].listing.id, soon.id);
  EXPECT_EQ(due[0].email, "anna@example.nl");
  EXPECT_EQ(due[0].name, "Anna");
  ASSERT_TRUE(market().MarkReminded(oost_, soon.id, kNow).ok());
  EXPECT_TRUE(market().DueReminders(kNow, kNow + kReminderBeforeSeconds, 10).empty());
  // A second claim (another server) fails, so the mail goes out once.
  EXPECT_EQ(market().MarkReminded(oost_, soon.id, kNow).error().code, ErrorCode::kNotFound);
  // Renewing clears the reminder, so the next expiry gets one again.
  ASSERT_TRUE(market().RenewListing(oost_, soon.id, kNow, kNow + 2 * kDay).ok());
  EXPECT_EQ(market().DueReminders(kNow, kNow + kReminderBeforeSeconds, 10).size(), 1u);
}

TEST_P(MarketRepositoryTest, MatchesAreRecordedOnceAndCountedPerSiteAndPerCity) {
  const Listing a = MustCreate(oost_, "A");
  const Listing b = MustCreate(zuid_, "B");
  const Listing c = MustCreate(presikhaaf_, "C");
  auto m = market().RecordMatch(oost_, a.id, anna_, bert_, kNow);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->helper_name, "Bert");
  ASSERT_TRUE(m->poster);
  EXPECT_EQ(*m->poster, anna_);
  EXPECT_EQ(market().FindListing(oost_, a.id)->status, ListingStatus::kMatched);
  // A second match of the same listing is refused and counts nothing.
  EXPECT_EQ(market().RecordMatch(oost_, a.id, anna_, carla_, kNow).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(market().RecordMatch(zuid_, b.id, anna_, carla_, kNow).ok());
  ASSERT_TRUE(market().RecordMatch(presikhaaf_, c.id, anna_, carla_, kNow).ok());
  EXPECT_EQ(market().CountMatches(oost_), 1);
  EXPECT_EQ(market().CountMatches(zuid_), 1);
  EXPECT_EQ(market().CountCityMatches(nijmegen_), 2);
  EXPECT_EQ(market().CountCityMatches(arnhem_), 1);
  ASSERT_TRUE(market().FindMatch(oost_, a.id));
  EXPECT_FALSE(market().FindMatch(zuid_, a.id));
}

TEST_P(MarketRepositoryTest, RespondersAreTheOtherMembersOfConversationsAboutTheListing) {
  const Listing l = MustCreate(oost_, "Hulp");
  Start(oost_, bert_, anna_, l.id);
  Start(oost_, carla_, anna_, l.id);
  Start(oost_, bert_, anna_, std::nullopt);  // not about the listing
  auto responders = market().ListResponders(oost_, l.id, 10);
  ASSERT_EQ(responders.size(), 2u);
  EXPECT_EQ(responders[0].user, bert_);
  EXPECT_EQ(responders[0].name, "Bert");
  EXPECT_EQ(responders[1].user, carla_);
  EXPECT_TRUE(market().ListResponders(zuid_, l.id, 10).empty());
}

TEST_P(MarketRepositoryTest, MatchesOutliveTheListingAndThePeopleWhenAnAccountGoes) {
  const Listing l = MustCreate(oost_, "Weg");
  ASSERT_TRUE(market().RecordMatch(oost_, l.id, anna_, bert_, kNow).ok());
  EXPECT_EQ(market().EraseAuthor(anna_, true), (std::vector<SiteId>{oost_}));
  EXPECT_FALSE(market().FindListing(oost_, l.id));
  ASSERT_TRUE(store().users().DeleteUser(anna_).ok());
  EXPECT_EQ(market().CountMatches(oost_), 1);
}

TEST_P(MarketRepositoryTest, EraseAuthorUnlinksWhenTheContentStays) {
  const Listing l = MustCreate(oost_, "Blijft");
  EXPECT_EQ(market().EraseAuthor(anna_, false), (std::vector<SiteId>{oost_}));
  auto found = market().FindListing(oost_, l.id);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->author);
  EXPECT_EQ(found->author_name, "");
}

// --- messages ----------------------------------------------------------------------------

TEST_P(MarketRepositoryTest, AConversationIsOnlyReadThroughItsMembersAndItsSite) {
  const ConversationId id = Start(oost_, anna_, bert_, std::nullopt);
  auto seen = messages().FindConversation(oost_, id, bert_);
  ASSERT_TRUE(seen);
  ASSERT_TRUE(seen->other);
  EXPECT_EQ(*seen->other, anna_);
  EXPECT_EQ(seen->other_name, "Anna");
  EXPECT_EQ(seen->unread, 1);
  EXPECT_FALSE(messages().FindConversation(oost_, id, carla_));
  EXPECT_FALSE(messages().FindConversation(zuid_, id, bert_));
  EXPECT_EQ(messages().AddMessage(oost_, id, carla_, "Ik lees mee", kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(messages().AddMessage(zuid_, id, bert_, "Verkeerde buurt", kNow).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(messages().ListConversations(oost_, carla_, 10, 0).empty());
  EXPECT_TRUE(messages().ListConversations(zuid_, bert_, 10, 0).empty());
  ASSERT_EQ(messages().FindBetween(oost_, bert_, anna_, std::nullopt), std::optional<ConversationId>(id));
  EXPECT_FALSE(messages().FindBetween(zuid_, bert_, anna_, std::nullopt));
}

TEST_P(MarketRepositoryTest, UnreadCountsFollowWhatEachMemberHasSeen) {
  const ConversationId id = Start(oost_, anna_, bert_, std::nullopt);
  auto reply = messages().AddMessage(oost_, id, bert_, "Hoi Anna", kNow + 1);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(messages().CountUnread(oost_, anna_), 1);
  EXPECT_EQ(messages().CountUnread(oost_, bert_), 0);  // bert answered, so saw the first
  EXPECT_EQ(messages().CountUnread(zuid_, anna_), 0);
  auto list = messages().ListMessages(oost_, id, 10, 0);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].body, "Hoi Anna");  // newest first
  ASSERT_TRUE(messages().MarkRead(oost_, id, anna_, list[0].id).ok());
  EXPECT_EQ(messages().CountUnread(oost_, anna_), 0);
  // Marking an older message does not make newer ones unread again.
  ASSERT_TRUE(messages().MarkRead(oost_, id, anna_, list[1].id).ok());
  EXPECT_EQ(messages().CountUnread(oost_, anna_), 0);
  EXPECT_TRUE(messages().ListMessages(zuid_, id, 10, 0).empty());
}

TEST_P(MarketRepositoryTest, TheDailyLimitOnNewConversationsIsKeptInTheDatabase) {
  NewConversation c;
  c.starter = anna_;
  c.body = "Hallo";
  c.max_started = 2;
  c.limit_since = kNow - kDay;
  c.at = kNow;
  c.other = bert_;
  ASSERT_TRUE(messages().StartConversation(oost_, c).ok());
  c.other = carla_;
  ASSERT_TRUE(messages().StartConversation(oost_, c).ok());
  c.listing = MustCreate(oost_, "Nog een").id;
  auto third = messages().StartConversation(oost_, c);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(third.error().retry_after_seconds, 0);
  // A day later the window has moved on.
  c.at = kNow + kDay + 1;
  c.limit_since = kNow + 1;
  EXPECT_TRUE(messages().StartConversation(oost_, c).ok());
}

TEST_P(MarketRepositoryTest, ReportsAreStoredPerSiteAndTheMessageStays) {
  const ConversationId id = Start(oost_, anna_, bert_, std::nullopt);
  const MessageId message = messages().ListMessages(oost_, id, 1, 0).at(0).id;
  EXPECT_EQ(messages().AddReport(zuid_, message, bert_, "Vervelend", kNow).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(messages().AddReport(oost_, message, bert_, "Vervelend", kNow).ok());
  auto reports = messages().ListReports(oost_, 10, 0);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].message, message);
  ASSERT_TRUE(reports[0].reporter);
  EXPECT_EQ(*reports[0].reporter, bert_);
  EXPECT_EQ(reports[0].reason, "Vervelend");
  EXPECT_EQ(reports[0].created_at, kNow);
  EXPECT_TRUE(messages().ListReports(zuid_, 10, 0).empty());
  EXPECT_TRUE(messages().FindMessage(oost_, id, message));
}

TEST_P(MarketRepositoryTest, ErasingAPersonRemovesOrAnonymisesTheirMessages) {
  const ConversationId id = Start(oost_, anna_, bert_, std::nullopt);
  ASSERT_TRUE(messages().AddMessage(oost_, id, bert_, "Antwoord van Bert", kNow + 1).ok());
  messages().EraseUser(anna_, false);
  auto list = messages().ListMessages(oost_, id, 10, 0);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_FALSE(list[1].sender);
  EXPECT_EQ(list[1].body, "Hallo!");
  auto seen = messages().FindConversation(oost_, id, bert_);
  ASSERT_TRUE(seen);
  EXPECT_FALSE(seen->other);  // anna left
  messages().EraseUser(bert_, true);
  list = messages().ListMessages(oost_, id, 10, 0);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].body, "Hallo!");
}

INSTANTIATE_TEST_SUITE_P(Engines, MarketRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
