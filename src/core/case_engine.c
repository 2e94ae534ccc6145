/*
 * core/case_engine.c — judging one event on a case, and what follows from it.
 *
 * case_engine_event reads, in order: may the event come in this state (core/case.c);
 * the event's own facts (dates, document, texts, officer, money); then, allowed, plays
 * it: statistics deltas when the bucket changes or money moves, the deadlines it meets,
 * cancels and opens (core/case_deadline.c, due dates from core/rules.c), the officer of
 * the open deadlines, and last the projection. Every check comes before any change, so a
 * refusal leaves the play as it was.
 */
#include "core/case_engine.h"
#include "core/case_deadline.h"
#include "core/lunar.h"
#include "core/money.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void case_play_init(case_play_t *p, const case_facts_t *c)
{
    *p = (case_play_t){.c = *c};
}

void case_play_free(case_play_t *p)
{
    free(p->dl);
    p->dl = NULL;
    p->ndl = p->capdl = 0;
}

static int play_reserve(case_play_t *p, size_t n);

int case_play_add_deadline(case_play_t *p, const case_deadline_t *d)
{
    if (play_reserve(p, 1) != 0)
        return -1;
    p->dl[p->ndl++] = *d;
    return 0;
}

civil_date_t case_play_next_due(const case_play_t *p, const char *rule)
{
    civil_date_t due = CIVIL_DATE_INVALID;

    for (size_t i = 0; i < p->ndl; i++) {
        const case_deadline_t *d = &p->dl[i];
        if (d->outcome != NULL || (rule != NULL && strcmp(d->rule_id, rule) != 0))
            continue;
        if (due == CIVIL_DATE_INVALID || d->due_on < due)
            due = d->due_on;
    }
    return due;
}

civil_date_t case_engine_due(const case_rules_t *r, const char *rule, civil_date_t on)
{
    const rule_t *x = rules_find(r->rules, rule, on);

    /* Hours (D5, D16, D22) run from a moment; events carry only their day. 24 hours from
     * some time on day d end some time on day d + 1: the deadline is that day, which
     * gives the benefit of the doubt of at most one day [M]. */
    if (x != NULL && x->unit == RULE_UNIT_H && x->value > 0 && x->value <= (int64_t)24 * 366)
        return on + (civil_date_t)((x->value + 23) / 24);
    return rules_due(r->rules, r->calendar, rule, on, NULL);
}

static int refuse(case_refusal_t *why, case_refusal_kind_t kind, message_id_t msg,
                  const char *field, const char *const *args, size_t nargs)
{
    why->kind = kind;
    why->msg = msg;
    snprintf(why->field, sizeof why->field, "%s", field ? field : "");
    message_format(msg, why->en, sizeof why->en, why->vi, sizeof why->vi, args, nargs);
    return kind;
}

int case_check_text(case_refusal_t *why, const char *field, const char *s, size_t max, int required)
{
    char limit[24];
    const char *args_en[2], *args_vi[2];
    text_status_t ts;

    if (s == NULL || s[0] == '\0')
        return required ? refuse(why, CASE_REFUSED_INVALID, MSG_MISSING_FIELD, field, NULL, 0) : 0;
    if ((ts = text_check_line(s, max)) == TEXT_OK)
        return 0;
    snprintf(limit, sizeof limit, "%zu", max);
    args_en[0] = args_vi[0] = limit;
    args_en[1] = text_status_en(ts);
    args_vi[1] = text_status_vi(ts);
    /* the two languages differ in the reason: format each with its own */
    refuse(why, CASE_REFUSED_INVALID, ts == TEXT_TOO_LONG ? MSG_TEXT_TOO_LONG : MSG_TEXT_INVALID,
           field, args_en, 2);
    {
        char en[sizeof why->en];
        message_format(why->msg, en, sizeof en, why->vi, sizeof why->vi, args_vi, 2);
    }
    return why->kind;
}

static int ground_stated(civil_date_t d)
{
    return d != 0 && d != CIVIL_DATE_INVALID;
}

/* The open payout deadline (D30) of the collection event seq, or NULL. */
static case_deadline_t *collection_d30(const case_play_t *p, int64_t seq)
{
    for (size_t i = 0; i < p->ndl; i++)
        if (p->dl[i].opened_seq == seq && strcmp(p->dl[i].rule_id, "D30") == 0)
            return &p->dl[i];
    return NULL;
}

/* The open resolution deadline of the complaint event seq or, with seq 0, the only open
 * one; NULL when there is none, or several (*open counts the open ones). */
static case_deadline_t *complaint_d35(const case_play_t *p, int64_t seq, int *open)
{
    case_deadline_t *found = NULL;

    *open = 0;
    for (size_t i = 0; i < p->ndl; i++) {
        case_deadline_t *d = &p->dl[i];
        if (d->outcome != NULL || !case_deadline_resolves_complaint(d->rule_id))
            continue;
        ++*open;
        if (seq == 0 || d->opened_seq == seq)
            found = d;
    }
    return seq == 0 && *open != 1 ? NULL : found;
}

