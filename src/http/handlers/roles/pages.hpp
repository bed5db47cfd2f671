#pragma once
#include "http/context.hpp"

/// Pages of professionals in a site and of a member's invitations (issue 3 §3–4, issue 5 §6).
namespace buurtplein::http::handlers::roles {

/// GET /{city}/{site}/wijkprofessionals/: the professionals working in the site, each with
/// what you can come to them for, office hours, and (for members) "ask a question" and
/// "send a message".
domain::Result<Response> Professionals(Context& ctx);
/// GET /{city}/{site}/wijkprofessionals/vragen: questions addressed to the logged-in professional.
domain::Result<Response> AddressedToMe(Context& ctx);
/// GET /{city}/{site}/uitnodigingen/: the member's open invitations.
domain::Result<Response> Invitations(Context& ctx);
/// POST /{city}/{site}/uitnodigingen/{id}/intrekken: withdraws one of them.
domain::Result<Response> WithdrawInvitation(Context& ctx);

}  // namespace buurtplein::http::handlers::roles
