/*
 * store/case_scan.c — the reads of store/case_scan.h.
 */
#include "store/case_scan.h"
#include "store/stat_month.h"
#include "store/case_row.h"
#include "store/db_impl.h"
#include "store/q.h"

#include <stdlib.h>
#include <string.h>

int cases_scan_page(db_t *db, int64_t after_id, int limit, case_row_fn fn, void *arg)
{
    db_stmt_t *st;
    case_row_t *c;
    int rc;

    if ((c = malloc(sizeof *c)) == NULL)
        return db_fail_nomem(db);
    rc =
        q_open(db, &st, "SELECT " CASE_COLUMNS CASE_JOINS " WHERE c.id > $1 ORDER BY c.id LIMIT $2",
               "ii", after_id, (int64_t)limit);
    if (rc != DB_OK) {
        free(c);
        return rc;
    }
    while ((rc = db_step(st)) == DB_ROW) {
        cases_read_row(st, c);
        if (fn(c, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    free(c);
    return rc == DB_DONE ? DB_OK : rc;
}

int stat_delta_scan(db_t *db, stat_row_fn fn, void *arg)
{
    db_stmt_t *st;
    char category[64], bucket[64];
    int rc = q_open(db, &st,
                    "SELECT unit_id, day, category, bucket, cases, amount_vnd, flags FROM "
                    "stat_delta WHERE cases <> 0 OR amount_vnd <> 0 ORDER BY unit_id, day, "
                    "category, flags, bucket",
                    "");

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 2, category, sizeof category);
        q_text(st, 3, bucket, sizeof bucket);
        if (fn(db_column_int64(st, 0), q_date(st, 1), category, (int)db_column_int64(st, 6), bucket,
               db_column_int64(st, 4), db_column_int64(st, 5), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int stat_delta_needs_rebuild(db_t *db, int *yes)
{
    int64_t n = 0;
    /* Migration 0012 empties the table, 0013 adds the per-case one empty: cases without
     * a single delta row in either. */
    int rc = q_int64(db, &n,
                     "SELECT CASE WHEN EXISTS (SELECT 1 FROM enforcement_case) AND (NOT "
                     "EXISTS (SELECT 1 FROM stat_delta) OR NOT EXISTS (SELECT 1 FROM "
                     "stat_case_delta)) THEN 1 ELSE 0 END",
                     "");

    *yes = rc == DB_ROW && n == 1;
    return rc == DB_ROW ? DB_OK : rc;
}

int stat_delta_clear(db_t *db)
{
    /* the monthly stock first, its triggers off until stat_month_rebuild: the delete
     * trigger then skips each row (migration 0024) */
    int rc = stat_month_suspend(db);

    if (rc == DB_OK)
        rc = q_exec(db, "DELETE FROM stat_delta", "");
    return rc;
}
