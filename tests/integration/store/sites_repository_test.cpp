#include <cctype>

#include "testlib/store_fixture.hpp"

namespace buurtplein::testlib {
namespace {

using domain::CityId;
using domain::ErrorCode;
using domain::SiteId;
using domain::sites::Site;
using domain::sites::SiteStatus;

constexpr const char* kSiteConflict = "A site with this web address, host name or an unknown buurt code was given.";

class SitesRepositoryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(store().areas().UpsertAreas(NijmegenAreas(4)).ok());
    nijmegen_ = store().cities().CreateCity(MakeCity("GM0268", "nijmegen", "Nijmegen"))->id;
    arnhem_ = store().cities().CreateCity(MakeCity("GM0202", "arnhem", "Arnhem"))->id;
  }

  Site MustCreate(CityId city, const domain::sites::SiteDraft& draft) {
    auto r = store().sites().CreateSite(city, draft);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().internal_detail);
    return r.ok() ? *r : Site{};
  }

  CityId nijmegen_;
  CityId arnhem_;
};

TEST_P(SitesRepositoryTest, CreateWithBuurtenAndHosts) {
  auto draft = MakeDraft("oost", "Buurtplein Oost", {"BU02680002", "BU02680000"}, {"oost.example.nl", "buurt-oost.nl"});
  draft.logo_path = "/static/img/oost.svg";
  draft.status = SiteStatus::kLive;
  const Site site = MustCreate(nijmegen_, draft);

  EXPECT_TRUE(site.id);
  EXPECT_EQ(site.city_id, nijmegen_);
  EXPECT_EQ(site.slug, "oost");
  EXPECT_EQ(site.name, "Buurtplein Oost");
  EXPECT_EQ(site.tagline, "Voor en door de buurt");
  EXPECT_EQ(site.primary_colour, "#1a5f7a");
  EXPECT_EQ(site.accent_colour, "#f2a900");
  EXPECT_EQ(site.logo_path, "/static/img/oost.svg");
  EXPECT_EQ(site.status, SiteStatus::kLive);
  EXPECT_EQ(site.buurt_codes, (std::vector<std::string>{"BU02680000", "BU02680002"}));
  EXPECT_EQ(site.hosts, (std::vector<std::string>{"buurt-oost.nl", "oost.example.nl"}));

  auto by_id = store().sites().FindSite(nijmegen_, site.id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->slug, "oost");
  EXPECT_EQ(by_id->buurt_codes, site.buurt_codes);
  EXPECT_EQ(by_id->hosts, site.hosts);
  auto by_slug = store().sites().FindSiteBySlug(nijmegen_, "oost");
  ASSERT_TRUE(by_slug);
  EXPECT_EQ(by_slug->id, site.id);
  EXPECT_EQ(by_slug->status, SiteStatus::kLive);

  EXPECT_FALSE(store().sites().FindSiteBySlug(nijmegen_, "west"));
  EXPECT_FALSE(store().sites().FindSite(nijmegen_, SiteId{site.id.value + 1000}));
}

