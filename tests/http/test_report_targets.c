/*
 * tests/http/test_report_targets.c — targets and year on year over HTTP (issue 15), on both
 * engines: the leader of the department above sets a province's targets for the reporting
 * year and the province's leader sets each office's, never their own; the summary shows
 * the rates reached against the targets in signed percentage points and the same period of
 * the year before with the differences. A unit outside the caller's subtree does not exist
 * for them (404); an officer sets nothing (403).
 */
#include "api/handlers.h"
#include "core/access.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/report_target.h"
#include "testdb.h"
#include "testorg.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t cuc, leader, kv1_leader, outsider, officer;

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

/* A case of KV1 received on `received`, decided the next day (`decided`), verified
 * eligible a fortnight later (`verified`). */
static int64_t eligible_case(const char *no, const char *received, const char *decided,
                             const char *notified, const char *verified, long long amount)
{
    case_event_input_t none = {0};
    int64_t id = testorg_case(&ts, &app, org.na_kv1, no, received, amount);

    ev(id, CASE_EVENT_DECIDED, decided, none);
    ev(id, CASE_EVENT_NOTIFIED, notified, none);
    ev(id, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, verified, none);
    ev(id, CASE_EVENT_VERIFICATION_RECORDED, verified,
       (case_event_input_t){.verify = VERIFY_ELIGIBLE});
    return id;
}

static int start_on(const char *engine)
{
    case_event_input_t none = {0};
    int64_t p1, a, c;

    testapp_init(&app);
    testapp_set_now((int64_t)1776211200 * 1000000); /* 2026-04-15 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "lanhdao.cuc", org.cuc, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "lanhdao", org.na, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "lanhdao.kv1", org.na_kv1, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "lanhdao.ht", org.ht, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "chv.lan", org.na_kv1, (1u << ROLE_OFFICER) | (1u << ROLE_EXAMINER));
    testhttp_login(&ts, "lanhdao.cuc", TESTORG_PASSWORD, &cuc);
    testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "lanhdao.kv1", TESTORG_PASSWORD, &kv1_leader);
    testhttp_login(&ts, "lanhdao.ht", TESTORG_PASSWORD, &outsider);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);

    /* The year before: two eligible cases, one terminated in March 2025 (8.000.000), one
     * still enforcing (20.000.000), carried into this year. */
    p1 = eligible_case("1/QĐ-THADS", "2025-01-05", "2025-01-06", "2025-01-07", "2025-01-21",
                       8000000);
    ev(p1, CASE_EVENT_TERMINATED, "2025-03-02", none);
    eligible_case("2/QĐ-THADS", "2025-01-08", "2025-01-09", "2025-01-10", "2025-01-24", 20000000);
    /* This year: 10.000.000 collected on a case of 100.000.000, and a case of 7.000.000
     * terminated. */
    a = eligible_case("3/QĐ-THADS", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-21",
                      100000000);
    ev(a, CASE_EVENT_MONEY_COLLECTED, "2026-02-02", (case_event_input_t){.amount_vnd = 10000000});
    c = eligible_case("4/QĐ-THADS", "2026-01-08", "2026-01-09", "2026-01-10", "2026-01-24",
                      7000000);
    ev(c, CASE_EVENT_TERMINATED, "2026-03-02", none);
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

static void put(test_login_t *who, const char *body, long want, const char *code)
{
    test_response_t r;

    testhttp_as(&ts, who, "PUT", "/api/reports/targets", body, &r);
    if (r.status != want)
        fail_msg("PUT %s: %ld %s, want %ld", body, r.status, r.body, want);
    if (code != NULL)
        assert_string_equal(testhttp_error_code(&r), code);
    testhttp_response_free(&r);
}

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v))
        fail_msg("%s is not a string", key);
    return json_string_value(v);
}

static void summary(test_login_t *who, const char *query, long want, test_response_t *r)
{
    char path[200];

    snprintf(path, sizeof path, "/api/reports/summary?%s", query);
    testhttp_as(&ts, who, "GET", path, NULL, r);
    if (r->status != want)
        fail_msg("GET %s: %ld %s, want %ld", path, r->status, r->body, want);
}

