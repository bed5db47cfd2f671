// Ask & offer and messages as residents meet them: the real server (demo loaded), members of Oost
// and one of Zuid. An ask, a response that opens a conversation, a reply, the match and the
// match count rising on the (cached) site home and city portal; site isolation; conversation
// privacy; the daily limit for new members (429); reports; expiry reminders.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <regex>

#include "domain/market/market_service.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/tokens.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"

namespace buurtplein::testing {
namespace {

using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

constexpr std::int64_t kDay = 24 * 3600;

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class MarketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& rt = server_.runtime();
    oost_ = rt.sites().directory()->FindSite("nijmegen", "oost")->id;
    zuid_ = rt.sites().directory()->FindSite("nijmegen", "zuid")->id;
    anna_ = Resident("anna-market@example.nl", "Anna de Vries", oost_);
    bert_ = Resident("bert-market@example.nl", "Bert Jansen", oost_);
    dirk_ = Resident("dirk-market@example.nl", "Dirk Smit", oost_);
    carla_ = Resident("carla-market@example.nl", "Carla Bakker", zuid_);
  }

  // A verified resident of `site`, verified `days_ago` days ago.
  UserId Resident(const std::string& email, const std::string& name, SiteId site, int days_ago = 0) {
    auto& store = server_.runtime().store();
    NewUser nu{email, name, "$argon2id$not-used", Now()};
    auto user = store.users().CreateUser(nu);
    EXPECT_TRUE(user.ok());
    store.users().SetEmailVerified(user->id, Now());
    Membership m;
    m.user = user->id;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = Now() - days_ago * kDay;
    m.verified_at = Now() - days_ago * kDay;
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

  // Posts an ask on Oost as `client`; the listing's path.
  std::string PostAsk(BrowserClient& client, const std::string& title, const std::string& visibility = "public") {
    client.Get("/nijmegen/oost/vraag-aanbod/nieuw");
    auto r = client.Post("/nijmegen/oost/vraag-aanbod/nieuw",
                         "kind=ask&category=klusjes&title=" + FormEncode(title) +
                             "&body=" + FormEncode("Wie helpt me met **" + title + "**?") + "&visibility=" + visibility);
    EXPECT_EQ(r.status, 303) << r.body;
    const std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  // Responds to a listing as `client`; the conversation's path.
  std::string Respond(BrowserClient& client, const std::string& listing, const std::string& text) {
    client.Get(listing);
    auto r = client.Post(listing + "/reageren", "body=" + FormEncode(text));
    EXPECT_EQ(r.status, 303) << r.body;
    return r.Header("location");
  }

  static std::string MatchCount(const std::string& body) {
    std::smatch m;
    static const std::regex re("data-match-count>([0-9]+)<");
    return std::regex_search(body, m, re) ? m[1].str() : "";
  }

  TestServer server_;
  SiteId oost_, zuid_;
  UserId anna_, bert_, dirk_, carla_;
};

TEST_F(MarketTest, AskRespondMessageMatchAndTheCountRises) {
  const std::string home_before = MatchCount(server_.Get("/nijmegen/oost/").body);
  const std::string city_before = MatchCount(server_.Get("/nijmegen/").body);
  ASSERT_FALSE(home_before.empty());
  ASSERT_FALSE(city_before.empty());
  EXPECT_EQ(server_.Get("/nijmegen/oost/").Header("etag"), server_.Get("/nijmegen/oost/").Header("etag"));

  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string listing = PostAsk(anna, "Kast ophangen");
  ASSERT_EQ(listing.rfind("/nijmegen/oost/vraag-aanbod/", 0), 0u);
  // On the anonymous board and site home at once (the write emptied the cached pages).
  EXPECT_NE(server_.Get("/nijmegen/oost/").body.find("Kast ophangen"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/vraag-aanbod/").body.find("Kast ophangen"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/vraag-aanbod/?kind=ask&category=klusjes").body.find("Kast ophangen"),
            std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/vraag-aanbod/?kind=offer").body.find("Kast ophangen"), std::string::npos);
  auto page = server_.Get(listing);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<strong>Kast ophangen</strong>"), std::string::npos);
  EXPECT_EQ(page.body.find("anna-market@example.nl"), std::string::npos) << "never an e-mail address";

  // Bert responds: a private conversation opens.
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  const std::string conversation = Respond(bert, listing, "Ik heb een boormachine, zaterdag?");
  ASSERT_EQ(conversation.rfind("/nijmegen/oost/berichten/", 0), 0u);
  auto bert_sees = bert.Get(conversation);
  ASSERT_EQ(bert_sees.status, 200);
  EXPECT_NE(bert_sees.body.find("Ik heb een boormachine, zaterdag?"), std::string::npos);
  EXPECT_NE(bert_sees.body.find("Kast ophangen"), std::string::npos);

  // Anna sees one unread message, reads it and replies.
  auto inbox = anna.Get("/nijmegen/oost/berichten/");
  ASSERT_EQ(inbox.status, 200);
  EXPECT_NE(inbox.body.find("data-unread>1<"), std::string::npos) << inbox.body;
  EXPECT_NE(inbox.body.find("Bert Jansen"), std::string::npos);
  ASSERT_EQ(anna.Get(conversation).status, 200);
  EXPECT_NE(anna.Get("/nijmegen/oost/berichten/").body.find("data-unread>0<"), std::string::npos);
  auto reply = anna.Post(conversation, "body=" + FormEncode("Graag! Tot zaterdag."));
  ASSERT_EQ(reply.status, 303) << reply.body;
  EXPECT_NE(bert.Get(conversation).body.find("Graag! Tot zaterdag."), std::string::npos);
  EXPECT_EQ(bert.Get(conversation).body.find("anna-market@example.nl"), std::string::npos);

  // Anna marks the ask as matched with Bert.
  auto own = anna.Get(listing);
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("value=\"" + std::to_string(bert_.value) + "\""), std::string::npos);
  auto matched = anna.Post(listing + "/match", "helper=" + std::to_string(bert_.value));
  ASSERT_EQ(matched.status, 303) << matched.body;
  EXPECT_EQ(matched.Header("location"), listing + "?done=matched");

  EXPECT_EQ(MatchCount(server_.Get("/nijmegen/oost/").body), std::to_string(std::stoi(home_before) + 1));
  EXPECT_EQ(MatchCount(server_.Get("/nijmegen/").body), std::to_string(std::stoi(city_before) + 1));
  EXPECT_EQ(MatchCount(server_.Get("/nijmegen/zuid/").body), home_before) << "only Oost's count rose";
  // The listing left the board for the archive.
  EXPECT_EQ(server_.Get("/nijmegen/oost/vraag-aanbod/").body.find("Kast ophangen"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/vraag-aanbod/archief").body.find("Kast ophangen"), std::string::npos);
  // A second match is refused.
  EXPECT_EQ(anna.Post(listing + "/match", "helper=" + std::to_string(bert_.value)).status, 409);
}

TEST_F(MarketTest, OnlyTheHelperWhoRespondedCanBeChosenAndOnlyByThePoster) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string listing = PostAsk(anna, "Boodschappen");
  auto refused = anna.Post(listing + "/match", "helper=" + std::to_string(dirk_.value));
  EXPECT_EQ(refused.status, 422);
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  Respond(bert, listing, "Ik kan wel");
  bert.Get(listing);
  EXPECT_EQ(bert.Post(listing + "/match", "helper=" + std::to_string(bert_.value)).status, 403);
  // Responding to your own ask is refused with a message.
  EXPECT_EQ(anna.Post(listing + "/reageren", "body=Hallo").status, 422);
}

TEST_F(MarketTest, AnotherSitesMemberCannotSeeRespondOrReadAcrossSites) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string listing = PostAsk(anna, "Alleen voor Oost", "members");
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  const std::string conversation = Respond(bert, listing, "Hoi");
  const std::string id = listing.substr(listing.rfind('/') + 1);
  const std::string conversation_id = conversation.substr(conversation.rfind('/') + 1);

  EXPECT_EQ(server_.Get(listing).status, 404) << "members-only: not for visitors";
  EXPECT_EQ(server_.Get("/nijmegen/oost/vraag-aanbod/").body.find("Alleen voor Oost"), std::string::npos);

  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_EQ(carla.Get(listing).status, 404);
  EXPECT_EQ(carla.Get("/nijmegen/zuid/vraag-aanbod/" + id).status, 404);
  EXPECT_EQ(carla.Get(conversation).status, 403) << "not a member of Oost";
  EXPECT_EQ(carla.Get("/nijmegen/zuid/berichten/" + conversation_id).status, 404);
  carla.Get("/nijmegen/zuid/berichten/");
  EXPECT_EQ(carla.Post(listing + "/reageren", "body=Hallo").status, 403);
  EXPECT_EQ(carla.Post("/nijmegen/zuid/berichten/" + conversation_id, "body=Hallo").status, 404);
  EXPECT_EQ(carla.Post("/nijmegen/zuid/vraag-aanbod/" + id + "/reageren", "body=Hallo").status, 404);
  EXPECT_EQ(carla.Post("/nijmegen/zuid/vraag-aanbod/" + id + "/sluiten", "").status, 404);
}

TEST_F(MarketTest, AThirdMemberCannotReadOrWriteSomeoneElsesConversation) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/berichten/nieuw?aan=" + std::to_string(bert_.value));
  auto started = anna.Post("/nijmegen/oost/berichten/nieuw",
                           "aan=" + std::to_string(bert_.value) + "&body=" + FormEncode("Geheim bericht"));
  ASSERT_EQ(started.status, 303) << started.body;
  const std::string conversation = started.Header("location");

  BrowserClient dirk(server_);
  LogIn(dirk, dirk_);
  auto peek = dirk.Get(conversation);
  EXPECT_EQ(peek.status, 404);
  EXPECT_EQ(peek.body.find("Geheim bericht"), std::string::npos);
  dirk.Get("/nijmegen/oost/berichten/");
  EXPECT_EQ(dirk.Post(conversation, "body=Ik+lees+mee").status, 404);
  EXPECT_EQ(dirk.Get("/nijmegen/oost/berichten/").body.find("Anna de Vries"), std::string::npos);
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_NE(bert.Get(conversation).body.find("Geheim bericht"), std::string::npos);
  EXPECT_EQ(bert.Get(conversation).body.find("Ik lees mee"), std::string::npos);
  // Not logged in: to the login page.
  EXPECT_EQ(server_.Get(conversation).Header("location").rfind("/account/login?next=", 0), 0u);
}

TEST_F(MarketTest, ANewMemberStartsAtMostThreeConversationsADay) {
  const UserId eva = Resident("eva-market@example.nl", "Eva Mulder", oost_);
  const UserId old_hand = Resident("oud-market@example.nl", "Oud Lid", oost_, 30);
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto start = [&](BrowserClient& c, UserId to) {
    c.Get("/nijmegen/oost/berichten/nieuw?aan=" + std::to_string(to.value));
    return c.Post("/nijmegen/oost/berichten/nieuw", "aan=" + std::to_string(to.value) + "&body=Hallo+buur");
  };
  EXPECT_EQ(start(anna, bert_).status, 303);
  EXPECT_EQ(start(anna, dirk_).status, 303);
  EXPECT_EQ(start(anna, eva).status, 303);
  // Writing again in an existing conversation does not count.
  EXPECT_EQ(start(anna, bert_).status, 303);
  auto fourth = start(anna, old_hand);
  EXPECT_EQ(fourth.status, 429);
  EXPECT_FALSE(fourth.Header("retry-after").empty());
  EXPECT_NE(fourth.body.find("Je bent vandaag al genoeg nieuwe gesprekken begonnen."), std::string::npos);
  // Responding to an ask starts a conversation too.
  BrowserClient old_client(server_);
  LogIn(old_client, old_hand);
  const std::string listing = PostAsk(old_client, "Hulp gezocht");
  anna.Get(listing);
  EXPECT_EQ(anna.Post(listing + "/reageren", "body=Ik+help").status, 429);
  // A member verified longer than a week ago has no such limit.
  for (UserId to : {anna_, bert_, dirk_, eva}) EXPECT_EQ(start(old_client, to).status, 303);
}

TEST_F(MarketTest, AReportedMessageIsStoredAndStays) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/berichten/nieuw?aan=" + std::to_string(bert_.value));
  auto started = anna.Post("/nijmegen/oost/berichten/nieuw",
                           "aan=" + std::to_string(bert_.value) + "&body=" + FormEncode("Koop mijn spullen!"));
  ASSERT_EQ(started.status, 303);
  const std::string conversation = started.Header("location");
  auto& messages = server_.runtime().store().messages();
  const auto message = messages.ListMessages(oost_, domain::messages::ConversationId{std::stoll(
                                                        conversation.substr(conversation.rfind('/') + 1))},
                                             1, 0)
                           .at(0);
  const std::string report = conversation + "/melden/" + std::to_string(message.id.value);

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  ASSERT_NE(bert.Get(conversation).body.find(report), std::string::npos) << "a report link per message";
  ASSERT_EQ(bert.Get(report).status, 200);
  EXPECT_EQ(bert.Post(report, "reason=").status, 422);
  auto reported = bert.Post(report, "reason=" + FormEncode("Reclame"));
  ASSERT_EQ(reported.status, 303) << reported.body;
  EXPECT_EQ(reported.Header("location"), conversation + "?reported=1");
  auto stored = messages.ListReports(oost_, 10, 0);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].message, message.id);
  ASSERT_TRUE(stored[0].reporter);
  EXPECT_EQ(*stored[0].reporter, bert_);
  EXPECT_EQ(stored[0].reason, "Reclame");
  EXPECT_NE(bert.Get(conversation).body.find("Koop mijn spullen!"), std::string::npos) << "the message stays";
  // Someone outside the conversation cannot report it.
  BrowserClient dirk(server_);
  LogIn(dirk, dirk_);
  dirk.Get("/nijmegen/oost/berichten/");
  EXPECT_EQ(dirk.Post(report, "reason=Test").status, 404);
  EXPECT_EQ(messages.ListReports(oost_, 10, 0).size(), 1u);
}

