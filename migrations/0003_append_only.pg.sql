-- 0003: the audit log refuses UPDATE and DELETE (PostgreSQL spelling; see 0003_append_only.sqlite.sql).
CREATE FUNCTION thads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
