/*
 * bench/bench_http.c — the HTTP layer (http/server.c with the real route table)
 * against a bare libmicrohttpd server on the same machine, so every figure comes
 * with its physical limit.
 *
 * usage: bench_http [REQUESTS]     REQUESTS per target, default 50,000
 *
 * Three targets, each driven by one libcurl multi handle keeping CONCURRENCY
 * connections alive, requests sent back to back:
 *   raw  GET /                   bare libmicrohttpd, same flags and thread pool, one
 *                                fixed JSON body built once           expect O(1) each
 *   ours GET /api/openapi.json   router, arena, handler building the document with
 *                                jansson, standard headers, metrics   expect O(routes) each
 *   ours GET /healthz            the same server path, a pooled SQLite connection and
 *                                two queries (SELECT 1, schema version) expect O(1) each
 * The targets take turns in ROUNDS rounds, so whatever else the machine does falls
 * on all of them alike. A request's latency runs from handing it to libcurl to
 * seeing its answer complete, so it includes the client's own queueing: what a
 * caller of this client would wait.
 *
 * The client runs on the same cores as the servers: the figures are what the
 * machine does with client and server together, a floor for the server alone.
 * Progress goes to stderr, the figures to stdout. The SQLite database lives in a
 * temporary directory under $TMPDIR (or /tmp), removed at exit.
 */
#include "api/handlers.h"
#include "ops/app.h"
#include "embed.h"
#include "http/http.h"
#include "store/migrate.h"
#include "store/pool.h"

#include <curl/curl.h>
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_REQUESTS 50000
#define CONCURRENCY      16
#define THREADS          2   /* server threads, ours and raw alike */
#define ROUNDS           5   /* targets take turns, REQUESTS / ROUNDS each time */
#define WARMUP           200 /* requests per round before the clock starts */

static const char raw_body[] = "{\"status\":\"ok\",\"version\":\"bench\"}";

/* ---- small tools ---- */

/* The database files the temporary directory holds (removed with it). */
static const char *const db_files[] = {"bench.db"};

/* ---- the bare libmicrohttpd server: the physical limit ---- */

/* The usual two-call pattern (headers, then the end of the request), one response
 * built once and queued for every request. */
static enum MHD_Result raw_handler(void *cls, struct MHD_Connection *conn, const char *url,
                                   const char *method, const char *version, const char *upload_data,
                                   size_t *upload_data_size, void **con_cls)
{
    static int marker;
    struct MHD_Response *resp = cls;
    (void)url;
    (void)method;
    (void)version;
    (void)upload_data;

    if (*con_cls == NULL) {
        *con_cls = &marker;
        return MHD_YES;
    }
    *upload_data_size = 0;
    return MHD_queue_response(conn, MHD_HTTP_OK, resp);
}

static struct MHD_Daemon *raw_start(struct MHD_Response *resp, int *port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    const union MHD_DaemonInfo *info;
    /* the flags http/server.c uses */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, 0, NULL, NULL, raw_handler,
        resp, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)THREADS, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);

    if (d == NULL)
        bench_fail("cannot start the bare libmicrohttpd server");
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *port = info ? info->port : 0;
    return d;
}

/* ---- the client ---- */

typedef struct {
    const char *name; /* "http/ours GET /healthz" */
    char url[128];
    int64_t *latency_us; /* one per measured request */
    int64_t nlatency;
    double seconds;   /* measured time, summed over rounds */
    int64_t connects; /* connections opened while measured (keep-alive: none) */
    int64_t body_bytes, header_bytes, responses;
} target_t;

static size_t discard(char *ptr, size_t size, size_t n, void *arg)
{
    (void)ptr;
    (void)arg;
    return size * n;
}

