// Groups and questions as residents meet them: the real server (demo loaded), verified members
// of Oost, one of Zuid and a buurtverbinder of Oost. Starting a group, joining an open group,
// asking to join a closed one and being let in, leaving, the last admin; asking a question,
// answering, marking the answer that helped; other sites' groups and questions are not found,
// and people who are not members of the site are refused.
#include <gtest/gtest.h>

#include "news_fixture.hpp"

namespace buurtplein::testing {
namespace {

// The news tests' people and log-in (news_fixture.hpp), with the steps of groups and questions.
class GroupsTest : public NewsTest {
 protected:
  // Starts a group in Oost as `client`; the group's path.
  std::string StartGroup(BrowserClient& client, const std::string& name, const std::string& access = "open",
                         const std::string& visibility = "public") {
    client.Get("/nijmegen/oost/groepen/nieuw");
    auto r = client.Post("/nijmegen/oost/groepen/nieuw",
                         "name=" + FormEncode(name) + "&description=" + FormEncode("Samen **tuinieren**.") +
                             "&meeting_place=" + FormEncode("Buurthuis De Klif") + "&access=" + access +
                             "&visibility=" + visibility);
    EXPECT_EQ(r.status, 303) << r.body;
    const std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  // A POST from a page of the same site (for its CSRF token).
  WireResponse PostFrom(BrowserClient& client, const std::string& page, const std::string& action,
                        const std::string& fields = "") {
    client.Get(page);
    return client.Post(action, fields);
  }

  // Asks a question in Oost as `client`; the question's path.
  std::string AskQuestion(BrowserClient& client, const std::string& title, const std::string& visibility = "public") {
    client.Get("/nijmegen/oost/vragen/nieuw");
    auto r = client.Post("/nijmegen/oost/vragen/nieuw",
                         "title=" + FormEncode(title) + "&body=" + FormEncode("Wie weet het?") +
                             "&visibility=" + visibility);
    EXPECT_EQ(r.status, 303) << r.body;
    const std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  static std::string ToZuid(const std::string& path) {
    return "/nijmegen/zuid" + path.substr(std::string("/nijmegen/oost").size());
  }

};

TEST_F(GroupsTest, AMemberStartsAGroupThatShowsOnTheCachedSiteHomeAtOnce) {
  server_.Get("/nijmegen/oost/");  // cached for anonymous visitors
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = StartGroup(anna, "Moestuin Oosterhout");
  ASSERT_EQ(path.rfind("/nijmegen/oost/groepen/", 0), 0u);

  auto home = server_.Get("/nijmegen/oost/");
  EXPECT_NE(home.body.find("Moestuin Oosterhout"), std::string::npos) << "the site's cached pages were emptied";
  auto list = server_.Get("/nijmegen/oost/groepen/");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Moestuin Oosterhout"), std::string::npos);
  auto page = server_.Get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<strong>tuinieren</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("Buurthuis De Klif"), std::string::npos);
  EXPECT_NE(page.body.find("Anna de Vries"), std::string::npos) << "the contact, by display name";
  EXPECT_EQ(page.body.find("anna-news@example.nl"), std::string::npos) << "never an e-mail address";
  EXPECT_EQ(server_.Get(path).Header("etag"), page.Header("etag")) << "served from the cache";

  // Another site: not found.
  EXPECT_EQ(server_.Get(ToZuid(path)).status, 404);
  EXPECT_EQ(server_.Get("/nijmegen/zuid/groepen/").body.find("Moestuin Oosterhout"), std::string::npos);

  // The creator administers it (the integration point for news and the agenda).
  auto administered = server_.runtime().app().services().groups->AdministeredBy(oost_, anna_);
  ASSERT_EQ(administered.size(), 1u);
  EXPECT_EQ(administered[0].name, "Moestuin Oosterhout");
}

TEST_F(GroupsTest, JoiningAnOpenGroupAndLeavingIt) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = StartGroup(anna, "Wandelclub Oost");

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  auto before = bert.Get(path);
  EXPECT_NE(before.body.find("/aanmelden"), std::string::npos);
  EXPECT_EQ(bert.Get(path + "/leden").status, 403) << "the member list is for the group's members";
  auto joined = bert.Post(path + "/aanmelden", "");
  ASSERT_EQ(joined.status, 303) << joined.body;
  EXPECT_EQ(joined.Header("location"), path + "?notice=joined");
  auto members = bert.Get(path + "/leden");
  ASSERT_EQ(members.status, 200);
  EXPECT_NE(members.body.find("Anna de Vries"), std::string::npos);
  EXPECT_NE(members.body.find("Bert Jansen"), std::string::npos);
  EXPECT_EQ(bert.Post(path + "/aanmelden", "").status, 409) << "already in the group";

