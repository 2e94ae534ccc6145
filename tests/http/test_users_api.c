/*
 * tests/http/test_users_api.c — administering accounts on screen (issue 13): a password an
 * administrator sets must be changed by its user before anything else, a disabled
 * account enabled again, a role added and removed; each change audited. On both engines.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "core/access.h"

#include <stdio.h>
#include <string.h>

#define NEW_PASSWORD "Mật khẩu mới của Lan 2026"
#define SET_PASSWORD "Thi hành án 2026!"

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t admin;
static int64_t admin_id;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    admin_id =
        testorg_user(&ts, &app, "na_admin", org.na, (1u << ROLE_ADMIN) | (1u << ROLE_LEADER));
    testorg_user(&ts, &app, "ht_officer", org.ht_kv1, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "na_admin", TESTORG_PASSWORD, &admin);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

static long as_admin(const char *method, const char *path, const char *body, test_response_t *r)
{
    testhttp_as(&ts, &admin, method, path, body, r);
    return r->status;
}

static int must_change(const test_response_t *r)
{
    json_t *u = json_object_get(r->json, "user");
    return json_is_true(json_object_get(u ? u : r->json, "must_change_password"));
}

static int64_t audit_rows(const char *detail)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM audit_log WHERE detail = '%s'", detail);
    return testorg_count(&ts, sql);
}

/* What an officer does first: open a case (any body: the refusal comes before it is read). */
static long officer_writes(test_login_t *who)
{
    test_response_t r;
    long status;

    testhttp_as(&ts, who, "POST", "/api/cases", "{}", &r);
    status = r.status;
    if (status == 403)
        assert_string_equal(testhttp_error_code(&r), "password_change_required");
    testhttp_response_free(&r);
    return status;
}