/* One round: warm-up requests, then count measured ones, CONCURRENCY in flight. */
static void run_round(target_t *t, int count, bench_progress_t *p, int64_t *done_total)
{
    CURLM *m = curl_multi_init();
    CURL *easy[CONCURRENCY];
    double sent[CONCURRENCY];
    int total = WARMUP + count, started = 0, done = 0, running = 0;
    double t0 = 0;

    if (m == NULL)
        bench_fail("curl_multi_init failed");
    curl_multi_setopt(m, CURLMOPT_MAXCONNECTS, (long)(2 * CONCURRENCY));
    for (int i = 0; i < CONCURRENCY; i++) {
        easy[i] = curl_easy_init();
        if (easy[i] == NULL)
            bench_fail("curl_easy_init failed");
        curl_easy_setopt(easy[i], CURLOPT_URL, t->url);
        curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy[i], CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy[i], CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(easy[i], CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(easy[i], CURLOPT_PRIVATE, (void *)&sent[i]);
        if (started < total) {
            sent[i] = bench_now();
            curl_multi_add_handle(m, easy[i]);
            started++;
        }
    }
    while (done < total) {
        CURLMsg *msg;
        int left;

        if (curl_multi_perform(m, &running) != CURLM_OK)
            bench_fail("curl_multi_perform failed");
        while ((msg = curl_multi_info_read(m, &left)) != NULL) {
            CURL *e = msg->easy_handle;
            long status = 0, connects = 0, headers = 0;
            curl_off_t body = 0;
            double *when = NULL, now = bench_now();

            if (msg->msg != CURLMSG_DONE)
                continue;
            curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
            if (msg->data.result != CURLE_OK || status != 200)
                bench_fail("%s: %s, status %ld", t->url, curl_easy_strerror(msg->data.result),
                           status);
            curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&when);
            curl_easy_getinfo(e, CURLINFO_NUM_CONNECTS, &connects);
            curl_easy_getinfo(e, CURLINFO_HEADER_SIZE, &headers);
            curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &body);
            curl_multi_remove_handle(m, e);
            if (done >= WARMUP) {
                t->latency_us[t->nlatency++] = (int64_t)((now - *when) * 1e6);
                t->connects += connects;
                t->body_bytes += (int64_t)body;
                t->header_bytes += headers;
                t->responses++;
                (*done_total)++;
            }
            if (++done == WARMUP)
                t0 = bench_now();
            if (started < total) {
                *when = now;
                curl_multi_add_handle(m, e);
                started++;
            }
        }
        bench_progress_update(p, *done_total);
        if (done < total && curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
            bench_fail("curl_multi_poll failed");
    }
    t->seconds += bench_now() - t0;
    for (int i = 0; i < CONCURRENCY; i++)
        curl_easy_cleanup(easy[i]);
    curl_multi_cleanup(m);
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static double percentile_ms(const target_t *t, double q)
{
    int64_t i = (int64_t)(q * (double)(t->nlatency - 1));
    return (double)t->latency_us[i] / 1000.0;
}

static void report(const target_t *t, const target_t *raw, const char *expect)
{
    char vs[160];

    qsort(t->latency_us, (size_t)t->nlatency, sizeof *t->latency_us, cmp_int64);
    if (raw == NULL)
        snprintf(vs, sizeof vs, "the physical limit");
    else
        snprintf(vs, sizeof vs, "raw libmicrohttpd: %.0f req/s, overhead %.2fx",
                 (double)raw->nlatency / raw->seconds,
                 (t->seconds / (double)t->nlatency) / (raw->seconds / (double)raw->nlatency));
    printf("%-31s %8" PRId64 " req   %8.0f req/s  p50 %.2f ms  p99 %.2f ms  (%s; %" PRId64
           " B body + %" PRId64 " B headers, %" PRId64 " reconnects)  expect %s\n",
           t->name, t->nlatency, (double)t->nlatency / t->seconds, percentile_ms(t, 0.50),
           percentile_ms(t, 0.99), vs, t->body_bytes / t->responses, t->header_bytes / t->responses,
           t->connects, expect);
    fflush(stdout);
}

/* ---- our server ---- */

typedef struct {
    db_pool_t *pool;
    calendar_t *cal;
    app_t app;
    http_server_t *srv;
} ours_t;

static void ours_start(ours_t *o)
{
    const embedded_file_t *holidays = embed_find(embedded_data, "holidays.csv");
    char url[4200], err[512];
    http_config_t cfg = {
        .listen = "127.0.0.1:0",
        .threads = THREADS,
        .max_body = 1u << 20,
        .routes = api_routes,
        .nroutes = api_nroutes,
        .authorize = api_authorize,
        .after = api_after,
        .access_log = 0,
        .version = "bench",
    };
    db_t *db;

    snprintf(url, sizeof url, "sqlite:%s/bench.db", bench_tmp_dir);
    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        bench_fail("migrate: %s", db_errmsg(db));
    db_close(db);
    if (calendar_build(holidays ? (const char *)holidays->data : "", &o->cal, err, sizeof err) != 0)
        bench_fail("calendar: %s", err);
    app_init(&o->app, o->cal, "bench");
    if (db_pool_open(url, THREADS, &o->pool, err, sizeof err) != DB_OK)
        bench_fail("pool: %s", err);
    cfg.pool = o->pool;
    cfg.app = &o->app;
    if (http_server_start(&cfg, &o->srv, err, sizeof err) != 0)
        bench_fail("server: %s", err);
}

static void ours_stop(ours_t *o)
{
    http_server_stop(o->srv, 5000);
    db_pool_close(o->pool);
    calendar_free(o->cal);
}

int main(int argc, char **argv)
{
    int64_t requests = DEFAULT_REQUESTS, done = 0;
    struct MHD_Response *resp;
    struct MHD_Daemon *raw_daemon;
    int raw_port;
    ours_t ours;

    bench_set_name("bench_http");
    target_t targets[3] = {{.name = "http/raw GET /"},
                           {.name = "http/ours GET /api/openapi.json"},
                           {.name = "http/ours GET /healthz"}};
    bench_progress_t p;
    double t0 = bench_now();

    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
        fprintf(stderr, "usage: bench_http [REQUESTS]   (per target, default %d)\n",
                DEFAULT_REQUESTS);
        return 2;
    }
    if (argc == 2) {
        char *end;
        errno = 0;
        requests = strtoll(argv[1], &end, 10);
        if (errno != 0 || *end != '\0' || requests < ROUNDS * 100 || requests > 100000000) {
            fprintf(stderr, "bench_http: REQUESTS must be a number from %d to 100000000\n",
                    ROUNDS * 100);
            return 2;
        }
    }
    requests -= requests % ROUNDS;
    signal(SIGPIPE, SIG_IGN);
    if (bench_make_tmp_dir("thads-bench-http", db_files, sizeof db_files / sizeof db_files[0]) != 0)
        return 1;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
        bench_fail("curl_global_init failed");

    resp = MHD_create_response_from_buffer(sizeof raw_body - 1, (void *)raw_body,
                                           MHD_RESPMEM_PERSISTENT);
    if (resp == NULL ||
        MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8") != MHD_YES)
        bench_fail("cannot build the bare server's response");
    raw_daemon = raw_start(resp, &raw_port);
    ours_start(&ours);
    snprintf(targets[0].url, sizeof targets[0].url, "http://127.0.0.1:%d/", raw_port);
    snprintf(targets[1].url, sizeof targets[1].url, "http://127.0.0.1:%d/api/openapi.json",
             http_server_port(ours.srv));
    snprintf(targets[2].url, sizeof targets[2].url, "http://127.0.0.1:%d/healthz",
             http_server_port(ours.srv));
    for (int i = 0; i < 3; i++) {
        targets[i].latency_us = malloc((size_t)requests * sizeof *targets[i].latency_us);
        if (targets[i].latency_us == NULL)
            bench_fail("out of memory");
    }

    printf("http: libmicrohttpd %s, libcurl %s; client: one thread, libcurl multi, %d keep-alive "
           "connections; servers: %d threads each, SQLite in %s\n",
           MHD_get_version(), curl_version_info(CURLVERSION_NOW)->version, CONCURRENCY, THREADS,
           bench_tmp_dir);
    printf("http: the client runs on the same %ld cores as the servers, so every figure is "
           "capped by the machine, not by the server alone\n",
           sysconf(_SC_NPROCESSORS_ONLN));
    fflush(stdout);

    bench_progress_start(&p, "http raw /, ours /api/openapi.json, /healthz", 3 * requests);
    for (int r = 0; r < ROUNDS; r++)
        for (int k = 0; k < 3; k++)
            run_round(&targets[(k + r) % 3], (int)(requests / ROUNDS), &p, &done);
    bench_progress_end(&p);

    report(&targets[0], NULL, "O(1) each");
    report(&targets[1], &targets[0], "O(routes) each");
    report(&targets[2], &targets[0], "O(1) each, 2 queries");

    ours_stop(&ours);
    MHD_stop_daemon(raw_daemon);
    MHD_destroy_response(resp);
    for (int i = 0; i < 3; i++)
        free(targets[i].latency_us);
    curl_global_cleanup();
    printf("http: done in %.1f s\n", bench_now() - t0);
    return 0;
}
