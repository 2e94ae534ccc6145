-- 0024: the monthly stock of the statistics (issue 15; docs/internals/statistics.md,
-- "The monthly stock"). A report needs the stock of every bucket at the end of a day, the
-- sum of every delta from the beginning of history: over stat_delta that is O(deltas).
-- stat_month holds, per key of stat_delta without the day and per month, that sum up to
-- the month's end: month = year * 12 + month - 1 of the deltas' days. Every key has a row
-- for every month from its first delta's month up to the horizon (stat_month_horizon: the
-- latest month of any delta), so the stock at the end of month M is the rows of month
-- min(M, horizon). Triggers on stat_delta keep it in the writer's transaction, so every
-- writer (case work, import, flags restatement, rebuild) is covered: a delta of month m
-- adds to the key's rows of m .. horizon (a backdated one to every later month); a delta
-- past the horizon first carries every key's stock of the horizon into the new months
-- (once a month, O(keys)). stat_delta_clear empties the rollup and turns the triggers
-- off (stat_month_horizon.off) until stat_month_rebuild: a rebuild costs no subtraction
-- and no per-row rollup, one window sum at the end.
-- SQLite spelling (no CTE inside triggers): the months come from stat_month_seq.
CREATE TABLE stat_month (
    unit_id BIGINT NOT NULL,
    month INTEGER NOT NULL,
    category TEXT NOT NULL,
    flags INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (unit_id, month, category, flags, bucket)
) WITHOUT ROWID;
CREATE INDEX stat_month_month ON stat_month (month);

-- off = 1 while a bulk writer (the rebuild, a benchmark's raw rows) fills stat_delta by
-- itself: the triggers skip and stat_month_rebuild (store/stat_month.c) computes the
-- table from stat_delta at the end, as the fill below does.
CREATE TABLE stat_month_horizon (id INTEGER PRIMARY KEY CHECK (id = 1), month INTEGER,
                                 off INTEGER NOT NULL DEFAULT 0);

CREATE TABLE stat_month_seq (m INTEGER PRIMARY KEY);
WITH RECURSIVE s(m) AS (SELECT 12 UNION ALL SELECT m + 1 FROM s WHERE m < 9999 * 12 + 11)
INSERT INTO stat_month_seq (m) SELECT m FROM s;

-- Fill from the rows already there: per key and month the month's sum, then every month
-- from the key's first to the horizon with the running sum.
CREATE TEMP TABLE stat_month_fill AS
    SELECT unit_id, category, flags, bucket,
           CAST(substr(day, 1, 4) AS INTEGER) * 12 + CAST(substr(day, 6, 2) AS INTEGER) - 1 AS m,
           SUM(cases) AS cases, SUM(amount_vnd) AS amount_vnd
    FROM stat_delta GROUP BY 1, 2, 3, 4, 5;
INSERT INTO stat_month_horizon (id, month, off) SELECT 1, MAX(m), 0 FROM stat_month_fill;
INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
    SELECT k.unit_id, q.m, k.category, k.flags, k.bucket,
           SUM(COALESCE(f.cases, 0)) OVER w, SUM(COALESCE(f.amount_vnd, 0)) OVER w
    FROM (SELECT unit_id, category, flags, bucket, MIN(m) AS first FROM stat_month_fill
          GROUP BY 1, 2, 3, 4) k
    JOIN stat_month_horizon h ON h.id = 1
    JOIN stat_month_seq q ON q.m >= k.first AND q.m <= h.month
    LEFT JOIN stat_month_fill f ON f.unit_id = k.unit_id AND f.category = k.category
        AND f.flags = k.flags AND f.bucket = k.bucket AND f.m = q.m
    WINDOW w AS (PARTITION BY k.unit_id, k.category, k.flags, k.bucket ORDER BY q.m)
    ORDER BY 1, 2, 3, 4, 5;
DROP TABLE stat_month_fill;

CREATE TRIGGER stat_delta_month_insert AFTER INSERT ON stat_delta
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1) = 0
BEGIN
    INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
        SELECT s.unit_id, q.m, s.category, s.flags, s.bucket, s.cases, s.amount_vnd
        FROM stat_month_horizon h JOIN stat_month s ON s.month = h.month
        JOIN stat_month_seq q ON q.m > h.month AND q.m <= CAST(substr(NEW.day, 1, 4) AS INTEGER)
            * 12 + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1
        WHERE h.id = 1;
    UPDATE stat_month_horizon SET month = CAST(substr(NEW.day, 1, 4) AS INTEGER) * 12
        + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1
        WHERE id = 1 AND (month IS NULL OR month < CAST(substr(NEW.day, 1, 4) AS INTEGER) * 12
            + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1);
    INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
        SELECT NEW.unit_id, q.m, NEW.category, NEW.flags, NEW.bucket, NEW.cases, NEW.amount_vnd
        FROM stat_month_horizon h JOIN stat_month_seq q
            ON q.m >= CAST(substr(NEW.day, 1, 4) AS INTEGER) * 12
                + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1 AND q.m <= h.month
        WHERE h.id = 1
        ON CONFLICT (unit_id, month, category, flags, bucket) DO UPDATE SET
            cases = CASE WHEN typeof(stat_month.cases + excluded.cases) = 'integer'
                THEN stat_month.cases + excluded.cases END,
            amount_vnd = CASE WHEN typeof(stat_month.amount_vnd + excluded.amount_vnd) = 'integer'
                THEN stat_month.amount_vnd + excluded.amount_vnd END;
