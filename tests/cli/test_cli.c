/*
 * tests/cli/test_cli.c — the `thads` command line as an administrator meets it:
 * help, exit codes, one-line errors, migrate, holidays. Runs the built binary
 * named by $THADS_BIN (scripts/test.sh sets it).
 */
#include "testdb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
    int status;
    char out[65536];
} run_t;

/* Run `thads ARGS` through the shell; capture stdout+stderr and the exit code. */
static void thads(run_t *r, const char *args)
{
    const char *bin = getenv("THADS_BIN");
    char cmd[2048];
    FILE *p;
    size_t n;

    if (bin == NULL)
        fail_msg("THADS_BIN is not set; run through make test");
    snprintf(cmd, sizeof cmd, "%s %s 2>&1 </dev/null", bin, args);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(r->out, 1, sizeof r->out - 1, p);
    r->out[n] = '\0';
    r->status = WEXITSTATUS(pclose(p));
}

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_help(void **state)
{
    run_t r;
    static const char *const cmds[] = {"serve", "migrate", "holidays", "version"};
    (void)state;

    thads(&r, "--help");
    assert_int_equal(r.status, 0);
    for (size_t i = 0; i < 4; i++)
        assert_non_null(strstr(r.out, cmds[i]));
    for (size_t i = 0; i < 4; i++) {
        char args[64];
        snprintf(args, sizeof args, "help %s", cmds[i]);
        thads(&r, args);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "usage: thads"));
        snprintf(args, sizeof args, "%s --help", cmds[i]);
        thads(&r, args);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "usage: thads"));
    }
    thads(&r, "help serve");
    assert_non_null(strstr(r.out, "examples:"));
    assert_non_null(strstr(r.out, "THADS_DB"));
}

static void test_usage_errors_exit_2_with_one_line(void **state)
{
    static const char *const bad[] = {
        "",
        "frobnicate",
        "serve --bogus",
        "serve --threads 0",
        "serve --secure-cookie --bogus",
        "serve --db mysql://localhost/x",
        "serve --db sqlite:",
        "migrate --db 'postgresql://h/db?no_such_option=1'",
        "migrate extra",
        "holidays",
        "holidays 1969",
        "holidays 2101",
        "holidays 20x5",
        "holidays 2025 --format xml",
        "help nothing",
        "version extra",
    };
    run_t r;
    (void)state;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        thads(&r, bad[i]);
        if (r.status != 2)
            fail_msg("'thads %s' exited %d, want 2; said: %s", bad[i], r.status, r.out);
        if (i > 0 && lines(r.out) != 1)
            fail_msg("'thads %s' printed %d lines, want 1: %s", bad[i], lines(r.out), r.out);
    }
}

/* --secure-cookie is an option serve knows (it reaches the next check), and the
 * variable is 1 or 0: "0" does not turn it on by being set. */
static void test_secure_cookie_option(void **state)
{
    run_t r;
    (void)state;

    thads(&r, "serve --secure-cookie --threads 0");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.out, "--threads must be"));
    thads(&r, "serve --threads 0 --secure-cookie");
    assert_non_null(strstr(r.out, "--threads must be"));
    setenv("THADS_SECURE_COOKIE", "yes", 1);
    thads(&r, "serve --threads 0");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.out, "THADS_SECURE_COOKIE is 1 (on) or 0 (off), not 'yes'"));
    setenv("THADS_SECURE_COOKIE", "0", 1);
    thads(&r, "serve --threads 0");
    assert_non_null(strstr(r.out, "--threads must be"));
    unsetenv("THADS_SECURE_COOKIE");
}

static void test_unreachable_database_exits_1(void **state)
{
    run_t r;
    (void)state;

    thads(&r, "migrate --db 'postgresql:///x?host=/nonexistent&connect_timeout=1'");
    assert_int_equal(r.status, 1);
    assert_int_equal(lines(r.out), 1);
    thads(&r, "migrate --db sqlite:/nonexistent-dir/x.db");
    assert_int_equal(r.status, 1);
}

