#include "domain/accounts/role_service.hpp"

#include "domain/accounts/account_service.hpp"

namespace buurtplein::domain::accounts {

namespace {
constexpr const char* kNoRole = "This person does not have this role (any more).";
}  // namespace

Result<User> RoleService::FindByEmail(std::string_view email) {
  auto normalised = AccountService::NormaliseEmail(email);
  if (!normalised) return normalised.error();
  // Operators may learn whether an address has an account: they appoint people they know.
  auto user = store_.users().FindUserByEmail(*normalised);
  if (!user) {
    auto e = MakeError(ErrorCode::kNotFound, "There is no account with this e-mail address.");
    e.field = "email";
    return e;
  }
  return *user;
}

Status RoleService::AppointBoard(CityId city, std::string_view email) {
  auto user = FindByEmail(email);
  if (!user) return user.error();
  if (auto s = store_.city_roles().GrantCityRole(city, user->id, CityRole::kBoard, clock_.Now()); !s) return s;
  Changed();
  return Ok{};
}

Status RoleService::RemoveBoard(CityId city, UserId user) {
  auto s = store_.city_roles().RevokeCityRole(city, user, CityRole::kBoard);
  if (!s) return MakeError(ErrorCode::kNotFound, kNoRole);
  Changed();
  return Ok{};
}

Status RoleService::AppointBuurtverbinder(SiteId site, std::string_view email) {
  auto user = FindByEmail(email);
  if (!user) return user.error();
  auto& memberships = store_.memberships();
  const UnixTime now = clock_.Now();
  if (auto m = memberships.FindMembership(site, user->id)) {
    if (m->status != MemberStatus::kVerified) {
      // Appointed by the operator: that counts as approval of where they belong.
      if (auto s = memberships.SetMembershipStatus(site, user->id, MemberStatus::kVerified,
                                                   VerificationMethod::kApproval, now);
          !s) {
        return s;
      }
    }
    if (auto s = memberships.SetMembershipRole(site, user->id, MemberRole::kBuurtverbinder); !s) return s;
  } else {
    Membership n;
    n.user = user->id;
    n.kind = MembershipKind::kHome;
    n.role = MemberRole::kBuurtverbinder;
    n.status = MemberStatus::kVerified;
    n.verified_by = VerificationMethod::kApproval;
    n.created_at = now;
    n.verified_at = now;
    auto created = memberships.CreateMembership(site, n);
    if (!created && created.error().code == ErrorCode::kConflict) {
      n.kind = MembershipKind::kFollow;  // they live in another neighbourhood
      created = memberships.CreateMembership(site, n);
    }
    if (!created) return created.error();
  }
  Changed();
  return Ok{};
}

Status RoleService::RemoveBuurtverbinder(SiteId site, UserId user) {
  auto m = store_.memberships().FindMembership(site, user);
  if (!m || m->role != MemberRole::kBuurtverbinder) return MakeError(ErrorCode::kNotFound, kNoRole);
  if (auto s = store_.memberships().SetMembershipRole(site, user, MemberRole::kMember); !s) return s;
  Changed();
  return Ok{};
}

Status RoleService::SetOperator(std::string_view email, bool is_operator) {
  auto user = FindByEmail(email);
  if (!user) return user.error();
  return store_.users().SetOperator(user->id, is_operator);
}

std::vector<RoleHolder> RoleService::Board(CityId city, int limit, int offset) {
  return store_.city_roles().ListCityRole(city, CityRole::kBoard, limit, offset);
}

std::vector<RoleHolder> RoleService::Buurtverbinders(SiteId site, int limit, int offset) {
  return store_.memberships().ListBuurtverbinders(site, limit, offset);
}

}  // namespace buurtplein::domain::accounts
