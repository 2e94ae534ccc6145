-- 0033: the drill-down of a flow line by month (issue 15; docs/internals/statistics.md,
-- "Drill-down"). A flow line (new, completed, terminated, entrusted away) counts the rows
-- dated in the period; over stat_case_delta_unit (unit_id, case_id, day) a unit's cases
-- came in case order from its first, those with rows only before the period included, so
-- a year's completed cases of a province read every case it ever had (1.7 s at 10 million
-- cases). Here each unit's rows of one month come in case order: store/report.c merges
-- the (unit, month) streams of the period. The month is stat_month's (0024: year * 12 +
-- month - 1), spelled as store/stat_month.h's STAT_MONTH_SQLITE. Not covering the filter's
-- category: an index that covered it and the unit's did not would be the planner's choice
-- for the units' streams too, read whole and sorted (tests/store/test_report_drill.c
-- checks the plans).
CREATE INDEX stat_case_delta_month ON stat_case_delta (unit_id,
    (CAST(substr(day, 1, 4) AS INTEGER) * 12 + CAST(substr(day, 6, 2) AS INTEGER) - 1), case_id);
