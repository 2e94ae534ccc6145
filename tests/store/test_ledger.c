/*
 * tests/store/test_ledger.c — the custody ledger in the database (store/ledger.c,
 * ops/money_ops.c), on both engines: the recipes posted through ledger_post move each
 * balance as they say; a line that would take an account below zero is refused with
 * nothing written, and the database's CHECK and append-only triggers hold on their own
 * when the code is bypassed; many clients, each on its own connection, take receipt
 * numbers without a gap or a duplicate; two payouts racing for the same held money pay
 * it once; a void posts the exact reversal and keeps the receipt's number. Every test
 * ends with ledger_check (what `thads fsck` runs) finding nothing.
 */
#include "testdb.h"
#include "ops/case_ops.h"
#include "ops/money_ops.h"
#include "ops/unit_ops.h"
#include "store/cases.h"
#include "store/ledger.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static app_t app;

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

static int64_t count(db_t *db, const char *sql)
{
    int64_t v = -1;
    int rc = db_query_int64(db, sql, &v);
    if (rc != DB_ROW && rc != DB_DONE)
        fail_msg("%s: %s", sql, db_errmsg(db));
    return v;
}

static int64_t make_unit(db_t *db)
{
    unit_input_t root = {"BTP", "Bộ Tư pháp", "ministry", 0, d("2000-01-01"), CIVIL_DATE_INVALID};
    unit_input_t na = {"NA",
                       "Thi hành án dân sự tỉnh Nghệ An",
                       "provincial_agency",
                       0,
                       d("2000-01-01"),
                       CIVIL_DATE_INVALID};
    op_error_t err;
    int64_t btp, id;

    assert_int_equal(unit_op_create(db, &root, 0, 1, &btp, &err), 0);
    na.parent_id = btp;
    assert_int_equal(unit_op_create(db, &na, 0, 1, &id, &err), 0);
    return id;
}

