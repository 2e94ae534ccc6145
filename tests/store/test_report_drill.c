/*
 * tests/store/test_report_drill.c — the drill-down of the report (issue 15), on both
 * engines: random cases with random histories (each event drawn at random and kept when
 * the law allows it: decisions, verification, classification, postponement, suspension,
 * partial and full collections, payouts, termination, completion, returns, revocations),
 * then random cells (unit, period, line, category, source): the cases the drill-down lists
 * for a cell, read page by page, add up to the report's number in cases and in đồng. The
 * per-case copy of the deltas sums to stat_delta, and the rebuild that replays every case
 * writes the same per-case rows as the events did. Some debtors enter a camp (the prison
 * register, backdated over their cases' events) and some leave it: the prisoner table's
 * lists add up too, and the rebuild reads the register as the prison operations did.
 */
#include "testdb.h"
#include "testrng.h"
#include "ops/case_ops.h"
#include "ops/case_replay.h"
#include "ops/prison_ops.h"
#include "ops/report.h"
#include "ops/report_cases.h"
#include "ops/unit_ops.h"
#include "core/case_kind.h"
#include "core/stat_flags.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCASES 60
#define NCELLS 150

static app_t app;

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

static int64_t make_unit(db_t *db, const char *code, const char *name, const char *kind,
                         int64_t parent)
{
    unit_input_t in = {code, name, kind, parent, d("2000-01-01"), CIVIL_DATE_INVALID};
    op_error_t err;
    int64_t id;

    if (unit_op_create(db, &in, 0, 1, &id, &err) != 0)
        fail_msg("unit %s: %s", code, err.en);
    return id;
}

