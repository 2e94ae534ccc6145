/*
 * tests/http/test_money_xlsx.c — the cashier's daily book as a spreadsheet (GET
 * /api/money/daybook.xlsx), on both engines: the file is a real .xlsx (a zip whose
 * worksheet holds the day's receipt amounts as numbers, a void receipt's left out of the
 * sums), with Vietnamese headers; another province's accountant cannot open the book.
 * The workbook is read with unzip(1), as any other program would open it.
 */
#include "api/handlers.h"
#include "core/access.h"
#include "ops/app.h"
#include "testdb.h"
#include "testorg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t accountant, outsider;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testapp_set_now((int64_t)1773792000 * 1000000); /* 2026-03-18 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "ketoan", org.na_kv1, 1u << ROLE_ACCOUNTANT);
    testorg_user(&ts, &app, "ketoan.ht", org.ht_kv1, 1u << ROLE_ACCOUNTANT);
    testhttp_login(&ts, "ketoan", TESTORG_PASSWORD, &accountant);
    testhttp_login(&ts, "ketoan.ht", TESTORG_PASSWORD, &outsider);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    testapp_set_now(0);
    return 0;
}

/* A receipt of amount on case id, 2026-03-04: its id. */
static long long receive(int64_t id, long long amount)
{
    char path[64], body[300];
    test_response_t r;
    long long receipt;

    snprintf(path, sizeof path, "/api/cases/%lld/receipts", (long long)id);
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":%lld,\"method\":\"cash\","
             "\"payer_name\":\"Nguyễn Văn Nợ\"}",
             amount);
    testhttp_as(&ts, &accountant, "POST", path, body, &r);
    if (r.status != 201)
        fail_msg("POST %s: %ld %s", path, r.status, r.body);
    receipt =
        (long long)json_integer_value(json_object_get(json_object_get(r.json, "receipt"), "id"));
    testhttp_response_free(&r);
    return receipt;
}

/* The member `member` of the zip in r's body, as text (unzip -p): malloc'd, or NULL. */
static char *unzip_member(const test_response_t *r, const char *member)
{
    char path[] = "/tmp/thads-test-xlsx-XXXXXX", cmd[256], *out = NULL;
    size_t n = 0, cap = 0;
    int fd = mkstemp(path);
    FILE *p;

    assert_true(fd >= 0);
    assert_int_equal(write(fd, r->body, r->body_len), (ssize_t)r->body_len);
    close(fd);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", path, member);
    if ((p = popen(cmd, "r")) != NULL) {
        char buf[4096];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, p)) > 0) {
            if (n + got + 1 > cap) {
                cap = (n + got + 1) * 2;
                out = realloc(out, cap);
                assert_non_null(out);
            }
            memcpy(out + n, buf, got);
            n += got;
        }
        pclose(p);
    }
    unlink(path);
    if (out)
        out[n] = '\0';
    return out;
}

static void test_daybook_xlsx(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "301/QĐ-THADS", "2026-03-02", 900000000);
    long long voided;
    char path[128], type[128];
    test_response_t r;
    char *sheet, *strings;
    (void)state;

    receive(id, 123456789);
    voided = receive(id, 7770000);
    snprintf(path, sizeof path, "/api/receipts/%lld/void", voided);
    testhttp_as(&ts, &accountant, "POST", path,
                "{\"occurred_on\":\"2026-03-04\",\"reason\":\"Ghi nhầm số tiền\"}", &r);
    assert_int_equal(r.status, 200);
    testhttp_response_free(&r);

    snprintf(path, sizeof path, "/api/money/daybook.xlsx?day=2026-03-04&unit_id=%lld",
             (long long)org.na_kv1);
    testhttp_as(&ts, &accountant, "GET", path, NULL, &r);
    if (r.status != 200)
        fail_msg("GET %s: %ld %s", path, r.status, r.body);
    assert_non_null(testhttp_header(&r, "Content-Type", type, sizeof type));
    assert_string_equal(type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    /* a zip: the local file header's magic */
    assert_true(r.body_len > 4 && memcmp(r.body, "PK\x03\x04", 4) == 0);

    sheet = unzip_member(&r, "xl/worksheets/sheet1.xml");
    strings = unzip_member(&r, "xl/sharedStrings.xml");
    assert_non_null(sheet);
    assert_non_null(strings);
    /* the receipt's amount is a number in its cell, and the total row sums it alone */
    if (strstr(sheet, "<v>123456789</v>") == NULL)
        fail_msg("no receipt amount in the sheet: %.2000s", sheet);
    assert_non_null(strstr(sheet, "SUM(G5:"));
    /* the void receipt keeps its line, marked, without its sum */
    assert_null(strstr(sheet, "<v>7770000</v>"));
    assert_non_null(strstr(strings, "ĐÃ HỦY: Ghi nhầm số tiền"));
    assert_non_null(strstr(strings, "Thu (đồng)"));
    assert_non_null(strstr(strings, "Ngày: 04/03/2026"));
    /* the tills: nothing the day before, the kept receipt at the end of the day (the void
     * reversed on the day), in the book and in its JSON */
    assert_non_null(strstr(strings, "Tồn cuối ngày — tiền mặt"));
    free(sheet);
    free(strings);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/money/daybook?day=2026-03-04&unit_id=%lld",
             (long long)org.na_kv1);
    testhttp_as(&ts, &accountant, "GET", path, NULL, &r);
    assert_int_equal(r.status, 200);
    json_t *open = json_object_get(r.json, "opening"), *close = json_object_get(r.json, "closing");
    assert_int_equal(json_integer_value(json_object_get(open, "cash_vnd")) +
                         json_integer_value(json_object_get(open, "bank_vnd")),
                     0);
    assert_int_equal(json_integer_value(json_object_get(close, "cash_vnd")) +
                         json_integer_value(json_object_get(close, "bank_vnd")),
                     123456789);
    testhttp_response_free(&r);

    /* another province's accountant: no such unit for them */
    testhttp_as(&ts, &outsider, "GET", path, NULL, &r);
    assert_int_equal(r.status, 404);
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_daybook_xlsx),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("money_xlsx/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("money_xlsx/postgres", tests, start_postgres, stop);
    return failed;
}
