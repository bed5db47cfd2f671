#pragma once
#include <vector>

#include "domain/common/ids.hpp"
#include "domain/search/indexer.hpp"
#include "domain/search/model.hpp"

namespace buurtplein::domain::search {

/// The search index: one table of documents, full-text indexed with Dutch stemming and accents
/// folded (SQLite FTS5 with a Snowball tokenizer; PostgreSQL `buurtplein_dutch` with unaccent).
/// Derived data: every write can be redone from the features' own tables.
class SearchRepository {
 public:
  virtual ~SearchRepository() = default;
  /// Adds or replaces the document (kind, item_id). Throws on a database failure (the
  /// StoreIndexer logs it); a site or city that does not exist is such a failure.
  virtual void Put(const Document& doc) = 0;
  /// Removes (kind, item_id), if present.
  virtual void Drop(Kind kind, std::int64_t item_id) = 0;
  /// Removes every document of a kind (before a rebuild of that kind).
  virtual void DropKind(Kind kind) = 0;
  /// Account deletion: removes the documents `owner` contributed (`remove`), or forgets the
  /// owner and keeps them.
  virtual void EraseOwner(UserId owner, bool remove) = 0;
  /// How many documents the index holds (0: never built).
  virtual long CountDocuments() = 0;

  /// Site search: the site's own documents and the city-wide ones (no site) of `city`.
  /// Members-only documents of the site only when `member`; never documents with
  /// visible_from > query.now. Best match first (title counts more than body).
  virtual HitPage SearchSite(SiteId site, CityId city, const SearchQuery& query, bool member) = 0;
  /// City search: every document of the city; members-only ones only of the sites in
  /// `member_of` (where the viewer is a verified member).
  virtual HitPage SearchCity(CityId city, const SearchQuery& query, const std::vector<SiteId>& member_of) = 0;
};

}  // namespace buurtplein::domain::search
