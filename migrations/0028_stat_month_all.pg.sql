-- 0028: the monthly stock summed over the categories (PostgreSQL spelling; the why is in
-- 0028_stat_month_all.sqlite.sql and docs/internals/statistics.md, "The monthly stock").
-- The trigger runs under the horizon row's lock that stat_month's writers already hold.
CREATE TABLE stat_month_all (
    unit_id BIGINT NOT NULL,
    month INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (month, unit_id, flags, bucket)
);

INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, amount_vnd)
    SELECT unit_id, month, flags, bucket, SUM(cases)::BIGINT, SUM(amount_vnd)::BIGINT
    FROM stat_month GROUP BY unit_id, month, flags, bucket
    ORDER BY month, unit_id, flags, bucket; -- a month's rows together in the heap

CREATE FUNCTION stat_month_all_add(u BIGINT, m INTEGER, fl INTEGER, b TEXT, n BIGINT, a BIGINT)
RETURNS VOID LANGUAGE SQL AS $$
    INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, amount_vnd)
        VALUES (u, m, fl, b, n, a)
        ON CONFLICT (unit_id, month, flags, bucket) DO UPDATE SET
            cases = stat_month_all.cases + excluded.cases,
            amount_vnd = stat_month_all.amount_vnd + excluded.amount_vnd;
$$;

CREATE FUNCTION stat_month_all_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT off FROM stat_month_horizon WHERE id = 1) <> 0 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.unit_id = OLD.unit_id AND NEW.month = OLD.month
            AND NEW.flags = OLD.flags AND NEW.bucket = OLD.bucket THEN
        UPDATE stat_month_all SET cases = cases + (NEW.cases - OLD.cases),
            amount_vnd = amount_vnd + (NEW.amount_vnd - OLD.amount_vnd)
        WHERE unit_id = NEW.unit_id AND month = NEW.month AND flags = NEW.flags
            AND bucket = NEW.bucket;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM stat_month_all_add(OLD.unit_id, OLD.month, OLD.flags, OLD.bucket, -OLD.cases,
                                   -OLD.amount_vnd);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stat_month_all_add(NEW.unit_id, NEW.month, NEW.flags, NEW.bucket, NEW.cases,
                                   NEW.amount_vnd);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stat_month_all_row AFTER INSERT OR UPDATE OR DELETE ON stat_month
    FOR EACH ROW EXECUTE FUNCTION stat_month_all_row();
