#pragma once
#include "http/context.hpp"

/// Profiles: the owner edits theirs (/account/profile); verified members of a site see the
/// profiles of that site's verified members (/{city}/{site}/people/{user_id}).
namespace buurtplein::http::handlers::profiles {

domain::Result<Response> EditForm(Context& ctx);
domain::Result<Response> Edit(Context& ctx);
domain::Result<Response> OwnPhoto(Context& ctx);
domain::Result<Response> Show(Context& ctx);
domain::Result<Response> Photo(Context& ctx);

}  // namespace buurtplein::http::handlers::profiles
