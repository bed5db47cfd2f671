// Importing the sociale kaart on both engines: the CSV template and HSDS JSON; a dry run reports
// every problem with its row and field and changes nothing; an import with a bad row changes
// nothing (one transaction) unless only the valid rows are asked for; progress is reported.
#include <string>

#include "app/directory_import.hpp"
#include "domain/common/clock.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using app::ImportDirectoryCsv;
using app::ImportDirectoryHsds;
using app::ImportOptions;
using domain::CityId;

const char* kHeader =
    "organization_name,organization_description,organization_website,organization_email,organization_phone,"
    "service_name,service_description,categories,free,fees_description,eligibility,application_process,"
    "service_url,service_email,service_phone,languages,areas,location_name,address,postal_code,address_city,"
    "latitude,longitude,buurt_code,accessibility,opening_hours,example\n";

std::string GoodRow(const std::string& org, const std::string& service) {
  return org + ",Over ons,https://voorbeeld.example.nl,info@voorbeeld.example.nl,024 000 0000," + service +
         ",\"Hulp, dichtbij\",zorg;geldzaken,ja,,Iedereen,Loop binnen,,,,nl;en,WK026801;stad,Buurthuis,"
         "Voorbeeldstraat 1,6511 AA,Nijmegen,\"51,8426\",5.8528,BU02680100,Rolstoel,\"MO,TU 09:00-17:00; "
         "2026-12-25 gesloten\",ja\n";
}

class DirectoryImportTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    city_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    other_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
  }

  int Services(CityId c) { return store().directory().CountServices(c, {}); }
  int Organizations(CityId c) { return store().directory().CountOrganizations(c, {}); }

  domain::ManualClock clock_{1'780'000'000};
  CityId city_, other_;
};

TEST_P(DirectoryImportTest, ImportsTheTemplate) {
  const std::string csv = std::string(kHeader) + GoodRow("Stichting A", "Dienst een") +
                          GoodRow("Stichting A", "Dienst twee") + GoodRow("Stichting B", "Dienst drie");
  auto report = ImportDirectoryCsv(store(), city_, csv, {}, clock_);
  EXPECT_TRUE(report.problems.empty()) << report.problems[0].field << ": " << report.problems[0].message;
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.imported, 3);
  EXPECT_EQ(Services(city_), 3);
  EXPECT_EQ(Organizations(city_), 2);
  EXPECT_EQ(Services(other_), 0);
  auto list = store().directory().ListServices(city_, {});
  ASSERT_EQ(list.size(), 3u);
  const auto& s = list[0];
  EXPECT_EQ(s.name, "Dienst drie");
  EXPECT_EQ(s.description, "Hulp, dichtbij");
  EXPECT_EQ(s.term_codes.size(), 2u);
  EXPECT_TRUE(s.free);
  EXPECT_EQ(s.areas.size(), 2u);
  EXPECT_EQ(s.languages.size(), 2u);
  ASSERT_EQ(s.location_ids.size(), 1u);
  auto place = store().directory().FindLocation(city_, s.location_ids[0]);
  ASSERT_TRUE(place.has_value());
  EXPECT_NEAR(*place->latitude, 51.8426, 1e-9);
  ASSERT_EQ(place->schedules.size(), 2u);
  EXPECT_TRUE(place->schedules[1].closed);
  // The history says it was imported.
  auto history = store().directory().ListChanges(city_, domain::directory::EntityType::kService, s.id.value, 5);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "import");
}

TEST_P(DirectoryImportTest, ADryRunReportsEveryProblemAndChangesNothing) {
  const std::string csv = std::string(kHeader) + GoodRow("Stichting A", "Goed") +
                          "Stichting B,,,geen-adres,,Fout,,bestaat-niet,misschien,,,,ftp://x,,,nl,XX123,,,,,,,,,,nee\n" +
                          ",,,,,,,,,,,,,,,,,,,,,,,,,,\n";
  ImportOptions options;
  options.dry_run = true;
  auto report = ImportDirectoryCsv(store(), city_, csv, options, clock_);
  EXPECT_EQ(report.rows, 3);
  EXPECT_EQ(report.valid, 1);
  EXPECT_EQ(report.imported, 0);
  EXPECT_FALSE(report.changed);
  auto has = [&](int row, const std::string& field) {
    for (const auto& p : report.problems) {
      if (p.row == row && p.field == field) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(2, "free"));
  EXPECT_TRUE(has(2, "areas"));
  EXPECT_TRUE(has(3, "organization_name"));
  EXPECT_TRUE(has(3, "service_name"));
  EXPECT_EQ(Services(city_), 0);
  EXPECT_EQ(Organizations(city_), 0);

  // Without --dry-run: still nothing, because a row has problems.
  auto real = ImportDirectoryCsv(store(), city_, csv, {}, clock_);
  EXPECT_FALSE(real.problems.empty());
  EXPECT_EQ(real.imported, 0);
  EXPECT_EQ(Services(city_), 0);
  EXPECT_EQ(Organizations(city_), 0);

  // --only-valid: the good row goes in, the others are reported.
  ImportOptions only_valid;
  only_valid.only_valid = true;
  auto partial = ImportDirectoryCsv(store(), city_, csv, only_valid, clock_);
  EXPECT_EQ(partial.imported, 1);
  EXPECT_FALSE(partial.problems.empty());
  EXPECT_EQ(Services(city_), 1);
}

TEST_P(DirectoryImportTest, CategoriesAreCheckedPerRowWithTheirField) {
  const std::string csv = std::string(kHeader) + GoodRow("A", "Een") +
                          "B,,,,,Twee,,zorg;onbekend,nee,,,,,,,,,,,,,,,,,,nee\n";
  auto report = ImportDirectoryCsv(store(), city_, csv, {}, clock_);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].row, 2);
  EXPECT_EQ(report.problems[0].field, "categories");
  EXPECT_EQ(Services(city_), 0);
}

