-- 0031: stat_case_delta, the drill-down's deltas per case (0013, 0014, 0030), is kept in
-- its primary key's b-tree (SQLite spelling; nothing to change on PostgreSQL: see
-- 0031_stat_case_without_rowid.pg.sql), as 0006 did for case_event and stat_delta. A
-- rowid table keeps its rows in one b-tree and its key in another, so every row was
-- written twice: an import of a million cases writes about five million of them.
CREATE TABLE stat_case_delta_by_key (
    case_id BIGINT NOT NULL,
    day DATE NOT NULL,
    bucket TEXT NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    unit_id BIGINT NOT NULL,
    category TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (case_id, day, bucket, flags)
) WITHOUT ROWID;
INSERT INTO stat_case_delta_by_key (case_id, day, bucket, flags, unit_id, category, cases,
    amount_vnd)
    SELECT case_id, day, bucket, flags, unit_id, category, cases, amount_vnd
    FROM stat_case_delta ORDER BY case_id, day, bucket, flags;
DROP TABLE stat_case_delta;
ALTER TABLE stat_case_delta_by_key RENAME TO stat_case_delta;
CREATE INDEX stat_case_delta_unit ON stat_case_delta (unit_id, case_id, day);
