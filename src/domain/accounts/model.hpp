#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::accounts {

/// Seconds since the Unix epoch (UTC). Times in accounts are stored as such on both engines.
using UnixTime = std::int64_t;

/// A person's account. Platform-wide: one account may be member of sites in several cities.
/// The e-mail address is personal data and is never shown to other users.
struct User {
  UserId id;
  std::string email;          ///< normalised: trimmed, lower case
  std::string display_name;   ///< shown to others
  std::string password_hash;  ///< Argon2id (libsodium's encoded string)
  std::optional<UnixTime> email_verified_at;
  std::string totp_secret;    ///< Base32; empty when two-factor authentication is off
  std::int64_t totp_last_step = 0;  ///< last accepted TOTP time step (refuses replays)
  bool is_operator = false;   ///< platform operator
  UnixTime created_at = 0;
  bool is_demo = false;       ///< made by `buurtplein demo`: logs in only in development mode
};

/// What sign-up supplies.
struct NewUser {
  std::string email;
  std::string display_name;
  std::string password_hash;
  UnixTime created_at = 0;
  bool is_demo = false;  ///< a demo account (`buurtplein demo`)
};

/// A logged-in browser. Only the hash of the cookie's token is stored.
struct Session {
  SessionId id;
  std::string token_hash;
  UserId user;
  UnixTime created_at = 0;
  UnixTime last_seen_at = 0;
  UnixTime expires_at = 0;    ///< absolute end of life
  std::string user_agent;     ///< shortened, for the "your sessions" page
  std::string ip;             ///< the IP at login, for the "your sessions" page
  bool second_factor_done = false;  ///< TOTP or a recovery code was given (when required)
};

enum class TokenPurpose { kVerifyEmail, kResetPassword, kChangeEmail };

/// A single-use link token (e-mail verification, password reset, e-mail change). Stored hashed.
struct AccountToken {
  std::string token_hash;
  UserId user;
  TokenPurpose purpose = TokenPurpose::kVerifyEmail;
  std::string new_email;      ///< for kChangeEmail: the address being confirmed
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  std::optional<UnixTime> used_at;
};

enum class MembershipKind { kHome, kFollow };          ///< lives there / follows the site
enum class MemberRole { kMember, kBuurtverbinder };    ///< per site
enum class MemberStatus { kUnverified, kPending, kVerified };
enum class VerificationMethod { kNone, kHouseholdCode, kApproval, kInvitation };

/// A person's membership of one site.
struct Membership {
  SiteId site;
  UserId user;
  MembershipKind kind = MembershipKind::kHome;
  MemberRole role = MemberRole::kMember;
  MemberStatus status = MemberStatus::kUnverified;
  VerificationMethod verified_by = VerificationMethod::kNone;
  std::string postcode;      ///< given for approval; visible only to the site's buurtverbinders
  std::string house_number;  ///< idem
  UnixTime created_at = 0;
  std::optional<UnixTime> verified_at;
};

enum class CityRole { kBoard };  ///< per city: the association board

/// Someone who holds a role (board member of a city, buurtverbinder of a site), for the role
/// pages. The e-mail address is for operators only (/beheer/); public pages show the name.
struct RoleHolder {
  UserId user;
  std::string display_name;
  std::string email;
  UnixTime since = 0;  ///< when the role was given (city roles); joined the site (buurtverbinders)
};

}  // namespace buurtplein::domain::accounts
