/*
 * ops/case_entrust.c — entrusting a case to another agency (Art 55).
 */
#include "core/unit.h"
#include "ops/case_internal.h"
#include "store/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    case_item_row_t items[CASE_MAX_ITEMS];
    int64_t original[CASE_MAX_ITEMS];
    size_t n;
} item_list_t;

static int keep_item(const case_item_row_t *it, void *arg)
{
    item_list_t *l = arg;
    if (l->n == CASE_MAX_ITEMS)
        return 1;
    l->items[l->n++] = *it;
    return 0;
}

/* Art 47's order: rank 1 is paid first; within a rank, in the order listed. */
static int by_payment_order(const void *a, const void *b)
{
    const case_item_row_t *x = a, *y = b;

    if (x->payment_rank != y->payment_rank)
        return x->payment_rank < y->payment_rank ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

int case_op_entrust(db_t *db, const app_t *app, int64_t case_id, int64_t to_unit,
                    const char *case_no, civil_date_t on, const char *document_no, int64_t actor,
                    civil_date_t today, int64_t now, int64_t *new_id, op_error_t *err)
{
    case_event_input_t out = {
        .type = CASE_EVENT_ENTRUSTED_OUT, .occurred_on = on, .document_no = document_no};
    case_row_t src, dst;
    unit_row_t unit;
    const unit_kind_t *kind;
    case_state_t first;
    const char *why_en, *why_vi;
    item_list_t *items;
    int64_t seq, remaining, taken, existing;
    int rc, year;

    if ((rc = case_op_check_text(err, "case_no", case_no, CASE_NO_MAX, 1)) != 0)
        return rc;
    /* Locked before it is read: what remains is computed from its money. */
    rc = cases_lock(db, case_id);
    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_CASE, NULL);
    if (rc != DB_OK || cases_get(db, case_id, &src) != DB_ROW)
        return op_fail_db(err, db);
    rc = units_get(db, to_unit, on, &unit);
    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_UNIT, "to_unit_id");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    kind = unit_kind_find(unit.kind);
    if (to_unit == src.unit_id || kind == NULL || !kind->enforcement || unit.valid_from > on ||
        (unit.valid_to != CIVIL_DATE_INVALID && unit.valid_to < on))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_ENTRUST_TARGET, "to_unit_id");
    civil_date_to_ymd(on, &year, NULL, NULL);
    rc = cases_find_by_no(db, to_unit, year, case_no, &existing);
    if (rc == DB_ROW)
        return case_refuse_duplicate(err, MSG_ENTRUST_DUPLICATE_CASE_NO, case_no, year);
    if (rc != DB_DONE)
        return op_fail_db(err, db);
    if ((rc = case_op_event_on(db, app, &src, &out, actor, today, now, &seq, err)) != 0)
        return rc;

    /* What remains to enforce: the source's items less what it collected, which paid
     * them in Art 47's order — rank 1 first. Within a rank the law splits pro rata
     * (THADS.md 4.2); here the earlier listed is taken first, until the money issue
     * brings the distribution itself. */
    items = calloc(1, sizeof *items);
    if (items == NULL)
        return op_refuse(err, OP_INTERNAL, MSG_OUT_OF_MEMORY, NULL);
    if (case_items_list(db, case_id, keep_item, items) != DB_OK) {
        free(items);
        return op_fail_db(err, db);
    }
    qsort(items->items, items->n, sizeof items->items[0], by_payment_order);
    for (size_t i = 0; i < items->n; i++)
        items->original[i] = items->items[i].amount_vnd;
    taken = src.collected_vnd;
    for (size_t i = 0; i < items->n && taken > 0; i++) {
        int64_t cut = items->items[i].amount_vnd < taken ? items->items[i].amount_vnd : taken;
        items->items[i].amount_vnd -= cut;
        taken -= cut;
    }
    remaining = src.amount_vnd > src.collected_vnd ? src.amount_vnd - src.collected_vnd : 0;
    case_start(CASE_EVENT_ENTRUSTMENT_RECEIVED, &first, &why_en, &why_vi);
    rc =
        cases_copy_for_entrustment(db, case_id, to_unit, case_no, year, on, case_state_code(first),
                                   case_stat_code(case_stat_bucket(first)), remaining, now, new_id);
    for (size_t i = 0; rc == DB_OK && i < items->n; i++)
        /* an item fully paid at the source does not travel; a non-money one does */
        if (items->items[i].amount_vnd > 0 || items->original[i] == 0)
            rc = cases_add_item(db, *new_id, items->items[i].content_type,
                                items->items[i].description, items->items[i].amount_vnd,
                                items->items[i].creditor_party_id, items->items[i].payment_rank,
                                NULL);
    free(items);
    /* its search document, from the judgment and parties it shares with the source */
    if (rc == DB_OK)
        rc = search_index_case(db, *new_id);
    if (rc != DB_OK)
        return op_fail_db(err, db);
    if (cases_get(db, *new_id, &dst) != DB_ROW)
        return op_fail_db(err, db);
    {
        char payload[160], *owned;
        case_work_t *w = case_work_new(&dst, app, today);
        snprintf(payload, sizeof payload, "{\"from_case_id\":%lld,\"from_unit_id\":%lld}",
                 (long long)case_id, (long long)src.unit_id);
        if (w == NULL || (owned = strdup(payload)) == NULL) {
            case_work_free(w);
            return op_fail_nomem(err);
        }
        if ((rc = case_work_start(w, CASE_EVENT_ENTRUSTMENT_RECEIVED, owned, on, document_no, actor,
                                  now, err)) != 0) {
            case_work_free(w);
            return rc;
        }
        rc = case_work_write(db, w, err);
        case_work_free(w);
        return rc;
    }
}
