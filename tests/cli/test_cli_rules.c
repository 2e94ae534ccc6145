/*
 * tests/cli/test_cli_rules.c — `thads rules` and `--rules FILE` as an administrator
 * meets them: the rules in force on a day with source and confidence, the switch of
 * law on 1 July 2026, and a corrected table refused with its line when it overlaps,
 * leaves a gap or drops a rule. Runs the built binary named by $THADS_BIN.
 */
#include "testdb.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
    int status;
    char out[262144];
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

/* The rule rule_id of a `thads rules --format json` answer, or NULL. */
static json_t *rule_of(json_t *doc, const char *rule_id)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(doc, "rules"), i, x)
    {
        if (strcmp(json_string_value(json_object_get(x, "rule_id")), rule_id) == 0)
            return x;
    }
    return NULL;
}

static json_t *rules_json(const char *args)
{
    run_t r;
    json_error_t e;
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rules --format json %s", args);
    thads(&r, cmd);
    if (r.status != 0)
        fail_msg("thads %s exited %d: %s", cmd, r.status, r.out);
    json_t *doc = json_loads(r.out, 0, &e);
    if (doc == NULL)
        fail_msg("not JSON (%s): %.200s", e.text, r.out);
    return doc;
}

/* A file under the test directory holding text; returns its path (static storage). */
static const char *write_file(const char *name, const char *text)
{
    static char path[4][512];
    static int next;
    const char *tmp = getenv("THADS_TEST_TMP");
    char *p = path[next++ % 4];
    snprintf(p, sizeof path[0], "%s/%s", tmp ? tmp : "/tmp", name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* The shipped table, as a corrected copy starts: read from the repository root. */
static char *shipped_csv(void)
{
    FILE *f = fopen("data/rules.csv", "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *copy = strdup(buf);
    assert_non_null(copy);
    return copy;
}

static void test_help_and_usage(void **state)
{
    run_t r;
    (void)state;

    thads(&r, "--help");
    assert_non_null(strstr(r.out, "rules"));
    thads(&r, "help rules");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: thads rules [--at DATE]"));
    assert_non_null(strstr(r.out, "THADS_RULES"));
    thads(&r, "help serve");
    assert_non_null(strstr(r.out, "--rules FILE"));

    static const char *const bad[] = {
        "rules --at 2026-02-30", "rules --at tomorrow", "rules --format xml",
        "rules extra",           "rules --bogus",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        thads(&r, bad[i]);
        if (r.status != 2 || lines(r.out) != 1)
            fail_msg("'thads %s' exited %d with %d lines, want 2 and 1: %s", bad[i], r.status,
                     lines(r.out), r.out);
    }
}

/* The day before and the day of the switch of law: the same deadline, each day's row. */
static void test_rules_at_the_switch(void **state)
{
    (void)state;
    json_t *before = rules_json("--at 2026-06-30");
    json_t *after = rules_json("--at 2026-07-01");

    assert_string_equal(json_string_value(json_object_get(before, "at")), "2026-06-30");
    json_t *d10 = rule_of(before, "D10");
    assert_non_null(d10);
    assert_int_equal(json_integer_value(json_object_get(d10, "value")), 10);
    assert_string_equal(json_string_value(json_object_get(d10, "unit")), "CD");
    assert_string_equal(json_string_value(json_object_get(d10, "legal_ref")),
                        "Law 26/2008/QH12 (amended 2014) art. 45");
    assert_string_equal(json_string_value(json_object_get(d10, "tag")), "W");
    assert_true(json_is_false(json_object_get(d10, "unconfirmed")));
    assert_string_equal(json_string_value(json_object_get(d10, "effective_to")), "2026-06-30");

    d10 = rule_of(after, "D10");
    assert_non_null(d10);
    assert_int_equal(json_integer_value(json_object_get(d10, "value")), 10);
    assert_non_null(
        strstr(json_string_value(json_object_get(d10, "legal_ref")), "Law 106/2025/QH15"));
    assert_string_equal(json_string_value(json_object_get(d10, "tag")), "M");
    assert_true(json_is_true(json_object_get(d10, "unconfirmed")));
    assert_true(json_is_null(json_object_get(d10, "effective_to")));

    /* One version of each rule a day: the same rules on both days. */
    assert_int_equal(json_array_size(json_object_get(before, "rules")),
                     json_integer_value(json_object_get(before, "count")));
    assert_int_equal(json_integer_value(json_object_get(before, "count")),
                     json_integer_value(json_object_get(after, "count")));
    assert_true(json_integer_value(json_object_get(after, "unconfirmed")) >
                json_integer_value(json_object_get(before, "unconfirmed")));
    /* The rules the case engine starts, the complaint limits, the blackout, fees. */
    static const char *const ids[] = {"D5",
                                      "D7",
                                      "D8",
                                      "D13",
                                      "D15",
                                      "D16",
                                      "D17",
                                      "D18",
                                      "D19",
                                      "D20",
                                      "D22",
                                      "D23",
                                      "D25",
                                      "D26",
                                      "D29",
                                      "D35_ACCOUNT_FREEZE",
                                      "COERCION_BLACKOUT_BEFORE_TET",
                                      "FEE_BAND2_RATE"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (rule_of(after, ids[i]) == NULL || rule_of(before, ids[i]) == NULL)
            fail_msg("%s not listed", ids[i]);
    json_decref(before);
    json_decref(after);

    /* Before the 2014 law: D10 was 15 days, and D4 did not exist yet. */
    json_t *old = rules_json("--at 2015-06-30");
    assert_int_equal(json_integer_value(json_object_get(rule_of(old, "D10"), "value")), 15);
    assert_null(rule_of(old, "D4"));
    json_decref(old);
}

static void test_text_flags_unconfirmed(void **state)
{
    run_t r;
    (void)state;

    thads(&r, "rules --at 2026-07-01");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Rules in force on 2026-07-01"));
    assert_non_null(strstr(r.out, "UNCONFIRMED"));
    assert_non_null(strstr(r.out, "Thời hạn tự nguyện thi hành án"));
    assert_non_null(strstr(r.out, "Law 106/2025/QH15, article unconfirmed (was art. 45"));
    /* A W row is not flagged: D32 rests on Decision 630/QĐ-BTP, not on the new law. */
    const char *d32 = strstr(r.out, "\nD32 ");
    assert_non_null(d32);
    const char *eol = strchr(d32 + 1, '\n');
    assert_non_null(eol);
    assert_null(memmem(d32, (size_t)(eol - d32), "UNCONFIRMED", 11));
    /* Today, by default. */
    thads(&r, "rules");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Rules in force on "));
}

/* A corrected table: a changed number is used; a bad file is refused with its line by
 * `thads rules` and by `thads serve`, before the database is touched. */
static void test_rules_file(void **state)
{
    run_t r;
    char args[1200];
    (void)state;
    char *csv = shipped_csv();

    /* The administrator confirms D10 under the new law as 7 days (made-up value). */
    char *p = strstr(csv, "D10,2026-07-01,,10,CD,");
    assert_non_null(p);
    memcpy(p, "D10,2026-07-01,,07,CD,", 22);
    const char *good = write_file("rules-good.csv", csv);
    snprintf(args, sizeof args, "--at 2026-07-01 --rules %s", good);
    json_t *doc = rules_json(args);
    assert_int_equal(json_integer_value(json_object_get(rule_of(doc, "D10"), "value")), 7);
    assert_string_equal(json_string_value(json_object_get(doc, "source")), good);
    json_decref(doc);
    /* From the environment too. */
    setenv("THADS_RULES", good, 1);
    doc = rules_json("--at 2026-07-01");
    assert_int_equal(json_integer_value(json_object_get(rule_of(doc, "D10"), "value")), 7);
    json_decref(doc);
    unsetenv("THADS_RULES");
    /* A file whose name is not UTF-8 cannot be named in JSON: refused, not a crash. */
    {
        char odd[600];
        snprintf(odd, sizeof odd, "%s.\xff", good);
        FILE *f = fopen(odd, "w");
        assert_non_null(f);
        fputs(csv, f);
        fclose(f);
        snprintf(args, sizeof args, "rules --format json --rules '%s'", odd);
        thads(&r, args);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.out, "cannot write the rules as JSON"));
        remove(odd);
    }
    /* serve accepts it and goes on to the database (which is unreachable here). */
    snprintf(args, sizeof args, "serve --rules %s --db sqlite:/nonexistent-dir/x.db", good);
    thads(&r, args);
    assert_int_equal(r.status, 1);
    assert_null(strstr(r.out, "rules"));

    /* A gap: the new D10 row starts a day late. */
    memcpy(p, "D10,2026-07-02,,10,CD,", 22);
    const char *gap = write_file("rules-gap.csv", csv);
    int line = 1;
    for (const char *q = csv; q < p; q++)
        line += *q == '\n';
    char want[256];
    snprintf(want, sizeof want,
             "%s: line %d, column 5: gap in the validity of D10: the version on line %d ends "
             "2026-06-30, so 2026-07-01 to 2026-07-01 has no version",
             gap, line, line - 1);
    snprintf(args, sizeof args, "rules --rules %s", gap);
    thads(&r, args);
    assert_int_equal(r.status, 1);
    assert_int_equal(lines(r.out), 1);
    if (strstr(r.out, want) == NULL)
        fail_msg("got %s\nwant %s", r.out, want);
    snprintf(args, sizeof args, "serve --rules %s --db sqlite:/nonexistent-dir/x.db", gap);
    thads(&r, args);
    assert_int_equal(r.status, 1);
    assert_int_equal(lines(r.out), 1);
    assert_non_null(strstr(r.out, want));
    setenv("THADS_RULES", gap, 1);
    thads(&r, "serve --db sqlite:/nonexistent-dir/x.db");
    unsetenv("THADS_RULES");
    assert_non_null(strstr(r.out, want));

    /* An overlap: the new row starts a day early. */
    memcpy(p, "D10,2026-06-30,,10,CD,", 22);
    const char *overlap = write_file("rules-overlap.csv", csv);
    snprintf(want, sizeof want, "%s: line %d, column 5: validity overlaps D10 on line %d", overlap,
             line, line - 1);
    snprintf(args, sizeof args, "serve --rules %s", overlap);
    thads(&r, args);
    assert_int_equal(r.status, 1);
    if (strstr(r.out, want) == NULL)
        fail_msg("got %s\nwant %s", r.out, want);

    /* A rule dropped: every rule of the built-in table must stay. */
    const char *dropped =
        write_file("rules-dropped.csv",
                   "rule_id,effective_from,effective_to,value,unit,legal_ref,tag,name_vi,name_en\n"
                   "D10,2015-07-01,,10,CD,art. 45,W,Thời hạn tự nguyện,Voluntary period\n");
    snprintf(args, sizeof args, "rules --rules %s", dropped);
    thads(&r, args);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "no row for rule D4"));

    /* A file that cannot be read. */
    thads(&r, "rules --rules /nonexistent-dir/rules.csv");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "cannot read rules file /nonexistent-dir/rules.csv"));
    free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_and_usage),
        cmocka_unit_test(test_rules_at_the_switch),
        cmocka_unit_test(test_text_flags_unconfirmed),
        cmocka_unit_test(test_rules_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
