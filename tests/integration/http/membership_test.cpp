// Joining a neighbourhood and being verified, as residents, buurtverbinders and attackers meet it
// on the real server: household codes (with their CSV and flyers), approval, invitations.
// Buurtverbinders log in with the second factor (the policy requires it for their pages).
#include <gtest/gtest.h>

#include <ctime>

#include <chrono>
#include <regex>

#include "domain/security/encoding.hpp"
#include "domain/security/passwords.hpp"
#include "domain/security/totp.hpp"
#include "testlib/browser_client.hpp"
#include "testlib/test_server.hpp"
#include "view/dates.hpp"

namespace buurtplein::testing {
namespace {

using namespace domain::accounts;

constexpr const char* kPassword = "een lange zin als wachtwoord";

class MembershipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = TestConfig(dir_.path());
    config.http.public_url = "http://localhost/";
    server_ = std::make_unique<TestServer>(true, config, true);
    auto& store = server_->runtime().store();
    const auto dir = server_->runtime().sites().directory();
    oost_ = dir->FindSite("nijmegen", "oost")->id;
    zuid_ = dir->FindSite("nijmegen", "zuid")->id;
    password_hash_ = domain::security::HashPassword(kPassword);
    (void)store;
  }

  domain::Store& store() { return server_->runtime().store(); }

  domain::UserId MakeUser(const std::string& email, const std::string& name) {
    auto u = store().users().CreateUser(NewUser{email, name, password_hash_, 1});
    EXPECT_TRUE(u.ok());
    store().users().SetEmailVerified(u->id, 1);
    return u->id;
  }

  void MakeMember(domain::SiteId site, domain::UserId user, MemberRole role) {
    Membership m;
    m.user = user;
    m.kind = MembershipKind::kHome;
    m.role = role;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = 1;
    m.verified_at = 1;
    ASSERT_TRUE(store().memberships().CreateMembership(site, m).ok());
  }

  // A verified buurtverbinder of `site` with two-factor authentication on; returns the secret.
  std::string MakeBuurtverbinder(domain::SiteId site, const std::string& email, const std::string& name) {
    const auto user = MakeUser(email, name);
    MakeMember(site, user, MemberRole::kBuurtverbinder);
    const std::string secret = domain::security::Base32Encode(domain::security::NewTotpSecret());
    EXPECT_TRUE(store().users().SetTotp(user, secret, 0).ok());
    return secret;
  }

  // Logs in through the forms; with a TOTP secret, completes the second factor with its code.
  void LogIn(BrowserClient& b, const std::string& email, const std::string& totp_secret = "") {
    auto r = b.Submit("/account/login", "/account/login",
                      "email=" + FormEncode(email) + "&password=" + FormEncode(kPassword) + "&next=%2Faccount%2F");
    ASSERT_EQ(r.status, 303) << r.body;
    if (totp_secret.empty()) {
      ASSERT_EQ(r.Header("location"), "/account/");
      return;
    }
    ASSERT_EQ(r.Header("location"), "/account/login/second-factor?next=/account/");
    const std::string code =
        domain::security::TotpAt(*domain::security::Base32Decode(totp_secret), std::chrono::system_clock::now());
    auto done = b.Submit("/account/login/second-factor?next=%2Faccount%2F", "/account/login/second-factor",
                         "code=" + code + "&next=%2Faccount%2F");
    ASSERT_EQ(done.status, 303) << done.body;
    ASSERT_EQ(done.Header("location"), "/account/");
  }

  static std::vector<std::string> Codes(const std::string& body) {
    std::vector<std::string> out;
    static const std::regex re(R"(<code class="household-code">([A-Z2-9]{5}-[A-Z2-9]{5})</code>)");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator(); ++it) {
      out.push_back((*it)[1]);
    }
    return out;
  }

  static std::string Hidden(const std::string& body, const std::string& name) {
    const std::regex re("name=\"" + name + "\" value=\"([^\"]*)\"");
    std::smatch m;
    return std::regex_search(body, m, re) ? m[1].str() : "";
  }

  // Generates codes in Oost as its logged-in buurtverbinder; returns the result page.
  WireResponse Generate(BrowserClient& bv, const std::string& addresses) {
    return bv.Submit("/nijmegen/oost/household-codes", "/nijmegen/oost/household-codes",
                     "addresses=" + FormEncode(addresses));
  }

  WireResponse JoinWithCode(BrowserClient& b, const std::string& site_path, const std::string& code) {
    return b.Submit(site_path + "join", site_path + "join", "way=code&code=" + FormEncode(code));
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
  domain::SiteId oost_, zuid_;
  std::string password_hash_;
};

