#pragma once
#include "domain/roles/repositories.hpp"
#include "store/directory/sql_repository.hpp"

/// The roles' repository, written once for both engines on the sociale kaart's SqlRunner (its
/// SQL is portable; the PostgreSQL runner turns ?N into $N).
namespace buurtplein::store::roles {

class SqlRolesRepository final : public domain::roles::RolesRepository {
 public:
  explicit SqlRolesRepository(directory::SqlRunner& sql) : sql_(sql) {}

  std::vector<domain::accounts::ProfessionalLink> ProfessionalLinks(domain::CityId city, domain::UserId user) override;
  domain::Status AddressQuestion(domain::SiteId site, domain::questions::QuestionId question,
                                 domain::UserId professional, std::int64_t at) override;
  std::optional<domain::UserId> AddresseeOf(domain::SiteId site, domain::questions::QuestionId question) override;
  std::vector<domain::roles::AddressedQuestion> AddressedTo(domain::SiteId site, domain::UserId professional,
                                                            bool include_members_only, int limit, int offset) override;
  std::vector<domain::roles::OpenInvitation> OpenInvitations(domain::SiteId site, domain::UserId inviter,
                                                             std::int64_t now, int limit, int offset) override;
  domain::Status WithdrawInvitation(domain::SiteId site, domain::UserId inviter, std::int64_t invitation,
                                    std::int64_t now) override;
  bool IsWithdrawn(domain::SiteId site, std::string_view token_hash) override;

 private:
  directory::SqlRunner& sql_;
};

}  // namespace buurtplein::store::roles
