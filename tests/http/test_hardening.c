/*
 * tests/http/test_hardening.c — the server against a hostile client (issue 17): log
 * lines a client cannot forge, one address that cannot starve the others with slow
 * connections, /metrics closed to anonymous clients, and requests from a foreign
 * origin or with a body that is not JSON refused (login CSRF).
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testhttp.h"
#include "ops/app.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static app_t app;

/* ---- log lines ---- */

static void test_log_escape(void **state)
{
    char buf[64], small[12];
    (void)state;

    assert_string_equal(log_escape(buf, sizeof buf, "/api/cases/46"), "/api/cases/46");
    assert_string_equal(log_escape(buf, sizeof buf, "/a\nb\r\x1b[2J\x7f"),
                        "/a\\x0Ab\\x0D\\x1B[2J\\x7F");
    assert_string_equal(log_escape(buf, sizeof buf, "say \"hi\" \\"), "say \\\"hi\\\" \\\\");
    /* Vietnamese stays readable; broken UTF-8, overlong forms, C1 controls and
     * bidirectional overrides do not pass */
    assert_string_equal(log_escape(buf, sizeof buf, "Nguyễn Văn Đức"), "Nguyễn Văn Đức");
    assert_string_equal(log_escape(buf, sizeof buf, "a\xff\xc3"), "a\\xFF\\xC3");
    assert_string_equal(log_escape(buf, sizeof buf, "\xc0\x8a"), "\\xC0\\x8A");
    assert_string_equal(log_escape(buf, sizeof buf,
                                   "\xc2\x9b"
                                   "31m"),
                        "\\u009B31m");
    assert_string_equal(log_escape(buf, sizeof buf, "x\xe2\x80\xaey"), "x\\u202Ey");
    assert_string_equal(log_escape(buf, sizeof buf, "\xed\xa0\x80"), "\\xED\\xA0\\x80");
    assert_string_equal(log_escape(buf, sizeof buf, NULL), "");
    /* cut to fit, never inside an escape or a character */
    assert_string_equal(log_escape(small, sizeof small, "0123456789abcdef"), "01234567...");
    assert_string_equal(log_escape(small, sizeof small, "0123456\n89"), "0123456...");
    assert_string_equal(log_escape(small, sizeof small, "ĐĐĐĐĐĐ"), "ĐĐĐĐ...");
    assert_string_equal(log_escape(small, sizeof small, "0123456789a"), "0123456789a");
}

/* Run fn with standard error going to a file; returns what was written (malloc'd). */
static char *capture_stderr(void (*fn)(void *), void *arg, const char *wait_for)
{
    char path[512], *text = NULL;
    int saved, fd;
    FILE *f;

    snprintf(path, sizeof path, "%s/hardening-stderr-%d.log",
             getenv("THADS_TEST_TMP") ? getenv("THADS_TEST_TMP") : "/tmp", (int)getpid());
    fflush(stderr);
    saved = dup(2);
    fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    fn(arg);
    /* The log line is written when libmicrohttpd completes the request, which may be
     * just after the client has its answer. */
    for (int i = 0; i < 200; i++) {
        long size;
        fflush(stderr);
        f = fopen(path, "rb");
        assert_non_null(f);
        fseek(f, 0, SEEK_END);
        size = ftell(f);
        rewind(f);
        free(text);
        text = calloc(1, (size_t)size + 1);
        assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
        fclose(f);
        if (strstr(text, wait_for) != NULL)
            break;
        usleep(10 * 1000);
    }
    dup2(saved, 2);
    close(saved);
    unlink(path);
    return text;
}

