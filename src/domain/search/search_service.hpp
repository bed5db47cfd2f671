#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/privacy_service.hpp"
#include "domain/common/clock.hpp"
#include "domain/search/indexer.hpp"
#include "domain/search/model.hpp"
#include "domain/search/repositories.hpp"

namespace buurtplein::domain::search {

/// Where a site lives, for documents that name only their site (see indexer.hpp).
struct SitePlace {
  CityId city{0};
  std::string site_path;  ///< "/nijmegen/oost/"
};

/// The Indexer features are given: writes to the store's SearchRepository and never throws;
/// failures go to the error reporter (the runtime logs them). Removes the snippet markers from
/// documents, completes documents that name only their site, and bounds their size.
class StoreIndexer final : public Indexer {
 public:
  using Resolver = std::function<std::optional<SitePlace>(SiteId)>;
  using Reporter = std::function<void(std::string_view what)>;

  StoreIndexer(SearchRepository& repo, Resolver resolver, Reporter reporter)
      : repo_(repo), resolver_(std::move(resolver)), reporter_(std::move(reporter)) {}

  void Put(const Document& doc) override;
  void Drop(Kind kind, std::int64_t item_id) override;

  /// The document as Put stores it (markers removed, place completed, sizes bounded);
  /// nullopt when it cannot be placed. Public for tests.
  std::optional<Document> Prepare(const Document& doc) const;

  /// Longest title and body stored, in bytes (cut at a code point boundary).
  static constexpr std::size_t kMaxTitleBytes = 600;
  static constexpr std::size_t kMaxBodyBytes = 100'000;

 private:
  void Report(std::string_view what) const;

  SearchRepository& repo_;
  Resolver resolver_;
  Reporter reporter_;
};

/// Rebuilding the index: each feature registers how to put every document of its kind.
class Reindexer {
 public:
  /// Puts every document of the kind through the indexer; returns how many.
  using Callback = std::function<long(Indexer& indexer)>;
  void Register(Kind kind, Callback callback);
  /// Empties each registered kind and puts its documents again; returns the documents put.
  long Rebuild(SearchRepository& repo, Indexer& indexer) const;
  bool empty() const { return callbacks_.empty(); }

 private:
  std::vector<std::pair<Kind, Callback>> callbacks_;
};

/// What someone asks on the search page.
struct SearchRequest {
  std::string text;            ///< as typed
  std::optional<Kind> kind;    ///< filter
  int page = 1;                ///< from 1
};

/// One page of results.
struct ResultPage {
  std::vector<Hit> hits;
  std::vector<std::string> terms;  ///< the words searched for (empty: nothing to search)
  int page = 1;
  bool has_more = false;
  long total = 0;             ///< counted up to kMaxTotal
  bool total_capped = false;  ///< more than kMaxTotal matched
};

/// Searches a site or a city for a viewer. Members-only documents only for verified members
/// of their site; scheduled documents (visible_from in the future) for nobody.
class SearchService final : public accounts::ContentEraser {
 public:
  SearchService(SearchRepository& repo, const Clock& clock) : repo_(repo), clock_(clock) {}

  static constexpr int kPageSize = 10;
  static constexpr int kMaxPage = 20;
  static constexpr long kMaxTotal = kPageSize * kMaxPage;

  /// The site's documents and the city-wide ones. `member`: verified member of the site.
  ResultPage SearchSite(SiteId site, CityId city, bool member, const SearchRequest& request);
  /// Every site of the city; `member_of`: the sites where the viewer is a verified member.
  ResultPage SearchCity(CityId city, const std::vector<SiteId>& member_of, const SearchRequest& request);

  /// Account deletion: removed contributions leave the index; kept ones lose their owner.
  Status EraseContent(UserId user, accounts::ContentChoice choice) override;

 private:
  template <typename Run>
  ResultPage Search(const SearchRequest& request, Run run);

  SearchRepository& repo_;
  const Clock& clock_;
};

}  // namespace buurtplein::domain::search
