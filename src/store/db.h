/*
 * store/db.h — the one database interface of thads.
 *
 * Two backends implement it: SQLite (store/sqlite.c) and PostgreSQL (store/pg.c),
 * chosen by the URL given to db_open(). Everything above store/ speaks to the
 * database only through repository functions written against this interface, so
 * a repository is written once, in SQL that both engines accept.
 *
 * Conventions every backend honours:
 *   - Parameters are written $1, $2, ... in the SQL text (PostgreSQL style). The
 *     SQLite backend binds them by name, so the same text runs on both.
 *   - Results come back as int64 or text; a NULL column reads as 0 / NULL.
 *   - Every function that can fail returns a DB_* code; the message and the
 *     SQLSTATE of the last failure live on the db_t (db_errmsg, db_sqlstate),
 *     never in a global.
 *   - A db_t is used by one thread at a time (the HTTP layer keeps a pool).
 */
#ifndef THADS_STORE_DB_H
#define THADS_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct db db_t;
typedef struct db_stmt db_stmt_t;

/* Result codes. DB_ROW and DB_DONE come only from db_step(). */
enum {
    DB_OK = 0,
    DB_ROW = 1,         /* db_step: a row is ready to read */
    DB_DONE = 2,        /* db_step: no more rows */
    DB_ERROR = -1,      /* anything else; see db_errmsg() */
    DB_CONSTRAINT = -2, /* unique / foreign key / check violation (SQLSTATE class 23) */
    DB_BUSY = -3,       /* lock not obtained in time, or serialization failure: retry */
    DB_NOMEM = -4,
    DB_CANTOPEN = -5,    /* bad URL, missing file, server unreachable */
    DB_INTERRUPTED = -6, /* stopped: past its deadline, or no one waits for it (db_set_deadline) */
};

typedef enum { DB_ENGINE_SQLITE, DB_ENGINE_POSTGRES } db_engine_t;

/* Called for each (id, name) row of a listing (units_each_code, ...); nonzero stops it. */
typedef int (*db_id_text_fn)(int64_t id, const char *text, void *arg);
/* A line of a statement's plan (q_explain), with the statement's name; nonzero stops. */
typedef int (*db_plan_fn)(const char *statement, const char *line, void *arg);

/* Maximum number of $N parameters in one statement. */
#define DB_MAX_PARAMS 32

/*
 * Open a database by URL:
 *   sqlite:PATH               (created if absent; ":memory:" for tests)
 *   postgres://... or postgresql://...   (any libpq connection URI)
 * On failure returns DB_CANTOPEN (or DB_NOMEM), *out is NULL and a reason is
 * written to err (errlen bytes, always NUL-terminated).
 */
int db_open(const char *url, db_t **out, char *err, size_t errlen);
/* Close the connection; statements still open on it must not be used afterwards. */
void db_close(db_t *db);
/* Is url well formed (known scheme, parsable connection string)? Does not connect.
 * 0 if so, else -1 with the reason in err. */
int db_url_check(const char *url, char *err, size_t errlen);

db_engine_t db_engine(const db_t *db);
/* "sqlite" or "postgres", for logs and /healthz. */
const char *db_engine_name(const db_t *db);

/* Message of the last failure on this handle ("" if none). */
const char *db_errmsg(const db_t *db);
/* Five-character SQLSTATE of the last failure ("00000" if none). SQLite's
 * extended result codes are mapped to the nearest SQLSTATE class. */
const char *db_sqlstate(const db_t *db);

/*
 * Transactions. Nested begin is a programming error (asserted).
 * db_begin starts a write transaction. On SQLite the writers of one process take turns
 * first come, first served (store/writers.h: the next one is woken when the one before
 * commits; the busy timeout, 5 s, is then only for other processes), and a turn not
 * obtained in 5 s is DB_BUSY. db_commit returns once the commit is durable — on SQLite
 * after the fsync of the write-ahead log that covers it, which writers committing
 * together share (group commit; docs/internals/store.md, "Writers"); DB_ERROR if that
 * fsync failed (the commit is visible but may not survive a power cut: nothing is
 * acknowledged any more until the process restarts).
 */
int db_begin(db_t *db);
int db_commit(db_t *db);
/* Keeps the last error (db_errmsg, db_sqlstate), for the caller to report after. */
int db_rollback(db_t *db);
int db_in_transaction(const db_t *db);

