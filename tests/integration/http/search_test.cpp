// Search as residents meet it: the real server (demo loaded), news posted over HTTP is found
// at once with Dutch stemming; members-only news only for members of its site; another
// site's news not in this site's search, but in the city's; kinds, pages, scheduled posts,
// edits and deletes; snippets escaped; nasty input.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>

#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;


class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& rt = server_.runtime();
    oost_ = rt.sites().directory()->FindSite("nijmegen", "oost")->id;
    zuid_ = rt.sites().directory()->FindSite("nijmegen", "zuid")->id;
    anna_ = Resident("anna-search@example.nl", "Anna de Vries", oost_);
    carla_ = Resident("carla-search@example.nl", "Carla Bakker", zuid_);
  }

  static std::int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  UserId Resident(const std::string& email, const std::string& name, SiteId site) {
    auto& store = server_.runtime().store();
    NewUser nu{email, name, "$argon2id$not-used", Now()};
    auto user = store.users().CreateUser(nu);
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    Membership m;
    m.user = user->id;
    m.role = MemberRole::kMember;
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

  // Posts news; the post's path ("/nijmegen/oost/nieuws/7").
  std::string PostNews(BrowserClient& client, const std::string& site, const std::string& title,
                       const std::string& body, const std::string& visibility = "public",
                       const std::string& publish_at = "") {
    const std::string url = "/nijmegen/" + site + "/nieuws/nieuw";
    client.Get(url);
    auto r = client.Post(url, "title=" + FormEncode(title) + "&body=" + FormEncode(body) +
                                  "&visibility=" + visibility + "&publish_at=" + FormEncode(publish_at));
    EXPECT_EQ(r.status, 303) << r.body;
    std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  TestServer server_;
  SiteId oost_, zuid_;
  UserId anna_, carla_;
};

TEST_F(SearchTest, TheSiteHomeAndCityPortalHaveASearchBox) {
  auto home = server_.Get("/nijmegen/oost/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(Has(home, "action=\"/nijmegen/oost/zoeken\""));
  EXPECT_TRUE(Has(home, "<label for=\"site-search-q\">"));
  auto portal = server_.Get("/nijmegen/");
  ASSERT_EQ(portal.status, 200);
  EXPECT_TRUE(Has(portal, "action=\"/nijmegen/zoeken\""));
  auto empty = server_.Get("/nijmegen/oost/zoeken");
  ASSERT_EQ(empty.status, 200);
  EXPECT_TRUE(Has(empty, "<label class=\"field-label\" for=\"search-q\">"));
  EXPECT_FALSE(Has(empty, "search-count")) << "nothing asked, nothing counted";
}

TEST_F(SearchTest, PostedNewsIsFoundAtOnceWithOtherWordForms) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = PostNews(anna, "oost", "Twee nieuwe speelotheken in Oost",
                                    "Vanaf maandag kun je in het **café** van het buurthuis spelletjes lenen.");
  auto r = server_.Get("/nijmegen/oost/zoeken?q=speelotheek");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r, "<a href=\"" + path + "\">Twee nieuwe speelotheken in Oost</a>")) << r.body;
  EXPECT_TRUE(Has(r, "role=\"status\" id=\"search-count\">Gevonden: 1<"));
  EXPECT_TRUE(Has(r, "<title>speelotheek – Gevonden: 1 – Buurtplein Oost</title>"));
  auto cafe = server_.Get("/nijmegen/oost/zoeken?q=cafe");
  EXPECT_TRUE(Has(cafe, "<mark>café</mark>")) << cafe.body;
  // (the demo's agenda is in the index too: its repair cafés have games as well)
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=SPELLETJES&soort=nieuws"), "Gevonden: 1"));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=welke+speelotheken+zijn+er+in+de+buurt"), "Niets gevonden."))
      << "every word that is not a stop word must match";
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=zijn+er+speelotheken+in+Oost"), "Gevonden: 1"));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=fietsenmaker"), "Niets gevonden."));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=speelotheek&lang=en"), "Results found: 1"));
}

