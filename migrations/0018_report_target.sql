-- 0018: annual targets (chỉ tiêu, issue 15; THADS.md 5.1): the completion rates in cases and
-- in money a unit is to reach in a reporting year (1 October to 30 September, named by the
-- year it ends in), set by a leader of a unit above it. Rates are exact: basis points
-- (83.25% = 8325). Setting a target again replaces it; who set it and when is in the row and
-- in the audit log.
CREATE TABLE report_target (
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    year INTEGER NOT NULL,
    rate_cases_bp INTEGER NOT NULL,
    rate_money_bp INTEGER NOT NULL,
    set_by BIGINT REFERENCES app_user (id),
    set_at BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year),
    CHECK (year BETWEEN 2000 AND 2200),
    CHECK (rate_cases_bp BETWEEN 0 AND 10000),
    CHECK (rate_money_bp BETWEEN 0 AND 10000)
);
