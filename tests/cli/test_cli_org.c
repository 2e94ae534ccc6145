/*
 * tests/cli/test_cli_org.c — the organization commands as an administrator meets
 * them: `thads unit`, `thads user`, `thads import units` and `thads fsck`, on both
 * engines where the database matters. Runs the built binary named by $THADS_BIN;
 * reads docs/samples/units.csv, so run it from the top of the source tree (make test
 * does). Looks into the database only to check what the commands cannot show (audit
 * rows, password hashes) and to tamper with the audit log.
 */
#include "testdb.h"

#include "ops/app.h"
#include "ops/credentials.h"
#include "store/audit.h"
#include "store/users.h"

#include <ctype.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAMPLE "docs/samples/units.csv"

typedef struct {
    int status;
    char out[65536];
} run_t;

static char db_url[1200]; /* the database of the running test */

/* A fresh database of the engine for the test; --db is added to every command. */
static void fresh_db(const char *engine)
{
    snprintf(db_url, sizeof db_url, "%s", testdb_url(engine));
}

static const char *tmpdir(void)
{
    const char *t = getenv("THADS_TEST_TMP");
    return t && t[0] ? t : "/tmp";
}

/* Write text to a file in the test directory; returns its path (static, one slot per
 * call site is enough: callers copy when they need two). */
