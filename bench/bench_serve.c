/*
 * bench/bench_serve.c — `thads serve` on the 1,000,000-case database at 256 connections
 * (issue 18): a case's detail, a page of the case list and of the worklist for a
 * province's leader and for the nation's, a search, each beside a static file served by
 * the same server in the same run; and the server's memory (VmHWM) while it serves them.
 *
 * usage: bench_serve [SECONDS]    measured seconds per target, default 5
 *        BENCH_LISTS_CACHE=DIR    where bench_lists keeps its databases (build/bench-cache)
 *        BENCH_SERVE_CASES=N      which of them (lists-N.db), default 1,000,000
 *        BENCH_SERVE_CONNS=N      connections, default 256
 *        BENCH_SERVE_ONLY=TEXT    only the targets whose name holds TEXT (and the static
 *                                 file), to profile one of them
 *        THADS_BENCH_PG=URL       the same again on PostgreSQL, on the copy of the cases
 *                                 bench_lists leaves in schema bench_lists_big (make bench
 *                                 runs bench_lists first with the same server)
 *
 * Then, when bench_search has left build/bench-cache/search-N.db (make bench runs it before
 * this), GET /api/search for a full name typed without diacritics, common parts drawn at
 * random, by the nation's leader and by a province's, beside the static file again.
 *
 * The database is bench_lists's (it runs first in make bench and writes it once): a
 * ministry, 34 provinces of 10 offices, one province holding a quarter of the cases. Two
 * leaders are added to it once (nation: the ministry; province: the big one) and sign in
 * over HTTP. The server is the real binary (../thads next to this program) started as
 * `thads serve` with its defaults (4 threads, SQLite) except --per-ip-connections, raised
 * so that one client may hold every connection, and --quiet.
 *
 * The client is in this file: one thread, epoll, CONNS keep-alive connections each
 * sending its next request as soon as the answer to the last is complete (no pipelining),
 * like wrk. A request's latency runs from writing it to reading the last byte of its
 * answer. One second of warm-up per target, then SECONDS measured; the targets take turns
 * twice so a neighbour's load falls on all of them. The client shares the machine's cores
 * with the server: the figures are what the machine does with both.
 */
#include "common.h"
#include "core/access.h"
#include "ops/app.h"
#include "ops/user_ops.h"
#include "store/db.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PASSWORD "Bench-mật-khẩu-2026!"
#define NREQ     1024 /* distinct request texts per target, taken in turn */
#define REQ_MAX  1024
#define RESP_MAX (1 << 20)
#define ROUNDS   2

static pid_t server_pid;
static int server_port;

/* ---- the load generator ---- */

typedef struct {
    const char *name;
    const char *expect;
    char (*req)[REQ_MAX]; /* NREQ texts */
    size_t *reqlen;
    int64_t *lat_us;
    int64_t nlat, caplat;
    double seconds;
    int64_t bytes;
} target_t;

typedef struct {
    int fd;
    char *buf;
    size_t len;
    double sent;
    int next;
} conn_t;

static int connect_one(void)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)server_port)};
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;

    if (fd < 0)
        bench_fail("socket: %s", strerror(errno));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0)
        bench_fail("connect: %s", strerror(errno));
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

static void send_req(const target_t *t, conn_t *c)
{
    const char *r = t->req[c->next % NREQ];
    size_t n = t->reqlen[c->next % NREQ], off = 0;

    c->next++;
    c->len = 0;
    c->sent = bench_now();
    while (off < n) {
        ssize_t w = send(c->fd, r + off, n - off, MSG_NOSIGNAL);
        if (w < 0 && errno == EAGAIN)
            continue; /* a request is far below the socket buffer: not reached */
        if (w <= 0)
            bench_fail("send: %s", strerror(errno));
        off += (size_t)w;
    }
}

