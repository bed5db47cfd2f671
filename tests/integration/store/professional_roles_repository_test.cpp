// Professionals and organisation admins on both engines (issue 3 §4, issue 5 §6): a person's
// professional links with their buurten (and whether the organisation still lists them), the
// policy's answer on top of them, questions addressed to a professional, and invitations that
// are withdrawn; site and city isolation throughout.
#include <string>

#include "domain/accounts/policy.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::SiteId;
using domain::UserId;
using domain::directory::OrgRole;
using domain::directory::Organization;
using domain::directory::Professional;
using domain::questions::QuestionDraft;
using domain::questions::Visibility;
using namespace domain::accounts;

constexpr UnixTime kNow = 1'750'000'000;

class ProfessionalRolesRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    anna_ = store().users().CreateUser(NewUser{"anna@example.nl", "Anna", "$argon2id$x", kNow})->id;
    piet_ = store().users().CreateUser(NewUser{"piet@example.nl", "Piet", "$argon2id$x", kNow})->id;
  }

  Organization Org(domain::CityId city, const std::string& name) {
    Organization o;
    o.name = name;
    auto r = store().directory().CreateOrganization(city, o, kNow);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? *r : Organization{};
  }

  void Profile(domain::CityId city, const Organization& org, UserId user, std::vector<std::string> buurten) {
    Professional p;
    p.user = user;
    p.organization = org.id;
    p.display_name = "Piet (voorbeeld)";
    p.buurt_codes = std::move(buurten);
    ASSERT_TRUE(store().directory().SaveProfessional(city, p, kNow).ok());
  }

  domain::questions::QuestionId Ask(SiteId site, Visibility v = Visibility::kPublic) {
    auto q = store().questions().CreateQuestion(site, anna_, QuestionDraft{"Waar kan ik terecht?", "", v}, kNow);
    EXPECT_TRUE(q.ok());
    return q.ok() ? q->id : domain::questions::QuestionId{};
  }

  domain::roles::RolesRepository& roles() { return store().roles(); }

  domain::CityId nijmegen_, arnhem_;
  SiteId oost_, zuid_;
  UserId anna_, piet_;
};

// Every logged-in site request learns from its standing query whether the person has a
// professional profile in the site's city; only then is their role worked out.
TEST_P(ProfessionalRolesRepositoryTest, TheSiteStandingSaysWhoHasAProfessionalProfile) {
  EXPECT_FALSE(store().memberships().FindStanding(oost_, nijmegen_, piet_).has_professional_profile);
  Profile(arnhem_, Org(arnhem_, "Buurtteam Arnhem (voorbeeld)"), piet_, {});
  EXPECT_FALSE(store().memberships().FindStanding(oost_, nijmegen_, piet_).has_professional_profile);
  Profile(nijmegen_, Org(nijmegen_, "Wijkteam (voorbeeld)"), piet_, {"BU02680000"});
  EXPECT_TRUE(store().memberships().FindStanding(oost_, nijmegen_, piet_).has_professional_profile);
  EXPECT_TRUE(store().memberships().FindStanding(zuid_, nijmegen_, piet_).has_professional_profile);
  EXPECT_FALSE(store().memberships().FindStanding(oost_, nijmegen_, anna_).has_professional_profile);
}

TEST_P(ProfessionalRolesRepositoryTest, ProfessionalLinksAndThePolicy) {
  EXPECT_TRUE(roles().ProfessionalLinks(nijmegen_, piet_).empty());
  auto wijkteam = Org(nijmegen_, "Wijkteam (voorbeeld)");
  auto bieb = Org(nijmegen_, "Bibliotheek (voorbeeld)");
  ASSERT_TRUE(store().directory().SetOrganizationRole(nijmegen_, wijkteam.id, piet_, OrgRole::kProfessional, kNow).ok());
  Profile(nijmegen_, wijkteam, piet_, {"BU02680000", "BU02680001"});
  // A profile for an organisation that does not (or no longer) list them.
  ASSERT_TRUE(store().directory().SetOrganizationRole(nijmegen_, bieb.id, piet_, OrgRole::kAdmin, kNow).ok());
  Profile(nijmegen_, bieb, piet_, {"BU02680002"});
  store().directory().DeleteOrganization(nijmegen_, bieb.id);

  auto links = roles().ProfessionalLinks(nijmegen_, piet_);
  ASSERT_EQ(links.size(), 1u);  // the deleted organisation's profile went with it
  EXPECT_EQ(links[0].organisation_name, "Wijkteam (voorbeeld)");
  EXPECT_EQ(links[0].organisation_id, wijkteam.id.value);
  EXPECT_TRUE(links[0].linked);
  EXPECT_EQ(links[0].buurt_codes, (std::vector<std::string>{"BU02680000", "BU02680001"}));
  // Another city: nothing.
  EXPECT_TRUE(roles().ProfessionalLinks(arnhem_, piet_).empty());
  EXPECT_TRUE(roles().ProfessionalLinks(nijmegen_, anna_).empty());

  // The policy: working in a site with one of those buurten, not in another.
  auto role = ProfessionalIn(links, {"BU02680001", "BU02680005"});
  ASSERT_TRUE(role.has_value());
  EXPECT_EQ(role->organisation_name, "Wijkteam (voorbeeld)");
  EXPECT_FALSE(ProfessionalIn(links, {"BU02680005"}).has_value());
  EXPECT_FALSE(ProfessionalIn(links, {}).has_value());

  // Removed from the organisation's people: the profile stays, but is not linked any more.
  ASSERT_TRUE(store().directory().SetOrganizationRole(nijmegen_, wijkteam.id, anna_, OrgRole::kAdmin, kNow).ok());
  Profile(nijmegen_, wijkteam, anna_, {"BU02680000"});
  ASSERT_NO_FATAL_FAILURE(db().Exec("DELETE FROM directory_organization_users WHERE user_id = " +
                                    std::to_string(anna_.value)));
  auto anna = roles().ProfessionalLinks(nijmegen_, anna_);
  ASSERT_EQ(anna.size(), 1u);
  EXPECT_FALSE(anna[0].linked);
  EXPECT_FALSE(ProfessionalIn(anna, {"BU02680000"}).has_value());
}

