-- 0036: a number that moves whenever a unit or a parent link changes, so a connection may
-- keep the scopes it computed (store/units.c, units_scope_ids) for as long as it stays
-- the same. Triggers, not the code that changes units, move it: any writer, including a
-- hand edit, invalidates what was kept (PostgreSQL spelling; see
-- 0036_unit_generation.sqlite.sql). The row's lock orders the writers, so each committed
-- state of the units has a number of its own.
CREATE TABLE unit_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO unit_generation (id, n) VALUES (1, 0);
CREATE FUNCTION unit_generation_next() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE unit_generation SET n = n + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER unit_generation_unit AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit
    FOR EACH STATEMENT EXECUTE FUNCTION unit_generation_next();
CREATE TRIGGER unit_generation_parent AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON unit_parent FOR EACH STATEMENT EXECUTE FUNCTION unit_generation_next();
