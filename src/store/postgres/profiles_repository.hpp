#pragma once
#include "domain/profiles/repositories.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

class PostgresProfileRepository final : public domain::profiles::ProfileRepository {
 public:
  explicit PostgresProfileRepository(Pool& pool) : pool_(pool) {}
  std::optional<domain::profiles::Profile> FindProfile(domain::UserId user) override;
  domain::Status SaveProfileText(domain::UserId user, std::string_view about, std::string_view offer,
                                 std::int64_t at) override;
  domain::Result<std::string> SetPhotoKey(domain::UserId user, std::string_view key, std::int64_t at) override;
  std::optional<domain::profiles::Profile> FindMemberProfile(domain::SiteId site, domain::UserId user) override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
