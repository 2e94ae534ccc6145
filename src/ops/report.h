/*
 * ops/report.h — the summary report of a unit's subtree for a period (issue 15): the
 * indicator tree in cases and money, its on-application part, and one per child unit, as
 * JSON (docs/internals/statistics.md). Reads only the statistics deltas.
 */
#ifndef THADS_OPS_REPORT_H
#define THADS_OPS_REPORT_H

#include "core/report.h"
#include "core/stat_flags.h"
#include "store/report.h"
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
    /* Without a category: the special tables of THADS.md 5.4, the top unit's lines
     * restricted to each flag (core/stat_flags.h, index i for bit 1 << i). */
    int has_special;
    report_t special[STAT_FLAG_COUNT];
    /* Without a category: the top unit's coercion and complaint counts (core/report.h).
     * actions_ok 0: their rows are damaged (a negative or overflowing figure); the JSON
     * then leaves them out rather than show them. */
    int has_actions, actions_ok;
    report_coercion_t coercion;
    report_complaints_t complaints;
} report_summary_t;

/* The rows a report takes for a category query value: a flag's code ("credit",
 * "corruption", "prisoner") restricts to the cases with that flag (on the day, for
 * prisoner); another code of docs/import.md to that category; NULL takes every row.
 * Set s->moves from it before summing (report_filter_moves). */
report_filter_t report_filter_of(const char *category);
int report_filter_moves(report_filter_t f);

/* The report of unit code for [from, to] (category NULL: all, with the special tables).
 * Refused: an unknown unit, from after to (OP_INVALID / OP_NOT_FOUND). Whether the caller
 * may see the unit is the caller's (api: scope). 0 or the refusal; free with
 * report_summary_free. */
int report_op_summary(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                      const char *category, report_summary_t *out, op_error_t *err);
void report_summary_free(report_summary_t *s);

/* The JSON object of issue 15: the lines of the top unit, "on_application" (the same
 * lines), "units" (one object per child, with "unit" and "name"), and without a category
 * "special": {"credit": {lines}, "corruption": {...}, "prisoner": {...}}, "coercion" and
 * "complaints" (core/report.h, report_actions_json). 0, or -1 out of memory. */
int report_summary_json(const report_summary_t *s, report_buf_t *b);

#endif
