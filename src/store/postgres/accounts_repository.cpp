#include "store/postgres/accounts_repository.hpp"

#include "store/account_names.hpp"

namespace buurtplein::store::postgres {

using domain::CityId;
using domain::ErrorCode;
using domain::MakeError;
using domain::SessionId;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

namespace {

constexpr const char* kInsertUser =
    "INSERT INTO users (email, display_name, password_hash, created_at, is_demo) VALUES ($1, $2, $3, $4, $5) "
    "RETURNING id";
constexpr const char* kFindUser =
    "SELECT id, email, display_name, password_hash, email_verified_at, totp_secret, totp_last_step, is_operator, "
    "created_at, is_demo FROM users WHERE id = $1";
constexpr const char* kFindUserByEmail =
    "SELECT id, email, display_name, password_hash, email_verified_at, totp_secret, totp_last_step, is_operator, "
    "created_at, is_demo FROM users WHERE email = $1";
constexpr const char* kSetEmailVerified = "UPDATE users SET email_verified_at = $2 WHERE id = $1";
constexpr const char* kSetPasswordHash = "UPDATE users SET password_hash = $2 WHERE id = $1";
constexpr const char* kSetEmail = "UPDATE users SET email = $2, email_verified_at = $3 WHERE id = $1";
constexpr const char* kSetDisplayName = "UPDATE users SET display_name = $2 WHERE id = $1";
constexpr const char* kSetTotp = "UPDATE users SET totp_secret = $2, totp_last_step = $3 WHERE id = $1";
// The comparison and the write are one statement: a concurrent update of the row waits for the
// row lock and re-checks the condition, so of two requests with the same code one wins.
constexpr const char* kAdvanceTotpStep =
    "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2";
constexpr const char* kSetOperator = "UPDATE users SET is_operator = $2 WHERE id = $1";
constexpr const char* kDeleteUser = "DELETE FROM users WHERE id = $1";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, "
    "second_factor_done) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr const char* kFindSessionByTokenHash =
    "SELECT id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, second_factor_done "
    "FROM sessions WHERE token_hash = $1";
constexpr const char* kFindSessionWithUser =
    "SELECT s.id, s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.ip, "
    "s.second_factor_done, u.id, u.email, u.display_name, u.password_hash, u.email_verified_at, u.totp_secret, "
    "u.totp_last_step, u.is_operator, u.created_at, u.is_demo, "
    "EXISTS (SELECT 1 FROM city_roles WHERE user_id = u.id) "
    "OR EXISTS (SELECT 1 FROM memberships WHERE user_id = u.id AND role = 'buurtverbinder') "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1";
// GREATEST: two requests of one browser may finish out of order; last_seen_at never goes back.
constexpr const char* kTouchSession =
    "UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, $3) WHERE user_id = $1 AND id = $2";
constexpr const char* kSetSecondFactorDone =
    "UPDATE sessions SET second_factor_done = true WHERE user_id = $1 AND id = $2";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE user_id = $1 AND id = $2";
constexpr const char* kDeleteOtherSessions = "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";
constexpr const char* kListSessions =
    "SELECT id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, second_factor_done "
    "FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC";
constexpr const char* kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2";

constexpr const char* kInsertToken =
    "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at, used_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
// Check and mark in one statement: a concurrent consumer waits for the row lock, re-checks
// used_at IS NULL and finds nothing, so exactly one request gets the row.
constexpr const char* kConsumeToken =
    "UPDATE account_tokens SET used_at = $3 "
    "WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 "
    "RETURNING token_hash, user_id, purpose, new_email, created_at, expires_at, used_at";
constexpr const char* kDeleteTokens =
    "DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL";

constexpr const char* kInsertMembership =
    "INSERT INTO memberships (site_id, user_id, kind, role, status, verified_by, postcode, house_number, "
    "created_at, verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr const char* kFindMembership =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE site_id = $1 AND user_id = $2";
// One row always (the LEFT JOIN from a one-row table): the board flag, whether they have a professional
// profile in the city, then the membership or NULLs.
constexpr const char* kFindStanding =
    "SELECT EXISTS (SELECT 1 FROM city_roles WHERE city_id = $3 AND user_id = $2), "
    "EXISTS (SELECT 1 FROM directory_professionals WHERE city_id = $3 AND user_id = $2), m.site_id, m.user_id, m.kind, "
    "m.role, m.status, m.verified_by, m.postcode, m.house_number, m.created_at, m.verified_at "
    "FROM (SELECT 1) AS one LEFT JOIN memberships m ON m.site_id = $1 AND m.user_id = $2";
constexpr const char* kHasHome = "SELECT 1 FROM memberships WHERE user_id = $1 AND kind = 'home'";
constexpr const char* kSetMembershipStatus =
    "UPDATE memberships SET status = $3, verified_by = $4, verified_at = $5 WHERE site_id = $1 AND user_id = $2";
constexpr const char* kSetMembershipRole = "UPDATE memberships SET role = $3 WHERE site_id = $1 AND user_id = $2";
constexpr const char* kDeleteMembership = "DELETE FROM memberships WHERE site_id = $1 AND user_id = $2";
// 'pending' is written out (not bound) so the partial index memberships_pending is used.
constexpr const char* kListPending =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE site_id = $1 AND status = 'pending' ORDER BY created_at, user_id LIMIT $2 OFFSET $3";
constexpr const char* kCountMembers = "SELECT count(*) FROM memberships WHERE site_id = $1 AND status = $2";
constexpr const char* kListMembershipsOfUser =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE user_id = $1 ORDER BY created_at, site_id";

constexpr const char* kDeleteSpentTokens =
    "DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at <= $1";
// Names only: e-mail addresses are read for operators' /beheer/ page, which alone shows them.
constexpr const char* kListBuurtverbinders =
    "SELECT u.id, u.display_name, u.email, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id "
    "WHERE m.site_id = $1 AND m.role = 'buurtverbinder' ORDER BY u.display_name, u.id LIMIT $2 OFFSET $3";

constexpr const char* kGrantCityRole =
    "INSERT INTO city_roles (city_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (city_id, user_id, role) DO NOTHING";
constexpr const char* kRevokeCityRole =
    "DELETE FROM city_roles WHERE city_id = $1 AND user_id = $2 AND role = $3";
constexpr const char* kFindCityRoles = "SELECT role FROM city_roles WHERE city_id = $1 AND user_id = $2 ORDER BY role";
constexpr const char* kListCityRole =
    "SELECT u.id, u.display_name, u.email, r.created_at FROM city_roles r JOIN users u ON u.id = r.user_id "
    "WHERE r.city_id = $1 AND r.role = $2 ORDER BY u.display_name, u.id LIMIT $3 OFFSET $4";
constexpr const char* kHoldsElevatedRole =
    "SELECT EXISTS (SELECT 1 FROM city_roles WHERE user_id = $1) "
    "OR EXISTS (SELECT 1 FROM memberships WHERE user_id = $1 AND role = 'buurtverbinder')";

// The same public messages as store/sqlite/accounts_repository.cpp (translated in po/nl.po).
constexpr const char* kEmailTaken = "This e-mail address is already in use.";
constexpr const char* kNoSuchUser = "This account does not exist.";
constexpr const char* kNoSuchSession = "This session does not exist.";
constexpr const char* kSessionConflict = "This session could not be started.";
constexpr const char* kTokenConflict = "This link could not be created.";
constexpr const char* kAlreadyMember = "This account is already a member of this site.";
constexpr const char* kAlreadyHome = "This account already has a home site.";
constexpr const char* kNoSiteOrUser = "This site or account does not exist.";
constexpr const char* kNoSuchMembership = "This membership does not exist.";

const char* BoolText(bool b) { return b ? "true" : "false"; }
bool ReadBool(const Result& r, int row, int col) { return r.Text(row, col) == "t"; }

User ReadUser(const Result& r, int row, int at = 0) {
  User u;
  u.id = UserId{r.Int(row, at + 0)};
  u.email = r.Text(row, at + 1);
  u.display_name = r.Text(row, at + 2);
  u.password_hash = r.Text(row, at + 3);
  if (!r.IsNull(row, at + 4)) u.email_verified_at = r.Int(row, at + 4);
  u.totp_secret = r.Text(row, at + 5);
  u.totp_last_step = r.Int(row, at + 6);
  u.is_operator = ReadBool(r, row, at + 7);
  u.created_at = r.Int(row, at + 8);
  u.is_demo = ReadBool(r, row, at + 9);
  return u;
}

Session ReadSession(const Result& r, int row, int at = 0) {
  Session s;
  s.id = SessionId{r.Int(row, at + 0)};
  s.token_hash = r.Text(row, at + 1);
  s.user = UserId{r.Int(row, at + 2)};
  s.created_at = r.Int(row, at + 3);
  s.last_seen_at = r.Int(row, at + 4);
  s.expires_at = r.Int(row, at + 5);
  s.user_agent = r.Text(row, at + 6);
  s.ip = r.Text(row, at + 7);
  s.second_factor_done = ReadBool(r, row, at + 8);
  return s;
}

AccountToken ReadToken(const Result& r, int row) {
  AccountToken t;
  t.token_hash = r.Text(row, 0);
  t.user = UserId{r.Int(row, 1)};
  t.purpose = TokenPurposeFromName(r.Text(row, 2));
  t.new_email = r.Text(row, 3);
  t.created_at = r.Int(row, 4);
  t.expires_at = r.Int(row, 5);
  if (!r.IsNull(row, 6)) t.used_at = r.Int(row, 6);
  return t;
}

Membership ReadMembership(const Result& r, int row, int at = 0) {
  Membership m;
  m.site = SiteId{r.Int(row, at + 0)};
  m.user = UserId{r.Int(row, at + 1)};
  m.kind = MembershipKindFromName(r.Text(row, at + 2));
  m.role = MemberRoleFromName(r.Text(row, at + 3));
  m.status = MemberStatusFromName(r.Text(row, at + 4));
  m.verified_by = VerificationMethodFromName(r.Text(row, at + 5));
  m.postcode = r.Text(row, at + 6);
  m.house_number = r.Text(row, at + 7);
  m.created_at = r.Int(row, at + 8);
  if (!r.IsNull(row, at + 9)) m.verified_at = r.Int(row, at + 9);
  return m;
}

std::optional<User> FindOneUser(Pool& pool, const char* sql, const Params& params) {
  auto c = pool.Acquire();
  const Result r = c->Exec(sql, params);
  if (r.Rows() == 0) return std::nullopt;
  return ReadUser(r, 0);
}

std::vector<Membership> ReadMemberships(const Result& r) {
  std::vector<Membership> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadMembership(r, i));
  return out;
}

// Runs an UPDATE or DELETE of one row; true when it found the row.
bool ChangeOne(Pool& pool, const char* sql, const Params& params) {
  auto c = pool.Acquire();
  return c->Exec(sql, params).Affected() > 0;
}

domain::Status Found(bool found, const char* not_found_message) {
  if (!found) return MakeError(ErrorCode::kNotFound, not_found_message);
  return domain::Ok{};
}

}  // namespace

