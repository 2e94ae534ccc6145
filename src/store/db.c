/*
 * store/db.c — dispatch from the public store interface to the backend chosen
 * at open time, plus the state every backend shares (errors, transaction flag).
 */
#include "store/db_impl.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int db_url_check(const char *url, char *err, size_t errlen)
{
    if (url == NULL || url[0] == '\0') {
        snprintf(err, errlen, "empty database URL");
        return -1;
    }
    if (has_prefix(url, "sqlite:")) {
        if (url[strlen("sqlite:")] == '\0') {
            snprintf(err, errlen, "sqlite URL has no path (want sqlite:PATH)");
            return -1;
        }
        return 0;
    }
    if (has_prefix(url, "postgres://") || has_prefix(url, "postgresql://"))
        return db_pg_check_url(url, err, errlen);
    snprintf(err, errlen, "unknown database URL '%.64s' (want sqlite:PATH or postgres://...)", url);
    return -1;
}

int db_open(const char *url, db_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (db_url_check(url, err, errlen) != 0)
        return DB_CANTOPEN;
    if (has_prefix(url, "sqlite:"))
        return db_sqlite_open(url + strlen("sqlite:"), out, err, errlen);
    return db_pg_open(url, out, err, errlen);
}

void db_close(db_t *db)
{
    if (db == NULL)
        return;
    if (db->in_txn)
        db_rollback(db);
    for (size_t i = 0; i < sizeof db->cache / sizeof db->cache[0]; i++)
        if (db->cache[i].key != NULL) {
            db->ops->finalize(db->cache[i].st);
            free(db->cache[i].sql);
        }
    for (size_t i = 0; i < DB_SCOPE_SLOTS; i++)
        free(db->scopes[i].ids);
    db->ops->close(db);
}

db_engine_t db_engine(const db_t *db)
{
    return db->ops->engine;
}

const char *db_engine_name(const db_t *db)
{
    return db->ops->name;
}

const char *db_errmsg(const db_t *db)
{
    return db->errmsg;
}

const char *db_sqlstate(const db_t *db)
{
    return db->sqlstate;
}

int db_fail(db_t *db, int code, const char *sqlstate, const char *fmt, ...)
{
    va_list ap;

    snprintf(db->sqlstate, sizeof db->sqlstate, "%s", sqlstate ? sqlstate : "HY000");
    va_start(ap, fmt);
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    va_end(ap);
    return code;
}

void db_clear_error(db_t *db)
{
    memcpy(db->sqlstate, "00000", 6);
    db->errmsg[0] = '\0';
}

/* ---- deadlines (db.h db_set_deadline) ---- */

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void db_set_deadline(db_t *db, int64_t deadline_ns, int (*gone)(void *arg), void *arg)
{
    db->deadline_ns = deadline_ns;
    db->gone = gone;
    db->gone_arg = arg;
    db->gone_asked_ns = 0; /* the first check of a long statement asks at once */
    db->stopped = 0;
}

int db_interrupted(const db_t *db)
{
    return db->stopped;
}

int db_should_stop(db_t *db)
{
    int64_t now;

    if (db->stopped)
        return 1;
    if (db->deadline_ns == 0 && db->gone == NULL)
        return 0;
    now = mono_ns();
    if (db->deadline_ns != 0 && now >= db->deadline_ns) {
        db->stopped = DB_STOPPED_DEADLINE;
        return 1;
    }
    if (db->gone != NULL && now - db->gone_asked_ns >= (int64_t)DB_GONE_CHECK_MS * 1000000) {
        db->gone_asked_ns = now;
        if (db->gone(db->gone_arg)) {
            db->stopped = DB_STOPPED_GONE;
            return 1;
        }
    }
    return 0;
}

int db_fail_nomem(db_t *db)
{
    return db_fail(db, DB_NOMEM, "53200", "out of memory");
}

int db_fail_interrupted(db_t *db)
{
    return db_fail(db, DB_INTERRUPTED, "57014",
                   db->stopped == DB_STOPPED_GONE ? "stopped: the client has gone"
                                                  : "stopped: past the request's deadline");
}

