-- 0001: settings of this installation (name shown in the UI, contact, ...).
-- Written in the SQL both SQLite and PostgreSQL accept; see docs/internals/store.md.
CREATE TABLE app_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at BIGINT NOT NULL -- unix microseconds, UTC
);
