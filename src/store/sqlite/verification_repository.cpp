#include "store/sqlite/verification_repository.hpp"

#include "store/account_names.hpp"

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

namespace {

constexpr const char* kFindMembership =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE site_id = ?1 AND user_id = ?2";
constexpr const char* kIsVerified =
    "SELECT 1 FROM memberships WHERE site_id = ?1 AND user_id = ?2 AND status = 'verified'";
constexpr const char* kHasHomeElsewhere =
    "SELECT 1 FROM memberships WHERE user_id = ?2 AND kind = 'home' AND site_id <> ?1";
// Asking for approval never touches a verified membership (the WHERE of the upsert), and keeps
// the role and the date the person first joined.
constexpr const char* kRequestApproval =
    "INSERT INTO memberships (site_id, user_id, kind, role, status, verified_by, postcode, house_number, "
    "created_at, verified_at) VALUES (?1, ?2, 'home', 'member', 'pending', 'none', ?3, ?4, ?5, NULL) "
    "ON CONFLICT (site_id, user_id) DO UPDATE SET kind = 'home', status = 'pending', verified_by = 'none', "
    "postcode = excluded.postcode, house_number = excluded.house_number, verified_at = NULL "
    "WHERE memberships.status <> 'verified'";
// Once decided, the postcode and house number are not needed any more: they are forgotten.
constexpr const char* kApprovePending =
    "UPDATE memberships SET status = 'verified', verified_by = 'approval', verified_at = ?3, postcode = '', "
    "house_number = '' WHERE site_id = ?1 AND user_id = ?2 AND status = 'pending'";
constexpr const char* kRejectPending =
    "UPDATE memberships SET status = 'unverified', verified_by = 'none', verified_at = NULL, postcode = '', "
    "house_number = '' WHERE site_id = ?1 AND user_id = ?2 AND status = 'pending'";
constexpr const char* kVerifyMember =
    "INSERT INTO memberships (site_id, user_id, kind, role, status, verified_by, postcode, house_number, "
    "created_at, verified_at) VALUES (?1, ?2, 'home', 'member', 'verified', ?3, '', '', ?4, ?4) "
    "ON CONFLICT (site_id, user_id) DO UPDATE SET kind = 'home', status = 'verified', "
    "verified_by = excluded.verified_by, verified_at = excluded.verified_at, postcode = '', house_number = '' "
    "WHERE memberships.status <> 'verified'";

constexpr const char* kInsertHouseholdCode =
    "INSERT INTO household_codes (site_id, batch, address_label, code_hash, created_by, created_at, expires_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kListHouseholdCodeBatch =
    "SELECT id, site_id, batch, address_label, code_hash, created_by, created_at, used_by, used_at, expires_at "
    "FROM household_codes WHERE site_id = ?1 AND batch = ?2 ORDER BY id";
// Check and mark in one statement: of two people typing the same code, one gets the row.
constexpr const char* kUseHouseholdCode =
    "UPDATE household_codes SET used_by = ?3, used_at = ?4 "
    "WHERE site_id = ?1 AND code_hash = ?2 AND used_at IS NULL AND expires_at > ?4 RETURNING id";
constexpr const char* kDeleteExpiredHouseholdCodes = "DELETE FROM household_codes WHERE expires_at <= ?1";
constexpr const char* kDeleteExpiredInvitations = "DELETE FROM invitations WHERE expires_at <= ?1";

// The limit is checked in the statement that inserts, so two requests cannot both pass it.
constexpr const char* kInsertInvitation =
    "INSERT INTO invitations (site_id, inviter_id, token_hash, created_at, expires_at) "
    "SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT count(*) FROM invitations WHERE site_id = ?1 AND inviter_id = ?2 "
    "AND used_at IS NULL AND expires_at > ?4) < ?6 RETURNING id";
constexpr const char* kCountOpenInvitations =
    "SELECT count(*) FROM invitations WHERE site_id = ?1 AND inviter_id = ?2 AND used_at IS NULL AND expires_at > ?3";
constexpr const char* kFindInvitation =
    "SELECT id, site_id, inviter_id, token_hash, created_at, expires_at, used_by, used_at "
    "FROM invitations WHERE site_id = ?1 AND token_hash = ?2";
// An invitation counts only while its inviter is still a verified member of the site.
constexpr const char* kUseInvitation =
    "UPDATE invitations SET used_by = ?3, used_at = ?4 "
    "WHERE site_id = ?1 AND token_hash = ?2 AND used_at IS NULL AND expires_at > ?4 AND inviter_id <> ?3 "
    "AND EXISTS (SELECT 1 FROM memberships m WHERE m.site_id = invitations.site_id "
    "AND m.user_id = invitations.inviter_id AND m.status = 'verified') RETURNING id";

Membership ReadMembership(const Stmt& s) {
  Membership m;
  m.site = SiteId{s.Int(0)};
  m.user = UserId{s.Int(1)};
  m.kind = MembershipKindFromName(s.Text(2));
  m.role = MemberRoleFromName(s.Text(3));
  m.status = MemberStatusFromName(s.Text(4));
  m.verified_by = VerificationMethodFromName(s.Text(5));
  m.postcode = s.Text(6);
  m.house_number = s.Text(7);
  m.created_at = s.Int(8);
  if (!s.IsNull(9)) m.verified_at = s.Int(9);
  return m;
}

HouseholdCode ReadCode(const Stmt& s) {
  HouseholdCode c;
  c.id = s.Int(0);
  c.site = SiteId{s.Int(1)};
  c.batch = s.Text(2);
  c.address_label = s.Text(3);
  c.code_hash = s.Text(4);
  if (!s.IsNull(5)) c.created_by = UserId{s.Int(5)};
  c.created_at = s.Int(6);
  if (!s.IsNull(7)) c.used_by = UserId{s.Int(7)};
  if (!s.IsNull(8)) c.used_at = s.Int(8);
  c.expires_at = s.Int(9);
  return c;
}

Invitation ReadInvitation(const Stmt& s) {
  Invitation i;
  i.id = s.Int(0);
  i.site = SiteId{s.Int(1)};
  i.inviter = UserId{s.Int(2)};
  i.token_hash = s.Text(3);
  i.created_at = s.Int(4);
  i.expires_at = s.Int(5);
  if (!s.IsNull(6)) i.used_by = UserId{s.Int(6)};
  if (!s.IsNull(7)) i.used_at = s.Int(7);
  return i;
}

std::optional<Membership> Find(Connection& c, SiteId site, UserId user) {
  auto s = c.Prepare(kFindMembership);
  s.Bind(1, site.value).Bind(2, user.value);
  if (!s.Step()) return std::nullopt;
  return ReadMembership(s);
}

bool Exists(Connection& c, const char* sql, SiteId site, UserId user) {
  auto s = c.Prepare(sql);
  s.Bind(1, site.value).Bind(2, user.value);
  return s.Step();
}

// Why an upsert of a membership changed nothing or broke a constraint.
domain::AppError MembershipRefused(Connection& c, SiteId site, UserId user, const std::string& detail) {
  if (Exists(c, kIsVerified, site, user)) {
    return MakeError(ErrorCode::kConflict, "You are already a verified member of this neighbourhood.", detail);
  }
  if (Exists(c, kHasHomeElsewhere, site, user)) {
    return MakeError(ErrorCode::kConflict,
                     "You already live in another neighbourhood on Buurtplein. You can follow this one.", detail);
  }
  return MakeError(ErrorCode::kNotFound, "This site or account does not exist.", detail);
}

}  // namespace

