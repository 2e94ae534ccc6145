/*
 * tests/http/test_cases_api.c — an officer and a leader working cases over HTTP:
 * open, assign, record events (refusals explained in both languages), list with
 * filters and a cursor, the timeline, the worklist, overdue deadlines and the
 * inspection view; another province's cases do not exist for them.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "core/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t officer, leader, outsider;
static int64_t officer_id;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testapp_set_now((int64_t)1773792000 * 1000000); /* 2026-03-18 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    officer_id = testorg_user(&ts, &app, "chv.lan", org.na_kv1, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "lanhdao", org.na_kv1, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "chv.ht", org.ht_kv1, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "chv.ht", TESTORG_PASSWORD, &outsider);
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

static long as(test_login_t *who, const char *method, const char *path, const char *body,
               test_response_t *r)
{
    testhttp_as(&ts, who, method, path, body, r);
    return r->status;
}

static int64_t open_case(const char *no, const char *received)
{
    char body[1400];
    test_response_t r;
    int64_t id;

    snprintf(
        body, sizeof body,
        "{\"unit_id\":%lld,\"case_no\":\"%s\",\"source\":\"application\",\"category\":"
        "\"credit\",\"received_on\":\"%s\",\"judgment\":{\"number\":\"12/2025/KDTM-ST\","
        "\"date\":\"2025-12-01\",\"court\":\"TAND khu vực 1 - Nghệ An\",\"kind\":\"business\"},"
        "\"parties\":[{\"role\":\"creditor\",\"kind\":\"organization\",\"full_name\":"
        "\"Ngân hàng TMCP Công Thương Việt Nam - Chi nhánh Nghệ An\",\"id_number\":"
        "\"0100111948-015\"},{\"role\":\"debtor\",\"kind\":\"person\",\"full_name\":"
        "\"Hồ Văn Cường\",\"id_number\":\"040088004321\",\"address\":\"Phường Trường Thi, "
        "Vinh\"}],\"items\":[{\"content_type\":\"pay_money\",\"description\":\"Nợ gốc và "
        "lãi\",\"amount_vnd\":1250000000,\"creditor\":0},{\"content_type\":\"court_fee\","
        "\"description\":\"Án phí\",\"amount_vnd\":48000000,\"payment_rank\":2}]}",
        (long long)org.na_kv1, no, received);
    if (as(&officer, "POST", "/api/cases", body, &r) != 201)
        fail_msg("open %s: %ld %s", no, r.status, r.body);
    id = json_integer_value(json_object_get(r.json, "id"));
    assert_int_equal(json_integer_value(json_object_get(r.json, "amount_vnd")), 1298000000);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "received");
    testhttp_response_free(&r);
    return id;
}

static void post_event(int64_t id, const char *body, long want, const char *code)
{
    char path[64];
    test_response_t r;

    snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)id);
    if (as(&officer, "POST", path, body, &r) != want)
        fail_msg("%s: got %ld %s, want %ld", body, r.status, r.body, want);
    if (code)
        assert_string_equal(testhttp_error_code(&r), code);
    testhttp_response_free(&r);
}

static void test_open_assign_and_record(void **state)
{
    int64_t id = open_case("101/QĐ-THADS", "2026-03-02");
    char path[64], body[160];
    test_response_t r;
    const char *vi;
    (void)state;

    /* assigning is a leader's decision */
    snprintf(path, sizeof path, "/api/cases/%lld/assign", (long long)id);
    snprintf(body, sizeof body,
             "{\"officer_user_id\":%lld,\"occurred_on\":\"2026-03-03\",\"document_no\":"
             "\"5/QĐ-PCCHV\"}",
             (long long)officer_id);
    assert_int_equal(as(&officer, "POST", path, body, &r), 403);
    testhttp_response_free(&r);
    assert_int_equal(as(&leader, "POST", path, body, &r), 201);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(json_object_get(r.json, "case"), "officer"), "id")),
                     officer_id);
    testhttp_response_free(&r);

    post_event(id, "{\"type\":\"decided\",\"occurred_on\":\"2026-03-04\"}", 400, "missing_field");
    post_event(
        id,
        "{\"type\":\"decided\",\"occurred_on\":\"2026-03-04\",\"document_no\":\"101/QĐ-THADS\"}",
        201, NULL);
    post_event(id,
               "{\"type\":\"notified\",\"occurred_on\":\"2026-03-05\",\"document_no\":\"BB-12\"}",
               201, NULL);

    /* the law does not allow continuing what was never stopped; the reason says why, in
     * both languages */
    snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)id);
    assert_int_equal(
        as(&officer, "POST", path,
           "{\"type\":\"resumed\",\"occurred_on\":\"2026-03-06\",\"document_no\":\"1\"}", &r),
        409);
    assert_string_equal(testhttp_error_code(&r), "transition_not_allowed");
    vi = json_string_value(json_object_get(json_object_get(r.json, "error"), "message_vi"));
    assert_non_null(strstr(vi, "thời hạn tự nguyện"));
    testhttp_response_free(&r);

    /* a ground date belongs to the decisions that have one (D15, D17-D20) */
    post_event(id,
               "{\"type\":\"note\",\"occurred_on\":\"2026-03-06\",\"reason\":\"x\","
               "\"ground_on\":\"2026-03-05\"}",
               400, "invalid_value");
    post_event(id,
               "{\"type\":\"note\",\"occurred_on\":\"2026-03-06\",\"reason\":\"x\","
               "\"reverify_yearly\":\"yes\"}",
               400, "invalid_type");
    post_event(id, "{\"type\":\"assigned\",\"occurred_on\":\"2026-03-06\",\"officer_user_id\":1}",
               400, "invalid_value");
    post_event(id, "{\"type\":\"notified\",\"occurred_on\":\"2026-03-06\",\"mood\":\"happy\"}", 400,
               "unknown_field");
    post_event(id, "{\"type\":\"note\",\"occurred_on\":\"2026-03-01\",\"reason\":\"quá sớm\"}", 422,
               "before_last_event");

    /* the timeline, in order, with Vietnamese names */
    snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)id);
    assert_int_equal(as(&officer, "GET", path, NULL, &r), 200);
    {
        json_t *ev = json_object_get(r.json, "events");
        assert_int_equal(json_array_size(ev), 4);
        assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 0), "type")),
                            "received");
        assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 3), "type")),
                            "notified");
        assert_string_equal(
            json_string_value(json_object_get(json_array_get(ev, 3), "state_after")),
            "voluntary_period");
    }
    testhttp_response_free(&r);

    /* a note of the longest reason allowed (1000 characters, 3 bytes each here) comes
     * back whole on the timeline */
    {
        static char note[4096];
        size_t n = (size_t)snprintf(
            note, sizeof note, "{\"type\":\"note\",\"occurred_on\":\"2026-03-06\",\"reason\":\"");
        json_t *ev;
        for (int i = 0; i < 1000; i++)
            n += (size_t)snprintf(note + n, sizeof note - n, "%s", "ễ");
        snprintf(note + n, sizeof note - n, "\"}");
        post_event(id, note, 201, NULL);
        assert_int_equal(as(&officer, "GET", path, NULL, &r), 200);
        ev = json_object_get(r.json, "events");
        assert_int_equal(
            strlen(json_string_value(json_object_get(
                json_object_get(json_array_get(ev, json_array_size(ev) - 1), "payload"),
                "reason"))),
            3000);
        testhttp_response_free(&r);
    }

    /* the decision goes to the procuracy (D8, 3 working days): the dispatch is an event of
     * its own, and a field of another event is refused */
    post_event(id,
               "{\"type\":\"sent_to_procuracy\",\"occurred_on\":\"2026-03-06\","
               "\"document_no\":\"CV-7\",\"real_estate\":true}",
               400, "invalid_value");
    post_event(id,
               "{\"type\":\"sent_to_procuracy\",\"occurred_on\":\"2026-03-06\","
               "\"document_no\":\"CV-7\"}",
               201, NULL);

    /* the case detail: parties, items, deadlines with their legal basis */
    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    assert_int_equal(as(&officer, "GET", path, NULL, &r), 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "parties")), 2);
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 2);
    assert_string_equal(json_string_value(json_object_get(r.json, "next_due_on")), "2026-03-16");
    /* each deadline says whether its rule is confirmed: D9 (art. 39) is [W], D10 of 2026
     * (before the switch of law) too; an [M] row is flagged */
    {
        json_t *dls = json_object_get(r.json, "deadlines"), *dl;
        size_t i, seen = 0;
        json_array_foreach(dls, i, dl)
        {
            const char *rule = json_string_value(json_object_get(dl, "rule_id"));
            const char *tag = json_string_value(json_object_get(dl, "rule_tag"));
            int flagged = json_is_true(json_object_get(dl, "rule_unconfirmed"));
            assert_non_null(tag);
            assert_int_equal(flagged, strcmp(tag, "M") == 0);
            if (strcmp(rule, "D9") == 0 || strcmp(rule, "D10") == 0) {
                assert_string_equal(tag, "W");
                seen++;
            }
        }
        assert_int_equal(seen, 2);
    }
    testhttp_response_free(&r);
}

