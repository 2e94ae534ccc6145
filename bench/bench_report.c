/*
 * bench/bench_report.c — the official report (issue 15) at a nation's scale, beside the
 * same figures computed by a GROUP BY over the cases and their events.
 *
 * usage: bench_report [CASES]        CASES defaults to 1,000,000 (10,000,000 for the
 *                                    issue's goal)
 *        THADS_BENCH_PG=URL          also on PostgreSQL, with BENCH_REPORT_PG_CASES cases
 *                                    (default: CASES, at most 1,000,000), copied from the
 *                                    SQLite database of that size
 *        BENCH_REPORT_CACHE=DIR      where the databases are kept (build/bench-cache)
 *        BENCH_REPORT_PG_ONLY=1      time PostgreSQL alone (the SQLite figures taken before)
 *
 * The data: a ministry, its department, 34 provinces of 20 regional offices (one
 * province, P00, of 30 and 15% of the cases), 726 units. CASES cases received over the
 * five years before the day the cache is built, in id order, each with a history played
 * by the project's own engine (core/case_engine.c: the law's transitions, the money
 * rules, the statistics deltas): decided, served, paid in the voluntary period or not,
 * verified eligible or not, partial collections paid out, postponed and continued,
 * suspended, completed, terminated, entrusted away, revoked, returned, refused; the events
 * after the build day are not played, so recent cases are open. Amounts from 0 (an act,
 * not money) to 5 billion đồng; categories and sources in a realistic mix. What is
 * written is what ops/case_work.c writes for such a history — the events, the case row
 * in its final state, each case's deltas summed per day and bucket (stat_case_delta) —
 * and stat_delta is those summed per (unit, day, category, bucket), which is what
 * stat_delta always is (docs/internals/statistics.md, "Drill-down"). Event hashes are
 * placeholders (nothing here reads them; thads fsck would refuse this database) and
 * closed deadlines are not written. The databases are written once, under
 * build/bench-cache, and brought up to date by migrations at each run.
 *
 * Timed, each beside the scan (the same figures from enforcement_case and case_event
 * alone, by a GROUP BY of each case's state and collected money at the two ends of the
 * period, as one would write it without deltas), with the figures compared line by line
 * for the unit, its on-application part and every child unit (the bench fails if they
 * differ):
 *   - report_op_summary (GET /api/reports/summary) for the big province x a reporting
 *     year (1 Oct - 30 Sep), the nation (the department) x the year, one office x a month;
 *   - report_op_cases (GET /api/reports/cases), the first page of 50, for the province x
 *     year, lines completed (a flow) and in_progress (a stock), against the scan's first
 *     50 cases with a part in the line.
 */
#include "common.h"
#include "core/case.h"
#include "core/case_engine.h"
#include "core/case_kind.h"
#include "core/civil_date.h"
#include "core/report.h"
#include "embed.h"
#include "ops/app.h"
#include "ops/case_replay.h"
#include "ops/report.h"
#include "ops/report_cases.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/stat_month.h"

#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROVINCES   34
#define OFFICES     20 /* per province; P00 has BIG_OFFICES */
#define BIG_OFFICES 30
#define YEARS_DAYS  1826
#define PAGE        50

/* ---- units: 1 ministry, 2 department, 3.. provinces, then offices ---- */

static int offices_of(int p)
{
    return p == 0 ? BIG_OFFICES : OFFICES;
}
static int64_t province_id(int p)
{
    return 3 + p;
}
static int64_t office_id(int p, int o)
{
    return 3 + PROVINCES + (p == 0 ? 0 : BIG_OFFICES + (int64_t)(p - 1) * OFFICES) + o;
}
static int64_t units_total(void)
{
    return office_id(PROVINCES - 1, OFFICES - 1);
}

static void exec(db_t *db, const char *sql)
{
    if (db_exec_script(db, sql) != DB_OK)
        bench_fail("%s: %s", sql, db_errmsg(db));
}

static db_stmt_t *prep(db_t *db, const char *sql)
{
    db_stmt_t *st;
    if (db_prepare(db, sql, &st) != DB_OK)
        bench_fail("%s: %s", sql, db_errmsg(db));
    return st;
}

static void run(db_stmt_t *st, db_t *db)
{
    if (db_step(st) != DB_DONE)
        bench_fail("insert: %s", db_errmsg(db));
    db_reset(st);
}

static void make_units(db_t *db)
{
    db_stmt_t *u = prep(db, "INSERT INTO unit (id, code, name_vi, kind, valid_from, created_at) "
                            "VALUES ($1, $2, $3, $4, '2015-01-01', 0)");
    db_stmt_t *p = prep(db, "INSERT INTO unit_parent (unit_id, parent_id, valid_from) "
                            "VALUES ($1, $2, '2015-01-01')");
    char code[32], name[96];

    db_bind_int64(u, 1, 1), db_bind_text(u, 2, "BTP"), db_bind_text(u, 3, "Bộ Tư pháp");
    db_bind_text(u, 4, "ministry"), run(u, db);
    db_bind_int64(u, 1, 2), db_bind_text(u, 2, "CUC"), db_bind_text(u, 3, "Cục THADS");
    db_bind_text(u, 4, "central_department"), run(u, db);
    db_bind_int64(p, 1, 2), db_bind_int64(p, 2, 1), run(p, db);
    for (int i = 0; i < PROVINCES; i++) {
        snprintf(code, sizeof code, "P%02d", i);
        snprintf(name, sizeof name, "THADS tỉnh %d", i);
        db_bind_int64(u, 1, province_id(i)), db_bind_text(u, 2, code), db_bind_text(u, 3, name);
        db_bind_text(u, 4, "provincial_agency"), run(u, db);
        db_bind_int64(p, 1, province_id(i)), db_bind_int64(p, 2, 2), run(p, db);
        for (int o = 0; o < offices_of(i); o++) {
            snprintf(code, sizeof code, "P%02d-KV%02d", i, o);
            snprintf(name, sizeof name, "Phòng THADS khu vực %d tỉnh %d", o, i);
            db_bind_int64(u, 1, office_id(i, o)), db_bind_text(u, 2, code);
            db_bind_text(u, 3, name), db_bind_text(u, 4, "regional_office"), run(u, db);
            db_bind_int64(p, 1, office_id(i, o)), db_bind_int64(p, 2, province_id(i)), run(p, db);
        }
    }
    db_finalize(u), db_finalize(p);
}

/* ---- one case's history, played by the engine ---- */

#define MAX_EV 48
#define MAX_DL 96

typedef struct {
    case_event_t type;
    civil_date_t on;
    int64_t amount;
    verify_result_t verify;
    case_state_t after;
} hev_t;

typedef struct {
    civil_date_t day;
    const char *bucket;
    int64_t cases, amount;
} hdelta_t;

