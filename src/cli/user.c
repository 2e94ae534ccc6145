/*
 * cli/user.c — `thads user add|passwd|disable|list`: accounts from the command line,
 * first of all the first administrator of a new installation. The rules are those of
 * the API (api/user_ops.c); each change is one transaction with its audit row.
 *
 * Passwords: generated (and printed once) unless --password-stdin gives one, so a
 * password never appears in a command line, a shell history or `ps`. It is checked and
 * hashed before the transaction begins: argon2id takes tens of milliseconds and
 * megabytes, and must not hold SQLite's write lock meanwhile.
 */
#include "ops/app.h"
#include "ops/credentials.h"
#include "ops/render.h"
#include "ops/user_ops.h"
#include "cli/cli.h"
#include "core/access.h"
#include "store/units.h"
#include "store/users.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD               "user"
#define PASSWORD_LINE_MAX 1024 /* the policy allows 256 bytes; longer is refused, not cut */

enum { O_DB = 1, O_NAME, O_UNIT, O_ROLE, O_STDIN, O_FORMAT };

typedef struct {
    const char *url, *username, *name, *unit, *format;
    unsigned roles;
    int role_given, password_stdin;
} user_args_t;

/* Add the comma-separated role codes in list to *roles; 0, or 2 after a usage error. */
static int parse_roles(const char *list, unsigned *roles)
{
    char buf[256], *save = NULL;

    if (strlen(list) >= sizeof buf)
        return cli_usage_error(CMD, "--role: list too long");
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int r = access_role_parse(tok);
        if (r < 0) {
            char all[300] = "";
            for (int i = 0; i < ROLE_COUNT; i++)
                snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? ", " : "",
                         access_role_code((role_t)i));
            return cli_usage_error(CMD, "unknown role '%s' (roles: %s)", tok, all);
        }
        *roles |= 1u << r;
    }
    return 0;
}

/* Parse argv (argv[0] the subcommand) accepting the O_* options in allowed; exactly
 * one positional USERNAME unless want_user is 0. 0, or 2 after a usage error. */
static int parse(int argc, char **argv, const char *allowed, int want_user, user_args_t *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, O_DB},
        {"name", required_argument, NULL, O_NAME},
        {"unit", required_argument, NULL, O_UNIT},
        {"role", required_argument, NULL, O_ROLE},
        {"password-stdin", no_argument, NULL, O_STDIN},
        {"format", required_argument, NULL, O_FORMAT},
        {NULL, 0, NULL, 0},
    };
    int c, idx = 0, rc;

    memset(a, 0, sizeof *a);
    a->url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
        if (c <= 0 || c > O_FORMAT)
            return cli_bad_option(CMD, argc, argv);
        if (c != O_DB && strchr(allowed, c) == NULL)
            return cli_usage_error(CMD, "%s does not take --%s", argv[0], opts[idx].name);
        switch (c) {
        case O_DB:
            a->url = optarg;
            break;
        case O_NAME:
            a->name = optarg;
            break;
        case O_UNIT:
            a->unit = optarg;
            break;
        case O_FORMAT:
            a->format = optarg;
            break;
        case O_STDIN:
            a->password_stdin = 1;
            break;
        case O_ROLE:
            a->role_given = 1;
            if ((rc = parse_roles(optarg, &a->roles)) != 0)
                return rc;
            break;
        default:
            break;
        }
    }
    if (want_user) {
        if (optind >= argc)
            return cli_usage_error(CMD, "%s needs a USERNAME", argv[0]);
        a->username = argv[optind++];
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    return 0;
}

/* One line of standard input into buf, without its line ending. 0, or 1 after an
 * error line. */
