/*
 * tests/store/test_store_oom.c — out of memory, allocation by allocation (SQLite's
 * habit; tests/support/faultalloc.h). For each path below that claims to handle it, run
 * the path with the 1st allocation failing, then the 2nd, ... until a run meets no
 * injected failure. Every run must either succeed or fail cleanly: a store or
 * out-of-memory status (never a refusal such as "not found" or "duplicate", which would
 * be a lie), nothing half-written (row counts before and after), no crash, and no leak
 * (ASan's leak check at exit). On SQLite the library's own allocations fail too
 * (faultalloc_route_sqlite), on both engines jansson's; libpq's are not reached.
 *
 * Each run of a store path opens a new connection, so that every statement is prepared
 * under the failing allocator (a connection's statement cache would otherwise hide the
 * preparation from later runs); the schema is read before the allocator is armed.
 */
#include "faultalloc.h"
#include "testdb.h"
#include "ops/unit_ops.h"
#include "ops/user_ops.h"
#include "ops/case_ops.h"
#include "ops/case_replay.h"
#include "ops/money_ops.h"
#include "core/access.h"
#include "core/keyset.h"
#include "core/stat_sum.h"
#include "store/audit.h"
#include "store/cases.h"
#include "store/ledger.h"
#include "store/outbox.h"
#include "store/prisoners.h"
#include "store/search.h"
#include "store/submissions.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* A run that never meets its end within this many allocations is a runaway loop. */
#define MAX_RUNS 20000

static app_t app;

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

/* ---- the sweep over a store path ---- */

#define MAX_TABLES 6

typedef struct {
    const char *name;
    /* Run once with the allocator armed, inside a transaction unless read_only: 0 when it
     * did its work, 1 when it failed cleanly (run checks the failure's kind itself). */
    int (*run)(db_t *db, long n, void *arg);
    int read_only;
    const char *tables[MAX_TABLES]; /* rows counted before and after */
    int64_t added[MAX_TABLES];      /* rows a successful run adds to each; -1 some */
} op_sweep_t;

static int64_t count_rows(db_t *db, const char *table)
{
    char sql[128];
    int64_t n = -1;

    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    if (db_query_int64(db, sql, &n) != DB_ROW)
        fail_msg("%s: [%s] %s", sql, db_sqlstate(db), db_errmsg(db));
    return n;
}

static db_t *open_warm(const char *url)
{
    char err[512];
    db_t *db = NULL;

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        fail_msg("cannot open %s: %s", url, err);
    count_rows(db, "unit"); /* the schema read, not under the armed allocator */
    return db;
}

/* Fail the 1st, 2nd, ... allocation of op until a run meets none; the number of runs. */
static long sweep(const char *url, const op_sweep_t *op, void *arg)
{
    long n, failed = 0;

    for (n = 1; n <= MAX_RUNS; n++) {
        db_t *db = open_warm(url);
        int64_t before[MAX_TABLES], after;
        int rc, hit;

        for (int t = 0; t < MAX_TABLES && op->tables[t]; t++)
            before[t] = count_rows(db, op->tables[t]);
        faultalloc_fail_at(n);
        if (op->read_only) {
            rc = op->run(db, n, arg);
        } else if ((rc = db_begin(db)) != DB_OK) {
            if (rc >= 0)
                fail_msg("%s, allocation %ld: db_begin returned %d", op->name, n, rc);
            rc = 1;
        } else if ((rc = op->run(db, n, arg)) != 0) {
            db_rollback(db);
        } else if (db_commit(db) != DB_OK) {
            rc = 1; /* db_commit rolled back */
        }
        faultalloc_off();
        hit = faultalloc_injected() > 0;
        if (!hit && rc != 0)
            fail_msg("%s: failed with no allocation failing (run %ld)", op->name, n);
        failed += rc != 0;
        for (int t = 0; t < MAX_TABLES && op->tables[t]; t++) {
            int64_t want = before[t] + (rc == 0 ? op->added[t] : 0);
            after = count_rows(db, op->tables[t]);
            if (rc == 0 && op->added[t] < 0 ? after <= before[t] : after != want)
                fail_msg("%s, allocation %ld failing: %s has %lld rows, had %lld (%s)", op->name, n,
                         op->tables[t], (long long)after, (long long)before[t],
                         rc == 0 ? "succeeded" : "failed");
        }
        db_close(db);
        if (!hit)
            break;
    }
    if (n > MAX_RUNS)
        fail_msg("%s: still meeting failures after %d runs", op->name, MAX_RUNS);
    print_message("  %s: %ld runs, %ld failed cleanly\n", op->name, n, failed);
    return n;
}

