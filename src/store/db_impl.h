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
    void (*close)(db_t *db);
    int (*begin)(db_t *db); /* start a write transaction */
    /* Commit; on failure the handle is left outside any transaction, its error kept. */
    int (*commit)(db_t *db);
    int (*rollback)(db_t *db); /* keeps the handle's last error */
    void (*commit_stats)(db_t *db, db_commit_stats_t *out);
    int (*exec_script)(db_t *db, const char *sql);
    int (*ping)(db_t *db);
    /* how: DB_PREPARE_ONCE (db_prepare); DB_PREPARE_KEPT, kept and run many times
     * (db_prepare_cached): SQLite hints SQLITE_PREPARE_PERSISTENT, PostgreSQL prepares it
     * on the server, where after a few runs it is planned once for any values;
     * DB_PREPARE_REPLANNED (db_prepare_replanned): kept as well, but PostgreSQL plans it
     * at every run for the values it runs with. */
    int (*prepare)(db_t *db, const char *sql, int how, db_stmt_t **out);
    int (*bind_int64)(db_stmt_t *st, int idx, int64_t v);
    int (*bind_text)(db_stmt_t *st, int idx, const char *s, int borrowed);
    int (*bind_null)(db_stmt_t *st, int idx);
    int (*reset)(db_stmt_t *st);
    int (*send)(db_stmt_t *st); /* db_send; NULL: the statement runs at its first step */
    int (*step)(db_stmt_t *st);
    int (*column_count)(const db_stmt_t *st);
    int (*column_is_null)(const db_stmt_t *st, int col);
    const char *(*column_text)(const db_stmt_t *st, int col);
    int64_t (*column_int64)(const db_stmt_t *st, int col);
    int64_t (*changes)(const db_stmt_t *st);
    void (*finalize)(db_stmt_t *st);
    int (*bulk)(db_t *db, int cache_mb); /* 0: back to the usual settings */
    int64_t (*last_insert_rowid)(const db_t *db);
    int (*take_id)(db_t *db, const char *table, int64_t *id); /* db_take_id */
};

/* One entry of the statement cache: the text's address (the key), a copy of the text
 * (to check a hit), the statement, and whether a caller holds it now. */
typedef struct {
    const char *key;
    char *sql;
    db_stmt_t *st;
} db_cache_entry_t;

/* One scope kept by units_scope_ids (store/units.c): the units a user of root may open on
 * day, sorted, while unit_generation (migration 0036) is still generation. */
#define DB_SCOPE_SLOTS 8
typedef struct {
    int filled;
    int64_t generation, root;
    int32_t day; /* civil_date_t */
    int64_t *ids;
    size_t n;
    uint64_t used; /* db->scopes_clock when last asked for: the oldest goes first */
} db_scope_slot_t;

struct db {
    const struct db_ops *ops;
    int in_txn;
    char sqlstate[6];
    char errmsg[512];
    /* Open addressing on the key's address, linear probing; at most DB_STMT_CACHE of
     * the slots used, so a probe ends after a few. */
    db_cache_entry_t cache[2 * DB_STMT_CACHE];
    int ncached;
    /* db_set_deadline: when to stop, who to ask whether anyone still waits, when that
     * was last asked, and whether (why) the work was stopped */
    int64_t deadline_ns;
    int (*gone)(void *arg);
    void *gone_arg;
    int64_t gone_asked_ns;
    int stopped;
    int search_deferred;  /* search_defer_begin (store/search.c) */
    int pipelined;        /* db_pipelined: set by the backend */
    uint64_t round_trips; /* db_round_trips: counted by the backend */
    db_scope_slot_t scopes[DB_SCOPE_SLOTS];
    uint64_t scopes_clock;
};

enum { DB_PREPARE_ONCE, DB_PREPARE_KEPT, DB_PREPARE_REPLANNED };

struct db_stmt {
    db_t *db;
    int cache_slot; /* its entry in db->cache, or -1: a statement of its own */
    int in_use;     /* a cached statement handed out and not yet given back */
    /* its caller reads neither rows nor the count of this run (q_exec): a pipelining
     * backend may send it without waiting (db_pipelined) */
    int answer_unread;
};

/* Record a failure on the handle; returns code, so backends can `return db_fail(...)`. */
int db_fail(db_t *db, int code, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void db_clear_error(db_t *db);
/* Run sql (ROLLBACK) leaving the handle's last error as it was. */
int db_exec_keeping_error(db_t *db, const char *sql);
/* For a backend, while a statement runs: should it stop (db_set_deadline)? Nonzero once
 * the deadline has passed or gone() said so, and from then on until the next
 * db_set_deadline. Cheap when no deadline is set (one branch). */
int db_should_stop(db_t *db);
/* Record the interruption on the handle: returns DB_INTERRUPTED. */
int db_fail_interrupted(db_t *db);
/* Record running out of memory on the handle, as the engines do (SQLSTATE 53200): returns
 * DB_NOMEM. A repository returns this, never a bare DB_NOMEM, so the caller's log says why. */
int db_fail_nomem(db_t *db);

int db_sqlite_open(const char *path, db_t **out, char *err, size_t errlen);
int db_pg_check_url(const char *url, char *err, size_t errlen);
int db_pg_open(const char *conninfo, db_t **out, char *err, size_t errlen);

#endif
