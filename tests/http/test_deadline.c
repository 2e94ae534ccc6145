/*
 * tests/http/test_deadline.c — requests have deadlines (issue 18), on both engines, with a
 * real server on loopback and real heavy work: the drill-down of a stock line of a province
 * whose per-case statistics hold a few hundred thousand rows (GET /api/reports/cases reads
 * them all and lists none).
 *
 *   - A burst of heavy requests whose clients send them and hang up at once stops: a new
 *     client is answered well within the time one heavy request takes (measured first,
 *     in the same test), where without deadlines it would wait for the whole burst; and
 *     /metrics counts the stopped requests (reason client_gone).
 *   - A heavy request past --request-timeout (a second server on the same database,
 *     its limit set under the measured duration) is answered 504 request_timeout, JSON
 *     in English and Vietnamese, and /metrics counts it (reason deadline).
 *   - A write transaction interrupted past its deadline commits nothing (store level:
 *     db_set_deadline, the insert absent afterwards).
 * No timing is asserted finer than "well under what the heavy request took here".
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "core/case.h"
#include "store/pool.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define METRICS_TOKEN "deadline-test-metrics-token-0123"
#define BURST         8
#define HEAVY_PATH    "/api/reports/cases?unit=NA&from=2026-01-01&to=2026-12-31&line=in_progress"

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t leader;
static const char *engine;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int start_on(const char *e)
{
    http_config_t cfg = {.routes = api_routes,
                         .nroutes = api_nroutes,
                         .app = &app,
                         .metrics_token = METRICS_TOKEN,
                         .request_timeout = 600};

    engine = e;
    testapp_init(&app);
    testhttp_start_cfg(&ts, e, &cfg);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "lanh.dao", org.na, TESTORG_ALL_ROLES);
    testhttp_login(&ts, "lanh.dao", TESTORG_PASSWORD, &leader);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

/* Per-case statistics rows for both offices of NA: a case a day for `years` years before
 * 2026 per category and closing bucket, each closed before the period the heavy request
 * asks about. The heavy request is a stock line's drill-down (in_progress in 2026): it
 * reads every row of the subtree up to the period's end and lists none of these cases, so
 * it costs the rows (the summary itself reads a monthly rollup and is no longer heavy). */
static void add_statistics(int first_year, int years)
{
    db_t *db = testorg_db(&ts);
    db_stmt_t *st;
    char day[16];

    testdb_exec(db, "CREATE TABLE IF NOT EXISTS t_day (day DATE NOT NULL, n BIGINT NOT NULL)");
    testdb_exec(db, "CREATE TABLE IF NOT EXISTS t_key (category TEXT NOT NULL, "
                    "bucket TEXT NOT NULL, n BIGINT NOT NULL)");
    testdb_exec(db, "DELETE FROM t_day");
    testdb_exec(db, "DELETE FROM t_key");
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(db_prepare(db, "INSERT INTO t_day (day, n) VALUES ($1, $2)", &st), DB_OK);
    for (civil_date_t d = civil_date_from_ymd(first_year, 1, 1);
         d < civil_date_from_ymd(first_year + years, 1, 1); d++) {
        civil_date_format(d, day);
        assert_int_equal(db_bind_text(st, 1, day), DB_OK);
        assert_int_equal(db_bind_int64(st, 2, (int64_t)d + 1000000), DB_OK);
        assert_int_equal(db_step(st), DB_DONE);
        db_reset(st);
    }
    db_finalize(st);
    assert_int_equal(db_prepare(db, "INSERT INTO t_key VALUES ($1, $2, $3)", &st), DB_OK);
    static const char *cats[] = {"civil", "criminal", "credit", "administrative", "labour"};
    static const char *closing[] = {"d1_completed", "d2_terminated", "b_entrusted", "returned",
                                    "revoked"};
    for (size_t c = 0; c < sizeof cats / sizeof cats[0]; c++)
        for (size_t b = 0; b < sizeof closing / sizeof closing[0]; b++) {
            assert_int_equal(db_bind_text(st, 1, cats[c]), DB_OK);
            assert_int_equal(db_bind_text(st, 2, closing[b]), DB_OK);
            assert_int_equal(db_bind_int64(st, 3, (int64_t)(c * 8 + b)), DB_OK);
            assert_int_equal(db_step(st), DB_DONE);
            db_reset(st);
        }
    db_finalize(st);
    /* a case per (day, key, office): its id made of the three */
    assert_int_equal(db_prepare(db,
                                "INSERT INTO stat_case_delta (case_id, day, bucket, unit_id, "
                                "category, cases, amount_vnd) SELECT (d.n * 64 + k.n) * 2 + CASE "
                                "WHEN u.id = $2 THEN 1 ELSE 0 END, d.day, k.bucket, u.id, "
                                "k.category, 1, 1000 FROM t_day d, t_key k, unit u WHERE u.id IN "
                                "($1, $2)",
                                &st),
                     DB_OK);
    assert_int_equal(db_bind_int64(st, 1, org.na_kv1), DB_OK);
    assert_int_equal(db_bind_int64(st, 2, org.na_kv2), DB_OK);
    assert_int_equal(db_step(st), DB_DONE);
    db_finalize(st);
    assert_int_equal(db_commit(db), DB_OK);
    if (db_engine(db) == DB_ENGINE_POSTGRES)
        testdb_exec(db, "ANALYZE stat_case_delta");
    db_close(db);
}

