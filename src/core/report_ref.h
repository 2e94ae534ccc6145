/*
 * core/report_ref.h — the slow reference of the summary report (issue 15): one case's part
 * in every line of the indicator tree, derived from what its events left it as day by day
 * (its state and what it had collected after each event), and not from the statistics
 * deltas the engine writes. ops/report_ref.c reads every case's events into these steps;
 * tests/store/test_report_prop.c compares the sums with the fast report (core/report.c
 * over stat_delta), and `thads fsck` may one day.
 *
 * The lines, per case, for the period from..to (docs/internals/statistics.md, read from the
 * law rather than from the deltas): on a day, the case is in the state its last event
 * dated up to that day left it, and owes amount - collected (never below 0);
 *   carried_over  open (decided .. suspended) at the end of from - 1: 1, what it owed then;
 *   new           accepted (first out of received) in the period: 1, its full amount;
 *   entrusted_away, terminated, and returned/revoked (report_t.removed): entered that
 *                 final state in the period: 1, what it owed then;
 *   completed     D1 + D2; D1: completed in the period (1), and as money the part of its
 *                 amount it no longer owed at the end of the period (all of it once
 *                 completed; what was collected before a final state otherwise) less that
 *                 part at the end of from - 1 — collections, voids, and the rest at
 *                 completion;
 *   in_progress, postponed, suspended, other (decided, voluntary_period, verifying),
 *   not_eligible  its state at the end of to: 1, what it owes then;
 *   total = carried_over + new; to_enforce = total - entrusted_away - removed;
 *   eligible = completed + in_progress + postponed + suspended + other;
 *   remaining     open at the end of to: 1, what it owes then (not C - D1 - D2: the
 *                 identity C = D + E is what the comparison proves).
 *
 * Pure: no I/O, no allocation.
 */
#ifndef THADS_CORE_REPORT_REF_H
#define THADS_CORE_REPORT_REF_H

#include "core/case.h"
#include "core/civil_date.h"
#include "core/report.h"
#include "core/stat_flags.h"

#include <stddef.h>
#include <stdint.h>

/* What one event left the case as: its state, and all it had collected (net of voids). */
typedef struct {
    civil_date_t day;
    case_state_t state;
    int64_t collected_vnd;
    case_event_t type; /* for the coercion and complaint counts (ops/report_ref.c) */
} report_ref_step_t;

typedef struct {
    int64_t amount_vnd;
    const report_ref_step_t *steps; /* in the order recorded; days never go back */
    size_t nsteps;
    /* by_held: the prisoner table (core/stat_flags.h), the case's part on the days its
     * debtor was held (the stays in held[]) — read from the register, not the deltas */
    int by_held;
    const stat_span_t *held;
    size_t nheld;
} report_ref_case_t;

/* Add the case's part in every line of [from, to] to *r (overflow sets r->overflow).
 * 0, or -1 when its steps go back in time (the reference cannot say what it was then).
 *
 * In the prisoner table (by_held) a line counts the case on the days its debtor was held:
 *   carried_over  held on from - 1 and open then;
 *   new           accepted on a day it was held (its full amount), and entered the table
 *                 in the period: held from a day E, not on E - 1, and open at the end of
 *                 E - 1 (1, what it owed then);
 *   removed       left the table: held on E - 1, not on E, open at the end of E - 1;
 *   entrusted_away, terminated, returned, revoked, D1 cases: entered that final state on
 *                 a day it was held;
 *   D1 money      what it no longer owed at the end of each day held, less the day
 *                 before;
 *   the stocks    held on `to`. */
int report_ref_add_case(report_t *r, const report_ref_case_t *c, civil_date_t from,
                        civil_date_t to);

#endif
