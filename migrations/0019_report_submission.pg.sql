-- 0019: submitted reports (issue 15, locked periods; PostgreSQL spelling, see
-- 0019_report_submission.sqlite.sql for why).
CREATE TABLE report_submission (
    id BIGSERIAL PRIMARY KEY,
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
CREATE TRIGGER report_submission_append_only BEFORE UPDATE OR DELETE ON report_submission
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