int db_begin(db_t *db)
{
    int rc;

    assert(!db->in_txn && "nested transactions are not supported");
    if (db->stopped)
        return db_fail_interrupted(db);
    rc = db->ops->begin(db);
    if (rc == DB_OK)
        db->in_txn = 1;
    return rc;
}

/* Callers roll back first and report the failure that made them (db_errmsg,
 * db_sqlstate: busy is 503, not 500), so a rollback keeps the handle's error. */
int db_exec_keeping_error(db_t *db, const char *sql)
{
    char msg[sizeof db->errmsg], state[6];
    int rc;

    memcpy(msg, db->errmsg, sizeof msg);
    memcpy(state, db->sqlstate, sizeof state);
    rc = db->ops->exec_script(db, sql);
    memcpy(db->errmsg, msg, sizeof msg);
    memcpy(db->sqlstate, state, sizeof state);
    return rc;
}

int db_commit(db_t *db)
{
    int rc;

    assert(db->in_txn);
    /* Interrupted: whatever the transaction did is incomplete (and SQLite may already
     * have rolled it back, leaving later statements to autocommit): never commit it. */
    if (db->stopped) {
        db->ops->rollback(db);
        rc = db_fail_interrupted(db);
    } else
        rc = db->ops->commit(db);
    db->in_txn = 0;
    return rc;
}

int db_rollback(db_t *db)
{
    int rc;

    assert(db->in_txn);
    rc = db->ops->rollback(db);
    db->in_txn = 0;
    return rc;
}

void db_commit_stats(db_t *db, db_commit_stats_t *out)
{
    *out = (db_commit_stats_t){0};
    if (db->ops->commit_stats != NULL)
        db->ops->commit_stats(db, out);
}

int db_in_transaction(const db_t *db)
{
    return db->in_txn;
}

int db_exec_script(db_t *db, const char *sql)
{
    if (db->stopped)
        return db_fail_interrupted(db);
    return db->ops->exec_script(db, sql);
}