static const case_party_input_t parties[] = {
    {"creditor",
     {"person", "Nguyễn Văn An", "001085012345", "Vinh, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
    {"debtor",
     {"person", "Lê Thị Bình", "040190001234", "Diễn Châu, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
};
/* The court fee (rank 2, to the State budget) is paid before the creditor (rank 3). */
static const case_item_input_t items[] = {
    {"pay_money", "Trả nợ vay", 150000000, 0, 3},
    {"court_fee", "Án phí dân sự sơ thẩm", 7500000, -1, 2},
};

static int64_t open_case(db_t *db, int64_t unit, const char *no)
{
    case_input_t in = {
        .unit_id = unit,
        .case_no = no,
        .source = "application",
        .category = "civil",
        .received_on = d("2026-11-02"),
        .judgment_no = "07/2026/DS-ST",
        .court_name = "TAND khu vực 1 - Nghệ An",
        .judgment_kind = "civil",
        .judgment_date = d("2026-09-03"),
        .parties = parties,
        .nparties = 2,
        .items = items,
        .nitems = 2,
    };
    op_error_t err;
    int64_t id;

    assert_int_equal(db_begin(db), DB_OK);
    if (case_op_create(db, &app, &in, 0, d("2026-11-02"), 1, &id, &err) != 0)
        fail_msg("create: %s (%s)", err.en, err.field);
    assert_int_equal(db_commit(db), DB_OK);
    return id;
}

static int problem_seen(const char *what, void *arg)
{
    (void)arg;
    print_error("ledger_check: %s\n", what);
    return 0;
}

static void assert_ledger_whole(db_t *db)
{
    int64_t problems = -1;
    assert_int_equal(ledger_check(db, problem_seen, NULL, &problems), DB_OK);
    assert_int_equal(problems, 0);
}

static int64_t balance(db_t *db, int64_t unit, ledger_kind_t kind, int64_t case_id, int64_t payee)
{
    int64_t b = -1;
    assert_int_equal(ledger_balance(db, unit, kind, case_id, payee, &b), DB_OK);
    return b;
}

/* One money operation in its own transaction, retried while the database is busy (as a
 * client retries a 503). 0, or the refusal in *err. */
typedef int (*money_fn)(db_t *db, void *arg, op_error_t *err);
static int in_txn(db_t *db, money_fn fn, void *arg, op_error_t *err, int *retries)
{
    for (;;) {
        int rc = db_begin(db), busy;
        if (rc == DB_OK) {
            rc = fn(db, arg, err) == 0 ? DB_OK : DB_ERROR;
            if (rc == DB_OK)
                rc = db_commit(db);
        }
        busy = rc == DB_BUSY || (rc == DB_ERROR && err->status == OP_UNAVAILABLE);
        if (rc != DB_OK && db_in_transaction(db))
            db_rollback(db);
        if (rc == DB_OK)
            return 0;
        if (!busy)
            return -1;
        if (retries)
            (*retries)++;
    }
}

typedef struct {
    int64_t case_id, amount;
    ledger_method_t method;
    civil_date_t on;
    money_doc_t doc;
} collect_arg_t;

static int do_collect(db_t *db, void *arg, op_error_t *err)
{
    collect_arg_t *c = arg;
    money_collection_t in = {c->on, c->amount, c->method, "Lê Thị Bình", NULL, NULL};
    return money_op_collect(db, &app, c->case_id, &in, 0, c->on, app.now(), &c->doc, err);
}

/* Confirmed and approved by the head the same day. */
static int do_allocate(db_t *db, void *arg, op_error_t *err)
{
    int64_t txn, amount, *case_id = arg;
    int rc = money_op_allocate(db, *case_id, NULL, 0, NULL, d("2026-11-10"), 0, d("2026-11-10"),
                               app.now(), &txn, err);
    return rc != 0 ? rc
                   : money_op_approve(db, &app, *case_id, txn, d("2026-11-10"), 0, d("2026-11-10"),
                                      app.now(), &amount, err);
}

static void collect(db_t *db, int64_t case_id, int64_t amount, ledger_method_t m)
{
    collect_arg_t c = {case_id, amount, m, d("2026-11-09"), {0}};
    op_error_t err = {0};
    if (in_txn(db, do_collect, &c, &err, NULL) != 0)
        fail_msg("collect: %s (%s)", err.en, err.field);
}

/* ---- ledger_post: the recipes and the zero floor ---------------------------------- */

static void test_post_recipes(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t unit = make_unit(db), c = open_case(db, unit, "1/QĐ-THADS"), txn, txns;
    ledger_txn_head_t h = {unit, c, "collection", d("2026-11-09"), 1, 0, 0, 0, NULL};
    ledger_share_t shares[] = {{0, 400000}, {41, 600000}};
    ledger_txn_t t = {0};
    size_t short_line = 99;

    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(ledger_build_collection(&t, LEDGER_METHOD_CASH, 1000000), LEDGER_OK);
    assert_int_equal(ledger_post(db, &h, &t, &txn, NULL), DB_OK);
    assert_int_equal(balance(db, unit, LEDGER_CASH, 0, 0), 1000000);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, c, 0), 1000000);
    ledger_txn_free(&t);

    h.kind = "allocation";
    assert_int_equal(ledger_build_allocation(&t, shares, 2), LEDGER_OK);
    assert_int_equal(ledger_post(db, &h, &t, &txn, NULL), DB_OK);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, c, 0), 0);
    assert_int_equal(balance(db, unit, LEDGER_PAYABLE, c, 0), 400000);
    assert_int_equal(balance(db, unit, LEDGER_PAYABLE, c, 41), 600000);
    ledger_txn_free(&t);

    h.kind = "payout";
    assert_int_equal(ledger_build_payout(&t, 0, 41, 600000, 18000, LEDGER_CASH), LEDGER_OK);
    assert_int_equal(ledger_post(db, &h, &t, &txn, NULL), DB_OK);
    assert_int_equal(balance(db, unit, LEDGER_PAYABLE, c, 41), 0);
    assert_int_equal(balance(db, unit, LEDGER_FEE, 0, 0), 18000);
    assert_int_equal(balance(db, unit, LEDGER_CASH, 0, 0), 418000);
    ledger_txn_free(&t);
    assert_int_equal(db_commit(db), DB_OK);
    txns = count(db, "SELECT COUNT(*) FROM ledger_txn");
    assert_int_equal(txns, 3);

    /* One đồng more than the budget is owed: refused at the payable line, nothing left
     * once the caller rolls back. */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(ledger_build_payout(&t, 0, 0, 400001, 0, LEDGER_CASH), LEDGER_OK);
    assert_int_equal(ledger_post(db, &h, &t, &txn, &short_line), DB_CONSTRAINT);
    assert_int_equal(short_line, 0);
    db_rollback(db);
    ledger_txn_free(&t);
    /* What is owed, from a bank account that holds nothing: refused at the till's line. */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(ledger_build_payout(&t, 0, 0, 400000, 0, LEDGER_BANK), LEDGER_OK);
    assert_int_equal(ledger_post(db, &h, &t, &txn, &short_line), DB_CONSTRAINT);
    assert_int_equal(short_line, 1);
    db_rollback(db);
    ledger_txn_free(&t);
    /* A till that would pass the largest int64: refused at its line (the upsert's guard),
     * its balance as it was. */
    assert_int_equal(db_begin(db), DB_OK);
    testdb_exec(db, "UPDATE ledger_account SET balance_vnd = 9223372036854775800 WHERE kind = "
                    "'cash'");
    assert_int_equal(ledger_build_collection(&t, LEDGER_METHOD_CASH, 1000), LEDGER_OK);
    assert_int_equal(ledger_post(db, &h, &t, &txn, &short_line), DB_CONSTRAINT);
    assert_int_equal(short_line, 0);
    db_rollback(db);
    ledger_txn_free(&t);
    assert_int_equal(balance(db, unit, LEDGER_CASH, 0, 0), 418000);
    /* An unbalanced transaction never reaches the tables. */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(ledger_txn_add(&t, LEDGER_CASH, 0, 1000), LEDGER_OK);
    assert_int_equal(ledger_txn_add(&t, LEDGER_CUSTODY, 0, -999), LEDGER_OK);
    assert_int_not_equal(ledger_post(db, &h, &t, &txn, NULL), DB_OK);
    db_rollback(db);
    ledger_txn_free(&t);

    assert_int_equal(count(db, "SELECT COUNT(*) FROM ledger_txn"), txns);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM ledger_entry"), 2 + 3 + 3);
    assert_int_equal(balance(db, unit, LEDGER_PAYABLE, c, 0), 400000);
    assert_int_equal(balance(db, unit, LEDGER_CASH, 0, 0), 418000);
    assert_int_equal(balance(db, unit, LEDGER_BANK, 0, 0), 0);
    /* The case's columns are the operations' business: this test posted around them, so
     * only the first checks of ledger_check apply; the rest are tested with the ops. */
    db_close(db);
}

