/*
 * tests/http/test_audit_api.c — the audit trail on screen (issue 13): filters by user,
 * unit, kind and day, pages with the total count, each row in words in Vietnamese and
 * English with its result as a word, times in UTC; failed sign-ins found by kind and
 * seen by the administrators of the account's unit. On both engines.
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
static test_login_t na_admin, top_admin, minh;
static int64_t minh_id;

static long as(test_login_t *who, const char *method, const char *path, const char *body,
               test_response_t *r)
{
    testhttp_as(&ts, who, method, path, body, r);
    return r->status;
}

static int start_on(const char *engine)
{
    char body[512], path[64];
    test_response_t r;
    int64_t id;

    testapp_init(&app);
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "na_admin", org.na, 1u << ROLE_ADMIN);
    testorg_user(&ts, &app, "btp_admin", org.btp, 1u << ROLE_ADMIN);
    testhttp_login(&ts, "na_admin", TESTORG_PASSWORD, &na_admin);
    testhttp_login(&ts, "btp_admin", TESTORG_PASSWORD, &top_admin);
    snprintf(body, sizeof body,
             "{\"username\":\"chv.minh\",\"full_name\":\"Lê Quang Minh\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\"],\"password\":\"" TESTORG_PASSWORD
             "\",\"must_change_password\":false}",
             (long long)org.na_kv1);
    assert_int_equal(as(&na_admin, "POST", "/api/users", body, &r), 201);
    minh_id = json_integer_value(json_object_get(r.json, "id"));
    testhttp_response_free(&r);
    testhttp_login(&ts, "chv.minh", TESTORG_PASSWORD, &minh);

    /* Minh records a decision; then someone mistypes his password, and a name no
     * account has */
    id = testorg_case(&ts, &app, org.na_kv1, "46/QĐ-THADS", "2026-11-02", 5000000);
    snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)id);
    assert_int_equal(as(&minh, "POST", path,
                        "{\"type\":\"decided\",\"occurred_on\":\"2026-11-03\",\"document_no\":"
                        "\"46/QĐ-THADS\"}",
                        &r),
                     201);
    testhttp_response_free(&r);
    testhttp_request(&ts, "POST", "/api/session",
                     "{\"username\":\"chv.minh\",\"password\":\"sai mật khẩu rồi\"}", NULL, 0, &r);
    assert_int_equal(r.status, 401);
    testhttp_response_free(&r);
    testhttp_request(&ts, "POST", "/api/session",
                     "{\"username\":\"khong.ai\",\"password\":\"sai mật khẩu rồi\"}", NULL, 0, &r);
    testhttp_response_free(&r);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

static json_t *entries(test_response_t *r)
{
    return json_object_get(r->json, "entries");
}

static void test_rows_in_words(void **state)
{
    test_response_t r;
    json_t *e;
    size_t i;
    int found = 0;
    (void)state;

    assert_int_equal(as(&na_admin, "GET", "/api/audit?kind=case_event", NULL, &r), 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 1);
    e = json_array_get(entries(&r), 0);
    assert_string_equal(json_string_value(json_object_get(e, "summary_vi")),
                        "Lê Quang Minh ghi nhận sự kiện 'Ra quyết định thi hành án' cho hồ sơ "
                        "46/QĐ-THADS");
    assert_string_equal(json_string_value(json_object_get(e, "summary_en")),
                        "Lê Quang Minh recorded 'Enforcement decision' on the case 46/QĐ-THADS");
    assert_string_equal(json_string_value(json_object_get(e, "result")), "succeeded");
    assert_string_equal(json_string_value(json_object_get(e, "result_vi")), "Thành công");
    assert_string_equal(json_string_value(json_object_get(e, "kind")), "case_event");
    assert_string_equal(json_string_value(json_object_get(e, "object_label")), "46/QĐ-THADS");
    /* UTC, marked so */
    assert_int_equal(json_string_value(json_object_get(e, "at"))[26], 'Z');
    testhttp_response_free(&r);

    /* the account created for Minh, in words */
    assert_int_equal(as(&na_admin, "GET", "/api/audit?kind=user_created", NULL, &r), 200);
    json_array_foreach(entries(&r), i,
                       e) if (strstr(json_string_value(json_object_get(e, "summary_vi")),
                                     "tạo tài khoản Lê Quang Minh (chv.minh)")) found = 1;
    assert_true(found);
    testhttp_response_free(&r);
}

