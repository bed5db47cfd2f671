#include "http/page_cache.hpp"

#include <chrono>
#include <mutex>

namespace buurtplein::http {

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
  auto gen = site_generations_.find(page->site.value);
  const std::uint64_t current = global_.load() + (gen == site_generations_.end() ? 0 : gen->second);
  return page->generation == current ? page : nullptr;
}

void PageCache::Store(const std::string& key, std::shared_ptr<const CachedPage> page) {
  std::unique_lock lock(mutex_);
  if (pages_.size() >= max_entries_) pages_.clear();
  pages_[key] = std::move(page);
}

std::uint64_t PageCache::Generation(domain::SiteId site) const {
  std::shared_lock lock(mutex_);
  auto gen = site_generations_.find(site.value);
  return global_.load() + (gen == site_generations_.end() ? 0 : gen->second);
}

void PageCache::InvalidateSite(domain::SiteId site) {
  std::unique_lock lock(mutex_);
  ++site_generations_[site.value];
}

void PageCache::InvalidateAll() {
  std::unique_lock lock(mutex_);
  // Generations only grow, so a page rendered before this call can never match again.
  global_ += 1 << 20;
  pages_.clear();
}

std::size_t PageCache::size() const {
  std::shared_lock lock(mutex_);
  return pages_.size();
}

}  // namespace buurtplein::http