static void test_database_holds_alone(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t unit = make_unit(db), c = open_case(db, unit, "2/QĐ-THADS");

    (void)unit;
    collect(db, c, 2000000, LEDGER_METHOD_TRANSFER);
    /* Written around the code: the CHECK refuses a negative balance... */
    assert_int_not_equal(
        db_exec_script(db, "UPDATE ledger_account SET balance_vnd = -1 WHERE kind = 'bank'"),
        DB_OK);
    /* ...and the triggers an edit or a removal of what was posted or issued. */
    assert_int_not_equal(db_exec_script(db, "UPDATE ledger_entry SET amount_vnd = 1"), DB_OK);
    assert_int_not_equal(db_exec_script(db, "DELETE FROM ledger_entry"), DB_OK);
    assert_int_not_equal(db_exec_script(db, "DELETE FROM ledger_txn"), DB_OK);
    assert_int_not_equal(db_exec_script(db, "UPDATE money_receipt SET number = 7"), DB_OK);
    assert_int_not_equal(db_exec_script(db, "DELETE FROM money_receipt"), DB_OK);
    assert_int_equal(count(db, "SELECT balance_vnd FROM ledger_account WHERE kind = 'bank'"),
                     2000000);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM ledger_entry"), 2);
    assert_int_equal(count(db, "SELECT number FROM money_receipt"), 1);
    assert_ledger_whole(db);
    db_close(db);
}

/* ---- a bulk load: the same refusals, at its commit on PostgreSQL --------------------- */

