/*
 * tests/store/test_db.c — the store interface behaves the same on SQLite and
 * PostgreSQL: parameters, types, NULLs, transactions, constraint errors.
 */
#include "testdb.h"
#include "store/q.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void test_bad_urls_are_refused(void **state)
{
    static const char *const bad[] = {"", "mysql://localhost/x", "sqlite:", "file.db",
                                      "postgresql://host/db?no_such_option=1"};
    char err[256];
    db_t *db;
    (void)state;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(db_open(bad[i], &db, err, sizeof err), DB_CANTOPEN);
        assert_null(db);
        assert_true(strlen(err) > 0);
        assert_int_equal(db_url_check(bad[i], err, sizeof err), -1);
    }
    assert_int_equal(db_url_check("sqlite:var/x.db", err, sizeof err), 0);
    assert_int_equal(db_url_check("postgresql:///thads?host=/run/postgresql", err, sizeof err), 0);
}

static void test_unreachable_postgres_is_cantopen(void **state)
{
    char err[256];
    db_t *db;
    (void)state;

    assert_int_equal(
        db_open("postgresql:///x?host=/nonexistent-dir&connect_timeout=1", &db, err, sizeof err),
        DB_CANTOPEN);
    assert_non_null(strstr(err, "PostgreSQL"));
}

static void test_sqlite_settings(void **state)
{
    db_t *db = testdb_open("sqlite");
    db_stmt_t *st;
    int64_t v;
    (void)state;

    assert_int_equal(db_prepare(db, "PRAGMA journal_mode", &st), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), "wal");
    db_finalize(st);
    assert_int_equal(db_query_int64(db, "PRAGMA foreign_keys", &v), DB_ROW);
    assert_int_equal(v, 1);
    /* NORMAL: in WAL mode db_commit makes the commit durable itself, by an fsync of the
     * log shared with the writers committing meanwhile (store/writers.h) */
    assert_int_equal(db_query_int64(db, "PRAGMA synchronous", &v), DB_ROW);
    assert_int_equal(v, 1);
    assert_string_equal(db_engine_name(db), "sqlite");
    db_close(db);
}

static int64_t count_rows(db_t *db)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, "SELECT COUNT(*) FROM t", &n), DB_ROW);
    return n;
}

static void assert_journal_mode(db_t *db, const char *want)
{
    db_stmt_t *st;

    assert_int_equal(db_prepare(db, "PRAGMA journal_mode", &st), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), want);
    db_finalize(st);
}

/* A bulk load writes through a rollback journal when it has the database to itself
 * (written once, not through the WAL and again at the checkpoint), commits like any
 * transaction, and leaves WAL mode behind; with a reader connected it stays in WAL mode
 * and the reader keeps reading while the load is under way. */
static void test_sqlite_bulk_load(void **state)
{
    char url[1024], err[256];
    db_t *a, *b;
    (void)state;

    a = testdb_open("sqlite");
    snprintf(url, sizeof url, "%s", testdb_url_last());
    testdb_exec(a, "CREATE TABLE t (id BIGINT PRIMARY KEY)");
    assert_int_equal(db_bulk_begin(a, 64), DB_OK);
    assert_journal_mode(a, "truncate");
    assert_int_equal(db_begin(a), DB_OK);
    testdb_exec(a, "INSERT INTO t VALUES (1)");
    /* a connection opened meanwhile (the server starting, fsck) opens and reads */
    assert_int_equal(db_open(url, &b, err, sizeof err), DB_OK);
    assert_int_equal(count_rows(b), 0);
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(count_rows(b), 1);
    db_close(b);
    assert_int_equal(db_bulk_end(a), DB_OK);
    assert_journal_mode(a, "wal");
    assert_int_equal(count_rows(a), 1);

    assert_int_equal(db_open(url, &b, err, sizeof err), DB_OK);
    assert_int_equal(count_rows(b), 1);
    assert_int_equal(db_bulk_begin(a, 64), DB_OK);
    assert_journal_mode(a, "wal");
    assert_int_equal(db_begin(a), DB_OK);
    testdb_exec(a, "INSERT INTO t VALUES (2)");
    assert_int_equal(count_rows(b), 1);
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(count_rows(b), 2);
    assert_int_equal(db_bulk_end(a), DB_OK);
    assert_int_equal(db_bulk_begin(a, 0), DB_ERROR); /* a cache of nothing */
    db_close(b);
    db_close(a);
}

