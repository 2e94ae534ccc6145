/*
 * tests/http/test_reports_api.c — the statistics over HTTP (api/reports.c, issue 15), on
 * both engines: GET /api/reports/summary answers the indicator tree of a province and of
 * each of its offices for a period, the figures a leader reads (carried over, new,
 * completed, rates as exact strings); a unit outside the reader's province does not exist
 * for them; a wrong query is refused by name.
 */
#include "api/handlers.h"
#include "core/access.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/prison_ops.h"
#include "testdb.h"
#include "testorg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t leader, outsider, officer;

/* Event type on case id that day (a decision's number when it needs one). */
static void ev(int64_t id, case_event_t type, const char *on, case_event_input_t in)
{
    db_t *db = testorg_db(&ts);
    op_error_t err;
    int64_t seq;

    in.type = type;
    assert_int_equal(civil_date_parse(on, &in.occurred_on), 0);
    if (in.document_no == NULL && case_event_needs_document(type))
        in.document_no = "12/QĐ-THADS";
    assert_int_equal(db_begin(db), DB_OK);
    if (case_op_event(db, &app, id, &in, 0, app_today(&app), 2, &seq, &err) != 0)
        fail_msg("%s on %s: %s", case_event_code(type), on, err.en);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

static int start_on(const char *engine)
{
    case_event_input_t none = {0};
    int64_t a, b, c, e;

    testapp_init(&app);
    testapp_set_now((int64_t)1776211200 * 1000000); /* 2026-04-15 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "lanhdao", org.na, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "lanhdao.ht", org.ht, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "chv.lan", org.na_kv1, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "lanhdao.ht", TESTORG_PASSWORD, &outsider);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);

    /* KV2: decided in December, carried into 2026, still unclassified (D6). */
    b = testorg_case(&ts, &app, org.na_kv2, "1/QĐ-THADS", "2025-12-01", 40000000);
    ev(b, CASE_EVENT_DECIDED, "2025-12-02", none);
    /* KV1: new in January; verified eligible, 10.000.000 of 100.000.000 collected: in
     * progress (D3), its collection completed money. */
    a = testorg_case(&ts, &app, org.na_kv1, "2/QĐ-THADS", "2026-01-05", 100000000);
    ev(a, CASE_EVENT_DECIDED, "2026-01-06", none);
    ev(a, CASE_EVENT_NOTIFIED, "2026-01-07", none);
    ev(a, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, "2026-01-20", none);
    ev(a, CASE_EVENT_VERIFICATION_RECORDED, "2026-01-21",
       (case_event_input_t){.verify = VERIFY_ELIGIBLE});
    ev(a, CASE_EVENT_MONEY_COLLECTED, "2026-02-02", (case_event_input_t){.amount_vnd = 10000000});
    /* Its coercions and complaints in March (the sheet "Cưỡng chế, khiếu nại"): decisions
     * paid after, carried out and pending; complaints decided and not. */
    {
        case_event_input_t co = {0};
        assert_int_equal(civil_date_parse("2026-03-11", &co.coercion_on), 0);
        ev(a, CASE_EVENT_COERCION_SCHEDULED, "2026-03-02", co);
        ev(a, CASE_EVENT_COERCION_SCHEDULED, "2026-03-03", co);
        ev(a, CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-03",
           (case_event_input_t){.complaint = CASE_COMPLAINT_OTHER});
        ev(a, CASE_EVENT_COERCION_PAID_VOLUNTARILY, "2026-03-05", none);
        ev(a, CASE_EVENT_COMPLAINT_DECIDED, "2026-03-10", none);
        ev(a, CASE_EVENT_COERCION_CARRIED_OUT, "2026-03-11", none);
        ev(a, CASE_EVENT_COMPLAINT_RECEIVED, "2026-03-16",
           (case_event_input_t){.complaint = CASE_COMPLAINT_FIRST});
        assert_int_equal(civil_date_parse("2026-04-08", &co.coercion_on), 0);
        ev(a, CASE_EVENT_COERCION_SCHEDULED, "2026-03-20", co);
    }
    /* KV1: new in January and terminated in March (D2), at what it still owed. */
    c = testorg_case(&ts, &app, org.na_kv1, "3/QĐ-THADS", "2026-01-08", 7000000);
    ev(c, CASE_EVENT_DECIDED, "2026-01-09", none);
    ev(c, CASE_EVENT_TERMINATED, "2026-03-02", none);
    /* Hà Tĩnh: not in Nghệ An's report. */
    e = testorg_case(&ts, &app, org.ht_kv1, "4/QĐ-THADS", "2026-01-05", 5000000);
    ev(e, CASE_EVENT_DECIDED, "2026-01-06", none);
    /* Their debtor was held in TG3 from 10 February to 9 March (recorded in April): the
     * prisoner table of the first quarter takes the three open cases in on 10 February
     * and the two still open out on 10 March. */
    {
        db_t *db = testorg_db(&ts);
        op_error_t err;
        int64_t party, prisoner;
        prisoner_input_t in = {.case_id = a,
                               .camp_unit_id = org.tg3,
                               .prisoner_no = "PN-01",
                               .sentence = "03 năm tù",
                               .expected_release_on = CIVIL_DATE_INVALID,
                               .birth_date = CIVIL_DATE_INVALID};
        assert_int_equal(civil_date_parse("2026-02-10", &in.entered_on), 0);
        assert_int_equal(db_begin(db), DB_OK);
        assert_int_equal(parties_find(db, "person", "040190001234", &party), DB_ROW);
        in.party_id = party;
        if (prison_op_register(db, &app, &in, 0, app_today(&app), 3, &prisoner, &err) != 0 ||
            prison_op_move(db, &app, prisoner, PRISON_MOVE_RELEASE, 0, in.entered_on + 28, NULL, 0,
                           app_today(&app), 4, &err) != 0)
            fail_msg("prisoner: %s", err.en);
        assert_int_equal(db_commit(db), DB_OK);
        db_close(db);
    }
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    testapp_set_now(0);
    return 0;
}

/* The {"cases","money"} of line in obj equals (cases, money). */
static void cell(json_t *obj, const char *line, long long cases, long long money)
{
    json_t *c = json_object_get(obj, line);

    if (c == NULL)
        fail_msg("no line %s", line);
    if (json_integer_value(json_object_get(c, "cases")) != cases ||
        json_integer_value(json_object_get(c, "money")) != money)
        fail_msg("%s: %lld cases %lld đồng, want %lld and %lld", line,
                 (long long)json_integer_value(json_object_get(c, "cases")),
                 (long long)json_integer_value(json_object_get(c, "money")), cases, money);
}

static void test_summary(void **state)
{
    test_response_t r;
    json_t *units, *kv1, *kv2;

    (void)state;
    testhttp_as(&ts, &leader, "GET", "/api/reports/summary?unit=NA&from=2026-01-01&to=2026-03-31",
                NULL, &r);
    if (r.status != 200 || r.json == NULL)
        fail_msg("%ld %s", r.status, r.body);
    assert_string_equal(json_string_value(json_object_get(r.json, "unit")), "NA");
    assert_string_equal(json_string_value(json_object_get(r.json, "from")), "2026-01-01");
    assert_string_equal(json_string_value(json_object_get(r.json, "to")), "2026-03-31");
    assert_true(json_is_null(json_object_get(r.json, "category")));
    cell(r.json, "carried_over", 1, 40000000);
    cell(r.json, "new", 2, 107000000);
    cell(r.json, "total", 3, 147000000);
    cell(r.json, "entrusted_away", 0, 0);
    cell(r.json, "to_enforce", 3, 147000000);
    cell(r.json, "completed", 1, 17000000); /* the terminated case, and 10.000.000 collected */
    cell(r.json, "terminated", 1, 7000000);
    cell(r.json, "in_progress", 1, 90000000);
    cell(r.json, "other", 1, 40000000);
    cell(r.json, "eligible", 3, 147000000);
    cell(r.json, "not_eligible", 0, 0);
    cell(r.json, "remaining", 2, 130000000);
    /* 1 of 3: 33.33 %; 17 of 147 million: 11.5646... -> 11.56 */
    assert_string_equal(json_string_value(json_object_get(r.json, "rate_cases")), "33.33");
    assert_string_equal(json_string_value(json_object_get(r.json, "rate_money")), "11.56");
    /* every case here was opened on application */
    cell(json_object_get(r.json, "on_application"), "new", 2, 107000000);
    units = json_object_get(r.json, "units");
    assert_int_equal(json_array_size(units), 2);
    kv1 = json_array_get(units, 0);
    kv2 = json_array_get(units, 1);
    assert_string_equal(json_string_value(json_object_get(kv1, "unit")), "NA-KV1");
    assert_string_equal(json_string_value(json_object_get(kv2, "unit")), "NA-KV2");
    cell(kv1, "new", 2, 107000000);
    cell(kv1, "carried_over", 0, 0);
    cell(kv1, "completed", 1, 17000000);
    assert_string_equal(json_string_value(json_object_get(kv1, "rate_cases")), "50.00");
    cell(kv2, "carried_over", 1, 40000000);
    cell(kv2, "other", 1, 40000000);
    assert_string_equal(json_string_value(json_object_get(kv2, "rate_cases")), "0.00");
    /* the special tables: no credit or corruption case; the prisoner table takes the
     * three cases in on 10 February (what they owed then), the terminated one stays, the
     * two open ones leave on 10 March: C = 1 = D */
    {
        json_t *sp = json_object_get(r.json, "special");
        json_t *pr = json_object_get(sp, "prisoner");
        assert_non_null(pr);
        cell(json_object_get(sp, "credit"), "total", 0, 0);
        cell(json_object_get(sp, "corruption"), "total", 0, 0);
        cell(pr, "carried_over", 0, 0);
        cell(pr, "new", 3, 137000000);
        cell(pr, "to_enforce", 1, 7000000);
        cell(pr, "completed", 1, 7000000);
        cell(pr, "terminated", 1, 7000000);
        cell(pr, "eligible", 1, 7000000);
        cell(pr, "remaining", 0, 0);
        assert_string_equal(json_string_value(json_object_get(pr, "rate_cases")), "100.00");
    }
    testhttp_response_free(&r);

    /* its number's cases: the drill-down with category=prisoner */
    testhttp_as(&ts, &leader, "GET",
                "/api/reports/cases?unit=NA&from=2026-01-01&to=2026-03-31&line=new&category="
                "prisoner",
                NULL, &r);
    assert_int_equal(r.status, 200);
    {
        json_t *list = json_object_get(r.json, "cases");
        long long n = 0, m = 0;
        for (size_t i = 0; i < json_array_size(list); i++) {
            n += json_integer_value(json_object_get(json_array_get(list, i), "cases"));
            m += json_integer_value(json_object_get(json_array_get(list, i), "money"));
        }
        assert_int_equal(n, 3);
        assert_int_equal(m, 137000000);
    }
    testhttp_response_free(&r);

    /* a category no case carries: every line is zero, and no rate has a base */
    testhttp_as(&ts, &leader, "GET",
                "/api/reports/summary?unit=NA&from=2026-01-01&to=2026-03-31&category=credit", NULL,
                &r);
    assert_int_equal(r.status, 200);
    cell(r.json, "total", 0, 0);
    assert_true(json_is_null(json_object_get(r.json, "rate_cases")));
    testhttp_response_free(&r);

    /* an office alone, the period before the cases: nothing */
    testhttp_as(&ts, &leader, "GET",
                "/api/reports/summary?unit=NA-KV1&from=2025-10-01&to=2025-12-31", NULL, &r);
    assert_int_equal(r.status, 200);
    cell(r.json, "total", 0, 0);
    assert_int_equal(json_array_size(json_object_get(r.json, "units")), 0);
    testhttp_response_free(&r);
}

static void test_summary_refusals(void **state)
{
    static const struct {
        const char *path;
        int status;
        const char *field;
    } bad[] = {
        {"/api/reports/summary?unit=NA&from=2026-04-01&to=2026-03-31", 400, "from"},
        {"/api/reports/summary?unit=NA&from=2026-02-30&to=2026-03-31", 400, "from"},
        {"/api/reports/summary?unit=NA&to=2026-03-31", 400, "from"},
        {"/api/reports/summary?unit=NA&from=2026-01-01&to=2026-03-31&year=2026", 400, "year"},
        {"/api/reports/summary?unit=NA&from=2026-01-01&to=2026-03-31&category=x", 400, "category"},
        {"/api/reports/summary?unit=NOPE&from=2026-01-01&to=2026-03-31", 404, NULL},
    };
    test_response_t r;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        testhttp_as(&ts, &leader, "GET", bad[i].path, NULL, &r);
        if (r.status != bad[i].status)
            fail_msg("%s: %ld %s", bad[i].path, r.status, r.body);
        if (bad[i].field != NULL)
            assert_string_equal(testhttp_error_field(&r), bad[i].field);
        testhttp_response_free(&r);
    }
    /* Hà Tĩnh's leader: Nghệ An and its offices do not exist for them */
    testhttp_as(&ts, &outsider, "GET",
                "/api/reports/summary?unit=NA-KV1&from=2026-01-01&to=2026-03-31", NULL, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
    testhttp_as(&ts, &outsider, "GET", "/api/reports/summary?unit=HT&from=2026-01-01&to=2026-03-31",
                NULL, &r);
    assert_int_equal(r.status, 200);
    cell(r.json, "new", 1, 5000000);
    testhttp_response_free(&r);
    /* an officer does not read reports */
    testhttp_as(&ts, &officer, "GET",
                "/api/reports/summary?unit=NA-KV1&from=2026-01-01&to=2026-03-31", NULL, &r);
    assert_int_equal(r.status, 403);
    testhttp_response_free(&r);
}

/* Every line of the summary, its cases listed a page of one at a time: the cases and the
 * money of the list add up to the line, for the whole and the on-application part. */
static void test_drill_down(void **state)
{
    static const char *const lines[] = {
        "carried_over", "new",          "total",     "entrusted_away", "to_enforce",
        "eligible",     "not_eligible", "completed", "terminated",     "in_progress",
        "postponed",    "suspended",    "other",     "remaining"};
    static const char *const units[] = {"NA", "NA-KV1", "NA-KV2"};
    test_response_t sum, r;
    char path[300];

    (void)state;
    for (size_t u = 0; u < 3; u++) {
        snprintf(path, sizeof path, "/api/reports/summary?unit=%s&from=2026-01-01&to=2026-03-31",
                 units[u]);
        testhttp_as(&ts, &leader, "GET", path, NULL, &sum);
        assert_int_equal(sum.status, 200);
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
            for (int part = 0; part < 2; part++) {
                json_t *want = json_object_get(
                    part ? json_object_get(sum.json, "on_application") : sum.json, lines[i]);
                long long cases = 0, money = 0, after = 0;
                int pages = 0;
                do {
                    json_t *row, *next;
                    size_t k;
                    char more[40] = "";
                    if (after)
                        snprintf(more, sizeof more, "&after=%lld", after);
                    snprintf(path, sizeof path,
                             "/api/reports/cases?unit=%s&from=2026-01-01&to=2026-03-31&line=%s%s"
                             "&limit=1%s",
                             units[u], lines[i], part ? "&source=application" : "", more);
                    testhttp_as(&ts, &leader, "GET", path, NULL, &r);
                    if (r.status != 200)
                        fail_msg("%s: %ld %s", path, r.status, r.body);
                    json_array_foreach(json_object_get(r.json, "cases"), k, row)
                    {
                        cases += json_integer_value(json_object_get(row, "cases"));
                        money += json_integer_value(json_object_get(row, "money"));
                        assert_non_null(json_string_value(json_object_get(row, "case_no")));
                    }
                    next = json_object_get(r.json, "next_after");
                    after = json_is_null(next) ? 0 : json_integer_value(next);
                    testhttp_response_free(&r);
                    assert_true(++pages < 10);
                } while (after);
                if (cases != json_integer_value(json_object_get(want, "cases")) ||
                    money != json_integer_value(json_object_get(want, "money")))
                    fail_msg("%s %s%s: list %lld cases %lld đồng, report %lld and %lld", units[u],
                             lines[i], part ? " (application)" : "", cases, money,
                             (long long)json_integer_value(json_object_get(want, "cases")),
                             (long long)json_integer_value(json_object_get(want, "money")));
            }
        testhttp_response_free(&sum);
    }

    /* the collection alone counts in completed money, the case in no completed case */
    testhttp_as(&ts, &leader, "GET",
                "/api/reports/cases?unit=NA-KV1&from=2026-01-01&to=2026-03-31&line=completed", NULL,
                &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "cases")), 2);
    {
        json_t *a = json_array_get(json_object_get(r.json, "cases"), 0);
        assert_string_equal(json_string_value(json_object_get(a, "case_no")), "2/QĐ-THADS");
        assert_string_equal(json_string_value(json_object_get(a, "unit")), "NA-KV1");
        assert_int_equal(json_integer_value(json_object_get(a, "cases")), 0);
        assert_int_equal(json_integer_value(json_object_get(a, "money")), 10000000);
    }
    testhttp_response_free(&r);
    /* outside the reader's province, a line that is none, an unknown parameter */
    testhttp_as(&ts, &outsider, "GET",
                "/api/reports/cases?unit=NA&from=2026-01-01&to=2026-03-31&line=new", NULL, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
    testhttp_as(&ts, &leader, "GET",
                "/api/reports/cases?unit=NA&from=2026-01-01&to=2026-03-31&line=D9", NULL, &r);
    assert_int_equal(r.status, 400);
    assert_string_equal(testhttp_error_field(&r), "line");
    testhttp_response_free(&r);
    testhttp_as(&ts, &leader, "GET",
                "/api/reports/cases?unit=NA&from=2026-01-01&to=2026-03-31&line=new&page=2", NULL,
                &r);
    assert_int_equal(r.status, 400);
    assert_string_equal(testhttp_error_field(&r), "page");
    testhttp_response_free(&r);
}

