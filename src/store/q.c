#include "store/q.h"
#include "store/db_impl.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Dates formatted for binding, one per parameter, where a statement run to its end
 * within the call can borrow them (and the callers' strings) instead of copying. */
typedef char date_texts_t[DB_MAX_PARAMS][11];

/* Bind the parameters; with dates != NULL text is borrowed (db_bind_text_borrowed), the
 * caller stepping the statement to its end and giving it back before returning. */
static int bind_all(db_stmt_t *st, const char *types, va_list ap, date_texts_t *dates)
{
    for (int i = 0; types[i] != '\0'; i++) {
        int rc = DB_ERROR, idx = i + 1;
        switch (types[i]) {
        case 'i':
            rc = db_bind_int64(st, idx, va_arg(ap, int64_t));
            break;
        case 'I': {
            int64_t v = va_arg(ap, int64_t);
            rc = v ? db_bind_int64(st, idx, v) : db_bind_null(st, idx);
            break;
        }
        case 's':
            rc = dates ? db_bind_text_borrowed(st, idx, va_arg(ap, const char *))
                       : db_bind_text(st, idx, va_arg(ap, const char *));
            break;
        case 'b':
            rc = db_bind_int64(st, idx, va_arg(ap, int) ? 1 : 0);
            break;
        case 'd': {
            civil_date_t d = (civil_date_t)va_arg(ap, int); /* promoted */
            char buf[11];
            if (d == CIVIL_DATE_INVALID) {
                rc = db_bind_null(st, idx);
            } else if (dates != NULL && i < DB_MAX_PARAMS) {
                civil_date_format(d, (*dates)[i]);
                rc = db_bind_text_borrowed(st, idx, (*dates)[i]);
            } else {
                civil_date_format(d, buf);
                rc = db_bind_text(st, idx, buf);
            }
            break;
        }
        default: /* a programming error in the type string */
            return db_fail(st->db, DB_ERROR, "HY000", "parameter %d: no type '%c'", idx, types[i]);
        }
        if (rc != DB_OK)
            return rc;
    }
    return DB_OK;
}

static int vopen(db_t *db, db_stmt_t **st, const char *sql, int replanned, const char *types,
                 va_list ap, date_texts_t *dates)
{
    int rc = replanned ? db_prepare_replanned(db, sql, st) : db_prepare_cached(db, sql, st);

    if (rc != DB_OK)
        return rc;
    rc = bind_all(*st, types, ap, dates);
    if (rc != DB_OK) {
        db_finalize(*st);
        *st = NULL;
    }
    return rc;
}

int q_open(db_t *db, db_stmt_t **st, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vopen(db, st, sql, 0, types, ap, NULL); /* the caller steps later: copies */
    va_end(ap);
    return rc;
}

int q_open_replanned(db_t *db, db_stmt_t **st, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vopen(db, st, sql, 1, types, ap, NULL);
    va_end(ap);
    return rc;
}

/* Step st to its end and give it back: DB_OK with *changes (NULL: the count is not read,
 * and a pipelining connection need not wait for it, db_pipelined), or the error. */
static int run_to_end(db_stmt_t *st, int64_t *changes)
{
    int rc;

    st->answer_unread = changes == NULL;
    while ((rc = db_step(st)) == DB_ROW)
        ;
    st->answer_unread = 0;
    if (rc == DB_DONE && changes)
        *changes = db_changes(st);
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int q_exec_n(db_t *db, int64_t *changes, const char *sql, const char *types, ...)
{
    date_texts_t dates;
    db_stmt_t *st;
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vopen(db, &st, sql, 0, types, ap, &dates);
    va_end(ap);
    return rc == DB_OK ? run_to_end(st, changes) : rc;
}

/* The first column of the first row: DB_ROW with *out, DB_DONE, or the error. */
static int vfirst_int64(db_t *db, int64_t *out, const char *sql, const char *types, va_list ap)
{
    date_texts_t dates;
    db_stmt_t *st;
    int rc = vopen(db, &st, sql, 0, types, ap, &dates);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW)
        *out = db_column_int64(st, 0);
    db_finalize(st);
    return rc;
}

int q_int64(db_t *db, int64_t *out, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vfirst_int64(db, out, sql, types, ap);
    va_end(ap);
    return rc;
}

int q_each_id_text(db_t *db, const char *sql, db_id_text_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, sql, "");

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW)
        if (fn(db_column_int64(st, 0), db_column_text(st, 1), arg) != 0)
            break;
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc == DB_ROW ? DB_DONE : rc;
}

