/*
 * ops/case_flags.c — a case's flags over time and the restatement of its deltas
 * (ops/case_flags.h).
 */
#include "ops/case_flags.h"
#include "store/cases.h"
#include "store/prisoners.h"
#include "store/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    case_flag_days_t *t;
    int full;
} spans_t;

static int keep_span(civil_date_t from, civil_date_t to, void *arg)
{
    spans_t *s = arg;

    if (s->t->nspans == CASE_FLAG_SPANS_MAX)
        return s->full = 1;
    s->t->spans[s->t->nspans++] = (stat_span_t){from, to};
    return 0;
}

int case_flag_days_load(db_t *db, int64_t case_id, int flags, case_flag_days_t *t)
{
    spans_t s = {t, 0};
    int rc;

    t->static_flags = flags & STAT_FLAGS_STATIC;
    t->nspans = t->nchanges = 0;
    if (!(flags & STAT_FLAG_PRISONER))
        return DB_OK;
    if ((rc = prisoner_case_stays(db, case_id, keep_span, &s)) != DB_OK)
        return rc;
    if (s.full)
        return DB_NOMEM;
    t->nchanges =
        stat_flag_changes(t->spans, t->nspans, t->changes, (size_t)2 * CASE_FLAG_SPANS_MAX);
    return DB_OK;
}

/* One key of the case's rows: what is stored (cur) and what it should hold (want). */
typedef struct {
    int64_t unit_id;
    char category[24], bucket[32];
    civil_date_t day;
    int flags; /* -1: a base row (summed over flags) */
    int64_t cur_cases, cur_money, want_cases, want_money;
} row_t;

typedef struct {
    row_t *r;
    size_t n, cap;
    int nomem;
    const row_t *base; /* the base row being spread (emit) */
} rows_t;

static row_t *find_or_add(rows_t *rs, int64_t unit_id, const char *category, civil_date_t day,
                          const char *bucket, int flags)
{
    row_t *x;

    for (size_t i = 0; i < rs->n; i++) {
        x = &rs->r[i];
        if (x->unit_id == unit_id && x->day == day && x->flags == flags &&
            strcmp(x->bucket, bucket) == 0 && strcmp(x->category, category) == 0)
            return x;
    }
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 32;
        row_t *n = realloc(rs->r, cap * sizeof *n);
        if (n == NULL) {
            rs->nomem = 1;
            return NULL;
        }
        rs->r = n;
        rs->cap = cap;
    }
    x = &rs->r[rs->n++];
    memset(x, 0, sizeof *x);
    x->unit_id = unit_id;
    snprintf(x->category, sizeof x->category, "%s", category);
    snprintf(x->bucket, sizeof x->bucket, "%s", bucket);
    x->day = day;
    x->flags = flags;
    return x;
}

static int is_move(const char *bucket)
{
    if (strncmp(bucket, "app:", 4) == 0)
        bucket += 4;
    return strcmp(bucket, STAT_BUCKET_PRISONER_IN) == 0 ||
           strcmp(bucket, STAT_BUCKET_PRISONER_OUT) == 0;
}

typedef struct {
    rows_t stored, base;
} restate_t;

static int keep_row(int64_t unit_id, const char *category, civil_date_t day, const char *bucket,
                    int flags, int64_t cases, int64_t amount_vnd, void *arg)
{
    restate_t *s = arg;
    row_t *x = find_or_add(&s->stored, unit_id, category, day, bucket, flags);

    if (x == NULL)
        return 1;
    x->cur_cases += cases;
    x->cur_money += amount_vnd;
    if (is_move(bucket)) /* made again from the base rows */
        return 0;
    if ((x = find_or_add(&s->base, unit_id, category, day, bucket, -1)) == NULL)
        return 1;
    x->want_cases += cases;
    x->want_money += amount_vnd;
    return 0;
}

static int emit(civil_date_t day, const char *bucket, int flags, int64_t cases, int64_t amount_vnd,
                void *arg)
{
    rows_t *rs = arg;
    row_t *x = find_or_add(rs, rs->base->unit_id, rs->base->category, day, bucket, flags);

    if (x == NULL)
        return 1;
    x->want_cases += cases;
    x->want_money += amount_vnd;
    return 0;
}

int case_flags_restate(db_t *db, int64_t case_id, int flags)
{
    case_flag_days_t *t = malloc(sizeof *t);
    restate_t s;
    int rc;

    memset(&s, 0, sizeof s);
    if (t == NULL)
        return DB_NOMEM;
    if ((rc = case_flag_days_load(db, case_id, flags, t)) != DB_OK)
        goto out;
    rc = stat_case_rows(db, case_id, keep_row, &s);
    if (rc == DB_OK && (s.stored.nomem || s.base.nomem))
        rc = DB_NOMEM;
    for (size_t i = 0; rc == DB_OK && i < s.base.n; i++) {
        const row_t *b = &s.base.r[i];
        if (b->want_cases == 0 && b->want_money == 0)
            continue;
        s.stored.base = b;
        if (stat_flags_expand(t->static_flags, t->spans, t->nspans, t->changes, t->nchanges, b->day,
                              b->bucket, b->want_cases, b->want_money, emit, &s.stored) != 0)
            rc = DB_NOMEM;
    }
    for (size_t i = 0; rc == DB_OK && i < s.stored.n; i++) {
        const row_t *x = &s.stored.r[i];
        int64_t dc = x->want_cases - x->cur_cases, dm = x->want_money - x->cur_money;
        if (dc == 0 && dm == 0)
            continue;
        if ((rc = stat_case_add(db, case_id, x->unit_id, x->day, x->category, x->flags, x->bucket,
                                dc, dm)) != DB_OK ||
            (rc = stat_delta_add(db, x->unit_id, x->day, x->category, x->flags, x->bucket, dc,
                                 dm)) != DB_OK)
            break;
    }
    if (rc == DB_OK)
        rc = stat_case_prune(db, case_id);
out:
    free(s.stored.r);
    free(s.base.r);
    free(t);
    return rc;
}

typedef struct {
    int64_t *ids;
    size_t n, cap;
    int nomem;
} ids_t;

static int keep_id(int64_t case_id, void *arg)
{
    ids_t *x = arg;

    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 8;
        int64_t *n = realloc(x->ids, cap * sizeof *n);
        if (n == NULL)
            return x->nomem = 1;
        x->ids = n;
        x->cap = cap;
    }
    x->ids[x->n++] = case_id;
    return 0;
}

int case_flags_prisoner_changed(db_t *db, int64_t party_id)
{
    ids_t x = {0};
    case_row_t *c = malloc(sizeof *c);
    int rc = c == NULL ? DB_NOMEM : prisoner_debtor_cases(db, party_id, keep_id, &x);

    if (rc == DB_OK && x.nomem)
        rc = DB_NOMEM;
    /* the cases in id order, as every writer locks them: no deadlock between two */
    for (size_t i = 0; rc == DB_OK && i < x.n; i++) {
        if ((rc = cases_lock(db, x.ids[i])) != DB_OK)
            break;
        if ((rc = cases_get(db, x.ids[i], c)) != DB_ROW) {
            rc = rc == DB_DONE ? DB_ERROR : rc;
            break;
        }
        if (!(c->flags & STAT_FLAG_PRISONER) &&
            (rc = cases_set_flags(db, c->id, c->flags | STAT_FLAG_PRISONER)) != DB_OK)
            break;
        rc = case_flags_restate(db, c->id, c->flags | STAT_FLAG_PRISONER);
    }
    free(x.ids);
    free(c);
    return rc;
}
