// The agenda as residents meet it, on the real server with the demo loaded: a member adds an
// event with two places, neighbours sign up until it is full, the next lands on the waiting
// list, a cancellation moves them up with a mail; many clients signing up at once get exactly
// the places there are; members-only events stay hidden (pages and feeds); another site's event
// is 404; the iCal feeds parse with libical; the embeddable agenda may be framed.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/demo_events.hpp"
#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"
#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The value of the first `name="occurrence" value="…"` on a page.
std::string Occurrence(const std::string& body) {
  const std::string marker = "name=\"occurrence\" value=\"";
  auto at = body.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return body.substr(at, body.find('"', at) - at);
}

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& rt = server_.runtime();
    oost_ = rt.sites().directory()->FindSite("nijmegen", "oost")->id;
    zuid_ = rt.sites().directory()->FindSite("nijmegen", "zuid")->id;
    anna_ = Resident("anna-agenda@example.nl", "Anna de Vries", oost_);
    bert_ = Resident("bert-agenda@example.nl", "Bert Jansen", oost_);
    dirk_ = Resident("dirk-agenda@example.nl", "Dirk Smit", oost_);
    carla_ = Resident("carla-agenda@example.nl", "Carla Bakker", zuid_);
  }

  UserId Resident(const std::string& email, const std::string& name, SiteId site,
                  MemberRole role = MemberRole::kMember) {
    auto& store = server_.runtime().store();
    auto user = store.users().CreateUser(NewUser{email, name, "$argon2id$not-used", Now()});
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    Membership m;
    m.user = user->id;
    m.role = role;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = Now();
    m.verified_at = Now();
    EXPECT_TRUE(store.memberships().CreateMembership(site, m).ok());
    return user->id;
  }

  void LogIn(BrowserClient& client, UserId user) {
    const std::string token = domain::security::NewToken();
    Session s;
    s.token_hash = domain::security::HashToken(token);
    s.user = user;
    s.created_at = s.last_seen_at = Now();
    s.expires_at = s.created_at + 3600;
    s.second_factor_done = true;
    ASSERT_TRUE(server_.runtime().store().sessions().CreateSession(s).ok());
    client.SetCookie("bp_session", token);
  }

  // Adds an event on Oost as `user`; returns its path ("/nijmegen/oost/agenda/12").
  std::string AddEvent(UserId user, const std::string& title, const std::string& extra = "") {
    BrowserClient client(server_);
    LogIn(client, user);
    client.Get("/nijmegen/oost/agenda/nieuw");
    auto r = client.Post("/nijmegen/oost/agenda/nieuw",
                         "title=" + FormEncode(title) + "&description=" + FormEncode("Samen **opruimen**.") +
                             "&place=" + FormEncode("Buurthuis De Klokkenberg") + "&address=" +
                             FormEncode("Voorbeeldstraat 1, Nijmegen") + "&date=" + DateIn(4) +
                             "&start_time=19%3A30&end_time=21%3A00" + extra);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  domain::events::EventId IdOf(const std::string& path) {
    return domain::events::EventId{std::stoll(path.substr(path.rfind('/') + 1))};
  }

  WireResponse Act(UserId user, const std::string& path, const std::string& action, const std::string& occurrence) {
    BrowserClient client(server_);
    LogIn(client, user);
    client.Get(path);
    return client.Post(path + "/" + action, "occurrence=" + occurrence);
  }

  TestServer server_;
  SiteId oost_, zuid_;
  UserId anna_, bert_, dirk_, carla_;
};

