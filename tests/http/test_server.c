/*
 * tests/http/test_server.c — the HTTP layer as a client sees it: routing, error
 * bodies, body limits, strict JSON, security headers, metrics, static files,
 * health, and a graceful stop that lets a request in flight finish.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testhttp.h"
#include "ops/app.h"
#include "embed.h"
#include "store/migrate.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int echo_calls;

static const schema_field_t echo_fields[] = {
    {.name = "name", .type = SCHEMA_STRING, .required = 1, .max_len = 10},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER},
    {.name = "occurred_on", .type = SCHEMA_DATE},
    {.name = "urgent", .type = SCHEMA_BOOLEAN},
    {.name = NULL},
};

/* POST /test/echo: validate (against echo_fields, the route's body) and send the
 * object back. */
static int echo(http_request_t *req)
{
    json_t *body;

    atomic_fetch_add(&echo_calls, 1);
    body = http_json_request(req);
    if (body == NULL)
        return 400;
    return http_reply_json(req, 200, json_incref(body));
}

static int slow(http_request_t *req)
{
    usleep(300 * 1000);
    return http_reply_json(req, 200, json_pack("{s:b}", "slow", 1));
}

static int item(http_request_t *req)
{
    return http_reply_json(req, 200, json_pack("{s:s}", "id", http_param(req, "id")));
}

static http_route_t routes[128];
static size_t nroutes;
static app_t app;

static void setup_routes(void)
{
    nroutes = 0;
    assert_true(api_nroutes + 4 <= sizeof routes / sizeof routes[0]);
    for (size_t i = 0; i < api_nroutes; i++)
        routes[nroutes++] = api_routes[i];
    routes[nroutes++] = (http_route_t){"POST", "/api/test/echo", echo, 0, "echo", echo_fields};
    routes[nroutes++] = (http_route_t){"GET", "/api/test/slow", slow, 0, "slow"};
    routes[nroutes++] = (http_route_t){"GET", "/api/test/items/{id}", item, 0, "item"};
    routes[nroutes++] = (http_route_t){"DELETE", "/api/test/items/{id}", item, 0, "item"};
}

static test_server_t ts;
#define METRICS_TOKEN "test-metrics-token-0123456789"
static const char *const metrics_auth[] = {"Authorization: Bearer " METRICS_TOKEN, NULL};

static int start_on(const char *engine)
{
    app_init(&app, NULL, "test");
    setup_routes();
    http_config_t cfg = {.routes = routes,
                         .nroutes = nroutes,
                         .app = &app,
                         .max_body = 4096,
                         .metrics_token = METRICS_TOKEN};

    testhttp_start_cfg(&ts, engine, &cfg);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

static void assert_security_headers(const test_response_t *r)
{
    char v[512];

    assert_non_null(testhttp_header(r, "Content-Security-Policy", v, sizeof v));
    assert_non_null(strstr(v, "default-src 'self'"));
    assert_null(strstr(v, "unsafe-inline"));
    assert_string_equal(testhttp_header(r, "X-Content-Type-Options", v, sizeof v), "nosniff");
    assert_string_equal(testhttp_header(r, "X-Frame-Options", v, sizeof v), "DENY");
    assert_string_equal(testhttp_header(r, "Referrer-Policy", v, sizeof v), "no-referrer");
}

static void assert_error_shape(const test_response_t *r, long status, const char *code)
{
    json_t *err = json_object_get(r->json, "error");

    assert_int_equal(r->status, status);
    assert_non_null(err);
    assert_string_equal(json_string_value(json_object_get(err, "code")), code);
    assert_true(json_string_length(json_object_get(err, "message")) > 0);
    assert_true(json_string_length(json_object_get(err, "message_vi")) > 0);
    assert_non_null(json_object_get(err, "field"));
    assert_security_headers(r);
}

static void test_healthz(void **state)
{
    test_response_t r;
    char v[128];

    testhttp_request(&ts, "GET", "/healthz", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(testhttp_header(&r, "Content-Type", v, sizeof v), "application/json"));
    assert_string_equal(json_string_value(json_object_get(r.json, "status")), "ok");
    assert_string_equal(json_string_value(json_object_get(r.json, "db_engine")), *state);
    assert_true(json_is_true(json_object_get(r.json, "db_reachable")));
    assert_int_equal(json_integer_value(json_object_get(r.json, "schema_version")),
                     migrate_latest_version(embedded_migrations));
    assert_string_equal(json_string_value(json_object_get(r.json, "version")), "test");
    assert_security_headers(&r);
    testhttp_response_free(&r);
}

static void test_unknown_path_is_json_404(void **state)
{
    test_response_t r;
    (void)state;

    testhttp_request(&ts, "GET", "/api/nothing-here", NULL, NULL, 0, &r);
    assert_error_shape(&r, 404, "not_found");
    testhttp_response_free(&r);
}

static void test_wrong_method_is_405_with_allow(void **state)
{
    test_response_t r;
    char v[64];
    (void)state;

    testhttp_request(&ts, "PUT", "/api/test/items/7", "{}", NULL, 0, &r);
    assert_error_shape(&r, 405, "method_not_allowed");
    assert_string_equal(testhttp_header(&r, "Allow", v, sizeof v), "GET, DELETE");
    testhttp_response_free(&r);
}

static void test_path_parameters(void **state)
{
    test_response_t r;
    (void)state;

    testhttp_request(&ts, "GET", "/api/test/items/46-QD-THADS", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "id")), "46-QD-THADS");
    testhttp_response_free(&r);
    /* an empty segment is not a parameter value */
    testhttp_request(&ts, "GET", "/api/test/items/", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
}

