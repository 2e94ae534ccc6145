/*
 * tests/http/test_case_page.c — what the case page of the web UI reads from the API
 * (issue 13, "Cases on screen"): the next legal steps the state machine allows, each
 * deadline's days left or late, names in English beside the Vietnamese, and the legal
 * basis in Vietnamese. On both engines.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "core/access.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t officer;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testapp_set_now((int64_t)1773792000 * 1000000); /* 2026-03-18 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "chv.lan", org.na_kv1, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
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

static long as(const char *method, const char *path, const char *body, test_response_t *r)
{
    testhttp_as(&ts, &officer, method, path, body, r);
    return r->status;
}

/* A case on application received Monday 2026-03-02, decided 2026-03-12 (D6, 5 working
 * days, was due 2026-03-09: three days late) and served 2026-03-13 (D10 runs to
 * 2026-03-23, five days after today). */
static int64_t served_case(const char *case_no)
{
    char body[1400], path[64];
    test_response_t r;
    int64_t id;

    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"%s\",\"source\":\"application\","
             "\"category\":\"civil\",\"received_on\":\"2026-03-02\",\"judgment\":{\"number\":"
             "\"3/2026/DS-ST\",\"date\":\"2026-01-10\",\"court\":\"TAND khu vực 1 - Nghệ An\"},"
             "\"parties\":[{\"role\":\"creditor\",\"kind\":\"person\",\"full_name\":\"Trần Thị "
             "Hoa\"},{\"role\":\"debtor\",\"kind\":\"person\",\"full_name\":\"Lê Văn Cường\","
             "\"id_number\":\"040088001234\"}],\"items\":[{\"content_type\":\"pay_money\","
             "\"description\":\"Trả nợ\",\"amount_vnd\":50000000,\"creditor\":0}]}",
             (long long)org.na_kv1, case_no);
    if (as("POST", "/api/cases", body, &r) != 201)
        fail_msg("open: %ld %s", r.status, r.body);
    id = json_integer_value(json_object_get(r.json, "id"));
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)id);
    assert_int_equal(as("POST", path,
                        "{\"type\":\"decided\",\"occurred_on\":\"2026-03-12\",\"document_no\":"
                        "\"7/QĐ-THADS\"}",
                        &r),
                     201);
    testhttp_response_free(&r);
    assert_int_equal(as("POST", path,
                        "{\"type\":\"notified\",\"occurred_on\":\"2026-03-13\",\"document_no\":"
                        "\"TB-7\"}",
                        &r),
                     201);
    testhttp_response_free(&r);
    return id;
}

static json_t *find(json_t *list, const char *key, const char *value)
{
    size_t i;
    json_t *e;

    json_array_foreach(list, i, e) if (strcmp(json_string_value(json_object_get(e, key)), value) ==
                                       0) return e;
    return NULL;
}

static void test_case_page(void **state)
{
    int64_t id = served_case("7/QĐ-THADS");
    char path[64];
    test_response_t r;
    json_t *next, *d6, *d10, *ended;
    (void)state;

    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    assert_int_equal(as("GET", path, NULL, &r), 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "state_name_vi")),
                        "Trong thời hạn tự nguyện thi hành án");
    assert_string_equal(json_string_value(json_object_get(r.json, "state_name_en")),
                        "In the voluntary period");

    /* the next legal steps: the period's end, not a second decision or service */
    next = json_object_get(r.json, "next_events");
    ended = find(next, "code", "voluntary_period_ended");
    assert_non_null(ended);
    assert_string_equal(json_string_value(json_object_get(ended, "vi")),
                        "Kết thúc thời hạn tự nguyện thi hành");
    assert_string_equal(json_string_value(json_object_get(ended, "en")),
                        "End of the voluntary period");
    assert_null(find(next, "code", "decided"));
    assert_null(find(next, "code", "notified"));
    assert_non_null(find(next, "code", "application_returned")); /* opened on application */

    /* days left and late, names in both languages, the basis in Vietnamese */
    d6 = find(json_object_get(r.json, "deadlines"), "rule_id", "D6");
    d10 = find(json_object_get(r.json, "deadlines"), "rule_id", "D10");
    assert_non_null(d6);
    assert_non_null(d10);
    assert_string_equal(json_string_value(json_object_get(d6, "outcome")), "late");
    assert_true(json_is_null(json_object_get(d6, "days_left")));
    assert_int_equal(json_integer_value(json_object_get(d6, "days_late")), 3);
    assert_string_equal(json_string_value(json_object_get(d10, "due_on")), "2026-03-23");
    assert_int_equal(json_integer_value(json_object_get(d10, "days_left")), 5);
    assert_int_equal(json_integer_value(json_object_get(d10, "days_late")), 0);
    assert_string_equal(json_string_value(json_object_get(d10, "name_en")),
                        "Voluntary performance period");
    assert_string_equal(json_string_value(json_object_get(d10, "legal_ref_vi")),
                        "Điều 45 Luật Thi hành án dân sự (Luật số 26/2008/QH12, sửa đổi, bổ sung "
                        "năm 2014)");
    testhttp_response_free(&r);

    /* ten days on, the period is five days past its end */
    testapp_advance((int64_t)10 * 86400 * 1000000);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    assert_int_equal(as("GET", path, NULL, &r), 200);
    d10 = find(json_object_get(r.json, "deadlines"), "rule_id", "D10");
    assert_int_equal(json_integer_value(json_object_get(d10, "days_left")), -5);
    assert_int_equal(json_integer_value(json_object_get(d10, "days_late")), 5);
    testhttp_response_free(&r);
    testapp_advance((int64_t)-10 * 86400 * 1000000);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
}