TEST_F(MembershipTest, SiteHomeInvitesEveryoneToJoinAndJoiningNeedsAnAccount) {
  BrowserClient visitor(*server_);
  auto home = visitor.Get("/nijmegen/oost/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("href=\"/nijmegen/oost/join\""), std::string::npos);
  EXPECT_NE(home.body.find("Word lid van deze buurt"), std::string::npos);
  auto join = visitor.Get("/nijmegen/oost/join");
  EXPECT_EQ(join.status, 303);
  EXPECT_EQ(join.Header("location"), "/account/login?next=/nijmegen/oost/join");
}

TEST_F(MembershipTest, HouseholdCodeOfOostVerifiesOnceAndNotInZuid) {
  const std::string secret = MakeBuurtverbinder(oost_, "bv-oost@example.nl", "Bea");
  BrowserClient bv(*server_);
  LogIn(bv, "bv-oost@example.nl", secret);
  auto form = bv.Get("/nijmegen/oost/household-codes");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"addresses\""), std::string::npos);
  auto result = Generate(bv, "Hoofdstraat 1\nHoofdstraat 2\n");
  ASSERT_EQ(result.status, 200) << result.body;
  const auto codes = Codes(result.body);
  ASSERT_EQ(codes.size(), 2u) << result.body;
  EXPECT_NE(result.body.find("Hoofdstraat 2"), std::string::npos);
  EXPECT_NE(result.body.find("http://localhost/nijmegen/oost/join"), std::string::npos);

  const auto anna = MakeUser("anna@example.nl", "Anna");
  BrowserClient resident(*server_);
  LogIn(resident, "anna@example.nl");
  auto joined = JoinWithCode(resident, "/nijmegen/oost/", codes[0]);
  ASSERT_EQ(joined.status, 303) << joined.body;
  EXPECT_EQ(joined.Header("location"), "/nijmegen/oost/join");
  auto page = resident.Get("/nijmegen/oost/join");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Je bent gecontroleerd lid van deze buurt."), std::string::npos);
  auto m = store().memberships().FindMembership(oost_, anna);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, MemberStatus::kVerified);
  EXPECT_EQ(m->verified_by, VerificationMethod::kHouseholdCode);
  EXPECT_EQ(resident.Get("/nijmegen/oost/invite").status, 200) << "verified members may invite";

  // The same code again, by someone else: refused, with the reason on the form.
  MakeUser("bert@example.nl", "Bert");
  BrowserClient other(*server_);
  LogIn(other, "bert@example.nl");
  auto again = JoinWithCode(other, "/nijmegen/oost/", codes[0]);
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("Deze buurtcode klopt niet, of is al gebruikt."), std::string::npos);
  EXPECT_NE(again.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_EQ(again.body.find(codes[0]), std::string::npos) << "the code typed is not echoed";

  // An unused code of Oost does not work for Zuid.
  auto in_zuid = JoinWithCode(other, "/nijmegen/zuid/", codes[1]);
  EXPECT_EQ(in_zuid.status, 422);
  EXPECT_FALSE(store().memberships().FindMembership(zuid_, store().users().FindUserByEmail("bert@example.nl")->id));
  // …and still works in Oost.
  EXPECT_EQ(JoinWithCode(other, "/nijmegen/oost/", codes[1]).status, 303);
}

TEST_F(MembershipTest, GuessingCodesIsStoppedWith429) {
  MakeUser("mallory@example.nl", "Mallory");
  BrowserClient attacker(*server_);
  LogIn(attacker, "mallory@example.nl");
  attacker.Get("/nijmegen/oost/join");
  for (int i = 0; i < 10; ++i) {
    auto r = attacker.Post("/nijmegen/oost/join", "way=code&code=ABCDE-FGHJ" + std::string(1, "ABCDEFGHJK"[i]));
    ASSERT_EQ(r.status, 422) << "attempt " << i + 1;
  }
  auto r = attacker.Post("/nijmegen/oost/join", "way=code&code=ABCDE-FGHJM");
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.Header("retry-after").empty());
  EXPECT_NE(r.body.find("Te veel pogingen"), std::string::npos) << r.body.substr(0, 2000);
}

