-- Ask & offer (vraag & aanbod, issue 4 §4). A listing belongs to one site and is on the board
-- while status is 'open' and expires_at lies ahead; renewing moves expires_at on and clears
-- reminded_at. Matched, closed and expired listings form the archive. When the poster deletes
-- their account the listing is removed or stays without author (author_id NULL).
-- market_matches records who found each other: the headline figure of a site and of a city. A
-- match outlives its listing and its people (ids set to NULL), so the count never drops.
-- Times are Unix seconds.
CREATE TABLE market_listings (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id       BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('ask', 'offer', 'lend', 'give', 'seek')),
  category      TEXT NOT NULL CHECK (category IN ('klusjes', 'boodschappen', 'vervoer', 'computerhulp',
                                                  'gezelschap', 'spullen', 'overig')),
  title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 140),
  body_markdown TEXT NOT NULL CHECK (length(body_markdown) <= 5000),
  visibility    TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'closed', 'expired')),
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,
  reminded_at   BIGINT,
  closed_at     BIGINT
);
CREATE INDEX market_listings_board ON market_listings (site_id, status, expires_at);
CREATE INDEX market_listings_by_site ON market_listings (site_id, created_at, id);
CREATE INDEX market_listings_due ON market_listings (status, expires_at);
CREATE INDEX market_listings_by_author ON market_listings (author_id);

CREATE TABLE market_matches (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id    BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  listing_id BIGINT REFERENCES market_listings (id) ON DELETE SET NULL,
  poster_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
  helper_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
  matched_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX market_matches_one_per_listing ON market_matches (listing_id);
CREATE INDEX market_matches_by_site ON market_matches (site_id);
CREATE INDEX market_matches_by_poster ON market_matches (poster_id);
CREATE INDEX market_matches_by_helper ON market_matches (helper_id);