TEST_F(EventsTest, SignUpUntilFullThenTheWaitingListAndACancellationMovesUp) {
  const std::string path = AddEvent(anna_, "Buurt opruimen", "&signup=1&capacity=2");
  auto page = server_.Get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<strong>opruimen</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("2</span> plekken vrij"), std::string::npos);
  EXPECT_NE(page.body.find("<meta property=\"og:title\" content=\"Buurt opruimen\">"), std::string::npos);
  EXPECT_NE(page.body.find("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\""), std::string::npos);
  EXPECT_NE(page.body.find("\"@type\":\"Event\""), std::string::npos);
  EXPECT_NE(page.body.find("webcal://"), std::string::npos);
  EXPECT_NE(page.body.find("Log in om je aan te melden"), std::string::npos);

  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string occurrence = Occurrence(anna.Get(path).body);
  ASSERT_FALSE(occurrence.empty());
  EXPECT_EQ(Act(anna_, path, "aanmelden", occurrence).Header("location"), path + "?aangemeld=ja");
  EXPECT_EQ(Act(bert_, path, "aanmelden", occurrence).Header("location"), path + "?aangemeld=ja");
  EXPECT_EQ(Act(dirk_, path, "aanmelden", occurrence).Header("location"), path + "?aangemeld=wachtlijst");
  auto full = server_.Get(path);
  EXPECT_NE(full.body.find("Vol"), std::string::npos);
  EXPECT_NE(full.body.find("op de wachtlijst"), std::string::npos);
  BrowserClient dirk(server_);
  LogIn(dirk, dirk_);
  EXPECT_NE(dirk.Get(path).body.find("Je staat op de wachtlijst. Jouw plek: 1"), std::string::npos);
  // The organiser sees who signed up.
  EXPECT_NE(anna.Get(path).body.find("Dirk Smit"), std::string::npos);
  // The live count.
  auto counts = server_.Get(path + "/aanmeldingen.json?occurrence=" + occurrence);
  EXPECT_EQ(counts.status, 200);
  EXPECT_EQ(counts.body, "{\"capacity\":2,\"confirmed\":2,\"places_left\":0,\"waiting\":1}");

  // Bert cancels: Dirk moves up and gets a mail.
  EXPECT_EQ(Act(bert_, path, "afmelden", occurrence).Header("location"), path + "?aangemeld=af");
  auto& store = server_.runtime().store();
  const auto id = IdOf(path);
  EXPECT_EQ(store.events().FindSignUp(oost_, id, std::stoll(occurrence), dirk_)->first,
            domain::events::SignUpStatus::kConfirmed);
  bool mailed = false;
  for (const auto& m : store.mail().ListRecent(20)) {
    if (m.to_address == "dirk-agenda@example.nl" && m.subject.find("Buurt opruimen") != std::string::npos) mailed = true;
  }
  EXPECT_TRUE(mailed);
  EXPECT_NE(dirk.Get(path).body.find("Je bent aangemeld."), std::string::npos);
}