TEST_P(DirectoryImportTest, ReportsProgressForLargeFiles) {
  std::string csv = kHeader;
  for (int i = 0; i < 250; ++i) csv += GoodRow("Stichting " + std::to_string(i % 7), "Dienst " + std::to_string(i));
  ImportOptions options;
  int calls = 0;
  options.progress = [&](const char*, int done, int total) {
    ++calls;
    EXPECT_EQ(total, 250);
    EXPECT_EQ(done % 100, 0);
  };
  auto report = ImportDirectoryCsv(store(), city_, csv, options, clock_);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.imported, 250);
  EXPECT_EQ(calls, 4);  // 100 and 200, checking and importing
  EXPECT_EQ(Organizations(city_), 7);
}

TEST_P(DirectoryImportTest, ImportsHsdsJsonAndReplacesOnASecondImport) {
  const std::string json = R"({"contents": [
    {"id": "3f1c7c1e-8f2a-4c55-9a43-6d2f7c0b1a01", "name": "Maaltijd aan huis", "status": "active",
     "description": "Warme maaltijden", "fees_description": "Gratis",
     "organization": {"id": "9d2b5a6c-1e3f-4a7b-8c9d-0e1f2a3b4c5d", "name": "Voorbeeld Maaltijden",
                      "description": "Verzonnen"},
     "attributes": [{"id": "1b7e2c44-5f61-4d0e-9a3b-7c8d9e0f1a2b", "taxonomy_term": {"code": "zorg", "name": "Zorg"}}],
     "languages": [{"id": "2c8f3d55-6a72-4e1f-8b4c-8d9e0f1a2b3c", "code": "nl"}],
     "service_areas": [{"id": "3d9a4e66-7b83-4f20-9c5d-9e0f1a2b3c4d", "extent": "WK026801", "name": "Centrum"}],
     "service_at_locations": [{"id": "4e0b5f77-8c94-4031-8d6e-0f1a2b3c4d5e", "location": {
        "id": "5f1c6088-9da5-4142-9e7f-1a2b3c4d5e6f", "location_type": "physical", "name": "Keuken",
        "latitude": 51.84, "longitude": 5.86,
        "schedules": [{"id": "602d7199-aeb6-4253-8f80-2b3c4d5e6f70", "freq": "WEEKLY", "byday": "MO,WE",
                       "opens_at": "11:00", "closes_at": "13:00"}]}}]},
    {"name": "Zonder organisatie", "status": "active"}
  ]})";
  ImportOptions dry;
  dry.dry_run = true;
  auto check = ImportDirectoryHsds(store(), city_, json, dry, clock_);
  ASSERT_FALSE(check.problems.empty());
  for (const auto& p : check.problems) EXPECT_EQ(p.row, 2) << p.field << ": " << p.message;
  EXPECT_EQ(check.problems[0].field, "organization");
  EXPECT_EQ(Services(city_), 0);

  ImportOptions only_valid;
  only_valid.only_valid = true;
  auto report = ImportDirectoryHsds(store(), city_, json, only_valid, clock_);
  EXPECT_EQ(report.imported, 1);
  auto s = store().directory().FindServiceByUuid(city_, "3f1c7c1e-8f2a-4c55-9a43-6d2f7c0b1a01");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->organization_uuid, "9d2b5a6c-1e3f-4a7b-8c9d-0e1f2a3b4c5d");
  EXPECT_TRUE(s->free);
  ASSERT_EQ(s->location_ids.size(), 1u);
  EXPECT_EQ(store().directory().FindLocation(city_, s->location_ids[0])->schedules.size(), 1u);
  // The same file again replaces instead of doubling.
  ImportDirectoryHsds(store(), city_, json, only_valid, clock_);
  EXPECT_EQ(Services(city_), 1);
  EXPECT_EQ(Organizations(city_), 1);
  // Not valid JSON.
  EXPECT_FALSE(ImportDirectoryHsds(store(), city_, "{", {}, clock_).problems.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, DirectoryImportTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