/* LAW: Art 142 ff. — each complaint has its own time to be resolved, and a decision
 * answers one: named when several wait (the number of its complaint_received event). A
 * decision with none waiting answers a complaint taken before the system. */
static int check_complaint_decision(const case_play_t *p, const case_event_input_t *ev,
                                    case_refusal_t *why)
{
    int open;
    const case_deadline_t *d = complaint_d35(p, ev->complaint_seq, &open);
    char seq[24];
    const char *args[] = {seq};

    if (ev->complaint_seq == CASE_COMPLAINTS_EVERY)
        return 0;
    if (ev->complaint_seq == 0)
        return open > 1 ? refuse(why, CASE_REFUSED_INVALID, MSG_COMPLAINT_UNNAMED, "complaint_seq",
                                 NULL, 0)
                        : 0;
    if (d != NULL)
        return 0;
    snprintf(seq, sizeof seq, "%lld", (long long)ev->complaint_seq);
    return refuse(why, CASE_REFUSED_CONFLICT, MSG_COMPLAINT_NOT_PENDING, "complaint_seq", args, 1);
}

/* A void undoes a collection (corrects_seq) whose money the case still holds in full:
 * its payout deadline is open with none of its money paid out (payouts take the oldest
 * collections' money first). A receipt's collection always opened one (receipts began
 * with the ledger, in the rule's time). Which event it is, and its amount, the caller
 * has checked against the receipt. */
static int check_void(const case_play_t *p, const case_event_input_t *ev, case_refusal_t *why)
{
    const case_deadline_t *d;

    if (ev->corrects_seq < 1 || ev->corrects_seq > p->c.event_seq)
        return refuse(why, CASE_REFUSED_INVALID, MSG_CORRECTS_SEQ, "corrects_seq", NULL, 0);
    d = collection_d30(p, ev->corrects_seq);
    if (d == NULL || d->outcome != NULL || d->money_vnd != ev->amount_vnd)
        return refuse(why, CASE_REFUSED_CONFLICT, MSG_RECEIPT_PAID_OUT, "amount_vnd", NULL, 0);
    return 0;
}

static int date_stated(civil_date_t d)
{
    return d != 0 && d != CIVIL_DATE_INVALID;
}

/* LAW: Decree 62/2015/NĐ-CP art. 13 — no coercion on a weekly rest day or a public
 * holiday, nor, when it mobilizes forces, in the 15 days before or after Tết. The hours
 * (none from 22:00 to 06:00) are not checked: events carry no time. */
static int check_coercion_day(const case_rules_t *r, const case_event_input_t *ev,
                              case_refusal_t *why)
{
    civil_date_t on = ev->coercion_on;
    char day[11], tet_s[11], days[24];
    int y, m, dd;

    if (!date_stated(on))
        return refuse(why, CASE_REFUSED_INVALID, MSG_MISSING_FIELD, "coercion_on", NULL, 0);
    if (on < ev->occurred_on)
        return refuse(why, CASE_REFUSED_RULE, MSG_PLANNED_BEFORE_EVENT, "coercion_on", NULL, 0);
    civil_date_format(on, day);
    if (calendar_is_working_day(r->calendar, on) == 0) {
        const char *args[] = {day};
        return refuse(why, CASE_REFUSED_RULE, MSG_COERCION_REST_DAY, "coercion_on", args, 1);
    }
    if (!ev->mobilizing_forces)
        return 0;
    civil_date_to_ymd(on, &y, &m, &dd);
    {
        civil_date_t tet = lunar_new_year(y, 7);
        const rule_t *before = rules_find(r->rules, "COERCION_BLACKOUT_BEFORE_TET", on);
        const rule_t *after = rules_find(r->rules, "COERCION_BLACKOUT_AFTER_TET", on);
        if (tet == CIVIL_DATE_INVALID)
            return 0;
        if ((before != NULL && on < tet && tet - on <= before->value) ||
            (after != NULL && on >= tet && on - tet <= after->value)) {
            const char *args[] = {day, days, tet_s};
            snprintf(days, sizeof days, "%lld",
                     (long long)(on < tet ? before->value : after->value));
            civil_date_format(tet, tet_s);
            return refuse(why, CASE_REFUSED_RULE, MSG_COERCION_NEAR_TET, "coercion_on", args, 3);
        }
    }
    return 0;
}

/* LAW: Art 48 — a person competent to protest asks for a postponement at least 24 hours
 * before the coercion scheduled. Counted in days, as events have no time: a request the
 * day before is on time [M], one on the day itself is not. */
static int check_protest_request(const case_rules_t *r, const case_event_input_t *ev,
                                 case_refusal_t *why)
{
    civil_date_t asked = ground_stated(ev->ground_on) ? ev->ground_on : ev->occurred_on;
    civil_date_t latest;

    if (!date_stated(ev->coercion_on))
        return 0;
    latest = case_engine_due(r, "D16", asked);
    if (latest != CIVIL_DATE_INVALID && latest > ev->coercion_on) {
        const rule_t *x = rules_find(r->rules, "D16", asked);
        char hours[24], day[11];
        const char *args[] = {hours, day};
        snprintf(hours, sizeof hours, "%lld", (long long)(x != NULL ? x->value : 24));
        civil_date_format(ev->coercion_on, day);
        return refuse(why, CASE_REFUSED_RULE, MSG_PROTEST_REQUEST_LATE, "ground_on", args, 2);
    }
    return 0;
}

