/*
 * tests/store/test_migrate.c — the migration runner on both engines: order,
 * idempotence, engine-specific files, the @id_pk@ token, all-or-nothing failure,
 * refusing a schema newer than the program.
 */
#include "testdb.h"
#include "embed.h"
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Migrations rebuilding a table that others refer to (new table, copy, drop, rename — the
 * SQLite way, https://www.sqlite.org/lang_altertable.html) apply, the references kept;
 * one that leaves a row referring to nothing is refused and leaves nothing. */
static void test_references_checked_at_commit(void **state)
{
    static const embedded_file_t files[] = {
        F("0001_p.sql", "CREATE TABLE p (id BIGINT PRIMARY KEY, name TEXT NOT NULL);"
                        "CREATE TABLE c (p_id BIGINT NOT NULL REFERENCES p (id));"
                        "INSERT INTO p VALUES (1, 'a'), (2, 'b'); INSERT INTO c VALUES (1), (2);"),
        F("0002_rebuild.pg.sql", "ALTER TABLE p ADD COLUMN n INTEGER NOT NULL DEFAULT 0;"),
        F("0002_rebuild.sqlite.sql",
          "CREATE TABLE p_new (id BIGINT PRIMARY KEY, name TEXT NOT NULL, n INTEGER NOT NULL);"
          "INSERT INTO p_new SELECT id, name, 0 FROM p; DROP TABLE p;"
          "ALTER TABLE p_new RENAME TO p;"),
        F("0003_dangling.sql", "DELETE FROM p WHERE id = 2;"),
        END,
    };
    db_t *db = testdb_open(*state);
    int64_t n = -1;

    assert_int_not_equal(migrate_apply(db, files, NULL, NULL, NULL), DB_OK);
    assert_non_null(strstr(db_errmsg(db), "0003_dangling.sql"));
    assert_false(db_in_transaction(db));
    assert_int_equal(version_of(db), 2);
    assert_int_equal(db_query_int64(db, "SELECT COUNT(*) FROM p JOIN c ON c.p_id = p.id", &n),
                     DB_ROW);
    assert_int_equal(n, 2);
    if (db_engine(db) == DB_ENGINE_SQLITE) { /* foreign keys back on */
        assert_int_equal(db_query_int64(db, "PRAGMA foreign_keys", &n), DB_ROW);
        assert_int_equal(n, 1);
    }
    db_close(db);
}

/* The shipped migrations up to and including version `upto`. */
static embedded_file_t *migrations_upto(int upto)
{
    static embedded_file_t some[64];
    size_t n = 0;

    for (const embedded_file_t *f = embedded_migrations; f->name != NULL; f++)
        if (atoi(f->name) <= upto && n + 1 < sizeof some / sizeof some[0])
            some[n++] = *f;
    some[n] = (embedded_file_t){NULL, NULL, 0};
    return some;
}

static int64_t count(db_t *db, const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, sql, &n), DB_ROW);
    return n;
}

/* 0008 on a database made before it: every case keeps its id, its parties, items, events,
 * deadlines and search document; gets the year of its decision (or of its receipt, none
 * recorded); and is then unique by (unit, year, number). SQLite rebuilds the table: its
 * indexes come back, and the foreign keys stay on and hold. */
