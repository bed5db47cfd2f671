#pragma once
#include <optional>
#include <string_view>

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
};

/// Who is asking, as far as the policy needs to know.
struct Actor {
  bool logged_in = false;
  bool second_factor_done = false;
  bool operator_ = false;
  bool email_verified = false;
  bool has_totp = false;  ///< two-factor authentication is set up
  std::optional<Membership> membership;  ///< in the request's site, if any
  bool city_board = false;  ///< on the association board of the request's city
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
