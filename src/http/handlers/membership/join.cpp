// The join page: live here (with a household code, or asking a buurtverbinder) or follow.
#include "http/handlers/membership/common.hpp"
#include "http/handlers/membership/membership.hpp"
#include "view/i18n.hpp"

namespace buurtplein::http::handlers::membership {

using domain::ErrorCode;
using domain::Result;
using namespace domain::accounts;
using view::Msg;

namespace {

// The name of the user's home site when it is another site than this one.
std::string HomeElsewhere(const Context& ctx) {
  for (const auto& m : ctx.services.store.memberships().ListMembershipsOfUser(ctx.auth->user.id)) {
    if (m.kind != MembershipKind::kHome || m.site == ctx.site->id) continue;
    if (const auto* s = ctx.directory->FindSiteById(m.site)) return s->name;
  }
  return {};
}

Response JoinPage(Context& ctx, const nlohmann::json& values, const domain::AppError* error) {
  const auto& m = ctx.membership;
  const bool verified = m && m->status == MemberStatus::kVerified;
  nlohmann::json state = {
      {"is_member", m.has_value()},
      {"verified", verified},
      {"pending", m && m->status == MemberStatus::kPending},
      {"following", m && m->kind == MembershipKind::kFollow},
      {"unverified_home", m && m->kind == MembershipKind::kHome && m->status == MemberStatus::kUnverified},
      {"can_join", !verified},
      {"can_follow", !m.has_value()},
      {"is_buurtverbinder", verified && m->role == MemberRole::kBuurtverbinder},
      {"home_elsewhere", HomeElsewhere(ctx)},
  };
  return FormPageOf(ctx, "membership/join", ctx.T(Msg("Join this neighbourhood")), values, error, {{"state", state}});
}

}  // namespace

Result<Response> JoinForm(Context& ctx) { return JoinPage(ctx, nlohmann::json::object(), nullptr); }

Result<Response> Join(Context& ctx) {
  const auto& req = ctx.req;
  const std::string way = req.Form("way");
  JoinRequest request;
  if (way == "code") {
    request.way = JoinWay::kHouseholdCode;
  } else if (way == "approval") {
    request.way = JoinWay::kApproval;
  } else if (way == "follow") {
    request.way = JoinWay::kFollow;
  } else {
    return domain::MakeError(ErrorCode::kBadRequest, "Choose how you want to join.");
  }
  request.household_code = req.Form("code");
  request.postcode = req.Form("postcode");
  request.house_number = req.Form("house_number");
  auto joined = ctx.services.memberships->Join(ctx.site->id, ctx.auth->user.id, request, ctx.Info());
  if (!joined) {
    // The code is not shown again: a wrong one is retyped, a right one was refused for another reason.
    nlohmann::json values = {{"postcode", request.postcode}, {"house_number", request.house_number}};
    return JoinPage(ctx, values, &joined.error());
  }
  return Redirect(303, ctx.site_url + "join");
}

}  // namespace buurtplein::http::handlers::membership
