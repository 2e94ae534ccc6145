/*
 * bench/bench_writes.c — events recorded over HTTP by many clients, beside raw single-row
 * durable transactions on the same engine in the same run (issue 18: writers take turns
 * without sleeping and share their fsyncs; the goal is at least half of raw, p99 under
 * 50 ms).
 *
 * usage: bench_writes [EVENTS]     default 10,000 per engine
 *
 * ours  POST /api/cases/{id}/events, a note, through the real server (router, session,
 *       CSRF, schema, the case lock, the case engine, the event chained and written with
 *       the projection and the search row, the audit row), CONCURRENCY keep-alive
 *       connections from one libcurl multi handle, spread round-robin over CASES cases
 *       of one unit, server with THREADS threads (thads serve's default);
 * raw   one connection, each row its own transaction (BEGIN IMMEDIATE; INSERT one row;
 *       COMMIT) with the durability thads promises: SQLite WAL with synchronous=FULL (one
 *       fsync per commit), PostgreSQL with its default fsync and synchronous_commit. On
 *       PostgreSQL also THREADS connections at once (the server groups their flushes).
 * The SQLite figure also prints how many commits each fsync served (db_commit_stats) and
 * how many writers had to wait for the turn. Built with -DBENCH_BEFORE_GROUP_COMMIT it
 * leaves those out, to run against the store as it was before (before/after figures).
 *
 * SQLite always; PostgreSQL when THADS_BENCH_PG names a database (scripts/bench.sh starts
 * a throw-away server with production durability). After each run the events are
 * counted: every 201 must be a row.
 */
#include "api/handlers.h"
#include "core/access.h"
#include "embed.h"
#include "http/http.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/unit_ops.h"
#include "ops/user_ops.h"
#include "store/migrate.h"
#include "store/pool.h"
#include "common.h"

#include <curl/curl.h>
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_EVENTS 10000
#define CONCURRENCY    16
#define THREADS        4 /* server threads (thads serve's default); raw PostgreSQL connections */
#define MAX_THREADS    64
static int threads = THREADS; /* BENCH_WRITES_THREADS overrides the server's */
#define CASES    64
#define PASSWORD "Mật khẩu đo hiệu năng 2026"

static const char *const db_files[] = {"writes.db", "raw.db"};

/* ---- setup through the operations ---- */

typedef struct {
    const char *url;
    db_pool_t *pool;
    calendar_t *cal;
    app_t app;
    http_server_t *srv;
    int64_t unit, cases[CASES];
    char cookie[600], csrf[128];
} ours_t;