// --- users ------------------------------------------------------------------------------------

domain::Result<User> PostgresUserRepository::CreateUser(const NewUser& user) {
  auto c = pool_.Acquire();
  try {
    const Result r =
        c->Exec(kInsertUser, Params().Add(user.email).Add(user.display_name).Add(user.password_hash).Add(user.created_at)
                                    .Add(BoolText(user.is_demo)));
    User out;
    out.id = UserId{r.Int(0, 0)};
    out.email = user.email;
    out.display_name = user.display_name;
    out.password_hash = user.password_hash;
    out.created_at = user.created_at;
    out.is_demo = user.is_demo;
    return out;
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kEmailTaken, e.what());
    throw;
  }
}

std::optional<User> PostgresUserRepository::FindUser(UserId id) {
  return FindOneUser(pool_, kFindUser, Params().Add(id.value));
}

std::optional<User> PostgresUserRepository::FindUserByEmail(std::string_view normalised_email) {
  return FindOneUser(pool_, kFindUserByEmail, Params().Add(normalised_email));
}

domain::Status PostgresUserRepository::SetEmailVerified(UserId id, UnixTime at) {
  return Found(ChangeOne(pool_, kSetEmailVerified, Params().Add(id.value).Add(at)), kNoSuchUser);
}

domain::Status PostgresUserRepository::SetPasswordHash(UserId id, std::string_view hash) {
  return Found(ChangeOne(pool_, kSetPasswordHash, Params().Add(id.value).Add(hash)), kNoSuchUser);
}

