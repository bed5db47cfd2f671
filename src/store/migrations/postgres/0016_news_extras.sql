-- News extras (issue 4 §2): categories per site, an image per post, comments and "bedankt".
-- A category belongs to one site; a post has at most one, of its own site (the store only ever
-- sets a category of the post's site). Deleting a category leaves its posts without one.
CREATE TABLE news_categories (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id    BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  created_at BIGINT NOT NULL,
  UNIQUE (site_id, name)
);

-- The image: its content-addressed key (the files live under data_dir, never in the web root),
-- its text alternative, and the size of its largest version (the others are 480 and 960 wide).
ALTER TABLE news_posts ADD COLUMN category_id BIGINT REFERENCES news_categories (id) ON DELETE SET NULL;
ALTER TABLE news_posts ADD COLUMN image_key TEXT;
ALTER TABLE news_posts ADD COLUMN image_alt TEXT NOT NULL DEFAULT '';
ALTER TABLE news_posts ADD COLUMN image_width BIGINT NOT NULL DEFAULT 0;
ALTER TABLE news_posts ADD COLUMN image_height BIGINT NOT NULL DEFAULT 0;
CREATE INDEX news_posts_by_category ON news_posts (category_id);
CREATE INDEX news_posts_by_image ON news_posts (site_id, image_key);

-- Comments of verified members, plain text. When the author's account goes, the comment goes
-- too or stays without a name (author_id NULL), as they chose.
CREATE TABLE news_comments (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id    BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  post_id    BIGINT NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
  author_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
  body       TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at BIGINT NOT NULL
);
CREATE INDEX news_comments_by_post ON news_comments (post_id, created_at, id);
CREATE INDEX news_comments_by_author ON news_comments (author_id);

-- "Bedankt": one per member and post; it goes with the account.
CREATE TABLE news_thanks (
  post_id    BIGINT NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  site_id    BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX news_thanks_by_user ON news_thanks (user_id);