/* A failed operation must say it is the system's failure, not the caller's; a failure the
 * store gave must be on db with SQLSTATE class 53, which is what the log shows. */
static int op_failed_cleanly(const char *what, long n, int rc, const op_error_t *err, db_t *db)
{
    if (rc != OP_INTERNAL)
        fail_msg("%s, allocation %ld failing: status %d %s (%s): a refusal, not a failure", what, n,
                 rc, err->code, err->en);
    if (err->from_db && strncmp(db_sqlstate(db), "53", 2) != 0)
        fail_msg("%s, allocation %ld failing: the store failed without saying why: [%s] %s", what,
                 n, db_sqlstate(db), db_errmsg(db));
    return 1;
}

/* A failed store call must return an error code with SQLSTATE class 53 (insufficient
 * resources): out of memory, not bad input. */
static int db_failed_cleanly(const char *what, long n, int rc, db_t *db)
{
    if (rc >= 0 || strncmp(db_sqlstate(db), "53", 2) != 0)
        fail_msg("%s, allocation %ld failing: returned %d [%s] %s", what, n, rc, db_sqlstate(db),
                 db_errmsg(db));
    return 1;
}

/* The ministry and a province under it (not under the armed allocator). */
typedef struct {
    int64_t btp, na, case_id;
} fixture_t;

