/*
 * tests/cli/test_cli_report.c — `thads report` as a statistician runs it, on both
 * engines, over the sample import: the JSON of a province's reporting year, and the same
 * report as the official forms written by --format xlsx --out FILE (a workbook with the
 * sheet in cases and the sheet in money; the figures themselves are compared with the JSON
 * through LibreOffice in tests/http/test_reports_api.c, by the same writer). Runs the binary
 * named by $THADS_BIN from the top of the source tree.
 */
#include "testdb.h"

#include <jansson.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
    int status;
    char out[1 << 17];
} run_t;

static char db_url[1200];

static void run(run_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void run(run_t *r, const char *fmt, ...)
{
    const char *bin = getenv("THADS_BIN");
    char args[2048], cmd[4096];
    va_list ap;
    FILE *p;
    size_t n;

    if (bin == NULL)
        fail_msg("THADS_BIN is not set; run through make test");
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "%s %s --db '%s' 2>&1 </dev/null", bin, args, db_url);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(r->out, 1, sizeof r->out - 1, p);
    r->out[n] = '\0';
    r->status = WEXITSTATUS(pclose(p));
}

static void expect(run_t *r, int want, const char *args)
{
    run(r, "%s", args);
    if (r->status != want)
        fail_msg("'%s' exited %d, want %d; said: %s", args, r->status, want, r->out);
}

static void test_report_json_and_forms(void **state)
{
    static run_t r;
    char file[600], cmd[1400], sheets[4096] = "";
    json_t *j;
    FILE *p;
    size_t n;

    snprintf(db_url, sizeof db_url, "%s", testdb_url(*state));
    expect(&r, 0, "import units docs/samples/units.csv");
    expect(&r, 0, "import cases docs/samples/cases.csv");
    expect(&r, 0, "report --unit CTHADS-NA --from 2024-10-01 --to 2025-06-30 --format json");
    assert_non_null(strstr(r.out, "\"unit\":\"CTHADS-NA\""));
    assert_non_null(strstr(r.out, "\"units\":[{\"unit\":"));
    /* what the page shows beside the lines: no target set, the same months a year before */
    j = json_loads(r.out, 0, NULL);
    assert_non_null(j);
    /* the sample has cases then */
    assert_true(json_integer_value(json_object_get(json_object_get(j, "total"), "cases")) > 0);
    /* and the special tables, credit's with the sample's credit cases */
    assert_non_null(json_object_get(json_object_get(j, "special"), "prisoner"));
    assert_true(
        json_integer_value(json_object_get(
            json_object_get(json_object_get(json_object_get(j, "special"), "credit"), "total"),
            "cases")) > 0);
    assert_true(json_is_null(json_object_get(j, "target")));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "previous_year"), "from")),
        "2023-10-01");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "previous_year"), "to")),
        "2024-06-30");
    assert_non_null(json_object_get(json_object_get(j, "prisons"), "sent"));
    json_decref(j);

    snprintf(file, sizeof file, "%s/bc-%d.xlsx",
             getenv("THADS_TEST_TMP") ? getenv("THADS_TEST_TMP") : "/tmp", (int)getpid());
    run(&r, "report --unit CTHADS-NA --from 2024-10-01 --to 2025-06-30 --format xlsx --out %s",
        file);
    if (r.status != 0)
        fail_msg("xlsx: %d %s", r.status, r.out);
    assert_string_equal(r.out, ""); /* the workbook goes to the file, nothing to the terminal */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/workbook.xml", file);
    assert_non_null(p = popen(cmd, "r"));
    n = fread(sheets, 1, sizeof sheets - 1, p);
    sheets[n] = '\0';
    assert_int_equal(WEXITSTATUS(pclose(p)), 0);
    assert_non_null(strstr(sheets, "Biểu 07 - Việc"));
    assert_non_null(strstr(sheets, "Biểu 08 - Tiền"));
    unlink(file);

    /* --out goes with xlsx, and xlsx needs it */
    expect(&r, 2, "report --unit CTHADS-NA --from 2024-10-01 --to 2025-06-30 --format xlsx");
    expect(&r, 2, "report --unit CTHADS-NA --from 2024-10-01 --to 2025-06-30 --out /tmp/x.xlsx");
    expect(&r, 2, "report --unit CTHADS-NA --from 2024-10-01 --to 2025-06-30 --format pdf");
    /* a file that cannot be written */
    expect(&r, 1,
           "report --unit CTHADS-NA --from 2024-10-01 --to 2025-06-30 --format xlsx --out "
           "/nonexistent/dir/bc.xlsx");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_report_json_and_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
