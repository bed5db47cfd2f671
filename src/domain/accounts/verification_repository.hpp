#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/model.hpp"
#include "domain/common/app_error.hpp"

namespace buurtplein::domain::accounts {

/// A household code (buurtcode): printed on a flyer for one address, typed in by whoever lives
/// there to become a verified member of the site. Single use. Only the hash of the code is stored.
struct HouseholdCode {
  std::int64_t id = 0;
  SiteId site;
  std::string batch;          ///< the codes generated together share this id (not secret)
  std::string address_label;  ///< as the buurtverbinder typed it, for printing ("Hoofdstraat 1")
  std::string code_hash;      ///< see MembershipService::HashHouseholdCode
  std::optional<UserId> created_by;  ///< the buurtverbinder; empty when their account is gone
  UnixTime created_at = 0;
  UnixTime expires_at = 0;           ///< printed on the flyer; an expired code is refused
  std::optional<UserId> used_by;     ///< empty when unused, or when the user's account is gone
  std::optional<UnixTime> used_at;   ///< set once the code has been used
};

/// An invitation link a verified member shares with a neighbour. Only the token's hash is stored.
struct Invitation {
  std::int64_t id = 0;
  SiteId site;
  UserId inviter;
  std::string token_hash;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  std::optional<UserId> used_by;
  std::optional<UnixTime> used_at;
};

/// The ways to become a (verified) member, scoped by site. Operations that use up a code or an
/// invitation and verify the member are one transaction: either both happen or neither.
class VerificationRepository {
 public:
  virtual ~VerificationRepository() = default;

  // --- joining and approval -----------------------------------------------------------------

  /// Asks to live in the site: creates the membership as kHome/kPending with postcode and house
  /// number, or turns the user's unverified (or pending, or following) membership of this site
  /// into that, keeping its role. kConflict when the user is verified here already, or has a
  /// home site elsewhere; kNotFound when the site or user does not exist.
  virtual Result<Membership> RequestApproval(SiteId site, UserId user, std::string_view postcode,
                                             std::string_view house_number, UnixTime now) = 0;
  /// Verifies a pending member (method kApproval) and forgets the postcode and house number.
  /// kNotFound when the user has no pending membership of this site.
  virtual Status ApprovePending(SiteId site, UserId user, UnixTime now) = 0;
  /// Sets a pending member back to unverified and forgets the postcode and house number.
  /// kNotFound when the user has no pending membership of this site.
  virtual Status RejectPending(SiteId site, UserId user) = 0;

  // --- household codes ----------------------------------------------------------------------

  /// Stores a batch of codes, all or none; `site` decides, not the codes' own field.
  /// kConflict when a code hash exists already in this site (the caller makes a new batch).
  virtual Status CreateHouseholdCodes(SiteId site, const std::vector<HouseholdCode>& codes) = 0;
  /// The codes of one batch of this site, in the order they were created.
  virtual std::vector<HouseholdCode> ListHouseholdCodeBatch(SiteId site, std::string_view batch) = 0;
  /// Marks the unused code with this hash used by `user` and makes the user a verified home
  /// member of the site (kHouseholdCode), creating the membership or upgrading their membership
  /// of this site (its role kept). One transaction. kNotFound when this site has no unused code
  /// with this hash; kConflict when the user is verified here already or has a home site
  /// elsewhere — then the code stays unused.
  virtual Result<Membership> RedeemHouseholdCode(SiteId site, std::string_view code_hash, UserId user,
                                                 UnixTime now) = 0;

  // --- invitations --------------------------------------------------------------------------

  /// Stores the invitation if the inviter has fewer than `max_open` open invitations (unused and
  /// not expired at its created_at) in this site; kConflict when they have that many already.
  virtual Result<Invitation> CreateInvitation(SiteId site, const Invitation& invitation, int max_open) = 0;
  /// The inviter's invitations in this site that are unused and not expired at `now`.
  virtual long CountOpenInvitations(SiteId site, UserId inviter, UnixTime now) = 0;
  virtual std::optional<Invitation> FindInvitation(SiteId site, std::string_view token_hash) = 0;
  /// Marks the invitation used by `user` and makes the user a verified home member of the site
  /// (kInvitation), as RedeemHouseholdCode does. One transaction. kNotFound when this site has
  /// no such invitation that is unused, not expired at `now`, not the user's own, and whose
  /// inviter is still a verified member of the site; kConflict as for RedeemHouseholdCode.
  virtual Result<Membership> AcceptInvitation(SiteId site, std::string_view token_hash, UserId user,
                                              UnixTime now) = 0;

  // --- housekeeping (every site at once) ----------------------------------------------------

  /// Removes household codes that expired before `now`, used or not; returns how many.
  virtual long DeleteExpiredHouseholdCodes(UnixTime now) = 0;
  /// Removes invitations that expired before `now`, used or not; returns how many.
  virtual long DeleteExpiredInvitations(UnixTime now) = 0;
};

}  // namespace buurtplein::domain::accounts