static void test_setting_targets(void **state)
{
    test_response_t r;
    json_t *t;
    (void)state;

    /* who may set what */
    put(&officer, "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"30\",\"rate_money\":\"15\"}",
        403, "forbidden");
    put(&kv1_leader,
        "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"30\",\"rate_money\":\"15\"}", 403,
        "own_unit_target");
    put(&leader,
        "{\"unit\":\"NA\",\"year\":2026,\"rate_cases\":\"83.25\",\"rate_money\":\"46.45\"}", 403,
        "own_unit_target");
    put(&kv1_leader, "{\"unit\":\"NA\",\"year\":2026,\"rate_cases\":\"30\",\"rate_money\":\"15\"}",
        404, "not_found");
    put(&outsider,
        "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"30\",\"rate_money\":\"15\"}", 404,
        "not_found");
    /* what a rate is */
    put(&leader,
        "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"100.01\",\"rate_money\":\"15\"}", 400,
        "invalid_rate");
    put(&leader,
        "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"30\",\"rate_money\":\"15.555\"}", 400,
        "invalid_rate");
    put(&leader, "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":30,\"rate_money\":\"15\"}", 400,
        NULL);
    put(&leader, "{\"unit\":\"NA-KV1\",\"year\":1999,\"rate_cases\":\"30\",\"rate_money\":\"15\"}",
        400, NULL);

    /* the department sets the province's; the province its office's, then changes it */
    put(&cuc, "{\"unit\":\"NA\",\"year\":2026,\"rate_cases\":\"83.25\",\"rate_money\":\"46.45\"}",
        200, NULL);
    put(&leader, "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"20\",\"rate_money\":\"10\"}",
        200, NULL);
    put(&leader,
        "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"30\",\"rate_money\":\"15.5\"}", 200,
        NULL);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM report_target"), 2);
    /* each setting is in the audit trail, with the rates */
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE outcome = 200 AND "
                                        "detail LIKE 'target 2026:%'"),
                     3);

    testhttp_as(&ts, &leader, "GET", "/api/reports/targets?unit=NA&year=2026", NULL, &r);
    assert_int_equal(r.status, 200);
    t = json_object_get(r.json, "target");
    assert_string_equal(str(t, "rate_cases"), "83.25");
    assert_string_equal(str(t, "rate_money"), "46.45");
    for (size_t i = 0; i < json_array_size(json_object_get(r.json, "units")); i++) {
        json_t *u = json_array_get(json_object_get(r.json, "units"), i);
        if (strcmp(str(u, "unit"), "NA-KV1") == 0) {
            assert_string_equal(str(json_object_get(u, "target"), "rate_cases"), "30.00");
            assert_string_equal(str(json_object_get(u, "target"), "rate_money"), "15.50");
        } else
            assert_true(json_is_null(json_object_get(u, "target")));
    }
    assert_int_equal(json_array_size(json_object_get(r.json, "units")), 2);
    testhttp_response_free(&r);
    /* the year defaults to today's reporting year; another year has none */
    testhttp_as(&ts, &officer, "GET", "/api/reports/targets?unit=NA-KV1", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "year")), 2026);
    assert_string_equal(str(json_object_get(r.json, "target"), "rate_cases"), "30.00");
    testhttp_response_free(&r);
    testhttp_as(&ts, &leader, "GET", "/api/reports/targets?unit=NA-KV1&year=2025", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(json_is_null(json_object_get(r.json, "target")));
    testhttp_response_free(&r);
    testhttp_as(&ts, &outsider, "GET", "/api/reports/targets?unit=NA-KV1&year=2026", NULL, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
}

static void test_summary_against_targets_and_last_year(void **state)
{
    test_response_t r;
    json_t *t, *p, *ch, *kv1 = NULL;
    (void)state;

    put(&cuc, "{\"unit\":\"NA\",\"year\":2026,\"rate_cases\":\"83.25\",\"rate_money\":\"46.45\"}",
        200, NULL);
    put(&leader,
        "{\"unit\":\"NA-KV1\",\"year\":2026,\"rate_cases\":\"30\",\"rate_money\":\"15.5\"}", 200,
        NULL);

    /* October to March: eligible 3 cases (the one carried over, both new), 127.000.000 đ
     * (10 collected, 7 terminated, 90 + 20 still owed); completed 1 case, 17.000.000 đ */
    summary(&leader, "unit=NA&from=2025-10-01&to=2026-03-31", 200, &r);
    assert_string_equal(str(r.json, "rate_cases"), "33.33");
    assert_string_equal(str(r.json, "rate_money"), "13.39");
    t = json_object_get(r.json, "target");
    assert_int_equal(json_integer_value(json_object_get(t, "year")), 2026);
    assert_string_equal(str(t, "rate_cases"), "83.25");
    assert_string_equal(str(t, "diff_cases"), "-49.92");
    assert_string_equal(str(t, "diff_money"), "-33.06");
    for (size_t i = 0; i < json_array_size(json_object_get(r.json, "units")); i++) {
        json_t *u = json_array_get(json_object_get(r.json, "units"), i);
        if (strcmp(str(u, "unit"), "NA-KV1") == 0)
            kv1 = u;
        else
            assert_true(json_is_null(json_object_get(u, "target")));
    }
    assert_non_null(kv1);
    assert_string_equal(str(json_object_get(kv1, "target"), "diff_cases"), "3.33");
    assert_string_equal(str(json_object_get(kv1, "target"), "diff_money"), "-2.11");

    /* the year before: October 2024 to March 2025, 1 of 2 cases, 8 of 28 million */
    p = json_object_get(r.json, "previous_year");
    assert_string_equal(str(p, "from"), "2024-10-01");
    assert_string_equal(str(p, "to"), "2025-03-31");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(p, "completed"), "cases")),
                     1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(p, "completed"), "money")),
                     8000000);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(p, "eligible"), "money")),
                     28000000);
    assert_string_equal(str(p, "rate_cases"), "50.00");
    assert_string_equal(str(p, "rate_money"), "28.57");
    ch = json_object_get(p, "change");
    assert_int_equal(json_integer_value(json_object_get(ch, "completed_cases")), 0);
    assert_int_equal(json_integer_value(json_object_get(ch, "completed_money")), 9000000);
    assert_string_equal(str(ch, "completed_cases_pct"), "0.00");
    assert_string_equal(str(ch, "completed_money_pct"), "112.50");
    assert_string_equal(str(ch, "rate_cases_points"), "-16.67");
    assert_string_equal(str(ch, "rate_money_points"), "-15.18");
    testhttp_response_free(&r);

    /* a period over two reporting years has no target; a month has its year's */
    summary(&leader, "unit=NA&from=2025-09-01&to=2025-10-31", 200, &r);
    assert_true(json_is_null(json_object_get(r.json, "target")));
    testhttp_response_free(&r);
    summary(&officer, "unit=NA-KV1&from=2026-03-01&to=2026-03-31", 200, &r);
    assert_string_equal(str(json_object_get(r.json, "target"), "rate_money"), "15.50");
    /* in March, last year's only completion was in March too: 1 then, 1 now */
    ch = json_object_get(json_object_get(r.json, "previous_year"), "change");
    assert_int_equal(json_integer_value(json_object_get(ch, "completed_cases")), 0);
    testhttp_response_free(&r);
    /* the year before the units existed is zero, not an error; rates without a base null */
    summary(&leader, "unit=NA&from=2020-10-01&to=2021-09-30", 200, &r);
    p = json_object_get(r.json, "previous_year");
    assert_true(json_is_null(json_object_get(p, "rate_cases")));
    assert_true(json_is_null(json_object_get(json_object_get(p, "change"), "completed_cases_pct")));
    testhttp_response_free(&r);

    summary(&outsider, "unit=NA-KV1&from=2025-10-01&to=2026-03-31", 404, &r);
    testhttp_response_free(&r);
}

