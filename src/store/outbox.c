/*
 * store/outbox.c — the outbox of notifications and the units' contact addresses
 * (store/outbox.h, migrations/0016_outbox.sql).
 */
#include "store/outbox.h"

#include "core/mail.h"
#include "store/db_impl.h"
#include "store/q.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char NO_ADDRESS[] = "Đơn vị nhận chưa có địa chỉ email hoặc số fax / "
                                 "the receiving unit has no email address or fax number";

static const char INTERRUPTED[] = "interrupted: the sender stopped while delivering (the "
                                  "server may have accepted it; sent again with the same "
                                  "Message-ID)";

static char *dup_text(const db_stmt_t *st, int col)
{
    const char *s = db_column_is_null(st, col) ? NULL : db_column_text(st, col);
    return s != NULL ? strdup(s) : NULL;
}

static const char *nz(const char *s)
{
    return s != NULL && *s ? s : NULL;
}

/* ---- contacts ---- */

int unit_contact_get(db_t *db, int64_t unit_id, unit_contact_t *out)
{
    db_stmt_t *st;
    memset(out, 0, sizeof *out);
    int rc = q_open(db, &st, "SELECT email, fax, fax_gateway FROM unit_contact WHERE unit_id = $1",
                    "i", unit_id);
    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        q_text(st, 0, out->email, sizeof out->email);
        q_text(st, 1, out->fax, sizeof out->fax);
        q_text(st, 2, out->fax_gateway, sizeof out->fax_gateway);
    }
    db_finalize(st);
    return rc == DB_ROW || rc == DB_DONE ? DB_OK : rc;
}

int unit_contact_set(db_t *db, int64_t unit_id, const unit_contact_t *c, int64_t actor, int64_t now)
{
    return q_exec(db,
                  "INSERT INTO unit_contact (unit_id, email, fax, fax_gateway, updated_by, "
                  "updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit_id) DO UPDATE "
                  "SET email = $2, fax = $3, fax_gateway = $4, updated_by = $5, updated_at = $6",
                  "isssIi", unit_id, nz(c->email), nz(c->fax), nz(c->fax_gateway), actor, now);
}

/* ---- enqueue ---- */

/* The recipient of a channel from the unit's contact: 0 with channel, recipient (NULL:
 * none) and gateway set. */
static int resolve(db_t *db, int64_t unit_id, outbox_channel_t want, const char **channel,
                   char *recipient, size_t rlen, char *gateway, size_t glen)
{
    unit_contact_t c;
    int rc = DB_OK;
    recipient[0] = gateway[0] = '\0';
    if (unit_id != 0 && (rc = unit_contact_get(db, unit_id, &c)) != DB_OK)
        return rc;
    if (unit_id == 0)
        memset(&c, 0, sizeof c);
    if (want == OUTBOX_EMAIL || (want == OUTBOX_BY_UNIT && (c.email[0] || !c.fax[0]))) {
        *channel = "email";
        snprintf(recipient, rlen, "%s", c.email);
    } else {
        *channel = "fax";
        snprintf(recipient, rlen, "%s", c.fax);
        snprintf(gateway, glen, "%s", c.fax_gateway);
    }
    return DB_OK;
}

static int key_ok(const char *s)
{
    if (s == NULL || *s == '\0' || strlen(s) > 200)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 33 || *p > 126)
            return 0;
    return 1;
}

int outbox_enqueue(db_t *db, const outbox_msg_t *m, int64_t *id_out)
{
    int64_t id = 0, now;
    int rc;
    if (m == NULL || !key_ok(m->idem_key) || m->kind == NULL || !*m->kind || m->subject == NULL ||
        m->body == NULL || (m->to_unit_id == 0 && nz(m->to_address) == NULL) ||
        (m->attach_name != NULL && m->attach_data == NULL && m->attach_len > 0))
        return DB_CONSTRAINT;
    rc = q_int64(db, &id, "SELECT id FROM outbox WHERE idem_key = $1", "s", m->idem_key);
    if (rc == DB_ROW) {
        if (id_out != NULL)
            *id_out = id;
        return DB_OK;
    }
    if (rc != DB_DONE)
        return rc;

    const char *channel = "email";
    char recipient[UNIT_EMAIL_MAX + 1], gateway[UNIT_EMAIL_MAX + 1];
    if (nz(m->to_address) != NULL) {
        channel = m->channel == OUTBOX_FAX ? "fax" : "email";
        snprintf(recipient, sizeof recipient, "%s", m->to_address);
        gateway[0] = '\0';
        if (m->channel == OUTBOX_FAX && m->to_unit_id != 0) {
            unit_contact_t c;
            if ((rc = unit_contact_get(db, m->to_unit_id, &c)) != DB_OK)
                return rc;
            snprintf(gateway, sizeof gateway, "%s", c.fax_gateway);
        }
    } else if ((rc = resolve(db, m->to_unit_id, m->channel, &channel, recipient, sizeof recipient,
                             gateway, sizeof gateway)) != DB_OK) {
        return rc;
    }

    char *b64 = NULL;
    if (m->attach_name != NULL &&
        (b64 = mail_base64(m->attach_data ? m->attach_data : "", m->attach_len)) == NULL)
        return db_fail_nomem(db);
    now = m->created_at ? m->created_at : q_now_micros();
    int have = recipient[0] != '\0';
    rc = q_insert_id(db, &id,
                     "INSERT INTO outbox (idem_key, kind, from_unit_id, to_unit_id, channel, "
                     "recipient, fax_gateway, subject, body, attach_name, attach_type, attach_b64, "
                     "source_kind, source_id, state, attempts, next_attempt_at, last_error, "
                     "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                     "$14, $15, 0, $16, $17, $16)",
                     "ssIIsssssssssIsis", m->idem_key, m->kind, m->from_unit_id, m->to_unit_id,
                     channel, nz(recipient), nz(gateway), m->subject, m->body, m->attach_name,
                     m->attach_name ? m->attach_type : NULL, b64, m->source_kind, m->source_id,
                     have ? "pending" : "failed", now, have ? NULL : NO_ADDRESS);
    free(b64);
    if (rc == DB_OK && id_out != NULL)
        *id_out = id;
    return rc;
}

