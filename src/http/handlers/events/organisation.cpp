#include "http/handlers/events/organisation.hpp"

#include <charconv>

#include "domain/directory/repositories.hpp"

namespace buurtplein::http::handlers::events {

namespace {

std::optional<std::int64_t> ParseOrganisation(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

void AddOrganisationChoices(Context& ctx, const domain::events::Event* current, const std::string& chosen,
                            nlohmann::json& extra) {
  nlohmann::json choices = nlohmann::json::array();
  if (ctx.auth && ctx.city) {
    const std::optional<std::int64_t> current_id = current ? current->organisation_id : std::nullopt;
    const std::string selected = chosen.empty() && current_id ? std::to_string(*current_id) : chosen;
    bool has_current = false;
    for (const auto& [org, role] :
         ctx.services.store.directory().OrganizationsOfUser(ctx.city->id, ctx.auth->user.id, kMaxOrganisationChoices)) {
      const std::string value = std::to_string(org.id.value);
      has_current = has_current || (current_id && *current_id == org.id.value);
      choices.push_back({{"value", value}, {"name", org.name}, {"selected", value == selected}});
    }
    if (current_id && !has_current && !current->organisation_ref_name.empty()) {
      // Not the viewer's organisation (a buurtverbinder edits): it may stay, under its name.
      const std::string value = std::to_string(*current_id);
      choices.push_back({{"value", value}, {"name", current->organisation_ref_name}, {"selected", value == selected}});
    }
  }
  extra["has_organisation_choices"] = !choices.empty();
  extra["organisation_choices"] = std::move(choices);
}

void AddProfessionalOrganisationChoice(Context& ctx, const domain::events::Event* current, const std::string& chosen,
                                       nlohmann::json& extra) {
  nlohmann::json choices = nlohmann::json::array();
  if (ctx.professional) {
    const std::string own = std::to_string(ctx.professional->organisation_id);
    const std::optional<std::int64_t> current_id = current ? current->organisation_id : std::nullopt;
    const std::string selected = !chosen.empty() ? chosen : current_id ? std::to_string(*current_id) : own;
    choices.push_back({{"value", own}, {"name", ctx.professional->organisation_name}, {"selected", own == selected}});
    if (current_id && *current_id != ctx.professional->organisation_id && !current->organisation_ref_name.empty()) {
      // The organisation the event has (their role named another one then): it may stay.
      const std::string value = std::to_string(*current_id);
      choices.push_back({{"value", value}, {"name", current->organisation_ref_name}, {"selected", value == selected}});
    }
  }
  extra["has_organisation_choices"] = !choices.empty();
  extra["organisation_choices"] = std::move(choices);
  extra["organisation_required"] = true;
  extra["is_professional"] = true;
}

domain::Result<std::optional<std::int64_t>> ReadOrganisationChoice(Context& ctx, const std::string& field,
                                                                   std::optional<std::int64_t> current) {
  if (field.empty()) return std::optional<std::int64_t>{};
  const auto forbidden = [] {
    return domain::MakeError(domain::ErrorCode::kForbidden,
                             "Only someone the organisation lists on the sociale kaart can name it as organiser.");
  };
  auto id = ParseOrganisation(field);
  if (!id || !ctx.auth || !ctx.city) return forbidden();
  if (current && *current == *id) return id;
  if (!ctx.services.store.directory().RoleOf(ctx.city->id, domain::directory::OrganizationId{*id}, ctx.auth->user.id)) {
    return forbidden();
  }
  return id;
}

nlohmann::json OrganisingOrganisation(const Context& ctx, const domain::events::Event& e) {
  if (!e.organisation_id || e.organisation_uuid.empty()) return false;
  return {{"name", e.organisation_ref_name}, {"url", ctx.city_url + "sociale-kaart/organisaties/" + e.organisation_uuid}};
}

}  // namespace buurtplein::http::handlers::events
