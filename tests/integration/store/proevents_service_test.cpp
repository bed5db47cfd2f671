// A professional working in a site who is no member of it puts their organisation's activity on
// the site's agenda (issue 4 §3, decision 0013), on both engines: always as the organisation their
// role names and always public; they change and delete only their own events, sign up for
// nothing and see no members-only events; buurtverbinders still change their events; a
// professional who is also a member posts as a member.
#include <string>

#include "domain/events/event_service.hpp"
#include "domain/events/local_time.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;
using domain::ManualClock;
using domain::SiteId;
using domain::UserId;
using domain::events::EventDraft;
using domain::events::EventService;
using domain::events::Viewer;
using domain::events::Visibility;
using namespace domain::accounts;

class ProfessionalEventsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    city_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(city_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(city_, MakeDraft("zuid", "Zuid"))->id;
    anna_ = User("anna");
    Member(anna_, oost_, MemberRole::kMember);
    bea_ = User("bea");
    Member(bea_, oost_, MemberRole::kBuurtverbinder);
    pim_ = User("pim");
    pia_ = User("pia");
    domain::directory::Organization o;
    o.name = "Buurtteam (voorbeeld)";
    team_ = store().directory().CreateOrganization(city_, o, clock_.Now())->id.value;
    o.name = "Welzijn (voorbeeld)";
    welzijn_ = store().directory().CreateOrganization(city_, o, clock_.Now())->id.value;
    service_ = std::make_unique<EventService>(store(), clock_);
  }

  UserId User(const std::string& name) {
    auto u = store().users().CreateUser(NewUser{name + "@example.nl", name, "$argon2id$x", clock_.Now()});
    EXPECT_TRUE(u.ok());
    return u->id;
  }

  void Member(UserId user, SiteId site, MemberRole role) {
    Membership m;
    m.user = user;
    m.role = role;
    m.status = MemberStatus::kVerified;
    m.created_at = clock_.Now();
    EXPECT_TRUE(store().memberships().CreateMembership(site, m).ok());
  }

  Viewer As(UserId user, SiteId site) { return Viewer::Of(user, store().memberships().FindMembership(site, user)); }
  // A professional working in `site` for `organisation` (what App::Guard finds with ProfessionalIn).
  Viewer AsProfessional(UserId user, SiteId site, std::int64_t organisation) {
    Viewer v = As(user, site);
    v.professional_organisation = organisation;
    return v;
  }

  static EventDraft Draft(const std::string& title, std::optional<std::int64_t> organisation,
                          Visibility visibility = Visibility::kPublic) {
    EventDraft d;
    d.title = title;
    d.place_name = "Wijkcentrum";
    d.start_local = "2026-10-06T10:00";
    d.end_local = "2026-10-06T12:00";
    d.organisation_id = organisation;
    d.visibility = visibility;
    return d;
  }

  // Monday 5 October 2026, 12:00 in Amsterdam.
  ManualClock clock_{domain::events::ToUtc({{2026, 10, 5}, 12, 0})};
  std::unique_ptr<EventService> service_;
  domain::CityId city_;
  SiteId oost_, zuid_;
  UserId anna_, bea_, pim_, pia_;
  std::int64_t team_ = 0, welzijn_ = 0;
};

