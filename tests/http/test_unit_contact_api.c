/*
 * tests/http/test_unit_contact_api.c — a unit's contact addresses over HTTP, as an
 * administrator enters them (issue 16): email, fax number and email-to-fax gateway are
 * stored and shown on the unit, a malformed one is refused naming its field with nothing
 * written, a unit outside the administrator's subtree answers 404; and the sender's home
 * page counts the notifications its unit sent that wait or failed.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "core/access.h"
#include "store/outbox.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t admin;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "na_admin", org.na, (1u << ROLE_ADMIN) | (1u << ROLE_LEADER));
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

static long call(const char *method, const char *path, const char *body, test_response_t *r)
{
    testhttp_as(&ts, &admin, method, path, body, r);
    return r->status;
}

static void refused(const char *body, const char *code, const char *field)
{
    char path[64];
    test_response_t r;
    int64_t before = testorg_count(&ts, "SELECT COUNT(*) FROM unit_contact");
    snprintf(path, sizeof path, "/api/units/%lld/contact", (long long)org.na_kv1);
    if (call("PUT", path, body, &r) != 400 && r.status != 422)
        fail_msg("%s: %ld %s", body, r.status, r.body);
    assert_string_equal(testhttp_error_code(&r), code);
    assert_string_equal(testhttp_error_field(&r), field);
    assert_non_null(json_object_get(json_object_get(r.json, "error"), "message_vi"));
    testhttp_response_free(&r);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM unit_contact"), before);
}

static void test_contact_entered_and_checked(void **state)
{
    char path[64];
    test_response_t r;
    (void)state;

    snprintf(path, sizeof path, "/api/units/%lld/contact", (long long)org.na_kv1);
    assert_int_equal(call("PUT", path,
                          "{\"email\":\"kv1@nghean.thads.gov.vn\",\"fax\":\"(0238) 3844 123\","
                          "\"fax_gateway\":\"{fax}@fax.vnpt.vn\"}",
                          &r),
                     200);
    assert_string_equal(json_string_value(json_object_get(r.json, "fax")), "(0238) 3844 123");
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/units/%lld", (long long)org.na_kv1);
    assert_int_equal(call("GET", path, NULL, &r), 200);
    json_t *c = json_object_get(r.json, "contact");
    assert_string_equal(json_string_value(json_object_get(c, "email")), "kv1@nghean.thads.gov.vn");
    assert_string_equal(json_string_value(json_object_get(c, "fax_gateway")), "{fax}@fax.vnpt.vn");
    testhttp_response_free(&r);

    refused("{\"email\":\"kv1@nghean\"}", "invalid_email", "email");
    refused("{\"email\":\"kv1 @nghean.vn\"}", "invalid_email", "email");
    refused("{\"fax\":\"0238-38x\"}", "invalid_fax", "fax");
    refused("{\"fax_gateway\":\"fax@{fax}.vn\"}", "invalid_fax_gateway", "fax_gateway");
    refused("{\"phone\":\"1\"}", "unknown_field", "phone");

    /* a PUT replaces the three: one left out (or null) is cleared */
    snprintf(path, sizeof path, "/api/units/%lld/contact", (long long)org.na_kv1);
    assert_int_equal(call("PUT", path, "{\"email\":null,\"fax\":\"0238 3844 123\"}", &r), 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "fax_gateway")), "");
    assert_string_equal(json_string_value(json_object_get(r.json, "email")), "");
    testhttp_response_free(&r);

    /* outside the administrator's subtree: no such unit */
    snprintf(path, sizeof path, "/api/units/%lld/contact", (long long)org.ht);
    assert_int_equal(call("PUT", path, "{\"email\":\"ht@thads.gov.vn\"}", &r), 404);
    testhttp_response_free(&r);
}

static void test_home_counts_outbox(void **state)
{
    test_response_t r;
    (void)state;
    db_t *db = testorg_db(&ts);
    outbox_msg_t m = {.idem_key = "home:1",
                      .kind = "prison_exchange",
                      .from_unit_id = org.na,
                      .to_unit_id = org.tg3, /* no address: failed at once */
                      .subject = "Thông báo",
                      .body = "Nội dung"};
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(outbox_enqueue(db, &m, NULL), DB_OK);
    m.idem_key = "home:2";
    m.to_address = "trai3@bca.gov.vn";
    assert_int_equal(outbox_enqueue(db, &m, NULL), DB_OK);
    m.idem_key = "home:3";
    m.from_unit_id = org.ht; /* another unit's */
    assert_int_equal(outbox_enqueue(db, &m, NULL), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);

    assert_int_equal(call("GET", "/api/home", NULL, &r), 200);
    json_t *o = json_object_get(r.json, "outbox");
    assert_non_null(o);
    assert_int_equal(json_integer_value(json_object_get(o, "failed")), 1);
    assert_int_equal(json_integer_value(json_object_get(o, "pending")), 1);
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contact_entered_and_checked),
        cmocka_unit_test(test_home_counts_outbox),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("contact/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("contact/postgres", tests, start_postgres, stop);
    return failed;
}
