-- The agenda (issue 4 §3). An event belongs to one site. Times are kept twice: the first
-- occurrence's start and end as UTC Unix seconds (start_at, end_at), and as Europe/Amsterdam
-- wall-clock text (start_local, end_local: "2026-12-08T19:30", or "2026-12-08" for an all-day
-- event, whose end is its last day), which recurrence works from. A recurring event has an RRULE
-- subset in rrule ('' for a single event) and skipped dates in exdates ("2026-12-22,…");
-- last_end_at is the end of its last occurrence (NULL: a series without end), so lists of coming
-- and past events need no expansion in SQL. The organiser may leave (organiser_id NULL); a group
-- (group_id, groups come later) or an organisation (organisation_name) may organise it too.
-- image_key is for the image pipeline that comes with news.
CREATE TABLE events (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id              BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  organiser_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
  group_id             BIGINT,
  organisation_name    TEXT NOT NULL DEFAULT '' CHECK (length(organisation_name) <= 140),
  title                TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 140),
  description_markdown TEXT NOT NULL CHECK (length(description_markdown) <= 20000),
  place_name           TEXT NOT NULL CHECK (length(place_name) <= 140),
  address              TEXT NOT NULL CHECK (length(address) <= 200),
  latitude             DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
  longitude            DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
  all_day              BOOLEAN NOT NULL,
  start_local          TEXT NOT NULL,
  end_local            TEXT NOT NULL,
  start_at             BIGINT NOT NULL,
  end_at               BIGINT NOT NULL CHECK (end_at > start_at),
  rrule                TEXT NOT NULL DEFAULT '',
  exdates              TEXT NOT NULL DEFAULT '',
  last_end_at          BIGINT,
  signup               BOOLEAN NOT NULL,
  capacity             INTEGER CHECK (capacity BETWEEN 1 AND 10000),
  visibility           TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
  image_key            TEXT,
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL
);
CREATE INDEX events_by_site_end ON events (site_id, last_end_at, start_at);
CREATE INDEX events_by_site_start ON events (site_id, start_at, id);
CREATE INDEX events_by_organiser ON events (organiser_id);

-- Sign-ups per occurrence (occurrence_start: the occurrence's start, UTC). 'confirmed' has a
-- place; 'waiting' is on the waiting list, in id order. Personal data: who goes where.
CREATE TABLE event_signups (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id          BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  event_id         BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  occurrence_start BIGINT NOT NULL,
  user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status           TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting')),
  created_at       BIGINT NOT NULL,
  UNIQUE (event_id, occurrence_start, user_id)
);
CREATE INDEX event_signups_by_occurrence ON event_signups (event_id, occurrence_start, status, id);
CREATE INDEX event_signups_by_user ON event_signups (user_id);