domain::Status PostgresUserRepository::SetEmail(UserId id, std::string_view normalised_email, UnixTime verified_at) {
  try {
    return Found(ChangeOne(pool_, kSetEmail, Params().Add(id.value).Add(normalised_email).Add(verified_at)),
                 kNoSuchUser);
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kEmailTaken, e.what());
    throw;
  }
}

domain::Status PostgresUserRepository::SetDisplayName(UserId id, std::string_view name) {
  return Found(ChangeOne(pool_, kSetDisplayName, Params().Add(id.value).Add(name)), kNoSuchUser);
}

domain::Status PostgresUserRepository::SetTotp(UserId id, std::string_view secret, std::int64_t last_step) {
  return Found(ChangeOne(pool_, kSetTotp, Params().Add(id.value).Add(secret).Add(last_step)), kNoSuchUser);
}

bool PostgresUserRepository::AdvanceTotpStep(UserId id, std::int64_t step) {
  return ChangeOne(pool_, kAdvanceTotpStep, Params().Add(id.value).Add(step));
}

domain::Status PostgresUserRepository::SetOperator(UserId id, bool is_operator) {
  return Found(ChangeOne(pool_, kSetOperator, Params().Add(id.value).Add(BoolText(is_operator))), kNoSuchUser);
}

domain::Status PostgresUserRepository::DeleteUser(UserId id) {
  return Found(ChangeOne(pool_, kDeleteUser, Params().Add(id.value)), kNoSuchUser);
}

