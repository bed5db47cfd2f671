#pragma once
#include <nlohmann/json.hpp>

#include "domain/directory/directory_service.hpp"
#include "http/context.hpp"

/// Sociale kaart pages (issue 5 §3–§6): finding help in the whole city and for one site (with
/// filters, an accessible list and a map), a service and an organisation page, editing by the
/// organisation's admins and verification by the association.
namespace buurtplein::http::handlers::directory {

domain::Result<Response> CityList(Context& ctx);
domain::Result<Response> SiteList(Context& ctx);
domain::Result<Response> CityMapGeoJson(Context& ctx);
domain::Result<Response> SiteMapGeoJson(Context& ctx);
domain::Result<Response> ShowService(Context& ctx);
domain::Result<Response> ShowOrganization(Context& ctx);
domain::Result<Response> EditServiceForm(Context& ctx);
domain::Result<Response> EditService(Context& ctx);
domain::Result<Response> VerifyService(Context& ctx);
domain::Result<Response> ProfessionalForm(Context& ctx);
domain::Result<Response> SaveProfessional(Context& ctx);

/// Who is changing the sociale kaart in this request: operator, the city's board, a
/// buurtverbinder of the request's site (organisation roles are asked by the DirectoryService).
/// `entry_site`: the site of a local place being changed (its buurtverbinders keep it).
domain::directory::Editor EditorFor(const Context& ctx, std::optional<domain::SiteId> entry_site = std::nullopt);

/// The last changes of an entry for its keepers (who, when, which fields).
nlohmann::json HistoryFor(const Context& ctx, domain::directory::EntityType type, std::int64_t id);
/// The view data without empty strings (our templates test optional text with sections).
nlohmann::json PrunedJson(nlohmann::json j);
/// "/nijmegen/sociale-kaart/"
std::string DirectoryUrl(const Context& ctx);

/// The service form's areas (the whole city, the city's CBS wijken with their buurten) and
/// languages, from the service.
nlohmann::json ServiceAreaAndLanguageFields(const Context& ctx, const domain::directory::Service& s);
/// Reads the areas and languages of the service form into `draft` (only when the form showed
/// them); an error with its field when nothing is chosen.
domain::Status ReadServiceAreasAndLanguages(const Context& ctx, domain::directory::Service& draft);

/// The block on the site home: a few categories and the link to the site's sociale kaart.
nlohmann::json SiteHomeBlock(Context& ctx);

}  // namespace buurtplein::http::handlers::directory