typedef struct {
    const case_rules_t *rules;
    civil_date_t today;
    int64_t id;
    case_play_t play;
    hev_t ev[MAX_EV];
    size_t nev;
    hdelta_t dl[MAX_DL];
    size_t ndl;
    int stopped; /* an event would fall after today: the history ends there */
} hist_t;

static void keep_deltas(hist_t *h, const case_verdict_t *v)
{
    for (size_t k = 0; k < v->ndeltas; k++) {
        const case_stat_delta_t *x = &v->deltas[k];
        size_t i = 0;
        while (i < h->ndl && !(h->dl[i].day == x->day && strcmp(h->dl[i].bucket, x->bucket) == 0))
            i++;
        if (i == h->ndl) {
            if (h->ndl == MAX_DL)
                bench_fail("case %" PRId64 ": too many deltas", h->id);
            h->dl[h->ndl++] = (hdelta_t){x->day, x->bucket, 0, 0};
        }
        h->dl[i].cases += x->cases;
        h->dl[i].amount += x->amount_vnd;
    }
}

/* Play event type on day `on` (amount, verification): 0 played, 1 the history is over
 * (the day is after today). A refusal is a bug of this generator: the bench fails. */
static int play(hist_t *h, case_event_t type, civil_date_t on, int64_t amount, verify_result_t vr)
{
    case_event_input_t in = {.type = type,
                             .occurred_on = on,
                             .amount_vnd = amount,
                             .verify = vr,
                             .document_no = "125/QĐ-THADS",
                             .ground_on = CIVIL_DATE_INVALID,
                             .coercion_on = CIVIL_DATE_INVALID};
    case_verdict_t v;
    case_refusal_t why;

    if (h->stopped || on > h->today)
        return h->stopped = 1;
    if (case_engine_event(h->rules, &h->play, &in, &v, &why) != 0)
        bench_fail("case %" PRId64 ": %s on %d refused: %s", h->id, case_event_code(type), (int)on,
                   why.en);
    if (h->nev == MAX_EV)
        bench_fail("case %" PRId64 ": too many events", h->id);
    h->ev[h->nev++] = (hev_t){type, on, amount, vr, v.after};
    keep_deltas(h, &v);
    return 0;
}

static int64_t rnd(uint64_t *r, int64_t lo, int64_t hi) /* lo..hi inclusive */
{
    return lo + (int64_t)(bench_rng(r) % (uint64_t)(hi - lo + 1));
}

/* Collect x and pay it out to the creditor some days later. */
static int instalment(hist_t *h, uint64_t *r, civil_date_t *d, int64_t x)
{
    if (x <= 0)
        return 0;
    if (play(h, CASE_EVENT_MONEY_COLLECTED, *d, x, VERIFY_NONE) != 0)
        return 1;
    *d += (civil_date_t)rnd(r, 0, 10);
    return play(h, CASE_EVENT_MONEY_PAID, *d, x, VERIFY_NONE);
}

/* What is still to collect. */
static int64_t rest(const hist_t *h)
{
    int64_t o = h->play.c.amount_vnd - h->play.c.collected_vnd;
    return o > 0 ? o : 0;
}

/* An enforcing case, from day d: partial collections, stops and an ending (or none yet). */
static void enforce(hist_t *h, uint64_t *r, civil_date_t d, int depth)
{
    int64_t pct = rnd(r, 0, 999), parts = rnd(r, 0, 3);
    int app = h->play.c.on_application;

    for (int64_t k = 0; k < parts; k++) {
        d += (civil_date_t)rnd(r, 20, 150);
        if (instalment(h, r, &d, rest(h) / (parts + 1 - k) / 2) != 0)
            return;
    }
    d += (civil_date_t)rnd(r, 15, 200);
    if (pct < 640) { /* completed: the rest collected (or the asset handed over) */
        if (rnd(r, 0, 9) < 8 && instalment(h, r, &d, rest(h)) != 0)
            return;
        play(h, CASE_EVENT_COMPLETED, d, 0, VERIFY_NONE);
    } else if (pct < 720) {
        play(h, CASE_EVENT_TERMINATED, d, 0, VERIFY_NONE);
    } else if (pct < 790 && depth < 2) { /* postponed, continued (mostly) */
        if (play(h, CASE_EVENT_POSTPONED, d, 0, VERIFY_NONE) != 0 || rnd(r, 0, 9) < 3)
            return;
        d += (civil_date_t)rnd(r, 30, 300);
        if (play(h, CASE_EVENT_POSTPONEMENT_LIFTED, d, 0, VERIFY_NONE) == 0)
            enforce(h, r, d, depth + 1);
    } else if (pct < 820 && depth < 2) { /* suspended, resumed half the time */
        if (play(h, CASE_EVENT_SUSPENDED, d, 0, VERIFY_NONE) != 0 || rnd(r, 0, 1))
            return;
        d += (civil_date_t)rnd(r, 60, 500);
        if (play(h, CASE_EVENT_RESUMED, d, 0, VERIFY_NONE) == 0)
            enforce(h, r, d, depth + 1);
    } else if (pct < 850) {
        play(h, CASE_EVENT_ENTRUSTED_OUT, d, 0, VERIFY_NONE);
    } else if (pct < 860) {
        play(h, CASE_EVENT_REVOKED, d, 0, VERIFY_NONE);
    } else if (pct < 870 && app) {
        play(h, CASE_EVENT_APPLICATION_RETURNED, d, 0, VERIFY_NONE);
    } else if (pct < 910) { /* the assets turn out unsaleable */
        play(h, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, d, 0, VERIFY_NONE);
    } /* else: still enforcing */
}