/* POST /api/cases of a case in NA-KV1 whose one item (5 đồng owed) has extra, e.g.
 * "\"creditor\":0", as more of its fields. */
static long post_with_item(const char *extra, test_response_t *r)
{
    char body[1024];

    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"X/1\",\"source\":\"application\",\"category\":"
             "\"civil\",\"received_on\":\"2026-03-02\",\"judgment\":{\"number\":\"1\",\"date\":"
             "\"2026-01-01\",\"court\":\"TAND\"},\"parties\":[{\"role\":\"creditor\",\"kind\":"
             "\"person\",\"full_name\":\"B\"},{\"role\":\"debtor\",\"kind\":\"person\","
             "\"full_name\":\"A\"}],\"items\":[{\"content_type\":\"pay_money\",\"description\":"
             "\"Nợ\",\"amount_vnd\":5,%s}]}",
             (long long)org.na_kv1, extra);
    return as(&officer, "POST", "/api/cases", body, r);
}

static void test_bad_input(void **state)
{
    test_response_t r;
    char body[900];
    (void)state;

    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"X/1\",\"source\":\"application\",\"category\":"
             "\"tax\",\"received_on\":\"2026-03-02\",\"judgment\":{\"number\":\"1\",\"date\":"
             "\"2026-01-01\",\"court\":\"TAND\"},\"parties\":[{\"role\":\"debtor\",\"kind\":"
             "\"person\",\"full_name\":\"A\"}]}",
             (long long)org.na_kv1);
    assert_int_equal(as(&officer, "POST", "/api/cases", body, &r), 400);
    assert_string_equal(testhttp_error_field(&r), "category");
    testhttp_response_free(&r);

    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"X/1\",\"source\":\"application\",\"category\":"
             "\"civil\",\"received_on\":\"2026-03-02\",\"judgment\":{\"number\":\"1\",\"date\":"
             "\"2026-01-01\",\"court\":\"TAND\"},\"parties\":[{\"role\":\"debtor\",\"kind\":"
             "\"person\",\"full_name\":\"A\",\"nickname\":\"B\"}]}",
             (long long)org.na_kv1);
    assert_int_equal(as(&officer, "POST", "/api/cases", body, &r), 400);
    assert_string_equal(testhttp_error_field(&r), "parties[0].nickname");
    testhttp_response_free(&r);

    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"X/1\",\"source\":\"application\",\"category\":"
             "\"civil\",\"received_on\":\"2026-12-31\",\"judgment\":{\"number\":\"1\",\"date\":"
             "\"2026-01-01\",\"court\":\"TAND\"},\"parties\":[{\"role\":\"debtor\",\"kind\":"
             "\"person\",\"full_name\":\"A\"}]}",
             (long long)org.na_kv1);
    assert_int_equal(as(&officer, "POST", "/api/cases", body, &r), 422);
    assert_string_equal(testhttp_error_field(&r), "received_on");
    testhttp_response_free(&r);

    /* numbers that would wrap when narrowed are refused, not read as party 0 */
    assert_int_equal(post_with_item("\"creditor\":4294967296", &r), 400);
    assert_string_equal(testhttp_error_field(&r), "items[0].creditor");
    testhttp_response_free(&r);
    /* a good creditor and a bad rank: the rank is named */
    assert_int_equal(post_with_item("\"creditor\":0,\"payment_rank\":4", &r), 400);
    assert_string_equal(testhttp_error_field(&r), "items[0].payment_rank");
    testhttp_response_free(&r);

    /* a case in the other province: not found, and nothing written */
    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"X/1\",\"source\":\"application\",\"category\":"
             "\"civil\",\"received_on\":\"2026-03-02\",\"judgment\":{\"number\":\"1\",\"date\":"
             "\"2026-01-01\",\"court\":\"TAND\"},\"parties\":[{\"role\":\"debtor\",\"kind\":"
             "\"person\",\"full_name\":\"A\"}]}",
             (long long)org.ht_kv1);
    assert_int_equal(as(&officer, "POST", "/api/cases", body, &r), 404);
    testhttp_response_free(&r);
    assert_int_equal(
        testorg_count(&ts, "SELECT COUNT(*) FROM enforcement_case WHERE case_no = 'X/1'"), 0);
}

