/*
 * ops/report_target.h — targets and year on year (issue 15; THADS.md 5.1, 5.3): a unit's
 * annual targets for the completion rates, set by a leader of a unit above it, and what
 * the summary shows against them — achievement in percentage points ("vượt 1,85%") and
 * the same period of the year before (docs/internals/statistics.md, "Targets").
 */
#ifndef THADS_OPS_REPORT_TARGET_H
#define THADS_OPS_REPORT_TARGET_H

#include "core/civil_date.h"
#include "ops/op.h"
#include "store/targets.h"

#include <jansson.h>

/* The reporting year of a day: 1 October to 30 September, named by the year it ends in
 * (2026 = 2025-10-01 .. 2026-09-30). */
int report_year_of(civil_date_t d);
/* The first and last day of a reporting year. */
civil_date_t report_year_first(int year);
civil_date_t report_year_last(int year);

/* A percentage with at most two decimal places ("83.25", "83.2", "100") as basis points
 * (8325): 0, or -1 when it is none or above max_bp. */
int report_bp_parse(const char *s, int64_t max_bp, int64_t *bp);
/* Basis points as a signed percentage with two places: 185 -> "1.85", -40 -> "-0.40".
 * buf holds at least 32 bytes. */
void report_bp_format(int64_t bp, char *buf);

/* Set the target of unit_id for year (rates in basis points, 0..10000) by actor at now.
 * Refused: a year out of 2000..2200, a rate out of range (OP_INVALID). */
int report_op_target_put(db_t *db, int64_t unit_id, int year, int64_t cases_bp, int64_t money_bp,
                         int64_t actor, int64_t now, op_error_t *err);

/* Add to summary j (report_op_summary_object) of unit_id for [from, to]:
 * "target" — when the period lies in one reporting year and the unit has a target for it:
 * year, rate_cases, rate_money, and diff_cases, diff_money (the rate reached minus the
 * target, signed percentage points; null without an eligible base); null otherwise; the
 * same "target" on each object of "units" (the child's own target);
 * "previous_year" — the same period a year earlier (29 February is 28): from, to,
 * completed, eligible, rate_cases, rate_money, and "change": completed cases and money
 * this year minus then, as a percent of then (null when then was 0), and the rates'
 * difference in percentage points. 0 or the failure. */
int report_op_year_decorate(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                            const char *category, json_t *j, op_error_t *err);

#endif
