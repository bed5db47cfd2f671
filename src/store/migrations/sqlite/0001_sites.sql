-- Cities, neighbourhood sites and the official CBS areas they cover.
CREATE TABLE areas (
  code          TEXT PRIMARY KEY,
  level         TEXT NOT NULL CHECK (level IN ('gemeente', 'wijk', 'buurt')),
  name          TEXT NOT NULL,
  gemeente_code TEXT NOT NULL,
  wijk_code     TEXT NOT NULL DEFAULT '',
  lon           REAL NOT NULL,
  lat           REAL NOT NULL,
  geometry_json TEXT NOT NULL DEFAULT '',
  inhabitants   INTEGER
) STRICT;
CREATE INDEX areas_by_gemeente ON areas (gemeente_code, level, code);

CREATE TABLE cities (
  id               INTEGER PRIMARY KEY,
  gemeente_code    TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  slug             TEXT NOT NULL UNIQUE,
  association_name TEXT NOT NULL,
  lon              REAL NOT NULL DEFAULT 0,
  lat              REAL NOT NULL DEFAULT 0,
  created_at       INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

CREATE TABLE sites (
  id             INTEGER PRIMARY KEY,
  city_id        INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  slug           TEXT NOT NULL,
  name           TEXT NOT NULL,
  tagline        TEXT NOT NULL DEFAULT '',
  primary_colour TEXT NOT NULL,
  accent_colour  TEXT NOT NULL,
  logo_path      TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('building', 'live')),
  created_at     INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at     INTEGER NOT NULL DEFAULT (unixepoch()),
  UNIQUE (city_id, slug)
) STRICT;
CREATE INDEX sites_by_city_name ON sites (city_id, name);

CREATE TABLE site_buurten (
  site_id    INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  buurt_code TEXT NOT NULL REFERENCES areas (code),
  PRIMARY KEY (site_id, buurt_code)
) STRICT;

CREATE TABLE site_hosts (
  host    TEXT PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX site_hosts_by_site ON site_hosts (site_id);
