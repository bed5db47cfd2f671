-- Membership verification (issue 3 §3): household codes (buurtcodes) printed on flyers, and
-- invitation links from verified neighbours. Approval by a buurtverbinder uses memberships
-- (0003). Times are Unix seconds. Codes and tokens are stored as hashes only.

-- One row per code. The address label is what the buurtverbinder typed, for printing the flyer.
CREATE TABLE household_codes (
  id            INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  batch         TEXT NOT NULL,
  address_label TEXT NOT NULL,
  code_hash     TEXT NOT NULL,
  created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at    INTEGER NOT NULL,
  used_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
  used_at       INTEGER
) STRICT;
-- A code is looked up by its hash within its site (the hash is keyed with the site).
CREATE UNIQUE INDEX household_codes_by_hash ON household_codes (site_id, code_hash);
CREATE INDEX household_codes_by_batch ON household_codes (site_id, batch, id);
-- For the foreign keys when an account is deleted.
CREATE INDEX household_codes_by_user ON household_codes (used_by) WHERE used_by IS NOT NULL;
CREATE INDEX household_codes_by_creator ON household_codes (created_by) WHERE created_by IS NOT NULL;

CREATE TABLE invitations (
  id         INTEGER PRIMARY KEY,
  site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  inviter_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
  used_at    INTEGER
) STRICT;
-- The open invitations of a member (the limit per member).
CREATE INDEX invitations_open ON invitations (site_id, inviter_id, expires_at) WHERE used_at IS NULL;
CREATE INDEX invitations_by_inviter ON invitations (inviter_id);
CREATE INDEX invitations_by_user ON invitations (used_by) WHERE used_by IS NOT NULL;