// --- sessions ---------------------------------------------------------------------------------

domain::Result<Session> PostgresSessionRepository::CreateSession(const Session& session) {
  auto c = pool_.Acquire();
  try {
    Params p;
    p.Add(session.token_hash).Add(session.user.value).Add(session.created_at).Add(session.last_seen_at);
    p.Add(session.expires_at).Add(session.user_agent).Add(session.ip).Add(BoolText(session.second_factor_done));
    const Result r = c->Exec(kInsertSession, p);
    Session out = session;
    out.id = SessionId{r.Int(0, 0)};
    return out;
  } catch (const PostgresError& e) {
    // A token hash that exists already, or an account that does not exist (any more).
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kSessionConflict, e.what());
    throw;
  }
}

std::optional<Session> PostgresSessionRepository::FindSessionByTokenHash(std::string_view token_hash) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindSessionByTokenHash, Params().Add(token_hash));
  if (r.Rows() == 0) return std::nullopt;
  return ReadSession(r, 0);
}

std::optional<domain::accounts::SessionOfUser> PostgresSessionRepository::FindSessionWithUser(
    std::string_view token_hash) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindSessionWithUser, Params().Add(token_hash));
  if (r.Rows() == 0) return std::nullopt;
  domain::accounts::SessionOfUser out{ReadSession(r, 0), ReadUser(r, 0, 9), false};
  out.elevated = out.user.is_operator || ReadBool(r, 0, 19);
  return out;
}

domain::Status PostgresSessionRepository::TouchSession(UserId user, SessionId id, UnixTime at) {
  return Found(ChangeOne(pool_, kTouchSession, Params().Add(user.value).Add(id.value).Add(at)), kNoSuchSession);
}

domain::Status PostgresSessionRepository::SetSecondFactorDone(UserId user, SessionId id) {
  return Found(ChangeOne(pool_, kSetSecondFactorDone, Params().Add(user.value).Add(id.value)), kNoSuchSession);
}

domain::Status PostgresSessionRepository::DeleteSession(UserId user, SessionId id) {
  return Found(ChangeOne(pool_, kDeleteSession, Params().Add(user.value).Add(id.value)), kNoSuchSession);
}

long PostgresSessionRepository::DeleteOtherSessions(UserId user, SessionId keep) {
  auto c = pool_.Acquire();
  return c->Exec(kDeleteOtherSessions, Params().Add(user.value).Add(keep.value)).Affected();
}