static int64_t count_listed(test_login_t *who, const char *query)
{
    char path[256];
    test_response_t r;
    int64_t n;

    snprintf(path, sizeof path, "/api/cases%s", query);
    if (as(who, "GET", path, NULL, &r) != 200)
        fail_msg("%s: %ld %s", path, r.status, r.body);
    n = (int64_t)json_array_size(json_object_get(r.json, "cases"));
    testhttp_response_free(&r);
    return n;
}

static void test_lists_filters_and_cursor(void **state)
{
    test_response_t r;
    const char *cursor;
    char path[128];
    int64_t seen = 0;
    (void)state;

    open_case("102/QĐ-THADS", "2026-03-09");
    open_case("103/QĐ-THADS", "2026-03-10");
    testorg_case(&ts, &app, org.ht_kv1, "9/QĐ-THADS-HT", "2026-03-02", 5000000);

    assert_int_equal(count_listed(&officer, ""), 3);
    assert_int_equal(count_listed(&outsider, ""), 1);
    assert_int_equal(count_listed(&officer, "?state=voluntary_period"), 1);
    assert_int_equal(count_listed(&officer, "?state=received"), 2);
    assert_int_equal(count_listed(&officer, "?category=credit"), 3);
    assert_int_equal(count_listed(&officer, "?category=civil"), 0);
    assert_int_equal(count_listed(&officer, "?officer=me"), 1);
    assert_int_equal(count_listed(&officer, "?received_from=2026-03-09&received_to=2026-03-09"), 1);
    assert_int_equal(count_listed(&officer, "?eligible=yes"), 0);

    assert_int_equal(as(&officer, "GET", "/api/cases?state=flying", NULL, &r), 400);
    assert_string_equal(testhttp_error_field(&r), "state");
    testhttp_response_free(&r);
    assert_int_equal(as(&officer, "GET", "/api/cases?limit=9999", NULL, &r), 400);
    testhttp_response_free(&r);
    /* numbers are digits only: no sign, no space, no overflow to the largest id */
    {
        const char *bad[] = {
            "limit=0",    "limit=%2B5", "limit=%205", "cursor=-3", "cursor=99999999999999999999",
            "unit_id=1x", "officer=0"};
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            snprintf(path, sizeof path, "/api/cases?%s", bad[i]);
            char name[20];
            snprintf(name, sizeof name, "%.*s", (int)strcspn(bad[i], "="), bad[i]);
            if (as(&officer, "GET", path, NULL, &r) != 400)
                fail_msg("%s: not refused", path);
            assert_string_equal(testhttp_error_field(&r), name);
            testhttp_response_free(&r);
        }
    }

    /* two at a time, following the cursor, each case once */
    snprintf(path, sizeof path, "/api/cases?limit=2");
    for (int page = 0; page < 3; page++) {
        assert_int_equal(as(&officer, "GET", path, NULL, &r), 200);
        seen += (int64_t)json_array_size(json_object_get(r.json, "cases"));
        cursor = json_string_value(json_object_get(r.json, "next_cursor"));
        if (cursor == NULL) {
            testhttp_response_free(&r);
            break;
        }
        snprintf(path, sizeof path, "/api/cases?limit=2&cursor=%s", cursor);
        testhttp_response_free(&r);
    }
    assert_int_equal(seen, 3);
}