static void forged_request(void *arg)
{
    test_server_t *ts = arg;
    test_response_t r;

    testhttp_request(ts, "GET",
                     "/api/x%0A2025-01-01T00:00:00Z%20203.0.113.9%20%22GET%20/admin%22%20200"
                     "%1B[2J%1B]0;pwned%07",
                     NULL, NULL, 0, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
}

static void test_access_log_cannot_be_forged(void **state)
{
    test_server_t ts;
    http_config_t cfg = {
        .routes = api_routes, .nroutes = api_nroutes, .app = &app, .access_log = 1};
    char *log;
    const char *line;
    (void)state;

    testhttp_start_cfg(&ts, "sqlite", &cfg);
    log = capture_stderr(forged_request, &ts, " 404 ");
    testhttp_stop(&ts);
    line = strstr(log, "\"GET /api/x");
    assert_non_null(line);
    /* one line, the whole path on it, escaped; no escape character anywhere */
    assert_non_null(strstr(line, "/api/x\\x0A2025-01-01T00:00:00Z 203.0.113.9 \\\"GET /admin\\\" "
                                 "200\\x1B[2J\\x1B]0;pwned\\x07\" 404 "));
    assert_null(strchr(log, '\x1b'));
    assert_null(strchr(log, '\x07'));
    assert_null(strstr(log, "\n2025-01-01T00:00:00Z 203.0.113.9"));
    assert_int_equal(strchr(line, '\n') - line + 1, (long)strlen(line));
    free(log);
}

/* ---- slow connections ---- */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A connection from from_addr (another loopback address than the normal client's) that
 * sends the start of a request and then nothing: half of them stop in the headers, the
 * others in a body they announced. */
static int slow_connection(int port, const char *from_addr, int i)
{
    struct sockaddr_in from = {.sin_family = AF_INET}, to = {.sin_family = AF_INET};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    char req[256];

    assert_true(fd >= 0);
    inet_pton(AF_INET, from_addr, &from.sin_addr);
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    to.sin_port = htons((uint16_t)port);
    assert_int_equal(bind(fd, (struct sockaddr *)&from, sizeof from), 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&to, sizeof to), 0);
    if (i % 2 == 0)
        snprintf(req, sizeof req, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: %d", i);
    else
        snprintf(req, sizeof req,
                 "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"user");
    assert_true(send(fd, req, strlen(req), MSG_NOSIGNAL) > 0);
    return fd;
}

/* How many of fds the server has closed (end of file or reset), waiting up to
 * wait_ms for want of them. */
static int closed_by_server(const int *fds, int n, int want, int wait_ms)
{
    int closed = 0;
    char *done = calloc((size_t)n, 1);

    for (int waited = 0; waited <= wait_ms; waited += 50) {
        for (int i = 0; i < n; i++) {
            struct pollfd p = {.fd = fds[i], .events = POLLIN};
            char c;
            if (done[i] || poll(&p, 1, 0) != 1)
                continue;
            if (recv(fds[i], &c, 1, MSG_DONTWAIT) <= 0) {
                done[i] = 1;
                closed++;
            }
        }
        if (closed >= want)
            break;
        usleep(50 * 1000);
    }
    free(done);
    return closed;
}

/* One address holds many more slow connections than it may: the server keeps only
 * per_ip_connections of them, so the limit for everyone is never reached, a normal
 * client is answered at once, and the silent ones are closed after the timeout. */
static void test_slow_connections_do_not_starve_others(void **state)
{
    enum { SLOW = 40, PER_IP = 4 };
    test_server_t ts;
    http_config_t cfg = {.routes = api_routes,
                         .nroutes = api_nroutes,
                         .app = &app,
                         .max_connections = 16,
                         .per_ip_connections = PER_IP,
                         .timeout = 2};
    int fds[SLOW];
    struct timespec t0;
    test_response_t r;
    (void)state;

    testhttp_start_cfg(&ts, "sqlite", &cfg);
    for (int i = 0; i < SLOW; i++)
        fds[i] = slow_connection(ts.port, "127.0.0.2", i);
    /* more than the limit for everyone, from one address: all but PER_IP are closed */
    assert_int_equal(closed_by_server(fds, SLOW, SLOW - PER_IP, 2000), SLOW - PER_IP);

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < 5; i++) {
        testhttp_request(&ts, "GET", "/healthz", NULL, NULL, 0, &r);
        assert_int_equal(r.status, 200);
        testhttp_response_free(&r);
    }
    assert_true(seconds_since(&t0) < 1.0); /* well before the timeout frees anything */

    /* the silent ones that were kept are closed once they have said nothing for the
     * timeout (2 s here) */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(closed_by_server(fds, SLOW, SLOW, 5000), SLOW);
    assert_true(seconds_since(&t0) < 4.5);
    for (int i = 0; i < SLOW; i++)
        close(fds[i]);
    testhttp_stop(&ts);
}

/* ---- /metrics ---- */

static long get_metrics(test_server_t *ts, const char *method, const char *auth)
{
    const char *const hdrs[] = {auth, NULL};
    test_response_t r;
    long status;

    testhttp_request(ts, method, "/metrics", NULL, auth ? hdrs : NULL, 0, &r);
    status = r.status;
    if (status == 200)
        assert_non_null(strstr(r.body, "thads_http_requests_total"));
    else
        assert_string_equal(testhttp_error_code(&r), "not_found");
    testhttp_response_free(&r);
    return status;
}

static void test_metrics_not_served_without_token(void **state)
{
    test_server_t ts;
    http_config_t cfg = {.routes = api_routes, .nroutes = api_nroutes, .app = &app};
    (void)state;

    testhttp_start_cfg(&ts, "sqlite", &cfg);
    assert_int_equal(get_metrics(&ts, "GET", NULL), 404);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: Bearer "), 404);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: Bearer anything"), 404);
    testhttp_stop(&ts);
}

