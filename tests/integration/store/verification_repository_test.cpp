// Household codes, invitations and approval (migration 0005) on both engines, with the rule that
// one site's codes, invitations and queue cannot be read or used through another site.
#include <string>
#include <vector>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;
constexpr const char* kBadCode = "This household code is not right, or it has been used already.";
constexpr const char* kBadInvitation = "This invitation is not valid (any more).";
constexpr const char* kAlreadyVerified = "You are already a verified member of this neighbourhood.";
constexpr const char* kHomeElsewhere = "You already live in another neighbourhood on Buurtplein. You can follow this one.";
constexpr const char* kNoRequest = "There is no request for approval from this person (any more).";

class VerificationRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen, MakeDraft("zuid", "Zuid"))->id;
    buurtverbinder_ = MustCreateUser("bv@example.nl");
  }

  UserId MustCreateUser(const std::string& email) {
    auto r = store().users().CreateUser(NewUser{email, email, "$argon2id$x", kNow});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? r->id : UserId{};
  }

  HouseholdCode Code(std::string batch, std::string label, std::string hash) {
    HouseholdCode c;
    c.batch = std::move(batch);
    c.address_label = std::move(label);
    c.code_hash = std::move(hash);
    c.created_by = buurtverbinder_;
    c.created_at = kNow;
    c.expires_at = kNow + 90 * 24 * 3600;
    return c;
  }

  Invitation MakeInvitation(UserId inviter, std::string hash, UnixTime created = kNow) {
    Invitation i;
    i.inviter = inviter;
    i.token_hash = std::move(hash);
    i.created_at = created;
    i.expires_at = created + 3600;
    return i;
  }

  void MustVerify(SiteId site, UserId user) {
    Membership m;
    m.user = user;
    m.kind = MembershipKind::kHome;
    m.status = MemberStatus::kVerified;
    m.verified_by = VerificationMethod::kApproval;
    m.created_at = kNow;
    m.verified_at = kNow;
    auto r = store().memberships().CreateMembership(site, m);
    ASSERT_TRUE(r.ok()) << r.error().internal_detail;
  }

  VerificationRepository& repo() { return store().verification(); }

  SiteId oost_;
  SiteId zuid_;
  UserId buurtverbinder_;
};

TEST_P(VerificationRepositoryTest, BatchIsStoredAndListedInOrderPerSite) {
  ASSERT_TRUE(repo().CreateHouseholdCodes(oost_, {Code("b1", "Hoofdstraat 1", "h1"), Code("b1", "Hoofdstraat 2", "h2"),
                                                  Code("b1", "Dorpsplein \"3\", achter", "h3")})
                  .ok());
  ASSERT_TRUE(repo().CreateHouseholdCodes(oost_, {Code("b2", "Kerkstraat 9", "h4")}).ok());
  auto batch = repo().ListHouseholdCodeBatch(oost_, "b1");
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_EQ(batch[0].address_label, "Hoofdstraat 1");
  EXPECT_EQ(batch[2].address_label, "Dorpsplein \"3\", achter");
  EXPECT_EQ(batch[1].code_hash, "h2");
  EXPECT_EQ(batch[1].site, oost_);
  EXPECT_EQ(batch[1].batch, "b1");
  EXPECT_EQ(batch[1].created_by, buurtverbinder_);
  EXPECT_EQ(batch[1].created_at, kNow);
  EXPECT_FALSE(batch[1].used_by);
  EXPECT_FALSE(batch[1].used_at);
  EXPECT_EQ(repo().ListHouseholdCodeBatch(oost_, "b2").size(), 1u);
  // Site isolation: Zuid does not see Oost's batch.
  EXPECT_TRUE(repo().ListHouseholdCodeBatch(zuid_, "b1").empty());
}

