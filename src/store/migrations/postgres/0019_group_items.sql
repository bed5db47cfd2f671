-- A group as the organiser of news and events (issue 4 §5): a news post may name one group of
-- its own site (the store only ever sets a group of the post's site). When the group goes, its
-- posts and events stay, without a group.
ALTER TABLE news_posts ADD COLUMN group_id BIGINT REFERENCES site_groups (id) ON DELETE SET NULL;
CREATE INDEX news_posts_by_group ON news_posts (group_id, published_at);
UPDATE events SET group_id = NULL WHERE group_id IS NOT NULL AND group_id NOT IN (SELECT id FROM site_groups);
ALTER TABLE events ADD CONSTRAINT events_group_fk FOREIGN KEY (group_id) REFERENCES site_groups (id) ON DELETE SET NULL;
CREATE INDEX events_by_group ON events (group_id, start_at);
