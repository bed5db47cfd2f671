// Events and sign-ups on both engines: create, find, edit and delete per site; site isolation
// (another site's event is neither read nor changed, nor can anyone sign up through it); coming,
// series, past and feed lists with members-only filtering and pagination; sign-ups with a
// waiting list, cancellation that moves the first waiting person up, and exactly `capacity`
// places when a hundred people sign up at the same moment; account deletion.
#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "domain/events/event_service.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using domain::events::Event;
using domain::events::EventDraft;
using domain::events::EventId;
using domain::events::EventService;
using domain::events::SignUpStatus;
using domain::events::Visibility;
using namespace domain::accounts;

constexpr std::int64_t kNow = 1'790'000'000;  // September 2026

class EventRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    anna_ = User("anna");
  }

  UserId User(const std::string& name) {
    NewUser nu;
    nu.email = name + "@example.nl";
    nu.display_name = name;
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    auto u = store().users().CreateUser(nu);
    EXPECT_TRUE(u.ok());
    return u.ok() ? u->id : UserId{};
  }

  domain::events::EventRepository& events() { return store().events(); }

  static EventDraft Draft(const std::string& title, const std::string& start, const std::string& end) {
    EventDraft d;
    d.title = title;
    d.description_markdown = "Over " + title;
    d.place_name = "Buurthuis";
    d.address = "Voorbeeldstraat 1";
    d.start_local = start;
    d.end_local = end;
    return d;
  }

  Event MustCreate(SiteId site, EventDraft d) {
    auto clean = EventService::Clean(d);
    EXPECT_TRUE(clean.ok()) << (clean.ok() ? "" : clean.error().public_message);
    if (!clean.ok()) return {};
    auto e = events().CreateEvent(site, anna_, *clean, kNow);
    EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().internal_detail);
    return e.ok() ? *e : Event{};
  }

  Event WithPlaces(SiteId site, int capacity) {
    auto d = Draft("Opruimen", "2026-10-03T10:00", "2026-10-03T12:00");
    d.capacity = capacity;
    return MustCreate(site, d);
  }

  static std::vector<std::string> Titles(const std::vector<Event>& list) {
    std::vector<std::string> out;
    for (const auto& e : list) out.push_back(e.title);
    return out;
  }

  domain::CityId nijmegen_;
  SiteId oost_, zuid_;
  UserId anna_;
};

TEST_P(EventRepositoryTest, CreatesFindsUpdatesAndDeletes) {
  auto d = Draft("Koffieochtend", "2026-10-13T10:00", "2026-10-13T11:30");
  d.latitude = 51.84;
  d.longitude = 5.85;
  d.organisation_name = "Buurthuis De Klokkenberg";
  d.rrule = "FREQ=WEEKLY;COUNT=4";
  d.exdates = "2026-10-27";
  d.capacity = 20;
  const Event e = MustCreate(oost_, d);
  auto found = events().FindEvent(oost_, e.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "Koffieochtend");
  EXPECT_EQ(found->organiser, anna_);
  EXPECT_EQ(found->organiser_name, "anna");
  EXPECT_EQ(found->organisation_name, "Buurthuis De Klokkenberg");
  EXPECT_DOUBLE_EQ(*found->latitude, 51.84);
  EXPECT_DOUBLE_EQ(*found->longitude, 5.85);
  EXPECT_EQ(found->start_local, "2026-10-13T10:00");
  EXPECT_EQ(found->rrule, "FREQ=WEEKLY;BYDAY=TU;COUNT=4");
  EXPECT_EQ(found->exdates, "2026-10-27");
  EXPECT_TRUE(found->last_end_at);
  EXPECT_TRUE(found->signup);
  EXPECT_EQ(found->capacity, 20);
  EXPECT_FALSE(found->all_day);
  EXPECT_FALSE(found->group_id);
  EXPECT_FALSE(found->image_key);
  EXPECT_EQ(found->created_at, kNow);

  auto changed = Draft("Koffie en thee", "2026-12-12", "2026-12-12");
  changed.all_day = true;
  changed.visibility = Visibility::kMembers;
  auto clean = EventService::Clean(changed);
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(events().UpdateEvent(oost_, e.id, *clean, kNow + 60).ok());
  found = events().FindEvent(oost_, e.id);
  EXPECT_EQ(found->title, "Koffie en thee");
  EXPECT_TRUE(found->all_day);
  EXPECT_EQ(found->visibility, Visibility::kMembers);
  EXPECT_EQ(found->rrule, "");
  EXPECT_FALSE(found->latitude);
  EXPECT_FALSE(found->capacity);
  EXPECT_EQ(found->updated_at, kNow + 60);

  ASSERT_TRUE(events().DeleteEvent(oost_, e.id).ok());
  EXPECT_FALSE(events().FindEvent(oost_, e.id));
  EXPECT_EQ(events().DeleteEvent(oost_, e.id).error().code, ErrorCode::kNotFound);
}

