#include "store/sqlite/accounts_repository.hpp"

#include "store/account_names.hpp"

namespace buurtplein::store::sqlite {

using domain::CityId;
using domain::ErrorCode;
using domain::MakeError;
using domain::SessionId;
using domain::SiteId;
using domain::UserId;
using namespace domain::accounts;

namespace {

constexpr const char* kInsertUser =
    "INSERT INTO users (email, display_name, password_hash, created_at, is_demo) VALUES (?1, ?2, ?3, ?4, ?5) "
    "RETURNING id";
constexpr const char* kFindUser =
    "SELECT id, email, display_name, password_hash, email_verified_at, totp_secret, totp_last_step, is_operator, "
    "created_at, is_demo FROM users WHERE id = ?1";
constexpr const char* kFindUserByEmail =
    "SELECT id, email, display_name, password_hash, email_verified_at, totp_secret, totp_last_step, is_operator, "
    "created_at, is_demo FROM users WHERE email = ?1";
constexpr const char* kSetEmailVerified = "UPDATE users SET email_verified_at = ?2 WHERE id = ?1";
constexpr const char* kSetPasswordHash = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
constexpr const char* kSetEmail = "UPDATE users SET email = ?2, email_verified_at = ?3 WHERE id = ?1";
constexpr const char* kSetDisplayName = "UPDATE users SET display_name = ?2 WHERE id = ?1";
constexpr const char* kSetTotp = "UPDATE users SET totp_secret = ?2, totp_last_step = ?3 WHERE id = ?1";
// The comparison and the write are one statement: of two requests with the same code, one wins.
constexpr const char* kAdvanceTotpStep =
    "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2";
constexpr const char* kSetOperator = "UPDATE users SET is_operator = ?2 WHERE id = ?1";
constexpr const char* kDeleteUser = "DELETE FROM users WHERE id = ?1";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, "
    "second_factor_done) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
constexpr const char* kFindSessionByTokenHash =
    "SELECT id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, second_factor_done "
    "FROM sessions WHERE token_hash = ?1";
constexpr const char* kFindSessionWithUser =
    "SELECT s.id, s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.ip, "
    "s.second_factor_done, u.id, u.email, u.display_name, u.password_hash, u.email_verified_at, u.totp_secret, "
    "u.totp_last_step, u.is_operator, u.created_at, u.is_demo, "
    "EXISTS (SELECT 1 FROM city_roles WHERE user_id = u.id) "
    "OR EXISTS (SELECT 1 FROM memberships WHERE user_id = u.id AND role = 'buurtverbinder') "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1";
// max(): two requests of one browser may finish out of order; last_seen_at never goes back.
constexpr const char* kTouchSession =
    "UPDATE sessions SET last_seen_at = max(last_seen_at, ?3) WHERE user_id = ?1 AND id = ?2";
constexpr const char* kSetSecondFactorDone =
    "UPDATE sessions SET second_factor_done = 1 WHERE user_id = ?1 AND id = ?2";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE user_id = ?1 AND id = ?2";
constexpr const char* kDeleteOtherSessions = "DELETE FROM sessions WHERE user_id = ?1 AND id <> ?2";
constexpr const char* kListSessions =
    "SELECT id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip, second_factor_done "
    "FROM sessions WHERE user_id = ?1 ORDER BY created_at DESC, id DESC";
constexpr const char* kDeleteExpiredSessions =
    "DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at < ?2";

constexpr const char* kInsertToken =
    "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at, used_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
// Check and mark in one statement: of two requests with the same link, exactly one gets the row.
constexpr const char* kConsumeToken =
    "UPDATE account_tokens SET used_at = ?3 "
    "WHERE token_hash = ?1 AND purpose = ?2 AND used_at IS NULL AND expires_at > ?3 "
    "RETURNING token_hash, user_id, purpose, new_email, created_at, expires_at, used_at";
constexpr const char* kDeleteTokens =
    "DELETE FROM account_tokens WHERE user_id = ?1 AND purpose = ?2 AND used_at IS NULL";

constexpr const char* kInsertMembership =
    "INSERT INTO memberships (site_id, user_id, kind, role, status, verified_by, postcode, house_number, "
    "created_at, verified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kFindMembership =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE site_id = ?1 AND user_id = ?2";
// One row always (the LEFT JOIN from a one-row table): the board flag, whether they have a professional
// profile in the city, then the membership or NULLs.
constexpr const char* kFindStanding =
    "SELECT EXISTS (SELECT 1 FROM city_roles WHERE city_id = ?3 AND user_id = ?2), "
    "EXISTS (SELECT 1 FROM directory_professionals WHERE city_id = ?3 AND user_id = ?2), m.site_id, m.user_id, m.kind, "
    "m.role, m.status, m.verified_by, m.postcode, m.house_number, m.created_at, m.verified_at "
    "FROM (SELECT 1) AS one LEFT JOIN memberships m ON m.site_id = ?1 AND m.user_id = ?2";
constexpr const char* kHasHome = "SELECT 1 FROM memberships WHERE user_id = ?1 AND kind = 'home'";
constexpr const char* kSetMembershipStatus =
    "UPDATE memberships SET status = ?3, verified_by = ?4, verified_at = ?5 WHERE site_id = ?1 AND user_id = ?2";
constexpr const char* kSetMembershipRole = "UPDATE memberships SET role = ?3 WHERE site_id = ?1 AND user_id = ?2";
constexpr const char* kDeleteMembership = "DELETE FROM memberships WHERE site_id = ?1 AND user_id = ?2";
// 'pending' is written out (not bound) so the partial index memberships_pending is used.
constexpr const char* kListPending =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE site_id = ?1 AND status = 'pending' ORDER BY created_at, user_id LIMIT ?2 OFFSET ?3";
constexpr const char* kCountMembers = "SELECT count(*) FROM memberships WHERE site_id = ?1 AND status = ?2";
constexpr const char* kListMembershipsOfUser =
    "SELECT site_id, user_id, kind, role, status, verified_by, postcode, house_number, created_at, verified_at "
    "FROM memberships WHERE user_id = ?1 ORDER BY created_at, site_id";

constexpr const char* kDeleteSpentTokens =
    "DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at <= ?1";
// Names only: e-mail addresses are read for operators' /beheer/ page, which alone shows them.
constexpr const char* kListBuurtverbinders =
    "SELECT u.id, u.display_name, u.email, m.created_at FROM memberships m JOIN users u ON u.id = m.user_id "
    "WHERE m.site_id = ?1 AND m.role = 'buurtverbinder' ORDER BY u.display_name, u.id LIMIT ?2 OFFSET ?3";

constexpr const char* kGrantCityRole =
    "INSERT INTO city_roles (city_id, user_id, role, created_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (city_id, user_id, role) DO NOTHING";
constexpr const char* kRevokeCityRole =
    "DELETE FROM city_roles WHERE city_id = ?1 AND user_id = ?2 AND role = ?3";
constexpr const char* kFindCityRoles = "SELECT role FROM city_roles WHERE city_id = ?1 AND user_id = ?2 ORDER BY role";
constexpr const char* kListCityRole =
    "SELECT u.id, u.display_name, u.email, r.created_at FROM city_roles r JOIN users u ON u.id = r.user_id "
    "WHERE r.city_id = ?1 AND r.role = ?2 ORDER BY u.display_name, u.id LIMIT ?3 OFFSET ?4";
constexpr const char* kHoldsElevatedRole =
    "SELECT EXISTS (SELECT 1 FROM city_roles WHERE user_id = ?1) "
    "OR EXISTS (SELECT 1 FROM memberships WHERE user_id = ?1 AND role = 'buurtverbinder')";

User ReadUser(const Stmt& s, int at = 0) {
  User u;
  u.id = UserId{s.Int(at + 0)};
  u.email = s.Text(at + 1);
  u.display_name = s.Text(at + 2);
  u.password_hash = s.Text(at + 3);
  if (!s.IsNull(at + 4)) u.email_verified_at = s.Int(at + 4);
  u.totp_secret = s.Text(at + 5);
  u.totp_last_step = s.Int(at + 6);
  u.is_operator = s.Int(at + 7) != 0;
  u.created_at = s.Int(at + 8);
  u.is_demo = s.Int(at + 9) != 0;
  return u;
}

Session ReadSession(const Stmt& s, int at = 0) {
  Session out;
  out.id = SessionId{s.Int(at + 0)};
  out.token_hash = s.Text(at + 1);
  out.user = UserId{s.Int(at + 2)};
  out.created_at = s.Int(at + 3);
  out.last_seen_at = s.Int(at + 4);
  out.expires_at = s.Int(at + 5);
  out.user_agent = s.Text(at + 6);
  out.ip = s.Text(at + 7);
  out.second_factor_done = s.Int(at + 8) != 0;
  return out;
}

AccountToken ReadToken(const Stmt& s) {
  AccountToken t;
  t.token_hash = s.Text(0);
  t.user = UserId{s.Int(1)};
  t.purpose = TokenPurposeFromName(s.Text(2));
  t.new_email = s.Text(3);
  t.created_at = s.Int(4);
  t.expires_at = s.Int(5);
  if (!s.IsNull(6)) t.used_at = s.Int(6);
  return t;
}

Membership ReadMembership(const Stmt& s, int at = 0) {
  Membership m;
  m.site = SiteId{s.Int(at + 0)};
  m.user = UserId{s.Int(at + 1)};
  m.kind = MembershipKindFromName(s.Text(at + 2));
  m.role = MemberRoleFromName(s.Text(at + 3));
  m.status = MemberStatusFromName(s.Text(at + 4));
  m.verified_by = VerificationMethodFromName(s.Text(at + 5));
  m.postcode = s.Text(at + 6);
  m.house_number = s.Text(at + 7);
  m.created_at = s.Int(at + 8);
  if (!s.IsNull(at + 9)) m.verified_at = s.Int(at + 9);
  return m;
}

std::optional<User> FindOneUser(Connection& c, const char* sql, auto key) {
  auto s = c.Prepare(sql);
  s.Bind(1, key);
  if (!s.Step()) return std::nullopt;
  return ReadUser(s);
}

// Runs an UPDATE or DELETE of one row; true when it found the row.
template <typename... Args>
bool ChangeOne(Connection& c, const char* sql, const Args&... args) {
  auto s = c.Prepare(sql);
  int i = 0;
  (s.Bind(++i, args), ...);
  s.Exec();
  return sqlite3_changes(c.raw()) > 0;
}

domain::Status UserChanged(bool found) {
  if (!found) return MakeError(ErrorCode::kNotFound, "This account does not exist.");
  return domain::Ok{};
}

domain::Status SessionChanged(bool found) {
  if (!found) return MakeError(ErrorCode::kNotFound, "This session does not exist.");
  return domain::Ok{};
}

domain::Status MembershipChanged(bool found) {
  if (!found) return MakeError(ErrorCode::kNotFound, "This membership does not exist.");
  return domain::Ok{};
}

}  // namespace

// --- users ------------------------------------------------------------------------------------

domain::Result<User> SqliteUserRepository::CreateUser(const NewUser& user) {
  try {
    auto s = db_.Conn().Prepare(kInsertUser);
    s.Bind(1, user.email).Bind(2, user.display_name).Bind(3, user.password_hash).Bind(4, user.created_at);
    s.Bind(5, user.is_demo ? 1 : 0);
    s.Step();
    User out;
    out.id = UserId{s.Int(0)};
    out.email = user.email;
    out.display_name = user.display_name;
    out.password_hash = user.password_hash;
    out.created_at = user.created_at;
    out.is_demo = user.is_demo;
    return out;
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, "This e-mail address is already in use.", e.what());
    throw;
  }
}