END;

-- An upsert changes the sums of a key (the common case): add the difference.
CREATE TRIGGER stat_delta_month_update AFTER UPDATE ON stat_delta
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1) = 0 AND NEW.unit_id = OLD.unit_id AND NEW.day = OLD.day AND NEW.category = OLD.category
    AND NEW.flags = OLD.flags AND NEW.bucket = OLD.bucket
BEGIN
    UPDATE stat_month SET
        cases = CASE WHEN typeof(cases + (NEW.cases - OLD.cases)) = 'integer'
            THEN cases + (NEW.cases - OLD.cases) END,
        amount_vnd = CASE WHEN typeof(amount_vnd + (NEW.amount_vnd - OLD.amount_vnd)) = 'integer'
            THEN amount_vnd + (NEW.amount_vnd - OLD.amount_vnd) END
    WHERE unit_id = NEW.unit_id AND category = NEW.category AND flags = NEW.flags
        AND bucket = NEW.bucket AND month >= CAST(substr(NEW.day, 1, 4) AS INTEGER) * 12
            + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1;
END;

-- An update of the key itself (nothing does it today): the old row leaves, the new comes.
CREATE TRIGGER stat_delta_month_rekey AFTER UPDATE ON stat_delta
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1) = 0 AND NOT (NEW.unit_id = OLD.unit_id AND NEW.day = OLD.day AND NEW.category = OLD.category
    AND NEW.flags = OLD.flags AND NEW.bucket = OLD.bucket)
BEGIN
    UPDATE stat_month SET cases = cases - OLD.cases, amount_vnd = amount_vnd - OLD.amount_vnd
    WHERE unit_id = OLD.unit_id AND category = OLD.category AND flags = OLD.flags
        AND bucket = OLD.bucket AND month >= CAST(substr(OLD.day, 1, 4) AS INTEGER) * 12
            + CAST(substr(OLD.day, 6, 2) AS INTEGER) - 1;
    INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
        SELECT s.unit_id, q.m, s.category, s.flags, s.bucket, s.cases, s.amount_vnd
        FROM stat_month_horizon h JOIN stat_month s ON s.month = h.month
        JOIN stat_month_seq q ON q.m > h.month AND q.m <= CAST(substr(NEW.day, 1, 4) AS INTEGER)
            * 12 + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1
        WHERE h.id = 1;
    UPDATE stat_month_horizon SET month = CAST(substr(NEW.day, 1, 4) AS INTEGER) * 12
        + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1
        WHERE id = 1 AND (month IS NULL OR month < CAST(substr(NEW.day, 1, 4) AS INTEGER) * 12
            + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1);
    INSERT INTO stat_month (unit_id, month, category, flags, bucket, cases, amount_vnd)
        SELECT NEW.unit_id, q.m, NEW.category, NEW.flags, NEW.bucket, NEW.cases, NEW.amount_vnd
        FROM stat_month_horizon h JOIN stat_month_seq q
            ON q.m >= CAST(substr(NEW.day, 1, 4) AS INTEGER) * 12
                + CAST(substr(NEW.day, 6, 2) AS INTEGER) - 1 AND q.m <= h.month
        WHERE h.id = 1
        ON CONFLICT (unit_id, month, category, flags, bucket) DO UPDATE SET
            cases = stat_month.cases + excluded.cases,
            amount_vnd = stat_month.amount_vnd + excluded.amount_vnd;
END;

-- A row deleted alone leaves the stock; stat_delta_clear empties the rollup and turns it
-- off first, so emptying the table for a rebuild subtracts nothing.
CREATE TRIGGER stat_delta_month_delete AFTER DELETE ON stat_delta
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1 AND month IS NOT NULL) = 0
BEGIN
    UPDATE stat_month SET cases = cases - OLD.cases, amount_vnd = amount_vnd - OLD.amount_vnd
    WHERE unit_id = OLD.unit_id AND category = OLD.category AND flags = OLD.flags
        AND bucket = OLD.bucket AND month >= CAST(substr(OLD.day, 1, 4) AS INTEGER) * 12
            + CAST(substr(OLD.day, 6, 2) AS INTEGER) - 1;
END;