std::vector<Session> PostgresSessionRepository::ListSessions(UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kListSessions, Params().Add(user.value));
  std::vector<Session> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadSession(r, i));
  return out;
}

long PostgresSessionRepository::DeleteExpiredSessions(UnixTime now, UnixTime idle_before) {
  auto c = pool_.Acquire();
  return c->Exec(kDeleteExpiredSessions, Params().Add(now).Add(idle_before)).Affected();
}

// --- tokens -----------------------------------------------------------------------------------

domain::Status PostgresTokenRepository::CreateToken(const AccountToken& token) {
  auto c = pool_.Acquire();
  try {
    Params p;
    p.Add(token.token_hash).Add(token.user.value).Add(TokenPurposeName(token.purpose)).Add(token.new_email);
    p.Add(token.created_at).Add(token.expires_at).Add(token.used_at);
    c->Exec(kInsertToken, p);
    return domain::Ok{};
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, kTokenConflict, e.what());
    throw;
  }
}

std::optional<AccountToken> PostgresTokenRepository::ConsumeToken(std::string_view token_hash, TokenPurpose purpose,
                                                                  UnixTime now) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kConsumeToken, Params().Add(token_hash).Add(TokenPurposeName(purpose)).Add(now));
  if (r.Rows() == 0) return std::nullopt;
  return ReadToken(r, 0);
}

domain::Status PostgresTokenRepository::DeleteTokens(UserId user, TokenPurpose purpose) {
  auto c = pool_.Acquire();
  c->Exec(kDeleteTokens, Params().Add(user.value).Add(TokenPurposeName(purpose)));
  return domain::Ok{};
}

// --- memberships ------------------------------------------------------------------------------

domain::Result<Membership> PostgresMembershipRepository::CreateMembership(SiteId site, const Membership& m) {
  auto c = pool_.Acquire();
  try {
    Params p;
    p.Add(site.value).Add(m.user.value).Add(MembershipKindName(m.kind)).Add(MemberRoleName(m.role));
    p.Add(MemberStatusName(m.status)).Add(VerificationMethodName(m.verified_by)).Add(m.postcode).Add(m.house_number);
    p.Add(m.created_at).Add(m.verified_at);
    c->Exec(kInsertMembership, p);
  } catch (const PostgresError& e) {
    if (!e.IsConstraint()) throw;
    // The insert is what is atomic; afterwards, on the same connection (no transaction is
    // open), tell which rule it broke.
    if (c->Exec(kFindMembership, Params().Add(site.value).Add(m.user.value)).Rows() > 0) {
      return MakeError(ErrorCode::kConflict, kAlreadyMember, e.what());
    }
    if (m.kind == MembershipKind::kHome && c->Exec(kHasHome, Params().Add(m.user.value)).Rows() > 0) {
      return MakeError(ErrorCode::kConflict, kAlreadyHome, e.what());
    }
    return MakeError(ErrorCode::kNotFound, kNoSiteOrUser, e.what());
  }
  Membership out = m;
  out.site = site;
  return out;
}

std::optional<Membership> PostgresMembershipRepository::FindMembership(SiteId site, UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindMembership, Params().Add(site.value).Add(user.value));
  if (r.Rows() == 0) return std::nullopt;
  return ReadMembership(r, 0);
}

domain::accounts::SiteStanding PostgresMembershipRepository::FindStanding(SiteId site, domain::CityId city,
                                                                          UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindStanding, Params().Add(site.value).Add(user.value).Add(city.value));
  domain::accounts::SiteStanding out;
  if (r.Rows() == 0) return out;
  out.city_board = ReadBool(r, 0, 0);
  out.has_professional_profile = ReadBool(r, 0, 1);
  if (!r.IsNull(0, 2)) out.membership = ReadMembership(r, 0, 2);
  return out;
}

