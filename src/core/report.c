/*
 * core/report.c — the indicator tree from summed deltas (core/report.h,
 * docs/internals/statistics.md).
 */
#include "core/report.h"
#include "core/case_engine.h"
#include "core/money.h"
#include "core/stat_flags.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const line_codes[REPORT_LINE_COUNT] = {
    "carried_over", "new",          "total",     "entrusted_away", "to_enforce",
    "eligible",     "not_eligible", "completed", "terminated",     "in_progress",
    "postponed",    "suspended",    "other",     "remaining"};

const char *report_line_code(report_line_t l)
{
    return (unsigned)l < REPORT_LINE_COUNT ? line_codes[l] : "?";
}

static int64_t add(int *overflow, int64_t a, int64_t b)
{
    int64_t r;

    if (__builtin_add_overflow(a, b, &r)) {
        *overflow = 1;
        return 0;
    }
    return r;
}

static int64_t sub(int *overflow, int64_t a, int64_t b)
{
    int64_t r;

    if (__builtin_sub_overflow(a, b, &r)) {
        *overflow = 1;
        return 0;
    }
    return r;
}

void report_sums_add(report_sums_t *s, const char *bucket, int only_application,
                     int64_t before_cases, int64_t before_money, int64_t end_cases,
                     int64_t end_money)
{
    int app = strncmp(bucket, "app:", 4) == 0, b;

    if (only_application && !app)
        return;
    if (app)
        bucket += 4;
    if (strcmp(bucket, "a2_new") == 0)
        b = REPORT_SUM_NEW;
    else if (strcmp(bucket, STAT_BUCKET_PRISONER_IN) == 0)
        b = s->moves ? REPORT_SUM_PRISONER_IN : -1;
    else if (strcmp(bucket, STAT_BUCKET_PRISONER_OUT) == 0)
        b = s->moves ? REPORT_SUM_PRISONER_OUT : -1;
    else
        b = case_stat_parse(bucket);
    if (b < 0)
        return; /* money_collected, money_paid: custody, not a line */
    s->before[b].cases = add(&s->overflow, s->before[b].cases, before_cases);
    s->before[b].money = add(&s->overflow, s->before[b].money, before_money);
    s->end[b].cases = add(&s->overflow, s->end[b].cases, end_cases);
    s->end[b].money = add(&s->overflow, s->end[b].money, end_money);
}

/* What entered bucket b in the period: its stock at the end less the stock before. */
static report_cell_t flow(const report_sums_t *s, int b, int *overflow)
{
    return (report_cell_t){sub(overflow, s->end[b].cases, s->before[b].cases),
                           sub(overflow, s->end[b].money, s->before[b].money)};
}

static report_cell_t plus(report_cell_t a, report_cell_t b, int *overflow)
{
    return (report_cell_t){add(overflow, a.cases, b.cases), add(overflow, a.money, b.money)};
}

static report_cell_t minus(report_cell_t a, report_cell_t b, int *overflow)
{
    return (report_cell_t){sub(overflow, a.cases, b.cases), sub(overflow, a.money, b.money)};
}