TEST_P(ProfessionalRolesRepositoryTest, QuestionsAddressedToAProfessional) {
  const auto q1 = Ask(oost_);
  const auto q2 = Ask(oost_, Visibility::kMembers);
  const auto other = Ask(zuid_);
  ASSERT_TRUE(roles().AddressQuestion(oost_, q1, piet_, kNow).ok());
  ASSERT_TRUE(roles().AddressQuestion(oost_, q2, piet_, kNow + 5).ok());
  // One addressee per question.
  EXPECT_EQ(roles().AddressQuestion(oost_, q1, anna_, kNow).error().code, ErrorCode::kConflict);
  // Not another site's question through this site.
  EXPECT_EQ(roles().AddressQuestion(oost_, other, piet_, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(roles().AddresseeOf(oost_, q1), piet_);
  EXPECT_FALSE(roles().AddresseeOf(zuid_, q1).has_value());
  EXPECT_FALSE(roles().AddresseeOf(zuid_, other).has_value());

  auto all = roles().AddressedTo(oost_, piet_, true, 10, 0);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].question, q2);  // newest first
  EXPECT_EQ(all[0].author_name, "Anna");
  auto public_only = roles().AddressedTo(oost_, piet_, false, 10, 0);
  ASSERT_EQ(public_only.size(), 1u);
  EXPECT_EQ(public_only[0].question, q1);
  EXPECT_EQ(roles().AddressedTo(oost_, piet_, true, 1, 1).size(), 1u);  // paged
  EXPECT_TRUE(roles().AddressedTo(zuid_, piet_, true, 10, 0).empty());
  EXPECT_TRUE(roles().AddressedTo(oost_, anna_, true, 10, 0).empty());

  // The question goes: its address goes too.
  ASSERT_TRUE(store().questions().DeleteQuestion(oost_, q1).ok());
  EXPECT_EQ(roles().AddressedTo(oost_, piet_, true, 10, 0).size(), 1u);
}

TEST_P(ProfessionalRolesRepositoryTest, InvitationsAreWithdrawnByTheirInviterOnly) {
  auto make = [&](SiteId site, const std::string& hash, UnixTime at) {
    Invitation i;
    i.inviter = anna_;
    i.token_hash = hash;
    i.created_at = at;
    i.expires_at = at + 14 * 24 * 3600;
    auto r = store().verification().CreateInvitation(site, i, 5);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->id : 0;
  };
  Membership m;
  m.user = anna_;
  m.kind = MembershipKind::kHome;
  m.status = MemberStatus::kVerified;
  ASSERT_TRUE(store().memberships().CreateMembership(oost_, m).ok());
  const auto first = make(oost_, "hash-1", kNow);
  const auto second = make(oost_, "hash-2", kNow + 10);
  const auto in_zuid = make(zuid_, "hash-3", kNow);
  auto open = roles().OpenInvitations(oost_, anna_, kNow + 20, 10, 0);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, second);  // newest first
  EXPECT_EQ(roles().OpenInvitations(oost_, anna_, kNow + 20, 1, 1).size(), 1u);
  EXPECT_TRUE(roles().OpenInvitations(oost_, piet_, kNow + 20, 10, 0).empty());

  // Someone else's, another site's, an unknown one: not found.
  EXPECT_EQ(roles().WithdrawInvitation(oost_, piet_, first, kNow + 30).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(roles().WithdrawInvitation(oost_, anna_, in_zuid, kNow + 30).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(roles().WithdrawInvitation(oost_, anna_, 999999, kNow + 30).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(roles().IsWithdrawn(oost_, "hash-1"));

  ASSERT_TRUE(roles().WithdrawInvitation(oost_, anna_, first, kNow + 30).ok());
  EXPECT_TRUE(roles().IsWithdrawn(oost_, "hash-1"));
  EXPECT_FALSE(roles().IsWithdrawn(zuid_, "hash-1"));
  EXPECT_FALSE(roles().IsWithdrawn(oost_, "hash-2"));
  // Twice: nothing open to withdraw any more.
  EXPECT_EQ(roles().WithdrawInvitation(oost_, anna_, first, kNow + 40).error().code, ErrorCode::kNotFound);
  // Withdrawn means expired for everything else: not open, not counted, cannot be accepted.
  EXPECT_EQ(roles().OpenInvitations(oost_, anna_, kNow + 40, 10, 0).size(), 1u);
  EXPECT_EQ(store().verification().CountOpenInvitations(oost_, anna_, kNow + 40), 1);
  EXPECT_FALSE(store().verification().AcceptInvitation(oost_, "hash-1", piet_, kNow + 40).ok());
  EXPECT_TRUE(store().verification().AcceptInvitation(oost_, "hash-2", piet_, kNow + 40).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, ProfessionalRolesRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
