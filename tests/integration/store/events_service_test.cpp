// The EventService over a real store on both engines, with a clock the test moves: the search
// indexer hears every create, edit and delete; coming occurrences of single and recurring events
// are merged and paginated; a series moves into the archive when its last date is over;
// sign-ups check the occurrence and membership; a cancellation tells whoever moved up; account
// deletion frees places and unlinks events.
#include <map>
#include <string>

#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::ManualClock;
using domain::SiteId;
using domain::UserId;
using domain::events::Event;
using domain::events::EventDraft;
using domain::events::EventService;
using domain::events::SignUpStatus;
using domain::events::Viewer;
using domain::events::Visibility;
using namespace domain::accounts;

class FakeIndexer final : public domain::search::Indexer {
 public:
  void Put(const domain::search::Document& doc) override { docs[doc.item_id] = doc; }
  void Drop(domain::search::Kind, std::int64_t item_id) override { docs.erase(item_id); }
  std::map<std::int64_t, domain::search::Document> docs;
};

class FakeNotifier final : public domain::events::SignUpNotifier {
 public:
  void MovedUp(const Event& event, std::int64_t occurrence, UserId user) override {
    moved.push_back({event.title, occurrence, user});
  }
  struct Moved {
    std::string title;
    std::int64_t occurrence;
    UserId user;
  };
  std::vector<Moved> moved;
};

class EventServiceTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    city_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(city_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(city_, MakeDraft("zuid", "Zuid"))->id;
    anna_ = Member("anna", oost_);
    bob_ = Member("bob", oost_);
    cas_ = Member("cas", zuid_);
    service_ = std::make_unique<EventService>(store(), clock_);
    service_->SetIndexer(&indexer_);
    service_->SetSiteLocator([this](SiteId site) -> std::optional<domain::events::SitePlace> {
      return domain::events::SitePlace{city_, site == oost_ ? "/nijmegen/oost/" : "/nijmegen/zuid/"};
    });
    service_->SetNotifier(&notifier_);
    service_->SetChangeListener([this](SiteId site) { changed_.push_back(site); });
  }

  UserId Member(const std::string& name, SiteId site) {
    auto u = store().users().CreateUser(NewUser{name + "@example.nl", name, "$argon2id$x", clock_.Now()});
    EXPECT_TRUE(u.ok());
    Membership m;
    m.user = u->id;
    m.status = MemberStatus::kVerified;
    m.created_at = clock_.Now();
    EXPECT_TRUE(store().memberships().CreateMembership(site, m).ok());
    return u->id;
  }

  Viewer As(UserId user, SiteId site) {
    return Viewer::Of(user, store().memberships().FindMembership(site, user));
  }

  static EventDraft Draft(const std::string& title, const std::string& start, const std::string& end) {
    EventDraft d;
    d.title = title;
    d.place_name = "Buurthuis";
    d.start_local = start;
    d.end_local = end;
    return d;
  }

  std::vector<std::string> ComingTitles(const Viewer& viewer, int page = 1) {
    std::vector<std::string> out;
    for (const auto& o : service_->Coming(oost_, viewer, page).items) {
      out.push_back(o.event.title + " " + domain::events::FormatDateTime(domain::events::ToLocal(o.start_at)));
    }
    return out;
  }

  // Monday 5 October 2026, 12:00 in Amsterdam.
  ManualClock clock_{domain::events::ToUtc({{2026, 10, 5}, 12, 0})};
  FakeIndexer indexer_;
  FakeNotifier notifier_;
  std::vector<SiteId> changed_;
  std::unique_ptr<EventService> service_;
  domain::CityId city_;
  SiteId oost_, zuid_;
  UserId anna_, bob_, cas_;
};

