/*
 * ops/report_ref.h — the slow reference of the summary report (issue 15): every case's
 * events read back and turned into its part in the lines (core/report_ref.h), independently
 * of the statistics deltas; the subtree judged by walking the unit tree up from each case's
 * unit, as it stood at the end of the period (its last day, for a unit closed before). What
 * tests/store/test_report_prop.c compares report_op_summary with; O(cases + events), for
 * tests and checks, never for a user's request.
 */
#ifndef THADS_OPS_REPORT_REF_H
#define THADS_OPS_REPORT_REF_H

#include "core/report_ref.h"
#include "ops/op.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t id, unit_id, amount_vnd;
    int on_application;
    char category[24];
    int flags; /* static: credit, corruption (core/stat_flags.h) */
    report_ref_step_t *steps;
    size_t nsteps;
    stat_span_t *held; /* its debtors' stays in the prison register */
    size_t nheld;
} report_ref_case_row_t;

/* Every case with its days, read once and summed for any number of reports. */
typedef struct {
    report_ref_case_row_t *cases;
    size_t n, cap;
} report_ref_book_t;

/* Read every case and its events. 0, or the failure with err filled (the book is empty). */
int report_ref_load(db_t *db, report_ref_book_t *book, op_error_t *err);
void report_ref_free(report_ref_book_t *book);

/* The report of unit_id's subtree for [from, to], category NULL for all (a flag's code:
 * the cases with that flag, the prisoner's on the days held): *all every case, *app
 * those opened on application. 0, or the failure with err filled (a case whose days
 * go back in time is one: OP_INTERNAL naming it). */
int report_ref_sum(db_t *db, const report_ref_book_t *book, int64_t unit_id, civil_date_t from,
                   civil_date_t to, const char *category, report_t *all, report_t *app,
                   op_error_t *err);

/* The coercion and complaint counts of unit_id's subtree for [from, to] (core/report.h),
 * from every case's events in order, without the statistics rows. 0, or the failure. */
int report_ref_actions(db_t *db, const report_ref_book_t *book, int64_t unit_id, civil_date_t from,
                       civil_date_t to, report_coercion_t *co, report_complaints_t *cp,
                       op_error_t *err);

/* *yes = 1 when unit is inside root's subtree (or a predecessor's: a unit whose successors
 * lead to root) as it stood on `to` — on the unit's own last day when it closed before,
 * its first when it opened after — walking up its parents of that day. DB_OK or the error. */
int report_ref_within(db_t *db, int64_t root, int64_t unit, civil_date_t to, int *yes);

#endif
