/*
 * store/q.h — one-line statements for repository code.
 *
 *   q_exec(db, "UPDATE unit SET name_vi = $2 WHERE id = $1", "is", id, name);
 *   q_open(db, &st, "SELECT ... WHERE code = $1", "s", code);  then db_step(st)...
 *
 * The type string gives one letter per parameter $1..$n, in order:
 *   i  int64_t
 *   I  int64_t, where 0 binds NULL (optional references: user_id, unit_id)
 *   s  const char * (NULL binds SQL NULL)
 *   d  civil_date_t, bound as 'YYYY-MM-DD' (CIVIL_DATE_INVALID binds NULL)
 *   b  int, bound as 0/1
 * Parameters are always bound, never pasted into the SQL text.
 *
 * The SQL text must be a string literal: statements come from the connection's cache
 * (db_prepare_cached, keyed by the text's address), so each text is prepared once per
 * connection, and db_finalize() gives the statement back.
 */
#ifndef THADS_STORE_Q_H
#define THADS_STORE_Q_H

#include "core/civil_date.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

/* Prepare and bind; on failure *st is NULL and the code is returned. */
int q_open(db_t *db, db_stmt_t **st, const char *sql, const char *types, ...);
/* The same for a statement with optional filters ("$4 = '' OR ...") or a LIMIT $n, which
 * PostgreSQL must plan for the values it runs with (db_prepare_replanned). */
int q_open_replanned(db_t *db, db_stmt_t **st, const char *sql, const char *types, ...);
/* Prepare, bind, step to the end. Returns DB_OK or the error. *changes (may be NULL)
 * gets the number of rows changed. */
int q_exec_n(db_t *db, int64_t *changes, const char *sql, const char *types, ...);
#define q_exec(db, sql, ...) q_exec_n((db), NULL, (sql), __VA_ARGS__)
/* For tests: fn(name, line, arg) for each line of sql's plan (EXPLAIN QUERY PLAN's detail
 * on SQLite, EXPLAIN's lines on PostgreSQL), its parameters bound by types to `text`, `day`
 * or 1; nonzero from fn stops. DB_OK or the error. */
int q_explain(db_t *db, const char *name, const char *sql, const char *types, const char *text,
              civil_date_t day, db_plan_fn fn, void *arg);
/* Run a query whose first row's first column is an integer: DB_ROW with *out set,
 * DB_DONE when there is no row, or an error. */
int q_int64(db_t *db, int64_t *out, const char *sql, const char *types, ...);

/* Insert one row into a table keyed by an auto-numbered id and set *id to its id:
 * DB_OK or the error. sql is the INSERT without RETURNING (a literal). PostgreSQL runs it
 * with " RETURNING id" added at compile time; SQLite without, reading the connection's
 * last rowid: in SQLite a RETURNING clause opens a statement journal for every insert,
 * and with the FTS5 search table in the transaction that flushes the search index's
 * pending rows each time — a tenth of an import of cases. */
#define q_insert_id(db, id, sql, types, ...)                                                       \
    (db_engine(db) == DB_ENGINE_POSTGRES                                                           \
         ? q_returning_id((db), (id), sql " RETURNING id", types, __VA_ARGS__)                     \
         : q_exec_rowid((db), (id), sql, types, __VA_ARGS__))
int q_returning_id(db_t *db, int64_t *id, const char *sql, const char *types, ...);
int q_exec_rowid(db_t *db, int64_t *id, const char *sql, const char *types, ...);

/* q_insert_id for a table a bulk load writes many rows of and needs their ids (parties,
 * judgments, ledger transactions): the INSERT of cols with vals ($1..$n) into table.
 * Where the connection takes ids in advance (db_take_id: a bulk load on PostgreSQL),
 * the row goes in with its id as parameter id_param ("$n+1"), and nothing waits for an
 * answer; elsewhere as q_insert_id. */
#define q_insert_id_ahead(db, id, table, cols, vals, id_param, types, ...)                         \
    q_insert_ahead((db), (id), table,                                                              \
                   "INSERT INTO " table " (" cols ", id) VALUES (" vals ", " id_param ")",         \
                   "INSERT INTO " table " (" cols ") VALUES (" vals ") RETURNING id",              \
                   "INSERT INTO " table " (" cols ") VALUES (" vals ")", types, __VA_ARGS__)
int q_insert_ahead(db_t *db, int64_t *id, const char *table, const char *with_id,
                   const char *returning, const char *plain, const char *types, ...);

/* q_exec of the INSERT of one row (cols, vals) into a table no other row refers to and
 * which the transaction does not read back meanwhile (a bulk load's events, its cases'
 * links to parties, their deadlines). On a pipelining connection (db_pipelined) the row
 * waits with others of its table for one COPY (store/pg.c), sent before any statement
 * naming the table and at the commit; a failure shows then, and fails the transaction. */
#define q_append(db, table, cols, vals, types, ...)                                                \
    q_exec((db),                                                                                   \
           db_pipelined(db) ? "COPY " table " (" cols ") FROM STDIN"                               \
                            : "INSERT INTO " table " (" cols ") VALUES (" vals ")",                \
           types, __VA_ARGS__)

/* Run sql, whose rows are (id, text), and call fn for each: DB_OK, or the error (DB_DONE
 * when fn stopped it). */
int q_each_id_text(db_t *db, const char *sql, db_id_text_fn fn, void *arg);

/* Column readers with the conversions repositories need. */
civil_date_t q_date(const db_stmt_t *st, int col); /* NULL or bad -> CIVIL_DATE_INVALID */
/* Copy text (NULL -> "") into buf of len bytes, NUL-terminated. */
void q_text(const db_stmt_t *st, int col, char *buf, size_t len);

/* Step st to its end, the first column of every row into *ids (malloc'd; NULL when there
 * is none), and finalize it. DB_OK or the error. */
int q_ids(db_t *db, db_stmt_t *st, int64_t **ids, size_t *n);
/* Sort n ids ascending; 1 when the sorted ids hold id, else 0. */
void q_ids_sort(int64_t *ids, size_t n);
int q_ids_hold(const int64_t *ids, size_t n, int64_t id);

/* A set of ids as one parameter: q_id_list gives "[1,2,...]" (malloc'd; NULL out of
 * memory), and Q_IDS_SQLITE / Q_IDS_PG, the query of its ids as BIGINT, for $1. */
char *q_id_list(const int64_t *ids, size_t n);
#define Q_IDS_SQLITE "SELECT CAST(value AS BIGINT) FROM json_each($1)"
#define Q_IDS_PG     "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST($1 AS JSON))"

/* Current time in unix microseconds (UTC). */
int64_t q_now_micros(void);

#endif
