#include "store/sqlite/two_factor_repository.hpp"

namespace buurtplein::store::sqlite {

using domain::ErrorCode;
using domain::MakeError;
using domain::UserId;
using namespace domain::accounts;

namespace {

constexpr const char* kUserExists = "SELECT 1 FROM users WHERE id = ?1";
constexpr const char* kUpsertPending =
    "INSERT INTO totp_pending (user_id, secret, created_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at";
constexpr const char* kFindPending = "SELECT user_id, secret, created_at FROM totp_pending WHERE user_id = ?1";
// Only the secret the user confirmed is taken: when set-up restarted meanwhile, nothing is deleted.
constexpr const char* kTakePending = "DELETE FROM totp_pending WHERE user_id = ?1 AND secret = ?2";
constexpr const char* kDeletePending = "DELETE FROM totp_pending WHERE user_id = ?1";
constexpr const char* kSetTotp = "UPDATE users SET totp_secret = ?2, totp_last_step = ?3 WHERE id = ?1";
// The codes go with their set (ON DELETE CASCADE).
constexpr const char* kDeleteCodeSet = "DELETE FROM recovery_code_sets WHERE user_id = ?1";
constexpr const char* kUpsertCodeSet =
    "INSERT INTO recovery_code_sets (user_id, salt, created_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (user_id) DO UPDATE SET salt = excluded.salt, created_at = excluded.created_at";
constexpr const char* kDeleteCodes = "DELETE FROM recovery_codes WHERE user_id = ?1";
constexpr const char* kInsertCode = "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)";
constexpr const char* kFindCodeSet = "SELECT salt, created_at FROM recovery_code_sets WHERE user_id = ?1";
constexpr const char* kListCodes = "SELECT code_hash FROM recovery_codes WHERE user_id = ?1 ORDER BY code_hash";
// Check and use in one statement: of two requests with the same code, one deletes the row.
constexpr const char* kConsumeCode = "DELETE FROM recovery_codes WHERE user_id = ?1 AND code_hash = ?2";

constexpr const char* kNoSuchUser = "This account does not exist.";

bool UserExists(Connection& c, UserId user) {
  auto s = c.Prepare(kUserExists);
  s.Bind(1, user.value);
  return s.Step();
}

// The set first (its row is the lock two writers of one account queue on), then its codes.
void WriteCodes(Connection& c, UserId user, const RecoveryCodeSet& codes) {
  c.Prepare(kUpsertCodeSet).Bind(1, user.value).Bind(2, codes.salt).Bind(3, codes.created_at).Exec();
  c.Prepare(kDeleteCodes).Bind(1, user.value).Exec();
  for (const auto& hash : codes.hashes) c.Prepare(kInsertCode).Bind(1, user.value).Bind(2, hash).Exec();
}

}  // namespace

domain::Status SqliteTwoFactorRepository::SetPendingTotp(UserId user, std::string_view secret, UnixTime created_at) {
  try {
    db_.Conn().Prepare(kUpsertPending).Bind(1, user.value).Bind(2, secret).Bind(3, created_at).Exec();
    return domain::Ok{};
  } catch (const SqliteError& e) {
    if (e.IsConstraint()) return MakeError(ErrorCode::kNotFound, kNoSuchUser, e.what());
    throw;
  }
}

std::optional<PendingTotp> SqliteTwoFactorRepository::FindPendingTotp(UserId user) {
  auto s = db_.Conn().Prepare(kFindPending);
  s.Bind(1, user.value);
  if (!s.Step()) return std::nullopt;
  return PendingTotp{UserId{s.Int(0)}, s.Text(1), s.Int(2)};
}

domain::Status SqliteTwoFactorRepository::EnableTotp(UserId user, std::string_view secret, std::int64_t last_step,
                                                     const RecoveryCodeSet& codes) {
  auto& c = db_.Conn();
  Transaction tx(c);
  c.Prepare(kTakePending).Bind(1, user.value).Bind(2, secret).Exec();
  if (sqlite3_changes(c.raw()) == 0) {
    return MakeError(ErrorCode::kConflict, "Two-step login was started again somewhere else. Please start once more.");
  }
  c.Prepare(kSetTotp).Bind(1, user.value).Bind(2, secret).Bind(3, last_step).Exec();
  WriteCodes(c, user, codes);
  tx.Commit();
  return domain::Ok{};
}

domain::Status SqliteTwoFactorRepository::DisableTotp(UserId user) {
  auto& c = db_.Conn();
  Transaction tx(c);
  c.Prepare(kSetTotp).Bind(1, user.value).Bind(2, "").Bind(3, std::int64_t{0}).Exec();
  if (sqlite3_changes(c.raw()) == 0) return MakeError(ErrorCode::kNotFound, kNoSuchUser);
  c.Prepare(kDeletePending).Bind(1, user.value).Exec();
  c.Prepare(kDeleteCodeSet).Bind(1, user.value).Exec();
  tx.Commit();
  return domain::Ok{};
}

domain::Status SqliteTwoFactorRepository::ReplaceRecoveryCodes(UserId user, const RecoveryCodeSet& codes) {
  auto& c = db_.Conn();
  Transaction tx(c);
  if (!UserExists(c, user)) return MakeError(ErrorCode::kNotFound, kNoSuchUser);
  WriteCodes(c, user, codes);
  tx.Commit();
  return domain::Ok{};
}

std::optional<RecoveryCodeSet> SqliteTwoFactorRepository::FindRecoveryCodes(UserId user) {
  auto& c = db_.Conn();
  RecoveryCodeSet out;
  {
    auto s = c.Prepare(kFindCodeSet);
    s.Bind(1, user.value);
    if (!s.Step()) return std::nullopt;
    out.salt = s.Text(0);
    out.created_at = s.Int(1);
  }
  auto s = c.Prepare(kListCodes);
  s.Bind(1, user.value);
  while (s.Step()) out.hashes.push_back(s.Text(0));
  return out;
}

bool SqliteTwoFactorRepository::ConsumeRecoveryCode(UserId user, std::string_view code_hash) {
  auto& c = db_.Conn();
  c.Prepare(kConsumeCode).Bind(1, user.value).Bind(2, code_hash).Exec();
  return sqlite3_changes(c.raw()) > 0;
}

}  // namespace buurtplein::store::sqlite