TEST_P(VerificationRepositoryTest, ABatchIsStoredWhollyOrNotAtAll) {
  ASSERT_TRUE(repo().CreateHouseholdCodes(oost_, {Code("b1", "A 1", "same")}).ok());
  auto clash = repo().CreateHouseholdCodes(oost_, {Code("b2", "B 1", "fresh"), Code("b2", "B 2", "same")});
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(repo().ListHouseholdCodeBatch(oost_, "b2").empty()) << "nothing of the failed batch is kept";
  // The same hash in another site is another code.
  EXPECT_TRUE(repo().CreateHouseholdCodes(zuid_, {Code("b3", "C 1", "same")}).ok());
}

TEST_P(VerificationRepositoryTest, ACodeVerifiesOnceAndOnlyInItsOwnSite) {
  ASSERT_TRUE(repo().CreateHouseholdCodes(oost_, {Code("b1", "Hoofdstraat 1", "h1")}).ok());
  const UserId anna = MustCreateUser("anna@example.nl");

  // Zuid cannot use Oost's code, and the failed attempt leaves it unused.
  auto wrong_site = repo().RedeemHouseholdCode(zuid_, "h1", anna, kNow);
  ASSERT_FALSE(wrong_site.ok());
  EXPECT_EQ(wrong_site.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(wrong_site.error().public_message, kBadCode);
  EXPECT_FALSE(store().memberships().FindMembership(zuid_, anna));

  auto ok = repo().RedeemHouseholdCode(oost_, "h1", anna, kNow + 5);
  ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  EXPECT_EQ(ok->site, oost_);
  EXPECT_EQ(ok->kind, MembershipKind::kHome);
  EXPECT_EQ(ok->status, MemberStatus::kVerified);
  EXPECT_EQ(ok->verified_by, VerificationMethod::kHouseholdCode);
  EXPECT_EQ(ok->verified_at, kNow + 5);
  const auto row = repo().ListHouseholdCodeBatch(oost_, "b1").at(0);
  EXPECT_EQ(row.used_by, anna);
  EXPECT_EQ(row.used_at, kNow + 5);

  const UserId bert = MustCreateUser("bert@example.nl");
  auto again = repo().RedeemHouseholdCode(oost_, "h1", bert, kNow + 6);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(store().memberships().FindMembership(oost_, bert));
}

TEST_P(VerificationRepositoryTest, ARefusedVerificationLeavesTheCodeUnused) {
  ASSERT_TRUE(repo().CreateHouseholdCodes(oost_, {Code("b1", "A 1", "h1"), Code("b1", "A 2", "h2")}).ok());
  ASSERT_TRUE(repo().CreateHouseholdCodes(zuid_, {Code("b2", "Z 1", "z1")}).ok());
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().RedeemHouseholdCode(oost_, "h1", anna, kNow).ok());

  auto twice = repo().RedeemHouseholdCode(oost_, "h2", anna, kNow);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().public_message, kAlreadyVerified);

  auto elsewhere = repo().RedeemHouseholdCode(zuid_, "z1", anna, kNow);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kConflict);
  EXPECT_EQ(elsewhere.error().public_message, kHomeElsewhere);

  EXPECT_FALSE(repo().ListHouseholdCodeBatch(oost_, "b1").at(1).used_at) << "rolled back";
  EXPECT_FALSE(repo().ListHouseholdCodeBatch(zuid_, "b2").at(0).used_at) << "rolled back";
  EXPECT_TRUE(repo().RedeemHouseholdCode(oost_, "h2", MustCreateUser("bert@example.nl"), kNow).ok());
}

TEST_P(VerificationRepositoryTest, ACodeUpgradesAFollowerAndKeepsTheRole) {
  ASSERT_TRUE(repo().CreateHouseholdCodes(oost_, {Code("b1", "A 1", "h1")}).ok());
  const UserId anna = MustCreateUser("anna@example.nl");
  Membership follow;
  follow.user = anna;
  follow.kind = MembershipKind::kFollow;
  follow.role = MemberRole::kBuurtverbinder;
  follow.created_at = kNow - 100;
  ASSERT_TRUE(store().memberships().CreateMembership(oost_, follow).ok());
  auto ok = repo().RedeemHouseholdCode(oost_, "h1", anna, kNow);
  ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  EXPECT_EQ(ok->kind, MembershipKind::kHome);
  EXPECT_EQ(ok->role, MemberRole::kBuurtverbinder);
  EXPECT_EQ(ok->created_at, kNow - 100);
}

