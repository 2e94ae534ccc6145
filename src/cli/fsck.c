/*
 * cli/fsck.c — `thads fsck`: verify what the database promises about itself and that
 * its constraints cannot enforce: the audit log's hash chain, each case's event chain,
 * the references between rows (not enforced during an import), and every case row,
 * open deadline and statistics row against a replay of the events through the case
 * engine; later every ledger balance. Each check is one entry of `checks` below; all
 * run, each prints one line, and the exit status is 1 if any found damage.
 *
 * It only reads: it neither migrates nor writes, so it may be pointed at a copy or a
 * backup, or at a live database (rows appended while it runs are read on).
 */
#include "cli/cli.h"
#include "ops/app.h"
#include "ops/case_replay.h"
#include "store/prisoners.h"
#include "store/ledger.h"
#include "store/audit.h"
#include "store/cases.h"
#include "store/stat_month.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

typedef enum { FSCK_OK, FSCK_BROKEN, FSCK_FAILED } fsck_result_t;

/* A check prints its one line ("audit log: ...") and says how it went: FSCK_OK,
 * FSCK_BROKEN (the data is damaged) or FSCK_FAILED (could not check: a store error). */
typedef struct {
    const char *name;
    fsck_result_t (*run)(db_t *db);
} fsck_check_t;

/* The audit log's hash chain (store/chain.h): every row's hash, the links between
 * rows, and the chain head, which catches rows removed from the end. */
static fsck_result_t check_audit(db_t *db)
{
    char msg[512] = "";
    int64_t rows = 0, bad_id = 0;
    int rc = audit_verify(db, &rows, &bad_id, msg, sizeof msg);

    if (rc == DB_OK) {
        printf("audit log: %lld row%s, chain intact\n", (long long)rows, rows == 1 ? "" : "s");
        return FSCK_OK;
    }
    if (rc == DB_ERROR && bad_id > 0) {
        /* msg names the row already ("audit_log row 7: ..."); say it once. */
        const char *why = strncmp(msg, "audit_log row ", 14) == 0 && strstr(msg, ": ")
                              ? strstr(msg, ": ") + 2
                              : msg;
        printf("audit log: broken at row %lld: %s\n", (long long)bad_id, why);
        return FSCK_BROKEN;
    }
    if (rc == DB_ERROR && msg[0] != '\0' && bad_id == 0) {
        /* The rows agree with each other but not with the chain head. */
        printf("audit log: broken at the chain head, after row %lld: %s\n", (long long)rows, msg);
        return FSCK_BROKEN;
    }
    printf("audit log: could not check: %s\n", db_errmsg(db));
    return FSCK_FAILED;
}

/* Each case's event chain, and each case row's head against its last event. */
static fsck_result_t check_cases(db_t *db)
{
    char msg[512] = "";
    int64_t cases = 0, events = 0;
    int rc = case_events_verify(db, &cases, &events, msg, sizeof msg);

    if (rc == DB_OK) {
        printf("case events: %lld case%s, %lld event%s, chains intact\n", (long long)cases,
               cases == 1 ? "" : "s", (long long)events, events == 1 ? "" : "s");
        return FSCK_OK;
    }
    if (rc == DB_ERROR && msg[0] != '\0') {
        printf("case events: broken: %s\n", msg);
        return FSCK_BROKEN;
    }
    printf("case events: could not check: %s\n", db_errmsg(db));
    return FSCK_FAILED;
}

/* Every reference between rows: SQLite enforces them as rows are written, except
 * during an import (db_bulk_begin), so they are checked here. */
static fsck_result_t check_references(db_t *db)
{
    char msg[512];
    int64_t bad;
    int rc = db_check_references(db, &bad, msg, sizeof msg);

    if (rc != DB_OK) {
        printf("references: could not check: %s\n", db_errmsg(db));
        return FSCK_FAILED;
    }
    if (bad > 0) {
        printf("references: %lld row%s refer%s to nothing; first: %s\n", (long long)bad,
               bad == 1 ? "" : "s", bad == 1 ? "s" : "", msg);
        return FSCK_BROKEN;
    }
    printf("references: none dangling\n");
    return FSCK_OK;
}

/* Differences named, at most: the count goes on. */
#define REPLAY_LINES 20

static void print_difference(const char *line, void *arg)
{
    (void)arg;
    printf("case rows: %s\n", line);
}

/* Every case's events replayed through the case engine (ops/case_replay.c) against the
 * case row, its open deadlines and the statistics table: an edited state, money column,
 * deadline or statistics row shows. What stays outside every proof is in
 * docs/internals/audit.md. */
