-- Statistics as what each case still owes, with a2_new and the source in the bucket code
-- (issue 15, docs/internals/statistics.md). The old rows carried full amounts and cannot be
-- converted by SQL: they are deleted here, and the first open of the database by thads
-- (cli_open_migrated, `thads migrate`, `thads serve`) rebuilds them by replaying every
-- case's events (case_replay_rebuild_stats), as `thads reindex` also does on demand.
DELETE FROM stat_delta;