/* LAW: Art 104 — each price cut after a failed auction is at most D29_MAX_CUT (10%) of
 * the previous starting price. Checked when the event states both prices. */
static int check_price_cut(const case_rules_t *r, const case_event_input_t *ev, case_refusal_t *why)
{
    const rule_t *x = rules_find(r->rules, "D29_MAX_CUT", ev->occurred_on);
    money_t cut, lowest;

    if (ev->previous_price_vnd == 0)
        return 0;
    if (ev->previous_price_vnd < 0 || ev->amount_vnd <= 0 ||
        ev->amount_vnd >= ev->previous_price_vnd)
        return refuse(why, CASE_REFUSED_INVALID, MSG_AMOUNT_NOT_POSITIVE, "amount_vnd", NULL, 0);
    if (x == NULL || money_apply_ppm(ev->previous_price_vnd, x->value, &cut) != MONEY_OK)
        return 0;
    lowest = ev->previous_price_vnd - cut;
    if (ev->amount_vnd < lowest) {
        char pct[24], low[32];
        const char *args[] = {pct, low};
        snprintf(pct, sizeof pct, "%lld%%", (long long)(x->value / 10000));
        snprintf(low, sizeof low, "%lld", (long long)lowest);
        return refuse(why, CASE_REFUSED_RULE, MSG_PRICE_CUT_TOO_LARGE, "amount_vnd", args, 2);
    }
    return 0;
}