TEST_F(SearchTest, MembersOnlyNewsOnlyForMembersOfItsSite) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  PostNews(anna, "oost", "Sleutel van het buurthuis", "Alleen voor buren.", "members");
  EXPECT_TRUE(Has(anna.Get("/nijmegen/oost/zoeken?q=sleutel"), "Sleutel van het buurthuis"));
  EXPECT_TRUE(Has(anna.Get("/nijmegen/zoeken?q=sleutel"), "Sleutel van het buurthuis")) << "city: member of Oost";
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=sleutel"), "Niets gevonden."));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/zoeken?q=sleutel"), "Niets gevonden."));
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_TRUE(Has(carla.Get("/nijmegen/oost/zoeken?q=sleutel"), "Niets gevonden.")) << "a member of Zuid";
  EXPECT_TRUE(Has(carla.Get("/nijmegen/zoeken?q=sleutel"), "Niets gevonden."));
}

TEST_F(SearchTest, ASitesSearchHasNothingOfAnotherSiteTheCitySearchHasAll) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  PostNews(anna, "oost", "Rommelmarkt in Oost", "Zaterdag op het plein.");
  PostNews(carla, "zuid", "Rommelmarkt in Zuid", "Zondag in het park.");
  auto oost = server_.Get("/nijmegen/oost/zoeken?q=rommelmarkt");
  EXPECT_TRUE(Has(oost, "Rommelmarkt in Oost"));
  EXPECT_FALSE(Has(oost, "Rommelmarkt in Zuid"));
  auto zuid = server_.Get("/nijmegen/zuid/zoeken?q=rommelmarkt");
  EXPECT_FALSE(Has(zuid, "Rommelmarkt in Oost"));
  auto city = server_.Get("/nijmegen/zoeken?q=rommelmarkt");
  EXPECT_TRUE(Has(city, "Rommelmarkt in Oost"));
  EXPECT_TRUE(Has(city, "Rommelmarkt in Zuid"));
  EXPECT_TRUE(Has(city, "Gevonden: 2"));
  // Another city has none of it.
  auto arnhem = server_.Get("/arnhem/zoeken?q=rommelmarkt");
  ASSERT_EQ(arnhem.status, 200);
  EXPECT_TRUE(Has(arnhem, "Niets gevonden."));
}

TEST_F(SearchTest, KindsFilterAndBadParametersAre404) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  PostNews(anna, "oost", "Knikkertoernooi", "Iedere dinsdag.");
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=knikkertoernooi&soort=nieuws"), "Gevonden: 1"));
  auto events = server_.Get("/nijmegen/oost/zoeken?q=knikkertoernooi&soort=agenda");
  EXPECT_TRUE(Has(events, "Niets gevonden."));
  EXPECT_TRUE(Has(events, "<option value=\"agenda\" selected>"));
  EXPECT_EQ(server_.Get("/nijmegen/oost/zoeken?q=koffie&soort=onzin").status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/oost/zoeken?q=koffie&pagina=0").status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/oost/zoeken?q=koffie&pagina=x").status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/oost/zoeken?q=knikkertoernooi&pagina=2").status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/oost/zoeken?q=koffie&pagina=999").status, 404);
}

TEST_F(SearchTest, ResultsComeInPages) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  for (int i = 1; i <= 12; ++i) PostNews(anna, "oost", "Knikkers rollen " + std::to_string(i), "Doe mee.");
  auto first = server_.Get("/nijmegen/oost/zoeken?q=knikkers");
  EXPECT_TRUE(Has(first, "Gevonden: 12"));
  EXPECT_TRUE(Has(first, "href=\"/nijmegen/oost/zoeken?q=knikkers&amp;pagina=2\" rel=\"next\""));
  auto second = server_.Get("/nijmegen/oost/zoeken?q=knikkers&pagina=2");
  ASSERT_EQ(second.status, 200);
  EXPECT_TRUE(Has(second, "rel=\"prev\""));
  EXPECT_FALSE(Has(second, "rel=\"next\""));
}

