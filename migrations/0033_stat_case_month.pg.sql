-- 0033: the drill-down of a flow line by month (issue 15): see
-- 0033_stat_case_month.sqlite.sql. The month is year * 12 + month, written the same in
-- store/report.c (STAT_MONTH_PG); the included columns let the filter read the index only.
CREATE INDEX stat_case_delta_month ON stat_case_delta (unit_id,
    ((EXTRACT(YEAR FROM day) * 12 + EXTRACT(MONTH FROM day))::integer), case_id)
    INCLUDE (day, category, flags);