TEST_P(ProfessionalEventsTest, AddsPublicEventsAsTheirOrganisationOnly) {
  const Viewer pim = AsProfessional(pim_, oost_, team_);
  EXPECT_TRUE(pim.professional());
  EXPECT_FALSE(pim.member);
  // Not as a plain resident, not as another organisation, not members-only.
  EXPECT_EQ(service_->Create(oost_, pim, Draft("Spreekuur", std::nullopt)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Create(oost_, pim, Draft("Spreekuur", welzijn_)).error().code, ErrorCode::kForbidden);
  auto members = service_->Create(oost_, pim, Draft("Spreekuur", team_, Visibility::kMembers));
  ASSERT_FALSE(members.ok());
  EXPECT_EQ(members.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(members.error().public_message,
            "Events of professionals are for everyone: only members add members-only events.");
  EXPECT_TRUE(store().events().ListEventsAfter(oost_, domain::events::EventId{0}, 10).empty()) << "nothing stored";

  auto e = service_->Create(oost_, pim, Draft("Spreekuur", team_));
  ASSERT_TRUE(e.ok()) << e.error().public_message;
  EXPECT_EQ(e->organiser, pim_);
  EXPECT_EQ(e->organisation_id, team_);
  EXPECT_EQ(e->organisation_ref_name, "Buurtteam (voorbeeld)");
  EXPECT_EQ(e->visibility, Visibility::kPublic);
  EXPECT_TRUE(EventService::MayChange(*e, pim));

  // Nobody without a role or membership in the site adds anything.
  EXPECT_EQ(service_->Create(oost_, As(pim_, oost_), Draft("Spreekuur", team_)).error().code, ErrorCode::kForbidden);
}

TEST_P(ProfessionalEventsTest, ChangeTheirOwnEventsOnlyAndSignUpForNothing) {
  const Viewer pim = AsProfessional(pim_, oost_, team_);
  const Viewer pia = AsProfessional(pia_, oost_, team_);  // a colleague of the same organisation
  auto e = service_->Create(oost_, pim, Draft("Inloop", team_));
  ASSERT_TRUE(e.ok());
  auto edited = service_->Edit(oost_, e->id, pim, Draft("Inloop met koffie", team_));
  ASSERT_TRUE(edited.ok());
  EXPECT_EQ(edited->title, "Inloop met koffie");
  // Their own event stays public and named after their organisation.
  EXPECT_EQ(service_->Edit(oost_, e->id, pim, Draft("Inloop", team_, Visibility::kMembers)).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(service_->Edit(oost_, e->id, pim, Draft("Inloop", std::nullopt)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Edit(oost_, e->id, pim, Draft("Inloop", welzijn_)).error().code, ErrorCode::kForbidden);
  // Not someone else's: not a colleague's, not a resident's.
  EXPECT_EQ(service_->Edit(oost_, e->id, pia, Draft("Van Pia", team_)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Delete(oost_, e->id, pia).error().code, ErrorCode::kForbidden);
  auto annas = service_->Create(oost_, As(anna_, oost_), Draft("Koffie", std::nullopt));
  ASSERT_TRUE(annas.ok());
  EXPECT_FALSE(EventService::MayChange(*annas, pim));
  EXPECT_EQ(service_->Edit(oost_, annas->id, pim, Draft("Koffie", team_)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->Delete(oost_, annas->id, pim).error().code, ErrorCode::kForbidden);
  // Once they no longer work in the site, the event is not theirs to change there.
  EXPECT_FALSE(EventService::MayChange(*edited, As(pim_, oost_)));
  // Through another site: not found.
  EXPECT_EQ(service_->Edit(zuid_, e->id, AsProfessional(pim_, zuid_, team_), Draft("X", team_)).error().code,
            ErrorCode::kNotFound);

  // No sign-ups, no members-only events: a professional is no member.
  auto signup = Draft("Met aanmelden", std::nullopt);
  signup.signup = true;
  auto open = service_->Create(oost_, As(anna_, oost_), signup);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(service_->SignUp(oost_, open->id, open->start_at, pim).error().code, ErrorCode::kForbidden);
  auto members_only = service_->Create(oost_, As(anna_, oost_), Draft("Leden", std::nullopt, Visibility::kMembers));
  ASSERT_TRUE(members_only.ok());
  EXPECT_EQ(service_->Find(oost_, members_only->id, pim).error().code, ErrorCode::kNotFound);

  // A buurtverbinder still changes and deletes the professional's event.
  const Viewer bea = As(bea_, oost_);
  EXPECT_TRUE(EventService::MayChange(*edited, bea));
  EXPECT_TRUE(service_->Edit(oost_, e->id, bea, Draft("Inloop (verplaatst)", team_)).ok());
  EXPECT_TRUE(service_->Delete(oost_, e->id, pim).ok()) << "and the professional deletes their own";
  EXPECT_EQ(service_->Find(oost_, e->id, bea).error().code, ErrorCode::kNotFound);
}

TEST_P(ProfessionalEventsTest, AProfessionalWhoIsAMemberPostsAsAMember) {
  Member(pia_, oost_, MemberRole::kMember);
  const Viewer pia = AsProfessional(pia_, oost_, team_);
  EXPECT_FALSE(pia.professional());
  auto own = service_->Create(oost_, pia, Draft("Burenborrel", std::nullopt, Visibility::kMembers));
  ASSERT_TRUE(own.ok());
  EXPECT_FALSE(own->organisation_id.has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, ProfessionalEventsTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
