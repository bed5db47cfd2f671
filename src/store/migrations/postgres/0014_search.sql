-- The search index (issue 4 §8): one row per searchable item of every feature (news, events,
-- asks and offers, groups, questions, services), derived from the features' own tables and
-- rebuilt by `buurtplein reindex`. site_id NULL: city-wide. members_only: found only by the
-- site's verified members. visible_from: found only from then on (scheduled news). owner_id:
-- whose contribution it is (removed with their contributions when they delete their account).
-- Times are Unix seconds.

-- Dutch stemming with accents folded: a copy of `dutch` whose word mappings go through
-- unaccent first. The unaccent extension (shipped with PostgreSQL, trusted since 13) lives in
-- its own schema so that it is shared by every schema of the database; when it is already
-- installed elsewhere, that one is used.
DO $$
DECLARE
  ext_schema text;
BEGIN
  SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
  IF ext_schema IS NULL THEN
    CREATE SCHEMA IF NOT EXISTS buurtplein_ext;
    CREATE EXTENSION unaccent WITH SCHEMA buurtplein_ext;
    ext_schema := 'buurtplein_ext';
  END IF;
  CREATE TEXT SEARCH CONFIGURATION buurtplein_dutch (COPY = pg_catalog.dutch);
  EXECUTE format('ALTER TEXT SEARCH CONFIGURATION buurtplein_dutch '
                 'ALTER MAPPING FOR word, hword, hword_part WITH %I.unaccent, dutch_stem', ext_schema);
END
$$;

CREATE TABLE search_documents (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('news', 'event', 'listing', 'group', 'question', 'service')),
  item_id       BIGINT NOT NULL,
  city_id       BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  site_id       BIGINT REFERENCES sites (id) ON DELETE CASCADE,
  owner_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  url           TEXT NOT NULL,
  members_only  BOOLEAN NOT NULL DEFAULT false,
  visible_from  BIGINT NOT NULL DEFAULT 0,
  when_at       BIGINT,
  indexed_at    BIGINT NOT NULL,
  -- Title words weigh more (A) than body words (B) in ts_rank_cd.
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('buurtplein_dutch'::regconfig, title), 'A') ||
    setweight(to_tsvector('buurtplein_dutch'::regconfig, body), 'B')) STORED,
  UNIQUE (kind, item_id)
);
CREATE INDEX search_documents_by_city ON search_documents (city_id, site_id);
CREATE INDEX search_documents_by_site ON search_documents (site_id);
CREATE INDEX search_documents_by_owner ON search_documents (owner_id);
CREATE INDEX search_documents_vector ON search_documents USING gin (search_vector);
