-- 0008: a case is one enforcement decision, and decision numbers restart every year:
-- "46/QĐ-THADS" of 2025 and of 2026 are two decisions of one unit. A case is now unique
-- by (unit, year, number), year being the year of its decision to enforce — fixed when
-- the case is created (the year of received_on unless the creator gives it; docs/
-- internals/cases.md). A case already on file gets the year of its decision when one is
-- recorded (decided_on), else of its receipt: the key it had, unique by (unit, number),
-- stays unique by (unit, year, number).
--
-- SQLite spelling (see 0008_case_year.pg.sql). SQLite cannot drop a table constraint, so
-- the table is rebuilt the way https://www.sqlite.org/lang_altertable.html ("Making Other
-- Kinds Of Table Schema Changes") says: the runner turns foreign keys off around the
-- migration and checks every reference before committing (store/migrate.c); new table,
-- copy, drop, rename, then the old table's indexes again. The ids are copied, so the rows
-- that refer to a case (parties, items, events, deadlines) and its search document
-- (case_search's rowid, 0005) still find it. enforcement_case stays a rowid table (0006):
-- its id is the rowid, which the FTS table's rowid follows. No trigger or view names it.
CREATE TABLE enforcement_case_by_year (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    case_no TEXT NOT NULL,         -- the decision's number, "46/QĐ-THADS"
    year INTEGER NOT NULL,         -- the year of that decision: numbers restart every year
    judgment_id BIGINT REFERENCES judgment (id),
    source TEXT NOT NULL,          -- application, ex_officio
    category TEXT NOT NULL,        -- civil, marriage_family, labour, criminal_civil, credit, corruption, administrative
    state TEXT NOT NULL,
    stat_bucket TEXT NOT NULL,
    officer_user_id BIGINT REFERENCES app_user (id),
    received_on DATE NOT NULL,
    decided_on DATE,
    state_on DATE NOT NULL,        -- legal date of the last change of state
    last_event_on DATE NOT NULL,   -- legal date of the last event: events come in date order
    amount_vnd BIGINT NOT NULL DEFAULT 0,     -- money to enforce
    collected_vnd BIGINT NOT NULL DEFAULT 0,
    paid_vnd BIGINT NOT NULL DEFAULT 0,
    next_due_on DATE,              -- earliest open deadline
    event_seq BIGINT NOT NULL DEFAULT 0,      -- length of the event log
    last_hash TEXT NOT NULL,                  -- hash of the last event (the chain's head)
    created_at BIGINT NOT NULL,
    resume_state TEXT,             -- 0007: where continuing a postponed or suspended case returns
    UNIQUE (unit_id, year, case_no),
    CHECK (amount_vnd >= 0 AND collected_vnd >= 0 AND paid_vnd >= 0 AND paid_vnd <= collected_vnd)
);
INSERT INTO enforcement_case_by_year (id, unit_id, case_no, year, judgment_id, source, category,
    state, stat_bucket, officer_user_id, received_on, decided_on, state_on, last_event_on,
    amount_vnd, collected_vnd, paid_vnd, next_due_on, event_seq, last_hash, created_at,
    resume_state)
SELECT id, unit_id, case_no, CAST(strftime('%Y', coalesce(decided_on, received_on)) AS INTEGER),
    judgment_id, source, category, state, stat_bucket, officer_user_id, received_on, decided_on,
    state_on, last_event_on, amount_vnd, collected_vnd, paid_vnd, next_due_on, event_seq,
    last_hash, created_at, resume_state
FROM enforcement_case ORDER BY id;
DROP TABLE enforcement_case;
ALTER TABLE enforcement_case_by_year RENAME TO enforcement_case;
CREATE INDEX case_by_unit_state ON enforcement_case (unit_id, state);
CREATE INDEX case_by_officer ON enforcement_case (officer_user_id, state);
CREATE INDEX case_by_received ON enforcement_case (received_on);
