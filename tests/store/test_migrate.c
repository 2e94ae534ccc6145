/*
 * tests/store/test_migrate.c — the migration runner on both engines: order,
 * idempotence, engine-specific files, the @id_pk@ token, all-or-nothing failure,
 * refusing a schema newer than the program.
 */
#include "testdb.h"
#include "embed.h"
#include "store/migrate.h"

#include <stdio.h>
#include <string.h>

#define F(name, sql)                                                                               \
    {                                                                                              \
        name, (const unsigned char *)(sql), sizeof(sql) - 1                                        \
    }
#define END                                                                                        \
    {                                                                                              \
        NULL, NULL, 0                                                                              \
    }

static int64_t version_of(db_t *db)
{
    int64_t v = -1;
    assert_int_equal(migrate_current_version(db, &v), DB_OK);
    return v;
}

static int table_exists(db_t *db, const char *table)
{
    db_stmt_t *st;
    char sql[128];
    int rc;

    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    rc = db_prepare(db, sql, &st);
    if (rc == DB_OK) {
        rc = db_step(st);
        db_finalize(st);
    }
    return rc == DB_ROW;
}

/* Asking the version writes nothing: a database never migrated is version 0 and stays
 * empty (/healthz asks on every probe, also of read-only databases). */
static void test_version_is_read_only(void **state)
{
    db_t *db = testdb_open(*state);

    assert_int_equal(version_of(db), 0);
    assert_false(table_exists(db, "schema_migrations"));
    db_close(db);

    db = testdb_open_migrated(*state);
    testdb_exec(db, db_engine(db) == DB_ENGINE_SQLITE ? "PRAGMA query_only = ON"
                                                      : "SET default_transaction_read_only = on");
    assert_true(version_of(db) > 0);
    db_close(db);
}

static void test_applies_in_order_once(void **state)
{
    static const embedded_file_t files[] = {
        F("0001_a.sql", "CREATE TABLE a (x BIGINT);"),
        F("0002_b.sql", "CREATE TABLE b (y BIGINT REFERENCES a_pk(id));"
                        "INSERT INTO b VALUES (NULL);"),
        END,
    };
    static const embedded_file_t fixed[] = {
        F("0001_a.sql", "CREATE TABLE a (x BIGINT);"),
        F("0002_b.sql", "CREATE TABLE b (y BIGINT);"),
        F("0003_c.sql", "CREATE TABLE c (z BIGINT);"),
        END,
    };
    db_t *db = testdb_open(*state);
    int applied = -1;

    assert_int_equal(version_of(db), 0);
    /* 0002 refers to a missing table: 0001 stays applied, 0002 leaves nothing behind */
    assert_int_not_equal(migrate_apply(db, files, NULL, NULL, &applied), DB_OK);
    assert_non_null(strstr(db_errmsg(db), "0002_b.sql"));
    assert_int_equal(version_of(db), 1);
    assert_true(table_exists(db, "a"));
    assert_false(table_exists(db, "b"));

    assert_int_equal(migrate_apply(db, fixed, NULL, NULL, &applied), DB_OK);
    assert_int_equal(applied, 2);
    assert_int_equal(version_of(db), 3);
    assert_true(table_exists(db, "c"));
    assert_int_equal(migrate_apply(db, fixed, NULL, NULL, &applied), DB_OK);
    assert_int_equal(applied, 0);
    db_close(db);
}

static void test_failed_migration_leaves_nothing(void **state)
{
    static const embedded_file_t files[] = {
        F("0001_ok.sql", "CREATE TABLE ok (x BIGINT);"),
        F("0002_half.sql", "CREATE TABLE half (x BIGINT); INSERT INTO half VALUES (1);"
                           "THIS IS NOT SQL;"),
        END,
    };
    db_t *db = testdb_open(*state);

    assert_int_not_equal(migrate_apply(db, files, NULL, NULL, NULL), DB_OK);
    assert_int_equal(version_of(db), 1);
    assert_false(table_exists(db, "half"));
    assert_false(db_in_transaction(db));
    db_close(db);
}

