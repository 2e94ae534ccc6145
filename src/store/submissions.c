/*
 * store/submissions.c — submitted reports (store/submissions.h).
 */
#include "store/submissions.h"

#include "store/db_impl.h"
#include "store/q.h"

#include <stdlib.h>
#include <string.h>

#define COLUMNS                                                                                    \
    "s.id, s.unit_id, s.submitted_by, s.submitted_at, s.period_from, s.period_to, s.hash, "        \
    "u.code, au.full_name, s.body "
#define JOINS                                                                                      \
    "FROM report_submission s JOIN unit u ON u.id = s.unit_id "                                    \
    "LEFT JOIN app_user au ON au.id = s.submitted_by "

void submission_free(submission_t *s)
{
    free(s->body);
    s->body = NULL;
}

int submission_insert(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                      const char *body, const char *hash, int64_t by, int64_t at, int64_t *id)
{
    int64_t n = 0;
    int rc = q_int64(db, &n,
                     "SELECT COUNT(*) FROM report_submission WHERE unit_id = $1 AND "
                     "period_from = $2 AND period_to = $3",
                     "idd", unit_id, from, to);

    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_ERROR : rc;
    if (n > 0)
        return DB_CONSTRAINT;
    return q_insert_id(db, id,
                       "INSERT INTO report_submission (unit_id, period_from, period_to, body, "
                       "hash, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       "iddssIi", unit_id, from, to, body, hash, by, at);
}

/* Read one row of COLUMNS into out (the body when with_body). */
static int read_row(db_stmt_t *st, submission_t *out, int with_body)
{
    memset(out, 0, sizeof *out);
    out->id = db_column_int64(st, 0);
    out->unit_id = db_column_int64(st, 1);
    out->submitted_by = db_column_int64(st, 2);
    out->submitted_at = db_column_int64(st, 3);
    out->from = q_date(st, 4);
    out->to = q_date(st, 5);
    q_text(st, 6, out->hash, sizeof out->hash);
    q_text(st, 7, out->unit_code, sizeof out->unit_code);
    q_text(st, 8, out->submitted_by_name, sizeof out->submitted_by_name);
    if (with_body) {
        const char *b = db_column_text(st, 9);
        if ((out->body = strdup(b ? b : "")) == NULL)
            return db_fail_nomem(st->db);
    }
    return DB_ROW;
}

static int one(db_stmt_t *st, submission_t *out)
{
    int rc = db_step(st);

    if (rc == DB_ROW)
        rc = read_row(st, out, 1);
    db_finalize(st);
    return rc;
}

int submission_get(db_t *db, int64_t id, submission_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, "SELECT " COLUMNS JOINS "WHERE s.id = $1", "i", id);
    return rc != DB_OK ? rc : one(st, out);
}

int submission_find(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                    submission_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " COLUMNS JOINS
                    "WHERE s.unit_id = $1 AND s.period_from = $2 AND s.period_to = $3",
                    "idd", unit_id, from, to);
    return rc != DB_OK ? rc : one(st, out);
}

int submission_ending(db_t *db, int64_t unit_id, civil_date_t to, submission_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " COLUMNS JOINS
                    "WHERE s.unit_id = $1 AND s.period_to = $2 ORDER BY s.period_from LIMIT 1",
                    "id", unit_id, to);
    return rc != DB_OK ? rc : one(st, out);
}

int submissions_of_unit(db_t *db, int64_t unit_id, submission_fn fn, void *arg)
{
    submission_t s;
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " COLUMNS JOINS
                    "WHERE s.unit_id = $1 ORDER BY s.period_to DESC, s.period_from DESC",
                    "i", unit_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        read_row(st, &s, 0);
        if (fn(&s, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
