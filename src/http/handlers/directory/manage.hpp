#pragma once
#include "http/context.hpp"

/// Keeping the sociale kaart right (issue 5 §2, §5): the association's review list and
/// categories (its board at /{city}/sociale-kaart/beheer/, operators at
/// /beheer/{city}/sociale-kaart/), the people of an organisation, organisation admins editing
/// their organisation, services and places with opening hours, and buurtverbinders adding local
/// places for their site. Who may do what is decided by the DirectoryService (403 otherwise).
namespace buurtplein::http::handlers::directory {

domain::Result<Response> ReviewList(Context& ctx);
domain::Result<Response> TermsPage(Context& ctx);
domain::Result<Response> AddTerm(Context& ctx);
domain::Result<Response> UpdateTerm(Context& ctx);

domain::Result<Response> PeoplePage(Context& ctx);
domain::Result<Response> AddPerson(Context& ctx);
domain::Result<Response> RemovePerson(Context& ctx);

domain::Result<Response> EditOrganizationForm(Context& ctx);
domain::Result<Response> EditOrganization(Context& ctx);
domain::Result<Response> NewServiceForm(Context& ctx);
domain::Result<Response> NewService(Context& ctx);
domain::Result<Response> NewLocationForm(Context& ctx);
domain::Result<Response> NewLocation(Context& ctx);
domain::Result<Response> EditLocationForm(Context& ctx);
domain::Result<Response> EditLocation(Context& ctx);

domain::Result<Response> LocalPlaceForm(Context& ctx);
domain::Result<Response> AddLocalPlace(Context& ctx);

}  // namespace buurtplein::http::handlers::directory
