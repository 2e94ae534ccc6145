/*
 * cli/serve.c — `thads serve`: migrate, then serve until SIGINT/SIGTERM.
 *
 * Signals are blocked before any thread starts, so every worker inherits the mask
 * and only the main thread, in sigwait(), ever sees them; shutdown then runs as
 * ordinary code instead of inside a signal handler.
 */
#include "api/handlers.h"
#include "ops/app.h"
#include "cli/cli.h"
#include "http/http.h"
#include "http/metrics.h"
#include "jobs/deadline_job.h"
#include "store/pool.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BODY (1u << 20) /* 1 MiB: the largest JSON document the API accepts */

static civil_date_t today_of_app(void *app)
{
    return app_today(app);
}

typedef struct {
    char **buf;
    size_t *len, *cap;
} metrics_out_t;

static void emit_overdue(const char *unit_code, int64_t overdue, void *arg)
{
    metrics_out_t *m = arg;
    metrics_appendf(m->buf, m->len, m->cap, "thads_deadlines_overdue{unit=\"%s\"} %lld\n",
                    unit_code, (long long)overdue);
}

/* /metrics lines of the deadline job: overdue deadlines per unit, and when counted. */
static void deadline_metrics(void *job, char **buf, size_t *len, size_t *cap)
{
    metrics_out_t m = {buf, len, cap};
    civil_date_t day;
    int64_t taken_at;

    metrics_appendf(buf, len, cap,
                    "# HELP thads_deadlines_overdue Open legal deadlines past due, by unit.\n"
                    "# TYPE thads_deadlines_overdue gauge\n");
    deadline_job_snapshot(job, emit_overdue, &m, &day, &taken_at);
    metrics_appendf(buf, len, cap,
                    "# HELP thads_deadlines_refreshed_timestamp_seconds When they were counted.\n"
                    "# TYPE thads_deadlines_refreshed_timestamp_seconds gauge\n"
                    "thads_deadlines_refreshed_timestamp_seconds %lld\n",
                    (long long)taken_at);
}

static int parse_threads(const char *s, int *out)
{
    char *end;
    long n = strtol(s, &end, 10);

    if (*end != '\0' || n < 1 || n > 256)
        return -1;
    *out = (int)n;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},      {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'}, {"holidays", required_argument, NULL, 'H'},
        {"rules", required_argument, NULL, 'R'},   {"quiet", no_argument, NULL, 'q'},
        {"secure-cookie", no_argument, NULL, 'S'}, {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    const char *listen = cli_env("THADS_LISTEN", CLI_DEFAULT_LISTEN);
    const char *holidays = cli_env("THADS_HOLIDAYS", NULL);
    const char *rules_file = cli_env("THADS_RULES", NULL);
    const char *threads_arg = cli_env("THADS_THREADS", "4");
    const char *secure = cli_env("THADS_SECURE_COOKIE", "0");
    int threads, quiet = 0, c, rc, sig;
    calendar_t *cal = NULL;
    rules_t *rules = NULL;
    db_t *db = NULL;
    db_pool_t *pool = NULL;
    http_server_t *srv = NULL;
    deadline_job_t *job = NULL;
    sigset_t stop_signals;
    char err[512];
    app_t app;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            url = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 't':
            threads_arg = optarg;
            break;
        case 'H':
            holidays = optarg;
            break;
        case 'R':
            rules_file = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'S':
            secure = "1";
            break;
        default:
            return cli_bad_option("serve", argc, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    if (strcmp(secure, "0") != 0 && strcmp(secure, "1") != 0)
        return cli_usage_error("serve", "THADS_SECURE_COOKIE is 1 (on) or 0 (off), not '%s'",
                               secure);
    if (parse_threads(threads_arg, &threads) != 0)
        return cli_usage_error("serve", "--threads must be a number from 1 to 256, not '%s'",
                               threads_arg);

    /* A corrected rule table is checked before anything else is touched. */
    if (rules_file != NULL && rules_file[0] != '\0') {
        rc = cli_load_rules("serve", rules_file, &rules);
        if (rc != 0)
            return rc;
    }
    rc = cli_open_migrated("serve", url, &db);
    if (rc != 0)
        goto out;
    db_close(db);
    rc = cli_load_calendar("serve", holidays, &cal);
    if (rc != 0)
        goto out;
    if (db_pool_open(url, threads, &pool, err, sizeof err) != DB_OK) {
        rc = cli_fail("serve", "%s", err);
        goto out;
    }

    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    app_init(&app, cal, THADS_VERSION);
    app.cookie_secure = secure[0] == '1';
    if (rules != NULL)
        app.rules = rules;
    http_config_t cfg = {
        .listen = listen,
        .threads = threads,
        .max_body = MAX_BODY,
        .routes = api_routes,
        .nroutes = api_nroutes,
        .authorize = api_authorize,
        .after = api_after,
        .pool = pool,
        .app = &app,
        .access_log = !quiet,
        .version = THADS_VERSION,
    };
    if (http_server_start(&cfg, &srv, err, sizeof err) != 0) {
        rc = cli_fail("serve", "%s", err);
        goto out;
    }
    if (deadline_job_start(pool, today_of_app, &app, 300, &job) != 0) {
        http_server_stop(srv, 0);
        rc = cli_fail("serve", "cannot start the deadline job");
        goto out;
    }
    http_server_add_metrics(srv, deadline_metrics, job);
    fprintf(stderr, "thads %s serving http://%s (port %d, %s, %d threads); Ctrl-C stops\n",
            THADS_VERSION, listen, http_server_port(srv),
            db_pool_engine(pool) == DB_ENGINE_SQLITE ? "sqlite" : "postgres", threads);
    sigwait(&stop_signals, &sig);
    fprintf(stderr, "thads: %s received, finishing requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    http_server_stop(srv, 10000);
    deadline_job_stop(job);
    rc = 0;
out:
    db_pool_close(pool);
    calendar_free(cal);
    rules_free(rules);
    return rc;
}
