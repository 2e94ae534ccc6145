-- 0007: what the legal rules of issue 12 need the store to keep.
--
-- enforcement_case.resume_state: while a case is postponed or suspended, the state the
-- decision to continue returns it to (Art 48, 49): a case postponed before it was found
-- eligible goes back to not_eligible, not to enforcing. NULL otherwise. A case stopped
-- before this migration gets the state of its last event that was not a stop, as the
-- case engine would have kept it (so `thads fsck`'s replay agrees).
ALTER TABLE enforcement_case ADD COLUMN resume_state TEXT;
UPDATE enforcement_case SET resume_state = (
    SELECT e.state_after FROM case_event e
    WHERE e.case_id = enforcement_case.id AND e.state_after NOT IN ('postponed', 'suspended')
    ORDER BY e.seq DESC LIMIT 1)
WHERE state IN ('postponed', 'suspended');

-- case_deadline.duty: 1 for the agency's duties (met on time or late; a late one is a
-- procedure violation), 0 for a period given to a party — the voluntary period D10, the
-- debtor's time to pay (Art 45) —, which is never late: it elapses.
ALTER TABLE case_deadline ADD COLUMN duty INTEGER NOT NULL DEFAULT 1;
UPDATE case_deadline SET duty = 0 WHERE rule_id = 'D10';
UPDATE case_deadline SET outcome = 'elapsed' WHERE rule_id = 'D10' AND outcome IN ('met', 'late');