TEST_P(VerificationRepositoryTest, ApprovalQueueIsPerSite) {
  const UserId anna = MustCreateUser("anna@example.nl");
  auto asked = repo().RequestApproval(oost_, anna, "6511 AB", "12 A", kNow);
  ASSERT_TRUE(asked.ok()) << asked.error().internal_detail;
  EXPECT_EQ(asked->status, MemberStatus::kPending);
  EXPECT_EQ(asked->kind, MembershipKind::kHome);
  EXPECT_EQ(asked->postcode, "6511 AB");
  EXPECT_EQ(asked->house_number, "12 A");

  // Asking again replaces the address.
  ASSERT_TRUE(repo().RequestApproval(oost_, anna, "6512 CD", "3", kNow + 1).ok());
  auto pending = store().memberships().ListPending(oost_, 10, 0);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].postcode, "6512 CD");
  EXPECT_TRUE(store().memberships().ListPending(zuid_, 10, 0).empty());

  // Zuid can neither approve nor refuse Oost's request.
  auto via_zuid = repo().ApprovePending(zuid_, anna, kNow);
  ASSERT_FALSE(via_zuid.ok());
  EXPECT_EQ(via_zuid.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(via_zuid.error().public_message, kNoRequest);
  EXPECT_FALSE(repo().RejectPending(zuid_, anna).ok());
  EXPECT_EQ(store().memberships().FindMembership(oost_, anna)->status, MemberStatus::kPending);

  ASSERT_TRUE(repo().ApprovePending(oost_, anna, kNow + 10).ok());
  auto m = store().memberships().FindMembership(oost_, anna);
  EXPECT_EQ(m->status, MemberStatus::kVerified);
  EXPECT_EQ(m->verified_by, VerificationMethod::kApproval);
  EXPECT_EQ(m->verified_at, kNow + 10);
  EXPECT_EQ(m->postcode, "") << "the address is forgotten once decided";
  EXPECT_EQ(m->house_number, "");
  EXPECT_FALSE(repo().ApprovePending(oost_, anna, kNow).ok()) << "no longer pending";

  // A verified member cannot be set back to pending by asking again.
  auto again = repo().RequestApproval(oost_, anna, "6511 AB", "1", kNow);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().public_message, kAlreadyVerified);
  EXPECT_EQ(store().memberships().FindMembership(oost_, anna)->status, MemberStatus::kVerified);
}

TEST_P(VerificationRepositoryTest, RejectingForgetsTheAddressAndLeavesAnUnverifiedMember) {
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().RequestApproval(oost_, anna, "6511 AB", "12", kNow).ok());
  ASSERT_TRUE(repo().RejectPending(oost_, anna).ok());
  auto m = store().memberships().FindMembership(oost_, anna);
  EXPECT_EQ(m->status, MemberStatus::kUnverified);
  EXPECT_EQ(m->postcode, "");
  EXPECT_EQ(m->house_number, "");
  auto elsewhere = repo().RequestApproval(zuid_, anna, "6500 AA", "1", kNow);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.error().public_message, kHomeElsewhere);
}

TEST_P(VerificationRepositoryTest, InvitationsHaveALimitPerMemberAndSite) {
  const UserId anna = MustCreateUser("anna@example.nl");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(repo().CreateInvitation(oost_, MakeInvitation(anna, "t" + std::to_string(i)), 3).ok());
  auto fourth = repo().CreateInvitation(oost_, MakeInvitation(anna, "t3"), 3);
  ASSERT_FALSE(fourth.ok());
  EXPECT_EQ(fourth.error().code, ErrorCode::kConflict);
  EXPECT_EQ(repo().CountOpenInvitations(oost_, anna, kNow), 3);
  EXPECT_EQ(repo().CountOpenInvitations(zuid_, anna, kNow), 0) << "counted per site";
  EXPECT_TRUE(repo().CreateInvitation(zuid_, MakeInvitation(anna, "z0"), 3).ok());
  // Expired invitations do not count.
  EXPECT_EQ(repo().CountOpenInvitations(oost_, anna, kNow + 3600), 0);
  EXPECT_TRUE(repo().CreateInvitation(oost_, MakeInvitation(anna, "t4", kNow + 3600), 3).ok());
}

