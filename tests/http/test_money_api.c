/*
 * tests/http/test_money_api.c — money through the ledger over HTTP, on both engines: the
 * accountant receipts and pays out, the officer confirms the split and the head approves
 * it (payout_approved starts D31; nothing is paid before); each collection has
 * its own payout deadline; a surplus belongs to the payer; receipts are numbered without
 * gaps even when many clients record at once; voids keep the number; bad input is
 * refused with nothing written; another province's cases and receipts do not exist.
 */
#include "api/handlers.h"
#include "core/access.h"
#include "ops/app.h"
#include "store/ledger.h"
#include "testdb.h"
#include "testorg.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t officer, accountant, keeper, outsider, leader, leader_ht;

static int start_on(const char *engine)
{
    testapp_init(&app);
    testapp_set_now((int64_t)1773792000 * 1000000); /* 2026-03-18 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "chv.lan", org.na_kv1, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "ketoan", org.na_kv1, 1u << ROLE_ACCOUNTANT);
    testorg_user(&ts, &app, "thukho", org.na_kv1, 1u << ROLE_WAREHOUSE_KEEPER);
    testorg_user(&ts, &app, "ketoan.ht", org.ht_kv1, 1u << ROLE_ACCOUNTANT);
    testorg_user(&ts, &app, "truongphong", org.na_kv1, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "truongphong.ht", org.ht_kv1, 1u << ROLE_LEADER);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    testhttp_login(&ts, "ketoan", TESTORG_PASSWORD, &accountant);
    testhttp_login(&ts, "thukho", TESTORG_PASSWORD, &keeper);
    testhttp_login(&ts, "ketoan.ht", TESTORG_PASSWORD, &outsider);
    testhttp_login(&ts, "truongphong", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "truongphong.ht", TESTORG_PASSWORD, &leader_ht);
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

static long as(test_login_t *who, const char *method, const char *path, const char *body,
               test_response_t *r)
{
    testhttp_as(&ts, who, method, path, body, r);
    return r->status;
}

/* POST body to /api/cases/{id}/what as who; fails unless it answers want. */
static void post(test_login_t *who, int64_t id, const char *what, const char *body, long want,
                 test_response_t *r)
{
    char path[80];

    snprintf(path, sizeof path, "/api/cases/%lld/%s", (long long)id, what);
    if (as(who, "POST", path, body, r) != want)
        fail_msg("POST %s %s: got %ld %s, want %ld", path, body, r->status, r->body, want);
}

static void post_ok(test_login_t *who, int64_t id, const char *what, const char *body)
{
    test_response_t r;
    post(who, id, what, body, 201, &r);
    testhttp_response_free(&r);
}

static void receive(int64_t id, const char *on, long long amount, const char *method)
{
    char body[300];
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"%s\",\"amount_vnd\":%lld,\"method\":\"%s\",\"payer_name\":"
             "\"Nguyễn Văn Nợ\"}",
             on, amount, method);
    post_ok(&accountant, id, "receipts", body);
}

/* The officer confirms the proposed split: the allocation's ledger transaction. */
static int64_t confirm(int64_t id, const char *on)
{
    char body[80];
    test_response_t r;
    int64_t txn;

    snprintf(body, sizeof body, "{\"occurred_on\":\"%s\"}", on);
    post(&officer, id, "allocations", body, 201, &r);
    txn = json_integer_value(json_object_get(r.json, "txn_id"));
    testhttp_response_free(&r);
    assert_true(txn > 0);
    return txn;
}

/* who approves allocation txn of case id on `on`; fails unless it answers want. */
static void approve_as(test_login_t *who, int64_t id, int64_t txn, const char *on, long want,
                       test_response_t *r)
{
    char what[80], body[80];
    snprintf(what, sizeof what, "allocations/%lld/approve", (long long)txn);
    snprintf(body, sizeof body, "{\"occurred_on\":\"%s\"}", on);
    post(who, id, what, body, want, r);
}

