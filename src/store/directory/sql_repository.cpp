#include "store/directory/sql_repository.hpp"

#include <algorithm>
#include <charconv>

namespace buurtplein::store::directory {

using domain::CityId;
using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using namespace domain::directory;

namespace {

// Every statement names the city (city_id = ?1): another city's entries are never read or
// changed. Parameters are cast where PostgreSQL could not infer their type.

// --- taxonomy -------------------------------------------------------------------------------
constexpr const char* kFindTaxonomy = "SELECT id FROM directory_taxonomies WHERE city_id = ?1 AND name = ?2";
constexpr const char* kInsertTaxonomy =
    "INSERT INTO directory_taxonomies (city_id, uuid, name, description, version) VALUES (?1, ?2, ?3, ?4, ?5) "
    "RETURNING id";
constexpr const char* kInsertTerm =
    "INSERT INTO directory_taxonomy_terms (city_id, uuid, taxonomy_id, code, name, description, position) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (city_id, code) DO NOTHING RETURNING id";
constexpr const char* kListTaxonomies =
    "SELECT uuid, name, description, version FROM directory_taxonomies WHERE city_id = ?1 ORDER BY name, id "
    "LIMIT ?2 OFFSET ?3";
constexpr const char* kCountTaxonomies = "SELECT count(*) FROM directory_taxonomies WHERE city_id = ?1";
#define BP_TERM_COLUMNS "t.id, t.uuid, t.code, t.name, t.description, x.uuid, x.name, t.retired "
constexpr const char* kListTerms =
    "SELECT " BP_TERM_COLUMNS
    "FROM directory_taxonomy_terms t JOIN directory_taxonomies x ON x.id = t.taxonomy_id WHERE t.city_id = ?1 "
    "ORDER BY t.position, t.name, t.id LIMIT ?2 OFFSET ?3";
constexpr const char* kCountTerms = "SELECT count(*) FROM directory_taxonomy_terms WHERE city_id = ?1";
constexpr const char* kFindTermByCode =
    "SELECT " BP_TERM_COLUMNS
    "FROM directory_taxonomy_terms t JOIN directory_taxonomies x ON x.id = t.taxonomy_id "
    "WHERE t.city_id = ?1 AND t.code = ?2";
constexpr const char* kTermsOfService =
    "SELECT " BP_TERM_COLUMNS ", st.uuid "
    "FROM directory_service_terms st JOIN directory_taxonomy_terms t ON t.id = st.term_id "
    "JOIN directory_taxonomies x ON x.id = t.taxonomy_id WHERE st.city_id = ?1 AND st.service_id = ?2 "
    "ORDER BY t.position, t.id";
#undef BP_TERM_COLUMNS

// --- organisations ------------------------------------------------------------------------------
#define BP_ORG_COLUMNS                                                                                        \
  "o.id, o.city_id, o.uuid, o.site_id, o.name, o.alternate_name, o.description, o.email, o.website, o.logo, " \
  "o.kvk_number, o.is_example, o.assured_date, o.assurer_email, o.created_at, o.updated_at "
constexpr const char* kInsertOrg =
    "INSERT INTO directory_organizations (city_id, uuid, site_id, name, alternate_name, description, email, "
    "website, logo, kvk_number, is_example, assured_date, assurer_email, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id";
constexpr const char* kUpdateOrg =
    "UPDATE directory_organizations SET site_id = ?3, name = ?4, alternate_name = ?5, description = ?6, "
    "email = ?7, website = ?8, logo = ?9, kvk_number = ?10, is_example = ?11, updated_at = ?12 "
    "WHERE city_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kFindOrg = "SELECT " BP_ORG_COLUMNS "FROM directory_organizations o WHERE o.city_id = ?1 AND o.id = ?2";
constexpr const char* kFindOrgByUuid =
    "SELECT " BP_ORG_COLUMNS "FROM directory_organizations o WHERE o.city_id = ?1 AND o.uuid = ?2";
constexpr const char* kListOrgs =
    "SELECT " BP_ORG_COLUMNS "FROM directory_organizations o WHERE o.city_id = ?1 "
    "AND (CAST(?2 AS TEXT) = '' OR lower(o.name) LIKE CAST(?2 AS TEXT) OR lower(o.description) LIKE CAST(?2 AS TEXT)) "
    "ORDER BY o.name, o.id LIMIT ?3 OFFSET ?4";
constexpr const char* kCountOrgs =
    "SELECT count(*) FROM directory_organizations o WHERE o.city_id = ?1 "
    "AND (CAST(?2 AS TEXT) = '' OR lower(o.name) LIKE CAST(?2 AS TEXT) OR lower(o.description) LIKE CAST(?2 AS TEXT))";
constexpr const char* kDeleteOrg = "DELETE FROM directory_organizations WHERE city_id = ?1 AND id = ?2 RETURNING id";
#undef BP_ORG_COLUMNS

// --- locations ------------------------------------------------------------------------------------
#define BP_LOC_COLUMNS                                                                                               \
  "l.id, l.city_id, l.uuid, l.organization_id, l.site_id, l.location_type, l.name, l.description, l.address_1, " \
  "l.postal_code, l.address_city, l.state_province, l.country, l.latitude, l.longitude, l.buurt_code, "            \
  "l.accessibility, l.transportation, l.closed_on_public_holidays, l.is_example, l.created_at, l.updated_at "
constexpr const char* kInsertLoc =
    "INSERT INTO directory_locations (city_id, uuid, organization_id, site_id, location_type, name, description, "
    "address_1, postal_code, address_city, state_province, country, latitude, longitude, buurt_code, "
    "accessibility, transportation, closed_on_public_holidays, is_example, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20) "
    "RETURNING id";
constexpr const char* kUpdateLoc =
    "UPDATE directory_locations SET organization_id = ?3, site_id = ?4, location_type = ?5, name = ?6, "
    "description = ?7, address_1 = ?8, postal_code = ?9, address_city = ?10, state_province = ?11, country = ?12, "
    "latitude = ?13, longitude = ?14, buurt_code = ?15, accessibility = ?16, transportation = ?17, "
    "closed_on_public_holidays = ?18, is_example = ?19, updated_at = ?20 WHERE city_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kFindLoc = "SELECT " BP_LOC_COLUMNS "FROM directory_locations l WHERE l.city_id = ?1 AND l.id = ?2";
constexpr const char* kFindLocByUuid =
    "SELECT " BP_LOC_COLUMNS "FROM directory_locations l WHERE l.city_id = ?1 AND l.uuid = ?2";
constexpr const char* kListLocs =
    "SELECT " BP_LOC_COLUMNS "FROM directory_locations l WHERE l.city_id = ?1 "
    "AND (CAST(?2 AS BIGINT) = 0 OR l.organization_id = ?2) ORDER BY l.name, l.id LIMIT ?3 OFFSET ?4";
#undef BP_LOC_COLUMNS

// --- services -------------------------------------------------------------------------------------
#define BP_SERVICE_COLUMNS                                                                                           \
  "s.id, s.city_id, s.uuid, s.organization_id, o.uuid, o.name, s.site_id, s.name, s.alternate_name, "              \
  "s.description, s.url, s.email, s.status, s.application_process, s.fees_description, s.is_free, "                \
  "s.eligibility_description, s.minimum_age, s.maximum_age, s.interpretation_services, s.alert, s.is_example, " \
  "s.assured_date, s.assurer_email, s.created_at, s.updated_at "
constexpr const char* kInsertService =
    "INSERT INTO directory_services (city_id, uuid, organization_id, site_id, name, alternate_name, description, "
    "url, email, status, application_process, fees_description, is_free, eligibility_description, minimum_age, "
    "maximum_age, interpretation_services, alert, is_example, assured_date, assurer_email, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
    "?22) RETURNING id";
constexpr const char* kUpdateService =
    "UPDATE directory_services SET organization_id = ?3, site_id = ?4, name = ?5, alternate_name = ?6, "
    "description = ?7, url = ?8, email = ?9, status = ?10, application_process = ?11, fees_description = ?12, "
    "is_free = ?13, eligibility_description = ?14, minimum_age = ?15, maximum_age = ?16, "
    "interpretation_services = ?17, alert = ?18, is_example = ?19, updated_at = ?20 "
    "WHERE city_id = ?1 AND id = ?2 RETURNING id";
constexpr const char* kFindService =
    "SELECT " BP_SERVICE_COLUMNS
    "FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id "
    "WHERE s.city_id = ?1 AND s.id = ?2";
constexpr const char* kFindServiceByUuid =
    "SELECT " BP_SERVICE_COLUMNS
    "FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id "
    "WHERE s.city_id = ?1 AND s.uuid = ?2";
constexpr const char* kDeleteService = "DELETE FROM directory_services WHERE city_id = ?1 AND id = ?2 RETURNING id";
// The filters of a service list. ?8/?9: ",BU…,BU…," and ",WK…," lists of the buurten and wijken
// to serve ('' for all); a service serves them through a service area (the whole city, one of
// the wijken or buurten), a location in one of the buurten, or as a local place of site ?10.
#define BP_SERVICE_FILTER                                                                                          \
  "FROM directory_services s JOIN directory_organizations o ON o.id = s.organization_id WHERE s.city_id = ?1 "   \
  "AND (CAST(?2 AS TEXT) = '' OR lower(s.name) LIKE CAST(?2 AS TEXT) OR lower(s.description) LIKE "              \
  "CAST(?2 AS TEXT) OR lower(o.name) LIKE CAST(?2 AS TEXT)) "                                                     \
  "AND (CAST(?3 AS TEXT) = '' OR EXISTS (SELECT 1 FROM directory_service_terms st JOIN directory_taxonomy_terms " \
  "t ON t.id = st.term_id WHERE st.service_id = s.id AND (t.code = CAST(?3 AS TEXT) OR t.uuid = CAST(?3 AS "     \
  "TEXT)))) "                                                                                                     \
  "AND (CAST(?4 AS BIGINT) = 0 OR s.organization_id = CAST(?4 AS BIGINT)) "                                      \
  "AND (CAST(?5 AS BIGINT) = 0 OR s.is_free = 1) "                                                                \
  "AND (CAST(?6 AS TEXT) = '' OR EXISTS (SELECT 1 FROM directory_languages g WHERE g.owner_type = 'service' "    \
  "AND g.owner_id = s.id AND g.code = CAST(?6 AS TEXT))) "                                                        \
  "AND (CAST(?7 AS TEXT) = '' OR EXISTS (SELECT 1 FROM directory_service_areas a WHERE a.service_id = s.id AND " \
  "(a.extent_type = 'city' OR (a.code <> '' AND (CAST(?7 AS TEXT) LIKE ('%,' || a.code || ',%') OR CAST(?8 AS "  \
  "TEXT) LIKE ('%,' || a.code || ',%'))))) OR EXISTS (SELECT 1 FROM directory_service_at_locations sl JOIN "      \
  "directory_locations l ON l.id = sl.location_id WHERE sl.service_id = s.id AND l.buurt_code <> '' AND "         \
  "CAST(?7 AS TEXT) LIKE ('%,' || l.buurt_code || ',%')) OR (s.site_id IS NOT NULL AND s.site_id = CAST(?9 AS "  \
  "BIGINT))) "                                                                                                    \
  "AND (CAST(?7 AS TEXT) <> '' OR s.site_id IS NULL OR CAST(?10 AS BIGINT) = 1) "
constexpr const char* kListServices =
    "SELECT " BP_SERVICE_COLUMNS BP_SERVICE_FILTER "ORDER BY s.name, s.id LIMIT ?11 OFFSET ?12";
constexpr const char* kCountServices = "SELECT count(*) " BP_SERVICE_FILTER;
#undef BP_SERVICE_FILTER
#undef BP_SERVICE_COLUMNS

// --- parts of a service ---------------------------------------------------------------------------
constexpr const char* kDeleteServiceTerms = "DELETE FROM directory_service_terms WHERE city_id = ?1 AND service_id = ?2";
constexpr const char* kInsertServiceTerm =
    "INSERT INTO directory_service_terms (city_id, uuid, service_id, term_id) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (service_id, term_id) DO NOTHING";
constexpr const char* kDeleteAreas = "DELETE FROM directory_service_areas WHERE city_id = ?1 AND service_id = ?2";
constexpr const char* kInsertArea =
    "INSERT INTO directory_service_areas (city_id, uuid, service_id, extent_type, code, name) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kAreasOfService =
    "SELECT uuid, extent_type, code, name FROM directory_service_areas WHERE city_id = ?1 AND service_id = ?2 "
    "ORDER BY id";
constexpr const char* kDeleteSals =
    "DELETE FROM directory_service_at_locations WHERE city_id = ?1 AND service_id = ?2";
constexpr const char* kInsertSal =
    "INSERT INTO directory_service_at_locations (city_id, uuid, service_id, location_id) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (service_id, location_id) DO NOTHING";
#define BP_SAL_COLUMNS "sl.uuid, s.uuid, sl.location_id, l.uuid, sl.description "
#define BP_SAL_FROM                                                                                          \
  "FROM directory_service_at_locations sl JOIN directory_services s ON s.id = sl.service_id "               \
  "JOIN directory_locations l ON l.id = sl.location_id "
constexpr const char* kSalsOfService =
    "SELECT " BP_SAL_COLUMNS BP_SAL_FROM "WHERE sl.city_id = ?1 AND sl.service_id = ?2 ORDER BY sl.id";
#define BP_SAL_FILTER                                                                                            \
  "WHERE sl.city_id = ?1 AND (CAST(?2 AS TEXT) = '' OR lower(s.name) LIKE CAST(?2 AS TEXT) OR lower(l.name) "  \
  "LIKE CAST(?2 AS TEXT)) AND (CAST(?3 AS TEXT) = '' OR EXISTS (SELECT 1 FROM directory_service_terms st JOIN " \
  "directory_taxonomy_terms t ON t.id = st.term_id WHERE st.service_id = s.id AND t.uuid = CAST(?3 AS TEXT))) "
constexpr const char* kListSals =
    "SELECT " BP_SAL_COLUMNS BP_SAL_FROM BP_SAL_FILTER "ORDER BY sl.id LIMIT ?4 OFFSET ?5";
constexpr const char* kCountSals = "SELECT count(*) " BP_SAL_FROM BP_SAL_FILTER;
constexpr const char* kFindSal = "SELECT " BP_SAL_COLUMNS BP_SAL_FROM "WHERE sl.city_id = ?1 AND sl.uuid = ?2";
#undef BP_SAL_FILTER
#undef BP_SAL_FROM
#undef BP_SAL_COLUMNS

// --- parts with an owner (organisation, service or location) ----------------------------------------
constexpr const char* kDeletePhones =
    "DELETE FROM directory_phones WHERE city_id = ?1 AND owner_type = ?2 AND owner_id = ?3";
constexpr const char* kInsertPhone =
    "INSERT INTO directory_phones (city_id, uuid, owner_type, owner_id, number, type, description) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kPhonesOf =
    "SELECT uuid, number, type, description FROM directory_phones WHERE city_id = ?1 AND owner_type = ?2 "
    "AND owner_id = ?3 ORDER BY id";
constexpr const char* kDeleteContacts =
    "DELETE FROM directory_contacts WHERE city_id = ?1 AND owner_type = ?2 AND owner_id = ?3";
constexpr const char* kInsertContact =
    "INSERT INTO directory_contacts (city_id, uuid, owner_type, owner_id, name, title, department, email, phone) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kContactsOf =
    "SELECT uuid, name, title, department, email, phone FROM directory_contacts WHERE city_id = ?1 "
    "AND owner_type = ?2 AND owner_id = ?3 ORDER BY id";
constexpr const char* kDeleteLanguages =
    "DELETE FROM directory_languages WHERE city_id = ?1 AND owner_type = ?2 AND owner_id = ?3";
constexpr const char* kInsertLanguage =
    "INSERT INTO directory_languages (city_id, uuid, owner_type, owner_id, code, name, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kLanguagesOf =
    "SELECT uuid, code, name, note FROM directory_languages WHERE city_id = ?1 AND owner_type = ?2 "
    "AND owner_id = ?3 ORDER BY id";
constexpr const char* kDeleteSchedules =
    "DELETE FROM directory_schedules WHERE city_id = ?1 AND owner_type = ?2 AND owner_id = ?3";
constexpr const char* kInsertSchedule =
    "INSERT INTO directory_schedules (city_id, uuid, owner_type, owner_id, kind, freq, byday, opens_at, closes_at, "
    "valid_from, valid_to, closed, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
constexpr const char* kSchedulesOf =
    "SELECT uuid, kind, freq, byday, opens_at, closes_at, valid_from, valid_to, closed, description "
    "FROM directory_schedules WHERE city_id = ?1 AND owner_type = ?2 AND owner_id = ?3 ORDER BY id";

// --- verification, history, roles, professionals ------------------------------------------------------
constexpr const char* kAssureOrg =
    "UPDATE directory_organizations SET assured_date = ?3, assurer_email = ?4 WHERE city_id = ?1 AND id = ?2 "
    "RETURNING id";
constexpr const char* kAssureService =
    "UPDATE directory_services SET assured_date = ?3, assurer_email = ?4 WHERE city_id = ?1 AND id = ?2 "
    "RETURNING id";
constexpr const char* kInsertChange =
    "INSERT INTO directory_changes (city_id, entity_type, entity_id, user_id, action, changes_json, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kListChanges =
    "SELECT c.created_at, c.user_id, coalesce(u.display_name, ''), c.action, c.changes_json "
    "FROM directory_changes c LEFT JOIN users u ON u.id = c.user_id "
    "WHERE c.city_id = ?1 AND c.entity_type = ?2 AND c.entity_id = ?3 ORDER BY c.id DESC LIMIT ?4";
constexpr const char* kListStale =
    "SELECT s.id, s.name, o.email FROM directory_services s JOIN directory_organizations o "
    "ON o.id = s.organization_id WHERE s.city_id = ?1 AND (s.assured_date = '' OR s.assured_date < ?2) "
    "AND (s.reminded_at IS NULL OR s.reminded_at < ?3) ORDER BY s.id LIMIT ?4";
constexpr const char* kMarkRemindedService =
    "UPDATE directory_services SET reminded_at = ?3 WHERE city_id = ?1 AND id = ?2";
constexpr const char* kMarkRemindedOrg =
    "UPDATE directory_organizations SET reminded_at = ?3 WHERE city_id = ?1 AND id = ?2";
constexpr const char* kSetRole =
    "INSERT INTO directory_organization_users (city_id, organization_id, user_id, role, created_at) "
    "SELECT CAST(?1 AS BIGINT), o.id, CAST(?3 AS BIGINT), CAST(?4 AS TEXT), CAST(?5 AS BIGINT) FROM directory_organizations o WHERE o.city_id = ?1 AND o.id = ?2 "
    "ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role RETURNING organization_id";
constexpr const char* kOrgsOfUser =
    "SELECT o.id, o.city_id, o.uuid, o.site_id, o.name, o.alternate_name, o.description, o.email, o.website, "
    "o.logo, o.kvk_number, o.is_example, o.assured_date, o.assurer_email, o.created_at, o.updated_at, ou.role "
    "FROM directory_organization_users ou JOIN directory_organizations o ON o.id = ou.organization_id "
    "WHERE ou.city_id = ?1 AND ou.user_id = ?2 ORDER BY o.name, o.id LIMIT ?3";
constexpr const char* kRoleOf =
    "SELECT role FROM directory_organization_users WHERE city_id = ?1 AND organization_id = ?2 AND user_id = ?3";
constexpr const char* kUpsertProfessional =
    "INSERT INTO directory_professionals (city_id, user_id, organization_id, display_name, job_title, "
    "come_to_me_for, office_hours, created_at, updated_at) SELECT CAST(?1 AS BIGINT), CAST(?2 AS BIGINT), o.id, "
    "CAST(?4 AS TEXT), CAST(?5 AS TEXT), CAST(?6 AS TEXT), CAST(?7 AS TEXT), CAST(?8 AS BIGINT), CAST(?8 AS BIGINT) "
    "FROM directory_organizations o WHERE o.city_id = ?1 AND o.id = ?3 "
    "ON CONFLICT (city_id, user_id, organization_id) DO UPDATE SET display_name = excluded.display_name, "
    "job_title = excluded.job_title, come_to_me_for = excluded.come_to_me_for, "
    "office_hours = excluded.office_hours, updated_at = excluded.updated_at RETURNING id";
constexpr const char* kDeleteProfessionalBuurten =
    "DELETE FROM directory_professional_buurten WHERE professional_id = ?1";
constexpr const char* kInsertProfessionalBuurt =
    "INSERT INTO directory_professional_buurten (professional_id, buurt_code) VALUES (?1, ?2) "
    "ON CONFLICT DO NOTHING";
#define BP_PRO_COLUMNS                                                                                              \
  "p.id, p.city_id, p.user_id, p.organization_id, o.name, p.display_name, p.job_title, p.come_to_me_for, " \
  "p.office_hours, p.created_at, p.updated_at "
constexpr const char* kProfessionalsOfUser =
    "SELECT " BP_PRO_COLUMNS "FROM directory_professionals p JOIN directory_organizations o "
    "ON o.id = p.organization_id WHERE p.city_id = ?1 AND p.user_id = ?2 ORDER BY o.name, p.id LIMIT 50";
constexpr const char* kListProfessionals =
    "SELECT " BP_PRO_COLUMNS "FROM directory_professionals p JOIN directory_organizations o "
    "ON o.id = p.organization_id WHERE p.city_id = ?1 AND (CAST(?2 AS TEXT) = '' OR EXISTS (SELECT 1 FROM "
    "directory_professional_buurten b WHERE b.professional_id = p.id AND CAST(?2 AS TEXT) LIKE ('%,' || "
    "b.buurt_code || ',%'))) ORDER BY p.display_name, p.id LIMIT ?3 OFFSET ?4";
#undef BP_PRO_COLUMNS
constexpr const char* kBuurtenOfProfessional =
    "SELECT buurt_code FROM directory_professional_buurten WHERE professional_id = ?1 ORDER BY buurt_code";

// --- keepers: categories, people of organisations, review -------------------------------------------
constexpr const char* kNextTermPosition =
    "SELECT x.id, coalesce((SELECT max(t.position) FROM directory_taxonomy_terms t WHERE t.city_id = ?1), 0) + 1 "
    "FROM directory_taxonomies x WHERE x.city_id = ?1 ORDER BY x.id LIMIT 1";
constexpr const char* kAddTerm =
    "INSERT INTO directory_taxonomy_terms (city_id, uuid, taxonomy_id, code, name, description, position) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (city_id, code) DO NOTHING RETURNING id";
constexpr const char* kUpdateTerm =
    "UPDATE directory_taxonomy_terms SET name = ?3, description = ?4, retired = ?5 WHERE city_id = ?1 AND code = ?2 "
    "RETURNING id";
constexpr const char* kRemoveRole =
    "DELETE FROM directory_organization_users WHERE city_id = ?1 AND organization_id = ?2 AND user_id = ?3 "
    "RETURNING user_id";
constexpr const char* kOrganizationUsers =
    "SELECT ou.user_id, u.display_name, ou.role FROM directory_organization_users ou JOIN users u ON u.id = "
    "ou.user_id WHERE ou.city_id = ?1 AND ou.organization_id = ?2 ORDER BY u.display_name, ou.user_id "
    "LIMIT ?3 OFFSET ?4";
constexpr const char* kCountOrganizationUsers =
    "SELECT count(*) FROM directory_organization_users WHERE city_id = ?1 AND organization_id = ?2";
// Oldest check first (never checked counts as oldest), then by name.
constexpr const char* kServicesForReview =
    "SELECT s.id FROM directory_services s WHERE s.city_id = ?1 ORDER BY s.assured_date, s.name, s.id "
    "LIMIT ?2 OFFSET ?3";
constexpr const char* kCountAllServices = "SELECT count(*) FROM directory_services WHERE city_id = ?1";

constexpr const char* kNoSuchEntry = "This entry of the sociale kaart does not exist.";

// --- reading rows -----------------------------------------------------------------------------------
std::string S(const SqlRow& r, std::size_t i) { return r.at(i).value_or(""); }
std::int64_t I(const SqlRow& r, std::size_t i) {
  const auto& v = r.at(i);
  if (!v || v->empty()) return 0;
  std::int64_t out = 0;
  std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}
std::optional<std::int64_t> OptI(const SqlRow& r, std::size_t i) {
  if (!r.at(i)) return std::nullopt;
  return I(r, i);
}
std::optional<double> OptD(const SqlRow& r, std::size_t i) {
  if (!r.at(i) || r.at(i)->empty()) return std::nullopt;
  try {
    return std::stod(*r.at(i));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}
bool B(const SqlRow& r, std::size_t i) { return I(r, i) != 0; }

SqlValue V(std::int64_t v) { return v; }
SqlValue V(int v) { return static_cast<std::int64_t>(v); }
SqlValue V(bool v) { return static_cast<std::int64_t>(v ? 1 : 0); }
SqlValue V(const std::string& v) { return v; }
SqlValue V(const char* v) { return std::string(v); }
SqlValue V(std::optional<double> v) { return v ? SqlValue(*v) : SqlValue(std::monostate{}); }
SqlValue V(std::optional<int> v) { return v ? SqlValue(static_cast<std::int64_t>(*v)) : SqlValue(std::monostate{}); }
template <typename Tag>
SqlValue V(std::optional<domain::Id<Tag>> v) {
  return v ? SqlValue(v->value) : SqlValue(std::monostate{});
}
template <typename Tag>
SqlValue V(domain::Id<Tag> v) {
  return v.value;
}

std::string UuidOr(const std::string& uuid) { return uuid.empty() ? NewUuid() : uuid; }

// "%word%" in lower case for LIKE ('' for no search). The % and _ of the search are kept as
// text by dropping them: a search never needs them.
std::string LikePattern(const std::string& search) {
  std::string s;
  for (char c : search) {
    if (c == '%' || c == '_' || c == '\\') continue;
    s.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s.empty() ? std::string() : "%" + s + "%";
}

// ",a,b," for matching one code with LIKE '%,code,%'; '' for an empty list.
std::string CodeList(const std::vector<std::string>& codes) {
  if (codes.empty()) return {};
  std::string out = ",";
  for (const auto& c : codes) {
    if (c.find(',') != std::string::npos || c.find('%') != std::string::npos || c.find('_') != std::string::npos) continue;
    out += c + ",";
  }
  return out;
}

const char* EntityName(EntityType t) {
  switch (t) {
    case EntityType::kOrganization: return "organization";
    case EntityType::kService: return "service";
    case EntityType::kLocation: return "location";
  }
  return "service";
}

const char* AreaTypeName(AreaType t) {
  switch (t) {
    case AreaType::kCity: return "city";
    case AreaType::kWijk: return "wijk";
    case AreaType::kBuurt: return "buurt";
  }
  return "city";
}

AreaType AreaTypeOf(const std::string& s) {
  if (s == "wijk") return AreaType::kWijk;
  if (s == "buurt") return AreaType::kBuurt;
  return AreaType::kCity;
}

Term ReadTerm(const SqlRow& r) {
  Term t;
  t.id = TermId{I(r, 0)};
  t.uuid = S(r, 1);
  t.code = S(r, 2);
  t.name = S(r, 3);
  t.description = S(r, 4);
  t.taxonomy_uuid = S(r, 5);
  t.taxonomy_name = S(r, 6);
  t.retired = I(r, 7) != 0;
  return t;
}

Organization ReadOrg(const SqlRow& r) {
  Organization o;
  o.id = OrganizationId{I(r, 0)};
  o.city = CityId{I(r, 1)};
  o.uuid = S(r, 2);
  if (auto s = OptI(r, 3)) o.site = SiteId{*s};
  o.name = S(r, 4);
  o.alternate_name = S(r, 5);
  o.description = S(r, 6);
  o.email = S(r, 7);
  o.website = S(r, 8);
  o.logo = S(r, 9);
  o.kvk_number = S(r, 10);
  o.example = B(r, 11);
  o.assurance = {S(r, 12), S(r, 13)};
  o.created_at = I(r, 14);
  o.updated_at = I(r, 15);
  return o;
}

Location ReadLoc(const SqlRow& r) {
  Location l;
  l.id = LocationId{I(r, 0)};
  l.city = CityId{I(r, 1)};
  l.uuid = S(r, 2);
  if (auto o = OptI(r, 3)) l.organization = OrganizationId{*o};
  if (auto s = OptI(r, 4)) l.site = SiteId{*s};
  l.location_type = S(r, 5);
  l.name = S(r, 6);
  l.description = S(r, 7);
  l.address_1 = S(r, 8);
  l.postal_code = S(r, 9);
  l.address_city = S(r, 10);
  l.state_province = S(r, 11);
  l.country = S(r, 12);
  l.latitude = OptD(r, 13);
  l.longitude = OptD(r, 14);
  l.buurt_code = S(r, 15);
  l.accessibility = S(r, 16);
  l.transportation = S(r, 17);
  l.closed_on_public_holidays = B(r, 18);
  l.example = B(r, 19);
  l.created_at = I(r, 20);
  l.updated_at = I(r, 21);
  return l;
}

Service ReadService(const SqlRow& r) {
  Service s;
  s.id = ServiceId{I(r, 0)};
  s.city = CityId{I(r, 1)};
  s.uuid = S(r, 2);
  s.organization = OrganizationId{I(r, 3)};
  s.organization_uuid = S(r, 4);
  s.organization_name = S(r, 5);
  if (auto site = OptI(r, 6)) s.site = SiteId{*site};
  s.name = S(r, 7);
  s.alternate_name = S(r, 8);
  s.description = S(r, 9);
  s.url = S(r, 10);
  s.email = S(r, 11);
  s.status = S(r, 12);
  s.application_process = S(r, 13);
  s.fees_description = S(r, 14);
  s.free = B(r, 15);
  s.eligibility_description = S(r, 16);
  if (auto a = OptI(r, 17)) s.minimum_age = static_cast<int>(*a);
  if (auto a = OptI(r, 18)) s.maximum_age = static_cast<int>(*a);
  s.interpretation_services = S(r, 19);
  s.alert = S(r, 20);
  s.example = B(r, 21);
  s.assurance = {S(r, 22), S(r, 23)};
  s.created_at = I(r, 24);
  s.updated_at = I(r, 25);
  return s;
}

ServiceAtLocation ReadSal(const SqlRow& r) {
  ServiceAtLocation x;
  x.uuid = S(r, 0);
  x.service_uuid = S(r, 1);
  x.location = LocationId{I(r, 2)};
  x.location_uuid = S(r, 3);
  x.description = S(r, 4);
  return x;
}

domain::Status Found(const std::vector<SqlRow>& rows) {
  if (rows.empty()) return MakeError(ErrorCode::kNotFound, kNoSuchEntry);
  return domain::Ok{};
}

int Count(const std::vector<SqlRow>& rows) { return rows.empty() ? 0 : static_cast<int>(I(rows[0], 0)); }

}  // namespace

// --- taxonomy ---------------------------------------------------------------------------------------

int SqlDirectoryRepository::EnsureTaxonomy(CityId city, const Taxonomy& taxonomy, const std::vector<Term>& terms) {
  int added = 0;
  sql_.Transact([&] {
    auto found = sql_.Run(kFindTaxonomy, {V(city), V(taxonomy.name)});
    std::int64_t taxonomy_id = 0;
    if (!found.empty()) {
      taxonomy_id = I(found[0], 0);
    } else {
      auto rows = sql_.Run(kInsertTaxonomy, {V(city), V(UuidOr(taxonomy.uuid)), V(taxonomy.name),
                                             V(taxonomy.description), V(taxonomy.version)});
      taxonomy_id = I(rows.at(0), 0);
    }
    int position = 0;
    for (const auto& t : terms) {
      ++position;
      auto rows = sql_.Run(kInsertTerm, {V(city), V(UuidOr(t.uuid)), V(taxonomy_id), V(t.code), V(t.name),
                                         V(t.description), V(position)});
      added += static_cast<int>(rows.size());
    }
    return true;
  });
  return added;
}

std::vector<Taxonomy> SqlDirectoryRepository::ListTaxonomies(CityId city, int limit, int offset) {
  std::vector<Taxonomy> out;
  for (const auto& r : sql_.Run(kListTaxonomies, {V(city), V(std::max(0, limit)), V(std::max(0, offset))})) {
    out.push_back({S(r, 0), S(r, 1), S(r, 2), S(r, 3)});
  }
  return out;
}

int SqlDirectoryRepository::CountTaxonomies(CityId city) { return Count(sql_.Run(kCountTaxonomies, {V(city)})); }

std::vector<Term> SqlDirectoryRepository::ListTerms(CityId city, int limit, int offset) {
  std::vector<Term> out;
  for (const auto& r : sql_.Run(kListTerms, {V(city), V(std::max(0, limit)), V(std::max(0, offset))})) {
    out.push_back(ReadTerm(r));
  }
  return out;
}

int SqlDirectoryRepository::CountTerms(CityId city) { return Count(sql_.Run(kCountTerms, {V(city)})); }

std::optional<Term> SqlDirectoryRepository::FindTermByCode(CityId city, const std::string& code) {
  auto rows = sql_.Run(kFindTermByCode, {V(city), V(code)});
  if (rows.empty()) return std::nullopt;
  return ReadTerm(rows[0]);
}

// --- parts ------------------------------------------------------------------------------------------

void SqlDirectoryRepository::WriteOwned(CityId city, const char* owner_type, std::int64_t owner_id,
                                        const std::vector<Phone>& phones, const std::vector<Contact>& contacts,
                                        const std::vector<Language>& languages,
                                        const std::vector<Schedule>& schedules) {
  sql_.Run(kDeletePhones, {V(city), V(owner_type), V(owner_id)});
  for (const auto& p : phones) {
    sql_.Run(kInsertPhone,
             {V(city), V(UuidOr(p.uuid)), V(owner_type), V(owner_id), V(p.number), V(p.type), V(p.description)});
  }
  sql_.Run(kDeleteContacts, {V(city), V(owner_type), V(owner_id)});
  for (const auto& c : contacts) {
    sql_.Run(kInsertContact, {V(city), V(UuidOr(c.uuid)), V(owner_type), V(owner_id), V(c.name), V(c.title),
                              V(c.department), V(c.email), V(c.phone)});
  }
  sql_.Run(kDeleteLanguages, {V(city), V(owner_type), V(owner_id)});
  for (const auto& l : languages) {
    sql_.Run(kInsertLanguage,
             {V(city), V(UuidOr(l.uuid)), V(owner_type), V(owner_id), V(l.code), V(l.name), V(l.note)});
  }
  sql_.Run(kDeleteSchedules, {V(city), V(owner_type), V(owner_id)});
  for (const auto& s : schedules) {
    sql_.Run(kInsertSchedule, {V(city), V(UuidOr(s.uuid)), V(owner_type), V(owner_id),
                               V(s.exception ? "exception" : "weekly"), V(s.freq.empty() ? "WEEKLY" : s.freq),
                               V(s.byday), V(s.opens_at), V(s.closes_at), V(s.valid_from), V(s.valid_to),
                               V(s.closed), V(s.description)});
  }
}

namespace {

template <typename Fn>
void ForOwned(SqlRunner& sql, const char* query, CityId city, const char* owner_type, std::int64_t owner_id, Fn fn) {
  for (const auto& r : sql.Run(query, {V(city), V(owner_type), V(owner_id)})) fn(r);
}

void ReadOwned(SqlRunner& sql, CityId city, const char* owner_type, std::int64_t owner_id, std::vector<Phone>* phones,
               std::vector<Contact>* contacts, std::vector<Language>* languages, std::vector<Schedule>* schedules) {
  if (phones) {
    ForOwned(sql, kPhonesOf, city, owner_type, owner_id,
             [&](const SqlRow& r) { phones->push_back({S(r, 0), S(r, 1), S(r, 2), S(r, 3)}); });
  }
  if (contacts) {
    ForOwned(sql, kContactsOf, city, owner_type, owner_id, [&](const SqlRow& r) {
      contacts->push_back({S(r, 0), S(r, 1), S(r, 2), S(r, 3), S(r, 4), S(r, 5)});
    });
  }
  if (languages) {
    ForOwned(sql, kLanguagesOf, city, owner_type, owner_id,
             [&](const SqlRow& r) { languages->push_back({S(r, 0), S(r, 1), S(r, 2), S(r, 3)}); });
  }
  if (schedules) {
    ForOwned(sql, kSchedulesOf, city, owner_type, owner_id, [&](const SqlRow& r) {
      Schedule s;
      s.uuid = S(r, 0);
      s.exception = S(r, 1) == "exception";
      s.freq = S(r, 2);
      s.byday = S(r, 3);
      s.opens_at = S(r, 4);
      s.closes_at = S(r, 5);
      s.valid_from = S(r, 6);
      s.valid_to = S(r, 7);
      s.closed = B(r, 8);
      s.description = S(r, 9);
      schedules->push_back(std::move(s));
    });
  }
}

}  // namespace

void SqlDirectoryRepository::LoadParts(CityId city, Organization& o) {
  ReadOwned(sql_, city, "organization", o.id.value, &o.phones, &o.contacts, nullptr, nullptr);
}

void SqlDirectoryRepository::LoadParts(CityId city, Location& l) {
  ReadOwned(sql_, city, "location", l.id.value, &l.phones, nullptr, &l.languages, &l.schedules);
}

void SqlDirectoryRepository::LoadParts(CityId city, Service& s) {
  for (const auto& r : sql_.Run(kTermsOfService, {V(city), V(s.id)})) {
    s.terms.push_back(ReadTerm(r));
    s.terms.back().link_uuid = S(r, 8);
    s.term_codes.push_back(s.terms.back().code);
  }
  for (const auto& r : sql_.Run(kAreasOfService, {V(city), V(s.id)})) {
    s.areas.push_back({S(r, 0), AreaTypeOf(S(r, 1)), S(r, 2), S(r, 3)});
  }
  for (const auto& r : sql_.Run(kSalsOfService, {V(city), V(s.id)})) {
    s.at_locations.push_back(ReadSal(r));
    s.location_ids.push_back(s.at_locations.back().location);
  }
  ReadOwned(sql_, city, "service", s.id.value, &s.phones, &s.contacts, &s.languages, &s.schedules);
}

// --- organisations --------------------------------------------------------------------------------------

domain::Result<Organization> SqlDirectoryRepository::CreateOrganization(CityId city, const Organization& o,
                                                                        std::int64_t at) {
  std::int64_t id = 0;
  try {
    sql_.Transact([&] {
      auto rows = sql_.Run(kInsertOrg, {V(city), V(UuidOr(o.uuid)), V(o.site), V(o.name), V(o.alternate_name),
                                        V(o.description), V(o.email), V(o.website), V(o.logo), V(o.kvk_number),
                                        V(o.example), V(o.assurance.assured_date), V(o.assurance.assurer_email),
                                        V(at)});
      id = I(rows.at(0), 0);
      WriteOwned(city, "organization", id, o.phones, o.contacts, {}, {});
      return true;
    });
  } catch (const ConstraintViolation& e) {
    return MakeError(ErrorCode::kConflict, "This entry already exists in the sociale kaart.", e.what());
  }
  auto found = FindOrganization(city, OrganizationId{id});
  if (!found) return MakeError(ErrorCode::kInternal, kNoSuchEntry, "organisation vanished after insert");
  return *found;
}

domain::Status SqlDirectoryRepository::UpdateOrganization(CityId city, OrganizationId id, const Organization& o,
                                                          std::int64_t at) {
  domain::Status status = domain::Ok{};
  sql_.Transact([&] {
    status = Found(sql_.Run(kUpdateOrg, {V(city), V(id), V(o.site), V(o.name), V(o.alternate_name), V(o.description),
                                         V(o.email), V(o.website), V(o.logo), V(o.kvk_number), V(o.example), V(at)}));
    if (!status) return false;
    WriteOwned(city, "organization", id.value, o.phones, o.contacts, {}, {});
    return true;
  });
  return status;
}

std::optional<Organization> SqlDirectoryRepository::FindOrganization(CityId city, OrganizationId id) {
  auto rows = sql_.Run(kFindOrg, {V(city), V(id)});
  if (rows.empty()) return std::nullopt;
  auto o = ReadOrg(rows[0]);
  LoadParts(city, o);
  return o;
}

std::optional<Organization> SqlDirectoryRepository::FindOrganizationByUuid(CityId city, const std::string& uuid) {
  auto rows = sql_.Run(kFindOrgByUuid, {V(city), V(uuid)});
  if (rows.empty()) return std::nullopt;
  auto o = ReadOrg(rows[0]);
  LoadParts(city, o);
  return o;
}

std::vector<Organization> SqlDirectoryRepository::ListOrganizations(CityId city, const OrganizationQuery& q) {
  std::vector<Organization> out;
  for (const auto& r :
       sql_.Run(kListOrgs, {V(city), V(LikePattern(q.search)), V(std::max(0, q.limit)), V(std::max(0, q.offset))})) {
    out.push_back(ReadOrg(r));
  }
  for (auto& o : out) LoadParts(city, o);
  return out;
}

int SqlDirectoryRepository::CountOrganizations(CityId city, const OrganizationQuery& q) {
  return Count(sql_.Run(kCountOrgs, {V(city), V(LikePattern(q.search))}));
}

domain::Status SqlDirectoryRepository::DeleteOrganization(CityId city, OrganizationId id) {
  return Found(sql_.Run(kDeleteOrg, {V(city), V(id)}));
}

// --- locations ------------------------------------------------------------------------------------------

domain::Result<Location> SqlDirectoryRepository::CreateLocation(CityId city, const Location& l, std::int64_t at) {
  if (l.organization && !FindOrganization(city, *l.organization)) {
    return MakeError(ErrorCode::kNotFound, kNoSuchEntry, "organisation of another city");
  }
  std::int64_t id = 0;
  try {
    sql_.Transact([&] {
      auto rows = sql_.Run(kInsertLoc, {V(city), V(UuidOr(l.uuid)), V(l.organization), V(l.site), V(l.location_type),
                                        V(l.name), V(l.description), V(l.address_1), V(l.postal_code),
                                        V(l.address_city), V(l.state_province), V(l.country), V(l.latitude),
                                        V(l.longitude), V(l.buurt_code), V(l.accessibility), V(l.transportation),
                                        V(l.closed_on_public_holidays), V(l.example), V(at)});
      id = I(rows.at(0), 0);
      WriteOwned(city, "location", id, l.phones, {}, l.languages, l.schedules);
      return true;
    });
  } catch (const ConstraintViolation& e) {
    return MakeError(ErrorCode::kConflict, "This entry already exists in the sociale kaart.", e.what());
  }
  auto found = FindLocation(city, LocationId{id});
  if (!found) return MakeError(ErrorCode::kInternal, kNoSuchEntry, "location vanished after insert");
  return *found;
}

domain::Status SqlDirectoryRepository::UpdateLocation(CityId city, LocationId id, const Location& l,
                                                      std::int64_t at) {
  if (l.organization && !FindOrganization(city, *l.organization)) {
    return MakeError(ErrorCode::kNotFound, kNoSuchEntry, "organisation of another city");
  }
  domain::Status status = domain::Ok{};
  sql_.Transact([&] {
    status = Found(sql_.Run(kUpdateLoc, {V(city), V(id), V(l.organization), V(l.site), V(l.location_type), V(l.name),
                                         V(l.description), V(l.address_1), V(l.postal_code), V(l.address_city),
                                         V(l.state_province), V(l.country), V(l.latitude), V(l.longitude),
                                         V(l.buurt_code), V(l.accessibility), V(l.transportation),
                                         V(l.closed_on_public_holidays), V(l.example), V(at)}));
    if (!status) return false;
    WriteOwned(city, "location", id.value, l.phones, {}, l.languages, l.schedules);
    return true;
  });
  return status;
}

std::optional<Location> SqlDirectoryRepository::FindLocation(CityId city, LocationId id) {
  auto rows = sql_.Run(kFindLoc, {V(city), V(id)});
  if (rows.empty()) return std::nullopt;
  auto l = ReadLoc(rows[0]);
  LoadParts(city, l);
  return l;
}

std::optional<Location> SqlDirectoryRepository::FindLocationByUuid(CityId city, const std::string& uuid) {
  auto rows = sql_.Run(kFindLocByUuid, {V(city), V(uuid)});
  if (rows.empty()) return std::nullopt;
  auto l = ReadLoc(rows[0]);
  LoadParts(city, l);
  return l;
}

std::vector<Location> SqlDirectoryRepository::ListLocations(CityId city, std::optional<OrganizationId> organization,
                                                            int limit, int offset) {
  std::vector<Location> out;
  for (const auto& r : sql_.Run(kListLocs, {V(city), V(organization ? organization->value : 0),
                                            V(std::max(0, limit)), V(std::max(0, offset))})) {
    out.push_back(ReadLoc(r));
  }
  for (auto& l : out) LoadParts(city, l);
  return out;
}

// --- services -------------------------------------------------------------------------------------------

domain::Status SqlDirectoryRepository::WriteServiceParts(CityId city, std::int64_t id, const Service& s) {
  // Terms and locations are checked first: an unknown category or another city's place
  // refuses the whole write.
  std::vector<std::int64_t> term_ids;
  for (const auto& code : s.term_codes) {
    auto t = FindTermByCode(city, code);
    if (!t) {
      auto e = MakeError(ErrorCode::kValidation, "This category does not exist.", code);
      e.field = "categories";
      return e;
    }
    term_ids.push_back(t->id.value);
  }
  for (LocationId l : s.location_ids) {
    if (!sql_.Run(kFindLoc, {V(city), V(l)}).size()) {
      auto e = MakeError(ErrorCode::kValidation, "This location does not exist.", std::to_string(l.value));
      e.field = "locations";
      return e;
    }
  }
  sql_.Run(kDeleteServiceTerms, {V(city), V(id)});
  for (auto t : term_ids) sql_.Run(kInsertServiceTerm, {V(city), V(NewUuid()), V(id), V(t)});
  sql_.Run(kDeleteAreas, {V(city), V(id)});
  for (const auto& a : s.areas) {
    sql_.Run(kInsertArea,
             {V(city), V(UuidOr(a.uuid)), V(id), V(AreaTypeName(a.type)), V(a.type == AreaType::kCity ? "" : a.code),
              V(a.name)});
  }
  sql_.Run(kDeleteSals, {V(city), V(id)});
  for (LocationId l : s.location_ids) {
    // Keep a link's uuid when the same location is linked again.
    std::string uuid;
    for (const auto& x : s.at_locations) {
      if (x.location == l) uuid = x.uuid;
    }
    sql_.Run(kInsertSal, {V(city), V(UuidOr(uuid)), V(id), V(l)});
  }
  WriteOwned(city, "service", id, s.phones, s.contacts, s.languages, s.schedules);
  return domain::Ok{};
}

domain::Result<Service> SqlDirectoryRepository::CreateService(CityId city, const Service& s, std::int64_t at) {
  if (!FindOrganization(city, s.organization)) {
    return MakeError(ErrorCode::kNotFound, kNoSuchEntry, "organisation of another city");
  }
  std::int64_t id = 0;
  domain::Status status = domain::Ok{};
  try {
    sql_.Transact([&] {
      auto rows = sql_.Run(
          kInsertService,
          {V(city), V(UuidOr(s.uuid)), V(s.organization), V(s.site), V(s.name), V(s.alternate_name), V(s.description),
           V(s.url), V(s.email), V(s.status), V(s.application_process), V(s.fees_description), V(s.free),
           V(s.eligibility_description), V(s.minimum_age), V(s.maximum_age), V(s.interpretation_services), V(s.alert),
           V(s.example), V(s.assurance.assured_date), V(s.assurance.assurer_email), V(at)});
      id = I(rows.at(0), 0);
      status = WriteServiceParts(city, id, s);
      return status.ok();
    });
  } catch (const ConstraintViolation& e) {
    return MakeError(ErrorCode::kConflict, "This entry already exists in the sociale kaart.", e.what());
  }
  if (!status) return status.error();
  auto found = FindService(city, ServiceId{id});
  if (!found) return MakeError(ErrorCode::kInternal, kNoSuchEntry, "service vanished after insert");
  return *found;
}

domain::Status SqlDirectoryRepository::UpdateService(CityId city, ServiceId id, const Service& s, std::int64_t at) {
  if (!FindOrganization(city, s.organization)) {
    return MakeError(ErrorCode::kNotFound, kNoSuchEntry, "organisation of another city");
  }
  domain::Status status = domain::Ok{};
  sql_.Transact([&] {
    status = Found(sql_.Run(kUpdateService,
                            {V(city), V(id), V(s.organization), V(s.site), V(s.name), V(s.alternate_name),
                             V(s.description), V(s.url), V(s.email), V(s.status), V(s.application_process),
                             V(s.fees_description), V(s.free), V(s.eligibility_description), V(s.minimum_age),
                             V(s.maximum_age), V(s.interpretation_services), V(s.alert), V(s.example), V(at)}));
    if (!status) return false;
    status = WriteServiceParts(city, id.value, s);
    return status.ok();
  });
  return status;
}

std::optional<Service> SqlDirectoryRepository::FindService(CityId city, ServiceId id) {
  auto rows = sql_.Run(kFindService, {V(city), V(id)});
  if (rows.empty()) return std::nullopt;
  auto s = ReadService(rows[0]);
  LoadParts(city, s);
  return s;
}

std::optional<Service> SqlDirectoryRepository::FindServiceByUuid(CityId city, const std::string& uuid) {
  auto rows = sql_.Run(kFindServiceByUuid, {V(city), V(uuid)});
  if (rows.empty()) return std::nullopt;
  auto s = ReadService(rows[0]);
  LoadParts(city, s);
  return s;
}

domain::Status SqlDirectoryRepository::DeleteService(CityId city, ServiceId id) {
  domain::Status status = domain::Ok{};
  sql_.Transact([&] {
    status = Found(sql_.Run(kDeleteService, {V(city), V(id)}));
    if (!status) return false;
    // Parts with an owner have no foreign key to their owner: removed here.
    WriteOwned(city, "service", id.value, {}, {}, {}, {});
    return true;
  });
  return status;
}

namespace {

std::vector<SqlValue> ServiceFilter(CityId city, const ServiceQuery& q) {
  const std::string term = !q.term_uuid.empty() ? q.term_uuid : q.term_code;
  return {V(city),
          V(LikePattern(q.search)),
          V(term),
          V(q.organization ? q.organization->value : 0),
          V(q.free_only),
          V(q.language),
          V(CodeList(q.buurt_codes)),
          V(CodeList(q.wijk_codes)),
          V(q.site ? q.site->value : 0),
          // Without a buurt filter (whole city), local places of sites are listed too.
          V(true)};
}

}  // namespace

std::vector<Service> SqlDirectoryRepository::ListServices(CityId city, const ServiceQuery& q) {
  auto params = ServiceFilter(city, q);
  params.push_back(V(std::max(0, q.limit)));
  params.push_back(V(std::max(0, q.offset)));
  std::vector<Service> out;
  for (const auto& r : sql_.Run(kListServices, params)) out.push_back(ReadService(r));
  for (auto& s : out) LoadParts(city, s);
  return out;
}

int SqlDirectoryRepository::CountServices(CityId city, const ServiceQuery& q) {
  return Count(sql_.Run(kCountServices, ServiceFilter(city, q)));
}

// --- services at locations ----------------------------------------------------------------------------------

std::vector<ServiceAtLocation> SqlDirectoryRepository::ListServiceAtLocations(CityId city, const std::string& search,
                                                                              const std::string& term_uuid, int limit,
                                                                              int offset) {
  std::vector<ServiceAtLocation> out;
  for (const auto& r : sql_.Run(kListSals, {V(city), V(LikePattern(search)), V(term_uuid), V(std::max(0, limit)),
                                            V(std::max(0, offset))})) {
    out.push_back(ReadSal(r));
  }
  return out;
}

int SqlDirectoryRepository::CountServiceAtLocations(CityId city, const std::string& search,
                                                    const std::string& term_uuid) {
  return Count(sql_.Run(kCountSals, {V(city), V(LikePattern(search)), V(term_uuid)}));
}

std::optional<ServiceAtLocation> SqlDirectoryRepository::FindServiceAtLocationByUuid(CityId city,
                                                                                     const std::string& uuid) {
  auto rows = sql_.Run(kFindSal, {V(city), V(uuid)});
  if (rows.empty()) return std::nullopt;
  return ReadSal(rows[0]);
}

// --- verification and history ---------------------------------------------------------------------------------

domain::Status SqlDirectoryRepository::Assure(CityId city, EntityType type, std::int64_t id, const Assurance& a) {
  if (type == EntityType::kLocation) return MakeError(ErrorCode::kNotFound, kNoSuchEntry, "locations are not assured");
  return Found(sql_.Run(type == EntityType::kOrganization ? kAssureOrg : kAssureService,
                        {V(city), V(id), V(a.assured_date), V(a.assurer_email)}));
}

void SqlDirectoryRepository::AddChange(CityId city, EntityType type, std::int64_t id, const Change& c) {
  sql_.Run(kInsertChange, {V(city), V(EntityName(type)), V(id), V(c.user), V(c.action),
                           V(c.changes_json.empty() ? std::string("{}") : c.changes_json), V(c.at)});
}

std::vector<Change> SqlDirectoryRepository::ListChanges(CityId city, EntityType type, std::int64_t id, int limit) {
  std::vector<Change> out;
  for (const auto& r : sql_.Run(kListChanges, {V(city), V(EntityName(type)), V(id), V(std::max(0, limit))})) {
    Change c;
    c.at = I(r, 0);
    if (auto u = OptI(r, 1)) c.user = UserId{*u};
    c.user_name = S(r, 2);
    c.action = S(r, 3);
    c.changes_json = S(r, 4);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<StaleEntry> SqlDirectoryRepository::ListStale(CityId city, const std::string& before_date,
                                                          std::int64_t reminded_before, int limit) {
  std::vector<StaleEntry> out;
  for (const auto& r : sql_.Run(kListStale, {V(city), V(before_date), V(reminded_before), V(std::max(0, limit))})) {
    out.push_back({EntityType::kService, I(r, 0), S(r, 1), S(r, 2)});
  }
  return out;
}

void SqlDirectoryRepository::MarkReminded(CityId city, EntityType type, std::int64_t id, std::int64_t at) {
  if (type == EntityType::kLocation) return;
  sql_.Run(type == EntityType::kService ? kMarkRemindedService : kMarkRemindedOrg, {V(city), V(id), V(at)});
}

// --- who keeps it right ------------------------------------------------------------------------------------------

domain::Status SqlDirectoryRepository::SetOrganizationRole(CityId city, OrganizationId org, UserId user, OrgRole role,
                                                           std::int64_t at) {
  try {
    return Found(sql_.Run(kSetRole, {V(city), V(org), V(user), V(role == OrgRole::kAdmin ? "admin" : "professional"),
                                     V(at)}));
  } catch (const ConstraintViolation& e) {
    return MakeError(ErrorCode::kNotFound, kNoSuchEntry, e.what());
  }
}

std::optional<OrgRole> SqlDirectoryRepository::RoleOf(CityId city, OrganizationId org, UserId user) {
  auto rows = sql_.Run(kRoleOf, {V(city), V(org), V(user)});
  if (rows.empty()) return std::nullopt;
  return S(rows[0], 0) == "admin" ? OrgRole::kAdmin : OrgRole::kProfessional;
}

domain::Result<Professional> SqlDirectoryRepository::SaveProfessional(CityId city, const Professional& p,
                                                                      std::int64_t at) {
  std::int64_t id = 0;
  domain::Status status = domain::Ok{};
  try {
    sql_.Transact([&] {
      auto rows = sql_.Run(kUpsertProfessional, {V(city), V(p.user), V(p.organization), V(p.display_name),
                                                 V(p.job_title), V(p.come_to_me_for), V(p.office_hours), V(at)});
      status = Found(rows);
      if (!status) return false;
      id = I(rows[0], 0);
      sql_.Run(kDeleteProfessionalBuurten, {V(id)});
      for (const auto& b : p.buurt_codes) sql_.Run(kInsertProfessionalBuurt, {V(id), V(b)});
      return true;
    });
  } catch (const ConstraintViolation& e) {
    return MakeError(ErrorCode::kNotFound, kNoSuchEntry, e.what());
  }
  if (!status) return status.error();
  Professional out = p;
  out.id = ProfessionalId{id};
  out.city = city;
  return out;
}

std::vector<Professional> SqlDirectoryRepository::ReadProfessionals(const std::vector<SqlRow>& rows) {
  std::vector<Professional> out;
  for (const auto& r : rows) {
    Professional p;
    p.id = ProfessionalId{I(r, 0)};
    p.city = CityId{I(r, 1)};
    p.user = UserId{I(r, 2)};
    p.organization = OrganizationId{I(r, 3)};
    p.organization_name = S(r, 4);
    p.display_name = S(r, 5);
    p.job_title = S(r, 6);
    p.come_to_me_for = S(r, 7);
    p.office_hours = S(r, 8);
    p.created_at = I(r, 9);
    p.updated_at = I(r, 10);
    out.push_back(std::move(p));
  }
  for (auto& p : out) {
    for (const auto& r : sql_.Run(kBuurtenOfProfessional, {V(p.id)})) p.buurt_codes.push_back(S(r, 0));
  }
  return out;
}

std::vector<Professional> SqlDirectoryRepository::ListProfessionals(CityId city,
                                                                    const std::vector<std::string>& buurt_codes,
                                                                    int limit, int offset) {
  return ReadProfessionals(sql_.Run(kListProfessionals, {V(city), V(CodeList(buurt_codes)), V(std::max(0, limit)),
                                                         V(std::max(0, offset))}));
}

std::vector<Professional> SqlDirectoryRepository::ProfessionalsOfUser(CityId city, UserId user) {
  return ReadProfessionals(sql_.Run(kProfessionalsOfUser, {V(city), V(user)}));
}

std::vector<std::pair<Organization, OrgRole>> SqlDirectoryRepository::OrganizationsOfUser(CityId city, UserId user,
                                                                                         int limit) {
  std::vector<std::pair<Organization, OrgRole>> out;
  for (const auto& r : sql_.Run(kOrgsOfUser, {V(city), V(user), V(std::max(0, limit))})) {
    out.emplace_back(ReadOrg(r), S(r, 16) == "admin" ? OrgRole::kAdmin : OrgRole::kProfessional);
  }
  return out;
}

// --- keepers ----------------------------------------------------------------------------------------------------

domain::Result<Term> SqlDirectoryRepository::AddTerm(CityId city, const Term& term) {
  std::optional<Term> added;
  sql_.Transact([&] {
    auto next = sql_.Run(kNextTermPosition, {V(city)});
    if (next.empty()) return false;  // the city has no taxonomy
    auto rows = sql_.Run(kAddTerm, {V(city), V(UuidOr(term.uuid)), V(I(next[0], 0)), V(term.code), V(term.name),
                                    V(term.description), V(I(next[0], 1))});
    if (rows.empty()) return false;
    added = FindTermByCode(city, term.code);
    return true;
  });
  if (!added) return MakeError(ErrorCode::kConflict, "This category already exists.", term.code);
  return *added;
}

domain::Status SqlDirectoryRepository::UpdateTerm(CityId city, const std::string& code, const Term& term) {
  return Found(sql_.Run(kUpdateTerm, {V(city), V(code), V(term.name), V(term.description), V(term.retired)}));
}

domain::Status SqlDirectoryRepository::RemoveOrganizationRole(CityId city, OrganizationId org, UserId user) {
  return Found(sql_.Run(kRemoveRole, {V(city), V(org), V(user)}));
}

std::vector<OrgMember> SqlDirectoryRepository::OrganizationUsers(CityId city, OrganizationId org, int limit,
                                                                 int offset) {
  std::vector<OrgMember> out;
  for (const auto& r : sql_.Run(kOrganizationUsers, {V(city), V(org), V(std::max(0, limit)), V(std::max(0, offset))})) {
    out.push_back({UserId{I(r, 0)}, S(r, 1), S(r, 2) == "admin" ? OrgRole::kAdmin : OrgRole::kProfessional});
  }
  return out;
}

int SqlDirectoryRepository::CountOrganizationUsers(CityId city, OrganizationId org) {
  return Count(sql_.Run(kCountOrganizationUsers, {V(city), V(org)}));
}

std::vector<Service> SqlDirectoryRepository::ServicesForReview(CityId city, int limit, int offset) {
  std::vector<Service> out;
  for (const auto& r : sql_.Run(kServicesForReview, {V(city), V(std::max(0, limit)), V(std::max(0, offset))})) {
    if (auto s = FindService(city, ServiceId{I(r, 0)})) out.push_back(std::move(*s));
  }
  return out;
}

int SqlDirectoryRepository::CountAllServices(CityId city) { return Count(sql_.Run(kCountAllServices, {V(city)})); }

domain::Status SqlDirectoryRepository::InTransaction(const std::function<domain::Status()>& body) {
  domain::Status status = domain::Ok{};
  sql_.Transact([&] {
    status = body();
    return status.ok();
  });
  return status;
}

}  // namespace buurtplein::store::directory
