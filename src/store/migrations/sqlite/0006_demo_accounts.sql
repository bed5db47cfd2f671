-- Demo accounts (`buurtplein demo`): they can log in only on a server in development mode
-- (`serve --dev`, `make run`), never in production, even when a demo database ends up there.
ALTER TABLE users ADD COLUMN is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1));
