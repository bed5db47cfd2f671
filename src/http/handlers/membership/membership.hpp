#pragma once
#include "http/context.hpp"

/// Joining a neighbourhood and being verified as living there (issue 3 §3): the join page, the
/// buurtverbinders' approval queue, household codes with their CSV and flyers, and invitations.
/// One file per subject: join.cpp, pending.cpp, household_codes.cpp, invitations.cpp.
namespace buurtplein::http::handlers::membership {

// join.cpp
domain::Result<Response> JoinForm(Context& ctx);
domain::Result<Response> Join(Context& ctx);

// pending.cpp (buurtverbinders of the site only)
domain::Result<Response> Pending(Context& ctx);
domain::Result<Response> Approve(Context& ctx);
domain::Result<Response> Reject(Context& ctx);

// household_codes.cpp (buurtverbinders of the site only)
domain::Result<Response> HouseholdCodesForm(Context& ctx);
domain::Result<Response> GenerateHouseholdCodes(Context& ctx);
domain::Result<Response> HouseholdCodesCsv(Context& ctx);
domain::Result<Response> HouseholdCodesFlyers(Context& ctx);

// invitations.cpp
domain::Result<Response> InviteForm(Context& ctx);
domain::Result<Response> Invite(Context& ctx);
domain::Result<Response> InvitationForm(Context& ctx);
domain::Result<Response> AcceptInvitation(Context& ctx);

}  // namespace buurtplein::http::handlers::membership