/* Is the answer in c->buf complete? Its length (headers and body), else 0. */
static size_t answer_complete(conn_t *c, const target_t *t)
{
    char *end, *cl;
    size_t head, body;

    c->buf[c->len] = '\0';
    end = strstr(c->buf, "\r\n\r\n");
    if (end == NULL)
        return 0;
    head = (size_t)(end + 4 - c->buf);
    if (strncmp(c->buf, "HTTP/1.1 200", 12) != 0)
        bench_fail("%s: %.*s", t->name, (int)(strcspn(c->buf, "\r")), c->buf);
    cl = strcasestr(c->buf, "\r\nContent-Length:");
    if (cl == NULL || cl > end)
        bench_fail("%s: an answer without Content-Length", t->name);
    body = (size_t)strtoull(cl + 17, NULL, 10);
    return c->len >= head + body ? head + body : 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Drive t over conns connections for warm + secs seconds, recording the last secs. */
static void run_load(target_t *t, int conns, double warm, double secs)
{
    int ep = epoll_create1(0);
    conn_t *cs = calloc((size_t)conns, sizeof *cs);
    struct epoll_event evs[256];
    double t0 = bench_now(), start = t0 + warm, stop = start + secs;

    if (ep < 0 || cs == NULL)
        bench_fail("epoll: %s", strerror(errno));
    for (int i = 0; i < conns; i++) {
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        cs[i].fd = connect_one();
        if ((cs[i].buf = malloc(RESP_MAX + 1)) == NULL)
            bench_fail("out of memory");
        cs[i].next = i * 37;
        epoll_ctl(ep, EPOLL_CTL_ADD, cs[i].fd, &ev);
        send_req(t, &cs[i]);
    }
    for (;;) {
        int n = epoll_wait(ep, evs, 256, 1000);
        double now = bench_now();
        if (now >= stop)
            break;
        for (int k = 0; k < n; k++) {
            conn_t *c = &cs[evs[k].data.u32];
            size_t done;
            for (;;) {
                ssize_t r = recv(c->fd, c->buf + c->len, RESP_MAX - c->len, 0);
                if (r > 0) {
                    c->len += (size_t)r;
                    continue;
                }
                if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                    break;
                bench_fail("%s: the server closed a connection (%s)", t->name,
                           r == 0 ? "end of file" : strerror(errno));
            }
            if ((done = answer_complete(c, t)) == 0)
                continue;
            now = bench_now();
            if (c->sent >= start) {
                if (t->nlat == t->caplat) {
                    t->caplat = t->caplat ? 2 * t->caplat : 65536;
                    if ((t->lat_us = realloc(t->lat_us, (size_t)t->caplat * 8)) == NULL)
                        bench_fail("out of memory");
                }
                t->lat_us[t->nlat++] = (int64_t)((now - c->sent) * 1e6);
                t->bytes += (int64_t)done;
            }
            send_req(t, c);
        }
    }
    t->seconds += secs;
    for (int i = 0; i < conns; i++) {
        close(cs[i].fd);
        free(cs[i].buf);
    }
    free(cs);
    close(ep);
}

static double pct(const target_t *t, double q)
{
    return (double)t->lat_us[(int64_t)(q * (double)(t->nlat - 1))] / 1000.0;
}

/* ---- the server ---- */

/* VmHWM (peak) or VmRSS of the server, in MiB. */
static double server_mib(const char *field)
{
    char path[64], line[256];
    FILE *f;
    double kb = -1;

    snprintf(path, sizeof path, "/proc/%d/status", (int)server_pid);
    if ((f = fopen(path, "r")) == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, field, strlen(field)) == 0)
            kb = strtod(line + strlen(field) + 1, NULL);
    fclose(f);
    return kb / 1024.0;
}

static void stop_server(void)
{
    if (server_pid > 0) {
        kill(server_pid, SIGTERM);
        waitpid(server_pid, NULL, 0);
        server_pid = 0;
    }
}

static int free_port(void)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    socklen_t len = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
        getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
        bench_fail("no free port");
    port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

