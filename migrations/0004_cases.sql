-- 0004: judgments, parties, cases (one enforcement decision each), their event logs,
-- legal deadlines and statistics deltas. See docs/internals/cases.md.

-- Judgments and decisions to enforce (bản án, quyết định). One judgment usually yields
-- several cases (one per enforcement decision).
CREATE TABLE judgment (
    id @id_pk@,
    number TEXT NOT NULL,          -- as written: "07/2025/DS-ST"
    judgment_date DATE NOT NULL,
    court_name TEXT NOT NULL,      -- the issuing court as written on the judgment
    court_unit_id BIGINT REFERENCES unit (id),
    kind TEXT NOT NULL,            -- civil, marriage_family, business, labour, criminal, administrative, ...
    effective_on DATE,
    created_at BIGINT NOT NULL
);
CREATE INDEX judgment_by_number ON judgment (number, judgment_date);

-- Parties (đương sự): people, organizations, the State.
CREATE TABLE party (
    id @id_pk@,
    kind TEXT NOT NULL,            -- person, organization, state
    full_name TEXT NOT NULL,
    id_number TEXT,                -- CCCD (12 digits) for a person, tax code for an organization
    birth_date DATE,
    address TEXT,
    camp_unit_id BIGINT REFERENCES unit (id),  -- the prison or camp holding them, if any
    prisoner_no TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX party_by_id_number ON party (id_number);
CREATE INDEX party_by_camp ON party (camp_unit_id);

-- A case (việc thi hành án) = one enforcement decision. The row is the projection of
-- its event log, updated in the same transaction as each event.
CREATE TABLE enforcement_case (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    case_no TEXT NOT NULL,         -- the decision's number, "46/QĐ-THADS"
    judgment_id BIGINT REFERENCES judgment (id),
    source TEXT NOT NULL,          -- application, ex_officio
    category TEXT NOT NULL,        -- civil, marriage_family, labour, criminal_civil, credit, corruption, administrative
    state TEXT NOT NULL,
    stat_bucket TEXT NOT NULL,
    officer_user_id BIGINT REFERENCES app_user (id),
    received_on DATE NOT NULL,
    decided_on DATE,
    state_on DATE NOT NULL,        -- legal date of the last change of state
    last_event_on DATE NOT NULL,   -- legal date of the last event: events come in date order
    amount_vnd BIGINT NOT NULL DEFAULT 0,     -- money to enforce
    collected_vnd BIGINT NOT NULL DEFAULT 0,
    paid_vnd BIGINT NOT NULL DEFAULT 0,
    next_due_on DATE,              -- earliest open deadline
    event_seq BIGINT NOT NULL DEFAULT 0,      -- length of the event log
    last_hash TEXT NOT NULL,                  -- hash of the last event (the chain's head)
    created_at BIGINT NOT NULL,
    UNIQUE (unit_id, case_no),
    CHECK (amount_vnd >= 0 AND collected_vnd >= 0 AND paid_vnd >= 0 AND paid_vnd <= collected_vnd)
);
CREATE INDEX case_by_unit_state ON enforcement_case (unit_id, state);
CREATE INDEX case_by_officer ON enforcement_case (officer_user_id, state);
CREATE INDEX case_by_received ON enforcement_case (received_on);

CREATE TABLE case_party (
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    party_id BIGINT NOT NULL REFERENCES party (id),
    role TEXT NOT NULL,            -- creditor, debtor, related
    PRIMARY KEY (case_id, party_id, role)
);
CREATE INDEX case_party_by_party ON case_party (party_id);

-- Enforceable items (khoản phải thi hành) of a case.
CREATE TABLE obligation_item (
    id @id_pk@,
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    content_type TEXT NOT NULL,    -- pay_money, court_fee, fine, confiscation, hand_over_asset, act, refrain, ...
    description TEXT NOT NULL,
    amount_vnd BIGINT NOT NULL DEFAULT 0,
    creditor_party_id BIGINT REFERENCES party (id),   -- NULL: the State budget
    payment_rank INTEGER NOT NULL DEFAULT 3,          -- Art 47: 1 support/wages/damages, 2 court fees, 3 other
    CHECK (amount_vnd >= 0 AND payment_rank BETWEEN 1 AND 3)
);
CREATE INDEX obligation_by_case ON obligation_item (case_id);

-- The event log of each case: append-only, hash-chained per case (the head is
-- enforcement_case.last_hash). occurred_on is the legal date; recorded_at the time.
CREATE TABLE case_event (
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    recorded_at BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES app_user (id),
    document_no TEXT,
    payload TEXT NOT NULL,         -- JSON
    state_after TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- Legal deadlines opened and closed by events (rule ids of data/rules.csv).
CREATE TABLE case_deadline (
    id @id_pk@,
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    officer_user_id BIGINT REFERENCES app_user (id),
    rule_id TEXT NOT NULL,
    opened_seq BIGINT NOT NULL,    -- the event that started it
    trigger_on DATE NOT NULL,
    due_on DATE NOT NULL,
    closed_seq BIGINT,             -- the event that met or cancelled it
    closed_on DATE,
    outcome TEXT                   -- met, late, cancelled
);
CREATE INDEX deadline_open ON case_deadline (closed_seq, due_on);
CREATE INDEX deadline_by_case ON case_deadline (case_id);
CREATE INDEX deadline_by_unit ON case_deadline (unit_id, due_on);

-- Signed deltas of the statistics buckets, per unit, legal day, category and bucket,
-- written with each event that moves a case between buckets or changes its money. A
-- report for any period and subtree sums this small table.
CREATE TABLE stat_delta (
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    day DATE NOT NULL,
    category TEXT NOT NULL,
    bucket TEXT NOT NULL,
    cases BIGINT NOT NULL,
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (unit_id, day, category, bucket)
);
