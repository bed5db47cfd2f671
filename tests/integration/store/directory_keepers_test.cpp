// Who keeps the sociale kaart right, on both engines: the association's categories (add, rename,
// retire; per city), people of an organisation (by display name, never e-mail; per city), the
// review list (oldest check first), and through the DirectoryService: the board verifies and
// edits any entry, an organisation admin cannot change another organisation, people get a mail
// when linked, a buurtverbinder's local place is written whole or not at all, and every write
// names its city to the change listener.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "domain/common/clock.hpp"
#include "domain/directory/directory_service.hpp"
#include "domain/mail/mail_service.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::CityId;
using domain::ErrorCode;
using domain::UserId;
using namespace domain::directory;

constexpr std::int64_t kNow = 1'780'000'000;  // 2026-05-28

class DirectoryKeepersTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    service_ = std::make_unique<DirectoryService>(store(), clock_);
    mail_ = std::make_unique<domain::mail::MailService>(store().mail());
    service_->SetMail(mail_.get(), "https://buurtplein.example");
    service_->EnsureTaxonomy(nijmegen_);
    service_->EnsureTaxonomy(arnhem_);
    service_->SetChangeListener([this](CityId c) { changed_.push_back(c); });
    olga_ = MakeUser("olga@example.nl", "Olga Organisatie");
    pim_ = MakeUser("pim@example.nl", "Pim Professional");
    keeper_.operator_ = true;
    keeper_.user = MakeUser("beheer@example.nl", "Beheer");
    board_.board = true;
    board_.user = MakeUser("bestuur@example.nl", "Bea Bestuur");
    board_.email = "bestuur@example.nl";
    olga_editor_.user = olga_;
  }

  UserId MakeUser(const std::string& email, const std::string& name) {
    domain::accounts::NewUser nu;
    nu.email = email;
    nu.display_name = name;
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    return store().users().CreateUser(nu)->id;
  }

  Organization Org(CityId city, const std::string& name) {
    Organization o;
    o.name = name;
    o.email = "info@example.nl";
    auto r = service_->SaveOrganization(city, keeper_, o);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : Organization{};
  }

  Service Svc(CityId city, OrganizationId org, const std::string& name) {
    Service s;
    s.organization = org;
    s.name = name;
    s.term_codes = {"zorg"};
    auto r = service_->SaveService(city, keeper_, s);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().public_message);
    return r.ok() ? *r : Service{};
  }

  DirectoryRepository& repo() { return store().directory(); }

  domain::ManualClock clock_{kNow};
  std::unique_ptr<DirectoryService> service_;
  std::unique_ptr<domain::mail::MailService> mail_;
  CityId nijmegen_, arnhem_;
  domain::SiteId oost_, zuid_;
  UserId olga_, pim_;
  Editor keeper_, board_, olga_editor_;
  std::vector<CityId> changed_;
};