/* A bulk writer on PostgreSQL pipelines its inserts (store/pg.c): a read in the same
 * transaction sees them, the commit writes them; an insert that fails is DB_OK when
 * sent and fails the next statement that waits for an answer, and the rollback leaves
 * nothing of the transaction. */
static void test_pg_bulk_pipeline(void **state)
{
    db_t *a = testdb_open("postgres");
    int64_t n = -1;
    (void)state;

    testdb_exec(a, "CREATE TABLE t (id BIGINT PRIMARY KEY)");
    assert_int_equal(db_bulk_begin(a, 64), DB_OK);
    assert_int_equal(db_begin(a), DB_OK);
    for (int64_t i = 1; i <= 2500; i++) /* more than one pipeline's worth */
        assert_int_equal(q_exec(a, "INSERT INTO t (id) VALUES ($1)", "i", i), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT COUNT(*) FROM t", &n), DB_ROW);
    assert_int_equal(n, 2500);
    /* an update whose count nobody reads is pipelined too; one whose count is read waits */
    assert_int_equal(q_exec(a, "UPDATE t SET id = id + 10000 WHERE id > $1", "i", (int64_t)2490),
                     DB_OK);
    assert_int_equal(q_exec_n(a, &n, "UPDATE t SET id = id WHERE id > $1", "i", (int64_t)10000),
                     DB_OK);
    assert_int_equal(n, 10);
    assert_int_equal(db_commit(a), DB_OK);

    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(q_exec(a, "INSERT INTO t (id) VALUES ($1)", "i", (int64_t)3000), DB_OK);
    assert_int_equal(q_exec(a, "INSERT INTO t (id) VALUES ($1)", "i", (int64_t)1), DB_OK);
    assert_int_equal(q_exec(a, "INSERT INTO t (id) VALUES ($1)", "i", (int64_t)3001), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT COUNT(*) FROM t", &n), DB_CONSTRAINT);
    assert_string_equal(db_sqlstate(a), "23505");
    assert_int_equal(db_rollback(a), DB_OK);
    assert_int_equal(db_bulk_end(a), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT COUNT(*) FROM t", &n), DB_ROW);
    assert_int_equal(n, 2500);
    db_close(a);
}

static void test_values_round_trip(void **state)
{
    const char *engine = *state;
    db_t *db = testdb_open(engine);
    db_stmt_t *st;
    const char *vi = "Nguyễn Văn Đức — 1.234.567 đ";
    int64_t values[] = {INT64_MIN, -1, 0, 1, INT64_MAX};

    testdb_exec(db, "CREATE TABLE t (n BIGINT, s TEXT, z TEXT)");
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(db_prepare(db, "INSERT INTO t (n, s, z) VALUES ($1, $2, $3)", &st), DB_OK);
        assert_int_equal(db_bind_int64(st, 1, values[i]), DB_OK);
        assert_int_equal(db_bind_text(st, 2, vi), DB_OK);
        assert_int_equal(db_bind_null(st, 3), DB_OK);
        assert_int_equal(db_step(st), DB_DONE);
        assert_int_equal(db_changes(st), 1);
        db_finalize(st);
    }
    assert_int_equal(db_prepare(db, "SELECT n, s, z FROM t ORDER BY n", &st), DB_OK);
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_column_count(st), 3);
        assert_true(db_column_int64(st, 0) == values[i]);
        assert_string_equal(db_column_text(st, 1), vi);
        assert_true(db_column_is_null(st, 2));
        assert_null(db_column_text(st, 2));
        assert_false(db_column_is_null(st, 0));
        /* q_text: a NULL is "", a text is cut to the buffer, which always ends */
        {
            char whole[64], cut[7] = "xxxxxx", none[4] = "abc";
            size_t n = strlen(vi);
            q_text(st, 1, whole, sizeof whole);
            assert_string_equal(whole, vi);
            q_text(st, 1, cut, sizeof cut);
            assert_int_equal(strlen(cut), 6);
            assert_memory_equal(cut, vi, 6);
            q_text(st, 2, none, sizeof none);
            assert_string_equal(none, "");
            assert_true(n < sizeof whole);
        }
    }
    assert_int_equal(db_step(st), DB_DONE);
    db_finalize(st);
    db_close(db);
}

