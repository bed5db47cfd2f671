#include "http/page_cache.hpp"

#include <chrono>
#include <mutex>

namespace buurtplein::http {

std::uint64_t PageCache::GenerationLocked(domain::SiteId site, domain::CityId city) const {
  // A site page follows its site; a city page (no site) follows its city; a platform page only
  // the global generation.
  const auto& map = site ? site_generations_ : city_generations_;
  const std::int64_t key = site ? site.value : city.value;
  auto gen = key == 0 ? map.end() : map.find(key);
  return global_.load() + (gen == map.end() ? 0 : gen->second);
}

std::shared_ptr<const CachedPage> PageCache::Find(const std::string& key) const {
  std::shared_lock lock(mutex_);
  auto it = pages_.find(key);
  if (it == pages_.end()) return nullptr;
  const auto& page = it->second;
  if (page->expires_at != 0 &&
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() >=
          page->expires_at) {
    return nullptr;
  }
  return page->generation == GenerationLocked(page->site, page->city) ? page : nullptr;
}

void PageCache::Store(const std::string& key, std::shared_ptr<const CachedPage> page) {
  std::unique_lock lock(mutex_);
  if (pages_.size() >= max_entries_) pages_.clear();
  pages_[key] = std::move(page);
}

std::uint64_t PageCache::Generation(domain::SiteId site, domain::CityId city) const {
  std::shared_lock lock(mutex_);
  return GenerationLocked(site, city);
}

void PageCache::InvalidateSite(domain::SiteId site) {
  // Resolved outside the write lock: the resolver reads the site directory, not the cache.
  std::function<domain::CityId(domain::SiteId)> city_of;
  {
    std::shared_lock lock(mutex_);
    city_of = city_of_;
  }
  const domain::CityId city = city_of ? city_of(site) : domain::CityId{};
  std::unique_lock lock(mutex_);
  ++site_generations_[site.value];
  if (city) ++city_generations_[city.value];
}

void PageCache::SetCityResolver(std::function<domain::CityId(domain::SiteId)> resolver) {
  std::unique_lock lock(mutex_);
  city_of_ = std::move(resolver);
}

void PageCache::InvalidateAll() {
  std::unique_lock lock(mutex_);
  // Generations only grow, so a page rendered before this call can never match again.
  global_ += 1 << 20;
  pages_.clear();
  fragments_.clear();
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mutex_);
  return pages_.size();
}

std::shared_ptr<const Fragment> PageCache::FindFragment(const std::string& key, std::int64_t now) const {
  std::shared_lock lock(mutex_);
  auto it = fragments_.find(key);
  if (it == fragments_.end()) return nullptr;
  const auto& f = it->second;
  if (f->expires_at != 0 && now >= f->expires_at) return nullptr;
  return f->generation == GenerationLocked(f->site, f->city) ? f : nullptr;
}

void PageCache::StoreFragment(const std::string& key, std::shared_ptr<const Fragment> fragment) {
  std::unique_lock lock(mutex_);
  if (fragments_.size() >= max_fragments_) fragments_.clear();
  fragments_[key] = std::move(fragment);
}

std::size_t PageCache::fragment_count() const {
  std::shared_lock lock(mutex_);
  return fragments_.size();
}

}  // namespace buurtplein::http