// The logged-in event page is shared by everyone of the same audience (a page shell, decision
// 0012) with holes for the person's own bits: each member sees their own sign-up, place on the
// waiting list, name and form token, never someone else's; the organiser and buurtverbinders
// see who signed up.
TEST_F(EventsTest, EveryoneSeesTheirOwnSignUpOnTheSharedLoggedInPage) {
  const std::string path = AddEvent(anna_, "Soep koken", "&signup=1&capacity=1");
  const UserId eva = Resident("eva-agenda@example.nl", "Eva Mulder", oost_);
  const UserId frank = Resident("frank-agenda@example.nl", "Frank Peters", oost_);
  const UserId gerda =
      Resident("gerda-agenda@example.nl", "Gerda Verbinder", oost_, MemberRole::kBuurtverbinder);
  struct Person {
    UserId id;
    std::string name;
    std::unique_ptr<BrowserClient> client;
  };
  std::vector<Person> people;
  for (auto [id, name] : std::vector<std::pair<UserId, std::string>>{
           {bert_, "Bert Jansen"}, {dirk_, "Dirk Smit"}, {eva, "Eva Mulder"}, {frank, "Frank Peters"}}) {
    people.push_back({id, name, std::make_unique<BrowserClient>(server_)});
    LogIn(*people.back().client, id);
  }
  // Every page shows the viewer's own name and a form token that works for them.
  auto page_of = [&](Person& p) {
    auto r = p.client->Get(path);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(p.name), std::string::npos) << p.name;
    for (const auto& other : people) {
      if (other.name != p.name) EXPECT_EQ(r.body.find(other.name), std::string::npos) << p.name << " sees " << other.name;
    }
    EXPECT_FALSE(p.client->csrf().empty());
    EXPECT_NE(r.body.find("name=\"csrf\" value=\"" + p.client->csrf() + "\""), std::string::npos);
    return r.body;
  };
  for (auto& p : people) {
    const std::string body = page_of(p);  // the first builds the shell, the others share it
    EXPECT_NE(body.find("Meld me aan"), std::string::npos);
    EXPECT_EQ(body.find("/bewerken\""), std::string::npos);
  }
  const std::string occurrence = Occurrence(people[0].client->Get(path).body);
  ASSERT_FALSE(occurrence.empty());
  // Bert gets the place, Dirk and Eva wait (through the forms of the shared page).
  for (int i : {0, 1, 2}) {
    auto r = people[i].client->Post(path + "/aanmelden", "occurrence=" + occurrence);
    EXPECT_EQ(r.status, 303) << people[i].name;
  }
  for (int round = 0; round < 2; ++round) {  // the second round comes from the shell
    const std::string bert = page_of(people[0]);
    EXPECT_NE(bert.find("Je bent aangemeld."), std::string::npos);
    EXPECT_NE(bert.find("Ik meld me af"), std::string::npos);
    EXPECT_EQ(bert.find("Jouw plek"), std::string::npos);
    EXPECT_NE(page_of(people[1]).find("Je staat op de wachtlijst. Jouw plek: 1"), std::string::npos);
    EXPECT_NE(page_of(people[2]).find("Je staat op de wachtlijst. Jouw plek: 2"), std::string::npos);
    const std::string frank_page = page_of(people[3]);
    EXPECT_NE(frank_page.find("Zet me op de wachtlijst"), std::string::npos);
    EXPECT_EQ(frank_page.find("Je bent aangemeld."), std::string::npos);
    EXPECT_EQ(frank_page.find("Jouw plek"), std::string::npos);
  }
  // Dirk cancels with the token from the shared page; Eva moves to place 1.
  page_of(people[1]);
  EXPECT_EQ(people[1].client->Post(path + "/afmelden", "occurrence=" + occurrence).Header("location"),
            path + "?aangemeld=af");
  EXPECT_NE(page_of(people[2]).find("Je staat op de wachtlijst. Jouw plek: 1"), std::string::npos);
  const std::string dirk = page_of(people[1]);
  EXPECT_NE(dirk.find("Zet me op de wachtlijst"), std::string::npos);  // Bert still has the one place
  EXPECT_EQ(dirk.find("Jouw plek"), std::string::npos);

  // The organiser (her own page) and a buurtverbinder (the buurtverbinders' shell) see who
  // signed up and may edit; members don't see the names.
  for (auto [user, name] : std::vector<std::pair<UserId, std::string>>{{anna_, "Anna de Vries"}, {gerda, "Gerda Verbinder"}}) {
    for (int round = 0; round < 2; ++round) {
      BrowserClient c(server_);
      LogIn(c, user);
      const std::string body = c.Get(path).body;
      EXPECT_NE(body.find(name), std::string::npos);
      EXPECT_NE(body.find("Eva Mulder"), std::string::npos) << name;
      EXPECT_NE(body.find("/bewerken\""), std::string::npos) << name;
      EXPECT_NE(body.find("name=\"csrf\" value=\"" + c.csrf() + "\""), std::string::npos);
    }
  }
}

