// City roles (migration 0018) and housekeeping on both engines: the board of one city is not
// the board of another; expired sessions, spent link tokens, expired household codes and
// invitations are purged, and nothing that is still valid.
#include <algorithm>
#include <string>

#include "domain/accounts/housekeeping.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::CityId;
using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;
constexpr long kDay = 24 * 3600;
constexpr const char* kNoRole = "This person does not have this role (any more).";

class CityRolesRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    anna_ = MustCreateUser("anna@example.nl", "Anna");
    bert_ = MustCreateUser("bert@example.nl", "Bert");
  }

  UserId MustCreateUser(const std::string& email, const std::string& name) {
    auto r = store().users().CreateUser(NewUser{email, name, "$argon2id$x", kNow});
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->id : UserId{};
  }

  void Join(SiteId site, UserId user, MemberRole role) {
    Membership m;
    m.user = user;
    m.kind = MembershipKind::kFollow;
    m.role = role;
    m.status = MemberStatus::kVerified;
    m.created_at = kNow;
    ASSERT_TRUE(store().memberships().CreateMembership(site, m).ok());
  }

  CityId nijmegen_, arnhem_;
  SiteId oost_, zuid_;
  UserId anna_, bert_;
};

TEST_P(CityRolesRepositoryTest, GrantFindListRevoke) {
  auto& roles = store().city_roles();
  EXPECT_TRUE(roles.FindCityRoles(nijmegen_, anna_).empty());
  ASSERT_TRUE(roles.GrantCityRole(nijmegen_, anna_, CityRole::kBoard, kNow).ok());
  ASSERT_TRUE(roles.GrantCityRole(nijmegen_, anna_, CityRole::kBoard, kNow + 5).ok());  // again: no change
  ASSERT_TRUE(roles.GrantCityRole(nijmegen_, bert_, CityRole::kBoard, kNow + 1).ok());
  ASSERT_EQ(roles.FindCityRoles(nijmegen_, anna_).size(), 1u);
  EXPECT_EQ(roles.FindCityRoles(nijmegen_, anna_)[0], CityRole::kBoard);

  const auto board = roles.ListCityRole(nijmegen_, CityRole::kBoard, 10, 0);
  ASSERT_EQ(board.size(), 2u);  // by name
  EXPECT_EQ(board[0].display_name, "Anna");
  EXPECT_EQ(board[0].email, "anna@example.nl");
  EXPECT_EQ(board[0].since, kNow);
  EXPECT_EQ(board[1].user, bert_);
  // Paginated.
  ASSERT_EQ(roles.ListCityRole(nijmegen_, CityRole::kBoard, 1, 1).size(), 1u);
  EXPECT_EQ(roles.ListCityRole(nijmegen_, CityRole::kBoard, 1, 1)[0].user, bert_);

  ASSERT_TRUE(roles.RevokeCityRole(nijmegen_, anna_, CityRole::kBoard).ok());
  EXPECT_TRUE(roles.FindCityRoles(nijmegen_, anna_).empty());
  auto again = roles.RevokeCityRole(nijmegen_, anna_, CityRole::kBoard);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(again.error().public_message, kNoRole);
}

TEST_P(CityRolesRepositoryTest, TheBoardOfOneCityIsNotTheBoardOfAnother) {
  auto& roles = store().city_roles();
  ASSERT_TRUE(roles.GrantCityRole(nijmegen_, anna_, CityRole::kBoard, kNow).ok());
  EXPECT_TRUE(roles.FindCityRoles(arnhem_, anna_).empty());
  EXPECT_TRUE(roles.ListCityRole(arnhem_, CityRole::kBoard, 10, 0).empty());
  // Revoking through the other city changes nothing.
  EXPECT_FALSE(roles.RevokeCityRole(arnhem_, anna_, CityRole::kBoard).ok());
  EXPECT_EQ(roles.FindCityRoles(nijmegen_, anna_).size(), 1u);
}

