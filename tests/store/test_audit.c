/*
 * tests/store/test_audit.c — the audit log on both engines: rows append inside the
 * change's transaction and leave no trace when it rolls back; the database refuses
 * UPDATE and DELETE; whoever gets past that (dropping the trigger) is caught by the
 * hash chain, whichever row they change or remove; concurrent appenders never fork
 * the chain; a unit's administrator lists the rows of their subtree only.
 */
#include "testdb.h"
#include "ops/unit_ops.h"
#include "store/audit.h"
#include "store/chain.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 ((int64_t)1767225600 * 1000000) /* 2026-01-01T00:00:00Z */

/* The i-th test entry: varied fields, NULLs where they may be, Vietnamese text. */
static audit_entry_t entry(int i, int64_t unit_id, char *buf, size_t len)
{
    snprintf(buf, len, "unit:%d", i);
    return (audit_entry_t){
        .at = T0 + (int64_t)i * 1000000,
        .user_id = i % 3 == 0 ? 0 : i,
        .username = i % 3 == 0 ? NULL : (i % 3 == 1 ? "nguyenvana" : "trần.thị.b"),
        .unit_id = unit_id,
        .method = i % 2 ? "POST" : "PATCH",
        .route = "/api/units/{id}",
        .object = i % 4 == 0 ? NULL : buf,
        .outcome = i % 5 == 0 ? 409 : 200,
        .client_addr = "127.0.0.1",
        .detail = i % 2 ? "{\"name_vi\":\"Phòng THADS khu vực 1\"}" : NULL,
    };
}

static int64_t append_one(db_t *db, const audit_entry_t *e)
{
    int64_t id = 0;

    assert_int_equal(db_begin(db), DB_OK);
    if (audit_append(db, e, &id) != DB_OK)
        fail_msg("audit_append: [%s] %s", db_sqlstate(db), db_errmsg(db));
    assert_int_equal(db_commit(db), DB_OK);
    return id;
}

/* Append rows 1..n (unit_id 0) and check their ids. */
static void append_n(db_t *db, int n)
{
    char buf[32];

    for (int i = 1; i <= n; i++) {
        audit_entry_t e = entry(i, 0, buf, sizeof buf);
        assert_int_equal(append_one(db, &e), i);
    }
}

static void assert_intact(db_t *db, int64_t want_rows)
{
    int64_t rows = -1, bad = -1;
    char msg[256] = "";

    if (audit_verify(db, &rows, &bad, msg, sizeof msg) != DB_OK)
        fail_msg("audit_verify: bad_id %lld: %s", (long long)bad, msg);
    assert_int_equal(rows, want_rows);
}

/* Verify, expecting the chain broken at bad_id, with a message containing want. */
static void assert_broken(db_t *db, int64_t want_bad, const char *want)
{
    int64_t rows = -1, bad = -1;
    char msg[256] = "";

    assert_int_equal(audit_verify(db, &rows, &bad, msg, sizeof msg), DB_ERROR);
    assert_int_equal(bad, want_bad);
    if (strstr(msg, want) == NULL)
        fail_msg("message \"%s\" does not contain \"%s\"", msg, want);
}

