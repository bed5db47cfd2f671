#include "domain/accounts/membership_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "domain/security/encoding.hpp"
#include "domain/security/tokens.hpp"

namespace buurtplein::domain::accounts {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Counts UTF-8 code points; false when the text is not valid UTF-8 or holds control characters.
bool CleanLine(std::string_view s, std::size_t& code_points) {
  code_points = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    if (len == 1 && (c < 0x20 || c == 0x7F)) return false;
    i += len;
    ++code_points;
  }
  return true;
}

AppError FieldError(AppError e, std::string field) {
  e.field = std::move(field);
  return e;
}

std::string Format(std::string_view normalised) {
  return std::string(normalised.substr(0, 5)) + "-" + std::string(normalised.substr(5));
}

}  // namespace

MembershipService::MembershipService(Store& store, security::RateLimiter& limiter, const Clock& clock,
                                     MembershipSettings settings)
    : store_(store), limiter_(limiter), clock_(clock), settings_(settings) {}

// --- pure helpers -----------------------------------------------------------------------------

Result<std::string> MembershipService::NormalisePostcode(std::string_view input) {
  std::string compact;
  for (char c : input) {
    if (IsSpace(c)) continue;
    compact.push_back(Upper(c));
  }
  const bool ok = compact.size() == 6 && compact[0] >= '1' && compact[0] <= '9' && IsDigit(compact[1]) &&
                  IsDigit(compact[2]) && IsDigit(compact[3]) && compact[4] >= 'A' && compact[4] <= 'Z' &&
                  compact[5] >= 'A' && compact[5] <= 'Z';
  if (!ok) {
    return FieldError(MakeError(ErrorCode::kValidation, "Enter a Dutch postcode: 4 digits and 2 letters, like 6511 AB."),
                      "postcode");
  }
  return compact.substr(0, 4) + " " + compact.substr(4);
}

Result<std::string> MembershipService::NormaliseHouseNumber(std::string_view input) {
  const auto refuse = [] {
    return FieldError(MakeError(ErrorCode::kValidation,
                                "Enter your house number, with an addition if you have one, like 12 or 12a."),
                      "house_number");
  };
  std::string_view s = Trim(input);
  std::size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == 0 || i > 5 || s[0] == '0') return refuse();
  std::string out(s.substr(0, i));
  std::string addition;
  for (std::size_t k = i; k < s.size(); ++k) {
    const char c = s[k];
    if (c == ' ' || c == '-' || c == '/') {
      if (addition.empty()) continue;  // separators only between number and addition
      return refuse();
    }
    if (!IsAsciiLetter(c) && !IsDigit(c)) return refuse();
    addition.push_back(Upper(c));
  }
  if (addition.size() > 6) return refuse();
  if (!addition.empty()) out += " " + addition;
  return out;
}

std::string MembershipService::NewHouseholdCode() {
  std::string code;
  code.reserve(kCodeLength);
  for (std::size_t i = 0; i < kCodeLength; ++i) {
    // randombytes_uniform has no modulo bias.
    code.push_back(kCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kCodeAlphabet.size()))]);
  }
  return Format(code);
}

std::optional<std::string> MembershipService::NormaliseHouseholdCode(std::string_view input) {
  std::string out;
  for (char c : input) {
    if (IsSpace(c) || c == '-' || c == '.') continue;
    c = Upper(c);
    if (kCodeAlphabet.find(c) == std::string_view::npos) return std::nullopt;
    if (out.size() == kCodeLength) return std::nullopt;
    out.push_back(c);
  }
  if (out.size() != kCodeLength) return std::nullopt;
  return out;
}

std::string MembershipService::HashHouseholdCode(SiteId site, std::string_view normalised_code) {
  const std::string key = "buurtplein household code, site " + std::to_string(site.value);
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(normalised_code.data()),
                     normalised_code.size(), reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return security::HexEncode(std::string_view(reinterpret_cast<const char*>(hash), sizeof hash));
}

// --- checks -----------------------------------------------------------------------------------

Status MembershipService::Throttle(const security::RateRule& rule, const std::string& key) {
  const auto now = security::RateLimiter::Clock::time_point(std::chrono::seconds(clock_.Now()));
  auto d = limiter_.Check(std::string(rule.prefix) + key, rule.limit, rule.window, now);
  if (d.allowed) return Ok{};
  auto e = MakeError(ErrorCode::kRateLimited, "Too many attempts. Please wait a moment and try again.");
  e.retry_after_seconds = static_cast<long>(d.retry_after_seconds);
  return e;
}

Status MembershipService::RequireBuurtverbinder(SiteId site, UserId user) {
  // The route's access rule checked this already; the service does not rely on it.
  auto m = store_.memberships().FindMembership(site, user);
  if (!m || m->status != MemberStatus::kVerified || m->role != MemberRole::kBuurtverbinder) {
    return MakeError(ErrorCode::kForbidden, "Only the buurtverbinders of this neighbourhood can do this.");
  }
  return Ok{};
}

// --- joining ----------------------------------------------------------------------------------