static void test_worklist_and_violations(void **state)
{
    test_response_t r;
    json_t *items;
    int overdue = 0;
    (void)state;

    /* the officer's own deadlines: the voluntary period of case 101 ends 2026-03-16 */
    assert_int_equal(as(&officer, "GET", "/api/worklist?days=%2B30", NULL, &r), 400);
    assert_string_equal(testhttp_error_field(&r), "days");
    testhttp_response_free(&r);
    assert_int_equal(as(&officer, "GET", "/api/worklist?days=30", NULL, &r), 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "scope")), "mine");
    items = json_object_get(r.json, "items");
    assert_true(json_array_size(items) >= 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "rule_id")),
                        "D10");
    testhttp_response_free(&r);

    /* a month later, the unassigned cases' decisions (D6) are overdue for the unit */
    testapp_advance((int64_t)30 * 86400 * 1000000);
    assert_int_equal(as(&leader, "GET", "/api/worklist", NULL, &r), 401); /* idle too long */
    testhttp_response_free(&r);
    testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    assert_int_equal(as(&leader, "GET", "/api/worklist", NULL, &r), 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "scope")), "unit");
    items = json_object_get(r.json, "items");
    for (size_t i = 0; i < json_array_size(items); i++)
        overdue += json_is_true(json_object_get(json_array_get(items, i), "overdue"));
    assert_true(overdue >= 3);
    testhttp_response_free(&r);

    assert_int_equal(as(&leader, "GET", "/api/cases?overdue=1", NULL, &r), 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "cases")), 3);
    testhttp_response_free(&r);

    /* an officer may not read the inspection view; a leader sees it per officer */
    assert_int_equal(as(&officer, "GET", "/api/inspection/violations", NULL, &r), 403);
    testhttp_response_free(&r);
    assert_int_equal(as(&leader, "GET", "/api/inspection/violations", NULL, &r), 200);
    assert_true(json_array_size(json_object_get(r.json, "rows")) >= 1);
    testhttp_response_free(&r);
}

