-- Groups and initiatives (issue 4 §5). A group belongs to one site. Its contact is one of its
-- members, shown by display name only (contact_id ON DELETE SET NULL). image_id is left for the
-- image pipeline (no image yet: NULL). is_open false: joining needs a group admin's approval.
-- visibility 'members': only the site's verified members see the group. active_at moves when
-- the group is edited or someone joins (the site home shows the most active groups).
-- News posts and events will link a group through their own nullable group_id.
CREATE TABLE site_groups (
  id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id              BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name                 TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description_markdown TEXT NOT NULL CHECK (length(description_markdown) <= 10000),
  meeting_place        TEXT NOT NULL CHECK (length(meeting_place) <= 200),
  contact_id           BIGINT REFERENCES users (id) ON DELETE SET NULL,
  image_id             BIGINT,
  is_open              BOOLEAN NOT NULL,
  visibility           TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
  created_at           BIGINT NOT NULL,
  updated_at           BIGINT NOT NULL,
  active_at            BIGINT NOT NULL
);
CREATE INDEX site_groups_by_site_name ON site_groups (site_id, name, id);
CREATE INDEX site_groups_by_site_active ON site_groups (site_id, active_at, id);
CREATE INDEX site_groups_by_contact ON site_groups (contact_id);

-- Who is in a group: status 'pending' (asked to join a closed group) or 'active'; role 'admin'
-- or 'member'. The repository never lets a group lose its last active admin.
CREATE TABLE group_members (
  group_id   BIGINT NOT NULL REFERENCES site_groups (id) ON DELETE CASCADE,
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('member', 'admin')),
  status     TEXT NOT NULL CHECK (status IN ('pending', 'active')),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_by_user ON group_members (user_id);
