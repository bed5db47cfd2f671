-- Professionals and residents (issue 3 §4, issue 5 §6): a resident may address a neighbourhood
-- question to a wijkprofessional working in the site. One addressee per question; the question
-- goes when its site or question goes, and the address when the professional's account goes.
CREATE TABLE question_addressees (
  question_id     INTEGER PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
  site_id         INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  professional_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL
) STRICT;
-- "Questions addressed to me", newest first.
CREATE INDEX question_addressees_by_professional ON question_addressees (site_id, professional_id, created_at);

-- Withdrawn invitations (issue 3 §3): the inviter takes an invitation back; the invitation's
-- expiry is set to the moment of withdrawal, so nothing else has to know, and the link then
-- says it was withdrawn. Housekeeping removes both with the expired invitation.
CREATE TABLE invitation_withdrawals (
  invitation_id INTEGER PRIMARY KEY REFERENCES invitations (id) ON DELETE CASCADE,
  withdrawn_at  INTEGER NOT NULL
) STRICT;