std::optional<User> SqliteUserRepository::FindUser(UserId id) { return FindOneUser(db_.Conn(), kFindUser, id.value); }

std::optional<User> SqliteUserRepository::FindUserByEmail(std::string_view normalised_email) {
  return FindOneUser(db_.Conn(), kFindUserByEmail, normalised_email);
}

domain::Status SqliteUserRepository::SetEmailVerified(UserId id, UnixTime at) {
  return UserChanged(ChangeOne(db_.Conn(), kSetEmailVerified, id.value, at));
}

domain::Status SqliteUserRepository::SetPasswordHash(UserId id, std::string_view hash) {
  return UserChanged(ChangeOne(db_.Conn(), kSetPasswordHash, id.value, hash));
}

domain::Status SqliteUserRepository::SetEmail(UserId id, std::string_view normalised_email, UnixTime verified_at) {
  try {
    return UserChanged(ChangeOne(db_.Conn(), kSetEmail, id.value, normalised_email, verified_at));
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, "This e-mail address is already in use.", e.what());
    throw;
  }
}

domain::Status SqliteUserRepository::SetDisplayName(UserId id, std::string_view name) {
  return UserChanged(ChangeOne(db_.Conn(), kSetDisplayName, id.value, name));
}

domain::Status SqliteUserRepository::SetTotp(UserId id, std::string_view secret, std::int64_t last_step) {
  return UserChanged(ChangeOne(db_.Conn(), kSetTotp, id.value, secret, last_step));
}