/* ---- the job's side ---- */

void outbox_row_free(outbox_row_t *r)
{
    free(r->subject);
    free(r->body);
    free(r->attach_name);
    free(r->attach_type);
    free(r->attach_b64);
    r->subject = r->body = r->attach_name = r->attach_type = r->attach_b64 = NULL;
}

#define OUTBOX_COLUMNS                                                                             \
    "id, from_unit_id, to_unit_id, source_id, idem_key, kind, channel, state, source_kind, "       \
    "recipient, fax_gateway, attempts, created_at, next_attempt_at, lease_until, sent_at, "        \
    "last_error"

static void read_row(db_stmt_t *st, outbox_row_t *r)
{
    memset(r, 0, sizeof *r);
    r->id = db_column_int64(st, 0);
    r->from_unit_id = db_column_int64(st, 1);
    r->to_unit_id = db_column_int64(st, 2);
    r->source_id = db_column_int64(st, 3);
    q_text(st, 4, r->idem_key, sizeof r->idem_key);
    q_text(st, 5, r->kind, sizeof r->kind);
    q_text(st, 6, r->channel, sizeof r->channel);
    q_text(st, 7, r->state, sizeof r->state);
    q_text(st, 8, r->source_kind, sizeof r->source_kind);
    q_text(st, 9, r->recipient, sizeof r->recipient);
    q_text(st, 10, r->fax_gateway, sizeof r->fax_gateway);
    r->attempts = db_column_int64(st, 11);
    r->created_at = db_column_int64(st, 12);
    r->next_attempt_at = db_column_int64(st, 13);
    r->lease_until = db_column_int64(st, 14);
    r->sent_at = db_column_int64(st, 15);
    q_text(st, 16, r->last_error, sizeof r->last_error);
}

int outbox_get(db_t *db, int64_t id, outbox_row_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " OUTBOX_COLUMNS ", subject, body, attach_name, attach_type, "
                    "attach_b64 FROM outbox WHERE id = $1",
                    "i", id);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        read_row(st, out);
        out->subject = dup_text(st, 17);
        out->body = dup_text(st, 18);
        out->attach_name = dup_text(st, 19);
        out->attach_type = dup_text(st, 20);
        out->attach_b64 = dup_text(st, 21);
        if (out->subject == NULL || out->body == NULL ||
            (!db_column_is_null(st, 19) && out->attach_name == NULL) ||
            (!db_column_is_null(st, 21) && out->attach_b64 == NULL)) {
            outbox_row_free(out);
            rc = db_fail_nomem(db);
        }
    }
    db_finalize(st);
    return rc;
}

