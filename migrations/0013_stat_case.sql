-- The statistics deltas of each case (issue 15, docs/internals/statistics.md "Drill-down"):
-- the rows stat_delta sums per unit, kept per case, written in the same transaction, so the
-- list of cases behind any number of a report is read from them without replaying or
-- scanning cases. Filled for existing cases by the rebuild that replays every case's
-- events (case_replay_rebuild_stats), which opening a database runs when this table is
-- empty while cases exist.
CREATE TABLE stat_case_delta (
    case_id BIGINT NOT NULL,
    day DATE NOT NULL,
    bucket TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    category TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (case_id, day, bucket)
);
-- A line's cases: a subtree's units, the rows up to the period's end (or within it, for
-- the lines that are flows), in case order.
CREATE INDEX stat_case_delta_unit ON stat_case_delta (unit_id, day, case_id);