/* The event's own facts, beyond whether the law allows it in this state. */
static int check_facts(const case_rules_t *r, const case_play_t *p, const case_event_input_t *ev,
                       case_refusal_t *why)
{
    const case_facts_t *c = &p->c;
    int rc;

    if (ev->occurred_on == CIVIL_DATE_INVALID || ev->occurred_on > r->today)
        return refuse(why, CASE_REFUSED_RULE, MSG_EVENT_DATE, "occurred_on", NULL, 0);
    if (ev->occurred_on < c->last_event_on)
        return refuse(why, CASE_REFUSED_RULE, MSG_BEFORE_LAST_EVENT, "occurred_on", NULL, 0);
    if (case_event_needs_document(ev->type) &&
        (rc = case_check_text(why, "document_no", ev->document_no, CASE_DOCUMENT_NO_MAX, 1)) != 0)
        return rc;
    if ((rc = case_check_text(why, "reason", ev->reason, CASE_REASON_MAX, 0)) != 0)
        return rc;
    if (ground_stated(ev->ground_on)) {
        if (case_deadline_of_ground(ev->type) == NULL)
            return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "ground_on", NULL, 0);
        if (ev->ground_on > ev->occurred_on)
            return refuse(why, CASE_REFUSED_RULE, MSG_GROUND_AFTER_EVENT, "ground_on", NULL, 0);
    }
    if (ev->reverify_yearly &&
        !(ev->type == CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE ||
          (ev->type == CASE_EVENT_VERIFICATION_RECORDED && ev->verify == VERIFY_NOT_ELIGIBLE)))
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "reverify_yearly", NULL,
                      0);
    if (ev->service_by_posting && ev->type != CASE_EVENT_NOTIFIED)
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "service_by_posting", NULL,
                      0);
    if (ev->real_estate && ev->type != CASE_EVENT_AUCTION_CONTRACTED)
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "real_estate", NULL, 0);
    if (ev->previous_price_vnd != 0 && ev->type != CASE_EVENT_PRICE_REDUCED)
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "previous_price_vnd", NULL,
                      0);
    if (ev->protest_request && ev->type != CASE_EVENT_POSTPONED)
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "protest_request", NULL,
                      0);
    if (date_stated(ev->coercion_on) && ev->type != CASE_EVENT_COERCION_SCHEDULED &&
        !(ev->type == CASE_EVENT_POSTPONED && ev->protest_request))
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "coercion_on", NULL, 0);
    if (ev->mobilizing_forces && ev->type != CASE_EVENT_COERCION_SCHEDULED)
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "mobilizing_forces", NULL,
                      0);
    if (ev->complaint != CASE_COMPLAINT_NONE && ev->type != CASE_EVENT_COMPLAINT_RECEIVED)
        return refuse(why, CASE_REFUSED_INVALID, MSG_NOT_FOR_THIS_EVENT, "complaint_about", NULL,
                      0);
    switch (ev->type) {
    case CASE_EVENT_ASSIGNED:
        if (ev->officer_user_id <= 0)
            return refuse(why, CASE_REFUSED_INVALID, MSG_OFFICER_MISSING, "officer_user_id", NULL,
                          0);
        return 0;
    case CASE_EVENT_VOLUNTARY_PERIOD_ENDED: {
        /* LAW: Art 45 — the debtor has the period to pay voluntarily; its end is a fact
         * only once the period is over. */
        civil_date_t due = case_play_next_due(p, "D10");
        if (due != CIVIL_DATE_INVALID && ev->occurred_on <= due) {
            char d[11];
            const char *args[] = {d};
            civil_date_format(due, d);
            return refuse(why, CASE_REFUSED_RULE, MSG_PERIOD_RUNNING, "occurred_on", args, 1);
        }
        return 0;
    }
    case CASE_EVENT_MONEY_COLLECTED:
    case CASE_EVENT_MONEY_PAID:
    case CASE_EVENT_MONEY_VOIDED:
    case CASE_EVENT_PAYOUT_APPROVED:
    case CASE_EVENT_MONEY_DEPOSITED:
        if (ev->amount_vnd <= 0)
            return refuse(why, CASE_REFUSED_INVALID, MSG_AMOUNT_NOT_POSITIVE, "amount_vnd", NULL,
                          0);
        if (ev->type == CASE_EVENT_MONEY_COLLECTED)
            return 0;
        /* Money is paid out of what the case holds in custody, never beyond it; and a
         * receipt is voided only while its money is all still held. */
        if (ev->amount_vnd > c->collected_vnd - c->paid_vnd)
            return refuse(why, CASE_REFUSED_CONFLICT,
                          ev->type != CASE_EVENT_MONEY_VOIDED ? MSG_MORE_THAN_HELD
                                                              : MSG_RECEIPT_PAID_OUT,
                          "amount_vnd", NULL, 0);
        if (ev->type == CASE_EVENT_MONEY_VOIDED)
            return check_void(p, ev, why);
        return 0;
    case CASE_EVENT_COMPLETED:
        /* A case is done when what was collected has reached its creditors. */
        if (c->collected_vnd != c->paid_vnd)
            return refuse(why, CASE_REFUSED_CONFLICT, MSG_MONEY_HELD, NULL, NULL, 0);
        return 0;
    case CASE_EVENT_CORRECTED:
        if (ev->corrects_seq < 1 || ev->corrects_seq > c->event_seq)
            return refuse(why, CASE_REFUSED_INVALID, MSG_CORRECTS_SEQ, "corrects_seq", NULL, 0);
        return case_check_text(why, "reason", ev->reason, CASE_REASON_MAX, 1);
    case CASE_EVENT_NOTE:
        return case_check_text(why, "reason", ev->reason, CASE_REASON_MAX, 1);
    case CASE_EVENT_COERCION_SCHEDULED:
        return check_coercion_day(r, ev, why);
    case CASE_EVENT_COERCION_CARRIED_OUT:
    case CASE_EVENT_COERCION_PAID_VOLUNTARILY:
        /* THADS.md 5.3: a coercion decision is either paid voluntarily after it or needs
         * the coercion, carried out or pending; each outcome answers one decision. */
        if (c->coercions_pending <= 0)
            return refuse(why, CASE_REFUSED_CONFLICT, MSG_NO_COERCION_PENDING, "type", NULL, 0);
        return 0;
    case CASE_EVENT_POSTPONED:
        return ev->protest_request ? check_protest_request(r, ev, why) : 0;
    case CASE_EVENT_PRICE_REDUCED:
        return check_price_cut(r, ev, why);
    case CASE_EVENT_COMPLAINT_RECEIVED:
        if ((unsigned)ev->complaint >= CASE_COMPLAINT_COUNT || ev->complaint == CASE_COMPLAINT_NONE)
            return refuse(why, CASE_REFUSED_INVALID, MSG_MISSING_FIELD, "complaint_about", NULL, 0);
        return 0;
    case CASE_EVENT_COMPLAINT_DECIDED:
        return check_complaint_decision(p, ev, why);
    default:
        return 0;
    }
}

/* Add to the verdict's delta of bucket (merged with one already there; static codes). */
static void add_delta(case_verdict_t *v, civil_date_t day, const char *bucket, int64_t cases,
                      int64_t amount_vnd)
{
    for (size_t i = 0; i < v->ndeltas; i++)
        if (strcmp(v->deltas[i].bucket, bucket) == 0) {
            v->deltas[i].cases += cases;
            v->deltas[i].amount_vnd += amount_vnd;
            return;
        }
    if (v->ndeltas < CASE_VERDICT_MAX_DELTAS)
        v->deltas[v->ndeltas++] = (case_stat_delta_t){day, bucket, cases, amount_vnd};
}

/* Drop the deltas that merged to nothing. */
static void drop_empty_deltas(case_verdict_t *v)
{
    size_t k = 0;

    for (size_t i = 0; i < v->ndeltas; i++)
        if (v->deltas[i].cases != 0 || v->deltas[i].amount_vnd != 0)
            v->deltas[k++] = v->deltas[i];
    v->ndeltas = k;
}

/* The key of a bucket for a case of this source: a case opened on application writes to
 * "app:<bucket>", so the "of which on application" forms are sums of their own keys
 * (docs/internals/statistics.md). STAT_COUNT stands for the flow-only "a2_new". */