int outbox_claim(db_t *db, int64_t now, int64_t lease_until, outbox_row_t *out)
{
    int64_t id = 0, changes = 0;
    int rc = db_begin(db);
    if (rc != DB_OK)
        return rc;
    rc = q_int64(db, &id,
                 "SELECT id FROM outbox WHERE (state = 'pending' AND next_attempt_at <= $1) OR "
                 "(state = 'sending' AND lease_until <= $1) ORDER BY next_attempt_at, id LIMIT 1",
                 "i", now);
    if (rc == DB_ROW) {
        /* a row still sending was claimed by a process that stopped mid-delivery: its
         * attempt is recorded as interrupted (the server may or may not have taken it) */
        rc = q_exec(db,
                    "INSERT INTO outbox_attempt (outbox_id, attempt, at, ok, error) SELECT id, "
                    "attempts, lease_until, 0, $2 FROM outbox WHERE id = $1 AND state = "
                    "'sending' ON CONFLICT (outbox_id, attempt) DO NOTHING",
                    "is", id, INTERRUPTED);
    }
    if (rc == DB_OK) {
        /* the condition again: of two processes claiming at once, one changes the row */
        rc = q_exec_n(db, &changes,
                      "UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                      "lease_until = $3 WHERE id = $1 AND ((state = 'pending' AND "
                      "next_attempt_at <= $2) OR (state = 'sending' AND lease_until <= $2))",
                      "iii", id, now, lease_until);
        if (rc == DB_OK)
            rc = changes == 1 ? DB_ROW : DB_DONE;
    }
    if (rc != DB_ROW) {
        db_rollback(db);
        return rc;
    }
    if ((rc = db_commit(db)) != DB_OK)
        return rc;
    rc = outbox_get(db, id, out);
    return rc;
}

int outbox_finish(db_t *db, int64_t id, int64_t now, int ok, const char *error, int64_t next_at)
{
    int64_t attempt = 0;
    int rc = db_begin(db);
    if (rc != DB_OK)
        return rc;
    rc = q_int64(db, &attempt, "SELECT attempts FROM outbox WHERE id = $1", "i", id);
    if (rc == DB_ROW)
        rc = q_exec(db,
                    "INSERT INTO outbox_attempt (outbox_id, attempt, at, ok, error) VALUES ($1, "
                    "$2, $3, $4, $5) ON CONFLICT (outbox_id, attempt) DO NOTHING",
                    "iiibs", id, attempt, now, ok, ok ? NULL : error);
    if (rc == DB_OK) {
        if (ok)
            rc = q_exec(db,
                        "UPDATE outbox SET state = 'sent', sent_at = $2, lease_until = NULL, "
                        "last_error = NULL WHERE id = $1",
                        "ii", id, now);
        else if (next_at > 0)
            rc = q_exec(db,
                        "UPDATE outbox SET state = 'pending', next_attempt_at = $2, "
                        "lease_until = NULL, last_error = $3 WHERE id = $1",
                        "iis", id, next_at, error);
        else
            rc = q_exec(db,
                        "UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = $2 "
                        "WHERE id = $1",
                        "is", id, error);
    }
    if (rc != DB_OK) {
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

int outbox_retry(db_t *db, int64_t id, int64_t now)
{
    outbox_row_t r = {0};
    int rc = outbox_get(db, id, &r);
    if (rc != DB_ROW)
        return rc;
    int64_t to_unit = r.to_unit_id;
    int retryable = strcmp(r.state, "failed") == 0 || strcmp(r.state, "pending") == 0;
    int no_address = r.recipient[0] == '\0';
    outbox_row_free(&r);
    if (!retryable)
        return DB_DONE;
    if (no_address) {
        const char *channel = "email";
        char recipient[UNIT_EMAIL_MAX + 1], gateway[UNIT_EMAIL_MAX + 1];
        if ((rc = resolve(db, to_unit, OUTBOX_BY_UNIT, &channel, recipient, sizeof recipient,
                          gateway, sizeof gateway)) != DB_OK)
            return rc;
        if (recipient[0] == '\0')
            return q_exec(db, "UPDATE outbox SET last_error = $2 WHERE id = $1", "is", id,
                          NO_ADDRESS);
        rc = q_exec(db,
                    "UPDATE outbox SET channel = $2, recipient = $3, fax_gateway = $4 "
                    "WHERE id = $1",
                    "isss", id, channel, recipient, nz(gateway));
        if (rc != DB_OK)
            return rc;
    }
    /* attempts are numbered on: the history of the earlier ones stays */
    return q_exec(db,
                  "UPDATE outbox SET state = 'pending', next_attempt_at = $2, last_error = NULL "
                  "WHERE id = $1 AND state IN ('failed', 'pending')",
                  "ii", id, now);
}

int outbox_counts(db_t *db, int64_t from_unit_id, outbox_counts_t *out)
{
    db_stmt_t *st;
    memset(out, 0, sizeof *out);
    int rc = q_open(db, &st,
                    "SELECT state, COUNT(*), MIN(created_at) FROM outbox WHERE $1 = 0 OR "
                    "from_unit_id = $1 GROUP BY state",
                    "i", from_unit_id);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *s = db_column_text(st, 0);
        int64_t n = db_column_int64(st, 1), oldest = db_column_int64(st, 2);
        if (s == NULL)
            continue;
        if (strcmp(s, "pending") == 0 || strcmp(s, "sending") == 0) {
            if (out->oldest_pending_at == 0 || oldest < out->oldest_pending_at)
                out->oldest_pending_at = oldest;
            if (s[0] == 'p')
                out->pending = n;
            else
                out->sending = n;
        } else if (strcmp(s, "sent") == 0) {
            out->sent = n;
        } else if (strcmp(s, "failed") == 0) {
            out->failed = n;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int outbox_list(db_t *db, const char *state, int limit, outbox_row_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE CAST($1 AS TEXT) IS NULL OR "
                    "state = $1 ORDER BY id DESC LIMIT $2",
                    "si", state, (int64_t)(limit > 0 ? limit : 100));
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        outbox_row_t r;
        read_row(st, &r);
        if (fn(&r, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int outbox_attempts(db_t *db, int64_t id, outbox_attempt_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(
        db, &st, "SELECT at, ok, error FROM outbox_attempt WHERE outbox_id = $1 ORDER BY attempt",
        "i", id);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        outbox_attempt_row_t a;
        a.at = db_column_int64(st, 0);
        a.ok = (int)db_column_int64(st, 1);
        q_text(st, 2, a.error, sizeof a.error);
        if (fn(&a, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