/* One blocking request on a fresh connection: the whole answer into out (NUL-ended). */
static int request(const char *text, char *out, size_t cap)
{
    int fd = connect_one();
    size_t len = 0;

    fcntl(fd, F_SETFL, 0);
    if (send(fd, text, strlen(text), MSG_NOSIGNAL) < 0)
        bench_fail("send: %s", strerror(errno));
    for (;;) {
        ssize_t r = recv(fd, out + len, cap - 1 - len, 0);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    out[len] = '\0';
    close(fd);
    return atoi(out + 9);
}

static void start_server(const char *thads, const char *db_url)
{
    char listen[64], answer[4096];

    server_port = free_port();
    snprintf(listen, sizeof listen, "127.0.0.1:%d", server_port);
    server_pid = fork();
    if (server_pid < 0)
        bench_fail("fork: %s", strerror(errno));
    if (server_pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        execl(thads, thads, "serve", "--db", db_url, "--listen", listen, "--quiet",
              "--per-ip-connections", "4096", (char *)NULL);
        _exit(127);
    }
    /* its first minutes may go to the statistics: the cases bench_lists writes have no
     * events, so every start finds no deltas and replays them (on PostgreSQL ~100 s) */
    for (int i = 0; i < 6000; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)server_port)};
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
            close(fd);
            if (request("GET /healthz HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n", answer,
                        sizeof answer) == 200)
                return;
        }
        close(fd);
        usleep(100 * 1000);
    }
    bench_fail("%s serve did not answer within ten minutes", thads);
}

/* Sign in; the "Cookie: ..." line for later requests into cookie. */
static void sign_in(const char *username, char *cookie, size_t len)
{
    char req[1024], body[256], answer[16384], *c;
    int n = snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username,
                     PASSWORD);

    snprintf(req, sizeof req,
             "POST /api/session HTTP/1.1\r\nHost: b\r\nConnection: close\r\n"
             "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
             n, body);
    if (request(req, answer, sizeof answer) != 200 ||
        (c = strcasestr(answer, "\r\nSet-Cookie: ")) == NULL)
        bench_fail("sign in as %s: %.200s", username, answer);
    c += 14;
    snprintf(cookie, len, "Cookie: %.*s", (int)strcspn(c, ";\r"), c);
}

/* The two leaders, added once to the database (their password hashed here). */
static void add_leader(db_t *db, const app_t *app, const char *username, int64_t unit)
{
    char hash[CREDENTIALS_HASH_MAX];
    unsigned roles = 1u << ROLE_LEADER;
    user_input_t in = {username, "Lãnh đạo (bench)", unit, roles, hash, 0};
    db_stmt_t *st;
    op_error_t err;
    int64_t id;
    int rc;

    if (db_prepare(db, "SELECT id FROM app_user WHERE username = $1", &st) != DB_OK)
        bench_fail("%s", db_errmsg(db));
    db_bind_text(st, 1, username);
    rc = db_step(st);
    db_finalize(st);
    if (rc == DB_ROW)
        return;
    if (user_password_prepare(app, username, PASSWORD, hash, &err) != 0)
        bench_fail("password: %s", err.en);
    if (db_begin(db) != DB_OK ||
        user_op_create(db, &in, civil_date_of_utc(time(NULL)), 1, &id, &err) != 0 ||
        db_commit(db) != DB_OK)
        bench_fail("leader %s: %s %s", username, err.en, db_errmsg(db));
}

/* The target's NREQ requests: GET of each path path_of writes, as the cookie's user. */
static void set_paths(target_t *t, const char *cookie,
                      void (*path_of)(char *path, size_t len, uint64_t *rng, const void *arg),
                      const void *arg)
{
    uint64_t rng = 42;

    t->req = malloc(NREQ * sizeof *t->req);
    t->reqlen = malloc(NREQ * sizeof *t->reqlen);
    if (t->req == NULL || t->reqlen == NULL)
        bench_fail("out of memory");
    for (int i = 0; i < NREQ; i++) {
        char path[256];
        path_of(path, sizeof path, &rng, arg);
        t->reqlen[i] =
            (size_t)snprintf(t->req[i], REQ_MAX, "GET %s HTTP/1.1\r\nHost: b\r\n%s\r\n\r\n", path,
                             cookie ? cookie : "");
    }
}

