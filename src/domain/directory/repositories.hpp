#pragma once
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/common/app_error.hpp"
#include "domain/directory/model.hpp"

namespace buurtplein::domain::directory {

/// The sociale kaart of a city. Every method takes the city first and never reads or changes
/// another city's entries: an id of city B is "not found" through city A. Lists are bounded by
/// their query's limit. Missing HSDS uuids are generated when an entry is stored.
class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;

  // --- taxonomy ---------------------------------------------------------------------------
  /// Creates the city's taxonomy (if absent) and adds the terms whose code is new; returns
  /// how many terms were added.
  virtual int EnsureTaxonomy(CityId city, const Taxonomy& taxonomy, const std::vector<Term>& terms) = 0;
  virtual std::vector<Taxonomy> ListTaxonomies(CityId city, int limit, int offset) = 0;
  virtual int CountTaxonomies(CityId city) = 0;
  /// Terms in their order; at most `limit`.
  virtual std::vector<Term> ListTerms(CityId city, int limit, int offset) = 0;
  virtual int CountTerms(CityId city) = 0;
  virtual std::optional<Term> FindTermByCode(CityId city, const std::string& code) = 0;

  // --- organisations ------------------------------------------------------------------------
  /// Stores a new organisation with its phones and contacts; kConflict for a uuid in use.
  virtual Result<Organization> CreateOrganization(CityId city, const Organization& org, std::int64_t at) = 0;
  /// Replaces fields, phones and contacts (not the assurance); kNotFound when not in this city.
  virtual Status UpdateOrganization(CityId city, OrganizationId id, const Organization& org, std::int64_t at) = 0;
  virtual std::optional<Organization> FindOrganization(CityId city, OrganizationId id) = 0;
  virtual std::optional<Organization> FindOrganizationByUuid(CityId city, const std::string& uuid) = 0;
  /// By name, then id.
  virtual std::vector<Organization> ListOrganizations(CityId city, const OrganizationQuery& query) = 0;
  virtual int CountOrganizations(CityId city, const OrganizationQuery& query) = 0;
  virtual Status DeleteOrganization(CityId city, OrganizationId id) = 0;

  // --- locations ----------------------------------------------------------------------------
  virtual Result<Location> CreateLocation(CityId city, const Location& location, std::int64_t at) = 0;
  virtual Status UpdateLocation(CityId city, LocationId id, const Location& location, std::int64_t at) = 0;
  virtual std::optional<Location> FindLocation(CityId city, LocationId id) = 0;
  virtual std::optional<Location> FindLocationByUuid(CityId city, const std::string& uuid) = 0;
  /// Locations with coordinates or not, by name; `organization` filters when set.
  virtual std::vector<Location> ListLocations(CityId city, std::optional<OrganizationId> organization, int limit,
                                              int offset) = 0;

  // --- services -----------------------------------------------------------------------------
  /// Stores a service with its terms (by code; an unknown code is kValidation), areas,
  /// languages, phones, contacts, schedules and locations (which must be of this city).
  virtual Result<Service> CreateService(CityId city, const Service& service, std::int64_t at) = 0;
  /// Replaces the service and all its parts (not the assurance); kNotFound when not in this city.
  virtual Status UpdateService(CityId city, ServiceId id, const Service& service, std::int64_t at) = 0;
  virtual std::optional<Service> FindService(CityId city, ServiceId id) = 0;
  virtual std::optional<Service> FindServiceByUuid(CityId city, const std::string& uuid) = 0;
  virtual Status DeleteService(CityId city, ServiceId id) = 0;
  /// Services matching the query, by name then id, with their parts.
  virtual std::vector<Service> ListServices(CityId city, const ServiceQuery& query) = 0;
  virtual int CountServices(CityId city, const ServiceQuery& query) = 0;