  auto left = PostFrom(bert, path, path + "/verlaten");
  ASSERT_EQ(left.status, 303);
  EXPECT_EQ(bert.Get(path + "/leden").status, 403);

  // The last admin cannot leave.
  auto refused = PostFrom(anna, path, path + "/verlaten");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("minstens één beheerder"), std::string::npos) << refused.body;
}

TEST_F(GroupsTest, AClosedGroupNeedsAnAdminsApproval) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = StartGroup(anna, "Buurtpreventie", "closed");

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  auto requested = PostFrom(bert, path, path + "/aanmelden");
  ASSERT_EQ(requested.status, 303);
  EXPECT_EQ(requested.Header("location"), path + "?notice=requested");
  EXPECT_EQ(bert.Get(path + "/leden").status, 403) << "a request is not a membership";
  // Bert cannot let himself in.
  const std::string approve = path + "/leden/" + std::to_string(bert_.value) + "/goedkeuren";
  EXPECT_EQ(PostFrom(bert, path, approve).status, 403);

  auto page = anna.Get(path);
  EXPECT_NE(page.body.find("Bert Jansen"), std::string::npos) << "the admin sees the request";
  auto approved = anna.Post(approve, "");
  ASSERT_EQ(approved.status, 303) << approved.body;
  EXPECT_EQ(bert.Get(path + "/leden").status, 200);

  // The admin makes Bert admin too; then Anna may leave.
  auto promoted = PostFrom(anna, path + "/leden", path + "/leden/" + std::to_string(bert_.value) + "/beheerder");
  ASSERT_EQ(promoted.status, 303) << promoted.body;
  EXPECT_EQ(PostFrom(anna, path, path + "/verlaten").status, 303);
  auto after = server_.Get(path);
  EXPECT_NE(after.body.find("Bert Jansen"), std::string::npos) << "Bert is the contact now";
}

TEST_F(GroupsTest, OnlyAdminsAndBuurtverbindersEditOrRemoveAGroup) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = StartGroup(anna, "Repair Café Oost");

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  EXPECT_EQ(bert.Get(path + "/bewerken").status, 403);
  EXPECT_EQ(PostFrom(bert, path, path + "/verwijderen").status, 403);

  anna.Get(path + "/bewerken");
  auto invalid = anna.Post(path + "/bewerken", "name=+&description=x&access=open&visibility=public");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("href=\"#field-name\""), std::string::npos);
  auto edited = anna.Post(path + "/bewerken",
                          "name=Repair+Caf%C3%A9+De+Klif&description=Repareren&meeting_place=&access=open&"
                          "visibility=public");
  ASSERT_EQ(edited.status, 303);
  EXPECT_NE(server_.Get(path).body.find("Repair Café De Klif"), std::string::npos);

  BrowserClient bv(server_);
  LogIn(bv, bv_);
  auto removed = PostFrom(bv, path, path + "/verwijderen");
  ASSERT_EQ(removed.status, 303);
  EXPECT_EQ(server_.Get(path).status, 404);
}

TEST_F(GroupsTest, MembersOnlyGroupsAndPeopleFromOtherSites) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = StartGroup(anna, "Sleutelclub", "open", "members");
  EXPECT_EQ(server_.Get(path).status, 404) << "anonymous visitors do not see it";
  EXPECT_EQ(server_.Get("/nijmegen/oost/groepen/").body.find("Sleutelclub"), std::string::npos);

  BrowserClient carla(server_);
  LogIn(carla, carla_);
  EXPECT_EQ(carla.Get(path).status, 404);
  EXPECT_EQ(carla.Get("/nijmegen/oost/groepen/nieuw").status, 403);
  carla.Get("/nijmegen/zuid/groepen/");
  EXPECT_EQ(carla.Post("/nijmegen/oost/groepen/nieuw", "name=Kaping&description=x").status, 403);
  EXPECT_EQ(carla.Post(path + "/aanmelden", "").status, 403);
  // Through her own site the Oost group does not exist.
  EXPECT_EQ(PostFrom(carla, "/nijmegen/zuid/groepen/", ToZuid(path) + "/aanmelden").status, 404);
  auto anonymous = server_.Get("/nijmegen/oost/groepen/nieuw");
  EXPECT_EQ(anonymous.Header("location").rfind("/account/login?next=", 0), 0u);
}