static const char *write_file(const char *name, const char *text, size_t len)
{
    static char path[600];
    FILE *f;

    snprintf(path, sizeof path, "%s/org_%ld_%s", tmpdir(), (long)getpid(), name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

/* Run `thads ARGS` (printf-style) with input on standard input (NULL: /dev/null) and,
 * when with_db, --db of the test's database; capture stdout+stderr and the exit code. */
static void run(run_t *r, const char *input, int with_db, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void run(run_t *r, const char *input, int with_db, const char *fmt, ...)
{
    const char *bin = getenv("THADS_BIN");
    char args[4096], cmd[8192], in[700];
    va_list ap;
    FILE *p;
    size_t n;

    if (bin == NULL)
        fail_msg("THADS_BIN is not set; run through make test");
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    if (input != NULL)
        snprintf(in, sizeof in, "%s", write_file("stdin", input, strlen(input)));
    else
        snprintf(in, sizeof in, "/dev/null");
    snprintf(cmd, sizeof cmd, "%s %s%s%s%s 2>&1 <%s", bin, args, with_db ? " --db '" : "",
             with_db ? db_url : "", with_db ? "'" : "", in);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(r->out, 1, sizeof r->out - 1, p);
    r->out[n] = '\0';
    r->status = WEXITSTATUS(pclose(p));
}

#define thads(r, ...)           run((r), NULL, 1, __VA_ARGS__)
#define thads_in(r, input, ...) run((r), (input), 1, __VA_ARGS__)
#define thads_nodb(r, ...)      run((r), NULL, 0, __VA_ARGS__)

/* Run and insist on the exit status, showing the output when it differs. */
#define expect(r, want, ...)                                                                       \
    do {                                                                                           \
        thads((r), __VA_ARGS__);                                                                   \
        if ((r)->status != (want))                                                                 \
            fail_msg("'%s' exited %d, want %d; said: %s", #__VA_ARGS__, (r)->status, (want),       \
                     (r)->out);                                                                    \
    } while (0)

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static int count_of(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void assert_says(const run_t *r, const char *needle)
{
    if (strstr(r->out, needle) == NULL)
        fail_msg("output lacks '%s': %s", needle, r->out);
}

/* `unit list --format json` below root (at date at, or today); NULL when it fails. */
static json_t *unit_list(const char *root, const char *at)
{
    run_t r;
    json_error_t err;

    thads(&r, "unit list --format json --root %s%s%s", root, at ? " --at " : "", at ? at : "");
    if (r.status != 0)
        return NULL;
    json_t *j = json_loads(r.out, 0, &err);
    if (j == NULL)
        fail_msg("unit list is not JSON (%s): %s", err.text, r.out);
    return j;
}

/* Number of units below root (-1 when root does not exist). */
static int count_units(const char *root, const char *at)
{
    json_t *j = unit_list(root, at);
    int n = j ? (int)json_array_size(j) : -1;

    json_decref(j);
    return n;
}

/* The unit with this code in a list, or NULL. */
static json_t *find_unit(json_t *list, const char *code)
{
    size_t i;
    json_t *u;

    json_array_foreach(list, i, u)
    {
        if (strcmp(json_string_value(json_object_get(u, "code")), code) == 0)
            return u;
    }
    return NULL;
}

/* Rows in the audit log, as fsck counts them (it must find the chain intact). */
static int audit_rows(void)
{
    run_t r;
    long long n = -1;
    const char *p;

    thads(&r, "fsck");
    if (r.status != 0 || (p = strstr(r.out, "audit log: ")) == NULL ||
        sscanf(p, "audit log: %lld row", &n) != 1)
        fail_msg("fsck: %s", r.out);
    return (int)n;
}

static void add_tree(void)
{
    run_t r;

    expect(&r, 0, "unit add BTP --kind ministry --name 'Bộ Tư pháp' --from 2000-01-01");
    expect(&r, 0,
           "unit add NA --kind provincial_agency --parent BTP --from 2000-01-01 "
           "--name 'Thi hành án dân sự tỉnh Nghệ An'");
    expect(&r, 0,
           "unit add KV1 --kind regional_office --parent NA --from 2025-07-01 "
           "--name 'Phòng Thi hành án dân sự khu vực 1 - Nghệ An'");
}

/* ---- help and usage ------------------------------------------------------------ */

static void test_help(void **state)
{
    static const char *const cmds[] = {"unit", "user", "import", "fsck"};
    run_t r;
    (void)state;

    thads_nodb(&r, "--help");
    assert_int_equal(r.status, 0);
    for (size_t i = 0; i < 4; i++)
        assert_non_null(strstr(r.out, cmds[i]));
    for (size_t i = 0; i < 4; i++) {
        thads_nodb(&r, "help %s", cmds[i]);
        assert_int_equal(r.status, 0);
        assert_says(&r, "usage: thads");
        assert_says(&r, "examples:");
        thads_nodb(&r, "%s --help", cmds[i]);
        assert_int_equal(r.status, 0);
        assert_says(&r, "usage: thads");
    }
}

static void test_usage_errors_exit_2_with_one_line(void **state)
{
    static const char *const bad[] = {
        "unit",
        "unit frobnicate",
        "unit add",
        "unit add X --kind court",
        "unit add X --name N",
        "unit add X --name N --kind bogus",
        "unit add X --name N --kind court --from 2025-02-30",
        "unit add X --name N --kind court --to tomorrow",
        "unit add X --name N --kind court --on 2025-01-01",
        "unit add X Y --name N --kind court",
        "unit move X --to Y",
        "unit move X --to Y --on 20250101",
        "unit close X",
        "unit rename X --on 2025-01-01",
        "unit list --format xml",
        "unit list --at yesterday",
        "unit list --bogus",
        "user",
        "user frobnicate",
        "user add bob --name B --unit U",
        "user add bob --name B --unit U --role wizard",
        "user add Bob --name B --unit U --role admin",
        "user passwd",
        "user disable bob --name x",
        "user list --format xml",
        "import",
        "import judgments x.csv",
        "import units",
        "import units a.csv b.csv",
        "import units a.csv --bogus",
        "fsck extra",
        "fsck --bogus",
    };
    run_t r;
    (void)state;

    /* Should any of these reach a database, let it be a throw-away one. */
    setenv("THADS_DB", testdb_url("sqlite"), 1);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        thads_nodb(&r, "%s", bad[i]);
        if (r.status != 2)
            fail_msg("'thads %s' exited %d, want 2; said: %s", bad[i], r.status, r.out);
        if (lines(r.out) != 1)
            fail_msg("'thads %s' printed %d lines, want 1: %s", bad[i], lines(r.out), r.out);
    }
    thads_nodb(&r, "import judgments x.csv");
    assert_says(&r, "unknown import kind");
    thads_nodb(&r, "unit add X --name N --kind bogus");
    assert_says(&r, "regional_office");
    thads_nodb(&r, "user add bob --name B --unit U --role wizard");
    assert_says(&r, "prison_officer");
    unsetenv("THADS_DB");
}

/* ---- thads unit ---------------------------------------------------------------- */

typedef struct {
    int n, ok;
} audit_probe_t;

static int probe_audit(const audit_row_t *row, void *arg)
{
    audit_probe_t *p = arg;

    p->n++;
    if (row->id == 1)
        p->ok = strcmp(row->method, "CLI") == 0 && strcmp(row->route, "thads unit add") == 0 &&
                strcmp(row->object, "unit:1") == 0 && strcmp(row->client_addr, "cli") == 0 &&
                strcmp(row->username, "nguyen.quan.tri") == 0 && row->outcome == 0 &&
                row->user_id == 0;
    return 0;
}

static void test_unit_lifecycle(void **state)
{
    run_t r;
    json_t *list;
    json_int_t kv2;
    char err[512];
    db_t *db;
    audit_probe_t probe = {0};

    fresh_db(*state);
    setenv("SUDO_USER", "nguyen.quan.tri", 1);
    expect(&r, 0, "unit add BTP --kind ministry --name 'Bộ Tư pháp' --from 2000-01-01");
    unsetenv("SUDO_USER");
    assert_says(&r, "added unit BTP");
    expect(&r, 0,
           "unit add CQL --kind central_department --parent BTP --from 2000-01-01 "
           "--name 'Cục Quản lý thi hành án dân sự'");
    expect(&r, 0,
           "unit add NA --kind provincial_agency --parent CQL --from 2025-07-01 "
           "--name 'Thi hành án dân sự tỉnh Nghệ An'");
    expect(&r, 0,
           "unit add KV1 --kind regional_office --parent NA --from 2025-07-01 "
           "--name 'Phòng Thi hành án dân sự khu vực 1'");
    expect(&r, 0,
           "unit add KV2 --kind regional_office --parent NA --from 2025-07-01 "
           "--name 'Phòng Thi hành án dân sự khu vực 2'");

    /* The tree as text: depth first, indented, with kinds, dates and names. */
    expect(&r, 0, "unit list --root BTP");
    assert_says(&r, "BTP ");
    assert_says(&r, "\n      KV1 ");
    assert_says(&r, "regional_office");
    assert_says(&r, "2025-07-01..");
    assert_says(&r, "Thi hành án dân sự tỉnh Nghệ An");
    assert_true(strstr(r.out, "KV1") < strstr(r.out, "KV2"));
    assert_says(&r, "(5 units on ");
    expect(&r, 0, "unit list"); /* BTP is the default root */
    assert_says(&r, "(5 units on ");
    assert_int_equal(count_units("BTP", NULL), 5);
    assert_int_equal(count_units("BTP", "2025-06-30"), 2);
    assert_int_equal(count_units("NA", NULL), 3);

    /* Move KV2 under CQL from 2026-01-01: the tree of each day shows it where it was. */
    expect(&r, 0, "unit move KV2 --to CQL --on 2026-01-01");
    list = unit_list("BTP", "2025-12-31");
    assert_int_equal(json_integer_value(json_object_get(find_unit(list, "KV2"), "depth")), 3);
    json_decref(list);
    list = unit_list("BTP", "2026-01-01");
    assert_int_equal(json_integer_value(json_object_get(find_unit(list, "KV2"), "depth")), 2);
    assert_int_equal(json_integer_value(json_object_get(find_unit(list, "KV2"), "parent_id")),
                     json_integer_value(json_object_get(find_unit(list, "CQL"), "id")));
    kv2 = json_integer_value(json_object_get(find_unit(list, "KV2"), "id"));
    json_decref(list);

    /* Rename, then close KV1 with KV2 as its successor. */
    expect(&r, 0, "unit rename KV1 --name 'Phòng THADS khu vực 1' --on 2026-01-01");
    expect(&r, 0, "unit close KV1 --on 2026-06-30 --successor KV2");
    list = unit_list("BTP", "2026-06-30");
    json_t *kv1 = find_unit(list, "KV1");
    assert_non_null(kv1);
    assert_string_equal(json_string_value(json_object_get(kv1, "name_vi")),
                        "Phòng THADS khu vực 1");
    assert_string_equal(json_string_value(json_object_get(kv1, "valid_to")), "2026-06-30");
    assert_int_equal(json_integer_value(json_object_get(kv1, "successor_id")), kv2);
    json_decref(list);
    assert_int_equal(count_units("BTP", "2026-07-01"), 4);

    /* Eight changes, eight audit rows, chained; the first as the CLI records it. */
    assert_int_equal(audit_rows(), 8);
    assert_int_equal(db_open(db_url, &db, err, sizeof err), DB_OK);
    assert_int_equal(audit_list(db, 0, "2026-01-01", 1, 0, 100, probe_audit, &probe), DB_OK);
    db_close(db);
    assert_int_equal(probe.n, 8);
    assert_true(probe.ok);
}

static void test_unit_refusals_write_nothing(void **state)
{
    run_t r;

    fresh_db(*state);
    add_tree();
    assert_int_equal(count_units("BTP", NULL), 3);
    assert_int_equal(audit_rows(), 3);

    expect(&r, 1, "unit add NA --kind regional_office --parent BTP --name 'Trùng mã'");
    assert_int_equal(lines(r.out), 1);
    assert_says(&r, "thads unit: ");
    assert_says(&r, "exists");
    assert_says(&r, "(code)");

    expect(&r, 1, "unit move NA --to KV1 --on 2026-01-01");
    assert_says(&r, "cycle");
    expect(&r, 1, "unit move NA --to NA --on 2026-01-01");
    assert_says(&r, "cycle");

    expect(&r, 1, "unit close NA --on 2026-06-30");
    assert_says(&r, "child");
    assert_int_equal(lines(r.out), 1);

    expect(&r, 1, "unit add X --kind court --parent NOPE --name X");
    assert_says(&r, "no unit with code 'NOPE'");
    expect(&r, 1, "unit add X --kind court --name 'Tòa án'");
    assert_says(&r, "(parent_id)");
    expect(&r, 1, "unit add X --kind court --parent NA --name 'Tòa án' --from 1999-01-01");
    assert_says(&r, "(parent_id)");
    expect(&r, 1, "unit add x --kind court --parent NA --name 'Tòa án'");
    assert_says(&r, "(code)");
    expect(&r, 1, "unit move NOPE --to NA --on 2026-01-01");
    expect(&r, 1, "unit rename KV1 --name '' --on 2026-01-01");

    expect(&r, 2, "unit add X --kind toa_an --parent NA --name 'Tòa án'");
    expect(&r, 2, "unit add X --kind court --parent NA --name 'Tòa án' --from 2025-02-29");
    expect(&r, 2, "unit close KV1 --on 30/06/2026");

    assert_int_equal(count_units("BTP", NULL), 3);
    assert_int_equal(audit_rows(), 3);

    /* A closed unit is closed for good. */
    expect(&r, 0, "unit close KV1 --on 2026-06-30");
    expect(&r, 1, "unit close KV1 --on 2026-07-30");
    assert_says(&r, "already closed");
    assert_int_equal(audit_rows(), 4);
}

/* ---- thads user ---------------------------------------------------------------- */

/* The generated password in output ("mật khẩu / password: xxxx-xxxx-xxxx-xxxx"). */
static const char *password_in(const char *out, char pw[20])
{
    const char *p = strstr(out, "mật khẩu / password: ");

    if (p == NULL)
        return NULL;
    p += strlen("mật khẩu / password: ");
    for (int i = 0; i < 19; i++) {
        int dash = i % 5 == 4;
        if (dash ? p[i] != '-' : !isalnum((unsigned char)p[i]))
            return NULL;
        pw[i] = p[i];
    }
    pw[19] = '\0';
    return p[19] == '\n' ? pw : NULL;
}

/* Does the stored hash of username match password? */
static int password_is(const char *username, const char *password)
{
    char err[512];
    db_t *db;
    user_row_t u;
    app_t app;
    int ok;

    app_init(&app, NULL, "test");
    assert_int_equal(db_open(db_url, &db, err, sizeof err), DB_OK);
    assert_int_equal(users_get_by_username(db, username, &u), DB_ROW);
    db_close(db);
    ok = credentials_verify(&app, u.password_hash, password);
    return ok;
}

/* Must the user change the password an administrator gave (issue 13)? */
static int must_change(const char *username)
{
    char err[512];
    db_t *db;
    user_row_t u;

    assert_int_equal(db_open(db_url, &db, err, sizeof err), DB_OK);
    assert_int_equal(users_get_by_username(db, username, &u), DB_ROW);
    db_close(db);
    return u.must_change_password;
}

static void test_user_commands(void **state)
{
    run_t r;
    char pw[20], pw2[20];
    json_t *list;
    json_error_t jerr;

    fresh_db(*state);
    add_tree();
    expect(&r, 0,
           "unit add OLD --kind district_office --parent NA --from 2000-01-01 "
           "--to 2020-12-31 --name 'Chi cục cũ'");

    /* A generated password, printed once, that is really the account's. */
    expect(&r, 0, "user add admin.na --name 'Nguyễn Văn An' --unit NA --role admin,leader");
    assert_says(&r, "added user admin.na");
    assert_non_null(password_in(r.out, pw));
    assert_true(password_is("admin.na", pw));
    assert_true(must_change("admin.na")); /* printed: changed at first sign-in */

    /* A password from standard input; its line ending is not part of it. */
    thads_in(&r, "correct horse battery staple\r\n",
             "user add bob --name 'Lê Thị Bình' --unit KV1 --role officer --role secretary "
             "--password-stdin");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "password:"));
    assert_true(password_is("bob", "correct horse battery staple"));
    assert_false(must_change("bob"));

    /* Refusals: weak password, unknown role, closed unit, taken username, no unit. */
    thads_in(&r, "short\n", "user add carol --name C --unit NA --role officer --password-stdin");
    assert_int_equal(r.status, 1);
    assert_says(&r, "(password)");
    thads_in(&r, "carolcarolcarol\n",
             "user add carol --name C --unit NA --role officer --password-stdin");
    assert_int_equal(r.status, 1);
    thads_in(&r, "", "user add carol --name C --unit NA --role officer --password-stdin");
    assert_int_equal(r.status, 1);
    assert_says(&r, "no password");
    expect(&r, 2, "user add carol --name C --unit NA --role officer,wizard");
    expect(&r, 1, "user add carol --name C --unit OLD --role officer");
    assert_says(&r, "(unit_id)");
    assert_int_equal(lines(r.out), 1);
    expect(&r, 1, "user add bob --name B --unit NA --role officer");
    assert_says(&r, "taken");
    expect(&r, 1, "user add carol --name C --unit NOPE --role officer");
    assert_says(&r, "no unit with code 'NOPE'");

    /* A unit with an active user cannot close. */
    expect(&r, 1, "unit close KV1 --on 2026-06-30");
    assert_says(&r, "1 user(s)");

    /* New passwords: generated, then from stdin. */
    expect(&r, 0, "user passwd bob");
    assert_non_null(password_in(r.out, pw2));
    assert_true(password_is("bob", pw2));
    thads_in(&r, "another long passphrase\n", "user passwd bob --password-stdin");
    assert_int_equal(r.status, 0);
    assert_true(password_is("bob", "another long passphrase"));
    assert_false(password_is("bob", pw2));
    thads_in(&r, "tiny\n", "user passwd bob --password-stdin");
    assert_int_equal(r.status, 1);
    assert_true(password_is("bob", "another long passphrase"));
    expect(&r, 1, "user passwd nobody");
    assert_says(&r, "no user 'nobody'");

    /* Disable, once. */
    expect(&r, 0, "user disable bob");
    expect(&r, 1, "user disable bob");
    assert_says(&r, "already disabled");
    expect(&r, 1, "user disable nobody");

    /* Lists. */
    expect(&r, 0, "user list");
    assert_says(&r, "admin.na");
    assert_says(&r, "admin,leader");
    assert_says(&r, "Lê Thị Bình");
    assert_says(&r, "[đã khóa / disabled]");
    assert_says(&r, "(2 users in BTP and below)");
    expect(&r, 0, "user list --unit KV1 --format json");
    list = json_loads(r.out, 0, &jerr);
    assert_non_null(list);
    assert_int_equal(json_array_size(list), 1);
    json_t *bob = json_array_get(list, 0);
    assert_string_equal(json_string_value(json_object_get(bob, "username")), "bob");
    assert_true(json_is_true(json_object_get(bob, "disabled")));
    assert_int_equal(json_array_size(json_object_get(bob, "roles")), 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(bob, "unit"), "code")),
                        "KV1");
    json_decref(list);

    /* The disabled user no longer keeps KV1 open. 4 units + 2 users + 2 passwd + 1
     * disable + 1 close: every change audited, no refusal. */
    expect(&r, 0, "unit close KV1 --on 2026-06-30");
    assert_int_equal(audit_rows(), 10);
}

