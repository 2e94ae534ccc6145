-- 0016: the outbox of notifications by email and fax, and the units' contact addresses
-- (issue 16; store/outbox.h, jobs/mail_job.h).
--
-- A message is written in the same transaction as what it notifies (an exchange sent to a
-- camp) and delivered later by the job in `thads serve`: pending -> sending (claimed, with
-- a lease) -> sent, or back to pending with a later next_attempt_at after a failed try, or
-- failed after the last. A process that dies while sending leaves the row sending with a
-- lease that runs out; the next claim takes it again (at-least-once; the idempotency key is
-- the message's Message-ID and X-Thads-Idempotency-Key, so a copy is recognisable).
CREATE TABLE outbox (
    id @id_pk@,
    idem_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    from_unit_id BIGINT REFERENCES unit (id),
    to_unit_id BIGINT REFERENCES unit (id),
    channel TEXT NOT NULL,          -- email, fax
    recipient TEXT,                 -- email: the address; fax: the number (NULL: none known)
    fax_gateway TEXT,               -- fax: the unit's gateway when enqueued (NULL: the default)
    subject TEXT NOT NULL,          -- UTF-8
    body TEXT NOT NULL,             -- UTF-8
    attach_name TEXT,
    attach_type TEXT,
    attach_b64 TEXT,                -- the attachment's bytes, base64
    source_kind TEXT,               -- what it is about: prison_exchange
    source_id BIGINT,
    state TEXT NOT NULL,            -- pending, sending, sent, failed
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL, -- unix microseconds
    lease_until BIGINT,             -- sending: claimed until then
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    CHECK (channel IN ('email', 'fax')),
    CHECK (state IN ('pending', 'sending', 'sent', 'failed'))
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_sender ON outbox (from_unit_id, state);
CREATE INDEX outbox_by_source ON outbox (source_kind, source_id);

-- Every attempt to deliver a message, in order.
CREATE TABLE outbox_attempt (
    outbox_id BIGINT NOT NULL REFERENCES outbox (id),
    attempt BIGINT NOT NULL,
    at BIGINT NOT NULL,
    ok INTEGER NOT NULL,
    error TEXT,
    PRIMARY KEY (outbox_id, attempt)
);

-- How to reach a unit: email, fax number, and the email-to-fax gateway its faxes go
-- through ("{fax}@fax.example.vn" puts the number in the address; a plain address puts it
-- in the subject). NULL: none.
CREATE TABLE unit_contact (
    unit_id BIGINT PRIMARY KEY REFERENCES unit (id),
    email TEXT,
    fax TEXT,
    fax_gateway TEXT,
    updated_by BIGINT REFERENCES app_user (id),
    updated_at BIGINT NOT NULL
);