static int post_from(db_t *db, ledger_sums_t *sums, int64_t unit, int64_t case_id, int payout,
                     int64_t amount, ledger_kind_t paid_from)
{
    ledger_txn_head_t h = {
        unit, case_id, payout ? "payout" : "collection", d("2025-09-01"), 1, 0, 0, 0, "imported"};
    ledger_txn_t t = {0};
    int64_t txn = 0;
    int rc = payout ? ledger_build_payout(&t, 1, 0, amount, 0, paid_from)
                    : ledger_build_collection(&t, LEDGER_METHOD_TRANSFER, amount);

    assert_int_equal(rc, LEDGER_OK);
    rc = ledger_post_summing(db, &h, &t, sums, &txn, NULL);
    ledger_txn_free(&t);
    return rc;
}

static int post(db_t *db, int64_t unit, int64_t case_id, int payout, int64_t amount)
{
    return post_from(db, NULL, unit, case_id, payout, amount, LEDGER_BANK);
}

/* A bulk load's posts (db_bulk_begin; on PostgreSQL sent without waiting, db_pipelined):
 * the balances come out as posted one by one, and what would take an account below zero,
 * or take from one never credited, is refused as ever: at once on SQLite, at the commit on
 * PostgreSQL, which then writes nothing. */
static void test_bulk_posts_checked_as_well(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t unit = make_unit(db), a = open_case(db, unit, "3/QĐ-THADS"),
            b = open_case(db, unit, "4/QĐ-THADS"), never = open_case(db, unit, "5/QĐ-THADS");
    int pipelined = strcmp(*state, "postgres") == 0;
    int64_t entries;

    assert_int_equal(db_bulk_begin(db, 64), DB_OK);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(post(db, unit, a, 0, 2000000), DB_OK);
    assert_int_equal(post(db, unit, a, 1, 1500000), DB_OK);
    assert_int_equal(post(db, unit, b, 0, 700000), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, a, 0), 500000);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, b, 0), 700000);
    assert_int_equal(balance(db, unit, LEDGER_BANK, 0, 0), 1200000);
    entries = count(db, "SELECT COUNT(*) FROM ledger_entry");
    assert_true(entries >= 6);

    /* more than the case holds; then from a case nothing was collected for */
    for (int i = 0; i < 2; i++) {
        assert_int_equal(db_begin(db), DB_OK);
        assert_int_equal(post(db, unit, b, 0, 100000), DB_OK);
        assert_int_equal(post(db, unit, i == 0 ? a : never, 1, 600000),
                         pipelined ? DB_OK : DB_CONSTRAINT);
        if (pipelined)
            assert_int_equal(db_commit(db), DB_CONSTRAINT);
        else
            assert_int_equal(db_rollback(db), DB_OK);
    }
    assert_int_equal(db_bulk_end(db), DB_OK);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, a, 0), 500000);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, b, 0), 700000);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM ledger_txn"), 3);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM ledger_entry"), entries);
    db_close(db);
}

/* A bulk load's changes to the unit's own accounts, summed (ledger_post_summing, on
 * PostgreSQL): the balances and entries come out as posted line by line, and a till the
 * sums take below zero refuses the load at ledger_sums_write (at once on SQLite). */
static void test_bulk_sums_of_unit_accounts(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t unit = make_unit(db), a = open_case(db, unit, "6/QĐ-THADS"),
            b = open_case(db, unit, "7/QĐ-THADS");
    int pipelined = strcmp(*state, "postgres") == 0;
    ledger_sums_t *sums = ledger_sums_new();

    assert_non_null(sums);
    assert_int_equal(db_bulk_begin(db, 64), DB_OK);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(post_from(db, sums, unit, a, 0, 2000000, 0), DB_OK);
    assert_int_equal(post_from(db, sums, unit, a, 1, 1500000, LEDGER_BANK), DB_OK);
    assert_int_equal(post_from(db, sums, unit, b, 0, 700000, 0), DB_OK);
    assert_int_equal(ledger_sums_count(sums), pipelined ? 1 : 0); /* the bank account */
    assert_int_equal(ledger_sums_write(db, sums), DB_OK);
    assert_int_equal(ledger_sums_count(sums), 0);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, a, 0), 500000);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, b, 0), 700000);
    assert_int_equal(balance(db, unit, LEDGER_BANK, 0, 0), 1200000);
    assert_int_equal(count(db, "SELECT SUM(e.amount_vnd) FROM ledger_entry e JOIN ledger_account "
                               "a ON a.id = e.account_id WHERE a.kind = 'bank'"),
                     1200000);

    /* paid out in cash, which the unit never received */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(post_from(db, sums, unit, a, 1, 100000, LEDGER_CASH),
                     pipelined ? DB_OK : DB_CONSTRAINT);
    if (pipelined)
        assert_int_equal(ledger_sums_write(db, sums), DB_CONSTRAINT);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(db_bulk_end(db), DB_OK);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, a, 0), 500000);
    assert_int_equal(balance(db, unit, LEDGER_CASH, 0, 0), 0);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM ledger_txn"), 3);
    ledger_sums_free(sums);
    db_close(db);
}