static const char *stat_key(case_stat_t b, int on_application)
{
    static const char *const app[STAT_COUNT + 1] = {
        [STAT_NONE] = "app:none",
        [STAT_UNCLASSIFIED] = "app:unclassified",
        [STAT_D1_COMPLETED] = "app:d1_completed",
        [STAT_D2_TERMINATED] = "app:d2_terminated",
        [STAT_D3_ENFORCING] = "app:d3_enforcing",
        [STAT_D4_POSTPONED] = "app:d4_postponed",
        [STAT_D5_SUSPENDED] = "app:d5_suspended",
        [STAT_E_NOT_ELIGIBLE] = "app:e_not_eligible",
        [STAT_B_ENTRUSTED] = "app:b_entrusted",
        [STAT_RETURNED] = "app:returned",
        [STAT_REVOKED] = "app:revoked",
        [STAT_COUNT] = "app:a2_new",
    };
    if (b == STAT_COUNT)
        return on_application ? app[STAT_COUNT] : "a2_new";
    return on_application ? app[b] : case_stat_code(b);
}

/* What a case still owes: its amount less what was collected, never below 0. */
static int64_t owed_of(const case_facts_t *c, int64_t collected)
{
    return collected >= c->amount_vnd ? 0 : c->amount_vnd - collected;
}

/* Buckets nothing leaves: the case's line is final. */
static int stat_closed(case_stat_t b)
{
    return b == STAT_D1_COMPLETED || b == STAT_D2_TERMINATED || b == STAT_B_ENTRUSTED ||
           b == STAT_RETURNED || b == STAT_REVOKED;
}

/*
 * The deltas of a case moving from bucket b0 owing o0 to bucket b1 owing o1 (THADS.md 5.2,
 * docs/internals/statistics.md): the case and what it still owes leave b0 and enter b1;
 * what it no longer owes (a collection; negative for a void) is performed, D1 money; a
 * case accepted (leaving `none`) enters a2_new at its full amount, and what was collected
 * before its decision is performed that day.
 */
static void stat_move(case_verdict_t *v, const case_facts_t *c, civil_date_t on, case_stat_t b0,
                      int64_t o0, case_stat_t b1, int64_t o1)
{
    int app = c->on_application;

    if (b0 == b1) {
        if (o0 == o1 || stat_closed(b0))
            return;
        add_delta(v, on, stat_key(b0, app), 0, o1 - o0);
        if (b0 != STAT_NONE)
            add_delta(v, on, stat_key(STAT_D1_COMPLETED, app), 0, o0 - o1);
        return;
    }
    add_delta(v, on, stat_key(b0, app), -1, -o0);
    add_delta(v, on, stat_key(b1, app), 1, o1);
    if (b0 == STAT_NONE) {
        add_delta(v, on, stat_key(STAT_COUNT, app), 1, c->amount_vnd);
        add_delta(v, on, stat_key(STAT_D1_COMPLETED, app), 0, c->amount_vnd - o1);
    } else {
        add_delta(v, on, stat_key(STAT_D1_COMPLETED, app), 0, o0 - o1);
    }
}

/* Room for n more deadlines: 0, or -1 out of memory. */
static int play_reserve(case_play_t *p, size_t n)
{
    size_t cap = p->capdl ? p->capdl : 8;
    case_deadline_t *dl;

    if (p->ndl + n <= p->capdl)
        return 0;
    while (cap < p->ndl + n)
        cap *= 2;
    if ((dl = realloc(p->dl, cap * sizeof *dl)) == NULL)
        return -1;
    p->dl = dl;
    p->capdl = cap;
    return 0;
}

/* Add deadline rule triggered on `trigger` for event seq, closed at once on `closed_on`
 * when that is valid (a deadline whose event is the one that meets it), into the room
 * play_reserve made. */
static void open_deadline(const case_rules_t *r, case_play_t *p, const char *rule,
                          civil_date_t trigger, int64_t seq, civil_date_t closed_on)
{
    case_deadline_t *d = &p->dl[p->ndl];

    *d = (case_deadline_t){.officer_user_id = p->c.officer_user_id,
                           .opened_seq = seq,
                           .trigger_on = trigger,
                           .closed_on = CIVIL_DATE_INVALID,
                           .duty = case_deadline_is_duty(rule)};
    d->due_on = case_engine_due(r, rule, trigger);
    if (d->due_on == CIVIL_DATE_INVALID) /* no such rule on that date: nothing to watch */
        return;
    snprintf(d->rule_id, sizeof d->rule_id, "%s", rule);
    if (closed_on != CIVIL_DATE_INVALID) {
        d->closed_seq = seq;
        d->closed_on = closed_on;
        d->outcome = d->due_on >= closed_on ? "met" : "late";
    }
    p->ndl++;
}

/* The day a clock that event ev starts counts from, which is the event's own date but
 * for: verification after the voluntary period (D11), from the period's legal end, not
 * the day its end is recorded; the voluntary period (D10) of a decision served by public
 * posting, from the day the service becomes valid. */
