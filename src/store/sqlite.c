/*
 * store/sqlite.c — the embedded SQLite backend (the default deployment).
 *
 * Settings chosen at open, and why:
 *   journal_mode=WAL   readers never block the writer; reports run while officers write.
 *   synchronous        every COMMIT is durable before db_commit returns: a receipt already
 *                      handed to a citizen must never vanish in a power cut. In WAL mode
 *                      the connection runs synchronous=NORMAL (COMMIT writes the log, no
 *                      fsync) and db_commit then waits for an fsync of the log that covers
 *                      its commit, one fsync shared by the writers committing meanwhile
 *                      (group commit, store/writers.h): what FULL does, one fsync per
 *                      commit, grouped. Out of WAL mode (a bulk load's rollback journal)
 *                      synchronous=FULL, each commit its own fsync.
 *   foreign_keys=ON    SQLite leaves them off by default.
 *   busy_timeout=5000  writers of other processes queue for up to 5 s instead of failing.
 * Write transactions start with BEGIN IMMEDIATE, so two writers never deadlock
 * upgrading a read lock. Within the process they first take the file's write turn
 * (store/writers.h), first come first served, so BEGIN IMMEDIATE finds the file free
 * instead of sleeping in SQLite's busy handler.
 */
#include "store/db_impl.h"
#include "store/writers.h"

#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SQLITE_BUSY_MS 5000 /* busy_timeout above */

typedef struct {
    struct db base;
    sqlite3 *conn;
    writers_t *writers; /* the file's writers in this process; NULL for :memory: */
    int grouped;        /* WAL with synchronous=NORMAL: commits wait for a shared fsync */
    int turn;           /* holds the write turn */
} sqlite_db_t;

typedef struct {
    struct db_stmt base;
    sqlite3_stmt *stmt;
    int64_t changes;
    /* $N in the SQL text -> SQLite's parameter index (0 if $N is absent). */
    int param_index[DB_MAX_PARAMS + 1];
} sqlite_stmt_t;

static sqlite3 *conn_of(db_t *db)
{
    return ((sqlite_db_t *)db)->conn;
}

/* Map SQLite's extended result code to our code and the nearest SQLSTATE. */
static int sqlite_fail(db_t *db, int rc)
{
    const char *msg = sqlite3_errmsg(conn_of(db));

    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        switch (rc) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return db_fail(db, DB_CONSTRAINT, "23505", "%s", msg);
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return db_fail(db, DB_CONSTRAINT, "23503", "%s", msg);
        case SQLITE_CONSTRAINT_NOTNULL:
            return db_fail(db, DB_CONSTRAINT, "23502", "%s", msg);
        case SQLITE_CONSTRAINT_CHECK:
            return db_fail(db, DB_CONSTRAINT, "23514", "%s", msg);
        default:
            return db_fail(db, DB_CONSTRAINT, "23000", "%s", msg);
        }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return db_fail(db, DB_BUSY, "40001", "%s", msg);
    case SQLITE_NOMEM:
        return db_fail_nomem(db);
    case SQLITE_CANTOPEN:
        return db_fail(db, DB_CANTOPEN, "08001", "%s", msg);
    case SQLITE_INTERRUPT: /* our progress handler: db_set_deadline */
        return db_fail_interrupted(db);
    default:
        return db_fail(db, DB_ERROR, "HY000", "%s", msg);
    }
}

static void sqlite_close(db_t *db)
{
    sqlite_db_t *h = (sqlite_db_t *)db;

    sqlite3_close_v2(h->conn);
    writers_put(h->writers);
    free(db);
}

static int sqlite_exec_script(db_t *db, const char *sql)
{
    char *msg = NULL;
    int rc;

    db_clear_error(db);
    rc = sqlite3_exec(conn_of(db), sql, NULL, NULL, &msg);
    sqlite3_free(msg); /* the same text is available from sqlite3_errmsg */
    /* A caller that sets the durability itself (a test's throw-away file: OFF) has it:
     * no shared fsync after its commits (sqlite_set_durability sets grouped after). */
    if (rc == SQLITE_OK && sqlite3_strnicmp(sql, "PRAGMA synchronous", 18) == 0)
        ((sqlite_db_t *)db)->grouped = 0;
    return rc == SQLITE_OK ? DB_OK : sqlite_fail(db, sqlite3_extended_errcode(conn_of(db)));
}

