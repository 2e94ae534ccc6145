/*
 * store/case_scan.h — every case and every statistics row, read in order, for `thads fsck`
 * to replay the cases' events and compare (ops/case_replay.c).
 */
#ifndef THADS_STORE_CASE_SCAN_H
#define THADS_STORE_CASE_SCAN_H

#include "store/cases.h"

/* The cases with id > after_id, by id, at most limit of them: fn for each (nonzero
 * stops). DB_OK, or the error. A page at a time, so a caller may run other statements
 * between pages on the same connection. */
typedef int (*case_row_fn)(const case_row_t *c, void *arg);
int cases_scan_page(db_t *db, int64_t after_id, int limit, case_row_fn fn, void *arg);

/* Every statistics row with a non-zero sum, ordered by unit, day, category, flags and
 * bucket: fn for each (nonzero stops). DB_OK, or the error. */
typedef int (*stat_row_fn)(int64_t unit_id, civil_date_t day, const char *category, int flags,
                           const char *bucket, int64_t cases, int64_t amount_vnd, void *arg);
int stat_delta_scan(db_t *db, stat_row_fn fn, void *arg);

/* *yes = 1 when cases exist and the statistics table is empty: emptied by migration
 * 0012, to be rebuilt by replay (docs/internals/statistics.md). DB_OK, or the error. */
int stat_delta_needs_rebuild(db_t *db, int *yes);
/* Delete every statistics row (inside the caller's transaction, before a rebuild); the
 * monthly stock is emptied and off until stat_month_rebuild (store/stat_month.h). */
int stat_delta_clear(db_t *db);

#endif