/* What the process's writers of this database did (SQLite; all 0 on PostgreSQL, whose
 * server groups its commits itself): turns, those that waited for another writer, those
 * given up after the timeout; commits that waited for their fsync and the fsyncs run for
 * them (commits / syncs is the number of requests one fsync served). */
typedef struct {
    int64_t turns, waited, timeouts, commits, syncs;
} db_commit_stats_t;
void db_commit_stats(db_t *db, db_commit_stats_t *out);

/* Run a script of one or more statements without parameters (migrations). */
int db_exec_script(db_t *db, const char *sql);

/*
 * Set the connection up for one long transaction that loads much data — an import of a
 * million cases — before db_begin; db_bulk_end after its commit or rollback.
 * SQLite: a page cache of cache_mb MiB (default about 2 MiB, right for request-sized
 * transactions), so the load's working set of index pages stays in memory instead of
 * spilling mid-transaction and being read back; the memory is taken only as pages are
 * used. And, when no other connection has the database open, a rollback journal instead
 * of the WAL: a page the load adds past the end of the file needs no journal, so the
 * data is written once, where the WAL writes it twice (the log, then the checkpoint);
 * and glibc keeps freed heap rather than trimming it after nearly every statement.
 * With others connected it stays in WAL mode (they keep reading meanwhile). Foreign
 * keys are not enforced until db_bulk_end (db_check_references finds any dangling).
 * PostgreSQL: the writes whose answers nobody reads are sent in pipeline mode, their
 * answers read in batches (store/pg.c, db_pipelined), until db_bulk_end; ids are taken in
 * advance (db_take_id). The server's shared_buffers and WAL decide the rest.
 */
int db_bulk_begin(db_t *db, int cache_mb);
/* Back to the connection's usual settings (WAL, the default cache, foreign keys). */
int db_bulk_end(db_t *db);

/* Every foreign key of every row, checked: DB_OK with *bad 0, or with *bad the number of
 * rows referring to nothing and msg naming the first ("case_event row of case 7 refers
 * to a missing enforcement_case"); or a store error. PostgreSQL enforces them always:
 * DB_OK, 0 (without reading). */
int db_check_references(db_t *db, int64_t *bad, char *msg, size_t msglen);

/*
 * Bound the work done on db from now until db_set_deadline(db, 0, NULL, NULL): one HTTP
 * request's. A statement still running at deadline_ns (CLOCK_MONOTONIC nanoseconds; 0 for
 * none), or when gone(arg) answers nonzero (asked once a statement has run a while, then at
 * most every DB_GONE_CHECK_MS: the client closed its connection), stops with DB_INTERRUPTED
 * and SQLSTATE 57014 — SQLite through its progress handler, PostgreSQL by a cancel request
 * (PQcancel). From then on every statement, db_begin and db_commit on db fail the same way
 * without running, so a transaction interrupted half way is never committed; db_rollback
 * works. A statement that finishes first is not stopped, and COMMIT itself is never cut.
 * Short statements cost one branch; a long one a clock read every thousand SQLite VM
 * instructions, or PostgreSQL's wait split into slices of DB_GONE_CHECK_MS.
 */
void db_set_deadline(db_t *db, int64_t deadline_ns, int (*gone)(void *arg), void *arg);
#define DB_GONE_CHECK_MS 2
/* Why work on db was stopped since db_set_deadline: 0 it was not, else one of these. */
enum { DB_STOPPED_DEADLINE = 1, DB_STOPPED_GONE = 2 };
int db_interrupted(const db_t *db);

/* Is the server reachable and answering? (cheap; for /healthz) */
int db_ping(db_t *db);

/* Prepared statements: prepare, bind $1..$n, step, read, finalize. */
int db_prepare(db_t *db, const char *sql, db_stmt_t **out);
/*
 * The same from the connection's statement cache: the first use of a text prepares
 * it (on PostgreSQL as a named server-side statement), later uses get that statement
 * back, reset and without bindings, and db_finalize() returns it to the cache instead
 * of freeing it. sql must outlive the connection unchanged — a string literal, as in
 * every repository: the cache is keyed by its address (and the text is compared on
 * each hit, so a reused buffer can never run the wrong statement; it is just not
 * cached). A text whose statement is in use (a loop that calls itself) or that finds
 * the cache full (DB_STMT_CACHE texts) gets a statement of its own, as db_prepare().
 * The q_* helpers (store/q.h) use this; see docs/internals/store.md.
 */