/* ---- many clients: receipt numbers without a gap ---------------------------------- */

#define CLIENTS 8
#define EACH    12

typedef struct {
    const char *url;
    int64_t cases[4];
    int thread, done, retries;
    char error[512];
} client_t;

static void *client(void *arg)
{
    client_t *cl = arg;
    char err[256];
    db_t *db;

    if (db_open(cl->url, &db, err, sizeof err) != DB_OK) {
        snprintf(cl->error, sizeof cl->error, "open: %s", err);
        return NULL;
    }
    for (int i = 0; i < EACH; i++) {
        collect_arg_t c = {
            cl->cases[(cl->thread + i) % 4], 1000, LEDGER_METHOD_CASH, d("2026-11-09"), {0}};
        op_error_t e = {0};
        if (in_txn(db, do_collect, &c, &e, &cl->retries) != 0) {
            snprintf(cl->error, sizeof cl->error, "collect %d: %s (%s)", i, e.en, e.field);
            break;
        }
        cl->done++;
    }
    db_close(db);
    return NULL;
}

static void test_parallel_receipts_gap_free(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t unit = make_unit(db), cases[4];
    char url[1024];
    client_t cl[CLIENTS];
    pthread_t th[CLIENTS];

    snprintf(url, sizeof url, "%s", testdb_url_last());
    for (int i = 0; i < 4; i++) {
        char no[32];
        snprintf(no, sizeof no, "%d/QĐ-THADS", 10 + i);
        cases[i] = open_case(db, unit, no);
    }
    for (int t = 0; t < CLIENTS; t++) {
        cl[t] = (client_t){.url = url, .thread = t};
        memcpy(cl[t].cases, cases, sizeof cases);
        assert_int_equal(pthread_create(&th[t], NULL, client, &cl[t]), 0);
    }
    for (int t = 0; t < CLIENTS; t++)
        pthread_join(th[t], NULL);
    for (int t = 0; t < CLIENTS; t++) {
        if (cl[t].error[0])
            fail_msg("client %d: %s", t, cl[t].error);
        assert_int_equal(cl[t].done, EACH);
    }
    /* 1..n, each once, the counter at n, every sum in the till and in custody. */
    assert_int_equal(count(db, "SELECT COUNT(*) FROM money_receipt"), CLIENTS * EACH);
    assert_int_equal(count(db, "SELECT COUNT(DISTINCT number) FROM money_receipt"), CLIENTS * EACH);
    assert_int_equal(count(db, "SELECT MIN(number) FROM money_receipt"), 1);
    assert_int_equal(count(db, "SELECT MAX(number) FROM money_receipt"), CLIENTS * EACH);
    assert_int_equal(count(db, "SELECT last_no FROM doc_counter WHERE series = 'receipt'"),
                     CLIENTS * EACH);
    assert_int_equal(balance(db, unit, LEDGER_CASH, 0, 0), CLIENTS * EACH * 1000);
    assert_int_equal(count(db, "SELECT SUM(collected_vnd) FROM enforcement_case"),
                     CLIENTS * EACH * 1000);
    assert_ledger_whole(db);
    db_close(db);
}

/* ---- two payouts racing for the same money ---------------------------------------- */

