// The page cache's generations: a change on a site makes that site's pages and its city's pages
// stale (the city feed gathers every site), not other sites' or other cities' pages.
#include <gtest/gtest.h>

#include "http/page_cache.hpp"

namespace buurtplein::http {
namespace {

using domain::CityId;
using domain::SiteId;

std::shared_ptr<CachedPage> Page(SiteId site, CityId city, std::uint64_t generation) {
  auto p = std::make_shared<CachedPage>();
  p->body = "x";
  p->site = site;
  p->city = city;
  p->generation = generation;
  return p;
}

TEST(PageCacheCities, ASiteChangeMakesItsCityPagesStale) {
  PageCache cache;
  const SiteId oost{1}, zuid{2}, presikhaaf{3};
  const CityId nijmegen{10}, arnhem{20};
  cache.SetCityResolver([&](SiteId s) { return s == presikhaaf ? arnhem : nijmegen; });
  cache.Store("oost", Page(oost, {}, cache.Generation(oost)));
  cache.Store("zuid", Page(zuid, {}, cache.Generation(zuid)));
  cache.Store("nijmegen", Page({}, nijmegen, cache.Generation({}, nijmegen)));
  cache.Store("arnhem", Page({}, arnhem, cache.Generation({}, arnhem)));
  cache.Store("platform", Page({}, {}, cache.Generation({})));
  for (const char* k : {"oost", "zuid", "nijmegen", "arnhem", "platform"}) EXPECT_TRUE(cache.Find(k)) << k;

  cache.InvalidateSite(oost);
  EXPECT_FALSE(cache.Find("oost"));
  EXPECT_FALSE(cache.Find("nijmegen")) << "the city of the changed site";
  EXPECT_TRUE(cache.Find("zuid")) << "a sibling site keeps its pages";
  EXPECT_TRUE(cache.Find("arnhem"));
  EXPECT_TRUE(cache.Find("platform"));

  // Re-rendered pages are fresh again.
  cache.Store("nijmegen", Page({}, nijmegen, cache.Generation({}, nijmegen)));
  EXPECT_TRUE(cache.Find("nijmegen"));
  cache.InvalidateAll();
  EXPECT_FALSE(cache.Find("nijmegen"));
}

TEST(PageCacheCities, WithoutAResolverOnlyTheSiteGoesStale) {
  PageCache cache;
  cache.Store("city", Page({}, CityId{10}, cache.Generation({}, CityId{10})));
  cache.InvalidateSite(SiteId{1});
  EXPECT_TRUE(cache.Find("city"));
}

}  // namespace
}  // namespace buurtplein::http