static void test_password_set_by_an_administrator_must_be_changed(void **state)
{
    char body[512], path[96];
    test_response_t r;
    test_login_t lan;
    int64_t id;
    (void)state;

    snprintf(body, sizeof body,
             "{\"username\":\"chv.lan\",\"full_name\":\"Trần Thị Lan\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\"],\"password\":\"" SET_PASSWORD "\"}",
             (long long)org.na_kv1);
    assert_int_equal(as_admin("POST", "/api/users", body, &r), 201);
    id = json_integer_value(json_object_get(r.json, "id"));
    assert_true(must_change(&r));
    testhttp_response_free(&r);

    /* signed in, the session says so; reading works, every change is refused in both
     * languages until the password is changed */
    testhttp_login(&ts, "chv.lan", SET_PASSWORD, &lan);
    testhttp_as(&ts, &lan, "GET", "/api/session", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(must_change(&r));
    testhttp_response_free(&r);
    testhttp_as(&ts, &lan, "GET", "/api/cases", NULL, &r);
    assert_int_equal(r.status, 200);
    testhttp_response_free(&r);
    testhttp_as(&ts, &lan, "POST", "/api/cases", "{}", &r);
    assert_int_equal(r.status, 403);
    assert_string_equal(testhttp_error_code(&r), "password_change_required");
    assert_non_null(
        strstr(json_string_value(json_object_get(json_object_get(r.json, "error"), "message_vi")),
               "đổi mật khẩu"));
    testhttp_response_free(&r);

    /* the change itself is allowed; the flag goes, every session ends */
    testhttp_as(&ts, &lan, "POST", "/api/session/password",
                "{\"current_password\":\"" SET_PASSWORD "\",\"new_password\":\"" NEW_PASSWORD "\"}",
                &r);
    assert_int_equal(r.status, 204);
    testhttp_response_free(&r);
    testhttp_login(&ts, "chv.lan", NEW_PASSWORD, &lan);
    testhttp_as(&ts, &lan, "GET", "/api/session", NULL, &r);
    assert_false(must_change(&r));
    testhttp_response_free(&r);
    assert_int_equal(officer_writes(&lan), 400); /* read now: an empty body is refused */

    /* a reset by the administrator sets it again */
    snprintf(path, sizeof path, "/api/users/%lld/password", (long long)id);
    assert_int_equal(as_admin("POST", path, "{\"password\":\"" SET_PASSWORD "\"}", &r), 204);
    testhttp_response_free(&r);
    testhttp_login(&ts, "chv.lan", SET_PASSWORD, &lan);
    assert_int_equal(officer_writes(&lan), 403);
    /* signing out is allowed */
    testhttp_as(&ts, &lan, "DELETE", "/api/session", NULL, &r);
    assert_int_equal(r.status, 204);
    testhttp_response_free(&r);

    /* an administrator may say that the password need not be changed */
    snprintf(body, sizeof body,
             "{\"username\":\"chv.hung\",\"full_name\":\"Lê Văn Hùng\",\"unit_id\":%lld,"
             "\"roles\":[\"officer\"],\"password\":\"" SET_PASSWORD
             "\",\"must_change_password\":false}",
             (long long)org.na_kv1);
    assert_int_equal(as_admin("POST", "/api/users", body, &r), 201);
    assert_false(must_change(&r));
    testhttp_response_free(&r);
}

static void test_disable_and_enable(void **state)
{
    char path[96];
    test_response_t r;
    test_login_t nam;
    int64_t id = testorg_user(&ts, &app, "chv.nam", org.na_kv2, 1u << ROLE_OFFICER);
    int64_t before = audit_rows("enabled");
    (void)state;

    snprintf(path, sizeof path, "/api/users/%lld/enable", (long long)id);
    assert_int_equal(as_admin("POST", path, NULL, &r), 409);
    assert_string_equal(testhttp_error_code(&r), "already_enabled");
    testhttp_response_free(&r);

    snprintf(path, sizeof path, "/api/users/%lld/disable", (long long)id);
    assert_int_equal(as_admin("POST", path, NULL, &r), 200);
    testhttp_response_free(&r);
    testhttp_request(&ts, "POST", "/api/session",
                     "{\"username\":\"chv.nam\",\"password\":\"" TESTORG_PASSWORD "\"}", NULL, 0,
                     &r);
    assert_int_equal(r.status, 401);
    testhttp_response_free(&r);

    snprintf(path, sizeof path, "/api/users/%lld/enable", (long long)id);
    assert_int_equal(as_admin("POST", path, NULL, &r), 200);
    assert_false(json_is_true(json_object_get(r.json, "disabled")));
    testhttp_response_free(&r);
    testhttp_login(&ts, "chv.nam", TESTORG_PASSWORD, &nam);
    assert_int_equal(audit_rows("enabled"), before + 1);

    /* another province's user does not exist for this administrator */
    snprintf(
        path, sizeof path, "/api/users/%lld/enable",
        (long long)testorg_count(&ts, "SELECT id FROM app_user WHERE username = 'ht_officer'"));
    assert_int_equal(as_admin("POST", path, NULL, &r), 404);
    testhttp_response_free(&r);
}

static void test_roles(void **state)
{
    char path[96];
    test_response_t r;
    int64_t id = testorg_user(&ts, &app, "tk.mai", org.na_kv1, 1u << ROLE_SECRETARY);
    (void)state;

    snprintf(path, sizeof path, "/api/users/%lld/roles", (long long)id);
    assert_int_equal(as_admin("POST", path, "{\"role\":\"officer\"}", &r), 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "roles")), 2);
    testhttp_response_free(&r);
    assert_int_equal(audit_rows("role added: officer"), 1);
    assert_int_equal(as_admin("POST", path, "{\"role\":\"officer\"}", &r), 409);
    assert_string_equal(testhttp_error_code(&r), "role_held");
    testhttp_response_free(&r);
    assert_int_equal(as_admin("POST", path, "{\"role\":\"king\"}", &r), 400);
    assert_string_equal(testhttp_error_field(&r), "role");
    testhttp_response_free(&r);
    /* prison work is done in prisons */
    assert_int_equal(as_admin("POST", path, "{\"role\":\"prison_officer\"}", &r), 422);
    assert_string_equal(testhttp_error_field(&r), "role");
    testhttp_response_free(&r);

    snprintf(path, sizeof path, "/api/users/%lld/roles/secretary", (long long)id);
    assert_int_equal(as_admin("DELETE", path, NULL, &r), 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "roles")), 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(r.json, "roles"), 0)),
                        "officer");
    testhttp_response_free(&r);
    assert_int_equal(audit_rows("role removed: secretary"), 1);
    assert_int_equal(as_admin("DELETE", path, NULL, &r), 409);
    assert_string_equal(testhttp_error_code(&r), "role_not_held");
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/users/%lld/roles/officer", (long long)id);
    assert_int_equal(as_admin("DELETE", path, NULL, &r), 409);
    assert_string_equal(testhttp_error_code(&r), "last_role");
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/users/%lld/roles/nobody", (long long)id);
    assert_int_equal(as_admin("DELETE", path, NULL, &r), 404);
    testhttp_response_free(&r);

    /* an administrator keeps their own administrator role */
    snprintf(path, sizeof path, "/api/users/%lld/roles/admin", (long long)admin_id);
    assert_int_equal(as_admin("DELETE", path, NULL, &r), 409);
    assert_string_equal(testhttp_error_code(&r), "self_admin");
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_set_by_an_administrator_must_be_changed),
        cmocka_unit_test(test_disable_and_enable),
        cmocka_unit_test(test_roles),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("users/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("users/postgres", tests, start_postgres, stop);
    return failed;
}