void report_from_sums(const report_sums_t *s, report_t *r)
{
    static const case_stat_t open[] = {STAT_UNCLASSIFIED, STAT_D3_ENFORCING, STAT_D4_POSTPONED,
                                       STAT_D5_SUSPENDED, STAT_E_NOT_ELIGIBLE};
    int *o = &r->overflow;
    report_cell_t *l = r->line, d1;

    memset(r, 0, sizeof *r);
    r->overflow = s->overflow;
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
        l[REPORT_CARRIED_OVER] = plus(l[REPORT_CARRIED_OVER], s->before[open[i]], o);
    /* new: accepted in the period (and in the prisoner table, entered it: moves 0 else) */
    l[REPORT_NEW] = plus(flow(s, REPORT_SUM_NEW, o), flow(s, REPORT_SUM_PRISONER_IN, o), o);
    l[REPORT_TOTAL] = plus(l[REPORT_CARRIED_OVER], l[REPORT_NEW], o);
    l[REPORT_ENTRUSTED_AWAY] = flow(s, STAT_B_ENTRUSTED, o);
    r->removed = plus(plus(flow(s, STAT_RETURNED, o), flow(s, STAT_REVOKED, o), o),
                      flow(s, REPORT_SUM_PRISONER_OUT, o), o);
    l[REPORT_TO_ENFORCE] =
        minus(minus(l[REPORT_TOTAL], l[REPORT_ENTRUSTED_AWAY], o), r->removed, o);
    d1 = flow(s, STAT_D1_COMPLETED, o);
    l[REPORT_TERMINATED] = flow(s, STAT_D2_TERMINATED, o);
    l[REPORT_COMPLETED] = plus(d1, l[REPORT_TERMINATED], o);
    l[REPORT_IN_PROGRESS] = s->end[STAT_D3_ENFORCING];
    l[REPORT_POSTPONED] = s->end[STAT_D4_POSTPONED];
    l[REPORT_SUSPENDED] = s->end[STAT_D5_SUSPENDED];
    l[REPORT_OTHER] = s->end[STAT_UNCLASSIFIED];
    l[REPORT_NOT_ELIGIBLE] = s->end[STAT_E_NOT_ELIGIBLE];
    l[REPORT_ELIGIBLE] = l[REPORT_COMPLETED];
    for (int i = REPORT_IN_PROGRESS; i <= REPORT_OTHER; i++)
        l[REPORT_ELIGIBLE] = plus(l[REPORT_ELIGIBLE], l[i], o);
    l[REPORT_REMAINING] = minus(l[REPORT_TO_ENFORCE], l[REPORT_COMPLETED], o);
}

int report_is_consistent(const report_t *r)
{
    const report_cell_t *l = r->line;
    int o = 0;
    report_cell_t de = plus(l[REPORT_ELIGIBLE], l[REPORT_NOT_ELIGIBLE], &o);

    return !o && !r->overflow && de.cases == l[REPORT_TO_ENFORCE].cases &&
           de.money == l[REPORT_TO_ENFORCE].money;
}

void report_rate(int64_t num, int64_t den, char *buf)
{
    int64_t bp;

    if (den == 0) {
        buf[0] = '\0';
        return;
    }
    bp = money_rate_bp(num, den); /* percent x 100, half away from zero */
    snprintf(buf, REPORT_RATE_MAX, "%s%" PRId64 ".%02" PRId64, bp < 0 ? "-" : "",
             (bp < 0 ? -bp : bp) / 100, (bp < 0 ? -bp : bp) % 100);
}

void report_buf_free(report_buf_t *b)
{
    free(b->p);
    *b = (report_buf_t){0};
}

