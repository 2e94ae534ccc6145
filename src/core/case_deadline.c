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
 *   payout_approved           starts D31 (the payees told to come: unclaimed money is
 *                             deposited after 15 days); money_paid meets D31s like D30s
 *   money_deposited           meets D31s by amount, the oldest first (case_engine.c)
 *   postponed, suspended      cancel what runs (enforcement is stopped)
 *   postponement_lifted, resumed
 *                             restart the clock of the state the case returns to:
 *                             decided D9, voluntary period D10, verifying D11,
 *                             not eligible D12 [M: a new full period, from the decision
 *                             to continue]
 *   decided (no officer yet)  starts D7 assign an officer within 2 WD; assigned meets it
 *   any end of the case       cancels everything still open but a complaint's resolution
 *
 * Issue 12, the steps that had no event:
 *   received (urgent measure) starts D5 (24 h) instead of D4/D6; decided meets it
 *   decided                   starts D8 send it to the procuracy, 3 WD;
 *                             sent_to_procuracy meets it
 *   frozen_on_the_spot        starts D22 the freeze decision, 24 h
 *   freeze_decided            meets D22, starts D23 a compulsory measure, 10 days
 *   seized, measure_applied   meet D23 (a compulsory measure); seized starts D24
 *   valuation_contracted      meets D24 (valuation contract, 5 WD from the seizure)
 *   valuation_notified        starts D25 and D26 (the parties' periods: they elapse) and
 *                             D27 (auction contract, 10 days)
 *   auction_contracted        meets D27, closes D25 and D26 (elapsed [M]: once the auction
 *                             is contracted neither a re-valuation nor the parties'
 *                             choice can come), starts D28_MOVABLE (30 days) or
 *                             D28_REAL_ESTATE (45 days)
 *   auction_held              meets D28
 *   auction_failed            meets D28 (the auction was held), starts D29 (10 days)
 *   price_reduced             meets D29
 *   postponed (protest)       starts D16_MAX: the postponement ends within 3 months of the
 *                             request; postponement_lifted meets it
 *   complaint_received        starts D35_RESOLVE_FIRST, _PROTECTIVE, _OTHER or
 *                             _DENUNCIATION by what the complaint is about (a denunciation
 *                             is accepted and decided as a complaint, with its own time); the
 * complaint_decided naming it meets it (the engine, as for D30: each complaint has its own) D5, D22
 * and D16 are counted in hours, which events do not carry: the engine counts 24 hours as the next
 * day (core/case_engine.c, case_engine_due).
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

static const char *const complaint_codes[CASE_COMPLAINT_COUNT] = {
    [CASE_COMPLAINT_NONE] = "",
    [CASE_COMPLAINT_FIRST] = "first",
    [CASE_COMPLAINT_PROTECTIVE] = "protective",
    [CASE_COMPLAINT_DENUNCIATION] = "denunciation",
    [CASE_COMPLAINT_OTHER] = "other",
};

const char *case_complaint_code(case_complaint_t k)
{
    return (unsigned)k < CASE_COMPLAINT_COUNT ? complaint_codes[k] : "?";
}

int case_complaint_parse(const char *code)
{
    for (int i = 1; code != NULL && i < CASE_COMPLAINT_COUNT; i++)
        if (strcmp(complaint_codes[i], code) == 0)
            return i;
    return -1;
}

/* The resolution deadline of a complaint about k. LAW: Art 142 ff., THADS.md 8.2. */
static const char *complaint_rule(case_complaint_t k)
{
    switch (k) {
    case CASE_COMPLAINT_FIRST:
        return "D35_RESOLVE_FIRST";
    case CASE_COMPLAINT_PROTECTIVE:
        return "D35_RESOLVE_PROTECTIVE";
    case CASE_COMPLAINT_OTHER:
        return "D35_RESOLVE_OTHER";
    case CASE_COMPLAINT_DENUNCIATION: /* THADS.md 8.2: the Law on Denunciation */
        return "D35_RESOLVE_DENUNCIATION";
    default:
        return NULL;
    }
}

int case_deadline_resolves_complaint(const char *rule)
{
    return rule != NULL && strncmp(rule, "D35_RESOLVE_", 12) == 0;
}

int case_deadline_outlives_stop(const char *rule)
{
    return case_deadline_resolves_complaint(rule);
}

void case_deadline_effect(case_event_t e, case_state_t before, case_state_t after,
                          const case_deadline_facts_t *f, case_deadline_effect_t *o)
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
        if (e == CASE_EVENT_POSTPONEMENT_LIFTED)
            meet(o, "D16_MAX");
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
        /* LAW: Art 36 — a provisional urgent measure is decided within 24 hours */
        start(o, f->urgent_measure ? "D5" : f->on_application ? "D6" : "D4");
        break;
    case CASE_EVENT_ENTRUSTMENT_RECEIVED:
        start(o, "D21");
        break;
    case CASE_EVENT_DECIDED:
        meet(o, "D4");
        meet(o, "D6");
        meet(o, "D21");
        meet(o, "D5");
        start(o, "D9");
        start(o, "D7"); /* the engine drops it when the case already has its officer */
        start(o, "D8"); /* LAW: Art 38 — the decision goes to the procuracy */
        break;
    case CASE_EVENT_SENT_TO_PROCURACY:
        meet(o, "D8");
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
    case CASE_EVENT_FROZEN_ON_THE_SPOT:
    case CASE_EVENT_FREEZE_DECIDED:
    case CASE_EVENT_SEIZED:
        meet(o, "D11");
        meet(o, "D12");
        if (after == CASE_STATE_NOT_ELIGIBLE)
            start(o, "D12");
        if (before == CASE_STATE_DECIDED) /* an urgent measure: notified is refused now */
            cancel(o, "D9");
        if (before == CASE_STATE_VOLUNTARY_PERIOD) /* and voluntary_period_ended */
            cancel(o, "D10");
        /* LAW: Art 67 — a freeze is followed by a compulsory measure within 10 days; a
         * freeze on the spot by the freeze decision within 24 hours. */
        if (e == CASE_EVENT_MEASURE_APPLIED || e == CASE_EVENT_SEIZED)
            meet(o, "D23");
        if (e == CASE_EVENT_FROZEN_ON_THE_SPOT)
            start(o, "D22");
        if (e == CASE_EVENT_FREEZE_DECIDED) {
            meet(o, "D22");
            start(o, "D23");
        }
        if (e == CASE_EVENT_SEIZED) /* LAW: Art 98 — the valuation contract */
            start(o, "D24");
        break;
    case CASE_EVENT_VALUATION_CONTRACTED:
        meet(o, "D24");
        break;
    case CASE_EVENT_VALUATION_NOTIFIED: /* LAW: Art 99, 101 */
        start(o, "D25");
        start(o, "D26");
        start(o, "D27");
        break;
    case CASE_EVENT_AUCTION_CONTRACTED:
        meet(o, "D27");
        meet(o, "D25");
        meet(o, "D26");
        start(o, f->real_estate ? "D28_REAL_ESTATE" : "D28_MOVABLE");
        break;
    case CASE_EVENT_AUCTION_HELD:
        meet(o, "D28_MOVABLE");
        meet(o, "D28_REAL_ESTATE");
        break;
    case CASE_EVENT_AUCTION_FAILED: /* LAW: Art 104 */
        meet(o, "D28_MOVABLE");
        meet(o, "D28_REAL_ESTATE");
        start(o, "D29");
        break;
    case CASE_EVENT_PRICE_REDUCED:
        meet(o, "D29");
        break;
    case CASE_EVENT_COMPLAINT_RECEIVED:
        if (complaint_rule(f->complaint) != NULL)
            start(o, complaint_rule(f->complaint));
        break;
    case CASE_EVENT_POSTPONED:
        o->cancel_all = 1;
        /* LAW: Art 48 — a postponement asked by a person competent to protest lasts at
         * most three months from the request */
        if (f->protest_request)
            start(o, "D16_MAX");
        break;
    case CASE_EVENT_SUSPENDED:
        o->cancel_all = 1;
        break;
    case CASE_EVENT_MONEY_COLLECTED:
        start(o, "D30");
        break;
    /* Decree 62 Art 49 — money the payees were told to come for and have not is deposited
     * as non-term savings after 15 days */
    case CASE_EVENT_PAYOUT_APPROVED:
        start(o, "D31");
        break;
    default:
        break;
    }
}

int case_deadline_is_duty(const char *rule)
{
    /* LAW: Art 45 — the voluntary period is the judgment debtor's time to perform. */
    /* Art 99, 101 — a party may ask for a re-valuation (D25) and the parties may agree on
     * the auction organization (D26); neither is anyone's duty. */
    return rule == NULL ||
           (strcmp(rule, "D10") != 0 && strcmp(rule, "D25") != 0 && strcmp(rule, "D26") != 0);
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
