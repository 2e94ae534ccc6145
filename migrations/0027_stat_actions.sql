-- 0027: the coercion and complaint counts (issue 15, THADS.md 5.1 and 5.3,
-- docs/internals/statistics.md "Coercion and complaints"). The events coercion_scheduled,
-- complaint_received and complaint_decided now write statistics rows of their own
-- (coercion_decided, complaint_received, complaint_resolved), and the engine reads what a
-- case still has pending from its rows in stat_case_delta. A database that already holds
-- such events has no rows for them: emptying stat_case_delta makes the first open of the
-- database rebuild every statistics table by replaying the events
-- (case_replay_rebuild_stats, as after 0012 and 0014). A database without them keeps its
-- rows and is not rebuilt.
DELETE FROM stat_case_delta WHERE EXISTS (SELECT 1 FROM case_event WHERE type IN
    ('coercion_scheduled', 'complaint_received', 'complaint_decided'));