typedef struct {
    const char *fmt; /* with one %lld: a random case id up to ncases */
    int64_t ncases;
} numbered_t;

static void numbered_path(char *path, size_t len, uint64_t *rng, const void *arg)
{
    const numbered_t *n = arg;
    snprintf(path, len, n->fmt, (long long)(1 + bench_rng(rng) % (uint64_t)n->ncases));
}

static void set_requests(target_t *t, const char *cookie, const char *fmt, int64_t ncases)
{
    numbered_t n = {fmt, ncases};
    set_paths(t, cookie, numbered_path, &n);
}

/* A search for a full name as typed without diacritics: common parts drawn at random,
 * so some names are found many times and some not at all. */
static void name_search_path(char *path, size_t len, uint64_t *rng, const void *arg)
{
    static const char *const family[] = {"nguyen", "tran", "le",   "pham", "hoang",
                                         "phan",   "vu",   "dang", "bui",  "do"};
    static const char *const middle[] = {"thi", "van", "duc", "minh", "thanh", "quoc", "ngoc"};
    static const char *const given[] = {"huong", "an",  "binh", "hai",  "lan",  "mai",
                                        "nam",   "son", "tuan", "viet", "dung", "giang"};
#define PICK(a) a[bench_rng(rng) % (sizeof a / sizeof *a)]
    (void)arg;
    snprintf(path, len, "/api/search?q=%s%%20%s%%20%s", PICK(family), PICK(middle), PICK(given));
#undef PICK
}

static void run_targets(const char *engine, const char *what, int64_t ncases, target_t *t, int n,
                        int conns, double secs);

/* The targets BENCH_SERVE_ONLY names, t[0] (the static file) always: their number, moved
 * to the front of t; the others' requests freed. */
static int keep_wanted(target_t *t, int n)
{
    const char *only = getenv("BENCH_SERVE_ONLY");
    int kept = 1;

    for (int i = 1; i < n; i++) {
        if (only == NULL || strstr(t[i].name, only) != NULL) {
            t[kept++] = t[i];
            continue;
        }
        free(t[i].req), free(t[i].reqlen);
    }
    return kept;
}

/* The "Cookie: ..." lines of the two leaders, signed in to the server started on url. */
typedef struct {
    char nation[700], province[700];
} leaders_t;

/* Add the leaders to the database at url once (nation: the ministry, unit 1; province:
 * unit 3, the big one in both bench_lists' and bench_search's data), start the server on
 * it and sign them in. */
static void start_with_leaders(const char *thads, const char *url, const app_t *app, leaders_t *who)
{
    char err[512];
    db_t *db;

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    add_leader(db, app, "bench.nation", 1);
    add_leader(db, app, "bench.province", 3);
    db_close(db);
    start_server(thads, url);
    sign_in("bench.nation", who->nation, sizeof who->nation);
    sign_in("bench.province", who->province, sizeof who->province);
}

/* The targets against `thads serve --db url`, printed as serve/<engine> lines. */
static void serve_engine(const char *engine, const char *thads, const char *url, const char *what,
                         int64_t ncases, int conns, double secs, const app_t *app)
{
    leaders_t who;
    target_t t[6] = {
        {.name = "static GET /print.css", .expect = "O(1)"},
        {.name = "case detail GET /api/cases/{id}", .expect = "O(log n)"},
        {.name = "case list limit=50, province", .expect = "O(page + units x log n)"},
        {.name = "case list limit=50, nation", .expect = "O(page + log n): a window of ids"},
        {.name = "worklist, province", .expect = "O(page + units x log n)"},
        {.name = "worklist, nation", .expect = "O(page + log n): a window of deadlines"},
    };

    start_with_leaders(thads, url, app, &who);
    set_requests(&t[0], NULL, "/print.css", 1);
    set_requests(&t[1], who.nation, "/api/cases/%lld", ncases);
    set_requests(&t[2], who.province, "/api/cases?limit=50", 1);
    set_requests(&t[3], who.nation, "/api/cases?limit=50", 1);
    set_requests(&t[4], who.province, "/api/worklist", 1);
    set_requests(&t[5], who.nation, "/api/worklist", 1);

    run_targets(engine, what, ncases, t, keep_wanted(t, 6), conns, secs);
}

