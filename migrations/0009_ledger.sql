-- 0009: the custody ledger (issue 14; core/ledger.h says how money moves).
--
-- Accounts: the unit's money (cash, bank, in_transit: debit-normal) and what it owes
-- (custody of a case, payable to a payee of a case, fee revenue: credit-normal). A
-- balance is kept on the account's normal side and is never below zero: the code checks
-- it before posting and the CHECK holds it again. case_id and payee_party_id are 0 where
-- they do not apply (a UNIQUE key treats NULLs as distinct), so they carry no foreign key.
CREATE TABLE ledger_account (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    kind TEXT NOT NULL,                     -- cash, bank, in_transit, custody, payable, fee
    case_id BIGINT NOT NULL DEFAULT 0,      -- custody, payable: the case
    payee_party_id BIGINT NOT NULL DEFAULT 0, -- payable: the payee (0: the State budget)
    balance_vnd BIGINT NOT NULL DEFAULT 0,
    UNIQUE (unit_id, kind, case_id, payee_party_id),
    CHECK (balance_vnd >= 0)
);
CREATE INDEX ledger_account_by_case ON ledger_account (case_id);

-- A balanced transaction: its entries sum to zero. Never updated or deleted (0011);
-- a mistake is undone by a reversal naming it (reverses_txn_id, at most one).
CREATE TABLE ledger_txn (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    case_id BIGINT REFERENCES enforcement_case (id),
    kind TEXT NOT NULL,            -- collection, allocation, payout, reversal
    occurred_on DATE NOT NULL,     -- the legal date
    recorded_at BIGINT NOT NULL,   -- unix microseconds, UTC
    actor_user_id BIGINT REFERENCES app_user (id),
    event_seq BIGINT,              -- the case event recorded with it
    reverses_txn_id BIGINT UNIQUE REFERENCES ledger_txn (id),
    memo TEXT                      -- an adjusted allocation's reason, a void's
);
CREATE INDEX ledger_txn_by_case ON ledger_txn (case_id);
CREATE INDEX ledger_txn_by_unit_day ON ledger_txn (unit_id, occurred_on);

CREATE TABLE ledger_entry (
    txn_id BIGINT NOT NULL REFERENCES ledger_txn (id),
    line INTEGER NOT NULL,
    account_id BIGINT NOT NULL REFERENCES ledger_account (id),
    amount_vnd BIGINT NOT NULL,    -- > 0 debit, < 0 credit
    PRIMARY KEY (txn_id, line),
    CHECK (amount_vnd <> 0)
);
CREATE INDEX ledger_entry_by_account ON ledger_entry (account_id);

-- What each confirmed allocation gave to each obligation item (item_id 0: the surplus
-- going back to the debtor): what an item is still owed is its amount less its shares.
-- The ledger's payable accounts hold the same money per payee.
CREATE TABLE allocation_share (
    txn_id BIGINT NOT NULL REFERENCES ledger_txn (id),
    item_id BIGINT NOT NULL DEFAULT 0,
    payee_party_id BIGINT NOT NULL DEFAULT 0, -- 0: the State budget
    amount_vnd BIGINT NOT NULL,
    PRIMARY KEY (txn_id, item_id),
    CHECK (amount_vnd > 0)
);

-- Numbers without gaps per issuing unit, series and year: the next is taken by one
-- UPDATE of the counter row, in the same transaction as the document, so a transaction
-- that fails takes its number back with it.
CREATE TABLE doc_counter (
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    series TEXT NOT NULL,          -- receipt, payout
    year INTEGER NOT NULL,
    last_no BIGINT NOT NULL,
    PRIMARY KEY (unit_id, series, year)
);

-- A receipt (biên lai thu tiền) for every sum received. A voided one keeps its number
-- (receipt_void).
CREATE TABLE money_receipt (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    year INTEGER NOT NULL,
    number BIGINT NOT NULL,
    form TEXT NOT NULL,            -- C28-THA, ...
    method TEXT NOT NULL,          -- cash, transfer, prison, auction, relative
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    payer_name TEXT NOT NULL,
    payer_address TEXT,
    on_behalf_of TEXT,             -- paid for someone else: the debtor's name
    amount_vnd BIGINT NOT NULL,
    issued_on DATE NOT NULL,
    txn_id BIGINT NOT NULL REFERENCES ledger_txn (id),
    actor_user_id BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL,
    UNIQUE (unit_id, year, number),
    CHECK (amount_vnd > 0 AND number > 0)
);
CREATE INDEX money_receipt_by_case ON money_receipt (case_id);
CREATE INDEX money_receipt_by_day ON money_receipt (unit_id, issued_on);

