#include <cstdio>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::sites::Area;
using domain::sites::AreaLevel;

class AreasRepositoryTest : public StoreTest {};

std::vector<std::string> Codes(const std::vector<Area>& areas) {
  std::vector<std::string> out;
  for (const auto& a : areas) out.push_back(a.code);
  return out;
}

TEST_P(AreasRepositoryTest, UpsertFindListCount) {
  auto areas = NijmegenAreas(3);
  auto other = MakeArea("BU03630000", AreaLevel::kBuurt, "Kop van Jut", "GM0363", "WK036300");
  areas.push_back(other);
  auto bare = MakeArea("BU02680009", AreaLevel::kBuurt, "Zonder cijfers", "GM0268", "WK026800");
  bare.lon = 5.123456789012345;
  bare.lat = -0.000001;
  areas.push_back(bare);
  ASSERT_TRUE(store().areas().UpsertAreas(areas).ok());

  auto found = store().areas().FindArea("BU02680001");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->code, "BU02680001");
  EXPECT_EQ(found->level, AreaLevel::kBuurt);
  EXPECT_EQ(found->name, "Buurt 1");
  EXPECT_EQ(found->gemeente_code, "GM0268");
  EXPECT_EQ(found->wijk_code, "WK026800");
  EXPECT_EQ(found->lon, areas[3].lon);  // exact: doubles survive the round trip
  EXPECT_EQ(found->lat, areas[3].lat);
  EXPECT_EQ(found->geometry_json, areas[3].geometry_json);
  EXPECT_EQ(found->inhabitants, 1001);

  auto no_figures = store().areas().FindArea("BU02680009");
  ASSERT_TRUE(no_figures);
  EXPECT_EQ(no_figures->inhabitants, std::nullopt);
  EXPECT_EQ(no_figures->geometry_json, "");
  EXPECT_EQ(no_figures->lon, 5.123456789012345);
  EXPECT_EQ(no_figures->lat, -0.000001);

  auto gemeente = store().areas().FindArea("GM0268");
  ASSERT_TRUE(gemeente);
  EXPECT_EQ(gemeente->level, AreaLevel::kGemeente);
  EXPECT_EQ(gemeente->wijk_code, "");

  EXPECT_FALSE(store().areas().FindArea("BU99999999"));

  EXPECT_EQ(Codes(store().areas().ListAreas("GM0268", AreaLevel::kBuurt)),
            (std::vector<std::string>{"BU02680000", "BU02680001", "BU02680002", "BU02680009"}));
  EXPECT_EQ(Codes(store().areas().ListAreas("GM0268", AreaLevel::kWijk)), (std::vector<std::string>{"WK026800"}));
  EXPECT_TRUE(store().areas().ListAreas("GM9999", AreaLevel::kBuurt).empty());

  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kBuurt), 5);
  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kWijk), 1);
  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kGemeente), 1);
}

TEST_P(AreasRepositoryTest, ReUpsertKeepsGeometryAndInhabitantsWhenNotGiven) {
  auto areas = NijmegenAreas(1);
  ASSERT_TRUE(store().areas().UpsertAreas(areas).ok());
  const std::string polygon = areas[2].geometry_json;

  // A later import of names and points only (no polygons, no figures).
  auto renamed = areas[2];
  renamed.name = "Binnenstad";
  renamed.geometry_json.clear();
  renamed.inhabitants.reset();
  renamed.lon = 5.8655;
  ASSERT_TRUE(store().areas().UpsertAreas({renamed}).ok());

  auto found = store().areas().FindArea(renamed.code);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Binnenstad");
  EXPECT_EQ(found->lon, 5.8655);
  EXPECT_EQ(found->geometry_json, polygon);
  EXPECT_EQ(found->inhabitants, 1000);

  // New figures and a new polygon replace the old ones.
  renamed.geometry_json = R"({"type":"Point","coordinates":[5.8655,51.84]})";
  renamed.inhabitants = 2024;
  ASSERT_TRUE(store().areas().UpsertAreas({renamed}).ok());
  found = store().areas().FindArea(renamed.code);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->geometry_json, renamed.geometry_json);
  EXPECT_EQ(found->inhabitants, 2024);
  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kBuurt), 1);
}

TEST_P(AreasRepositoryTest, ImportsAllOfTheNetherlandsInOneGo) {
  // About as many areas as CBS publishes (≈ 14,500 buurten, wijken and gemeenten).
  std::vector<Area> areas;
  for (int i = 0; i < 12000; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "BU%08d", i);
    auto a = MakeArea(code, AreaLevel::kBuurt, "Buurt " + std::to_string(i), "GM" + std::to_string(1000 + i % 342),
                      "WK" + std::to_string(i / 10));
    a.lon = 3.3 + i * 0.0001;
    a.lat = 50.7 + i * 0.0001;
    if (i % 3 != 0) a.inhabitants = i;
    areas.push_back(std::move(a));
  }
  ASSERT_TRUE(store().areas().UpsertAreas(areas).ok());
  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kBuurt), 12000);
  // Idempotent: a second import changes nothing in the count.
  ASSERT_TRUE(store().areas().UpsertAreas(areas).ok());
  EXPECT_EQ(store().areas().CountAreas(AreaLevel::kBuurt), 12000);
  auto last = store().areas().FindArea("BU00011999");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->inhabitants, 11999);
}

// The site home asks how many buurten a wijk has (does the site cover it whole?) instead of
// loading every buurt of the gemeente.
TEST_P(AreasRepositoryTest, CountsTheBuurtenOfAWijk) {
  auto areas = NijmegenAreas(3);  // WK026800 with three buurten
  areas.push_back(MakeArea("WK026801", AreaLevel::kWijk, "Oost", "GM0268"));
  areas.push_back(MakeArea("BU02680100", AreaLevel::kBuurt, "Oost 1", "GM0268", "WK026801"));
  // The same wijk code in another gemeente does not count.
  areas.push_back(MakeArea("BU03630100", AreaLevel::kBuurt, "Elders", "GM0363", "WK026801"));
  ASSERT_TRUE(store().areas().UpsertAreas(areas).ok());
  EXPECT_EQ(store().areas().CountBuurtenOfWijk("GM0268", "WK026800"), 3);
  EXPECT_EQ(store().areas().CountBuurtenOfWijk("GM0268", "WK026801"), 1);
  EXPECT_EQ(store().areas().CountBuurtenOfWijk("GM0363", "WK026801"), 1);
  EXPECT_EQ(store().areas().CountBuurtenOfWijk("GM0268", "WK999999"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, AreasRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