typedef struct {
    const char *url;
    int64_t case_id;
    pthread_barrier_t *start;
    int paid, refused, retries;
    op_error_t err;
    char error[512];
} payer_t;

static int do_pay_budget(db_t *db, void *arg, op_error_t *err)
{
    payer_t *p = arg;
    money_payout_t in = {d("2026-11-11"), 0, 1000000, 1};
    money_doc_t doc;
    return money_op_payout(db, &app, p->case_id, &in, 0, d("2026-11-11"), app.now(), &doc, err);
}

static void *payer(void *arg)
{
    payer_t *p = arg;
    char err[256];
    db_t *db;

    if (db_open(p->url, &db, err, sizeof err) != DB_OK) {
        snprintf(p->error, sizeof p->error, "open: %s", err);
        pthread_barrier_wait(p->start);
        return NULL;
    }
    pthread_barrier_wait(p->start);
    if (in_txn(db, do_pay_budget, p, &p->err, &p->retries) == 0)
        p->paid = 1;
    else if (p->err.status == OP_INTERNAL)
        snprintf(p->error, sizeof p->error, "pay: %s", p->err.en);
    else
        p->refused = 1;
    db_close(db);
    return NULL;
}

static void test_racing_payouts_pay_once(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t unit = make_unit(db), c = open_case(db, unit, "3/QĐ-THADS");
    op_error_t err = {0};
    pthread_barrier_t start;
    pthread_t th[2];
    payer_t p[2];
    char url[1024];

    snprintf(url, sizeof url, "%s", testdb_url_last());
    /* 1.000.000 đ collected in cash, all of it the court fee's (rank 2) by allocation. */
    collect(db, c, 1000000, LEDGER_METHOD_CASH);
    if (in_txn(db, do_allocate, &c, &err, NULL) != 0)
        fail_msg("allocate: %s", err.en);
    assert_int_equal(balance(db, unit, LEDGER_PAYABLE, c, 0), 1000000);

    pthread_barrier_init(&start, NULL, 2);
    for (int t = 0; t < 2; t++) {
        p[t] = (payer_t){.url = url, .case_id = c, .start = &start};
        assert_int_equal(pthread_create(&th[t], NULL, payer, &p[t]), 0);
    }
    for (int t = 0; t < 2; t++)
        pthread_join(th[t], NULL);
    pthread_barrier_destroy(&start);
    for (int t = 0; t < 2; t++)
        if (p[t].error[0])
            fail_msg("payer %d: %s", t, p[t].error);
    assert_int_equal(p[0].paid + p[1].paid, 1);
    assert_int_equal(p[0].refused + p[1].refused, 1);
    /* the second, under the case's lock, finds nothing allocated left to pay */
    assert_string_equal(p[p[0].refused ? 0 : 1].err.code, "more_than_owed");

    assert_int_equal(count(db, "SELECT COUNT(*) FROM money_payout"), 1);
    assert_int_equal(count(db, "SELECT MIN(balance_vnd) FROM ledger_account"), 0);
    assert_int_equal(balance(db, unit, LEDGER_CASH, 0, 0), 0);
    assert_int_equal(balance(db, unit, LEDGER_PAYABLE, c, 0), 0);
    assert_int_equal(count(db, "SELECT paid_vnd FROM enforcement_case"), 1000000);
    assert_ledger_whole(db);
    db_close(db);
}

/* ---- void: the exact reversal ----------------------------------------------------- */

typedef struct {
    int64_t receipt_id;
    const char *reason;
} void_arg_t;

static int do_void(db_t *db, void *arg, op_error_t *err)
{
    void_arg_t *v = arg;
    return money_op_void(db, &app, v->receipt_id, v->reason, d("2026-11-10"), 0, d("2026-11-10"),
                         app.now(), err);
}

