-- Two-factor authentication: a TOTP secret waiting for its first code, and recovery codes.
-- The active secret stays in users.totp_secret (0003). Times are Unix seconds.

-- A secret shown on the set-up page, not active until the user confirms it with a code.
CREATE TABLE totp_pending (
  user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- The current set of recovery codes of an account: its salt (security::NewRecoveryCodeSalt).
CREATE TABLE recovery_code_sets (
  user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  salt       TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- One row per unused code: its salted hash. A code is used by deleting its row, in the same
-- statement that accepts it, so it works once.
CREATE TABLE recovery_codes (
  user_id   INTEGER NOT NULL REFERENCES recovery_code_sets (user_id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  PRIMARY KEY (user_id, code_hash)
) STRICT;