TEST_P(EventServiceTest, IndexesEveryChange) {
  auto d = Draft("Koffie", "2026-10-06T10:00", "2026-10-06T11:00");
  d.description_markdown = "Met **koek**.";
  auto e = service_->Create(oost_, As(anna_, oost_), d);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(indexer_.docs.count(e->id.value), 1u);
  const auto& doc = indexer_.docs[e->id.value];
  EXPECT_EQ(doc.kind, domain::search::Kind::kEvent);
  EXPECT_EQ(doc.url, "/nijmegen/oost/agenda/" + std::to_string(e->id.value));
  EXPECT_EQ(doc.city, city_);
  EXPECT_EQ(doc.site, oost_);
  EXPECT_NE(doc.body.find("Met koek."), std::string::npos);
  EXPECT_EQ(doc.when, e->start_at);
  d.title = "Koffie en thee";
  d.visibility = Visibility::kMembers;
  ASSERT_TRUE(service_->Edit(oost_, e->id, As(anna_, oost_), d).ok());
  EXPECT_EQ(indexer_.docs[e->id.value].title, "Koffie en thee");
  EXPECT_TRUE(indexer_.docs[e->id.value].members_only);
  ASSERT_TRUE(service_->Delete(oost_, e->id, As(anna_, oost_)).ok());
  EXPECT_EQ(indexer_.docs.count(e->id.value), 0u);
  EXPECT_EQ(changed_, (std::vector<SiteId>{oost_, oost_, oost_}));
}

