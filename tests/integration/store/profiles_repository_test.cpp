// Profiles on both engines: the owner's own view, the texts and photo key, and the per-site
// view that shows a profile only to a site its owner is a verified member of.
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;

class ProfilesRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen, MakeDraft("zuid", "Zuid"))->id;
    anna_ = MustCreateUser("anna@example.nl", "Anna");
  }

  UserId MustCreateUser(const std::string& email, const std::string& name) {
    NewUser nu;
    nu.email = email;
    nu.display_name = name;
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    auto r = store().users().CreateUser(nu);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? r->id : UserId{};
  }

  void Join(SiteId site, UserId user, MemberStatus status, MembershipKind kind = MembershipKind::kHome) {
    Membership m;
    m.user = user;
    m.kind = kind;
    m.status = status;
    m.created_at = kNow;
    ASSERT_TRUE(store().memberships().CreateMembership(site, m).ok());
  }

  domain::profiles::ProfileRepository& profiles() { return store().profiles(); }

  SiteId oost_, zuid_;
  UserId anna_;
};

TEST_P(ProfilesRepositoryTest, ANeverEditedProfileHasTheNameAndEmptyTexts) {
  auto p = profiles().FindProfile(anna_);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user, anna_);
  EXPECT_EQ(p->display_name, "Anna");
  EXPECT_EQ(p->about, "");
  EXPECT_EQ(p->offer, "");
  EXPECT_EQ(p->photo_key, "");
  EXPECT_EQ(p->updated_at, kNow);
  EXPECT_FALSE(profiles().FindProfile(UserId{anna_.value + 1000}));
}

TEST_P(ProfilesRepositoryTest, TextsAreSavedAndReplaced) {
  ASSERT_TRUE(profiles().SaveProfileText(anna_, "Ik woon hier al 20 jaar.\nMet twee katten.", "Fietsen maken", kNow + 5).ok());
  auto p = profiles().FindProfile(anna_);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->about, "Ik woon hier al 20 jaar.\nMet twee katten.");
  EXPECT_EQ(p->offer, "Fietsen maken");
  EXPECT_EQ(p->updated_at, kNow + 5);
  ASSERT_TRUE(profiles().SaveProfileText(anna_, "ëéï — 500 tekens max", "", kNow + 9).ok());
  p = profiles().FindProfile(anna_);
  EXPECT_EQ(p->about, "ëéï — 500 tekens max");
  EXPECT_EQ(p->offer, "");
  EXPECT_EQ(p->updated_at, kNow + 9);
}

TEST_P(ProfilesRepositoryTest, FiveHundredCharactersFitAndTheDatabaseRefusesMore) {
  std::string five_hundred;
  for (int i = 0; i < 500; ++i) five_hundred += "é";  // 500 characters, 1000 bytes
  EXPECT_TRUE(profiles().SaveProfileText(anna_, five_hundred, five_hundred, kNow).ok());
  auto too_long = profiles().SaveProfileText(anna_, five_hundred + "x", "", kNow);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(profiles().FindProfile(anna_)->about, five_hundred);
}

TEST_P(ProfilesRepositoryTest, AnUnknownAccountIsNotFound) {
  const UserId nobody{anna_.value + 1000};
  auto s = profiles().SaveProfileText(nobody, "a", "b", kNow);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kNotFound);
  auto k = profiles().SetPhotoKey(nobody, "0123456789abcdef0123456789abcdef", kNow);
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.error().code, ErrorCode::kNotFound);
}

TEST_P(ProfilesRepositoryTest, SetPhotoKeyReturnsTheKeyItReplaces) {
  const std::string first = "0123456789abcdef0123456789abcdef";
  const std::string second = "fedcba9876543210fedcba9876543210";
  auto r1 = profiles().SetPhotoKey(anna_, first, kNow);
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(*r1, "");
  ASSERT_TRUE(profiles().SaveProfileText(anna_, "over mij", "", kNow + 1).ok());
  EXPECT_EQ(profiles().FindProfile(anna_)->photo_key, first) << "saving texts keeps the photo";
  auto r2 = profiles().SetPhotoKey(anna_, second, kNow + 2);
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(*r2, first);
  auto r3 = profiles().SetPhotoKey(anna_, "", kNow + 3);
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(*r3, second);
  auto p = profiles().FindProfile(anna_);
  EXPECT_EQ(p->photo_key, "");
  EXPECT_EQ(p->about, "over mij") << "removing the photo keeps the texts";
}

TEST_P(ProfilesRepositoryTest, SiteAShowsOnlyItsOwnVerifiedMembers) {
  ASSERT_TRUE(profiles().SaveProfileText(anna_, "over Anna", "koken", kNow).ok());
  Join(oost_, anna_, MemberStatus::kVerified);
  const UserId bert = MustCreateUser("bert@example.nl", "Bert");
  Join(oost_, bert, MemberStatus::kPending);
  const UserId carla = MustCreateUser("carla@example.nl", "Carla");
  Join(zuid_, carla, MemberStatus::kVerified);
  Join(oost_, carla, MemberStatus::kUnverified, MembershipKind::kFollow);

  auto anna_in_oost = profiles().FindMemberProfile(oost_, anna_);
  ASSERT_TRUE(anna_in_oost);
  EXPECT_EQ(anna_in_oost->display_name, "Anna");
  EXPECT_EQ(anna_in_oost->about, "over Anna");
  EXPECT_EQ(anna_in_oost->offer, "koken");
  // Anna is not a member of Zuid: her profile cannot be read through Zuid.
  EXPECT_FALSE(profiles().FindMemberProfile(zuid_, anna_));
  // Pending and unverified members are not shown; nor are accounts that do not exist.
  EXPECT_FALSE(profiles().FindMemberProfile(oost_, bert));
  EXPECT_FALSE(profiles().FindMemberProfile(oost_, carla));
  EXPECT_TRUE(profiles().FindMemberProfile(zuid_, carla));
  EXPECT_FALSE(profiles().FindMemberProfile(oost_, UserId{anna_.value + 1000}));
  EXPECT_FALSE(profiles().FindMemberProfile(SiteId{zuid_.value + 1000}, anna_));
  // Verifying Bert makes him visible in Oost, and only there.
  ASSERT_TRUE(store()
                  .memberships()
                  .SetMembershipStatus(oost_, bert, MemberStatus::kVerified, VerificationMethod::kApproval, kNow)
                  .ok());
  EXPECT_TRUE(profiles().FindMemberProfile(oost_, bert));
  EXPECT_FALSE(profiles().FindMemberProfile(zuid_, bert));
}

TEST_P(ProfilesRepositoryTest, TheProfileGoesWithTheAccount) {
  ASSERT_TRUE(profiles().SaveProfileText(anna_, "weg", "weg", kNow).ok());
  ASSERT_TRUE(store().users().DeleteUser(anna_).ok());
  EXPECT_FALSE(profiles().FindProfile(anna_));
  const UserId again = MustCreateUser("anna2@example.nl", "Anna 2");
  EXPECT_EQ(profiles().FindProfile(again)->about, "");
}

INSTANTIATE_TEST_SUITE_P(Engines, ProfilesRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
