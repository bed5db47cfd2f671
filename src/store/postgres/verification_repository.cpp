#include "store/postgres/verification_repository.hpp"

#include "store/account_names.hpp"

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

namespace {

constexpr const char* kFindMembership =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE site_id = $1 AND user_id = $2";
constexpr const char* kIsVerified =
    "SELECT 1 FROM memberships WHERE site_id = $1 AND user_id = $2 AND status = 'verified'";
constexpr const char* kHasHomeElsewhere =
    "SELECT 1 FROM memberships WHERE user_id = $2 AND kind = 'home' AND site_id <> $1";
// Asking for approval never touches a verified membership (the WHERE of the upsert), and keeps
// the role and the date the person first joined.
constexpr const char* kRequestApproval =
    "INSERT INTO memberships (site_id, user_id, kind, role, status, verified_by, postcode, house_number, "
    "created_at, verified_at) VALUES ($1, $2, 'home', 'member', 'pending', 'none', $3, $4, $5, NULL) "
    "ON CONFLICT (site_id, user_id) DO UPDATE SET kind = 'home', status = 'pending', verified_by = 'none', "
    "postcode = excluded.postcode, house_number = excluded.house_number, verified_at = NULL "
    "WHERE memberships.status <> 'verified'";
// Once decided, the postcode and house number are not needed any more: they are forgotten.
constexpr const char* kApprovePending =
    "UPDATE memberships SET status = 'verified', verified_by = 'approval', verified_at = $3, postcode = '', "
    "house_number = '' WHERE site_id = $1 AND user_id = $2 AND status = 'pending'";
constexpr const char* kRejectPending =
    "UPDATE memberships SET status = 'unverified', verified_by = 'none', verified_at = NULL, postcode = '', "
    "house_number = '' WHERE site_id = $1 AND user_id = $2 AND status = 'pending'";
constexpr const char* kVerifyMember =
    "INSERT INTO memberships (site_id, user_id, kind, role, status, verified_by, postcode, house_number, "
    "created_at, verified_at) VALUES ($1, $2, 'home', 'member', 'verified', $3, '', '', $4, $4) "
    "ON CONFLICT (site_id, user_id) DO UPDATE SET kind = 'home', status = 'verified', "
    "verified_by = excluded.verified_by, verified_at = excluded.verified_at, postcode = '', house_number = '' "
    "WHERE memberships.status <> 'verified'";

constexpr const char* kInsertHouseholdCode =
    "INSERT INTO household_codes (site_id, batch, address_label, code_hash, created_by, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kListHouseholdCodeBatch =
    "SELECT id, site_id, batch, address_label, code_hash, created_by, created_at, used_by, used_at, expires_at "
    "FROM household_codes WHERE site_id = $1 AND batch = $2 ORDER BY id";
// Check and mark in one statement: a concurrent update waits for the row lock, re-checks
// used_at IS NULL and finds nothing, so of two people typing the same code one gets the row.
constexpr const char* kUseHouseholdCode =
    "UPDATE household_codes SET used_by = $3, used_at = $4 "
    "WHERE site_id = $1 AND code_hash = $2 AND used_at IS NULL AND expires_at > $4 RETURNING id";
constexpr const char* kDeleteExpiredHouseholdCodes = "DELETE FROM household_codes WHERE expires_at <= $1";
constexpr const char* kDeleteExpiredInvitations = "DELETE FROM invitations WHERE expires_at <= $1";

// The limit is checked in the statement that inserts. Under READ COMMITTED two concurrent
// requests of one member could both pass it; that member then has one invitation too many.
constexpr const char* kInsertInvitation =
    "INSERT INTO invitations (site_id, inviter_id, token_hash, created_at, expires_at) "
    "SELECT $1::bigint, $2::bigint, $3::text, $4::bigint, $5::bigint WHERE (SELECT count(*) FROM invitations "
    "WHERE site_id = $1::bigint AND inviter_id = $2::bigint AND used_at IS NULL AND expires_at > $4::bigint) "
    "< $6::bigint RETURNING id";
constexpr const char* kCountOpenInvitations =
    "SELECT count(*) FROM invitations WHERE site_id = $1 AND inviter_id = $2 AND used_at IS NULL AND expires_at > $3";
constexpr const char* kFindInvitation =
    "SELECT id, site_id, inviter_id, token_hash, created_at, expires_at, used_by, used_at "
    "FROM invitations WHERE site_id = $1 AND token_hash = $2";
// An invitation counts only while its inviter is still a verified member of the site.
constexpr const char* kUseInvitation =
    "UPDATE invitations SET used_by = $3, used_at = $4 "
    "WHERE site_id = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $4 AND inviter_id <> $3 "
    "AND EXISTS (SELECT 1 FROM memberships m WHERE m.site_id = invitations.site_id "
    "AND m.user_id = invitations.inviter_id AND m.status = 'verified') RETURNING id";

Membership ReadMembership(const Result& r, int row) {
  Membership m;
  m.site = SiteId{r.Int(row, 0)};
  m.user = UserId{r.Int(row, 1)};
  m.kind = MembershipKindFromName(r.Text(row, 2));
  m.role = MemberRoleFromName(r.Text(row, 3));
  m.status = MemberStatusFromName(r.Text(row, 4));
  m.verified_by = VerificationMethodFromName(r.Text(row, 5));
  m.postcode = r.Text(row, 6);
  m.house_number = r.Text(row, 7);
  m.created_at = r.Int(row, 8);
  if (!r.IsNull(row, 9)) m.verified_at = r.Int(row, 9);
  return m;
}

HouseholdCode ReadCode(const Result& r, int row) {
  HouseholdCode c;
  c.id = r.Int(row, 0);
  c.site = SiteId{r.Int(row, 1)};
  c.batch = r.Text(row, 2);
  c.address_label = r.Text(row, 3);
  c.code_hash = r.Text(row, 4);
  if (!r.IsNull(row, 5)) c.created_by = UserId{r.Int(row, 5)};
  c.created_at = r.Int(row, 6);
  if (!r.IsNull(row, 7)) c.used_by = UserId{r.Int(row, 7)};
  if (!r.IsNull(row, 8)) c.used_at = r.Int(row, 8);
  c.expires_at = r.Int(row, 9);
  return c;
}

Invitation ReadInvitation(const Result& r, int row) {
  Invitation i;
  i.id = r.Int(row, 0);
  i.site = SiteId{r.Int(row, 1)};
  i.inviter = UserId{r.Int(row, 2)};
  i.token_hash = r.Text(row, 3);
  i.created_at = r.Int(row, 4);
  i.expires_at = r.Int(row, 5);
  if (!r.IsNull(row, 6)) i.used_by = UserId{r.Int(row, 6)};
  if (!r.IsNull(row, 7)) i.used_at = r.Int(row, 7);
  return i;
}

Membership Find(Connection& c, SiteId site, UserId user) {
  return ReadMembership(c.Exec(kFindMembership, Params().Add(site.value).Add(user.value)), 0);
}

// Why an upsert of a membership changed nothing or broke a constraint (asked outside any
// transaction, after the failed one was rolled back).
domain::AppError MembershipRefused(Connection& c, SiteId site, UserId user, const std::string& detail) {
  if (c.Exec(kIsVerified, Params().Add(site.value).Add(user.value)).Rows() > 0) {
    return MakeError(ErrorCode::kConflict, "You are already a verified member of this neighbourhood.", detail);
  }
  if (c.Exec(kHasHomeElsewhere, Params().Add(site.value).Add(user.value)).Rows() > 0) {
    return MakeError(ErrorCode::kConflict,
                     "You already live in another neighbourhood on Buurtplein. You can follow this one.", detail);
  }
  return MakeError(ErrorCode::kNotFound, "This site or account does not exist.", detail);
}

}  // namespace