domain::Result<Membership> SqliteVerificationRepository::RequestApproval(SiteId site, UserId user,
                                                                         std::string_view postcode,
                                                                         std::string_view house_number, UnixTime now) {
  auto& c = db_.Conn();
  std::string detail = "nothing changed";
  try {
    auto s = c.Prepare(kRequestApproval);
    s.Bind(1, site.value).Bind(2, user.value).Bind(3, postcode).Bind(4, house_number).Bind(5, now);
    s.Exec();
    if (sqlite3_changes(c.raw()) > 0) return *Find(c, site, user);
  } catch (const SqliteError& e) {
    if (!e.IsConstraint()) throw;
    detail = e.what();
  }
  return MembershipRefused(c, site, user, detail);
}

domain::Status SqliteVerificationRepository::ApprovePending(SiteId site, UserId user, UnixTime now) {
  auto& c = db_.Conn();
  c.Prepare(kApprovePending).Bind(1, site.value).Bind(2, user.value).Bind(3, now).Exec();
  if (sqlite3_changes(c.raw()) == 0) {
    return MakeError(ErrorCode::kNotFound, "There is no request for approval from this person (any more).");
  }
  return domain::Ok{};
}

domain::Status SqliteVerificationRepository::RejectPending(SiteId site, UserId user) {
  auto& c = db_.Conn();
  c.Prepare(kRejectPending).Bind(1, site.value).Bind(2, user.value).Exec();
  if (sqlite3_changes(c.raw()) == 0) {
    return MakeError(ErrorCode::kNotFound, "There is no request for approval from this person (any more).");
  }
  return domain::Ok{};
}

domain::Status SqliteVerificationRepository::CreateHouseholdCodes(SiteId site, const std::vector<HouseholdCode>& codes) {
  auto& c = db_.Conn();
  try {
    Transaction tx(c);
    for (const auto& code : codes) {
      auto s = c.Prepare(kInsertHouseholdCode);
      s.Bind(1, site.value).Bind(2, code.batch).Bind(3, code.address_label).Bind(4, code.code_hash);
      if (code.created_by) {
        s.Bind(5, code.created_by->value);
      } else {
        s.BindNull(5);
      }
      s.Bind(6, code.created_at).Bind(7, code.expires_at);
      s.Exec();
    }
    tx.Commit();
  } catch (const SqliteError& e) {
    if (!e.IsConstraint()) throw;
    return MakeError(ErrorCode::kConflict, "These codes could not be stored. Please try again.", e.what());
  }
  return domain::Ok{};
}