TEST_F(MembershipTest, ApprovalQueueIsForThisSitesBuurtverbindersOnly) {
  const std::string oost_secret = MakeBuurtverbinder(oost_, "bv-oost@example.nl", "Bea");
  const std::string zuid_secret = MakeBuurtverbinder(zuid_, "bv-zuid@example.nl", "Bas");
  const auto member = MakeUser("member@example.nl", "Marit");
  MakeMember(oost_, member, MemberRole::kMember);
  const auto chris = MakeUser("chris@example.nl", "Chris Jansen");

  BrowserClient resident(*server_);
  LogIn(resident, "chris@example.nl");
  auto bad = resident.Submit("/nijmegen/oost/join", "/nijmegen/oost/join",
                             "way=approval&postcode=65&house_number=12a");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Vul een Nederlandse postcode in"), std::string::npos);
  auto asked = resident.Post("/nijmegen/oost/join", "way=approval&postcode=6511ab&house_number=12a");
  ASSERT_EQ(asked.status, 303) << asked.body;
  auto own = resident.Get("/nijmegen/oost/join");
  EXPECT_NE(own.body.find("Je hebt gevraagd om lid te worden."), std::string::npos);
  EXPECT_EQ(resident.Get("/nijmegen/oost/members/pending").status, 403) << "not for the person asking";
  EXPECT_EQ(resident.Get("/nijmegen/oost/invite").status, 403) << "pending members cannot invite";

  BrowserClient visitor(*server_);
  EXPECT_EQ(visitor.Get("/nijmegen/oost/members/pending").status, 303);
  BrowserClient plain_member(*server_);
  LogIn(plain_member, "member@example.nl");
  auto by_member = plain_member.Get("/nijmegen/oost/members/pending");
  EXPECT_EQ(by_member.status, 403);
  EXPECT_EQ(by_member.body.find("6511 AB"), std::string::npos);

  BrowserClient zuid(*server_);
  LogIn(zuid, "bv-zuid@example.nl", zuid_secret);
  auto zuid_on_oost = zuid.Get("/nijmegen/oost/members/pending");
  EXPECT_EQ(zuid_on_oost.status, 403);
  EXPECT_EQ(zuid_on_oost.body.find("6511 AB"), std::string::npos);
  auto zuid_own = zuid.Get("/nijmegen/zuid/members/pending");
  EXPECT_EQ(zuid_own.status, 200);
  EXPECT_EQ(zuid_own.body.find("Chris Jansen"), std::string::npos);
  const std::string approve_path = "/members/" + std::to_string(chris.value) + "/approve";
  EXPECT_EQ(zuid.Post("/nijmegen/oost" + approve_path, "").status, 403);
  EXPECT_EQ(zuid.Post("/nijmegen/zuid" + approve_path, "").status, 404) << "Zuid's queue does not hold Chris";
  EXPECT_EQ(store().memberships().FindMembership(oost_, chris)->status, MemberStatus::kPending);

  BrowserClient oost(*server_);
  LogIn(oost, "bv-oost@example.nl", oost_secret);
  auto queue = oost.Get("/nijmegen/oost/members/pending");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("Chris Jansen"), std::string::npos);
  EXPECT_NE(queue.body.find("6511 AB"), std::string::npos);
  EXPECT_NE(queue.body.find("12 A"), std::string::npos);
  EXPECT_EQ(queue.Header("cache-control"), "no-store");
  auto approved = oost.Post("/nijmegen/oost" + approve_path, "");
  ASSERT_EQ(approved.status, 303);
  EXPECT_EQ(approved.Header("location"), "/nijmegen/oost/members/pending");
  auto m = store().memberships().FindMembership(oost_, chris);
  EXPECT_EQ(m->status, MemberStatus::kVerified);
  EXPECT_EQ(m->verified_by, VerificationMethod::kApproval);
  EXPECT_EQ(m->postcode, "") << "forgotten once decided";
  auto after = oost.Get("/nijmegen/oost/members/pending");
  EXPECT_EQ(after.body.find("6511 AB"), std::string::npos);
  EXPECT_NE(after.body.find("Er wacht niemand op goedkeuring."), std::string::npos);
  EXPECT_EQ(oost.Post("/nijmegen/oost" + approve_path, "").status, 404) << "decided already";
}

