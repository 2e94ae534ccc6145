-- 0015: prisoners and the exchanges between enforcement agencies and prisons or detention
-- camps (issue 16; Joint Circular 07/2013/TTLT-BTP-BCA-BTC, THADS.md section 6).
--
-- A prisoner is a judgment debtor (a party) held in a camp. Where they are held is a
-- history of dated stays: a transfer ends one stay and starts the next on the same day, a
-- release or a death ends the last. The camp holding them on a day is the one whose stay
-- covers it (from_on <= day < to_on): it sees the prisoner's obligations, the camp before
-- no longer does. party.camp_unit_id and party.prisoner_no follow the current stay.
CREATE TABLE prisoner (
    id @id_pk@,
    party_id BIGINT NOT NULL UNIQUE REFERENCES party (id),
    agency_unit_id BIGINT NOT NULL REFERENCES unit (id), -- the enforcement unit following them
    full_name TEXT NOT NULL,
    birth_date DATE,
    id_number TEXT,
    prisoner_no TEXT NOT NULL,     -- the camp's number for the prisoner
    entered_on DATE NOT NULL,      -- the day the sentence started being served
    sentence TEXT NOT NULL,        -- as in the judgment: "05 năm tù", "chung thân"
    expected_release_on DATE,
    status TEXT NOT NULL,          -- held, released, dead
    created_by BIGINT REFERENCES app_user (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX prisoner_by_agency ON prisoner (agency_unit_id);

CREATE TABLE prisoner_stay (
    id @id_pk@,
    prisoner_id BIGINT NOT NULL REFERENCES prisoner (id),
    camp_unit_id BIGINT NOT NULL REFERENCES unit (id),
    from_on DATE NOT NULL,
    to_on DATE,                    -- the day the stay ended (not held there that day)
    reason_in TEXT NOT NULL,       -- entry, transfer
    reason_out TEXT,               -- transfer, release, death
    document_no TEXT,              -- the transfer or release decision
    recorded_by BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX prisoner_stay_by_prisoner ON prisoner_stay (prisoner_id, from_on);
CREATE INDEX prisoner_stay_by_camp ON prisoner_stay (camp_unit_id, from_on);

-- One exchange between the agency and a camp about a prisoner: a notice of obligations,
-- money collected at the camp, a hand-over to the prisoner, a request for a confirmation
-- of fulfilment and the confirmation, a request to verify and its answer. Its stored
-- state is drafted, sent, received or answered; it is overdue while due_on has passed
-- and its receiver has not acted (computed when read). document is the generated text,
-- printable, as it was when sent.
CREATE TABLE prison_exchange (
    id @id_pk@,
    kind TEXT NOT NULL,            -- notify_obligation, camp_collection, handover,
                                   -- confirmation_request, confirmation,
                                   -- verification_request, answer
    state TEXT NOT NULL,           -- drafted, sent, received, answered
    prisoner_id BIGINT NOT NULL REFERENCES prisoner (id),
    case_id BIGINT REFERENCES enforcement_case (id),
    agency_unit_id BIGINT NOT NULL REFERENCES unit (id),
    camp_unit_id BIGINT NOT NULL REFERENCES unit (id),
    sender_unit_id BIGINT NOT NULL REFERENCES unit (id),
    receiver_unit_id BIGINT NOT NULL REFERENCES unit (id),
    reply_to_id BIGINT REFERENCES prison_exchange (id),
    purpose TEXT,                  -- confirmation_request: sentence_reduction, early_release, amnesty
    amount_vnd BIGINT NOT NULL DEFAULT 0, -- money collected or handed over; paid (confirmation)
    remaining_vnd BIGINT NOT NULL DEFAULT 0, -- confirmation: what is still owed
    receipt_id BIGINT REFERENCES money_receipt (id), -- camp_collection: the receipt
    camp_receipt_no TEXT,          -- camp_collection: the number on the camp's receipt
    payer_name TEXT,
    transfer_txn_id BIGINT REFERENCES ledger_txn (id), -- camp_collection: received in custody
    body TEXT,                     -- the sender's words: what is handed over, the question
    answer TEXT,                   -- the receiver's acknowledgement or answer
    signed_by TEXT,                -- handover: who signed the confirmation (the prisoner)
    signed_on DATE,
    rule_id TEXT,                  -- the legal deadline of the receiver's action (data/rules.csv)
    due_on DATE,
    drafted_on DATE NOT NULL,
    sent_on DATE,
    received_on DATE,
    answered_on DATE,
    document TEXT NOT NULL,
    created_by BIGINT REFERENCES app_user (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX prison_exchange_by_prisoner ON prison_exchange (prisoner_id);
CREATE INDEX prison_exchange_by_case ON prison_exchange (case_id);
CREATE INDEX prison_exchange_by_agency ON prison_exchange (agency_unit_id, state);
CREATE INDEX prison_exchange_by_camp ON prison_exchange (camp_unit_id, state);

-- What happened to an exchange, in order: each state it took, when, by whom.
CREATE TABLE prison_exchange_event (
    exchange_id BIGINT NOT NULL REFERENCES prison_exchange (id),
    seq INTEGER NOT NULL,
    state TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    actor_user_id BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL,
    note TEXT,
    PRIMARY KEY (exchange_id, seq)
);