/* $N may appear in any order and more than once; both engines bind by number. */
static void test_parameters_by_number(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *st;

    assert_int_equal(
        db_prepare(db, "SELECT CAST($2 AS TEXT), CAST($1 AS BIGINT) + CAST($1 AS BIGINT)", &st),
        DB_OK);
    db_bind_int64(st, 1, 21);
    db_bind_text(st, 2, "hai");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), "hai");
    assert_int_equal(db_column_int64(st, 1), 42);
    /* reset and run again with new values */
    assert_int_equal(db_reset(st), DB_OK);
    db_bind_int64(st, 1, -5);
    db_bind_text(st, 2, "ba");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_column_text(st, 0), "ba");
    assert_int_equal(db_column_int64(st, 1), -10);
    db_finalize(st);
    db_close(db);
}

static void test_user_text_is_never_sql(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *st;
    int64_t n;
    const char *evil = "x'); DROP TABLE t; --";

    testdb_exec(db, "CREATE TABLE t (s TEXT)");
    assert_int_equal(db_prepare(db, "INSERT INTO t (s) VALUES ($1)", &st), DB_OK);
    db_bind_text(st, 1, evil);
    assert_int_equal(db_step(st), DB_DONE);
    db_finalize(st);
    assert_int_equal(db_prepare(db, "SELECT COUNT(*) FROM t WHERE s = $1", &st), DB_OK);
    db_bind_text(st, 1, evil);
    assert_int_equal(db_step(st), DB_ROW);
    n = db_column_int64(st, 0);
    db_finalize(st);
    assert_int_equal(n, 1);
    db_close(db);
}

static void test_transactions(void **state)
{
    db_t *db = testdb_open(*state);

    testdb_exec(db, "CREATE TABLE t (id BIGINT PRIMARY KEY)");
    assert_int_equal(db_begin(db), DB_OK);
    assert_true(db_in_transaction(db));
    testdb_exec(db, "INSERT INTO t VALUES (1)");
    assert_int_equal(db_rollback(db), DB_OK);
    assert_false(db_in_transaction(db));
    assert_int_equal(count_rows(db), 0);

    assert_int_equal(db_begin(db), DB_OK);
    testdb_exec(db, "INSERT INTO t VALUES (1)");
    testdb_exec(db, "INSERT INTO t VALUES (2)");
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(count_rows(db), 2);
    db_close(db);
}

static void test_closing_inside_transaction_rolls_back(void **state)
{
    const char *url = testdb_url(*state);
    char err[256], keep[1024];
    db_t *db, *db2;

    snprintf(keep, sizeof keep, "%s", url);
    assert_int_equal(db_open(keep, &db, err, sizeof err), DB_OK);
    testdb_exec(db, "CREATE TABLE t (id BIGINT PRIMARY KEY)");
    assert_int_equal(db_begin(db), DB_OK);
    testdb_exec(db, "INSERT INTO t VALUES (1)");
    db_close(db);
    assert_int_equal(db_open(keep, &db2, err, sizeof err), DB_OK);
    assert_int_equal(count_rows(db2), 0);
    db_close(db2);
}

