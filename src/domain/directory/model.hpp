#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/ids.hpp"

/// The sociale kaart (issue 5): organisations, services, locations and professionals of a
/// city, on Open Referral HSDS 3.0 (field names and meanings as in data/hsds; CC BY-SA 4.0).
namespace buurtplein::domain::directory {

using OrganizationId = Id<struct DirectoryOrganizationTag>;
using ServiceId = Id<struct DirectoryServiceTag>;
using LocationId = Id<struct DirectoryLocationTag>;
using TermId = Id<struct DirectoryTermTag>;
using ProfessionalId = Id<struct DirectoryProfessionalTag>;

/// A phone number (HSDS phone).
struct Phone {
  std::string uuid;
  std::string number;
  std::string type;         ///< "voice", "text", … (free text in HSDS)
  std::string description;
};

/// A contact person or desk (HSDS contact).
struct Contact {
  std::string uuid;
  std::string name, title, department, email, phone;
};

/// A language a service or place works in (HSDS language; code is ISO 639-1, e.g. "nl").
struct Language {
  std::string uuid;
  std::string code;
  std::string name;
  std::string note;
};

/// A weekly schedule line (HSDS schedule, freq WEEKLY) or, with `exception`, one date
/// (valid_from) that is closed or has other hours.
struct Schedule {
  std::string uuid;
  bool exception = false;
  std::string freq = "WEEKLY";
  std::string byday;        ///< "MO,TU" (RFC 5545 days)
  std::string opens_at;     ///< "09:00"
  std::string closes_at;    ///< "17:00"
  std::string valid_from;   ///< YYYY-MM-DD or ""; the date of an exception
  std::string valid_to;     ///< YYYY-MM-DD or ""
  bool closed = false;      ///< exception: closed that day
  std::string description;
};

/// Where a service is offered (HSDS service_area): the whole city, a CBS wijk or a CBS buurt.
enum class AreaType { kCity, kWijk, kBuurt };
struct ServiceArea {
  std::string uuid;
  AreaType type = AreaType::kCity;
  std::string code;  ///< WK…/BU… code; "" for the whole city
  std::string name;
};

/// A category (HSDS taxonomy_term) of the city's taxonomy.
struct Term {
  TermId id;
  std::string uuid;
  std::string code;  ///< stable key, e.g. "zorg"
  std::string name;  ///< "Zorg"
  std::string description;
  std::string taxonomy_uuid;
  std::string taxonomy_name;
  std::string link_uuid;  ///< read only: the HSDS attribute id linking it to a service
  bool retired = false;   ///< no longer offered for new entries; stays on existing services
};

/// A taxonomy (HSDS taxonomy): the city's category list.
struct Taxonomy {
  std::string uuid;
  std::string name;
  std::string description;
  std::string version;
};

/// When and by whom an entry was last checked (HSDS assured_date, assurer_email).
struct Assurance {
  std::string assured_date;   ///< YYYY-MM-DD, "" never
  std::string assurer_email;
};

/// An organisation (HSDS organization).
struct Organization {
  OrganizationId id;
  CityId city;
  std::string uuid;
  std::optional<SiteId> site;  ///< a local place added for one site; nullopt: city directory
  std::string name, alternate_name, description, email, website, logo;
  std::string kvk_number;      ///< optional Dutch chamber of commerce number
  bool example = false;        ///< invented demo content ("voorbeeld")
  Assurance assurance;
  std::vector<Phone> phones;
  std::vector<Contact> contacts;
  std::int64_t created_at = 0, updated_at = 0;
};

/// A place (HSDS location with its address and accessibility).
struct Location {
  LocationId id;
  CityId city;
  std::string uuid;
  std::optional<OrganizationId> organization;
  std::optional<SiteId> site;
  std::string location_type = "physical";  ///< physical, postal or virtual
  std::string name, description;
  std::string address_1, postal_code, address_city, state_province, country = "NL";
  std::optional<double> latitude, longitude;
  std::string buurt_code;       ///< the CBS buurt it lies in, if known
  std::string accessibility;    ///< physical accessibility, free text
  std::string transportation;
  bool closed_on_public_holidays = false;
  bool example = false;
  std::vector<Schedule> schedules;  ///< weekly lines and exceptions
  std::vector<Phone> phones;
  std::vector<Language> languages;
  std::int64_t created_at = 0, updated_at = 0;
};

/// A service offered at a location (HSDS service_at_location).
struct ServiceAtLocation {
  std::string uuid;
  std::string service_uuid;
  LocationId location;
  std::string location_uuid;
  std::string description;
};

/// A service (HSDS service).
struct Service {
  ServiceId id;
  CityId city;
  std::string uuid;
  OrganizationId organization;
  std::string organization_uuid;  ///< read only: filled when read
  std::string organization_name;  ///< read only
  std::optional<SiteId> site;
  std::string name, alternate_name, description, url, email;
  std::string status = "active";  ///< active, inactive, defunct, temporarily closed
  std::string application_process;
  std::string fees_description;
  bool free = false;               ///< free of charge
  std::string eligibility_description;
  std::optional<int> minimum_age, maximum_age;
  std::string interpretation_services;
  std::string alert;
  bool example = false;
  Assurance assurance;
  std::vector<std::string> term_codes;  ///< categories by Term::code
  std::vector<Term> terms;              ///< read only: the terms with names
  std::vector<ServiceArea> areas;
  std::vector<Language> languages;
  std::vector<Phone> phones;
  std::vector<Contact> contacts;
  std::vector<Schedule> schedules;
  std::vector<LocationId> location_ids;            ///< where it is offered (written)
  std::vector<ServiceAtLocation> at_locations;     ///< read only
  std::int64_t created_at = 0, updated_at = 0;
};

/// Which services to list. Everything is optional; lists are always bounded.
struct ServiceQuery {
  std::string search;                     ///< words in name, description or organisation
  std::string term_code;                  ///< a category (Term::code)
  std::string term_uuid;                  ///< or a category by HSDS id
  std::optional<OrganizationId> organization;
  /// Only services that serve these buurten (by buurt, their wijk or the whole city); empty: all.
  std::vector<std::string> buurt_codes;
  std::vector<std::string> wijk_codes;    ///< the wijken of buurt_codes
  std::optional<SiteId> site;             ///< with buurt_codes: also the site's local places
  std::string language;                   ///< a language code
  bool free_only = false;
  int limit = 20;
  int offset = 0;
};

/// Which organisations to list.
struct OrganizationQuery {
  std::string search;
  int limit = 20;
  int offset = 0;
};

/// One entry of an entry's change history.
struct Change {
  std::int64_t at = 0;
  std::optional<UserId> user;
  std::string user_name;      ///< read only
  std::string action;         ///< "create", "edit", "verify", "import", "delete"
  std::string changes_json;   ///< {"field": [old, new], …}
};

enum class EntityType { kOrganization, kService, kLocation };

/// A person's role in an organisation.
enum class OrgRole { kAdmin, kProfessional };

/// A person with a role in an organisation (their display name only: never their e-mail).
struct OrgMember {
  UserId user;
  std::string display_name;
  OrgRole role = OrgRole::kProfessional;
};

/// A wijkprofessional's public profile.
struct Professional {
  ProfessionalId id;
  CityId city;
  UserId user;
  OrganizationId organization;
  std::string organization_name;  ///< read only
  std::string display_name, job_title;
  std::string come_to_me_for;     ///< "what you can come to me for"
  std::string office_hours;
  std::vector<std::string> buurt_codes;
  std::int64_t created_at = 0, updated_at = 0;
};

/// An entry that was not verified for a long time (for reminders).
struct StaleEntry {
  EntityType type = EntityType::kService;
  std::int64_t id = 0;
  std::string name;
  std::string owner_email;  ///< the organisation's e-mail, or "" when unknown
};

}  // namespace buurtplein::domain::directory