TEST_P(CityRolesRepositoryTest, GrantToAMissingAccountOrCityIsNotFound) {
  auto r = store().city_roles().GrantCityRole(nijmegen_, UserId{999999}, CityRole::kBoard, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
  r = store().city_roles().GrantCityRole(CityId{999999}, anna_, CityRole::kBoard, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST_P(CityRolesRepositoryTest, RolesGoWithTheAccount) {
  ASSERT_TRUE(store().city_roles().GrantCityRole(nijmegen_, anna_, CityRole::kBoard, kNow).ok());
  ASSERT_TRUE(store().users().DeleteUser(anna_).ok());
  EXPECT_TRUE(store().city_roles().ListCityRole(nijmegen_, CityRole::kBoard, 10, 0).empty());
}

TEST_P(CityRolesRepositoryTest, ElevatedRolesAreBoardAndBuurtverbinderAnywhere) {
  auto& roles = store().city_roles();
  EXPECT_FALSE(roles.HoldsElevatedRole(anna_));
  Join(oost_, anna_, MemberRole::kMember);
  EXPECT_FALSE(roles.HoldsElevatedRole(anna_));
  Join(zuid_, bert_, MemberRole::kBuurtverbinder);
  EXPECT_TRUE(roles.HoldsElevatedRole(bert_));
  ASSERT_TRUE(roles.GrantCityRole(arnhem_, anna_, CityRole::kBoard, kNow).ok());
  EXPECT_TRUE(roles.HoldsElevatedRole(anna_));
}

// Every logged-in request reads its session with the account and the elevated flag in one
// query, and its standing on the site (membership, board of the site's city) in another.
TEST_P(CityRolesRepositoryTest, SessionWithUserAndSiteStandingInOneQueryEach) {
  auto session_of = [&](UserId user, const std::string& hash) {
    Session s;
    s.token_hash = hash;
    s.user = user;
    s.created_at = s.last_seen_at = kNow;
    s.expires_at = kNow + kDay;
    s.user_agent = "Firefox";
    s.ip = "192.0.2.1";
    EXPECT_TRUE(store().sessions().CreateSession(s).ok());
  };
  session_of(anna_, "hash-anna");
  session_of(bert_, "hash-bert");
  auto anna = store().sessions().FindSessionWithUser("hash-anna");
  ASSERT_TRUE(anna);
  EXPECT_EQ(anna->session.user, anna_);
  EXPECT_EQ(anna->session.token_hash, "hash-anna");
  EXPECT_EQ(anna->session.expires_at, kNow + kDay);
  EXPECT_EQ(anna->session.user_agent, "Firefox");
  EXPECT_EQ(anna->user.id, anna_);
  EXPECT_EQ(anna->user.display_name, "Anna");
  EXPECT_EQ(anna->user.email, "anna@example.nl");
  EXPECT_FALSE(anna->user.is_operator);
  EXPECT_FALSE(anna->elevated);
  EXPECT_FALSE(store().sessions().FindSessionWithUser("hash-unknown"));

  // Standing: nothing, then a member of Oost, then also on the board of Nijmegen (elevated).
  auto standing = store().memberships().FindStanding(oost_, nijmegen_, anna_);
  EXPECT_FALSE(standing.membership);
  EXPECT_FALSE(standing.city_board);
  Join(oost_, anna_, MemberRole::kMember);
  standing = store().memberships().FindStanding(oost_, nijmegen_, anna_);
  ASSERT_TRUE(standing.membership);
  EXPECT_EQ(standing.membership->site, oost_);
  EXPECT_EQ(standing.membership->role, MemberRole::kMember);
  EXPECT_EQ(standing.membership->status, MemberStatus::kVerified);
  EXPECT_FALSE(standing.city_board);
  EXPECT_FALSE(store().memberships().FindStanding(zuid_, nijmegen_, anna_).membership);
  ASSERT_TRUE(store().city_roles().GrantCityRole(nijmegen_, anna_, CityRole::kBoard, kNow).ok());
  EXPECT_TRUE(store().memberships().FindStanding(oost_, nijmegen_, anna_).city_board);
  EXPECT_TRUE(store().memberships().FindStanding(zuid_, nijmegen_, anna_).city_board);
  EXPECT_FALSE(store().memberships().FindStanding(oost_, arnhem_, anna_).city_board);
  EXPECT_FALSE(store().memberships().FindStanding(oost_, nijmegen_, bert_).city_board);
  EXPECT_TRUE(store().sessions().FindSessionWithUser("hash-anna")->elevated);
  // A buurtverbinder anywhere is elevated; so is an operator.
  EXPECT_FALSE(store().sessions().FindSessionWithUser("hash-bert")->elevated);
  Join(zuid_, bert_, MemberRole::kBuurtverbinder);
  EXPECT_TRUE(store().sessions().FindSessionWithUser("hash-bert")->elevated);
  const UserId op = MustCreateUser("op@example.nl", "Operator");
  ASSERT_TRUE(store().users().SetOperator(op, true).ok());
  session_of(op, "hash-op");
  EXPECT_TRUE(store().sessions().FindSessionWithUser("hash-op")->elevated);
  EXPECT_TRUE(store().sessions().FindSessionWithUser("hash-op")->user.is_operator);
}

TEST_P(CityRolesRepositoryTest, BuurtverbindersAreListedPerSite) {
  Join(oost_, anna_, MemberRole::kBuurtverbinder);
  Join(zuid_, bert_, MemberRole::kBuurtverbinder);
  Join(oost_, bert_, MemberRole::kMember);
  const auto oost = store().memberships().ListBuurtverbinders(oost_, 10, 0);
  ASSERT_EQ(oost.size(), 1u);
  EXPECT_EQ(oost[0].user, anna_);
  EXPECT_EQ(oost[0].display_name, "Anna");
  const auto zuid = store().memberships().ListBuurtverbinders(zuid_, 10, 0);
  ASSERT_EQ(zuid.size(), 1u);
  EXPECT_EQ(zuid[0].user, bert_);
  EXPECT_TRUE(store().memberships().ListBuurtverbinders(oost_, 10, 1).empty());
}

// --- housekeeping -----------------------------------------------------------------------------

TEST_P(CityRolesRepositoryTest, SpentTokensArePurgedAndValidOnesKept) {
  auto& tokens = store().tokens();
  auto token = [&](const std::string& hash, UnixTime expires, std::optional<UnixTime> used) {
    AccountToken t;
    t.token_hash = hash;
    t.user = anna_;
    t.purpose = TokenPurpose::kVerifyEmail;
    t.created_at = kNow - kDay;
    t.expires_at = expires;
    t.used_at = used;
    ASSERT_TRUE(tokens.CreateToken(t).ok());
  };
  token("valid", kNow + 3600, std::nullopt);
  token("expired", kNow - 1, std::nullopt);
  token("used", kNow + 3600, kNow - 60);
  EXPECT_EQ(tokens.DeleteSpentTokens(kNow), 2);
  EXPECT_EQ(tokens.DeleteSpentTokens(kNow), 0);
  EXPECT_TRUE(tokens.ConsumeToken("valid", TokenPurpose::kVerifyEmail, kNow).has_value());
}

TEST_P(CityRolesRepositoryTest, ExpiredHouseholdCodesAndInvitationsArePurged) {
  auto& v = store().verification();
  auto code = [&](const std::string& hash, UnixTime expires) {
    HouseholdCode c;
    c.batch = "b";
    c.address_label = "Hoofdstraat 1";
    c.code_hash = hash;
    c.created_at = kNow - 100 * kDay;
    c.expires_at = expires;
    return c;
  };
  ASSERT_TRUE(v.CreateHouseholdCodes(oost_, {code("old", kNow - 1), code("fresh", kNow + kDay)}).ok());
  ASSERT_TRUE(v.CreateHouseholdCodes(zuid_, {code("old-zuid", kNow - 10)}).ok());
  // An expired code no longer verifies anyone, even before it is purged.
  auto redeemed = v.RedeemHouseholdCode(oost_, "old", bert_, kNow);
  ASSERT_FALSE(redeemed.ok());
  EXPECT_EQ(redeemed.error().code, ErrorCode::kNotFound);
  const auto batch = v.ListHouseholdCodeBatch(oost_, "b");
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].expires_at, kNow - 1);

  Join(oost_, anna_, MemberRole::kMember);
  Invitation old;
  old.inviter = anna_;
  old.token_hash = "inv-old";
  old.created_at = kNow - 20 * kDay;
  old.expires_at = kNow - 6 * kDay;
  ASSERT_TRUE(v.CreateInvitation(oost_, old, 5).ok());
  Invitation open = old;
  open.token_hash = "inv-open";
  open.created_at = kNow;
  open.expires_at = kNow + 14 * kDay;
  ASSERT_TRUE(v.CreateInvitation(oost_, open, 5).ok());

  EXPECT_EQ(v.DeleteExpiredHouseholdCodes(kNow), 2);  // both sites: housekeeping is platform-wide
  EXPECT_EQ(v.ListHouseholdCodeBatch(oost_, "b").size(), 1u);
  EXPECT_EQ(v.DeleteExpiredInvitations(kNow), 1);
  EXPECT_FALSE(v.FindInvitation(oost_, "inv-old").has_value());
  EXPECT_TRUE(v.FindInvitation(oost_, "inv-open").has_value());
  EXPECT_TRUE(v.RedeemHouseholdCode(oost_, "fresh", bert_, kNow).ok());
}

TEST_P(CityRolesRepositoryTest, HousekeepingRemovesEverythingThatRanOut) {
  Session s;
  s.user = anna_;
  s.created_at = s.last_seen_at = kNow - kDay / 2;
  s.expires_at = kNow + kDay;
  s.token_hash = "alive";
  ASSERT_TRUE(store().sessions().CreateSession(s).ok());
  s.token_hash = "past-its-end";
  s.expires_at = kNow - 1;
  ASSERT_TRUE(store().sessions().CreateSession(s).ok());
  s.token_hash = "idle";
  s.expires_at = kNow + kDay;
  s.last_seen_at = kNow - 2 * kDay;
  ASSERT_TRUE(store().sessions().CreateSession(s).ok());
  AccountToken t;
  t.token_hash = "used";
  t.user = anna_;
  t.created_at = kNow - 60;
  t.expires_at = kNow + 60;
  t.used_at = kNow - 30;
  ASSERT_TRUE(store().tokens().CreateToken(t).ok());

  domain::ManualClock clock(kNow);
  Housekeeping housekeeping(store(), clock);  // residents' idle limit: a day
  const auto report = housekeeping.RunOnce();
  EXPECT_EQ(report.sessions, 2);
  EXPECT_EQ(report.tokens, 1);
  EXPECT_EQ(report.household_codes, 0);
  EXPECT_EQ(report.invitations, 0);
  const auto left = store().sessions().ListSessions(anna_);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].token_hash, "alive");
  EXPECT_EQ(housekeeping.RunOnce().sessions, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, CityRolesRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