static void test_constraint_errors(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *st;

    testdb_exec(db, "CREATE TABLE parent (id BIGINT PRIMARY KEY)");
    testdb_exec(db, "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL "
                    "REFERENCES parent(id), amount BIGINT CHECK (amount >= 0))");
    testdb_exec(db, "INSERT INTO parent VALUES (1)");

    assert_int_equal(db_exec_script(db, "INSERT INTO parent VALUES (1)"), DB_CONSTRAINT);
    assert_string_equal(db_sqlstate(db), "23505");
    assert_true(strlen(db_errmsg(db)) > 0);
    /* a caller rolls back first and reports after: the reason survives the rollback */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(db_exec_script(db, "INSERT INTO parent VALUES (1)"), DB_CONSTRAINT);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_string_equal(db_sqlstate(db), "23505");
    assert_true(strlen(db_errmsg(db)) > 0);

    assert_int_equal(db_prepare(db, "INSERT INTO child VALUES ($1, $2, $3)", &st), DB_OK);
    db_bind_int64(st, 1, 1);
    db_bind_int64(st, 2, 99);
    db_bind_int64(st, 3, 5);
    assert_int_equal(db_step(st), DB_CONSTRAINT);
    assert_string_equal(db_sqlstate(db), "23503");
    db_reset(st);
    db_bind_int64(st, 1, 1);
    db_bind_int64(st, 2, 1);
    db_bind_int64(st, 3, -5);
    assert_int_equal(db_step(st), DB_CONSTRAINT);
    assert_string_equal(db_sqlstate(db), "23514");
    db_reset(st);
    db_bind_int64(st, 1, 1);
    db_bind_null(st, 2);
    db_bind_int64(st, 3, 5);
    assert_int_equal(db_step(st), DB_CONSTRAINT);
    assert_string_equal(db_sqlstate(db), "23502");
    db_finalize(st);

    /* a later success clears the error */
    testdb_exec(db, "INSERT INTO child VALUES (2, 1, 0)");
    assert_string_equal(db_sqlstate(db), "00000");
    assert_string_equal(db_errmsg(db), "");
    db_close(db);
}

static void test_syntax_error_is_reported(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *st = NULL;
    int rc;

    /* PostgreSQL reports at execution, SQLite at preparation: both are DB_ERROR. */
    rc = db_prepare(db, "SELEC 1", &st);
    if (rc == DB_OK) {
        rc = db_step(st);
        db_finalize(st);
    } else {
        assert_null(st);
    }
    assert_int_equal(rc, DB_ERROR);
    assert_true(strlen(db_errmsg(db)) > 0);
    assert_string_not_equal(db_sqlstate(db), "00000");
    db_close(db);
}

static void test_missing_parameter_is_an_error(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *st;

    assert_int_equal(db_prepare(db, "SELECT CAST($1 AS BIGINT)", &st), DB_OK);
    assert_int_equal(db_bind_int64(st, 0, 1), DB_ERROR);
    assert_int_equal(db_bind_int64(st, DB_MAX_PARAMS + 1, 1), DB_ERROR);
    db_finalize(st);
    /* a type letter the q_ functions do not know is an error with a reason */
    assert_int_equal(q_exec(db, "SELECT CAST($1 AS BIGINT)", "x", (int64_t)1), DB_ERROR);
    assert_non_null(strstr(db_errmsg(db), "no type 'x'"));
    db_close(db);
}

/* What one connection commits, another sees; what it has not, another does not. */
static void test_isolation_between_connections(void **state)
{
    const char *url = testdb_url(*state);
    char keep[1024], err[256];
    db_t *a, *b;

    snprintf(keep, sizeof keep, "%s", url);
    assert_int_equal(db_open(keep, &a, err, sizeof err), DB_OK);
    assert_int_equal(db_open(keep, &b, err, sizeof err), DB_OK);
    testdb_exec(a, "CREATE TABLE t (id BIGINT PRIMARY KEY)");
    assert_int_equal(db_begin(a), DB_OK);
    testdb_exec(a, "INSERT INTO t VALUES (1)");
    assert_int_equal(count_rows(b), 0);
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(count_rows(b), 1);
    db_close(a);
    db_close(b);
}

static void test_ping(void **state)
{
    db_t *db = testdb_open(*state);
    assert_int_equal(db_ping(db), DB_OK);
    assert_string_equal(db_engine_name(db), *state);
    db_close(db);
}

/* db_prepare_cached: one statement per text and connection, handed back reset and
 * unbound; a second user of a text in use gets its own; a buffer that now holds another
 * text never runs the old one; and the statements survive a rollback (on PostgreSQL they
 * are named server-side statements). */