static void history(hist_t *h, uint64_t *r, civil_date_t received)
{
    civil_date_t d = received, due;
    int64_t pct;
    case_verdict_t v;
    case_refusal_t why;

    if (case_engine_start(h->rules, &h->play, CASE_EVENT_RECEIVED, d, &v, &why) != 0)
        bench_fail("case %" PRId64 ": start refused: %s", h->id, why.en);
    h->ev[h->nev++] = (hev_t){CASE_EVENT_RECEIVED, d, 0, VERIFY_NONE, v.after};
    keep_deltas(h, &v);
    d += (civil_date_t)rnd(r, 1, 7);
    if (h->play.c.on_application && rnd(r, 0, 99) < 2) {
        play(h, CASE_EVENT_REFUSED, d, 0, VERIFY_NONE);
        return;
    }
    if (play(h, CASE_EVENT_DECIDED, d, 0, VERIFY_NONE) != 0)
        return;
    d += (civil_date_t)rnd(r, 2, 15);
    if (play(h, CASE_EVENT_NOTIFIED, d, 0, VERIFY_NONE) != 0)
        return;
    if (rnd(r, 0, 99) < 18) { /* performed in the voluntary period */
        d += (civil_date_t)rnd(r, 1, 8);
        if (instalment(h, r, &d, h->play.c.amount_vnd) == 0)
            play(h, CASE_EVENT_COMPLETED, d, 0, VERIFY_NONE);
        return;
    }
    if (rnd(r, 0, 99) < 3) { /* postponed at once (the debtor ill), continued later */
        d += (civil_date_t)rnd(r, 1, 5);
        if (play(h, CASE_EVENT_POSTPONED, d, 0, VERIFY_NONE) != 0)
            return;
        d += (civil_date_t)rnd(r, 30, 200);
        if (play(h, CASE_EVENT_POSTPONEMENT_LIFTED, d, 0, VERIFY_NONE) != 0)
            return;
    }
    due = case_play_next_due(&h->play, "D10");
    if (h->play.c.state == CASE_STATE_VOLUNTARY_PERIOD) {
        if (due != CIVIL_DATE_INVALID && d <= due)
            d = due;
        d += (civil_date_t)rnd(r, 1, 15);
        if (play(h, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, d, 0, VERIFY_NONE) != 0)
            return;
    }
    d += (civil_date_t)rnd(r, 5, 40);
    pct = rnd(r, 0, 99);
    if (h->play.c.state != CASE_STATE_VERIFYING) { /* back to where it was postponed */
        enforce(h, r, d, 1);
        return;
    }
    if (pct < 62) {
        if (play(h, CASE_EVENT_VERIFICATION_RECORDED, d, 0, VERIFY_ELIGIBLE) == 0)
            enforce(h, r, d, 0);
        return;
    }
    if (play(h, CASE_EVENT_VERIFICATION_RECORDED, d, 0, VERIFY_NOT_ELIGIBLE) != 0)
        return;
    d += (civil_date_t)rnd(r, 1, 20);
    if (play(h, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, d, 0, VERIFY_NONE) != 0)
        return;
    pct = rnd(r, 0, 99);
    d += (civil_date_t)rnd(r, 120, 700);
    if (pct < 30) { /* assets found on re-verification */
        if (play(h, CASE_EVENT_VERIFICATION_RECORDED, d, 0, VERIFY_ELIGIBLE) == 0)
            enforce(h, r, d, 0);
    } else if (pct < 40) {
        play(h, CASE_EVENT_TERMINATED, d, 0, VERIFY_NONE);
    } else if (pct < 70) {
        play(h, CASE_EVENT_VERIFICATION_RECORDED, d, 0, VERIFY_INCONCLUSIVE);
    }
}

static int delta_order(const void *a, const void *b)
{
    const hdelta_t *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return strcmp(x->bucket, y->bucket);
}

/* ---- writing the database ---- */

typedef struct {
    db_t *db;
    db_stmt_t *c, *e, *s;
} writer_t;

static void date_bind(db_stmt_t *st, int i, civil_date_t d, char buf[11])
{
    if (d == CIVIL_DATE_INVALID || d == 0) {
        db_bind_null(st, i);
        return;
    }
    civil_date_format(d, buf);
    db_bind_text_borrowed(st, i, buf);
}

static const char *category_of(uint64_t r)
{
    static const struct {
        case_category_t c;
        int per_mille;
    } mix[] = {
        {CASE_CATEGORY_CRIMINAL_CIVIL, 400}, {CASE_CATEGORY_CIVIL, 330},
        {CASE_CATEGORY_MARRIAGE_FAMILY, 90}, {CASE_CATEGORY_CREDIT, 80},
        {CASE_CATEGORY_ADMINISTRATIVE, 50},  {CASE_CATEGORY_LABOUR, 25},
        {CASE_CATEGORY_CORRUPTION, 25},
    };
    int pm = (int)(r % 1000), acc = 0;
    for (size_t i = 0; i < sizeof mix / sizeof mix[0]; i++)
        if (pm < (acc += mix[i].per_mille))
            return case_category_code(mix[i].c);
    return case_category_code(CASE_CATEGORY_CIVIL);
}

/* The unit of a case: 15% in P00, the rest even over the other provinces; 5% of a
 * province's cases are the provincial agency's own. */
static int64_t unit_of(uint64_t r)
{
    int p = (r % 100 < 15) ? 0 : 1 + (int)((r >> 8) % (PROVINCES - 1));
    if ((r >> 20) % 100 < 5)
        return province_id(p);
    return office_id(p, (int)((r >> 28) % (uint64_t)offices_of(p)));
}

static void write_case(writer_t *w, const case_rules_t *rules, int64_t id, civil_date_t received,
                       civil_date_t today, int64_t *events, int64_t *deltas)
{
    uint64_t r = (uint64_t)id * 0x9E3779B97F4A7C15ULL, r0;
    hist_t h = {.rules = rules, .today = today, .id = id};
    const char *category, *source;
    int64_t unit, amount;
    char no[32], d1[11], d2[11], d3[11], d4[11], d5[11], payload[64];
    case_facts_t f;
    int app;
    int y;

    r0 = bench_rng(&r);
    unit = unit_of(r0);
    category = category_of(bench_rng(&r));
    app = strcmp(category, "criminal_civil") == 0 ? rnd(&r, 0, 9) < 1 : rnd(&r, 0, 9) < 7;
    source = case_source_code(app ? CASE_SOURCE_APPLICATION : CASE_SOURCE_EX_OFFICIO);
    if (rnd(&r, 0, 9) == 0)
        amount = 0; /* an act or a hand-over, not money */
    else {
        /* log-uniform-ish from 1 million to 5 billion đồng */
        int64_t mag = rnd(&r, 6, 9);
        int64_t base = 1;
        for (int k = 0; k < mag; k++)
            base *= 10;
        amount = base * rnd(&r, 1, 5) + rnd(&r, 0, base - 1) / 1000 * 1000;
    }
    f = (case_facts_t){.state = CASE_STATE_RECEIVED,
                       .on_application = app,
                       .state_on = CIVIL_DATE_INVALID,
                       .decided_on = CIVIL_DATE_INVALID,
                       .last_event_on = CIVIL_DATE_INVALID,
                       .amount_vnd = amount,
                       .resume_state = CASE_STATE_COUNT};
    case_play_init(&h.play, &f);
    history(&h, &r, received);

    /* the events */
    for (size_t i = 0; i < h.nev; i++) {
        const hev_t *e = &h.ev[i];
        db_stmt_t *st = w->e;
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, (int64_t)i + 1);
        db_bind_text_borrowed(st, 3, case_event_code(e->type));
        date_bind(st, 4, e->on, d1);
        db_bind_int64(st, 5, (int64_t)e->on * 86400 * 1000000 + 9 * 3600 * (int64_t)1000000);
        if (case_event_needs_document(e->type))
            db_bind_text_borrowed(st, 6, "125/QĐ-THADS");
        else
            db_bind_null(st, 6);
        if (e->type == CASE_EVENT_MONEY_COLLECTED || e->type == CASE_EVENT_MONEY_PAID)
            snprintf(payload, sizeof payload, "{\"amount_vnd\":%" PRId64 "}", e->amount);
        else if (e->type == CASE_EVENT_VERIFICATION_RECORDED)
            snprintf(payload, sizeof payload, "{\"result\":\"%s\"}", case_verify_code(e->verify));
        else
            snprintf(payload, sizeof payload, "{}");
        db_bind_text_borrowed(st, 7, payload);
        db_bind_text_borrowed(st, 8, case_state_code(e->after));
        run(st, w->db);
    }
    *events += (int64_t)h.nev;

    /* the case's deltas, per day and bucket, in key order */
    qsort(h.dl, h.ndl, sizeof h.dl[0], delta_order);
    for (size_t i = 0; i < h.ndl; i++) {
        const hdelta_t *x = &h.dl[i];
        if (x->cases == 0 && x->amount == 0)
            continue;
        db_bind_int64(w->s, 1, id);
        date_bind(w->s, 2, x->day, d1);
        db_bind_text_borrowed(w->s, 3, x->bucket);
        db_bind_int64(w->s, 4, unit);
        db_bind_text_borrowed(w->s, 5, category);
        db_bind_int64(w->s, 6, x->cases);
        db_bind_int64(w->s, 7, x->amount);
        run(w->s, w->db);
        (*deltas)++;
    }

    /* the case row, as the events left it */
    {
        const case_facts_t *c = &h.play.c;
        db_stmt_t *st = w->c;
        civil_date_t next = case_play_next_due(&h.play, NULL);
        civil_date_to_ymd(received, &y, NULL, NULL);
        snprintf(no, sizeof no, "%" PRId64 "/QĐ-THADS", id);
        db_bind_int64(st, 1, id);
        db_bind_int64(st, 2, unit);
        db_bind_text_borrowed(st, 3, no);
        db_bind_int64(st, 4, y);
        db_bind_text_borrowed(st, 5, source);
        db_bind_text_borrowed(st, 6, category);
        db_bind_text_borrowed(st, 7, case_state_code(c->state));
        db_bind_text_borrowed(st, 8, case_stat_code(case_stat_bucket(c->state)));
        date_bind(st, 9, received, d1);
        date_bind(st, 10, c->decided_on, d2);
        date_bind(st, 11, c->state_on, d3);
        date_bind(st, 12, c->last_event_on, d4);
        date_bind(st, 13, next, d5);
        db_bind_int64(st, 14, amount);
        db_bind_int64(st, 15, c->collected_vnd);
        db_bind_int64(st, 16, c->paid_vnd);
        db_bind_int64(st, 17, c->event_seq);
        if (c->resume_state < CASE_STATE_COUNT)
            db_bind_text_borrowed(st, 18, case_state_code(c->resume_state));
        else
            db_bind_null(st, 18);
        run(st, w->db);
    }
    case_play_free(&h.play);
}