/* Art 55: a case entrusted to another province becomes that agency's case. */
static void test_entrustment(void **state)
{
    int64_t id = open_case("201/QĐ-THADS", "2026-03-12");
    char path[64], body[256];
    test_response_t r;
    int64_t new_id;
    (void)state;

    post_event(
        id,
        "{\"type\":\"decided\",\"occurred_on\":\"2026-03-13\",\"document_no\":\"201/QĐ-THADS\"}",
        201, NULL);
    snprintf(path, sizeof path, "/api/cases/%lld/entrust", (long long)id);
    snprintf(body, sizeof body,
             "{\"to_unit_id\":%lld,\"case_no\":\"7/QĐ-THADS-UT\",\"occurred_on\":\"2026-03-16\","
             "\"document_no\":\"15/QĐ-UTTHA\"}",
             (long long)org.na_kv1);
    assert_int_equal(as(&officer, "POST", path, body, &r), 422); /* its own unit */
    testhttp_response_free(&r);
    snprintf(body, sizeof body,
             "{\"to_unit_id\":%lld,\"case_no\":\"7/QĐ-THADS-UT\",\"occurred_on\":\"2026-03-16\","
             "\"document_no\":\"15/QĐ-UTTHA\"}",
             (long long)org.ht_kv1);
    assert_int_equal(as(&officer, "POST", path, body, &r), 201);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "case"), "state")),
        "entrusted_out");
    new_id = json_integer_value(json_object_get(json_object_get(r.json, "entrusted"), "case_id"));
    testhttp_response_free(&r);

    /* not ours to read any more; the receiving province's officer has it, with its deadline */
    snprintf(path, sizeof path, "/api/cases/%lld", (long long)new_id);
    assert_int_equal(as(&officer, "GET", path, NULL, &r), 404);
    testhttp_response_free(&r);
    assert_int_equal(as(&outsider, "GET", path, NULL, &r), 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "state")), "received");
    assert_int_equal(json_integer_value(json_object_get(r.json, "amount_vnd")), 1298000000);
    assert_int_equal(json_array_size(json_object_get(r.json, "parties")), 2);
    assert_int_equal(json_array_size(json_object_get(r.json, "items")), 2);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(r.json, "deadlines"), 0), "rule_id")),
                        "D21");
    testhttp_response_free(&r);
    /* and finds it by its number and its debtor's name, as any case of its own */
    assert_int_equal(
        as(&outsider, "GET", "/api/search?q=7%2FQD-THADS-UT%20ho%20van%20cuong", NULL, &r), 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "results")), 1);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(r.json, "results"), 0), "id")),
                     new_id);
    testhttp_response_free(&r);
}

/* A case whose debtor has the ID number of open_case's debtor and the name given. */
static long open_with_debtor(const char *no, const char *debtor_name, test_response_t *r)
{
    char body[1400];

    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"%s\",\"source\":\"application\",\"category\":"
             "\"civil\",\"received_on\":\"2026-03-02\",\"judgment\":{\"number\":\"3/2026/DS-ST\","
             "\"date\":\"2026-01-05\",\"court\":\"TAND khu vực 1 - Nghệ An\"},"
             "\"parties\":[{\"role\":\"creditor\",\"kind\":\"person\",\"full_name\":"
             "\"Phan Thị Hoa\"},{\"role\":\"debtor\",\"kind\":\"person\",\"full_name\":"
             "\"%s\",\"id_number\":\"040088004321\"}],\"items\":[{\"content_type\":"
             "\"pay_money\",\"description\":\"Trả nợ\",\"amount_vnd\":20000000,\"creditor\":0}]}",
             (long long)org.na_kv1, no, debtor_name);
    return as(&officer, "POST", "/api/cases", body, r);
}

