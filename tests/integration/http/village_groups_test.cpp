// A group organises events and news (issue 4 §5): its admin names the group on the event and
// news forms (no one else may), the group's page lists its coming events and news a page at a
// time with a webcal link, the site's pages say "door groep X", the group's iCal feed parses
// with libical and carries public events only, nothing crosses to another site. And the unread
// messages badge in the header for logged-in members (never on a cached anonymous page).
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>

#include "domain/events/local_time.hpp"
#include "feeds_fixture.hpp"

namespace buurtplein::testing {
namespace {

struct IcalDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

class VillageGroupsTest : public FeedsFixture {
 protected:
  void SetUp() override {
    FeedsFixture::SetUp();
    bert_ = Resident("bert-village@example.nl", "Bert Jansen", oost_);
    domain::groups::GroupDraft g;
    g.name = "Moestuin De Klokkenberg";
    g.description_markdown = "Samen tuinieren.";
    auto garden = server_.runtime().store().groups().CreateGroup(oost_, anna_, g, Now());
    ASSERT_TRUE(garden.ok());
    garden_ = garden->id.value;
    group_path_ = "/nijmegen/oost/groepen/" + std::to_string(garden_);
  }

  WireResponse AddEvent(BrowserClient& client, const std::string& title, const std::string& extra) {
    client.Get("/nijmegen/oost/agenda/nieuw");
    return client.Post("/nijmegen/oost/agenda/nieuw",
                       "title=" + FormEncode(title) + "&place=" + FormEncode("De moestuin") + "&date=" + DateIn(3) +
                           "&start_time=10%3A00&end_time=12%3A00" + extra);
  }

  WireResponse AddNews(BrowserClient& client, const std::string& title, const std::string& extra) {
    client.Get("/nijmegen/oost/nieuws/nieuw");
    return client.Post("/nijmegen/oost/nieuws/nieuw",
                       "title=" + FormEncode(title) + "&body=" + FormEncode("De tomaten zijn rijp.") +
                           "&visibility=public&publish_at=" + extra);
  }

  static std::string PathOf(const WireResponse& r) {
    const std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  domain::UserId bert_;
  std::int64_t garden_ = 0;
  std::string group_path_;
};

TEST_F(VillageGroupsTest, AGroupAdminNamesTheGroupAndItsPageShowsEventsAndNews) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string group = "&group=" + std::to_string(garden_);
  auto form = anna.Get("/nijmegen/oost/agenda/nieuw");
  EXPECT_TRUE(Has(form, "<option value=\"" + std::to_string(garden_) + "\">Moestuin De Klokkenberg</option>"))
      << "the admin is offered their group";
  auto created = AddEvent(anna, "Oogstfeest in de moestuin", group);
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  const std::string event_path = PathOf(created);
  auto members_only = AddEvent(anna, "Tuinoverleg", group + "&visibility=members");
  ASSERT_EQ(members_only.status, 303);
  auto posted = AddNews(anna, "Tomaten te oogsten", group);
  ASSERT_EQ(posted.status, 303) << posted.body.substr(0, 2000);
  const std::string post_path = PathOf(posted);

  // A member who is not an admin of the group may not name it; without a group they post fine.
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_FALSE(Has(bert.Get("/nijmegen/oost/agenda/nieuw"), "name=\"group\"")) << "no groups to offer";
  EXPECT_EQ(AddEvent(bert, "Niet van Bert", group).status, 403);
  EXPECT_EQ(AddNews(bert, "Ook niet van Bert", group).status, 403);
  EXPECT_EQ(AddEvent(bert, "Van Bert zelf", "").status, 303);

  // The group's page, as anyone sees it: the public event and the news, the webcal link.
  auto page = server_.Get(group_path_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "href=\"" + event_path + "\">Oogstfeest in de moestuin</a>"));
  EXPECT_TRUE(Has(page, "href=\"" + post_path + "\">Tomaten te oogsten</a>"));
  EXPECT_FALSE(Has(page, "Tuinoverleg")) << "members-only events for members only";
  EXPECT_TRUE(Has(page, "webcal://localhost:8080" + group_path_ + "/agenda.ics"));
  EXPECT_TRUE(Has(page, "<link rel=\"alternate\" type=\"text/calendar\""));
  EXPECT_TRUE(Has(anna.Get(group_path_), "Tuinoverleg"));

  // The site's own pages say who organises it.
  const std::string by = "door groep <a href=\"" + group_path_ + "\">Moestuin De Klokkenberg</a>";
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/agenda/"), by));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/nieuws/"), by));
  EXPECT_TRUE(Has(server_.Get(post_path), by));
  EXPECT_TRUE(Has(server_.Get(event_path), "<a href=\"" + group_path_ + "\">Moestuin De Klokkenberg</a>"));

  // Editing keeps the group unless the admin changes it.
  auto edit_form = anna.Get(event_path + "/bewerken");
  EXPECT_TRUE(Has(edit_form, "<option value=\"" + std::to_string(garden_) + "\" selected>"));
  auto edited = anna.Post(event_path + "/bewerken", "title=" + FormEncode("Oogstfeest!") + "&place=Tuin&date=" +
                                                        DateIn(3) + "&start_time=10%3A00&end_time=12%3A00" + group);
  ASSERT_EQ(edited.status, 303) << edited.body.substr(0, 2000);
  EXPECT_TRUE(Has(server_.Get(group_path_), "Oogstfeest!"));
  // Not through another site.
  EXPECT_EQ(server_.Get("/nijmegen/zuid/groepen/" + std::to_string(garden_)).status, 404);
}

