#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/events/model.hpp"
#include "http/context.hpp"

/// An organisation of the city's sociale kaart as the organiser of an event (issue 4 §3;
/// docs/decisions/0013-event-organisers.md): what the event form offers, the check of what was
/// chosen, and "by organisation X" linked to its sociale-kaart page. The rule: whoever the
/// organisation lists on the sociale kaart (an admin or a professional) names it; whoever edits
/// an event may keep the organisation it has.
namespace buurtplein::http::handlers::events {

/// Organisations offered on the form, at most.
inline constexpr int kMaxOrganisationChoices = 50;

/// The form's choice: {"organisation_choices": [{"value", "name", "selected"}...],
/// "has_organisation_choices"} for the logged-in viewer (their organisations in the site's city,
/// and `current`), merged into `extra`.
void AddOrganisationChoices(Context& ctx, const domain::events::Event* current, const std::string& chosen,
                            nlohmann::json& extra);

/// For a professional working in the site who is no member of it (decision 0013): the form offers
/// only the organisation their role names (and `current`, kept), with no "none" choice
/// ("organisation_required"), and neither the free-text organisation nor the visibility choice
/// ("is_professional"). Replaces what AddOrganisationChoices put in `extra`.
void AddProfessionalOrganisationChoice(Context& ctx, const domain::events::Event* current, const std::string& chosen,
                                       nlohmann::json& extra);

/// The posted "organisation_id" field: "" is none; another value must be an organisation of the
/// site's city that lists the viewer, or the event's `current` one (kept). kForbidden otherwise.
domain::Result<std::optional<std::int64_t>> ReadOrganisationChoice(Context& ctx, const std::string& field,
                                                                   std::optional<std::int64_t> current);

/// "by organisation X": {"name", "url"} of the event's sociale-kaart organisation, or false.
nlohmann::json OrganisingOrganisation(const Context& ctx, const domain::events::Event& e);

}  // namespace buurtplein::http::handlers::events