bool SqliteUserRepository::AdvanceTotpStep(UserId id, std::int64_t step) {
  return ChangeOne(db_.Conn(), kAdvanceTotpStep, id.value, step);
}

domain::Status SqliteUserRepository::SetOperator(UserId id, bool is_operator) {
  return UserChanged(ChangeOne(db_.Conn(), kSetOperator, id.value, std::int64_t{is_operator ? 1 : 0}));
}

domain::Status SqliteUserRepository::DeleteUser(UserId id) {
  return UserChanged(ChangeOne(db_.Conn(), kDeleteUser, id.value));
}

// --- sessions ---------------------------------------------------------------------------------

domain::Result<Session> SqliteSessionRepository::CreateSession(const Session& session) {
  try {
    auto s = db_.Conn().Prepare(kInsertSession);
    s.Bind(1, session.token_hash).Bind(2, session.user.value).Bind(3, session.created_at);
    s.Bind(4, session.last_seen_at).Bind(5, session.expires_at).Bind(6, session.user_agent).Bind(7, session.ip);
    s.Bind(8, std::int64_t{session.second_factor_done ? 1 : 0});
    s.Step();
    Session out = session;
    out.id = SessionId{s.Int(0)};
    return out;
  } catch (const SqliteError& e) {
    // A token hash that exists already, or an account that does not exist (any more).
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, "This session could not be started.", e.what());
    throw;
  }
}

