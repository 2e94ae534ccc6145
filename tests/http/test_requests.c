/*
 * tests/http/test_requests.c — requests described once (api/schemas.c): malformed
 * bodies and queries on several routes are refused with 400 naming the field by its
 * path, before any handler logic, and /api/openapi.json publishes the same
 * declarations (request bodies closed to other fields, the same limits). The checks
 * do not depend on the database engine, so this runs on SQLite only.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "core/access.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t admin;

static int start(void **state)
{
    (void)state;
    testapp_init(&app);
    testhttp_start(&ts, "sqlite", api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "na_admin", org.na,
                 (1u << ROLE_ADMIN) | (1u << ROLE_LEADER) | (1u << ROLE_OFFICER));
    testhttp_login(&ts, "na_admin", TESTORG_PASSWORD, &admin);
    return 0;
}

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

/* method path body answers 400 with code and field (and a Vietnamese message). */
static void expect_400(const char *method, const char *path, const char *body, const char *code,
                       const char *field)
{
    test_response_t r;

    testhttp_as(&ts, &admin, method, path, body, &r);
    if (r.status != 400)
        fail_msg("%s %s %.200s: got %ld %s, want 400", method, path, body ? body : "", r.status,
                 r.body);
    if (strcmp(testhttp_error_code(&r), code) != 0 ||
        strcmp(testhttp_error_field(&r) ? testhttp_error_field(&r) : "(null)", field) != 0)
        fail_msg("%s %s %.200s: got %s %s, want %s %s", method, path, body ? body : "",
                 testhttp_error_code(&r), r.body, code, field);
    assert_non_null(json_object_get(json_object_get(r.json, "error"), "message_vi"));
    testhttp_response_free(&r);
}

/* A unit of NA-KV1's kind under NA, with extra members appended (", \"x\":1"). */
static void unit_body(char *out, size_t len, const char *name, const char *extra)
{
    snprintf(out, len,
             "{\"code\":\"NA-KV9\",\"name_vi\":\"%s\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"%s}",
             name, (long long)org.na, extra);
}

static void test_unit_bodies(void **state)
{
    char body[1024], name[410], path[64];
    (void)state;

    unit_body(body, sizeof body, "Phòng 9", ",\"colour\":\"đỏ\"");
    expect_400("POST", "/api/units", body, "unknown_field", "colour");
    snprintf(body, sizeof body,
             "{\"code\":\"NA-KV9\",\"name_vi\":\"Phòng 9\",\"kind\":\"regional_office\","
             "\"parent_id\":\"%lld\",\"valid_from\":\"2026-01-01\"}",
             (long long)org.na);
    expect_400("POST", "/api/units", body, "invalid_type", "parent_id");
    /* 201 characters, two bytes each: the limit counts characters */
    for (size_t i = 0; i < 201; i++)
        memcpy(name + 2 * i, "đ", 2);
    name[402] = '\0';
    unit_body(body, sizeof body, name, "");
    expect_400("POST", "/api/units", body, "too_long", "name_vi");
    snprintf(body, sizeof body,
             "{\"code\":\"NA-KV9\",\"name_vi\":\"Phòng 9\",\"kind\":\"regional_office\","
             "\"parent_id\":%lld}",
             (long long)org.na);
    expect_400("POST", "/api/units", body, "missing_field", "valid_from");
    snprintf(body, sizeof body,
             "{\"code\":\"NA-KV9\",\"name_vi\":\"Phòng 9\",\"kind\":\"castle\","
             "\"parent_id\":%lld,\"valid_from\":\"2026-01-01\"}",
             (long long)org.na);
    expect_400("POST", "/api/units", body, "invalid_value", "kind");
    unit_body(body, sizeof body, "   ", "");
    expect_400("POST", "/api/units", body, "invalid_value", "name_vi");

    snprintf(path, sizeof path, "/api/units/%lld", (long long)org.na_kv1);
    expect_400("PATCH", path, "{\"name_vi\":\"Tên mới\",\"on\":\"2026-02-30\"}", "invalid_date",
               "on");
    expect_400("PATCH", path, "{\"name_vi\":\"Tên mới\",\"on\":\"2026-02-01\",\"why\":1}",
               "unknown_field", "why");
    expect_400("PATCH", path, "[1]", "invalid_json", "(null)");
}

/* POST /api/cases with its parties written by parties (a JSON list), and judgment. */
static void case_body(char *out, size_t len, const char *judgment, const char *parties,
                      const char *extra)
{
    snprintf(out, len,
             "{\"unit_id\":%lld,\"case_no\":\"R/1\",\"source\":\"application\",\"category\":"
             "\"civil\",\"received_on\":\"2026-03-02\",\"judgment\":%s,\"parties\":%s%s}",
             (long long)org.na_kv1, judgment, parties, extra);
}

#define JUDGMENT "{\"number\":\"1\",\"date\":\"2026-01-01\",\"court\":\"TAND\"}"
#define DEBTOR   "{\"role\":\"debtor\",\"kind\":\"person\",\"full_name\":\"A\"}"