static civil_date_t trigger_of(const case_rules_t *r, const case_event_input_t *ev,
                               const char *rule, civil_date_t d10_due)
{
    if (strcmp(rule, "D11") == 0 && ev->type == CASE_EVENT_VOLUNTARY_PERIOD_ENDED &&
        d10_due != CIVIL_DATE_INVALID)
        return d10_due; /* LAW: Art 44 — verification within 10 days of the period's end */
    if (strcmp(rule, "D10") == 0 && ev->type == CASE_EVENT_NOTIFIED && ev->service_by_posting) {
        /* LAW: Art 43 — service by posting is valid once the posting period has run */
        civil_date_t valid = case_engine_due(r, "SERVICE_POSTING", ev->occurred_on);
        return valid != CIVIL_DATE_INVALID ? valid : ev->occurred_on;
    }
    if (strcmp(rule, "D16_MAX") == 0 && ground_stated(ev->ground_on))
        return ev->ground_on; /* LAW: Art 48 — three months from the request */
    return ev->occurred_on;
}

/* Close d, open, by event seq on `on`: met or late by its due date, or elapsed (a
 * party's period), or cancelled. */
static void close_deadline(case_deadline_t *d, int meets, int64_t seq, civil_date_t on,
                           case_verdict_t *v)
{
    d->closed_seq = seq;
    d->closed_on = on;
    if (!meets)
        d->outcome = "cancelled";
    else if (!d->duty) /* a party's period is never late: it elapses */
        d->outcome = "elapsed";
    else
        d->outcome = d->due_on >= on ? "met" : "late";
    d->touched = d->id != 0;
    v->nclosed++;
}

/* A payout's money taken from the open deadlines of one rule, the oldest first. */
static void pay_out_rule(case_play_t *p, const case_event_input_t *ev, const char *rule,
                         int64_t seq, case_verdict_t *v)
{
    int64_t left = ev->amount_vnd;

    for (size_t i = 0; i < p->ndl; i++) {
        case_deadline_t *d = &p->dl[i];
        int64_t take;
        if (d->outcome != NULL || strcmp(d->rule_id, rule) != 0)
            continue;
        if (d->money_vnd == 0) {
            close_deadline(d, 1, seq, ev->occurred_on, v);
            continue;
        }
        if (left == 0)
            continue;
        take = d->money_vnd < left ? d->money_vnd : left;
        d->money_vnd -= take;
        left -= take;
        d->touched = d->id != 0;
        if (d->money_vnd == 0)
            close_deadline(d, 1, seq, ev->occurred_on, v);
    }
}

/* The deadlines that carry money (D30 from each collection, D31 from each approval)
 * that a payout or a void touches. LAW: Art 47 — each sum collected is paid out within
 * its own period: a payout takes the money of the oldest collections first, and meets the
 * deadline of each whose money is all paid out (one stored before the ledger, which does
 * not know its money, any payout meets). Decree 62 Art 49 — likewise what the head
 * approved and the payees were told to come for, oldest approval first. A void cancels
 * the deadline of the collection it undoes. */
static void pay_out_money_deadlines(case_play_t *p, const case_event_input_t *ev, int64_t seq,
                                    case_verdict_t *v)
{
    if (ev->type == CASE_EVENT_MONEY_VOIDED) {
        case_deadline_t *d = collection_d30(p, ev->corrects_seq);
        if (d != NULL)
            close_deadline(d, 0, seq, ev->occurred_on, v);
        return;
    }
    if (ev->type == CASE_EVENT_MONEY_DEPOSITED) { /* D31's lawful end; D30 waits for a payout */
        pay_out_rule(p, ev, "D31", seq, v);
        return;
    }
    if (ev->type != CASE_EVENT_MONEY_PAID)
        return;
    pay_out_rule(p, ev, "D30", seq, v);
    pay_out_rule(p, ev, "D31", seq, v);
}

/* Close and open the deadlines event ev (number seq, from `before` to `after`) touches,
 * as core/case_deadline.c says. 0, or -1 out of memory with nothing changed: the room for
 * the new ones is made first. */