/* A party found by its ID number under another name: the case is opened, attached to
 * the party on file, whose name is kept, and the answer warns, naming the field; the
 * same name typed without diacritics or in capitals is the same name. */
static void test_party_name_warning(void **state)
{
    test_response_t r;
    json_t *w, *parties;
    char path[64];
    int64_t id;
    size_t i;
    (void)state;

    open_case("1/QĐ-WARN", "2026-03-02");
    assert_int_equal(open_with_debtor("2/QĐ-WARN", "HO VAN CUONG", &r), 201);
    assert_int_equal(json_array_size(json_object_get(r.json, "warnings")), 0);
    testhttp_response_free(&r);

    assert_int_equal(open_with_debtor("3/QĐ-WARN", "Hồ Văn Cưỡng Anh", &r), 201);
    id = json_integer_value(json_object_get(r.json, "id"));
    assert_int_equal(json_array_size(json_object_get(r.json, "warnings")), 1);
    w = json_array_get(json_object_get(r.json, "warnings"), 0);
    assert_string_equal(json_string_value(json_object_get(w, "code")), "party_name_differs");
    assert_string_equal(json_string_value(json_object_get(w, "field")), "parties[1].full_name");
    assert_non_null(strstr(json_string_value(json_object_get(w, "message")), "Hồ Văn Cường"));
    assert_non_null(strstr(json_string_value(json_object_get(w, "message")), "040088004321"));
    assert_non_null(strstr(json_string_value(json_object_get(w, "message_vi")), "Số giấy tờ"));
    testhttp_response_free(&r);

    /* never overwritten: the party keeps its name, on this case and on file */
    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    assert_int_equal(as(&officer, "GET", path, NULL, &r), 200);
    parties = json_object_get(r.json, "parties");
    for (i = 0; i < json_array_size(parties); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(parties, i), "role")),
                   "debtor") == 0)
            assert_string_equal(
                json_string_value(json_object_get(json_array_get(parties, i), "full_name")),
                "Hồ Văn Cường");
    testhttp_response_free(&r);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM party WHERE id_number = "
                                        "'040088004321' AND full_name = 'Hồ Văn Cường'"),
                     1);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM party WHERE id_number = "
                                        "'040088004321'"),
                     1);
}

/* POST a case numbered no, received that day, with extra fields ("" none). */
static long post_numbered(const char *no, const char *received, const char *extra,
                          test_response_t *r)
{
    char body[1024];

    snprintf(body, sizeof body,
             "{\"unit_id\":%lld,\"case_no\":\"%s\",\"source\":\"application\",\"category\":"
             "\"civil\",\"received_on\":\"%s\",\"judgment\":{\"number\":\"1\",\"date\":"
             "\"2025-01-01\",\"court\":\"TAND\"},\"parties\":[{\"role\":\"creditor\",\"kind\":"
             "\"person\",\"full_name\":\"B\"},{\"role\":\"debtor\",\"kind\":\"person\","
             "\"full_name\":\"A\"}]%s}",
             (long long)org.na_kv1, no, received, extra);
    return as(&officer, "POST", "/api/cases", body, r);
}

/* Decision numbers restart every year: the same number in two years of one unit is two
 * cases, each answered with its year; the same number in one year is refused, 409 naming
 * the field and the year. */
