#include "domain/accounts/policy.hpp"

namespace buurtplein::domain::accounts {

Decision Decide(const Actor& a, Access access, bool dev_mode) {
  switch (access) {
    case Access::kUnset: return Decision::kForbidden;  // deny by default
    case Access::kPublic: return Decision::kAllow;
    case Access::kDevelopment: return dev_mode ? Decision::kAllow : Decision::kNotFound;
    case Access::kAnonymousOnly: return a.logged_in ? Decision::kAlreadyLoggedIn : Decision::kAllow;
    case Access::kPendingSecondFactor:
      if (!a.logged_in) return Decision::kNeedLogin;
      return a.second_factor_done ? Decision::kAlreadyLoggedIn : Decision::kAllow;
    default: break;
  }
  if (!a.logged_in) return Decision::kNeedLogin;
  if (!a.second_factor_done) return Decision::kNeedSecondFactor;
  switch (access) {
    case Access::kAccount: return Decision::kAllow;
    case Access::kSiteMember:
      return a.membership && a.membership->status == MemberStatus::kVerified ? Decision::kAllow
                                                                            : Decision::kForbidden;
    case Access::kSiteBuurtverbinder:
      if (!(a.membership && a.membership->status == MemberStatus::kVerified &&
            a.membership->role == MemberRole::kBuurtverbinder)) {
        return Decision::kForbidden;
      }
      // Roles that can see other people's data require two-factor authentication.
      return a.has_totp ? Decision::kAllow : Decision::kNeedTwoFactorSetup;
    case Access::kOperator:
      if (!a.operator_) return Decision::kForbidden;
      return a.has_totp ? Decision::kAllow : Decision::kNeedTwoFactorSetup;
    case Access::kSiteMemberOrProfessional:
      if (a.membership && a.membership->status == MemberStatus::kVerified) return Decision::kAllow;
      return a.professional ? Decision::kAllow : Decision::kForbidden;
    case Access::kCityBoard:
      if (!a.city_board) return Decision::kForbidden;
      return a.has_totp ? Decision::kAllow : Decision::kNeedTwoFactorSetup;
    default: return Decision::kForbidden;
  }
}

std::string_view AccessName(Access access) {
  switch (access) {
    case Access::kUnset: return "unset";
    case Access::kPublic: return "public";
    case Access::kAnonymousOnly: return "anonymous-only";
    case Access::kPendingSecondFactor: return "pending-second-factor";
    case Access::kAccount: return "account";
    case Access::kSiteMember: return "site-member";
    case Access::kSiteBuurtverbinder: return "site-buurtverbinder";
    case Access::kOperator: return "operator";
    case Access::kDevelopment: return "development";
    case Access::kCityBoard: return "city-board";
    case Access::kSiteMemberOrProfessional: return "site-member-or-professional";
  }
  return "?";
}

std::optional<ProfessionalRole> ProfessionalIn(const std::vector<ProfessionalLink>& links,
                                               const std::vector<std::string>& site_buurt_codes) {
  for (const auto& link : links) {
    if (!link.linked) continue;  // a profile left behind after the organisation removed them
    for (const auto& code : link.buurt_codes) {
      for (const auto& site_code : site_buurt_codes) {
        if (code == site_code) return ProfessionalRole{link.organisation_id, link.organisation_name};
      }
    }
  }
  return std::nullopt;
}

bool MayManageOrganisation(bool is_operator, bool is_admin_of_organisation) {
  return is_operator || is_admin_of_organisation;
}

}  // namespace buurtplein::domain::accounts