std::optional<Session> SqliteSessionRepository::FindSessionByTokenHash(std::string_view token_hash) {
  auto s = db_.Conn().Prepare(kFindSessionByTokenHash);
  s.Bind(1, token_hash);
  if (!s.Step()) return std::nullopt;
  return ReadSession(s);
}

std::optional<domain::accounts::SessionOfUser> SqliteSessionRepository::FindSessionWithUser(std::string_view token_hash) {
  auto s = db_.Conn().Prepare(kFindSessionWithUser);
  s.Bind(1, token_hash);
  if (!s.Step()) return std::nullopt;
  domain::accounts::SessionOfUser out{ReadSession(s), ReadUser(s, 9), false};
  out.elevated = out.user.is_operator || s.Int(19) != 0;
  return out;
}

domain::Status SqliteSessionRepository::TouchSession(UserId user, SessionId id, UnixTime at) {
  return SessionChanged(ChangeOne(db_.Conn(), kTouchSession, user.value, id.value, at));
}

domain::Status SqliteSessionRepository::SetSecondFactorDone(UserId user, SessionId id) {
  return SessionChanged(ChangeOne(db_.Conn(), kSetSecondFactorDone, user.value, id.value));
}

domain::Status SqliteSessionRepository::DeleteSession(UserId user, SessionId id) {
  return SessionChanged(ChangeOne(db_.Conn(), kDeleteSession, user.value, id.value));
}

long SqliteSessionRepository::DeleteOtherSessions(UserId user, SessionId keep) {
  auto& c = db_.Conn();
  c.Prepare(kDeleteOtherSessions).Bind(1, user.value).Bind(2, keep.value).Exec();
  return static_cast<long>(sqlite3_changes(c.raw()));
}

std::vector<Session> SqliteSessionRepository::ListSessions(UserId user) {
  auto s = db_.Conn().Prepare(kListSessions);
  s.Bind(1, user.value);
  std::vector<Session> out;
  while (s.Step()) out.push_back(ReadSession(s));
  return out;
}

