/*
 * tests/support/testdb.h — fresh databases for store and HTTP tests, on both
 * engines. SQLite: a new file under $THADS_TEST_TMP (or /tmp). PostgreSQL: a new
 * schema in the database named by $THADS_TEST_PG (scripts/test.sh starts a
 * throw-away server and sets it), selected through the connection's search_path.
 */
#ifndef THADS_TESTS_TESTDB_H
#define THADS_TESTS_TESTDB_H

#include "store/db.h"

/* cmocka needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* A URL for a new, empty database of the engine ("sqlite" or "postgres").
 * Returned string is static storage valid until the next call. Fails the test if
 * the engine is not available. */
const char *testdb_url(const char *engine);
/* The URL of the database the last testdb_url/testdb_open* call made. */
const char *testdb_url_last(void);
/* Open a new, empty database. */
db_t *testdb_open(const char *engine);
/* Open a new database migrated to the newest schema. */
db_t *testdb_open_migrated(const char *engine);
/* Record successor as unit's successor, as a close would (fixtures for units created
 * already closed). */
int testdb_set_successor(db_t *db, int64_t unit, int64_t successor);
/* Run sql (no parameters) and fail the test on error. */
void testdb_exec(db_t *db, const char *sql);
/* Before reading plans (q_explain): SQLite's statistics gathered; PostgreSQL's sequential
 * scans and sorts priced out, so a plan shows whether an ordered index walk exists at
 * all, not what a tiny table makes cheapest. */
void testdb_plans_setup(db_t *db);

/* Register test fn once per engine, named "sqlite/fn" and "postgres/fn"; the test
 * receives the engine name as *state. */
#define TEST_BOTH(fn)                                                                              \
    {"sqlite/" #fn, fn, NULL, NULL, (void *)"sqlite"},                                             \
    {                                                                                              \
        "postgres/" #fn, fn, NULL, NULL, (void *)"postgres"                                        \
    }

#endif
