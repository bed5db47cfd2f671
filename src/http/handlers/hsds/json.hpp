#pragma once
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/directory/model.hpp"

/// Sociale kaart entries as HSDS 3.0 JSON (field names as in data/hsds/compiled). Empty
/// optional fields are left out rather than sent as "" or null.
namespace buurtplein::http::handlers::hsds {

nlohmann::json TaxonomyJson(const domain::directory::Taxonomy& t);
nlohmann::json TermJson(const domain::directory::Term& t);
nlohmann::json LocationJson(const domain::directory::Location& l);
/// `full`: with phones, schedules, areas, languages, contacts, attributes, the organisation
/// (when given) and the service's locations (when given).
nlohmann::json ServiceJson(const domain::directory::Service& s, bool full,
                           const domain::directory::Organization* org = nullptr,
                           const std::vector<domain::directory::Location>* locations = nullptr);
/// With its services and locations when given.
nlohmann::json OrganizationJson(const domain::directory::Organization& o,
                                const std::vector<domain::directory::Service>* services,
                                const std::vector<domain::directory::Location>* locations);
nlohmann::json ServiceAtLocationJson(const domain::directory::ServiceAtLocation& sal,
                                     const domain::directory::Service* service,
                                     const domain::directory::Location* location);
/// "2026-11-29T10:00:00Z".
std::string IsoTime(std::int64_t unix_seconds);

}  // namespace buurtplein::http::handlers::hsds