long SqliteSessionRepository::DeleteExpiredSessions(UnixTime now, UnixTime idle_before) {
  auto& c = db_.Conn();
  c.Prepare(kDeleteExpiredSessions).Bind(1, now).Bind(2, idle_before).Exec();
  return static_cast<long>(sqlite3_changes(c.raw()));
}

// --- tokens -----------------------------------------------------------------------------------

domain::Status SqliteTokenRepository::CreateToken(const AccountToken& token) {
  try {
    auto s = db_.Conn().Prepare(kInsertToken);
    s.Bind(1, token.token_hash).Bind(2, token.user.value).Bind(3, TokenPurposeName(token.purpose));
    s.Bind(4, token.new_email).Bind(5, token.created_at).Bind(6, token.expires_at).Bind(7, token.used_at);
    s.Exec();
    return domain::Ok{};
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kConflict, "This link could not be created.", e.what());
    throw;
  }
}

std::optional<AccountToken> SqliteTokenRepository::ConsumeToken(std::string_view token_hash, TokenPurpose purpose,
                                                                UnixTime now) {
  auto s = db_.Conn().Prepare(kConsumeToken);
  s.Bind(1, token_hash).Bind(2, TokenPurposeName(purpose)).Bind(3, now);
  if (!s.Step()) return std::nullopt;
  AccountToken out = ReadToken(s);
  s.Exec();  // finish the statement, so the UPDATE is complete before the statement is reset
  return out;
}

domain::Status SqliteTokenRepository::DeleteTokens(UserId user, TokenPurpose purpose) {
  db_.Conn().Prepare(kDeleteTokens).Bind(1, user.value).Bind(2, TokenPurposeName(purpose)).Exec();
  return domain::Ok{};
}

// --- memberships ------------------------------------------------------------------------------

domain::Result<Membership> SqliteMembershipRepository::CreateMembership(SiteId site, const Membership& m) {
  auto& c = db_.Conn();
  try {
    auto s = c.Prepare(kInsertMembership);
    s.Bind(1, site.value).Bind(2, m.user.value).Bind(3, MembershipKindName(m.kind)).Bind(4, MemberRoleName(m.role));
    s.Bind(5, MemberStatusName(m.status)).Bind(6, VerificationMethodName(m.verified_by)).Bind(7, m.postcode);
    s.Bind(8, m.house_number).Bind(9, m.created_at).Bind(10, m.verified_at);
    s.Exec();
  } catch (const SqliteError& e) {
    if (!e.IsConstraint()) throw;
    // The insert is what is atomic; afterwards, tell which rule it broke.
    if (FindMembership(site, m.user)) {
      return MakeError(ErrorCode::kConflict, "This account is already a member of this site.", e.what());
    }
    if (m.kind == MembershipKind::kHome && c.Prepare(kHasHome).Bind(1, m.user.value).Step()) {
      return MakeError(ErrorCode::kConflict, "This account already has a home site.", e.what());
    }
    return MakeError(ErrorCode::kNotFound, "This site or account does not exist.", e.what());
  }
  Membership out = m;
  out.site = site;
  return out;
}

std::optional<Membership> SqliteMembershipRepository::FindMembership(SiteId site, UserId user) {
  auto s = db_.Conn().Prepare(kFindMembership);
  s.Bind(1, site.value).Bind(2, user.value);
  if (!s.Step()) return std::nullopt;
  return ReadMembership(s);
}

domain::accounts::SiteStanding SqliteMembershipRepository::FindStanding(SiteId site, domain::CityId city, UserId user) {
  auto s = db_.Conn().Prepare(kFindStanding);
  s.Bind(1, site.value).Bind(2, user.value).Bind(3, city.value);
  domain::accounts::SiteStanding out;
  if (!s.Step()) return out;
  out.city_board = s.Int(0) != 0;
  out.has_professional_profile = s.Int(1) != 0;
  if (!s.IsNull(2)) out.membership = ReadMembership(s, 2);
  return out;
}

domain::Status SqliteMembershipRepository::SetMembershipStatus(SiteId site, UserId user, MemberStatus status,
                                                               VerificationMethod method,
                                                               std::optional<UnixTime> verified_at) {
  // Only a verified membership has a verification time.
  if (status != MemberStatus::kVerified) verified_at.reset();
  return MembershipChanged(ChangeOne(db_.Conn(), kSetMembershipStatus, site.value, user.value, MemberStatusName(status),
                                     VerificationMethodName(method), verified_at));
}

