#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::search {

/// The kinds of things the site and city search finds (issue 4 §8, issue 5 §3).
enum class Kind { kNews, kEvent, kListing, kGroup, kQuestion, kService };

/// One searchable item, as the feature that owns it describes it. The search index is derived
/// data: features put a document after every create and edit and drop it on delete, and the
/// index can be rebuilt from the features' own tables.
struct Document {
  Kind kind = Kind::kNews;
  std::int64_t item_id = 0;       ///< the feature's own id (post id, event id, …)
  CityId city{0};                 ///< every document belongs to a city
  std::optional<SiteId> site;     ///< nullopt: city-wide (e.g. a service of the sociale kaart)
  std::string title;              ///< plain text
  std::string body;               ///< plain text (Markdown already reduced to its words)
  std::string url;                ///< path of the item's page, e.g. "/nijmegen/oost/nieuws/12"
  bool members_only = false;      ///< found only by verified members of `site`
  std::int64_t visible_from = 0;  ///< Unix seconds (scheduled news); 0: always
  std::optional<std::int64_t> when;  ///< shown with the result (publication or start time)
  /// Added by the search feature: the person whose contribution this is, if any. When they
  /// delete their account and remove their contributions, their documents leave the index.
  std::optional<UserId> owner;
};

/// Where features send their documents. Implemented by the search feature; a feature holds a
/// pointer that may be null (search not wired, e.g. in a unit test) and then skips indexing.
class Indexer {
 public:
  virtual ~Indexer() = default;
  /// Adds or replaces (kind, item_id). Failures are logged by the implementation, not
  /// returned: a stale index must never fail the write that caused it.
  virtual void Put(const Document& doc) = 0;
  /// Removes (kind, item_id), if present.
  virtual void Drop(Kind kind, std::int64_t item_id) = 0;
};

// Added by the search feature:
//
// - A feature that knows only the site of an item may leave `city` at 0 and give `url`
//   relative to the site ("nieuws/12"): the indexer the runtime hands out (StoreIndexer in
//   search_service.hpp) completes both from the site directory.
// - Rebuilding ("buurtplein reindex"): each feature registers a callback that puts every
//   document of its kind (Runtime::search_reindexer().Register(kind, …) in its runtime block);
//   the rebuild empties the kind first, then calls the callback.

}  // namespace buurtplein::domain::search