static void test_failed_sign_ins_are_found(void **state)
{
    test_response_t r;
    json_t *e;
    (void)state;

    /* the province's administrator sees the failure on one of its accounts */
    assert_int_equal(as(&na_admin, "GET", "/api/audit?kind=sign_in_failed", NULL, &r), 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 1);
    e = json_array_get(entries(&r), 0);
    assert_string_equal(json_string_value(json_object_get(e, "username")), "chv.minh");
    assert_string_equal(json_string_value(json_object_get(e, "result")), "refused");
    assert_non_null(strstr(json_string_value(json_object_get(e, "summary_vi")), "chv.minh"));
    testhttp_response_free(&r);
    /* the top of the tree also sees the names no account has */
    assert_int_equal(as(&top_admin, "GET", "/api/audit?kind=sign_in_failed", NULL, &r), 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 2);
    testhttp_response_free(&r);
}

static void test_filters_and_pages(void **state)
{
    char path[96];
    test_response_t r, page;
    int64_t total, first;
    (void)state;

    assert_int_equal(as(&na_admin, "GET", "/api/audit?limit=200", NULL, &r), 200);
    total = json_integer_value(json_object_get(r.json, "total"));
    assert_true(total >= 4);
    assert_int_equal((int64_t)json_array_size(entries(&r)), total);
    first = json_integer_value(json_object_get(json_array_get(entries(&r), 2), "id"));
    testhttp_response_free(&r);

    /* pages of two: the second starts at the third row; the total is the same */
    assert_int_equal(as(&na_admin, "GET", "/api/audit?limit=2&offset=2", NULL, &page), 200);
    assert_int_equal(json_array_size(entries(&page)), 2);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(entries(&page), 0), "id")),
                     first);
    assert_int_equal(json_integer_value(json_object_get(page.json, "total")), total);
    testhttp_response_free(&page);

    /* by user, by unit (inside mine; another province's does not exist for me), by day */
    snprintf(path, sizeof path, "/api/audit?user=%lld", (long long)minh_id);
    assert_int_equal(as(&na_admin, "GET", path, NULL, &r), 200);
    assert_true(json_integer_value(json_object_get(r.json, "total")) >= 2); /* sign-in, event */
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/audit?unit=%lld", (long long)org.na_kv2);
    assert_int_equal(as(&na_admin, "GET", path, NULL, &r), 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 0);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/audit?unit=%lld", (long long)org.na_kv1);
    assert_int_equal(as(&na_admin, "GET", path, NULL, &r), 200);
    assert_true(json_integer_value(json_object_get(r.json, "total")) >= 3);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/audit?unit=%lld", (long long)org.ht);
    assert_int_equal(as(&na_admin, "GET", path, NULL, &r), 404);
    testhttp_response_free(&r);
    assert_int_equal(as(&na_admin, "GET", "/api/audit?from=2099-01-01", NULL, &r), 200);
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), 0);
    testhttp_response_free(&r);
    assert_int_equal(as(&na_admin, "GET", "/api/audit?from=2020-01-01&to=2099-12-31", NULL, &r),
                     200);
    /* every row: those counted first, and the refusal of the other province's unit */
    assert_int_equal(json_integer_value(json_object_get(r.json, "total")), total + 1);
    testhttp_response_free(&r);

    assert_int_equal(as(&na_admin, "GET", "/api/audit?kind=everything", NULL, &r), 400);
    assert_string_equal(testhttp_error_field(&r), "kind");
    testhttp_response_free(&r);
    assert_int_equal(as(&na_admin, "GET", "/api/audit?from=2026-02-01&to=2026-01-01", NULL, &r),
                     400);
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_in_words),
        cmocka_unit_test(test_failed_sign_ins_are_found),
        cmocka_unit_test(test_filters_and_pages),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("audit/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("audit/postgres", tests, start_postgres, stop);
    return failed;
}
