/*
 * store/report.c — the sums of store/report.h.
 */
#include "store/report.h"
#include "core/case_engine.h"
#include "store/db_impl.h"
#include "store/q.h"
#include "store/units.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* Month number of stat_month (migration 0024): year * 12 + month - 1. */
static int64_t month_of(civil_date_t d)
{
    int y, m;

    civil_date_to_ymd(d, &y, &m, NULL);
    return (int64_t)y * 12 + m - 1;
}

/* The stock at the end of day d is stat_month's row of *month (the last whole month up to
 * d) plus stat_delta's days *p1 .. *p2 (d's month up to d; none when d ends its month). */
static void split_day(civil_date_t d, int64_t *month, civil_date_t *p1, civil_date_t *p2)
{
    int y, m, day;

    civil_date_to_ymd(d + 1, &y, &m, &day);
    if (day == 1) { /* d is the last day of its month */
        *month = month_of(d);
        *p1 = d + 1, *p2 = d;
        return;
    }
    civil_date_to_ymd(d, &y, &m, NULL);
    *month = month_of(d) - 1;
    *p1 = civil_date_from_ymd(y, m, 1), *p2 = d;
}

#define TREE_FILTER "(CAST($3 AS TEXT) IS NULL OR category = $3) AND ($4 = 0 OR (flags & $4) <> 0)"
#define TREE_UNITS  "unit_id IN (SELECT unit_id FROM map) AND "
#define TREE_MONTH(p)                                                                              \
    "month = (SELECT CASE WHEN h.month < " p " THEN h.month ELSE " p                               \
    " END FROM stat_month_horizon h WHERE h.id = 1)"
/* After tops(top): each top's predecessors (UNITS_ROOTS_CTE), the walk up from every unit
 * once (UNITS_SCOPE_CTE), so map(top, unit_id) is every top's scope; then the stocks
 * before and at the end, per unit, bucket and flags, each unit's rows read once; then
 * added up per top. */
#define TREE_SQL                                                                                   \
    ", roots(top, id, depth) AS (SELECT top, top, 0 FROM tops UNION ALL SELECT r.top, u.id, "      \
    "r.depth + 1 FROM unit u JOIN roots r ON u.successor_id = r.id WHERE r.depth < 8), "           \
    "up(unit_id, id, at, depth) AS (SELECT u.id, u.id, CASE WHEN u.valid_to IS NOT NULL AND "      \
    "u.valid_to < $2 THEN u.valid_to WHEN u.valid_from > $2 THEN u.valid_from ELSE $2 END, 0 "     \
    "FROM unit u UNION ALL SELECT up.unit_id, p.parent_id, up.at, up.depth + 1 FROM "              \
    "unit_parent p JOIN up ON p.unit_id = up.id WHERE p.valid_from <= up.at AND (p.valid_to IS "   \
    "NULL OR p.valid_to >= up.at) AND up.depth < 32), "                                            \
    "map(top, unit_id) AS (SELECT DISTINCT r.top, up.unit_id FROM up JOIN roots r ON r.id = "      \
    "up.id), "                                                                                     \
    "d(unit_id, bucket, flags, bc, bm, ec, em) AS ("                                               \
    "SELECT unit_id, bucket, flags, cases, amount_vnd, 0, 0 FROM stat_month WHERE " TREE_UNITS     \
        TREE_MONTH(                                                                                \
            "$5") " AND " TREE_FILTER " UNION ALL SELECT unit_id, bucket, flags, cases, "          \
                  "amount_vnd, 0, 0 FROM stat_delta WHERE " TREE_UNITS                             \
                  "day >= $6 AND day <= $7 AND " TREE_FILTER                                       \
                  " UNION ALL SELECT unit_id, bucket, flags, 0, 0, cases, amount_vnd FROM "        \
                  "stat_month WHERE " TREE_UNITS TREE_MONTH(                                       \
                      "$8") " AND " TREE_FILTER                                                    \
                            " UNION ALL SELECT unit_id, bucket, flags, 0, 0, cases, amount_vnd "   \
                            "FROM stat_delta WHERE " TREE_UNITS                                    \
                            "day >= $9 AND day <= $10 AND " TREE_FILTER "), "                      \
                            "s(unit_id, bucket, flags, bc, bm, ec, em) AS (SELECT unit_id, "       \
                            "bucket, flags, SUM(bc), "                                             \
                            "SUM(bm), SUM(ec), SUM(em) FROM d GROUP BY unit_id, bucket, flags) "   \
                            "SELECT m.top, s.bucket, s.flags, SUM(s.bc), SUM(s.bm), SUM(s.ec), "   \
                            "SUM(s.em) FROM s JOIN "                                               \
                            "map m ON m.unit_id = s.unit_id GROUP BY m.top, s.bucket, s.flags "    \
                            "ORDER BY 1, 2, 3"

