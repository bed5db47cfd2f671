#pragma once
#include "domain/search/repositories.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

/// The search index with the `buurtplein_dutch` text search configuration (Dutch Snowball
/// stemming after unaccent), a generated tsvector with a GIN index, ts_rank_cd and ts_headline
/// (migrations/postgres/0014_search.sql).
class PostgresSearchRepository final : public domain::search::SearchRepository {
 public:
  explicit PostgresSearchRepository(Pool& pool) : pool_(pool) {}
  void Put(const domain::search::Document& doc) override;
  void Drop(domain::search::Kind kind, std::int64_t item_id) override;
  void DropKind(domain::search::Kind kind) override;
  void EraseOwner(domain::UserId owner, bool remove) override;
  long CountDocuments() override;
  domain::search::HitPage SearchSite(domain::SiteId site, domain::CityId city, const domain::search::SearchQuery& query,
                                     bool member) override;
  domain::search::HitPage SearchCity(domain::CityId city, const domain::search::SearchQuery& query,
                                     const std::vector<domain::SiteId>& member_of) override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
