-- 0030: the drill-down's index in case order (issue 15; docs/internals/statistics.md,
-- "Drill-down"). A line's cases are listed in case order, a page at a time. Over
-- (unit_id, day, case_id) a page read every row of the subtree up to the period's end and
-- sorted them by case (a province's year at 1 million cases: 1.1 million rows, 1-4 s).
-- Over (unit_id, case_id, day) each unit's cases come in order from the page's cursor on,
-- so store/report.c merges the units' streams and stops once the page is full.
DROP INDEX stat_case_delta_unit;
CREATE INDEX stat_case_delta_unit ON stat_case_delta (unit_id, case_id, day);
