/*
 * store/report.h — the statistics deltas of a unit's subtree summed per bucket for a period
 * (issue 15; docs/internals/statistics.md). core/report.c makes the indicator tree of them.
 */
#ifndef THADS_STORE_REPORT_H
#define THADS_STORE_REPORT_H

#include "core/civil_date.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

/* fn(bucket, stock before `from` (cases, money), stock at the end of `to`, arg) per bucket
 * key; nonzero stops. */
typedef int (*report_bucket_fn)(const char *bucket, int64_t before_cases, int64_t before_money,
                                int64_t end_cases, int64_t end_money, void *arg);

/* Which deltas a report takes: category NULL for every category, else that category
 * code's; flag 0 for any flags, else one bit of core/stat_flags.h (rows with it set). */
typedef struct {
    const char *category;
    int flag;
} report_filter_t;

/* Sum the deltas of unit's subtree — the units in it on `to`, and units closed before,
 * judged where they stood on their last day (UNITS_SCOPE_CTE), so a report of a period
 * before a merge keeps its units — up to `to`, split at `from`, of the rows f takes.
 * fn may be called more than once for a bucket (once per flags value): add them up.
 * DB_OK or the error (an overflowing sum is one). Reads the monthly stock (stat_month,
 * migration 0024; without a category its sum over the categories, stat_month_all, 0028)
 * at the last whole month before `from` and up to `to`, and stat_delta's days of the
 * partial months only: O(units x buckets + units x days of partial months), never the
 * cases nor the history (store/report_tree.c). */
int report_sum_buckets(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       report_filter_t f, report_bucket_fn fn, void *arg);

/* fn(top, bucket, flags, before (cases, money), end (cases, money), arg) per top unit of
 * tops[0..ntops), bucket and flags value — the sums report_sum_buckets gives for each top,
 * split by flags — top by top as given, then by bucket code and flags. The unit tree is
 * walked once and each unit's rows read once, however many tops count the unit (a unit
 * and its children: two statements, not two per unit); nonzero from fn stops. */
typedef int (*report_tree_fn)(int64_t top, const char *bucket, int flags, int64_t before_cases,
                              int64_t before_money, int64_t end_cases, int64_t end_money,
                              void *arg);
int report_sum_tree(db_t *db, const int64_t *tops, size_t ntops, civil_date_t from, civil_date_t to,
                    report_filter_t f, report_tree_fn fn, void *arg);

/* ---- drill-down: the same deltas per case (table stat_case_delta, migration 0013) ---- */

/* Add (cases, amount_vnd) to case_id's delta of bucket under flags on day (unit and
 * category as stat_delta_add writes them), in the caller's transaction. DB_OK or the
 * error. */
int stat_case_add(db_t *db, int64_t case_id, int64_t unit_id, civil_date_t day,
                  const char *category, int flags, const char *bucket, int64_t cases,
                  int64_t amount_vnd);

/* The same, for a key the case has no row of yet (a new case's deltas, merged per day and
 * bucket): a plain insert, which a bulk load sends with COPY (q_append). */
int stat_case_append(db_t *db, int64_t case_id, int64_t unit_id, civil_date_t day,
                     const char *category, int flags, const char *bucket, int64_t cases,
                     int64_t amount_vnd);
/* Delete every case's deltas (before a rebuild). */
int stat_case_clear(db_t *db);
/* Delete case_id's rows that sum to nothing (after its flags were moved). */
int stat_case_prune(db_t *db, int64_t case_id);

/* fn(unit_id, category, day, bucket, flags, cases, amount_vnd, arg) per row of case_id's
 * deltas, by day, bucket and flags; nonzero stops. DB_OK or the error. */
typedef int (*stat_case_row_fn)(int64_t unit_id, const char *category, civil_date_t day,
                                const char *bucket, int flags, int64_t cases, int64_t amount_vnd,
                                void *arg);
int stat_case_rows(db_t *db, int64_t case_id, stat_case_row_fn fn, void *arg);

/* Of case_id's rows: the coercion decisions neither carried out nor paid after
 * (coercion_decided - coercion_done - coercion_paid) and the complaints received and not
 * resolved (core/case_engine.h). DB_OK or the error. */
int stat_case_pending(db_t *db, int64_t case_id, int64_t *coercions, int64_t *complaints);
/* The same in halves, the statement sent (db_send) and then read, for case_detail_send;
 * the caller finalizes st. */
int stat_case_pending_send(db_t *db, int64_t case_id, db_stmt_t **st);
int stat_case_pending_read(db_stmt_t *st, int64_t *coercions, int64_t *complaints);

/* fn(case_id, bucket, day, cases, amount_vnd, arg) per delta of a case of unit's subtree
 * (the units as report_sum_buckets takes them) dated up to `to` — and from `from` on when
 * since_from, the rows the period's flows are made of — that f takes, for cases numbered
 * above after_case, ordered by case and day; nonzero from fn stops. DB_OK or the error. */
typedef int (*report_case_delta_fn)(int64_t case_id, const char *bucket, civil_date_t day,
                                    int64_t cases, int64_t amount_vnd, void *arg);
int report_case_deltas(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       int since_from, report_filter_t f, int64_t after_case,
                       report_case_delta_fn fn, void *arg);
/* For tests: each line of the plan of every statement report_case_deltas runs on this
 * engine (q_explain). A page must cost the page: docs/internals/statistics.md. */
int report_drill_explain(db_t *db, civil_date_t day, db_plan_fn fn, void *arg);

#endif