/* A writer waiting for its turn gives it up once its request has stopped (db_set_deadline):
 * a burst of abandoned writes must not hold the queue for those still waited for. */
static int sqlite_turn_stop(void *db)
{
    return db_should_stop(db);
}

/* Take the write turn, then BEGIN IMMEDIATE (which then waits only for other processes). */
static int sqlite_begin(db_t *db)
{
    sqlite_db_t *h = (sqlite_db_t *)db;
    int rc;

    if (h->writers != NULL) {
        rc = writers_begin(h->writers, SQLITE_BUSY_MS, sqlite_turn_stop, db);
        if (rc == -2)
            return db_fail_interrupted(db);
        if (rc != 0)
            return db_fail(db, DB_BUSY, "40001",
                           "database is busy: no write turn in %d ms (another writer of this "
                           "process held it)",
                           SQLITE_BUSY_MS);
        h->turn = 1;
    }
    rc = sqlite_exec_script(db, "BEGIN IMMEDIATE");
    if (rc != DB_OK && h->turn) {
        writers_end(h->writers, 0);
        h->turn = 0;
    }
    return rc;
}

/* The sync that makes a NORMAL commit durable: the write-ahead log's own xSync, as SQLite
 * calls it at a FULL commit (SQLITE_FCNTL_JOURNAL_POINTER gives this connection's handle
 * of the log; fdatasync syncs the file, whoever wrote it). */
static int sqlite_sync_wal(void *arg)
{
    sqlite3 *conn = arg;
    sqlite3_file *f = NULL;
    int rc = sqlite3_file_control(conn, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f);

    if (rc != SQLITE_OK)
        return rc;
    if (f == NULL || f->pMethods == NULL)
        return SQLITE_IOERR_FSYNC;
    return f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
}

static int sqlite_commit(db_t *db)
{
    sqlite_db_t *h = (sqlite_db_t *)db;
    uint64_t ticket = 0;
    int rc = sqlite_exec_script(db, "COMMIT"), sync_rc;

    /* A failed COMMIT (disk full, I/O) leaves SQLite inside the transaction. */
    if (rc != DB_OK)
        db_exec_keeping_error(db, "ROLLBACK");
    if (h->turn) {
        ticket = writers_end(h->writers, rc == DB_OK && h->grouped);
        h->turn = 0;
    }
    if (ticket == 0)
        return rc;
    if ((sync_rc = writers_durable(h->writers, ticket, sqlite_sync_wal, h->conn)) != 0)
        return db_fail(db, DB_ERROR, "58030",
                       "the commit was written but the write-ahead log could not be synced "
                       "(%s): not durable; no write is acknowledged until thads restarts",
                       sqlite3_errstr(sync_rc));
    return DB_OK;
}

static int sqlite_rollback(db_t *db)
{
    sqlite_db_t *h = (sqlite_db_t *)db;
    int rc = db_exec_keeping_error(db, "ROLLBACK");

    if (h->turn) {
        writers_end(h->writers, 0);
        h->turn = 0;
    }
    return rc;
}

static void sqlite_commit_stats(db_t *db, db_commit_stats_t *out)
{
    sqlite_db_t *h = (sqlite_db_t *)db;
    writers_stats_t s;

    if (h->writers == NULL)
        return;
    writers_stats(h->writers, &s);
    *out = (db_commit_stats_t){s.turns, s.waited, s.timeouts, s.commits, s.syncs};
}

static int sqlite_ping(db_t *db)
{
    int64_t one = 0;
    int rc = db_query_int64(db, "SELECT 1", &one);
    return rc == DB_ROW && one == 1 ? DB_OK : DB_ERROR;
}

