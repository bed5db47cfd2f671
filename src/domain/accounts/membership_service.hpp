#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/account_service.hpp"
#include "domain/accounts/model.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/security/rate_limiter.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::accounts {

/// How someone joins a site (issue 3 §3).
enum class JoinWay {
  kHouseholdCode,  ///< lives there, proven with the code from a flyer: verified at once
  kApproval,       ///< lives there, a buurtverbinder checks postcode and house number: pending
  kFollow,         ///< follows the site: no proof needed, and not verified
};

/// What the join form supplies; only the fields of the chosen way are read.
struct JoinRequest {
  JoinWay way = JoinWay::kFollow;
  std::string household_code;
  std::string postcode;
  std::string house_number;
};

/// A household code as handed out. The plain code exists only in this answer: it is stored
/// hashed, so it cannot be shown again (a new batch makes new codes).
struct PrintedCode {
  std::string address_label;
  std::string code;  ///< "ABCDE-FGHJK"
};

/// Codes generated together.
struct HouseholdCodeBatch {
  std::string batch;  ///< the batch id (not secret)
  std::vector<PrintedCode> codes;
  UnixTime expires_at = 0;  ///< the codes work until then (printed on flyers and in the CSV)
};

/// A request for approval, as the site's buurtverbinders see it.
struct PendingMember {
  Membership membership;  ///< with postcode and house number
  std::string display_name;
};

/// Limits of the membership flows.
struct MembershipSettings {
  int max_open_invitations = 5;                   ///< per member and site (the msgid says 5)
  long invitation_seconds = 14 * 24 * 3600;       ///< an invitation link works two weeks
  long household_code_seconds = 90 * 24 * 3600;   ///< a household code works 90 days
  std::size_t max_codes_per_batch = 500;
  std::size_t max_address_label = 120;            ///< characters per address line
};

/// Household-code attempts of one account: 10 an hour. With 31^10 possible codes (≈ 2^49.5),
/// guessing one of even thousands of open codes then takes millions of years.
inline constexpr security::RateRule kHouseholdCodePerUser{"hhcode:user:", 10, std::chrono::hours{1}};
/// Household-code attempts from one IP address (many accounts): 30 an hour.
inline constexpr security::RateRule kHouseholdCodePerIp{"hhcode:ip:", 30, std::chrono::hours{1}};

/// Joining a site, and the three ways to be verified as living there: a household code, approval
/// by a buurtverbinder, an invitation from a verified neighbour.
class MembershipService {
 public:
  MembershipService(Store& store, security::RateLimiter& limiter, const Clock& clock, MembershipSettings settings = {});

  /// The characters of a household code: upper-case letters and digits without the look-alikes
  /// 0 O 1 I L (31 characters). 10 characters carry log2(31^10) ≈ 49.5 bits.
  static constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  static constexpr std::size_t kCodeLength = 10;

  /// A Dutch postcode, normalised to "1234 AB"; kValidation (field "postcode") when it is not one.
  static Result<std::string> NormalisePostcode(std::string_view input);
  /// A house number with an optional addition, normalised to "12" or "12 A";
  /// kValidation (field "house_number") when it is not one.
  static Result<std::string> NormaliseHouseNumber(std::string_view input);
  /// A new random household code in two groups of five: "ABCDE-FGHJK".
  static std::string NewHouseholdCode();
  /// The code as typed (any case; spaces, dashes and dots ignored), reduced to its 10 characters;
  /// nothing when anything else is left or the length is wrong.
  static std::optional<std::string> NormaliseHouseholdCode(std::string_view input);
  /// What is stored for a code: 64 hex characters of BLAKE2b-256 over the normalised code, keyed
  /// with the site, so a code of one site never matches in another and equal codes of two sites
  /// hash differently. A fast hash is acceptable: a code is single use, only makes its holder a
  /// verified member, and ~49.5 bits still cost ~2^48 hashes per code to recover from a leak.
  static std::string HashHouseholdCode(SiteId site, std::string_view normalised_code);

  /// Joins `site` in the chosen way. Household codes are throttled per account and per IP.
  /// Returns the membership as it is now (verified, pending or following).
  Result<Membership> Join(SiteId site, UserId user, const JoinRequest& request, const RequestInfo& info);

  /// The site's requests for approval, oldest first; only for its buurtverbinders.
  Result<std::vector<PendingMember>> ListPending(SiteId site, UserId buurtverbinder, int limit, int offset);
  /// Verifies a pending member; kNotFound when there is no such request (any more).
  Status Approve(SiteId site, UserId buurtverbinder, UserId member);
  /// Refuses a request: the member stays, unverified; the postcode and house number are forgotten.
  Status Reject(SiteId site, UserId buurtverbinder, UserId member);

  /// One new code per non-empty line of `address_lines` (1 to 500 lines of at most 120
  /// characters), stored hashed. The answer is the only place the plain codes ever appear.
  Result<HouseholdCodeBatch> GenerateHouseholdCodes(SiteId site, UserId buurtverbinder,
                                                    std::string_view address_lines);
  /// The codes of a batch again, for the CSV and the flyers, from the plain codes the result page
  /// carried: each must belong to this site's batch `batch`. In the batch's order.
  Result<HouseholdCodeBatch> ReprintHouseholdCodes(SiteId site, UserId buurtverbinder, std::string_view batch,
                                                   const std::vector<std::string>& codes);

  /// A new invitation link token for a verified member (at most 5 open at a time).
  Result<std::string> Invite(SiteId site, UserId member);
  /// The member's invitations that are neither used nor expired.
  long OpenInvitations(SiteId site, UserId member);
  /// The name of the neighbour who made the invitation, while it can still be accepted;
  /// kNotFound otherwise. For the page that asks to accept it.
  Result<std::string> InviterName(SiteId site, std::string_view token);
  /// Makes `user` a verified home member through a neighbour's invitation.
  Result<Membership> AcceptInvitation(SiteId site, std::string_view token, UserId user, const RequestInfo& info);

 private:
  Status Throttle(const security::RateRule& rule, const std::string& key);
  Status RequireBuurtverbinder(SiteId site, UserId user);
  Result<Membership> JoinWithCode(SiteId site, UserId user, std::string_view code, const RequestInfo& info);

  Store& store_;
  security::RateLimiter& limiter_;
  const Clock& clock_;
  MembershipSettings settings_;
};

}  // namespace buurtplein::domain::accounts
