-- 0021: the monitoring of administrative judgments (theo dõi thi hành án hành chính; issue
-- 15, THADS.md 5.1 and 5.4). The agency does not enforce these judgments: an administrative
-- body must comply with them, and the agency follows whether it does — sends reminder
-- letters (văn bản đôn đốc), notes the court's decision compelling compliance (quyết định
-- buộc thi hành án hành chính), records when the judgment is complied with — and reports
-- them in a table of their own. A register of its own, not cases: no parties to collect
-- from, no money, no deadlines of the enforcement law.
--
-- The dates of the steps are copied into the judgment's row (reminded_on is the first
-- reminder) so the report counts from the row alone; the steps themselves are kept in
-- order, appended, never changed.
CREATE TABLE admin_judgment (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id), -- the agency that monitors it
    judgment_no TEXT NOT NULL,
    judgment_date DATE NOT NULL,
    court TEXT NOT NULL,
    respondent TEXT NOT NULL,      -- the administrative body that must comply
    applicant TEXT NOT NULL,       -- who won the judgment (người được thi hành)
    content TEXT NOT NULL,         -- what must be done, as the judgment says it
    received_on DATE NOT NULL,     -- the judgment received for monitoring
    reminded_on DATE,              -- the first reminder letter: from then it counts as a case
    compelled_on DATE,             -- the court's decision compelling compliance
    completed_on DATE,             -- complied with: the monitoring ends
    last_on DATE,                  -- the day of the last step: a step is never dated before it
    steps INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES app_user (id),
    created_at BIGINT NOT NULL,
    UNIQUE (unit_id, judgment_no, judgment_date)
);
CREATE INDEX admin_judgment_by_unit ON admin_judgment (unit_id, id);

CREATE TABLE admin_judgment_step (
    judgment_id BIGINT NOT NULL REFERENCES admin_judgment (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,            -- reminded, compelled, completed, note
    occurred_on DATE NOT NULL,
    document_no TEXT,
    note TEXT,
    recorded_by BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (judgment_id, seq)
);