static void test_case_year_on_older_database(void **state)
{
    const char *engine = *state;
    int sqlite = strcmp(engine, "sqlite") == 0;
    db_t *db = testdb_open(engine);
    char sql[600];

    assert_int_equal(migrate_apply(db, migrations_upto(7), NULL, NULL, NULL), DB_OK);
    assert_int_equal(version_of(db), 7);
    testdb_exec(db, "INSERT INTO unit (id, code, name_vi, kind, valid_from, created_at) VALUES "
                    "(1, 'NA', 'Nghệ An', 'provincial_agency', '2020-01-01', 0), "
                    "(2, 'HT', 'Hà Tĩnh', 'provincial_agency', '2020-01-01', 0)");
    testdb_exec(db, "INSERT INTO party (id, kind, full_name, created_at) VALUES "
                    "(1, 'person', 'Lê Thị Bình', 0)");
    /* 1: received in December, decided in January; 2: not yet decided; 3: another unit */
    testdb_exec(db, "INSERT INTO enforcement_case (id, unit_id, case_no, source, category, "
                    "state, stat_bucket, received_on, decided_on, state_on, last_event_on, "
                    "last_hash, created_at, event_seq) VALUES "
                    "(11, 1, '46/QĐ', 'application', 'civil', 'decided', 'x', '2025-12-29', "
                    "'2026-01-05', '2026-01-05', '2026-01-05', 'h', 0, 1), "
                    "(12, 1, '47/QĐ', 'application', 'civil', 'received', 'x', '2025-03-01', "
                    "NULL, '2025-03-01', '2025-03-01', 'h', 0, 1), "
                    "(13, 2, '46/QĐ', 'ex_officio', 'civil', 'decided', 'x', '2024-05-01', "
                    "'2024-05-06', '2024-05-06', '2024-05-06', 'h', 0, 1)");
    for (int id = 11; id <= 13; id++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO case_party VALUES (%d, 1, 'debtor');"
                 "INSERT INTO obligation_item (case_id, content_type, description) VALUES "
                 "(%d, 'pay_money', 'Nợ');"
                 "INSERT INTO case_event (case_id, seq, type, occurred_on, recorded_at, payload, "
                 "state_after, prev_hash, hash) VALUES (%d, 1, 'received', '2024-05-01', 0, "
                 "'{}', 'received', 'g', 'h');"
                 "INSERT INTO case_deadline (case_id, unit_id, rule_id, opened_seq, trigger_on, "
                 "due_on) VALUES (%d, 1, 'D6', 1, '2024-05-01', '2024-05-08');"
                 "INSERT INTO case_search (%s, body) VALUES (%d, 'so %d binh');",
                 id, id, id, id, sqlite ? "rowid" : "case_id", id, id);
        testdb_exec(db, sql);
    }

    assert_int_equal(migrate_apply(db, embedded_migrations, NULL, NULL, NULL), DB_OK);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case"), 3);
    assert_int_equal(count(db, "SELECT year FROM enforcement_case WHERE id = 11"), 2026);
    assert_int_equal(count(db, "SELECT year FROM enforcement_case WHERE id = 12"), 2025);
    assert_int_equal(count(db, "SELECT year FROM enforcement_case WHERE id = 13"), 2024);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case c JOIN case_party p ON "
                               "p.case_id = c.id JOIN obligation_item i ON i.case_id = c.id "
                               "JOIN case_event e ON e.case_id = c.id JOIN case_deadline d ON "
                               "d.case_id = c.id"),
                     3);
    assert_int_equal(count(db, sqlite ? "SELECT COUNT(*) FROM case_search s JOIN "
                                        "enforcement_case c ON c.id = s.rowid WHERE case_search "
                                        "MATCH 'binh'"
                                      : "SELECT COUNT(*) FROM case_search s JOIN "
                                        "enforcement_case c ON c.id = s.case_id"),
                     3);
    if (sqlite) {
        assert_int_equal(count(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
                                   "tbl_name = 'enforcement_case' AND name IN "
                                   "('case_by_unit_state', 'case_by_officer', "
                                   "'case_by_received')"),
                         3);
        assert_int_equal(count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
        assert_int_equal(count(db, "PRAGMA foreign_keys"), 1);
    }
    /* the same number in another year of the unit is another case; in the same year not */
    testdb_exec(db, "INSERT INTO enforcement_case (unit_id, case_no, year, source, category, "
                    "state, stat_bucket, received_on, state_on, last_event_on, last_hash, "
                    "created_at) VALUES (1, '46/QĐ', 2025, 'application', 'civil', 'received', "
                    "'x', '2025-03-01', '2025-03-01', '2025-03-01', 'h', 0)");
    assert_int_equal(db_exec_script(db, "INSERT INTO enforcement_case (unit_id, case_no, year, "
                                        "source, category, state, stat_bucket, received_on, "
                                        "state_on, last_event_on, last_hash, created_at) VALUES "
                                        "(1, '46/QĐ', 2026, 'application', 'civil', 'received', "
                                        "'x', '2026-03-01', '2026-03-01', '2026-03-01', 'h', 0)"),
                     DB_CONSTRAINT);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case WHERE unit_id = 1"), 3);
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
        TEST_BOTH(test_references_checked_at_commit),
        TEST_BOTH(test_case_year_on_older_database),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
