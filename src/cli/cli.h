/*
 * cli/cli.h — shared by the `thads` subcommands: option defaults from THADS_*
 * environment variables, opening the database and the calendar, error lines.
 * Exit codes: 0 done, 1 failed while running, 2 the command line was wrong.
 */
#ifndef THADS_CLI_CLI_H
#define THADS_CLI_CLI_H

#include "ops/op.h"
#include "core/calendar.h"
#include "core/rules.h"
#include "store/db.h"
#include "store/units.h"

#include <stdint.h>

#define THADS_VERSION      "0.1.0"
#define CLI_DEFAULT_DB     "sqlite:var/thads.db"
#define CLI_DEFAULT_LISTEN "127.0.0.1:8080"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage; /* full help: synopsis, options, examples */
} cli_command_t;

extern const cli_command_t cli_commands[];

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_holidays(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_unit(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_import(int argc, char **argv);
/* `thads import cases`, in cli/import_cases.c (cmd_import dispatches). */
int cli_import_cases(int argc, char **argv);
int cmd_fsck(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* getenv(name) or fallback. */
const char *cli_env(const char *name, const char *fallback);
/* Print "thads CMD: message (see 'thads help CMD')" on stderr; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "thads CMD: message" on stderr; returns 1. */
int cli_fail(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Report an option getopt did not accept; returns 2. */
int cli_bad_option(const char *cmd, int argc, char **argv);
/* Check and open url; on failure prints one line and returns the exit code (2 bad URL,
 * 1 cannot open). */
int cli_open_db(const char *cmd, const char *url, db_t **out);
/* Open and migrate to the newest schema. */
int cli_open_migrated(const char *cmd, const char *url, db_t **out);
/* Rebuild the statistics table from the events (all of it, or only when migration 0012
 * emptied it): the exit code (0 ok), one line on failure. */
int cli_rebuild_stats(const char *cmd, db_t *db, int only_if_needed);
/* Build the calendar from the announced-days file at path, or the embedded
 * data/holidays.csv when path is NULL. Returns the exit code (0 ok). */
int cli_load_calendar(const char *cmd, const char *path, calendar_t **out);
/* Parse the rule table at path, or the embedded data/rules.csv when path is NULL, with
 * every check of rules_parse (overlaps, gaps); a file must also keep every rule_id of
 * the built-in table. Nothing is loaded from a bad file: one line naming it (and its
 * line and column) is printed. Returns the exit code (0 ok; the caller frees *out). */
int cli_load_rules(const char *cmd, const char *path, rules_t **out);
/* Read a whole file (NUL-terminated, caller frees); NULL with errno on failure. */
char *cli_read_file(const char *path, size_t max, size_t *len);

/* For the commands that change the organization (unit, user, import); in cli/unit.c. */

/* The unit `unit list` and `user list` start from without --root/--unit. */
#define CLI_DEFAULT_ROOT_UNIT "BTP"
/* Who runs the command, for the audit log: $SUDO_USER, else $USER, else "cli". */
const char *cli_actor(void);
/* How every import ends, inside the transaction that holds its rows: a dry run rolls
 * back and says what would happen; bad rows without --skip-bad-rows roll everything
 * back; otherwise the good rows are committed with one audit row ("N KIND from FILE").
 * show(arg), if given, prints what was (or would be) imported before the summary line
 * "imported N KIND, skipped M bad rows". Returns the exit code: 1 if any row was bad,
 * even when skipped, so a script notices. */
typedef struct {
    const char *cmd, *kind, *file; /* "import", "units", the file's name */
    db_t *db;
    int64_t now;
    long created, bad;
    int dry_run, skip;
    void (*show)(const void *arg);
    const void *show_arg;
} cli_import_end_t;
int cli_import_finish(const cli_import_end_t *e);
/* A value from an imported file, safe to show in a one-line message: control characters
 * as '?', at most 40 bytes (cut on a UTF-8 boundary) with "…" after. */
const char *cli_shown(const char *s, char buf[64]);
/* Audit a change made by a command (method "CLI", client "cli", user_id 0, outcome 0),
 * then commit. Call inside the change's transaction; on failure rolls back, prints one
 * line and returns 1; else 0. */
int cli_audit_commit(const char *cmd, db_t *db, int64_t now, const char *route, const char *object,
                     const char *detail);
/* Print a refused operation as "thads CMD: <en> (<field>)"; rolls back the open
 * transaction; returns 1. */
int cli_op_error(const char *cmd, db_t *db, const op_error_t *e);
/* Parse the value of option opt as YYYY-MM-DD: 0, or 2 after a usage error. */
int cli_date_arg(const char *cmd, const char *opt, const char *s, civil_date_t *out);
/* Look a unit up by code (parent as of at): 0, or 1 after "no unit 'X' (what)" (the
 * open transaction is rolled back). */
int cli_unit_by_code(const char *cmd, db_t *db, const char *code, civil_date_t at, const char *what,
                     unit_row_t *out);

#endif