static int sqlite_prepare(db_t *db, const char *sql, int how, db_stmt_t **out)
{
    sqlite_stmt_t *st;
    int rc, n;

    db_clear_error(db);
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return db_fail_nomem(db);
    st->base.db = db;
    /* SQLite plans at prepare, for any values: a replanned statement is a kept one */
    rc =
        sqlite3_prepare_v3(conn_of(db), sql, -1,
                           how != DB_PREPARE_ONCE ? SQLITE_PREPARE_PERSISTENT : 0, &st->stmt, NULL);
    if (rc != SQLITE_OK) {
        free(st);
        return sqlite_fail(db, sqlite3_extended_errcode(conn_of(db)));
    }
    /* Map each parameter's name, "$N", to its index (repeated names share one). */
    n = sqlite3_bind_parameter_count(st->stmt);
    for (int i = 1; i <= n; i++) {
        const char *name = sqlite3_bind_parameter_name(st->stmt, i);
        char *end = NULL;
        long k = name && name[0] == '$' ? strtol(name + 1, &end, 10) : 0;
        if (k < 1 || k > DB_MAX_PARAMS || *end != '\0') {
            sqlite3_finalize(st->stmt);
            free(st);
            return db_fail(db, DB_ERROR, "54023", "parameter %s: want $1..$%d", name ? name : "?",
                           DB_MAX_PARAMS);
        }
        st->param_index[k] = i;
    }
    *out = &st->base;
    return DB_OK;
}

static int param_of(db_stmt_t *s, int idx, int *out)
{
    sqlite_stmt_t *st = (sqlite_stmt_t *)s;

    if (idx < 1 || idx > DB_MAX_PARAMS || st->param_index[idx] == 0)
        return db_fail(s->db, DB_ERROR, "42P02", "statement has no parameter $%d", idx);
    *out = st->param_index[idx];
    return DB_OK;
}

static int sqlite_bind_int64(db_stmt_t *s, int idx, int64_t v)
{
    int p = 0, rc = param_of(s, idx, &p);
    if (rc != DB_OK)
        return rc;
    rc = sqlite3_bind_int64(((sqlite_stmt_t *)s)->stmt, p, v);
    return rc == SQLITE_OK ? DB_OK : sqlite_fail(s->db, rc);
}

static int sqlite_bind_text(db_stmt_t *s, int idx, const char *v, int borrowed)
{
    int p = 0, rc = param_of(s, idx, &p);
    if (rc != DB_OK)
        return rc;
    rc = sqlite3_bind_text(((sqlite_stmt_t *)s)->stmt, p, v, -1,
                           borrowed ? SQLITE_STATIC : SQLITE_TRANSIENT);
    return rc == SQLITE_OK ? DB_OK : sqlite_fail(s->db, rc);
}

static int sqlite_bind_null(db_stmt_t *s, int idx)
{
    int p = 0, rc = param_of(s, idx, &p);
    if (rc != DB_OK)
        return rc;
    rc = sqlite3_bind_null(((sqlite_stmt_t *)s)->stmt, p);
    return rc == SQLITE_OK ? DB_OK : sqlite_fail(s->db, rc);
}

static int sqlite_reset(db_stmt_t *s)
{
    sqlite_stmt_t *st = (sqlite_stmt_t *)s;

    sqlite3_reset(st->stmt);
    sqlite3_clear_bindings(st->stmt);
    st->changes = 0;
    return DB_OK;
}

static int sqlite_step(db_stmt_t *s)
{
    sqlite_stmt_t *st = (sqlite_stmt_t *)s;
    int rc;

    db_clear_error(s->db);
    rc = sqlite3_step(st->stmt);
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE) {
        st->changes = sqlite3_changes64(conn_of(s->db));
        return DB_DONE;
    }
    return sqlite_fail(s->db, sqlite3_extended_errcode(conn_of(s->db)));
}

static int sqlite_column_count(const db_stmt_t *s)
{
    return sqlite3_column_count(((const sqlite_stmt_t *)s)->stmt);
}

static int sqlite_column_is_null(const db_stmt_t *s, int col)
{
    return sqlite3_column_type(((const sqlite_stmt_t *)s)->stmt, col) == SQLITE_NULL;
}

