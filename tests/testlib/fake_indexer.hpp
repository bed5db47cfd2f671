#pragma once
// A search index in memory, for tests of the features that feed it.
#include <cstdint>
#include <map>
#include <utility>

#include "domain/search/indexer.hpp"

namespace buurtplein::testlib {

/// Keeps the latest document per (kind, id), as an index would.
class FakeIndexer final : public domain::search::Indexer {
 public:
  void Put(const domain::search::Document& doc) override { docs[{doc.kind, doc.item_id}] = doc; }
  void Drop(domain::search::Kind kind, std::int64_t item_id) override { docs.erase({kind, item_id}); }
  std::map<std::pair<domain::search::Kind, std::int64_t>, domain::search::Document> docs;
};

}  // namespace buurtplein::testlib