/* Seconds the heavy request takes here, run to its end by a client that waits. */
static double heavy_seconds(test_server_t *s)
{
    test_response_t r;
    double t0 = now_s(), t;

    testhttp_as(s, &leader, "GET", HEAVY_PATH, NULL, &r);
    t = now_s() - t0;
    assert_int_equal(r.status, 200);
    testhttp_response_free(&r);
    return t;
}

/* Statistics enough for the heavy request to take at least `want` seconds here (doubling
 * the years until it does); returns what it takes. */
static double make_heavy(double want)
{
    int years = 8, first = 2026 - years;
    double t;

    add_statistics(first, years);
    while ((t = heavy_seconds(&ts)) < want && years < 256) {
        add_statistics(first - years, years);
        first -= years;
        years *= 2;
    }
    print_message("%s: the heavy request takes %.2f s over %d years of daily statistics\n", engine,
                  t, years);
    return t;
}

/* Send the heavy request on a connection of its own and hang up without reading. */
static void send_and_hang_up(int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    char req[1024];
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1, n;

    assert_true(fd >= 0);
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n\r\n", HEAVY_PATH,
                 leader.cookie);
    assert_int_equal(send(fd, req, (size_t)n, 0), n);
    close(fd);
}

/* The value of a /metrics line starting with `series`, or -1. */
static long long metric(test_server_t *s, const char *series)
{
    static const char *const auth[] = {"Authorization: Bearer " METRICS_TOKEN, NULL};
    test_response_t r;
    long long v = -1;
    const char *p;

    testhttp_request(s, "GET", "/metrics", NULL, auth, 0, &r);
    assert_int_equal(r.status, 200);
    p = strstr(r.body, series);
    if (p != NULL)
        v = strtoll(p + strlen(series), NULL, 10);
    testhttp_response_free(&r);
    return v;
}