/* Run one statement; DB_OK when it ran to the end, else its error code. */
static int run(db_t *db, const char *sql)
{
    db_stmt_t *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static int64_t count(db_t *db, const char *sql)
{
    int64_t n = -1;

    if (db_query_int64(db, sql, &n) != DB_ROW)
        fail_msg("%s: %s", sql, db_errmsg(db));
    return n;
}

/* What someone with the database's owner rights does first: switch off the
 * append-only triggers. */
static void unlock(db_t *db, const char *engine)
{
    if (strcmp(engine, "sqlite") == 0) {
        testdb_exec(db, "DROP TRIGGER audit_log_no_update");
        testdb_exec(db, "DROP TRIGGER audit_log_no_delete");
    } else {
        testdb_exec(db, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only");
    }
}

static void test_empty_log_verifies(void **state)
{
    db_t *db = testdb_open_migrated(*state);

    assert_intact(db, 0);
    db_close(db);
}

static void test_append_and_verify(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    db_stmt_t *st;
    char prev[CHAIN_HASH_HEX], head[CHAIN_HASH_HEX];
    int64_t seq;

    append_n(db, 12);
    assert_intact(db, 12);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM audit_log"), 12);

    /* the row as stored, NULLs kept as NULLs */
    assert_int_equal(db_prepare(db,
                                "SELECT username, user_id, object, detail, outcome, method "
                                "FROM audit_log WHERE id = 3",
                                &st),
                     DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_true(db_column_is_null(st, 0));
    assert_true(db_column_is_null(st, 1));
    assert_string_equal(db_column_text(st, 2), "unit:3");
    assert_string_equal(db_column_text(st, 3), "{\"name_vi\":\"Phòng THADS khu vực 1\"}");
    assert_int_equal(db_column_int64(st, 4), 200);
    assert_string_equal(db_column_text(st, 5), "POST");
    db_finalize(st);

    /* each row links to the one before; the head holds the last */
    memcpy(prev, chain_genesis, CHAIN_HASH_HEX);
    assert_int_equal(db_prepare(db, "SELECT id, prev_hash, hash FROM audit_log ORDER BY id", &st),
                     DB_OK);
    for (int i = 1; i <= 12; i++) {
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_column_int64(st, 0), i);
        assert_string_equal(db_column_text(st, 1), prev);
        assert_int_equal(strlen(db_column_text(st, 2)), CHAIN_HASH_HEX - 1);
        assert_string_not_equal(db_column_text(st, 2), prev);
        snprintf(prev, sizeof prev, "%s", db_column_text(st, 2));
    }
    assert_int_equal(db_step(st), DB_DONE);
    db_finalize(st);
    assert_int_equal(chain_head(db, "audit", &seq, head), DB_OK);
    assert_int_equal(seq, 12);
    assert_string_equal(head, prev);
    db_close(db);
}

static void test_rolled_back_append_leaves_no_row_and_no_gap(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    char buf[32];
    audit_entry_t e = entry(3, 0, buf, sizeof buf);
    int64_t id = 0;

    append_n(db, 2);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(audit_append(db, &e, &id), DB_OK);
    assert_int_equal(id, 3);
    assert_int_equal(db_rollback(db), DB_OK);

    assert_int_equal(count(db, "SELECT COUNT(*) FROM audit_log"), 2);
    assert_intact(db, 2);
    /* the next append takes the position the rolled-back one had */
    e.route = "/api/users";
    assert_int_equal(append_one(db, &e), 3);
    assert_int_equal(count(db, "SELECT MAX(id) FROM audit_log"), 3);
    assert_intact(db, 3);
    db_close(db);
}

/* An entry jansson cannot write (text that is not UTF-8) is refused with a reason, and
 * nothing is appended: the chain stays as it was. */
static void test_unwritable_entry_is_refused(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    char buf[32];
    audit_entry_t e = entry(3, 0, buf, sizeof buf);
    int64_t id = 0;

    append_n(db, 2);
    e.route = "/api/\xff\xfe";
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(audit_append(db, &e, &id), DB_ERROR);
    assert_string_equal(db_sqlstate(db), "22021");
    assert_non_null(strstr(db_errmsg(db), "not UTF-8"));
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM audit_log"), 2);
    assert_intact(db, 2);
    db_close(db);
}

static void test_update_and_delete_are_refused(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    db_stmt_t *st;

    append_n(db, 3);
    assert_int_equal(run(db, "UPDATE audit_log SET route = '/forged' WHERE id = 2"), DB_CONSTRAINT);
    assert_int_equal(run(db, "UPDATE audit_log SET outcome = 200"), DB_CONSTRAINT);
    assert_int_equal(run(db, "DELETE FROM audit_log WHERE id = 3"), DB_CONSTRAINT);
    assert_int_equal(run(db, "DELETE FROM audit_log"), DB_CONSTRAINT);
    /* inside a transaction too */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(run(db, "DELETE FROM audit_log WHERE id = 1"), DB_CONSTRAINT);
    assert_int_equal(db_rollback(db), DB_OK);

    assert_int_equal(count(db, "SELECT COUNT(*) FROM audit_log"), 3);
    assert_int_equal(db_prepare(db, "SELECT route FROM audit_log WHERE id = 2", &st), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), "/api/units/{id}");
    db_finalize(st);
    assert_intact(db, 3);
    db_close(db);
}

static void test_changed_row_is_caught(void **state)
{
    db_t *db = testdb_open_migrated(*state);

    append_n(db, 5);
    unlock(db, *state);
    assert_int_equal(run(db, "UPDATE audit_log SET route = '/api/session' WHERE id = 3"), DB_OK);
    assert_broken(db, 3, "row 3");
    db_close(db);
}

static void test_changed_outcome_is_caught(void **state)
{
    db_t *db = testdb_open_migrated(*state);

    append_n(db, 5);
    unlock(db, *state);
    /* a refusal rewritten as a success (row 5 was a 409) */
    assert_int_equal(run(db, "UPDATE audit_log SET outcome = 200 WHERE id = 5"), DB_OK);
    assert_broken(db, 5, "row 5");
    db_close(db);
}

/* The canonical form the chain hashes, rebuilt the way chain.h describes it. */
static char *canonical(int64_t id, const audit_entry_t *e)
{
    json_t *a = json_pack("[I, I, o, o, o, s, s, o, i, s, o]", (json_int_t)id, (json_int_t)e->at,
                          e->user_id ? json_integer(e->user_id) : json_null(),
                          e->username ? json_string(e->username) : json_null(),
                          e->unit_id ? json_integer(e->unit_id) : json_null(), e->method, e->route,
                          e->object ? json_string(e->object) : json_null(), e->outcome,
                          e->client_addr, e->detail ? json_string(e->detail) : json_null());
    char *s = json_dumps(a, JSON_COMPACT);

    json_decref(a);
    return s;
}

static void stored_hashes(db_t *db, int64_t id, char prev[CHAIN_HASH_HEX],
                          char hash[CHAIN_HASH_HEX])
{
    db_stmt_t *st;
    char sql[128];

    snprintf(sql, sizeof sql, "SELECT prev_hash, hash FROM audit_log WHERE id = %lld",
             (long long)id);
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    snprintf(prev, CHAIN_HASH_HEX, "%s", db_column_text(st, 0));
    snprintf(hash, CHAIN_HASH_HEX, "%s", db_column_text(st, 1));
    db_finalize(st);
}

/* A forger who knows the algorithm rewrites row 3 and gives it a correct hash, and
 * sets row 4's prev_hash to match: row 3 now checks out, row 4 cannot. */
static void test_consistently_rehashed_row_is_caught_at_the_next(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    char buf[32], prev[CHAIN_HASH_HEX], hash[CHAIN_HASH_HEX], mine[CHAIN_HASH_HEX], sql[512];
    audit_entry_t e = entry(3, 0, buf, sizeof buf);
    char *canon;

    append_n(db, 5);
    stored_hashes(db, 3, prev, hash);
    /* first make sure the forgery would be faithful: the untouched row rehashes the same */
    canon = canonical(3, &e);
    chain_hash(prev, canon, mine);
    free(canon);
    assert_string_equal(mine, hash);

    e.route = "/api/session";
    canon = canonical(3, &e);
    chain_hash(prev, canon, mine);
    free(canon);
    unlock(db, *state);
    snprintf(sql, sizeof sql,
             "UPDATE audit_log SET route = '/api/session', hash = '%s' WHERE id = 3", mine);
    assert_int_equal(run(db, sql), DB_OK);
    snprintf(sql, sizeof sql, "UPDATE audit_log SET prev_hash = '%s' WHERE id = 4", mine);
    assert_int_equal(run(db, sql), DB_OK);
    assert_broken(db, 4, "row 4");

    /* and with only row 3 rehashed, row 4's link is what breaks */
    snprintf(sql, sizeof sql, "UPDATE audit_log SET prev_hash = '%s' WHERE id = 4", hash);
    assert_int_equal(run(db, sql), DB_OK);
    assert_broken(db, 4, "row 4");
    db_close(db);
}

static void test_deleted_last_row_is_caught(void **state)
{
    db_t *db = testdb_open_migrated(*state);

    append_n(db, 5);
    unlock(db, *state);
    assert_int_equal(run(db, "DELETE FROM audit_log WHERE id = 5"), DB_OK);
    /* every remaining row links; only the head tells */
    assert_broken(db, 0, "head");
    assert_broken(db, 0, "removed");
    db_close(db);
}

static void test_deleted_middle_row_is_caught(void **state)
{
    db_t *db = testdb_open_migrated(*state);

    append_n(db, 5);
    unlock(db, *state);
    assert_int_equal(run(db, "DELETE FROM audit_log WHERE id = 3"), DB_OK);
    assert_broken(db, 3, "row 3 is missing");
    db_close(db);
}

/* A row slipped in with a plain INSERT (no trigger to switch off), linked to the last
 * row and with the head moved over it, but hashed by guesswork: caught at that row. */
static void test_row_slipped_in_is_caught(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    char prev[CHAIN_HASH_HEX], hash[CHAIN_HASH_HEX], sql[1024];

    append_n(db, 3);
    stored_hashes(db, 3, prev, hash);
    snprintf(sql, sizeof sql,
             "INSERT INTO audit_log (id, at, method, route, outcome, client_addr, prev_hash, "
             "hash) VALUES (4, 1, 'POST', '/api/users', 201, '127.0.0.1', '%s', '%s')",
             hash, hash);
    assert_int_equal(run(db, sql), DB_OK);
    snprintf(sql, sizeof sql, "UPDATE chain_head SET seq = 4, hash = '%s' WHERE name = 'audit'",
             hash);
    assert_int_equal(run(db, sql), DB_OK);
    assert_broken(db, 4, "row 4");
    db_close(db);
}

typedef struct {
    const char *url;
    int thread;
    int appended;
    int busy_retries;
    int failed;
    char error[512];
} appender_t;

static void *appender(void *arg)
{
    appender_t *a = arg;
    char err[256], username[16];
    db_t *db;

    if (db_open(a->url, &db, err, sizeof err) != DB_OK) {
        snprintf(a->error, sizeof a->error, "open: %s", err);
        a->failed = 1;
        return NULL;
    }
    snprintf(username, sizeof username, "t%d", a->thread);
    for (int i = 0; i < 200 && !a->failed; i++) {
        audit_entry_t e = {.at = T0 + i,
                           .username = username,
                           .method = "POST",
                           .route = "/api/test",
                           .outcome = 200,
                           .client_addr = "127.0.0.1"};
        int rc;
        do {
            rc = db_begin(db);
            if (rc == DB_OK)
                rc = audit_append(db, &e, NULL);
            if (rc == DB_OK)
                rc = db_commit(db);
            if (rc != DB_OK && rc != DB_BUSY) {
                snprintf(a->error, sizeof a->error, "append %d: [%s] %s", i, db_sqlstate(db),
                         db_errmsg(db));
                a->failed = 1;
            }
            if (rc != DB_OK && db_in_transaction(db))
                db_rollback(db);
            if (rc == DB_BUSY)
                a->busy_retries++;
        } while (rc == DB_BUSY);
        if (rc == DB_OK)
            a->appended++;
    }
    db_close(db);
    return NULL;
}

static void test_concurrent_appends_keep_one_chain(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    char url[1024];
    appender_t a[2];
    pthread_t th[2];

    snprintf(url, sizeof url, "%s", testdb_url_last());
    for (int t = 0; t < 2; t++) {
        a[t] = (appender_t){.url = url, .thread = t};
        assert_int_equal(pthread_create(&th[t], NULL, appender, &a[t]), 0);
    }
    for (int t = 0; t < 2; t++)
        pthread_join(th[t], NULL);
    for (int t = 0; t < 2; t++) {
        if (a[t].failed)
            fail_msg("thread %d: %s", t, a[t].error);
        assert_int_equal(a[t].appended, 200);
    }
    assert_int_equal(count(db, "SELECT COUNT(*) FROM audit_log"), 400);
    assert_int_equal(count(db, "SELECT MIN(id) FROM audit_log"), 1);
    assert_int_equal(count(db, "SELECT MAX(id) FROM audit_log"), 400);
    assert_int_equal(count(db, "SELECT COUNT(DISTINCT id) FROM audit_log"), 400);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM audit_log WHERE username = 't0'"), 200);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM audit_log WHERE username = 't1'"), 200);
    assert_intact(db, 400);
    db_close(db);
}