/* Confirmed by the officer and approved by the head the same day. */
static void allocate(int64_t id, const char *on)
{
    test_response_t r;
    approve_as(&leader, id, confirm(id, on), on, 201, &r);
    testhttp_response_free(&r);
}

static void pay(int64_t id, const char *on, int64_t payee, long long gross, int cash)
{
    char body[200];
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"%s\",\"payee_party_id\":%lld,\"gross_vnd\":%lld,\"in_cash\":%s}",
             on, (long long)payee, gross, cash ? "true" : "false");
    post_ok(&accountant, id, "payouts", body);
}

/* The case's party of role (creditor, debtor). */
static int64_t party_of(int64_t id, const char *role)
{
    char path[64];
    test_response_t r;
    json_t *parties;
    int64_t party = 0;

    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    assert_int_equal(as(&officer, "GET", path, NULL, &r), 200);
    parties = json_object_get(r.json, "parties");
    for (size_t i = 0; i < json_array_size(parties); i++) {
        json_t *p = json_array_get(parties, i);
        if (strcmp(json_string_value(json_object_get(p, "role")), role) == 0)
            party = json_integer_value(json_object_get(p, "id"));
    }
    testhttp_response_free(&r);
    assert_true(party > 0);
    return party;
}

static json_t *money_of(int64_t id, test_response_t *r)
{
    char path[64];
    snprintf(path, sizeof path, "/api/cases/%lld/money", (long long)id);
    assert_int_equal(as(&officer, "GET", path, NULL, r), 200);
    return r->json;
}

static long long int_at(json_t *o, const char *name)
{
    return (long long)json_integer_value(json_object_get(o, name));
}

/* Issue 14, seen 1: each sum collected is paid out within its own deadline. */
static void test_payout_deadline_per_collection(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "201/QĐ-THADS", "2026-03-02", 1250000000);
    int64_t creditor = party_of(id, "creditor");
    char path[64];
    test_response_t r;
    json_t *dl;
    int met = 0, open = 0;
    (void)state;

    receive(id, "2026-03-03", 50000000, "cash");
    allocate(id, "2026-03-03");
    pay(id, "2026-03-05", creditor, 45000000, 1);
    receive(id, "2026-03-06", 900000000, "transfer");
    allocate(id, "2026-03-06");
    pay(id, "2026-03-07", creditor, 5000000, 1);

    snprintf(path, sizeof path, "/api/cases/%lld", (long long)id);
    assert_int_equal(as(&officer, "GET", path, NULL, &r), 200);
    dl = json_object_get(r.json, "deadlines");
    for (size_t i = 0; i < json_array_size(dl); i++) {
        json_t *d = json_array_get(dl, i);
        const char *outcome = json_string_value(json_object_get(d, "outcome"));
        if (strcmp(json_string_value(json_object_get(d, "rule_id")), "D30") != 0)
            continue;
        met += strcmp(outcome, "met") == 0;
        open += strcmp(outcome, "open") == 0;
    }
    /* the 50,000,000 paid out in full; the 900,000,000 still held, its deadline open */
    if (met != 1 || open != 1)
        fail_msg("D30 met %d, open %d: %s", met, open, json_dumps(dl, 0));
    testhttp_response_free(&r);

    money_of(id, &r);
    assert_int_equal(int_at(r.json, "collected_vnd"), 950000000);
    assert_int_equal(int_at(r.json, "paid_vnd"), 50000000);
    assert_int_equal(int_at(r.json, "held_vnd"), 900000000);
    assert_int_equal(json_array_size(json_object_get(r.json, "receipts")), 2);
    assert_int_equal(json_array_size(json_object_get(r.json, "payouts")), 2);
    testhttp_response_free(&r);
}

/* Issue 14, seen 2 and 3: more than is owed shows as a surplus for the payer; every sum
 * gets a numbered receipt with the amount in words. */
