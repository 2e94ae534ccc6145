/*
 * cli/migrate.c — `thads migrate`.
 */
#include "cli/cli.h"
#include "embed.h"
#include "store/migrate.h"

#include <getopt.h>
#include <stdio.h>

static void progress(int64_t version, const char *name, void *arg)
{
    (void)arg;
    printf("applied %04lld %s\n", (long long)version, name);
    fflush(stdout);
}

int cmd_migrate(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    db_t *db;
    int c, rc, applied = 0;
    int64_t version = 0;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else
            return cli_bad_option("migrate", argc, argv);
    }
    if (optind < argc)
        return cli_usage_error("migrate", "unexpected argument '%s'", argv[optind]);
    rc = cli_open_db("migrate", url, &db);
    if (rc != 0)
        return rc;
    if (migrate_apply(db, embedded_migrations, progress, NULL, &applied) != DB_OK) {
        rc = cli_fail("migrate", "%s", db_errmsg(db));
        db_close(db);
        return rc;
    }
    if ((rc = cli_rebuild_stats("migrate", db, 1)) != 0) {
        db_close(db);
        return rc;
    }
    migrate_current_version(db, &version);
    printf("%s: schema version %lld (%d applied)\n", db_engine_name(db), (long long)version,
           applied);
    db_close(db);
    return 0;
}
