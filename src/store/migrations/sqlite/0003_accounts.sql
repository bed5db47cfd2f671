-- Accounts: people, their logged-in sessions, single-use link tokens and site memberships.
-- Times are Unix seconds. Enum values are spelled as in src/store/account_names.hpp.
CREATE TABLE users (
  id                INTEGER PRIMARY KEY,
  email             TEXT NOT NULL UNIQUE,
  display_name      TEXT NOT NULL,
  password_hash     TEXT NOT NULL,
  email_verified_at INTEGER,
  totp_secret       TEXT NOT NULL DEFAULT '',
  totp_last_step    INTEGER NOT NULL DEFAULT 0,
  is_operator       INTEGER NOT NULL DEFAULT 0 CHECK (is_operator IN (0, 1)),
  created_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  id                 INTEGER PRIMARY KEY,
  token_hash         TEXT NOT NULL UNIQUE,
  user_id            INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at         INTEGER NOT NULL,
  last_seen_at       INTEGER NOT NULL,
  expires_at         INTEGER NOT NULL,
  user_agent         TEXT NOT NULL DEFAULT '',
  ip                 TEXT NOT NULL DEFAULT '',
  second_factor_done INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_done IN (0, 1))
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id, created_at);

CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
  new_email  TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;
CREATE INDEX account_tokens_by_user ON account_tokens (user_id, purpose);

CREATE TABLE memberships (
  site_id      INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('home', 'follow')),
  role         TEXT NOT NULL CHECK (role IN ('member', 'buurtverbinder')),
  status       TEXT NOT NULL CHECK (status IN ('unverified', 'pending', 'verified')),
  verified_by  TEXT NOT NULL CHECK (verified_by IN ('none', 'household_code', 'approval', 'invitation')),
  postcode     TEXT NOT NULL DEFAULT '',
  house_number TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  verified_at  INTEGER,
  PRIMARY KEY (site_id, user_id)
) STRICT;
-- A person lives in at most one neighbourhood.
CREATE UNIQUE INDEX memberships_one_home ON memberships (user_id) WHERE kind = 'home';
-- The user's memberships (and the cascade when an account is deleted).
CREATE INDEX memberships_by_user ON memberships (user_id);
-- The buurtverbinders' approval queue, oldest first.
CREATE INDEX memberships_pending ON memberships (site_id, created_at, user_id) WHERE status = 'pending';
CREATE INDEX memberships_by_site_status ON memberships (site_id, status);