static void test_surplus_and_receipt(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "202/QĐ-THADS", "2026-03-02", 157500000);
    int64_t debtor = party_of(id, "debtor"), creditor = party_of(id, "creditor");
    test_response_t r;
    json_t *receipt, *proposal;
    int surplus_rows = 0;
    (void)state;

    post(&accountant, id, "receipts",
         "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":950001000,\"method\":\"transfer\","
         "\"payer_name\":\"Nguyễn Văn Nợ\",\"on_behalf_of\":\"Nguyễn Văn Nợ\"}",
         201, &r);
    receipt = json_object_get(r.json, "receipt");
    assert_true(int_at(receipt, "number") >= 1);
    assert_string_equal(json_string_value(json_object_get(receipt, "amount_words_vi")),
                        "Chín trăm năm mươi triệu không trăm linh một nghìn đồng");
    assert_string_equal(json_string_value(json_object_get(receipt, "form")), "C28-THA");
    testhttp_response_free(&r);

    money_of(id, &r);
    assert_int_equal(int_at(r.json, "remaining_vnd"), 0);
    assert_int_equal(int_at(r.json, "surplus_vnd"), 792501000);
    proposal = json_object_get(r.json, "proposal");
    for (size_t i = 0; i < json_array_size(proposal); i++) {
        json_t *s = json_array_get(proposal, i);
        if (json_is_null(json_object_get(s, "item_id"))) {
            surplus_rows++;
            assert_int_equal(int_at(s, "payee_party_id"), debtor);
            assert_int_equal(int_at(s, "share_vnd"), 792501000);
        } else {
            assert_int_equal(int_at(s, "payee_party_id"), creditor);
            assert_int_equal(int_at(s, "share_vnd"), 157500000);
        }
    }
    assert_int_equal(surplus_rows, 1);
    testhttp_response_free(&r);

    /* confirmed, the surplus is owed back to the debtor and paid out to them */
    allocate(id, "2026-03-04");
    pay(id, "2026-03-05", debtor, 792501000, 0);
    pay(id, "2026-03-05", creditor, 157500000, 0);
    money_of(id, &r);
    assert_int_equal(int_at(r.json, "held_vnd"), 0);
    testhttp_response_free(&r);
}

/* Issue 14, seen 4: the roles match the work. */
static void test_roles(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "203/QĐ-THADS", "2026-03-02", 10000000);
    static const char receipt[] = "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":1000000,"
                                  "\"method\":\"cash\",\"payer_name\":\"Lê Thị Trả\"}";
    test_response_t r;
    char path[64];
    (void)state;

    post(&officer, id, "receipts", receipt, 403, &r);
    testhttp_response_free(&r);
    post(&keeper, id, "receipts", receipt, 403, &r);
    testhttp_response_free(&r);
    post(&accountant, id, "receipts", receipt, 201, &r);
    testhttp_response_free(&r);
    post(&accountant, id, "allocations", "{\"occurred_on\":\"2026-03-04\"}", 403, &r);
    testhttp_response_free(&r);
    /* money no longer moves through the plain events route */
    post(&officer, id, "events",
         "{\"type\":\"money_collected\",\"occurred_on\":\"2026-03-04\",\"amount_vnd\":5}", 400, &r);
    testhttp_response_free(&r);
    /* another province's accountant: the case and the receipt do not exist */
    post(&outsider, id, "receipts", receipt, 404, &r);
    testhttp_response_free(&r);
    snprintf(path, sizeof path, "/api/cases/%lld/money", (long long)id);
    assert_int_equal(as(&outsider, "GET", path, NULL, &r), 404);
    testhttp_response_free(&r);
    assert_int_equal(as(&outsider, "GET", "/api/receipts/1", NULL, &r), 404);
    testhttp_response_free(&r);
    assert_int_equal(as(&outsider, "POST", "/api/receipts/1/void",
                        "{\"occurred_on\":\"2026-03-05\",\"reason\":\"x\"}", &r),
                     404);
    testhttp_response_free(&r);
}

static int64_t last_receipt(int64_t id)
{
    test_response_t r;
    json_t *list;
    int64_t rid;

    money_of(id, &r);
    list = json_object_get(r.json, "receipts");
    rid = int_at(json_array_get(list, json_array_size(list) - 1), "id");
    testhttp_response_free(&r);
    return rid;
}