static void test_id_pk_token_numbers_rows(void **state)
{
    static const embedded_file_t files[] = {
        F("0001_t.sql", "CREATE TABLE t (id @id_pk@, name TEXT NOT NULL);"),
        END,
    };
    db_t *db = testdb_open(*state);
    db_stmt_t *st;

    assert_int_equal(migrate_apply(db, files, NULL, NULL, NULL), DB_OK);
    for (int64_t want = 1; want <= 3; want++) {
        assert_int_equal(db_prepare(db, "INSERT INTO t (name) VALUES ($1) RETURNING id", &st),
                         DB_OK);
        db_bind_text(st, 1, "Trại giam số 3");
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_column_int64(st, 0), want);
        db_finalize(st);
    }
    db_close(db);
}

static void progress_count(int64_t version, const char *name, void *arg)
{
    (void)version;
    (void)name;
    (*(int *)arg)++;
}

static void test_engine_specific_files(void **state)
{
    static const embedded_file_t files[] = {
        F("0001_base.sql", "CREATE TABLE base (x BIGINT);"),
        F("0002_search.pg.sql", "CREATE TABLE only_pg (x BIGINT);"),
        F("0002_search.sqlite.sql", "CREATE TABLE only_sqlite (x BIGINT);"),
        END,
    };
    const char *engine = *state;
    db_t *db = testdb_open(engine);
    int calls = 0;

    assert_int_equal(migrate_apply(db, files, progress_count, &calls, NULL), DB_OK);
    assert_int_equal(calls, 2);
    assert_int_equal(version_of(db), 2);
    assert_int_equal(table_exists(db, "only_pg"), strcmp(engine, "postgres") == 0);
    assert_int_equal(table_exists(db, "only_sqlite"), strcmp(engine, "sqlite") == 0);
    db_close(db);
}

static void test_malformed_sets_are_refused(void **state)
{
    static const embedded_file_t bad_name[] = {F("1_a.sql", "SELECT 1;"), END};
    static const embedded_file_t bad_engine[] = {F("0001_a.mysql.sql", "SELECT 1;"), END};
    static const embedded_file_t lonely[] = {F("0001_a.pg.sql", "SELECT 1;"), END};
    static const embedded_file_t twice[] = {F("0001_a.sql", "SELECT 1;"),
                                            F("0001_b.sql", "SELECT 1;"), END};
    static const embedded_file_t mixed[] = {F("0001_a.pg.sql", "SELECT 1;"),
                                            F("0001_a.sql", "SELECT 1;"),
                                            F("0001_a.sqlite.sql", "SELECT 1;"), END};
    const embedded_file_t *sets[] = {bad_name, bad_engine, lonely, twice, mixed};
    db_t *db = testdb_open(*state);

    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        assert_int_equal(migrate_apply(db, sets[i], NULL, NULL, NULL), DB_ERROR);
        assert_true(strlen(db_errmsg(db)) > 0);
        assert_int_equal(version_of(db), 0);
    }
    assert_int_equal(migrate_latest_version(bad_name), -1);
    db_close(db);
}

static void test_newer_schema_is_refused(void **state)
{
    static const embedded_file_t newer[] = {F("0001_a.sql", "CREATE TABLE a (x BIGINT);"),
                                            F("0002_b.sql", "CREATE TABLE b (x BIGINT);"), END};
    static const embedded_file_t older[] = {F("0001_a.sql", "CREATE TABLE a (x BIGINT);"), END};
    db_t *db = testdb_open(*state);

    assert_int_equal(migrate_apply(db, newer, NULL, NULL, NULL), DB_OK);
    assert_int_equal(migrate_apply(db, older, NULL, NULL, NULL), DB_ERROR);
    assert_non_null(strstr(db_errmsg(db), "newer"));
    db_close(db);
}

static void test_shipped_migrations_apply(void **state)
{
    db_t *db = testdb_open(*state);
    int applied = 0;

    assert_int_equal(migrate_apply(db, embedded_migrations, NULL, NULL, &applied), DB_OK);
    assert_true(applied >= 1);
    assert_int_equal(version_of(db), migrate_latest_version(embedded_migrations));
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_version_is_read_only),
        TEST_BOTH(test_applies_in_order_once),
        TEST_BOTH(test_failed_migration_leaves_nothing),
        TEST_BOTH(test_id_pk_token_numbers_rows),
        TEST_BOTH(test_engine_specific_files),
        TEST_BOTH(test_malformed_sets_are_refused),
        TEST_BOTH(test_newer_schema_is_refused),
        TEST_BOTH(test_shipped_migrations_apply),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
