// Fragments of pages (the site home's body per audience) in the page cache: they go stale with
// their site's pages, not with another site's, and by time when they carry an expiry.
#include <gtest/gtest.h>

#include "http/page_cache.hpp"

namespace buurtplein::http {
namespace {

using domain::CityId;
using domain::SiteId;

std::shared_ptr<Fragment> Made(const PageCache& cache, SiteId site, std::string html, std::int64_t expires_at = 0) {
  auto f = std::make_shared<Fragment>();
  f->html = std::move(html);
  f->site = site;
  f->generation = cache.Generation(site);
  f->expires_at = expires_at;
  return f;
}

TEST(FragmentCache, AChangeOnASiteMakesOnlyItsFragmentsStale) {
  PageCache cache;
  const SiteId oost{1}, zuid{2};
  const CityId nijmegen{10};
  cache.SetCityResolver([&](SiteId) { return nijmegen; });
  cache.StoreFragment("oost:m", Made(cache, oost, "oost for members"));
  cache.StoreFragment("oost:a", Made(cache, oost, "oost for everyone"));
  cache.StoreFragment("zuid:a", Made(cache, zuid, "zuid for everyone"));
  ASSERT_TRUE(cache.FindFragment("oost:m", 0));
  EXPECT_EQ(cache.FindFragment("oost:m", 0)->html, "oost for members");
  EXPECT_FALSE(cache.FindFragment("oost:x", 0)) << "another key is a miss";

  cache.InvalidateSite(oost);
  EXPECT_FALSE(cache.FindFragment("oost:m", 0));
  EXPECT_FALSE(cache.FindFragment("oost:a", 0));
  EXPECT_TRUE(cache.FindFragment("zuid:a", 0)) << "a change on Oost leaves Zuid's fragments";

  // Built again after the change: fresh.
  cache.StoreFragment("oost:a", Made(cache, oost, "oost again"));
  EXPECT_EQ(cache.FindFragment("oost:a", 0)->html, "oost again");

  cache.InvalidateAll();
  EXPECT_FALSE(cache.FindFragment("oost:a", 0));
  EXPECT_FALSE(cache.FindFragment("zuid:a", 0));
  EXPECT_EQ(cache.fragment_count(), 0u);
}

TEST(FragmentCache, AFragmentBuiltWhileItsSiteChangedIsStaleAtOnce) {
  PageCache cache;
  const SiteId oost{1};
  auto f = Made(cache, oost, "read before the change");  // generation taken before reading
  cache.InvalidateSite(oost);                              // the change lands meanwhile
  cache.StoreFragment("oost", f);
  EXPECT_FALSE(cache.FindFragment("oost", 0));
}

TEST(FragmentCache, AFragmentWithAnExpiryGoesStaleByTime) {
  PageCache cache;
  const SiteId oost{1};
  cache.StoreFragment("coming", Made(cache, oost, "event at 1000", 1000));
  cache.StoreFragment("lasting", Made(cache, oost, "no expiry"));
  EXPECT_TRUE(cache.FindFragment("coming", 999));
  EXPECT_FALSE(cache.FindFragment("coming", 1000)) << "stale from its expiry on";
  EXPECT_FALSE(cache.FindFragment("coming", 5000));
  EXPECT_TRUE(cache.FindFragment("lasting", 5000));
}

TEST(FragmentCache, IsBounded) {
  PageCache cache(100, 3);
  const SiteId oost{1};
  for (int i = 0; i < 3; ++i) cache.StoreFragment("k" + std::to_string(i), Made(cache, oost, "x"));
  EXPECT_EQ(cache.fragment_count(), 3u);
  cache.StoreFragment("k3", Made(cache, oost, "x"));  // full: emptied, then stored
  EXPECT_EQ(cache.fragment_count(), 1u);
  EXPECT_TRUE(cache.FindFragment("k3", 0));
}

}  // namespace
}  // namespace buurtplein::http
