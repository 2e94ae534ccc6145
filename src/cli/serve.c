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
#include "jobs/mail_job.h"
#include "core/mail.h"
#include "store/pool.h"

#include <getopt.h>
#include <signal.h>
#include <sys/resource.h>
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

/* /metrics lines of the outbox: messages by state, the oldest waiting one's age. */
static void outbox_metrics(mail_job_t *job, char **buf, size_t *len, size_t *cap)
{
    outbox_counts_t c;
    int64_t taken_at;
    static const char *const states[] = {"pending", "sending", "sent", "failed"};

    mail_job_counts(job, &c, &taken_at);
    const int64_t n[] = {c.pending, c.sending, c.sent, c.failed};
    metrics_appendf(buf, len, cap,
                    "# HELP thads_outbox_messages Notifications by email and fax, by state.\n"
                    "# TYPE thads_outbox_messages gauge\n");
    for (size_t i = 0; i < 4; i++)
        metrics_appendf(buf, len, cap, "thads_outbox_messages{state=\"%s\"} %lld\n", states[i],
                        (long long)n[i]);
    metrics_appendf(buf, len, cap,
                    "# HELP thads_outbox_oldest_pending_seconds Age of the oldest notification "
                    "not yet delivered (0: none).\n"
                    "# TYPE thads_outbox_oldest_pending_seconds gauge\n"
                    "thads_outbox_oldest_pending_seconds %lld\n",
                    (long long)(c.oldest_pending_at > 0 && taken_at > c.oldest_pending_at
                                    ? (taken_at - c.oldest_pending_at) / 1000000
                                    : 0));
}

typedef struct {
    deadline_job_t *deadlines;
    mail_job_t *mail;
} jobs_t;

static void all_metrics(void *arg, char **buf, size_t *len, size_t *cap)
{
    jobs_t *j = arg;
    deadline_metrics(j->deadlines, buf, len, cap);
    if (j->mail != NULL)
        outbox_metrics(j->mail, buf, len, cap);
}

static long parse_count(const char *s, long lo, long hi);

/* The outbox's delivery settings from the environment (docs/operations.md). 0, or -1
 * naming the bad variable in err. */
static int mail_config_env(mail_config_t *m, int quiet, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        long lo, hi;
    } nums[] = {{"THADS_SMTP_TIMEOUT", 1, 3600},     {"THADS_SMTP_RETRY_BASE", 1, 86400},
                {"THADS_SMTP_RETRY_MAX", 1, 604800}, {"THADS_SMTP_MAX_ATTEMPTS", 1, 1000},
                {"THADS_OUTBOX_POLL", 1, 3600},      {"THADS_OUTBOX_LEASE", 1, 86400}};
    int *fields[] = {&m->timeout_s,    &m->retry_base_s, &m->retry_max_s,
                     &m->max_attempts, &m->poll_s,       &m->lease_s};
    const char *tls = cli_env("THADS_SMTP_STARTTLS", "try");

    memset(m, 0, sizeof *m);
    m->smtp_url = cli_env("THADS_SMTP_URL", NULL);
    m->user = cli_env("THADS_SMTP_USER", NULL);
    m->password = cli_env("THADS_SMTP_PASSWORD", NULL);
    m->from = cli_env("THADS_SMTP_FROM", NULL);
    m->from_name = cli_env("THADS_SMTP_FROM_NAME", NULL);
    m->fax_gateway = cli_env("THADS_FAX_GATEWAY", NULL);
    m->quiet = quiet;
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        const char *v = cli_env(nums[i].name, NULL);
        long n = v != NULL ? parse_count(v, nums[i].lo, nums[i].hi) : 0;
        if (n < 0) {
            snprintf(err, errlen, "%s must be a number from %ld to %ld, not '%s'", nums[i].name,
                     nums[i].lo, nums[i].hi, v);
            return -1;
        }
        *fields[i] = (int)n;
    }
    if (m->smtp_url != NULL && strncmp(m->smtp_url, "smtp://", 7) != 0 &&
        strncmp(m->smtp_url, "smtps://", 8) != 0) {
        snprintf(err, errlen,
                 "THADS_SMTP_URL is smtp://HOST[:PORT] or smtps://HOST[:PORT], not '%s'",
                 m->smtp_url);
        return -1;
    }
    if (m->from != NULL && mail_address_check(m->from) != 0) {
        snprintf(err, errlen, "THADS_SMTP_FROM is an email address, not '%s'", m->from);
        return -1;
    }
    if (m->fax_gateway != NULL && mail_gateway_check(m->fax_gateway) != 0) {
        snprintf(err, errlen,
                 "THADS_FAX_GATEWAY is an address, with {fax} where the number goes if it "
                 "goes in the address ({fax}@fax.example.vn), not '%s'",
                 m->fax_gateway);
        return -1;
    }
    if (strcmp(tls, "try") == 0)
        m->starttls = 0;
    else if (strcmp(tls, "require") == 0)
        m->starttls = 1;
    else if (strcmp(tls, "never") == 0)
        m->starttls = -1;
    else {
        snprintf(err, errlen, "THADS_SMTP_STARTTLS is try, require or never, not '%s'", tls);
        return -1;
    }
    return 0;
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

