/*
 * store/stat_month.c — the monthly stock's bulk fill and check (store/stat_month.h). The
 * fill is migration 0024's: per key and month the month's sum, then every month from the
 * key's first to the horizon with the running sum.
 */
#include "store/stat_month.h"
#include "store/db_impl.h"
#include "store/q.h"

#include <stdlib.h>

/* expected(unit_id, month, category, flags, bucket, cases, amount_vnd) up to horizon H */
#define EXPECTED(MONTH, SERIES) EXPECTED_WHERE(MONTH, SERIES, "")
/* the same for the deltas WHERE picks */
#define EXPECTED_WHERE(MONTH, SERIES, WHERE)                                                       \
    "WITH f AS MATERIALIZED (SELECT unit_id, category, flags, bucket, " MONTH " AS m, "            \
    "SUM(cases) AS c, SUM(amount_vnd) AS a FROM stat_delta " WHERE " GROUP BY 1, 2, 3, 4, 5), "    \
    "k AS (SELECT unit_id, category, flags, bucket, MIN(m) AS first FROM f GROUP BY 1, 2, 3, 4), " \
    "expected AS (SELECT k.unit_id, q.m AS month, k.category, k.flags, k.bucket, "                 \
    "SUM(COALESCE(f.c, 0)) OVER w AS cases, SUM(COALESCE(f.a, 0)) OVER w AS amount_vnd "           \
    "FROM k JOIN stat_month_horizon h ON h.id = 1 " SERIES " LEFT JOIN f ON f.unit_id = "          \
    "k.unit_id AND f.category = k.category AND f.flags = k.flags AND f.bucket = k.bucket AND "     \
    "f.m = q.m WINDOW w AS (PARTITION BY k.unit_id, k.category, k.flags, k.bucket ORDER BY q.m)) "
#define SQLITE_SERIES "JOIN stat_month_seq q ON q.m >= k.first AND q.m <= h.month"
#define PG_SERIES     "CROSS JOIN LATERAL generate_series(k.first, h.month) AS q(m)"

/* stat_month_all (migration 0028) from stat_month, for the rows WHERE picks, in its key's
 * order: PostgreSQL then keeps a month's rows together in the heap, as a report reads them */
#define ALL_FROM_MONTH(WHERE)                                                                      \
    "INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, amount_vnd) SELECT "        \
    "unit_id, month, flags, bucket, SUM(cases), SUM(amount_vnd) FROM stat_month " WHERE            \
    " GROUP BY unit_id, month, flags, bucket ORDER BY month, unit_id, flags, bucket"

int stat_month_suspend(db_t *db)
{
    /* off first: stat_month's own triggers (0028) then skip the delete */
    int rc = q_exec(db, "UPDATE stat_month_horizon SET month = NULL, off = 1 WHERE id = 1", "");

    if (rc == DB_OK)
        rc = q_exec(db, "DELETE FROM stat_month", "");
    if (rc == DB_OK)
        rc = q_exec(db, "DELETE FROM stat_month_all", "");
    return rc;
}

int stat_month_rebuild(db_t *db)
{
    int sqlite = db_engine(db) == DB_ENGINE_SQLITE;
    int rc = stat_month_suspend(db);

    if (rc == DB_OK)
        rc = q_exec(db,
                    sqlite ? "UPDATE stat_month_horizon SET month = (SELECT " STAT_MONTH_SQLITE
                             " FROM (SELECT MAX(day) AS day FROM stat_delta)) WHERE id = 1"
                           : "UPDATE stat_month_horizon SET month = (SELECT " STAT_MONTH_PG
                             " FROM (SELECT MAX(day) AS day FROM stat_delta) x) WHERE id = 1",
                    "");
    if (rc == DB_OK)
        rc = q_exec(
            db,
            sqlite
                ? EXPECTED(
                      STAT_MONTH_SQLITE,
                      SQLITE_SERIES) "INSERT INTO stat_month (unit_id, month, category, flags, "
                                     "bucket, cases, "
                                     "amount_vnd) SELECT * FROM expected ORDER BY 1, 2, 3, 4, 5"
                : "INSERT INTO stat_month (unit_id, month, category, flags, bucket, "
                  "cases, amount_vnd) " EXPECTED(STAT_MONTH_PG, PG_SERIES) "SELECT * FROM expected",
            "");
    if (rc == DB_OK)
        rc = q_exec(db, ALL_FROM_MONTH(""), "");
    if (rc == DB_OK)
        rc = q_exec(db, "UPDATE stat_month_horizon SET off = 0 WHERE id = 1", "");
    return rc;
}