/* Run the targets of the running server in turns, t[0] the static file the others are
 * compared with; print them and the server's memory, stop the server. */
static void run_targets(const char *engine, const char *what, int64_t ncases, target_t *t, int n,
                        int conns, double secs)
{
    printf("serve: thads serve (4 threads, %s, %" PRId64 " cases) against %d keep-alive "
           "connections from one epoll thread on the same %ld cores; %.0f s per target in %d "
           "turns\n",
           what, ncases, conns, sysconf(_SC_NPROCESSORS_ONLN), secs, ROUNDS);
    fflush(stdout);
    for (int r = 0; r < ROUNDS; r++)
        for (int i = 0; i < n; i++) {
            fprintf(stderr, "bench_serve: %s %s, turn %d\n", engine, t[i].name, r + 1);
            run_load(&t[i], conns, 1.0, secs / ROUNDS);
            fprintf(stderr, "bench_serve: %s: %" PRId64 " answers so far\n", t[i].name, t[i].nlat);
        }
    for (int i = 0; i < n; i++)
        if (t[i].nlat == 0)
            bench_fail("%s: no answer in %.0f s at %d connections", t[i].name, secs, conns);
    for (int i = 0; i < n; i++)
        qsort(t[i].lat_us, (size_t)t[i].nlat, sizeof *t[i].lat_us, cmp_i64);
    for (int i = 0; i < n; i++) {
        double rate = (double)t[i].nlat / t[i].seconds, srate = (double)t[0].nlat / t[0].seconds;
        printf("serve/%-6s %-34s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %6" PRId64
               " B/answer  (static: %.0f req/s, ratio %.2f)  expect %s\n",
               engine, t[i].name, rate, pct(&t[i], 0.50), pct(&t[i], 0.99), t[i].bytes / t[i].nlat,
               srate, rate / srate, t[i].expect);
    }
    printf("serve/%-6s server memory: VmHWM %.1f MiB, VmRSS %.1f MiB (the whole run)\n", engine,
           server_mib("VmHWM:"), server_mib("VmRSS:"));
    fflush(stdout);
    stop_server();
    for (int i = 0; i < n; i++)
        free(t[i].req), free(t[i].reqlen), free(t[i].lat_us);
}

/* GET /api/search on bench_search's database (every case with the search document an
 * import leaves): a name for the nation's leader and for a province's. */
static void serve_search(const char *thads, const char *path, int64_t ncases, int conns,
                         double secs, const app_t *app)
{
    char url[PATH_MAX + 8];
    leaders_t who;
    target_t t[3] = {
        {.name = "static GET /print.css", .expect = "O(1)"},
        {.name = "search, a name, nation", .expect = "O(candidates x log n)"},
        {.name = "search, a name, province", .expect = "O(candidates x log n)"},
    };

    snprintf(url, sizeof url, "sqlite:%s", path);
    start_with_leaders(thads, url, app, &who);
    set_requests(&t[0], NULL, "/print.css", 1);
    set_paths(&t[1], who.nation, name_search_path, NULL);
    set_paths(&t[2], who.province, name_search_path, NULL);
    /* at 256 connections a search is answered after a second or more: shorter turns would
     * time the queue filling, not the rate (2 s a target answered none at all) */
    run_targets("sqlite", path, ncases, t, keep_wanted(t, 3), conns, secs < 8 ? 8 : secs);
}

