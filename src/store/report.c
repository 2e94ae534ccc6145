/*
 * store/report.c — the sums of store/report.h.
 */
#include "store/report.h"
#include "store/q.h"
#include "store/units.h"

int report_sum_buckets(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       const char *category, report_bucket_fn fn, void *arg)
{
    db_stmt_t *st;
    char bucket[64];
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE
                    " SELECT bucket, COALESCE(SUM(CASE WHEN day < $3 THEN cases ELSE 0 END), 0), "
                    "COALESCE(SUM(CASE WHEN day < $3 THEN amount_vnd ELSE 0 END), 0), "
                    "COALESCE(SUM(cases), 0), COALESCE(SUM(amount_vnd), 0) FROM stat_delta "
                    "WHERE unit_id IN (SELECT id FROM subtree) AND day <= $4 AND "
                    "(CAST($5 AS TEXT) IS NULL OR category = $5) GROUP BY bucket ORDER BY bucket",
                    "iddds", unit_id, to, from, to, category);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 0, bucket, sizeof bucket);
        if (fn(bucket, db_column_int64(st, 1), db_column_int64(st, 2), db_column_int64(st, 3),
               db_column_int64(st, 4), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
