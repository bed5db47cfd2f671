#include "http/handlers/groups/organiser.hpp"

#include <charconv>

#include "domain/groups/group_service.hpp"

namespace buurtplein::http::handlers::groups {

namespace {

std::optional<std::int64_t> ParseGroup(const std::string& raw) {
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || p != raw.data() + raw.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace

void AddGroupChoices(Context& ctx, std::optional<std::int64_t> current, const std::string& chosen,
                     nlohmann::json& extra) {
  nlohmann::json choices = nlohmann::json::array();
  if (ctx.auth && ctx.site) {
    const std::string selected = chosen.empty() && current ? std::to_string(*current) : chosen;
    bool has_current = false;
    for (const auto& g : ctx.services.groups->AdministeredBy(ctx.site->id, ctx.auth->user.id)) {
      const std::string value = std::to_string(g.id.value);
      has_current = has_current || (current && *current == g.id.value);
      choices.push_back({{"value", value}, {"name", g.name}, {"selected", value == selected}});
    }
    if (current && !has_current) {
      // Someone else's group (a buurtverbinder edits): it may stay, under the name it has.
      domain::groups::Viewer viewer = domain::groups::Viewer::Of(ctx.auth->user.id, ctx.membership);
      if (auto g = ctx.services.groups->Find(ctx.site->id, domain::groups::GroupId{*current}, viewer)) {
        const std::string value = std::to_string(*current);
        choices.push_back({{"value", value}, {"name", g->name}, {"selected", value == selected}});
      }
    }
  }
  extra["has_group_choices"] = !choices.empty();
  extra["group_choices"] = std::move(choices);
}

domain::Result<std::optional<std::int64_t>> ReadGroupChoice(Context& ctx, const std::string& field,
                                                            std::optional<std::int64_t> current) {
  if (field.empty()) return std::optional<std::int64_t>{};
  auto id = ParseGroup(field);
  const auto forbidden = [] {
    return domain::MakeError(domain::ErrorCode::kForbidden, "Only an admin of a group can name it as organiser.");
  };
  if (!id || !ctx.auth || !ctx.site) return forbidden();
  if (current && *current == *id) return id;
  if (!ctx.services.groups->IsAdmin(ctx.site->id, domain::groups::GroupId{*id}, ctx.auth->user.id)) return forbidden();
  return id;
}

nlohmann::json OrganisingGroup(const Context& ctx, std::optional<std::int64_t> group_id, const std::string& name,
                               bool members_only) {
  if (!group_id || name.empty()) return false;
  if (members_only) {
    const auto viewer = domain::groups::Viewer::Of(
        ctx.auth ? std::optional<domain::UserId>(ctx.auth->user.id) : std::nullopt, ctx.membership);
    if (!viewer.member) return false;
  }
  return {{"name", name}, {"url", ctx.site_url + "groepen/" + std::to_string(*group_id)}};
}

}  // namespace buurtplein::http::handlers::groups
