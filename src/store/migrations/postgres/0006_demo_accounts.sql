-- Demo accounts (`buurtplein demo`): they can log in only on a server in development mode
-- (`serve --dev`, `make run`), never in production, even when a demo database ends up there.
ALTER TABLE users ADD COLUMN is_demo BOOLEAN NOT NULL DEFAULT false;
