/*
 * store/db_impl.h — what a backend provides behind store/db.h. Private to store/.
 *
 * Each backend embeds `struct db` as the first member of its own handle and
 * `struct db_stmt` as the first member of its statement, so db.c can dispatch
 * through the ops table and keep the shared state (error text, SQLSTATE,
 * transaction flag) in one place.
 */
#ifndef THADS_STORE_DB_IMPL_H
#define THADS_STORE_DB_IMPL_H

#include "store/db.h"

struct db_ops {
    db_engine_t engine;
    const char *name;
    const char *begin_sql; /* how this engine starts a write transaction */
    void (*close)(db_t *db);
    int (*exec_script)(db_t *db, const char *sql);
    int (*ping)(db_t *db);
    int (*prepare)(db_t *db, const char *sql, db_stmt_t **out);
    int (*bind_int64)(db_stmt_t *st, int idx, int64_t v);
    int (*bind_text)(db_stmt_t *st, int idx, const char *s);
    int (*bind_null)(db_stmt_t *st, int idx);
    int (*reset)(db_stmt_t *st);
    int (*step)(db_stmt_t *st);
    int (*column_count)(const db_stmt_t *st);
    int (*column_is_null)(const db_stmt_t *st, int col);
    const char *(*column_text)(const db_stmt_t *st, int col);
    int64_t (*column_int64)(const db_stmt_t *st, int col);
    int64_t (*changes)(const db_stmt_t *st);
    void (*finalize)(db_stmt_t *st);
};

struct db {
    const struct db_ops *ops;
    int in_txn;
    char sqlstate[6];
    char errmsg[512];
};

struct db_stmt {
    db_t *db;
};

/* Record a failure on the handle; returns code, so backends can `return db_fail(...)`. */
int db_fail(db_t *db, int code, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void db_clear_error(db_t *db);

int db_sqlite_open(const char *path, db_t **out, char *err, size_t errlen);
int db_pg_check_url(const char *url, char *err, size_t errlen);
int db_pg_open(const char *conninfo, db_t **out, char *err, size_t errlen);

#endif