TEST_P(EventServiceTest, WhoMayAddChangeAndSee) {
  auto d = Draft("Alleen leden", "2026-10-06T10:00", "2026-10-06T11:00");
  d.visibility = Visibility::kMembers;
  EXPECT_EQ(service_->Create(oost_, Viewer{}, d).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Create(oost_, As(cas_, oost_), d).error().code, ErrorCode::kForbidden);
  auto e = service_->Create(oost_, As(anna_, oost_), d);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(service_->Find(oost_, e->id, Viewer{}).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->Find(oost_, e->id, As(bob_, oost_)).ok());
  EXPECT_EQ(service_->Find(zuid_, e->id, As(cas_, zuid_)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Edit(oost_, e->id, As(bob_, oost_), d).error().code, ErrorCode::kForbidden);
  // In the past: refused.
  EXPECT_EQ(service_->Create(oost_, As(anna_, oost_), Draft("Gisteren", "2026-10-04T10:00", "2026-10-04T11:00"))
                .error()
                .field,
            "date");
}

TEST_P(EventServiceTest, ComingMergesSeriesAndSinglesAcrossDaylightSaving) {
  auto weekly = Draft("Koffie", "2026-10-13T10:00", "2026-10-13T11:00");
  weekly.rrule = "FREQ=WEEKLY;COUNT=3";
  ASSERT_TRUE(service_->Create(oost_, As(anna_, oost_), weekly).ok());
  ASSERT_TRUE(service_->Create(oost_, As(anna_, oost_), Draft("Borrel", "2026-10-21T17:00", "2026-10-21T19:00")).ok());
  auto members = Draft("Vergadering", "2026-10-07T20:00", "2026-10-07T21:00");
  members.visibility = Visibility::kMembers;
  ASSERT_TRUE(service_->Create(oost_, As(anna_, oost_), members).ok());

  EXPECT_EQ(ComingTitles(Viewer{}), (std::vector<std::string>{"Koffie 2026-10-13T10:00", "Koffie 2026-10-20T10:00",
                                                               "Borrel 2026-10-21T17:00", "Koffie 2026-10-27T10:00"}));
  EXPECT_EQ(ComingTitles(As(bob_, oost_)).front(), "Vergadering 2026-10-07T20:00");
  EXPECT_EQ(service_->Next(oost_, Viewer{}, 2).size(), 2u);

  // Time passes: the series' first date is over, and after its last it is in the archive.
  clock_.Advance(9 * 86400);  // 14 October
  EXPECT_EQ(ComingTitles(Viewer{}).front(), "Koffie 2026-10-20T10:00");
  clock_.Advance(20 * 86400);  // 3 November
  EXPECT_TRUE(ComingTitles(Viewer{}).empty());
  auto past = service_->Past(oost_, Viewer{}, 1);
  ASSERT_EQ(past.items.size(), 2u);
  EXPECT_EQ(past.items[0].event.title, "Borrel");
}

TEST_P(EventServiceTest, PagesOfComingEvents) {
  auto weekly = Draft("Wekelijks", "2026-10-06T10:00", "2026-10-06T11:00");
  weekly.rrule = "FREQ=WEEKLY";
  ASSERT_TRUE(service_->Create(oost_, As(anna_, oost_), weekly).ok());
  auto first = service_->Coming(oost_, Viewer{}, 1);
  EXPECT_EQ(first.items.size(), static_cast<std::size_t>(EventService::kPageSize));
  EXPECT_TRUE(first.has_more);
  auto second = service_->Coming(oost_, Viewer{}, 2);
  ASSERT_FALSE(second.items.empty());
  EXPECT_GT(second.items.front().start_at, first.items.back().start_at);
  EXPECT_TRUE(service_->Coming(oost_, Viewer{}, EventService::kMaxPage + 1).items.empty());
}

TEST_P(EventServiceTest, SignUpChecksTheOccurrenceAndTellsWhoMovesUp) {
  auto d = Draft("Opruimen", "2026-10-10T10:00", "2026-10-10T12:00");
  d.rrule = "FREQ=WEEKLY;COUNT=2";
  d.capacity = 1;
  auto e = service_->Create(oost_, As(anna_, oost_), d);
  ASSERT_TRUE(e.ok());
  const auto first = e->start_at;
  EXPECT_EQ(service_->SignUp(oost_, e->id, first + 3600, As(anna_, oost_)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->SignUp(oost_, e->id, first, Viewer{}).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->SignUp(oost_, e->id, first, As(anna_, oost_))->status, SignUpStatus::kConfirmed);
  EXPECT_EQ(service_->SignUp(oost_, e->id, first, As(bob_, oost_))->status, SignUpStatus::kWaiting);
  // The second Saturday has its own place.
  const auto second = first + 7 * 86400;
  EXPECT_EQ(service_->SignUp(oost_, e->id, second, As(bob_, oost_))->status, SignUpStatus::kConfirmed);
  ASSERT_TRUE(service_->Cancel(oost_, e->id, first, As(anna_, oost_)).ok());
  ASSERT_EQ(notifier_.moved.size(), 1u);
  EXPECT_EQ(notifier_.moved[0].user, bob_);
  EXPECT_EQ(notifier_.moved[0].occurrence, first);
  EXPECT_EQ(service_->MySignUp(oost_, e->id, first, As(bob_, oost_))->first, SignUpStatus::kConfirmed);
  // Over: no more sign-ups.
  clock_.Advance(6 * 86400);
  EXPECT_EQ(service_->SignUp(oost_, e->id, first, As(anna_, oost_)).error().code, ErrorCode::kConflict);
}

TEST_P(EventServiceTest, AccountDeletionFreesPlacesAndUnlinksEvents) {
  auto d = Draft("Workshop", "2026-10-10T10:00", "2026-10-10T12:00");
  d.capacity = 1;
  auto e = service_->Create(oost_, As(anna_, oost_), d);
  ASSERT_TRUE(e.ok());
  ASSERT_TRUE(service_->SignUp(oost_, e->id, e->start_at, As(anna_, oost_)).ok());
  ASSERT_TRUE(service_->SignUp(oost_, e->id, e->start_at, As(bob_, oost_)).ok());
  ASSERT_TRUE(service_->EraseContent(anna_, ContentChoice::kAnonymise).ok());
  ASSERT_EQ(notifier_.moved.size(), 1u);
  EXPECT_EQ(notifier_.moved[0].user, bob_);
  auto kept = service_->Find(oost_, e->id, Viewer{});
  ASSERT_TRUE(kept.ok());
  EXPECT_FALSE(kept->organiser);
  EXPECT_EQ(indexer_.docs.count(e->id.value), 1u);
  auto other = service_->Create(oost_, As(bob_, oost_), Draft("Van Bob", "2026-10-11T10:00", "2026-10-11T12:00"));
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(service_->EraseContent(bob_, ContentChoice::kRemove).ok());
  EXPECT_EQ(service_->Find(oost_, other->id, Viewer{}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(indexer_.docs.count(other->id.value), 0u);
  EXPECT_EQ(service_->Counts(oost_, e->id, e->start_at).confirmed, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, EventServiceTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