domain::Status SqliteMembershipRepository::SetMembershipRole(SiteId site, UserId user, MemberRole role) {
  return MembershipChanged(ChangeOne(db_.Conn(), kSetMembershipRole, site.value, user.value, MemberRoleName(role)));
}

domain::Status SqliteMembershipRepository::DeleteMembership(SiteId site, UserId user) {
  return MembershipChanged(ChangeOne(db_.Conn(), kDeleteMembership, site.value, user.value));
}

std::vector<Membership> SqliteMembershipRepository::ListPending(SiteId site, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListPending);
  s.Bind(1, site.value).Bind(2, limit).Bind(3, offset);
  std::vector<Membership> out;
  while (s.Step()) out.push_back(ReadMembership(s));
  return out;
}

long SqliteMembershipRepository::CountMembers(SiteId site, MemberStatus status) {
  auto s = db_.Conn().Prepare(kCountMembers);
  s.Bind(1, site.value).Bind(2, MemberStatusName(status));
  s.Step();
  return static_cast<long>(s.Int(0));
}

std::vector<Membership> SqliteMembershipRepository::ListMembershipsOfUser(UserId user) {
  auto s = db_.Conn().Prepare(kListMembershipsOfUser);
  s.Bind(1, user.value);
  std::vector<Membership> out;
  while (s.Step()) out.push_back(ReadMembership(s));
  return out;
}

// --- housekeeping, role holders, city roles --------------------------------------------------

long SqliteTokenRepository::DeleteSpentTokens(UnixTime now) {
  auto& c = db_.Conn();
  c.Prepare(kDeleteSpentTokens).Bind(1, now).Exec();
  return static_cast<long>(sqlite3_changes(c.raw()));
}

namespace {
std::vector<RoleHolder> ReadHolders(Stmt& s) {
  std::vector<RoleHolder> out;
  while (s.Step()) out.push_back(RoleHolder{UserId{s.Int(0)}, s.Text(1), s.Text(2), s.Int(3)});
  return out;
}
}  // namespace

std::vector<RoleHolder> SqliteMembershipRepository::ListBuurtverbinders(SiteId site, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListBuurtverbinders);
  s.Bind(1, site.value).Bind(2, limit).Bind(3, offset);
  return ReadHolders(s);
}

domain::Status SqliteCityRoleRepository::GrantCityRole(CityId city, UserId user, CityRole role, UnixTime now) {
  try {
    db_.Conn().Prepare(kGrantCityRole).Bind(1, city.value).Bind(2, user.value).Bind(3, CityRoleName(role)).Bind(4, now).Exec();
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, "This city or account does not exist.", e.what());
    throw;
  }
  return domain::Ok{};
}

domain::Status SqliteCityRoleRepository::RevokeCityRole(CityId city, UserId user, CityRole role) {
  if (!ChangeOne(db_.Conn(), kRevokeCityRole, city.value, user.value, CityRoleName(role))) {
    return MakeError(ErrorCode::kNotFound, "This person does not have this role (any more).");
  }
  return domain::Ok{};
}

std::vector<CityRole> SqliteCityRoleRepository::FindCityRoles(CityId city, UserId user) {
  auto s = db_.Conn().Prepare(kFindCityRoles);
  s.Bind(1, city.value).Bind(2, user.value);
  std::vector<CityRole> out;
  while (s.Step()) out.push_back(CityRoleFromName(s.Text(0)));
  return out;
}

std::vector<RoleHolder> SqliteCityRoleRepository::ListCityRole(CityId city, CityRole role, int limit, int offset) {
  auto s = db_.Conn().Prepare(kListCityRole);
  s.Bind(1, city.value).Bind(2, CityRoleName(role)).Bind(3, limit).Bind(4, offset);
  return ReadHolders(s);
}

bool SqliteCityRoleRepository::HoldsElevatedRole(UserId user) {
  auto s = db_.Conn().Prepare(kHoldsElevatedRole);
  s.Bind(1, user.value);
  return s.Step() && s.Int(0) != 0;
}

}  // namespace buurtplein::store::sqlite