int db_prepare_cached(db_t *db, const char *sql, db_stmt_t **out);
/*
 * The same, for a statement whose best plan depends on the values it runs with: optional
 * filters written "($4 = '' OR c.state = $4)", a "LIMIT $18". PostgreSQL plans a cached
 * statement for any values after its first five runs (a generic plan) when that plan looks
 * no dearer than the ones made for the values; with such filters it estimates one row and
 * picks a bitmap scan and a sort of the whole unit instead of an index walk that stops
 * after the page (a province's page of cases: 1 ms planned for the values, 263 ms
 * generic, bench_lists). A replanned statement is kept in the cache all the same but
 * sent with its text at every run (PQexecParams), so it is planned for its values; on
 * SQLite, which plans at prepare for any values, it is db_prepare_cached.
 */
int db_prepare_replanned(db_t *db, const char *sql, db_stmt_t **out);
/* Distinct SQL texts one connection caches. */
#define DB_STMT_CACHE 256
int db_bind_int64(db_stmt_t *st, int idx, int64_t v);
/* Text is copied; NULL binds SQL NULL. */
int db_bind_text(db_stmt_t *st, int idx, const char *s);
/* The same without the copy, for a caller that steps the statement to its end and resets
 * it before s changes or goes away (q_exec: a malloc, a copy and a free fewer per value). */
int db_bind_text_borrowed(db_stmt_t *st, int idx, const char *s);
int db_bind_null(db_stmt_t *st, int idx);
/* Forget the previous execution and bindings, to run again with new ones. */
int db_reset(db_stmt_t *st);
/*
 * Send st (bound) to the server now, its answer read at its first step: reads sent one
 * after another before any of them is stepped travel together, one round trip on
 * PostgreSQL (libpq's pipeline mode) instead of one each. The answers are read, in the
 * order sent, at the first step of any of them or of another statement (and by a reset or
 * finalize), so the sender may step them in any order. Each fails or succeeds at its first
 * step; when one fails, those sent after it fail too ("not run"). Meant for reads: a write
 * sent this way is only as durable as the transaction around it. Preparing a cached text
 * for the first time on a connection reads what was sent before it (PostgreSQL prepares
 * it in a round trip of its own): the texts travel together from their second use on.
 * SQLite: nothing is done, and st runs at its first step.
 */
int db_send(db_stmt_t *st);
int db_step(db_stmt_t *st);
int db_column_count(const db_stmt_t *st);
int db_column_is_null(const db_stmt_t *st, int col);
int64_t db_column_int64(const db_stmt_t *st, int col);
/* Valid until the next db_step/db_reset/db_finalize; NULL for SQL NULL. */
const char *db_column_text(const db_stmt_t *st, int col);
/* Free the statement, or give a cached one back (reset) to its connection's cache. */
void db_finalize(db_stmt_t *st);

/* Rows changed by the last INSERT/UPDATE/DELETE stepped on st. */
int64_t db_changes(const db_stmt_t *st);
/* SQLite: the rowid of the last row inserted on this connection. PostgreSQL has no
 * such thing without a round trip (0): insert ... RETURNING id there (q_insert_id). */
int64_t db_last_insert_rowid(const db_t *db);
/* The id of a new row of table (a literal: a table keyed by a serial id), taken before
 * its insert: DB_OK with *id, which the caller then inserts; DB_DONE when this
 * connection numbers rows at their insert instead (SQLite, which tells the rowid
 * without a round trip; PostgreSQL outside a bulk load: RETURNING id); or the error.
 * A bulk writer on PostgreSQL takes ids from the table's sequence a block at a time, so
 * an insert that needs its id back waits for no answer (store/pg.c). */
int db_take_id(db_t *db, const char *table, int64_t *id);
/* Nonzero while this connection sends writes without waiting for their answers (a bulk
 * load's transaction on PostgreSQL, store/pg.c): a write whose count is not read (q_exec)
 * reports success at once, and a failure shows at a later statement or the commit,
 * which then fails, and with it the whole transaction. */
int db_pipelined(const db_t *db);
/* The answers this connection has waited for from its server since it opened: on
 * PostgreSQL its round trips (a statement, a sync of statements sent together, a COPY's
 * two), 0 on SQLite. For tests and benchmarks that keep a path's round trips from growing. */
uint64_t db_round_trips(const db_t *db);

/* Convenience: run a statement expected to return at most one row whose first
 * column is an integer. Returns DB_ROW (value in *out), DB_DONE or an error. */
int db_query_int64(db_t *db, const char *sql, int64_t *out);

#endif