// Who signed up: the event page shows the first ones, the attendee page everyone, a page at a
// time; only for the organiser and buurtverbinders.
TEST_F(EventsTest, TheAttendeePageListsEveryoneAPageAtATime) {
  const std::string path = AddEvent(anna_, "Grote buurtmaaltijd", "&signup=1");
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string occurrence = Occurrence(anna.Get(path).body);
  ASSERT_FALSE(occurrence.empty());
  auto& store = server_.runtime().store();
  for (int i = 0; i < 60; ++i) {
    char name[40];
    std::snprintf(name, sizeof name, "Gast %02d", i);
    const UserId u = Resident("gast" + std::to_string(i) + "@example.nl", name, oost_);
    ASSERT_TRUE(store.events().SignUp(oost_, IdOf(path), std::stoll(occurrence), u, Now()).ok());
  }
  const std::string list = path + "/aanmeldingen?datum=" + occurrence;
  auto event_page = anna.Get(path);
  EXPECT_NE(event_page.body.find("Gast 19"), std::string::npos);
  EXPECT_EQ(event_page.body.find("Gast 20"), std::string::npos);
  EXPECT_NE(event_page.body.find("Bekijk iedereen die zich heeft aangemeld"), std::string::npos);
  EXPECT_NE(event_page.body.find(list), std::string::npos);

  auto first = anna.Get(list);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("Grote buurtmaaltijd"), std::string::npos);
  EXPECT_NE(first.body.find("Gast 49"), std::string::npos);
  EXPECT_EQ(first.body.find("Gast 50"), std::string::npos);
  EXPECT_NE(first.body.find(list + "&amp;pagina=2"), std::string::npos);
  auto second = anna.Get(list + "&pagina=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("Gast 59"), std::string::npos);
  EXPECT_EQ(second.body.find("Gast 49"), std::string::npos);
  EXPECT_EQ(second.body.find("pagina=3"), std::string::npos);
  EXPECT_EQ(anna.Get(list + "&pagina=3").status, 404);
  EXPECT_EQ(anna.Get(list + "&pagina=x").status, 404);
  EXPECT_EQ(anna.Get(path + "/aanmeldingen?datum=12345").status, 404);
  EXPECT_EQ(anna.Get(path + "/aanmeldingen").status, 404);

  // A member who is not the organiser: 403; logged out: to the login; another site: 404.
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_EQ(bert.Get(list).status, 403);
  EXPECT_EQ(server_.Get(list).status, 303);
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_EQ(carla.Get("/nijmegen/zuid/agenda/" + std::to_string(IdOf(path).value) + "/aanmeldingen?datum=" + occurrence).status, 404);
}

