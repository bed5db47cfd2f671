// The access policy, exhaustively: every Access rule against every kind of actor, in and out of
// development mode. One table: a change in who may do what shows up here as one changed cell.
#include "domain/accounts/policy.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace buurtplein::domain::accounts {
namespace {

// The kinds of actor the policy tells apart.
enum class Kind {
  kVisitor,                 // not logged in
  kPendingSecondFactor,     // password given, code still to give
  kResident,                // logged in, no membership of this site
  kUnverifiedMember,        // member of this site, not verified yet
  kPendingMember,           // member of this site, waiting for approval
  kMember,                  // verified member of this site
  kBuurtverbinderNo2fa,     // verified buurtverbinder of this site without two-step login
  kBuurtverbinder,          // ... with two-step login
  kUnverifiedBuurtverbinder,// buurtverbinder role but membership not verified
  kOperatorNo2fa,           // platform operator without two-step login
  kOperator,                // ... with two-step login
  kOperatorPendingSecondFactor,
  kBoardNo2fa,              // on the association board of this city, without two-step login
  kBoard,                   // ... with two-step login
  kBoardPendingSecondFactor,
  kProfessional,            // a professional working in this site, no member of it
  kProfessionalPendingSecondFactor,
};

const std::vector<Kind> kKinds = {Kind::kVisitor, Kind::kPendingSecondFactor, Kind::kResident,
                                  Kind::kUnverifiedMember, Kind::kPendingMember, Kind::kMember,
                                  Kind::kBuurtverbinderNo2fa, Kind::kBuurtverbinder, Kind::kUnverifiedBuurtverbinder,
                                  Kind::kOperatorNo2fa, Kind::kOperator, Kind::kOperatorPendingSecondFactor,
                                  Kind::kBoardNo2fa, Kind::kBoard, Kind::kBoardPendingSecondFactor,
                                  Kind::kProfessional, Kind::kProfessionalPendingSecondFactor};

const std::vector<Access> kAccesses = {Access::kUnset,         Access::kPublic,        Access::kAnonymousOnly,
                                       Access::kPendingSecondFactor, Access::kAccount,  Access::kSiteMember,
                                       Access::kSiteBuurtverbinder, Access::kOperator, Access::kDevelopment,
                                       Access::kCityBoard, Access::kSiteMemberOrProfessional};

Membership MakeMembership(MemberStatus status, MemberRole role = MemberRole::kMember) {
  Membership m;
  m.status = status;
  m.role = role;
  return m;
}

Actor MakeActor(Kind kind) {
  Actor a;
  if (kind == Kind::kVisitor) return a;
  a.logged_in = true;
  a.email_verified = true;
  a.second_factor_done = true;
  switch (kind) {
    case Kind::kVisitor: break;
    case Kind::kPendingSecondFactor:
      a.has_totp = true;
      a.second_factor_done = false;
      break;
    case Kind::kResident: break;
    case Kind::kUnverifiedMember: a.membership = MakeMembership(MemberStatus::kUnverified); break;
    case Kind::kPendingMember: a.membership = MakeMembership(MemberStatus::kPending); break;
    case Kind::kMember: a.membership = MakeMembership(MemberStatus::kVerified); break;
    case Kind::kBuurtverbinderNo2fa:
      a.membership = MakeMembership(MemberStatus::kVerified, MemberRole::kBuurtverbinder);
      break;
    case Kind::kBuurtverbinder:
      a.membership = MakeMembership(MemberStatus::kVerified, MemberRole::kBuurtverbinder);
      a.has_totp = true;
      break;
    case Kind::kUnverifiedBuurtverbinder:
      a.membership = MakeMembership(MemberStatus::kPending, MemberRole::kBuurtverbinder);
      a.has_totp = true;
      break;
    case Kind::kOperatorNo2fa: a.operator_ = true; break;
    case Kind::kOperator:
      a.operator_ = true;
      a.has_totp = true;
      break;
    case Kind::kOperatorPendingSecondFactor:
      a.operator_ = true;
      a.has_totp = true;
      a.second_factor_done = false;
      break;
    case Kind::kBoardNo2fa: a.city_board = true; break;
    case Kind::kBoard:
      a.city_board = true;
      a.has_totp = true;
      break;
    case Kind::kBoardPendingSecondFactor:
      a.city_board = true;
      a.has_totp = true;
      a.second_factor_done = false;
      break;
    case Kind::kProfessional: a.professional = true; break;
    case Kind::kProfessionalPendingSecondFactor:
      a.professional = true;
      a.has_totp = true;
      a.second_factor_done = false;
      break;
  }
  return a;
}

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kVisitor: return "visitor";
    case Kind::kPendingSecondFactor: return "pending-second-factor";
    case Kind::kResident: return "resident";
    case Kind::kUnverifiedMember: return "unverified-member";
    case Kind::kPendingMember: return "pending-member";
    case Kind::kMember: return "member";
    case Kind::kBuurtverbinderNo2fa: return "buurtverbinder-no-2fa";
    case Kind::kBuurtverbinder: return "buurtverbinder";
    case Kind::kUnverifiedBuurtverbinder: return "unverified-buurtverbinder";
    case Kind::kOperatorNo2fa: return "operator-no-2fa";
    case Kind::kOperator: return "operator";
    case Kind::kOperatorPendingSecondFactor: return "operator-pending-second-factor";
    case Kind::kBoardNo2fa: return "board-no-2fa";
    case Kind::kBoard: return "board";
    case Kind::kBoardPendingSecondFactor: return "board-pending-second-factor";
    case Kind::kProfessional: return "professional";
    case Kind::kProfessionalPendingSecondFactor: return "professional-pending-second-factor";
  }
  return "?";
}

