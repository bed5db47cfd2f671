// The sociale kaart on both engines: taxonomy, organisations, locations, services with their
// parts; filters (search, category, free, language, buurten served); city isolation (an entry
// of one city cannot be read or changed through another); verification, history, roles,
// professionals; a transaction that fails leaves nothing behind.
#include <algorithm>
#include <string>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::CityId;
using domain::ErrorCode;
using domain::UserId;
using namespace domain::directory;

constexpr std::int64_t kNow = 1'750'000'000;

class DirectoryRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
    for (CityId c : {nijmegen_, arnhem_}) {
      repo().EnsureTaxonomy(c, {"", "Buurtplein sociale kaart", "Categorieën", "1"},
                            {Term{{}, "", "zorg", "Zorg"}, Term{{}, "", "geldzaken", "Geldzaken"},
                             Term{{}, "", "ontmoeting", "Ontmoeting"}});
    }
    domain::accounts::NewUser nu;
    nu.email = "org.admin@example.nl";
    nu.display_name = "Olga";
    nu.password_hash = "$argon2id$x";
    nu.created_at = kNow;
    olga_ = store().users().CreateUser(nu)->id;
  }

  DirectoryRepository& repo() { return store().directory(); }

  Organization MustOrg(CityId city, const std::string& name) {
    Organization o;
    o.name = name;
    o.description = "Over " + name;
    o.email = "info@" + name + ".example.nl";
    o.phones = {{"", "024 000 0000", "voice", ""}};
    auto r = repo().CreateOrganization(city, o, kNow);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? *r : Organization{};
  }

  Location MustLocation(CityId city, OrganizationId org, const std::string& name, const std::string& buurt) {
    Location l;
    l.organization = org;
    l.name = name;
    l.address_1 = "Voorbeeldstraat 1";
    l.postal_code = "6500 AA";
    l.address_city = "Nijmegen";
    l.state_province = "Gelderland";
    l.latitude = 51.84;
    l.longitude = 5.86;
    l.buurt_code = buurt;
    l.accessibility = "Rolstoeltoegankelijk";
    Schedule mon;
    mon.byday = "MO,TU";
    mon.opens_at = "09:00";
    mon.closes_at = "17:00";
    Schedule xmas;
    xmas.exception = true;
    xmas.valid_from = "2026-12-25";
    xmas.closed = true;
    l.schedules = {mon, xmas};
    auto r = repo().CreateLocation(city, l, kNow);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? *r : Location{};
  }

  Service MustService(CityId city, OrganizationId org, const std::string& name, std::vector<std::string> terms,
                      std::vector<ServiceArea> areas, bool free = false, std::vector<LocationId> locations = {}) {
    Service s;
    s.organization = org;
    s.name = name;
    s.description = "Hulp bij " + name;
    s.term_codes = std::move(terms);
    s.areas = std::move(areas);
    s.free = free;
    s.languages = {{"", "nl", "Nederlands", ""}};
    s.location_ids = std::move(locations);
    auto r = repo().CreateService(city, s, kNow);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? *r : Service{};
  }

  std::vector<std::string> Names(CityId city, ServiceQuery q) {
    std::vector<std::string> out;
    for (const auto& s : repo().ListServices(city, q)) out.push_back(s.name);
    return out;
  }

  CityId nijmegen_, arnhem_;
  UserId olga_;
};

TEST_P(DirectoryRepositoryTest, TaxonomyIsPerCityAndIdempotent) {
  EXPECT_EQ(repo().CountTerms(nijmegen_), 3);
  EXPECT_EQ(repo().EnsureTaxonomy(nijmegen_, {"", "Buurtplein sociale kaart", "", "1"},
                                  {Term{{}, "", "zorg", "Zorg"}, Term{{}, "", "wonen", "Wonen"}}),
            1);
  EXPECT_EQ(repo().CountTerms(nijmegen_), 4);
  EXPECT_EQ(repo().CountTerms(arnhem_), 3);
  EXPECT_EQ(repo().CountTaxonomies(nijmegen_), 1);
  auto terms = repo().ListTerms(nijmegen_, 2, 0);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].code, "zorg");
  EXPECT_TRUE(IsUuid(terms[0].uuid));
  EXPECT_EQ(terms[0].taxonomy_name, "Buurtplein sociale kaart");
  EXPECT_NE(repo().FindTermByCode(nijmegen_, "zorg")->uuid, repo().FindTermByCode(arnhem_, "zorg")->uuid);
}