/* POST body to path as the accountant; fails unless it answers want. */
static void post_path(const char *path, const char *body, long want, test_response_t *r)
{
    if (as(&accountant, "POST", path, body, r) != want)
        fail_msg("POST %s %s: got %ld %s, want %ld", path, body, r->status, r->body, want);
}

static void test_void(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "204/QĐ-THADS", "2026-03-02", 80000000);
    int64_t rid;
    long long number;
    char path[64];
    test_response_t r;
    (void)state;

    receive(id, "2026-03-04", 30000000, "cash");
    rid = last_receipt(id);
    snprintf(path, sizeof path, "/api/receipts/%lld/void", (long long)rid);
    post_path(path, "{\"occurred_on\":\"2026-03-04\"}", 400, &r);
    assert_string_equal(testhttp_error_field(&r), "reason");
    testhttp_response_free(&r);
    post_path(path, "{\"occurred_on\":\"2026-03-04\",\"reason\":\"Ghi nhầm số tiền\"}", 200, &r);
    assert_true(json_is_true(json_object_get(json_object_get(r.json, "receipt"), "voided")));
    number = int_at(json_object_get(r.json, "receipt"), "number");
    testhttp_response_free(&r);
    post_path(path, "{\"occurred_on\":\"2026-03-04\",\"reason\":\"lần nữa\"}", 409, &r);
    assert_string_equal(testhttp_error_code(&r), "receipt_voided");
    testhttp_response_free(&r);

    money_of(id, &r);
    assert_int_equal(int_at(r.json, "collected_vnd"), 0);
    assert_int_equal(int_at(r.json, "held_vnd"), 0);
    testhttp_response_free(&r);

    /* the next receipt takes the next number: the void kept its own */
    receive(id, "2026-03-05", 30000000, "cash");
    snprintf(path, sizeof path, "/api/receipts/%lld", (long long)last_receipt(id));
    assert_int_equal(as(&accountant, "GET", path, NULL, &r), 200);
    assert_int_equal(int_at(json_object_get(r.json, "receipt"), "number"), number + 1);
    testhttp_response_free(&r);

    /* once allocated, or paid out, a receipt can no longer be voided */
    allocate(id, "2026-03-05");
    snprintf(path, sizeof path, "/api/receipts/%lld/void", (long long)last_receipt(id));
    post_path(path, "{\"occurred_on\":\"2026-03-05\",\"reason\":\"nhầm\"}", 409, &r);
    assert_string_equal(testhttp_error_code(&r), "receipt_allocated");
    testhttp_response_free(&r);
    pay(id, "2026-03-06", party_of(id, "creditor"), 10000000, 1);
    post_path(path, "{\"occurred_on\":\"2026-03-06\",\"reason\":\"nhầm\"}", 409, &r);
    assert_string_equal(testhttp_error_code(&r), "receipt_paid_out");
    testhttp_response_free(&r);
}

/* Nothing is written by a refused request: the ledger's rows are counted around each. */
static int64_t ledger_rows(void)
{
    return testorg_count(&ts, "SELECT (SELECT COUNT(*) FROM ledger_entry) + (SELECT COUNT(*) "
                              "FROM money_receipt) + (SELECT COUNT(*) FROM money_payout) + "
                              "(SELECT COUNT(*) FROM allocation_share) + "
                              "(SELECT COUNT(*) FROM allocation_approval)");
}

static void refused(test_login_t *who, int64_t id, const char *what, const char *body, long want,
                    const char *code, const char *field)
{
    test_response_t r;
    int64_t before = ledger_rows();

    post(who, id, what, body, want, &r);
    assert_string_equal(testhttp_error_code(&r), code);
    if (field != NULL)
        assert_string_equal(testhttp_error_field(&r), field);
    testhttp_response_free(&r);
    assert_int_equal(ledger_rows(), before);
}

