// The search feature's part of the composition root (issue 4 §8): the indexer every feature
// writes to, and the rebuild behind `buurtplein reindex`. Wired in Runtime::PrepareWeb.
#include <spdlog/spdlog.h>

#include "app/runtime.hpp"
#include "http/context.hpp"

namespace buurtplein::app {

domain::search::StoreIndexer& Runtime::search_indexer() {
  if (!search_indexer_) {
    // Documents that name only their site are placed through the directory (always the
    // current snapshot, so a renamed site's new documents get its new path).
    auto resolver = [this](domain::SiteId id) -> std::optional<domain::search::SitePlace> {
      const auto directory = sites_->directory();
      const domain::sites::City* city = nullptr;
      const domain::sites::Site* site = directory->FindSiteById(id, &city);
      if (!site || !city) return std::nullopt;
      return domain::search::SitePlace{city->id, http::SiteUrl(*city, *site)};
    };
    // A stale index must never fail the write that caused it: logged, not thrown.
    auto reporter = [](std::string_view what) { spdlog::warn("{}", what); };
    search_indexer_ = std::make_unique<domain::search::StoreIndexer>(store_->search(), resolver, reporter);
  }
  return *search_indexer_;
}

long Runtime::RebuildSearchIndex() {
  const long n = search_reindexer_.Rebuild(store_->search(), search_indexer());
  spdlog::info("search: index rebuilt, {} documents", n);
  return n;
}

}  // namespace buurtplein::app
