#include "store/postgres/two_factor_repository.hpp"

namespace buurtplein::store::postgres {

using domain::ErrorCode;
using domain::MakeError;
using domain::UserId;
using namespace domain::accounts;

namespace {

constexpr const char* kUserExists = "SELECT 1 FROM users WHERE id = $1";
constexpr const char* kUpsertPending =
    "INSERT INTO totp_pending (user_id, secret, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at";
constexpr const char* kFindPending = "SELECT user_id, secret, created_at FROM totp_pending WHERE user_id = $1";
// Only the secret the user confirmed is taken: when set-up restarted meanwhile, nothing is
// deleted. A concurrent confirmation waits for the row lock and then finds nothing.
constexpr const char* kTakePending = "DELETE FROM totp_pending WHERE user_id = $1 AND secret = $2";
constexpr const char* kDeletePending = "DELETE FROM totp_pending WHERE user_id = $1";
constexpr const char* kSetTotp = "UPDATE users SET totp_secret = $2, totp_last_step = $3 WHERE id = $1";
// The codes go with their set (ON DELETE CASCADE).
constexpr const char* kDeleteCodeSet = "DELETE FROM recovery_code_sets WHERE user_id = $1";
constexpr const char* kUpsertCodeSet =
    "INSERT INTO recovery_code_sets (user_id, salt, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (user_id) DO UPDATE SET salt = excluded.salt, created_at = excluded.created_at";
constexpr const char* kDeleteCodes = "DELETE FROM recovery_codes WHERE user_id = $1";
constexpr const char* kInsertCode = "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)";
constexpr const char* kFindCodeSet = "SELECT salt, created_at FROM recovery_code_sets WHERE user_id = $1";
constexpr const char* kListCodes = "SELECT code_hash FROM recovery_codes WHERE user_id = $1 ORDER BY code_hash";
// Check and use in one statement: a concurrent request with the same code waits for the row
// lock, finds the row gone and deletes nothing, so exactly one request gets the code.
constexpr const char* kConsumeCode = "DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2";

constexpr const char* kNoSuchUser = "This account does not exist.";

// The set first: its row is the lock two writers of one account queue on (READ COMMITTED), so
// the second one's DELETE of the codes, a new statement, sees and removes the first one's.
void WriteCodes(Connection& c, UserId user, const RecoveryCodeSet& codes) {
  c.Exec(kUpsertCodeSet, Params().Add(user.value).Add(codes.salt).Add(codes.created_at));
  c.Exec(kDeleteCodes, Params().Add(user.value));
  for (const auto& hash : codes.hashes) c.Exec(kInsertCode, Params().Add(user.value).Add(hash));
}

}  // namespace

domain::Status PostgresTwoFactorRepository::SetPendingTotp(UserId user, std::string_view secret, UnixTime created_at) {
  auto c = pool_.Acquire();
  try {
    c->Exec(kUpsertPending, Params().Add(user.value).Add(secret).Add(created_at));
    return domain::Ok{};
  } catch (const PostgresError& e) {
    if (e.IsForeignKeyViolation()) return MakeError(ErrorCode::kNotFound, kNoSuchUser, e.what());
    throw;
  }
}

std::optional<PendingTotp> PostgresTwoFactorRepository::FindPendingTotp(UserId user) {
  auto c = pool_.Acquire();
  const Result r = c->Exec(kFindPending, Params().Add(user.value));
  if (r.Rows() == 0) return std::nullopt;
  return PendingTotp{UserId{r.Int(0, 0)}, r.Text(0, 1), r.Int(0, 2)};
}

domain::Status PostgresTwoFactorRepository::EnableTotp(UserId user, std::string_view secret, std::int64_t last_step,
                                                       const RecoveryCodeSet& codes) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  if (c->Exec(kTakePending, Params().Add(user.value).Add(secret)).Affected() == 0) {
    return MakeError(ErrorCode::kConflict, "Two-step login was started again somewhere else. Please start once more.");
  }
  c->Exec(kSetTotp, Params().Add(user.value).Add(secret).Add(last_step));
  WriteCodes(*c, user, codes);
  tx.Commit();
  return domain::Ok{};
}

domain::Status PostgresTwoFactorRepository::DisableTotp(UserId user) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  if (c->Exec(kSetTotp, Params().Add(user.value).Add("").Add(std::int64_t{0})).Affected() == 0) {
    return MakeError(ErrorCode::kNotFound, kNoSuchUser);
  }
  c->Exec(kDeletePending, Params().Add(user.value));
  c->Exec(kDeleteCodeSet, Params().Add(user.value));
  tx.Commit();
  return domain::Ok{};
}

domain::Status PostgresTwoFactorRepository::ReplaceRecoveryCodes(UserId user, const RecoveryCodeSet& codes) {
  auto c = pool_.Acquire();
  Transaction tx(*c);
  if (c->Exec(kUserExists, Params().Add(user.value)).Rows() == 0) return MakeError(ErrorCode::kNotFound, kNoSuchUser);
  WriteCodes(*c, user, codes);
  tx.Commit();
  return domain::Ok{};
}

std::optional<RecoveryCodeSet> PostgresTwoFactorRepository::FindRecoveryCodes(UserId user) {
  auto c = pool_.Acquire();
  const Result set = c->Exec(kFindCodeSet, Params().Add(user.value));
  if (set.Rows() == 0) return std::nullopt;
  RecoveryCodeSet out;
  out.salt = set.Text(0, 0);
  out.created_at = set.Int(0, 1);
  const Result codes = c->Exec(kListCodes, Params().Add(user.value));
  out.hashes.reserve(static_cast<std::size_t>(codes.Rows()));
  for (int i = 0; i < codes.Rows(); ++i) out.hashes.push_back(codes.Text(i, 0));
  return out;
}

bool PostgresTwoFactorRepository::ConsumeRecoveryCode(UserId user, std::string_view code_hash) {
  auto c = pool_.Acquire();
  return c->Exec(kConsumeCode, Params().Add(user.value).Add(code_hash)).Affected() > 0;
}

}  // namespace buurtplein::store::postgres
