-- Sociale kaart (issue 5): a city-wide directory of organisations, services, locations and
-- professionals, on the Open Referral Human Services Data Specification (HSDS 3.0; names and
-- meanings as in data/hsds). Every row belongs to one city (city_id): no statement reads or
-- changes another city's rows. Internal ids are integers; `uuid` is the HSDS string id shown in
-- the API. Times are Unix seconds; dates (assured_date, valid_from, valid_to) are YYYY-MM-DD.
-- is_example 1: invented demo content, shown as "voorbeeld". site_id set: a local place that a
-- site's buurtverbinders added (shown on that site); NULL: the city's own directory.
CREATE TABLE directory_taxonomies (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id     BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  version     TEXT NOT NULL DEFAULT '',
  UNIQUE (city_id, name)
);

CREATE TABLE directory_taxonomy_terms (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id     BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid        TEXT NOT NULL UNIQUE,
  taxonomy_id BIGINT NOT NULL REFERENCES directory_taxonomies (id) ON DELETE CASCADE,
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position    BIGINT NOT NULL DEFAULT 0,
  UNIQUE (city_id, code)
);

CREATE TABLE directory_organizations (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id        BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid           TEXT NOT NULL UNIQUE,
  site_id        BIGINT REFERENCES sites (id) ON DELETE SET NULL,
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  alternate_name TEXT NOT NULL DEFAULT '',
  description    TEXT NOT NULL DEFAULT '',
  email          TEXT NOT NULL DEFAULT '',
  website        TEXT NOT NULL DEFAULT '',
  logo           TEXT NOT NULL DEFAULT '',
  kvk_number     TEXT NOT NULL DEFAULT '',
  is_example     BIGINT NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  assured_date   TEXT NOT NULL DEFAULT '',
  assurer_email  TEXT NOT NULL DEFAULT '',
  reminded_at    BIGINT,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE INDEX directory_organizations_by_city ON directory_organizations (city_id, name, id);

CREATE TABLE directory_services (
  id                      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id                 BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid                    TEXT NOT NULL UNIQUE,
  organization_id         BIGINT NOT NULL REFERENCES directory_organizations (id) ON DELETE CASCADE,
  site_id                 BIGINT REFERENCES sites (id) ON DELETE SET NULL,
  name                    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  alternate_name          TEXT NOT NULL DEFAULT '',
  description             TEXT NOT NULL DEFAULT '',
  url                     TEXT NOT NULL DEFAULT '',
  email                   TEXT NOT NULL DEFAULT '',
  status                  TEXT NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  application_process     TEXT NOT NULL DEFAULT '',
  fees_description        TEXT NOT NULL DEFAULT '',
  is_free                 BIGINT NOT NULL DEFAULT 0 CHECK (is_free IN (0, 1)),
  eligibility_description TEXT NOT NULL DEFAULT '',
  minimum_age             BIGINT,
  maximum_age             BIGINT,
  interpretation_services TEXT NOT NULL DEFAULT '',
  alert                   TEXT NOT NULL DEFAULT '',
  is_example              BIGINT NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  assured_date            TEXT NOT NULL DEFAULT '',
  assurer_email           TEXT NOT NULL DEFAULT '',
  reminded_at             BIGINT,
  created_at              BIGINT NOT NULL,
  updated_at              BIGINT NOT NULL
);
CREATE INDEX directory_services_by_city ON directory_services (city_id, name, id);
CREATE INDEX directory_services_by_organization ON directory_services (organization_id);

CREATE TABLE directory_locations (
  id                        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id                   BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid                      TEXT NOT NULL UNIQUE,
  organization_id           BIGINT REFERENCES directory_organizations (id) ON DELETE CASCADE,
  site_id                   BIGINT REFERENCES sites (id) ON DELETE SET NULL,
  location_type             TEXT NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
  name                      TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description               TEXT NOT NULL DEFAULT '',
  address_1                 TEXT NOT NULL DEFAULT '',
  postal_code               TEXT NOT NULL DEFAULT '',
  address_city              TEXT NOT NULL DEFAULT '',
  state_province            TEXT NOT NULL DEFAULT '',
  country                   TEXT NOT NULL DEFAULT 'NL',
  latitude                  DOUBLE PRECISION,
  longitude                 DOUBLE PRECISION,
  buurt_code                TEXT NOT NULL DEFAULT '',
  accessibility             TEXT NOT NULL DEFAULT '',
  transportation            TEXT NOT NULL DEFAULT '',
  closed_on_public_holidays BIGINT NOT NULL DEFAULT 0 CHECK (closed_on_public_holidays IN (0, 1)),
  is_example                BIGINT NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
  created_at                BIGINT NOT NULL,
  updated_at                BIGINT NOT NULL
);
CREATE INDEX directory_locations_by_city ON directory_locations (city_id, buurt_code, id);

CREATE TABLE directory_service_at_locations (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id     BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid        TEXT NOT NULL UNIQUE,
  service_id  BIGINT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  location_id BIGINT NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (service_id, location_id)
);
CREATE INDEX directory_sal_by_city ON directory_service_at_locations (city_id, id);
CREATE INDEX directory_sal_by_location ON directory_service_at_locations (location_id);

-- Where a service is offered: the whole city, a CBS wijk (WK…) or a CBS buurt (BU…).
CREATE TABLE directory_service_areas (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id     BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid        TEXT NOT NULL UNIQUE,
  service_id  BIGINT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  extent_type TEXT NOT NULL CHECK (extent_type IN ('city', 'wijk', 'buurt')),
  code        TEXT NOT NULL DEFAULT '',
  name        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_service_areas_by_service ON directory_service_areas (service_id);
CREATE INDEX directory_service_areas_by_code ON directory_service_areas (city_id, code);

-- HSDS "attributes": a service classified by a taxonomy term.
CREATE TABLE directory_service_terms (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id    BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid       TEXT NOT NULL UNIQUE,
  service_id BIGINT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  term_id    BIGINT NOT NULL REFERENCES directory_taxonomy_terms (id) ON DELETE CASCADE,
  UNIQUE (service_id, term_id)
);
CREATE INDEX directory_service_terms_by_term ON directory_service_terms (term_id);

-- Contacts, phones, languages and schedules belong to exactly one owner: an organisation, a
-- service or a location (owner_type names which, owner_id its id).
CREATE TABLE directory_contacts (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id    BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid       TEXT NOT NULL UNIQUE,
  owner_type TEXT NOT NULL CHECK (owner_type IN ('organization', 'service', 'location')),
  owner_id   BIGINT NOT NULL,
  name       TEXT NOT NULL DEFAULT '',
  title      TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL DEFAULT '',
  email      TEXT NOT NULL DEFAULT '',
  phone      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_contacts_by_owner ON directory_contacts (owner_type, owner_id);

CREATE TABLE directory_phones (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id     BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid        TEXT NOT NULL UNIQUE,
  owner_type  TEXT NOT NULL CHECK (owner_type IN ('organization', 'service', 'location')),
  owner_id    BIGINT NOT NULL,
  number      TEXT NOT NULL,
  type        TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_phones_by_owner ON directory_phones (owner_type, owner_id);

CREATE TABLE directory_languages (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id    BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid       TEXT NOT NULL UNIQUE,
  owner_type TEXT NOT NULL CHECK (owner_type IN ('organization', 'service', 'location')),
  owner_id   BIGINT NOT NULL,
  code       TEXT NOT NULL,
  name       TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_languages_by_owner ON directory_languages (owner_type, owner_id);
CREATE INDEX directory_languages_by_code ON directory_languages (city_id, code);

-- HSDS schedules (freq WEEKLY, byday MO..SU, opens_at/closes_at HH:MM) and, with kind
-- 'exception', a single date (valid_from) that is closed or has other hours.
CREATE TABLE directory_schedules (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id     BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  uuid        TEXT NOT NULL UNIQUE,
  owner_type  TEXT NOT NULL CHECK (owner_type IN ('organization', 'service', 'location')),
  owner_id    BIGINT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'weekly' CHECK (kind IN ('weekly', 'exception')),
  freq        TEXT NOT NULL DEFAULT 'WEEKLY',
  byday       TEXT NOT NULL DEFAULT '',
  opens_at    TEXT NOT NULL DEFAULT '',
  closes_at   TEXT NOT NULL DEFAULT '',
  valid_from  TEXT NOT NULL DEFAULT '',
  valid_to    TEXT NOT NULL DEFAULT '',
  closed      BIGINT NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_schedules_by_owner ON directory_schedules (owner_type, owner_id);

-- Who may keep an organisation's entries right: its admins and its professionals.
CREATE TABLE directory_organization_users (
  city_id         BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES directory_organizations (id) ON DELETE CASCADE,
  user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role            TEXT NOT NULL CHECK (role IN ('admin', 'professional')),
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX directory_organization_users_by_user ON directory_organization_users (user_id);

-- Wijkprofessionals: a public profile of a professional of an organisation.
CREATE TABLE directory_professionals (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id         BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES directory_organizations (id) ON DELETE CASCADE,
  display_name    TEXT NOT NULL,
  job_title       TEXT NOT NULL DEFAULT '',
  come_to_me_for  TEXT NOT NULL DEFAULT '',
  office_hours    TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  UNIQUE (city_id, user_id, organization_id)
);

CREATE TABLE directory_professional_buurten (
  professional_id BIGINT NOT NULL REFERENCES directory_professionals (id) ON DELETE CASCADE,
  buurt_code      TEXT NOT NULL,
  PRIMARY KEY (professional_id, buurt_code)
);
CREATE INDEX directory_professional_buurten_by_code ON directory_professional_buurten (buurt_code);

-- Change history of every entry: who (NULL after account deletion, or an import), when, what.
CREATE TABLE directory_changes (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id      BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
  entity_type  TEXT NOT NULL CHECK (entity_type IN ('organization', 'service', 'location')),
  entity_id    BIGINT NOT NULL,
  user_id      BIGINT REFERENCES users (id) ON DELETE SET NULL,
  action       TEXT NOT NULL,
  changes_json TEXT NOT NULL DEFAULT '{}',
  created_at   BIGINT NOT NULL
);
CREATE INDEX directory_changes_by_entity ON directory_changes (city_id, entity_type, entity_id, id);
CREATE INDEX directory_changes_by_user ON directory_changes (user_id);