TEST_F(EventsTest, ManyClientsAtOnceGetExactlyThePlacesThereAre) {
  constexpr int kPeople = 24;
  constexpr int kPlaces = 5;
  const std::string path = AddEvent(anna_, "Workshop", "&signup=1&capacity=" + std::to_string(kPlaces));
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string occurrence = Occurrence(anna.Get(path).body);
  std::vector<std::unique_ptr<BrowserClient>> clients;
  for (int i = 0; i < kPeople; ++i) {
    auto user = Resident("many" + std::to_string(i) + "@example.nl", "Buur " + std::to_string(i), oost_);
    clients.push_back(std::make_unique<BrowserClient>(server_));
    LogIn(*clients.back(), user);
    clients.back()->Get(path);  // the CSRF token
  }
  std::atomic<int> placed{0}, waiting{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kPeople; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      auto r = clients[i]->Post(path + "/aanmelden", "occurrence=" + occurrence);
      const std::string location = r.Header("location");
      if (location == path + "?aangemeld=ja") {
        ++placed;
      } else if (location == path + "?aangemeld=wachtlijst") {
        ++waiting;
      } else {
        ++other;
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(placed.load(), kPlaces);
  EXPECT_EQ(waiting.load(), kPeople - kPlaces);
  auto counts = server_.runtime().store().events().CountSignUps(oost_, IdOf(path), std::stoll(occurrence));
  EXPECT_EQ(counts.confirmed, kPlaces);
}

TEST_F(EventsTest, MembersOnlyEventsAndOtherSitesStayHidden) {
  const std::string open = AddEvent(anna_, "Open inloop", "&signup=1");
  const std::string closed = AddEvent(anna_, "Bewonersavond", "&visibility=members");
  ASSERT_NE(closed, "");
  EXPECT_EQ(server_.Get(closed).status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/oost/agenda/").body.find("Bewonersavond"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/agenda/").body.find("Open inloop"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/").body.find("Bewonersavond"), std::string::npos);
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_EQ(bert.Get(closed).status, 200);
  EXPECT_NE(bert.Get("/nijmegen/oost/agenda/").body.find("Bewonersavond"), std::string::npos);
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_EQ(carla.Get(closed).status, 404);

  // Another site's event through this site's address: 404, also for signing up.
  const std::string via_zuid = "/nijmegen/zuid/agenda/" + std::to_string(IdOf(open).value);
  EXPECT_EQ(server_.Get(via_zuid).status, 404);
  EXPECT_EQ(carla.Get(via_zuid).status, 404);
  const std::string occurrence = Occurrence(bert.Get(open).body);
  ASSERT_FALSE(occurrence.empty());
  carla.Get("/nijmegen/zuid/");
  EXPECT_EQ(carla.Post(via_zuid + "/aanmelden", "occurrence=" + occurrence).status, 404);
  EXPECT_EQ(carla.Post(via_zuid + "/bewerken", "title=x").status, 404);
  EXPECT_EQ(carla.Post(via_zuid + "/verwijderen", "").status, 404);
  // A member of Zuid may not sign up for Oost's event at all.
  carla.Get(open);
  EXPECT_EQ(carla.Post(open + "/aanmelden", "occurrence=" + occurrence).status, 403);
  // Nor may Bert change Anna's event.
  bert.Get(open);
  EXPECT_EQ(bert.Post(open + "/verwijderen", "").status, 403);
  EXPECT_EQ(server_.Get(open).status, 200);

  // Feeds never hold members-only events.
  EXPECT_EQ(server_.Get(closed + "/agenda.ics").status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/oost/agenda.ics").body.find("Bewonersavond"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/agenda.ics").body.find("Bewonersavond"), std::string::npos);
}

struct IcalDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

TEST_F(EventsTest, FeedsParseWithLibical) {
  const std::string weekly = AddEvent(anna_, "Koffie op dinsdag", "&repeat=weekly&interval=1&count=5");
  const std::string single = AddEvent(anna_, "Buurtborrel");
  for (const std::string feed : {"/nijmegen/oost/agenda.ics", "/nijmegen/agenda.ics"}) {
    auto r = server_.Get(feed);
    ASSERT_EQ(r.status, 200) << feed;
    EXPECT_EQ(r.Header("content-type"), "text/calendar; charset=utf-8");
    std::unique_ptr<icalcomponent, IcalDeleter> cal(icalparser_parse_string(r.body.c_str()));
    ASSERT_TRUE(cal) << feed;
    EXPECT_EQ(icalcomponent_count_errors(cal.get()), 0) << feed;
    icaltimezone* zone = icalcomponent_get_timezone(cal.get(), "Europe/Amsterdam");
    ASSERT_NE(zone, nullptr);
    int ours = 0;
    for (auto* ev = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal.get(), ICAL_VEVENT_COMPONENT)) {
      auto* url = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY);
      ASSERT_NE(url, nullptr) << "every VEVENT has the URL of its page";
      const std::string summary = icalcomponent_get_summary(ev);
      const std::string link = icalproperty_get_url(url);
      EXPECT_EQ(link.rfind("http://localhost:8080/nijmegen/", 0), 0u) << link;
      if (summary == "Koffie op dinsdag") {
        ++ours;
        EXPECT_EQ(link, "http://localhost:8080" + weekly);
        auto* rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
        ASSERT_NE(rrule, nullptr);
        const auto rec = icalproperty_get_rrule(rrule);
        EXPECT_EQ(rec.freq, ICAL_WEEKLY_RECURRENCE);
        EXPECT_EQ(rec.count, 5);
        const icaltimetype start = icalcomponent_get_dtstart(ev);
        EXPECT_EQ(start.hour, 19);
        EXPECT_EQ(start.minute, 30);
        auto event = server_.runtime().store().events().FindEvent(oost_, IdOf(weekly));
        EXPECT_EQ(static_cast<std::int64_t>(icaltime_as_timet_with_zone(start, zone)), event->start_at);
      }
      if (summary == "Buurtborrel") {
        ++ours;
        EXPECT_EQ(icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY), nullptr);
      }
    }
    EXPECT_EQ(ours, 2) << feed;
  }
  // One event's feed.
  auto one = server_.Get(single + "/agenda.ics");
  ASSERT_EQ(one.status, 200);
  std::unique_ptr<icalcomponent, IcalDeleter> cal(icalparser_parse_string(one.body.c_str()));
  ASSERT_TRUE(cal);
  EXPECT_EQ(icalcomponent_count_components(cal.get(), ICAL_VEVENT_COMPONENT), 1);
  // The agenda page offers the feed: autodiscovery and a webcal link.
  auto list = server_.Get("/nijmegen/oost/agenda/");
  EXPECT_NE(list.body.find("<link rel=\"alternate\" type=\"text/calendar\""), std::string::npos);
  EXPECT_NE(list.body.find("href=\"http://localhost:8080/nijmegen/oost/agenda.ics\">"), std::string::npos);
  EXPECT_NE(list.body.find("webcal://localhost:8080/nijmegen/oost/agenda.ics"), std::string::npos);
}