int stat_month_pause(db_t *db, int64_t *horizon)
{
    int rc =
        q_int64(db, horizon, "SELECT COALESCE(month, -1) FROM stat_month_horizon WHERE id = 1", "");

    if (rc == DB_DONE)
        *horizon = -1;
    else if (rc != DB_ROW)
        return rc;
    return q_exec(db, "UPDATE stat_month_horizon SET off = 1 WHERE id = 1", "");
}

/* stat_month_all's rows of the units computed again from stat_month, two statements for
 * them all: its key starts with the month, so a unit's rows are in every month's part */
static int all_of_units(db_t *db, const int64_t *units, size_t nunits)
{
    int sqlite = db_engine(db) == DB_ENGINE_SQLITE;
    char *list = q_id_list(units, nunits);
    int rc;

    if (list == NULL)
        return db_fail_nomem(db);
    rc = q_exec(db,
                sqlite ? "DELETE FROM stat_month_all WHERE unit_id IN (" Q_IDS_SQLITE ")"
                       : "DELETE FROM stat_month_all WHERE unit_id IN (" Q_IDS_PG ")",
                "s", list);
    if (rc == DB_OK)
        rc = q_exec(db,
                    sqlite ? ALL_FROM_MONTH("WHERE unit_id IN (" Q_IDS_SQLITE ")")
                           : ALL_FROM_MONTH("WHERE unit_id IN (" Q_IDS_PG ")"),
                    "s", list);
    free(list);
    return rc;
}

int stat_month_resume(db_t *db, int64_t horizon, int64_t max_month, const int64_t *units,
                      size_t nunits)
{
    int sqlite = db_engine(db) == DB_ENGINE_SQLITE;
    int rc = DB_OK;

    /* every key's stock carried into the new months, as the insert trigger does */
    if (horizon >= 0 && max_month > horizon)
        rc = q_exec(db,
                    sqlite ? "INSERT INTO stat_month (unit_id, month, category, flags, bucket, "
                             "cases, amount_vnd) SELECT s.unit_id, q.m, s.category, s.flags, "
                             "s.bucket, s.cases, s.amount_vnd FROM stat_month s JOIN "
                             "stat_month_seq q ON q.m > $1 AND q.m <= $2 WHERE s.month = $1 "
                             "ORDER BY 1, 2, 3, 4, 5"
                           : "INSERT INTO stat_month (unit_id, month, category, flags, bucket, "
                             "cases, amount_vnd) SELECT s.unit_id, q.m, s.category, s.flags, "
                             "s.bucket, s.cases, s.amount_vnd FROM stat_month s CROSS JOIN "
                             "generate_series($1::integer + 1, $2::integer) AS q(m) WHERE "
                             "s.month = $1::integer",
                    "ii", horizon, max_month);
    if (rc == DB_OK && horizon >= 0 && max_month > horizon)
        rc = q_exec(db,
                    sqlite ? "INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, "
                             "amount_vnd) SELECT s.unit_id, q.m, s.flags, s.bucket, s.cases, "
                             "s.amount_vnd FROM stat_month_all s JOIN stat_month_seq q ON q.m > "
                             "$1 AND q.m <= $2 WHERE s.month = $1 ORDER BY 2, 1, 3, 4"
                           : "INSERT INTO stat_month_all (unit_id, month, flags, bucket, cases, "
                             "amount_vnd) SELECT s.unit_id, q.m, s.flags, s.bucket, s.cases, "
                             "s.amount_vnd FROM stat_month_all s CROSS JOIN "
                             "generate_series($1::integer + 1, $2::integer) AS q(m) WHERE "
                             "s.month = $1::integer",
                    "ii", horizon, max_month);
    if (rc == DB_OK && max_month > horizon)
        rc = q_exec(db, "UPDATE stat_month_horizon SET month = $1 WHERE id = 1", "i", max_month);
    for (size_t i = 0; rc == DB_OK && i < nunits; i++) {
        rc = q_exec(db, "DELETE FROM stat_month WHERE unit_id = $1", "i", units[i]);
        if (rc == DB_OK)
            rc =
                q_exec(db,
                       sqlite ? EXPECTED_WHERE(STAT_MONTH_SQLITE, SQLITE_SERIES,
                                               "WHERE unit_id = $1") "INSERT INTO stat_month "
                                                                     "(unit_id, month, category, "
                                                                     "flags, bucket, cases, "
                                                                     "amount_vnd) SELECT * FROM "
                                                                     "expected ORDER BY 1, 2, 3, "
                                                                     "4, 5"
                              : "INSERT INTO stat_month (unit_id, month, category, flags, bucket, "
                                "cases, amount_vnd) " EXPECTED_WHERE(
                                    STAT_MONTH_PG, PG_SERIES, "WHERE unit_id = $1") "SELECT * FROM "
                                                                                    "expected",
                       "i", units[i]);
    }
    if (rc == DB_OK && nunits > 0)
        rc = all_of_units(db, units, nunits);
    if (rc == DB_OK)
        rc = q_exec(db, "UPDATE stat_month_horizon SET off = 0 WHERE id = 1", "");
    return rc;
}

