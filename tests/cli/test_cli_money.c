/*
 * tests/cli/test_cli_money.c — `thads money` as an accountant at a terminal meets it,
 * and `thads fsck` finding each kind of damage an attacker with the database file could
 * do to the custody ledger, on both engines.
 *
 * The money: receipts numbered without gaps with the amount in words, the allocation by
 * the legal order, a payout with the creditor's fee withheld, a payout above what is
 * held refused with nothing written, a void that keeps the receipt's number and leaves
 * the day's total, bad amounts refused before anything is opened, one audit row per
 * write. The damage (issue 14: "a test corrupts each of these in the database and shows
 * fsck naming it"): an unbalanced transaction, a balance unequal to its entries, a
 * negative balance, a gap and a duplicate in receipt numbers, a case whose collected
 * money disagrees with its ledger; each made after dropping what guards it (the
 * append-only triggers, the CHECK, the UNIQUE key), as someone with the file could.
 *
 * Runs the binary named by $THADS_BIN from the top of the source tree (it imports
 * docs/samples/); looks into the database with plain SQL for what it does not print.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* An enforcing case of the sample (CC-DIENCHAU) that owes 640.000.000 đ to one creditor
 * and holds nothing, and a received case of THADS-NA. */
#define CASE_A "441/QĐ-CCTHADS"
#define CASE_B "41/QĐ-THADS"

typedef struct {
    int status;
    char out[65536];
} run_t;

static char db_url[1200];
static const char *engine;