static const char *sqlite_column_text(const db_stmt_t *s, int col)
{
    return (const char *)sqlite3_column_text(((const sqlite_stmt_t *)s)->stmt, col);
}

static int64_t sqlite_column_int64(const db_stmt_t *s, int col)
{
    return sqlite3_column_int64(((const sqlite_stmt_t *)s)->stmt, col);
}

static int64_t sqlite_changes(const db_stmt_t *s)
{
    return ((const sqlite_stmt_t *)s)->changes;
}

static void sqlite_finalize(db_stmt_t *s)
{
    sqlite3_finalize(((sqlite_stmt_t *)s)->stmt);
    free(s);
}

/* WAL mode, which the database file keeps once set. While a bulk load holds the file in
 * rollback-journal mode (db_bulk_begin) the switch cannot be made: the connection opens
 * in that mode instead — it reads, and its writes wait for the load's commit — and the
 * load sets WAL mode back when it ends. */
static int sqlite_set_wal(db_t *db)
{
    sqlite3 *conn = ((sqlite_db_t *)db)->conn;
    int rc;

    sqlite3_busy_timeout(conn, 0);
    rc = sqlite_exec_script(db, "PRAGMA journal_mode=WAL");
    sqlite3_busy_timeout(conn, SQLITE_BUSY_MS);
    if (rc != DB_OK && strcmp(db->sqlstate, "40001") == 0) {
        db_clear_error(db);
        return DB_OK;
    }
    return rc;
}

/* synchronous=NORMAL with the shared fsync at commit in WAL mode, FULL in any other
 * (a rollback journal relies on FULL's syncs for its ordering). The mode is the file's:
 * a connection opened while a bulk load holds the rollback journal stays FULL. */
