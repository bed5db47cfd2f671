-- An organisation of the city's sociale kaart as the organiser of an event (issue 4 §3; decision
-- 0013-event-organisers). Only someone the organisation lists (admin or professional) names it;
-- the store only ever sets an organisation of the event's city. When the organisation goes, the
-- event stays, without it. The free text organisation_name stays for residents.
ALTER TABLE events ADD COLUMN organisation_id BIGINT REFERENCES directory_organizations (id) ON DELETE SET NULL;
CREATE INDEX events_by_organisation ON events (organisation_id) WHERE organisation_id IS NOT NULL;