TEST_F(EventsTest, TheEmbeddableAgendaMayBeFramedAndOtherPagesNot) {
  AddEvent(anna_, "Buurtbingo");
  for (int i = 0; i < 2; ++i) {  // rendered, then from the page cache
    auto r = server_.Get("/nijmegen/oost/agenda/embed");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.Header("content-security-policy").find("frame-ancestors *"), std::string::npos);
    EXPECT_EQ(r.Header("content-security-policy").find("'none'; frame"), std::string::npos);
    EXPECT_EQ(r.Header("x-frame-options"), "");
    EXPECT_EQ(r.Header("set-cookie"), "");
    EXPECT_NE(r.body.find("Buurtbingo"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"http://localhost:8080/nijmegen/oost/agenda/"), std::string::npos);
  }
  auto page = server_.Get("/nijmegen/oost/agenda/");
  EXPECT_NE(page.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(page.Header("x-frame-options"), "DENY");
}

TEST_F(EventsTest, TheSiteHomeShowsComingEventsAndTheArchiveThePastOnes) {
  AddEvent(anna_, "Voorleesmiddag");
  auto home = server_.Get("/nijmegen/oost/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Binnenkort in de buurt"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/nijmegen/oost/agenda/\""), std::string::npos);
  // The demo's example events are there too, marked as examples.
  EXPECT_NE(server_.Get("/nijmegen/oost/agenda/").body.find("Voorbeeld: "), std::string::npos);
  // An event that is over goes to the archive.
  auto& store = server_.runtime().store();
  domain::events::EventDraft d;
  d.title = "Oud feest";
  d.place_name = "Plein";
  d.start_local = DateIn(-10) + "T10:00";
  d.end_local = DateIn(-10) + "T12:00";
  auto clean = domain::events::EventService::Clean(d);
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(store.events().CreateEvent(oost_, anna_, *clean, Now()).ok());
  server_.runtime().app().services().cache.InvalidateSite(oost_);
  EXPECT_NE(server_.Get("/nijmegen/oost/agenda/archief").body.find("Oud feest"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/agenda/").body.find("Oud feest"), std::string::npos);
}

TEST_F(EventsTest, FormErrorsAreShownWithTheirField) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/agenda/nieuw");
  auto r = anna.Post("/nijmegen/oost/agenda/nieuw",
                     "title=&place=Hier&date=" + DateIn(3) + "&start_time=19%3A30&end_time=21%3A00");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("href=\"#field-title\">Geef je activiteit een titel.</a>"), std::string::npos);
  r = anna.Post("/nijmegen/oost/agenda/nieuw",
                "title=Feest&place=Hier&date=" + DateIn(3) + "&start_time=19%3A30&end_time=21%3A00&capacity=0");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("#field-capacity"), std::string::npos);
  // Anonymous visitors are sent to log in; members of another site may not add here.
  EXPECT_EQ(server_.Get("/nijmegen/oost/agenda/nieuw").Header("location").rfind("/account/login?next=", 0), 0u);
}

}  // namespace
}  // namespace buurtplein::testing