/* ---- the official forms (.xlsx), read back by LibreOffice ---- */

/* Field i (0-based) of a CSV line, unquoted, into out; "" past the last. */
static void csv_field(const char *line, int i, char *out, size_t len)
{
    size_t n = 0;
    int field = 0, quoted = 0;

    for (const char *p = line; *p && *p != '\n' && *p != '\r'; p++) {
        if (*p == '"') {
            if (quoted && p[1] == '"') {
                if (field == i && n + 1 < len)
                    out[n++] = '"';
                p++;
            } else {
                quoted = !quoted;
            }
        } else if (*p == ',' && !quoted) {
            if (field++ == i)
                break;
        } else if (field == i && n + 1 < len) {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

/* Line i (0-based) of text, or NULL. */
static const char *nth_line(const char *text, int i)
{
    for (; i > 0 && text; i--)
        if ((text = strchr(text, '\n')) != NULL)
            text++;
    return text && *text ? text : NULL;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = calloc(1, (size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* One row of a form against the JSON object of the same unit (part), in cases or money:
 * every figure column, the rate as the JSON's string. */
static void form_row(const char *csv, int row, json_t *obj, int money, const char *what)
{
    static const char *const cols[] = {
        "total",     "carried_over", "new",          "entrusted_away", "to_enforce",
        "eligible",  "D1",           "terminated",   "in_progress",    "postponed",
        "suspended", "other",        "not_eligible", "RATE",           "remaining"};
    const char *line = nth_line(csv, row);
    const char *key = money ? "money" : "cases";
    char got[64], want[64];

    if (line == NULL)
        fail_msg("%s: no row %d", what, row);
    for (int c = 0; c < 15; c++) {
        csv_field(line, 2 + c, got, sizeof got);
        if (strcmp(cols[c], "RATE") == 0) {
            json_t *r = json_object_get(obj, money ? "rate_money" : "rate_cases");
            snprintf(want, sizeof want, "%s", json_is_string(r) ? json_string_value(r) : "");
        } else if (strcmp(cols[c], "D1") == 0) {
            snprintf(want, sizeof want, "%lld",
                     (long long)(json_integer_value(
                                     json_object_get(json_object_get(obj, "completed"), key)) -
                                 json_integer_value(
                                     json_object_get(json_object_get(obj, "terminated"), key))));
        } else {
            snprintf(
                want, sizeof want, "%lld",
                (long long)json_integer_value(json_object_get(json_object_get(obj, cols[c]), key)));
        }
        if (strcmp(cols[c], "RATE") == 0 && got[0] && want[0]) {
            /* a number in the sheet ("50" for 50.00): the same hundredths */
            long long g = llround(strtod(got, NULL) * 100), w = 0;
            for (const char *p = want; *p; p++)
                if (*p != '.')
                    w = w * 10 + (*p - '0');
            if (g != w)
                fail_msg("%s row %d rate: the form says '%s', the JSON %s", what, row, got, want);
        } else if (strcmp(got, want) != 0) {
            fail_msg("%s row %d column (%d) %s: the form says '%s', the JSON %s", what, row, c + 1,
                     cols[c], got, want);
        }
    }
}

static void test_xlsx_forms(void **state)
{
    const char *q = "?unit=NA&from=2026-01-01&to=2026-03-31";
    char path[300], dir[200], cmd[1200], *sheets[2] = {NULL, NULL};
    test_response_t js, x;
    FILE *f;

    (void)state;
    if (system("command -v libreoffice >/dev/null 2>&1") != 0)
        skip(); /* scripts/deps.sh test installs libreoffice-calc-nogui */
    snprintf(path, sizeof path, "/api/reports/summary%s", q);
    testhttp_as(&ts, &leader, "GET", path, NULL, &js);
    assert_int_equal(js.status, 200);
    snprintf(path, sizeof path, "/api/reports/summary.xlsx%s", q);
    testhttp_as(&ts, &leader, "GET", path, NULL, &x);
    assert_int_equal(x.status, 200);
    assert_true(x.body_len > 1000 && memcmp(x.body, "PK", 2) == 0); /* a zip */
    {
        char disp[200];
        assert_non_null(testhttp_header(&x, "Content-Disposition", disp, sizeof disp));
        assert_non_null(strstr(disp, "bao-cao-NA-2026-01-01-2026-03-31.xlsx"));
    }

    snprintf(dir, sizeof dir, "%s/report-xlsx-XXXXXX",
             getenv("THADS_TEST_TMP") ? getenv("THADS_TEST_TMP") : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bc.xlsx", dir);
    assert_non_null(f = fopen(path, "wb"));
    assert_int_equal(fwrite(x.body, 1, x.body_len, f), x.body_len);
    fclose(f);
    /* every sheet to its own CSV (the 12th option, -1), UTF-8, figures as stored */
    snprintf(cmd, sizeof cmd,
             "cd %s && HOME=%s libreoffice -env:UserInstallation=file://%s/profile --headless "
             "--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
             "false,-1' --outdir %s bc.xlsx >%s/lo.log 2>&1",
             dir, dir, dir, dir, dir);
    if (system(cmd) != 0)
        fail_msg("libreoffice failed: %s", cmd);
    snprintf(path, sizeof path, "%s/bc-Biểu 07 - Việc.csv", dir);
    sheets[0] = read_all(path);
    snprintf(path, sizeof path, "%s/bc-Biểu 08 - Tiền.csv", dir);
    sheets[1] = read_all(path);
    if (sheets[0] == NULL || sheets[1] == NULL) {
        snprintf(cmd, sizeof cmd, "ls -la %s; cat %s/lo.log", dir, dir);
        (void)system(cmd);
        fail_msg("LibreOffice wrote no CSV per sheet in %s", dir);
    }
    for (int money = 0; money < 2; money++) {
        const char *csv = sheets[money];
        json_t *units = json_object_get(js.json, "units");
        char cell[400];
        const char *what = money ? "form 08 (money)" : "form 07 (cases)";
        csv_field(nth_line(csv, 0), 0, cell, sizeof cell);
        assert_non_null(strstr(cell, money ? "BẰNG TIỀN" : "BẰNG VIỆC"));
        csv_field(nth_line(csv, 1), 0, cell, sizeof cell);
        assert_non_null(strstr(cell, "từ 01/01/2026 đến 31/03/2026"));
        csv_field(nth_line(csv, 3), 2, cell, sizeof cell);
        assert_string_equal(cell, "Tổng số thụ lý");
        csv_field(nth_line(csv, 5), 3, cell, sizeof cell);
        assert_string_equal(cell, "Năm trước chuyển sang");
        csv_field(nth_line(csv, 6), 2, cell, sizeof cell);
        assert_string_equal(cell, "(1)");
        form_row(csv, 7, js.json, money, what);
        form_row(csv, 8, json_object_get(js.json, "on_application"), money, what);
        for (size_t i = 0; i < json_array_size(units); i++) {
            csv_field(nth_line(csv, 9 + (int)i), 1, cell, sizeof cell);
            assert_non_null(
                strstr(cell, json_string_value(json_object_get(json_array_get(units, i), "unit"))));
            form_row(csv, 9 + (int)i, json_array_get(units, i), money, what);
        }
        assert_null(nth_line(csv, 9 + (int)json_array_size(units)));
        free(sheets[money]);
    }
    { /* the coercion and complaint counts, one line each under its section's title */
        static const struct {
            int row; /* line of the CSV */
            const char *object, *key;
        } lines[] = {
            {4, "coercion", "carried_over"},
            {5, "coercion", "new"},
            {6, "coercion", "total"},
            {7, "coercion", "paid_voluntarily"},
            {8, "coercion", "needing_coercion"},
            {9, "coercion", "carried_out"},
            {10, "coercion", "pending"},
            {12, "complaints", "carried_over"},
            {13, "complaints", "new"},
            {14, "complaints", "total"},
            {15, "complaints", "resolved"},
            {16, "complaints", "pending"},
        };
        char *csv, cell[400], want[32];
        long long seen[16];
        int distinct = 0;

        snprintf(path, sizeof path, "%s/bc-Cưỡng chế, khiếu nại.csv", dir);
        assert_non_null(csv = read_all(path));
        csv_field(nth_line(csv, 0), 0, cell, sizeof cell);
        assert_non_null(strstr(cell, "CƯỠNG CHẾ VÀ GIẢI QUYẾT KHIẾU NẠI"));
        csv_field(nth_line(csv, 3), 1, cell, sizeof cell);
        assert_non_null(strstr(cell, "CƯỠNG CHẾ THI HÀNH ÁN"));
        csv_field(nth_line(csv, 11), 1, cell, sizeof cell);
        assert_non_null(strstr(cell, "KHIẾU NẠI"));
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
            json_t *v = json_object_get(json_object_get(js.json, lines[i].object), lines[i].key);
            assert_true(json_is_integer(v));
            snprintf(want, sizeof want, "%lld", (long long)json_integer_value(v));
            csv_field(nth_line(csv, lines[i].row), 2, cell, sizeof cell);
            if (strcmp(cell, want) != 0)
                fail_msg("sheet of actions, %s.%s: %s, JSON %s", lines[i].object, lines[i].key,
                         cell, want);
            seen[i] = json_integer_value(v);
            for (size_t k = 0; k <= i; k++)
                if (k == i)
                    distinct++;
                else if (seen[k] == seen[i])
                    break;
        }
        assert_true(distinct >= 3); /* start_on's events: a line out of place would show */
        assert_null(nth_line(csv, 17));
        free(csv);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    (void)system(cmd);
    testhttp_response_free(&js);
    testhttp_response_free(&x);

    /* outside the reader's province: no such unit */
    testhttp_as(&ts, &outsider, "GET",
                "/api/reports/summary.xlsx?unit=NA&from=2026-01-01&to=2026-03-31", NULL, &x);
    assert_int_equal(x.status, 404);
    testhttp_response_free(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_summary_refusals),
        cmocka_unit_test(test_drill_down),
        cmocka_unit_test(test_xlsx_forms),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("reports/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("reports/postgres", tests, start_postgres, stop);
    return failed;
}