domain::Status PostgresMembershipRepository::SetMembershipStatus(SiteId site, UserId user, MemberStatus status,
                                                                 VerificationMethod method,
                                                                 std::optional<UnixTime> verified_at) {
  // Only a verified membership has a verification time.
  if (status != MemberStatus::kVerified) verified_at.reset();
  Params p;
  p.Add(site.value).Add(user.value).Add(MemberStatusName(status)).Add(VerificationMethodName(method)).Add(verified_at);
  return Found(ChangeOne(pool_, kSetMembershipStatus, p), kNoSuchMembership);
}

domain::Status PostgresMembershipRepository::SetMembershipRole(SiteId site, UserId user, MemberRole role) {
  return Found(ChangeOne(pool_, kSetMembershipRole, Params().Add(site.value).Add(user.value).Add(MemberRoleName(role))),
               kNoSuchMembership);
}

domain::Status PostgresMembershipRepository::DeleteMembership(SiteId site, UserId user) {
  return Found(ChangeOne(pool_, kDeleteMembership, Params().Add(site.value).Add(user.value)), kNoSuchMembership);
}

std::vector<Membership> PostgresMembershipRepository::ListPending(SiteId site, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadMemberships(c->Exec(kListPending, Params().Add(site.value).Add(limit).Add(offset)));
}

long PostgresMembershipRepository::CountMembers(SiteId site, MemberStatus status) {
  auto c = pool_.Acquire();
  return static_cast<long>(c->Exec(kCountMembers, Params().Add(site.value).Add(MemberStatusName(status))).Int(0, 0));
}

std::vector<Membership> PostgresMembershipRepository::ListMembershipsOfUser(UserId user) {
  auto c = pool_.Acquire();
  return ReadMemberships(c->Exec(kListMembershipsOfUser, Params().Add(user.value)));
}

// --- housekeeping, role holders, city roles --------------------------------------------------

long PostgresTokenRepository::DeleteSpentTokens(UnixTime now) {
  auto c = pool_.Acquire();
  return c->Exec(kDeleteSpentTokens, Params().Add(now)).Affected();
}

namespace {
std::vector<RoleHolder> ReadHolders(const Result& r) {
  std::vector<RoleHolder> out;
  out.reserve(static_cast<std::size_t>(r.Rows()));
  for (int i = 0; i < r.Rows(); ++i) out.push_back(RoleHolder{UserId{r.Int(i, 0)}, r.Text(i, 1), r.Text(i, 2), r.Int(i, 3)});
  return out;
}
}  // namespace

std::vector<RoleHolder> PostgresMembershipRepository::ListBuurtverbinders(SiteId site, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadHolders(c->Exec(kListBuurtverbinders, Params().Add(site.value).Add(limit).Add(offset)));
}

domain::Status PostgresCityRoleRepository::GrantCityRole(CityId city, UserId user, CityRole role, UnixTime now) {
  auto c = pool_.Acquire();
  try {
    c->Exec(kGrantCityRole, Params().Add(city.value).Add(user.value).Add(CityRoleName(role)).Add(now));
  } catch (const PostgresError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, "This city or account does not exist.", e.what());
    throw;
  }
  return domain::Ok{};
}

domain::Status PostgresCityRoleRepository::RevokeCityRole(CityId city, UserId user, CityRole role) {
  return Found(ChangeOne(pool_, kRevokeCityRole, Params().Add(city.value).Add(user.value).Add(CityRoleName(role))),
               "This person does not have this role (any more).");
}

std::vector<CityRole> PostgresCityRoleRepository::FindCityRoles(CityId city, UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindCityRoles, Params().Add(city.value).Add(user.value));
  std::vector<CityRole> out;
  for (int i = 0; i < r.Rows(); ++i) out.push_back(CityRoleFromName(r.Text(i, 0)));
  return out;
}

std::vector<RoleHolder> PostgresCityRoleRepository::ListCityRole(CityId city, CityRole role, int limit, int offset) {
  auto c = pool_.Acquire();
  return ReadHolders(
      c->Exec(kListCityRole, Params().Add(city.value).Add(CityRoleName(role)).Add(limit).Add(offset)));
}

bool PostgresCityRoleRepository::HoldsElevatedRole(UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kHoldsElevatedRole, Params().Add(user.value));
  return r.Rows() > 0 && ReadBool(r, 0, 0);
}

}  // namespace buurtplein::store::postgres