/* Record event json on case id: the status. */
static long record(int64_t id, const char *json)
{
    char path[64];
    test_response_t r;
    long status;

    snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)id);
    status = as("POST", path, json, &r);
    if (status != 201)
        print_message("%s: %ld %s\n", json, status, r.body);
    testhttp_response_free(&r);
    return status;
}

/* next_events of case id has code */
static int offers(int64_t id, const char *code)
{
    char path[64];
    test_response_t r;
    int yes;

    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    assert_int_equal(as("GET", path, NULL, &r), 200);
    yes = find(json_object_get(r.json, "next_events"), "code", code) != NULL;
    testhttp_response_free(&r);
    return yes;
}

/* The page offers a coercion's outcome only while a decision is pending: with none, the
 * server refuses it (no_coercion_pending), so the form must not offer it. */
static void test_coercion_outcome_offered_only_when_pending(void **state)
{
    int64_t id = served_case("8/QĐ-THADS");
    (void)state;

    testapp_advance((int64_t)30 * 86400 * 1000000);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    assert_int_equal(record(id, "{\"type\":\"voluntary_period_ended\",\"occurred_on\":"
                                "\"2026-03-24\"}"),
                     201);
    assert_int_equal(record(id, "{\"type\":\"verification_recorded\",\"occurred_on\":"
                                "\"2026-03-25\",\"document_no\":\"XM-7\",\"result\":"
                                "\"eligible\"}"),
                     201);
    assert_true(offers(id, "coercion_scheduled"));
    assert_false(offers(id, "coercion_carried_out"));
    assert_false(offers(id, "coercion_paid_voluntarily"));
    assert_int_equal(record(id, "{\"type\":\"coercion_carried_out\",\"occurred_on\":"
                                "\"2026-03-26\",\"document_no\":\"BB-1\"}"),
                     409);
    assert_int_equal(record(id, "{\"type\":\"coercion_scheduled\",\"occurred_on\":"
                                "\"2026-03-26\",\"document_no\":\"QĐ-CC-1\",\"coercion_on\":"
                                "\"2026-04-08\"}"),
                     201);
    assert_true(offers(id, "coercion_carried_out"));
    assert_true(offers(id, "coercion_paid_voluntarily"));
    assert_int_equal(record(id, "{\"type\":\"coercion_carried_out\",\"occurred_on\":"
                                "\"2026-04-08\",\"document_no\":\"BB-1\"}"),
                     201);
    assert_false(offers(id, "coercion_carried_out")); /* that decision is answered */
    testapp_advance((int64_t)-30 * 86400 * 1000000);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
}

/* The open resolution deadline (D35_RESOLVE_*) of case id opened by event seq: 1 if the
 * case page lists it open, else 0. */