TEST_P(DirectoryKeepersTest, TermsAreAddedRenamedAndRetiredPerCity) {
  const int before = repo().CountTerms(nijmegen_);
  auto added = repo().AddTerm(nijmegen_, Term{{}, "", "digitale-hulp", "Digitale hulp"});
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->name, "Digitale hulp");
  EXPECT_FALSE(added->retired);
  EXPECT_FALSE(added->uuid.empty());
  EXPECT_EQ(repo().CountTerms(nijmegen_), before + 1);
  EXPECT_EQ(repo().ListTerms(nijmegen_, 100, 0).back().code, "digitale-hulp");  // added at the end
  auto again = repo().AddTerm(nijmegen_, Term{{}, "", "digitale-hulp", "Nog eens"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(repo().FindTermByCode(arnhem_, "digitale-hulp").has_value());

  Term t = *added;
  t.name = "Hulp met computers";
  t.retired = true;
  // Not through another city.
  EXPECT_EQ(repo().UpdateTerm(arnhem_, "digitale-hulp", t).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(repo().UpdateTerm(nijmegen_, "digitale-hulp", t).ok());
  auto found = repo().FindTermByCode(nijmegen_, "digitale-hulp");
  EXPECT_EQ(found->name, "Hulp met computers");
  EXPECT_TRUE(found->retired);
  // Arnhem's own "zorg" is untouched by Nijmegen's change.
  Term zorg = *repo().FindTermByCode(nijmegen_, "zorg");
  zorg.retired = true;
  ASSERT_TRUE(repo().UpdateTerm(nijmegen_, "zorg", zorg).ok());
  EXPECT_FALSE(repo().FindTermByCode(arnhem_, "zorg")->retired);
}

TEST_P(DirectoryKeepersTest, PeopleOfAnOrganisationAndTheReviewList) {
  auto a = Org(nijmegen_, "A");
  ASSERT_TRUE(repo().SetOrganizationRole(nijmegen_, a.id, olga_, OrgRole::kAdmin, kNow).ok());
  ASSERT_TRUE(repo().SetOrganizationRole(nijmegen_, a.id, pim_, OrgRole::kProfessional, kNow).ok());
  auto people = repo().OrganizationUsers(nijmegen_, a.id, 10, 0);
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0].display_name, "Olga Organisatie");
  EXPECT_EQ(people[0].role, OrgRole::kAdmin);
  EXPECT_EQ(people[1].display_name, "Pim Professional");
  EXPECT_EQ(repo().CountOrganizationUsers(nijmegen_, a.id), 2);
  EXPECT_EQ(repo().OrganizationUsers(nijmegen_, a.id, 1, 1).size(), 1u);
  EXPECT_TRUE(repo().OrganizationUsers(arnhem_, a.id, 10, 0).empty());
  EXPECT_EQ(repo().CountOrganizationUsers(arnhem_, a.id), 0);
  EXPECT_EQ(repo().RemoveOrganizationRole(arnhem_, a.id, pim_).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(repo().RemoveOrganizationRole(nijmegen_, a.id, pim_).ok());
  EXPECT_FALSE(repo().RoleOf(nijmegen_, a.id, pim_).has_value());
  EXPECT_EQ(repo().RemoveOrganizationRole(nijmegen_, a.id, pim_).error().code, ErrorCode::kNotFound);

  auto fresh = Svc(nijmegen_, a.id, "Aa vers");
  auto old = Svc(nijmegen_, a.id, "Bb oud");
  auto never = Svc(nijmegen_, a.id, "Cc nooit");
  Svc(arnhem_, Org(arnhem_, "Arnhems").id, "Arnhemse dienst");
  ASSERT_TRUE(repo().Assure(nijmegen_, EntityType::kService, fresh.id.value, {"2026-05-01", "x@example.nl"}).ok());
  ASSERT_TRUE(repo().Assure(nijmegen_, EntityType::kService, old.id.value, {"2024-02-01", "x@example.nl"}).ok());
  auto review = repo().ServicesForReview(nijmegen_, 10, 0);
  ASSERT_EQ(review.size(), 3u);
  EXPECT_EQ(review[0].name, never.name);
  EXPECT_EQ(review[1].name, old.name);
  EXPECT_EQ(review[2].name, fresh.name);
  EXPECT_EQ(repo().CountAllServices(nijmegen_), 3);
  EXPECT_EQ(repo().CountAllServices(arnhem_), 1);
  EXPECT_EQ(repo().ServicesForReview(nijmegen_, 1, 2)[0].name, fresh.name);
}

TEST_P(DirectoryKeepersTest, TheBoardVerifiesAndEditsAnyEntryOfItsCity) {
  auto a = Org(nijmegen_, "A");
  auto s = Svc(nijmegen_, a.id, "Dienst");
  changed_.clear();
  ASSERT_TRUE(service_->VerifyService(nijmegen_, board_, s.id).ok());
  EXPECT_EQ(repo().FindService(nijmegen_, s.id)->assurance.assured_date, "2026-05-28");
  EXPECT_EQ(repo().FindService(nijmegen_, s.id)->assurance.assurer_email, "bestuur@example.nl");
  Service draft = *repo().FindService(nijmegen_, s.id);
  draft.name = "Dienst van de buurt";
  ASSERT_TRUE(service_->SaveService(nijmegen_, board_, draft).ok());
  EXPECT_EQ(changed_, (std::vector<CityId>{nijmegen_, nijmegen_}));  // only its own city
  auto history = repo().ListChanges(nijmegen_, EntityType::kService, s.id.value, 10);
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history[0].action, "edit");
  EXPECT_EQ(history[0].user_name, "Bea Bestuur");
  EXPECT_NE(history[0].changes_json.find("Dienst van de buurt"), std::string::npos);
  EXPECT_EQ(history[1].action, "verify");
  // A resident is no keeper.
  EXPECT_EQ(service_->VerifyService(nijmegen_, olga_editor_, s.id).error().code, ErrorCode::kForbidden);
  EXPECT_FALSE(service_->ForReview(nijmegen_, olga_editor_, 1, 10).ok());
  EXPECT_EQ(service_->ForReview(nijmegen_, board_, 1, 10)->total_items, 1);
}

