-- 0017: the head's approval of an allocation for payout (issue 14; SQLite spelling, see
-- 0017_payout_approval.pg.sql). An allocation confirmed by the officer earmarks the money
-- for its payees; only once the head of the agency approves it may the accountant pay it
-- out, and the approval is the day the payees are told to come for it (D31 runs from it).
-- One approval per allocation, written with its case event (payout_approved, event_seq),
-- never changed.
CREATE TABLE allocation_approval (
    txn_id BIGINT PRIMARY KEY REFERENCES ledger_txn (id),
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    event_seq BIGINT NOT NULL,
    approved_on DATE NOT NULL,
    approved_by BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX allocation_approval_by_case ON allocation_approval (case_id);
CREATE TRIGGER allocation_approval_no_update BEFORE UPDATE ON allocation_approval
BEGIN SELECT RAISE(ABORT, 'allocation_approval is append-only'); END;
CREATE TRIGGER allocation_approval_no_delete BEFORE DELETE ON allocation_approval
BEGIN SELECT RAISE(ABORT, 'allocation_approval is append-only'); END;