TEST_F(VillageGroupsTest, TheGroupFeedParsesWithLibicalAndHasPublicEventsOnly) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string group = "&group=" + std::to_string(garden_);
  ASSERT_EQ(AddEvent(anna, "Zaaidag", group).status, 303);
  ASSERT_EQ(AddEvent(anna, "Tuinoverleg", group + "&visibility=members").status, 303);
  ASSERT_EQ(AddEvent(anna, "Los van de tuin", "").status, 303);

  auto r = server_.Get(group_path_ + "/agenda.ics");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "text/calendar; charset=utf-8");
  std::unique_ptr<icalcomponent, IcalDeleter> cal(icalparser_parse_string(r.body.c_str()));
  ASSERT_TRUE(cal);
  EXPECT_EQ(icalcomponent_count_errors(cal.get()), 0);
  ASSERT_EQ(icalcomponent_count_components(cal.get(), ICAL_VEVENT_COMPONENT), 1);
  auto* ev = icalcomponent_get_first_component(cal.get(), ICAL_VEVENT_COMPONENT);
  EXPECT_STREQ(icalcomponent_get_summary(ev), "Zaaidag");
  auto* url = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY);
  ASSERT_NE(url, nullptr);
  EXPECT_EQ(std::string(icalproperty_get_url(url)).rfind("http://localhost:8080/nijmegen/oost/agenda/", 0), 0u);

  // Another site's address, an unknown group, a members-only group: no feed.
  EXPECT_EQ(server_.Get("/nijmegen/zuid/groepen/" + std::to_string(garden_) + "/agenda.ics").status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/oost/groepen/999999/agenda.ics").status, 404);
  domain::groups::GroupDraft g;
  g.name = "Besloten kring";
  g.visibility = domain::groups::Visibility::kMembers;
  auto secret = server_.runtime().store().groups().CreateGroup(oost_, anna_, g, Now());
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(server_.Get("/nijmegen/oost/groepen/" + std::to_string(secret->id.value) + "/agenda.ics").status, 404);
}

TEST_F(VillageGroupsTest, GroupItemsComeInPages) {
  for (int i = 0; i < 7; ++i) {
    domain::news::PostDraft d;
    d.title = "Tuinnieuws " + std::to_string(i);
    d.body_markdown = "Tekst.";
    auto p = server_.runtime().store().news().CreatePost(oost_, anna_, d, Now() - 100 + i);
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(server_.runtime().store().news().SetGroup(oost_, p->id, garden_).ok());
  }
  auto first = server_.Get(group_path_);
  EXPECT_TRUE(Has(first, "Tuinnieuws 6"));
  EXPECT_FALSE(Has(first, "Tuinnieuws 1<"));
  EXPECT_TRUE(Has(first, "href=\"" + group_path_ + "?nieuws=2\" rel=\"next\""));
  auto second = server_.Get(group_path_ + "?nieuws=2");
  EXPECT_TRUE(Has(second, "Tuinnieuws 1<"));
  EXPECT_FALSE(Has(second, "Tuinnieuws 6"));
  EXPECT_EQ(server_.Get(group_path_ + "?nieuws=abc").status, 404);
}

TEST_F(VillageGroupsTest, UnreadMessagesShowInTheHeaderForMembersOnly) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto home = anna.Get("/nijmegen/oost/");
  EXPECT_TRUE(Has(home, "<a class=\"messages-link\" href=\"/nijmegen/oost/berichten/\">Berichten</a>"))
      << "no count without unread messages";

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  bert.Get("/nijmegen/oost/berichten/nieuw?aan=" + std::to_string(anna_.value));
  auto started = bert.Post("/nijmegen/oost/berichten/nieuw", "aan=" + std::to_string(anna_.value) + "&body=Hallo+buur");
  ASSERT_EQ(started.status, 303) << started.body.substr(0, 2000);
  const std::string conversation = PathOf(started);
  bert.Get(conversation);
  ASSERT_EQ(bert.Post(conversation, "body=Nog+een+vraag").status, 303);

  for (const std::string where : {"/nijmegen/oost/", "/nijmegen/oost/agenda/", "/nijmegen/oost/groepen/"}) {
    auto r = anna.Get(where);
    EXPECT_TRUE(Has(r, "Berichten <span class=\"unread-count\" aria-hidden=\"true\">(2)</span>"
                       "<span class=\"visually-hidden\"> (2 ongelezen)</span>"))
        << where;
  }
  EXPECT_FALSE(Has(bert.Get("/nijmegen/oost/"), "unread-count")) << "your own messages are not unread";
  // Reading the conversation clears the count.
  anna.Get(conversation);
  EXPECT_FALSE(Has(anna.Get("/nijmegen/oost/"), "unread-count"));
  // Anonymous pages never carry it (they are cached); nor do pages of a site you are not in.
  EXPECT_FALSE(Has(server_.Get("/nijmegen/oost/"), "messages-link"));
  EXPECT_FALSE(Has(anna.Get("/nijmegen/zuid/"), "messages-link"));
}

}  // namespace
}  // namespace buurtplein::testing