TEST_P(DirectoryKeepersTest, AnOrganisationAdminCannotChangeAnotherOrganisation) {
  auto own = Org(nijmegen_, "Eigen");
  auto other = Org(nijmegen_, "Ander");
  ASSERT_TRUE(repo().SetOrganizationRole(nijmegen_, own.id, olga_, OrgRole::kAdmin, kNow).ok());
  auto theirs = Svc(nijmegen_, other.id, "Hun dienst");

  Organization o = other;
  o.name = "Gekaapt";
  EXPECT_EQ(service_->SaveOrganization(nijmegen_, olga_editor_, o).error().code, ErrorCode::kForbidden);
  Service sv = theirs;
  sv.name = "Gekaapt";
  EXPECT_EQ(service_->SaveService(nijmegen_, olga_editor_, sv).error().code, ErrorCode::kForbidden);
  // Nor move a service of theirs into her own organisation, nor add one to theirs.
  sv.organization = own.id;
  EXPECT_EQ(service_->SaveService(nijmegen_, olga_editor_, sv).error().code, ErrorCode::kForbidden);
  Service fresh;
  fresh.organization = other.id;
  fresh.name = "Nieuw";
  EXPECT_EQ(service_->SaveService(nijmegen_, olga_editor_, fresh).error().code, ErrorCode::kForbidden);
  Location l;
  l.organization = other.id;
  l.name = "Plek";
  EXPECT_EQ(service_->SaveLocation(nijmegen_, olga_editor_, l).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->AddPerson(nijmegen_, olga_editor_, other.id, "pim@example.nl", OrgRole::kAdmin).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(repo().FindOrganization(nijmegen_, other.id)->name, "Ander");
  EXPECT_EQ(repo().FindService(nijmegen_, theirs.id)->name, "Hun dienst");

  // Her own: the organisation, a new service, a place with weekly hours.
  o = own;
  o.description = "Wij helpen";
  ASSERT_TRUE(service_->SaveOrganization(nijmegen_, olga_editor_, o).ok());
  fresh.organization = own.id;
  auto mine = service_->SaveService(nijmegen_, olga_editor_, fresh);
  ASSERT_TRUE(mine.ok());
  l.organization = own.id;
  Schedule week;
  week.byday = "MO,TU,WE";
  week.opens_at = "09:00";
  week.closes_at = "17:00";
  l.schedules = {week};
  auto place = service_->SaveLocation(nijmegen_, olga_editor_, l);
  ASSERT_TRUE(place.ok());
  EXPECT_EQ(repo().FindLocation(nijmegen_, place->id)->schedules.at(0).byday, "MO,TU,WE");
  auto history = repo().ListChanges(nijmegen_, EntityType::kLocation, place->id.value, 5);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_NE(history[0].changes_json.find("opening_hours"), std::string::npos);
  // Through another city her organisation does not exist.
  EXPECT_EQ(service_->SaveOrganization(arnhem_, olga_editor_, o).error().code, ErrorCode::kForbidden);
}

TEST_P(DirectoryKeepersTest, PeopleAreLinkedByTheirAddressAndGetAMail) {
  auto a = Org(nijmegen_, "A");
  ASSERT_TRUE(repo().SetOrganizationRole(nijmegen_, a.id, olga_, OrgRole::kAdmin, kNow).ok());
  auto added = service_->AddPerson(nijmegen_, olga_editor_, a.id, "  PIM@example.nl ", OrgRole::kProfessional);
  ASSERT_TRUE(added.ok()) << added.error().public_message;
  EXPECT_EQ(added->display_name, "Pim Professional");
  EXPECT_EQ(repo().RoleOf(nijmegen_, a.id, pim_), OrgRole::kProfessional);
  bool mailed = false;
  for (const auto& m : store().mail().ListRecent(10)) {
    if (m.to_address == "pim@example.nl" && m.subject.find("A") != std::string::npos) mailed = true;
  }
  EXPECT_TRUE(mailed);
  auto unknown = service_->AddPerson(nijmegen_, olga_editor_, a.id, "niemand@example.nl", OrgRole::kAdmin);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kValidation);
  EXPECT_EQ(unknown.error().field, "email");
  auto list = service_->People(nijmegen_, board_, a.id, 1, 10);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total_items, 2);
  ASSERT_TRUE(service_->RemovePerson(nijmegen_, board_, a.id, pim_).ok());
  EXPECT_FALSE(repo().RoleOf(nijmegen_, a.id, pim_).has_value());
  // Pim (no admin) manages nobody.
  Editor pim;
  pim.user = pim_;
  EXPECT_EQ(service_->People(nijmegen_, pim, a.id, 1, 10).error().code, ErrorCode::kForbidden);
}

