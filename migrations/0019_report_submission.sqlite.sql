-- 0019: submitted reports (issue 15, locked periods; SQLite spelling, see
-- 0019_report_submission.pg.sql). A leader submits a unit's report for a period; the body
-- is the summary JSON exactly as it was rendered then, with its hash, and is served as it
-- is forever. Events dated inside a submitted period are still recorded with their legal
-- dates; the next period's report shows what they changed as its corrections line
-- (docs/internals/statistics.md). Never changed.
CREATE TABLE report_submission (
    id INTEGER PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    body TEXT NOT NULL,
    hash TEXT NOT NULL,
    submitted_by BIGINT REFERENCES app_user (id),
    submitted_at BIGINT NOT NULL,
    UNIQUE (unit_id, period_from, period_to),
    CHECK (period_from <= period_to)
);
CREATE INDEX report_submission_by_end ON report_submission (unit_id, period_to);
CREATE TRIGGER report_submission_no_update BEFORE UPDATE ON report_submission
BEGIN SELECT RAISE(ABORT, 'report_submission is append-only'); END;
CREATE TRIGGER report_submission_no_delete BEFORE DELETE ON report_submission
BEGIN SELECT RAISE(ABORT, 'report_submission is append-only'); END;
