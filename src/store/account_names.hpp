#pragma once
#include <string_view>

#include "domain/accounts/model.hpp"

namespace buurtplein::store {

// How the account enums are spelled in the database, the same on both engines; the CHECK
// constraints in migrations/*/0003_accounts.sql list the same words.

inline std::string_view TokenPurposeName(domain::accounts::TokenPurpose p) {
  using enum domain::accounts::TokenPurpose;
  switch (p) {
    case kVerifyEmail: return "verify_email";
    case kResetPassword: return "reset_password";
    case kChangeEmail: return "change_email";
  }
  return "verify_email";
}
inline domain::accounts::TokenPurpose TokenPurposeFromName(std::string_view s) {
  using enum domain::accounts::TokenPurpose;
  if (s == "reset_password") return kResetPassword;
  if (s == "change_email") return kChangeEmail;
  return kVerifyEmail;
}

inline std::string_view MembershipKindName(domain::accounts::MembershipKind k) {
  return k == domain::accounts::MembershipKind::kHome ? "home" : "follow";
}
inline domain::accounts::MembershipKind MembershipKindFromName(std::string_view s) {
  return s == "home" ? domain::accounts::MembershipKind::kHome : domain::accounts::MembershipKind::kFollow;
}

inline std::string_view MemberRoleName(domain::accounts::MemberRole r) {
  return r == domain::accounts::MemberRole::kBuurtverbinder ? "buurtverbinder" : "member";
}
inline domain::accounts::MemberRole MemberRoleFromName(std::string_view s) {
  return s == "buurtverbinder" ? domain::accounts::MemberRole::kBuurtverbinder : domain::accounts::MemberRole::kMember;
}

inline std::string_view CityRoleName(domain::accounts::CityRole) { return "board"; }
inline domain::accounts::CityRole CityRoleFromName(std::string_view) { return domain::accounts::CityRole::kBoard; }

inline std::string_view MemberStatusName(domain::accounts::MemberStatus s) {
  using enum domain::accounts::MemberStatus;
  switch (s) {
    case kUnverified: return "unverified";
    case kPending: return "pending";
    case kVerified: return "verified";
  }
  return "unverified";
}
inline domain::accounts::MemberStatus MemberStatusFromName(std::string_view s) {
  using enum domain::accounts::MemberStatus;
  if (s == "pending") return kPending;
  if (s == "verified") return kVerified;
  return kUnverified;
}

inline std::string_view VerificationMethodName(domain::accounts::VerificationMethod m) {
  using enum domain::accounts::VerificationMethod;
  switch (m) {
    case kNone: return "none";
    case kHouseholdCode: return "household_code";
    case kApproval: return "approval";
    case kInvitation: return "invitation";
  }
  return "none";
}
inline domain::accounts::VerificationMethod VerificationMethodFromName(std::string_view s) {
  using enum domain::accounts::VerificationMethod;
  if (s == "household_code") return kHouseholdCode;
  if (s == "approval") return kApproval;
  if (s == "invitation") return kInvitation;
  return kNone;
}

}  // namespace buurtplein::store
