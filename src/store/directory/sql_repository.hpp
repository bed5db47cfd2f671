#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "domain/directory/repositories.hpp"
#include "store/sql/runner.hpp"

/// The sociale kaart's repository, written once for both engines: its SQL is portable (the
/// PostgreSQL runner turns ?N into $N) and each engine supplies a runner (store/sql/runner.hpp).
namespace buurtplein::store::directory {

// The runner is store/sql's; the sociale kaart reads its rows through the runner's text adapter
// (Runner::Run), with these names.
using SqlValue = sql::Value;
using SqlRow = sql::TextRow;
using ConstraintViolation = sql::ConstraintViolation;
using SqlRunner = sql::Runner;

class SqlDirectoryRepository final : public domain::directory::DirectoryRepository {
 public:
  explicit SqlDirectoryRepository(SqlRunner& sql) : sql_(sql) {}

  int EnsureTaxonomy(domain::CityId city, const domain::directory::Taxonomy& taxonomy,
                     const std::vector<domain::directory::Term>& terms) override;
  std::vector<domain::directory::Taxonomy> ListTaxonomies(domain::CityId city, int limit, int offset) override;
  int CountTaxonomies(domain::CityId city) override;
  std::vector<domain::directory::Term> ListTerms(domain::CityId city, int limit, int offset) override;
  int CountTerms(domain::CityId city) override;
  std::optional<domain::directory::Term> FindTermByCode(domain::CityId city, const std::string& code) override;

  domain::Result<domain::directory::Organization> CreateOrganization(domain::CityId city,
                                                                     const domain::directory::Organization& org,
                                                                     std::int64_t at) override;
  domain::Status UpdateOrganization(domain::CityId city, domain::directory::OrganizationId id,
                                    const domain::directory::Organization& org, std::int64_t at) override;
  std::optional<domain::directory::Organization> FindOrganization(domain::CityId city,
                                                                  domain::directory::OrganizationId id) override;
  std::optional<domain::directory::Organization> FindOrganizationByUuid(domain::CityId city,
                                                                        const std::string& uuid) override;
  std::vector<domain::directory::Organization> ListOrganizations(
      domain::CityId city, const domain::directory::OrganizationQuery& query) override;
  int CountOrganizations(domain::CityId city, const domain::directory::OrganizationQuery& query) override;
  domain::Status DeleteOrganization(domain::CityId city, domain::directory::OrganizationId id) override;

  domain::Result<domain::directory::Location> CreateLocation(domain::CityId city,
                                                             const domain::directory::Location& location,
                                                             std::int64_t at) override;
  domain::Status UpdateLocation(domain::CityId city, domain::directory::LocationId id,
                                const domain::directory::Location& location, std::int64_t at) override;
  std::optional<domain::directory::Location> FindLocation(domain::CityId city,
                                                          domain::directory::LocationId id) override;
  std::optional<domain::directory::Location> FindLocationByUuid(domain::CityId city, const std::string& uuid) override;
  std::vector<domain::directory::Location> ListLocations(domain::CityId city,
                                                         std::optional<domain::directory::OrganizationId> organization,
                                                         int limit, int offset) override;

  domain::Result<domain::directory::Service> CreateService(domain::CityId city,
                                                           const domain::directory::Service& service,
                                                           std::int64_t at) override;
  domain::Status UpdateService(domain::CityId city, domain::directory::ServiceId id,
                               const domain::directory::Service& service, std::int64_t at) override;
  std::optional<domain::directory::Service> FindService(domain::CityId city, domain::directory::ServiceId id) override;
  std::optional<domain::directory::Service> FindServiceByUuid(domain::CityId city, const std::string& uuid) override;
  domain::Status DeleteService(domain::CityId city, domain::directory::ServiceId id) override;
  std::vector<domain::directory::Service> ListServices(domain::CityId city,
                                                       const domain::directory::ServiceQuery& query) override;
  int CountServices(domain::CityId city, const domain::directory::ServiceQuery& query) override;