int stat_month_open(db_t *db, int64_t month)
{
    int64_t skip = 1, horizon = -1;
    /* open already (most days) or the triggers off: nothing, and no lock on the horizon
     * row, which stat_month_pause would take, waiting for every writer and stopping new
     * ones until the commit */
    int rc = q_int64(db, &skip,
                     "SELECT CASE WHEN off <> 0 OR COALESCE(month, -1) >= $1 THEN 1 ELSE 0 END "
                     "FROM stat_month_horizon WHERE id = 1",
                     "i", month);

    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_OK : rc; /* (no row: before migration 0024's fill) */
    if (skip)
        return DB_OK;
    if ((rc = stat_month_pause(db, &horizon)) != DB_OK)
        return rc;
    return stat_month_resume(db, horizon, horizon > month ? horizon : month, NULL, 0);
}

int stat_month_check(db_t *db, int64_t *bad)
{
#define DIFF                                                                                       \
    "SELECT (SELECT COUNT(*) FROM expected e FULL JOIN (SELECT s.* FROM stat_month s JOIN "        \
    "stat_month_horizon h ON h.id = 1 AND s.month <= h.month) s ON s.unit_id = e.unit_id AND "     \
    "s.month = e.month AND s.category = e.category AND s.flags = e.flags AND s.bucket = "          \
    "e.bucket WHERE COALESCE(s.cases, 0) <> COALESCE(e.cases, 0) OR COALESCE(s.amount_vnd, 0) "    \
    "<> COALESCE(e.amount_vnd, 0)) + (SELECT COUNT(*) FROM stat_month s JOIN stat_month_horizon "  \
    "h ON h.id = 1 WHERE h.month IS NULL OR s.month > h.month) + (SELECT COUNT(*) FROM "           \
    "stat_month_horizon WHERE id = 1 AND (off <> 0 OR month < (SELECT MAX(m) FROM f))) + "         \
    "(SELECT COUNT(*) FROM (SELECT unit_id, month, flags, bucket, SUM(cases) AS cases, "           \
    "SUM(amount_vnd) AS amount_vnd FROM stat_month GROUP BY unit_id, month, flags, bucket) g "     \
    "FULL JOIN stat_month_all a ON a.unit_id = g.unit_id AND a.month = g.month AND a.flags = "     \
    "g.flags AND a.bucket = g.bucket WHERE COALESCE(a.cases, 0) <> COALESCE(g.cases, 0) OR "       \
    "COALESCE(a.amount_vnd, 0) <> COALESCE(g.amount_vnd, 0))"
    int rc =
        q_int64(db, bad,
                db_engine(db) == DB_ENGINE_SQLITE ? EXPECTED(STAT_MONTH_SQLITE, SQLITE_SERIES) DIFF
                                                  : EXPECTED(STAT_MONTH_PG, PG_SERIES) DIFF,
                "");
#undef DIFF
    return rc == DB_ROW ? DB_OK : rc;
}
