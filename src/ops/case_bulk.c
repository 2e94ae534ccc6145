/*
 * ops/case_bulk.c — a bulk load of new cases, for an importer (cli/import_cases.c): each
 * case gets every rule of the everyday path (ops/case_ops.c: the same draft, played by
 * the case engine), with what a million of them in one transaction can share:
 *   - their histories are rebuilt, so only the deadlines they leave open are written;
 *   - their statistics deltas are summed in memory on the thread that plays them
 *     (case_bulk_prepare) and written once per key at the end (case_bulk_write_sums);
 *   - on PostgreSQL, so are the changes to their units' own ledger accounts (the memo's
 *     ledger sums: core/ledger_sums.h says why);
 *   - the thread that writes (case_bulk_insert) remembers the units and officers it read,
 *     and, once asked (case_bulk_keep_keys), which case numbers, parties and judgments
 *     exist, so a new one is written without a lookup (case_memo.c).
 */
#include "ops/case_bulk.h"
#include "ops/case_internal.h"
#include "store/ledger.h"
#include "store/stat_month.h"

#include <stdlib.h>

struct case_bulk {
    stat_sum_t *stats;   /* the preparing thread's, until it is done */
    case_memo_t *memo;   /* the inserting thread's */
    int64_t rollup_rows; /* case_bulk_rollup_rows */
};

case_bulk_t *case_bulk_new(void)
{
    case_bulk_t *b = calloc(1, sizeof *b);

    if (b == NULL)
        return NULL;
    if ((b->stats = stat_sum_new()) == NULL || (b->memo = case_memo_new()) == NULL) {
        case_bulk_free(b);
        return NULL;
    }
    b->rollup_rows = CASE_BULK_ROLLUP_ROWS;
    return b;
}

void case_bulk_free(case_bulk_t *b)
{
    if (b == NULL)
        return;
    stat_sum_free(b->stats);
    case_memo_free(b->memo);
    free(b);
}

void case_bulk_keep_keys(case_bulk_t *b)
{
    case_memo_keep_keys(b->memo);
}

int case_bulk_prepare(case_bulk_t *b, const app_t *app, const case_input_t *in,
                      const case_event_input_t *events, size_t nevents, int64_t id, int64_t actor,
                      civil_date_t today, int64_t now, case_draft_t **out, op_error_t *err)
{
    return case_draft_play(app, in, events, nevents, id, actor, today, now, 1, b->stats, out, err);
}

int case_bulk_insert(case_bulk_t *b, db_t *db, case_draft_t *d, case_row_t *out, size_t *failed,
                     op_error_t *err)
{
    return case_draft_insert(db, d, b->memo, out, failed, err);
}

static int write_stat(int64_t unit_id, civil_date_t day, const char *category, int flags,
                      const char *bucket, int64_t cases, int64_t amount_vnd, void *arg)
{
    return stat_delta_load(arg, unit_id, day, category, flags, bucket, cases, amount_vnd) != DB_OK;
}

/* What the summed deltas touch: their units (in order, each once), their months. */
typedef struct {
    int64_t *units;
    size_t nunits, cap;
    int64_t max_month, sum_months; /* of the keys: for the triggers' cost */
    size_t nkeys;
} touched_t;

static int note_key(int64_t unit_id, civil_date_t day, const char *category, int flags,
                    const char *bucket, int64_t cases, int64_t amount_vnd, void *arg)
{
    touched_t *t = arg;
    int64_t m = civil_date_month_number(day);

    (void)category, (void)flags, (void)bucket, (void)cases, (void)amount_vnd;
    if (t->nunits == 0 || t->units[t->nunits - 1] != unit_id) {
        if (t->nunits == t->cap) {
            size_t cap = t->cap ? 2 * t->cap : 64;
            int64_t *u = realloc(t->units, cap * sizeof *u);
            if (u == NULL)
                return -1;
            t->units = u, t->cap = cap;
        }
        t->units[t->nunits++] = unit_id;
    }
    t->nkeys++, t->sum_months += m;
    if (m > t->max_month)
        t->max_month = m;
    return 0;
}

void case_bulk_rollup_rows(case_bulk_t *b, int64_t rows)
{
    b->rollup_rows = rows;
}

/* Past b->rollup_rows (key, month) rows of stat_month that the triggers would write, the
 * rollup's triggers are turned off and the touched units' rows computed again at the
 * end (store/stat_month.h): a historical import writes each old delta into every
 * later month of its key (a million rows of ten years: about 60 million upserts; 100,000
 * rows took 672 s instead of 32 s), where recomputing reads each delta of the touched
 * units once. */

int case_bulk_write_sums(case_bulk_t *b, db_t *db, op_error_t *err)
{
    touched_t t = {.max_month = -1};
    int64_t horizon = -1, cost = 0;
    int rc, bulk = 0;

    /* the units' own accounts first: a balance below zero refuses the load */
    if ((rc = ledger_sums_write(db, case_memo_ledger_sums(b->memo))) == DB_CONSTRAINT)
        return op_refuse(err, OP_CONFLICT, MSG_TILL_SHORT, NULL);
    if (rc != DB_OK)
        return op_fail_db(err, db);
    if (stat_sum_count(b->stats) == 0)
        return 0;
    if (stat_sum_each(b->stats, note_key, &t) != 0) {
        free(t.units);
        return op_fail_nomem(err);
    }
    if (stat_month_pause(db, &horizon) != DB_OK) {
        free(t.units);
        return op_fail_db(err, db);
    }
    /* the triggers write months m .. the horizon for a key of month m */
    cost = (int64_t)t.nkeys * ((horizon > t.max_month ? horizon : t.max_month) + 1) - t.sum_months;
    bulk = cost > b->rollup_rows;
    /* the triggers back on at once for a few keys; else after the writes */
    rc = bulk ? DB_OK : stat_month_resume(db, horizon, -1, NULL, 0);
    if (rc == DB_OK)
        rc = stat_delta_load_begin(db);
    if (rc == DB_OK) {
        rc = stat_sum_each(b->stats, write_stat, db);
        if (rc < 0) {
            free(t.units);
            return op_fail_nomem(err);
        }
        rc = rc > 0 ? DB_ERROR : stat_delta_load_end(db, bulk);
    }
    if (rc == DB_OK && bulk)
        rc = stat_month_resume(db, horizon, t.max_month, t.units, t.nunits);
    free(t.units);
    if (rc != DB_OK)
        return op_fail_db(err, db);
    stat_sum_clear(b->stats);
    return 0;
}
