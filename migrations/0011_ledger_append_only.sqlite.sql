-- 0011: the ledger's transactions, entries and documents refuse UPDATE and DELETE
-- (SQLite spelling; see 0011_ledger_append_only.pg.sql). Balances (ledger_account) and
-- counters (doc_counter) are projections and move; `thads fsck` checks them against
-- the entries and documents.
CREATE TRIGGER ledger_txn_no_update BEFORE UPDATE ON ledger_txn
BEGIN SELECT RAISE(ABORT, 'ledger_txn is append-only'); END;
CREATE TRIGGER ledger_txn_no_delete BEFORE DELETE ON ledger_txn
BEGIN SELECT RAISE(ABORT, 'ledger_txn is append-only'); END;
CREATE TRIGGER ledger_entry_no_update BEFORE UPDATE ON ledger_entry
BEGIN SELECT RAISE(ABORT, 'ledger_entry is append-only'); END;
CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry
BEGIN SELECT RAISE(ABORT, 'ledger_entry is append-only'); END;
CREATE TRIGGER money_receipt_no_update BEFORE UPDATE ON money_receipt
BEGIN SELECT RAISE(ABORT, 'money_receipt is append-only'); END;
CREATE TRIGGER money_receipt_no_delete BEFORE DELETE ON money_receipt
BEGIN SELECT RAISE(ABORT, 'money_receipt is append-only'); END;
CREATE TRIGGER receipt_void_no_update BEFORE UPDATE ON receipt_void
BEGIN SELECT RAISE(ABORT, 'receipt_void is append-only'); END;
CREATE TRIGGER receipt_void_no_delete BEFORE DELETE ON receipt_void
BEGIN SELECT RAISE(ABORT, 'receipt_void is append-only'); END;
CREATE TRIGGER money_payout_no_update BEFORE UPDATE ON money_payout
BEGIN SELECT RAISE(ABORT, 'money_payout is append-only'); END;
CREATE TRIGGER money_payout_no_delete BEFORE DELETE ON money_payout
BEGIN SELECT RAISE(ABORT, 'money_payout is append-only'); END;
CREATE TRIGGER allocation_share_no_update BEFORE UPDATE ON allocation_share
BEGIN SELECT RAISE(ABORT, 'allocation_share is append-only'); END;
CREATE TRIGGER allocation_share_no_delete BEFORE DELETE ON allocation_share
BEGIN SELECT RAISE(ABORT, 'allocation_share is append-only'); END;