static void test_statement_cache(void **state)
{
    static const char sql[] = "SELECT CAST($1 AS BIGINT) + 1";
    db_t *db = testdb_open(*state);
    db_stmt_t *a, *b, *c;
    char buf[64];
    int64_t v;

    assert_int_equal(db_prepare_cached(db, sql, &a), DB_OK);
    assert_int_equal(db_bind_int64(a, 1, 41), DB_OK);
    assert_int_equal(db_step(a), DB_ROW);
    assert_int_equal(db_column_int64(a, 0), 42);
    /* In use: the same text gets a statement of its own. */
    assert_int_equal(db_prepare_cached(db, sql, &b), DB_OK);
    assert_ptr_not_equal(a, b);
    assert_int_equal(db_bind_int64(b, 1, 1), DB_OK);
    assert_int_equal(db_step(b), DB_ROW);
    assert_int_equal(db_column_int64(b, 0), 2);
    db_finalize(b);
    db_finalize(a); /* back to the cache, mid-result */
    /* Given back: the same statement again, reset and without bindings. */
    assert_int_equal(db_prepare_cached(db, sql, &c), DB_OK);
    assert_ptr_equal(a, c);
    assert_int_equal(db_bind_int64(c, 1, 99), DB_OK);
    assert_int_equal(db_step(c), DB_ROW);
    assert_int_equal(db_column_int64(c, 0), 100);
    assert_int_equal(db_step(c), DB_DONE);
    db_finalize(c);

    /* A buffer reused for another text runs that text. */
    snprintf(buf, sizeof buf, "SELECT 7");
    assert_int_equal(db_prepare_cached(db, buf, &a), DB_OK);
    assert_int_equal(db_step(a), DB_ROW);
    assert_int_equal(db_column_int64(a, 0), 7);
    db_finalize(a);
    snprintf(buf, sizeof buf, "SELECT 8");
    assert_int_equal(db_prepare_cached(db, buf, &a), DB_OK);
    assert_int_equal(db_step(a), DB_ROW);
    assert_int_equal(db_column_int64(a, 0), 8);
    db_finalize(a);

    /* A failed statement is not cached; a rollback keeps the cached ones. */
    assert_int_equal(db_prepare_cached(db, "SELEC 1", &a), DB_ERROR);
    assert_null(a);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(db_prepare_cached(db, sql, &a), DB_OK);
    assert_int_equal(db_bind_int64(a, 1, 1), DB_OK);
    assert_int_equal(db_step(a), DB_ROW);
    db_finalize(a);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(db_prepare_cached(db, sql, &a), DB_OK);
    assert_int_equal(db_bind_int64(a, 1, 5), DB_OK);
    assert_int_equal(db_step(a), DB_ROW);
    v = db_column_int64(a, 0);
    db_finalize(a);
    assert_int_equal(v, 6);
    db_close(db);
}

/* The text of a query's first column. */
static void first_text(db_t *db, const char *sql, char *buf, size_t len)
{
    db_stmt_t *st;

    buf[0] = '\0';
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    if (db_step(st) == DB_ROW && db_column_text(st, 0) != NULL)
        snprintf(buf, len, "%s", db_column_text(st, 0));
    db_finalize(st);
}

/* A PostgreSQL connection the server dropped is opened again on the next statement with
 * our session settings, not the database's defaults: dates still read as ISO. */
static void test_pg_reconnect_keeps_settings(void **state)
{
    static const char dmy[] = "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET DateStyle = "
                              "''SQL, DMY''', current_database()); END $$";
    static const char reset[] = "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET DateStyle', "
                                "current_database()); END $$";
    db_t *db = testdb_open(*state), *admin = testdb_open(*state);
    db_stmt_t *st;
    char buf[64];

    testdb_exec(admin, dmy);
    assert_int_equal(db_prepare(db, "SELECT pg_terminate_backend(pg_backend_pid())", &st), DB_OK);
    assert_int_not_equal(db_step(st), DB_ROW); /* the server hangs up */
    db_finalize(st);
    first_text(db, "SELECT CAST('2025-12-25' AS DATE)", buf, sizeof buf);
    testdb_exec(admin, reset);
    assert_string_equal(buf, "2025-12-25");
    db_close(db);
    db_close(admin);
}

/* Outside a bulk load a row is numbered at its insert; a bulk writer on PostgreSQL takes
 * the ids ahead, a block at a time, and each row goes in under the id it was told. */
