#pragma once
#include "domain/feeds/repositories.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

class PostgresPublicNewsRepository final : public domain::feeds::PublicNewsRepository {
 public:
  explicit PostgresPublicNewsRepository(Pool& pool) : pool_(pool) {}
  std::vector<domain::news::Post> ListSite(domain::SiteId site, std::int64_t now, int limit, int offset) override;
  std::vector<domain::news::Post> ListCity(domain::CityId city, std::int64_t now, int limit, int offset) override;
  std::optional<domain::news::Post> FindSite(domain::SiteId site, domain::news::PostId id, std::int64_t now) override;
  std::optional<std::int64_t> NextScheduledSite(domain::SiteId site, std::int64_t now) override;
  std::optional<std::int64_t> NextScheduledCity(domain::CityId city, std::int64_t now) override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