static void setup_data(ours_t *o)
{
    static const case_party_input_t parties[] = {
        {"creditor",
         {.kind = "person", .full_name = "Nguyễn Văn Được", .id_number = "040090000001"}},
        {"debtor", {.kind = "person", .full_name = "Trần Văn Nợ", .id_number = "040090000002"}},
    };
    static const case_item_input_t items[] = {
        {"pay_money", "Trả nợ", 900000000000, 0, 3},
    };
    civil_date_t today = civil_date_of_utc(time(NULL));
    char err[512], hash[CREDENTIALS_HASH_MAX], no[32];
    unit_input_t ministry = {
        "BTP", "Bộ Tư pháp", "ministry", 0, civil_date_from_ymd(2020, 1, 1), CIVIL_DATE_INVALID};
    unit_input_t cuc = {"CUC", "Cục Quản lý thi hành án dân sự", "central_department",
                        0,     civil_date_from_ymd(2020, 1, 1),  CIVIL_DATE_INVALID};
    unit_input_t prov = {"BN", "Thi hành án dân sự tỉnh Bench", "provincial_agency",
                         0,    civil_date_from_ymd(2020, 1, 1), CIVIL_DATE_INVALID};
    unit_input_t office = {"BN-KV1", "Phòng THADS khu vực 1",         "regional_office",
                           0,        civil_date_from_ymd(2020, 1, 1), CIVIL_DATE_INVALID};
    user_input_t acc = {"chv", "Chấp hành viên đo hiệu năng", 0, 1u << ROLE_OFFICER, hash};
    op_error_t e;
    db_t *db;

    if (db_open(o->url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        bench_fail("migrate: %s", db_errmsg(db));
    if (user_password_prepare(&o->app, acc.username, PASSWORD, hash, &e) != 0)
        bench_fail("password: %s", e.en);
    if (db_begin(db) != DB_OK || unit_op_create(db, &ministry, 0, 1, &cuc.parent_id, &e) != 0 ||
        unit_op_create(db, &cuc, 0, 1, &prov.parent_id, &e) != 0 ||
        unit_op_create(db, &prov, 0, 1, &office.parent_id, &e) != 0 ||
        unit_op_create(db, &office, 0, 1, &o->unit, &e) != 0)
        bench_fail("units: %s", e.en);
    acc.unit_id = o->unit;
    if (user_op_create(db, &acc, today, 1, &(int64_t){0}, &e) != 0)
        bench_fail("user: %s", e.en);
    for (int i = 0; i < CASES; i++) {
        case_input_t in = {.unit_id = o->unit,
                           .case_no = no,
                           .source = "application",
                           .category = "civil",
                           .received_on = today - 30,
                           .judgment_no = "1/2026/DS-ST",
                           .court_name = "TAND khu vực 1",
                           .judgment_kind = "civil",
                           .judgment_date = today - 60,
                           .parties = parties,
                           .nparties = 2,
                           .items = items,
                           .nitems = 1};
        snprintf(no, sizeof no, "%d/QĐ-BN", i + 1);
        if (case_op_create(db, &o->app, &in, 0, today, 1, &o->cases[i], &e) != 0)
            bench_fail("case: %s", e.en);
    }
    if (db_commit(db) != DB_OK)
        bench_fail("commit: %s", db_errmsg(db));
    db_close(db);
}

static void ours_start(ours_t *o)
{
    const embedded_file_t *holidays = embed_find(embedded_data, "holidays.csv");
    char err[512];
    http_config_t cfg = {
        .listen = "127.0.0.1:0",
        .threads = threads,
        .max_body = 1u << 20,
        .routes = api_routes,
        .nroutes = api_nroutes,
        .authorize = api_authorize,
        .after = api_after,
        .version = "bench",
    };

    if (calendar_build(holidays ? (const char *)holidays->data : "", &o->cal, err, sizeof err) != 0)
        bench_fail("calendar: %s", err);
    app_init(&o->app, o->cal, "bench");
    o->app.pwhash_ops = crypto_pwhash_OPSLIMIT_MIN; /* the sign-in is not what is measured */
    o->app.pwhash_mem = crypto_pwhash_MEMLIMIT_MIN;
    setup_data(o);
    if (db_pool_open(o->url, threads, &o->pool, err, sizeof err) != DB_OK)
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

/* ---- the client ---- */

typedef struct {
    char *data;
    size_t len;
} buf_t;

static size_t keep(char *ptr, size_t size, size_t n, void *arg)
{
    buf_t *b = arg;
    char *p = realloc(b->data, b->len + size * n + 1);
    if (p == NULL)
        return 0;
    memcpy(p + b->len, ptr, size * n);
    b->len += size * n;
    p[b->len] = '\0';
    b->data = p;
    return size * n;
}

static size_t header(char *ptr, size_t size, size_t n, void *arg)
{
    ours_t *o = arg;
    size_t len = size * n;
    if (len > 12 && strncasecmp(ptr, "Set-Cookie: ", 12) == 0) {
        size_t k = strcspn(ptr + 12, ";\r\n");
        snprintf(o->cookie, sizeof o->cookie, "Cookie: %.*s", (int)k, ptr + 12);
    }
    return len;
}

static void sign_in(ours_t *o)
{
    CURL *e = curl_easy_init();
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    char url[128];
    buf_t b = {0};
    json_t *j;
    long status = 0;

    snprintf(url, sizeof url, "http://127.0.0.1:%d/api/session", http_server_port(o->srv));
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, "{\"username\":\"chv\",\"password\":\"" PASSWORD "\"}");
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, o);
    if (curl_easy_perform(e) != CURLE_OK)
        bench_fail("sign in: no answer");
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200 || (j = json_loads(b.data ? b.data : "", 0, NULL)) == NULL)
        bench_fail("sign in: %ld %s", status, b.data ? b.data : "");
    snprintf(o->csrf, sizeof o->csrf, "X-CSRF-Token: %s",
             json_string_value(json_object_get(j, "csrf_token")));
    json_decref(j);
    free(b.data);
    curl_slist_free_all(h);
    curl_easy_cleanup(e);
}

typedef struct {
    CURL *e;
    char url[128];
    buf_t answer;
    double sent;
} slot_t;