/* ---- thads import units -------------------------------------------------------- */

static void test_import_sample_and_again(void **state)
{
    run_t r;

    fresh_db(*state);
    expect(&r, 0, "import units " SAMPLE);
    assert_says(&r, "imported 17 units, skipped 0 bad rows");
    assert_int_equal(count_units("BTP", NULL), 9);
    assert_int_equal(count_units("BCA", NULL), 5);
    assert_int_equal(count_units("BTP", "2025-06-30"), 5);
    assert_int_equal(count_units("THADS-NA", NULL), 7);
    assert_int_equal(audit_rows(), 1);

    /* Again: every row is now a duplicate; nothing changes. */
    expect(&r, 1, "import units " SAMPLE);
    assert_int_equal(count_of(r.out, "already exists"), 17);
    assert_says(&r, SAMPLE ":2:1: code BTP already exists");
    assert_says(&r, "nothing imported");
    expect(&r, 1, "import units " SAMPLE " --skip-bad-rows");
    assert_says(&r, "imported 0 units, skipped 17 bad rows");
    assert_int_equal(count_units("BTP", NULL), 9);
    assert_int_equal(count_units("BCA", NULL), 5);
    assert_int_equal(audit_rows(), 1);
}

static const char three_bad[] =
    "code,name,kind,parent_code,valid_from,valid_to\n"
    "BTP,Bộ Tư pháp,ministry,,2000-01-01,\n"
    "NA,Thi hành án dân sự tỉnh Nghệ An,provincial_agency,BTP,2025-07-01,\n"
    "KV1,Phòng khu vực 1,khu_vuc,NA,2025-07-01,\n" /* kind */
    "KV2,Phòng khu vực 2,regional_office,NA,2025-07-01,\n"
    "KV3,Phòng khu vực 3,regional_office,NA,2025-7-1,\n"      /* valid_from */
    "KV4,Phòng khu vực 4,regional_office,NA-X,2025-07-01,\n"; /* parent_code */

