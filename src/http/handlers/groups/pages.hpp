#pragma once
#include <nlohmann/json.hpp>

#include "http/context.hpp"

/// Groups and initiatives (issue 4 §5): the list, a group's page, starting, editing and removing
/// a group, joining and leaving, requests to join a closed group, the member list and admins.
/// Routes in the "[groups]" block of src/http/routes.cpp.
namespace buurtplein::http::handlers::groups {

domain::Result<Response> List(Context& ctx);
domain::Result<Response> Show(Context& ctx);
domain::Result<Response> NewForm(Context& ctx);
domain::Result<Response> Create(Context& ctx);
domain::Result<Response> EditForm(Context& ctx);
domain::Result<Response> Edit(Context& ctx);
domain::Result<Response> Delete(Context& ctx);
domain::Result<Response> Join(Context& ctx);
domain::Result<Response> Leave(Context& ctx);
domain::Result<Response> Members(Context& ctx);
domain::Result<Response> Approve(Context& ctx);
domain::Result<Response> Reject(Context& ctx);
domain::Result<Response> MakeAdmin(Context& ctx);

/// A few active groups of the request's site for the site home, as this viewer may see them:
/// {"items": [...], "has_items", "groups_url", "can_create"}. `cacheable` becomes false when
/// the block shows members-only groups.
nlohmann::json ActiveGroups(Context& ctx, bool& cacheable);

}  // namespace buurtplein::http::handlers::groups