/* A whole number from lo to hi, or -1. */
static long parse_count(const char *s, long lo, long hi)
{
    char *end;
    long n;

    if (s == NULL || *s == '\0')
        return -1;
    n = strtol(s, &end, 10);
    return *end != '\0' || n < lo || n > hi ? -1 : n;
}

/* Each connection is a file descriptor; so are the database connections, the listening
 * socket, the epoll and wake-up descriptors of each worker, and the files thads reads.
 * Raise the soft limit toward the hard one when the connection limit needs it; when
 * even the hard limit is too low, serve fewer connections and say so. */
#define FD_RESERVE 64

static unsigned fit_fd_limit(unsigned max_connections, int threads)
{
    struct rlimit rl;
    rlim_t need = (rlim_t)max_connections + (rlim_t)threads * 4 + FD_RESERVE;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
        return max_connections;
    rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < need ? rl.rlim_max : need;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0 && getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return max_connections;
    if (rl.rlim_cur >= need)
        return max_connections;
    need = rl.rlim_cur > (rlim_t)threads * 4 + FD_RESERVE + 16
               ? rl.rlim_cur - (rlim_t)threads * 4 - FD_RESERVE
               : 16;
    fprintf(stderr,
            "thads: serve: the open-file limit is %llu (ulimit -n; hard limit %llu): serving "
            "%llu connections at once instead of %u\n",
            (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max,
            (unsigned long long)need, max_connections);
    return (unsigned)need;
}

/* Append one origin, or a comma-separated list of them, to list; each is
 * http[s]://HOST[:PORT] with no path. 0, or -1 naming the bad one in bad. */
static int add_origins(char *list, size_t cap, const char *arg, char *bad, size_t badlen)
{
    for (const char *p = arg; *p != '\0';) {
        size_t n = strcspn(p, ","), used = strlen(list);
        const char *host = strncmp(p, "https://", 8) == 0  ? p + 8
                           : strncmp(p, "http://", 7) == 0 ? p + 7
                                                           : NULL;
        size_t hlen = host ? n - (size_t)(host - p) : 0;

        if (host != NULL && hlen > 0 && host[hlen - 1] == '/')
            hlen--;
        if (host == NULL || hlen == 0 || memchr(host, '/', hlen) != NULL ||
            memchr(p, ' ', n) != NULL || used + n + 2 > cap) {
            snprintf(bad, badlen, "%.*s", (int)n, p);
            return -1;
        }
        snprintf(list + used, cap - used, "%s%.*s", used ? "," : "", (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"listen", required_argument, NULL, 'l'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"holidays", required_argument, NULL, 'H'},
                                         {"rules", required_argument, NULL, 'R'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"secure-cookie", no_argument, NULL, 'S'},
                                         {"max-connections", required_argument, NULL, 'C'},
                                         {"per-ip-connections", required_argument, NULL, 'P'},
                                         {"timeout", required_argument, NULL, 'T'},
                                         {"request-timeout", required_argument, NULL, 'Q'},
                                         {"metrics-token", required_argument, NULL, 'M'},
                                         {"allowed-origin", required_argument, NULL, 'O'},
                                         {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    const char *listen = cli_env("THADS_LISTEN", CLI_DEFAULT_LISTEN);
    const char *holidays = cli_env("THADS_HOLIDAYS", NULL);
    const char *rules_file = cli_env("THADS_RULES", NULL);
    const char *threads_arg = cli_env("THADS_THREADS", "4");
    const char *secure = cli_env("THADS_SECURE_COOKIE", "0");
    const char *max_conn_arg = cli_env("THADS_MAX_CONNECTIONS", NULL);
    const char *per_ip_arg = cli_env("THADS_PER_IP_CONNECTIONS", NULL);
    const char *timeout_arg = cli_env("THADS_TIMEOUT", NULL);
    const char *request_timeout_arg = cli_env("THADS_REQUEST_TIMEOUT", NULL);
    const char *metrics_token = cli_env("THADS_METRICS_TOKEN", NULL);
    const char *origins_env = cli_env("THADS_ALLOWED_ORIGINS", NULL);
    static char origins[4096];
    int origin_flags = 0;
    long max_conn = HTTP_DEFAULT_MAX_CONNECTIONS, per_ip = HTTP_DEFAULT_PER_IP,
         timeout = HTTP_DEFAULT_TIMEOUT, request_timeout = HTTP_DEFAULT_REQUEST_TIMEOUT;
    int threads, quiet = 0, c, rc, sig;
    calendar_t *cal = NULL;
    rules_t *rules = NULL;
    db_t *db = NULL;
    db_pool_t *pool = NULL;
    http_server_t *srv = NULL;
    deadline_job_t *job = NULL;
    mail_job_t *mail = NULL;
    mail_config_t mail_cfg;
    static jobs_t jobs;
    sigset_t stop_signals;
    char err[512];
    app_t app;

    origins[0] = '\0';
    if (origins_env != NULL && add_origins(origins, sizeof origins, origins_env, err, sizeof err))
        return cli_usage_error("serve",
                               "THADS_ALLOWED_ORIGINS wants http[s]://HOST[:PORT] origins "
                               "separated by commas, not '%s'",
                               err);
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
        case 'C':
            max_conn_arg = optarg;
            break;
        case 'P':
            per_ip_arg = optarg;
            break;
        case 'T':
            timeout_arg = optarg;
            break;
        case 'Q':
            request_timeout_arg = optarg;
            break;
        case 'M':
            metrics_token = optarg;
            break;
        case 'O':
            /* flags replace the variable's list */
            if (origin_flags++ == 0)
                origins[0] = '\0';
            if (add_origins(origins, sizeof origins, optarg, err, sizeof err) != 0)
                return cli_usage_error("serve",
                                       "--allowed-origin wants http[s]://HOST[:PORT] with no "
                                       "path, not '%s'",
                                       err);
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

    if (max_conn_arg != NULL && (max_conn = parse_count(max_conn_arg, 16, 1000000)) < 0)
        return cli_usage_error("serve",
                               "--max-connections must be a number from 16 to 1000000, "
                               "not '%s'",
                               max_conn_arg);
    if (per_ip_arg != NULL && (per_ip = parse_count(per_ip_arg, 1, 1000000)) < 0)
        return cli_usage_error("serve",
                               "--per-ip-connections must be a number from 1 to 1000000, "
                               "not '%s'",
                               per_ip_arg);
    if (timeout_arg != NULL && (timeout = parse_count(timeout_arg, 1, 3600)) < 0)
        return cli_usage_error("serve",
                               "--timeout must be a number of seconds from 1 to 3600, "
                               "not '%s'",
                               timeout_arg);
    if (request_timeout_arg != NULL &&
        (request_timeout = parse_count(request_timeout_arg, 1, 86400)) < 0)
        return cli_usage_error("serve",
                               "--request-timeout must be a number of seconds from 1 to 86400, "
                               "not '%s'",
                               request_timeout_arg);
    if (metrics_token != NULL && metrics_token[0] != '\0' &&
        (strlen(metrics_token) < 16 || strcspn(metrics_token, " \t\r\n") != strlen(metrics_token)))
        return cli_usage_error("serve", "the metrics token must be at least 16 characters, "
                                        "without spaces (e.g. openssl rand -hex 32)");

    if (mail_config_env(&mail_cfg, quiet, err, sizeof err) != 0)
        return cli_usage_error("serve", "%s", err);

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
        .max_connections = fit_fd_limit((unsigned)max_conn, threads),
        .per_ip_connections = (unsigned)per_ip,
        .timeout = (unsigned)timeout,
        .request_timeout = (unsigned)request_timeout,
        .metrics_token = metrics_token,
        .allowed_origins = origins,
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
    if (mail_job_start(url, &mail_cfg, &mail, err, sizeof err) != 0) {
        deadline_job_stop(job);
        http_server_stop(srv, 0);
        rc = cli_fail("serve", "cannot start the outbox: %s", err);
        goto out;
    }
    jobs.deadlines = job;
    jobs.mail = mail;
    http_server_add_metrics(srv, all_metrics, &jobs);
    fprintf(stderr,
            "thads %s serving http://%s (port %d, %s, %d threads, %u connections, %ld per "
            "address, %ld s timeout, %ld s per request); Ctrl-C stops\n",
            THADS_VERSION, listen, http_server_port(srv),
            db_pool_engine(pool) == DB_ENGINE_SQLITE ? "sqlite" : "postgres", threads,
            cfg.max_connections, per_ip, timeout, request_timeout);
    sigwait(&stop_signals, &sig);
    fprintf(stderr, "thads: %s received, finishing requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    http_server_stop(srv, 10000);
    mail_job_stop(mail);
    deadline_job_stop(job);
    rc = 0;
out:
    db_pool_close(pool);
    calendar_free(cal);
    rules_free(rules);
    return rc;
}
