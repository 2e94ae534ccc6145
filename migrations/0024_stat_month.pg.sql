-- 0024: the monthly stock of the statistics (PostgreSQL spelling; the why and the shape
-- are in 0024_stat_month.sqlite.sql and docs/internals/statistics.md, "The monthly
-- stock"). month = year * 12 + month - 1 of the deltas' days; every key has a row for
-- every month from its first delta's to the horizon. Concurrent writers: each takes the
-- horizon row FOR SHARE, so one that moves the horizon (FOR UPDATE, the first delta of a
-- new month) carries the stock only after every transaction that wrote up to the old
-- horizon has committed, and those that come after see the new one.
CREATE TABLE stat_month (
    unit_id BIGINT NOT NULL,
    month INTEGER NOT NULL,
    category TEXT NOT NULL,
    flags INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (unit_id, month, category, flags, bucket)
);
CREATE INDEX stat_month_month ON stat_month (month);

CREATE TABLE stat_month_horizon (id INTEGER PRIMARY KEY CHECK (id = 1), month INTEGER,
                                 off INTEGER NOT NULL DEFAULT 0);

CREATE FUNCTION stat_month_of(d DATE) RETURNS INTEGER LANGUAGE SQL IMMUTABLE STRICT AS
$$ SELECT (EXTRACT(YEAR FROM d)::INTEGER * 12 + EXTRACT(MONTH FROM d)::INTEGER - 1) $$;

CREATE TEMP TABLE stat_month_fill AS
    SELECT unit_id, category, flags, bucket, stat_month_of(day) AS m,
           SUM(cases)::BIGINT AS cases, SUM(amount_vnd)::BIGINT AS amount_vnd
    FROM stat_delta GROUP BY 1, 2, 3, 4, 5;
INSERT INTO stat_month_horizon (id, month, off) SELECT 1, MAX(m), 0 FROM stat_month_fill;
INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
    SELECT k.unit_id, q.m, k.category, k.flags, k.bucket,
           SUM(COALESCE(f.cases, 0)) OVER w, SUM(COALESCE(f.amount_vnd, 0)) OVER w
    FROM (SELECT unit_id, category, flags, bucket, MIN(m) AS first FROM stat_month_fill
          GROUP BY 1, 2, 3, 4) k
    JOIN stat_month_horizon h ON h.id = 1
    CROSS JOIN LATERAL generate_series(k.first, h.month) AS q(m)
    LEFT JOIN stat_month_fill f ON f.unit_id = k.unit_id AND f.category = k.category
        AND f.flags = k.flags AND f.bucket = k.bucket AND f.m = q.m
    WINDOW w AS (PARTITION BY k.unit_id, k.category, k.flags, k.bucket ORDER BY q.m);
DROP TABLE stat_month_fill;

-- Add (cases, amount) to key's stock from month m on, moving the horizon to m first if
-- m is past it.
CREATE FUNCTION stat_month_add(u BIGINT, m INTEGER, c TEXT, fl INTEGER, b TEXT,
                               n BIGINT, a BIGINT) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    h INTEGER;
BEGIN
    SELECT month INTO h FROM stat_month_horizon WHERE id = 1;
    IF h IS NULL OR h < m THEN
        SELECT month INTO h FROM stat_month_horizon WHERE id = 1 FOR UPDATE;
        IF h IS NULL OR h < m THEN
            IF h IS NOT NULL THEN
                INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
                    SELECT s.unit_id, q.m, s.category, s.flags, s.bucket, s.cases, s.amount_vnd
                    FROM stat_month s CROSS JOIN generate_series(h + 1, m) AS q(m)
                    WHERE s.month = h;
            END IF;
            UPDATE stat_month_horizon SET month = m WHERE id = 1;
            h := m;
        END IF;
    ELSE
        SELECT month INTO h FROM stat_month_horizon WHERE id = 1 FOR SHARE;
    END IF;
    INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
        SELECT u, q.m, c, fl, b, n, a FROM generate_series(m, h) AS q(m)
        ON CONFLICT (unit_id, month, category, flags, bucket) DO UPDATE SET
            cases = stat_month.cases + excluded.cases,
            amount_vnd = stat_month.amount_vnd + excluded.amount_vnd;
END;
$$;

CREATE FUNCTION stat_delta_month() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT off FROM stat_month_horizon WHERE id = 1) <> 0 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.unit_id = OLD.unit_id AND NEW.day = OLD.day
            AND NEW.category = OLD.category AND NEW.flags = OLD.flags
            AND NEW.bucket = OLD.bucket THEN
        PERFORM 1 FROM stat_month_horizon WHERE id = 1 FOR SHARE;
        UPDATE stat_month SET cases = cases + (NEW.cases - OLD.cases),
            amount_vnd = amount_vnd + (NEW.amount_vnd - OLD.amount_vnd)
        WHERE unit_id = NEW.unit_id AND category = NEW.category AND flags = NEW.flags
            AND bucket = NEW.bucket AND month >= stat_month_of(NEW.day);
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE')
            AND (SELECT month FROM stat_month_horizon WHERE id = 1 FOR SHARE) IS NOT NULL THEN
        UPDATE stat_month SET cases = cases - OLD.cases, amount_vnd = amount_vnd - OLD.amount_vnd
        WHERE unit_id = OLD.unit_id AND category = OLD.category AND flags = OLD.flags
            AND bucket = OLD.bucket AND month >= stat_month_of(OLD.day);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stat_month_add(NEW.unit_id, stat_month_of(NEW.day), NEW.category, NEW.flags,
                               NEW.bucket, NEW.cases, NEW.amount_vnd);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stat_delta_month AFTER INSERT OR UPDATE OR DELETE ON stat_delta
    FOR EACH ROW EXECUTE FUNCTION stat_delta_month();