static void test_ids_taken_ahead(void **state)
{
    db_t *a = testdb_open(*state);
    int pg = strcmp(*state, "postgres") == 0;
    int64_t id = 0, prev = 0, n = -1;
    char v[16];

    testdb_exec(a, pg ? "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                        "v TEXT NOT NULL)"
                      : "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    assert_int_equal(db_take_id(a, "t", &id), DB_DONE);
    assert_int_equal(q_insert_id_ahead(a, &id, "t", "v", "$1", "$2", "s", "first"), DB_OK);
    assert_int_equal(id, 1);

    assert_int_equal(db_bulk_begin(a, 64), DB_OK);
    assert_int_equal(db_begin(a), DB_OK);
    prev = id;
    for (int i = 0; i < 1200; i++) { /* more than two blocks */
        snprintf(v, sizeof v, "row %d", i);
        assert_int_equal(q_insert_id_ahead(a, &id, "t", "v", "$1", "$2", "s", v), DB_OK);
        assert_true(id > prev);
        prev = id;
    }
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(db_bulk_end(a), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT COUNT(*) FROM t", &n), DB_ROW);
    assert_int_equal(n, 1201);
    first_text(a, "SELECT v FROM t ORDER BY id DESC LIMIT 1", v, sizeof v);
    assert_string_equal(v, "row 1199");
    assert_int_equal(db_query_int64(a, "SELECT MAX(id) FROM t", &n), DB_ROW);
    assert_int_equal(n, prev);
    /* the ids of the block left unused are gaps: the next row comes after them */
    assert_int_equal(q_insert_id_ahead(a, &id, "t", "v", "$1", "$2", "s", "after"), DB_OK);
    assert_true(id > prev);
    db_close(a);
}

/* A bulk writer's appends (q_append): on PostgreSQL the rows wait for one COPY, sent
 * before a statement naming their table and at the commit, with their text exactly as
 * given (tabs, newlines, backslashes, NULL); a bad row fails the commit, and a rollback
 * drops what waits. SQLite inserts each at once. */
static void test_appends_wait_for_copy(void **state)
{
    db_t *a = testdb_open(*state);
    int pg = strcmp(*state, "postgres") == 0;
    static const char *const texts[] = {"tab\there", "back\\slash \\N", "new\nline\r", NULL,
                                        "Nguyễn Văn Ánh"};
    int64_t n = -1;
    char buf[64];

    testdb_exec(a, "CREATE TABLE parent (id BIGINT PRIMARY KEY)");
    testdb_exec(a, "CREATE TABLE child (id BIGINT PRIMARY KEY, parent_id BIGINT NOT NULL "
                   "REFERENCES parent (id), v TEXT)");
    assert_int_equal(db_bulk_begin(a, 64), DB_OK);
    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(q_exec(a, "INSERT INTO parent (id) VALUES ($1)", "i", (int64_t)1), DB_OK);
    for (int64_t i = 0; i < 5; i++)
        assert_int_equal(q_append(a, "child", "id, parent_id, v", "$1, $2, $3", "iis", i + 1,
                                  (int64_t)1, texts[i]),
                         DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT COUNT(*) FROM child", &n), DB_ROW);
    assert_int_equal(n, 5);
    for (int64_t i = 5; i < 3000; i++) /* past the first COPY */
        assert_int_equal(
            q_append(a, "child", "id, parent_id, v", "$1, $2, $3", "iis", i + 1, (int64_t)1, "x"),
            DB_OK);
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT COUNT(*) FROM child", &n), DB_ROW);
    assert_int_equal(n, 3000);
    for (int i = 0; i < 5; i++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT COALESCE(v, '(null)') FROM child WHERE id = %d", i + 1);
        first_text(a, sql, buf, sizeof buf);
        assert_string_equal(buf, texts[i] ? texts[i] : "(null)");
    }

    /* a row the table refuses: at once on SQLite, at the commit on PostgreSQL */
    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(q_append(a, "child", "id, parent_id, v", "$1, $2, $3", "iis", (int64_t)9000,
                              (int64_t)1, "ok"),
                     DB_OK);
    assert_int_equal(q_append(a, "child", "id, parent_id, v", "$1, $2, $3", "iis", (int64_t)1,
                              (int64_t)1, "again"),
                     pg ? DB_OK : DB_CONSTRAINT);
    if (pg)
        assert_int_equal(db_commit(a), DB_CONSTRAINT);
    else
        assert_int_equal(db_rollback(a), DB_OK);
    /* what waits when the transaction rolls back is dropped */
    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(q_append(a, "child", "id, parent_id, v", "$1, $2, $3", "iis", (int64_t)9001,
                              (int64_t)1, "dropped"),
                     DB_OK);
    assert_int_equal(db_rollback(a), DB_OK);
    assert_int_equal(db_bulk_end(a), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT COUNT(*) FROM child", &n), DB_ROW);
    assert_int_equal(n, 3000);
    db_close(a);
}

/* Run a cached text once: on PostgreSQL its first use prepares it on the server, which
 * reads the answers of what was sent before; the tests below want them all in flight. */
static void warm(db_t *db, const char *sql, int64_t v)
{
    db_stmt_t *st;

    assert_int_equal(q_open(db, &st, sql, "i", v), DB_OK);
    assert_true(db_step(st) >= 0 || v == INT64_MIN);
    db_finalize(st);
}

#define SENT_READ   "SELECT v FROM t WHERE id >= $1 ORDER BY id"
#define SENT_FAILS  "SELECT abs(CAST($1 AS BIGINT))"
#define SENT_SECOND "SELECT 7 + CAST($1 AS BIGINT)"
/* counts to $1: seconds for a hundred million on either engine */
#define SENT_SLOW                                                                                  \
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) "                \
    "SELECT COUNT(*) FROM n"

/* Reads sent ahead (db_send) each get their own answer, whatever order they are stepped
 * in, and a statement left unstepped does not hold up the others or the connection. */
static void test_reads_sent_ahead(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *st[4];
    int64_t n = -1;

    testdb_exec(db, "CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL)");
    testdb_exec(db, "INSERT INTO t VALUES (1, 'một'), (2, 'hai'), (3, 'ba')");
    warm(db, SENT_READ, 1);
    for (int i = 0; i < 3; i++) {
        /* the same text three times: the cache gives the later ones statements of their own */
        assert_int_equal(q_open(db, &st[i], SENT_READ, "i", (int64_t)(i + 1)), DB_OK);
        assert_int_equal(db_send(st[i]), DB_OK);
    }
    /* a statement of its own, not sent, between them: the answers wait for it */
    assert_int_equal(db_prepare(db, "SELECT COUNT(*) FROM t WHERE id < $1", &st[3]), DB_OK);
    db_bind_int64(st[3], 1, 3);
    assert_int_equal(db_step(st[3]), DB_ROW);
    assert_int_equal(db_column_int64(st[3], 0), 2);
    db_finalize(st[3]);
    /* the last sent first: its rows, then the first's, all three of them */
    assert_int_equal(db_step(st[2]), DB_ROW);
    assert_string_equal(db_column_text(st[2], 0), "ba");
    assert_int_equal(db_step(st[2]), DB_DONE);
    const char *want[] = {"một", "hai", "ba"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(db_step(st[0]), DB_ROW);
        assert_string_equal(db_column_text(st[0], 0), want[i]);
    }
    assert_int_equal(db_step(st[0]), DB_DONE);
    db_finalize(st[0]);
    db_finalize(st[1]); /* never stepped */
    db_finalize(st[2]);

    /* sent and given back unread, then the same text again: a fresh answer */
    assert_int_equal(q_open(db, &st[0], SENT_READ, "i", (int64_t)3), DB_OK);
    assert_int_equal(db_send(st[0]), DB_OK);
    db_finalize(st[0]);
    assert_int_equal(db_query_int64(db, "SELECT COUNT(*) FROM t", &n), DB_ROW);
    assert_int_equal(n, 3);
    db_close(db);
}

/* A read sent ahead that fails reports its own error at its step; on PostgreSQL the
 * reads sent after it were not run and say so; the connection serves the next statement. */
static void test_failed_read_sent_ahead(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *bad, *after;
    int64_t n = -1;
    int pg = db_engine(db) == DB_ENGINE_POSTGRES;

    warm(db, SENT_FAILS, INT64_MIN);
    warm(db, SENT_SECOND, 0);
    assert_int_equal(q_open(db, &bad, SENT_FAILS, "i", INT64_MIN), DB_OK);
    assert_int_equal(db_send(bad), DB_OK);
    assert_int_equal(q_open(db, &after, SENT_SECOND, "i", (int64_t)1), DB_OK);
    assert_int_equal(db_send(after), DB_OK);
    assert_true(db_step(bad) < 0);
    assert_true(strlen(db_errmsg(db)) > 0);
    if (pg) {
        assert_true(db_step(after) < 0);
        assert_non_null(strstr(db_errmsg(db), "not run"));
    } else {
        assert_int_equal(db_step(after), DB_ROW);
        assert_int_equal(db_column_int64(after, 0), 8);
    }
    db_finalize(bad);
    db_finalize(after);
    assert_int_equal(db_query_int64(db, "SELECT 41 + 1", &n), DB_ROW);
    assert_int_equal(n, 42);
    db_close(db);
}

/* A deadline that passes while reads sent ahead are running stops them: the running one
 * answers 57014 (interrupted), the rest fail too, and the connection serves the next
 * statement once the deadline is cleared. */
static void test_deadline_stops_reads_sent_ahead(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *slow, *after;
    struct timespec t;
    int64_t n = -1;

    warm(db, SENT_SLOW, 1);
    warm(db, SENT_SECOND, 0);
    clock_gettime(CLOCK_MONOTONIC, &t);
    db_set_deadline(db, (int64_t)t.tv_sec * 1000000000 + t.tv_nsec + 100 * 1000000, NULL, NULL);
    assert_int_equal(q_open(db, &slow, SENT_SLOW, "i", (int64_t)100000000), DB_OK);
    assert_int_equal(db_send(slow), DB_OK);
    assert_int_equal(q_open(db, &after, SENT_SECOND, "i", (int64_t)1), DB_OK);
    assert_int_equal(db_send(after), DB_OK);
    assert_int_equal(db_step(slow), DB_INTERRUPTED);
    assert_string_equal(db_sqlstate(db), "57014");
    assert_true(db_step(after) < 0);
    db_finalize(slow);
    db_finalize(after);
    assert_int_equal(db_interrupted(db), DB_STOPPED_DEADLINE);
    db_set_deadline(db, 0, NULL, NULL);
    assert_int_equal(db_query_int64(db, "SELECT 41 + 1", &n), DB_ROW);
    assert_int_equal(n, 42);
    db_close(db);
}

/* The server hangs up while reads sent ahead wait for their answers: each fails at its
 * step, nothing waits forever, and the next statement finds the server again. */
static void test_pg_hang_up_during_reads_sent_ahead(void **state)
{
    db_t *db = testdb_open(*state);
    db_stmt_t *bye, *after;
    int64_t n = -1;

    assert_int_equal(db_prepare(db, "SELECT pg_terminate_backend(pg_backend_pid())", &bye), DB_OK);
    assert_int_equal(db_send(bye), DB_OK);
    assert_int_equal(db_prepare(db, "SELECT 7", &after), DB_OK);
    assert_int_equal(db_send(after), DB_OK);
    assert_true(db_step(after) < 0); /* the later one first: both answers are lost */
    assert_true(db_step(bye) < 0);
    db_finalize(bye);
    db_finalize(after);
    assert_int_equal(db_query_int64(db, "SELECT 41 + 1", &n), DB_ROW);
    assert_int_equal(n, 42);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_urls_are_refused),
        cmocka_unit_test(test_unreachable_postgres_is_cantopen),
        cmocka_unit_test(test_sqlite_settings),
        cmocka_unit_test(test_sqlite_bulk_load),
        cmocka_unit_test(test_pg_bulk_pipeline),
        TEST_BOTH(test_ids_taken_ahead),
        TEST_BOTH(test_appends_wait_for_copy),
        TEST_BOTH(test_values_round_trip),
        TEST_BOTH(test_parameters_by_number),
        TEST_BOTH(test_user_text_is_never_sql),
        TEST_BOTH(test_transactions),
        TEST_BOTH(test_closing_inside_transaction_rolls_back),
        TEST_BOTH(test_constraint_errors),
        TEST_BOTH(test_syntax_error_is_reported),
        TEST_BOTH(test_missing_parameter_is_an_error),
        TEST_BOTH(test_isolation_between_connections),
        TEST_BOTH(test_ping),
        TEST_BOTH(test_statement_cache),
        TEST_BOTH(test_reads_sent_ahead),
        TEST_BOTH(test_failed_read_sent_ahead),
        TEST_BOTH(test_deadline_stops_reads_sent_ahead),
        cmocka_unit_test_prestate(test_pg_reconnect_keeps_settings, (void *)"postgres"),
        cmocka_unit_test_prestate(test_pg_hang_up_during_reads_sent_ahead, (void *)"postgres"),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