static void abandoned_burst_and_deadline(void **state)
{
    double heavy, t0, waited;
    test_response_t r;
    long long gone;
    (void)state;

    heavy = make_heavy(2.0);

    /* A burst of heavy requests from clients that hang up at once, more than the server
     * has threads; then a new client. Without deadlines it waits until the threads have
     * worked through the burst (BURST / 2 heavy requests each). */
    for (int i = 0; i < BURST; i++)
        send_and_hang_up(ts.port);
    usleep(50 * 1000); /* the burst reaches the server first */
    t0 = now_s();
    testhttp_as(&ts, &leader, "GET", "/api/session", NULL, &r);
    waited = now_s() - t0;
    assert_int_equal(r.status, 200);
    testhttp_response_free(&r);
    print_message("%s: a new client after %d abandoned heavy requests: answered in %.3f s "
                  "(one heavy request: %.2f s)\n",
                  engine, BURST, waited, heavy);
    assert_true(waited < heavy / 2);
    /* Every one of the burst the server started is counted as stopped: give the last
     * ones the time to be seen (each stops within milliseconds). */
    for (int i = 0; i < 100; i++) {
        gone = metric(&ts, "thads_http_requests_interrupted_total{reason=\"client_gone\"} ");
        if (gone >= 1)
            break;
        usleep(20 * 1000);
    }
    assert_true(gone >= 1 && gone <= BURST);

    /* The same request on a server whose limit is under what it takes: 504, in both
     * languages, counted. */
    {
        test_server_t ts2 = {0};
        char err[512];
        unsigned limit = (unsigned)(heavy / 2);
        http_config_t cfg = {.listen = "127.0.0.1:0",
                             .threads = 2,
                             .max_body = 1u << 20,
                             .routes = api_routes,
                             .nroutes = api_nroutes,
                             .authorize = api_authorize,
                             .after = api_after,
                             .app = &app,
                             .version = "test",
                             .metrics_token = METRICS_TOKEN,
                             .request_timeout = limit ? limit : 1};
        const char *code;

        snprintf(ts2.url, sizeof ts2.url, "%s", ts.url);
        if (db_pool_open(ts2.url, 2, &ts2.pool, err, sizeof err) != DB_OK)
            fail_msg("pool: %s", err);
        cfg.pool = ts2.pool;
        if (http_server_start(&cfg, &ts2.srv, err, sizeof err) != 0)
            fail_msg("server: %s", err);
        ts2.port = http_server_port(ts2.srv);

        t0 = now_s();
        testhttp_as(&ts2, &leader, "GET", HEAVY_PATH, NULL, &r);
        waited = now_s() - t0;
        print_message("%s: past a %u s limit: %ld after %.2f s\n", engine, cfg.request_timeout,
                      r.status, waited);
        assert_int_equal(r.status, 504);
        code = testhttp_error_code(&r);
        assert_non_null(code);
        assert_string_equal(code, "request_timeout");
        assert_non_null(json_object_get(json_object_get(r.json, "error"), "message_vi"));
        assert_true(waited < heavy);
        testhttp_response_free(&r);
        assert_int_equal(
            metric(&ts2, "thads_http_requests_interrupted_total{reason=\"deadline\"} "), 1);
        /* and the server goes on answering */
        testhttp_as(&ts2, &leader, "GET", "/api/session", NULL, &r);
        assert_int_equal(r.status, 200);
        testhttp_response_free(&r);
        testhttp_stop(&ts2);
    }
}

/* Store level: a write transaction whose deadline passes during a long statement commits
 * nothing, and the handle refuses further work until the deadline is cleared. */
static void interrupted_transaction_writes_nothing(void **state)
{
    db_t *db = testorg_db(&ts);
    db_stmt_t *st;
    struct timespec t;
    int64_t n = -1;
    (void)state;

    testdb_exec(db, "CREATE TABLE IF NOT EXISTS t_mark (v BIGINT NOT NULL)");
    clock_gettime(CLOCK_MONOTONIC, &t);
    db_set_deadline(db, (int64_t)t.tv_sec * 1000000000 + t.tv_nsec + 100 * 1000000, NULL, NULL);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(db_prepare(db, "INSERT INTO t_mark (v) VALUES (7)", &st), DB_OK);
    assert_int_equal(db_step(st), DB_DONE);
    db_finalize(st);
    /* every statistics row crossed with itself: far longer than 100 ms */
    assert_int_equal(db_prepare(db,
                                "SELECT COUNT(*) FROM stat_case_delta a, stat_case_delta b "
                                "WHERE a.amount_vnd + b.amount_vnd > 0",
                                &st),
                     DB_OK);
    assert_int_equal(db_step(st), DB_INTERRUPTED);
    assert_string_equal(db_sqlstate(db), "57014");
    db_finalize(st);
    assert_int_equal(db_interrupted(db), DB_STOPPED_DEADLINE);
    assert_int_equal(db_commit(db), DB_INTERRUPTED);
    assert_int_equal(db_query_int64(db, "SELECT COUNT(*) FROM t_mark", &n), DB_INTERRUPTED);
    db_set_deadline(db, 0, NULL, NULL);
    assert_int_equal(db_query_int64(db, "SELECT COUNT(*) FROM t_mark", &n), DB_ROW);
    assert_int_equal(n, 0);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(abandoned_burst_and_deadline),
        cmocka_unit_test(interrupted_transaction_writes_nothing),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("postgres", tests, start_postgres, stop);
    return failed;
}