TEST_P(DirectoryKeepersTest, RetiredCategoriesStayButAreNotChosenAnew) {
  auto a = Org(nijmegen_, "A");
  auto s = Svc(nijmegen_, a.id, "Zorgdienst");  // has "zorg"
  ASSERT_TRUE(service_->UpdateTerm(nijmegen_, board_, "zorg", "Zorg", "", true).ok());
  EXPECT_EQ(service_->UpdateTerm(nijmegen_, olga_editor_, "zorg", "Zorg", "", false).error().code,
            ErrorCode::kForbidden);
  Service draft = *repo().FindService(nijmegen_, s.id);
  draft.description = "Nog steeds zorg";
  ASSERT_TRUE(service_->SaveService(nijmegen_, keeper_, draft).ok());  // keeps its retired category
  Service fresh;
  fresh.organization = a.id;
  fresh.name = "Nieuw";
  fresh.term_codes = {"zorg"};
  auto refused = service_->SaveService(nijmegen_, keeper_, fresh);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "categories");
  auto added = service_->AddTerm(nijmegen_, board_, "Digitale hulp", "Computers en telefoons");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(added->code, "digitale-hulp");
  EXPECT_EQ(service_->AddTerm(nijmegen_, board_, "Digitale  hulp!", "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->AddTerm(nijmegen_, board_, "  ", "").error().field, "name");
}

TEST_P(DirectoryKeepersTest, ABuurtverbinderAddsALocalPlaceForTheirSiteOnly) {
  Editor bv;
  bv.user = olga_;
  bv.buurtverbinder_of = oost_;
  LocalPlace place;
  place.name = "Wijkcentrum De Klif (voorbeeld)";
  place.description = "Koffie, cursussen en een spreekuur";
  place.term_code = "ontmoeting";
  place.address_1 = "Voorbeeldstraat 1";
  Schedule week;
  week.byday = "MO,TU";
  week.opens_at = "09:00";
  week.closes_at = "17:00";
  place.schedules = {week};
  EXPECT_EQ(service_->AddLocalPlace(nijmegen_, bv, zuid_, place).error().code, ErrorCode::kForbidden);
  const int orgs = repo().CountOrganizations(nijmegen_, {});
  // A bad part (the hours) leaves nothing behind.
  LocalPlace bad = place;
  bad.schedules[0].opens_at = "negen uur";
  auto refused = service_->AddLocalPlace(nijmegen_, bv, oost_, bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "schedules");
  EXPECT_EQ(repo().CountOrganizations(nijmegen_, {}), orgs);

  auto made = service_->AddLocalPlace(nijmegen_, bv, oost_, place);
  ASSERT_TRUE(made.ok()) << made.error().public_message;
  EXPECT_EQ(made->site, oost_);
  ASSERT_EQ(made->location_ids.size(), 1u);
  EXPECT_EQ(repo().FindLocation(nijmegen_, made->location_ids[0])->site, oost_);
  EXPECT_EQ(repo().FindLocation(nijmegen_, made->location_ids[0])->schedules.size(), 1u);
  EXPECT_EQ(repo().CountOrganizations(nijmegen_, {}), orgs + 1);
  // Shown for its own site, not for another (no buurten of either are given here).
  ServiceQuery q;
  q.buurt_codes = {"BU02680000"};
  q.site = oost_;
  EXPECT_EQ(repo().CountServices(nijmegen_, q), 1);
  q.site = zuid_;
  EXPECT_EQ(repo().CountServices(nijmegen_, q), 0);
  // Its buurtverbinder keeps it; the other site's does not.
  Service edit = *made;
  edit.description = "Ook een bibliotheekhoek";
  EXPECT_TRUE(service_->SaveService(nijmegen_, bv, edit).ok());
  Editor other_bv;
  other_bv.user = pim_;
  other_bv.buurtverbinder_of = zuid_;
  EXPECT_EQ(service_->SaveService(nijmegen_, other_bv, edit).error().code, ErrorCode::kForbidden);
}

TEST_P(DirectoryKeepersTest, AreasLanguagesAndExceptionDatesAreChecked) {
  const auto org = Org(nijmegen_, "Wijkteam");
  ASSERT_TRUE(repo().SetOrganizationRole(nijmegen_, org.id, olga_, OrgRole::kAdmin, kNow).ok());
  Service s = Svc(nijmegen_, org.id, "Spreekuur");
  auto field_of = [&](const Service& draft) {
    auto r = service_->SaveService(nijmegen_, olga_editor_, draft);
    return r.ok() ? std::string("ok") : r.error().field;
  };
  Service draft = s;
  draft.areas = {{"", AreaType::kCity, "", ""}, {"", AreaType::kWijk, "WK026801", ""}};
  EXPECT_EQ(field_of(draft), "service_areas");
  draft.areas = {{"", AreaType::kBuurt, "BU02020101", ""}};  // a buurt of Arnhem
  EXPECT_EQ(field_of(draft), "service_areas");
  draft.areas = {{"", AreaType::kWijk, "WK026801", ""}, {"", AreaType::kBuurt, "BU02680101", ""}};
  draft.languages = {{"", "Nederlands", "", ""}};
  EXPECT_EQ(field_of(draft), "languages");
  draft.languages = {{"", "nl", "Nederlands", ""}, {"", "ar", "", ""}};
  draft.free = true;
  EXPECT_EQ(field_of(draft), "ok");
  auto found = repo().FindService(nijmegen_, s.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->areas.size(), 2u);
  EXPECT_EQ(found->languages.size(), 2u);
  EXPECT_TRUE(found->free);
  // Arnhem's services are not changed through Nijmegen, nor Nijmegen's through Arnhem.
  EXPECT_EQ(service_->SaveService(arnhem_, keeper_, *found).error().code, ErrorCode::kNotFound);

  Location l;
  l.organization = org.id;
  l.name = "Buurtkamer";
  Schedule closed;
  closed.exception = true;
  closed.valid_from = "2026-12-25";
  closed.closed = true;
  Schedule shorter;
  shorter.exception = true;
  shorter.valid_from = "2026-12-24";
  shorter.opens_at = "09:00";
  shorter.closes_at = "12:00";
  auto place_field = [&](const Location& draft) {
    auto r = service_->SaveLocation(nijmegen_, olga_editor_, draft);
    return r.ok() ? std::string("ok") : r.error().field;
  };
  l.schedules = {closed, closed};
  EXPECT_EQ(place_field(l), "exceptions");  // the same date twice
  Schedule no_hours = shorter;
  no_hours.opens_at = no_hours.closes_at = "";
  l.schedules = {no_hours};
  EXPECT_EQ(place_field(l), "exceptions");
  Schedule reversed = shorter;
  std::swap(reversed.opens_at, reversed.closes_at);
  l.schedules = {reversed};
  EXPECT_EQ(place_field(l), "exceptions");
  Schedule bad_date = closed;
  bad_date.valid_from = "25-12-2026";
  l.schedules = {bad_date};
  EXPECT_EQ(place_field(l), "exceptions");
  l.schedules = {closed, shorter};
  auto saved = service_->SaveLocation(nijmegen_, olga_editor_, l);
  ASSERT_TRUE(saved.ok()) << saved.error().public_message;
  auto place = repo().FindLocation(nijmegen_, saved->id);
  ASSERT_TRUE(place);
  EXPECT_EQ(place->schedules.size(), 2u);
  EXPECT_FALSE(repo().FindLocation(arnhem_, saved->id));
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectoryKeepersTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
