-- 0014: the special categories of the statistics as flags: the PostgreSQL spelling of
-- 0014_stat_flags.sqlite.sql, which says what and why (here stat_delta is a heap, without
-- WITHOUT ROWID).
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
);

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