static int play_deadlines(const case_rules_t *r, case_play_t *p, const case_event_input_t *ev,
                          case_state_t before, case_state_t after, int64_t seq, case_verdict_t *v)
{
    civil_date_t on = ev->occurred_on, d10_due = CIVIL_DATE_INVALID;
    const char *ground = ground_stated(ev->ground_on) ? case_deadline_of_ground(ev->type) : NULL;
    case_deadline_effect_t fx;
    case_deadline_facts_t facts = {.on_application = p->c.on_application,
                                   .urgent_measure = p->c.urgent_measure,
                                   .real_estate = ev->real_estate,
                                   .protest_request = ev->protest_request,
                                   .complaint = ev->complaint};

    if (ev->type == CASE_EVENT_VOLUNTARY_PERIOD_ENDED) /* read before D10 closes */
        d10_due = case_play_next_due(p, "D10");
    case_deadline_effect(ev->type, before, after, &facts, &fx);
    if (play_reserve(p, (size_t)fx.nstarts + 1) != 0)
        return -1;
    for (size_t i = 0; i < p->ndl; i++) {
        case_deadline_t *d = &p->dl[i];
        int meets = 0, cancels = fx.cancel_all && !case_deadline_outlives_stop(d->rule_id);
        if (d->outcome != NULL)
            continue;
        for (int k = 0; k < fx.nmeets; k++)
            meets |= strcmp(d->rule_id, fx.meets[k]) == 0;
        for (int k = 0; k < fx.ncancels; k++)
            cancels |= strcmp(d->rule_id, fx.cancels[k]) == 0;
        if (!meets && !cancels)
            continue;
        close_deadline(d, meets, seq, on, v);
    }
    pay_out_money_deadlines(p, ev, seq, v);
    if (ev->type == CASE_EVENT_COMPLAINT_DECIDED) {
        int open;
        case_deadline_t *named = complaint_d35(p, ev->complaint_seq, &open);
        for (size_t i = 0; i < p->ndl; i++) {
            case_deadline_t *d = &p->dl[i];
            if (d == named || (ev->complaint_seq == CASE_COMPLAINTS_EVERY && d->outcome == NULL &&
                               case_deadline_resolves_complaint(d->rule_id)))
                close_deadline(d, 1, seq, on, v);
        }
    }
    v->opened_from = p->ndl;
    for (int k = 0; k < fx.nstarts; k++) {
        const char *rule = fx.starts[k];
        if (strcmp(rule, "D7") == 0 && p->c.officer_user_id != 0)
            continue; /* the officer is assigned already */
        if (strcmp(rule, "D12") == 0 && ev->reverify_yearly)
            rule = "D13";
        open_deadline(r, p, rule, trigger_of(r, ev, rule, d10_due), seq, CIVIL_DATE_INVALID);
        if ((strcmp(rule, "D30") == 0 || strcmp(rule, "D31") == 0) && p->ndl > v->opened_from)
            p->dl[p->ndl - 1].money_vnd = ev->amount_vnd; /* this collection's or approval's */
    }
    if (ground != NULL) /* the decision's own deadline, met or late by the event itself */
        open_deadline(r, p, ground, ev->ground_on, seq, on);
    return 0;
}

int case_engine_start(const case_rules_t *r, case_play_t *p, case_event_t e, civil_date_t on,
                      case_verdict_t *v, case_refusal_t *why)
{
    case_state_t first;
    const char *en, *vi;
    *v = (case_verdict_t){0};
    if (case_start(e, &first, &en, &vi) != 0) {
        const char *args[] = {en};
        refuse(why, CASE_REFUSED_CONFLICT, MSG_CASE_START, "type", args, 1);
        snprintf(why->vi, sizeof why->vi, "%s", vi);
        return why->kind;
    }
    v->before = v->after = first;
    v->seq = p->c.event_seq + 1;
    add_delta(v, on, stat_key(case_stat_bucket(first), p->c.on_application), 1,
              owed_of(&p->c, p->c.collected_vnd));
    drop_empty_deltas(v);
    {
        case_event_input_t ev = {.type = e, .occurred_on = on};
        if (play_deadlines(r, p, &ev, first, first, v->seq, v) != 0)
            return refuse(why, CASE_REFUSED_NOMEM, MSG_OUT_OF_MEMORY, NULL, NULL, 0);
    }
    p->c.state = first;
    p->c.state_on = p->c.last_event_on = on;
    p->c.event_seq = v->seq;
    return 0;
}

/* A state a postponement or suspension can return a case to. */
static int resumable(case_state_t s)
{
    return s == CASE_STATE_DECIDED || s == CASE_STATE_VOLUNTARY_PERIOD ||
           s == CASE_STATE_VERIFYING || s == CASE_STATE_ENFORCING || s == CASE_STATE_NOT_ELIGIBLE;
}

