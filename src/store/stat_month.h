/*
 * store/stat_month.h — the monthly stock of the statistics (issue 15; migration 0024,
 * docs/internals/statistics.md "The monthly stock"): per key of stat_delta without the
 * day, (unit, category, flags, bucket), and per month up to the horizon, the sum of every
 * delta up to the month's end. Triggers on stat_delta keep it in the writer's transaction;
 * store/report.c reads it.
 */
#ifndef THADS_STORE_STAT_MONTH_H
#define THADS_STORE_STAT_MONTH_H

#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

/* A delta's month in SQL, as civil_date_month_number numbers it (year * 12 + month - 1),
 * spelled as the indexes on it are (migrations 0024, 0033): the column `day`. */
#define STAT_MONTH_SQLITE                                                                          \
    "(CAST(substr(day, 1, 4) AS INTEGER) * 12 + CAST(substr(day, 6, 2) AS INTEGER) - 1)"
#define STAT_MONTH_PG "stat_month_of(day)"

/* Empty the rollup and turn its triggers off, for a writer that fills stat_delta in bulk
 * (the rebuild; a benchmark's raw rows) and calls stat_month_rebuild at the end, in the
 * same transaction. DB_OK or the error. */
int stat_month_suspend(db_t *db);

/* Compute the rollup from stat_delta (one window sum: O(keys x months)) and turn its
 * triggers back on. DB_OK or the error. */
int stat_month_rebuild(db_t *db);

/* For a writer that adds many deltas at once, old ones among them (an import: each old
 * delta would add to every later month of its key, O(deltas x months)): turn the
 * triggers off without emptying the rollup, *horizon = its horizon before (-1 none).
 * Then stat_month_resume, in the same transaction. DB_OK or the error. */
int stat_month_pause(db_t *db, int64_t *horizon);

/* After stat_month_pause and the writes: move the horizon to max(horizon, max_month)
 * (max_month: the latest month, year * 12 + month - 1, of the deltas written; -1 none),
 * carrying every key's stock into the new months, compute again the rows of the nunits
 * units the writes touched from stat_delta (O(their deltas + keys x months)), and turn
 * the triggers back on. DB_OK or the error. */
int stat_month_resume(db_t *db, int64_t horizon, int64_t max_month, const int64_t *units,
                      size_t nunits);

/* Move the horizon to month if it is before it, carrying every key's stock into the new
 * months: what the first delta of a new month does, done ahead in a transaction of its
 * own (the serve's daily job opens the next month), so that no writer has to. On
 * PostgreSQL each writer holds the horizon row FOR SHARE, and two that both move it
 * would each wait for the other's lock: a deadlock, one of them failed. Nothing while
 * the triggers are off. DB_OK or the error. */
int stat_month_open(db_t *db, int64_t month);

/* *bad = the number of (key, month) rows up to the horizon where the rollup differs from
 * stat_delta summed up to the month's end (a missing row counts as zero), plus 1 if the
 * triggers are off. What `thads fsck` checks. DB_OK or the error. */
int stat_month_check(db_t *db, int64_t *bad);

#endif
