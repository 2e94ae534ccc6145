/*
 * tests/http/test_admin_judgments.c — the monitoring of administrative judgments over HTTP
 * (issue 15; THADS.md 5.4), on both engines: an officer registers the judgments a regional
 * office follows and records their reminder letters, the court's decision compelling
 * compliance and compliance; the dates keep their order and a judgment complied with takes
 * nothing more; the province's report counts them in a table of its own for any period; a
 * unit outside the caller's subtree and its judgments do not exist for them (404).
 */
#include "api/handlers.h"
#include "core/access.h"
#include "ops/app.h"
#include "testdb.h"
#include "testorg.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t officer, leader, outsider, prison;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testapp_set_now((int64_t)1776211200 * 1000000); /* 2026-04-15 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "chv.lan", org.na_kv1, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "lanhdao", org.na, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "chv.ht", org.ht_kv1, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "trai.tg3", org.tg3, 1u << ROLE_PRISON_OFFICER);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "chv.ht", TESTORG_PASSWORD, &outsider);
    testhttp_login(&ts, "trai.tg3", TESTORG_PASSWORD, &prison);
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

/* A request that must answer `want` (and, for a refusal, `code`): the response, whose
 * JSON the caller frees. */
static void call(test_login_t *who, const char *method, const char *path, const char *body,
                 long want, const char *code, test_response_t *r)
{
    testhttp_as(&ts, who, method, path, body, r);
    if (r->status != want)
        fail_msg("%s %s %s: %ld %s, want %ld", method, path, body ? body : "", r->status, r->body,
                 want);
    if (code != NULL)
        assert_string_equal(testhttp_error_code(r), code);
}

static void expect(test_login_t *who, const char *method, const char *path, const char *body,
                   long want, const char *code)
{
    test_response_t r;
    call(who, method, path, body, want, code, &r);
    testhttp_response_free(&r);
}

static int64_t do_register(const char *no, const char *judged, const char *received)
{
    test_response_t r;
    char body[800];
    int64_t id;

    snprintf(body, sizeof body,
             "{\"judgment_no\": \"%s\", \"judgment_date\": \"%s\", \"court\": \"Tòa án nhân dân "
             "tỉnh Nghệ An\", \"respondent\": \"Ủy ban nhân dân xã Nghi Phú\", \"applicant\": "
             "\"Nguyễn Văn Bình\", \"content\": \"Hủy quyết định thu hồi đất số 15/QĐ-UBND và "
             "bồi thường theo quy định\", \"received_on\": \"%s\"}",
             no, judged, received);
    call(&officer, "POST", "/api/admin-judgments", body, 201, NULL, &r);
    id = (int64_t)json_integer_value(json_object_get(r.json, "id"));
    assert_true(id > 0);
    /* registered with the officer's own unit, monitored, no step yet */
    assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "unit"), "code")),
                        "NA-KV1");
    assert_true(json_is_true(json_object_get(r.json, "monitored")));
    assert_int_equal(json_array_size(json_object_get(r.json, "steps")), 0);
    testhttp_response_free(&r);
    return id;
}

static void step(int64_t id, const char *kind, const char *on, long want, const char *code)
{
    char path[80], body[400];

    snprintf(path, sizeof path, "/api/admin-judgments/%lld/steps", (long long)id);
    snprintf(body, sizeof body,
             "{\"kind\": \"%s\", \"occurred_on\": \"%s\", \"document_no\": \"%s/THADS\", "
             "\"note\": \"Đã gửi Ủy ban nhân dân xã\"}",
             kind, on, kind);
    expect(&officer, "POST", path, body, want, code);
}

static json_int_t figure(json_t *summary, const char *key)
{
    json_t *v = json_object_get(json_object_get(summary, "admin_judgments"), key);
    if (!json_is_integer(v))
        fail_msg("admin_judgments.%s is not a number", key);
    return json_integer_value(v);
}

