-- Private messages (issue 4 §7): one-to-one conversations between two verified members of a
-- site, optionally about an ask or offer. conversation_members holds the two members and how far
-- each has read (last_read_id); a member who deletes their account leaves (row removed), their
-- messages are removed or stay without sender (sender_id NULL). starter_id and created_at count
-- the conversations a new member starts per day (the spam limit lives here, not in memory).
-- message_reports wait for the moderation queue; the reported message stays until then.
CREATE TABLE conversations (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  listing_id      INTEGER REFERENCES market_listings (id) ON DELETE SET NULL,
  starter_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
  created_at      INTEGER NOT NULL,
  last_message_at INTEGER NOT NULL
) STRICT;
CREATE INDEX conversations_by_starter ON conversations (starter_id, created_at);
CREATE INDEX conversations_by_listing ON conversations (site_id, listing_id);

CREATE TABLE conversation_members (
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  site_id         INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  last_read_id    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (conversation_id, user_id)
) STRICT;
CREATE INDEX conversation_members_by_user ON conversation_members (user_id, site_id);

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  site_id         INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  sender_id       INTEGER REFERENCES users (id) ON DELETE SET NULL,
  body            TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);
CREATE INDEX messages_by_sender ON messages (sender_id);

CREATE TABLE message_reports (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  reporter_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX message_reports_by_site ON message_reports (site_id, created_at);
CREATE INDEX message_reports_by_reporter ON message_reports (reporter_id);
