-- Neighbourhood news (buurtnieuws, issue 4 §2). A post belongs to one site. Its author may leave:
-- when the account is deleted the post stays, without an author (author_id NULL, shown as "a
-- former neighbour"). published_at may lie in the future: the post is scheduled and nobody but
-- its author and the site's buurtverbinders sees it before then. visibility 'members': only
-- the site's verified members see it. Times are Unix seconds.
CREATE TABLE news_posts (
  id            INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 140),
  body_markdown TEXT NOT NULL CHECK (length(body_markdown) <= 20000),
  visibility    TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
  pinned        INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  published_at  INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX news_posts_by_site ON news_posts (site_id, pinned, published_at, id);
CREATE INDEX news_posts_by_author ON news_posts (author_id);
