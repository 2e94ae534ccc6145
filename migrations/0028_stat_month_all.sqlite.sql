-- 0028: the monthly stock summed over the categories (issue 15; docs/internals/
-- statistics.md, "The monthly stock"). A report without a category — the official one,
-- and every special table, whose flags stay in the key — needs stat_month's rows summed
-- over category: about 7 of stat_month's rows make one of these (1M cases: 102,356 rows a
-- month against 44,425), so the nation's year reads 90,000 rows instead of 205,000.
-- The key starts with the month: a report reads two months of every unit of its scope,
-- which lie together (for the nation, 900 pages instead of 2,200 scattered over each
-- unit's history).
-- Triggers on stat_month keep it equal to SUM(...) GROUP BY unit_id, month, flags, bucket
-- of stat_month, in the same transaction, whatever wrote stat_month. They are off while
-- stat_month_horizon.off is set: the bulk paths of store/stat_month.c (rebuild, resume)
-- compute it from stat_month themselves, once.
CREATE TABLE stat_month_all (
    unit_id BIGINT NOT NULL,
    month INTEGER NOT NULL,
    flags INTEGER NOT NULL,
    bucket TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (month, unit_id, flags, bucket)
) WITHOUT ROWID;

INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, amount_vnd)
    SELECT unit_id, month, flags, bucket, SUM(cases), SUM(amount_vnd) FROM stat_month
    GROUP BY unit_id, month, flags, bucket ORDER BY month, unit_id, flags, bucket;

CREATE TRIGGER stat_month_all_insert AFTER INSERT ON stat_month
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1) = 0
BEGIN
    INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, amount_vnd)
        VALUES (NEW.unit_id, NEW.month, NEW.flags, NEW.bucket, NEW.cases, NEW.amount_vnd)
        ON CONFLICT (unit_id, month, flags, bucket) DO UPDATE SET
            cases = CASE WHEN typeof(stat_month_all.cases + excluded.cases) = 'integer'
                THEN stat_month_all.cases + excluded.cases END,
            amount_vnd = CASE WHEN typeof(stat_month_all.amount_vnd + excluded.amount_vnd)
                = 'integer' THEN stat_month_all.amount_vnd + excluded.amount_vnd END;
END;

-- stat_month's writers change only the sums (the common case): add the difference.
CREATE TRIGGER stat_month_all_update AFTER UPDATE ON stat_month
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1) = 0 AND NEW.unit_id = OLD.unit_id
    AND NEW.month = OLD.month AND NEW.flags = OLD.flags AND NEW.bucket = OLD.bucket
BEGIN
    UPDATE stat_month_all SET
        cases = CASE WHEN typeof(cases + (NEW.cases - OLD.cases)) = 'integer'
            THEN cases + (NEW.cases - OLD.cases) END,
        amount_vnd = CASE WHEN typeof(amount_vnd + (NEW.amount_vnd - OLD.amount_vnd)) = 'integer'
            THEN amount_vnd + (NEW.amount_vnd - OLD.amount_vnd) END
    WHERE unit_id = NEW.unit_id AND month = NEW.month AND flags = NEW.flags
        AND bucket = NEW.bucket;
END;

-- An update of the key (nothing does it today): the old row leaves, the new comes.
CREATE TRIGGER stat_month_all_rekey AFTER UPDATE ON stat_month
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1) = 0 AND NOT (NEW.unit_id = OLD.unit_id
    AND NEW.month = OLD.month AND NEW.flags = OLD.flags AND NEW.bucket = OLD.bucket)
BEGIN
    UPDATE stat_month_all SET cases = cases - OLD.cases, amount_vnd = amount_vnd - OLD.amount_vnd
    WHERE unit_id = OLD.unit_id AND month = OLD.month AND flags = OLD.flags
        AND bucket = OLD.bucket;
    INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, amount_vnd)
        VALUES (NEW.unit_id, NEW.month, NEW.flags, NEW.bucket, NEW.cases, NEW.amount_vnd)
        ON CONFLICT (unit_id, month, flags, bucket) DO UPDATE SET
            cases = stat_month_all.cases + excluded.cases,
            amount_vnd = stat_month_all.amount_vnd + excluded.amount_vnd;
END;

CREATE TRIGGER stat_month_all_delete AFTER DELETE ON stat_month
WHEN (SELECT off FROM stat_month_horizon WHERE id = 1) = 0
BEGIN
    UPDATE stat_month_all SET cases = cases - OLD.cases, amount_vnd = amount_vnd - OLD.amount_vnd
    WHERE unit_id = OLD.unit_id AND month = OLD.month AND flags = OLD.flags
        AND bucket = OLD.bucket;
END;