// Short names for the table.
constexpr Decision A = Decision::kAllow;
constexpr Decision L = Decision::kNeedLogin;
constexpr Decision S = Decision::kNeedSecondFactor;
constexpr Decision T = Decision::kNeedTwoFactorSetup;
constexpr Decision I = Decision::kAlreadyLoggedIn;
constexpr Decision F = Decision::kForbidden;
constexpr Decision N = Decision::kNotFound;

// Rows: actor kinds in kKinds order. Columns: kAccesses order (unset, public, anonymous-only,
// pending-second-factor, account, site-member, site-buurtverbinder, operator, development,
// city-board, site-member-or-professional).
// The development column is outside development mode; in it, every actor gets kAllow.
const std::vector<std::vector<Decision>> kExpected = {
    /* visitor                        */ {F, A, A, L, L, L, L, L, N, L, L},
    /* pending-second-factor          */ {F, A, I, A, S, S, S, S, N, S, S},
    /* resident                       */ {F, A, I, I, A, F, F, F, N, F, F},
    /* unverified-member              */ {F, A, I, I, A, F, F, F, N, F, F},
    /* pending-member                 */ {F, A, I, I, A, F, F, F, N, F, F},
    /* member                         */ {F, A, I, I, A, A, F, F, N, F, A},
    /* buurtverbinder-no-2fa          */ {F, A, I, I, A, A, T, F, N, F, A},
    /* buurtverbinder                 */ {F, A, I, I, A, A, A, F, N, F, A},
    /* unverified-buurtverbinder      */ {F, A, I, I, A, F, F, F, N, F, F},
    /* operator-no-2fa                */ {F, A, I, I, A, F, F, T, N, F, F},
    /* operator                       */ {F, A, I, I, A, F, F, A, N, F, F},
    /* operator-pending-second-factor */ {F, A, I, A, S, S, S, S, N, S, S},
    /* board-no-2fa                   */ {F, A, I, I, A, F, F, F, N, T, F},
    /* board                          */ {F, A, I, I, A, F, F, F, N, A, F},
    /* board-pending-second-factor    */ {F, A, I, A, S, S, S, S, N, S, S},
    /* professional                   */ {F, A, I, I, A, F, F, F, N, F, A},
    /* professional-pending-2nd-factor*/ {F, A, I, A, S, S, S, S, N, S, S},
};

TEST(PolicyTest, EveryAccessRuleForEveryKindOfActor) {
  ASSERT_EQ(kExpected.size(), kKinds.size());
  for (std::size_t k = 0; k < kKinds.size(); ++k) {
    ASSERT_EQ(kExpected[k].size(), kAccesses.size());
    for (std::size_t c = 0; c < kAccesses.size(); ++c) {
      EXPECT_EQ(Decide(MakeActor(kKinds[k]), kAccesses[c], false), kExpected[k][c])
          << KindName(kKinds[k]) << " × " << AccessName(kAccesses[c]);
    }
  }
}

TEST(PolicyTest, DevelopmentModeChangesOnlyDevelopmentPages) {
  for (std::size_t k = 0; k < kKinds.size(); ++k) {
    for (std::size_t c = 0; c < kAccesses.size(); ++c) {
      const Decision expected = kAccesses[c] == Access::kDevelopment ? A : kExpected[k][c];
      EXPECT_EQ(Decide(MakeActor(kKinds[k]), kAccesses[c], true), expected)
          << KindName(kKinds[k]) << " × " << AccessName(kAccesses[c]) << " (development mode)";
    }
  }
}

