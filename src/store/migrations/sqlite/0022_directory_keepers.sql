-- Sociale kaart, who keeps it right (issue 5 §2, §5): the association retires categories it no
-- longer offers. A retired term stays on the services that have it (and in the HSDS API) but
-- is not offered in forms and filters any more.
ALTER TABLE directory_taxonomy_terms ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
