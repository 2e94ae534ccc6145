-- 0003: the audit log refuses UPDATE and DELETE (SQLite spelling; see 0003_append_only.pg.sql).
-- Defence in depth: thads never issues them; someone with the database file could
-- drop the triggers, which is what the hash chain and `thads fsck` are for.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
