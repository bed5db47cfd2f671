#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/model.hpp"
#include "domain/common/app_error.hpp"

namespace buurtplein::domain::accounts {

/// Accounts. Platform-level (an account is not owned by one site); every method that changes
/// an account names it by id.
class UserRepository {
 public:
  virtual ~UserRepository() = default;
  /// kConflict when the (normalised) e-mail address is taken.
  virtual Result<User> CreateUser(const NewUser& user) = 0;
  virtual std::optional<User> FindUser(UserId id) = 0;
  virtual std::optional<User> FindUserByEmail(std::string_view normalised_email) = 0;
  virtual Status SetEmailVerified(UserId id, UnixTime at) = 0;
  virtual Status SetPasswordHash(UserId id, std::string_view hash) = 0;
  /// kConflict when the address belongs to another account.
  virtual Status SetEmail(UserId id, std::string_view normalised_email, UnixTime verified_at) = 0;
  virtual Status SetDisplayName(UserId id, std::string_view name) = 0;
  /// Turns two-factor authentication on (secret) or off (empty secret).
  virtual Status SetTotp(UserId id, std::string_view secret, std::int64_t last_step) = 0;
  /// Records the last accepted TOTP step only if it is newer than the stored one; false on replay.
  virtual bool AdvanceTotpStep(UserId id, std::int64_t step) = 0;
  virtual Status SetOperator(UserId id, bool is_operator) = 0;
  /// Removes the account; sessions, tokens and memberships go with it (ON DELETE CASCADE).
  virtual Status DeleteUser(UserId id) = 0;
};

/// Logged-in sessions, by the hash of their token.
/// A session with its account, as every logged-in request needs them (one query).
struct SessionOfUser {
  Session session;
  User user;
  bool elevated = false;  ///< an operator, or holds a city role or is a buurtverbinder somewhere
};

/// Where a user stands on one site, as every logged-in site request needs it (one query).
struct SiteStanding {
  std::optional<Membership> membership;
  bool city_board = false;  ///< holds any role in the association of the site's city
  /// Has a professional profile in the city's sociale kaart: only then is the professional's
  /// role worked out (most people have none; that costs no further query).
  bool has_professional_profile = false;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Result<Session> CreateSession(const Session& session) = 0;
  virtual std::optional<Session> FindSessionByTokenHash(std::string_view token_hash) = 0;
  /// The session with this token hash together with its user and whether they hold an
  /// elevated role (shorter sessions): one query for the hot path of every logged-in request.
  virtual std::optional<SessionOfUser> FindSessionWithUser(std::string_view token_hash) = 0;
  /// Updates last_seen_at (idle timeout) of the user's session.
  virtual Status TouchSession(UserId user, SessionId id, UnixTime at) = 0;
  virtual Status SetSecondFactorDone(UserId user, SessionId id) = 0;
  /// Ends one of the user's sessions; kNotFound when it is not theirs.
  virtual Status DeleteSession(UserId user, SessionId id) = 0;
  /// Ends all the user's sessions except `keep` (0: all); returns how many ended.
  virtual long DeleteOtherSessions(UserId user, SessionId keep) = 0;
  /// The user's sessions, newest first.
  virtual std::vector<Session> ListSessions(UserId user) = 0;
  /// Removes sessions past their absolute end or idle since before `idle_before`.
  virtual long DeleteExpiredSessions(UnixTime now, UnixTime idle_before) = 0;
};

/// Single-use link tokens.
class TokenRepository {
 public:
  virtual ~TokenRepository() = default;
  virtual Status CreateToken(const AccountToken& token) = 0;
  /// Marks the token used and returns it, atomically, when it exists for `purpose`, is unused
  /// and not expired at `now`; nullopt otherwise (a second use gets nullopt).
  virtual std::optional<AccountToken> ConsumeToken(std::string_view token_hash, TokenPurpose purpose,
                                                   UnixTime now) = 0;
  /// Removes the user's unused tokens of one purpose (a new reset link voids older ones).
  virtual Status DeleteTokens(UserId user, TokenPurpose purpose) = 0;
  /// Housekeeping: removes every used or expired token (all accounts); returns how many.
  virtual long DeleteSpentTokens(UnixTime now) = 0;
};

/// Memberships, scoped by site. A user has at most one home site.
class MembershipRepository {
 public:
  virtual ~MembershipRepository() = default;
  /// kConflict when the user is already a member of this site, or already has a home site.
  virtual Result<Membership> CreateMembership(SiteId site, const Membership& membership) = 0;
  virtual std::optional<Membership> FindMembership(SiteId site, UserId user) = 0;
  /// The user's membership of `site` (if any) and whether they hold a role in `city`'s
  /// association (the site's city): one query.
  virtual SiteStanding FindStanding(SiteId site, CityId city, UserId user) = 0;
  /// Sets status and method (and verified_at when verified); kNotFound when not a member.
  virtual Status SetMembershipStatus(SiteId site, UserId user, MemberStatus status, VerificationMethod method,
                                     std::optional<UnixTime> verified_at) = 0;
  virtual Status SetMembershipRole(SiteId site, UserId user, MemberRole role) = 0;
  virtual Status DeleteMembership(SiteId site, UserId user) = 0;
  /// The site's members waiting for approval, oldest first.
  virtual std::vector<Membership> ListPending(SiteId site, int limit, int offset) = 0;
  virtual long CountMembers(SiteId site, MemberStatus status) = 0;
  /// The user's own memberships in every site (for their account page and data export).
  virtual std::vector<Membership> ListMembershipsOfUser(UserId user) = 0;
  /// The site's buurtverbinders by name (for operators' /beheer/ page).
  virtual std::vector<RoleHolder> ListBuurtverbinders(SiteId site, int limit, int offset) = 0;
};

/// Roles per city (the association board), scoped by city.
class CityRoleRepository {
 public:
  virtual ~CityRoleRepository() = default;
  /// Gives the role; giving it again changes nothing. kNotFound when the city or user does not exist.
  virtual Status GrantCityRole(CityId city, UserId user, CityRole role, UnixTime now) = 0;
  /// kNotFound when the user does not hold the role in this city.
  virtual Status RevokeCityRole(CityId city, UserId user, CityRole role) = 0;
  /// The user's roles in this city (empty for most people).
  virtual std::vector<CityRole> FindCityRoles(CityId city, UserId user) = 0;
  /// The holders of a role in this city, by name.
  virtual std::vector<RoleHolder> ListCityRole(CityId city, CityRole role, int limit, int offset) = 0;
  /// Whether the user is a buurtverbinder of any site or holds any city role: such sessions get
  /// the short timeouts (docs/decisions/0005).
  virtual bool HoldsElevatedRole(UserId user) = 0;
};

}  // namespace buurtplein::domain::accounts
