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

/* The first day the case was in a state for which pred holds (CIVIL_DATE_INVALID: never). */
static civil_date_t first_day(const report_ref_case_t *c, int (*pred)(case_state_t s, void *),
                              void *arg)
{
    for (size_t i = 0; i < c->nsteps; i++)
        if (pred(c->steps[i].state, arg))
            return c->steps[i].day;
    return CIVIL_DATE_INVALID;
}

static int is_accepted_state(case_state_t s, void *arg)
{
    (void)arg;
    return s != CASE_STATE_RECEIVED && s != CASE_STATE_REFUSED;
}

static int is_state(case_state_t s, void *arg)
{
    return s == *(case_state_t *)arg;
}

/* held on day d, or always outside the prisoner table */
static int counts_on(const report_ref_case_t *c, civil_date_t d)
{
    return !c->by_held || stat_held_on(c->held, c->nheld, d);
}

/* In the prisoner table, the days E in [from, to] where the debtor's held state changes:
 * the case enters (new) or leaves (removed) the table with what it owed at E - 1. And D1
 * money day by day. Outside it, D1 money over the whole period. */
static void add_held_moves(report_t *one, const report_ref_case_t *c, civil_date_t from,
                           civil_date_t to)
{
    for (size_t i = 0; i < 2 * c->nheld; i++) {
        civil_date_t e = i % 2 == 0 ? c->held[i / 2].from : c->held[i / 2].to;
        int before, after, dup = 0;
        at_t a;
        if (e == CIVIL_DATE_INVALID || e < from || e > to)
            continue;
        for (size_t k = 0; k < i && !dup; k++) /* the same day twice */
            dup = (k % 2 == 0 ? c->held[k / 2].from : c->held[k / 2].to) == e;
        before = stat_held_on(c->held, c->nheld, e - 1);
        after = stat_held_on(c->held, c->nheld, e);
        if (dup || before == after)
            continue;
        a = at_end_of(c, e - 1);
        if (!accepted(a) || !open_state(a.state))
            continue;
        if (after) {
            add(one, REPORT_NEW, 1, a.owed);
        } else {
            one->removed.cases += 1;
            one->removed.money += a.owed;
        }
    }
}

static void add_d1_money(report_t *one, const report_ref_case_t *c, at_t b, at_t e,
                         civil_date_t from, civil_date_t to)
{
    if (!c->by_held) {
        add(one, REPORT_COMPLETED, 0, performed(c, e) - performed(c, b));
        return;
    }
    for (size_t i = 0; i < c->nsteps; i++) {
        civil_date_t x = c->steps[i].day;
        if (x < from || x > to || (i > 0 && c->steps[i - 1].day == x) || !counts_on(c, x))
            continue;
        add(one, REPORT_COMPLETED, 0,
            performed(c, at_end_of(c, x)) - performed(c, at_end_of(c, x - 1)));
    }
}

int report_ref_add_case(report_t *r, const report_ref_case_t *c, civil_date_t from, civil_date_t to)
{
    at_t b, e;
    report_t one;
    civil_date_t day;

    for (size_t i = 1; i < c->nsteps; i++)
        if (c->steps[i].day < c->steps[i - 1].day)
            return -1;
    b = at_end_of(c, from - 1);
    e = at_end_of(c, to);
    memset(&one, 0, sizeof one);
    if (accepted(b) && open_state(b.state)) {
        if (counts_on(c, from - 1))
            add(&one, REPORT_CARRIED_OVER, 1, b.owed);
    } else if (!accepted(b) && accepted(e)) {
        day = first_day(c, is_accepted_state, NULL);
        if (counts_on(c, day))
            add(&one, REPORT_NEW, 1, c->amount_vnd);
    }
    if (c->by_held)
        add_held_moves(&one, c, from, to);
    add(&one, REPORT_TOTAL, one.line[REPORT_CARRIED_OVER].cases + one.line[REPORT_NEW].cases,
        one.line[REPORT_CARRIED_OVER].money + one.line[REPORT_NEW].money);
    add(&one, REPORT_TO_ENFORCE, one.line[REPORT_TOTAL].cases - one.removed.cases,
        one.line[REPORT_TOTAL].money - one.removed.money);
    day = first_day(c, is_state, &e.state);
    if ((e.state != b.state || !b.exists) && counts_on(c, day)) {
        if (e.state == CASE_STATE_ENTRUSTED_OUT) {
            add(&one, REPORT_ENTRUSTED_AWAY, 1, e.owed);
            add(&one, REPORT_TO_ENFORCE, -1, -e.owed);
        } else if (e.state == CASE_STATE_RETURNED || e.state == CASE_STATE_REVOKED) {
            one.removed.cases += 1;
            one.removed.money += e.owed;
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
    add_d1_money(&one, c, b, e, from, to);
    if (accepted(e) && open_state(e.state) && counts_on(c, to)) {
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