static int complaint_open(int64_t id, int64_t seq)
{
    char path[64];
    test_response_t r;
    json_t *d;
    size_t i;
    int open = 0;

    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    assert_int_equal(as("GET", path, NULL, &r), 200);
    json_array_foreach(json_object_get(r.json, "deadlines"), i, d)
    {
        const char *rule = json_string_value(json_object_get(d, "rule_id"));
        int resolves = json_is_true(json_object_get(d, "resolves_complaint"));
        /* the flag the event form picks a complaint by: exactly the resolution rules */
        assert_int_equal(resolves, strncmp(rule, "D35_RESOLVE_", 12) == 0);
        if (resolves && json_integer_value(json_object_get(d, "opened_seq")) == seq)
            open = strcmp(json_string_value(json_object_get(d, "outcome")), "open") == 0;
    }
    testhttp_response_free(&r);
    return open;
}

/* Two complaints wait: a decision must say which it answers (complaint_seq, the number of
 * its complaint_received event, which the page reads as the deadline's opened_seq), and
 * the other complaint's deadline keeps running. */
static void test_complaint_decision_names_its_complaint(void **state)
{
    int64_t id = served_case("9/QĐ-THADS");
    char path[64];
    test_response_t r;
    (void)state;

    /* events 1-3: received, decided, notified; the complaints are 4 and 5 */
    assert_int_equal(record(id, "{\"type\":\"complaint_received\",\"occurred_on\":\"2026-03-16\","
                                "\"document_no\":\"KN-1\",\"complaint_about\":\"first\"}"),
                     201);
    assert_int_equal(record(id, "{\"type\":\"complaint_received\",\"occurred_on\":\"2026-03-17\","
                                "\"document_no\":\"KN-2\",\"complaint_about\":\"other\"}"),
                     201);
    assert_true(complaint_open(id, 4) && complaint_open(id, 5));
    snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)id);
    assert_int_equal(as("POST", path,
                        "{\"type\":\"complaint_decided\",\"occurred_on\":\"2026-03-18\","
                        "\"document_no\":\"QĐ-GQKN-1\"}",
                        &r),
                     400);
    assert_string_equal(testhttp_error_field(&r), "complaint_seq");
    testhttp_response_free(&r);
    assert_int_equal(as("POST", path,
                        "{\"type\":\"complaint_decided\",\"occurred_on\":\"2026-03-18\","
                        "\"document_no\":\"QĐ-GQKN-1\",\"complaint_seq\":3}",
                        &r),
                     409);
    testhttp_response_free(&r);
    assert_int_equal(record(id, "{\"type\":\"complaint_decided\",\"occurred_on\":\"2026-03-18\","
                                "\"document_no\":\"QĐ-GQKN-1\",\"complaint_seq\":5}"),
                     201);
    assert_true(complaint_open(id, 4));
    assert_false(complaint_open(id, 5));
    /* one left: a decision without a number answers it */
    assert_int_equal(record(id, "{\"type\":\"complaint_decided\",\"occurred_on\":\"2026-03-18\","
                                "\"document_no\":\"QĐ-GQKN-2\"}"),
                     201);
    assert_false(complaint_open(id, 4));
}

static void test_timeline_and_search_in_english_too(void **state)
{
    char path[64];
    test_response_t r;
    json_t *ev;
    (void)state;

    assert_int_equal(as("GET", "/api/search?q=le%20van%20cuong", NULL, &r), 200);
    assert_true(json_array_size(json_object_get(r.json, "results")) >= 1);
    ev = json_array_get(json_object_get(r.json, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(ev, "state_vi")),
                        "Trong thời hạn tự nguyện thi hành án");
    assert_string_equal(json_string_value(json_object_get(ev, "state_en")),
                        "In the voluntary period");
    snprintf(path, sizeof path, "/api/cases/%lld/events",
             (long long)json_integer_value(json_object_get(ev, "id")));
    testhttp_response_free(&r);

    assert_int_equal(as("GET", path, NULL, &r), 200);
    ev = json_array_get(json_object_get(r.json, "events"), 1);
    assert_string_equal(json_string_value(json_object_get(ev, "name_vi")),
                        "Ra quyết định thi hành án");
    assert_string_equal(json_string_value(json_object_get(ev, "name_en")), "Enforcement decision");
    assert_string_equal(json_string_value(json_object_get(ev, "state_after_name_en")),
                        "Enforcement decision issued");
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_page),
        cmocka_unit_test(test_timeline_and_search_in_english_too),
        /* last: its case has the same debtor as the search above expects alone */
        cmocka_unit_test(test_coercion_outcome_offered_only_when_pending),
        cmocka_unit_test(test_complaint_decision_names_its_complaint),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("case_page/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("case_page/postgres", tests, start_postgres, stop);
    return failed;
}