static void test_same_number_in_two_years(void **state)
{
    test_response_t r;
    (void)state;

    assert_int_equal(post_numbered("46/QĐ-THADS", "2025-10-06", "", &r), 201);
    assert_int_equal(json_integer_value(json_object_get(r.json, "year")), 2025);
    testhttp_response_free(&r);
    assert_int_equal(post_numbered("46/QĐ-THADS", "2026-02-12", "", &r), 201);
    assert_int_equal(json_integer_value(json_object_get(r.json, "year")), 2026);
    testhttp_response_free(&r);

    assert_int_equal(post_numbered("46/QĐ-THADS", "2026-03-02", "", &r), 409);
    assert_string_equal(testhttp_error_code(&r), "duplicate_case_no");
    assert_string_equal(testhttp_error_field(&r), "case_no");
    assert_non_null(strstr(r.body, "46/QĐ-THADS of 2026"));
    testhttp_response_free(&r);
    /* received in December, decided in January: the year is given */
    assert_int_equal(post_numbered("46/QĐ-THADS", "2025-12-29", ",\"year\":2026", &r), 409);
    assert_string_equal(testhttp_error_field(&r), "case_no");
    testhttp_response_free(&r);
    assert_int_equal(post_numbered("47/QĐ-THADS", "2025-12-29", ",\"year\":2026", &r), 201);
    assert_int_equal(json_integer_value(json_object_get(r.json, "year")), 2026);
    testhttp_response_free(&r);
    /* before the year received, after this one (2026-03-18), not a year */
    assert_int_equal(post_numbered("48/QĐ-THADS", "2025-12-29", ",\"year\":2024", &r), 422);
    assert_string_equal(testhttp_error_field(&r), "year");
    testhttp_response_free(&r);
    assert_int_equal(post_numbered("48/QĐ-THADS", "2025-12-29", ",\"year\":2027", &r), 422);
    assert_string_equal(testhttp_error_field(&r), "year");
    testhttp_response_free(&r);
    assert_int_equal(post_numbered("48/QĐ-THADS", "2025-12-29", ",\"year\":\"2026\"", &r), 400);
    assert_string_equal(testhttp_error_field(&r), "year");
    testhttp_response_free(&r);

    /* search names each case's year */
    assert_int_equal(as(&officer, "GET", "/api/search?q=46%2FQ%C4%90-THADS", NULL, &r), 200);
    {
        json_t *hits = json_object_get(r.json, "results"), *h;
        size_t i;
        int seen = 0;
        json_array_foreach(hits, i, h) if (strcmp(json_string_value(json_object_get(h, "case_no")),
                                                  "46/QĐ-THADS") == 0) seen |=
            json_integer_value(json_object_get(h, "year")) == 2025   ? 1
            : json_integer_value(json_object_get(h, "year")) == 2026 ? 2
                                                                     : 4;
        assert_int_equal(seen, 3);
    }
    testhttp_response_free(&r);
}

static int64_t item_id(json_t *items, size_t i)
{
    return json_integer_value(json_object_get(json_array_get(items, i), "id"));
}

/* The worklist a page at a time: following next_cursor gives the rows of one long page,
 * in their order (due_on, then id), each once; overdue=1 keeps the overdue ones only,
 * rule=R those of one rule; every parameter is checked; another province's deadlines are neither
 * listed nor a cursor. */