static void test_import_bad_rows(void **state)
{
    run_t r;
    char path[600];

    fresh_db(*state);
    snprintf(path, sizeof path, "%s", write_file("bad3.csv", three_bad, strlen(three_bad)));
    expect(&r, 1, "import units %s", path);
    assert_says(&r, "bad3.csv:4:3: kind: unknown unit kind 'khu_vuc'");
    assert_says(&r, "bad3.csv:6:5: valid_from: '2025-7-1' is not a date");
    assert_says(&r, "bad3.csv:7:4: parent_code: parent NA-X not found");
    assert_int_equal(count_of(r.out, "bad3.csv:"), 4); /* three rows and the summary */
    assert_says(&r, "3 bad rows; nothing imported");
    assert_int_equal(count_units("BTP", NULL), -1);
    assert_int_equal(audit_rows(), 0);

    expect(&r, 1, "import units %s --skip-bad-rows", path);
    assert_int_equal(count_of(r.out, "bad3.csv:"), 3);
    assert_says(&r, "imported 3 units, skipped 3 bad rows");
    assert_int_equal(count_units("BTP", NULL), 3);
    assert_int_equal(audit_rows(), 1);
}

static void test_import_parents_after_children(void **state)
{
    static const char csv[] =
        "code,name,kind,parent_code,valid_from,valid_to\n"
        "KV2,Phòng khu vực 2,regional_office,NA,2025-07-01,\n"
        "KV1,Phòng khu vực 1,regional_office,NA,2025-07-01,\n"
        "NA,Thi hành án dân sự tỉnh Nghệ An,provincial_agency,CQL,2025-07-01,\n"
        "TG3,Trại giam số 3,prison,BCA,2009-01-01,\n"
        "CQL,Cục Quản lý thi hành án dân sự,central_department,BTP,2009-01-01,\n"
        "BTP,Bộ Tư pháp,ministry,,1945-08-28,\n";
    run_t r;
    json_t *list;

    fresh_db(*state);
    expect(&r, 0, "unit add BCA --kind ministry --name 'Bộ Công an' --from 1945-08-19");
    expect(&r, 0, "import units %s", write_file("reversed.csv", csv, sizeof csv - 1));
    assert_says(&r, "imported 6 units");
    list = unit_list("BTP", NULL);
    assert_int_equal(json_array_size(list), 5);
    assert_int_equal(json_integer_value(json_object_get(find_unit(list, "KV2"), "depth")), 3);
    json_decref(list);
    assert_int_equal(count_units("BCA", NULL), 2);
}

