-- Questions (buurtvragen, issue 4 §6): "Waar kan ik terecht met …?" A question belongs to one
-- site; verified members ask and answer. An answer records at answer time whether its author
-- answered as a professional and for which organisation, so the badge stays as it was.
-- helpful_answer_id: the answer the asker marked as the one that helped (one; may change).
-- Authors may leave: their questions and answers stay without an author (ON DELETE SET NULL),
-- or are removed by the account deletion when they choose so. Times are Unix seconds.
CREATE TABLE questions (
  id                INTEGER PRIMARY KEY,
  site_id           INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
  title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 140),
  body_markdown     TEXT NOT NULL CHECK (length(body_markdown) <= 5000),
  visibility        TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
  helpful_answer_id INTEGER REFERENCES question_answers (id) ON DELETE SET NULL,
  answer_count      INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX questions_by_site ON questions (site_id, answer_count, updated_at, id);
CREATE INDEX questions_by_author ON questions (author_id);

CREATE TABLE question_answers (
  id                INTEGER PRIMARY KEY,
  site_id           INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  question_id       INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  author_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
  body_markdown     TEXT NOT NULL CHECK (length(body_markdown) BETWEEN 1 AND 5000),
  is_professional   INTEGER NOT NULL DEFAULT 0 CHECK (is_professional IN (0, 1)),
  organisation_name TEXT NOT NULL DEFAULT '' CHECK (length(organisation_name) <= 200),
  created_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX question_answers_by_question ON question_answers (question_id, created_at, id);
CREATE INDEX question_answers_by_author ON question_answers (author_id);
