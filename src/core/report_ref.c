/*
 * core/report_ref.c — one case's part in the report, from its days (core/report_ref.h).
 */
#include "core/report_ref.h"

#include <string.h>

/* The case at the end of day d: exists 0 before its first event. */
typedef struct {
    int exists;
    case_state_t state;
    int64_t owed;
} at_t;

static at_t at_end_of(const report_ref_case_t *c, civil_date_t d)
{
    at_t a = {0, CASE_STATE_RECEIVED, 0};

    for (size_t i = 0; i < c->nsteps && c->steps[i].day <= d; i++) {
        a.exists = 1;
        a.state = c->steps[i].state;
        a.owed = c->steps[i].collected_vnd >= c->amount_vnd
                     ? 0
                     : c->amount_vnd - c->steps[i].collected_vnd;
    }
    return a;
}

/* Accepted: out of received (a refusal is not accepted either). */
static int accepted(at_t a)
{
    return a.exists && a.state != CASE_STATE_RECEIVED && a.state != CASE_STATE_REFUSED;
}

static int open_state(case_state_t s)
{
    switch (s) {
    case CASE_STATE_DECIDED:
    case CASE_STATE_VOLUNTARY_PERIOD:
    case CASE_STATE_VERIFYING:
    case CASE_STATE_ENFORCING:
    case CASE_STATE_POSTPONED:
    case CASE_STATE_SUSPENDED:
    case CASE_STATE_NOT_ELIGIBLE:
        return 1;
    default:
        return 0;
    }
}

/* The part of its amount the case no longer owes, as performed (D1 money so far). */
static int64_t performed(const report_ref_case_t *c, at_t a)
{
    if (!accepted(a))
        return 0;
    if (a.state == CASE_STATE_COMPLETED)
        return c->amount_vnd;
    return c->amount_vnd - a.owed;
}

static void add(report_t *r, report_line_t l, int64_t cases, int64_t money)
{
    if (__builtin_add_overflow(r->line[l].cases, cases, &r->line[l].cases) ||
        __builtin_add_overflow(r->line[l].money, money, &r->line[l].money))
        r->overflow = 1;
}

int report_ref_add_case(report_t *r, const report_ref_case_t *c, civil_date_t from, civil_date_t to)
{
    at_t b, e;
    report_t one;
    int in_a = 0;

    for (size_t i = 1; i < c->nsteps; i++)
        if (c->steps[i].day < c->steps[i - 1].day)
            return -1;
    b = at_end_of(c, from - 1);
    e = at_end_of(c, to);
    memset(&one, 0, sizeof one);
    if (accepted(b) && open_state(b.state)) {
        add(&one, REPORT_CARRIED_OVER, 1, b.owed);
        in_a = 1;
    } else if (!accepted(b) && accepted(e)) {
        add(&one, REPORT_NEW, 1, c->amount_vnd);
        in_a = 1;
    }
    if (in_a) {
        add(&one, REPORT_TOTAL, 1,
            one.line[REPORT_CARRIED_OVER].money + one.line[REPORT_NEW].money);
        add(&one, REPORT_TO_ENFORCE, 1, one.line[REPORT_TOTAL].money);
    }
    if (e.state != b.state || !b.exists) {
        if (e.state == CASE_STATE_ENTRUSTED_OUT) {
            add(&one, REPORT_ENTRUSTED_AWAY, 1, e.owed);
            add(&one, REPORT_TO_ENFORCE, -1, -e.owed);
        } else if (e.state == CASE_STATE_RETURNED || e.state == CASE_STATE_REVOKED) {
            one.removed.cases = 1;
            one.removed.money = e.owed;
            add(&one, REPORT_TO_ENFORCE, -1, -e.owed);
        } else if (e.state == CASE_STATE_COMPLETED) {
            add(&one, REPORT_COMPLETED, 1, 0);
        } else if (e.state == CASE_STATE_TERMINATED) {
            add(&one, REPORT_TERMINATED, 1, e.owed);
            add(&one, REPORT_COMPLETED, 1, e.owed);
        }
    }
    /* D1 money: what it no longer owed at the end less at the start, collections in the
     * period and the rest at completion, less voids */
    add(&one, REPORT_COMPLETED, 0, performed(c, e) - performed(c, b));
    if (accepted(e) && open_state(e.state)) {
        static const struct {
            case_state_t s;
            report_line_t l;
        } where[] = {
            {CASE_STATE_DECIDED, REPORT_OTHER},
            {CASE_STATE_VOLUNTARY_PERIOD, REPORT_OTHER},
            {CASE_STATE_VERIFYING, REPORT_OTHER},
            {CASE_STATE_ENFORCING, REPORT_IN_PROGRESS},
            {CASE_STATE_POSTPONED, REPORT_POSTPONED},
            {CASE_STATE_SUSPENDED, REPORT_SUSPENDED},
            {CASE_STATE_NOT_ELIGIBLE, REPORT_NOT_ELIGIBLE},
        };
        for (size_t i = 0; i < sizeof where / sizeof where[0]; i++)
            if (where[i].s == e.state)
                add(&one, where[i].l, 1, e.owed);
        add(&one, REPORT_REMAINING, 1, e.owed);
    }
    add(&one, REPORT_ELIGIBLE, one.line[REPORT_COMPLETED].cases, one.line[REPORT_COMPLETED].money);
    for (int l = REPORT_IN_PROGRESS; l <= REPORT_OTHER; l++)
        add(&one, REPORT_ELIGIBLE, one.line[l].cases, one.line[l].money);
    for (int l = 0; l < REPORT_LINE_COUNT; l++)
        add(r, (report_line_t)l, one.line[l].cases, one.line[l].money);
    if (__builtin_add_overflow(r->removed.cases, one.removed.cases, &r->removed.cases) ||
        __builtin_add_overflow(r->removed.money, one.removed.money, &r->removed.money))
        r->overflow = 1;
    r->overflow |= one.overflow;
    return 0;
}
