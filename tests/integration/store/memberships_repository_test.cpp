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

constexpr const char* kAlreadyMember = "This account is already a member of this site.";
constexpr const char* kAlreadyHome = "This account already has a home site.";
constexpr const char* kNoSiteOrUser = "This site or account does not exist.";
constexpr const char* kNoSuchMembership = "This membership does not exist.";

void ExpectSame(const Membership& a, const Membership& b) {
  EXPECT_EQ(a.site, b.site);
  EXPECT_EQ(a.user, b.user);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.role, b.role);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.verified_by, b.verified_by);
  EXPECT_EQ(a.postcode, b.postcode);
  EXPECT_EQ(a.house_number, b.house_number);
  EXPECT_EQ(a.created_at, b.created_at);
  EXPECT_EQ(a.verified_at, b.verified_at);
}

std::vector<UserId> Users(const std::vector<Membership>& list) {
  std::vector<UserId> out;
  for (const auto& m : list) out.push_back(m.user);
  return out;
}

class MembershipsRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    const auto arnhem = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    site_a_ = store().sites().CreateSite(nijmegen, MakeDraft("oost", "Oost"))->id;
    site_b_ = store().sites().CreateSite(arnhem, MakeDraft("oost", "Oost Arnhem"))->id;
    site_c_ = store().sites().CreateSite(nijmegen, MakeDraft("west", "West"))->id;
  }

  UserId MustCreateUser(const std::string& email) {
    auto r = store().users().CreateUser(NewUser{email, email, "$argon2id$x", kNow});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? r->id : UserId{};
  }

  static Membership Make(UserId user, MembershipKind kind, MemberStatus status = MemberStatus::kUnverified,
                         UnixTime created_at = kNow) {
    Membership m;
    m.user = user;
    m.kind = kind;
    m.status = status;
    m.created_at = created_at;
    return m;
  }

  void MustJoin(SiteId site, const Membership& m) {
    auto r = store().memberships().CreateMembership(site, m);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
  }

  SiteId site_a_;
  SiteId site_b_;
  SiteId site_c_;
};

TEST_P(MembershipsRepositoryTest, CreateAndFind) {
  const UserId anna = MustCreateUser("anna@example.nl");
  Membership m = Make(anna, MembershipKind::kHome, MemberStatus::kPending);
  m.site = site_b_;  // the site argument decides, not this field
  m.role = MemberRole::kBuurtverbinder;
  m.verified_by = VerificationMethod::kApproval;
  m.postcode = "6511 AB";
  m.house_number = "12a";

  auto created = store().memberships().CreateMembership(site_a_, m);
  ASSERT_TRUE(created.ok()) << created.error().internal_detail;
  EXPECT_EQ(created->site, site_a_);

  auto found = store().memberships().FindMembership(site_a_, anna);
  ASSERT_TRUE(found);
  Membership expected = m;
  expected.site = site_a_;
  ExpectSame(*found, expected);
  EXPECT_FALSE(store().memberships().FindMembership(site_b_, anna));
  EXPECT_FALSE(store().memberships().FindMembership(site_a_, UserId{anna.value + 1000}));
}

TEST_P(MembershipsRepositoryTest, OneHomePerUserAndOneMembershipPerSite) {
  const UserId anna = MustCreateUser("anna@example.nl");
  MustJoin(site_a_, Make(anna, MembershipKind::kHome));

  auto second_home = store().memberships().CreateMembership(site_b_, Make(anna, MembershipKind::kHome));
  ASSERT_FALSE(second_home.ok());
  EXPECT_EQ(second_home.error().code, ErrorCode::kConflict);
  EXPECT_EQ(second_home.error().public_message, kAlreadyHome);
  EXPECT_FALSE(second_home.error().internal_detail.empty());
  EXPECT_FALSE(store().memberships().FindMembership(site_b_, anna));

  MustJoin(site_b_, Make(anna, MembershipKind::kFollow));  // following another site is fine

  auto twice = store().memberships().CreateMembership(site_a_, Make(anna, MembershipKind::kFollow));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  EXPECT_EQ(twice.error().public_message, kAlreadyMember);
  EXPECT_EQ(store().memberships().FindMembership(site_a_, anna)->kind, MembershipKind::kHome);

  // Moving house: leave the old home, then the new one is allowed.
  ASSERT_TRUE(store().memberships().DeleteMembership(site_a_, anna).ok());
  MustJoin(site_c_, Make(anna, MembershipKind::kHome));

  // Another person may have the same home site.
  const UserId bert = MustCreateUser("bert@example.nl");
  MustJoin(site_c_, Make(bert, MembershipKind::kHome));
}

