// The search rebuild of the agenda and the sociale kaart on both engines: events written past
// the index (members-only and past ones too, more than one batch) and services are put again by
// EventService::Reindex and DirectoryService::Reindex through the real StoreIndexer, and the
// site and city search then find them; nothing of another site.
#include <string>

#include "domain/directory/directory_service.hpp"
#include "domain/events/event_service.hpp"
#include "domain/search/search_service.hpp"
#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::CityId;
using domain::SiteId;
using domain::UserId;
using domain::search::Kind;
using domain::search::ParseQuery;
using domain::search::SearchQuery;
using namespace domain::accounts;
namespace evt = domain::events;

constexpr std::int64_t kNow = 1'800'000'000;  // 2027-01-15

class VillageReindexTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    oost_ = store().sites().CreateSite(nijmegen_, MakeDraft("oost", "Oost"))->id;
    zuid_ = store().sites().CreateSite(nijmegen_, MakeDraft("zuid", "Zuid"))->id;
    anna_ = store().users().CreateUser(NewUser{"anna@example.nl", "Anna", "$argon2id$x", kNow})->id;
    indexer_ = std::make_unique<domain::search::StoreIndexer>(
        store().search(),
        [this](SiteId id) -> std::optional<domain::search::SitePlace> {
          return domain::search::SitePlace{nijmegen_, id == oost_ ? "/nijmegen/oost/" : "/nijmegen/zuid/"};
        },
        [](std::string_view) {});
  }

  evt::Event AddEvent(SiteId site, const std::string& title, const std::string& day,
                      evt::Visibility visibility = evt::Visibility::kPublic) {
    evt::EventDraft d;
    d.title = title;
    d.description_markdown = "Gezellig *samen*.";
    d.place_name = "Buurthuis De Klokkenberg";
    d.start_local = day + "T19:30";
    d.end_local = day + "T21:00";
    d.visibility = visibility;
    auto clean = evt::EventService::Clean(d);
    EXPECT_TRUE(clean.ok());
    auto e = store().events().CreateEvent(site, anna_, *clean, kNow);
    EXPECT_TRUE(e.ok());
    return *e;
  }

  static SearchQuery Query(const std::string& text) {
    SearchQuery q;
    q.terms = ParseQuery(text);
    q.now = kNow;
    q.limit = 10;
    return q;
  }

  CityId nijmegen_;
  SiteId oost_, zuid_;
  UserId anna_;
  domain::ManualClock clock_{kNow};
  std::unique_ptr<domain::search::StoreIndexer> indexer_;
};

TEST_P(VillageReindexTest, EveryEventOfASiteInBatchesIsFoundAfterARebuild) {
  const int kEvents = evt::EventService::kReindexBatch + 3;
  for (int i = 0; i < kEvents - 3; ++i) AddEvent(oost_, "Koffieochtend " + std::to_string(i), "2027-02-01");
  const auto repair = AddEvent(oost_, "Repaircafé Klokkenberg", "2027-02-13");
  const auto past = AddEvent(oost_, "Oliebollenfeest", "2026-12-31");
  const auto secret = AddEvent(oost_, "Vergadering bewonerscommissie", "2027-02-20", evt::Visibility::kMembers);
  const auto other = AddEvent(zuid_, "Repaircafé Zuid", "2027-02-13");
  ASSERT_EQ(store().search().CountDocuments(), 0) << "written past the index";

  evt::EventService events(store(), clock_);
  events.SetSiteLocator([this](SiteId id) -> std::optional<evt::SitePlace> {
    return evt::SitePlace{nijmegen_, id == oost_ ? "/nijmegen/oost/" : "/nijmegen/zuid/"};
  });
  EXPECT_EQ(events.Reindex(oost_, *indexer_), kEvents);
  EXPECT_EQ(store().search().CountDocuments(), kEvents) << "nothing of another site";

  auto hits = store().search().SearchSite(oost_, nijmegen_, Query("repaircafe"), false).hits;
  ASSERT_EQ(hits.size(), 1u) << "accents folded";
  EXPECT_EQ(hits[0].kind, Kind::kEvent);
  EXPECT_EQ(hits[0].item_id, repair.id.value);
  EXPECT_EQ(hits[0].url, "/nijmegen/oost/agenda/" + std::to_string(repair.id.value));
  EXPECT_EQ(store().search().SearchSite(oost_, nijmegen_, Query("oliebollenfeest"), false).hits.size(), 1u)
      << "past events stay findable, as on a write";
  EXPECT_TRUE(store().search().SearchSite(oost_, nijmegen_, Query("bewonerscommissie"), false).hits.empty());
  EXPECT_EQ(store().search().SearchSite(oost_, nijmegen_, Query("bewonerscommissie"), true).hits.size(), 1u)
      << "members-only for members";
  EXPECT_TRUE(store().search().SearchSite(zuid_, nijmegen_, Query("klokkenberg repaircafe"), true).hits.empty());

  EXPECT_EQ(events.Reindex(zuid_, *indexer_), 1);
  EXPECT_EQ(store().search().SearchCity(nijmegen_, Query("repaircafe"), {}).hits.size(), 2u);
  (void)past;
  (void)secret;
  (void)other;
}

TEST_P(VillageReindexTest, EveryServiceOfACityIsFoundAfterARebuild) {
  using namespace domain::directory;
  store().directory().EnsureTaxonomy(nijmegen_, {"", "Buurtplein sociale kaart", "Categorieën", "1"},
                                     {Term{{}, "", "zorg", "Zorg"}});
  Organization o;
  o.name = "Stichting Voorbeeldhulp";
  auto org = store().directory().CreateOrganization(nijmegen_, o, kNow);
  ASSERT_TRUE(org.ok());
  for (const std::string name : {"Formulierenbrigade", "Boodschappenmaatje", "Taalcafé"}) {
    Service s;
    s.organization = org->id;
    s.name = name;
    s.description = "Hulp van vrijwilligers.";
    ASSERT_TRUE(store().directory().CreateService(nijmegen_, s, kNow).ok()) << name;
  }
  ASSERT_EQ(store().search().CountDocuments(), 0) << "written past the index";

  DirectoryService directory(store(), clock_);
  directory.SetUrlMaker([](CityId, const Service& s) { return "/nijmegen/sociale-kaart/diensten/" + s.uuid; });
  EXPECT_EQ(directory.Reindex(nijmegen_, *indexer_), 3);
  auto hits = store().search().SearchSite(oost_, nijmegen_, Query("formulierenbrigade"), false).hits;
  ASSERT_EQ(hits.size(), 1u) << "a city's services are found from each of its sites";
  EXPECT_EQ(hits[0].kind, Kind::kService);
  EXPECT_EQ(hits[0].url.rfind("/nijmegen/sociale-kaart/diensten/", 0), 0u) << hits[0].url;
  EXPECT_EQ(store().search().SearchCity(nijmegen_, Query("taalcafe"), {}).hits.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, VillageReindexTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