static void test_monitoring(void **state)
{
    test_response_t r;
    int64_t j1, j2, j3;
    char path[200];
    (void)state;

    /* j3: received and complied with before the reporting year 2026; j2: received before it
     * and reminded, still not complied with; j1: received in it and taken to the end */
    j3 = do_register("05/2025/HC-ST", "2025-05-20", "2025-06-01");
    step(j3, "completed", "2025-09-15", 201, NULL);
    j2 = do_register("12/2025/HC-ST", "2025-07-10", "2025-08-01");
    step(j2, "reminded", "2025-09-01", 201, NULL);
    j1 = do_register("03/2026/HC-PT", "2025-12-20", "2026-01-05");
    step(j1, "reminded", "2026-01-10", 201, NULL);
    step(j1, "reminded", "2026-01-25", 201, NULL); /* a second letter: reminded_on stays */
    step(j1, "compelled", "2026-02-01", 201, NULL);

    /* the rules of the register */
    step(j1, "compelled", "2026-02-02", 409, "compelled_already");
    step(j1, "note", "2026-01-31", 422, "date_out_of_order");   /* before the last step */
    step(j1, "completed", "2026-04-16", 422, "date_in_future"); /* today is 15 April */
    step(j1, "completed", "2026-03-01", 201, NULL);
    step(j1, "reminded", "2026-03-05", 409, "monitoring_closed");
    step(j2, "opened", "2026-03-05", 400, NULL); /* no such step */
    snprintf(path, sizeof path, "/api/admin-judgments/%lld/steps", (long long)j2);
    expect(&officer, "POST", path, "{\"kind\": \"note\", \"occurred_on\": \"2026-03-05\"}", 400,
           "required");
    expect(&officer, "POST", path,
           "{\"kind\": \"note\", \"occurred_on\": \"2026-03-05\", \"note\": \"x\", \"extra\": 1}",
           400, NULL);
    /* the same judgment twice; received before it was given */
    expect(&officer, "POST", "/api/admin-judgments",
           "{\"judgment_no\": \"12/2025/HC-ST\", \"judgment_date\": \"2025-07-10\", \"court\": "
           "\"TAND tỉnh Nghệ An\", \"respondent\": \"UBND xã\", \"applicant\": \"Bình\", "
           "\"content\": \"Hủy quyết định\", \"received_on\": \"2025-08-01\"}",
           409, "duplicate");
    expect(&officer, "POST", "/api/admin-judgments",
           "{\"judgment_no\": \"13/2025/HC-ST\", \"judgment_date\": \"2025-07-10\", \"court\": "
           "\"TAND tỉnh Nghệ An\", \"respondent\": \"UBND xã\", \"applicant\": \"Bình\", "
           "\"content\": \"Hủy quyết định\", \"received_on\": \"2025-07-01\"}",
           422, "date_out_of_order");

    /* the judgment with its steps in order, as recorded */
    snprintf(path, sizeof path, "/api/admin-judgments/%lld", (long long)j1);
    call(&leader, "GET", path, NULL, 200, NULL, &r);
    assert_string_equal(json_string_value(json_object_get(r.json, "reminded_on")), "2026-01-10");
    assert_string_equal(json_string_value(json_object_get(r.json, "compelled_on")), "2026-02-01");
    assert_string_equal(json_string_value(json_object_get(r.json, "completed_on")), "2026-03-01");
    assert_true(json_is_false(json_object_get(r.json, "monitored")));
    assert_int_equal(json_array_size(json_object_get(r.json, "steps")), 4);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(r.json, "steps"), 2), "kind_vi")),
                        "Quyết định buộc thi hành án hành chính");
    testhttp_response_free(&r);

    /* the list: newest first, the monitored ones alone, by pages */
    call(&leader, "GET", "/api/admin-judgments?monitored=1", NULL, 200, NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 1);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(r.json, "items"), 0), "id")),
                     j2);
    testhttp_response_free(&r);
    call(&officer, "GET", "/api/admin-judgments?limit=2", NULL, 200, NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 2);
    assert_int_equal(json_integer_value(json_object_get(r.json, "next_before")), j2);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/admin-judgments?limit=2&before=%lld", (long long)j2);
    call(&officer, "GET", path, NULL, 200, NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 1);
    assert_true(json_is_null(json_object_get(r.json, "next_before")));
    testhttp_response_free(&r);

    /* the report's table: the reporting year 2026 counts j2 carried over and j1 new */
    call(&leader, "GET", "/api/reports/summary?unit=NA&from=2025-10-01&to=2026-09-30", NULL, 200,
         NULL, &r);
    assert_int_equal(figure(r.json, "carried_over"), 1);
    assert_int_equal(figure(r.json, "new"), 1);
    assert_int_equal(figure(r.json, "monitored"), 2);
    assert_int_equal(figure(r.json, "reminded"), 2);
    assert_int_equal(figure(r.json, "compelled"), 1);
    assert_int_equal(figure(r.json, "completed"), 1);
    assert_int_equal(figure(r.json, "remaining"), 1);
    testhttp_response_free(&r);
    /* its first quarter: j1 not received yet */
    call(&leader, "GET", "/api/reports/summary?unit=NA&from=2025-10-01&to=2025-12-31", NULL, 200,
         NULL, &r);
    assert_int_equal(figure(r.json, "monitored"), 1);
    assert_int_equal(figure(r.json, "reminded"), 1);
    assert_int_equal(figure(r.json, "completed"), 0);
    testhttp_response_free(&r);
    /* the year 2025: j3 and j2 received, j3 complied with, j2 reminded */
    call(&leader, "GET", "/api/reports/summary?unit=NA&from=2024-10-01&to=2025-09-30", NULL, 200,
         NULL, &r);
    assert_int_equal(figure(r.json, "new"), 2);
    assert_int_equal(figure(r.json, "completed"), 1);
    assert_int_equal(figure(r.json, "remaining"), 1);
    testhttp_response_free(&r);
    /* another office of the province monitors nothing */
    call(&leader, "GET", "/api/reports/summary?unit=NA-KV2&from=2025-10-01&to=2026-09-30", NULL,
         200, NULL, &r);
    assert_int_equal(figure(r.json, "monitored"), 0);
    testhttp_response_free(&r);

    /* every step is in the audit trail */
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE object LIKE "
                                        "'admin_judgment:%' AND outcome = 201"),
                     3 + 6);
}