int q_returning_id(db_t *db, int64_t *id, const char *sql, const char *types, ...)
{
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vfirst_int64(db, id, sql, types, ap);
    va_end(ap);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int q_exec_rowid(db_t *db, int64_t *id, const char *sql, const char *types, ...)
{
    date_texts_t dates;
    db_stmt_t *st;
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vopen(db, &st, sql, 0, types, ap, &dates);
    va_end(ap);
    if (rc != DB_OK || (rc = run_to_end(st, NULL)) != DB_OK)
        return rc;
    *id = db_last_insert_rowid(db);
    return DB_OK;
}

int q_insert_ahead(db_t *db, int64_t *id, const char *table, const char *with_id,
                   const char *returning, const char *plain, const char *types, ...)
{
    date_texts_t dates;
    db_stmt_t *st;
    va_list ap;
    int rc = db_take_id(db, table, id);

    if (rc != DB_OK && rc != DB_DONE)
        return rc;
    va_start(ap, types);
    if (rc == DB_OK) { /* the id is the last parameter */
        rc = vopen(db, &st, with_id, 0, types, ap, &dates);
        if (rc == DB_OK && (rc = db_bind_int64(st, (int)strlen(types) + 1, *id)) != DB_OK)
            db_finalize(st);
        else if (rc == DB_OK)
            rc = run_to_end(st, NULL);
    } else if (db_engine(db) == DB_ENGINE_POSTGRES) {
        rc = vfirst_int64(db, id, returning, types, ap);
        rc = rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
    } else if ((rc = vopen(db, &st, plain, 0, types, ap, &dates)) == DB_OK &&
               (rc = run_to_end(st, NULL)) == DB_OK) {
        *id = db_last_insert_rowid(db);
    }
    va_end(ap);
    return rc;
}

civil_date_t q_date(const db_stmt_t *st, int col)
{
    const char *s = db_column_text(st, col);
    civil_date_t d;

    if (s == NULL || civil_date_parse(s, &d) != 0)
        return CIVIL_DATE_INVALID;
    return d;
}

/* Not snprintf: a list page copies 600 texts, and "%s" through vfprintf cost 7% of it. */
void q_text(const db_stmt_t *st, int col, char *buf, size_t len)
{
    const char *s = db_column_text(st, col);
    size_t n;

    if (len == 0)
        return;
    n = s != NULL ? strnlen(s, len - 1) : 0;
    if (n > 0)
        memcpy(buf, s, n);
    buf[n] = '\0';
}

char *q_id_list(const int64_t *ids, size_t n)
{
    char *list = malloc(n * 22 + 3); /* "-9223372036854775808," each */
    size_t len = 0;

    if (list == NULL)
        return NULL;
    list[len++] = '[';
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(list + len, "%s%" PRId64, i ? "," : "", ids[i]);
    list[len++] = ']', list[len] = '\0';
    return list;
}

int64_t q_now_micros(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int q_explain(db_t *db, const char *name, const char *sql, const char *types, const char *text,
              civil_date_t day, db_plan_fn fn, void *arg)
{
    int sqlite = db_engine(db) == DB_ENGINE_SQLITE, rc;
    size_t len = strlen(sql) + 32;
    char *explain = malloc(len), date[11];
    db_stmt_t *st;

    if (explain == NULL)
        return db_fail_nomem(db);
    snprintf(explain, len, "%s%s", sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ", sql);
    rc = db_prepare(db, explain, &st);
    free(explain);
    if (rc != DB_OK)
        return rc;
    civil_date_format(day, date);
    for (int p = 0; types[p] != '\0'; p++)
        if (types[p] == 's' || types[p] == 'd')
            db_bind_text(st, p + 1, types[p] == 's' ? text : date);
        else
            db_bind_int64(st, p + 1, 1);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *line = db_column_text(st, sqlite ? 3 : 0);
        if (fn(name, line ? line : "", arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void q_ids_sort(int64_t *ids, size_t n)
{
    if (n > 1)
        qsort(ids, n, sizeof *ids, cmp_id);
}

int q_ids_hold(const int64_t *ids, size_t n, int64_t id)
{
    return n > 0 && bsearch(&id, ids, n, sizeof *ids, cmp_id) != NULL;
}

int q_ids(db_t *db, db_stmt_t *st, int64_t **ids, size_t *n)
{
    size_t cap = 0;
    int rc;

    *ids = NULL, *n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            int64_t *t = realloc(*ids, (cap = cap ? 2 * cap : 64) * sizeof *t);
            if (t == NULL) {
                rc = db_fail_nomem(db);
                break;
            }
            *ids = t;
        }
        (*ids)[(*n)++] = db_column_int64(st, 0);
    }
    db_finalize(st);
    if (rc == DB_DONE)
        return DB_OK;
    free(*ids), *ids = NULL, *n = 0;
    return rc;
}
