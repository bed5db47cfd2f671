-- The mail outbox: every e-mail is written here first and delivered by a sender later. Rows are
-- never deleted. site_id 0 is the platform itself, so it carries no foreign key. Times are unix
-- seconds. A sender claims a row by setting claimed_until (its lease); when the lease runs out
-- without MarkSent or MarkFailed (a crash), the row is due again.
CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  site_id         INTEGER NOT NULL DEFAULT 0,
  from_name       TEXT NOT NULL DEFAULT '',
  to_address      TEXT NOT NULL,
  to_name         TEXT NOT NULL DEFAULT '',
  subject         TEXT NOT NULL,
  text_body       TEXT NOT NULL,
  html_body       TEXT,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_until   INTEGER,
  sent_at         INTEGER,
  last_error      TEXT NOT NULL DEFAULT ''
) STRICT;
-- Due mail: only pending rows are indexed, so the index stays small however much was sent.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX mail_outbox_by_site ON mail_outbox (site_id, id);
