-- 0032: the worklist of one rule (GET /api/worklist?rule=D30: the money past its payout
-- deadline on the accountant's page) pages through the unit's open deadlines of that rule,
-- soonest first, as 0020's deadline_open_by_unit does for all of them. Without it a page
-- of one rule read every open deadline of the unit due by the page's day, of every rule.
CREATE INDEX deadline_open_by_unit_rule ON case_deadline (unit_id, rule_id, due_on, id)
    WHERE closed_seq IS NULL;
