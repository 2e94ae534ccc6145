-- 0037: the worklist of a scope holding most of the units (the nation's leaders) reads the
-- open deadlines of every unit soonest first, (due_on, id), and keeps those in scope
-- (store/case_lists.c, worklist_of_window), where it sought each unit's first deadline:
-- 376 seeks a page for a nation. The index is on due_on + 0, which only that statement
-- writes: on due_on itself the planner took it for one unit's page too, and walked every
-- unit's deadlines of the page's days (tests/store/test_case_lists.c, the plans).
CREATE INDEX deadline_open_by_due ON case_deadline ((due_on + 0), id) WHERE closed_seq IS NULL;