static void test_import_cycles_and_what_hangs_below(void **state)
{
    static const char csv[] = "code,name,kind,parent_code,valid_from,valid_to\n"
                              "BTP,Bộ Tư pháp,ministry,,2000-01-01,\n"
                              "A,Đơn vị A,other_agency,B,2025-07-01,\n"
                              "B,Đơn vị B,other_agency,A,2025-07-01,\n"
                              "C,Đơn vị C,other_agency,A,2025-07-01,\n"
                              "S,Đơn vị S,other_agency,S,2025-07-01,\n"
                              "D,Đơn vị D,other_agency,BTP,2025-07-01,\n";
    run_t r;

    fresh_db(*state);
    expect(&r, 1, "import units %s --skip-bad-rows", write_file("cycle.csv", csv, sizeof csv - 1));
    assert_says(&r,
                "cycle.csv:3:4: parent_code: a cycle of parents: A (line 3) -> B (line 4) -> A");
    assert_says(&r,
                "cycle.csv:4:4: parent_code: a cycle of parents: B (line 4) -> A (line 3) -> B");
    assert_says(&r, "cycle.csv:5:4: parent_code: parent A (line 3) is a bad row");
    assert_says(&r, "cycle.csv:6:4: parent_code: a cycle of parents: S (line 6) -> S");
    assert_says(&r, "imported 2 units, skipped 4 bad rows");
    assert_int_equal(count_units("BTP", NULL), 2);
}