/* The PostgreSQL copy of the cases bench_lists left in schema bench_lists_big of the server
 * at pg (url into out), if it holds ncases: 1, else 0. */
static int pg_lists(const char *pg, int64_t ncases, char *out, size_t len)
{
    char err[512];
    int64_t have = -1;
    db_t *db;

    snprintf(out, len, "%s%soptions=-csearch_path%%3Dbench_lists_big", pg,
             strchr(pg, '?') ? "&" : "?");
    if (db_open(out, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    if (db_query_int64(db,
                       "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema "
                       "= 'bench_lists_big' AND table_name = 'bench_lists_meta'",
                       &have) == DB_ROW &&
        have == 1)
        db_query_int64(db, "SELECT cases FROM bench_lists_meta", &have);
    else
        have = -1;
    db_close(db);
    return have == ncases;
}

int main(int argc, char **argv)
{
    const char *cache = getenv("BENCH_LISTS_CACHE"), *ncases_env = getenv("BENCH_SERVE_CASES");
    const char *conns_env = getenv("BENCH_SERVE_CONNS"), *pg = getenv("THADS_BENCH_PG");
    int64_t ncases = ncases_env ? strtoll(ncases_env, NULL, 10) : 1000000;
    int conns = conns_env ? atoi(conns_env) : 256;
    double secs = argc > 1 ? atof(argv[1]) : 5;
    char path[PATH_MAX], thads[PATH_MAX], url[PATH_MAX + 300], what[PATH_MAX + 32], err[512];
    calendar_t *cal = NULL;
    app_t app;
    char *slash;

    bench_set_name("bench_serve");
    if (argc > 2 || secs <= 0 || conns < 1 || conns > 4000) {
        fprintf(stderr, "usage: bench_serve [SECONDS]\n");
        return 2;
    }
    if (cache == NULL || cache[0] == '\0')
        cache = "build/bench-cache";
    snprintf(path, sizeof path, "%s/lists-%" PRId64 ".db", cache, ncases);
    if (access(path, R_OK) != 0) {
        printf("serve: %s is missing: bench_lists writes it (make bench runs it first); "
               "skipped\n",
               path);
        return 0;
    }
    if (realpath(argv[0], thads) == NULL || (slash = strrchr(thads, '/')) == NULL)
        bench_fail("cannot find this program's directory");
    *slash = '\0';
    if ((slash = strrchr(thads, '/')) == NULL)
        bench_fail("cannot find the thads binary");
    snprintf(slash, sizeof thads - (size_t)(slash - thads), "/thads");
    if (access(thads, X_OK) != 0)
        bench_fail("%s: not found", thads);
    signal(SIGPIPE, SIG_IGN);
    atexit(stop_server);
    if (calendar_build("", &cal, err, sizeof err) != 0)
        bench_fail("calendar: %s", err);
    app_init(&app, cal, "bench");

    snprintf(url, sizeof url, "sqlite:%s", path);
    snprintf(what, sizeof what, "SQLite %s", path);
    serve_engine("sqlite", thads, url, what, ncases, conns, secs, &app);
    snprintf(path, sizeof path, "%s/search-%" PRId64 ".db", cache, ncases);
    if (access(path, R_OK) == 0)
        serve_search(thads, path, ncases, conns, secs, &app);
    else
        printf("serve: %s is missing: bench_search writes it (make bench runs it first); the "
               "search is skipped\n",
               path);
    if (pg != NULL && pg[0] != '\0') {
        if (pg_lists(pg, ncases, url, sizeof url))
            serve_engine("pg", thads, url, "PostgreSQL, bench_lists's schema", ncases, conns, secs,
                         &app);
        else
            printf("serve/pg: bench_lists's PostgreSQL schema of %" PRId64
                   " cases is missing (bench_lists writes it when THADS_BENCH_PG is set); "
                   "skipped\n",
                   ncases);
    }
    calendar_free(cal);
    return 0;
}