static void test_migrate_is_repeatable(void **state)
{
    run_t r;
    char args[1200];

    snprintf(args, sizeof args, "migrate --db '%s'", testdb_url(*state));
    thads(&r, args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "applied 0001"));
    thads(&r, args);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "applied 0001"));
    assert_non_null(strstr(r.out, "(0 applied)"));
}

static void test_migrate_reads_thads_db(void **state)
{
    run_t r;
    char args[1300];
    (void)state;

    snprintf(args, sizeof args, "migrate");
    setenv("THADS_DB", testdb_url("sqlite"), 1);
    thads(&r, args);
    unsetenv("THADS_DB");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "sqlite: schema version"));
}

static void test_holidays_json(void **state)
{
    run_t r;
    json_t *obj, *arr;
    json_error_t err;
    int tet = 0;
    (void)state;

    /* An object: the year, whether it was announced, and its days, each
     * with its source (calendar.md). */
    thads(&r, "holidays 2024 --format json");
    assert_int_equal(r.status, 0);
    obj = json_loads(r.out, 0, &err);
    assert_non_null(obj);
    assert_true(json_is_true(json_object_get(obj, "announced")));
    assert_string_equal(json_string_value(json_object_get(obj, "status")), "announced");
    arr = json_object_get(obj, "days");
    assert_true(json_array_size(arr) >= 9);
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *h = json_array_get(arr, i);
        const char *date = json_string_value(json_object_get(h, "date"));
        assert_non_null(date);
        assert_non_null(json_object_get(h, "name_vi"));
        assert_non_null(json_object_get(h, "kind"));
        assert_non_null(json_string_value(json_object_get(h, "source")));
        if (strcmp(date, "2024-02-10") == 0) /* Tết Giáp Thìn */
            tet = strcmp(json_string_value(json_object_get(h, "kind")), "lunar") == 0;
    }
    assert_true(tet);
    json_decref(obj);
    /* A year with no announcement says so, in json and in text. */
    thads(&r, "holidays 2027 --format json");
    assert_int_equal(r.status, 0);
    obj = json_loads(r.out, 0, &err);
    assert_non_null(obj);
    assert_true(json_is_false(json_object_get(obj, "announced")));
    assert_string_equal(json_string_value(json_object_get(obj, "status")),
                        "computed, not announced");
    json_decref(obj);
    thads(&r, "holidays 2027");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "computed, not announced"));
    thads(&r, "holidays 2025");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "computed, not announced"));
    assert_non_null(strstr(r.out, "8726/VPCP-KGVX"));
}

static void test_holidays_file_errors_name_line(void **state)
{
    run_t r;
    char path[512], args[700];
    const char *tmp = getenv("THADS_TEST_TMP");
    FILE *f;
    (void)state;

    snprintf(path, sizeof path, "%s/bad-holidays.csv", tmp ? tmp : "/tmp");
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("date,kind,name_vi,name_en,source\n2026-02-16,off,Nghỉ Tết,Tet,S\n2026-13-01,off,X,Y,S\n",
          f);
    fclose(f);
    snprintf(args, sizeof args, "holidays 2026 --holidays %s", path);
    thads(&r, args);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "line 3"));
}

static void test_version(void **state)
{
    run_t r;
    (void)state;

    thads(&r, "version");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "thads "));
    assert_non_null(strstr(r.out, "sqlite"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_usage_errors_exit_2_with_one_line),
        cmocka_unit_test(test_secure_cookie_option),
        cmocka_unit_test(test_unreachable_database_exits_1),
        TEST_BOTH(test_migrate_is_repeatable),
        cmocka_unit_test(test_migrate_reads_thads_db),
        cmocka_unit_test(test_holidays_json),
        cmocka_unit_test(test_holidays_file_errors_name_line),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