Result<Membership> MembershipService::Join(SiteId site, UserId user, const JoinRequest& request,
                                           const RequestInfo& info) {
  switch (request.way) {
    case JoinWay::kHouseholdCode: return JoinWithCode(site, user, request.household_code, info);
    case JoinWay::kApproval: {
      auto postcode = NormalisePostcode(request.postcode);
      if (!postcode) return postcode.error();
      auto number = NormaliseHouseNumber(request.house_number);
      if (!number) return number.error();
      return store_.verification().RequestApproval(site, user, *postcode, *number, clock_.Now());
    }
    case JoinWay::kFollow: {
      if (store_.memberships().FindMembership(site, user)) {
        return MakeError(ErrorCode::kConflict, "You are already a member of this neighbourhood.");
      }
      Membership m;
      m.user = user;
      m.kind = MembershipKind::kFollow;
      m.status = MemberStatus::kUnverified;
      m.created_at = clock_.Now();
      return store_.memberships().CreateMembership(site, m);
    }
  }
  return MakeError(ErrorCode::kBadRequest, "Choose how you want to join.");
}

Result<Membership> MembershipService::JoinWithCode(SiteId site, UserId user, std::string_view code,
                                                   const RequestInfo& info) {
  // Every attempt counts, right or wrong, before anything is looked up: guessing stays slow.
  if (auto s = Throttle(kHouseholdCodePerIp, info.ip); !s) return s.error();
  if (auto s = Throttle(kHouseholdCodePerUser, std::to_string(user.value)); !s) return s.error();
  auto normalised = NormaliseHouseholdCode(code);
  if (!normalised) {
    return FieldError(
        MakeError(ErrorCode::kValidation, "A household code has 10 letters and digits, like ABCDE-FGHJK."), "code");
  }
  if (auto m = store_.memberships().FindMembership(site, user); m && m->status == MemberStatus::kVerified) {
    // Keep the code for the neighbour it belongs to.
    return MakeError(ErrorCode::kConflict, "You are already a verified member of this neighbourhood.");
  }
  auto redeemed = store_.verification().RedeemHouseholdCode(site, HashHouseholdCode(site, *normalised), user,
                                                            clock_.Now());
  if (!redeemed && redeemed.error().code == ErrorCode::kNotFound) {
    // Unknown, used, or another site's: one answer for all three.
    return FieldError(MakeError(ErrorCode::kValidation,
                                "This household code is not right, or it has been used already."),
                      "code");
  }
  return redeemed;
}

// --- approval ---------------------------------------------------------------------------------

Result<std::vector<PendingMember>> MembershipService::ListPending(SiteId site, UserId buurtverbinder, int limit,
                                                                 int offset) {
  if (auto s = RequireBuurtverbinder(site, buurtverbinder); !s) return s.error();
  std::vector<PendingMember> out;
  for (auto& m : store_.memberships().ListPending(site, limit, offset)) {
    auto user = store_.users().FindUser(m.user);
    if (!user) continue;
    out.push_back(PendingMember{std::move(m), user->display_name});
  }
  return out;
}

Status MembershipService::Approve(SiteId site, UserId buurtverbinder, UserId member) {
  if (auto s = RequireBuurtverbinder(site, buurtverbinder); !s) return s;
  return store_.verification().ApprovePending(site, member, clock_.Now());
}

Status MembershipService::Reject(SiteId site, UserId buurtverbinder, UserId member) {
  if (auto s = RequireBuurtverbinder(site, buurtverbinder); !s) return s;
  return store_.verification().RejectPending(site, member);
}

// --- household codes --------------------------------------------------------------------------

Result<HouseholdCodeBatch> MembershipService::GenerateHouseholdCodes(SiteId site, UserId buurtverbinder,
                                                                     std::string_view address_lines) {
  if (auto s = RequireBuurtverbinder(site, buurtverbinder); !s) return s.error();
  std::vector<std::string> labels;
  std::string_view rest = address_lines;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    const std::string_view line = Trim(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (line.empty()) continue;
    std::size_t n = 0;
    if (!CleanLine(line, n) || n > settings_.max_address_label) {
      return FieldError(MakeError(ErrorCode::kValidation,
                                  "Each address may have at most 120 characters, on a line of its own."),
                        "addresses");
    }
    labels.emplace_back(line);
    if (labels.size() > settings_.max_codes_per_batch) {
      return FieldError(MakeError(ErrorCode::kValidation, "At most 500 addresses at a time, please."), "addresses");
    }
  }
  if (labels.empty()) {
    return FieldError(MakeError(ErrorCode::kValidation, "Enter at least one address, one per line."), "addresses");
  }
  if (auto s = Throttle({"hhgen:user:", 20, std::chrono::hours{1}}, std::to_string(buurtverbinder.value)); !s) {
    return s.error();
  }

  // Two equal codes in one site are ~(500^2 / 2) / 31^10 ≈ 1.5·10^-10 likely per batch; the
  // unique index refuses them, and a second try with new codes settles it.
  for (int attempt = 0; attempt < 3; ++attempt) {
    HouseholdCodeBatch batch;
    batch.batch = security::HexEncode(security::RandomBytes(8));
    std::vector<HouseholdCode> rows;
    rows.reserve(labels.size());
    const UnixTime now = clock_.Now();
    for (const auto& label : labels) {
      const std::string code = NewHouseholdCode();
      HouseholdCode row;
      row.site = site;
      row.batch = batch.batch;
      row.address_label = label;
      row.code_hash = HashHouseholdCode(site, *NormaliseHouseholdCode(code));
      row.created_by = buurtverbinder;
      row.created_at = now;
      row.expires_at = now + settings_.household_code_seconds;
      batch.expires_at = row.expires_at;
      rows.push_back(std::move(row));
      batch.codes.push_back(PrintedCode{label, code});
    }
    auto stored = store_.verification().CreateHouseholdCodes(site, rows);
    if (stored) return batch;
    if (stored.error().code != ErrorCode::kConflict) return stored.error();
  }
  return MakeError(ErrorCode::kConflict, "These codes could not be stored. Please try again.");
}