static void test_void_posts_the_reversal(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t unit = make_unit(db), c = open_case(db, unit, "4/QĐ-THADS"), orig, rev, txns;
    collect_arg_t col = {c, 2000000, LEDGER_METHOD_TRANSFER, d("2026-11-09"), {0}};
    void_arg_t v = {0, "Ghi nhầm số tiền"};
    ledger_txn_t a = {0}, b = {0}, want = {0};
    char kind_a[16], kind_b[16];
    receipt_row_t r;
    op_error_t err = {0};

    assert_int_equal(in_txn(db, do_collect, &col, &err, NULL), 0);
    v.receipt_id = col.doc.doc_id;
    assert_int_equal(in_txn(db, do_void, &v, &err, NULL), 0);

    /* One reversal, naming the collection, its lines the collection's negated. */
    orig = count(db, "SELECT txn_id FROM money_receipt");
    rev = count(db, "SELECT id FROM ledger_txn WHERE reverses_txn_id IS NOT NULL");
    assert_int_equal(count(db, "SELECT reverses_txn_id FROM ledger_txn WHERE reverses_txn_id IS "
                               "NOT NULL"),
                     orig);
    assert_int_equal(ledger_txn_lines(db, orig, &a, kind_a), DB_OK);
    assert_int_equal(ledger_txn_lines(db, rev, &b, kind_b), DB_OK);
    assert_string_equal(kind_a, "collection");
    assert_string_equal(kind_b, "reversal");
    assert_int_equal(ledger_build_reversal(&want, &a), LEDGER_OK);
    assert_int_equal(b.n, want.n);
    for (size_t i = 0; i < b.n; i++) {
        assert_int_equal(b.line[i].kind, want.line[i].kind);
        assert_int_equal(b.line[i].amount_vnd, want.line[i].amount_vnd);
    }
    assert_int_equal(balance(db, unit, LEDGER_BANK, 0, 0), 0);
    assert_int_equal(balance(db, unit, LEDGER_CUSTODY, c, 0), 0);
    assert_int_equal(count(db, "SELECT collected_vnd FROM enforcement_case"), 0);
    /* The receipt keeps its number and shows as void. */
    assert_int_equal(receipts_get(db, v.receipt_id, &r), DB_ROW);
    assert_int_equal(r.voided, 1);
    assert_int_equal(r.number, 1);
    assert_string_equal(r.void_reason, "Ghi nhầm số tiền");

    /* A second void, and a void of money already allocated: refused, nothing written. */
    txns = count(db, "SELECT COUNT(*) FROM ledger_txn");
    assert_int_equal(in_txn(db, do_void, &v, &err, NULL), -1);
    assert_string_equal(err.code, "receipt_voided");
    col.amount = 3000000;
    col.on = d("2026-11-10"); /* not before the void: a case's events keep their order */
    assert_int_equal(in_txn(db, do_collect, &col, &err, NULL), 0);
    assert_int_equal(col.doc.number, 2);
    assert_int_equal(in_txn(db, do_allocate, &c, &err, NULL), 0);
    txns = count(db, "SELECT COUNT(*) FROM ledger_txn");
    v.receipt_id = col.doc.doc_id;
    assert_int_equal(in_txn(db, do_void, &v, &err, NULL), -1);
    assert_string_equal(err.code, "receipt_allocated");
    assert_int_equal(count(db, "SELECT COUNT(*) FROM ledger_txn"), txns);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM receipt_void"), 1);

    ledger_txn_free(&a);
    ledger_txn_free(&b);
    ledger_txn_free(&want);
    assert_ledger_whole(db);

    /* A line of an account of no known kind (edited by hand) is the data's fault, said as
     * such, not out of memory. */
    assert_int_equal(db_exec_script(db, "UPDATE ledger_account SET kind = 'vault' WHERE kind = "
                                        "'bank'"),
                     DB_OK);
    assert_int_equal(ledger_txn_lines(db, orig, &a, kind_a), DB_ERROR);
    assert_string_equal(db_sqlstate(db), "XX001");
    ledger_txn_free(&a);
    db_close(db);
}

static int setup(void **state)
{
    (void)state;
    app_init(&app, NULL, "test");
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_post_recipes),
        TEST_BOTH(test_database_holds_alone),
        TEST_BOTH(test_bulk_posts_checked_as_well),
        TEST_BOTH(test_bulk_sums_of_unit_accounts),
        TEST_BOTH(test_parallel_receipts_gap_free),
        TEST_BOTH(test_racing_payouts_pay_once),
        TEST_BOTH(test_void_posts_the_reversal),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
