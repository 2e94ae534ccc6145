/*
 * ops/report_view.h — the summary report as its readers get it (issue 15): the indicator
 * tree with its on-application part and child units (ops/report_submit.h), and around it
 * what a leader reads it with — the submitted period and its corrections, the targets and
 * the same period a year before, and the work with camps. GET /api/reports/summary and
 * `thads report --format json` answer this one object.
 */
#ifndef THADS_OPS_REPORT_VIEW_H
#define THADS_OPS_REPORT_VIEW_H

#include "core/civil_date.h"
#include "ops/op.h"

#include <jansson.h>

/* The summary of unit_code for [from, to] (category NULL: all). With a category only the
 * lines, "target" and "previous_year" are given: submissions, corrections and the camps'
 * figures are of the whole report. 0 with *out (the caller's reference), or the refusal:
 * an unknown unit (OP_NOT_FOUND), a bad period (OP_INVALID). Scope is the caller's. */
int report_op_view(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                   const char *category, json_t **out, op_error_t *err);

#endif
