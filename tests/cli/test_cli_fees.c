/*
 * tests/cli/test_cli_fees.c — `thads fees` as an accountant meets it: the schedule in
 * force on a day with its sources, the fee on an amount (the worked example of THADS.md
 * 4.1), the base-salary change of 1 July 2024, the terms a head decides, and the refusals.
 * Runs the built binary named by $THADS_BIN.
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
    char cmd[1024];
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

static json_t *fees_json(const char *args)
{
    run_t r;
    json_error_t e;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "fees --format json %s", args);
    thads(&r, cmd);
    if (r.status != 0)
        fail_msg("thads %s exited %d: %s", cmd, r.status, r.out);
    json_t *doc = json_loads(r.out, 0, &e);
    if (doc == NULL)
        fail_msg("not JSON (%s): %.200s", e.text, r.out);
    return doc;
}

static json_int_t computed(json_t *doc, const char *key)
{
    return json_integer_value(json_object_get(json_object_get(doc, "computed"), key));
}

/* The text answer shows each band with its source and flags the unconfirmed rows. */
static void test_schedule_text(void **state)
{
    (void)state;
    run_t r;
    thads(&r, "fees --date 2026-01-15 6.200.000.000");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Enforcement fee schedule in force on 2026-01-15"));
    assert_non_null(strstr(r.out, "no fee up to: 4.680.000 đ"));
    assert_non_null(strstr(r.out, "150.000.000 đ + 2% phần vượt quá"));
    assert_non_null(strstr(r.out, "245.000.000 đ + 0,01%"));
    assert_non_null(strstr(r.out, "Circular 216/2016/TT-BTC"));
    assert_non_null(strstr(r.out, "UNCONFIRMED")); /* base salary and the 0.01% are [M] */
    assert_non_null(strstr(r.out, "Phải nộp / payable: 174.000.000 đ (Một trăm bảy mươi bốn "
                                  "triệu đồng)"));
    /* Without an amount: the schedule only. */
    thads(&r, "fees --date 2026-01-15");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Bậc / band 5"));
    assert_null(strstr(r.out, "payable"));
}

/* The JSON answer: the worked example, the threshold on both sides of the base-salary
 * change, and the terms. */
static void test_fee_json(void **state)
{
    (void)state;
    json_t *doc = fees_json("6200000000 --date 2026-01-15");
    assert_int_equal(computed(doc, "fee"), 174000000);
    assert_int_equal(computed(doc, "band"), 2);
    assert_int_equal(json_integer_value(json_object_get(doc, "threshold")), 4680000);
    assert_int_equal(json_array_size(json_object_get(doc, "bands")), 5);
    json_decref(doc);

    doc = fees_json("3600001 --date 2024-06-30");
    assert_int_equal(computed(doc, "fee"), 108000);
    json_decref(doc);
    doc = fees_json("3600001 --date 2024-07-01");
    assert_int_equal(computed(doc, "fee"), 0);
    assert_int_equal(computed(doc, "band"), 0);
    json_decref(doc);

    doc = fees_json("6200000000 --date 2026-01-15 --one-third");
    assert_int_equal(computed(doc, "fee"), 58000000);
    json_decref(doc);
    doc = fees_json("6200000000 --date 2026-01-15 --poor 80");
    assert_int_equal(computed(doc, "fee"), 34800000);
    json_decref(doc);
    doc = fees_json("6200000000 --date 2026-01-15 --found");
    assert_int_equal(computed(doc, "fee"), 121800000);
    json_decref(doc);
    doc = fees_json("6200000000 --date 2026-01-15 --found-coercion");
    assert_int_equal(computed(doc, "fee"), 139200000);
    json_decref(doc);
    doc = fees_json("6200000000 --date 2026-01-15 --exempt");
    assert_int_equal(computed(doc, "fee"), 0);
    assert_int_equal(computed(doc, "full_fee"), 174000000);
    json_decref(doc);
}

static void test_refusals(void **state)
{
    (void)state;
    run_t r;
    thads(&r, "fees 100000000 --date 2026-01-15 --poor 81");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "at most 80 percent"));
    thads(&r, "fees --date 2016-12-31");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "No enforcement fee schedule or base salary is in force on "
                                  "2016-12-31"));
    thads(&r, "fees 12,5");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.out, "is not an amount of đồng"));
    thads(&r, "fees 100 --poor lots");
    assert_int_equal(r.status, 2);
    thads(&r, "fees 100 --found --poor 10");
    assert_int_equal(r.status, 2);
    thads(&r, "fees 100 200");
    assert_int_equal(r.status, 2);
    thads(&r, "fees --format xml");
    assert_int_equal(r.status, 2);
    thads(&r, "help fees");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: thads fees"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_text),
        cmocka_unit_test(test_fee_json),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