static void test_bad_input(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "205/QĐ-THADS", "2026-03-02", 20000000);
    int64_t creditor = party_of(id, "creditor"), debtor = party_of(id, "debtor");
    char body[300];
    (void)state;

    refused(&accountant, id, "receipts",
            "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":0,\"method\":\"cash\",\"payer_name\":"
            "\"A\"}",
            400, "invalid_value", "amount_vnd");
    refused(&accountant, id, "receipts",
            "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":-5,\"method\":\"cash\",\"payer_name\":"
            "\"A\"}",
            400, "invalid_value", "amount_vnd");
    refused(&accountant, id, "receipts",
            "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":1000000000000001,\"method\":\"cash\","
            "\"payer_name\":\"A\"}",
            400, "invalid_value", "amount_vnd");
    refused(&accountant, id, "receipts",
            "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":5,\"method\":\"gold\",\"payer_name\":"
            "\"A\"}",
            400, "invalid_value", "method");
    refused(&accountant, id, "receipts",
            "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":5,\"method\":\"cash\"}", 400,
            "missing_field", "payer_name");
    refused(&accountant, id, "receipts",
            "{\"occurred_on\":\"2026-03-04\",\"amount_vnd\":5,\"method\":\"cash\",\"payer_name\":"
            "\"A\",\"tip\":1}",
            400, "unknown_field", "tip");
    refused(&accountant, id, "receipts",
            "{\"occurred_on\":\"2027-01-01\",\"amount_vnd\":5,\"method\":\"cash\",\"payer_name\":"
            "\"A\"}",
            422, "invalid_date", "occurred_on");
    refused(&officer, id, "allocations", "{\"occurred_on\":\"2026-03-04\"}", 409,
            "nothing_to_allocate", NULL);

    receive(id, "2026-03-04", 12000000, "cash");
    /* paid out before it is allocated, to someone not of the case, more than allocated */
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"2026-03-05\",\"payee_party_id\":%lld,\"gross_vnd\":1000,"
             "\"in_cash\":true}",
             (long long)creditor);
    refused(&accountant, id, "payouts", body, 409, "more_than_owed", "gross_vnd");
    refused(&accountant, id, "payouts",
            "{\"occurred_on\":\"2026-03-05\",\"payee_party_id\":999999,\"gross_vnd\":1000}", 400,
            "not_a_payee", "payee_party_id");
    /* an adjusted split that does not add up, and one without its reason */
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"2026-03-05\",\"reason\":\"Thỏa thuận\",\"shares\":[{\"item_id\":"
             "0,\"share_vnd\":11000000}]}");
    refused(&officer, id, "allocations", body, 400, "allocation_sum", NULL);
    refused(&officer, id, "allocations",
            "{\"occurred_on\":\"2026-03-05\",\"shares\":[{\"item_id\":0,\"share_vnd\":12000000}]}",
            400, "missing_field", "reason");
    allocate(id, "2026-03-05");
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"2026-03-05\",\"payee_party_id\":%lld,\"gross_vnd\":12000001,"
             "\"in_cash\":true}",
             (long long)creditor);
    refused(&accountant, id, "payouts", body, 409, "more_than_owed", "gross_vnd");
    /* the debtor is owed nothing here: nothing above the debt was collected */
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"2026-03-05\",\"payee_party_id\":%lld,\"gross_vnd\":1000,"
             "\"in_cash\":true}",
             (long long)debtor);
    refused(&accountant, id, "payouts", body, 409, "more_than_owed", "gross_vnd");
}

/* Issue 14, seen 4: the head approves payouts. Nothing confirmed by the officer is paid
 * before the head's approval; only the head approves, once, and only in their own
 * province; the approval tells the payees to come for their money (D31, 15 days,
 * carrying the sum), and the payout meets it. */