static void test_metrics_need_the_token(void **state)
{
    test_server_t ts;
    http_config_t cfg = {.routes = api_routes,
                         .nroutes = api_nroutes,
                         .app = &app,
                         .metrics_token = "s3cret-metrics-token-42"};
    (void)state;

    testhttp_start_cfg(&ts, "sqlite", &cfg);
    assert_int_equal(get_metrics(&ts, "GET", NULL), 404);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: Bearer s3cret-metrics-token-4"), 404);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: Bearer s3cret-metrics-token-420"),
                     404);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: Basic s3cret-metrics-token-42"), 404);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: s3cret-metrics-token-42"), 404);
    assert_int_equal(get_metrics(&ts, "POST", "Authorization: Bearer s3cret-metrics-token-42"),
                     404);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: Bearer s3cret-metrics-token-42"), 200);
    assert_int_equal(get_metrics(&ts, "GET", "Authorization: bearer s3cret-metrics-token-42"), 200);
    testhttp_stop(&ts);
}

/* ---- cross-site requests ---- */

/* A sign-in body for a user that does not exist, another each time, so that the sign-in
 * limits (5 attempts per username) do not answer instead of the handler. */
static char login_buf[96];
#define login (next_login())
static const char *next_login(void)
{
    static int n;
    snprintf(login_buf, sizeof login_buf,
             "{\"username\":\"nobody%d\",\"password\":\"wrong password\"}", ++n);
    return login_buf;
}

/* The status and error code of method path with body (may be NULL) and headers h0, h1. */
static long send_with(test_server_t *ts, const char *method, const char *path, const char *body,
                      const char *h0, const char *h1, char *code, size_t codelen)
{
    const char *const hdrs[] = {h0, h1, NULL};
    test_response_t r;
    long status;

    testhttp_request(ts, method, path, body, h0 ? hdrs : NULL, 0, &r);
    status = r.status;
    snprintf(code, codelen, "%s", testhttp_error_code(&r) ? testhttp_error_code(&r) : "");
    if (status == 403 || status == 415) {
        json_t *err = json_object_get(r.json, "error");
        assert_true(json_string_length(json_object_get(err, "message")) > 0);
        assert_true(json_string_length(json_object_get(err, "message_vi")) > 0);
    }
    testhttp_response_free(&r);
    return status;
}

#define EXPECT(status_, code_, method, path, body, h0, h1)                                         \
    do {                                                                                           \
        char code[64];                                                                             \
        assert_int_equal(send_with(&ts, method, path, body, h0, h1, code, sizeof code), status_);  \
        assert_string_equal(code, code_);                                                          \
    } while (0)