TEST_P(DirectoryRepositoryTest, StoresAServiceWithAllItsParts) {
  auto org = MustOrg(nijmegen_, "Buurtteam");
  EXPECT_TRUE(IsUuid(org.uuid));
  ASSERT_EQ(org.phones.size(), 1u);
  auto loc = MustLocation(nijmegen_, org.id, "Wijkcentrum", "BU02680000");
  ASSERT_EQ(loc.schedules.size(), 2u);
  EXPECT_EQ(loc.schedules[0].byday, "MO,TU");
  EXPECT_TRUE(loc.schedules[1].exception);
  EXPECT_TRUE(loc.schedules[1].closed);
  ASSERT_TRUE(loc.latitude.has_value());
  EXPECT_NEAR(*loc.latitude, 51.84, 1e-9);

  auto s = MustService(nijmegen_, org.id, "Schuldhulp", {"geldzaken"},
                       {{"", AreaType::kWijk, "WK026801", "Centrum"}}, true, {loc.id});
  EXPECT_EQ(s.organization_name, "Buurtteam");
  EXPECT_EQ(s.organization_uuid, org.uuid);
  ASSERT_EQ(s.terms.size(), 1u);
  EXPECT_EQ(s.terms[0].name, "Geldzaken");
  ASSERT_EQ(s.areas.size(), 1u);
  EXPECT_EQ(s.areas[0].code, "WK026801");
  ASSERT_EQ(s.at_locations.size(), 1u);
  EXPECT_EQ(s.at_locations[0].location_uuid, loc.uuid);
  ASSERT_EQ(s.languages.size(), 1u);
  EXPECT_TRUE(s.free);

  auto by_uuid = repo().FindServiceByUuid(nijmegen_, s.uuid);
  ASSERT_TRUE(by_uuid.has_value());
  EXPECT_EQ(by_uuid->id, s.id);
  auto sal = repo().FindServiceAtLocationByUuid(nijmegen_, s.at_locations[0].uuid);
  ASSERT_TRUE(sal.has_value());
  EXPECT_EQ(sal->service_uuid, s.uuid);
  EXPECT_EQ(repo().CountServiceAtLocations(nijmegen_, "", ""), 1);

  // An edit replaces the parts; the link to the same location keeps its id.
  Service edit = s;
  edit.name = "Schuldhulpmaatje";
  edit.term_codes = {"geldzaken", "zorg"};
  edit.areas = {};
  ASSERT_TRUE(repo().UpdateService(nijmegen_, s.id, edit, kNow + 10).ok());
  auto after = repo().FindService(nijmegen_, s.id);
  EXPECT_EQ(after->name, "Schuldhulpmaatje");
  EXPECT_EQ(after->terms.size(), 2u);
  EXPECT_TRUE(after->areas.empty());
  EXPECT_EQ(after->at_locations[0].uuid, s.at_locations[0].uuid);
  EXPECT_EQ(after->updated_at, kNow + 10);

  ASSERT_TRUE(repo().DeleteService(nijmegen_, s.id).ok());
  EXPECT_FALSE(repo().FindService(nijmegen_, s.id).has_value());
  EXPECT_EQ(repo().DeleteService(nijmegen_, s.id).error().code, ErrorCode::kNotFound);
}

