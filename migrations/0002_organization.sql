-- 0002: the organization tree, users and roles, sessions, login attempts, and the
-- hash-chained audit log. See docs/internals/access.md and docs/internals/audit.md.

-- Units with validity dates (THADS.md 1.1). valid_to is the last day the unit
-- exists (inclusive), NULL while it does. The parent lives in unit_parent so that
-- a move is dated and a report for a past period sees the tree as it was.
CREATE TABLE unit (
    id @id_pk@,
    code TEXT NOT NULL UNIQUE,
    name_vi TEXT NOT NULL,
    kind TEXT NOT NULL,
    valid_from DATE NOT NULL,
    valid_to DATE,
    successor_id BIGINT REFERENCES unit (id),
    created_at BIGINT NOT NULL,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

CREATE TABLE unit_parent (
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    parent_id BIGINT NOT NULL REFERENCES unit (id),
    valid_from DATE NOT NULL,
    valid_to DATE,
    PRIMARY KEY (unit_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CHECK (unit_id <> parent_id)
);
CREATE INDEX unit_parent_by_parent ON unit_parent (parent_id, valid_from);

-- Dated history of each unit: created, renamed, moved, closed. detail is JSON.
CREATE TABLE unit_event (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    kind TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    detail TEXT NOT NULL,
    actor_user_id BIGINT,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX unit_event_by_unit ON unit_event (unit_id, id);

CREATE TABLE app_user (
    id @id_pk@,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    password_changed_at BIGINT NOT NULL
);
CREATE INDEX app_user_by_unit ON app_user (unit_id);

CREATE TABLE user_role (
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Only a hash of the session token is stored: a copy of the database logs no one in.
CREATE TABLE session (
    id @id_pk@,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    client_addr TEXT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX session_by_user ON session (user_id);

CREATE TABLE login_attempt (
    id @id_pk@,
    username TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    at BIGINT NOT NULL,
    success INTEGER NOT NULL
);
CREATE INDEX login_attempt_by_user ON login_attempt (username, at);
CREATE INDEX login_attempt_by_addr ON login_attempt (client_addr, at);

-- Append-only and hash-chained: hash = BLAKE2b-256(prev_hash, canonical row).
-- id is the row's position in the chain, handed out by chain_head.
CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id BIGINT,
    username TEXT,
    unit_id BIGINT,
    method TEXT NOT NULL,
    route TEXT NOT NULL,
    object TEXT,
    outcome INTEGER NOT NULL,
    client_addr TEXT NOT NULL,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_unit ON audit_log (unit_id, id);

-- The head of each hash chain (the audit log; later one per case's event log).
-- Appending takes the row lock by updating it first.
CREATE TABLE chain_head (
    name TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO chain_head (name, seq, hash)
VALUES ('audit', 0, '0000000000000000000000000000000000000000000000000000000000000000');