static void test_cross_site_requests_refused(void **state)
{
    test_server_t ts;
    http_config_t cfg = {.routes = api_routes,
                         .nroutes = api_nroutes,
                         .app = &app,
                         .allowed_origins = "https://thads.example.gov.vn, http://10.0.0.7:8080/"};
    char self[64], self_ref[96], other_port[64];
    (void)state;

    testhttp_start_cfg(&ts, "sqlite", &cfg);
    snprintf(self, sizeof self, "Origin: http://127.0.0.1:%d", ts.port);
    snprintf(self_ref, sizeof self_ref, "Referer: http://127.0.0.1:%d/cases/7?x=1", ts.port);
    snprintf(other_port, sizeof other_port, "Origin: http://127.0.0.1:%d", ts.port + 1);

    /* login CSRF as reported: a text/plain body from a page elsewhere */
    EXPECT(403, "cross_origin", "POST", "/api/session", login, "Origin: https://evil.example",
           "Content-Type: text/plain");
    /* each refusal on its own: the foreign origin (JSON body), */
    EXPECT(403, "cross_origin", "POST", "/api/session", login, "Origin: https://evil.example",
           NULL);
    EXPECT(403, "cross_origin", "POST", "/api/session", login, other_port, NULL);
    EXPECT(403, "cross_origin", "POST", "/api/session", login, "Origin: null", NULL);
    EXPECT(403, "cross_origin", "POST", "/api/session", login,
           "Origin: https://127.0.0.1.evil.example", NULL);
    EXPECT(403, "cross_origin", "POST", "/api/session", login, "Referer: https://evil.example/page",
           NULL);
    EXPECT(403, "cross_origin", "DELETE", "/api/session", NULL, "Origin: https://evil.example",
           NULL);
    EXPECT(403, "cross_origin", "POST", "/api/units", "{}", "Origin: https://evil.example", NULL);
    /* and a body that is not declared JSON, from no page at all */
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", login, "Content-Type: text/plain",
           NULL);
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", login,
           "Content-Type: application/x-www-form-urlencoded", NULL);
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", login,
           "Content-Type: multipart/form-data; boundary=x", NULL);
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", login, "Content-Type:", NULL);
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", login,
           "Content-Type: application/jsonp", NULL);
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", login,
           "Content-Type: application/json; charset=latin1", NULL);
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", NULL, "Content-Type:", NULL);
    /* a body sent to a route that declares none is checked too */
    EXPECT(415, "unsupported_media_type", "DELETE", "/api/session", "{}",
           "Content-Type: text/plain", NULL);
    EXPECT(415, "unsupported_media_type", "POST", "/api/session", login, self,
           "Content-Type: text/plain");

    /* allowed: the same origin as the Host, by Origin or Referer, default ports aside; a
     * listed origin; no Origin nor Referer (curl, scripts); JSON with a UTF-8 charset.
     * The sign-in then runs: 401 for a user that does not exist. */
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login, NULL, NULL);
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login, self, NULL);
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login, self_ref, NULL);
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login,
           "Origin: https://THADS.example.gov.vn", NULL);
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login,
           "Origin: http://10.0.0.7:8080", NULL);
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login, "Origin: http://localhost",
           "Host: localhost:80");
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login,
           "Origin: https://thads.local:443", "Host: thads.local");
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login,
           "Content-Type: application/json; charset=utf-8", self);
    EXPECT(401, "invalid_credentials", "POST", "/api/session", login,
           "Content-Type: Application/JSON;charset=\"UTF-8\"", NULL);
    /* reading is not state-changing: a foreign Origin on GET is not refused here */
    EXPECT(401, "unauthenticated", "GET", "/api/session", NULL, "Origin: https://evil.example",
           NULL);
    /* a route with no body needs no Content-Type */
    EXPECT(401, "unauthenticated", "DELETE", "/api/session", NULL, self, NULL);
    testhttp_stop(&ts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_escape),
        cmocka_unit_test(test_access_log_cannot_be_forged),
        cmocka_unit_test(test_slow_connections_do_not_starve_others),
        cmocka_unit_test(test_metrics_not_served_without_token),
        cmocka_unit_test(test_metrics_need_the_token),
        cmocka_unit_test(test_cross_site_requests_refused),
    };

    app_init(&app, NULL, "test");
    return cmocka_run_group_tests_name("http/hardening", tests, NULL, NULL);
}
