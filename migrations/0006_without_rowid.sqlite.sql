-- 0006: the tables keyed by a composite primary key become WITHOUT ROWID tables (SQLite
-- spelling; PostgreSQL has nothing to change: see 0006_without_rowid.pg.sql). A rowid
-- table keeps its rows in one b-tree and its primary key in another, so every event,
-- statistics delta and party role was written twice; clustered on the key, once — and
-- the events of a case sit together on disk, in the order the timeline and `thads fsck`
-- read them. An import of a million cases writes about seven million events.
CREATE TABLE case_event_by_key (
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    recorded_at BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES app_user (id),
    document_no TEXT,
    payload TEXT NOT NULL,         -- JSON
    state_after TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
) WITHOUT ROWID;
INSERT INTO case_event_by_key SELECT case_id, seq, type, occurred_on, recorded_at,
    actor_user_id, document_no, payload, state_after, prev_hash, hash FROM case_event;
DROP TABLE case_event;
ALTER TABLE case_event_by_key RENAME TO case_event;

CREATE TABLE stat_delta_by_key (
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    day DATE NOT NULL,
    category TEXT NOT NULL,
    bucket TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (unit_id, day, category, bucket)
) WITHOUT ROWID;
INSERT INTO stat_delta_by_key SELECT unit_id, day, category, bucket, cases, amount_vnd
    FROM stat_delta;
DROP TABLE stat_delta;
ALTER TABLE stat_delta_by_key RENAME TO stat_delta;

CREATE TABLE case_party_by_key (
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    party_id BIGINT NOT NULL REFERENCES party (id),
    role TEXT NOT NULL,            -- creditor, debtor, related
    PRIMARY KEY (case_id, party_id, role)
) WITHOUT ROWID;
INSERT INTO case_party_by_key SELECT case_id, party_id, role FROM case_party;
DROP TABLE case_party;
ALTER TABLE case_party_by_key RENAME TO case_party;
CREATE INDEX case_party_by_party ON case_party (party_id);