static void test_case_bodies(void **state)
{
    static char body[16384], parties[12000], name[256];
    size_t n;
    (void)state;

    for (size_t i = 0; i < 201; i++)
        name[i] = 'x';
    name[201] = '\0';
    snprintf(parties, sizeof parties,
             "[" DEBTOR ",{\"role\":\"creditor\",\"kind\":\"person\",\"full_name\":\"%s\"}]", name);
    case_body(body, sizeof body, JUDGMENT, parties, "");
    expect_400("POST", "/api/cases", body, "too_long", "parties[1].full_name");

    case_body(body, sizeof body, JUDGMENT,
              "[{\"role\":\"debtor\",\"kind\":\"person\",\"full_name\":\"A\","
              "\"birth_date\":\"1990-02-30\"}]",
              "");
    expect_400("POST", "/api/cases", body, "invalid_date", "parties[0].birth_date");
    case_body(body, sizeof body, JUDGMENT, "[{\"role\":\"judge\",\"kind\":\"person\"}]", "");
    expect_400("POST", "/api/cases", body, "invalid_value", "parties[0].role");
    case_body(body, sizeof body, "{\"number\":\"1\",\"date\":\"2026-01-01\"}", "[" DEBTOR "]", "");
    expect_400("POST", "/api/cases", body, "missing_field", "judgment.court");
    case_body(body, sizeof body, JUDGMENT, "[" DEBTOR "]", ",\"items\":[\"money\"]");
    expect_400("POST", "/api/cases", body, "invalid_type", "items[0]");
    case_body(body, sizeof body, JUDGMENT, "[" DEBTOR "]",
              ",\"items\":[{\"content_type\":\"pay_money\",\"description\":\"Nợ\","
              "\"amount_vnd\":1.5}]");
    expect_400("POST", "/api/cases", body, "invalid_type", "items[0].amount_vnd");
    case_body(body, sizeof body, JUDGMENT, "{}", "");
    expect_400("POST", "/api/cases", body, "invalid_type", "parties");

    /* one party more than CASE_MAX_PARTIES */
    n = (size_t)snprintf(parties, sizeof parties, "[");
    for (int i = 0; i <= CASE_MAX_PARTIES; i++)
        n += (size_t)snprintf(parties + n, sizeof parties - n, "%s" DEBTOR, i ? "," : "");
    snprintf(parties + n, sizeof parties - n, "]");
    case_body(body, sizeof body, JUDGMENT, parties, "");
    expect_400("POST", "/api/cases", body, "too_long", "parties");
}

static void test_other_bodies(void **state)
{
    (void)state;
    expect_400("POST", "/api/session", "{\"username\":\"a\"}", "missing_field", "password");
    expect_400("POST", "/api/session/password", "{\"current_password\":5,\"new_password\":\"x\"}",
               "invalid_type", "current_password");
    expect_400("POST", "/api/users",
               "{\"username\":\"u\",\"full_name\":\"U\",\"unit_id\":1,\"roles\":\"admin\","
               "\"password\":\"Một mật khẩu đủ dài\"}",
               "invalid_type", "roles");
    expect_400("POST", "/api/users",
               "{\"username\":\"u\",\"full_name\":\"U\",\"unit_id\":0,\"roles\":[\"admin\"],"
               "\"password\":\"Một mật khẩu đủ dài\"}",
               "invalid_value", "unit_id");
}

static void test_queries(void **state)
{
    (void)state;
    expect_400("GET", "/api/cases?limit=0", NULL, "invalid_value", "limit");
    expect_400("GET", "/api/cases?category=tax", NULL, "invalid_value", "category");
    expect_400("GET", "/api/units?at=2026-13-01", NULL, "invalid_date", "at");
    expect_400("GET", "/api/search", NULL, "missing_field", "q");
    expect_400("GET", "/api/worklist?scope=all", NULL, "invalid_value", "scope");
    expect_400("GET", "/api/audit?before=-1", NULL, "invalid_value", "before");
}

static json_t *at(json_t *j, const char *const *keys)
{
    for (; *keys != NULL && j != NULL; keys++)
        j = json_object_get(j, *keys);
    return j;
}

/* The document publishes what the parser enforces. */
static void test_openapi_has_the_declarations(void **state)
{
    static const char *const body_schema[] = {"paths",       "/api/cases", "post",
                                              "requestBody", "content",    "application/json",
                                              "schema",      NULL};
    static const char *const error_schema[] = {"components", "schemas", "Error", NULL};
    test_response_t r;
    json_t *paths, *item, *s;
    const char *path;
    (void)state;

    testhttp_request(&ts, "GET", "/api/openapi.json", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "openapi")), "3.1.0");
    s = at(r.json, body_schema);
    assert_non_null(s);
    assert_true(json_is_false(json_object_get(s, "additionalProperties")));
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(json_object_get(s, "properties"), "parties"), "maxItems")),
                     CASE_MAX_PARTIES);
    assert_non_null(at(r.json, error_schema));
    /* every route with a declared body or query has it in the document */
    paths = json_object_get(r.json, "paths");
    for (size_t i = 0; i < api_nroutes; i++) {
        const http_route_t *route = &api_routes[i];
        char method[8];
        size_t k;
        for (k = 0; route->method[k] && k < sizeof method - 1; k++)
            method[k] = (char)(route->method[k] - 'A' + 'a');
        method[k] = '\0';
        item = json_object_get(json_object_get(paths, route->pattern), method);
        assert_non_null(item);
        if (route->body != NULL)
            assert_non_null(json_object_get(item, "requestBody"));
        if (route->query != NULL)
            assert_true(json_array_size(json_object_get(item, "parameters")) > 0);
        assert_non_null(json_object_get(json_object_get(item, "responses"), "500"));
    }
    json_object_foreach(paths, path, item) assert_true(path[0] == '/');
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_bodies),
        cmocka_unit_test(test_case_bodies),
        cmocka_unit_test(test_other_bodies),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_openapi_has_the_declarations),
    };
    return cmocka_run_group_tests_name("requests", tests, start, stop);
}
