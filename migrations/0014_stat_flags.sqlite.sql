-- 0014: the special categories of the statistics as flags (issue 15, THADS.md 5.4,
-- docs/internals/statistics.md "Special categories as flags"). A case can count in several
-- special tables at once (a corruption case whose debtor is a prisoner), so they are a
-- bitmask in the key of every delta rather than values of the one category:
--   bit 0 (1) credit institution, bit 1 (2) corruption or economic crime, fixed at the
--   case's creation (from its category, or the API's own fields) and kept on the case;
--   bit 2 (4) prisoner's civil part: the debtor is held in a camp on the delta's day, read
--   from the prison register (0015). On the case, bit 2 says a debtor of it is in the
--   register, so its writers read the days from there.
-- flags is part of the keys of stat_delta and stat_case_delta, with DEFAULT 0 so a writer
-- that does not know it (a benchmark's raw inserts) stays valid. The rows cannot be
-- converted by SQL (a prisoner's days move a case's stock between flags): both tables are
-- made anew, empty, and the first open of the database rebuilds them by replaying every
-- case's events with the register (case_replay_rebuild_stats), as after 0012.
ALTER TABLE enforcement_case ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
UPDATE enforcement_case SET flags = CASE category WHEN 'credit' THEN 1 WHEN 'corruption' THEN 2
    ELSE 0 END;

DROP TABLE stat_delta;
CREATE TABLE stat_delta (
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    day DATE NOT NULL,
    category TEXT NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    bucket TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (unit_id, day, category, flags, bucket)
) WITHOUT ROWID;

DROP TABLE stat_case_delta;
CREATE TABLE stat_case_delta (
    case_id BIGINT NOT NULL,
    day DATE NOT NULL,
    bucket TEXT NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    unit_id BIGINT NOT NULL,
    category TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (case_id, day, bucket, flags)
);
CREATE INDEX stat_case_delta_unit ON stat_case_delta (unit_id, day, case_id);