domain::Result<Membership> PostgresVerificationRepository::RequestApproval(SiteId site, UserId user,
                                                                           std::string_view postcode,
                                                                           std::string_view house_number,
                                                                           UnixTime now) {
  auto c = pool_.Acquire();
  std::string detail = "nothing changed";
  try {
    Params p;
    p.Add(site.value).Add(user.value).Add(postcode).Add(house_number).Add(now);
    if (c->Exec(kRequestApproval, p).Affected() > 0) return Find(*c, site, user);
  } catch (const PostgresError& e) {
    if (!e.IsConstraint()) throw;
    detail = e.what();
  }
  return MembershipRefused(*c, site, user, detail);
}

domain::Status PostgresVerificationRepository::ApprovePending(SiteId site, UserId user, UnixTime now) {
  auto c = pool_.Acquire();
  if (c->Exec(kApprovePending, Params().Add(site.value).Add(user.value).Add(now)).Affected() == 0) {
    return MakeError(ErrorCode::kNotFound, "There is no request for approval from this person (any more).");
  }
  return domain::Ok{};
}

domain::Status PostgresVerificationRepository::RejectPending(SiteId site, UserId user) {
  auto c = pool_.Acquire();
  if (c->Exec(kRejectPending, Params().Add(site.value).Add(user.value)).Affected() == 0) {
    return MakeError(ErrorCode::kNotFound, "There is no request for approval from this person (any more).");
  }
  return domain::Ok{};
}

