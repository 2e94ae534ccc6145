-- 0020: indexes a page of the case list and of the worklist walks in the list's order and
-- stops after the page (issue 18; docs/internals/store.md, "Lists that cost the page").
-- Each is keyed by one unit of the scope (or one officer) and ends with the sort key, so
-- store/case_lists.c reads, per unit, the page from its end: O(page + log n), never
-- every case of the scope followed by a sort.
--
-- SQLite spelling: every index ends with the rowid, so case_by_unit_state (0004) already
-- is (unit_id, state, id) and case_by_officer serves no list; PostgreSQL needs the id
-- written (0020_list_indexes.pg.sql).
CREATE INDEX case_list_by_unit ON enforcement_case (unit_id, id);
CREATE INDEX case_list_by_unit_category ON enforcement_case (unit_id, category, id);
CREATE INDEX case_list_by_unit_bucket ON enforcement_case (unit_id, stat_bucket, id);
CREATE INDEX case_list_by_officer ON enforcement_case (officer_user_id, id);
-- Open deadlines only: the worklist's rows, a small part of all deadlines.
CREATE INDEX deadline_open_by_unit ON case_deadline (unit_id, due_on, id)
    WHERE closed_seq IS NULL;
CREATE INDEX deadline_open_by_officer ON case_deadline (officer_user_id, due_on, id)
    WHERE closed_seq IS NULL;
