/*
 * core/case_deadline.c — the clocks a case's events start and stop.
 *
 *   received (ex officio)     starts D4  decision within 5 working days
 *   received (application)    starts D6  decision or written refusal within 5 WD
 *   entrustment_received      starts D21 the receiving agency's decision, 5 WD
 *   decided                   meets D4/D6/D21, starts D9 notify the parties, 3 WD
 *   refused                   meets D6
 *   notified                  meets D9, starts D10 the voluntary period (10 days)
 *   voluntary_period_ended    meets D10, starts D11 first verification, 10 days
 *   verification/classification/measure
 *                             meets D11 and D12; into not_eligible starts D12
 *                             (re-verify at least every 6 months)
 *   measure from decided      cancels D9, from the voluntary period D10: the case is
 *                             enforcing, and the event that met them can no longer come
 *   money_collected           starts D30 payout within 10 days
 *   money_paid                meets D30s, the oldest first, by amount (core/case_engine.c)
 *   money_voided              cancels the D30 of the collection it undoes (case_engine.c)
 *   postponed, suspended      cancel what runs (enforcement is stopped)
 *   postponement_lifted, resumed
 *                             restart the clock of the state the case returns to:
 *                             decided D9, voluntary period D10, verifying D11,
 *                             not eligible D12 [M: a new full period, from the decision
 *                             to continue]
 *   decided (no officer yet)  starts D7 assign an officer within 2 WD; assigned meets it
 *   any end of the case       cancels everything still open
 *
 * D10 is the debtor's time to pay, not a duty of the agency (case_deadline_is_duty): it
 * is never "late" and never counts against an officer. D11 counts from the legal end of
 * the period, not from the day its end is recorded (the engine gives the trigger).
 *
 * The deadlines for a decision once its ground arises — D15 postponement, D17 the
 * decision to continue, D18 suspension, D19 termination, D20 entrustment — start on the
 * day the ground arose, which the event itself states (case_event_input_t.ground_on), and
 * the event meets them at once, on time or late: see case_deadline_of_ground.
 */
#include "core/case_deadline.h"

#include <string.h>

static void meet(case_deadline_effect_t *o, const char *rule)
{
    if (o->nmeets < CASE_DEADLINE_MAX)
        o->meets[o->nmeets++] = rule;
}

static void cancel(case_deadline_effect_t *o, const char *rule)
{
    if (o->ncancels < CASE_DEADLINE_MAX)
        o->cancels[o->ncancels++] = rule;
}

static void start(case_deadline_effect_t *o, const char *rule)
{
    if (o->nstarts < CASE_DEADLINE_MAX)
        o->starts[o->nstarts++] = rule;
}

void case_deadline_effect(case_event_t e, case_state_t before, case_state_t after,
                          int on_application, case_deadline_effect_t *o)
{
    memset(o, 0, sizeof *o);
    if (case_state_is_terminal(after) && !case_state_is_terminal(before)) {
        if (e == CASE_EVENT_REFUSED)
            meet(o, "D6");
        o->cancel_all = 1;
        return;
    }
    switch (e) {
    case CASE_EVENT_ASSIGNED:
        meet(o, "D7");
        break;
    case CASE_EVENT_POSTPONEMENT_LIFTED:
    case CASE_EVENT_RESUMED:
        if (after == CASE_STATE_DECIDED)
            start(o, "D9");
        else if (after == CASE_STATE_VOLUNTARY_PERIOD)
            start(o, "D10");
        else if (after == CASE_STATE_VERIFYING)
            start(o, "D11");
        else if (after == CASE_STATE_NOT_ELIGIBLE)
            start(o, "D12");
        break;
    case CASE_EVENT_RECEIVED:
        start(o, on_application ? "D6" : "D4");
        break;
    case CASE_EVENT_ENTRUSTMENT_RECEIVED:
        start(o, "D21");
        break;
    case CASE_EVENT_DECIDED:
        meet(o, "D4");
        meet(o, "D6");
        meet(o, "D21");
        start(o, "D9");
        start(o, "D7"); /* the engine drops it when the case already has its officer */
        break;
    case CASE_EVENT_NOTIFIED:
        meet(o, "D9");
        start(o, "D10");
        break;
    case CASE_EVENT_VOLUNTARY_PERIOD_ENDED:
        meet(o, "D10");
        start(o, "D11");
        break;
    case CASE_EVENT_VERIFICATION_RECORDED:
    case CASE_EVENT_CLASSIFIED_ELIGIBLE:
    case CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE:
    case CASE_EVENT_MEASURE_APPLIED:
        meet(o, "D11");
        meet(o, "D12");
        if (after == CASE_STATE_NOT_ELIGIBLE)
            start(o, "D12");
        if (before == CASE_STATE_DECIDED) /* an urgent measure: notified is refused now */
            cancel(o, "D9");
        if (before == CASE_STATE_VOLUNTARY_PERIOD) /* and voluntary_period_ended */
            cancel(o, "D10");
        break;
    case CASE_EVENT_POSTPONED:
    case CASE_EVENT_SUSPENDED:
        o->cancel_all = 1;
        break;
    case CASE_EVENT_MONEY_COLLECTED:
        start(o, "D30");
        break;
    default:
        break;
    }
}

int case_deadline_is_duty(const char *rule)
{
    /* LAW: Art 45 — the voluntary period is the judgment debtor's time to perform. */
    return rule == NULL || strcmp(rule, "D10") != 0;
}

const char *case_deadline_of_ground(case_event_t e)
{
    switch (e) {
    case CASE_EVENT_POSTPONED:
        return "D15"; /* Art 48 */
    case CASE_EVENT_POSTPONEMENT_LIFTED:
    case CASE_EVENT_RESUMED:
        return "D17"; /* Art 48, 49 */
    case CASE_EVENT_SUSPENDED:
        return "D18"; /* Art 49 */
    case CASE_EVENT_TERMINATED:
        return "D19"; /* Art 50 */
    case CASE_EVENT_ENTRUSTED_OUT:
        return "D20"; /* Art 55 */
    default:
        return NULL;
    }
}
