/*
 * ops/report.h — the summary report of a unit's subtree for a period (issue 15): the
 * indicator tree in cases and money, its on-application part, and one per child unit, as
 * JSON (docs/internals/statistics.md). Reads only the statistics deltas.
 */
#ifndef THADS_OPS_REPORT_H
#define THADS_OPS_REPORT_H

#include "core/report.h"
#include "core/unit.h"
#include "ops/op.h"
#include "store/db.h"

typedef struct {
    int64_t unit_id;
    char code[UNIT_CODE_MAX + 1];
    char name_vi[UNIT_NAME_MAX * 4 + 1];
    report_t all, on_application;
} report_unit_t;

typedef struct {
    report_unit_t top;
    report_unit_t *units; /* the unit's children on `to`, by code */
    size_t nunits;
} report_summary_t;

/* The report of unit code for [from, to] (category NULL: all). Refused: an unknown unit,
 * from after to (OP_INVALID / OP_NOT_FOUND). Whether the caller may see the unit is the
 * caller's (api: scope). 0 or the refusal; free with report_summary_free. */
int report_op_summary(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                      const char *category, report_summary_t *out, op_error_t *err);
void report_summary_free(report_summary_t *s);

/* The JSON object of issue 15: the lines of the top unit, "on_application" (the same
 * lines), "units" (one object per child, with "unit" and "name"). 0, or -1 out of memory. */
int report_summary_json(const report_summary_t *s, report_buf_t *b);

#endif