/* ---- listing a subtree ---- */

typedef struct {
    int n;
    int64_t ids[64], units[64];
} listed_t;

static int collect(const audit_row_t *row, void *arg)
{
    listed_t *l = arg;

    assert_true(l->n < 64);
    l->ids[l->n] = row->id;
    l->units[l->n] = row->unit_id;
    l->n++;
    return 0;
}

static int64_t make_unit(db_t *db, const char *code, const char *kind, int64_t parent)
{
    unit_input_t in = {code,
                       "Đơn vị thử nghiệm",
                       kind,
                       parent,
                       civil_date_from_ymd(2020, 1, 1),
                       CIVIL_DATE_INVALID};
    op_error_t err;
    int64_t id = 0;

    if (unit_op_create(db, &in, 0, 1, &id, &err) != 0)
        fail_msg("unit %s: %s", code, err.en);
    return id;
}

static listed_t list(db_t *db, int64_t root, int unitless, int64_t before, int limit)
{
    listed_t l = {0};

    assert_int_equal(audit_list(db, root, "2026-03-01", unitless, before, limit, collect, &l),
                     DB_OK);
    return l;
}

static void test_list_is_a_subtree_newest_first_in_pages(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    int64_t bo, na, na_kv1, ht, ht_kv1;
    char buf[32];
    listed_t l;

    /* BO ── NA ── NA-KV1
     *    └─ HT ── HT-KV1 */
    assert_int_equal(db_begin(db), DB_OK);
    bo = make_unit(db, "BO", "ministry", 0);
    na = make_unit(db, "NA", "provincial_agency", bo);
    na_kv1 = make_unit(db, "NA-KV1", "regional_office", na);
    ht = make_unit(db, "HT", "provincial_agency", bo);
    ht_kv1 = make_unit(db, "HT-KV1", "regional_office", ht);
    assert_int_equal(db_commit(db), DB_OK);

    /* rows 1..12 cycling through the units and "no unit" (a failed sign-in) */
    {
        const int64_t cycle[6] = {na, na_kv1, ht, 0, ht_kv1, bo};
        for (int i = 1; i <= 12; i++) {
            audit_entry_t e = entry(i, cycle[(i - 1) % 6], buf, sizeof buf);
            assert_int_equal(append_one(db, &e), i);
        }
    }

    /* NA sees NA and NA-KV1 rows: 1, 2, 7, 8 — newest first */
    l = list(db, na, 0, 0, 50);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.ids[0], 8);
    assert_int_equal(l.ids[1], 7);
    assert_int_equal(l.ids[2], 2);
    assert_int_equal(l.ids[3], 1);
    for (int i = 0; i < l.n; i++)
        assert_true(l.units[i] == na || l.units[i] == na_kv1);

    /* a leaf sees only its own */
    l = list(db, ht_kv1, 0, 0, 50);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.ids[0], 11);
    assert_int_equal(l.ids[1], 5);

    /* rows without a unit only when asked for */
    l = list(db, na, 1, 0, 50);
    assert_int_equal(l.n, 6);
    assert_int_equal(l.ids[0], 10);
    assert_int_equal(l.ids[1], 8);
    assert_int_equal(l.units[0], 0);

    /* the root sees everything; pages of 5 by `before` */
    l = list(db, bo, 1, 0, 5);
    assert_int_equal(l.n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(l.ids[i], 12 - i);
    l = list(db, bo, 1, l.ids[4], 5);
    assert_int_equal(l.n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(l.ids[i], 7 - i);
    l = list(db, bo, 1, l.ids[4], 5);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.ids[0], 2);
    assert_int_equal(l.ids[1], 1);
    l = list(db, bo, 1, 1, 5);
    assert_int_equal(l.n, 0);

    /* paging inside a subtree: HT's rows are 3, 5, 9, 11 */
    l = list(db, ht, 0, 9, 1);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.ids[0], 5);

    /* A district office closed in the 2025 reorganization (NA-KV1 took its files): its
     * rows stay in NA's trail and pass to NA-KV1's, though it has no parent today. */
    {
        int64_t cc1;
        op_error_t err;
        assert_int_equal(db_begin(db), DB_OK);
        cc1 = make_unit(db, "NA-CC1", "district_office", na);
        if (unit_op_close(db, cc1, civil_date_from_ymd(2025, 6, 30), na_kv1, 0, 1, &err) != 0)
            fail_msg("close: %s", err.en);
        assert_int_equal(db_commit(db), DB_OK);
        {
            audit_entry_t e = entry(13, cc1, buf, sizeof buf);
            assert_int_equal(append_one(db, &e), 13);
        }
        l = list(db, na, 0, 0, 1);
        assert_int_equal(l.ids[0], 13);
        l = list(db, na_kv1, 0, 0, 1);
        assert_int_equal(l.ids[0], 13);
        l = list(db, ht, 0, 0, 1);
        assert_int_equal(l.ids[0], 11);
    }
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_empty_log_verifies),
        TEST_BOTH(test_append_and_verify),
        TEST_BOTH(test_rolled_back_append_leaves_no_row_and_no_gap),
        TEST_BOTH(test_unwritable_entry_is_refused),
        TEST_BOTH(test_update_and_delete_are_refused),
        TEST_BOTH(test_changed_row_is_caught),
        TEST_BOTH(test_changed_outcome_is_caught),
        TEST_BOTH(test_consistently_rehashed_row_is_caught_at_the_next),
        TEST_BOTH(test_deleted_last_row_is_caught),
        TEST_BOTH(test_deleted_middle_row_is_caught),
        TEST_BOTH(test_row_slipped_in_is_caught),
        TEST_BOTH(test_concurrent_appends_keep_one_chain),
        TEST_BOTH(test_list_is_a_subtree_newest_first_in_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
