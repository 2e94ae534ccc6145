-- 0036: a number that moves whenever a unit or a parent link changes, so a connection may
-- keep the scopes it computed (store/units.c, units_scope_ids) for as long as it stays
-- the same. Triggers, not the code that changes units, move it: any writer, including a
-- hand edit, invalidates what was kept (SQLite spelling; see 0036_unit_generation.pg.sql).
CREATE TABLE unit_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO unit_generation (id, n) VALUES (1, 0);
CREATE TRIGGER unit_generation_unit_insert AFTER INSERT ON unit
BEGIN
    UPDATE unit_generation SET n = n + 1;
END;
CREATE TRIGGER unit_generation_unit_update AFTER UPDATE ON unit
BEGIN
    UPDATE unit_generation SET n = n + 1;
END;
CREATE TRIGGER unit_generation_unit_delete AFTER DELETE ON unit
BEGIN
    UPDATE unit_generation SET n = n + 1;
END;
CREATE TRIGGER unit_generation_parent_insert AFTER INSERT ON unit_parent
BEGIN
    UPDATE unit_generation SET n = n + 1;
END;
CREATE TRIGGER unit_generation_parent_update AFTER UPDATE ON unit_parent
BEGIN
    UPDATE unit_generation SET n = n + 1;
END;
CREATE TRIGGER unit_generation_parent_delete AFTER DELETE ON unit_parent
BEGIN
    UPDATE unit_generation SET n = n + 1;
END;