static fsck_result_t check_replay(db_t *db)
{
    app_t app;
    case_replay_counts_t n;
    op_error_t err;

    app_init(&app, NULL, THADS_VERSION);
    if (case_replay_all(db, &app, print_difference, NULL, REPLAY_LINES, &n, &err) != 0) {
        printf("case rows: could not check: %s\n", err.en);
        return FSCK_FAILED;
    }
    if (n.differences > REPLAY_LINES)
        printf("case rows: ... and %lld more\n", (long long)(n.differences - REPLAY_LINES));
    if (n.differences > 0) {
        printf("case rows: %lld difference%s from a replay of %lld case%s' events\n",
               (long long)n.differences, n.differences == 1 ? "" : "s", (long long)n.cases,
               n.cases == 1 ? "" : "s");
        return FSCK_BROKEN;
    }
    printf("case rows: %lld case%s replayed: projections, open deadlines and statistics agree\n",
           (long long)n.cases, n.cases == 1 ? "" : "s");
    return FSCK_OK;
}

static int print_ledger_problem(const char *what, void *arg)
{
    int64_t *shown = arg;
    if ((*shown)++ < REPLAY_LINES)
        printf("ledger: %s\n", what);
    return 0;
}

/* The custody ledger (store/ledger.c, ledger_check): transactions balance, balances equal
 * their entries and none is negative, receipt and voucher numbers have no gap or
 * duplicate, and each case's money columns equal its ledger. */
static fsck_result_t check_ledger(db_t *db)
{
    int64_t problems = 0, shown = 0;

    if (ledger_check(db, print_ledger_problem, &shown, &problems) != DB_OK) {
        printf("ledger: could not check: %s\n", db_errmsg(db));
        return FSCK_FAILED;
    }
    if (problems > REPLAY_LINES)
        printf("ledger: ... and %lld more\n", (long long)(problems - REPLAY_LINES));
    if (problems > 0) {
        printf("ledger: %lld problem%s\n", (long long)problems, problems == 1 ? "" : "s");
        return FSCK_BROKEN;
    }
    printf("ledger: transactions balance, balances match their entries, document numbers have "
           "no gap, cases agree\n");
    return FSCK_OK;
}

static int print_prison_problem(const char *what, void *arg)
{
    int64_t *shown = arg;
    if ((*shown)++ < REPLAY_LINES)
        printf("prison: %s\n", what);
    return 0;
}

/* Money collected at camps (store/prisoners.c, prison_check): each unit's in_transit
 * balance is what its camps collected and it has not received, and each camp collection
 * matches its receipt and, once received, its transfer. */
static fsck_result_t check_prison(db_t *db)
{
    int64_t problems = 0, shown = 0;

    if (prison_check(db, print_prison_problem, &shown, &problems) != DB_OK) {
        printf("prison: could not check: %s\n", db_errmsg(db));
        return FSCK_FAILED;
    }
    if (problems > 0) {
        printf("prison: %lld problem%s\n", (long long)problems, problems == 1 ? "" : "s");
        return FSCK_BROKEN;
    }
    printf("prison: money in transit equals the camps' collections not yet received\n");
    return FSCK_OK;
}

/* The monthly stock (migration 0024) against stat_delta summed up to each month's end:
 * what a report reads against what the replay above checked. */
static fsck_result_t check_rollup(db_t *db)
{
    int64_t bad = 0;

    if (stat_month_check(db, &bad) != DB_OK) {
        printf("monthly stock: could not check: %s\n", db_errmsg(db));
        return FSCK_FAILED;
    }
    if (bad > 0) {
        printf("monthly stock: %lld row%s differ%s from the statistics summed\n", (long long)bad,
               bad == 1 ? "" : "s", bad == 1 ? "s" : "");
        return FSCK_BROKEN;
    }
    printf("monthly stock: equals the statistics summed up to each month's end\n");
    return FSCK_OK;
}

static const fsck_check_t checks[] = {
    {"audit", check_audit},   {"cases", check_cases},   {"references", check_references},
    {"replay", check_replay}, {"rollup", check_rollup}, {"ledger", check_ledger},
    {"prison", check_prison},
};

int cmd_fsck(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    char which[200] = "";
    db_t *db;
    int c, rc, bad = 0;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else
            return cli_bad_option("fsck", argc, argv);
    }
    if (optind < argc)
        return cli_usage_error("fsck", "unexpected argument '%s'", argv[optind]);
    rc = cli_open_db("fsck", url, &db);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        fsck_result_t r = checks[i].run(db);
        if (r != FSCK_OK) {
            bad++;
            snprintf(which + strlen(which), sizeof which - strlen(which), "%s%s%s",
                     which[0] ? ", " : "", checks[i].name,
                     r == FSCK_FAILED ? " (could not run)" : "");
        }
    }
    fflush(stdout);
    db_close(db);
    if (bad)
        return cli_fail("fsck", "failed: %s", which);
    return 0;
}
