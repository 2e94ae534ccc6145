/*
 * ops/case_bulk.c — a bulk load of new cases, for an importer (cli/import_cases.c): each
 * case gets every rule of the everyday path (ops/case_ops.c: the same draft, played by
 * the case engine), with what a million of them in one transaction can share:
 *   - their histories are rebuilt, so only the deadlines they leave open are written;
 *   - their statistics deltas are summed in memory on the thread that plays them
 *     (case_bulk_prepare) and written once per key at the end (case_bulk_write_stats);
 *   - the thread that writes (case_bulk_insert) remembers the units and officers it read,
 *     and, once asked (case_bulk_keep_keys), which case numbers, parties and judgments
 *     exist, so a new one is written without a lookup (case_memo.c).
 */
#include "ops/case_bulk.h"
#include "ops/case_internal.h"

#include <stdlib.h>

struct case_bulk {
    stat_sum_t *stats; /* the preparing thread's, until it is done */
    case_memo_t *memo; /* the inserting thread's */
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
    return stat_delta_add(arg, unit_id, day, category, flags, bucket, cases, amount_vnd) != DB_OK;
}

int case_bulk_write_stats(case_bulk_t *b, db_t *db, op_error_t *err)
{
    int rc = stat_sum_each(b->stats, write_stat, db);

    if (rc < 0)
        return op_fail_nomem(err);
    if (rc > 0)
        return op_fail_db(err, db);
    stat_sum_clear(b->stats);
    return 0;
}