static void run(run_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void run(run_t *r, const char *fmt, ...)
{
    const char *bin = getenv("THADS_BIN");
    char args[4096], cmd[8192];
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

#define expect(r, want, ...)                                                                       \
    do {                                                                                           \
        run((r), __VA_ARGS__);                                                                     \
        if ((r)->status != (want))                                                                 \
            fail_msg("'%s' exited %d, want %d; said: %s", #__VA_ARGS__, (r)->status, (want),       \
                     (r)->out);                                                                    \
    } while (0)

static void assert_says(const run_t *r, const char *needle)
{
    if (strstr(r->out, needle) == NULL)
        fail_msg("output lacks '%s': %s", needle, r->out);
}

static void assert_not_says(const run_t *r, const char *needle)
{
    if (strstr(r->out, needle) != NULL)
        fail_msg("output has '%s': %s", needle, r->out);
}

static db_t *open_db(void)
{
    char err[512];
    db_t *db;

    if (db_open(db_url, &db, err, sizeof err) != DB_OK)
        fail_msg("cannot open %s: %s", db_url, err);
    return db;
}

static int64_t scalar(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int64_t scalar(const char *fmt, ...)
{
    char sql[1024];
    va_list ap;
    db_t *db = open_db();
    int64_t v = -1;
    int rc;

    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    rc = db_query_int64(db, sql, &v);
    if (rc != DB_ROW && rc != DB_DONE)
        fail_msg("%s: %s", sql, db_errmsg(db));
    db_close(db);
    return v;
}

/* Run one engine's spelling of a tampering script on a connection of its own. */
static void tamper(const char *sqlite_sql, const char *pg_sql)
{
    db_t *db = open_db();
    testdb_exec(db, strcmp(engine, "sqlite") == 0 ? sqlite_sql : pg_sql);
    db_close(db);
}

static int64_t case_id(const char *case_no)
{
    return scalar("SELECT id FROM enforcement_case WHERE case_no = '%s'", case_no);
}

static int64_t creditor_of(int64_t id)
{
    return scalar("SELECT party_id FROM case_party WHERE case_id = %lld AND role = 'creditor'",
                  (long long)id);
}

/* A new database with the sample's units and cases. */
static void fresh(void **state)
{
    run_t r;

    engine = *state;
    snprintf(db_url, sizeof db_url, "%s", testdb_url(engine));
    expect(&r, 0, "import units docs/samples/units.csv");
    expect(&r, 0, "import cases docs/samples/cases.csv");
}

/* fresh(), then money moved as an accountant would: two receipts for case A, its
 * allocation and a payout to its creditor, one receipt for case B. */
static void with_money(void **state)
{
    run_t r;
    int64_t a, b;

    fresh(state);
    a = case_id(CASE_A);
    b = case_id(CASE_B);
    expect(&r, 0,
           "money collect %lld --amount '15.000.000 đ' --method cash --payer 'Nguyễn Văn An'",
           (long long)a);
    expect(&r, 0, "money collect %lld --amount 5000000 --method transfer --payer 'Nguyễn Văn An'",
           (long long)a);
    expect(&r, 0, "money allocate %lld", (long long)a);
    expect(&r, 0, "money approve %lld", (long long)a);
    expect(&r, 0, "money pay %lld --payee %lld --amount 10.000.000 --cash", (long long)a,
           (long long)creditor_of(a));
    expect(&r, 0, "money collect %lld --amount 1.000 --method prison --payer 'Trại giam số 3'",
           (long long)b);
    expect(&r, 0, "fsck");
    assert_says(&r, "ledger: transactions balance");
}

/* ---- the accountant's work ---------------------------------------------------------- */

static void test_collect_allocate_pay(void **state)
{
    run_t r;
    int64_t a, cred;
    int64_t audits;

    fresh(state);
    a = case_id(CASE_A);
    cred = creditor_of(a);
    audits = scalar("SELECT COUNT(*) FROM audit_log");

    /* The first receipt of the unit this year is number 1, in words as the form wants. */
    expect(&r, 0,
           "money collect %lld --amount '15.000.000 đ' --method cash --payer 'Nguyễn Văn An'",
           (long long)a);
    assert_says(&r, "biên lai CC-DIENCHAU/"); /* the series of the unit and year */
    assert_says(&r, "/0000001 (id");
    assert_says(&r, "15.000.000 đ (cash)");
    assert_says(&r, "Mười lăm triệu đồng");
    expect(&r, 0,
           "money collect %lld --amount 5.000.000 --method transfer --payer 'Nguyễn Văn An' "
           "--format json",
           (long long)a);
    assert_says(&r, "\"number\": 2,");
    assert_says(&r, "\"amount_vnd\": 5000000,");
    assert_says(&r, "\"amount_words_vi\": \"Năm triệu đồng\"");

    /* One creditor: all 20.000.000 đ goes to them. */
    expect(&r, 0, "money allocate %lld", (long long)a);
    assert_says(&r, "allocated 20.000.000 đ");
    assert_int_equal(scalar("SELECT balance_vnd FROM ledger_account WHERE case_id = %lld AND "
                            "kind = 'payable' AND payee_party_id = %lld",
                            (long long)a, (long long)cred),
                     20000000);

    /* Nothing is paid before the head approves it; approved, all 20.000.000 đ may be. */
    expect(&r, 1, "money pay %lld --payee %lld --amount 1.000 --cash", (long long)a,
           (long long)cred);
    assert_says(&r, "the allocation awaits approval");
    expect(&r, 0, "money approve %lld", (long long)a);
    assert_says(&r, "approved 20.000.000 đ of case");
    expect(&r, 1, "money approve %lld", (long long)a);
    assert_says(&r, "No allocation of this case awaits approval");

    /* Paid in cash, the creditor's 3% fee withheld. */
    expect(&r, 0, "money pay %lld --payee %lld --amount 10.000.000 --cash", (long long)a,
           (long long)cred);
    assert_says(&r, "phiếu chi CC-DIENCHAU/");
    assert_says(&r, "/0000001 (id");
    assert_says(&r, "phí thi hành án 300.000 đ, thực chi 9.700.000 đ (cash)");

    /* More than is left for them: refused, nothing written. */
    expect(&r, 1, "money pay %lld --payee %lld --amount 10.000.001", (long long)a, (long long)cred);
    assert_says(&r, "More than is allocated to this payee");
    assert_int_equal(scalar("SELECT COUNT(*) FROM money_payout"), 1);
    /* Nobody of the case. */
    expect(&r, 1, "money pay %lld --payee 999999 --amount 1000", (long long)a);
    assert_int_equal(scalar("SELECT COUNT(*) FROM money_payout"), 1);

    /* The creditor does not come for the rest, but neither till holds its 10.000.000 đ
     * (15.000.000 came in cash, 9.700.000 left it; 5.000.000 by transfer): nothing goes
     * on savings, nothing is written. */
    expect(&r, 1, "money deposit %lld --payee %lld", (long long)a, (long long)cred);
    assert_says(&r, "does not hold enough");
    assert_int_equal(scalar("SELECT COUNT(*) FROM ledger_account WHERE kind = 'savings' AND "
                            "balance_vnd > 0"),
                     0);
    /* A payee with nothing approved for them. */
    expect(&r, 1, "money deposit %lld --payee budget", (long long)a);
    assert_says(&r, "outside savings");

    /* The statement: 150.000.000 đ collected before the ledger, 20.000.000 đ now. */
    expect(&r, 0, "money statement %lld --format json", (long long)a);
    assert_says(&r, "\"collected_vnd\": 170000000,");
    assert_says(&r, "\"paid_vnd\": 160000000,");
    assert_says(&r, "\"held_vnd\": 10000000,");
    assert_says(&r, "\"remaining_vnd\": 470000000,");
    expect(&r, 0, "money statement %lld", (long long)a);
    assert_says(&r, "đang giữ (held)");
    assert_says(&r, "10.000.000 đ");
    assert_says(&r, "biên lai CC-DIENCHAU/");
    assert_says(&r, "/0000002 ");

    /* The day's book of the unit and the province's balances. */
    expect(&r, 0, "money daybook --unit CC-DIENCHAU");
    assert_says(&r, "tổng thu 20.000.000 đ (2 receipts), tổng chi 10.000.000 đ (1 payouts)");
    expect(&r, 0, "money balances --unit CC-DIENCHAU --format json");
    assert_says(&r, "\"kind\": \"payable\"");
    assert_says(&r, "\"balance_vnd\": 10000000");

    /* Five writes, five audit rows, each naming its command; the ledger is whole. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM audit_log"), audits + 5);
    assert_int_equal(
        scalar("SELECT COUNT(*) FROM audit_log WHERE route = 'thads money collect' AND "
               "method = 'CLI'"),
        2);
    expect(&r, 0, "fsck");
    assert_says(&r, "ledger: transactions balance");
}

static void test_void_keeps_its_number(void **state)
{
    run_t r;
    int64_t a, b, rid;

    fresh(state);
    a = case_id(CASE_A);
    b = case_id(CASE_B);
    expect(&r, 0, "money collect %lld --amount 1.000.000 --method relative --payer 'Lê Thị C'",
           (long long)b);
    rid = scalar("SELECT MAX(id) FROM money_receipt");
    expect(&r, 0, "money void %lld --reason 'ghi nhầm việc'", (long long)rid);
    assert_says(&r, "ĐÃ HỦY / void");
    assert_says(&r, "ghi nhầm việc");
    /* Void twice: refused. */
    expect(&r, 1, "money void %lld --reason 'lần nữa'", (long long)rid);
    /* The next receipt of the unit does not reuse the voided number. */
    expect(&r, 0, "money collect %lld --amount 2.000.000 --method cash --payer 'Lê Thị C'",
           (long long)b);
    assert_says(&r, "biên lai THADS-NA/");
    assert_says(&r, "/0000002 ");
    assert_int_equal(
        scalar("SELECT collected_vnd FROM enforcement_case WHERE id = %lld", (long long)b),
        2000000);
    expect(&r, 0, "money daybook --unit THADS-NA");
    assert_says(&r, "[ĐÃ HỦY / void]");
    assert_says(&r, "tổng thu 2.000.000 đ (2 receipts)");

    /* A receipt whose money was allocated and paid out cannot be voided. */
    expect(&r, 0, "money collect %lld --amount 3.000.000 --method cash --payer X", (long long)a);
    rid = scalar("SELECT MAX(id) FROM money_receipt");
    expect(&r, 0, "money allocate %lld", (long long)a);
    expect(&r, 0, "money approve %lld", (long long)a);
    /* Taken in cash, it can only be paid out of the cash box. */
    expect(&r, 1, "money pay %lld --payee %lld --amount 3.000.000", (long long)a,
           (long long)creditor_of(a));
    assert_says(&r, "does not hold enough for this payout");
    expect(&r, 0, "money pay %lld --payee %lld --amount 3.000.000 --cash", (long long)a,
           (long long)creditor_of(a));
    expect(&r, 1, "money void %lld --reason 'nhầm'", (long long)rid);
    assert_int_equal(scalar("SELECT COUNT(*) FROM receipt_void"), 1);
    expect(&r, 0, "fsck");
}

static void test_bad_input_writes_nothing(void **state)
{
    run_t r;
    int64_t a, audits;

    fresh(state);
    a = case_id(CASE_A);
    audits = scalar("SELECT COUNT(*) FROM audit_log");
    expect(&r, 2, "money collect %lld --amount 0 --method cash --payer X", (long long)a);
    assert_says(&r, "not more than zero");
    expect(&r, 2, "money collect %lld --amount -5.000 --method cash --payer X", (long long)a);
    expect(&r, 2, "money collect %lld --amount 1,5 --method cash --payer X", (long long)a);
    assert_says(&r, "is not an amount in đồng");
    expect(&r, 2, "money collect %lld --amount 1000 --method cheque --payer X", (long long)a);
    assert_says(&r, "unknown --method 'cheque'");
    expect(&r, 2, "money collect %lld --amount 1000 --method cash", (long long)a);
    assert_says(&r, "collect needs --payer");
    expect(&r, 2, "money collect abc --amount 1000 --method cash --payer X");
    expect(&r, 2, "money pay %lld --payee nobody --amount 1000", (long long)a);
    expect(&r, 2, "money void 1");
    expect(&r, 2, "money frobnicate");
    /* Above the limit, and a case that does not exist: the operation's refusals. */
    expect(&r, 1, "money collect %lld --amount 2.000.000.000.000.000 --method cash --payer X",
           (long long)a);
    assert_says(&r, "at most 1,000,000,000,000,000");
    expect(&r, 1, "money collect 999999 --amount 1000 --method cash --payer X");
    expect(&r, 1, "money void 999999 --reason x");
    assert_int_equal(scalar("SELECT COUNT(*) FROM money_receipt"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM doc_counter"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM audit_log"), audits);
    expect(&r, 0, "help money");
    assert_says(&r, "thads money collect CASE_ID");
}

/* ---- fsck names each kind of damage ------------------------------------------------- */

/* fsck exits 1 and names the damage. */
static void assert_fsck_names(const char *what)
{
    run_t r;

    expect(&r, 1, "fsck");
    assert_says(&r, what);
}

static void test_fsck_unbalanced_transaction(void **state)
{
    char want[120];
    int64_t txn;

    with_money(state);
    txn = scalar("SELECT MIN(txn_id) FROM money_receipt");
    tamper("DROP TRIGGER ledger_entry_no_update;",
           "ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only;");
    tamper("UPDATE ledger_entry SET amount_vnd = amount_vnd + 1000 WHERE line = 1 AND txn_id = "
           "(SELECT MIN(txn_id) FROM money_receipt);",
           "UPDATE ledger_entry SET amount_vnd = amount_vnd + 1000 WHERE line = 1 AND txn_id = "
           "(SELECT MIN(txn_id) FROM money_receipt);");
    snprintf(want, sizeof want,
             "ledger: ledger transaction %lld does not balance (2 entries, "
             "sum 1000)",
             (long long)txn);
    assert_fsck_names(want);
}

static void test_fsck_balance_not_its_entries(void **state)
{
    char want[160];
    int64_t acct;

    with_money(state);
    acct = scalar("SELECT id FROM ledger_account WHERE kind = 'payable' AND case_id = %lld",
                  (long long)case_id(CASE_A));
    /* Someone adds to what a creditor is owed: the balance no longer sums its entries. */
    tamper("UPDATE ledger_account SET balance_vnd = balance_vnd + 5000000 WHERE kind = 'payable';",
           "UPDATE ledger_account SET balance_vnd = balance_vnd + 5000000 WHERE kind = 'payable';");
    snprintf(want, sizeof want,
             "ledger: ledger account %lld has balance 15000000, its entries say 10000000",
             (long long)acct);
    assert_fsck_names(want);
}

static void test_fsck_negative_balance(void **state)
{
    char want[120];
    int64_t acct;

    with_money(state);
    acct = scalar("SELECT id FROM ledger_account WHERE kind = 'cash' AND unit_id = (SELECT "
                  "unit_id FROM enforcement_case WHERE case_no = '%s')",
                  CASE_A);
    tamper("PRAGMA ignore_check_constraints = ON; UPDATE ledger_account SET balance_vnd = -7 "
           "WHERE kind = 'cash';",
           "ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_balance_vnd_check; "
           "UPDATE ledger_account SET balance_vnd = -7 WHERE kind = 'cash';");
    snprintf(want, sizeof want, "ledger: ledger account %lld is negative (-7)", (long long)acct);
    assert_fsck_names(want);
}

static void test_fsck_receipt_gap(void **state)
{
    char want[160];
    int64_t unit;

    with_money(state);
    unit = scalar("SELECT unit_id FROM enforcement_case WHERE case_no = '%s'", CASE_A);
    /* Receipt 2 renumbered 3: number 2 is missing. */
    tamper("DROP TRIGGER money_receipt_no_update;",
           "ALTER TABLE money_receipt DISABLE TRIGGER money_receipt_append_only;");
    tamper("UPDATE money_receipt SET number = 3 WHERE number = 2;",
           "UPDATE money_receipt SET number = 3 WHERE number = 2;");
    snprintf(want, sizeof want, "ledger: receipt numbers of unit %lld, year ", (long long)unit);
    assert_fsck_names(want);
    assert_fsck_names("have a gap or a duplicate (2 receipts)");
}

static void test_fsck_receipt_duplicate(void **state)
{
    char want[160];
    int64_t unit;
    run_t r;

    with_money(state);
    unit = scalar("SELECT unit_id FROM enforcement_case WHERE case_no = '%s'", CASE_A);
    /* Receipt 2 renumbered 1, after the UNIQUE key is gone (SQLite cannot drop one:
     * the table is copied without it, as a hand with the file could). */
    tamper("PRAGMA foreign_keys = OFF; DROP TRIGGER money_receipt_no_update; "
           "DROP TRIGGER money_receipt_no_delete; "
           "CREATE TABLE receipt_copy AS SELECT * FROM money_receipt; DROP TABLE money_receipt; "
           "ALTER TABLE receipt_copy RENAME TO money_receipt; "
           "UPDATE money_receipt SET number = 1 WHERE number = 2;",
           "ALTER TABLE money_receipt DISABLE TRIGGER money_receipt_append_only; "
           "ALTER TABLE money_receipt DROP CONSTRAINT money_receipt_unit_id_year_number_key; "
           "UPDATE money_receipt SET number = 1 WHERE number = 2;");
    assert_int_equal(scalar("SELECT COUNT(*) FROM money_receipt WHERE number = 1 AND unit_id = "
                            "%lld",
                            (long long)unit),
                     2);
    snprintf(want, sizeof want, "ledger: receipt numbers of unit %lld, year ", (long long)unit);
    expect(&r, 1, "fsck");
    assert_says(&r, want);
    assert_says(&r, "have a gap or a duplicate (2 receipts)");
    /* The other unit's receipt is not named. */
    snprintf(
        want, sizeof want, "receipt numbers of unit %lld,",
        (long long)scalar("SELECT unit_id FROM enforcement_case WHERE case_no = '%s'", CASE_B));
    assert_not_says(&r, want);
}

static void test_fsck_case_disagrees_with_ledger(void **state)
{
    char want[160];
    int64_t a;

    with_money(state);
    a = case_id(CASE_A);
    /* The case row claims 1.000.000 đ more collected than its receipts brought in. */
    tamper("UPDATE enforcement_case SET collected_vnd = collected_vnd + 1000000 WHERE case_no = "
           "'" CASE_A "';",
           "UPDATE enforcement_case SET collected_vnd = collected_vnd + 1000000 WHERE case_no = "
           "'" CASE_A "';");
    snprintf(want, sizeof want,
             "ledger: case %lld says collected 171000000, paid 160000000: its ledger says "
             "otherwise",
             (long long)a);
    assert_fsck_names(want);
}

/* Money paid on paper before the ledger (the sample's 441/QĐ-CCTHADS owes 640.000.000 đ and
 * had 150.000.000 đ paid) is taken off what is owed: 600.000.000 đ collected now goes
 * 490.000.000 đ to the creditor and the rest back to the debtor, not all to the creditor. */
static void test_paid_on_paper_counts(void **state)
{
    run_t r;
    int64_t id, debtor;

    fresh(state);
    id = case_id("441/QĐ-CCTHADS");
    debtor = scalar("SELECT party_id FROM case_party WHERE case_id = %lld AND role = 'debtor'",
                    (long long)id);
    expect(&r, 0, "money collect %lld --amount 600000000 --method transfer --payer 'Người nộp'",
           (long long)id);
    expect(&r, 0, "money allocate %lld", (long long)id);
    assert_int_equal(scalar("SELECT balance_vnd FROM ledger_account WHERE case_id = %lld AND "
                            "kind = 'payable' AND payee_party_id = %lld",
                            (long long)id, (long long)creditor_of(id)),
                     490000000);
    assert_int_equal(scalar("SELECT balance_vnd FROM ledger_account WHERE case_id = %lld AND "
                            "kind = 'payable' AND payee_party_id = %lld",
                            (long long)id, (long long)debtor),
                     110000000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_collect_allocate_pay),
        TEST_BOTH(test_void_keeps_its_number),
        TEST_BOTH(test_bad_input_writes_nothing),
        TEST_BOTH(test_fsck_unbalanced_transaction),
        TEST_BOTH(test_fsck_balance_not_its_entries),
        TEST_BOTH(test_fsck_negative_balance),
        TEST_BOTH(test_fsck_receipt_gap),
        TEST_BOTH(test_fsck_receipt_duplicate),
        TEST_BOTH(test_fsck_case_disagrees_with_ledger),
        TEST_BOTH(test_paid_on_paper_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
