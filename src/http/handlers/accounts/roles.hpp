#pragma once
#include "http/context.hpp"

/// Roles (issue 3 §4): operators appoint the association board of each city and the
/// buurtverbinders of each site at /beheer/; the association's page shows its board, and its
/// board sees the city's sites with their member counts.
namespace buurtplein::http::handlers::accounts {

domain::Result<Response> AdminHome(Context& ctx);
domain::Result<Response> AdminCity(Context& ctx);
domain::Result<Response> AdminAppointBoard(Context& ctx);
domain::Result<Response> AdminRemoveBoard(Context& ctx);
domain::Result<Response> AdminAppointBuurtverbinder(Context& ctx);
domain::Result<Response> AdminRemoveBuurtverbinder(Context& ctx);
domain::Result<Response> Association(Context& ctx);
domain::Result<Response> AssociationSites(Context& ctx);

}  // namespace buurtplein::http::handlers::accounts
