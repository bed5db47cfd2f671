#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/model.hpp"

namespace buurtplein::domain::accounts {

/// What a route or action requires. Every route in the route table names one; the policy below
/// is the only place that decides.
enum class Access {
  kUnset,              ///< no rule given: refused for everyone, and a test fails
  kPublic,             ///< anyone, logged in or not
  kAnonymousOnly,      ///< forms for people not logged in (sign-up, login); others are sent on
  kPendingSecondFactor,///< logged in with the password, second factor still to give
  kAccount,            ///< logged in (second factor done when required)
  kSiteMember,         ///< verified member of the request's site
  kSiteBuurtverbinder, ///< buurtverbinder of the request's site
  kOperator,           ///< platform operator
  kDevelopment,        ///< exists only in development mode
  kCityBoard,          ///< member of the association board of the request's city
  kSiteMemberOrProfessional,  ///< verified member of the site, or a professional working in it
};

/// A professional's link to an organisation as the sociale kaart holds it: their role there and
/// the buurten their profile says they work in (issue 5 §6).
struct ProfessionalLink {
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  bool linked = false;  ///< the organisation lists them (admin or professional) in this city
  std::vector<std::string> buurt_codes;
};

/// A professional working in the request's site, for one organisation.
struct ProfessionalRole {
  std::int64_t organisation_id = 0;
  std::string organisation_name;
};

/// Is this person a professional working in a site that covers `site_buurt_codes`? Yes when one
/// of their profiles is linked to its organisation and names a buurt of the site; the first such
/// profile (by organisation name, as the repository lists them) is the organisation they answer
/// for. A resident who is also a professional is a professional only where they work.
std::optional<ProfessionalRole> ProfessionalIn(const std::vector<ProfessionalLink>& links,
                                               const std::vector<std::string>& site_buurt_codes);

/// May this person manage organisation X's entries (services, places, professionals)? Its
/// admins and the platform's operators. The sociale kaart asks this for every edit.
bool MayManageOrganisation(bool is_operator, bool is_admin_of_organisation);

/// Who is asking, as far as the policy needs to know.
struct Actor {
  bool logged_in = false;
  bool second_factor_done = false;
  bool operator_ = false;
  bool email_verified = false;
  bool has_totp = false;  ///< two-factor authentication is set up
  std::optional<Membership> membership;  ///< in the request's site, if any
  bool city_board = false;  ///< on the association board of the request's city
  bool professional = false;  ///< a professional working in the request's site (ProfessionalIn)
};

/// The policy's answer: allowed, or why not (the HTTP layer maps the reason to a status).
enum class Decision {
  kAllow,
  kNeedLogin,          ///< → redirect to the login page
  kNeedSecondFactor,   ///< → redirect to the second-factor page
  kNeedTwoFactorSetup, ///< a role that requires two-factor authentication, not set up yet
  kAlreadyLoggedIn,    ///< → redirect to the account page
  kForbidden,          ///< → 403
  kNotFound,           ///< → 404 (development pages outside development mode)
};

/// May this actor use something that requires `access`? Pure, so it is tested exhaustively.
Decision Decide(const Actor& actor, Access access, bool dev_mode);

std::string_view AccessName(Access access);

}  // namespace buurtplein::domain::accounts
