/*
 * core/fee.c — the enforcement fee, from the rule table.
 *
 * The schedule is read from the table each time (a few dozen rule lookups, each a scan of
 * about a hundred rows: microseconds, small beside the transaction that books the fee).
 * A caller computing many fees on one day reads it once with fee_schedule_at() and calls
 * fee_compute_with() for each.
 *
 * The fee is the fraction
 *     (base * 10^6 + rate * (amount - rate_over)) * (10^6 - reduction)
 *     -----------------------------------------------------------------
 *                      10^6 * 10^6 * (3 if one third, else 1)
 * rounded half up once. With amounts and bases at most MONEY_AMOUNT_MAX (10^15) and rates
 * at most 10^6, the numerator stays below 2 * 10^27 and the denominator below 3 * 10^12,
 * far inside 128 bits.
 */
#include "core/fee.h"

#include <stdio.h>

__extension__ typedef __int128 fee_i128;

#define PPM 1000000

/* The version of `id` in force on `on` with the unit expected, or NULL. A row of another
 * unit is treated as absent here and reported by the caller as a bad schedule. */
static const rule_t *fee_rule(const rules_t *rules, const char *id, civil_date_t on,
                              rule_unit_t unit, int *bad)
{
    const rule_t *r = rules_find(rules, id, on);
    if (r != NULL && r->unit != unit) {
        *bad = 1;
        return NULL;
    }
    return r;
}

/* A reduction rule: its value in ppm (*ppm) if in force and at most 100%; -1 if absent. */
static void fee_reduction_rule(const rules_t *rules, const char *id, civil_date_t on,
                               const rule_t **rule, int64_t *ppm, int *bad)
{
    *rule = fee_rule(rules, id, on, RULE_UNIT_PPM, bad);
    *ppm = *rule != NULL ? (*rule)->value : -1;
    if (*ppm > PPM)
        *bad = 1;
}

int fee_schedule_at(const rules_t *rules, civil_date_t on, fee_schedule_t *out)
{
    fee_schedule_t s = {.on = on};
    int bad = 0;
    char id[RULES_ID_MAX + 1];

    if (rules == NULL || out == NULL || on == CIVIL_DATE_INVALID)
        return FEE_INVALID;
    s.base_salary_rule = fee_rule(rules, "BASE_SALARY", on, RULE_UNIT_VND, &bad);
    s.free_rule = fee_rule(rules, "FEE_FREE_BASE_SALARIES", on, RULE_UNIT_PPM, &bad);
    const rule_t *rate1 = fee_rule(rules, "FEE_BAND1_RATE", on, RULE_UNIT_PPM, &bad);
    if (bad)
        return FEE_BAD_SCHEDULE;
    if (s.base_salary_rule == NULL || s.free_rule == NULL || rate1 == NULL)
        return FEE_NO_SCHEDULE;
    s.base_salary = s.base_salary_rule->value;
    s.free_multiple_ppm = s.free_rule->value;
    if (s.base_salary > MONEY_AMOUNT_MAX || rate1->value > PPM ||
        money_mul_div(s.base_salary, s.free_multiple_ppm, PPM, &s.threshold) != MONEY_OK ||
        s.threshold > MONEY_AMOUNT_MAX)
        return FEE_BAD_SCHEDULE;

    s.bands[0] = (fee_band_t){.above = s.threshold, .rate_ppm = rate1->value, .rate_rule = rate1};
    s.nbands = 1;
    for (int k = 2;; k++) {
        snprintf(id, sizeof id, "FEE_BAND%d_FROM", k);
        const rule_t *from = fee_rule(rules, id, on, RULE_UNIT_VND, &bad);
        snprintf(id, sizeof id, "FEE_BAND%d_BASE", k);
        const rule_t *base = fee_rule(rules, id, on, RULE_UNIT_VND, &bad);
        snprintf(id, sizeof id, "FEE_BAND%d_RATE", k);
        const rule_t *rate = fee_rule(rules, id, on, RULE_UNIT_PPM, &bad);
        if (from == NULL && base == NULL && rate == NULL && !bad)
            break;
        /* A band is its three rows together, above the previous one, within bounds. */
        if (bad || from == NULL || base == NULL || rate == NULL || s.nbands == FEE_BANDS_MAX ||
            from->value <= s.bands[s.nbands - 1].above || from->value > MONEY_AMOUNT_MAX ||
            base->value > MONEY_AMOUNT_MAX || rate->value > PPM)
            return FEE_BAD_SCHEDULE;
        s.bands[s.nbands - 1].up_to = from->value;
        s.bands[s.nbands++] = (fee_band_t){.above = from->value,
                                           .base = base->value,
                                           .rate_ppm = rate->value,
                                           .rate_over = from->value,
                                           .from_rule = from,
                                           .base_rule = base,
                                           .rate_rule = rate};
    }
    s.bands[s.nbands - 1].up_to = -1;

    fee_reduction_rule(rules, "FEE_REDUCTION_POOR_MAX", on, &s.poor_max_rule, &s.poor_max_ppm,
                       &bad);
    fee_reduction_rule(rules, "FEE_REDUCTION_FOUND", on, &s.found_rule, &s.found_ppm, &bad);
    fee_reduction_rule(rules, "FEE_REDUCTION_FOUND_COERCION", on, &s.found_coercion_rule,
                       &s.found_coercion_ppm, &bad);
    if (bad)
        return FEE_BAD_SCHEDULE;
    *out = s;
    return FEE_OK;
}