Result<HouseholdCodeBatch> MembershipService::ReprintHouseholdCodes(SiteId site, UserId buurtverbinder,
                                                                    std::string_view batch,
                                                                    const std::vector<std::string>& codes) {
  if (auto s = RequireBuurtverbinder(site, buurtverbinder); !s) return s.error();
  const auto refuse = [] {
    return MakeError(ErrorCode::kNotFound, "These codes are not a batch of this neighbourhood. Make new codes.");
  };
  if (batch.empty() || codes.empty() || codes.size() > settings_.max_codes_per_batch) return refuse();
  const auto rows = store_.verification().ListHouseholdCodeBatch(site, batch);
  std::unordered_map<std::string, std::size_t> by_hash;
  for (std::size_t i = 0; i < rows.size(); ++i) by_hash.emplace(rows[i].code_hash, i);
  std::vector<std::optional<std::string>> plain(rows.size());
  for (const auto& code : codes) {
    auto normalised = NormaliseHouseholdCode(code);
    if (!normalised) return refuse();
    auto it = by_hash.find(HashHouseholdCode(site, *normalised));
    if (it == by_hash.end()) return refuse();
    plain[it->second] = Format(*normalised);
  }
  HouseholdCodeBatch out;
  out.batch = std::string(batch);
  for (const auto& row : rows) out.expires_at = std::max(out.expires_at, row.expires_at);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (plain[i]) out.codes.push_back(PrintedCode{rows[i].address_label, *plain[i]});
  }
  return out;
}

// --- invitations ------------------------------------------------------------------------------

Result<std::string> MembershipService::Invite(SiteId site, UserId member) {
  auto m = store_.memberships().FindMembership(site, member);
  if (!m || m->status != MemberStatus::kVerified) {
    return MakeError(ErrorCode::kForbidden, "Only verified members can invite neighbours.");
  }
  const std::string token = security::NewToken();
  Invitation invitation;
  invitation.site = site;
  invitation.inviter = member;
  invitation.token_hash = security::HashToken(token);
  invitation.created_at = clock_.Now();
  invitation.expires_at = invitation.created_at + settings_.invitation_seconds;
  auto created = store_.verification().CreateInvitation(site, invitation, settings_.max_open_invitations);
  if (!created) return created.error();
  return token;
}

long MembershipService::OpenInvitations(SiteId site, UserId member) {
  return store_.verification().CountOpenInvitations(site, member, clock_.Now());
}

Result<std::string> MembershipService::InviterName(SiteId site, std::string_view token) {
  const auto invalid = [] { return MakeError(ErrorCode::kNotFound, "This invitation is not valid (any more)."); };
  if (token.size() < 20 || token.size() > 100) return invalid();
  auto invitation = store_.verification().FindInvitation(site, security::HashToken(token));
  if (!invitation || invitation->used_at || invitation->expires_at <= clock_.Now()) return invalid();
  auto inviter = store_.users().FindUser(invitation->inviter);
  if (!inviter) return invalid();
  return inviter->display_name;
}

Result<Membership> MembershipService::AcceptInvitation(SiteId site, std::string_view token, UserId user,
                                                       const RequestInfo& info) {
  (void)info;
  if (auto s = Throttle({"invitation:user:", 20, std::chrono::hours{1}}, std::to_string(user.value)); !s) {
    return s.error();
  }
  const auto invalid = [] { return MakeError(ErrorCode::kNotFound, "This invitation is not valid (any more)."); };
  if (token.size() < 20 || token.size() > 100) return invalid();
  const std::string hash = security::HashToken(token);
  auto invitation = store_.verification().FindInvitation(site, hash);
  if (!invitation) return invalid();
  if (invitation->inviter == user) {
    return MakeError(ErrorCode::kConflict, "This is your own invitation. Share the link with a neighbour.");
  }
  return store_.verification().AcceptInvitation(site, hash, user, clock_.Now());
}

}  // namespace buurtplein::domain::accounts