static void test_announced_body_over_limit_is_413_before_handler(void **state)
{
    test_response_t r;
    char *big = malloc(5000);
    (void)state;

    memset(big, 'x', 4999);
    big[4999] = '\0';
    atomic_store(&echo_calls, 0);
    testhttp_request(&ts, "POST", "/api/test/echo", big, NULL, 0, &r);
    assert_error_shape(&r, 413, "payload_too_large");
    assert_int_equal(atomic_load(&echo_calls), 0);
    testhttp_response_free(&r);
    /* and to a path that does not exist: the limit comes before routing */
    testhttp_request(&ts, "POST", "/no/such/route", big, NULL, 0, &r);
    assert_int_equal(r.status, 413);
    testhttp_response_free(&r);
    free(big);
}

static void test_chunked_body_over_limit_is_413(void **state)
{
    test_response_t r;
    char *big = malloc(20000);
    (void)state;

    memset(big, ' ', 19999);
    big[0] = '{';
    big[19998] = '}';
    big[19999] = '\0';
    atomic_store(&echo_calls, 0);
    testhttp_request(&ts, "POST", "/api/test/echo", big, NULL, 1, &r);
    assert_int_equal(r.status, 413);
    assert_int_equal(atomic_load(&echo_calls), 0);
    testhttp_response_free(&r);
    free(big);
}

