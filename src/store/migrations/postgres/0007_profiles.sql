-- Profiles: what a resident tells their neighbours. One per account (accounts are platform-wide);
-- the display name stays in users. Visible to the verified members of the sites the owner is a
-- verified member of (the store's FindMemberProfile). The photo is a random key naming files
-- under data_dir/uploads/photos/, never a name the user chose; '' means no photo.
CREATE TABLE profiles (
  user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  about      TEXT NOT NULL DEFAULT '' CHECK (length(about) <= 500),
  offer      TEXT NOT NULL DEFAULT '' CHECK (length(offer) <= 500),
  photo_key  TEXT NOT NULL DEFAULT '' CHECK (length(photo_key) <= 64),
  updated_at BIGINT NOT NULL
);