domain::Status PostgresVerificationRepository::CreateHouseholdCodes(SiteId site,
                                                                    const std::vector<HouseholdCode>& codes) {
  auto c = pool_.Acquire();
  try {
    Transaction tx(*c);
    std::vector<Params> batch;
    batch.reserve(codes.size());
    for (const auto& code : codes) {
      Params p;
      p.Add(site.value).Add(code.batch).Add(code.address_label).Add(code.code_hash);
      if (code.created_by) {
        p.Add(code.created_by->value);
      } else {
        p.AddNull();
      }
      p.Add(code.created_at).Add(code.expires_at);
      batch.push_back(std::move(p));
    }
    // Up to 500 rows: parsed once and sent in one round trip.
    c->Prepare(kInsertHouseholdCode, 7);
    c->ExecPreparedBatch(batch);
    tx.Commit();
  } catch (const PostgresError& e) {
    if (!e.IsConstraint()) throw;
    return MakeError(ErrorCode::kConflict, "These codes could not be stored. Please try again.", e.what());
  }
  return domain::Ok{};
}

std::vector<HouseholdCode> PostgresVerificationRepository::ListHouseholdCodeBatch(SiteId site,
                                                                                  std::string_view batch) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListHouseholdCodeBatch, Params().Add(site.value).Add(batch));
  std::vector<HouseholdCode> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadCode(r, i));
  return out;
}

domain::Result<Membership> PostgresVerificationRepository::UseAndVerify(const char* use_sql, SiteId site,
                                                                        std::string_view hash, UserId user,
                                                                        UnixTime now, VerificationMethod method) {
  auto c = pool_.Acquire();
  std::string detail = "already verified";
  {
    Transaction tx(*c);
    if (c->Exec(use_sql, Params().Add(site.value).Add(hash).Add(user.value).Add(now)).Rows() == 0) {
      return MakeError(ErrorCode::kNotFound, method == VerificationMethod::kInvitation
                                                 ? "This invitation is not valid (any more)."
                                                 : "This household code is not right, or it has been used already.");
    }
    bool changed = false;
    try {
      Params p;
      p.Add(site.value).Add(user.value).Add(VerificationMethodName(method)).Add(now);
      changed = c->Exec(kVerifyMember, p).Affected() > 0;
    } catch (const PostgresError& e) {
      if (!e.IsConstraint()) throw;
      detail = e.what();
    }
    if (changed) {
      tx.Commit();
      return Find(*c, site, user);
    }
  }  // rolled back: the code or invitation stays unused
  return MembershipRefused(*c, site, user, detail);
}

domain::Result<Membership> PostgresVerificationRepository::RedeemHouseholdCode(SiteId site, std::string_view code_hash,
                                                                               UserId user, UnixTime now) {
  return UseAndVerify(kUseHouseholdCode, site, code_hash, user, now, VerificationMethod::kHouseholdCode);
}

domain::Result<Invitation> PostgresVerificationRepository::CreateInvitation(SiteId site, const Invitation& invitation,
                                                                            int max_open) {
  auto c = pool_.Acquire();
  try {
    Params p;
    p.Add(site.value).Add(invitation.inviter.value).Add(invitation.token_hash).Add(invitation.created_at);
    p.Add(invitation.expires_at).Add(max_open);
    const Result r = c->Exec(kInsertInvitation, p);
    if (r.Rows() == 0) {
      return MakeError(ErrorCode::kConflict,
                       "You already have 5 open invitations. Wait until one is used or has expired.");
    }
    Invitation out = invitation;
    out.id = r.Int(0, 0);
    out.site = site;
    return out;
  } catch (const PostgresError& e) {
    if (!e.IsConstraint()) throw;
    return MakeError(ErrorCode::kNotFound, "This site or account does not exist.", e.what());
  }
}

long PostgresVerificationRepository::CountOpenInvitations(SiteId site, UserId inviter, UnixTime now) {
  auto c = pool_.Acquire();
  return static_cast<long>(
      c->Exec(kCountOpenInvitations, Params().Add(site.value).Add(inviter.value).Add(now)).Int(0, 0));
}

std::optional<Invitation> PostgresVerificationRepository::FindInvitation(SiteId site, std::string_view token_hash) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindInvitation, Params().Add(site.value).Add(token_hash));
  if (r.Rows() == 0) return std::nullopt;
  return ReadInvitation(r, 0);
}

domain::Result<Membership> PostgresVerificationRepository::AcceptInvitation(SiteId site, std::string_view token_hash,
                                                                            UserId user, UnixTime now) {
  return UseAndVerify(kUseInvitation, site, token_hash, user, now, VerificationMethod::kInvitation);
}

long PostgresVerificationRepository::DeleteExpiredHouseholdCodes(UnixTime now) {
  auto c = pool_.Acquire();
  return c->Exec(kDeleteExpiredHouseholdCodes, Params().Add(now)).Affected();
}

long PostgresVerificationRepository::DeleteExpiredInvitations(UnixTime now) {
  auto c = pool_.Acquire();
  return c->Exec(kDeleteExpiredInvitations, Params().Add(now)).Affected();
}

}  // namespace buurtplein::store::postgres