static void test_chunked_body_within_limit_works(void **state)
{
    test_response_t r;
    (void)state;

    testhttp_request(&ts, "POST", "/api/test/echo", "{\"name\":\"Nguyễn\"}", NULL, 1, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(json_string_value(json_object_get(r.json, "name")), "Nguyễn");
    testhttp_response_free(&r);
}

static void expect_field_error(const char *body, const char *code, const char *field)
{
    test_response_t r;

    testhttp_request(&ts, "POST", "/api/test/echo", body, NULL, 0, &r);
    assert_error_shape(&r, 400, code);
    if (field)
        assert_string_equal(testhttp_error_field(&r), field);
    else
        assert_null(testhttp_error_field(&r));
    testhttp_response_free(&r);
}

static void test_strict_json(void **state)
{
    test_response_t r;
    (void)state;

    expect_field_error("{\"name\":\"a\",\"colour\":1}", "unknown_field", "colour");
    expect_field_error("{\"amount_vnd\":5}", "missing_field", "name");
    expect_field_error("{\"name\":null}", "missing_field", "name");
    expect_field_error("{\"name\":\"a\",\"amount_vnd\":1.5}", "invalid_type", "amount_vnd");
    expect_field_error("{\"name\":\"a\",\"amount_vnd\":\"100\"}", "invalid_type", "amount_vnd");
    expect_field_error("{\"name\":7}", "invalid_type", "name");
    expect_field_error("{\"name\":\"   \"}", "invalid_value", "name");
    expect_field_error("{\"name\":\"a\",\"urgent\":1}", "invalid_type", "urgent");
    expect_field_error("{\"name\":\"a\",\"occurred_on\":\"2023-02-29\"}", "invalid_date",
                       "occurred_on");
    expect_field_error("{\"name\":\"a\",\"occurred_on\":\"29/02/2024\"}", "invalid_date",
                       "occurred_on");
    /* 11 characters (Vietnamese letters are 2-3 bytes each; the limit is characters) */
    expect_field_error("{\"name\":\"Lê Văn Được\"}", "too_long", "name");
    expect_field_error("{\"name\":\"a\",\"name\":\"b\"}", "invalid_json", NULL);
    expect_field_error("{\"name\":", "invalid_json", NULL);
    expect_field_error("[1,2]", "invalid_json", NULL);
    expect_field_error("", "invalid_json", NULL);
    expect_field_error("{\"name\":\"\xff\xfe\"}", "invalid_json", NULL);

    /* 10 Vietnamese characters are fine */
    testhttp_request(&ts, "POST", "/api/test/echo",
                     "{\"name\":\"Lê Văn Đức\",\"amount_vnd\":9223372036854775807,"
                     "\"occurred_on\":\"2024-02-29\",\"urgent\":true}",
                     NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_true(json_integer_value(json_object_get(r.json, "amount_vnd")) == INT64_MAX);
    testhttp_response_free(&r);
}

static void test_invalid_json_names_line_and_column(void **state)
{
    test_response_t r;
    const char *msg, *msg_vi;
    (void)state;

    testhttp_request(&ts, "POST", "/api/test/echo", "{\n  \"name\": \"a\",\n  oops\n}", NULL, 0,
                     &r);
    assert_int_equal(r.status, 400);
    msg = json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
    msg_vi = json_string_value(json_object_get(json_object_get(r.json, "error"), "message_vi"));
    assert_non_null(strstr(msg, "line 3"));
    assert_non_null(strstr(msg_vi, "dòng 3"));
    testhttp_response_free(&r);
}

static long metric_value(const char *text, const char *series)
{
    const char *p = strstr(text, series);
    return p ? strtol(p + strlen(series), NULL, 10) : -1;
}

static long metric_now(const char *series)
{
    test_response_t r;
    long v;

    testhttp_request(&ts, "GET", "/metrics", NULL, metrics_auth, 0, &r);
    assert_int_equal(r.status, 200);
    v = metric_value(r.body, series);
    testhttp_response_free(&r);
    return v < 0 ? 0 : v;
}

static void test_metrics_count_requests(void **state)
{
    static const char ok[] = "thads_http_requests_total{route=\"GET /healthz\",status=\"200\"} ";
    static const char miss[] = "thads_http_requests_total{route=\"unmatched\",status=\"404\"} ";
    static const char count[] =
        "thads_http_request_duration_seconds_count{route=\"GET /healthz\"} ";
    static const char inf[] =
        "thads_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=\"+Inf\"} ";
    long ok0 = metric_now(ok), miss0 = metric_now(miss), count0 = metric_now(count),
         inf0 = metric_now(inf);
    test_response_t r;
    (void)state;

    for (int i = 0; i < 3; i++) {
        testhttp_request(&ts, "GET", "/healthz", NULL, NULL, 0, &r);
        testhttp_response_free(&r);
    }
    testhttp_request(&ts, "GET", "/api/missing", NULL, NULL, 0, &r);
    testhttp_response_free(&r);
    assert_int_equal(metric_now(ok) - ok0, 3);
    assert_int_equal(metric_now(miss) - miss0, 1);
    assert_int_equal(metric_now(count) - count0, 3);
    assert_int_equal(metric_now(inf) - inf0, 3);
    testhttp_request(&ts, "GET", "/metrics", NULL, metrics_auth, 0, &r);
    assert_non_null(strstr(r.body, "# TYPE thads_http_request_duration_seconds histogram"));
    assert_non_null(strstr(r.body, "thads_db_errors_total 0"));
    testhttp_response_free(&r);
}

static void test_static_files(void **state)
{
    test_response_t r;
    char v[128];
    (void)state;

    testhttp_request(&ts, "GET", "/", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(testhttp_header(&r, "Content-Type", v, sizeof v), "text/html"));
    assert_non_null(strstr(r.body, "lang=\"vi\""));
    assert_null(strstr(r.body, "<script>")); /* no inline script: the CSP forbids it */
    assert_security_headers(&r);
    testhttp_response_free(&r);

    testhttp_request(&ts, "GET", "/app.js", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(testhttp_header(&r, "Content-Type", v, sizeof v), "javascript"));
    assert_int_equal(r.body_len, embed_find(embedded_web, "app.js")->size);
    testhttp_response_free(&r);

    testhttp_request(&ts, "GET", "/missing.js", NULL, NULL, 0, &r);
    assert_error_shape(&r, 404, "not_found");
    testhttp_response_free(&r);
    /* nothing outside the embedded files is reachable */
    testhttp_request(&ts, "GET", "/../web/app.js", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
    /* UI paths without a file extension get the single page */
    testhttp_request(&ts, "GET", "/cases/123", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "<!doctype html>"));
    testhttp_response_free(&r);
}

static void test_openapi_lists_every_route(void **state)
{
    test_response_t r;
    json_t *paths;
    (void)state;

    testhttp_request(&ts, "GET", "/api/openapi.json", NULL, NULL, 0, &r);
    assert_int_equal(r.status, 200);
    paths = json_object_get(r.json, "paths");
    assert_string_equal(json_string_value(json_object_get(r.json, "openapi")), "3.1.0");
    for (size_t i = 0; i < api_nroutes; i++) {
        char method[8];
        size_t j;
        for (j = 0; api_routes[i].method[j] && j < sizeof method - 1; j++)
            method[j] = (char)(api_routes[i].method[j] | 0x20);
        method[j] = '\0';
        assert_non_null(json_object_get(json_object_get(paths, api_routes[i].pattern), method));
    }
    testhttp_response_free(&r);
}

static void *slow_client(void *arg)
{
    test_response_t *r = arg;
    testhttp_request(&ts, "GET", "/api/test/slow", NULL, NULL, 0, r);
    return NULL;
}

/* A request in flight when the server is told to stop still gets its answer. */
static void test_graceful_stop(void **state)
{
    test_server_t mine;
    test_server_t saved = ts;
    test_response_t r;
    pthread_t th;

    testhttp_start(&mine, *state, routes, nroutes, &app, 0);
    ts = mine;
    pthread_create(&th, NULL, slow_client, &r);
    usleep(100 * 1000);
    testhttp_stop(&mine);
    pthread_join(th, NULL);
    ts = saved;
    assert_int_equal(r.status, 200);
    assert_true(json_is_true(json_object_get(r.json, "slow")));
    testhttp_response_free(&r);
}

static void test_bad_listen_address(void **state)
{
    http_config_t cfg = {.listen = "127.0.0.1:99999", .threads = 1, .routes = routes};
    http_server_t *srv;
    char err[256];
    (void)state;

    assert_int_equal(http_server_start(&cfg, &srv, err, sizeof err), -1);
    assert_non_null(strstr(err, "listen"));
    cfg.listen = "nonsense";
    assert_int_equal(http_server_start(&cfg, &srv, err, sizeof err), -1);
}

/* A second server on a port in use is refused, not given half of the first one's clients
 * (SO_REUSEPORT would let both bind and the kernel split new connections between them). */
static void test_port_in_use_is_refused(void **state)
{
    char listen[32], err[256];
    http_config_t cfg = {.listen = listen, .threads = 1, .routes = routes};
    http_server_t *srv = NULL;
    (void)state;

    snprintf(listen, sizeof listen, "127.0.0.1:%d", http_server_port(ts.srv));
    assert_int_equal(http_server_start(&cfg, &srv, err, sizeof err), -1);
    assert_null(srv);
    assert_non_null(strstr(err, "cannot listen"));
}

#define WITH(engine, fn)                                                                           \
    {                                                                                              \
        engine "/" #fn, fn, NULL, NULL, (void *)engine                                             \
    }

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {
        WITH("sqlite", test_healthz),
        WITH("sqlite", test_unknown_path_is_json_404),
        WITH("sqlite", test_wrong_method_is_405_with_allow),
        WITH("sqlite", test_path_parameters),
        WITH("sqlite", test_announced_body_over_limit_is_413_before_handler),
        WITH("sqlite", test_chunked_body_over_limit_is_413),
        WITH("sqlite", test_chunked_body_within_limit_works),
        WITH("sqlite", test_strict_json),
        WITH("sqlite", test_invalid_json_names_line_and_column),
        WITH("sqlite", test_metrics_count_requests),
        WITH("sqlite", test_static_files),
        WITH("sqlite", test_openapi_lists_every_route),
        WITH("sqlite", test_graceful_stop),
        WITH("sqlite", test_bad_listen_address),
        WITH("sqlite", test_port_in_use_is_refused),
    };
    const struct CMUnitTest pg_tests[] = {
        WITH("postgres", test_healthz),
        WITH("postgres", test_graceful_stop),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("http/sqlite", sqlite_tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("http/postgres", pg_tests, start_postgres, stop);
    return failed;
}