int db_check_references(db_t *db, int64_t *bad, char *msg, size_t msglen)
{
    db_stmt_t *st;
    int rc;

    *bad = 0;
    msg[0] = '\0';
    if (db_engine(db) != DB_ENGINE_SQLITE)
        return DB_OK;
    /* one row per reference to nothing: the table, the row's rowid (NULL without one),
     * the table referred to */
    if ((rc = db_prepare(db, "PRAGMA foreign_key_check", &st)) != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if ((*bad)++ > 0)
            continue;
        if (db_column_is_null(st, 1))
            snprintf(msg, msglen, "a %s row refers to a missing %s", db_column_text(st, 0),
                     db_column_text(st, 2));
        else
            snprintf(msg, msglen, "%s row %lld refers to a missing %s", db_column_text(st, 0),
                     (long long)db_column_int64(st, 1), db_column_text(st, 2));
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int db_bulk_begin(db_t *db, int cache_mb)
{
    assert(!db_in_transaction(db));
    if (cache_mb < 1 || cache_mb > INT_MAX / 1024)
        return db_fail(db, DB_ERROR, "22023", "cache size %d MiB: want 1 to %d", cache_mb,
                       INT_MAX / 1024);
    return db->ops->bulk(db, cache_mb);
}

int db_bulk_end(db_t *db)
{
    assert(!db_in_transaction(db));
    return db->ops->bulk(db, 0);
}

int db_ping(db_t *db)
{
    return db->ops->ping(db);
}

int db_prepare(db_t *db, const char *sql, db_stmt_t **out)
{
    int rc;

    *out = NULL;
    rc = db->ops->prepare(db, sql, DB_PREPARE_ONCE, out);
    if (rc == DB_OK)
        (*out)->cache_slot = -1;
    return rc;
}

/* The slot of key in the cache: its entry, or the empty slot where it would go. The
 * address is hashed (Fibonacci hashing of the pointer), so one text costs one or two
 * probes whatever the number of texts. */
static size_t cache_slot(const db_t *db, const char *key)
{
    const size_t n = sizeof db->cache / sizeof db->cache[0];
    size_t i = (size_t)(((uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15u) >> 32) % n;

    while (db->cache[i].key != NULL && db->cache[i].key != key)
        i = (i + 1) % n;
    return i;
}

static int prepare_cached(db_t *db, const char *sql, int how, db_stmt_t **out)
{
    size_t i;
    db_cache_entry_t *e;
    int rc;

    *out = NULL;
    if (sql == NULL)
        return db_fail(db, DB_ERROR, "42601", "no SQL text");
    i = cache_slot(db, sql);
    e = &db->cache[i];
    if (e->key != NULL && !e->st->in_use && strcmp(e->sql, sql) == 0) {
        db_clear_error(db);
        e->st->in_use = 1;
        *out = e->st;
        return DB_OK;
    }
    if (e->key != NULL || db->ncached >= DB_STMT_CACHE)
        return db_prepare(db, sql, out); /* in use, changed text, or a full cache */
    if ((e->sql = strdup(sql)) == NULL)
        return db_fail_nomem(db);
    rc = db->ops->prepare(db, sql, how, &e->st);
    if (rc != DB_OK) {
        free(e->sql);
        e->sql = NULL;
        e->st = NULL;
        return rc;
    }
    e->key = sql;
    e->st->cache_slot = (int)i;
    e->st->in_use = 1;
    db->ncached++;
    *out = e->st;
    return DB_OK;
}

int db_prepare_cached(db_t *db, const char *sql, db_stmt_t **out)
{
    return prepare_cached(db, sql, DB_PREPARE_KEPT, out);
}

int db_prepare_replanned(db_t *db, const char *sql, db_stmt_t **out)
{
    return prepare_cached(db, sql, DB_PREPARE_REPLANNED, out);
}

int db_bind_int64(db_stmt_t *st, int idx, int64_t v)
{
    return st->db->ops->bind_int64(st, idx, v);
}

int db_bind_text(db_stmt_t *st, int idx, const char *s)
{
    if (s == NULL)
        return st->db->ops->bind_null(st, idx);
    return st->db->ops->bind_text(st, idx, s, 0);
}

int db_bind_text_borrowed(db_stmt_t *st, int idx, const char *s)
{
    if (s == NULL)
        return st->db->ops->bind_null(st, idx);
    return st->db->ops->bind_text(st, idx, s, 1);
}

int db_bind_null(db_stmt_t *st, int idx)
{
    return st->db->ops->bind_null(st, idx);
}

int db_reset(db_stmt_t *st)
{
    return st->db->ops->reset(st);
}

uint64_t db_round_trips(const db_t *db)
{
    return db->round_trips;
}

int db_send(db_stmt_t *st)
{
    if (st->db->stopped)
        return db_fail_interrupted(st->db);
    return st->db->ops->send ? st->db->ops->send(st) : DB_OK;
}

int db_step(db_stmt_t *st)
{
    if (st->db->stopped)
        return db_fail_interrupted(st->db);
    return st->db->ops->step(st);
}

int db_column_count(const db_stmt_t *st)
{
    return st->db->ops->column_count(st);
}

int db_column_is_null(const db_stmt_t *st, int col)
{
    return st->db->ops->column_is_null(st, col);
}

int64_t db_column_int64(const db_stmt_t *st, int col)
{
    return st->db->ops->column_int64(st, col);
}

const char *db_column_text(const db_stmt_t *st, int col)
{
    return st->db->ops->column_text(st, col);
}

int64_t db_changes(const db_stmt_t *st)
{
    return st->db->ops->changes(st);
}

int64_t db_last_insert_rowid(const db_t *db)
{
    return db->ops->last_insert_rowid(db);
}

int db_take_id(db_t *db, const char *table, int64_t *id)
{
    return db->ops->take_id(db, table, id);
}

int db_pipelined(const db_t *db)
{
    return db->pipelined && db->in_txn;
}

void db_finalize(db_stmt_t *st)
{
    if (st == NULL)
        return;
    if (st->cache_slot >= 0) {
        assert(st->in_use && st->db->cache[st->cache_slot].st == st);
        st->db->ops->reset(st); /* also ends a read that was not stepped to its end */
        st->in_use = 0;
        return;
    }
    st->db->ops->finalize(st);
}

int db_query_int64(db_t *db, const char *sql, int64_t *out)
{
    db_stmt_t *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW)
        *out = db_column_int64(st, 0);
    db_finalize(st);
    return rc;
}