static void test_payout_needs_approval(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "301/QĐ-THADS", "2026-03-02", 80000000);
    int64_t creditor = party_of(id, "creditor"), txn;
    char body[200];
    test_response_t r;
    json_t *a, *dl;
    int d31 = 0;
    (void)state;

    receive(id, "2026-03-03", 30000000, "cash");
    txn = confirm(id, "2026-03-04");
    snprintf(body, sizeof body,
             "{\"occurred_on\":\"2026-03-05\",\"payee_party_id\":%lld,\"gross_vnd\":1000,"
             "\"in_cash\":true}",
             (long long)creditor);
    refused(&accountant, id, "payouts", body, 409, "payout_not_approved", "gross_vnd");

    /* the officer and the accountant do not approve; another province's head finds no case */
    approve_as(&officer, id, txn, "2026-03-05", 403, &r);
    testhttp_response_free(&r);
    approve_as(&accountant, id, txn, "2026-03-05", 403, &r);
    testhttp_response_free(&r);
    approve_as(&leader_ht, id, txn, "2026-03-05", 404, &r);
    testhttp_response_free(&r);
    approve_as(&leader, id, txn + 1000, "2026-03-05", 404, &r);
    assert_string_equal(testhttp_error_code(&r), "not_found");
    testhttp_response_free(&r);

    approve_as(&leader, id, txn, "2026-03-05", 201, &r);
    assert_int_equal(int_at(r.json, "amount_vnd"), 30000000);
    testhttp_response_free(&r);
    approve_as(&leader, id, txn, "2026-03-05", 409, &r);
    assert_string_equal(testhttp_error_code(&r), "already_approved");
    testhttp_response_free(&r);

    money_of(id, &r);
    a = json_array_get(json_object_get(r.json, "allocations"), 0);
    assert_int_equal(int_at(a, "amount_vnd"), 30000000);
    assert_string_equal(json_string_value(json_object_get(a, "approved_on")), "2026-03-05");
    assert_non_null(json_string_value(json_object_get(a, "approved_by")));
    assert_int_equal(int_at(json_array_get(json_object_get(r.json, "payable"), 0), "approved_vnd"),
                     30000000);
    testhttp_response_free(&r);

    /* D31 runs from the approval with its money; a part paid leaves it open */
    pay(id, "2026-03-10", creditor, 10000000, 1);
    snprintf(body, sizeof body, "/api/cases/%lld", (long long)id);
    assert_int_equal(as(&officer, "GET", body, NULL, &r), 200);
    dl = json_object_get(r.json, "deadlines");
    for (size_t i = 0; i < json_array_size(dl); i++) {
        json_t *d = json_array_get(dl, i);
        if (strcmp(json_string_value(json_object_get(d, "rule_id")), "D31") != 0)
            continue;
        d31++;
        assert_string_equal(json_string_value(json_object_get(d, "outcome")), "open");
        assert_string_equal(json_string_value(json_object_get(d, "due_on")), "2026-03-20");
    }
    assert_int_equal(d31, 1);
    testhttp_response_free(&r);
    /* the rest paid: met */
    pay(id, "2026-03-12", creditor, 20000000, 0);
    snprintf(body, sizeof body,
             "SELECT COUNT(*) FROM case_deadline WHERE rule_id = 'D31' AND outcome = 'met' AND "
             "case_id = %lld",
             (long long)id);
    assert_int_equal(testorg_count(&ts, body), 1);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM money_payout WHERE approved_by IS "
                                        "NULL"),
                     0);
}

/* Decree 62 Art 49: what a payee has not come for within D31 goes on savings for them, out
 * of the bank account; it stays owed to them and their payout later comes out of the
 * savings. Only the accountant deposits, only what is approved and unpaid, once. */