static void test_import_quotes_bom_crlf_any_order(void **state)
{
    /* BOM, CRLF, columns in another order, quoted commas and quotes, a quoted field
     * over two lines (a name cannot hold a line break: a bad row, reported at the
     * line where it begins), and a bad row after it, on its physical line. */
    static const char csv[] = "\xEF\xBB\xBFname,code,kind,valid_from,valid_to,parent_code\r\n"
                              "\"Bộ Tư pháp, Việt Nam\",BTP,ministry,2000-01-01,,\r\n"
                              "\r\n"
                              "\"Tòa án \"\"Khu vực 1\"\"\",TA1,court,2025-07-01,,BTP\r\n"
                              "\"Tên trên\r\nhai dòng\",TA2,court,2025-07-01,,BTP\r\n"
                              "  Viện kiểm sát  ,VKS1,procuracy,2025-07-01,,\"BTP\"\r\n"
                              "Sai,TA3,court,2025-07-01,,KHONG-CO\r\n"
                              "Không xuống dòng cuối,TA4,court,2025-07-01,,BTP";
    run_t r;
    json_t *list;

    fresh_db(*state);
    expect(&r, 1, "import units %s --skip-bad-rows", write_file("quoted.csv", csv, sizeof csv - 1));
    assert_says(&r, "quoted.csv:5:1: name: ");
    assert_says(&r, "quoted.csv:8:6: parent_code: parent KHONG-CO not found");
    assert_says(&r, "imported 4 units, skipped 2 bad rows");
    list = unit_list("BTP", NULL);
    assert_int_equal(json_array_size(list), 4);
    assert_string_equal(json_string_value(json_object_get(find_unit(list, "BTP"), "name_vi")),
                        "Bộ Tư pháp, Việt Nam");
    assert_string_equal(json_string_value(json_object_get(find_unit(list, "TA1"), "name_vi")),
                        "Tòa án \"Khu vực 1\"");
    assert_string_equal(json_string_value(json_object_get(find_unit(list, "VKS1"), "name_vi")),
                        "Viện kiểm sát");
    assert_string_equal(json_string_value(json_object_get(find_unit(list, "TA4"), "name_vi")),
                        "Không xuống dòng cuối");
    json_decref(list);
}

