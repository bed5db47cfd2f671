#pragma once
#include "domain/profiles/repositories.hpp"
#include "store/sqlite/connection.hpp"

namespace buurtplein::store::sqlite {

class SqliteProfileRepository final : public domain::profiles::ProfileRepository {
 public:
  explicit SqliteProfileRepository(Database& db) : db_(db) {}
  std::optional<domain::profiles::Profile> FindProfile(domain::UserId user) override;
  domain::Status SaveProfileText(domain::UserId user, std::string_view about, std::string_view offer,
                                 std::int64_t at) override;
  domain::Result<std::string> SetPhotoKey(domain::UserId user, std::string_view key, std::int64_t at) override;
  std::optional<domain::profiles::Profile> FindMemberProfile(domain::SiteId site, domain::UserId user) override;

 private:
  Database& db_;
};

}  // namespace buurtplein::store::sqlite