TEST_F(MembershipTest, RefusingARequestLeavesAnUnverifiedMember) {
  const std::string secret = MakeBuurtverbinder(oost_, "bv-oost@example.nl", "Bea");
  const auto chris = MakeUser("chris@example.nl", "Chris");
  BrowserClient resident(*server_);
  LogIn(resident, "chris@example.nl");
  ASSERT_EQ(resident.Submit("/nijmegen/oost/join", "/nijmegen/oost/join",
                            "way=approval&postcode=6511+AB&house_number=3").status,
            303);
  BrowserClient oost(*server_);
  LogIn(oost, "bv-oost@example.nl", secret);
  oost.Get("/nijmegen/oost/members/pending");
  auto refused = oost.Post("/nijmegen/oost/members/" + std::to_string(chris.value) + "/reject", "");
  EXPECT_EQ(refused.status, 303);
  auto m = store().memberships().FindMembership(oost_, chris);
  EXPECT_EQ(m->status, MemberStatus::kUnverified);
  EXPECT_EQ(m->house_number, "");
  EXPECT_NE(resident.Get("/nijmegen/oost/join").body.find("Je bent lid, maar nog niet gecontroleerd."),
            std::string::npos);
}

TEST_F(MembershipTest, InvitationLinkMakesANeighbourVerifiedOnce) {
  const auto anna = MakeUser("anna@example.nl", "Anna de Vries");
  MakeMember(oost_, anna, MemberRole::kMember);
  BrowserClient inviter(*server_);
  LogIn(inviter, "anna@example.nl");
  auto form = inviter.Get("/nijmegen/oost/invite");
  ASSERT_EQ(form.status, 200);
  auto made = inviter.Post("/nijmegen/oost/invite", "");
  ASSERT_EQ(made.status, 200) << made.body;
  const std::regex re(R"re(value="http://localhost(/nijmegen/oost/invitation/[A-Za-z0-9_-]{43})")re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(made.body, match, re)) << made.body;
  const std::string path = match[1];
  EXPECT_EQ(inviter.Get("/nijmegen/zuid/invite").status, 403) << "verified in Oost only";

  MakeUser("dirk@example.nl", "Dirk");
  BrowserClient neighbour(*server_);
  EXPECT_EQ(neighbour.Get(path).status, 303) << "log in first";
  LogIn(neighbour, "dirk@example.nl");
  auto page = neighbour.Get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Anna de Vries nodigt je uit voor"), std::string::npos) << page.body;
  // The token works only in its own site.
  const std::string in_zuid = "/nijmegen/zuid/" + path.substr(std::string("/nijmegen/oost/").size());
  EXPECT_EQ(neighbour.Get(in_zuid).status, 404);
  EXPECT_EQ(neighbour.Post(in_zuid, "").status, 404);
  auto accepted = neighbour.Post(path, "");
  ASSERT_EQ(accepted.status, 303) << accepted.body;
  EXPECT_EQ(accepted.Header("location"), "/nijmegen/oost/join");
  auto m = store().memberships().FindMembership(oost_, store().users().FindUserByEmail("dirk@example.nl")->id);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, MemberStatus::kVerified);
  EXPECT_EQ(m->verified_by, VerificationMethod::kInvitation);

  MakeUser("eva@example.nl", "Eva");
  BrowserClient late(*server_);
  LogIn(late, "eva@example.nl");
  EXPECT_EQ(late.Get(path).status, 404);
  auto reused = late.Post(path, "");
  EXPECT_EQ(reused.status, 404);
  EXPECT_NE(reused.body.find("Deze uitnodiging is niet (meer) geldig."), std::string::npos);

  // Five open invitations at a time.
  for (int i = 0; i < 5; ++i) ASSERT_EQ(inviter.Post("/nijmegen/oost/invite", "").status, 200) << i;
  auto sixth = inviter.Post("/nijmegen/oost/invite", "");
  EXPECT_EQ(sixth.status, 409);
  EXPECT_NE(sixth.body.find("Je hebt al 5 open uitnodigingen."), std::string::npos);
}

TEST_F(MembershipTest, FollowersAreNotVerified) {
  MakeUser("fien@example.nl", "Fien");
  BrowserClient b(*server_);
  LogIn(b, "fien@example.nl");
  auto r = b.Submit("/nijmegen/zuid/join", "/nijmegen/zuid/join", "way=follow");
  ASSERT_EQ(r.status, 303);
  EXPECT_NE(b.Get("/nijmegen/zuid/join").body.find("Je volgt deze buurt."), std::string::npos);
  EXPECT_EQ(b.Get("/nijmegen/zuid/invite").status, 403);
  EXPECT_EQ(b.Post("/nijmegen/zuid/join", "way=follow").status, 409);
}