std::vector<HouseholdCode> SqliteVerificationRepository::ListHouseholdCodeBatch(SiteId site, std::string_view batch) {
  auto s = db_.Conn().Prepare(kListHouseholdCodeBatch);
  s.Bind(1, site.value).Bind(2, batch);
  std::vector<HouseholdCode> out;
  while (s.Step()) out.push_back(ReadCode(s));
  return out;
}

domain::Result<Membership> SqliteVerificationRepository::UseAndVerify(const char* use_sql, SiteId site,
                                                                      std::string_view hash, UserId user, UnixTime now,
                                                                      VerificationMethod method) {
  auto& c = db_.Conn();
  std::string detail = "already verified";
  {
    Transaction tx(c);
    {
      auto s = c.Prepare(use_sql);
      s.Bind(1, site.value).Bind(2, hash).Bind(3, user.value).Bind(4, now);
      if (!s.Step()) {
        return MakeError(ErrorCode::kNotFound, method == VerificationMethod::kInvitation
                                                   ? "This invitation is not valid (any more)."
                                                   : "This household code is not right, or it has been used already.");
      }
      s.Exec();  // finish the statement, so the UPDATE is complete
    }
    bool changed = false;
    try {
      auto s = c.Prepare(kVerifyMember);
      s.Bind(1, site.value).Bind(2, user.value).Bind(3, VerificationMethodName(method)).Bind(4, now);
      s.Exec();
      changed = sqlite3_changes(c.raw()) > 0;
    } catch (const SqliteError& e) {
      if (!e.IsConstraint()) throw;
      detail = e.what();
    }
    if (changed) {
      tx.Commit();
      return *Find(c, site, user);
    }
  }  // rolled back: the code or invitation stays unused
  return MembershipRefused(c, site, user, detail);
}

domain::Result<Membership> SqliteVerificationRepository::RedeemHouseholdCode(SiteId site, std::string_view code_hash,
                                                                             UserId user, UnixTime now) {
  return UseAndVerify(kUseHouseholdCode, site, code_hash, user, now, VerificationMethod::kHouseholdCode);
}

domain::Result<Invitation> SqliteVerificationRepository::CreateInvitation(SiteId site, const Invitation& invitation,
                                                                          int max_open) {
  auto& c = db_.Conn();
  try {
    auto s = c.Prepare(kInsertInvitation);
    s.Bind(1, site.value).Bind(2, invitation.inviter.value).Bind(3, invitation.token_hash);
    s.Bind(4, invitation.created_at).Bind(5, invitation.expires_at).Bind(6, max_open);
    if (!s.Step()) {
      return MakeError(ErrorCode::kConflict,
                       "You already have 5 open invitations. Wait until one is used or has expired.");
    }
    Invitation out = invitation;
    out.id = s.Int(0);
    out.site = site;
    s.Exec();
    return out;
  } catch (const SqliteError& e) {
    if (!e.IsConstraint()) throw;
    return MakeError(ErrorCode::kNotFound, "This site or account does not exist.", e.what());
  }
}

long SqliteVerificationRepository::CountOpenInvitations(SiteId site, UserId inviter, UnixTime now) {
  auto s = db_.Conn().Prepare(kCountOpenInvitations);
  s.Bind(1, site.value).Bind(2, inviter.value).Bind(3, now);
  s.Step();
  return static_cast<long>(s.Int(0));
}

std::optional<Invitation> SqliteVerificationRepository::FindInvitation(SiteId site, std::string_view token_hash) {
  auto s = db_.Conn().Prepare(kFindInvitation);
  s.Bind(1, site.value).Bind(2, token_hash);
  if (!s.Step()) return std::nullopt;
  return ReadInvitation(s);
}

domain::Result<Membership> SqliteVerificationRepository::AcceptInvitation(SiteId site, std::string_view token_hash,
                                                                          UserId user, UnixTime now) {
  return UseAndVerify(kUseInvitation, site, token_hash, user, now, VerificationMethod::kInvitation);
}

long SqliteVerificationRepository::DeleteExpiredHouseholdCodes(UnixTime now) {
  auto& c = db_.Conn();
  c.Prepare(kDeleteExpiredHouseholdCodes).Bind(1, now).Exec();
  return static_cast<long>(sqlite3_changes(c.raw()));
}

long SqliteVerificationRepository::DeleteExpiredInvitations(UnixTime now) {
  auto& c = db_.Conn();
  c.Prepare(kDeleteExpiredInvitations).Bind(1, now).Exec();
  return static_cast<long>(sqlite3_changes(c.raw()));
}

}  // namespace buurtplein::store::sqlite
