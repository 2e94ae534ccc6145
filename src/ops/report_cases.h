/*
 * ops/report_cases.h — the drill-down of a report (issue 15): the cases a number of the
 * summary counts, each with what it adds to the number, read from the per-case copy of
 * the statistics deltas (stat_case_delta, docs/internals/statistics.md "Drill-down").
 * The figures of a case are made by the report's own code (core/report.c) from that
 * case's deltas alone, so the list adds up to the report's number.
 */
#ifndef THADS_OPS_REPORT_CASES_H
#define THADS_OPS_REPORT_CASES_H

#include "core/report.h"
#include "core/civil_date.h"
#include "ops/op.h"
#include "store/db.h"

#include <stddef.h>

typedef struct {
    int64_t case_id;
    report_cell_t cell; /* what the case adds to the line: cases 1 (or 0: money alone) */
} report_case_t;

typedef struct {
    report_case_t *rows; /* by case id */
    size_t n;
    int64_t next_after; /* the last row's case id when more follow; 0 on the last page */
} report_case_page_t;

/* D1 alone (completed, not terminated): no key of the summary, which publishes D1 + D2 as
 * `completed` and D2 as `terminated`, but a column of the forms and of the report page;
 * listed as "d1_completed". */
#define REPORT_LINE_D1 ((report_line_t)REPORT_LINE_COUNT)

/* The line of a drill-down's `line`: a key of the summary, or "d1_completed"; -1 if none.
 * report_cases_line_code(i) for i = 0 .. REPORT_LINE_D1 names them, NULL past the last. */
int report_cases_line_parse(const char *code);
const char *report_cases_line_code(int i);

#define REPORT_SOURCE_ANY      (-1)
#define REPORT_CASES_LIMIT_MAX 500

/* The cases of line (a report_line_t, or REPORT_LINE_D1) in the report of unit code for [from, to]
 * (category NULL: all; source a case_source_t or REPORT_SOURCE_ANY), numbered above after, at most
 * limit (1..REPORT_CASES_LIMIT_MAX). Refused as report_op_summary refuses. 0 or the refusal; free
 * with report_case_page_free. */
int report_op_cases(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                    report_line_t line, const char *category, int source, int64_t after,
                    size_t limit, report_case_page_t *out, op_error_t *err);
void report_case_page_free(report_case_page_t *p);

#endif
