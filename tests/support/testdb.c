#include "testdb.h"
#include "embed.h"
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char url_buf[1024];
static int counter;

const char *testdb_url(const char *engine)
{
    const char *tmp = getenv("THADS_TEST_TMP");

    counter++;
    if (strcmp(engine, "sqlite") == 0) {
        char path[512];
        snprintf(path, sizeof path, "%s/t%ld_%d.db", tmp && tmp[0] ? tmp : "/tmp", (long)getpid(),
                 counter);
        unlink(path);
        snprintf(url_buf, sizeof url_buf, "sqlite:%s", path);
        return url_buf;
    }
    const char *pg = getenv("THADS_TEST_PG");
    char schema[64], err[512];
    db_t *admin;

    if (pg == NULL || pg[0] == '\0')
        fail_msg("THADS_TEST_PG is not set: store tests need PostgreSQL; run them with make test");
    if (db_open(pg, &admin, err, sizeof err) != DB_OK)
        fail_msg("cannot connect to the test PostgreSQL: %s", err);
    snprintf(schema, sizeof schema, "t%ld_%d", (long)getpid(), counter);
    snprintf(url_buf, sizeof url_buf, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema,
             schema);
    if (db_exec_script(admin, url_buf) != DB_OK)
        fail_msg("cannot create schema %s: %s", schema, db_errmsg(admin));
    db_close(admin);
    snprintf(url_buf, sizeof url_buf, "%s%soptions=-csearch_path%%3D%s", pg,
             strchr(pg, '?') ? "&" : "?", schema);
    return url_buf;
}

const char *testdb_url_last(void)
{
    return url_buf;
}

db_t *testdb_open(const char *engine)
{
    char err[512];
    db_t *db = NULL;
    const char *url = testdb_url(engine);

    if (db_open(url, &db, err, sizeof err) != DB_OK)
        fail_msg("cannot open %s: %s", url, err);
    return db;
}

db_t *testdb_open_migrated(const char *engine)
{
    db_t *db = testdb_open(engine);

    if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        fail_msg("migration failed: %s", db_errmsg(db));
    return db;
}

void testdb_exec(db_t *db, const char *sql)
{
    if (db_exec_script(db, sql) != DB_OK)
        fail_msg("%s: [%s] %s", sql, db_sqlstate(db), db_errmsg(db));
}

void testdb_plans_setup(db_t *db)
{
    testdb_exec(db, db_engine(db) == DB_ENGINE_SQLITE
                        ? "ANALYZE"
                        : "SET enable_seqscan = off; SET enable_sort = off");
}

int testdb_set_successor(db_t *db, int64_t unit, int64_t successor)
{
    db_stmt_t *st;
    int rc = db_prepare(db, "UPDATE unit SET successor_id = $2 WHERE id = $1", &st);

    if (rc != DB_OK)
        return rc;
    db_bind_int64(st, 1, unit);
    db_bind_int64(st, 2, successor);
    rc = db_step(st);
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
