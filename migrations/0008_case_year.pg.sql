-- 0008: a case is unique by (unit, year, number), year being the year of its decision to
-- enforce: decision numbers restart every year. PostgreSQL spelling; why, and how a case
-- already on file gets its year, in 0008_case_year.sqlite.sql. The constraint dropped is
-- 0004's UNIQUE (unit_id, case_no), named as PostgreSQL names it.
ALTER TABLE enforcement_case ADD COLUMN year INTEGER;
UPDATE enforcement_case SET year = EXTRACT(YEAR FROM coalesce(decided_on, received_on));
ALTER TABLE enforcement_case ALTER COLUMN year SET NOT NULL;
ALTER TABLE enforcement_case DROP CONSTRAINT enforcement_case_unit_id_case_no_key;
ALTER TABLE enforcement_case ADD CONSTRAINT enforcement_case_unit_id_year_case_no_key
    UNIQUE (unit_id, year, case_no);