static void test_scope(void **state)
{
    test_response_t r;
    int64_t id = do_register("21/2026/HC-ST", "2026-02-10", "2026-02-20");
    char path[120], body[600];
    (void)state;

    /* another province's officer: the judgment, its unit and its list do not exist */
    snprintf(path, sizeof path, "/api/admin-judgments/%lld", (long long)id);
    expect(&outsider, "GET", path, NULL, 404, NULL);
    snprintf(path, sizeof path, "/api/admin-judgments/%lld/steps", (long long)id);
    expect(&outsider, "POST", path, "{\"kind\": \"reminded\", \"occurred_on\": \"2026-03-01\"}",
           404, NULL);
    snprintf(path, sizeof path, "/api/admin-judgments?unit_id=%lld", (long long)org.na_kv1);
    expect(&outsider, "GET", path, NULL, 404, NULL);
    call(&outsider, "GET", "/api/admin-judgments", NULL, 200, NULL, &r);
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 0);
    testhttp_response_free(&r);
    snprintf(
        body, sizeof body,
        "{\"unit_id\": %lld, \"judgment_no\": \"22/2026/HC-ST\", \"judgment_date\": "
        "\"2026-02-10\", \"court\": \"TAND\", \"respondent\": \"UBND\", \"applicant\": \"An\", "
        "\"content\": \"Hủy quyết định\", \"received_on\": \"2026-02-20\"}",
        (long long)org.na_kv1);
    expect(&outsider, "POST", "/api/admin-judgments", body, 404, NULL);
    /* a camp's officer reads no judgments; a leader registers none */
    expect(&prison, "GET", "/api/admin-judgments", NULL, 403, NULL);
    expect(&leader, "POST", "/api/admin-judgments", body, 403, NULL);
    /* the province above sees it */
    snprintf(path, sizeof path, "/api/admin-judgments/%lld", (long long)id);
    expect(&leader, "GET", path, NULL, 200, NULL);
    expect(&officer, "GET", "/api/admin-judgments/999999", NULL, 404, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monitoring),
        cmocka_unit_test(test_scope),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("admin_judgments/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("admin_judgments/postgres", tests, start_postgres, stop);
    return failed;
}
