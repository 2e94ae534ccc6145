/*
 * cli/main.c — `thads COMMAND [OPTIONS]`: find the command, run it.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

const cli_command_t cli_commands[] = {
    {"serve", cmd_serve, "serve the web UI and the JSON API",
     "usage: thads serve [--db URL] [--listen HOST:PORT] [--threads N] [--holidays FILE] "
     "[--quiet]\n"
     "\n"
     "Migrates the database to the newest schema, then serves the UI and the API until\n"
     "SIGINT or SIGTERM, letting requests in flight finish.\n"
     "\n"
     "  --db URL          sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB
     ")\n"
     "  --listen ADDR     address and port (env THADS_LISTEN; default " CLI_DEFAULT_LISTEN ")\n"
     "  --threads N       worker threads and database connections (env THADS_THREADS; "
     "default 4)\n"
     "  --holidays FILE   announced days off/working days CSV (env THADS_HOLIDAYS;\n"
     "                    default: the built-in data/holidays.csv)\n"
     "  --quiet           no access log lines\n"
     "\n"
     "examples:\n"
     "  thads serve\n"
     "  thads serve --db postgres://thads@db1/thads --listen 0.0.0.0:8080 --threads 8\n"},
    {"migrate", cmd_migrate, "bring the database schema up to date",
     "usage: thads migrate [--db URL]\n"
     "\n"
     "Applies every migration the database lacks, each in its own transaction, and\n"
     "prints what it applied. Safe to run repeatedly and from several hosts at once.\n"
     "\n"
     "  --db URL   sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB ")\n"
     "\n"
     "examples:\n"
     "  thads migrate --db sqlite:var/thads.db\n"
     "  THADS_DB=postgresql:///thads?host=/run/postgresql thads migrate\n"},
    {"holidays", cmd_holidays, "list a year's public holidays and days off",
     "usage: thads holidays YEAR [--format text|json] [--holidays FILE]\n"
     "\n"
     "Lists the public holidays (fixed and lunar), compensatory days off and the days\n"
     "the government announced (from the holidays file) for YEAR (1970-2100), so an\n"
     "administrator can check the calendar that every working-day deadline uses.\n"
     "\n"
     "  --format F        text (default) or json\n"
     "  --holidays FILE   announced days CSV (env THADS_HOLIDAYS; default: built in)\n"
     "\n"
     "examples:\n"
     "  thads holidays 2026\n"
     "  thads holidays 2025 --format json\n"},
    {"version", cmd_version, "print the version and library versions",
     "usage: thads version\n"},
    {"help", cmd_help, "show help for a command", "usage: thads help [COMMAND]\n"},
    {NULL, NULL, NULL, NULL},
};

static void print_overview(FILE *out)
{
    fprintf(out, "thads — civil judgment enforcement case management\n\n"
                 "usage: thads COMMAND [OPTIONS]\n\ncommands:\n");
    for (const cli_command_t *c = cli_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fprintf(out, "\nRun 'thads help COMMAND' for a command's options and examples.\n");
}

static const cli_command_t *find(const char *name)
{
    for (const cli_command_t *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

int cmd_help(int argc, char **argv)
{
    const cli_command_t *c;

    if (argc < 2) {
        print_overview(stdout);
        return 0;
    }
    c = find(argv[1]);
    if (c == NULL)
        return cli_usage_error("help", "unknown command '%s'", argv[1]);
    fputs(c->usage, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    const cli_command_t *c;

    if (argc < 2) {
        print_overview(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_overview(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0)
        return cmd_version(argc - 1, argv + 1);
    c = find(argv[1]);
    if (c == NULL) {
        fprintf(stderr, "thads: unknown command '%s' (see 'thads --help')\n", argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(c->usage, stdout);
            return 0;
        }
    return c->run(argc - 1, argv + 1);
}
