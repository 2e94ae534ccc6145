-- 0033: the drill-down of a flow line by month (issue 15): see
-- 0033_stat_case_month.sqlite.sql. The month is 0024's stat_month_of(day), as
-- store/stat_month.h's STAT_MONTH_PG spells it; the included columns let the filter read
-- the index only.
CREATE INDEX stat_case_delta_month ON stat_case_delta (unit_id, stat_month_of(day), case_id)
    INCLUDE (day, category, flags);