static void test_unclaimed_money_on_savings(void **state)
{
    int64_t id = testorg_case(&ts, &app, org.na_kv1, "401/QĐ-THADS", "2026-02-02", 90000000);
    int64_t creditor = party_of(id, "creditor");
    char body[200], sql[300];
    test_response_t r;
    (void)state;

    receive(id, "2026-02-03", 30000000, "transfer");
    allocate(id, "2026-02-04"); /* approved: D31 due on 19/02 */
    snprintf(body, sizeof body, "{\"occurred_on\":\"2026-02-19\",\"payee_party_id\":%lld}",
             (long long)creditor);
    post(&officer, id, "deposits", body, 403, &r);
    testhttp_response_free(&r);
    post(&outsider, id, "deposits", body, 404, &r);
    testhttp_response_free(&r);
    post(&accountant, id, "deposits", body, 201, &r);
    assert_int_equal(int_at(r.json, "amount_vnd"), 30000000);
    testhttp_response_free(&r);
    refused(&accountant, id, "deposits", body, 409, "nothing_to_deposit", "payee_party_id");

    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM case_deadline WHERE rule_id = 'D31' AND outcome = 'met' AND "
             "case_id = %lld",
             (long long)id);
    assert_int_equal(testorg_count(&ts, sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT balance_vnd FROM ledger_account WHERE kind = 'savings' AND case_id = %lld",
             (long long)id);
    assert_int_equal(testorg_count(&ts, sql), 30000000);
    money_of(id, &r);
    json_t *p = json_array_get(json_object_get(r.json, "payable"), 0);
    assert_int_equal(int_at(p, "deposited_vnd"), 30000000);
    assert_int_equal(int_at(p, "balance_vnd"), 30000000); /* still owed to the creditor */
    testhttp_response_free(&r);

    /* the creditor comes: paid out of the savings, the fee withheld (3%) into the bank */
    int64_t bank = testorg_count(&ts, "SELECT COALESCE(SUM(balance_vnd), 0) FROM ledger_account "
                                      "WHERE kind = 'bank'");
    pay(id, "2026-03-10", creditor, 30000000, 0);
    assert_int_equal(testorg_count(&ts, sql), 0);
    assert_int_equal(testorg_count(&ts, "SELECT COALESCE(SUM(balance_vnd), 0) FROM "
                                        "ledger_account WHERE kind = 'bank'"),
                     bank + 900000);
}

/* ---- receipt numbers without gaps under many clients ---- */

#define CLIENTS 8
#define EACH    6

typedef struct {
    int64_t case_id;
    int ok;
} client_t;

static void *client(void *arg)
{
    client_t *c = arg;
    char path[64];

    snprintf(path, sizeof path, "/api/cases/%lld/receipts", (long long)c->case_id);
    for (int i = 0; i < EACH; i++) {
        test_response_t r;
        testhttp_as(&ts, &accountant, "POST", path,
                    "{\"occurred_on\":\"2026-03-10\",\"amount_vnd\":1000000,\"method\":"
                    "\"transfer\",\"payer_name\":\"Trần Văn Song Song\"}",
                    &r);
        c->ok += r.status == 201;
        testhttp_response_free(&r);
    }
    return NULL;
}

static int count_problem(const char *what, void *arg)
{
    (void)what;
    (*(int *)arg)++;
    return 0;
}

static void test_numbers_without_gaps(void **state)
{
    pthread_t t[CLIENTS];
    client_t c[CLIENTS];
    db_t *db;
    int64_t problems = 0;
    int shown = 0, ok = 0;
    (void)state;

    for (int i = 0; i < CLIENTS; i++) {
        char no[32];
        snprintf(no, sizeof no, "%d/QĐ-SS", i + 1);
        c[i] = (client_t){testorg_case(&ts, &app, org.na_kv1, no, "2026-03-02", 900000000), 0};
    }
    for (int i = 0; i < CLIENTS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, client, &c[i]), 0);
    for (int i = 0; i < CLIENTS; i++) {
        pthread_join(t[i], NULL);
        ok += c[i].ok;
    }
    /* every request may be refused as busy, but every one taken has its own number */
    assert_true(ok > 0);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(DISTINCT number) FROM money_receipt WHERE "
                                        "payer_name = 'Trần Văn Song Song'"),
                     ok);
    db = testorg_db(&ts);
    assert_int_equal(ledger_check(db, count_problem, &shown, &problems), DB_OK);
    assert_int_equal(problems, 0);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payout_deadline_per_collection),
        cmocka_unit_test(test_surplus_and_receipt),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_void),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_payout_needs_approval),
        cmocka_unit_test(test_unclaimed_money_on_savings),
        cmocka_unit_test(test_numbers_without_gaps),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("money/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("money/postgres", tests, start_postgres, stop);
    return failed;
}