/* The secondary indexes of the tables written, dropped for the load and built after
 * (a sort each, instead of a random b-tree insert per row). */
#define INDEX_MAX 32
typedef struct {
    char name[INDEX_MAX][128];
    char *sql[INDEX_MAX];
    int n;
} indexes_t;

static void indexes_drop(db_t *db, indexes_t *x)
{
    const char *q = db_engine(db) == DB_ENGINE_SQLITE
                        ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT "
                          "NULL AND tbl_name IN ('enforcement_case', 'case_event', "
                          "'stat_case_delta', 'stat_delta')"
                        : "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                          "current_schema() AND tablename IN ('enforcement_case', 'case_event', "
                          "'stat_case_delta', 'stat_delta') AND indexname NOT IN (SELECT conname "
                          "FROM pg_constraint)";
    db_stmt_t *st = prep(db, q);
    char sql[256];

    x->n = 0;
    while (db_step(st) == DB_ROW) {
        if (x->n == INDEX_MAX)
            bench_fail("too many indexes");
        snprintf(x->name[x->n], sizeof x->name[0], "%s", db_column_text(st, 0));
        x->sql[x->n] = strdup(db_column_text(st, 1));
        x->n++;
    }
    db_finalize(st);
    for (int i = 0; i < x->n; i++) {
        snprintf(sql, sizeof sql, "DROP INDEX %s", x->name[i]);
        exec(db, sql);
    }
}

static void indexes_build(db_t *db, indexes_t *x)
{
    bench_progress_t pr;

    bench_progress_start(&pr, "building indexes", x->n);
    for (int i = 0; i < x->n; i++) {
        exec(db, x->sql[i]);
        free(x->sql[i]);
        bench_progress_update(&pr, i + 1);
    }
    bench_progress_end(&pr);
}

#define META_SQL "CREATE TABLE bench_report_meta (cases BIGINT NOT NULL, today TEXT NOT NULL)"

static void build_sqlite(db_t *db, int64_t n, civil_date_t today)
{
    const case_rules_t rules = {app_builtin_rules(), app_builtin_calendar(), today};
    writer_t w = {.db = db};
    indexes_t ix;
    bench_progress_t pr;
    int64_t events = 0, deltas = 0;
    double t0 = bench_now();
    char day[11];

    if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        bench_fail("migrate: %s", db_errmsg(db));
    if (db_bulk_begin(db, 512) != DB_OK)
        bench_fail("bulk: %s", db_errmsg(db));
    indexes_drop(db, &ix);
    if (db_begin(db) != DB_OK)
        bench_fail("begin: %s", db_errmsg(db));
    make_units(db);
    w.c = prep(db, "INSERT INTO enforcement_case (id, unit_id, case_no, year, source, category, "
                   "state, stat_bucket, received_on, decided_on, state_on, last_event_on, "
                   "next_due_on, amount_vnd, collected_vnd, paid_vnd, event_seq, resume_state, "
                   "last_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                   "$12, $13, $14, $15, $16, $17, $18, 'x', 0)");
    w.e = prep(db, "INSERT INTO case_event (case_id, seq, type, occurred_on, recorded_at, "
                   "document_no, payload, state_after, prev_hash, hash) VALUES ($1, $2, $3, $4, "
                   "$5, $6, $7, $8, 'x', 'x')");
    w.s = prep(db, "INSERT INTO stat_case_delta (case_id, day, bucket, unit_id, category, cases, "
                   "amount_vnd) VALUES ($1, $2, $3, $4, $5, $6, $7)");
    bench_progress_start(&pr, "playing and writing cases", n);
    for (int64_t id = 1; id <= n; id++) {
        civil_date_t received =
            today - YEARS_DAYS + (civil_date_t)(((id - 1) * (int64_t)YEARS_DAYS) / n);
        write_case(&w, &rules, id, received, today, &events, &deltas);
        if (id % 200000 == 0) {
            if (db_commit(db) != DB_OK || db_begin(db) != DB_OK)
                bench_fail("commit: %s", db_errmsg(db));
        }
        if (id % 10000 == 0)
            bench_progress_update(&pr, id);
    }
    bench_progress_end(&pr);
    db_finalize(w.c), db_finalize(w.e), db_finalize(w.s);
    fprintf(stderr,
            "bench_report: %" PRId64 " cases, %" PRId64 " events, %" PRId64
            " per-case deltas in %.0f s; summing stat_delta\n",
            n, events, deltas, bench_now() - t0);
    /* the monthly stock (migration 0024) once from the sums, not a trigger per row */
    if (stat_month_suspend(db) != DB_OK)
        bench_fail("stat_month: %s", db_errmsg(db));
    exec(db, "INSERT INTO stat_delta (unit_id, day, category, bucket, cases, amount_vnd) SELECT "
             "unit_id, day, category, bucket, SUM(cases), SUM(amount_vnd) FROM stat_case_delta "
             "GROUP BY unit_id, day, category, bucket");
    if (stat_month_rebuild(db) != DB_OK)
        bench_fail("stat_month: %s", db_errmsg(db));
    if (db_commit(db) != DB_OK)
        bench_fail("commit: %s", db_errmsg(db));
    indexes_build(db, &ix);
    exec(db, META_SQL);
    {
        db_stmt_t *m = prep(db, "INSERT INTO bench_report_meta VALUES ($1, $2)");
        civil_date_format(today, day);
        db_bind_int64(m, 1, n), db_bind_text(m, 2, day), run(m, db), db_finalize(m);
    }
    if (db_bulk_end(db) != DB_OK)
        bench_fail("bulk end: %s", db_errmsg(db));
    exec(db, "PRAGMA analysis_limit = 2000; ANALYZE");
    fprintf(stderr, "bench_report: built in %.0f s\n", bench_now() - t0);
}

/* ---- PostgreSQL: the same rows, copied from the SQLite database ---- */

static void pq_exec(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        bench_fail("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
}

/* Append s to the COPY text buffer, escaped. */
static void copy_text(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + 2 * n + 4 > *cap) {
        *cap = (*cap + 2 * n + 4) * 2;
        if ((*buf = realloc(*buf, *cap)) == NULL)
            bench_fail("out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
            (*buf)[(*len)++] = '\\';
            ch = ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : '\\';
        }
        (*buf)[(*len)++] = ch;
    }
}

static void copy_table(sqlite3 *src, PGconn *dst, const char *table, int64_t total)
{
    char sql[1200], cols[1024] = "";
    sqlite3_stmt *st;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int ncol;
    int64_t rows = 0;
    bench_progress_t pr;
    PGresult *res;

    snprintf(sql, sizeof sql, "SELECT * FROM %s", table);
    if (sqlite3_prepare_v2(src, sql, -1, &st, NULL) != SQLITE_OK)
        bench_fail("%s: %s", sql, sqlite3_errmsg(src));
    ncol = sqlite3_column_count(st);
    for (int i = 0; i < ncol; i++) {
        size_t l = strlen(cols);
        snprintf(cols + l, sizeof cols - l, "%s%s", i ? ", " : "", sqlite3_column_name(st, i));
    }
    snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", table, cols);
    res = PQexec(dst, sql);
    if (PQresultStatus(res) != PGRES_COPY_IN)
        bench_fail("%s: %s", sql, PQerrorMessage(dst));
    PQclear(res);
    snprintf(sql, sizeof sql, "copying %s", table);
    bench_progress_start(&pr, sql, total);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int i = 0; i < ncol; i++) {
            if (i)
                copy_text(&buf, &len, &cap, "", 0), buf[len++] = '\t';
            if (sqlite3_column_type(st, i) == SQLITE_NULL)
                copy_text(&buf, &len, &cap, "", 0), memcpy(buf + len, "\\N", 2), len += 2;
            else {
                const char *t = (const char *)sqlite3_column_text(st, i);
                copy_text(&buf, &len, &cap, t, (size_t)sqlite3_column_bytes(st, i));
            }
        }
        copy_text(&buf, &len, &cap, "\n", 0), buf[len++] = '\n';
        if (len > (1 << 20)) {
            if (PQputCopyData(dst, buf, (int)len) != 1)
                bench_fail("copy %s: %s", table, PQerrorMessage(dst));
            len = 0;
        }
        if (++rows % 100000 == 0)
            bench_progress_update(&pr, rows);
    }
    if ((len > 0 && PQputCopyData(dst, buf, (int)len) != 1) || PQputCopyEnd(dst, NULL) != 1)
        bench_fail("copy %s: %s", table, PQerrorMessage(dst));
    res = PQgetResult(dst);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        bench_fail("copy %s: %s", table, PQerrorMessage(dst));
    PQclear(res);
    while ((res = PQgetResult(dst)) != NULL)
        PQclear(res);
    bench_progress_end(&pr);
    sqlite3_finalize(st);
    free(buf);
}

