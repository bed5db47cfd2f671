#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::ErrorCode;

class CitiesRepositoryTest : public StoreTest {};

TEST_P(CitiesRepositoryTest, CreateFindAndList) {
  auto nijmegen = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"));
  ASSERT_TRUE(nijmegen.ok()) << nijmegen.error().internal_detail;
  auto arnhem = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"));
  ASSERT_TRUE(arnhem.ok()) << arnhem.error().internal_detail;
  EXPECT_TRUE(nijmegen->id);
  EXPECT_NE(nijmegen->id, arnhem->id);

  auto by_slug = store().cities().FindCityBySlug("nijmegen");
  ASSERT_TRUE(by_slug);
  EXPECT_EQ(by_slug->id, nijmegen->id);
  EXPECT_EQ(by_slug->gemeente_code, "GM0268");
  EXPECT_EQ(by_slug->name, "Nijmegen");
  EXPECT_EQ(by_slug->association_name, "Vereniging Buurtplein Nijmegen");
  EXPECT_EQ(by_slug->lon, 5.85);
  EXPECT_EQ(by_slug->lat, 51.84);

  auto by_id = store().cities().FindCity(arnhem->id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->slug, "arnhem");

  EXPECT_FALSE(store().cities().FindCityBySlug("utrecht"));
  EXPECT_FALSE(store().cities().FindCity(domain::CityId{arnhem->id.value + nijmegen->id.value + 100}));

  auto all = store().cities().ListCities();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Arnhem");
  EXPECT_EQ(all[1].name, "Nijmegen");
}

TEST_P(CitiesRepositoryTest, CreateConflictsOnGemeenteCodeOrSlug) {
  ASSERT_TRUE(store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen")).ok());

  auto same_code = store().cities().CreateCity(MakeCity("GM0268", "nijmegen-2", "Nijmegen"));
  ASSERT_FALSE(same_code.ok());
  EXPECT_EQ(same_code.error().code, ErrorCode::kConflict);
  EXPECT_EQ(same_code.error().public_message, "This city already exists.");

  auto same_slug = store().cities().CreateCity(MakeCity("GM0202", "nijmegen", "Arnhem"));
  ASSERT_FALSE(same_slug.ok());
  EXPECT_EQ(same_slug.error().code, ErrorCode::kConflict);
  EXPECT_EQ(same_slug.error().public_message, "This city already exists.");

  EXPECT_EQ(store().cities().ListCities().size(), 1u);
}

TEST_P(CitiesRepositoryTest, UpsertCreatesThenUpdatesByGemeenteCode) {
  auto created = store().cities().UpsertCity(MakeCity("GM0268", "nijmegen", "Nijmegen"));
  ASSERT_TRUE(created.ok());

  auto changed = MakeCity("GM0268", "nijmegen-stad", "Nijmegen Stad");
  changed.association_name = "Buurtvereniging Nijmegen";
  auto updated = store().cities().UpsertCity(changed);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->id, created->id);

  auto found = store().cities().FindCity(created->id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->slug, "nijmegen-stad");
  EXPECT_EQ(found->name, "Nijmegen Stad");
  EXPECT_EQ(found->association_name, "Buurtvereniging Nijmegen");
  EXPECT_EQ(store().cities().ListCities().size(), 1u);

  // Another gemeente cannot take the slug.
  auto clash = store().cities().UpsertCity(MakeCity("GM0202", "nijmegen-stad", "Arnhem"));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_EQ(clash.error().public_message, "This city already exists.");
}

INSTANTIATE_TEST_SUITE_P(Engines, CitiesRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