static const case_party_input_t parties[] = {
    {"creditor",
     {"person", "Nguyễn Văn An", "001085012345", "Vinh, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
    {"debtor",
     {"person", "Lê Thị Bình", "040190001234", "Diễn Châu, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
};

/* The events drawn from (each kept only when the law allows it then). */
static const case_event_t drawn[] = {
    CASE_EVENT_DECIDED,
    CASE_EVENT_DECIDED,
    CASE_EVENT_NOTIFIED,
    CASE_EVENT_VOLUNTARY_PERIOD_ENDED,
    CASE_EVENT_VERIFICATION_RECORDED,
    CASE_EVENT_VERIFICATION_RECORDED,
    CASE_EVENT_CLASSIFIED_ELIGIBLE,
    CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE,
    CASE_EVENT_POSTPONED,
    CASE_EVENT_POSTPONEMENT_LIFTED,
    CASE_EVENT_SUSPENDED,
    CASE_EVENT_RESUMED,
    CASE_EVENT_MEASURE_APPLIED,
    CASE_EVENT_MONEY_COLLECTED,
    CASE_EVENT_MONEY_COLLECTED,
    CASE_EVENT_MONEY_PAID,
    CASE_EVENT_MONEY_PAID,
    CASE_EVENT_COMPLETED,
    CASE_EVENT_TERMINATED,
    CASE_EVENT_APPLICATION_RETURNED,
    CASE_EVENT_REVOKED,
};

/* Debtors of their own, who may go to prison: every third case has one of them. */
static const char *const inmates[] = {"040199000001", "040199000002", "040199000003",
                                      "040199000004"};
static int64_t inmate_case[4];

/* Case number n of unit, received on `on`, its debtor inmate `who` (or -1): its id. */
static int64_t new_case(db_t *db, int64_t unit, int n, const char *source, const char *category,
                        civil_date_t on, int64_t amount, int who)
{
    case_item_input_t item = {"pay_money", "Trả nợ", amount, 0, 3};
    case_party_input_t own[2] = {parties[0], parties[1]};
    char no[32], name[32];
    case_input_t in = {
        .unit_id = unit,
        .case_no = no,
        .source = source,
        .category = category,
        .received_on = on,
        .judgment_no = "07/2023/DS-ST",
        .court_name = "TAND khu vực 1 - Nghệ An",
        .judgment_kind = "civil",
        .judgment_date = d("2023-12-01"),
        .parties = own,
        .nparties = 2,
        .items = &item,
        .nitems = 1,
        .flags = n % 4 == 1 ? STAT_FLAG_CORRUPTION : 0,
    };
    op_error_t err;
    int64_t id;

    if (who >= 0) {
        snprintf(name, sizeof name, "Phạm Văn Tù %d", who);
        own[1].p.full_name = name;
        own[1].p.id_number = inmates[who];
    }
    snprintf(no, sizeof no, "%d/QĐ-THADS", n);
    if (case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err) != 0)
        fail_msg("case %s: %s (%s)", no, err.en, err.field);
    return id;
}

static void random_case(db_t *db, uint64_t *rng, int64_t unit, int n, int *kept)
{
    civil_date_t today = d("2026-11-20"), on;
    int64_t amount = 1000000 * (int64_t)(1 + testrng_next(rng) % 500), id, seq;
    int who = n % 3 == 0 ? (n / 3) % 4 : -1;
    const char *source = testrng_next(rng) % 2 ? "application" : "ex_officio";
    const char *category = testrng_next(rng) % 3 ? "civil" : "credit";
    op_error_t err;

    on = d("2024-01-01") + (civil_date_t)(testrng_next(rng) % 1000);
    id = new_case(db, unit, n, source, category, on, amount, who);
    if (who >= 0 && inmate_case[who] == 0)
        inmate_case[who] = id;
    for (int k = 0; k < 14; k++) {
        case_event_input_t ev = {.type = drawn[testrng_next(rng) % (sizeof drawn / sizeof *drawn)]};
        on += (civil_date_t)(testrng_next(rng) % 70);
        if (on > today)
            break;
        ev.occurred_on = on;
        if (case_event_needs_document(ev.type))
            ev.document_no = "12/QĐ-THADS";
        if (ev.type == CASE_EVENT_VERIFICATION_RECORDED)
            ev.verify = testrng_next(rng) % 2 ? VERIFY_ELIGIBLE : VERIFY_NOT_ELIGIBLE;
        if (ev.type == CASE_EVENT_MONEY_COLLECTED || ev.type == CASE_EVENT_MONEY_PAID)
            ev.amount_vnd = testrng_next(rng) % 2
                                ? amount
                                : 1 + (int64_t)(testrng_next(rng) % (uint64_t)amount);
        if (case_op_event(db, &app, id, &ev, 0, today, 2, &seq, &err) == 0)
            (*kept)++;
    }
}

/* A report's cell: the line of the whole, of the on-application part, or of the rest. */
static report_cell_t report_cell(db_t *db, const char *unit, civil_date_t from, civil_date_t to,
                                 report_line_t line, const char *category, int source)
{
    report_summary_t s;
    op_error_t err;
    report_cell_t c, a;

    if (report_op_summary(db, unit, from, to, category, &s, &err) != 0)
        fail_msg("report %s: %s", unit, err.en);
    if (line == REPORT_LINE_D1) { /* D1 alone: D1 + D2 less D2, as the forms write it */
        const report_cell_t *ca = s.top.all.line, *aa = s.top.on_application.line;
        c = (report_cell_t){ca[REPORT_COMPLETED].cases - ca[REPORT_TERMINATED].cases,
                            ca[REPORT_COMPLETED].money - ca[REPORT_TERMINATED].money};
        a = (report_cell_t){aa[REPORT_COMPLETED].cases - aa[REPORT_TERMINATED].cases,
                            aa[REPORT_COMPLETED].money - aa[REPORT_TERMINATED].money};
    } else {
        c = s.top.all.line[line];
        a = s.top.on_application.line[line];
    }
    report_summary_free(&s);
    if (source == CASE_SOURCE_APPLICATION)
        return a;
    if (source == CASE_SOURCE_EX_OFFICIO)
        return (report_cell_t){c.cases - a.cases, c.money - a.money};
    return c;
}

/* The drill-down's list of the cell read page by page (limit cases a page), summed. */
static report_cell_t list_cell(db_t *db, const char *unit, civil_date_t from, civil_date_t to,
                               report_line_t line, const char *category, int source, size_t limit,
                               int64_t *listed)
{
    report_cell_t sum = {0, 0};
    report_case_page_t page;
    op_error_t err;
    int64_t after = 0, last = 0;

    *listed = 0;
    do {
        if (report_op_cases(db, unit, from, to, line, category, source, after, limit, &page,
                            &err) != 0)
            fail_msg("cases of %s: %s", unit, err.en);
        assert_true(page.n <= limit);
        for (size_t i = 0; i < page.n; i++) {
            assert_true(page.rows[i].case_id > last); /* by id, none twice */
            last = page.rows[i].case_id;
            assert_true(page.rows[i].cell.cases != 0 || page.rows[i].cell.money != 0);
            sum.cases += page.rows[i].cell.cases;
            sum.money += page.rows[i].cell.money;
        }
        *listed += (int64_t)page.n;
        assert_true(page.next_after == 0 || page.n == limit);
        after = page.next_after;
        report_case_page_free(&page);
    } while (after != 0);
    return sum;
}

/* Per case and bucket, what the per-case rows hold (a fingerprint to compare). */
static void per_case_fingerprint(db_t *db, char *buf, size_t len)
{
    db_stmt_t *st;
    size_t n = 0;

    buf[0] = '\0';
    assert_int_equal(db_prepare(db,
                                "SELECT case_id, bucket, flags, SUM(cases), SUM(amount_vnd) FROM "
                                "stat_case_delta GROUP BY case_id, bucket, flags HAVING SUM(cases) "
                                "<> 0 OR SUM(amount_vnd) <> 0 ORDER BY case_id, bucket, flags",
                                &st),
                     DB_OK);
    while (db_step(st) == DB_ROW && n + 100 < len)
        n += (size_t)snprintf(buf + n, len - n, "%lld %s %lld %lld %lld;",
                              (long long)db_column_int64(st, 0), db_column_text(st, 1),
                              (long long)db_column_int64(st, 2), (long long)db_column_int64(st, 3),
                              (long long)db_column_int64(st, 4));
    db_finalize(st);
}

static int64_t scalar(db_t *db, const char *sql)
{
    int64_t v = -1;
    assert_int_equal(db_query_int64(db, sql, &v), DB_ROW);
    return v;
}

static void check_cells(db_t *db, uint64_t *rng, int *nonzero)
{
    static const char *const units[] = {"NA", "NA-KV1", "NA-KV2"};
    static const char *const categories[] = {NULL,         "civil",    "credit",
                                             "corruption", "prisoner", "prisoner"};

    for (int i = 0; i < NCELLS; i++) {
        const char *unit = units[testrng_next(rng) % 3];
        civil_date_t from = d("2024-01-01") + (civil_date_t)(testrng_next(rng) % 1050);
        /* up to 13 months, or three years: a flow line read a stream a unit and month; or
         * more unit-months than DRILL_MONTH_STREAMS_MAX (1,024: the province's 3 units over
         * 29 to 40 years), read a stream a unit */
        civil_date_t to = from + (civil_date_t)(testrng_next(rng) % (i % 8 == 4 ? 1100 : 400));
        report_line_t line = (report_line_t)(testrng_next(rng) % (REPORT_LINE_COUNT + 1));
        const char *category = categories[testrng_next(rng) % 6];
        int source = (int)(testrng_next(rng) % 3) - 1; /* any, application, ex officio */
        size_t limit = 1 + testrng_next(rng) % 7;
        int64_t listed;
        report_cell_t want, got;

        if (i % 8 == 0)
            unit = "NA", to = from + 10500 + (civil_date_t)(testrng_next(rng) % 4000);
        want = report_cell(db, unit, from, to, line, category, source);
        got = list_cell(db, unit, from, to, line, category, source, limit, &listed);

        if (got.cases != want.cases || got.money != want.money) {
            char f[16], t[16];
            civil_date_format(from, f);
            civil_date_format(to, t);
            fail_msg("%s %s..%s %s category %s source %d: listed %lld cases %lld đồng, report "
                     "%lld and %lld",
                     unit, f, t, report_cases_line_code((int)line), category ? category : "-",
                     source, (long long)got.cases, (long long)got.money, (long long)want.cases,
                     (long long)want.money);
        }
        *nonzero += want.cases != 0 || want.money != 0;
    }
}

static void test_drill_down_adds_up_to_the_report(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    uint64_t rng = 0x15D1A11ull;
    int64_t na, kv[2];
    int kept = 0, nonzero = 0, rebuilt = 0;
    static char before[1 << 17], after[1 << 17];
    op_error_t err;
    int64_t camp, prisoner[3];

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    {
        int64_t btp = make_unit(db, "BTP", "Bộ Tư pháp", "ministry", 0);
        na = make_unit(db, "NA", "Thi hành án dân sự tỉnh Nghệ An", "provincial_agency", btp);
        kv[0] = make_unit(db, "NA-KV1", "Phòng THADS khu vực 1", "regional_office", na);
        kv[1] = make_unit(db, "NA-KV2", "Phòng THADS khu vực 2", "regional_office", na);
        camp = make_unit(db, "TG6", "Trại giam số 6", "prison",
                         make_unit(db, "BCA", "Bộ Công an", "ministry", 0));
    }
    memset(inmate_case, 0, sizeof inmate_case);
    for (int n = 1; n <= NCASES; n++) {
        random_case(db, &rng, n % 5 == 0 ? na : kv[n % 2], n, &kept);
        /* half-way, three of the debtors are registered, their entries backdated over the
         * events of their cases recorded so far; the cases after see them registered */
        if (n == NCASES / 2)
            for (int k = 0; k < 3; k++) {
                int64_t party;
                prisoner_input_t in = {.case_id = inmate_case[k],
                                       .camp_unit_id = camp,
                                       .prisoner_no = inmates[k],
                                       .sentence = "05 năm tù",
                                       .entered_on = d("2024-06-01") + 170 * k,
                                       .expected_release_on = CIVIL_DATE_INVALID,
                                       .birth_date = CIVIL_DATE_INVALID};
                assert_int_equal(parties_find(db, "person", inmates[k], &party), DB_ROW);
                in.party_id = party;
                if (prison_op_register(db, &app, &in, 0, d("2026-11-20"), 3, &prisoner[k], &err))
                    fail_msg("prisoner %d: %s", k, err.en);
            }
    }
    /* one leaves the camp mid-period, recorded after everything */
    if (prison_op_move(db, &app, prisoner[0], PRISON_MOVE_RELEASE, 0, d("2025-09-15"), NULL, 0,
                       d("2026-11-20"), 4, &err) != 0)
        fail_msg("release: %s", err.en);
    assert_int_equal(db_commit(db), DB_OK);
    assert_true(kept > NCASES * 2); /* histories, not just receipts */

    /* the per-case rows sum to stat_delta, key by key */
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM (SELECT unit_id, day, category, flags, "
                                "bucket, SUM(cases) c, SUM(amount_vnd) m FROM stat_case_delta "
                                "GROUP BY unit_id, day, category, flags, bucket) p FULL OUTER JOIN "
                                "stat_delta s USING (unit_id, day, category, flags, bucket) WHERE "
                                "COALESCE(p.c, 0) <> COALESCE(s.cases, 0) OR COALESCE(p.m, 0) <> "
                                "COALESCE(s.amount_vnd, 0)"),
                     0);
    /* the prisoner table has cases that entered and left it */
    assert_true(scalar(db, "SELECT COUNT(*) FROM stat_case_delta WHERE bucket LIKE "
                           "'%prisoner_in'") > 0);
    assert_true(scalar(db, "SELECT COUNT(*) FROM stat_case_delta WHERE bucket LIKE "
                           "'%prisoner_out'") > 0);
    check_cells(db, &rng, &nonzero);
    assert_true(nonzero > NCELLS / 3);

    /* the rebuild (migration 0013 on a database with cases, thads reindex) writes the same
     * per-case rows from the events */
    per_case_fingerprint(db, before, sizeof before);
    testdb_exec(db, "DELETE FROM stat_case_delta");
    if (case_replay_rebuild_stats(db, &app, 1, &rebuilt, &err) != 0)
        fail_msg("rebuild: %s", err.en);
    assert_int_equal(rebuilt, 1);
    per_case_fingerprint(db, after, sizeof after);
    assert_true(strlen(before) > 1000);
    assert_string_equal(before, after);
    check_cells(db, &rng, &nonzero);
    db_close(db);
}

/* Streams longer than a round's batch (16 cases): two offices' cases interleaved by id,
 * received in two months, so each (office, month) stream and each office's stream gives
 * a full batch and the page is read in several rounds, streams that ran out skipped. */
#define ROUND_CASES 90

/* The n-th: 60 in March, two a day from the 1st; 30 in April, one a day from the 1st. */
static civil_date_t round_received_on(int n)
{
    return n < 60 ? d("2025-03-01") + n / 2 : d("2025-04-01") + (n - 60);
}

static void test_drill_down_rounds(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    static const char *const periods[][2] = {
        {"2025-01-01", "2025-12-31"}, {"2025-03-01", "2025-03-31"}, {"2025-03-20", "2025-04-10"}};
    /* new: a flow, read by (office, month); total: a stock, read by office */
    static const report_line_t lines[] = {REPORT_NEW, REPORT_TOTAL};
    int64_t na, kv[2];

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db, "NA", "Thi hành án dân sự tỉnh Nghệ An", "provincial_agency",
                   make_unit(db, "BTP", "Bộ Tư pháp", "ministry", 0));
    kv[0] = make_unit(db, "NA-KV1", "Phòng THADS khu vực 1", "regional_office", na);
    kv[1] = make_unit(db, "NA-KV2", "Phòng THADS khu vực 2", "regional_office", na);
    for (int n = 0; n < ROUND_CASES; n++) { /* each accepted (decided) the day it came */
        case_event_input_t ev = {.type = CASE_EVENT_DECIDED,
                                 .occurred_on = round_received_on(n),
                                 .document_no = "12/QĐ-THADS"};
        int64_t id = new_case(db, kv[n % 2], 1000 + n, "application", "civil", round_received_on(n),
                              5000000, -1),
                seq;
        op_error_t err;

        if (case_op_event(db, &app, id, &ev, 0, d("2026-11-20"), 2, &seq, &err) != 0)
            fail_msg("decision: %s", err.en);
    }
    assert_int_equal(db_commit(db), DB_OK);

    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++)
        for (size_t l = 0; l < sizeof lines / sizeof lines[0]; l++) {
            civil_date_t from = d(periods[p][0]), to = d(periods[p][1]);
            report_cell_t cell = report_cell(db, "NA", from, to, lines[l], NULL, REPORT_SOURCE_ANY);
            int64_t want = 0;

            for (int n = 0; n < ROUND_CASES; n++)
                want += round_received_on(n) <= to &&
                        (lines[l] == REPORT_TOTAL || round_received_on(n) >= from);
            assert_int_equal(cell.cases, want);
            for (size_t limit = 7; limit <= 500; limit += 493) {
                int64_t listed;
                report_cell_t got = list_cell(db, "NA", from, to, lines[l], NULL, REPORT_SOURCE_ANY,
                                              limit, &listed);
                if (listed != want || got.cases != want || got.money != cell.money)
                    fail_msg("%s..%s %s, pages of %zu: listed %lld cases (%lld, %lld đồng), "
                             "want %lld (%lld đồng)",
                             periods[p][0], periods[p][1], report_cases_line_code((int)lines[l]),
                             limit, (long long)listed, (long long)got.cases, (long long)got.money,
                             (long long)want, (long long)cell.money);
            }
        }
    db_close(db);
}