TEST_F(SearchTest, ScheduledEditedAndDeletedNews) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  PostNews(anna, "oost", "Nieuwjaarsborrel", "Proost!", "public", "2099-01-01T09:00");
  EXPECT_TRUE(Has(anna.Get("/nijmegen/oost/zoeken?q=nieuwjaarsborrel"), "Niets gevonden.")) << "scheduled";
  const std::string path = PostNews(anna, "oost", "Zeppelin eerste versie", "Tekst.");
  anna.Get(path + "/bewerken");
  auto edited = anna.Post(path + "/bewerken", "title=Luchtballon+tweede+versie&body=Nieuwe+tekst.&visibility=public");
  ASSERT_EQ(edited.status, 303);
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=zeppelin"), "Niets gevonden."));
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=luchtballon"), "Luchtballon tweede versie"));
  anna.Get(path);
  auto deleted = anna.Post(path + "/verwijderen", "");
  ASSERT_EQ(deleted.status, 303) << deleted.body;
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=luchtballon"), "Niets gevonden."));
}

TEST_F(SearchTest, WhatWasTypedIsEscapedAndNeverBreaksTheSearch) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  PostNews(anna, "oost", "Let op <b>vet</b>", "Tekst met <script>alert(1)</script> erin.");
  auto r = server_.Get("/nijmegen/oost/zoeken?q=script");
  ASSERT_EQ(r.status, 200);
  EXPECT_FALSE(Has(r, "<script>alert")) << r.body;
  EXPECT_FALSE(Has(r, "<b>vet</b>"));
  for (const char* q : {"%22", "%22%3E%3Cscript%3E", "NOT", "a%20OR%20b", "*", "%28%28", "%27", "title%3Aop",
                        "%FF%FE", "%E2%80%A6"}) {
    SCOPED_TRACE(q);
    auto page = server_.Get(std::string("/nijmegen/oost/zoeken?q=") + q);
    EXPECT_EQ(page.status, 200);
    EXPECT_FALSE(Has(page, "\"><script>"));
  }
}

TEST_F(SearchTest, ARebuildFindsNewsWrittenPastTheIndex) {
  // A post written straight into the store (as by a feature without an indexer, or before
  // search existed) is not found…
  domain::news::PostDraft d;
  d.title = "Buurtbibliotheek in de oude school";
  d.body_markdown = "Ruilen en lenen.";
  d.published_at = Now() - 60;
  ASSERT_TRUE(server_.runtime().store().news().CreatePost(oost_, anna_, d, Now() - 60).ok());
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=buurtbibliotheek"), "Niets gevonden."));
  // …until the index is rebuilt (`buurtplein reindex`).
  EXPECT_GE(server_.runtime().RebuildSearchIndex(), 1);
  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=buurtbibliotheek"), "Gevonden: 1"));
}

