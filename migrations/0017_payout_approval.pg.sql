-- 0017: the head's approval of an allocation for payout (issue 14; PostgreSQL spelling,
-- see 0017_payout_approval.sqlite.sql for why).
CREATE TABLE allocation_approval (
    txn_id BIGINT PRIMARY KEY REFERENCES ledger_txn (id),
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    event_seq BIGINT NOT NULL,
    approved_on DATE NOT NULL,
    approved_by BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX allocation_approval_by_case ON allocation_approval (case_id);
CREATE TRIGGER allocation_approval_append_only BEFORE UPDATE OR DELETE ON allocation_approval
    FOR EACH ROW EXECUTE FUNCTION thads_append_only();