/* ---- the plans ---- */

typedef struct {
    int sqlite, bad, unit_reads, month_reads;
    char why[512];
} plan_check_t;

/* Each stream reads its own index in case order: no sort, no scan of the table. */
static int check_line(const char *statement, const char *line, void *arg)
{
    plan_check_t *p = arg;
    int bad;

    if (getenv("THADS_TEST_PLANS") != NULL)
        fprintf(stderr, "%s: %s\n", statement, line);
    if (p->sqlite)
        bad = strstr(line, "TEMP B-TREE") != NULL || strncmp(line, "SCAN stat_case_delta", 20) == 0;
    else if (strstr(statement, "rows") != NULL)
        return 0; /* planned for an empty table: what a filled one gets is bench_report's */
    else          /* the streams' candidates merged are sorted, a batch each; a stream is not */
        bad = strstr(line, "Seq Scan on stat_case_delta") != NULL ||
              strstr(line, "Sort Key: stat_case_delta.") != NULL;
    if (strstr(statement, "candidates") != NULL) {
        int month = strstr(statement, "month") != NULL;
        if (strstr(line, month ? "stat_case_delta_month" : "stat_case_delta_unit") != NULL)
            (month ? &p->month_reads : &p->unit_reads)[0]++;
        else if (strstr(line, "stat_case_delta_") != NULL)
            bad = 1; /* the other stream's index */
    }
    if (bad && !p->bad) {
        p->bad = 1;
        snprintf(p->why, sizeof p->why, "%s: %s", statement, line);
    }
    return 0;
}

static void test_drill_down_plans(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    plan_check_t p = {.sqlite = db_engine(db) == DB_ENGINE_SQLITE};

    testdb_plans_setup(db);
    assert_int_equal(report_drill_explain(db, d("2026-06-30"), check_line, &p), DB_OK);
    if (p.bad)
        fail_msg("the drill-down reads more than its page: %s", p.why);
    /* SQLite: two statements a stream; PostgreSQL: one for all streams */
    assert_int_equal(p.unit_reads, p.sqlite ? 2 : 1);
    assert_int_equal(p.month_reads, p.sqlite ? 2 : 1);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_drill_down_adds_up_to_the_report),
        TEST_BOTH(test_drill_down_rounds),
        TEST_BOTH(test_drill_down_plans),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
