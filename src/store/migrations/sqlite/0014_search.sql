-- The search index (issue 4 §8): one row per searchable item of every feature (news, events,
-- asks and offers, groups, questions, services), derived from the features' own tables and
-- rebuilt by `buurtplein reindex`. site_id NULL: city-wide. members_only: found only by the
-- site's verified members. visible_from: found only from then on (scheduled news). owner_id:
-- whose contribution it is (removed with their contributions when they delete their account).
-- Times are Unix seconds.
CREATE TABLE search_documents (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('news', 'event', 'listing', 'group', 'question', 'service')),
  item_id      INTEGER NOT NULL,
  city_id      INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  site_id      INTEGER REFERENCES sites (id) ON DELETE CASCADE,
  owner_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  url          TEXT NOT NULL,
  members_only INTEGER NOT NULL DEFAULT 0 CHECK (members_only IN (0, 1)),
  visible_from INTEGER NOT NULL DEFAULT 0,
  when_at      INTEGER,
  indexed_at   INTEGER NOT NULL,
  UNIQUE (kind, item_id)
) STRICT;
CREATE INDEX search_documents_by_city ON search_documents (city_id, site_id);
CREATE INDEX search_documents_by_site ON search_documents (site_id);
CREATE INDEX search_documents_by_owner ON search_documents (owner_id);

-- Full text: FTS5 over title and body with the Dutch Snowball stemmer, accents folded (the
-- tokenizer "buurtplein_dutch" is registered on every connection by the program). The text
-- itself stays in search_documents (external content); triggers keep the index in step.
CREATE VIRTUAL TABLE search_fts USING fts5 (
  title, body, content = 'search_documents', content_rowid = 'id', tokenize = 'buurtplein_dutch'
);
CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
  INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_documents_au AFTER UPDATE OF title, body ON search_documents BEGIN
  INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