TEST_P(VerificationRepositoryTest, AnInvitationVerifiesOnceInItsOwnSiteWhileTheInviterIsVerified) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  MustVerify(oost_, anna);
  auto created = repo().CreateInvitation(oost_, MakeInvitation(anna, "tok"), 5);
  ASSERT_TRUE(created.ok()) << created.error().internal_detail;
  EXPECT_EQ(created->site, oost_);

  auto found = repo().FindInvitation(oost_, "tok");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->inviter, anna);
  EXPECT_EQ(found->expires_at, kNow + 3600);
  EXPECT_FALSE(repo().FindInvitation(zuid_, "tok")) << "site isolation";

  auto via_zuid = repo().AcceptInvitation(zuid_, "tok", bert, kNow);
  ASSERT_FALSE(via_zuid.ok());
  EXPECT_EQ(via_zuid.error().public_message, kBadInvitation);
  EXPECT_FALSE(repo().AcceptInvitation(oost_, "tok", anna, kNow).ok()) << "not one's own";
  EXPECT_FALSE(repo().AcceptInvitation(oost_, "tok", bert, kNow + 3600).ok()) << "expired";

  auto ok = repo().AcceptInvitation(oost_, "tok", bert, kNow + 1);
  ASSERT_TRUE(ok.ok()) << ok.error().internal_detail;
  EXPECT_EQ(ok->status, MemberStatus::kVerified);
  EXPECT_EQ(ok->verified_by, VerificationMethod::kInvitation);
  EXPECT_EQ(repo().FindInvitation(oost_, "tok")->used_by, bert);

  const UserId chris = MustCreateUser("chris@example.nl");
  EXPECT_FALSE(repo().AcceptInvitation(oost_, "tok", chris, kNow + 2).ok()) << "single use";

  // An inviter who is no longer verified here invites nobody.
  ASSERT_TRUE(repo().CreateInvitation(oost_, MakeInvitation(anna, "tok2"), 5).ok());
  ASSERT_TRUE(store().memberships().DeleteMembership(oost_, anna).ok());
  auto gone = repo().AcceptInvitation(oost_, "tok2", chris, kNow + 3);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(repo().FindInvitation(oost_, "tok2")->used_at);
}

TEST_P(VerificationRepositoryTest, DeletingAnAccountKeepsUsedCodesUsed) {
  ASSERT_TRUE(repo().CreateHouseholdCodes(oost_, {Code("b1", "A 1", "h1")}).ok());
  const UserId anna = MustCreateUser("anna@example.nl");
  ASSERT_TRUE(repo().RedeemHouseholdCode(oost_, "h1", anna, kNow).ok());
  ASSERT_TRUE(repo().CreateInvitation(oost_, MakeInvitation(anna, "tok"), 5).ok());
  ASSERT_TRUE(store().users().DeleteUser(anna).ok());
  const auto row = repo().ListHouseholdCodeBatch(oost_, "b1").at(0);
  EXPECT_FALSE(row.used_by);
  EXPECT_EQ(row.used_at, kNow) << "still used: nobody else can take it";
  EXPECT_FALSE(repo().FindInvitation(oost_, "tok")) << "the inviter's invitations go with the account";
  ASSERT_TRUE(store().users().DeleteUser(buurtverbinder_).ok());
  EXPECT_FALSE(repo().ListHouseholdCodeBatch(oost_, "b1").at(0).created_by);
}

INSTANTIATE_TEST_SUITE_P(Engines, VerificationRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