static int sqlite_set_durability(db_t *db)
{
    sqlite_db_t *h = (sqlite_db_t *)db;
    sqlite3_stmt *st = NULL;
    int wal = 0, rc;

    if (sqlite3_prepare_v2(h->conn, "PRAGMA journal_mode", -1, &st, NULL) != SQLITE_OK)
        return sqlite_fail(db, sqlite3_extended_errcode(h->conn));
    if (sqlite3_step(st) == SQLITE_ROW)
        wal = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    wal = wal && h->writers != NULL;
    rc = sqlite_exec_script(db, wal ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
    if (rc == DB_OK)
        h->grouped = wal;
    return rc;
}

/* The pragmas of a bulk load (db.h), or back to those of db_sqlite_open. Leaving WAL
 * mode needs the database to itself: with another connection open it fails at once (no
 * busy wait) and the load runs in WAL mode. */
static int sqlite_bulk(db_t *db, int cache_mb)
{
    sqlite3 *conn = ((sqlite_db_t *)db)->conn;
    char sql[64];
    int rc;

    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", cache_mb ? cache_mb * 1024 : 2000);
    if ((rc = sqlite_exec_script(db, sql)) != DB_OK)
        return rc;
    if (!cache_mb) {
        if ((rc = sqlite_exec_script(db, "PRAGMA foreign_keys=ON")) != DB_OK ||
            (rc = sqlite_set_wal(db)) != DB_OK)
            return rc;
        return sqlite_set_durability(db);
    }
    /* References are not looked up row by row (a twentieth of an import's writing): the
     * load writes those case_ops makes under foreign keys in every other call, and
     * `thads fsck` checks them all (db_check_references). */
    if ((rc = sqlite_exec_script(db, "PRAGMA foreign_keys=OFF")) != DB_OK)
        return rc;
    /* One transaction of millions of statements. glibc gives the top of the heap back
     * to the kernel whenever more than 128 KiB are free there, and SQLite's statement
     * journals free that much after nearly every write statement: two system calls and
     * fresh zeroed pages per statement, a quarter of an import's time when measured.
     * Keep up to 16 MiB of free heap instead (for the process: a bulk load is what it
     * is running); 64 was no faster, and kept the rest resident. */
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    sqlite3_busy_timeout(conn, 0);
    if (sqlite_exec_script(db, "PRAGMA journal_mode=TRUNCATE") != DB_OK)
        db_clear_error(db); /* others have it open: stay in WAL mode */
    sqlite3_busy_timeout(conn, SQLITE_BUSY_MS);
    return sqlite_set_durability(db);
}

/* SQLite calls this every PROGRESS_OPS virtual machine instructions of a statement; a
 * nonzero answer stops the statement with SQLITE_INTERRUPT (and rolls back the write
 * transaction it is part of, if it writes). A COMMIT runs a handful of instructions and
 * is never cut. */
#define PROGRESS_OPS 1000

static int sqlite_progress(void *arg)
{
    return db_should_stop(arg);
}

static int64_t sqlite_last_insert_rowid(const db_t *db)
{
    return sqlite3_last_insert_rowid(((const sqlite_db_t *)db)->conn);
}

/* SQLite numbers a row at its insert and tells its rowid without a round trip. */
static int sqlite_take_id(db_t *db, const char *table, int64_t *id)
{
    (void)db, (void)table, (void)id;
    return DB_DONE;
}

static const struct db_ops sqlite_ops = {
    .engine = DB_ENGINE_SQLITE,
    .name = "sqlite",
    .close = sqlite_close,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .commit_stats = sqlite_commit_stats,
    .exec_script = sqlite_exec_script,
    .ping = sqlite_ping,
    .prepare = sqlite_prepare,
    .bind_int64 = sqlite_bind_int64,
    .bind_text = sqlite_bind_text,
    .bind_null = sqlite_bind_null,
    .reset = sqlite_reset,
    .step = sqlite_step,
    .column_count = sqlite_column_count,
    .column_is_null = sqlite_column_is_null,
    .column_text = sqlite_column_text,
    .column_int64 = sqlite_column_int64,
    .changes = sqlite_changes,
    .finalize = sqlite_finalize,
    .bulk = sqlite_bulk,
    .last_insert_rowid = sqlite_last_insert_rowid,
    .take_id = sqlite_take_id,
};

/* Process-wide, before SQLite's first use (later calls are refused, harmlessly): no
 * allocation statistics, which thads never reads and which take a global mutex on
 * every malloc and free inside SQLite. */
static void sqlite_configure_once(void)
{
    static int done;

    if (!done) {
        done = 1;
        (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    }
}

int db_sqlite_open(const char *path, db_t **out, char *err, size_t errlen)
{
    static const char pragmas[] = "PRAGMA synchronous=FULL;"
                                  "PRAGMA foreign_keys=ON;";
    const char *file;
    struct stat fst;
    sqlite_db_t *h;
    int rc;

    sqlite_configure_once();
    h = calloc(1, sizeof *h);
    if (h == NULL) {
        snprintf(err, errlen, "out of memory");
        return DB_NOMEM;
    }
    h->base.ops = &sqlite_ops;
    db_clear_error(&h->base);
    rc = sqlite3_open_v2(path, &h->conn,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open SQLite database '%s': %s", path,
                 h->conn ? sqlite3_errmsg(h->conn) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(h->conn, 1);
    sqlite3_busy_timeout(h->conn, SQLITE_BUSY_MS);
    sqlite3_progress_handler(h->conn, PROGRESS_OPS, sqlite_progress, &h->base);
    if (sqlite_exec_script(&h->base, pragmas) != DB_OK || sqlite_set_wal(&h->base) != DB_OK) {
        snprintf(err, errlen, "cannot set up SQLite database '%s': %s", path, h->base.errmsg);
        goto fail;
    }
    /* the file's writers in this process (none for :memory: and temporary databases) */
    file = sqlite3_db_filename(h->conn, "main");
    if (file != NULL && file[0] != '\0' && stat(file, &fst) == 0 &&
        (h->writers = writers_get(fst.st_dev, fst.st_ino)) == NULL) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (sqlite_set_durability(&h->base) != DB_OK) {
        snprintf(err, errlen, "cannot set up SQLite database '%s': %s", path, h->base.errmsg);
        goto fail;
    }
    *out = &h->base;
    return DB_OK;
fail:
    sqlite3_close_v2(h->conn);
    writers_put(h->writers);
    free(h);
    return DB_CANTOPEN;
}