static void test_import_file_errors(void **state)
{
    static const struct {
        const char *name, *text, *says;
    } cases[] = {
        {"extra.csv", "code,name,kind,parent_code,valid_from,valid_to,ghi_chu\n",
         "unknown column(s) 'ghi_chu' (column 7)"},
        {"missing.csv", "code,name,kind,valid_from\nBTP,B,ministry,2000-01-01\n",
         "missing column(s) parent_code, valid_to"},
        {"twice.csv", "code,name,kind,parent_code,valid_from,valid_to,code\n",
         "column 'code' appears twice"},
        {"quote.csv",
         "code,name,kind,parent_code,valid_from,valid_to\nBTP,B,ministry,,2000-01-01,\n"
         "X,\"ab\"c,court,BTP,2000-01-01,\n",
         "line 3, field 2: malformed quotes"},
        {"open.csv",
         "code,name,kind,parent_code,valid_from,valid_to\nBTP,B,ministry,,2000-01-01,\n"
         "X,\"never closed,court,BTP,2000-01-01,\n",
         "line 3: a quoted field is never closed"},
        {"empty.csv", "", "the file is empty"},
        {"utf16.csv",
         "\xFF\xFE"
         "c\0o\0d\0e\0",
         "NUL byte"},
    };
    run_t r;
    char *big;
    size_t n;
    (void)state;

    fresh_db("sqlite");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len = strcmp(cases[i].name, "utf16.csv") == 0 ? 10 : strlen(cases[i].text);
        thads(&r, "import units %s", write_file(cases[i].name, cases[i].text, len));
        if (r.status != 1 || strstr(r.out, cases[i].says) == NULL || lines(r.out) != 1)
            fail_msg("%s: exit %d, want 1 and one line with '%s': %s", cases[i].name, r.status,
                     cases[i].says, r.out);
    }
    expect(&r, 1, "import units /nonexistent/units.csv");
    assert_says(&r, "cannot open");

    /* Caps: 256 fields, 64 KiB per record. */
    big = malloc(200000);
    assert_non_null(big);
    n = (size_t)sprintf(big, "code,name,kind,parent_code,valid_from,valid_to\n");
    for (int i = 0; i < 300; i++)
        n += (size_t)sprintf(big + n, "%sx", i ? "," : "");
    big[n++] = '\n';
    expect(&r, 1, "import units %s", write_file("wide.csv", big, n));
    assert_says(&r, "line 2: more than 256 fields");
    n = (size_t)sprintf(big, "code,name,kind,parent_code,valid_from,valid_to\nX,\"");
    memset(big + n, 'a', 70000);
    n += 70000;
    n += (size_t)sprintf(big + n, "\nb\",court,,2000-01-01,\n");
    expect(&r, 1, "import units %s", write_file("long.csv", big, n));
    assert_says(&r, "line 2: record longer than 65536 bytes");
    free(big);
    assert_int_equal(audit_rows(), 0);

    /* Standard input. */
    thads_in(&r,
             "code,name,kind,parent_code,valid_from,valid_to\nBTP,Bộ Tư pháp,ministry,,"
             "2000-01-01,\n",
             "import units -");
    assert_int_equal(r.status, 0);
    assert_int_equal(count_units("BTP", NULL), 1);
}

static void test_import_dry_run(void **state)
{
    static const char more[] =
        "code,name,kind,parent_code,valid_from,valid_to\n"
        "NA-KV5,Phòng Thi hành án dân sự khu vực 5 - Nghệ An,regional_office,THADS-NA,"
        "2026-01-01,\n"
        "NA-KV1,Trùng,regional_office,THADS-NA,2026-01-01,\n";
    run_t r;

    fresh_db(*state);
    expect(&r, 0, "import units " SAMPLE " --dry-run");
    assert_says(&r, "would import 17 units");
    assert_says(&r, "TTG-CANA");
    assert_int_equal(count_units("BTP", NULL), -1);
    assert_int_equal(audit_rows(), 0);

    expect(&r, 0, "import units " SAMPLE);
    expect(&r, 1, "import units %s --dry-run", write_file("more.csv", more, sizeof more - 1));
    assert_says(&r, "more.csv:3:1: code NA-KV1 already exists");
    assert_says(&r, "nothing would be imported");
    expect(&r, 1, "import units %s --dry-run --skip-bad-rows",
           write_file("more.csv", more, sizeof more - 1));
    assert_says(&r, "would import 1 units, skip 1 bad rows");
    assert_says(&r, "NA-KV5");
    assert_int_equal(count_units("THADS-NA", NULL), 7);
    assert_int_equal(audit_rows(), 1);
}

