/*
 * store/report.h — the statistics deltas of a unit's subtree summed per bucket for a period
 * (issue 15; docs/internals/statistics.md). core/report.c makes the indicator tree of them.
 */
#ifndef THADS_STORE_REPORT_H
#define THADS_STORE_REPORT_H

#include "core/civil_date.h"
#include "store/db.h"

#include <stdint.h>

/* fn(bucket, stock before `from` (cases, money), stock at the end of `to`, arg) per bucket
 * key; nonzero stops. */
typedef int (*report_bucket_fn)(const char *bucket, int64_t before_cases, int64_t before_money,
                                int64_t end_cases, int64_t end_money, void *arg);

/* Sum the deltas of unit's subtree — the units in it on `to`, and units closed before,
 * judged where they stood on their last day (UNITS_SCOPE_CTE), so a report of a period
 * before a merge keeps its units — up to `to`, split at `from`; category NULL for every
 * category. DB_OK or the error (an overflowing sum is one). O(units x days of the
 * subtree), never the cases. */
int report_sum_buckets(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       const char *category, report_bucket_fn fn, void *arg);

#endif