// Records the reminders instead of mailing them.
class RecordingMailer final : public domain::market::ListingMailer {
 public:
  void SendExpiryReminder(const domain::market::DueReminder& due, const std::string& site_name,
                          const std::string& link) override {
    sent.push_back(due.listing.title + "|" + due.email + "|" + site_name + "|" + link);
  }
  std::vector<std::string> sent;
};

TEST_F(MarketTest, TheJobRemindsOnceBeforeExpiryThenArchives) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string listing = PostAsk(anna, "Verloopt straks");
  domain::ManualClock clock(Now() + domain::market::kLifetimeSeconds - 2 * kDay);
  domain::market::MarketService service(server_.runtime().store(), clock, &server_.runtime().sites());
  RecordingMailer mailer;
  service.SetMailer(&mailer, "https://buurtplein.example/");
  std::vector<SiteId> changed;
  service.SetChangeListener([&](SiteId s) { changed.push_back(s); });
  service.RunDueWork();
  const std::string id = listing.substr(listing.rfind('/') + 1);
  const std::string expected = "Verloopt straks|anna-market@example.nl|Buurtplein Oost|"
                               "https://buurtplein.example/nijmegen/oost/vraag-aanbod/" + id;
  EXPECT_EQ(std::count(mailer.sent.begin(), mailer.sent.end(), expected), 1);
  const auto reminders = mailer.sent.size();
  service.RunDueWork();
  EXPECT_EQ(mailer.sent.size(), reminders) << "one reminder per listing";

  clock.Advance(3 * kDay);  // past the expiry
  service.RunDueWork();
  EXPECT_NE(std::find(changed.begin(), changed.end(), oost_), changed.end());
  auto archived = server_.runtime().store().market().FindListing(
      oost_, domain::market::ListingId{std::stoll(id)});
  ASSERT_TRUE(archived);
  EXPECT_EQ(archived->status, domain::market::ListingStatus::kExpired);
  // The poster renews it: on the board again.
  EXPECT_NE(anna.Get(listing).body.find("/verlengen"), std::string::npos);
  ASSERT_EQ(anna.Post(listing + "/verlengen", "").status, 303);
  EXPECT_NE(server_.Get("/nijmegen/oost/vraag-aanbod/").body.find("Verloopt straks"), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing

namespace buurtplein::testing {
namespace {

// Keeps what the market service puts in and drops from the search index.
class RecordingIndexer final : public domain::search::Indexer {
 public:
  void Put(const domain::search::Document& doc) override { puts.push_back(doc); }
  void Drop(domain::search::Kind kind, std::int64_t item_id) override {
    drops.push_back({kind, item_id});
  }
  std::vector<domain::search::Document> puts;
  std::vector<std::pair<domain::search::Kind, std::int64_t>> drops;
};

TEST_F(MarketTest, ListingsGoIntoTheSearchIndexOnCreateAndEditAndLeaveItWhenClosed) {
  domain::ManualClock clock(Now());
  domain::market::MarketService service(server_.runtime().store(), clock, &server_.runtime().sites());
  RecordingIndexer indexer;
  service.SetIndexer(&indexer);
  const auto membership = server_.runtime().store().memberships().FindMembership(oost_, anna_);
  const auto viewer = domain::market::Viewer::Of(anna_, membership);
  domain::market::ListingDraft d;
  d.kind = domain::market::Kind::kOffer;
  d.category = domain::market::Category::kComputerhulp;
  d.title = "Hulp met je laptop";
  d.body_markdown = "Ik help **graag** met [DigiD](https://www.digid.nl).";
  d.visibility = domain::market::Visibility::kMembers;
  auto listing = service.Create(oost_, viewer, d);
  ASSERT_TRUE(listing.ok());
  ASSERT_EQ(indexer.puts.size(), 1u);
  const auto& doc = indexer.puts[0];
  EXPECT_EQ(doc.kind, domain::search::Kind::kListing);
  EXPECT_EQ(doc.item_id, listing->id.value);
  ASSERT_TRUE(doc.site);
  EXPECT_EQ(*doc.site, oost_);
  // The listing names its site; the runtime's indexer places it in its city and site.
  const auto placed = server_.runtime().search_indexer().Prepare(doc);
  ASSERT_TRUE(placed);
  EXPECT_EQ(placed->city, server_.runtime().sites().directory()->FindCity("nijmegen")->id);
  EXPECT_EQ(placed->url, "/nijmegen/oost/vraag-aanbod/" + std::to_string(listing->id.value));
  ASSERT_TRUE(doc.owner);
  EXPECT_EQ(*doc.owner, anna_);
  EXPECT_TRUE(doc.members_only);
  EXPECT_EQ(doc.title, "Hulp met je laptop");
  EXPECT_EQ(doc.body.find("**"), std::string::npos) << "the words, not the Markdown";

  d.title = "Hulp met je laptop of tablet";
  d.visibility = domain::market::Visibility::kPublic;
  ASSERT_TRUE(service.Edit(oost_, listing->id, viewer, d).ok());
  ASSERT_EQ(indexer.puts.size(), 2u);
  EXPECT_EQ(indexer.puts[1].title, "Hulp met je laptop of tablet");
  EXPECT_FALSE(indexer.puts[1].members_only);

  ASSERT_TRUE(service.Close(oost_, listing->id, viewer).ok());
  ASSERT_EQ(indexer.drops.size(), 1u);
  EXPECT_EQ(indexer.drops[0].second, listing->id.value);
}

}  // namespace
}  // namespace buurtplein::testing