/* n / d rounded half up, both positive (d > 0, n >= 0). */
static money_t fee_round(fee_i128 n, fee_i128 d)
{
    fee_i128 q = n / d;
    if (2 * (n % d) >= d)
        q++;
    return (money_t)q;
}

int fee_compute_with(const fee_schedule_t *s, money_t received, const fee_terms_t *terms,
                     fee_result_t *out)
{
    static const fee_terms_t plain = {0};
    fee_result_t res = {0};

    if (s == NULL || out == NULL || s->nbands == 0)
        return FEE_INVALID;
    if (terms == NULL)
        terms = &plain;
    if (received < 0)
        return FEE_AMOUNT_NEGATIVE;
    if (received > MONEY_AMOUNT_MAX)
        return FEE_TOO_LARGE;
    res.threshold = s->threshold;

    /* The reduction is checked even when the amount is under the threshold, so a wrong
     * decision is refused whatever the amount. */
    if (!terms->exempt) {
        switch (terms->reduction) {
        case FEE_REDUCE_NONE:
            break;
        case FEE_REDUCE_POOR:
            if (s->poor_max_ppm < 0 || terms->poor_ppm < 0 || terms->poor_ppm > s->poor_max_ppm)
                return FEE_BAD_REDUCTION;
            res.reduction_ppm = terms->poor_ppm;
            break;
        case FEE_REDUCE_FOUND:
            if (s->found_ppm < 0)
                return FEE_BAD_REDUCTION;
            res.reduction_ppm = s->found_ppm;
            break;
        case FEE_REDUCE_FOUND_COERCION:
            if (s->found_coercion_ppm < 0)
                return FEE_BAD_REDUCTION;
            res.reduction_ppm = s->found_coercion_ppm;
            break;
        default:
            return FEE_BAD_REDUCTION;
        }
    }

    if (received > s->threshold) {
        size_t b = 0;
        while (b + 1 < s->nbands && received > s->bands[b + 1].above)
            b++;
        const fee_band_t *band = &s->bands[b];
        fee_i128 full =
            (fee_i128)band->base * PPM + (fee_i128)band->rate_ppm * (received - band->rate_over);
        res.band = b + 1;
        res.full_fee = fee_round(full, PPM);
        if (!terms->exempt)
            res.fee = fee_round(full * (PPM - res.reduction_ppm),
                                (fee_i128)PPM * PPM * (terms->one_third ? 3 : 1));
    }
    if (terms->exempt)
        res.reduction_ppm = 0;
    *out = res;
    return FEE_OK;
}

int fee_compute(const rules_t *rules, civil_date_t on, money_t received, const fee_terms_t *terms,
                fee_result_t *out)
{
    fee_schedule_t s;
    if (out == NULL)
        return FEE_INVALID;
    int rc = fee_schedule_at(rules, on, &s);
    if (rc != FEE_OK)
        return rc;
    return fee_compute_with(&s, received, terms, out);
}

message_id_t fee_message(int code)
{
    switch (code) {
    case FEE_NO_SCHEDULE:
        return MSG_FEE_NO_SCHEDULE;
    case FEE_AMOUNT_NEGATIVE:
        return MSG_AMOUNT_NEGATIVE;
    case FEE_TOO_LARGE:
        return MSG_AMOUNT_OVER_MAX;
    case FEE_BAD_REDUCTION:
        return MSG_FEE_REDUCTION;
    default:
        return MSG_COUNT; /* message_get answers the internal entry */
    }
}