int case_engine_event(const case_rules_t *r, case_play_t *p, const case_event_input_t *ev,
                      case_verdict_t *v, case_refusal_t *why)
{
    case_facts_t *c = &p->c;
    case_state_t before = c->state, after;
    int64_t collected = c->collected_vnd, paid = c->paid_vnd;
    civil_date_t on = ev->occurred_on;
    const char *en, *vi;
    int rc;

    *v = (case_verdict_t){0};
    if (case_transition(before, ev->type, ev->verify, &after, &en, &vi) != 0) {
        const char *args[] = {en};
        refuse(why, CASE_REFUSED_CONFLICT, MSG_TRANSITION, "type", args, 1);
        snprintf(why->vi, sizeof why->vi, "%s", vi);
        return why->kind;
    }
    /* LAW: Art 31, 51 — refusal and return answer a creditor's application; a case the
     * agency opened ex officio has none. */
    if ((ev->type == CASE_EVENT_REFUSED || ev->type == CASE_EVENT_APPLICATION_RETURNED) &&
        !c->on_application)
        return refuse(why, CASE_REFUSED_CONFLICT, MSG_ONLY_ON_APPLICATION, "type", NULL, 0);
    /* The decision to continue returns the case to where it was stopped. */
    if ((ev->type == CASE_EVENT_POSTPONEMENT_LIFTED || ev->type == CASE_EVENT_RESUMED) &&
        resumable(c->resume_state))
        after = c->resume_state;
    if ((rc = check_facts(r, p, ev, why)) != 0)
        return rc;
    /* Amounts are bounded (MONEY_AMOUNT_MAX), so every sum of them stays exact. */
    if ((ev->type == CASE_EVENT_MONEY_COLLECTED &&
         money_add(collected, ev->amount_vnd, &collected) != MONEY_OK) ||
        (ev->type == CASE_EVENT_MONEY_PAID && money_add(paid, ev->amount_vnd, &paid) != MONEY_OK) ||
        (ev->type == CASE_EVENT_MONEY_VOIDED &&
         money_sub(collected, ev->amount_vnd, &collected) != MONEY_OK) ||
        collected > MONEY_AMOUNT_MAX)
        return refuse(why, CASE_REFUSED_INVALID, MSG_AMOUNT_OVER_MAX, "amount_vnd", NULL, 0);

    /* Allowed: what follows. */
    v->before = before;
    v->after = after;
    v->seq = c->event_seq + 1;
    if (play_deadlines(r, p, ev, before, after, v->seq, v) != 0)
        return refuse(why, CASE_REFUSED_NOMEM, MSG_OUT_OF_MEMORY, NULL, NULL, 0);
    if (ev->type == CASE_EVENT_ASSIGNED) { /* open deadlines follow the case's officer */
        c->officer_user_id = ev->officer_user_id;
        v->officer_changed = 1;
        for (size_t i = 0; i < p->ndl; i++)
            if (p->dl[i].outcome == NULL) {
                p->dl[i].officer_user_id = ev->officer_user_id;
                p->dl[i].touched = p->dl[i].id != 0;
            }
    }
    /* Statistics: the case's bucket and what it still owes (docs/internals/statistics.md);
     * money received and paid out also have their own lines. */
    stat_move(v, c, on, case_stat_bucket(before), owed_of(c, c->collected_vnd),
              case_stat_bucket(after), owed_of(c, collected));
    if (ev->type == CASE_EVENT_MONEY_COLLECTED) {
        add_delta(v, on, "money_collected", 0, ev->amount_vnd);
        v->money = (case_money_move_t){CASE_MONEY_COLLECTED, ev->amount_vnd};
    } else if (ev->type == CASE_EVENT_MONEY_PAID) {
        add_delta(v, on, "money_paid", 0, ev->amount_vnd);
        v->money = (case_money_move_t){CASE_MONEY_PAID_OUT, ev->amount_vnd};
    } else if (ev->type == CASE_EVENT_MONEY_VOIDED) { /* the collection, taken back that day */
        add_delta(v, on, "money_collected", 0, -ev->amount_vnd);
        v->money = (case_money_move_t){CASE_MONEY_VOIDED, ev->amount_vnd};
    } else if (ev->type == CASE_EVENT_PAYOUT_APPROVED) {
        v->money = (case_money_move_t){CASE_MONEY_APPROVED, ev->amount_vnd};
    } else if (ev->type == CASE_EVENT_MONEY_DEPOSITED) {
        v->money = (case_money_move_t){CASE_MONEY_DEPOSITED, ev->amount_vnd};
    }
    /* Issue 15, the coercion and complaint counts: one case per decision, per complaint
     * (THADS.md 5.1). A decision on a complaint resolves one pending; one without a
     * complaint received on the case (taken before the system) counts nothing. */
    switch (ev->type) {
    case CASE_EVENT_COERCION_SCHEDULED:
        add_delta(v, on, STAT_BUCKET_COERCION_DECIDED, 1, 0);
        c->coercions_pending++;
        break;
    case CASE_EVENT_COERCION_CARRIED_OUT:
        add_delta(v, on, STAT_BUCKET_COERCION_DONE, 1, 0);
        c->coercions_pending--;
        break;
    case CASE_EVENT_COERCION_PAID_VOLUNTARILY:
        add_delta(v, on, STAT_BUCKET_COERCION_PAID, 1, 0);
        c->coercions_pending--;
        break;
    case CASE_EVENT_COMPLAINT_RECEIVED:
        add_delta(v, on, STAT_BUCKET_COMPLAINT_RECEIVED, 1, 0);
        c->complaints_pending++;
        break;
    case CASE_EVENT_COMPLAINT_DECIDED:
        if (c->complaints_pending > 0) {
            add_delta(v, on, STAT_BUCKET_COMPLAINT_RESOLVED, 1, 0);
            c->complaints_pending--;
        }
        break;
    default:
        break;
    }
    drop_empty_deltas(v);
    /* The projection. */
    c->state = after;
    if (after != before)
        c->state_on = on;
    if (ev->type == CASE_EVENT_DECIDED)
        c->decided_on = on;
    c->last_event_on = on;
    c->collected_vnd = collected;
    c->paid_vnd = paid;
    c->event_seq = v->seq;
    /* Where a stop returns to: a suspension of a postponed case keeps the postponement's
     * [M: a suspension overrides a postponement; continuing returns to where the case
     * stood before either]. */
    if (after == CASE_STATE_POSTPONED || after == CASE_STATE_SUSPENDED) {
        if (before != CASE_STATE_POSTPONED && before != CASE_STATE_SUSPENDED)
            c->resume_state = before;
    } else {
        c->resume_state = CASE_STATE_COUNT;
    }
    return 0;
}