// The demo writes its groups, questions and listings straight into the store; the rebuild that
// follows it (here: the one at start, the index being empty) finds every kind, and each result
// links to the item's own page, on the site's search and on the city's.
TEST_F(SearchTest, TheDemosGroupsQuestionsAndListingsAreFoundAndLinkToTheirPages) {
  auto& store = server_.runtime().store();
  const auto groups = store.groups().ListGroups(oost_, false, 1, 0);
  ASSERT_EQ(groups.size(), 1u) << "the demo has groups in Oost";
  const std::string group_href = "href=\"/nijmegen/oost/groepen/" + std::to_string(groups[0].id.value) + "\"";
  for (const std::string where : {"/nijmegen/oost/zoeken", "/nijmegen/zoeken"}) {
    auto r = server_.Get(where + "?soort=groepen&q=" + FormEncode(groups[0].name));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, group_href)) << where << " " << groups[0].name;
  }

  domain::market::ListQuery lq;
  lq.now = Now();
  lq.limit = 1;
  const auto listings = store.market().ListListings(oost_, lq);
  ASSERT_EQ(listings.size(), 1u) << "the demo has open listings in Oost";
  const std::string listing_href =
      "href=\"/nijmegen/oost/vraag-aanbod/" + std::to_string(listings[0].id.value) + "\"";
  for (const std::string where : {"/nijmegen/oost/zoeken", "/nijmegen/zoeken"}) {
    auto r = server_.Get(where + "?soort=vraag-aanbod&q=" + FormEncode(listings[0].title));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, listing_href)) << where << " " << listings[0].title;
  }

  // A question is found by a word of one of its answers.
  domain::questions::ListQuery qq;
  qq.answered = true;
  qq.limit = 1;
  const auto questions = store.questions().ListQuestions(oost_, qq);
  ASSERT_EQ(questions.size(), 1u) << "the demo has answered questions in Oost";
  const auto answers = store.questions().ListAnswers(oost_, questions[0].id, 1, 0);
  ASSERT_EQ(answers.size(), 1u);
  const std::string answer = answers[0].body_markdown;
  const std::string answer_words = answer.substr(0, answer.find_first_of(".:!?(\n"));
  const std::string question_href = "href=\"/nijmegen/oost/vragen/" + std::to_string(questions[0].id.value) + "\"";
  for (const std::string where : {"/nijmegen/oost/zoeken", "/nijmegen/zoeken"}) {
    auto r = server_.Get(where + "?soort=buurtvragen&q=" + FormEncode(answer_words));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, question_href)) << where << " " << answer_words;
  }

  // Each link leads to the item's page.
  for (const auto& href : {group_href, listing_href, question_href}) {
    const std::string path = href.substr(6, href.size() - 7);
    EXPECT_EQ(server_.Get(path).status, 200) << path;
  }
}

TEST_F(SearchTest, ARebuildPutsOnlyOpenListingsAndKeepsMembersOnlyItemsForMembers) {
  auto& store = server_.runtime().store();
  // Written straight into the store: one open members-only listing, one closed listing.
  domain::market::ListingDraft d;
  d.title = "Zeefdrukraam te leen";
  d.body_markdown = "Voor een middagje drukken.";
  d.visibility = domain::market::Visibility::kMembers;
  auto open = store.market().CreateListing(oost_, anna_, d, Now() - 60, Now() + 86400);
  d.title = "Zeefdrukraam gezocht";
  d.visibility = domain::market::Visibility::kPublic;
  auto closed = store.market().CreateListing(oost_, anna_, d, Now() - 60, Now() + 86400);
  ASSERT_TRUE(open.ok() && closed.ok());
  ASSERT_TRUE(store.market().CloseListing(oost_, closed->id, Now()).ok());
  EXPECT_GE(server_.runtime().RebuildSearchIndex(), 2);

  EXPECT_TRUE(Has(server_.Get("/nijmegen/oost/zoeken?q=zeefdrukraam"), "Niets gevonden."))
      << "members-only for members; a closed listing for nobody";
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto r = anna.Get("/nijmegen/oost/zoeken?q=zeefdrukraam");
  EXPECT_TRUE(Has(r, "Gevonden: 1")) << r.body;
  EXPECT_TRUE(Has(r, "/nijmegen/oost/vraag-aanbod/" + std::to_string(open->id.value)));
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_TRUE(Has(carla.Get("/nijmegen/zoeken?q=zeefdrukraam"), "Niets gevonden.")) << "not a member of Oost";
}

TEST(SearchCli, ReindexRebuildsTheIndex) {
  TempDir dir;
  const std::string cmd = "cd " + SourceDir() + " && BUURTPLEIN_DATA_DIR=" + dir.path() + " " + BUURTPLEIN_BINARY +
                          " --database sqlite://" + dir.path() + "/x.db reindex 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = pclose(p);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  EXPECT_NE(out.find("Search index rebuilt: 0 documents."), std::string::npos) << out;
}

}  // namespace
}  // namespace buurtplein::testing