  // --- services at locations ------------------------------------------------------------------
  virtual std::vector<ServiceAtLocation> ListServiceAtLocations(CityId city, const std::string& search,
                                                                const std::string& term_uuid, int limit,
                                                                int offset) = 0;
  virtual int CountServiceAtLocations(CityId city, const std::string& search, const std::string& term_uuid) = 0;
  virtual std::optional<ServiceAtLocation> FindServiceAtLocationByUuid(CityId city, const std::string& uuid) = 0;

  // --- verification and history -----------------------------------------------------------------
  /// Sets assured_date and assurer; kNotFound when not in this city.
  virtual Status Assure(CityId city, EntityType type, std::int64_t id, const Assurance& assurance) = 0;
  /// Adds to an entry's change history.
  virtual void AddChange(CityId city, EntityType type, std::int64_t id, const Change& change) = 0;
  /// Newest first; at most `limit`.
  virtual std::vector<Change> ListChanges(CityId city, EntityType type, std::int64_t id, int limit) = 0;
  /// Services not verified since `before_date` (YYYY-MM-DD; never verified counts as old) and
  /// not reminded since `reminded_before`; at most `limit`.
  virtual std::vector<StaleEntry> ListStale(CityId city, const std::string& before_date,
                                            std::int64_t reminded_before, int limit) = 0;
  virtual void MarkReminded(CityId city, EntityType type, std::int64_t id, std::int64_t at) = 0;

  // --- who keeps it right -----------------------------------------------------------------------
  virtual Status SetOrganizationRole(CityId city, OrganizationId org, UserId user, OrgRole role,
                                     std::int64_t at) = 0;
  virtual std::optional<OrgRole> RoleOf(CityId city, OrganizationId org, UserId user) = 0;
  /// The organisations of this city where the person has a role, by name; at most `limit`.
  virtual std::vector<std::pair<Organization, OrgRole>> OrganizationsOfUser(CityId city, UserId user, int limit) = 0;

  // --- professionals ---------------------------------------------------------------------------
  virtual Result<Professional> SaveProfessional(CityId city, const Professional& professional, std::int64_t at) = 0;
  /// The person's profiles in this city (one per organisation), with their buurten.
  virtual std::vector<Professional> ProfessionalsOfUser(CityId city, UserId user) = 0;
  /// Professionals working in any of these buurten, by name; at most `limit`.
  virtual std::vector<Professional> ListProfessionals(CityId city, const std::vector<std::string>& buurt_codes,
                                                      int limit, int offset) = 0;

  // --- keepers: the association's categories, people of organisations, review ------------------
  /// Adds a term at the end of the city's taxonomy; kConflict when its code is in use.
  virtual Result<Term> AddTerm(CityId city, const Term& term) = 0;
  /// Renames, describes or retires (Term::retired) the term with this code; kNotFound otherwise.
  virtual Status UpdateTerm(CityId city, const std::string& code, const Term& term) = 0;
  /// Removes a person's role in an organisation; kNotFound when they had none (in this city).
  virtual Status RemoveOrganizationRole(CityId city, OrganizationId org, UserId user) = 0;
  /// The people with a role in an organisation, by display name; at most `limit`.
  virtual std::vector<OrgMember> OrganizationUsers(CityId city, OrganizationId org, int limit, int offset) = 0;
  virtual int CountOrganizationUsers(CityId city, OrganizationId org) = 0;
  /// Every service of the city (local places too), the longest unchecked first; at most `limit`.
  virtual std::vector<Service> ServicesForReview(CityId city, int limit, int offset) = 0;
  virtual int CountAllServices(CityId city) = 0;

  // --- import ------------------------------------------------------------------------------------
  /// Runs `body` in one transaction: when it returns an error (or throws) nothing it wrote stays.
  virtual Status InTransaction(const std::function<Status()>& body) = 0;
};

/// A new random (version 4) UUID, lower case.
std::string NewUuid();
/// True for a UUID in 8-4-4-4-12 hex form.
bool IsUuid(const std::string& s);

}  // namespace buurtplein::domain::directory