static void put(report_buf_t *b, const char *s, size_t n)
{
    if (b->nomem)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        char *p;
        while (cap < b->len + n + 1)
            cap *= 2;
        if ((p = realloc(b->p, cap)) == NULL) {
            b->nomem = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void report_buf_puts(report_buf_t *b, const char *s)
{
    put(b, s, strlen(s));
}

void report_json_string(report_buf_t *b, const char *s)
{
    put(b, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(b, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(b, esc, 6);
        } else {
            put(b, s, 1);
        }
    }
    put(b, "\"", 1);
}

void report_json_members(report_buf_t *b, const report_t *r)
{
    char tmp[128], rate[REPORT_RATE_MAX];

    for (int i = 0; i < REPORT_LINE_COUNT; i++) {
        snprintf(tmp, sizeof tmp, "%s\"%s\":{\"cases\":%" PRId64 ",\"money\":%" PRId64 "}",
                 i ? "," : "", line_codes[i], r->line[i].cases, r->line[i].money);
        report_buf_puts(b, tmp);
    }
    report_rate(r->line[REPORT_COMPLETED].cases, r->line[REPORT_ELIGIBLE].cases, rate);
    snprintf(tmp, sizeof tmp, ",\"rate_cases\":%s%s%s", rate[0] ? "\"" : "",
             rate[0] ? rate : "null", rate[0] ? "\"" : "");
    report_buf_puts(b, tmp);
    report_rate(r->line[REPORT_COMPLETED].money, r->line[REPORT_ELIGIBLE].money, rate);
    snprintf(tmp, sizeof tmp, ",\"rate_money\":%s%s%s", rate[0] ? "\"" : "",
             rate[0] ? rate : "null", rate[0] ? "\"" : "");
    report_buf_puts(b, tmp);
}

/* ---- the coercion and complaint counts ---- */

static const char *const action_keys[5] = {
    STAT_BUCKET_COERCION_DECIDED, STAT_BUCKET_COERCION_PAID, STAT_BUCKET_COERCION_DONE,
    STAT_BUCKET_COMPLAINT_RECEIVED, STAT_BUCKET_COMPLAINT_RESOLVED};
enum { K_DECIDED, K_PAID, K_DONE, K_RECEIVED, K_RESOLVED };

int report_action_sums_add(report_action_sums_t *s, const char *bucket, int64_t before_cases,
                           int64_t end_cases)
{
    for (int k = 0; k < 5; k++)
        if (strcmp(bucket, action_keys[k]) == 0) {
            s->before[k] = add(&s->overflow, s->before[k], before_cases);
            s->end[k] = add(&s->overflow, s->end[k], end_cases);
            return 1;
        }
    return 0;
}

int report_actions_from_sums(const report_action_sums_t *s, report_coercion_t *co,
                             report_complaints_t *cp)
{
    int o = s->overflow;
    const int64_t *b = s->before, *e = s->end;

    /* THADS.md 5.3: decisions = paid voluntarily after them + needing coercion, and
     * needing coercion = carried out + pending */
    co->carried_over = sub(&o, sub(&o, b[K_DECIDED], b[K_PAID]), b[K_DONE]);
    co->new_ = sub(&o, e[K_DECIDED], b[K_DECIDED]);
    co->total = add(&o, co->carried_over, co->new_);
    co->paid_voluntarily = sub(&o, e[K_PAID], b[K_PAID]);
    co->needing = sub(&o, co->total, co->paid_voluntarily);
    co->carried_out = sub(&o, e[K_DONE], b[K_DONE]);
    co->pending = sub(&o, co->needing, co->carried_out);
    cp->carried_over = sub(&o, b[K_RECEIVED], b[K_RESOLVED]);
    cp->new_ = sub(&o, e[K_RECEIVED], b[K_RECEIVED]);
    cp->total = add(&o, cp->carried_over, cp->new_);
    cp->resolved = sub(&o, e[K_RESOLVED], b[K_RESOLVED]);
    cp->pending = sub(&o, cp->total, cp->resolved);
    if (o || co->carried_over < 0 || co->new_ < 0 || co->paid_voluntarily < 0 ||
        co->carried_out < 0 || co->pending < 0 || cp->carried_over < 0 || cp->new_ < 0 ||
        cp->resolved < 0 || cp->pending < 0)
        return -1;
    return 0;
}

void report_actions_json(report_buf_t *b, const report_coercion_t *co,
                         const report_complaints_t *cp)
{
    char tmp[512];

    snprintf(tmp, sizeof tmp,
             "\"coercion\":{\"carried_over\":%" PRId64 ",\"new\":%" PRId64 ",\"total\":%" PRId64
             ",\"paid_voluntarily\":%" PRId64 ",\"needing_coercion\":%" PRId64
             ",\"carried_out\":%" PRId64 ",\"pending\":%" PRId64 "}",
             co->carried_over, co->new_, co->total, co->paid_voluntarily, co->needing,
             co->carried_out, co->pending);
    report_buf_puts(b, tmp);
    snprintf(tmp, sizeof tmp,
             ",\"complaints\":{\"carried_over\":%" PRId64 ",\"new\":%" PRId64 ",\"total\":%" PRId64
             ",\"resolved\":%" PRId64 ",\"pending\":%" PRId64 "}",
             cp->carried_over, cp->new_, cp->total, cp->resolved, cp->pending);
    report_buf_puts(b, tmp);
}