static const char note_body[] = "{\"type\":\"note\",\"occurred_on\":\"%s\",\"reason\":\"Đương "
                                "sự đến làm việc, đề nghị thi hành án theo quyết định\"}";

/* Send n notes with CONCURRENCY in flight: the seconds it took; latencies into lat. */
static double run_ours(ours_t *o, int n, int64_t *lat, bench_progress_t *p)
{
    CURLM *m = curl_multi_init();
    struct curl_slist *h = NULL;
    slot_t slot[CONCURRENCY];
    char body[256], day[11];
    int started = 0, done = 0, running;
    double t0 = bench_now();

    civil_date_format(civil_date_of_utc(time(NULL)), day);
    snprintf(body, sizeof body, note_body, day);
    h = curl_slist_append(h, "Content-Type: application/json");
    h = curl_slist_append(h, o->cookie);
    h = curl_slist_append(h, o->csrf);
    for (int i = 0; i < CONCURRENCY; i++) {
        slot_t *s = &slot[i];
        s->e = curl_easy_init();
        s->answer = (buf_t){0};
        curl_easy_setopt(s->e, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(s->e, CURLOPT_COPYPOSTFIELDS, body);
        curl_easy_setopt(s->e, CURLOPT_WRITEFUNCTION, keep);
        curl_easy_setopt(s->e, CURLOPT_WRITEDATA, &s->answer);
        curl_easy_setopt(s->e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(s->e, CURLOPT_TCP_NODELAY, 1L);
        curl_easy_setopt(s->e, CURLOPT_TIMEOUT, 60L);
        curl_easy_setopt(s->e, CURLOPT_PRIVATE, (void *)s);
    }
    for (int i = 0; i < CONCURRENCY && started < n; i++, started++) {
        snprintf(slot[i].url, sizeof slot[i].url, "http://127.0.0.1:%d/api/cases/%lld/events",
                 http_server_port(o->srv), (long long)o->cases[started % CASES]);
        curl_easy_setopt(slot[i].e, CURLOPT_URL, slot[i].url);
        slot[i].sent = bench_now();
        curl_multi_add_handle(m, slot[i].e);
    }
    while (done < n) {
        CURLMsg *msg;
        int left;
        if (curl_multi_perform(m, &running) != CURLM_OK)
            bench_fail("curl_multi_perform failed");
        while ((msg = curl_multi_info_read(m, &left)) != NULL) {
            slot_t *s = NULL;
            long status = 0;
            if (msg->msg != CURLMSG_DONE)
                continue;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
            curl_easy_getinfo(s->e, CURLINFO_RESPONSE_CODE, &status);
            if (msg->data.result != CURLE_OK || status != 201)
                bench_fail("event: %s, status %ld %s", curl_easy_strerror(msg->data.result), status,
                           s->answer.data ? s->answer.data : "");
            curl_multi_remove_handle(m, s->e);
            lat[done++] = (int64_t)((bench_now() - s->sent) * 1e6);
            s->answer.len = 0;
            if (started < n) {
                snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d/api/cases/%lld/events",
                         http_server_port(o->srv), (long long)o->cases[started % CASES]);
                curl_easy_setopt(s->e, CURLOPT_URL, s->url);
                s->sent = bench_now();
                curl_multi_add_handle(m, s->e);
                started++;
            }
        }
        bench_progress_update(p, done);
        if (done < n && curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
            bench_fail("curl_multi_poll failed");
    }
    t0 = bench_now() - t0;
    for (int i = 0; i < CONCURRENCY; i++) {
        free(slot[i].answer.data);
        curl_easy_cleanup(slot[i].e);
    }
    curl_slist_free_all(h);
    curl_multi_cleanup(m);
    return t0;
}

/* ---- raw single-row durable transactions ---- */

typedef struct {
    const char *url; /* "sqlite:PATH" or a postgresql:// URI */
    int rows, id0;
} raw_job_t;

static void *raw_sqlite(void *arg)
{
    raw_job_t *j = arg;
    sqlite3 *c;
    sqlite3_stmt *ins;

    if (sqlite3_open(j->url + 7, &c) != SQLITE_OK)
        bench_fail("raw sqlite: %s", sqlite3_errmsg(c));
    sqlite3_busy_timeout(c, 5000);
    if (sqlite3_exec(c, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL, NULL, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(c, "INSERT INTO raw_event (id, amount_vnd) VALUES (?1, 1500000)", -1,
                           &ins, NULL) != SQLITE_OK)
        bench_fail("raw sqlite: %s", sqlite3_errmsg(c));
    for (int i = 0; i < j->rows; i++) {
        if (sqlite3_exec(c, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            bench_fail("raw sqlite begin: %s", sqlite3_errmsg(c));
        sqlite3_bind_int64(ins, 1, j->id0 + i);
        if (sqlite3_step(ins) != SQLITE_DONE)
            bench_fail("raw sqlite insert: %s", sqlite3_errmsg(c));
        sqlite3_reset(ins);
        if (sqlite3_exec(c, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            bench_fail("raw sqlite commit: %s", sqlite3_errmsg(c));
    }
    sqlite3_finalize(ins);
    sqlite3_close(c);
    return NULL;
}

static void pq_ok(PGconn *c, PGresult *r, const char *what)
{
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        bench_fail("raw postgres %s: %s", what, PQerrorMessage(c));
    PQclear(r);
}

static void *raw_pg(void *arg)
{
    raw_job_t *j = arg;
    PGconn *c = PQconnectdb(j->url);

    if (PQstatus(c) != CONNECTION_OK)
        bench_fail("raw postgres: %s", PQerrorMessage(c));
    for (int i = 0; i < j->rows; i++) {
        char id[24];
        const char *v[] = {id};
        snprintf(id, sizeof id, "%d", j->id0 + i);
        pq_ok(c, PQexec(c, "BEGIN"), "begin");
        pq_ok(c,
              PQexecParams(c, "INSERT INTO raw_event (id, amount_vnd) VALUES ($1, 1500000)", 1,
                           NULL, v, NULL, NULL, 0),
              "insert");
        pq_ok(c, PQexec(c, "COMMIT"), "commit");
    }
    PQfinish(c);
    return NULL;
}

/* n rows in nthreads threads, each its own connection: the seconds it took. */
static double run_raw(const char *url, int n, int nthreads)
{
    int pg = strncmp(url, "sqlite:", 7) != 0;
    pthread_t t[THREADS];
    raw_job_t job[THREADS];
    char err[512];
    db_t *db;
    double t0;

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (db_exec_script(db, "DROP TABLE IF EXISTS raw_event; CREATE TABLE raw_event "
                           "(id BIGINT PRIMARY KEY, amount_vnd BIGINT NOT NULL)") != DB_OK)
        bench_fail("raw table: %s", db_errmsg(db));
    db_close(db);
    t0 = bench_now();
    for (int i = 0; i < nthreads; i++) {
        job[i] = (raw_job_t){url, n / nthreads, 1 + i * (n / nthreads)};
        if (pthread_create(&t[i], NULL, pg ? raw_pg : raw_sqlite, &job[i]) != 0)
            bench_fail("pthread_create failed");
    }
    for (int i = 0; i < nthreads; i++)
        pthread_join(t[i], NULL);
    return bench_now() - t0;
}

/* ---- checks and figures ---- */

static void check_events(const char *url, int n)
{
    char err[512];
    db_t *db;
    int64_t notes = 0;

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (db_query_int64(db, "SELECT COUNT(*) FROM case_event WHERE type = 'note'", &notes) !=
            DB_ROW ||
        notes != n)
        bench_fail("%" PRId64 " notes written, %d acknowledged", notes, n);
    db_close(db);
}

static int cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void bench_engine(const char *engine, const char *url, const char *raw_url, int n)
{
    ours_t o = {.url = url};
    int64_t *lat = malloc((size_t)n * sizeof *lat);
    int pg = strcmp(engine, "sqlite") != 0;
    bench_progress_t p;
    double ours_s, raw_s, raw_many_s = 0;
    char extra[160] = "";

    if (lat == NULL)
        bench_fail("out of memory");
    ours_start(&o);
    sign_in(&o);
    bench_progress_start(&p, engine, n);
    ours_s = run_ours(&o, n, lat, &p);
    bench_progress_end(&p);
#ifndef BENCH_BEFORE_GROUP_COMMIT
    if (!pg) {
        db_t *db = db_pool_acquire(o.pool);
        db_commit_stats_t s;
        db_commit_stats(db, &s);
        db_pool_release(o.pool, db);
        snprintf(extra, sizeof extra,
                 "  [%" PRId64 " commits, %" PRId64 " fsyncs: %.1f a fsync; %" PRId64 " of %" PRId64
                 " turns waited]",
                 s.commits, s.syncs, s.syncs ? (double)s.commits / (double)s.syncs : 0.0, s.waited,
                 s.turns);
    }
#endif
    ours_stop(&o);
    check_events(url, n);
    raw_s = run_raw(raw_url, n, 1);
    if (pg)
        raw_many_s = run_raw(raw_url, n - n % THREADS, THREADS);
    qsort(lat, (size_t)n, sizeof *lat, cmp_int64);
    printf("writes/%-8s events over HTTP %6d  %7.0f/s  p50 %.1f ms  p99 %.1f ms  | raw "
           "single-row durable transactions, one connection %7.0f/s",
           engine, n, n / ours_s, lat[n / 2] / 1000.0, lat[(n - 1) * 99 / 100] / 1000.0, n / raw_s);
    if (pg)
        printf(" (%d connections: %.0f/s)", THREADS, (n - n % THREADS) / raw_many_s);
    printf("  | ours/raw %.0f%%  (goal >= 50%%, p99 < 50 ms)%s\n", 100.0 * raw_s / ours_s, extra);
    fflush(stdout);
    free(lat);
}

int main(int argc, char **argv)
{
    int n = DEFAULT_EVENTS;
    const char *pg = getenv("THADS_BENCH_PG");
    char url[4200], raw[4200];
    double t0 = bench_now();

    bench_set_name("bench_writes");
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
        fprintf(stderr, "usage: bench_writes [EVENTS]   (per engine, default %d)\n",
                DEFAULT_EVENTS);
        return 2;
    }
    if (argc == 2) {
        char *end;
        long v;
        errno = 0;
        v = strtol(argv[1], &end, 10);
        if (errno != 0 || *end != '\0' || v < 100 || v > 10000000) {
            fprintf(stderr, "bench_writes: EVENTS must be a number from 100 to 10000000\n");
            return 2;
        }
        n = (int)v;
    }
    if (getenv("BENCH_WRITES_THREADS") != NULL) {
        threads = atoi(getenv("BENCH_WRITES_THREADS"));
        if (threads < 1 || threads > MAX_THREADS)
            bench_fail("BENCH_WRITES_THREADS: want 1 to %d", MAX_THREADS);
    }
    signal(SIGPIPE, SIG_IGN);
    if (sodium_init() < 0)
        bench_fail("sodium_init failed");
    if (bench_make_tmp_dir("thads-bench-writes", db_files, sizeof db_files / sizeof db_files[0]) !=
        0)
        return 1;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
        bench_fail("curl_global_init failed");
    printf("writes: %d clients (libcurl multi, keep-alive) against a %d-thread server, notes "
           "spread over %d cases of one unit; the client shares the %ld cores\n",
           CONCURRENCY, threads, CASES, sysconf(_SC_NPROCESSORS_ONLN));
    fflush(stdout);

    snprintf(url, sizeof url, "sqlite:%s/writes.db", bench_tmp_dir);
    snprintf(raw, sizeof raw, "sqlite:%s/raw.db", bench_tmp_dir);
    bench_engine("sqlite", url, raw, n);
    if (pg != NULL && pg[0] != '\0') {
        /* a schema of its own: other benchmarks leave their units in the database */
        char schema[64], sql[200], err[512];
        db_t *admin;
        snprintf(schema, sizeof schema, "bench_writes_%ld", (long)getpid());
        if (db_open(pg, &admin, err, sizeof err) != DB_OK)
            bench_fail("cannot connect to %s: %s", pg, err);
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema,
                 schema);
        if (db_exec_script(admin, sql) != DB_OK)
            bench_fail("%s: %s", sql, db_errmsg(admin));
        snprintf(url, sizeof url, "%s%soptions=-csearch_path%%3D%s", pg,
                 strchr(pg, '?') ? "&" : "?", schema);
        bench_engine("postgres", url, url, n);
        snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
        if (db_exec_script(admin, sql) != DB_OK)
            fprintf(stderr, "bench_writes: cannot drop schema %s: %s\n", schema, db_errmsg(admin));
        db_close(admin);
    } else
        printf("writes/postgres: skipped (THADS_BENCH_PG not set; make bench starts a server)\n");
    curl_global_cleanup();
    printf("writes: done in %.1f s\n", bench_now() - t0);
    return 0;
}