CREATE TABLE receipt_void (
    receipt_id BIGINT PRIMARY KEY REFERENCES money_receipt (id),
    reason TEXT NOT NULL,
    voided_on DATE NOT NULL,
    txn_id BIGINT NOT NULL REFERENCES ledger_txn (id),
    actor_user_id BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL
);

-- A payout voucher (phiếu chi) for every sum paid out of custody.
CREATE TABLE money_payout (
    id @id_pk@,
    unit_id BIGINT NOT NULL REFERENCES unit (id),
    year INTEGER NOT NULL,
    number BIGINT NOT NULL,
    case_id BIGINT NOT NULL REFERENCES enforcement_case (id),
    payee_party_id BIGINT NOT NULL DEFAULT 0, -- 0: the State budget
    payee_name TEXT NOT NULL,
    method TEXT NOT NULL,          -- cash, transfer
    gross_vnd BIGINT NOT NULL,     -- out of custody
    fee_vnd BIGINT NOT NULL,       -- of it, the enforcement fee withheld
    paid_on DATE NOT NULL,
    txn_id BIGINT NOT NULL REFERENCES ledger_txn (id),
    actor_user_id BIGINT REFERENCES app_user (id),
    approved_by BIGINT REFERENCES app_user (id),
    recorded_at BIGINT NOT NULL,
    UNIQUE (unit_id, year, number),
    CHECK (gross_vnd > 0 AND fee_vnd >= 0 AND fee_vnd <= gross_vnd AND number > 0)
);
CREATE INDEX money_payout_by_case ON money_payout (case_id);
CREATE INDEX money_payout_by_day ON money_payout (unit_id, paid_on);

-- The payout deadline (D30) of each collection carries what of it is still to be paid
-- out: a payout meets the oldest first, each when its own money has gone.
ALTER TABLE case_deadline ADD COLUMN money_vnd BIGINT;

-- Cases that hold money from before the ledger get it as an opening: one collection of
-- what they collected, one payout of what they paid, through the unit's bank account
-- (the paper receipts and vouchers stay on paper: no document rows), so that every
-- case's collected, paid and held equal what its ledger says, as `thads fsck` checks.
INSERT INTO ledger_account (unit_id, kind, case_id, payee_party_id, balance_vnd)
    SELECT unit_id, 'bank', 0, 0, SUM(collected_vnd - paid_vnd)
    FROM enforcement_case WHERE collected_vnd > 0 GROUP BY unit_id;
INSERT INTO ledger_account (unit_id, kind, case_id, payee_party_id, balance_vnd)
    SELECT unit_id, 'custody', id, 0, collected_vnd - paid_vnd
    FROM enforcement_case WHERE collected_vnd > 0;
INSERT INTO ledger_txn (unit_id, case_id, kind, occurred_on, recorded_at, memo)
    SELECT unit_id, id, 'collection', last_event_on, created_at, 'opening'
    FROM enforcement_case WHERE collected_vnd > 0;
INSERT INTO ledger_txn (unit_id, case_id, kind, occurred_on, recorded_at, memo)
    SELECT unit_id, id, 'payout', last_event_on, created_at, 'opening'
    FROM enforcement_case WHERE paid_vnd > 0;
INSERT INTO ledger_entry (txn_id, line, account_id, amount_vnd)
    SELECT t.id, 1, a.id, c.collected_vnd
    FROM ledger_txn t JOIN enforcement_case c ON c.id = t.case_id
    JOIN ledger_account a ON a.unit_id = c.unit_id AND a.kind = 'bank'
    WHERE t.kind = 'collection' AND t.memo = 'opening';
INSERT INTO ledger_entry (txn_id, line, account_id, amount_vnd)
    SELECT t.id, 2, a.id, -c.collected_vnd
    FROM ledger_txn t JOIN enforcement_case c ON c.id = t.case_id
    JOIN ledger_account a ON a.case_id = c.id AND a.kind = 'custody'
    WHERE t.kind = 'collection' AND t.memo = 'opening';
INSERT INTO ledger_entry (txn_id, line, account_id, amount_vnd)
    SELECT t.id, 1, a.id, c.paid_vnd
    FROM ledger_txn t JOIN enforcement_case c ON c.id = t.case_id
    JOIN ledger_account a ON a.case_id = c.id AND a.kind = 'custody'
    WHERE t.kind = 'payout' AND t.memo = 'opening';
INSERT INTO ledger_entry (txn_id, line, account_id, amount_vnd)
    SELECT t.id, 2, a.id, -c.paid_vnd
    FROM ledger_txn t JOIN enforcement_case c ON c.id = t.case_id
    JOIN ledger_account a ON a.unit_id = c.unit_id AND a.kind = 'bank'
    WHERE t.kind = 'payout' AND t.memo = 'opening';