/* ---- thads fsck ---------------------------------------------------------------- */

/* Change the database behind thads' back, as someone with the file or a superuser. */
static void tamper(const char *engine, const char *sqlite_sql, const char *pg_sql)
{
    if (strcmp(engine, "sqlite") == 0) {
        sqlite3 *s;
        char *msg = NULL;
        assert_int_equal(sqlite3_open(db_url + strlen("sqlite:"), &s), SQLITE_OK);
        if (sqlite3_exec(s, sqlite_sql, NULL, NULL, &msg) != SQLITE_OK)
            fail_msg("%s: %s", sqlite_sql, msg);
        sqlite3_close(s);
    } else {
        char err[512];
        db_t *db;
        assert_int_equal(db_open(db_url, &db, err, sizeof err), DB_OK);
        testdb_exec(db, pg_sql);
        db_close(db);
    }
}

static void some_changes(void)
{
    run_t r;

    expect(&r, 0, "import units " SAMPLE);
    expect(&r, 0,
           "unit add NA-KV5 --kind regional_office --parent THADS-NA --from 2026-01-01 "
           "--name 'Phòng Thi hành án dân sự khu vực 5 - Nghệ An'");
    expect(&r, 0, "unit rename NA-KV5 --name 'Phòng THADS khu vực 5' --on 2026-02-01");
    expect(&r, 0, "user add admin.na --name 'Nguyễn Văn An' --unit THADS-NA --role admin");
}

static void test_fsck_finds_a_changed_row(void **state)
{
    run_t r;

    fresh_db(*state);
    expect(&r, 0, "migrate");
    expect(&r, 0, "fsck");
    assert_says(&r, "audit log: 0 rows, chain intact");
    some_changes();
    expect(&r, 0, "fsck");
    assert_says(&r, "audit log: 4 rows, chain intact");

    tamper(*state,
           "DROP TRIGGER audit_log_no_update; "
           "UPDATE audit_log SET route = 'thads unit list' WHERE id = 2",
           "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; "
           "UPDATE audit_log SET route = 'thads unit list' WHERE id = 2");
    expect(&r, 1, "fsck");
    assert_says(&r, "audit log: broken at row 2: ");
}

static void test_fsck_finds_a_removed_last_row(void **state)
{
    run_t r;

    fresh_db(*state);
    some_changes();
    tamper(*state,
           "DROP TRIGGER audit_log_no_delete; "
           "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
           "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; "
           "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)");
    expect(&r, 1, "fsck");
    assert_says(&r, "audit log: broken at the chain head, after row 3");
}

/* SQLite: a reference to a row that is not there (written with foreign keys off, as an
 * import writes, or by hand) is found. */
static void test_fsck_finds_a_dangling_reference(void **state)
{
    run_t r;

    fresh_db(*state);
    some_changes();
    expect(&r, 0, "fsck");
    assert_says(&r, "references: none dangling");
    tamper(*state, "UPDATE app_user SET unit_id = 9999 WHERE username = 'admin.na'", NULL);
    expect(&r, 1, "fsck");
    assert_says(&r, "references: 1 row refers to nothing; first: app_user row ");
    assert_says(&r, " refers to a missing unit");
    assert_says(&r, "failed: references");
}

static void test_fsck_on_a_database_without_schema(void **state)
{
    run_t r;
    (void)state;

    fresh_db("sqlite");
    expect(&r, 1, "fsck");
    assert_says(&r, "audit log: could not check");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_usage_errors_exit_2_with_one_line),
        TEST_BOTH(test_unit_lifecycle),
        TEST_BOTH(test_unit_refusals_write_nothing),
        TEST_BOTH(test_user_commands),
        TEST_BOTH(test_import_sample_and_again),
        TEST_BOTH(test_import_bad_rows),
        TEST_BOTH(test_import_parents_after_children),
        cmocka_unit_test_prestate(test_import_cycles_and_what_hangs_below, (void *)"sqlite"),
        cmocka_unit_test_prestate(test_import_quotes_bom_crlf_any_order, (void *)"sqlite"),
        cmocka_unit_test(test_import_file_errors),
        TEST_BOTH(test_import_dry_run),
        TEST_BOTH(test_fsck_finds_a_changed_row),
        TEST_BOTH(test_fsck_finds_a_removed_last_row),
        cmocka_unit_test_prestate(test_fsck_finds_a_dangling_reference, (void *)"sqlite"),
        cmocka_unit_test(test_fsck_on_a_database_without_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