TEST_P(MembershipsRepositoryTest, UnknownSiteOrAccountIsNotFound) {
  const UserId anna = MustCreateUser("anna@example.nl");
  auto no_site = store().memberships().CreateMembership(SiteId{site_c_.value + 1000}, Make(anna, MembershipKind::kHome));
  ASSERT_FALSE(no_site.ok());
  EXPECT_EQ(no_site.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(no_site.error().public_message, kNoSiteOrUser);

  auto no_user = store().memberships().CreateMembership(site_a_, Make(UserId{anna.value + 1000}, MembershipKind::kFollow));
  ASSERT_FALSE(no_user.ok());
  EXPECT_EQ(no_user.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store().memberships().ListMembershipsOfUser(anna).empty());
}

TEST_P(MembershipsRepositoryTest, StatusAndRole) {
  const UserId anna = MustCreateUser("anna@example.nl");
  MustJoin(site_a_, Make(anna, MembershipKind::kHome, MemberStatus::kPending));

  ASSERT_TRUE(store()
                  .memberships()
                  .SetMembershipStatus(site_a_, anna, MemberStatus::kVerified, VerificationMethod::kHouseholdCode,
                                       kNow + 50)
                  .ok());
  auto m = store().memberships().FindMembership(site_a_, anna);
  EXPECT_EQ(m->status, MemberStatus::kVerified);
  EXPECT_EQ(m->verified_by, VerificationMethod::kHouseholdCode);
  EXPECT_EQ(m->verified_at, kNow + 50);

  ASSERT_TRUE(store().memberships().SetMembershipRole(site_a_, anna, MemberRole::kBuurtverbinder).ok());
  EXPECT_EQ(store().memberships().FindMembership(site_a_, anna)->role, MemberRole::kBuurtverbinder);

  // Back to unverified: no verification time remains, whatever the caller passes.
  ASSERT_TRUE(store()
                  .memberships()
                  .SetMembershipStatus(site_a_, anna, MemberStatus::kUnverified, VerificationMethod::kNone, kNow + 60)
                  .ok());
  m = store().memberships().FindMembership(site_a_, anna);
  EXPECT_EQ(m->status, MemberStatus::kUnverified);
  EXPECT_EQ(m->verified_by, VerificationMethod::kNone);
  EXPECT_FALSE(m->verified_at);
  EXPECT_EQ(m->role, MemberRole::kBuurtverbinder);
}

TEST_P(MembershipsRepositoryTest, SiteCannotSeeOrChangeAnotherSitesMembers) {
  const UserId anna = MustCreateUser("anna@example.nl");
  Membership m = Make(anna, MembershipKind::kHome, MemberStatus::kPending, kNow);
  m.postcode = "6511 AB";
  m.house_number = "12";
  MustJoin(site_a_, m);
  const Membership before = *store().memberships().FindMembership(site_a_, anna);

  // Site B asks about, and tries to change, the member of site A.
  EXPECT_FALSE(store().memberships().FindMembership(site_b_, anna));
  for (const domain::Status& st :
       {store().memberships().SetMembershipStatus(site_b_, anna, MemberStatus::kVerified, VerificationMethod::kApproval,
                                                  kNow),
        store().memberships().SetMembershipRole(site_b_, anna, MemberRole::kBuurtverbinder),
        store().memberships().DeleteMembership(site_b_, anna)}) {
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(st.error().public_message, kNoSuchMembership);
  }
  EXPECT_TRUE(store().memberships().ListPending(site_b_, 50, 0).empty());
  EXPECT_EQ(store().memberships().CountMembers(site_b_, MemberStatus::kPending), 0);

  // Site A's row is exactly as it was.
  auto after = store().memberships().FindMembership(site_a_, anna);
  ASSERT_TRUE(after);
  ExpectSame(*after, before);
  EXPECT_EQ(Users(store().memberships().ListPending(site_a_, 50, 0)), std::vector<UserId>{anna});
  EXPECT_EQ(store().memberships().CountMembers(site_a_, MemberStatus::kPending), 1);
}

TEST_P(MembershipsRepositoryTest, PendingListIsOldestFirstAndPaginated) {
  std::vector<UserId> u;
  for (int i = 0; i < 8; ++i) u.push_back(MustCreateUser("user" + std::to_string(i) + "@example.nl"));
  MustJoin(site_a_, Make(u[0], MembershipKind::kHome, MemberStatus::kPending, kNow + 50));
  MustJoin(site_a_, Make(u[1], MembershipKind::kHome, MemberStatus::kPending, kNow + 10));
  MustJoin(site_a_, Make(u[2], MembershipKind::kHome, MemberStatus::kPending, kNow + 30));
  MustJoin(site_a_, Make(u[3], MembershipKind::kFollow, MemberStatus::kPending, kNow + 30));  // same time: by user
  MustJoin(site_a_, Make(u[4], MembershipKind::kHome, MemberStatus::kPending, kNow + 20));
  MustJoin(site_a_, Make(u[5], MembershipKind::kHome, MemberStatus::kVerified, kNow + 1));
  MustJoin(site_a_, Make(u[6], MembershipKind::kFollow, MemberStatus::kUnverified, kNow + 2));
  MustJoin(site_b_, Make(u[7], MembershipKind::kHome, MemberStatus::kPending, kNow + 5));

  const std::vector<UserId> oldest_first{u[1], u[4], u[2], u[3], u[0]};
  EXPECT_EQ(Users(store().memberships().ListPending(site_a_, 50, 0)), oldest_first);
  std::vector<UserId> paged;
  for (int offset = 0; offset < 6; offset += 2) {
    const auto page = store().memberships().ListPending(site_a_, 2, offset);
    EXPECT_LE(page.size(), 2u);
    for (const auto& m : page) {
      EXPECT_EQ(m.site, site_a_);
      EXPECT_EQ(m.status, MemberStatus::kPending);
      paged.push_back(m.user);
    }
  }
  EXPECT_EQ(paged, oldest_first);
  EXPECT_TRUE(store().memberships().ListPending(site_a_, 2, 6).empty());

  EXPECT_EQ(store().memberships().CountMembers(site_a_, MemberStatus::kPending), 5);
  EXPECT_EQ(store().memberships().CountMembers(site_a_, MemberStatus::kVerified), 1);
  EXPECT_EQ(store().memberships().CountMembers(site_a_, MemberStatus::kUnverified), 1);
  EXPECT_EQ(store().memberships().CountMembers(site_b_, MemberStatus::kPending), 1);
  EXPECT_EQ(store().memberships().CountMembers(site_c_, MemberStatus::kPending), 0);

  // Approving one takes it off the list.
  ASSERT_TRUE(store()
                  .memberships()
                  .SetMembershipStatus(site_a_, u[1], MemberStatus::kVerified, VerificationMethod::kApproval, kNow + 99)
                  .ok());
  EXPECT_EQ(Users(store().memberships().ListPending(site_a_, 1, 0)), std::vector<UserId>{u[4]});
  EXPECT_EQ(store().memberships().CountMembers(site_a_, MemberStatus::kVerified), 2);
}

TEST_P(MembershipsRepositoryTest, ListMembershipsOfUserAcrossSites) {
  const UserId anna = MustCreateUser("anna@example.nl");
  const UserId bert = MustCreateUser("bert@example.nl");
  MustJoin(site_b_, Make(anna, MembershipKind::kFollow, MemberStatus::kUnverified, kNow + 20));
  MustJoin(site_a_, Make(anna, MembershipKind::kHome, MemberStatus::kVerified, kNow + 10));
  MustJoin(site_c_, Make(bert, MembershipKind::kHome, MemberStatus::kPending, kNow + 5));

  const auto list = store().memberships().ListMembershipsOfUser(anna);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].site, site_a_);
  EXPECT_EQ(list[0].kind, MembershipKind::kHome);
  EXPECT_EQ(list[1].site, site_b_);
  EXPECT_EQ(list[1].kind, MembershipKind::kFollow);
  for (const auto& m : list) EXPECT_EQ(m.user, anna);
  EXPECT_TRUE(store().memberships().ListMembershipsOfUser(UserId{bert.value + 1000}).empty());
}

TEST_P(MembershipsRepositoryTest, DeletingASiteRemovesItsMemberships) {
  const UserId anna = MustCreateUser("anna@example.nl");
  MustJoin(site_a_, Make(anna, MembershipKind::kHome));
  MustJoin(site_b_, Make(anna, MembershipKind::kFollow));
  db().Exec("DELETE FROM sites WHERE id = " + std::to_string(site_a_.value));

  EXPECT_EQ(Users(store().memberships().ListMembershipsOfUser(anna)), std::vector<UserId>{anna});
  EXPECT_EQ(store().memberships().ListMembershipsOfUser(anna)[0].site, site_b_);
  // The home membership went with the site, so a new home is allowed.
  MustJoin(site_c_, Make(anna, MembershipKind::kHome));
}

INSTANTIATE_TEST_SUITE_P(Engines, MembershipsRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
