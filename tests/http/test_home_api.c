/*
 * tests/http/test_home_api.c — GET /api/home (issue 13: every role lands on its work):
 * the parts of the roles a user holds, counted inside their scope only — another
 * unit's cases and deadlines never show. On both engines.
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
static test_login_t officer, leader, secretary, admin, outsider;
static int64_t officer_id;

static int start_on(const char *engine)
{
    char path[64], body[160];
    test_response_t r;

    testapp_init(&app);
    testapp_set_now((int64_t)1773792000 * 1000000); /* 2026-03-18 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    officer_id = testorg_user(&ts, &app, "chv.lan", org.na_kv1, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "lanhdao", org.na, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "thuky", org.na_kv1, 1u << ROLE_SECRETARY);
    testorg_user(&ts, &app, "quantri", org.na, 1u << ROLE_ADMIN);
    testorg_user(&ts, &app, "ht.lanhdao", org.ht, 1u << ROLE_LEADER);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "thuky", TESTORG_PASSWORD, &secretary);
    testhttp_login(&ts, "quantri", TESTORG_PASSWORD, &admin);
    testhttp_login(&ts, "ht.lanhdao", TESTORG_PASSWORD, &outsider);

    /* NA-KV1: two cases received 2026-03-02, the first assigned to Lan and decided (its
     * D6 met, D9 due 2026-03-09: overdue); the second unassigned (D6 due 2026-03-09:
     * overdue). HT-KV1: one case, for the outsider's counts. */
    {
        int64_t a = testorg_case(&ts, &app, org.na_kv1, "1/QĐ-THADS", "2026-03-02", 1000000);
        testorg_case(&ts, &app, org.na_kv1, "2/QĐ-THADS", "2026-03-02", 1000000);
        testorg_case(&ts, &app, org.ht_kv1, "9/QĐ-THADS", "2026-03-02", 1000000);
        testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
        snprintf(path, sizeof path, "/api/cases/%lld/assign", (long long)a);
        snprintf(body, sizeof body,
                 "{\"officer_user_id\":%lld,\"occurred_on\":\"2026-03-03\",\"document_no\":"
                 "\"PC-1\"}",
                 (long long)officer_id);
        testhttp_as(&ts, &leader, "POST", path, body, &r);
        assert_int_equal(r.status, 201);
        testhttp_response_free(&r);
        snprintf(path, sizeof path, "/api/cases/%lld/events", (long long)a);
        testhttp_as(&ts, &officer, "POST", path,
                    "{\"type\":\"decided\",\"occurred_on\":\"2026-03-04\",\"document_no\":"
                    "\"1/QĐ-THADS\"}",
                    &r);
        assert_int_equal(r.status, 201);
        testhttp_response_free(&r);
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

static json_t *home_of(test_login_t *who, test_response_t *r)
{
    testhttp_as(&ts, who, "GET", "/api/home", NULL, r);
    assert_int_equal(r->status, 200);
    return r->json;
}

static int64_t state_count(json_t *part, const char *state)
{
    size_t i;
    json_t *e;

    json_array_foreach(json_object_get(part, "cases_by_state"), i,
                       e) if (strcmp(json_string_value(json_object_get(e, "state")), state) ==
                              0) return json_integer_value(json_object_get(e, "count"));
    return 0;
}

static void test_officer(void **state)
{
    test_response_t r;
    json_t *h = home_of(&officer, &r), *o = json_object_get(h, "officer");
    (void)state;

    assert_non_null(o);
    assert_null(json_object_get(h, "leader"));
    assert_null(json_object_get(h, "admin"));
    /* only Lan's case: decided; its open duties are hers */
    assert_int_equal(state_count(o, "decided"), 1);
    assert_int_equal(state_count(o, "received"), 0);
    assert_true(json_integer_value(json_object_get(json_object_get(o, "deadlines"), "overdue")) >=
                1);
    assert_true(json_array_size(json_object_get(json_object_get(o, "deadlines"), "first")) >= 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(o, "recent_events"), 0), "name_vi")),
                        "Ra quyết định thi hành án");
    testhttp_response_free(&r);
}

static void test_leader_and_scope(void **state)
{
    test_response_t r, list;
    json_t *h = home_of(&leader, &r), *l = json_object_get(h, "leader"), *office;
    char path[96];
    (void)state;

    assert_non_null(l);
    assert_int_equal(json_integer_value(json_object_get(l, "unassigned_cases")), 1);
    assert_int_equal(state_count(l, "received") + state_count(l, "decided"), 2); /* not HT's */
    office = json_array_get(json_object_get(l, "overdue_by_office"), 0);
    assert_non_null(office);
    assert_int_equal(json_integer_value(json_object_get(office, "unit_id")), org.na_kv1);
    assert_true(json_integer_value(json_object_get(office, "overdue")) >= 2);
    /* the count links to the list of those cases */
    snprintf(path, sizeof path, "/api/cases?overdue=1&unit_id=%lld",
             (long long)json_integer_value(json_object_get(office, "unit_id")));
    testhttp_as(&ts, &leader, "GET", path, NULL, &list);
    assert_int_equal(list.status, 200);
    assert_int_equal(json_array_size(json_object_get(list.json, "cases")), 2);
    testhttp_response_free(&list);
    testhttp_response_free(&r);

    /* the other province's leader sees its one case and nothing of Nghệ An's */
    h = home_of(&outsider, &r);
    l = json_object_get(h, "leader");
    assert_int_equal(json_integer_value(json_object_get(l, "unassigned_cases")), 1);
    assert_int_equal(state_count(l, "received"), 1);
    assert_int_equal(state_count(l, "decided"), 0);
    office = json_array_get(json_object_get(l, "overdue_by_office"), 0);
    assert_int_equal(json_integer_value(json_object_get(office, "unit_id")), org.ht_kv1);
    testhttp_response_free(&r);
}

static void test_secretary_and_admin(void **state)
{
    test_response_t r;
    json_t *h = home_of(&secretary, &r), *u = json_object_get(h, "unit");
    (void)state;

    assert_non_null(u);
    assert_null(json_object_get(h, "officer"));
    assert_int_equal(state_count(u, "received") + state_count(u, "decided"), 2);
    testhttp_response_free(&r);

    /* a failed sign-in of one of the province's accounts counts for its administrator */
    testhttp_request(&ts, "POST", "/api/session",
                     "{\"username\":\"chv.lan\",\"password\":\"không đúng mật khẩu\"}", NULL, 0,
                     &r);
    testhttp_response_free(&r);
    h = home_of(&admin, &r);
    u = json_object_get(h, "admin");
    assert_non_null(u);
    assert_int_equal(json_integer_value(json_object_get(u, "failed_sign_ins_24h")), 1);
    assert_int_equal(json_integer_value(json_object_get(u, "active_users")), 4);
    assert_int_equal(json_integer_value(json_object_get(u, "units")), 3);
    assert_true(json_array_size(json_object_get(u, "recent_audit")) >= 1);
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_officer),
        cmocka_unit_test(test_leader_and_scope),
        cmocka_unit_test(test_secretary_and_admin),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("home/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("home/postgres", tests, start_postgres, stop);
    return failed;
}