namespace buurtplein::testing {
namespace {

TEST_F(EventsTest, TheOrganiserEditsAndDeletes) {
  const std::string path = AddEvent(anna_, "Kookcafé", "&repeat=monthly_weekday&interval=1&until=" + DateIn(120) +
                                                      "&signup=1&capacity=8&latitude=51.84&longitude=5.85");
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto form = anna.Get(path + "/bewerken");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"Kookcafé\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"monthly_weekday\" selected"), std::string::npos);
  EXPECT_NE(form.body.find("id=\"field-capacity\" name=\"capacity\" min=\"1\" max=\"10000\" value=\"8\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"19:30\""), std::string::npos);
  auto page = anna.Get(path);
  EXPECT_NE(page.body.find("Elke maand op de "), std::string::npos);
  EXPECT_NE(page.body.find("https://www.openstreetmap.org/?mlat=51.840000"), std::string::npos);

  auto saved = anna.Post(path + "/bewerken", "title=Kookcaf%C3%A9+voor+iedereen&place=Buurthuis&date=" + DateIn(5) +
                                                 "&start_time=18%3A00&end_time=20%3A00&visibility=public");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 1500);
  EXPECT_EQ(saved.Header("location"), path + "?saved=1");
  auto event = server_.runtime().store().events().FindEvent(oost_, IdOf(path));
  EXPECT_EQ(event->title, "Kookcafé voor iedereen");
  EXPECT_EQ(event->rrule, "");
  EXPECT_FALSE(event->capacity);

  anna.Get(path + "/bewerken");
  auto deleted = anna.Post(path + "/verwijderen", "");
  EXPECT_EQ(deleted.Header("location"), "/nijmegen/oost/agenda/?deleted=1");
  EXPECT_EQ(server_.Get(path).status, 404);
}

TEST_F(EventsTest, ScriptInATitleStaysText) {
  const std::string path = AddEvent(anna_, "</script><script>alert(1)</script>");
  auto page = server_.Get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
  EXPECT_NE(page.body.find("\\u003c/script>\\u003cscript>alert(1)"), std::string::npos);  // in the JSON-LD
  EXPECT_NE(page.body.find("&lt;/script&gt;&lt;script&gt;alert(1)"), std::string::npos);   // in the page
}

TEST_F(EventsTest, TheDemoEventsAreExamplesAndLoadOnce) {
  auto& rt = server_.runtime();
  EXPECT_EQ(app::LoadDemoEvents(rt.store(), *rt.sites().directory(), Now()), 0);
  auto coming = rt.store().events().ListComingSingle(oost_, Now(), true, 50, 0);
  ASSERT_FALSE(coming.empty());
  for (const auto& e : coming) {
    EXPECT_EQ(e.title.rfind("Voorbeeld: ", 0), 0u) << e.title;
    EXPECT_NE(e.description_markdown.find("voorbeeld"), std::string::npos) << e.title;
  }
  EXPECT_EQ(rt.store().events().ListComingSeries(oost_, Now(), true, 50).size(), 2u);
}

}  // namespace
}  // namespace buurtplein::testing
