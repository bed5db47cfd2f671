#pragma once
#include <cstdint>
#include <vector>

#include "domain/groups/model.hpp"
#include "domain/market/model.hpp"
#include "domain/questions/model.hpp"
#include "domain/search/indexer.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

// The documents of ask & offer, groups and questions, built in one place: the feature's service
// puts them after every write, and the rebuild (`buurtplein reindex`, `demo`) puts them again.
// Every document names only its site; the indexer adds the city and the site's path.

namespace buurtplein::domain::search {

/// How many answers of a question are folded into its document (the first ones).
inline constexpr int kIndexedAnswers = 50;

/// An ask or offer ("vraag-aanbod/{id}"), members-only when the listing is. Only open
/// listings belong in the index: the caller drops the others.
Document ListingDocument(const market::Listing& listing);

/// A group ("groepen/{id}"): its name, description and meeting place.
Document GroupDocument(const groups::Group& group);

/// A question ("vragen/{id}") with the words of its answers (at most kIndexedAnswers).
Document QuestionDocument(const questions::Question& question, const std::vector<questions::Answer>& answers);

/// Puts every open listing of the site (members-only ones too), walking in bounded batches;
/// returns how many.
long ReindexSiteListings(Store& store, SiteId site, std::int64_t now, Indexer& indexer);
/// Puts every group of the site (members-only ones too); returns how many.
long ReindexSiteGroups(Store& store, SiteId site, Indexer& indexer);
/// Puts every question of the site, answered or not, with its answers; returns how many.
long ReindexSiteQuestions(Store& store, SiteId site, Indexer& indexer);

/// The same for every site of the directory.
long ReindexListings(Store& store, const sites::Directory& directory, std::int64_t now, Indexer& indexer);
long ReindexGroups(Store& store, const sites::Directory& directory, Indexer& indexer);
long ReindexQuestions(Store& store, const sites::Directory& directory, Indexer& indexer);

}  // namespace buurtplein::domain::search