int report_sum_tree(db_t *db, const int64_t *tops, size_t ntops, civil_date_t from, civil_date_t to,
                    report_filter_t f, report_tree_fn fn, void *arg)
{
    static const char sqlite_sql[] =
        "WITH RECURSIVE tops(top) AS (SELECT CAST(value AS BIGINT) FROM json_each($1))" TREE_SQL;
    static const char pg_sql[] = "WITH RECURSIVE tops(top) AS (SELECT CAST(value AS BIGINT) FROM "
                                 "json_array_elements_text(CAST($1 AS JSON)))" TREE_SQL;
    db_stmt_t *st;
    char bucket[64], *list;
    int64_t mb, me;
    civil_date_t b1, b2, e1, e2;
    size_t len = 0;
    int rc;

    list = malloc(ntops * 22 + 3);
    if (list == NULL)
        return db_fail(db, DB_NOMEM, "53200", "out of memory");
    list[len++] = '[';
    for (size_t i = 0; i < ntops; i++)
        len += (size_t)sprintf(list + len, "%s%" PRId64, i ? "," : "", tops[i]);
    list[len++] = ']', list[len] = '\0';
    split_day(from - 1, &mb, &b1, &b2);
    split_day(to, &me, &e1, &e2);
    rc = q_open(db, &st, db_engine(db) == DB_ENGINE_SQLITE ? sqlite_sql : pg_sql, "sdsiiddidd",
                list, to, f.category, (int64_t)f.flag, mb, b1, b2, me, e1, e2);
    free(list);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 1, bucket, sizeof bucket);
        if (fn(db_column_int64(st, 0), bucket, (int)db_column_int64(st, 2), db_column_int64(st, 3),
               db_column_int64(st, 4), db_column_int64(st, 5), db_column_int64(st, 6), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

typedef struct {
    report_bucket_fn fn;
    void *arg;
} one_top_t;

static int one_top(int64_t top, const char *bucket, int flags, int64_t bc, int64_t bm, int64_t ec,
                   int64_t em, void *arg)
{
    one_top_t *o = arg;

    (void)top, (void)flags;
    return o->fn(bucket, bc, bm, ec, em, o->arg);
}

int report_sum_buckets(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       report_filter_t f, report_bucket_fn fn, void *arg)
{
    one_top_t o = {fn, arg};

    return report_sum_tree(db, &unit_id, 1, from, to, f, one_top, &o);
}

int stat_case_add(db_t *db, int64_t case_id, int64_t unit_id, civil_date_t day,
                  const char *category, int flags, const char *bucket, int64_t cases,
                  int64_t amount_vnd)
{
    /* one case's sums: its amount at most, far from overflowing */
    return q_exec(db,
                  "INSERT INTO stat_case_delta (case_id, day, bucket, flags, unit_id, category, "
                  "cases, amount_vnd) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT "
                  "(case_id, day, bucket, flags) DO UPDATE SET cases = stat_case_delta.cases + "
                  "excluded.cases, amount_vnd = stat_case_delta.amount_vnd + excluded.amount_vnd",
                  "idsiisii", case_id, day, bucket, (int64_t)flags, unit_id, category, cases,
                  amount_vnd);
}

int stat_case_clear(db_t *db)
{
    return q_exec(db, "DELETE FROM stat_case_delta", "");
}

int stat_case_prune(db_t *db, int64_t case_id)
{
    return q_exec(db,
                  "DELETE FROM stat_case_delta WHERE case_id = $1 AND cases = 0 AND amount_vnd = 0",
                  "i", case_id);
}

int stat_case_rows(db_t *db, int64_t case_id, stat_case_row_fn fn, void *arg)
{
    db_stmt_t *st;
    char bucket[64], category[64];
    int rc = q_open(db, &st,
                    "SELECT unit_id, category, day, bucket, flags, cases, amount_vnd FROM "
                    "stat_case_delta WHERE case_id = $1 ORDER BY day, bucket, flags",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 1, category, sizeof category);
        q_text(st, 3, bucket, sizeof bucket);
        if (fn(db_column_int64(st, 0), category, q_date(st, 2), bucket, (int)db_column_int64(st, 4),
               db_column_int64(st, 5), db_column_int64(st, 6), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int stat_case_pending(db_t *db, int64_t case_id, int64_t *coercions, int64_t *complaints)
{
    int rc = q_int64(db, coercions,
                     "SELECT COALESCE(SUM(CASE bucket WHEN '" STAT_BUCKET_COERCION_DECIDED
                     "' THEN cases ELSE -cases END), 0) FROM stat_case_delta WHERE case_id = $1 "
                     "AND bucket IN ('" STAT_BUCKET_COERCION_DECIDED
                     "', '" STAT_BUCKET_COERCION_DONE "', '" STAT_BUCKET_COERCION_PAID "')",
                     "i", case_id);

    if (rc == DB_ROW)
        rc = q_int64(db, complaints,
                     "SELECT COALESCE(SUM(CASE bucket WHEN '" STAT_BUCKET_COMPLAINT_RECEIVED
                     "' THEN cases ELSE -cases END), 0) FROM stat_case_delta WHERE case_id = $1 "
                     "AND bucket IN ('" STAT_BUCKET_COMPLAINT_RECEIVED
                     "', '" STAT_BUCKET_COMPLAINT_RESOLVED "')",
                     "i", case_id);
    return rc == DB_ROW ? DB_OK : rc;
}

int report_case_deltas(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       int since_from, report_filter_t f, int64_t after_case,
                       report_case_delta_fn fn, void *arg)
{
    db_stmt_t *st;
    char bucket[64];
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE " SELECT case_id, bucket, day, cases, amount_vnd FROM "
                                    "stat_case_delta WHERE unit_id IN (SELECT id FROM subtree) AND "
                                    "day <= $2 AND ($3 = 0 OR day >= $4) AND case_id > $5 AND "
                                    "(CAST($6 AS TEXT) IS NULL OR category = $6) AND ($7 = 0 OR "
                                    "(flags & $7) <> 0) ORDER BY case_id, day",
                    "ididisi", unit_id, to, (int64_t)since_from, from, after_case, f.category,
                    (int64_t)f.flag);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 1, bucket, sizeof bucket);
        if (fn(db_column_int64(st, 0), bucket, q_date(st, 2), db_column_int64(st, 3),
               db_column_int64(st, 4), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