TEST(PolicyTest, OperatorWithoutTwoStepLoginIsSentToSetUpAndPassesOnceItIsOn) {
  Actor op = MakeActor(Kind::kOperatorNo2fa);
  EXPECT_EQ(Decide(op, Access::kOperator, false), Decision::kNeedTwoFactorSetup);
  // The set-up pages themselves (kAccount) stay open to them, or they could never comply.
  EXPECT_EQ(Decide(op, Access::kAccount, false), Decision::kAllow);
  op.has_totp = true;
  EXPECT_EQ(Decide(op, Access::kOperator, false), Decision::kAllow);
}

TEST(PolicyTest, BoardOfACityIsNoMemberOrBuurtverbinderOfItsSites) {
  // The board sees the city's figures, not the sites' members-only pages.
  Actor board = MakeActor(Kind::kBoard);
  EXPECT_EQ(Decide(board, Access::kSiteMember, false), Decision::kForbidden);
  EXPECT_EQ(Decide(board, Access::kSiteBuurtverbinder, false), Decision::kForbidden);
  EXPECT_EQ(Decide(board, Access::kOperator, false), Decision::kForbidden);
  board.city_board = false;  // the same person in another city
  EXPECT_EQ(Decide(board, Access::kCityBoard, false), Decision::kForbidden);
}

TEST(PolicyTest, AProfessionalWorksInASiteThroughALinkedProfileWithOneOfItsBuurten) {
  ProfessionalLink linked{7, "Wijkteam (voorbeeld)", true, {"BU02680000", "BU02680001"}};
  ProfessionalLink unlinked{8, "Oud werk (voorbeeld)", false, {"BU02680002"}};
  ProfessionalLink second{9, "Zorg (voorbeeld)", true, {"BU02680003"}};
  auto role = ProfessionalIn({linked, unlinked, second}, {"BU02680001", "BU02680009"});
  ASSERT_TRUE(role.has_value());
  EXPECT_EQ(role->organisation_id, 7);
  EXPECT_EQ(role->organisation_name, "Wijkteam (voorbeeld)");
  // The organisation no longer lists them there: no professional in that site.
  EXPECT_FALSE(ProfessionalIn({linked, unlinked}, {"BU02680002"}).has_value());
  // The first linked profile that works there answers for the site.
  EXPECT_EQ(ProfessionalIn({unlinked, second, linked}, {"BU02680003", "BU02680000"})->organisation_id, 9);
  EXPECT_FALSE(ProfessionalIn({}, {"BU02680000"}).has_value());
  EXPECT_FALSE(ProfessionalIn({linked}, {}).has_value());
}

TEST(PolicyTest, AProfessionalIsNoMemberOfTheSitesTheyWorkIn) {
  Actor pro = MakeActor(Kind::kProfessional);
  EXPECT_EQ(Decide(pro, Access::kSiteMemberOrProfessional, false), Decision::kAllow);
  EXPECT_EQ(Decide(pro, Access::kSiteMember, false), Decision::kForbidden);
  EXPECT_EQ(Decide(pro, Access::kSiteBuurtverbinder, false), Decision::kForbidden);
  pro.professional = false;  // the same person on a site where they do not work
  EXPECT_EQ(Decide(pro, Access::kSiteMemberOrProfessional, false), Decision::kForbidden);
}

TEST(PolicyTest, OrganisationsAreManagedByTheirAdminsAndOperators) {
  EXPECT_TRUE(MayManageOrganisation(false, true));
  EXPECT_TRUE(MayManageOrganisation(true, false));
  EXPECT_FALSE(MayManageOrganisation(false, false));
}

TEST(PolicyTest, TheTableHasEveryAccessRule) {
  // Enumerators are consecutive from 0; the first value past the last has no name.
  int named = 0;
  while (AccessName(static_cast<Access>(named)) != "?") ++named;
  EXPECT_EQ(static_cast<std::size_t>(named), kAccesses.size()) << "a new Access rule needs a column here";
}

TEST(PolicyTest, AccessNamesAreDistinct) {
  std::map<std::string, int> seen;
  for (const Access a : kAccesses) ++seen[std::string(AccessName(a))];
  EXPECT_EQ(seen.size(), kAccesses.size());
  EXPECT_EQ(seen.count("?"), 0u);
}

}  // namespace
}  // namespace buurtplein::domain::accounts
