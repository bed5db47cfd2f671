#pragma once
#include "domain/accounts/repositories.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

class PostgresUserRepository final : public domain::accounts::UserRepository {
 public:
  explicit PostgresUserRepository(Pool& pool) : pool_(pool) {}
  domain::Result<domain::accounts::User> CreateUser(const domain::accounts::NewUser& user) override;
  std::optional<domain::accounts::User> FindUser(domain::UserId id) override;
  std::optional<domain::accounts::User> FindUserByEmail(std::string_view normalised_email) override;
  domain::Status SetEmailVerified(domain::UserId id, domain::accounts::UnixTime at) override;
  domain::Status SetPasswordHash(domain::UserId id, std::string_view hash) override;
  domain::Status SetEmail(domain::UserId id, std::string_view normalised_email,
                          domain::accounts::UnixTime verified_at) override;
  domain::Status SetDisplayName(domain::UserId id, std::string_view name) override;
  domain::Status SetTotp(domain::UserId id, std::string_view secret, std::int64_t last_step) override;
  bool AdvanceTotpStep(domain::UserId id, std::int64_t step) override;
  domain::Status SetOperator(domain::UserId id, bool is_operator) override;
  domain::Status DeleteUser(domain::UserId id) override;

 private:
  Pool& pool_;
};

class PostgresSessionRepository final : public domain::accounts::SessionRepository {
 public:
  explicit PostgresSessionRepository(Pool& pool) : pool_(pool) {}
  domain::Result<domain::accounts::Session> CreateSession(const domain::accounts::Session& session) override;
  std::optional<domain::accounts::Session> FindSessionByTokenHash(std::string_view token_hash) override;
  std::optional<domain::accounts::SessionOfUser> FindSessionWithUser(std::string_view token_hash) override;
  domain::Status TouchSession(domain::UserId user, domain::SessionId id, domain::accounts::UnixTime at) override;
  domain::Status SetSecondFactorDone(domain::UserId user, domain::SessionId id) override;
  domain::Status DeleteSession(domain::UserId user, domain::SessionId id) override;
  long DeleteOtherSessions(domain::UserId user, domain::SessionId keep) override;
  std::vector<domain::accounts::Session> ListSessions(domain::UserId user) override;
  long DeleteExpiredSessions(domain::accounts::UnixTime now, domain::accounts::UnixTime idle_before) override;

 private:
  Pool& pool_;
};

class PostgresTokenRepository final : public domain::accounts::TokenRepository {
 public:
  explicit PostgresTokenRepository(Pool& pool) : pool_(pool) {}
  domain::Status CreateToken(const domain::accounts::AccountToken& token) override;
  std::optional<domain::accounts::AccountToken> ConsumeToken(std::string_view token_hash,
                                                             domain::accounts::TokenPurpose purpose,
                                                             domain::accounts::UnixTime now) override;
  domain::Status DeleteTokens(domain::UserId user, domain::accounts::TokenPurpose purpose) override;
  long DeleteSpentTokens(domain::accounts::UnixTime now) override;

 private:
  Pool& pool_;
};

class PostgresMembershipRepository final : public domain::accounts::MembershipRepository {
 public:
  explicit PostgresMembershipRepository(Pool& pool) : pool_(pool) {}
  domain::Result<domain::accounts::Membership> CreateMembership(
      domain::SiteId site, const domain::accounts::Membership& membership) override;
  std::optional<domain::accounts::Membership> FindMembership(domain::SiteId site, domain::UserId user) override;
  domain::accounts::SiteStanding FindStanding(domain::SiteId site, domain::CityId city, domain::UserId user) override;
  domain::Status SetMembershipStatus(domain::SiteId site, domain::UserId user, domain::accounts::MemberStatus status,
                                     domain::accounts::VerificationMethod method,
                                     std::optional<domain::accounts::UnixTime> verified_at) override;
  domain::Status SetMembershipRole(domain::SiteId site, domain::UserId user,
                                   domain::accounts::MemberRole role) override;
  domain::Status DeleteMembership(domain::SiteId site, domain::UserId user) override;
  std::vector<domain::accounts::Membership> ListPending(domain::SiteId site, int limit, int offset) override;
  long CountMembers(domain::SiteId site, domain::accounts::MemberStatus status) override;
  std::vector<domain::accounts::Membership> ListMembershipsOfUser(domain::UserId user) override;
  std::vector<domain::accounts::RoleHolder> ListBuurtverbinders(domain::SiteId site, int limit, int offset) override;

 private:
  Pool& pool_;
};

class PostgresCityRoleRepository final : public domain::accounts::CityRoleRepository {
 public:
  explicit PostgresCityRoleRepository(Pool& pool) : pool_(pool) {}
  domain::Status GrantCityRole(domain::CityId city, domain::UserId user, domain::accounts::CityRole role,
                               domain::accounts::UnixTime now) override;
  domain::Status RevokeCityRole(domain::CityId city, domain::UserId user, domain::accounts::CityRole role) override;
  std::vector<domain::accounts::CityRole> FindCityRoles(domain::CityId city, domain::UserId user) override;
  std::vector<domain::accounts::RoleHolder> ListCityRole(domain::CityId city, domain::accounts::CityRole role,
                                                         int limit, int offset) override;
  bool HoldsElevatedRole(domain::UserId user) override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