static void build_pg(db_t *db, const char *url, const char *sqlite_path, int64_t n,
                     civil_date_t today)
{
    static const char *tables[] = {
        "unit",       "unit_parent",      "enforcement_case", "case_event", "stat_case_delta",
        "stat_delta", "bench_report_meta"};
    double t0 = bench_now();
    indexes_t ix;
    sqlite3 *src;
    PGconn *pq;
    (void)today;

    if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        bench_fail("migrate: %s", db_errmsg(db));
    exec(db, META_SQL);
    indexes_drop(db, &ix);
    if (sqlite3_open_v2(sqlite_path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        bench_fail("%s: %s", sqlite_path, sqlite3_errmsg(src));
    pq = PQconnectdb(url);
    if (PQstatus(pq) != CONNECTION_OK)
        bench_fail("%s", PQerrorMessage(pq));
    /* the rows are the SQLite database's, whose references hold: no triggers per row */
    pq_exec(pq, "SET session_replication_role = replica");
    pq_exec(pq, "BEGIN");
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char q[128];
        sqlite3_stmt *st;
        int64_t rows = 0;
        snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s", tables[i]);
        if (sqlite3_prepare_v2(src, q, -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            rows = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        copy_table(src, pq, tables[i], rows);
    }
    pq_exec(pq, "COMMIT");
    PQfinish(pq);
    sqlite3_close(src);
    indexes_build(db, &ix);
    /* the copy ran without triggers: the monthly stock (migration 0024) from the sums */
    if (db_begin(db) != DB_OK || stat_month_rebuild(db) != DB_OK || db_commit(db) != DB_OK)
        bench_fail("stat_month: %s", db_errmsg(db));
    exec(db, "ANALYZE");
    fprintf(stderr, "bench_report: PostgreSQL: %" PRId64 " cases copied in %.0f s\n", n,
            bench_now() - t0);
}

/* A migration that changes the statistics key empties the deltas (0012, 0013): they are
 * rebuilt from the events by the project's own replay, as opening a database in thads
 * does (a one-off cost, like the build). */
static void rebuild_if_needed(db_t *db, civil_date_t today)
{
    app_t app;
    op_error_t err;
    int rebuilt = 0;
    double t0 = bench_now();

    (void)today;
    app_init(&app, NULL, "bench");
    fprintf(stderr, "bench_report: checking the statistics deltas after migrations\n");
    if (case_replay_rebuild_stats(db, &app, 1, &rebuilt, &err) != 0)
        bench_fail("rebuilding the statistics: %s", err.en);
    if (rebuilt)
        fprintf(stderr, "bench_report: statistics rebuilt from the events in %.0f s\n",
                bench_now() - t0);
}

/* Open (and write once) the database of n cases at url; its schema brought up to date. */
static db_t *open_db(const char *url, int64_t n, civil_date_t today, const char *sqlite_path,
                     civil_date_t *built_on)
{
    char err[512];
    int64_t have = -1;
    db_stmt_t *st;
    db_t *db;

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (db_query_int64(db, "SELECT cases FROM bench_report_meta", &have) != DB_ROW)
        have = -1;
    if (have >= 0 && have != n)
        bench_fail("%s holds another data set: remove it", url);
    if (have < 0 && sqlite_path == NULL) { /* a build cut short: start again */
        const char *file = url + strlen("sqlite:");
        static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
        db_close(db);
        for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
            char f[4400];
            snprintf(f, sizeof f, "%s%s", file, ext[i]);
            unlink(f);
        }
        if (db_open(url, &db, err, sizeof err) != DB_OK)
            bench_fail("%s", err);
    }
    if (have < 0) {
        if (sqlite_path == NULL)
            build_sqlite(db, n, today);
        else
            build_pg(db, url, sqlite_path, n, today);
    } else {
        fprintf(stderr, "bench_report: %s: %" PRId64 " cases, cached\n", url, n);
        if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
            bench_fail("migrate: %s", db_errmsg(db));
        rebuild_if_needed(db, today);
    }
    st = prep(db, "SELECT today FROM bench_report_meta");
    if (db_step(st) != DB_ROW || civil_date_parse(db_column_text(st, 0), built_on) != 0)
        bench_fail("bench_report_meta: no day");
    db_finalize(st);
    return db;
}

/* ---- the scan: each case's state and money at both ends, from its events ---- */

/* Per case of unit $1's subtree with an event by $3: its unit, source, amount, the state
 * its events left it in at the end of $2 - 1 and of $3 ('' before its first), and what
 * it still owed then. AMOUNT is the engine's spelling of the payload's amount. */
#define SCAN_CASES(AMOUNT)                                                                         \
    "WITH RECURSIVE sub(id) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT p.unit_id FROM "        \
    "unit_parent p JOIN sub ON p.parent_id = sub.id), x AS (SELECT c.id, c.unit_id, c.source, "    \
    "c.amount_vnd, MAX(CASE WHEN e.occurred_on < $2 THEN e.seq END) AS s0, MAX(e.seq) AS s1, "     \
    "SUM(CASE WHEN e.occurred_on < $2 AND e.type = 'money_collected' THEN " AMOUNT                 \
    " WHEN e.occurred_on < $2 AND e.type = 'money_voided' THEN -" AMOUNT " ELSE 0 END) AS c0, "    \
    "SUM(CASE WHEN e.type = 'money_collected' THEN " AMOUNT " WHEN e.type = 'money_voided' "       \
    "THEN -" AMOUNT " ELSE 0 END) AS c1 FROM enforcement_case c JOIN case_event e ON e.case_id "   \
    "= c.id WHERE c.unit_id IN (SELECT id FROM sub) AND e.occurred_on <= $3 GROUP BY c.id, "       \
    "c.unit_id, c.source, c.amount_vnd), y AS (SELECT x.id, x.unit_id, x.source, x.amount_vnd, "   \
    "COALESCE(e0.state_after, '') AS st0, e1.state_after AS st1, CASE WHEN x.amount_vnd > "        \
    "COALESCE(x.c0, 0) THEN x.amount_vnd - COALESCE(x.c0, 0) ELSE 0 END AS owed0, CASE WHEN "      \
    "x.amount_vnd > x.c1 THEN x.amount_vnd - x.c1 ELSE 0 END AS owed1 FROM x LEFT JOIN "           \
    "case_event e0 ON e0.case_id = x.id AND e0.seq = x.s0 JOIN case_event e1 ON e1.case_id = "     \
    "x.id AND e1.seq = x.s1) "
#define SQLITE_AMOUNT "json_extract(e.payload, '$.amount_vnd')"
#define PG_AMOUNT     "CAST(CAST(e.payload AS json) ->> 'amount_vnd' AS BIGINT)"
#define SCAN_GROUP                                                                                 \
    "SELECT unit_id, source, st0, st1, COUNT(*), SUM(amount_vnd), SUM(owed0), SUM(owed1) FROM y "  \
    "GROUP BY unit_id, source, st0, st1"
#define SCAN_LIST                                                                                  \
    "SELECT unit_id, source, st0, st1, 1, amount_vnd, owed0, owed1, id FROM y ORDER BY id"

/* Add n cases of a source that stood in `state` on a day (owing `owed` between them, their
 * amounts summing to `amount`) to the stock side (0 before, 1 end) of sums, keyed as the
 * engine keys the deltas: the bucket the case sits in and what it still owes there; every
 * case accepted by then in a2_new at its amount; what the accepted no longer owe in D1. */
static void scan_add(report_sums_t *s, int app, const char *state, int64_t n, int64_t amount,
                     int64_t owed, int side)
{
    int st = case_state_parse(state);
    case_stat_t b;
    char key[48];

    if (st < 0)
        return; /* no event yet */
    b = case_stat_bucket((case_state_t)st);
#define ADD(code, c, m)                                                                            \
    do {                                                                                           \
        snprintf(key, sizeof key, "%s%s", app ? "app:" : "", code);                                \
        if (side == 0)                                                                             \
            report_sums_add(s, key, 0, c, m, 0, 0);                                                \
        else                                                                                       \
            report_sums_add(s, key, 0, 0, 0, c, m);                                                \
    } while (0)
    if (b == STAT_NONE) {
        ADD("none", n, owed);
        return;
    }
    ADD("a2_new", n, amount);
    if (b == STAT_D1_COMPLETED) {
        ADD(case_stat_code(b), n, amount);
        return;
    }
    ADD(case_stat_code(b), n, owed);
    ADD(case_stat_code(STAT_D1_COMPLETED), 0, amount - owed);
#undef ADD
}

typedef struct {
    int64_t root;
    /* child units of root: their ids (the unit's own cases count in the total alone) */
    int64_t child[64];
    int nchild;
    report_sums_t top_all, top_app, ch_all[64], ch_app[64];
} scan_t;

static int child_index(const scan_t *s, int64_t unit)
{
    int64_t p = unit;
    /* a unit's parent: offices under their province, provinces under the department */
    for (int depth = 0; depth < 3; depth++) {
        for (int i = 0; i < s->nchild; i++)
            if (s->child[i] == p)
                return i;
        if (p >= 3 + PROVINCES) { /* an office: its province */
            int q = 0;
            while (q + 1 < PROVINCES && office_id(q + 1, 0) <= p)
                q++;
            p = province_id(q);
        } else if (p >= 3) {
            p = 2;
        } else {
            p = 1;
        }
    }
    return -1;
}

static void scan_row(scan_t *s, int64_t unit, int app, const char *st0, const char *st1, int64_t n,
                     int64_t amount, int64_t owed0, int64_t owed1)
{
    int c = child_index(s, unit);
    report_sums_t *targets[4] = {&s->top_all, app ? &s->top_app : NULL,
                                 c >= 0 ? &s->ch_all[c] : NULL,
                                 c >= 0 && app ? &s->ch_app[c] : NULL};
    for (int i = 0; i < 4; i++) {
        if (targets[i] == NULL)
            continue;
        scan_add(targets[i], app, st0, n, amount, owed0, 0);
        scan_add(targets[i], app, st1, n, amount, owed1, 1);
    }
}

static void bind_period(db_stmt_t *st, int64_t root, civil_date_t from, civil_date_t to)
{
    char a[11], b[11];
    db_bind_int64(st, 1, root);
    civil_date_format(from, a), db_bind_text(st, 2, a);
    civil_date_format(to, b), db_bind_text(st, 3, b);
}

static const char *scan_sql(db_t *db, int list)
{
    if (db_engine(db) == DB_ENGINE_SQLITE)
        return list ? SCAN_CASES(SQLITE_AMOUNT) SCAN_LIST : SCAN_CASES(SQLITE_AMOUNT) SCAN_GROUP;
    return list ? SCAN_CASES(PG_AMOUNT) SCAN_LIST : SCAN_CASES(PG_AMOUNT) SCAN_GROUP;
}

static void scan_report(db_t *db, scan_t *s, civil_date_t from, civil_date_t to)
{
    db_stmt_t *st = prep(db, scan_sql(db, 0));
    int rc;

    bind_period(st, s->root, from, to);
    while ((rc = db_step(st)) == DB_ROW)
        scan_row(s, db_column_int64(st, 0), strcmp(db_column_text(st, 1), "application") == 0,
                 db_column_text(st, 2), db_column_text(st, 3), db_column_int64(st, 4),
                 db_column_int64(st, 5), db_column_int64(st, 6), db_column_int64(st, 7));
    if (rc != DB_DONE)
        bench_fail("scan: %s", db_errmsg(db));
    db_finalize(st);
}

static void compare(const char *what, const report_t *fast, const report_sums_t *sums)
{
    report_t slow;

    report_from_sums(sums, &slow);
    for (int l = 0; l < REPORT_LINE_COUNT; l++)
        if (fast->line[l].cases != slow.line[l].cases || fast->line[l].money != slow.line[l].money)
            bench_fail("%s: %s: report %" PRId64 " cases %" PRId64 " đồng, scan %" PRId64
                       " cases %" PRId64 " đồng",
                       what, report_line_code((report_line_t)l), fast->line[l].cases,
                       fast->line[l].money, slow.line[l].cases, slow.line[l].money);
}

/* ---- timing ---- */

typedef struct {
    const char *label;
    int64_t unit;
    const char *code;
    civil_date_t from, to;
} probe_t;

static double time_report(db_t *db, const probe_t *p, report_summary_t *out)
{
    double t0, elapsed = 0;
    int reps = 0;
    op_error_t err;

    while (reps < 3 || (elapsed < 0.3 && reps < 1000)) {
        if (reps > 0)
            report_summary_free(out);
        t0 = bench_now();
        if (report_op_summary(db, p->code, p->from, p->to, NULL, out, &err) != 0)
            bench_fail("report %s: %s", p->code, err.en);
        elapsed += bench_now() - t0;
        reps++;
    }
    return elapsed * 1000 / reps;
}

static double time_list(db_t *db, const probe_t *p, report_line_t line, report_case_page_t *out)
{
    double t0, elapsed = 0;
    int reps = 0;
    op_error_t err;

    while (reps < 3 || (elapsed < 0.3 && reps < 1000)) {
        if (reps > 0)
            report_case_page_free(out);
        t0 = bench_now();
        if (report_op_cases(db, p->code, p->from, p->to, line, NULL, REPORT_SOURCE_ANY, 0, PAGE,
                            out, &err) != 0)
            bench_fail("cases %s: %s", p->code, err.en);
        elapsed += bench_now() - t0;
        reps++;
    }
    return elapsed * 1000 / reps;
}

static void children_of(scan_t *s, int64_t root)
{
    s->root = root;
    s->nchild = 0;
    if (root == 2)
        for (int p = 0; p < PROVINCES; p++)
            s->child[s->nchild++] = province_id(p);
    else if (root >= 3 && root < 3 + PROVINCES)
        for (int o = 0; o < offices_of((int)(root - 3)); o++)
            s->child[s->nchild++] = office_id((int)(root - 3), o);
}

static void bench_reports(const char *engine, db_t *db, int64_t n, const probe_t *probes,
                          size_t nprobes)
{
    for (size_t i = 0; i < nprobes; i++) {
        const probe_t *p = &probes[i];
        report_summary_t r;
        scan_t *s = calloc(1, sizeof *s);
        double tr, ts, t0;
        char what[160];

        if (s == NULL)
            bench_fail("out of memory");
        children_of(s, p->unit);
        t0 = bench_now();
        scan_report(db, s, p->from, p->to);
        ts = (bench_now() - t0) * 1000;
        tr = time_report(db, p, &r);
        snprintf(what, sizeof what, "%s %s", engine, p->label);
        compare(what, &r.top.all, &s->top_all);
        compare(what, &r.top.on_application, &s->top_app);
        if ((int)r.nunits != s->nchild)
            bench_fail("%s: %zu child units, expected %d", what, r.nunits, s->nchild);
        for (size_t u = 0; u < r.nunits; u++) {
            int c = child_index(s, r.units[u].unit_id);
            if (c < 0 || s->child[c] != r.units[u].unit_id)
                bench_fail("%s: unexpected child unit %s", what, r.units[u].code);
            compare(what, &r.units[u].all, &s->ch_all[c]);
            compare(what, &r.units[u].on_application, &s->ch_app[c]);
        }
        printf("report/%-6s %-22s %8" PRId64 " cases %9.2f ms  (scan: %10.1f ms, x%.0f; figures "
               "equal: %zu units, completed %" PRId64 " cases %" PRId64 " đồng)  expect O(units x "
               "days), scan O(cases + events)\n",
               engine, p->label, n, tr, ts, ts / tr, r.nunits + 1,
               r.top.all.line[REPORT_COMPLETED].cases, r.top.all.line[REPORT_COMPLETED].money);
        fflush(stdout);
        report_summary_free(&r);
        free(s);
    }
}

/* The scan's first page of a line: cases in id order with a part in it. */
static double scan_list(db_t *db, const probe_t *p, report_line_t line, report_case_t *rows,
                        size_t *nrows)
{
    db_stmt_t *st = prep(db, scan_sql(db, 1));
    double t0 = bench_now();

    *nrows = 0;
    bind_period(st, p->unit, p->from, p->to);
    while (*nrows < PAGE && db_step(st) == DB_ROW) {
        report_sums_t s;
        report_t r;
        int app = strcmp(db_column_text(st, 1), "application") == 0;
        memset(&s, 0, sizeof s);
        scan_add(&s, app, db_column_text(st, 2), 1, db_column_int64(st, 5), db_column_int64(st, 6),
                 0);
        scan_add(&s, app, db_column_text(st, 3), 1, db_column_int64(st, 5), db_column_int64(st, 7),
                 1);
        report_from_sums(&s, &r);
        if (r.line[line].cases != 0 || r.line[line].money != 0)
            rows[(*nrows)++] = (report_case_t){db_column_int64(st, 8), r.line[line]};
    }
    db_finalize(st);
    return (bench_now() - t0) * 1000;
}

static void bench_lists(const char *engine, db_t *db, int64_t n, const probe_t *p)
{
    static const report_line_t lines[] = {REPORT_COMPLETED, REPORT_IN_PROGRESS};

    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        report_case_t rows[PAGE];
        report_case_page_t page;
        size_t nrows;
        double ts = scan_list(db, p, lines[i], rows, &nrows);
        double tr = time_list(db, p, lines[i], &page);
        char label[64];

        if (page.n != nrows)
            bench_fail("%s list %s: %zu cases, scan %zu", engine, report_line_code(lines[i]),
                       page.n, nrows);
        for (size_t k = 0; k < nrows; k++)
            if (page.rows[k].case_id != rows[k].case_id ||
                page.rows[k].cell.cases != rows[k].cell.cases ||
                page.rows[k].cell.money != rows[k].cell.money)
                bench_fail("%s list %s: row %zu: case %" PRId64 " (%" PRId64 ", %" PRId64
                           "), scan case %" PRId64 " (%" PRId64 ", %" PRId64 ")",
                           engine, report_line_code(lines[i]), k, page.rows[k].case_id,
                           page.rows[k].cell.cases, page.rows[k].cell.money, rows[k].case_id,
                           rows[k].cell.cases, rows[k].cell.money);
        snprintf(label, sizeof label, "cases %s, %s", report_line_code(lines[i]), p->label);
        printf("report/%-6s %-34s %8" PRId64 " cases %9.2f ms/page of %d  (scan: %10.1f ms, "
               "x%.0f; rows equal)  expect O(units + the subtree's cases read until the page "
               "is full), scan O(cases + events until the page is full)\n",
               engine, label, n, tr, PAGE, ts, ts / tr);
        fflush(stdout);
        report_case_page_free(&page);
    }
}

static void bench_engine(const char *engine, db_t *db, int64_t n, civil_date_t built_on)
{
    int y, m;
    civil_date_t year_end, month_from, month_to;
    probe_t probes[3];

    /* the last reporting year over by the build day, and the last whole month */
    civil_date_to_ymd(built_on, &y, &m, NULL);
    year_end = civil_date_stat_year_end(civil_date_stat_year(built_on));
    if (year_end > built_on)
        year_end = civil_date_stat_year_end(civil_date_stat_year(built_on) - 1);
    month_to = civil_date_from_ymd(y, m, 1) - 1;
    civil_date_to_ymd(month_to, &y, &m, NULL);
    month_from = civil_date_from_ymd(y, m, 1);
    probes[0] = (probe_t){"province P00 x year", province_id(0), "P00",
                          civil_date_stat_year_start(civil_date_stat_year(year_end)), year_end};
    probes[1] = (probe_t){"nation x year", 2, "CUC", probes[0].from, year_end};
    probes[2] =
        (probe_t){"office P00-KV03 x month", office_id(0, 3), "P00-KV03", month_from, month_to};
    bench_reports(engine, db, n, probes, 3);
    bench_lists(engine, db, n, &probes[0]);
}

static void pg_url(const char *url, const char *schema, int64_t npg, char *out, size_t len)
{
    char err[512], sql[256];
    db_t *admin;

    int64_t have = -1;

    if (db_open(url, &admin, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    snprintf(sql, sizeof sql, "SELECT cases FROM %s.bench_report_meta", schema);
    if (db_query_int64(admin, sql, &have) != DB_ROW || have != npg) {
        /* none yet, or a build cut short */
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema,
                 schema);
        exec(admin, sql);
    }
    db_close(admin);
    snprintf(out, len, "%s%soptions=-csearch_path%%3D%s", url, strchr(url, '?') ? "&" : "?",
             schema);
}

int main(int argc, char **argv)
{
    const char *pg = getenv("THADS_BENCH_PG"), *cache = getenv("BENCH_REPORT_CACHE");
    const char *pgn = getenv("BENCH_REPORT_PG_CASES");
    civil_date_t today = civil_date_of_utc(time(NULL)), built_on;
    int64_t n = 1000000, npg;
    char path[4200], url[4300], schema[64];
    db_t *db;

    bench_set_name("bench_report");
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
        fprintf(stderr, "usage: bench_report [CASES]   (default 1000000)\n");
        return 2;
    }
    if (argc == 2) {
        char *end;
        errno = 0;
        n = strtoll(argv[1], &end, 10);
        if (errno != 0 || *end != '\0' || n < 1000 || n > 100000000) {
            fprintf(stderr, "bench_report: CASES must be a number from 1000 to 100000000\n");
            return 2;
        }
    }
    if (cache == NULL || cache[0] == '\0')
        cache = "build/bench-cache";
    mkdir(cache, 0755);
    (void)units_total;

    snprintf(path, sizeof path, "%s/report-%" PRId64 ".db", cache, n);
    snprintf(url, sizeof url, "sqlite:%s", path);
    db = open_db(url, n, today, NULL, &built_on);
    if (getenv("BENCH_REPORT_PG_ONLY") == NULL)
        bench_engine("sqlite", db, n, built_on);
    db_close(db);

    if (pg != NULL && pg[0] != '\0') {
        npg = pgn != NULL ? strtoll(pgn, NULL, 10) : (n < 1000000 ? n : 1000000);
        if (npg < 1000)
            npg = 1000;
        snprintf(path, sizeof path, "%s/report-%" PRId64 ".db", cache, npg);
        if (npg != n) { /* the SQLite database the rows are copied from */
            snprintf(url, sizeof url, "sqlite:%s", path);
            db = open_db(url, npg, today, NULL, &built_on);
            db_close(db);
        }
        snprintf(schema, sizeof schema, "bench_report_%" PRId64, npg);
        pg_url(pg, schema, npg, url, sizeof url);
        db = open_db(url, npg, today, path, &built_on);
        bench_engine("pg", db, npg, built_on);
        db_close(db);
    }
    return 0;
}