TEST_P(DirectoryRepositoryTest, AnUnknownCategoryWritesNothing) {
  auto org = MustOrg(nijmegen_, "Buurtteam");
  Service s;
  s.organization = org.id;
  s.name = "Iets";
  s.term_codes = {"bestaat-niet"};
  auto r = repo().CreateService(nijmegen_, s, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  EXPECT_EQ(r.error().field, "categories");
  EXPECT_EQ(repo().CountServices(nijmegen_, {}), 0);
}

TEST_P(DirectoryRepositoryTest, FiltersServices) {
  auto org = MustOrg(nijmegen_, "Stichting Voorbeeld");
  auto loc = MustLocation(nijmegen_, org.id, "Buurthuis", "BU02680101");
  MustService(nijmegen_, org.id, "Stadsbreed loket", {"zorg"}, {{"", AreaType::kCity, "", ""}});
  MustService(nijmegen_, org.id, "Wijkspreekuur", {"zorg"}, {{"", AreaType::kWijk, "WK026801", ""}}, true);
  MustService(nijmegen_, org.id, "Buurtkamer", {"ontmoeting"}, {{"", AreaType::kBuurt, "BU02680000", ""}}, true);
  MustService(nijmegen_, org.id, "Koffieochtend", {"ontmoeting"}, {}, false, {loc.id});
  MustService(nijmegen_, org.id, "Elders", {"geldzaken"}, {{"", AreaType::kBuurt, "BU02689999", ""}});

  using V = std::vector<std::string>;
  EXPECT_EQ(Names(nijmegen_, {}), (V{"Buurtkamer", "Elders", "Koffieochtend", "Stadsbreed loket", "Wijkspreekuur"}));
  ServiceQuery q;
  q.term_code = "zorg";
  EXPECT_EQ(Names(nijmegen_, q), (V{"Stadsbreed loket", "Wijkspreekuur"}));
  q = {};
  q.free_only = true;
  EXPECT_EQ(Names(nijmegen_, q), (V{"Buurtkamer", "Wijkspreekuur"}));
  q = {};
  q.search = "KOFFIE";
  EXPECT_EQ(Names(nijmegen_, q), (V{"Koffieochtend"}));
  q = {};
  q.search = "voorbeeld";  // the organisation's name
  EXPECT_EQ(repo().CountServices(nijmegen_, q), 5);
  q = {};
  q.language = "nl";
  EXPECT_EQ(repo().CountServices(nijmegen_, q), 5);
  q.language = "tr";
  EXPECT_EQ(repo().CountServices(nijmegen_, q), 0);
  // What serves buurt BU02680000 (in wijk WK026801): the city, its wijk, the buurt itself.
  q = {};
  q.buurt_codes = {"BU02680000"};
  q.wijk_codes = {"WK026801"};
  EXPECT_EQ(Names(nijmegen_, q), (V{"Buurtkamer", "Stadsbreed loket", "Wijkspreekuur"}));
  // A place in buurt BU02680101 serves it.
  q.buurt_codes = {"BU02680101"};
  q.wijk_codes = {"WK026801"};
  EXPECT_EQ(Names(nijmegen_, q), (V{"Koffieochtend", "Stadsbreed loket", "Wijkspreekuur"}));
  EXPECT_EQ(repo().CountServices(nijmegen_, q), 3);
  // Paging.
  q = {};
  q.limit = 2;
  q.offset = 2;
  EXPECT_EQ(Names(nijmegen_, q), (V{"Koffieochtend", "Stadsbreed loket"}));
  // By HSDS term id.
  q = {};
  q.term_uuid = repo().FindTermByCode(nijmegen_, "ontmoeting")->uuid;
  EXPECT_EQ(repo().CountServices(nijmegen_, q), 2);
  EXPECT_EQ(repo().CountServiceAtLocations(nijmegen_, "", q.term_uuid), 1);
  EXPECT_EQ(repo().CountServiceAtLocations(nijmegen_, "buurthuis", ""), 1);
}

TEST_P(DirectoryRepositoryTest, OneCityCannotReadOrChangeAnothersEntries) {
  auto org = MustOrg(nijmegen_, "Buurtteam");
  auto loc = MustLocation(nijmegen_, org.id, "Wijkcentrum", "");
  auto s = MustService(nijmegen_, org.id, "Schuldhulp", {"geldzaken"}, {}, false, {loc.id});

  EXPECT_FALSE(repo().FindOrganization(arnhem_, org.id).has_value());
  EXPECT_FALSE(repo().FindOrganizationByUuid(arnhem_, org.uuid).has_value());
  EXPECT_FALSE(repo().FindService(arnhem_, s.id).has_value());
  EXPECT_FALSE(repo().FindServiceByUuid(arnhem_, s.uuid).has_value());
  EXPECT_FALSE(repo().FindLocation(arnhem_, loc.id).has_value());
  EXPECT_FALSE(repo().FindServiceAtLocationByUuid(arnhem_, s.at_locations[0].uuid).has_value());
  EXPECT_EQ(repo().CountServices(arnhem_, {}), 0);
  EXPECT_EQ(repo().CountOrganizations(arnhem_, {}), 0);
  EXPECT_EQ(repo().CountServiceAtLocations(arnhem_, "", ""), 0);
  EXPECT_TRUE(repo().ListLocations(arnhem_, std::nullopt, 10, 0).empty());

  Organization o2 = org;
  o2.name = "Gekaapt";
  EXPECT_EQ(repo().UpdateOrganization(arnhem_, org.id, o2, kNow).error().code, ErrorCode::kNotFound);
  Service s2 = s;
  s2.name = "Gekaapt";
  EXPECT_EQ(repo().UpdateService(arnhem_, s.id, s2, kNow).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(repo().DeleteService(arnhem_, s.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(repo().DeleteOrganization(arnhem_, org.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(repo().Assure(arnhem_, EntityType::kService, s.id.value, {"2026-01-01", "x@example.nl"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(repo().SetOrganizationRole(arnhem_, org.id, olga_, OrgRole::kAdmin, kNow).error().code,
            ErrorCode::kNotFound);
  // An Arnhem service cannot be hung on a Nijmegen organisation or place.
  auto arnhem_org = MustOrg(arnhem_, "Arnhems team");
  Service foreign;
  foreign.organization = org.id;
  foreign.name = "Via Arnhem";
  EXPECT_EQ(repo().CreateService(arnhem_, foreign, kNow).error().code, ErrorCode::kNotFound);
  foreign.organization = arnhem_org.id;
  foreign.location_ids = {loc.id};
  EXPECT_EQ(repo().CreateService(arnhem_, foreign, kNow).error().code, ErrorCode::kValidation);

  EXPECT_EQ(repo().FindService(nijmegen_, s.id)->name, "Schuldhulp");
  EXPECT_EQ(repo().FindOrganization(nijmegen_, org.id)->name, "Buurtteam");
}

TEST_P(DirectoryRepositoryTest, AFailedTransactionLeavesNothing) {
  auto s = repo().InTransaction([&]() -> domain::Status {
    MustOrg(nijmegen_, "Eerste");
    Organization o;
    o.name = "Tweede";
    if (auto r = repo().CreateOrganization(nijmegen_, o, kNow); !r) return r.error();
    return domain::MakeError(ErrorCode::kValidation, "rij 3 is fout");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(repo().CountOrganizations(nijmegen_, {}), 0);

  // Inside a transaction, a failed write (a savepoint) does not undo the others.
  auto ok = repo().InTransaction([&]() -> domain::Status {
    MustOrg(nijmegen_, "Eerste");
    auto org = MustOrg(nijmegen_, "Tweede");
    Service bad;
    bad.organization = org.id;
    bad.name = "Fout";
    bad.term_codes = {"onbekend"};
    EXPECT_FALSE(repo().CreateService(nijmegen_, bad, kNow).ok());
    return domain::Ok{};
  });
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(repo().CountOrganizations(nijmegen_, {}), 2);
  EXPECT_EQ(repo().CountServices(nijmegen_, {}), 0);
}

TEST_P(DirectoryRepositoryTest, VerificationHistoryAndReminders) {
  auto org = MustOrg(nijmegen_, "Buurtteam");
  auto old = MustService(nijmegen_, org.id, "Oud", {}, {});
  auto fresh = MustService(nijmegen_, org.id, "Vers", {}, {});
  ASSERT_TRUE(repo().Assure(nijmegen_, EntityType::kService, fresh.id.value, {"2026-06-01", "beheer@example.nl"}).ok());
  ASSERT_TRUE(repo().Assure(nijmegen_, EntityType::kService, old.id.value, {"2024-01-01", "beheer@example.nl"}).ok());
  EXPECT_EQ(repo().FindService(nijmegen_, fresh.id)->assurance.assured_date, "2026-06-01");

  auto stale = repo().ListStale(nijmegen_, "2025-06-01", kNow, 10);
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(stale[0].id, old.id.value);
  EXPECT_EQ(stale[0].owner_email, org.email);
  repo().MarkReminded(nijmegen_, EntityType::kService, old.id.value, kNow);
  EXPECT_TRUE(repo().ListStale(nijmegen_, "2025-06-01", kNow, 10).empty());
  EXPECT_EQ(repo().ListStale(nijmegen_, "2025-06-01", kNow + 1, 10).size(), 1u);
  EXPECT_TRUE(repo().ListStale(arnhem_, "2027-01-01", kNow + 1, 10).empty());

  Change c;
  c.at = kNow;
  c.user = olga_;
  c.action = "edit";
  c.changes_json = R"({"name":["Oud","Ouder"]})";
  repo().AddChange(nijmegen_, EntityType::kService, old.id.value, c);
  c.action = "verify";
  c.at = kNow + 5;
  repo().AddChange(nijmegen_, EntityType::kService, old.id.value, c);
  auto history = repo().ListChanges(nijmegen_, EntityType::kService, old.id.value, 10);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "verify");
  EXPECT_EQ(history[1].user_name, "Olga");
  EXPECT_EQ(history[1].changes_json, R"({"name":["Oud","Ouder"]})");
  EXPECT_TRUE(repo().ListChanges(arnhem_, EntityType::kService, old.id.value, 10).empty());
}

TEST_P(DirectoryRepositoryTest, RolesAndProfessionals) {
  auto a = MustOrg(nijmegen_, "A");
  auto b = MustOrg(nijmegen_, "B");
  ASSERT_TRUE(repo().SetOrganizationRole(nijmegen_, a.id, olga_, OrgRole::kAdmin, kNow).ok());
  EXPECT_EQ(repo().RoleOf(nijmegen_, a.id, olga_), OrgRole::kAdmin);
  EXPECT_FALSE(repo().RoleOf(nijmegen_, b.id, olga_).has_value());
  EXPECT_FALSE(repo().RoleOf(arnhem_, a.id, olga_).has_value());
  ASSERT_TRUE(repo().SetOrganizationRole(nijmegen_, a.id, olga_, OrgRole::kProfessional, kNow).ok());
  EXPECT_EQ(repo().RoleOf(nijmegen_, a.id, olga_), OrgRole::kProfessional);

  Professional p;
  p.user = olga_;
  p.organization = a.id;
  p.display_name = "Olga de Vries";
  p.come_to_me_for = "Vragen over geld en formulieren";
  p.office_hours = "Dinsdag 9-12 in het wijkcentrum";
  p.buurt_codes = {"BU02680000", "BU02680001"};
  ASSERT_TRUE(repo().SaveProfessional(nijmegen_, p, kNow).ok());
  p.office_hours = "Woensdag";
  ASSERT_TRUE(repo().SaveProfessional(nijmegen_, p, kNow).ok());
  auto list = repo().ListProfessionals(nijmegen_, {"BU02680001"}, 10, 0);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].office_hours, "Woensdag");
  EXPECT_EQ(list[0].organization_name, "A");
  EXPECT_EQ(list[0].buurt_codes.size(), 2u);
  EXPECT_TRUE(repo().ListProfessionals(nijmegen_, {"BU02689999"}, 10, 0).empty());
  EXPECT_TRUE(repo().ListProfessionals(arnhem_, {}, 10, 0).empty());
  // Not through another city's organisation.
  EXPECT_FALSE(repo().SaveProfessional(arnhem_, p, kNow).ok());
  auto mine = repo().ProfessionalsOfUser(nijmegen_, olga_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].buurt_codes.size(), 2u);
  EXPECT_TRUE(repo().ProfessionalsOfUser(arnhem_, olga_).empty());
  auto orgs = repo().OrganizationsOfUser(nijmegen_, olga_, 10);
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].first.name, "A");
  EXPECT_EQ(orgs[0].second, OrgRole::kProfessional);
  EXPECT_TRUE(repo().OrganizationsOfUser(arnhem_, olga_, 10).empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectoryRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
