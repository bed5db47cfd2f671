#pragma once
#include "domain/search/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

/// The search index on FTS5 (migrations/sqlite/0014_search.sql). Constructing it makes every
/// connection of the process register the "buurtplein_dutch" tokenizer.
class SqliteSearchRepository final : public domain::search::SearchRepository {
 public:
  explicit SqliteSearchRepository(Database& db);
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
  Database& db_;
};

/// The FTS5 MATCH expression for cleaned terms: each one a quoted string (so no word is ever
/// read as FTS5 syntax: AND, NOT, NEAR, column filters, *, ^), all of them required.
std::string Fts5Match(const std::vector<std::string>& terms);

}  // namespace buurtplein::store::sqlite