static void fixture(const char *engine, fixture_t *f)
{
    unit_input_t root = {"BTP", "Bộ Tư pháp", "ministry", 0, d("2000-01-01"), CIVIL_DATE_INVALID};
    unit_input_t na = {"NA",
                       "Thi hành án dân sự tỉnh Nghệ An",
                       "provincial_agency",
                       0,
                       d("2000-01-01"),
                       CIVIL_DATE_INVALID};
    db_t *db = testdb_open_migrated(engine);
    op_error_t err;

    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(unit_op_create(db, &root, 0, 1, &f->btp, &err), 0);
    na.parent_id = f->btp;
    assert_int_equal(unit_op_create(db, &na, 0, 1, &f->na, &err), 0);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* ---- unit_op_create ---- */

static int run_unit_create(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    char code[32];
    unit_input_t in = {code,
                       "Phòng Thi hành án dân sự khu vực 1",
                       "regional_office",
                       f->na,
                       d("2020-01-01"),
                       CIVIL_DATE_INVALID};
    op_error_t err;
    int64_t id = 0;
    int rc;

    snprintf(code, sizeof code, "NA-KV%ld", n);
    if ((rc = unit_op_create(db, &in, 0, 1, &id, &err)) != 0)
        return op_failed_cleanly("unit_op_create", n, rc, &err, db);
    assert_true(id > 0);
    return 0;
}

static void test_unit_op_create(void **state)
{
    const op_sweep_t op = {
        "unit_op_create", run_unit_create, 0, {"unit", "unit_parent", "unit_event"}, {1, 1, 1}};
    fixture_t f;

    fixture(*state, &f);
    sweep(testdb_url_last(), &op, &f);
}

/* ---- user_op_create ---- */

static int run_user_create(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    char username[32];
    user_input_t in = {username, "Trần Thị Lan", f->na, 1u << ROLE_OFFICER, "x"};
    op_error_t err;
    int64_t id = 0;
    int rc;

    snprintf(username, sizeof username, "chv.lan%ld", n);
    if ((rc = user_op_create(db, &in, d("2026-01-01"), 1, &id, &err)) != 0)
        return op_failed_cleanly("user_op_create", n, rc, &err, db);
    assert_true(id > 0);
    return 0;
}

static void test_user_op_create(void **state)
{
    const op_sweep_t op = {"user_op_create", run_user_create, 0, {"app_user", "user_role"}, {1, 1}};
    fixture_t f;

    fixture(*state, &f);
    sweep(testdb_url_last(), &op, &f);
}

/* ---- audit_append ---- */

static int run_audit_append(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    char object[32];
    audit_entry_t e = {
        .at = (int64_t)1767225600 * 1000000 + n,
        .user_id = 0,
        .username = "trần.thị.b",
        .unit_id = f->na,
        .method = "POST",
        .route = "/api/units/{id}/move",
        .object = object,
        .outcome = 200,
        .client_addr = "127.0.0.1",
        .detail = "{\"name_vi\":\"Phòng THADS khu vực 1\"}",
    };
    int64_t id = 0;
    int rc;

    snprintf(object, sizeof object, "unit:%ld", n);
    if ((rc = audit_append(db, &e, &id)) != DB_OK)
        return db_failed_cleanly("audit_append", n, rc, db);
    assert_true(id > 0);
    return 0;
}

static void test_audit_append(void **state)
{
    const op_sweep_t op = {"audit_append", run_audit_append, 0, {"audit_log"}, {1}};
    fixture_t f;
    int64_t rows = 0, bad = 0;
    char msg[256] = "";
    db_t *db;

    fixture(*state, &f);
    sweep(testdb_url_last(), &op, &f);
    /* whatever failed on the way, the chain holds every row that was committed */
    db = open_warm(testdb_url_last());
    if (audit_verify(db, &rows, &bad, msg, sizeof msg) != DB_OK)
        fail_msg("audit_verify: row %lld: %s", (long long)bad, msg);
    assert_true(rows > 0);
    db_close(db);
}

/* ---- cases_get (read only) ---- */

static const case_party_input_t parties[] = {
    {"creditor",
     {"person", "Nguyễn Văn An", "001085012345", "Vinh, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
    {"debtor",
     {"person", "Lê Thị Bình", "040190001234", "Diễn Châu, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
};
static const case_item_input_t items[] = {
    {"pay_money", "Trả nợ vay", 150000000, 0, 3},
};

/* The civil case every sweep below opens: received 05/01/2026 by unit_id, under case_no. */
static case_input_t civil_case(int64_t unit_id, const char *case_no)
{
    return (case_input_t){
        .unit_id = unit_id,
        .source = "application",
        .category = "civil",
        .case_no = case_no,
        .received_on = d("2026-01-05"),
        .judgment_no = "07/2025/DS-ST",
        .judgment_date = d("2025-11-03"),
        .court_name = "TAND khu vực 1 - Nghệ An",
        .judgment_kind = "civil",
        .parties = parties,
        .nparties = 2,
        .items = items,
        .nitems = 1,
    };
}

static int run_cases_get(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    case_row_t row;
    int rc = cases_get(db, f->case_id, &row);

    if (rc != DB_ROW)
        return db_failed_cleanly("cases_get", n, rc, db);
    assert_int_equal(row.id, f->case_id);
    assert_string_equal(row.case_no, "01/2026/TB");
    assert_string_equal(row.unit_code, "NA");
    assert_int_equal(row.amount_vnd, 150000000);
    return 0;
}

/* The fixture with one case of the province's, 01/2026/TB (f->case_id). */
static void fixture_with_case(const char *engine, fixture_t *f)
{
    case_input_t in;
    op_error_t err;
    db_t *db;

    fixture(engine, f);
    in = civil_case(f->na, "01/2026/TB");
    db = open_warm(testdb_url_last());
    assert_int_equal(db_begin(db), DB_OK);
    if (case_op_create(db, &app, &in, 0, d("2026-01-05"), 1, &f->case_id, &err) != 0)
        fail_msg("case_op_create: %s (%s)", err.en, err.field);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

static void test_cases_get(void **state)
{
    const op_sweep_t op = {"cases_get", run_cases_get, 1, {"enforcement_case"}, {0}};
    fixture_t f;

    fixture_with_case(*state, &f);
    sweep(testdb_url_last(), &op, &f);
}

/* ---- case_op_create: a case with its judgment, parties, items, first events ---- */

static int run_case_create(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    char no[32];
    case_input_t in;
    op_error_t err;
    int64_t id = 0;
    int rc;

    snprintf(no, sizeof no, "%ld/2026/TB", n);
    in = civil_case(f->na, no);
    if ((rc = case_op_create(db, &app, &in, 0, d("2026-01-05"), 1, &id, &err)) != 0)
        return op_failed_cleanly("case_op_create", n, rc, &err, db);
    assert_true(id > 0);
    return 0;
}

static void test_case_op_create(void **state)
{
    /* stat_delta is left out: a second case of the same day adds to its row */
    const op_sweep_t op = {
        "case_op_create",
        run_case_create,
        0,
        {"enforcement_case", "case_event", "case_deadline", "obligation_item", "case_party"},
        {1, -1, -1, 1, 2}};
    fixture_t f;

    fixture(*state, &f);
    sweep(testdb_url_last(), &op, &f);
}

/* ---- case_op_event: the open deadlines read, the event played and written ---- */

/* Decide a fresh case (made with the allocator disarmed, then armed again at n): the
 * decision either fails as out of memory or closes the case's D6 — never succeeds on a
 * partial read of the open deadlines, leaving D6 open for ever. */
static int run_case_event(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    char no[32];
    case_input_t in;
    case_event_input_t ev = {.type = CASE_EVENT_DECIDED, .document_no = "12/QĐ-THADS"};
    op_error_t err;
    int64_t id = 0, seq, open_d6;
    char sql[160];
    int rc;

    faultalloc_off();
    snprintf(no, sizeof no, "E%ld/2026/TB", n);
    in = civil_case(f->na, no);
    ev.occurred_on = d("2026-01-06");
    if (case_op_create(db, &app, &in, 0, d("2026-01-06"), 1, &id, &err) != 0)
        fail_msg("case_op_create: %s", err.en);
    faultalloc_fail_at(n);
    rc = case_op_event(db, &app, id, &ev, 0, d("2026-01-06"), 2, &seq, &err);
    faultalloc_off();
    if (rc != 0)
        return op_failed_cleanly("case_op_event", n, rc, &err, db);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM case_deadline WHERE case_id = %lld AND rule_id = 'D6' AND "
             "closed_seq IS NULL",
             (long long)id);
    if (db_query_int64(db, sql, &open_d6) != DB_ROW || open_d6 != 0)
        fail_msg("case_op_event, allocation %ld failing: succeeded with D6 still open", n);
    return 0;
}

static void test_case_op_event(void **state)
{
    const op_sweep_t op = {"case_op_event", run_case_event, 0, {NULL}, {0}};
    fixture_t f;

    fixture(*state, &f);
    sweep(testdb_url_last(), &op, &f);
}

/* ---- cases_list, deadlines_worklist: a page over a scope's units ---- */

typedef struct {
    int64_t root;
    civil_date_t today;
    int cases, deadlines; /* what an unarmed read finds */
} lists_t;

static int count_row(const void *row, void *arg)
{
    (void)row;
    ++*(int *)arg;
    return 0;
}

static int count_case_row(const case_row_t *c, void *arg)
{
    return count_row(c, arg);
}

static int count_deadline_row(const deadline_row_t *d, void *arg)
{
    return count_row(d, arg);
}

/* The leader's case list and worklist, counted: DB_OK or the first call's error (its name
 * in *what). */
static int read_lists(db_t *db, const lists_t *l, int *cases, int *deadlines, const char **what)
{
    case_filter_t cf = {.root_unit = l->root,
                        .today = l->today,
                        .limit = 50,
                        .received_from = CIVIL_DATE_INVALID,
                        .received_to = CIVIL_DATE_INVALID};
    deadline_filter_t wf = {
        .root_unit = l->root, .today = l->today, .until = l->today + 3650, .limit = 50};
    int rc;

    *cases = *deadlines = 0;
    *what = "cases_list";
    if ((rc = cases_list(db, &cf, count_case_row, cases)) != DB_OK)
        return rc;
    *what = "deadlines_worklist";
    return deadlines_worklist(db, &wf, count_deadline_row, deadlines);
}

/* All of both lists, or a clean failure. */
static int run_lists(db_t *db, long n, void *arg)
{
    const lists_t *l = arg;
    const char *what;
    int cases, deadlines, rc = read_lists(db, l, &cases, &deadlines, &what);

    if (rc != DB_OK)
        return db_failed_cleanly(what, n, rc, db);
    assert_int_equal(cases, l->cases);
    assert_int_equal(deadlines, l->deadlines);
    return 0;
}

static void test_lists(void **state)
{
    const op_sweep_t op = {"case lists", run_lists, 1, {NULL}, {0}};
    unit_input_t kv = {"NA-KV1",          "Phòng Thi hành án dân sự khu vực 1",
                       "regional_office", 0,
                       d("2020-01-01"),   CIVIL_DATE_INVALID};
    lists_t l = {.today = d("2026-01-20")};
    case_input_t in;
    fixture_t f;
    op_error_t err;
    int64_t kv_id, id;
    db_t *db;

    fixture_with_case(*state, &f); /* a case in the province's agency, and one in its office: */
    db = open_warm(testdb_url_last());
    assert_int_equal(db_begin(db), DB_OK);
    kv.parent_id = f.na;
    assert_int_equal(unit_op_create(db, &kv, 0, 1, &kv_id, &err), 0);
    in = civil_case(kv_id, "02/2026/TB");
    if (case_op_create(db, &app, &in, 0, d("2026-01-05"), 1, &id, &err) != 0)
        fail_msg("case_op_create: %s (%s)", err.en, err.field);
    assert_int_equal(db_commit(db), DB_OK);
    l.root = f.btp;
    {
        const char *what;
        assert_int_equal(read_lists(db, &l, &l.cases, &l.deadlines, &what), DB_OK);
    }
    db_close(db);
    assert_int_equal(l.cases, 2);
    assert_true(l.deadlines >= 2); /* each case's open deadlines, of both units */
    sweep(testdb_url_last(), &op, &l);
}

/* ---- search_cases and case_replay_all (fsck's replay): reads that allocate per row ---- */

static int count_hit(const search_hit_t *hit, void *arg)
{
    return count_row(hit, arg);
}

static int run_search_replay(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    case_replay_counts_t counts;
    op_error_t err;
    int hits = 0, rc;

    rc = search_cases(db, f->btp, d("2026-01-20"), "nguyen van an", 10, count_hit, &hits);
    if (rc != DB_OK)
        return db_failed_cleanly("search_cases", n, rc, db);
    assert_int_equal(hits, 1);
    if ((rc = case_replay_all(db, &app, NULL, NULL, 0, &counts, &err)) != 0)
        return op_failed_cleanly("case_replay_all", n, rc, &err, db);
    assert_int_equal(counts.cases, 1);
    assert_int_equal(counts.differences, 0);
    return 0;
}

static void test_search_replay(void **state)
{
    const op_sweep_t op = {"search and replay", run_search_replay, 1, {NULL}, {0}};
    fixture_t f;

    fixture_with_case(*state, &f);
    sweep(testdb_url_last(), &op, &f);
}

/* ---- money_op_collect: a receipt, its ledger transaction and its case event ---- */

static int run_collect(db_t *db, long n, void *arg)
{
    const fixture_t *f = arg;
    money_collection_t in = {d("2026-01-06"), 1000000, LEDGER_METHOD_CASH,
                             "Lê Thị Bình",   NULL,    NULL};
    money_doc_t doc = {0};
    op_error_t err;
    int rc = money_op_collect(db, &app, f->case_id, &in, 0, d("2026-01-06"), 1, &doc, &err);

    if (rc != 0)
        return op_failed_cleanly("money_op_collect", n, rc, &err, db);
    assert_true(doc.doc_id > 0 && doc.number > 0);
    return 0;
}

static int ledger_problem(const char *what, void *arg)
{
    (void)arg;
    print_error("ledger_check: %s\n", what);
    return 0;
}

static void test_money_collect(void **state)
{
    const op_sweep_t op = {"money_op_collect",
                           run_collect,
                           0,
                           {"money_receipt", "ledger_txn", "case_event"},
                           {1, 1, 1}};
    int64_t problems = -1;
    fixture_t f;
    db_t *db;

    fixture_with_case(*state, &f);
    sweep(testdb_url_last(), &op, &f);
    /* the failed runs left no half-posted transaction, no balance off its entries */
    db = open_warm(testdb_url_last());
    assert_int_equal(ledger_check(db, ledger_problem, NULL, &problems), DB_OK);
    assert_int_equal(problems, 0);
    db_close(db);
}

/* ---- outbox_enqueue and outbox_get: a notification with its attachment ---- */

static int run_outbox(db_t *db, long n, void *arg)
{
    static const char text[] = "Trại giam Thanh Xuân xác nhận đã nhận 1.000.000 đ.";
    const fixture_t *f = arg;
    char key[40];
    outbox_msg_t m = {.idem_key = key,
                      .kind = "prison_exchange",
                      .from_unit_id = f->na,
                      .to_unit_id = f->btp,
                      .channel = OUTBOX_EMAIL,
                      .to_address = "trai.thanhxuan@bca.gov.vn",
                      .subject = "Thông báo kết quả thu tiền",
                      .body = text,
                      .attach_name = "thong-bao.txt",
                      .attach_type = "text/plain; charset=UTF-8",
                      .attach_data = text,
                      .attach_len = sizeof text - 1};
    outbox_row_t row;
    int64_t id = 0;
    int rc;

    snprintf(key, sizeof key, "oom:%ld", n);
    if ((rc = outbox_enqueue(db, &m, &id)) != DB_OK)
        return db_failed_cleanly("outbox_enqueue", n, rc, db);
    if ((rc = outbox_get(db, id, &row)) != DB_ROW)
        return db_failed_cleanly("outbox_get", n, rc, db);
    assert_string_equal(row.subject, m.subject);
    assert_non_null(row.attach_b64);
    outbox_row_free(&row);
    return 0;
}

static void test_outbox(void **state)
{
    const op_sweep_t op = {"outbox", run_outbox, 0, {"outbox"}, {1}};
    fixture_t f;

    fixture(*state, &f);
    sweep(testdb_url_last(), &op, &f);
}

/* ---- reads that copy their long texts out: an exchange with a prison, a report ---- */

#define EXCHANGE_BODY   "Đề nghị Trại giam Thanh Xuân xác nhận phạm nhân đã nộp 1.000.000 đ."
#define EXCHANGE_ANSWER "Trại giam Thanh Xuân xác nhận đã thu 1.000.000 đ ngày 05/01/2026."
#define REPORT_BODY     "{\"cases\": {\"total\": 120, \"completed\": 77}}"

typedef struct {
    int64_t exchange_id, submission_id;
} texts_t;

/* A prisoner of the province and an answered exchange about them, and the province's
 * submitted report of 2025 (not under the armed allocator). */
static void texts_fixture(const char *engine, texts_t *t)
{
    fixture_t f;
    db_t *db;
    char sql[1024];

    fixture(engine, &f);
    db = open_warm(testdb_url_last());
    snprintf(sql, sizeof sql,
             "INSERT INTO party (id, kind, full_name, created_at) VALUES (900, 'person', "
             "'Lê Văn Tám', 0); "
             "INSERT INTO prisoner (id, party_id, agency_unit_id, full_name, prisoner_no, "
             "entered_on, sentence, status, created_at) VALUES (900, 900, %lld, 'Lê Văn Tám', "
             "'TX-0412', '2024-03-01', '05 năm tù', 'held', 0); "
             "INSERT INTO prison_exchange (id, kind, state, prisoner_id, agency_unit_id, "
             "camp_unit_id, sender_unit_id, receiver_unit_id, body, answer, drafted_on, "
             "document, created_at, updated_at) VALUES (900, 'confirmation_request', "
             "'answered', 900, %lld, %lld, %lld, %lld, '" EXCHANGE_BODY "', '" EXCHANGE_ANSWER
             "', '2026-01-05', 'Công văn số 12/CV-THADS', 0, 0)",
             (long long)f.na, (long long)f.na, (long long)f.na, (long long)f.na, (long long)f.btp);
    testdb_exec(db, sql);
    t->exchange_id = 900;
    assert_int_equal(submission_insert(db, f.na, d("2025-01-01"), d("2025-12-31"), REPORT_BODY,
                                       "ab12", 0, 0, &t->submission_id),
                     DB_OK);
    db_close(db);
}

static int run_texts(db_t *db, long n, void *arg)
{
    const texts_t *t = arg;
    exchange_row_t x;
    submission_t s;
    int rc;

    if ((rc = exchanges_get(db, t->exchange_id, &x)) != DB_ROW)
        return db_failed_cleanly("exchanges_get", n, rc, db);
    assert_string_equal(x.body, EXCHANGE_BODY);
    assert_string_equal(x.answer, EXCHANGE_ANSWER);
    assert_string_equal(x.document, "Công văn số 12/CV-THADS");
    exchange_row_clear(&x);
    if ((rc = submission_get(db, t->submission_id, &s)) != DB_ROW)
        return db_failed_cleanly("submission_get", n, rc, db);
    assert_string_equal(s.body, REPORT_BODY);
    submission_free(&s);
    return 0;
}

static void test_texts(void **state)
{
    const op_sweep_t op = {"exchange and submission", run_texts, 1, {NULL}, {0}};
    texts_t t;

    texts_fixture(*state, &t);
    sweep(testdb_url_last(), &op, &t);
}

/* ---- core/keyset.c ---- */

#define KEYS 3000 /* past the first table of 1024 slots, and its growth */

static void test_keyset(void **state)
{
    long n;

    (void)state;
    for (n = 1; n <= MAX_RUNS; n++) {
        static unsigned char added[KEYS];
        keyset_t *s;
        size_t want = 0;
        int hit;

        memset(added, 0, sizeof added);
        faultalloc_fail_at(n);
        s = keyset_new();
        if (s != NULL) {
            for (int i = 0; i < KEYS; i++) {
                uint64_t h = (uint64_t)i * 0x9E3779B97F4A7C15ull + 7;
                int rc = keyset_add(s, h);
                assert_true(rc == 0 || rc == -1);
                added[i] = rc == 0;
                want += rc == 0;
                assert_int_equal(keyset_count(s), want);
                assert_int_equal(keyset_has(s, h), rc == 0); /* refused: the set unchanged */
            }
        }
        faultalloc_off();
        hit = faultalloc_injected() > 0;
        if (s != NULL)
            for (int i = 0; i < KEYS; i++)
                assert_int_equal(keyset_has(s, (uint64_t)i * 0x9E3779B97F4A7C15ull + 7), added[i]);
        if (!hit)
            assert_int_equal(want, KEYS);
        keyset_free(s);
        if (!hit)
            break;
    }
    assert_true(n <= MAX_RUNS);
}

/* ---- core/stat_sum.c ---- */

typedef struct {
    int64_t cases, amount;
    long visited;
    int64_t last_unit;
} sums_t;

static int sum_visit(int64_t unit_id, civil_date_t day, const char *category, int flags,
                     const char *bucket, int64_t cases, int64_t amount_vnd, void *arg)
{
    sums_t *s = arg;

    (void)day, (void)category, (void)flags, (void)bucket;
    assert_true(unit_id >= s->last_unit); /* in key order */
    s->last_unit = unit_id;
    s->cases += cases;
    s->amount += amount_vnd;
    s->visited++;
    return 0;
}

static void test_stat_sum(void **state)
{
    static const char *const categories[] = {"civil", "criminal", "administrative"};
    static const char *const buckets[] = {"in_progress", "completed", "suspended", "postponed"};
    long n;

    (void)state;
    for (n = 1; n <= MAX_RUNS; n++) {
        stat_sum_t *s;
        sums_t want = {0}, got = {0};
        int hit, each = 0;

        faultalloc_fail_at(n);
        s = stat_sum_new();
        if (s != NULL) {
            for (int i = 0; i < 1500; i++) { /* 1,500 keys: the table grows past 1,024 */
                size_t keys = stat_sum_count(s);
                int rc = stat_sum_add(s, i % 500, 20000 + i / 500, categories[i % 3], i % 8,
                                      buckets[i % 4], 1, 1000 * (int64_t)i);
                assert_true(rc == 0 || rc == -1);
                if (rc == 0) {
                    want.cases += 1;
                    want.amount += 1000 * (int64_t)i;
                } else {
                    assert_int_equal(stat_sum_count(s), keys); /* refused: nothing added */
                }
            }
            each = stat_sum_each(s, sum_visit, &got);
            assert_true(each == 0 || each == -1);
        }
        faultalloc_off();
        hit = faultalloc_injected() > 0;
        if (s != NULL && each == 0) {
            assert_int_equal(got.visited, (long)stat_sum_count(s));
            assert_int_equal(got.cases, want.cases);
            assert_int_equal(got.amount, want.amount);
        }
        if (!hit)
            assert_int_equal(want.cases, 1500);
        stat_sum_free(s);
        if (!hit)
            break;
    }
    assert_true(n <= MAX_RUNS);
}

/* ---- the harness itself ---- */

static void test_faultalloc(void **state)
{
    void *volatile p;
    void *volatile q;
    char *s;

    (void)state;
    faultalloc_fail_at(2);
    p = malloc(16);
    q = calloc(2, 8);
    s = strdup("x");
    faultalloc_off();
    assert_non_null(p);
    assert_null(q);
    assert_non_null(s);
    assert_int_equal(faultalloc_calls(), 3);
    assert_int_equal(faultalloc_injected(), 1);
    free(p);
    free(s);

    faultalloc_fail_after(2);
    p = malloc(16);
    q = realloc(NULL, 8);
    s = strdup("x");
    faultalloc_off();
    assert_non_null(p);
    assert_null(q);
    assert_null(s);
    assert_int_equal(faultalloc_injected(), 2);
    free(p);

    faultalloc_count();
    p = malloc(1);
    free(p);
    assert_int_equal(faultalloc_calls(), 1);
    assert_int_equal(faultalloc_injected(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faultalloc),
        cmocka_unit_test(test_keyset),
        cmocka_unit_test(test_stat_sum),
        TEST_BOTH(test_unit_op_create),
        TEST_BOTH(test_user_op_create),
        TEST_BOTH(test_audit_append),
        TEST_BOTH(test_cases_get),
        TEST_BOTH(test_case_op_create),
        TEST_BOTH(test_case_op_event),
        TEST_BOTH(test_lists),
        TEST_BOTH(test_search_replay),
        TEST_BOTH(test_money_collect),
        TEST_BOTH(test_outbox),
        TEST_BOTH(test_texts),
    };

    if (sodium_init() < 0)
        return 1;
    if (faultalloc_route_sqlite() != 0) {
        fprintf(stderr, "test_store_oom: SQLite was initialized before its allocator was set\n");
        return 1;
    }
    faultalloc_route_jansson();
    app_init(&app, NULL, "test");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