  std::vector<domain::directory::ServiceAtLocation> ListServiceAtLocations(domain::CityId city,
                                                                           const std::string& search,
                                                                           const std::string& term_uuid, int limit,
                                                                           int offset) override;
  int CountServiceAtLocations(domain::CityId city, const std::string& search, const std::string& term_uuid) override;
  std::optional<domain::directory::ServiceAtLocation> FindServiceAtLocationByUuid(domain::CityId city,
                                                                                  const std::string& uuid) override;

  domain::Status Assure(domain::CityId city, domain::directory::EntityType type, std::int64_t id,
                        const domain::directory::Assurance& assurance) override;
  void AddChange(domain::CityId city, domain::directory::EntityType type, std::int64_t id,
                 const domain::directory::Change& change) override;
  std::vector<domain::directory::Change> ListChanges(domain::CityId city, domain::directory::EntityType type,
                                                     std::int64_t id, int limit) override;
  std::vector<domain::directory::StaleEntry> ListStale(domain::CityId city, const std::string& before_date,
                                                       std::int64_t reminded_before, int limit) override;
  void MarkReminded(domain::CityId city, domain::directory::EntityType type, std::int64_t id,
                    std::int64_t at) override;

  domain::Status SetOrganizationRole(domain::CityId city, domain::directory::OrganizationId org,
                                     domain::UserId user, domain::directory::OrgRole role, std::int64_t at) override;
  std::optional<domain::directory::OrgRole> RoleOf(domain::CityId city, domain::directory::OrganizationId org,
                                                   domain::UserId user) override;

  std::vector<std::pair<domain::directory::Organization, domain::directory::OrgRole>> OrganizationsOfUser(
      domain::CityId city, domain::UserId user, int limit) override;
  std::vector<domain::directory::Professional> ProfessionalsOfUser(domain::CityId city, domain::UserId user) override;
  domain::Result<domain::directory::Professional> SaveProfessional(domain::CityId city,
                                                                   const domain::directory::Professional& professional,
                                                                   std::int64_t at) override;
  std::vector<domain::directory::Professional> ListProfessionals(domain::CityId city,
                                                                 const std::vector<std::string>& buurt_codes,
                                                                 int limit, int offset) override;

  domain::Result<domain::directory::Term> AddTerm(domain::CityId city, const domain::directory::Term& term) override;
  domain::Status UpdateTerm(domain::CityId city, const std::string& code,
                            const domain::directory::Term& term) override;
  domain::Status RemoveOrganizationRole(domain::CityId city, domain::directory::OrganizationId org,
                                        domain::UserId user) override;
  std::vector<domain::directory::OrgMember> OrganizationUsers(domain::CityId city,
                                                              domain::directory::OrganizationId org, int limit,
                                                              int offset) override;
  int CountOrganizationUsers(domain::CityId city, domain::directory::OrganizationId org) override;
  std::vector<domain::directory::Service> ServicesForReview(domain::CityId city, int limit, int offset) override;
  int CountAllServices(domain::CityId city) override;

  domain::Status InTransaction(const std::function<domain::Status()>& body) override;

 private:
  void LoadParts(domain::CityId city, domain::directory::Service& s);
  void LoadParts(domain::CityId city, domain::directory::Organization& o);
  void LoadParts(domain::CityId city, domain::directory::Location& l);
  domain::Status WriteServiceParts(domain::CityId city, std::int64_t id, const domain::directory::Service& s);
  void WriteOwned(domain::CityId city, const char* owner_type, std::int64_t owner_id,
                  const std::vector<domain::directory::Phone>& phones,
                  const std::vector<domain::directory::Contact>& contacts,
                  const std::vector<domain::directory::Language>& languages,
                  const std::vector<domain::directory::Schedule>& schedules);

  std::vector<domain::directory::Professional> ReadProfessionals(const std::vector<SqlRow>& rows);

  SqlRunner& sql_;
};

}  // namespace buurtplein::store::directory
