/*
 * core/fee.h — the enforcement fee (phí thi hành án dân sự) on money a creditor receives.
 *
 * LAW: Law 26/2008/QH12 (amended 2014) art. 60; Circular 216/2016/TT-BTC (THADS.md 4.1).
 * The creditor pays on the amount actually received: nothing up to twice the base salary
 * (lương cơ sở) in force that day; above it, band by band, a fixed base plus a rate of the
 * part above the band's lower bound (the first band: 3% of the whole amount). The fee is
 * one third when the parties handed the money over directly after the enforcement
 * decision; the head may exempt a creditor or reduce the fee (up to 80% for a poor
 * household; 30% or 20% when the creditor located the asset that was sold).
 *
 * Every number comes from the dated rule table (data/rules.csv, core/rules.h), evaluated
 * on the date the creditor receives the money, so a change of law or of the base salary
 * is a new row there, never an edit here:
 *   BASE_SALARY               đồng
 *   FEE_FREE_BASE_SALARIES    the no-fee threshold as a multiple of it, in ppm (2x = 2000000)
 *   FEE_BAND1_RATE            the first band's rate, of the whole amount
 *   FEE_BANDk_FROM, _BASE, _RATE  (k = 2, 3, ...) a band from FROM (exclusive): BASE plus
 *                             RATE of the part above FROM; the bands end where the next
 *                             begins, and the table may add bands without a code change
 *   FEE_REDUCTION_POOR_MAX, FEE_REDUCTION_FOUND, FEE_REDUCTION_FOUND_COERCION  ppm of the fee
 * Only the one-third fee is fixed here: one third is not a whole number of ppm.
 *
 * Rounding (the texts say nothing; THADS.md 4.1 [M, design choice]): the fee is computed
 * exactly as a fraction — band, one third and reduction together — and rounded once, half
 * up, to whole đồng, so no intermediate rounding moves a đồng.
 *
 * Pure: no I/O, no allocation; the schedule points into the rules_t it was read from.
 */
#ifndef THADS_CORE_FEE_H
#define THADS_CORE_FEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/civil_date.h"
#include "core/message.h"
#include "core/money.h"
#include "core/rules.h"

/* Most bands a schedule may have (the 2016 circular has five). */
#define FEE_BANDS_MAX 16

enum {
    FEE_OK = 0,
    FEE_INVALID = -1,         /* a NULL argument, or an invalid date */
    FEE_NO_SCHEDULE = -2,     /* no base salary, threshold or first band in force that day */
    FEE_BAD_SCHEDULE = -3,    /* the rules in force contradict each other (bounds not rising,
                                 a rate above 100%, more than FEE_BANDS_MAX bands) */
    FEE_AMOUNT_NEGATIVE = -4, /* the amount received is negative */
    FEE_TOO_LARGE = -5,       /* the amount received is above MONEY_AMOUNT_MAX */
    FEE_BAD_REDUCTION = -6,   /* an unknown reduction, or a poor household's above its maximum */
};

/* One band: amounts above `above` up to `up_to` pay base + rate_ppm of (amount - rate_over). */
typedef struct {
    money_t above;     /* exclusive lower bound; the first band's is the no-fee threshold */
    money_t up_to;     /* inclusive upper bound; -1 for the last band (no bound) */
    money_t base;      /* fixed part, đồng */
    int64_t rate_ppm;  /* rate of the part above rate_over */
    money_t rate_over; /* 0 for the first band (its rate is of the whole amount), else above */
    /* Where each number comes from; the first band's from and base are NULL (the threshold
     * and 0). */
    const rule_t *from_rule, *base_rule, *rate_rule;
} fee_band_t;

/* The schedule in force on one day. */
typedef struct {
    civil_date_t on;
    money_t base_salary;
    int64_t free_multiple_ppm; /* no fee up to base_salary * this / 10^6 */
    money_t threshold;         /* that product, rounded half up */
    size_t nbands;
    fee_band_t bands[FEE_BANDS_MAX];
    int64_t poor_max_ppm, found_ppm, found_coercion_ppm; /* reductions; -1 if not in force */
    const rule_t *base_salary_rule, *free_rule;
    const rule_t *poor_max_rule, *found_rule, *found_coercion_rule; /* NULL if not in force */
} fee_schedule_t;

typedef enum {
    FEE_REDUCE_NONE = 0,
    FEE_REDUCE_POOR,           /* a poor household: the percentage the head decided */
    FEE_REDUCE_FOUND,          /* creditor located the asset; sold without mobilizing forces */
    FEE_REDUCE_FOUND_COERCION, /* the same, when coercion mobilizing forces was needed */
} fee_reduction_t;

/* What the head decided (D33) and how the money changed hands; {0} is the plain fee. */
typedef struct {
    bool exempt;    /* miễn: no fee at all */
    bool one_third; /* the parties handed the money over directly: one third of the fee */
    fee_reduction_t reduction;
    int64_t poor_ppm; /* for FEE_REDUCE_POOR: the reduction decided, 0 .. poor_max_ppm */
} fee_terms_t;

typedef struct {
    money_t fee;           /* what the creditor pays, whole đồng */
    money_t full_fee;      /* the band fee before one third, reduction or exemption */
    size_t band;           /* 0: at or below the threshold (no fee); else 1-based band */
    money_t threshold;     /* the no-fee threshold that day */
    int64_t reduction_ppm; /* the reduction applied (0 if none) */
} fee_result_t;

/* The schedule in force on `on`. FEE_OK and *out, or FEE_INVALID, FEE_NO_SCHEDULE (no
 * BASE_SALARY, FEE_FREE_BASE_SALARIES or FEE_BAND1_RATE that day) or FEE_BAD_SCHEDULE;
 * *out is untouched on error. O(bands * rules). */
int fee_schedule_at(const rules_t *rules, civil_date_t on, fee_schedule_t *out);

/* The fee on `received` đồng under schedule s and terms (NULL: the plain fee). A
 * reduction not in force on the schedule's day is FEE_BAD_REDUCTION; with `exempt` the
 * reduction is not looked at. *out untouched on error. */
int fee_compute_with(const fee_schedule_t *s, money_t received, const fee_terms_t *terms,
                     fee_result_t *out);

/* fee_schedule_at(rules, on) then fee_compute_with(): the fee on money received on `on`. */
int fee_compute(const rules_t *rules, civil_date_t on, money_t received, const fee_terms_t *terms,
                fee_result_t *out);

/* The refusal message for a code of this module (MSG_FEE_NO_SCHEDULE takes the date,
 * MSG_FEE_REDUCTION the largest percentage); the internal entry for FEE_OK, FEE_INVALID
 * and FEE_BAD_SCHEDULE, which are the caller's or the table's fault, not the user's. */
message_id_t fee_message(int code);

#endif /* THADS_CORE_FEE_H */