TEST_P(EventRepositoryTest, AnotherSitesEventIsNeitherReadNorChanged) {
  const Event e = WithPlaces(oost_, 5);
  EXPECT_FALSE(events().FindEvent(zuid_, e.id));
  auto clean = EventService::Clean(Draft("Overgenomen", "2026-10-03T10:00", "2026-10-03T12:00"));
  EXPECT_EQ(events().UpdateEvent(zuid_, e.id, *clean, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(events().DeleteEvent(zuid_, e.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(events().SignUp(zuid_, e.id, e.start_at, anna_, kNow).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(events().SignUp(oost_, e.id, e.start_at, anna_, kNow).ok());
  EXPECT_EQ(events().Cancel(zuid_, e.id, e.start_at, anna_).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(events().FindSignUp(zuid_, e.id, e.start_at, anna_));
  EXPECT_EQ(events().CountSignUps(zuid_, e.id, e.start_at).confirmed, 0);
  EXPECT_TRUE(events().ListSignUps(zuid_, e.id, e.start_at, 10, 0).empty());
  EXPECT_TRUE(events().ListComingSingle(zuid_, kNow, true, 10, 0).empty());
  EXPECT_TRUE(events().ListPublicOfSite(zuid_, kNow, 10, 0).empty());
  EXPECT_EQ(events().FindEvent(oost_, e.id)->title, "Opruimen");
  EXPECT_EQ(events().CountSignUps(oost_, e.id, e.start_at).confirmed, 1);
}

TEST_P(EventRepositoryTest, ListsComingSeriesAndPastEvents) {
  MustCreate(oost_, Draft("Voorbij", "2026-09-01T10:00", "2026-09-01T11:00"));
  MustCreate(oost_, Draft("Later", "2026-11-01T10:00", "2026-11-01T11:00"));
  MustCreate(oost_, Draft("Eerder", "2026-10-01T10:00", "2026-10-01T11:00"));
  auto members = Draft("Alleen leden", "2026-10-15T10:00", "2026-10-15T11:00");
  members.visibility = Visibility::kMembers;
  MustCreate(oost_, members);
  auto weekly = Draft("Elke week", "2026-08-04T10:00", "2026-08-04T11:00");
  weekly.rrule = "FREQ=WEEKLY";
  MustCreate(oost_, weekly);
  auto ended = Draft("Reeks voorbij", "2026-08-04T10:00", "2026-08-04T11:00");
  ended.rrule = "FREQ=WEEKLY;COUNT=2";
  MustCreate(oost_, ended);
  MustCreate(zuid_, Draft("Zuid", "2026-10-02T10:00", "2026-10-02T11:00"));

  EXPECT_EQ(Titles(events().ListComingSingle(oost_, kNow, true, 10, 0)),
            (std::vector<std::string>{"Eerder", "Alleen leden", "Later"}));
  EXPECT_EQ(Titles(events().ListComingSingle(oost_, kNow, false, 10, 0)), (std::vector<std::string>{"Eerder", "Later"}));
  EXPECT_EQ(Titles(events().ListComingSingle(oost_, kNow, true, 1, 1)), (std::vector<std::string>{"Alleen leden"}));
  EXPECT_EQ(Titles(events().ListComingSeries(oost_, kNow, true, 10)), (std::vector<std::string>{"Elke week"}));
  EXPECT_EQ(Titles(events().ListPast(oost_, kNow, true, 10, 0)), (std::vector<std::string>{"Voorbij", "Reeks voorbij"}));
  EXPECT_EQ(Titles(events().ListPublicOfSite(oost_, kNow, 10, 0)),
            (std::vector<std::string>{"Elke week", "Eerder", "Later"}));
  EXPECT_EQ(Titles(events().ListPublicOfSite(oost_, kNow, 1, 1)), (std::vector<std::string>{"Eerder"}));
  EXPECT_EQ(Titles(events().ListPublicOfSite(oost_, kNow, 5, 2)), (std::vector<std::string>{"Later"}));
  EXPECT_EQ(Titles(events().ListPublicOfCity(nijmegen_, kNow, 10, 0)),
            (std::vector<std::string>{"Elke week", "Eerder", "Zuid", "Later"}));
  EXPECT_EQ(Titles(events().ListPublicOfCity(nijmegen_, kNow, 2, 0)), (std::vector<std::string>{"Elke week", "Eerder"}));
  EXPECT_EQ(Titles(events().ListPublicOfCity(nijmegen_, kNow, 2, 2)), (std::vector<std::string>{"Zuid", "Later"}));
}

TEST_P(EventRepositoryTest, AGroupsEvents) {
  domain::groups::GroupDraft g;
  g.name = "Tuinclub";
  const auto garden = store().groups().CreateGroup(oost_, anna_, g, kNow);
  g.name = "Zuidclub";
  g.visibility = domain::groups::Visibility::kMembers;
  const auto zuid_club = store().groups().CreateGroup(zuid_, anna_, g, kNow);
  ASSERT_TRUE(garden.ok() && zuid_club.ok());
  const std::int64_t group = garden->id.value;
  const Event a = MustCreate(oost_, Draft("Tuinieren", "2026-10-01T10:00", "2026-10-01T11:00"));
  auto hidden = Draft("Tuinoverleg", "2026-10-02T10:00", "2026-10-02T11:00");
  hidden.visibility = Visibility::kMembers;
  hidden.group_id = group;  // set when created
  const Event b = MustCreate(oost_, hidden);
  MustCreate(oost_, Draft("Los", "2026-10-03T10:00", "2026-10-03T11:00"));
  ASSERT_TRUE(events().SetGroup(oost_, a.id, group).ok());
  EXPECT_EQ(events().SetGroup(zuid_, a.id, zuid_club->id.value).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(events().FindEvent(oost_, a.id)->group_id, group);
  EXPECT_EQ(events().FindEvent(oost_, a.id)->group_name, "Tuinclub");
  EXPECT_EQ(events().FindEvent(oost_, b.id)->group_id, group);
  EXPECT_EQ(Titles(events().ListOfGroup(oost_, group, kNow, false, 10, 0)), (std::vector<std::string>{"Tuinieren"}));
  EXPECT_EQ(Titles(events().ListOfGroup(oost_, group, kNow, true, 10, 0)),
            (std::vector<std::string>{"Tuinieren", "Tuinoverleg"}));
  EXPECT_EQ(Titles(events().ListOfGroup(oost_, group, kNow, true, 1, 1)), (std::vector<std::string>{"Tuinoverleg"}));
  EXPECT_TRUE(events().ListOfGroup(zuid_, group, kNow, true, 10, 0).empty());
  // A group of another site never becomes the organiser, on create, edit or SetGroup.
  ASSERT_TRUE(events().SetGroup(oost_, a.id, zuid_club->id.value).ok());
  EXPECT_FALSE(events().FindEvent(oost_, a.id)->group_id);
  auto foreign = Draft("Vreemd", "2026-10-04T10:00", "2026-10-04T11:00");
  foreign.group_id = zuid_club->id.value;
  EXPECT_FALSE(MustCreate(oost_, foreign).group_id);
  ASSERT_TRUE(events().SetGroup(oost_, a.id, std::nullopt).ok());
  EXPECT_FALSE(events().FindEvent(oost_, a.id)->group_id);
  EXPECT_EQ(Titles(events().ListOfGroup(oost_, group, kNow, true, 10, 0)), (std::vector<std::string>{"Tuinoverleg"}));
  // When the group goes, its events stay without it.
  ASSERT_TRUE(store().groups().DeleteGroup(oost_, garden->id).ok());
  EXPECT_FALSE(events().FindEvent(oost_, b.id)->group_id);
}

TEST_P(EventRepositoryTest, WaitingListAndCancellation) {
  const Event e = WithPlaces(oost_, 2);
  const UserId bob = User("bob"), cas = User("cas"), dirk = User("dirk");
  const auto at = e.start_at;
  EXPECT_EQ(events().SignUp(oost_, e.id, at, anna_, kNow)->status, SignUpStatus::kConfirmed);
  EXPECT_EQ(events().SignUp(oost_, e.id, at, bob, kNow)->status, SignUpStatus::kConfirmed);
  EXPECT_EQ(events().SignUp(oost_, e.id, at, cas, kNow)->status, SignUpStatus::kWaiting);
  EXPECT_EQ(events().SignUp(oost_, e.id, at, dirk, kNow)->status, SignUpStatus::kWaiting);
  auto again = events().SignUp(oost_, e.id, at, cas, kNow);
  EXPECT_TRUE(again->already);
  EXPECT_EQ(again->status, SignUpStatus::kWaiting);
  EXPECT_EQ(events().FindSignUp(oost_, e.id, at, dirk)->second, 2);
  auto counts = events().CountSignUps(oost_, e.id, at);
  EXPECT_EQ(counts.confirmed, 2);
  EXPECT_EQ(counts.waiting, 2);
  auto list = events().ListSignUps(oost_, e.id, at, 10, 0);
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].user_name, "anna");
  EXPECT_EQ(list[2].user_name, "cas");
  EXPECT_EQ(list[2].status, SignUpStatus::kWaiting);

  // Someone waiting cancels: nobody moves up.
  auto out = events().Cancel(oost_, e.id, at, dirk);
  EXPECT_TRUE(out->was_signed_up);
  EXPECT_FALSE(out->promoted);
  // Someone with a place cancels: the first waiting gets it.
  out = events().Cancel(oost_, e.id, at, anna_);
  EXPECT_EQ(out->promoted, cas);
  EXPECT_EQ(events().FindSignUp(oost_, e.id, at, cas)->first, SignUpStatus::kConfirmed);
  EXPECT_FALSE(events().Cancel(oost_, e.id, at, anna_)->was_signed_up);
  // Another occurrence has its own places.
  EXPECT_EQ(events().SignUp(oost_, e.id, at + 7 * 86400, anna_, kNow)->status, SignUpStatus::kConfirmed);
}

// The event page asks once for all of one person's sign-ups of an event, with their places.
TEST_P(EventRepositoryTest, OwnSignUpsOfAnEventInOneQuery) {
  const Event e = WithPlaces(oost_, 1);
  const UserId bob = User("bob"), cas = User("cas");
  const auto at = e.start_at, later = e.start_at + 7 * 86400;
  ASSERT_TRUE(events().SignUp(oost_, e.id, at, anna_, kNow).ok());
  ASSERT_TRUE(events().SignUp(oost_, e.id, at, bob, kNow).ok());
  ASSERT_TRUE(events().SignUp(oost_, e.id, at, cas, kNow).ok());
  ASSERT_TRUE(events().SignUp(oost_, e.id, later, cas, kNow).ok());
  auto mine = events().ListOwnSignUps(oost_, e.id, cas, at, 10);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].occurrence_start, at);
  EXPECT_EQ(mine[0].status, SignUpStatus::kWaiting);
  EXPECT_EQ(mine[0].position, 2);
  EXPECT_EQ(mine[1].occurrence_start, later);
  EXPECT_EQ(mine[1].status, SignUpStatus::kConfirmed);
  EXPECT_EQ(mine[1].position, 0);
  // From a later date on, at most `limit`.
  EXPECT_EQ(events().ListOwnSignUps(oost_, e.id, cas, at + 1, 10).size(), 1u);
  EXPECT_EQ(events().ListOwnSignUps(oost_, e.id, cas, at, 1).size(), 1u);
  EXPECT_EQ(events().ListOwnSignUps(oost_, e.id, anna_, at, 10)[0].status, SignUpStatus::kConfirmed);
  // Through another site: nothing.
  EXPECT_TRUE(events().ListOwnSignUps(zuid_, e.id, cas, at, 10).empty());
}

TEST_P(EventRepositoryTest, EventsWithoutSignUpRefuseIt) {
  const Event e = MustCreate(oost_, Draft("Vrije inloop", "2026-10-03T10:00", "2026-10-03T12:00"));
  EXPECT_EQ(events().SignUp(oost_, e.id, e.start_at, anna_, kNow).error().code, ErrorCode::kConflict);
}

TEST_P(EventRepositoryTest, ExactlyCapacityPlacesWhenAHundredSignUpAtOnce) {
  constexpr int kPeople = 100;
  constexpr int kPlaces = 7;
  const Event e = WithPlaces(oost_, kPlaces);
  std::vector<UserId> people;
  for (int i = 0; i < kPeople; ++i) people.push_back(User("p" + std::to_string(i)));
  std::atomic<int> confirmed{0}, waiting{0}, failed{0};
  std::atomic<bool> go{false};
  std::mutex mutex;
  std::string first_error;
  std::vector<std::thread> threads;
  for (int i = 0; i < kPeople; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      try {
        auto r = events().SignUp(oost_, e.id, e.start_at, people[i], kNow);
        if (!r.ok()) {
          ++failed;
        } else if (r->status == SignUpStatus::kConfirmed) {
          ++confirmed;
        } else {
          ++waiting;
        }
      } catch (const std::exception& ex) {
        ++failed;
        std::lock_guard lock(mutex);
        if (first_error.empty()) first_error = ex.what();
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0) << first_error;
  EXPECT_EQ(confirmed.load(), kPlaces);
  EXPECT_EQ(waiting.load(), kPeople - kPlaces);
  const auto counts = events().CountSignUps(oost_, e.id, e.start_at);
  EXPECT_EQ(counts.confirmed, kPlaces);
  EXPECT_EQ(counts.waiting, kPeople - kPlaces);
}

TEST_P(EventRepositoryTest, AccountDeletionMovesTheWaitingListUpAndRemovesOrUnlinksEvents) {
  const Event e = WithPlaces(oost_, 1);
  const UserId bob = User("bob");
  ASSERT_TRUE(events().SignUp(oost_, e.id, e.start_at, anna_, kNow).ok());
  ASSERT_TRUE(events().SignUp(oost_, e.id, e.start_at, bob, kNow).ok());
  auto erased = events().EraseAttendee(anna_);
  ASSERT_EQ(erased.size(), 1u);
  EXPECT_EQ(erased[0].site, oost_);
  EXPECT_EQ(erased[0].promoted, bob);
  EXPECT_EQ(events().FindSignUp(oost_, e.id, e.start_at, bob)->first, SignUpStatus::kConfirmed);

  auto gone = events().EraseOrganiser(anna_, false);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].second, e.id);
  EXPECT_FALSE(events().FindEvent(oost_, e.id)->organiser);
  const Event other = WithPlaces(zuid_, 3);
  (void)other;
  EXPECT_EQ(events().EraseOrganiser(anna_, true).size(), 1u);
  EXPECT_TRUE(events().ListComingSingle(zuid_, kNow, true, 10, 0).empty());
  EXPECT_TRUE(events().FindEvent(oost_, e.id));  // unlinked before, so not hers any more
}

// [village] >>>
// An organisation of the sociale kaart as organiser: only one of the site's city is stored (the
// repository refuses another city's, on create and on update), its name and uuid come with the
// event, another site cannot change it, and deleting the organisation leaves the event without it.
TEST_P(EventRepositoryTest, AnOrganisationOfTheSitesCityOrganisesAndIsUnlinkedWhenDeleted) {
  const auto arnhem = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
  const auto make_org = [&](domain::CityId city, const std::string& name) {
    domain::directory::Organization o;
    o.name = name;
    auto r = store().directory().CreateOrganization(city, o, kNow);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? *r : domain::directory::Organization{};
  };
  const auto buurtteam = make_org(nijmegen_, "Buurtteam Oost");
  const auto elsewhere = make_org(arnhem, "Wijkteam Arnhem");

  auto d = Draft("Spreekuur", "2026-10-13T10:00", "2026-10-13T11:00");
  d.organisation_id = buurtteam.id.value;
  const Event e = MustCreate(oost_, d);
  auto found = events().FindEvent(oost_, e.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->organisation_id, buurtteam.id.value);
  EXPECT_EQ(found->organisation_ref_name, "Buurtteam Oost");
  EXPECT_EQ(found->organisation_uuid, buurtteam.uuid);
  EXPECT_EQ(events().ListPublicOfSite(oost_, 0, 10, 0).at(0).organisation_ref_name, "Buurtteam Oost");

  // Another city's organisation: refused, on create and on update; the event keeps its own.
  auto other = Draft("Niet hier", "2026-10-14T10:00", "2026-10-14T11:00");
  other.organisation_id = elsewhere.id.value;
  auto clean = EventService::Clean(other);
  ASSERT_TRUE(clean.ok());
  auto refused = events().CreateEvent(oost_, anna_, *clean, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(events().ListPublicOfSite(oost_, 0, 10, 0).size(), 1u);
  auto moved = EventService::Clean(d);
  ASSERT_TRUE(moved.ok());
  moved->organisation_id = elsewhere.id.value;
  EXPECT_EQ(events().UpdateEvent(oost_, e.id, *moved, kNow + 1).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(events().FindEvent(oost_, e.id)->organisation_id, buurtteam.id.value);
  // Through another site (same city): not found, nothing changes.
  moved->organisation_id = std::nullopt;
  EXPECT_EQ(events().UpdateEvent(zuid_, e.id, *moved, kNow + 1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(events().FindEvent(oost_, e.id)->organisation_id, buurtteam.id.value);
  EXPECT_FALSE(events().FindEvent(zuid_, e.id));
  // The same city's other site may name the organisation too.
  auto in_zuid = Draft("Spreekuur Zuid", "2026-10-15T10:00", "2026-10-15T11:00");
  in_zuid.organisation_id = buurtteam.id.value;
  EXPECT_EQ(MustCreate(zuid_, in_zuid).organisation_id, buurtteam.id.value);
  // An update without an organisation removes it.
  ASSERT_TRUE(events().UpdateEvent(oost_, e.id, *moved, kNow + 2).ok());
  EXPECT_FALSE(events().FindEvent(oost_, e.id)->organisation_id);
  EXPECT_EQ(events().FindEvent(oost_, e.id)->organisation_ref_name, "");

  // The organisation goes: its events stay, without it.
  ASSERT_TRUE(store().directory().DeleteOrganization(nijmegen_, buurtteam.id).ok());
  const auto zuid_events = events().ListPublicOfSite(zuid_, 0, 10, 0);
  ASSERT_EQ(zuid_events.size(), 1u);
  EXPECT_FALSE(zuid_events[0].organisation_id);
  EXPECT_EQ(zuid_events[0].organisation_ref_name, "");
}
// [village] <<<

INSTANTIATE_TEST_SUITE_P(Engines, EventRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
