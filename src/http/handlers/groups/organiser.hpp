#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// A group as the organiser of news and events (issue 4 §5): what the news and event forms
/// offer, the check of what was chosen, and "by group X" on the site's items. The rule: a
/// group's admins name their group; whoever edits an item may keep the group it has.
namespace buurtplein::http::handlers::groups {

/// The form's choice: {"group_choices": [{"value", "name", "selected"}...], "has_group_choices"}
/// for the logged-in viewer (groups they administer, and `current`), merged into `extra`.
void AddGroupChoices(Context& ctx, std::optional<std::int64_t> current, const std::string& chosen,
                     nlohmann::json& extra);

/// The posted "group" field: "" is no group; another value must be a group the viewer
/// administers, or `current` (kept). kForbidden for anything else.
domain::Result<std::optional<std::int64_t>> ReadGroupChoice(Context& ctx, const std::string& field,
                                                            std::optional<std::int64_t> current);

/// "by group X": {"name", "url"} of the organising group, or false when there is none or the
/// request's viewer may not see a members-only group (only verified members of the site may).
nlohmann::json OrganisingGroup(const Context& ctx, std::optional<std::int64_t> group_id, const std::string& name,
                               bool members_only);

}  // namespace buurtplein::http::handlers::groups
