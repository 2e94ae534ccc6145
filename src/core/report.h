/*
 * core/report.h — the summary report (issue 15): sums of the statistics deltas turned into
 * the indicator tree of THADS.md 5.2, and its JSON. docs/internals/statistics.md says which
 * event moves which line; store/report.c sums the deltas of a subtree and a period.
 *
 * Pure: no I/O. Exact: every figure is int64, overflow-checked; rates are integer math.
 */
#ifndef THADS_CORE_REPORT_H
#define THADS_CORE_REPORT_H

#include "core/case.h"

#include <stddef.h>
#include <stdint.h>

/* The lines, in the order of the JSON object. */
typedef enum {
    REPORT_CARRIED_OVER,   /* A1 */
    REPORT_NEW,            /* A2 */
    REPORT_TOTAL,          /* A = A1 + A2 */
    REPORT_ENTRUSTED_AWAY, /* B */
    REPORT_TO_ENFORCE,     /* C = A - B - (returned + revoked) */
    REPORT_ELIGIBLE,       /* D = D1 + ... + D6 */
    REPORT_NOT_ELIGIBLE,   /* E */
    REPORT_COMPLETED,      /* D1 + D2, the published figure */
    REPORT_TERMINATED,     /* D2 */
    REPORT_IN_PROGRESS,    /* D3 */
    REPORT_POSTPONED,      /* D4 */
    REPORT_SUSPENDED,      /* D5 */
    REPORT_OTHER,          /* D6: accepted, not yet classified */
    REPORT_REMAINING,      /* F = C - D1 - D2 */
    REPORT_LINE_COUNT
} report_line_t;

/* The JSON key of a line ("carried_over"); "?" out of range. */
const char *report_line_code(report_line_t l);

typedef struct {
    int64_t cases, money;
} report_cell_t;

/* Indices of the flow buckets after the case_stat_t ones. */
#define REPORT_SUM_NEW          STAT_COUNT       /* a2_new */
#define REPORT_SUM_PRISONER_IN  (STAT_COUNT + 1) /* core/stat_flags.h */
#define REPORT_SUM_PRISONER_OUT (STAT_COUNT + 2)
#define REPORT_SUM_COUNT        (STAT_COUNT + 3)

/* What the deltas of a subtree sum to, per bucket: the stock on the day before the period
 * and on its last day. moves: the caller's, set before adding — 1 for a report restricted
 * to the prisoner flag, where a case whose debtor entered a camp in the period counts as
 * new and one whose debtor left it as removed (core/stat_flags.h); 0 skips those rows. */
typedef struct {
    report_cell_t before[REPORT_SUM_COUNT], end[REPORT_SUM_COUNT];
    int overflow;
    int moves;
} report_sums_t;

/* Add one summed key (its bucket code as stored: "d3_enforcing", "app:a2_new", ...): keys
 * of another source than asked (only_application: "app:" ones alone), informational
 * keys (money_collected, money_paid) and, unless s->moves, the prisoner flag's moves are
 * skipped. */
void report_sums_add(report_sums_t *s, const char *bucket, int only_application,
                     int64_t before_cases, int64_t before_money, int64_t end_cases,
                     int64_t end_money);

typedef struct {
    report_cell_t line[REPORT_LINE_COUNT];
    /* returned applications and revoked decisions in the period (and in the prisoner
     * table, the cases whose debtor left the camp: core/stat_flags.h) */
    report_cell_t removed;
    int overflow; /* a sum left int64: the figures are not to be shown */
} report_t;

/* The indicator tree from the sums. */
void report_from_sums(const report_sums_t *s, report_t *r);

/* 1 when C = D + E in cases and in money (always, unless the deltas are damaged). */
int report_is_consistent(const report_t *r);

/* num/den as a percentage with two places, half up ("85.49"); "" when den is 0. buf holds
 * at least REPORT_RATE_MAX bytes. */
#define REPORT_RATE_MAX 32
void report_rate(int64_t num, int64_t den, char *buf);

/* ---- the coercion and complaint counts (issue 15, THADS.md 5.1, 5.3) ----
 * Counted in decisions and complaints, no money: one coercion decision (coercion_scheduled)
 * is one coercion case, one complaint received one complaint case. Flows of their own in
 * the statistics (core/case_engine.h, STAT_BUCKET_COERCION_*, _COMPLAINT_*), which the
 * indicator tree skips. docs/internals/statistics.md. */
typedef struct {
    int64_t carried_over;     /* decided before the period, neither carried out nor paid then */
    int64_t new_;             /* decided in the period */
    int64_t total;            /* carried_over + new_ */
    int64_t paid_voluntarily; /* paid after the decision, in the period: coercion not needed */
    int64_t needing;          /* total - paid_voluntarily */
    int64_t carried_out;      /* carried out in the period */
    int64_t pending;          /* needing - carried_out: still to carry out at the end */
} report_coercion_t;

typedef struct {
    int64_t carried_over; /* received before the period, not resolved then */
    int64_t new_;         /* received in the period */
    int64_t total;        /* carried_over + new_ */
    int64_t resolved;     /* decided in the period */
    int64_t pending;      /* total - resolved */
} report_complaints_t;

/* The stocks of the five action keys before the period and at its end. */
typedef struct {
    int64_t before[5], end[5];
    int overflow;
} report_action_sums_t;

/* Add one summed key if it is an action key (its code as stored, no "app:" prefix):
 * 1 taken, 0 not an action key. */
int report_action_sums_add(report_action_sums_t *s, const char *bucket, int64_t before_cases,
                           int64_t end_cases);
/* The two tables from the sums; 0, or -1 when a figure overflowed or came out negative
 * (damaged rows). */
int report_actions_from_sums(const report_action_sums_t *s, report_coercion_t *co,
                             report_complaints_t *cp);

/* A growable text buffer for the JSON. */
typedef struct {
    char *p;
    size_t len, cap;
    int nomem;
} report_buf_t;
void report_buf_free(report_buf_t *b);

/* The lines, rates and (for the on-application part) of one report as the members of a
 * JSON object, without braces: "carried_over":{"cases":1,"money":2},...,"rate_cases":"85.49",
 * "rate_money":"52.05". A rate with no eligible base is null. */
void report_json_members(report_buf_t *b, const report_t *r);
/* A JSON string, escaped. */
void report_json_string(report_buf_t *b, const char *s);
/* Append text as is. */
void report_buf_puts(report_buf_t *b, const char *s);

/* "coercion":{"carried_over":N,...},"complaints":{...} as JSON members, without braces. */
void report_actions_json(report_buf_t *b, const report_coercion_t *co,
                         const report_complaints_t *cp);

#endif
