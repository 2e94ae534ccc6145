/*
 * store/targets.c — annual targets (store/targets.h).
 */
#include "store/targets.h"

#include "store/q.h"

#include <string.h>

int target_put(db_t *db, const target_row_t *t)
{
    return q_exec(db,
                  "INSERT INTO report_target (unit_id, year, rate_cases_bp, rate_money_bp, "
                  "set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit_id, year) "
                  "DO UPDATE SET rate_cases_bp = excluded.rate_cases_bp, rate_money_bp = "
                  "excluded.rate_money_bp, set_by = excluded.set_by, set_at = excluded.set_at",
                  "iiiiIi", t->unit_id, (int64_t)t->year, (int64_t)t->rate_cases_bp,
                  (int64_t)t->rate_money_bp, t->set_by, t->set_at);
}

int target_get(db_t *db, int64_t unit_id, int year, target_row_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT t.rate_cases_bp, t.rate_money_bp, t.set_by, t.set_at, au.full_name "
                    "FROM report_target t LEFT JOIN app_user au ON au.id = t.set_by "
                    "WHERE t.unit_id = $1 AND t.year = $2",
                    "ii", unit_id, (int64_t)year);

    if (rc != DB_OK)
        return rc;
    memset(out, 0, sizeof *out);
    if ((rc = db_step(st)) == DB_ROW) {
        out->unit_id = unit_id;
        out->year = year;
        out->rate_cases_bp = (int)db_column_int64(st, 0);
        out->rate_money_bp = (int)db_column_int64(st, 1);
        out->set_by = db_column_int64(st, 2);
        out->set_at = db_column_int64(st, 3);
        q_text(st, 4, out->set_by_name, sizeof out->set_by_name);
    }
    db_finalize(st);
    return rc;
}