static void test_worklist_pages(void **state)
{
    test_response_t r;
    json_t *all, *items;
    char path[160];
    const char *cursor;
    size_t n = 0, overdue = 0, i;
    int64_t theirs;
    (void)state;

    /* two cases received today: deadlines not yet due beside the overdue ones */
    assert_int_equal(as(&leader, "GET", "/api/worklist?limit=1", NULL, &r), 200);
    snprintf(path, sizeof path, "%s", json_string_value(json_object_get(r.json, "today")));
    testhttp_response_free(&r);
    open_case("301/QĐ-THADS", path);
    open_case("302/QĐ-THADS", path);

    assert_int_equal(as(&leader, "GET", "/api/worklist?scope=unit&limit=200", NULL, &r), 200);
    all = json_incref(json_object_get(r.json, "items"));
    assert_true(json_is_null(json_object_get(r.json, "next_cursor")));
    testhttp_response_free(&r);
    assert_true(json_array_size(all) >= 4);
    for (i = 0; i < json_array_size(all); i++) {
        json_t *d = json_array_get(all, i);
        overdue += json_is_true(json_object_get(d, "overdue"));
        if (i > 0) {
            int c = strcmp(json_string_value(json_object_get(json_array_get(all, i - 1), "due_on")),
                           json_string_value(json_object_get(d, "due_on")));
            assert_true(c < 0 || (c == 0 && item_id(all, i - 1) < item_id(all, i)));
        }
    }
    assert_true(overdue >= 3 && overdue < json_array_size(all));

    /* one row a page: the same rows, the same order, none twice */
    snprintf(path, sizeof path, "/api/worklist?scope=unit&limit=1");
    for (;;) {
        assert_int_equal(as(&leader, "GET", path, NULL, &r), 200);
        items = json_object_get(r.json, "items");
        assert_true(json_array_size(items) <= 1);
        if (json_array_size(items) == 1) {
            assert_true(n < json_array_size(all));
            assert_int_equal(item_id(items, 0), item_id(all, n));
            n++;
        }
        cursor = json_string_value(json_object_get(r.json, "next_cursor"));
        if (cursor == NULL) {
            testhttp_response_free(&r);
            break;
        }
        assert_int_equal(strtoll(cursor, NULL, 10), item_id(items, 0));
        snprintf(path, sizeof path, "/api/worklist?scope=unit&limit=1&cursor=%s", cursor);
        testhttp_response_free(&r);
    }
    assert_int_equal(n, json_array_size(all));

    /* overdue only: the first rows of the whole list, two a page */
    n = 0;
    snprintf(path, sizeof path, "/api/worklist?scope=unit&overdue=1&limit=2");
    for (;;) {
        assert_int_equal(as(&leader, "GET", path, NULL, &r), 200);
        items = json_object_get(r.json, "items");
        for (i = 0; i < json_array_size(items); i++, n++) {
            assert_true(json_is_true(json_object_get(json_array_get(items, i), "overdue")));
            assert_int_equal(item_id(items, i), item_id(all, n));
        }
        cursor = json_string_value(json_object_get(r.json, "next_cursor"));
        if (cursor == NULL) {
            testhttp_response_free(&r);
            break;
        }
        snprintf(path, sizeof path, "/api/worklist?scope=unit&overdue=1&limit=2&cursor=%s", cursor);
        testhttp_response_free(&r);
    }
    assert_int_equal(n, overdue);

    /* one rule's: the rows of the whole list with that rule, in its order */
    {
        const char *rule = json_string_value(json_object_get(json_array_get(all, 0), "rule_id"));
        size_t others = 0;
        n = 0;
        snprintf(path, sizeof path, "/api/worklist?scope=unit&rule=%s&limit=200", rule);
        assert_int_equal(as(&leader, "GET", path, NULL, &r), 200);
        items = json_object_get(r.json, "items");
        for (i = 0; i < json_array_size(all); i++) {
            json_t *d = json_array_get(all, i);
            if (strcmp(json_string_value(json_object_get(d, "rule_id")), rule) != 0) {
                others++;
                continue;
            }
            assert_true(n < json_array_size(items));
            assert_int_equal(item_id(items, n), item_id(all, i));
            n++;
        }
        assert_int_equal(n, json_array_size(items));
        assert_true(others > 0); /* the list has deadlines of other rules to leave out */
        testhttp_response_free(&r);
    }

    /* every parameter checked, an unknown one refused */
    {
        const char *bad[] = {"limit=0",   "limit=201", "limit=%2B5",  "cursor=0",  "cursor=x",
                             "cursor=-3", "overdue=2", "overdue=yes", "scope=all", "days=0",
                             "rule=D999", "rule=",     "page=2"};
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            char name[20];
            snprintf(path, sizeof path, "/api/worklist?%s", bad[i]);
            snprintf(name, sizeof name, "%.*s", (int)strcspn(bad[i], "="), bad[i]);
            if (as(&leader, "GET", path, NULL, &r) != 400)
                fail_msg("%s: not refused (%ld)", path, r.status);
            assert_string_equal(testhttp_error_field(&r), name);
            assert_non_null(json_object_get(json_object_get(r.json, "error"), "message_vi"));
            testhttp_response_free(&r);
        }
    }

    /* another province's deadlines: not in the leader's list, and no cursor for it */
    testhttp_login(&ts, "chv.ht", TESTORG_PASSWORD, &outsider); /* idle since the clock moved */
    assert_int_equal(as(&outsider, "GET", "/api/worklist?scope=unit", NULL, &r), 200);
    items = json_object_get(r.json, "items");
    assert_true(json_array_size(items) >= 1);
    theirs = item_id(items, 0);
    testhttp_response_free(&r);
    for (i = 0; i < json_array_size(all); i++)
        assert_true(item_id(all, i) != theirs);
    snprintf(path, sizeof path, "/api/worklist?scope=unit&cursor=%lld", (long long)theirs);
    assert_int_equal(as(&leader, "GET", path, NULL, &r), 404);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/worklist?cursor=%lld", (long long)(theirs + 100000));
    assert_int_equal(as(&leader, "GET", path, NULL, &r), 404);
    testhttp_response_free(&r);
    json_decref(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_assign_and_record),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_lists_filters_and_cursor),
        cmocka_unit_test(test_entrustment),
        cmocka_unit_test(test_worklist_and_violations),
        cmocka_unit_test(test_worklist_pages),
        cmocka_unit_test(test_party_name_warning),
        cmocka_unit_test(test_same_number_in_two_years),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("cases/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("cases/postgres", tests, start_postgres, stop);
    return failed;
}
