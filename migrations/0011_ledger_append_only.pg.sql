-- 0011: the ledger's transactions, entries and documents refuse UPDATE and DELETE
-- (PostgreSQL spelling; see 0011_ledger_append_only.sqlite.sql).
CREATE TRIGGER ledger_txn_append_only BEFORE UPDATE OR DELETE ON ledger_txn
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
CREATE TRIGGER money_receipt_append_only BEFORE UPDATE OR DELETE ON money_receipt
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
CREATE TRIGGER receipt_void_append_only BEFORE UPDATE OR DELETE ON receipt_void
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
CREATE TRIGGER money_payout_append_only BEFORE UPDATE OR DELETE ON money_payout
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
CREATE TRIGGER allocation_share_append_only BEFORE UPDATE OR DELETE ON allocation_share
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
