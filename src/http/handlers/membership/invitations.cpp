// Invitations: a verified member makes a link to share with a neighbour; whoever opens it while
// logged in and accepts becomes a verified member of the site.
#include "http/handlers/membership/common.hpp"
#include "http/handlers/membership/membership.hpp"
#include "domain/roles/professional_service.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::membership {

using domain::Result;
using namespace domain::accounts;
using view::Msg;

namespace {

Response InvitePage(Context& ctx, const domain::AppError* error, const std::string& link = {}) {
  const long open = ctx.services.memberships->OpenInvitations(ctx.site->id, ctx.auth->user.id);
  return FormPageOf(ctx, "membership/invite", ctx.T(Msg("Invite a neighbour")), nlohmann::json::object(), error,
                    {{"open_count", open}, {"link", link}, {"has_link", !link.empty()}});
}

Response InvitationPage(Context& ctx, const domain::AppError* error) {
  const std::string token = ctx.Param("token");
  nlohmann::json extra = {{"action", ctx.site_url + "invitation/" + token},
                          {"verified", ctx.membership && ctx.membership->status == MemberStatus::kVerified}};
  auto inviter = ctx.services.memberships->InviterName(ctx.site->id, token);
  extra["valid"] = inviter.ok();
  if (inviter) extra["inviter"] = *inviter;
  // [roles] >>>
  // A withdrawn invitation says so (issue 3 §3), rather than just "not valid".
  if (!inviter && ctx.services.professionals) {
    extra["withdrawn"] = ctx.services.professionals->IsWithdrawn(ctx.site->id, token);
  }
  // [roles] <<<
  auto r = FormPageOf(ctx, "membership/invitation", ctx.T(Msg("Invitation")), nlohmann::json::object(), error, extra);
  if (!error && !inviter) r.status = 404;
  return r;
}

}  // namespace

Result<Response> InviteForm(Context& ctx) { return InvitePage(ctx, nullptr); }

Result<Response> Invite(Context& ctx) {
  auto token = ctx.services.memberships->Invite(ctx.site->id, ctx.auth->user.id);
  if (!token) return InvitePage(ctx, &token.error());
  return InvitePage(ctx, nullptr, PublicSiteUrl(ctx, "invitation/" + *token));
}

Result<Response> InvitationForm(Context& ctx) { return InvitationPage(ctx, nullptr); }

Result<Response> AcceptInvitation(Context& ctx) {
  auto accepted =
      ctx.services.memberships->AcceptInvitation(ctx.site->id, ctx.Param("token"), ctx.auth->user.id, ctx.Info());
  if (!accepted) return InvitationPage(ctx, &accepted.error());
  return Redirect(303, ctx.site_url + "join");
}

}  // namespace buurtplein::http::handlers::membership
