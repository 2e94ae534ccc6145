-- 0035: a unit's predecessors (UNITS_ROOTS_CTE: the units whose successor_id leads to
-- it) are what every scope check, case list and report walks first. Without an index
-- SQLite built an automatic one over every unit at each such statement, and PostgreSQL
-- scanned the table: O(units) a request, 700 rows for a nation's tree.
CREATE INDEX unit_by_successor ON unit (successor_id);
