/*
 * cli/reindex.c — `thads reindex`: rebuild every case's search document (store/search.h)
 * from the case rows, in one transaction: cases written before migration 0005 have none,
 * and a damaged index is rebuilt the same way. Then the statistics table, replayed from
 * the events (docs/internals/statistics.md). Idempotent; progress on a terminal.
 */
#include "cli/cli.h"
#include "store/search.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_reindex(int argc, char **argv);

static void show_progress(int64_t done, int64_t total, void *arg)
{
    (void)arg;
    fprintf(stderr, "\rreindex: %lld/%lld cases", (long long)done, (long long)total);
    fflush(stderr);
}

int cmd_reindex(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    int64_t before_cases = 0, before_docs = 0, count = 0;
    int tty = isatty(STDERR_FILENO), c, rc;
    db_t *db;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else
            return cli_bad_option("reindex", argc, argv);
    }
    if (optind < argc)
        return cli_usage_error("reindex", "unexpected argument '%s'", argv[optind]);
    rc = cli_open_migrated("reindex", url, &db);
    if (rc != 0)
        return rc;
    rc = db_begin(db);
    if (rc == DB_OK)
        rc = search_counts(db, &before_cases, &before_docs);
    if (rc == DB_OK)
        rc = search_reindex(db, tty ? show_progress : NULL, NULL, &count);
    if (tty && count > 0)
        fputc('\n', stderr);
    if (rc == DB_OK)
        rc = db_commit(db);
    if (rc != DB_OK) {
        int ret = cli_fail("reindex", "nothing changed: %s", db_errmsg(db));
        if (db_in_transaction(db))
            db_rollback(db);
        db_close(db);
        return ret;
    }
    printf("reindexed %lld case%s (%lld had a search document before)\n", (long long)count,
           count == 1 ? "" : "s", (long long)before_docs);
    /* The statistics too: replayed from the events (docs/internals/statistics.md). */
    rc = cli_rebuild_stats("reindex", db, 0);
    db_close(db);
    if (rc != 0)
        return rc;
    printf("rebuilt the statistics from the cases' events\n");
    return 0;
}