TEST_F(GroupsTest, AskAnswerAndMarkTheAnswerThatHelped) {
  server_.Get("/nijmegen/oost/");  // cached
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = AskQuestion(anna, "Waar kan ik terecht met mijn WOZ-bezwaar?");
  ASSERT_EQ(path.rfind("/nijmegen/oost/vragen/", 0), 0u);
  EXPECT_NE(server_.Get("/nijmegen/oost/").body.find("mijn WOZ-bezwaar"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/vragen/").body.find("mijn WOZ-bezwaar"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/vragen/beantwoord").body.find("mijn WOZ-bezwaar"), std::string::npos);

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  bert.Get(path);
  auto empty = bert.Post(path + "/antwoorden", "answer=+");
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("href=\"#field-answer\""), std::string::npos);
  auto answered = PostFrom(bert, path, path + "/antwoorden", "answer=" + FormEncode("Bij het **Juridisch Loket**."));
  ASSERT_EQ(answered.status, 303) << answered.body;
  auto page = server_.Get(path);
  EXPECT_NE(page.body.find("<strong>Juridisch Loket</strong>"), std::string::npos);
  EXPECT_NE(page.body.find("Bert Jansen"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/vragen/").body.find("mijn WOZ-bezwaar"), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/vragen/beantwoord").body.find("mijn WOZ-bezwaar"), std::string::npos);

  // Only the asker marks the answer that helped.
  auto question = server_.runtime().store().questions().ListAnswers(oost_, domain::questions::QuestionId{std::stoll(
                                                                               path.substr(path.rfind('/') + 1))},
                                                                    10, 0);
  ASSERT_EQ(question.size(), 1u);
  const std::string answer_id = std::to_string(question[0].id.value);
  EXPECT_EQ(PostFrom(bert, path, path + "/geholpen", "answer=" + answer_id).status, 403);
  auto asker_page = anna.Get(path);
  EXPECT_NE(asker_page.body.find("Dit antwoord heeft me geholpen"), std::string::npos);
  auto marked = anna.Post(path + "/geholpen", "answer=" + answer_id);
  ASSERT_EQ(marked.status, 303);
  EXPECT_NE(server_.Get(path).body.find("Dit antwoord hielp"), std::string::npos);

  // Another site: not found; a member of Zuid cannot answer in Oost.
  EXPECT_EQ(server_.Get(ToZuid(path)).status, 404);
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  carla.Get("/nijmegen/zuid/vragen/");
  EXPECT_EQ(carla.Post(path + "/antwoorden", "answer=Hallo").status, 403);
  EXPECT_EQ(carla.Post(ToZuid(path) + "/antwoorden", "answer=Hallo").status, 404);
  EXPECT_EQ(carla.Get("/nijmegen/oost/vragen/nieuw").status, 403);
}

TEST_F(GroupsTest, WhenAnAdminLeavesThePlatformTheGroupGoesToTheNextMember) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string path = StartGroup(anna, "Kookclub Oost");
  const std::string question = AskQuestion(anna, "Wie kent een goede fietsenmaker?");
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  ASSERT_EQ(PostFrom(bert, path, path + "/aanmelden").status, 303);
  ASSERT_NE(server_.Get(question).body.find("Anna de Vries"), std::string::npos);  // cached

  auto& store = server_.runtime().store();
  const std::string password = "een lange zin als wachtwoord";
  auto user = store.users().FindUser(anna_);
  ASSERT_TRUE(user);
  user->password_hash = domain::security::HashPassword(password);
  Authenticated auth{*user, {}, false};
  ASSERT_TRUE(server_.runtime().privacy().DeleteAccount(auth, password, ContentChoice::kAnonymise).ok());

  auto group = server_.Get(path);
  ASSERT_EQ(group.status, 200);
  EXPECT_EQ(group.body.find("Anna de Vries"), std::string::npos);
  EXPECT_NE(group.body.find("Bert Jansen"), std::string::npos) << "Bert is admin and contact now";
  auto page = server_.Get(question);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Anna de Vries"), std::string::npos) << "the cached page was replaced";
}

}  // namespace
}  // namespace buurtplein::testing
