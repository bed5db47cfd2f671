-- City roles (issue 3 §4): the association board of a city. Operators appoint and remove them
-- (/beheer/ or `buurtplein grant-role`). Times are Unix seconds.
CREATE TABLE city_roles (
  city_id    BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('board')),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (city_id, user_id, role)
);
-- The roles of one person (elevated sessions, the cascade when an account is deleted).
CREATE INDEX city_roles_by_user ON city_roles (user_id);

-- Household codes expire (90 days after they were made, printed on the flyer). Codes made
-- before this migration get the same 90 days from their creation.
ALTER TABLE household_codes ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE household_codes SET expires_at = created_at + 7776000;

-- Housekeeping removes what has expired; these keep that from reading whole tables.
CREATE INDEX household_codes_by_expiry ON household_codes (expires_at);
CREATE INDEX invitations_by_expiry ON invitations (expires_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX account_tokens_by_expiry ON account_tokens (expires_at);