TEST_F(MembershipTest, CsvAndFlyersCarryTheBatchAndOnlyToItsBuurtverbinders) {
  const std::string secret = MakeBuurtverbinder(oost_, "bv-oost@example.nl", "Bea");
  const std::string zuid_secret = MakeBuurtverbinder(zuid_, "bv-zuid@example.nl", "Bas");
  BrowserClient bv(*server_);
  LogIn(bv, "bv-oost@example.nl", secret);
  auto result = Generate(bv, "Dorpsstraat 1, achter\nHet \"Hofje\" 2\nÄrmelweg 3\n=SOM(A1)\n");
  ASSERT_EQ(result.status, 200) << result.body;
  const auto codes = Codes(result.body);
  ASSERT_EQ(codes.size(), 4u);
  const std::string batch = Hidden(result.body, "batch");
  const std::string joined = Hidden(result.body, "codes");
  ASSERT_FALSE(batch.empty());
  EXPECT_EQ(joined, codes[0] + " " + codes[1] + " " + codes[2] + " " + codes[3]);
  const std::string fields = "batch=" + FormEncode(batch) + "&codes=" + FormEncode(joined);

  auto csv = bv.Post("/nijmegen/oost/household-codes/csv", fields);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("content-disposition"),
            "attachment; filename=\"household-codes-oost-" + batch.substr(0, 8) + ".csv\"");
  EXPECT_EQ(csv.Header("cache-control"), "no-store");
  // The codes work for 90 days; the date is on the result page, in the CSV and on the flyers.
  const std::string until_marker = "De codes werken tot ";
  const auto until_at = result.body.find(until_marker);
  ASSERT_NE(until_at, std::string::npos);
  const std::string until = result.body.substr(until_at + until_marker.size(),
                                               result.body.find('.', until_at) - until_at - until_marker.size());
  EXPECT_EQ(until, view::FormatDate(std::time(nullptr) + 90 * 24 * 3600, view::Lang::kNl));
  const std::string tail = "\",\"http://localhost/nijmegen/oost/join\",\"Buurtplein Oost\",\"" + until + "\"\r\n";
  const std::string expected = "\xEF\xBB\xBF\"Adres\",\"Buurtcode\",\"Aanmelden op\",\"Buurt\",\"Geldig tot\"\r\n"
                               "\"Dorpsstraat 1, achter\",\"" + codes[0] + tail +
                               "\"Het \"\"Hofje\"\" 2\",\"" + codes[1] + tail +
                               "\"Ärmelweg 3\",\"" + codes[2] + tail +
                               "\"'=SOM(A1)\",\"" + codes[3] + tail;
  EXPECT_EQ(csv.body, expected);

  auto flyers = bv.Post("/nijmegen/oost/household-codes/flyers", fields);
  ASSERT_EQ(flyers.status, 200);
  EXPECT_EQ(flyers.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(flyers.body.find("/static/css/flyers."), std::string::npos);
  EXPECT_EQ(flyers.body.find("style="), std::string::npos) << "no inline styles (CSP)";
  EXPECT_EQ(flyers.body.find("<style"), std::string::npos);
  for (const auto& c : codes) EXPECT_NE(flyers.body.find(c), std::string::npos);
  EXPECT_NE(flyers.body.find("Het &quot;Hofje&quot; 2"), std::string::npos);
  EXPECT_NE(flyers.body.find("Buurtplein Oost"), std::string::npos);
  EXPECT_NE(flyers.body.find("http://localhost/nijmegen/oost/join"), std::string::npos);
  EXPECT_NE(flyers.body.find("Geldig tot " + until + "."), std::string::npos);
  auto css = bv.Get("/static/css/flyers.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.body.find("@page"), std::string::npos);
  EXPECT_NE(css.body.find("A4"), std::string::npos);

  // Codes that are not the batch's: refused. Another site's buurtverbinder: not allowed at all.
  EXPECT_EQ(bv.Post("/nijmegen/oost/household-codes/csv", "batch=" + FormEncode(batch) + "&codes=ABCDE-FGHJK").status,
            404);
  BrowserClient zuid(*server_);
  LogIn(zuid, "bv-zuid@example.nl", zuid_secret);
  zuid.Get("/nijmegen/zuid/household-codes");
  auto other = zuid.Post("/nijmegen/oost/household-codes/csv", fields);
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.body.find(codes[0]), std::string::npos);
  EXPECT_EQ(zuid.Post("/nijmegen/zuid/household-codes/csv", fields).status, 404);
  EXPECT_EQ(zuid.Get("/nijmegen/oost/household-codes").status, 403);
}

}  // namespace
}  // namespace buurtplein::testing