/* Pure pieces: the reporting year and the rates' text. */
static void test_year_and_points(void **state)
{
    int64_t bp;
    char buf[32];
    (void)state;

    assert_int_equal(report_year_of(civil_date_from_ymd(2025, 9, 30)), 2025);
    assert_int_equal(report_year_of(civil_date_from_ymd(2025, 10, 1)), 2026);
    assert_true(report_year_first(2026) == civil_date_from_ymd(2025, 10, 1));
    assert_true(report_year_last(2026) == civil_date_from_ymd(2026, 9, 30));
    assert_int_equal(report_bp_parse("83.25", 10000, &bp), 0);
    assert_int_equal(bp, 8325);
    assert_int_equal(report_bp_parse("83.2", 10000, &bp), 0);
    assert_int_equal(bp, 8320);
    assert_int_equal(report_bp_parse("100", 10000, &bp), 0);
    assert_int_equal(bp, 10000);
    assert_int_equal(report_bp_parse("100.01", 10000, &bp), -1);
    assert_int_equal(report_bp_parse(".5", 10000, &bp), -1);
    assert_int_equal(report_bp_parse("5.", 10000, &bp), -1);
    assert_int_equal(report_bp_parse("-5", 10000, &bp), -1);
    assert_int_equal(report_bp_parse("5,5", 10000, &bp), -1);
    report_bp_format(185, buf);
    assert_string_equal(buf, "1.85");
    report_bp_format(-40, buf);
    assert_string_equal(buf, "-0.40");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year_and_points),
        cmocka_unit_test(test_setting_targets),
        cmocka_unit_test(test_summary_against_targets_and_last_year),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("report_targets/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("report_targets/postgres", tests, start_postgres, stop);
    return failed;
}
