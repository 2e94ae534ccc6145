-- 0020: indexes a page of the case list and of the worklist walks in the list's order and
-- stops after the page (issue 18). Why, in 0020_list_indexes.sqlite.sql; here the id is
-- written in each index (PostgreSQL has no implicit rowid at the end of an index).
CREATE INDEX case_list_by_unit ON enforcement_case (unit_id, id);
CREATE INDEX case_list_by_unit_state ON enforcement_case (unit_id, state, id);
CREATE INDEX case_list_by_unit_category ON enforcement_case (unit_id, category, id);
CREATE INDEX case_list_by_unit_bucket ON enforcement_case (unit_id, stat_bucket, id);
CREATE INDEX case_list_by_officer ON enforcement_case (officer_user_id, id);
CREATE INDEX deadline_open_by_unit ON case_deadline (unit_id, due_on, id)
    WHERE closed_seq IS NULL;
CREATE INDEX deadline_open_by_officer ON case_deadline (officer_user_id, due_on, id)
    WHERE closed_seq IS NULL;
