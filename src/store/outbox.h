/*
 * store/outbox.h — the durable outbox of notifications by email and fax, and the units'
 * contact addresses (migrations/0016_outbox.sql; issue 16).
 *
 * An operation that must tell another unit something (an exchange sent to a camp) calls
 * outbox_enqueue() inside its own open transaction: the message is a row committed, or
 * rolled back, with the exchange itself. Nothing is sent here; the delivery job of
 * `thads serve` (jobs/mail_job.h) claims pending rows, sends them over SMTP and records
 * each attempt, so an unreachable mail server delays the message and never the writer.
 *
 * Fax goes out as email to the receiving unit's email-to-fax gateway. A unit's gateway
 * (or THADS_FAX_GATEWAY when it has none) names the convention:
 *   - with "{fax}" in it ("{fax}@fax.example.vn"): the fax number's digits replace
 *     "{fax}" in the address and the subject is kept ("number in the address");
 *   - without ("fax@gw.example.vn"): the message goes to that address with the fax
 *     number's digits as its whole subject ("number in the subject"); the subject the
 *     sender wrote opens the body.
 * The row keeps the number and the unit's gateway as they were when enqueued; the job
 * builds the address when it sends.
 *
 * Each function runs inside the caller's transaction unless it says otherwise.
 */
#ifndef THADS_STORE_OUTBOX_H
#define THADS_STORE_OUTBOX_H

#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

typedef enum {
    OUTBOX_BY_UNIT = 0, /* the receiving unit's email if it has one, else its fax */
    OUTBOX_EMAIL = 1,   /* the receiving unit's email (or to_address) */
    OUTBOX_FAX = 2,     /* the receiving unit's fax number, through its gateway */
} outbox_channel_t;

typedef struct {
    /* Unique across the outbox: a second enqueue with a key already there writes nothing
     * and gives the first row's id (DB_OK), so an operation retried after a conflict
     * cannot notify twice. Put what makes the message one: "prison_exchange:42:sent". */
    const char *idem_key;
    const char *kind;         /* what it notifies: "prison_exchange", ... (<= 40 bytes) */
    int64_t from_unit_id;     /* the sending unit: its home page shows failures (0: none) */
    int64_t to_unit_id;       /* the receiving unit: its contact gives the address */
    outbox_channel_t channel; /* how to reach to_unit_id */
    const char *to_address;   /* NULL: from the unit; else this address (email) or number (fax) */
    const char *subject;      /* UTF-8, one line */
    const char *body;         /* UTF-8 text, lines separated by \n */
    /* An optional attachment (attach_name NULL: none): stored as given, sent base64. */
    const char *attach_name, *attach_type; /* "thong-bao-42.txt", "text/plain; charset=UTF-8" */
    const void *attach_data;
    size_t attach_len;
    /* What it is about, for lists and for finding it again: ("prison_exchange", 42). */
    const char *source_kind;
    int64_t source_id;
    int64_t created_at; /* unix microseconds; 0: now */
} outbox_msg_t;

/*
 * Write m as a pending message due now. DB_OK with *id_out (may be NULL); a row whose
 * receiving unit has no address for the channel is written too, but as failed with
 * last_error saying so (it shows on the sender's home page and in /metrics; a retry
 * after the address is entered reads it again). DB_CONSTRAINT for a message missing its
 * key, kind, subject or body or to no unit and no address; or the store error.
 */
int outbox_enqueue(db_t *db, const outbox_msg_t *m, int64_t *id_out);

/* ---- units' contact addresses ---- */

#define UNIT_EMAIL_MAX 254
#define UNIT_FAX_MAX   32

typedef struct {
    char email[UNIT_EMAIL_MAX + 1];       /* "" when none */
    char fax[UNIT_FAX_MAX + 1];           /* as entered: "+84 238 3844 123" */
    char fax_gateway[UNIT_EMAIL_MAX + 1]; /* "{fax}@fax.example.vn" or an address */
} unit_contact_t;

/* The unit's contact (all "" when it has none): DB_OK or the error. */
int unit_contact_get(db_t *db, int64_t unit_id, unit_contact_t *out);
/* Set the unit's contact (checked by the caller; "" clears a field): DB_OK or the error. */
int unit_contact_set(db_t *db, int64_t unit_id, const unit_contact_t *c, int64_t actor,
                     int64_t now);

/* ---- the delivery job's side (each its own statement; no caller transaction) ---- */

typedef struct {
    int64_t id, from_unit_id, to_unit_id, source_id;
    char idem_key[201], kind[41], channel[8], state[12], source_kind[41];
    char recipient[UNIT_EMAIL_MAX + 1], fax_gateway[UNIT_EMAIL_MAX + 1];
    char *subject, *body;            /* malloc'd (outbox_row_free) */
    char *attach_name, *attach_type; /* NULL: no attachment */
    char *attach_b64;                /* the attachment's bytes, base64 (no line breaks) */
    int64_t attempts, created_at, next_attempt_at, lease_until, sent_at;
    char last_error[1001];
} outbox_row_t;
void outbox_row_free(outbox_row_t *r);

/*
 * Claim the oldest pending message due by now, or a sending one whose lease ran out (a
 * process that died mid-delivery): it becomes sending, attempts + 1, leased until
 * lease_until. Runs its own transaction. DB_ROW with *out (outbox_row_free), DB_DONE
 * when nothing is due, or the error.
 */
int outbox_claim(db_t *db, int64_t now, int64_t lease_until, outbox_row_t *out);
/* Record one attempt of a claimed row and its outcome, in one transaction:
 *   ok:                 sent, sent_at = now;
 *   !ok, next_at > 0:   pending again from next_at, last_error = error;
 *   !ok, next_at == 0:  failed for good, last_error = error. */
int outbox_finish(db_t *db, int64_t id, int64_t now, int ok, const char *error, int64_t next_at);

/* A failed (or pending) message due again now, attempts from zero, its address read
 * again from its unit when it had none: DB_OK, DB_DONE (no such message, or sent or
 * being sent), or the error. Runs its own statement(s) in the caller's transaction. */
int outbox_retry(db_t *db, int64_t id, int64_t now);

typedef struct {
    int64_t pending, sending, sent, failed;
    int64_t oldest_pending_at; /* created_at of the oldest pending or sending (0: none) */
} outbox_counts_t;
/* Counts over the whole outbox (unit 0) or the messages one unit sent. */
int outbox_counts(db_t *db, int64_t from_unit_id, outbox_counts_t *out);

typedef int (*outbox_row_fn)(const outbox_row_t *r, void *arg);
/* Messages newest first, of one state (NULL: any), at most limit (no bodies read). */
int outbox_list(db_t *db, const char *state, int limit, outbox_row_fn fn, void *arg);
/* One message with its body and attachment: DB_ROW, DB_DONE or the error. */
int outbox_get(db_t *db, int64_t id, outbox_row_t *out);

typedef struct {
    int64_t at;
    int ok;
    char error[1001];
} outbox_attempt_row_t;
typedef int (*outbox_attempt_fn)(const outbox_attempt_row_t *a, void *arg);
/* A message's attempts, oldest first. */
int outbox_attempts(db_t *db, int64_t id, outbox_attempt_fn fn, void *arg);

#endif