TEST_P(SitesRepositoryTest, SlugIsUniqueWithinACityOnly) {
  MustCreate(nijmegen_, MakeDraft("centrum", "Centrum"));

  auto again = store().sites().CreateSite(nijmegen_, MakeDraft("centrum", "Ander centrum"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().public_message, kSiteConflict);
  EXPECT_EQ(store().sites().CountSites(nijmegen_), 1);

  const Site in_arnhem = MustCreate(arnhem_, MakeDraft("centrum", "Centrum Arnhem"));
  EXPECT_EQ(in_arnhem.city_id, arnhem_);
  EXPECT_EQ(store().sites().FindSiteBySlug(nijmegen_, "centrum")->name, "Centrum");
  EXPECT_EQ(store().sites().FindSiteBySlug(arnhem_, "centrum")->name, "Centrum Arnhem");
}

TEST_P(SitesRepositoryTest, HostNameBelongsToOneSiteOnly) {
  MustCreate(nijmegen_, MakeDraft("oost", "Oost", {}, {"oost.example.nl"}));
  auto clash = store().sites().CreateSite(arnhem_, MakeDraft("oost", "Oost Arnhem", {}, {"oost.example.nl"}));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_EQ(clash.error().public_message, kSiteConflict);
  EXPECT_EQ(store().sites().CountSites(arnhem_), 0);
}

TEST_P(SitesRepositoryTest, UnknownBuurtCodeConflictsAndWritesNothing) {
  auto bad = store().sites().CreateSite(
      nijmegen_, MakeDraft("oost", "Oost", {"BU02680000", "BU99999999"}, {"oost.example.nl"}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kConflict);
  EXPECT_EQ(bad.error().public_message, kSiteConflict);
  EXPECT_FALSE(bad.error().internal_detail.empty());

  // Nothing half-written: no site, and its slug and host name are still free.
  EXPECT_FALSE(store().sites().FindSiteBySlug(nijmegen_, "oost"));
  EXPECT_EQ(store().sites().CountSites(nijmegen_), 0);
  const Site site = MustCreate(nijmegen_, MakeDraft("oost", "Oost", {"BU02680000"}, {"oost.example.nl"}));
  EXPECT_EQ(site.hosts, (std::vector<std::string>{"oost.example.nl"}));
}

TEST_P(SitesRepositoryTest, UpdateReplacesFieldsBuurtenAndHosts) {
  const Site site = MustCreate(nijmegen_, MakeDraft("oost", "Oost", {"BU02680000", "BU02680001"}, {"oost.nl"}));

  auto draft = MakeDraft("oost-nijmegen", "Buurtplein Oost", {"BU02680001", "BU02680003"}, {"nieuw.nl", "oost2.nl"});
  draft.tagline = "Nieuw";
  draft.primary_colour = "#000000";
  draft.accent_colour = "#ffffff";
  draft.logo_path = "/static/img/logo.png";
  draft.status = SiteStatus::kLive;
  auto updated = store().sites().UpdateSite(nijmegen_, site.id, draft);
  ASSERT_TRUE(updated.ok()) << updated.error().internal_detail;
  EXPECT_EQ(updated->id, site.id);

  auto found = store().sites().FindSite(nijmegen_, site.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->slug, "oost-nijmegen");
  EXPECT_EQ(found->name, "Buurtplein Oost");
  EXPECT_EQ(found->tagline, "Nieuw");
  EXPECT_EQ(found->primary_colour, "#000000");
  EXPECT_EQ(found->accent_colour, "#ffffff");
  EXPECT_EQ(found->logo_path, "/static/img/logo.png");
  EXPECT_EQ(found->status, SiteStatus::kLive);
  EXPECT_EQ(found->buurt_codes, (std::vector<std::string>{"BU02680001", "BU02680003"}));
  EXPECT_EQ(found->hosts, (std::vector<std::string>{"nieuw.nl", "oost2.nl"}));
  EXPECT_FALSE(store().sites().FindSiteBySlug(nijmegen_, "oost"));

  // The old host is free again.
  MustCreate(nijmegen_, MakeDraft("west", "West", {}, {"oost.nl"}));
}

TEST_P(SitesRepositoryTest, FailedUpdateChangesNothing) {
  const Site site = MustCreate(nijmegen_, MakeDraft("oost", "Oost", {"BU02680000"}, {"oost.nl"}));
  MustCreate(nijmegen_, MakeDraft("west", "West"));

  auto unknown_buurt = store().sites().UpdateSite(nijmegen_, site.id,
                                                  MakeDraft("oost-2", "Oost 2", {"BU99999999"}, {"oost2.nl"}));
  ASSERT_FALSE(unknown_buurt.ok());
  EXPECT_EQ(unknown_buurt.error().code, ErrorCode::kConflict);
  auto taken_slug = store().sites().UpdateSite(nijmegen_, site.id, MakeDraft("west", "Oost"));
  ASSERT_FALSE(taken_slug.ok());
  EXPECT_EQ(taken_slug.error().code, ErrorCode::kConflict);
  EXPECT_EQ(taken_slug.error().public_message, kSiteConflict);

  auto found = store().sites().FindSite(nijmegen_, site.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->slug, "oost");
  EXPECT_EQ(found->name, "Oost");
  EXPECT_EQ(found->buurt_codes, (std::vector<std::string>{"BU02680000"}));
  EXPECT_EQ(found->hosts, (std::vector<std::string>{"oost.nl"}));
}

TEST_P(SitesRepositoryTest, ASiteCannotBeReachedThroughAnotherCity) {
  const Site site = MustCreate(nijmegen_, MakeDraft("oost", "Oost", {"BU02680000"}, {"oost.nl"}));

  EXPECT_FALSE(store().sites().FindSite(arnhem_, site.id));
  EXPECT_FALSE(store().sites().FindSiteBySlug(arnhem_, "oost"));
  EXPECT_TRUE(store().sites().ListSites(arnhem_, 100, 0).empty());
  EXPECT_EQ(store().sites().CountSites(arnhem_), 0);

  auto hijack = store().sites().UpdateSite(arnhem_, site.id, MakeDraft("gekaapt", "Gekaapt", {"BU02680001"}, {"evil.nl"}));
  ASSERT_FALSE(hijack.ok());
  EXPECT_EQ(hijack.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hijack.error().public_message, "This site does not exist.");

  auto found = store().sites().FindSite(nijmegen_, site.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->city_id, nijmegen_);
  EXPECT_EQ(found->slug, "oost");
  EXPECT_EQ(found->name, "Oost");
  EXPECT_EQ(found->buurt_codes, (std::vector<std::string>{"BU02680000"}));
  EXPECT_EQ(found->hosts, (std::vector<std::string>{"oost.nl"}));
  // The hijacker's host name was not written either.
  MustCreate(arnhem_, MakeDraft("evil", "Evil", {}, {"evil.nl"}));
}

TEST_P(SitesRepositoryTest, ListIsOrderedByNameAndPaged) {
  // Byte order, the same on both engines: capitals before lower case.
  for (const char* name : {"Oost", "centrum", "Zuid", "Bottendaal", "Altrade"}) {
    std::string slug = name;
    for (auto& ch : slug) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    MustCreate(nijmegen_, MakeDraft(slug, name, {"BU02680000"}));
  }
  MustCreate(arnhem_, MakeDraft("elders", "Aaa elders"));

  auto names = [](const std::vector<Site>& sites) {
    std::vector<std::string> out;
    for (const auto& s : sites) out.push_back(s.name);
    return out;
  };
  EXPECT_EQ(names(store().sites().ListSites(nijmegen_, 2, 0)), (std::vector<std::string>{"Altrade", "Bottendaal"}));
  EXPECT_EQ(names(store().sites().ListSites(nijmegen_, 2, 2)), (std::vector<std::string>{"Oost", "Zuid"}));
  EXPECT_EQ(names(store().sites().ListSites(nijmegen_, 2, 4)), (std::vector<std::string>{"centrum"}));
  EXPECT_TRUE(store().sites().ListSites(nijmegen_, 2, 6).empty());
  auto all = store().sites().ListSites(nijmegen_, 100, 0);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].buurt_codes, (std::vector<std::string>{"BU02680000"}));
  EXPECT_EQ(store().sites().CountSites(nijmegen_), 5);
  EXPECT_EQ(store().sites().CountSites(arnhem_), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, SitesRepositoryTest, AllEngines(), EngineName);

}  // namespace
}  // namespace buurtplein::testlib