static int read_password(char *buf, size_t len)
{
    size_t n;

    if (fgets(buf, (int)len, stdin) == NULL)
        return cli_fail(CMD, "no password on standard input");
    n = strlen(buf);
    if (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    else if (!feof(stdin))
        return cli_fail(CMD, "the password on standard input is too long");
    if (n > 0 && buf[n - 1] == '\r')
        buf[--n] = '\0';
    return 0;
}

/* Check and hash the password from stdin, or a generated one (then *generated = 1 and
 * password holds it, to print after the commit). 0, or 1 after an error line. */
static int prepare_password(const app_t *app, const user_args_t *a, const char *username,
                            char password[PASSWORD_LINE_MAX], char hash[CREDENTIALS_HASH_MAX],
                            int *generated)
{
    op_error_t err;
    int rc;

    *generated = !a->password_stdin;
    if (a->password_stdin) {
        if ((rc = read_password(password, PASSWORD_LINE_MAX)) != 0)
            return rc;
        if (user_password_prepare(app, username, password, hash, &err) != 0)
            return cli_op_error(CMD, NULL, &err);
        return 0;
    }
    /* A random one passes the policy but for the (rare) chance that it happens to
     * contain a short username; then draw again. */
    for (int tries = 0; tries < 20; tries++) {
        credentials_new_password(password);
        rc = user_password_prepare(app, username, password, hash, &err);
        if (rc == 0)
            return 0;
        if (strcmp(err.code, "weak_password") != 0)
            break;
    }
    return cli_op_error(CMD, NULL, &err);
}

static void wipe(char *p, size_t n)
{
    explicit_bzero(p, n);
}

static int user_add(int argc, char **argv)
{
    static const char allowed[] = {O_NAME, O_UNIT, O_ROLE, O_STDIN, 0};
    char password[PASSWORD_LINE_MAX] = "", hash[CREDENTIALS_HASH_MAX] = "", object[40], detail[200];
    user_args_t a;
    user_input_t in;
    unit_row_t unit;
    op_error_t err;
    civil_date_t today;
    app_t app;
    db_t *db = NULL;
    int64_t id = 0, now;
    int rc, generated = 0;

    if ((rc = parse(argc, argv, allowed, 1, &a)) != 0)
        return rc;
    if (a.name == NULL || a.unit == NULL || !a.role_given)
        return cli_usage_error(CMD, "add needs --name, --unit and --role");
    if (user_check_username(a.username, &err) != 0)
        return cli_usage_error(CMD, "%s", err.en);
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if ((rc = prepare_password(&app, &a, a.username, password, hash, &generated)) != 0)
        goto out;
    now = app.now();
    today = app_today(&app);
    if (db_begin(db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(db));
        goto out;
    }
    if ((rc = cli_unit_by_code(CMD, db, a.unit, today, "--unit", &unit)) != 0)
        goto out;
    in = (user_input_t){.username = a.username,
                        .full_name = a.name,
                        .unit_id = unit.id,
                        .roles = a.roles,
                        .password_hash = hash,
                        /* a password printed here is known to whoever reads the screen:
                         * the user changes it at first sign-in; one given on standard
                         * input is the user's own (or a script's) */
                        .must_change_password = generated};
    if (user_op_create(db, &in, today, now, &id, &err) != 0) {
        rc = cli_op_error(CMD, db, &err);
        goto out;
    }
    snprintf(object, sizeof object, "user:%lld", (long long)id);
    snprintf(detail, sizeof detail, "add %s in %s%s", a.username, a.unit,
             generated ? ", password generated" : "");
    if ((rc = cli_audit_commit(CMD, db, now, "thads user add", object, detail)) != 0)
        goto out;
    printf("added user %s (id %lld) in %s\n", a.username, (long long)id, a.unit);
    if (generated)
        printf("mật khẩu / password: %s\n", password);
out:
    wipe(password, sizeof password);
    wipe(hash, sizeof hash);
    db_close(db);
    return rc;
}

static int user_passwd(int argc, char **argv)
{
    static const char allowed[] = {O_STDIN, 0};
    char password[PASSWORD_LINE_MAX] = "", hash[CREDENTIALS_HASH_MAX] = "", object[40];
    user_args_t a;
    user_row_t u;
    op_error_t err;
    app_t app;
    db_t *db = NULL;
    int64_t now;
    int rc, generated = 0;

    if ((rc = parse(argc, argv, allowed, 1, &a)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    /* Look the account up first: no password is read, hashed or shown for nobody. */
    rc = users_get_by_username(db, a.username, &u);
    if (rc != DB_ROW) {
        rc = rc == DB_DONE ? cli_fail(CMD, "no user '%s'", a.username)
                           : cli_fail(CMD, "cannot read user: %s", db_errmsg(db));
        goto out;
    }
    if ((rc = prepare_password(&app, &a, u.username, password, hash, &generated)) != 0)
        goto out;
    now = app.now();
    if (db_begin(db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(db));
        goto out;
    }
    if (user_op_set_password(db, u.id, hash, generated, now, &err) != 0) {
        rc = cli_op_error(CMD, db, &err);
        goto out;
    }
    snprintf(object, sizeof object, "user:%lld", (long long)u.id);
    if ((rc = cli_audit_commit(CMD, db, now, "thads user passwd", object,
                               generated ? "password generated by administrator"
                                         : "password set by administrator")) != 0)
        goto out;
    printf("password changed for %s; their sessions have ended\n", u.username);
    if (generated)
        printf("mật khẩu / password: %s\n", password);
out:
    wipe(password, sizeof password);
    wipe(hash, sizeof hash);
    wipe(u.password_hash, sizeof u.password_hash);
    db_close(db);
    return rc;
}

static int user_disable(int argc, char **argv)
{
    static const char allowed[] = {0};
    char object[40];
    user_args_t a;
    user_row_t u;
    op_error_t err;
    app_t app;
    db_t *db = NULL;
    int64_t now;
    int rc;

    if ((rc = parse(argc, argv, allowed, 1, &a)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    now = app.now();
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if (db_begin(db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(db));
        goto out;
    }
    rc = users_get_by_username(db, a.username, &u);
    if (rc != DB_ROW) {
        db_rollback(db);
        rc = rc == DB_DONE ? cli_fail(CMD, "no user '%s'", a.username)
                           : cli_fail(CMD, "cannot read user: %s", db_errmsg(db));
        goto out;
    }
    if (user_op_disable(db, u.id, now, &err) != 0) {
        rc = cli_op_error(CMD, db, &err);
        goto out;
    }
    snprintf(object, sizeof object, "user:%lld", (long long)u.id);
    if ((rc = cli_audit_commit(CMD, db, now, "thads user disable", object, "disabled")) != 0)
        goto out;
    printf("disabled user %s; their sessions have ended\n", u.username);
out:
    db_close(db);
    return rc;
}

static int print_text(const user_row_t *u, void *arg)
{
    char roles[200] = "";

    (*(size_t *)arg)++;
    for (int r = 0; r < ROLE_COUNT; r++)
        if (u->roles & (1u << r))
            snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "%s%s",
                     roles[0] ? "," : "", access_role_code((role_t)r));
    printf("%-24s %-16s %-28s %s%s\n", u->username, u->unit_code, roles, u->full_name,
           u->disabled ? "  [đã khóa / disabled]" : "");
    return 0;
}

static int collect_json(const user_row_t *u, void *arg)
{
    json_t *j = render_user(u);

    return j ? json_array_append_new(arg, j) : -1;
}

static int user_list(int argc, char **argv)
{
    static const char allowed[] = {O_UNIT, O_FORMAT, 0};
    user_args_t a;
    unit_row_t root;
    app_t app;
    db_t *db = NULL;
    json_t *arr = NULL;
    size_t n = 0;
    int rc, json;

    if ((rc = parse(argc, argv, allowed, 0, &a)) != 0)
        return rc;
    json = a.format && strcmp(a.format, "json") == 0;
    if (a.format && !json && strcmp(a.format, "text") != 0)
        return cli_usage_error(CMD, "unknown format '%s' (want text or json)", a.format);
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if ((rc = cli_unit_by_code(CMD, db, a.unit ? a.unit : CLI_DEFAULT_ROOT_UNIT, app_today(&app),
                               a.unit ? "--unit" : "the default root; give --unit CODE", &root)) !=
        0)
        goto out;
    if (json) {
        arr = json_array();
        rc = arr ? users_list(db, root.id, app_today(&app), collect_json, arr) : DB_NOMEM;
    } else {
        rc = users_list(db, root.id, app_today(&app), print_text, &n);
    }
    if (rc != DB_OK) {
        rc = cli_fail(CMD, "cannot list users: %s", db_errmsg(db));
        goto out;
    }
    if (json) {
        char *text = json_dumps(arr, JSON_INDENT(2));
        if (text == NULL) {
            rc = cli_fail(CMD, "out of memory");
            goto out;
        }
        puts(text);
        free(text);
    } else {
        printf("(%zu users in %s and below)\n", n, root.code);
    }
out:
    json_decref(arr);
    db_close(db);
    return rc;
}

int cmd_user(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } subs[] = {
        {"add", user_add}, {"passwd", user_passwd}, {"disable", user_disable}, {"list", user_list}};

    if (argc < 2)
        return cli_usage_error(CMD, "give a subcommand: add, passwd, disable or list");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1);
    return cli_usage_error(CMD, "unknown subcommand '%s' (add, passwd, disable, list)", argv[1]);
}
