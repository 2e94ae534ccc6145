/*
 * bench/bench_store.c — the store interface (store/db.h) against each engine's own
 * C API on the same machine, so every figure comes with its physical limit.
 *
 * usage: bench_store [ROWS]                 ROWS defaults to 1,000,000
 *        THADS_BENCH_PG=postgresql://...    also run the PostgreSQL figures
 *
 * What is measured, both through db_* and through sqlite3_* / PQ* directly:
 *   insert-batched   ROWS rows, 10,000 per transaction, one statement prepared once
 *                    and reset per row (fair to both sides)             expect O(n)
 *   lookup-pk        100,000 random primary-key lookups, prepared once  expect O(log n) each
 *   lookup-pk-prep   the same, prepared and finalized per lookup: how
 *                    repositories really run a statement                expect O(log n) each
 *   aggregate        SUM(amount) GROUP BY unit_id over every row, the
 *                    shape of a statistics report (best of 3)           expect O(n log n)
 *   txn-single-row   1,000 x BEGIN IMMEDIATE / INSERT / COMMIT: the
 *                    price of one durable commit (fsync)                expect O(1) each
 * SQLite runs with the settings store/sqlite.c uses (WAL, synchronous=FULL,
 * foreign_keys, busy_timeout), so "raw" differs only by not going through db_*;
 * txn-single-row also gives raw synchronous=NORMAL, the price of durability.
 * PostgreSQL (default durability) compares db_* with PQexecParams — what store/pg.c
 * sends — and shows PQexecPrepared beside it; its row-by-row figures run on fewer
 * rows and the rest is loaded with COPY (see bench_pg()).
 * The data are generated here from a fixed seed, so every side stores the same rows
 * and the checksums of what they read back must agree.
 *
 * Progress goes to stderr; the figures, one line each, to stdout. The database
 * files live in a temporary directory under $TMPDIR (or /tmp), removed at exit.
 */
#include "store/db.h"

#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_ROWS   1000000
#define BATCH          10000      /* rows per transaction in insert-batched */
#define LOOKUPS        100000     /* point lookups per run */
#define SINGLE_TXNS    1000       /* single-row write transactions per run */
#define PG_INSERT_ROWS 50000      /* PostgreSQL row-by-row inserts per side (see bench_pg) */
#define PG_LOOKUPS     20000      /* PostgreSQL lookups per side */
#define TXN_ROUNDS     10         /* single-row transactions run in rounds, sides interleaved */
#define AGG_REPEAT     3          /* aggregate runs per side; the best counts */
#define UNITS          710        /* enforcement units: ~700 district offices + provinces */
#define MAX_AMOUNT     1000000000 /* đồng */

static const char insert_sql[] = "INSERT INTO %s (id, unit_id, amount, name) VALUES ($1, $2, "
                                 "$3, $4)";
static const char lookup_sql[] = "SELECT unit_id, amount, name FROM %s WHERE id = $1";
static const char agg_sql[] = "SELECT unit_id, SUM(amount) FROM %s GROUP BY unit_id";

/* ---- small tools ---- */

/* The database files the temporary directory holds (removed with it). */
static const char *const db_files[] = {"ours.db", "raw.db"};

/* ---- the data ---- */

static const char *const family[] = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                     "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                     "Hồ",     "Ngô",  "Dương", "Lý"};
static const char *const middle[] = {"Văn",  "Thị",   "Hữu",  "Đức", "Minh",
                                     "Ngọc", "Thanh", "Quốc", "Thu", "Gia"};
static const char *const given[] = {"An",    "Bình",  "Châu",  "Dũng", "Giang", "Hà",
                                    "Hải",   "Hương", "Khánh", "Lan",  "Long",  "Mai",
                                    "Nam",   "Nhung", "Phúc",  "Quân", "Sơn",   "Thảo",
                                    "Trang", "Tuấn",  "Uyên",  "Việt", "Xuân",  "Yến"};
#define NFAMILY (sizeof family / sizeof family[0])
#define NMIDDLE (sizeof middle / sizeof middle[0])
#define NGIVEN  (sizeof given / sizeof given[0])
#define NNAMES  (NFAMILY * NMIDDLE * NGIVEN)

/* Every row's values are drawn before any clock starts, so the timed loops only
 * bind and step. Row i (0-based) has id i + 1. */
typedef struct {
    int64_t rows;
    int64_t *unit_id, *amount;
    uint16_t *name; /* index into names */
    int64_t *probe; /* LOOKUPS random ids in 1..rows */
    char names[NNAMES][48];
} dataset_t;

static dataset_t *dataset_new(int64_t rows)
{
    dataset_t *d = calloc(1, sizeof *d);
    uint64_t seed = 20261123;

    if (d == NULL)
        bench_fail("out of memory");
    d->rows = rows;
    d->unit_id = malloc((size_t)rows * sizeof *d->unit_id);
    d->amount = malloc((size_t)rows * sizeof *d->amount);
    d->name = malloc((size_t)rows * sizeof *d->name);
    d->probe = malloc(LOOKUPS * sizeof *d->probe);
    if (!d->unit_id || !d->amount || !d->name || !d->probe)
        bench_fail("out of memory for %" PRId64 " rows", rows);
    for (size_t i = 0; i < NNAMES; i++)
        snprintf(d->names[i], sizeof d->names[i], "%s %s %s", family[i % NFAMILY],
                 middle[(i / NFAMILY) % NMIDDLE], given[i / (NFAMILY * NMIDDLE)]);
    for (int64_t i = 0; i < rows; i++) {
        d->unit_id[i] = (int64_t)(bench_rng(&seed) % UNITS) + 1;
        d->amount[i] = (int64_t)(bench_rng(&seed) % MAX_AMOUNT);
        d->name[i] = (uint16_t)(bench_rng(&seed) % NNAMES);
    }
    for (int i = 0; i < LOOKUPS; i++)
        d->probe[i] = (int64_t)(bench_rng(&seed) % (uint64_t)rows) + 1;
    return d;
}

static void dataset_free(dataset_t *d)
{
    free(d->unit_id);
    free(d->amount);
    free(d->name);
    free(d->probe);
    free(d);
}

/* What a lookup or an aggregate read back, compared between the two sides. */
typedef struct {
    int64_t rows;
    int64_t sum;
} checksum_t;

static void check_same(const char *what, checksum_t ours, checksum_t raw)
{
    if (ours.rows != raw.rows || ours.sum != raw.sum)
        bench_fail("%s: ours read %" PRId64 " rows (sum %" PRId64 "), raw %" PRId64 " (sum %" PRId64
                   ")",
                   what, ours.rows, ours.sum, raw.rows, raw.sum);
}

/* ---- the sides: our interface and the engines' own APIs ---- */

/*
 * A side is one way of reaching the database. Every figure runs its sides in
 * turns — a batch, a chunk of lookups, a round of commits each, who goes first
 * rotating — so whatever the machine does meanwhile (page cache, checkpoints, fsync
 * drift, other processes) falls on all of them alike; each side adds up only its
 * own time.
 */
typedef struct side side_t;

typedef struct {
    /* Rows from..to-1 (ids from+1..to) in one write transaction. */
    void (*insert_batch)(side_t *s, const dataset_t *d, int64_t from, int64_t to);
    /* Lookups of probes from..to-1, statement prepared once or per lookup. */
    void (*lookups)(side_t *s, const dataset_t *d, int from, int to, int prepare_each,
                    checksum_t *sum);
    void (*aggregate)(side_t *s, checksum_t *sum);
    /* One write transaction inserting the single row id. */
    void (*txn_single)(side_t *s, const dataset_t *d, int64_t id);
} side_ops_t;

struct side {
    const char *name;
    const side_ops_t *ops;
    char insert_sql[256], lookup_sql[256], agg_sql[256];
    db_t *db; /* ours */
    db_stmt_t *ins, *look;
    sqlite3 *lite; /* raw SQLite */
    sqlite3_stmt *lite_ins, *lite_look;
    PGconn *pq; /* raw libpq; prepared: PQexecPrepared instead of PQexecParams */
    int prepared;
    double t; /* seconds, summed over the current figure */
};

static void side_init(side_t *s, const char *name, const side_ops_t *ops, const char *table)
{
    memset(s, 0, sizeof *s);
    s->name = name;
    s->ops = ops;
    snprintf(s->insert_sql, sizeof s->insert_sql, insert_sql, table);
    snprintf(s->lookup_sql, sizeof s->lookup_sql, lookup_sql, table);
    snprintf(s->agg_sql, sizeof s->agg_sql, agg_sql, table);
}

/* ---- ours: store/db.h, either engine ---- */

static void ours_exec(db_t *db, const char *sql)
{
    if (db_exec_script(db, sql) != DB_OK)
        bench_fail("%s: [%s] %s", sql, db_sqlstate(db), db_errmsg(db));
}

static db_stmt_t *ours_prepare(db_t *db, const char *sql)
{
    db_stmt_t *st;

    if (db_prepare(db, sql, &st) != DB_OK)
        bench_fail("prepare %s: %s", sql, db_errmsg(db));
    return st;
}

static void ours_insert_row(side_t *s, const dataset_t *d, int64_t id)
{
    int64_t i = (id - 1) % d->rows;

    db_reset(s->ins);
    if (db_bind_int64(s->ins, 1, id) != DB_OK || db_bind_int64(s->ins, 2, d->unit_id[i]) != DB_OK ||
        db_bind_int64(s->ins, 3, d->amount[i]) != DB_OK ||
        db_bind_text(s->ins, 4, d->names[d->name[i]]) != DB_OK || db_step(s->ins) != DB_DONE)
        bench_fail("insert row %" PRId64 ": %s", id, db_errmsg(s->db));
}

static void ours_insert_batch(side_t *s, const dataset_t *d, int64_t from, int64_t to)
{
    if (db_begin(s->db) != DB_OK)
        bench_fail("begin: %s", db_errmsg(s->db));
    for (int64_t i = from; i < to; i++)
        ours_insert_row(s, d, i + 1);
    if (db_commit(s->db) != DB_OK)
        bench_fail("commit: %s", db_errmsg(s->db));
}

static void ours_lookups(side_t *s, const dataset_t *d, int from, int to, int prepare_each,
                         checksum_t *sum)
{
    for (int i = from; i < to; i++) {
        db_stmt_t *st = prepare_each ? ours_prepare(s->db, s->lookup_sql) : s->look;
        if (db_bind_int64(st, 1, d->probe[i]) != DB_OK || db_step(st) != DB_ROW)
            bench_fail("lookup id %" PRId64 ": no row (%s)", d->probe[i], db_errmsg(s->db));
        sum->rows++;
        sum->sum += db_column_int64(st, 0) + db_column_int64(st, 1) +
                    (int64_t)strlen(db_column_text(st, 2));
        if (prepare_each)
            db_finalize(st);
        else
            db_reset(st);
    }
}

static void ours_aggregate(side_t *s, checksum_t *sum)
{
    db_stmt_t *st = ours_prepare(s->db, s->agg_sql);
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        sum->rows++;
        sum->sum += db_column_int64(st, 0) * 1000003 + db_column_int64(st, 1);
    }
    if (rc != DB_DONE)
        bench_fail("aggregate: %s", db_errmsg(s->db));
    db_finalize(st);
}

static void ours_txn_single(side_t *s, const dataset_t *d, int64_t id)
{
    ours_insert_batch(s, d, id - 1, id);
}

static const side_ops_t ours_ops = {ours_insert_batch, ours_lookups, ours_aggregate,
                                    ours_txn_single};

static void ours_open(side_t *s, const char *url, const char *table)
{
    char err[512];

    side_init(s, "ours", &ours_ops, table);
    if (db_open(url, &s->db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
}

static void ours_ready(side_t *s)
{
    s->ins = ours_prepare(s->db, s->insert_sql);
    s->look = ours_prepare(s->db, s->lookup_sql);
}

static void ours_close(side_t *s)
{
    db_finalize(s->ins);
    db_finalize(s->look);
    db_close(s->db);
}

/* ---- raw SQLite ---- */

static void lite_exec(sqlite3 *conn, const char *sql)
{
    if (sqlite3_exec(conn, sql, NULL, NULL, NULL) != SQLITE_OK)
        bench_fail("%s: %s", sql, sqlite3_errmsg(conn));
}

static sqlite3_stmt *lite_prepare(sqlite3 *conn, const char *sql)
{
    sqlite3_stmt *st;

    if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK)
        bench_fail("prepare %s: %s", sql, sqlite3_errmsg(conn));
    return st;
}

/* The way a careful hand-written loop binds: text not copied (SQLITE_STATIC: the
 * buffer outlives the step), no clearing of bindings that are all rebound. */
static void lite_insert_row(side_t *s, const dataset_t *d, int64_t id)
{
    int64_t i = (id - 1) % d->rows;

    sqlite3_bind_int64(s->lite_ins, 1, id);
    sqlite3_bind_int64(s->lite_ins, 2, d->unit_id[i]);
    sqlite3_bind_int64(s->lite_ins, 3, d->amount[i]);
    sqlite3_bind_text(s->lite_ins, 4, d->names[d->name[i]], -1, SQLITE_STATIC);
    if (sqlite3_step(s->lite_ins) != SQLITE_DONE)
        bench_fail("insert row %" PRId64 ": %s", id, sqlite3_errmsg(s->lite));
    sqlite3_reset(s->lite_ins);
}

static void lite_insert_batch(side_t *s, const dataset_t *d, int64_t from, int64_t to)
{
    lite_exec(s->lite, "BEGIN IMMEDIATE");
    for (int64_t i = from; i < to; i++)
        lite_insert_row(s, d, i + 1);
    lite_exec(s->lite, "COMMIT");
}

static void lite_lookups(side_t *s, const dataset_t *d, int from, int to, int prepare_each,
                         checksum_t *sum)
{
    for (int i = from; i < to; i++) {
        sqlite3_stmt *st = prepare_each ? lite_prepare(s->lite, s->lookup_sql) : s->lite_look;
        sqlite3_bind_int64(st, 1, d->probe[i]);
        if (sqlite3_step(st) != SQLITE_ROW)
            bench_fail("lookup id %" PRId64 ": %s", d->probe[i], sqlite3_errmsg(s->lite));
        sum->rows++;
        sum->sum += sqlite3_column_int64(st, 0) + sqlite3_column_int64(st, 1) +
                    (int64_t)strlen((const char *)sqlite3_column_text(st, 2));
        if (prepare_each)
            sqlite3_finalize(st);
        else
            sqlite3_reset(st);
    }
}

static void lite_aggregate(side_t *s, checksum_t *sum)
{
    sqlite3_stmt *st = lite_prepare(s->lite, s->agg_sql);
    int rc;

    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sum->rows++;
        sum->sum += sqlite3_column_int64(st, 0) * 1000003 + sqlite3_column_int64(st, 1);
    }
    if (rc != SQLITE_DONE)
        bench_fail("aggregate: %s", sqlite3_errmsg(s->lite));
    sqlite3_finalize(st);
}

static void lite_txn_single(side_t *s, const dataset_t *d, int64_t id)
{
    lite_insert_batch(s, d, id - 1, id);
}

static const side_ops_t lite_ops = {lite_insert_batch, lite_lookups, lite_aggregate,
                                    lite_txn_single};

/* Open path with the very settings store/sqlite.c uses. */
static void lite_open(side_t *s, const char *name, const char *path, const char *table)
{
    side_init(s, name, &lite_ops, table);
    if (sqlite3_open_v2(path, &s->lite,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        bench_fail("open %s: %s", path, s->lite ? sqlite3_errmsg(s->lite) : "out of memory");
    sqlite3_extended_result_codes(s->lite, 1);
    sqlite3_busy_timeout(s->lite, 5000);
    lite_exec(s->lite, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

static void lite_ready(side_t *s)
{
    s->lite_ins = lite_prepare(s->lite, s->insert_sql);
    s->lite_look = lite_prepare(s->lite, s->lookup_sql);
}

static void lite_close(side_t *s)
{
    sqlite3_finalize(s->lite_ins);
    sqlite3_finalize(s->lite_look);
    sqlite3_close(s->lite);
}

/* ---- raw PostgreSQL (libpq) ---- */

static void pq_exec(PGconn *c, const char *sql)
{
    PGresult *r = PQexec(c, sql);

    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        bench_fail("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
}

/* Parameters as text with server-inferred types, exactly what store/pg.c sends:
 * PQexecParams with the SQL text, so the server parses and plans every time. With
 * s->prepared, PQexecPrepared of a statement prepared once on the server instead:
 * what server-side preparing would save. */
static PGresult *pq_run(side_t *s, int which, int n, const char *const *values)
{
    if (s->prepared)
        return PQexecPrepared(s->pq, which == 0 ? "ins" : "look", n, values, NULL, NULL, 0);
    return PQexecParams(s->pq, which == 0 ? s->insert_sql : s->lookup_sql, n, NULL, values, NULL,
                        NULL, 0);
}

static void pq_insert_row(side_t *s, const dataset_t *d, int64_t id)
{
    int64_t i = (id - 1) % d->rows;
    char sid[24], unit[24], amount[24];
    const char *values[4] = {sid, unit, amount, d->names[d->name[i]]};
    PGresult *r;

    snprintf(sid, sizeof sid, "%" PRId64, id);
    snprintf(unit, sizeof unit, "%" PRId64, d->unit_id[i]);
    snprintf(amount, sizeof amount, "%" PRId64, d->amount[i]);
    r = pq_run(s, 0, 4, values);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        bench_fail("insert row %" PRId64 ": %s", id, PQerrorMessage(s->pq));
    PQclear(r);
}

static void pq_insert_batch(side_t *s, const dataset_t *d, int64_t from, int64_t to)
{
    pq_exec(s->pq, "BEGIN");
    for (int64_t i = from; i < to; i++)
        pq_insert_row(s, d, i + 1);
    pq_exec(s->pq, "COMMIT");
}

static void pq_lookups(side_t *s, const dataset_t *d, int from, int to, int prepare_each,
                       checksum_t *sum)
{
    char id[24];
    const char *values[1] = {id};
    (void)prepare_each; /* PQexecParams prepares every time anyway */

    for (int i = from; i < to; i++) {
        PGresult *r;
        snprintf(id, sizeof id, "%" PRId64, d->probe[i]);
        r = pq_run(s, 1, 1, values);
        if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
            bench_fail("lookup id %s: %s", id, PQerrorMessage(s->pq));
        sum->rows++;
        sum->sum += strtoll(PQgetvalue(r, 0, 0), NULL, 10) +
                    strtoll(PQgetvalue(r, 0, 1), NULL, 10) + (int64_t)strlen(PQgetvalue(r, 0, 2));
        PQclear(r);
    }
}

static void pq_aggregate(side_t *s, checksum_t *sum)
{
    PGresult *r = PQexecParams(s->pq, s->agg_sql, 0, NULL, NULL, NULL, NULL, 0);

    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        bench_fail("aggregate: %s", PQerrorMessage(s->pq));
    for (int i = 0; i < PQntuples(r); i++) {
        sum->rows++;
        sum->sum += strtoll(PQgetvalue(r, i, 0), NULL, 10) * 1000003 +
                    strtoll(PQgetvalue(r, i, 1), NULL, 10);
    }
    PQclear(r);
}

static void pq_txn_single(side_t *s, const dataset_t *d, int64_t id)
{
    pq_insert_batch(s, d, id - 1, id);
}

static const side_ops_t pq_ops = {pq_insert_batch, pq_lookups, pq_aggregate, pq_txn_single};

static void pq_open(side_t *s, const char *name, const char *url, const char *table, int prepared)
{
    side_init(s, name, &pq_ops, table);
    s->prepared = prepared;
    s->pq = PQconnectdb(url);
    if (PQstatus(s->pq) != CONNECTION_OK)
        bench_fail("THADS_BENCH_PG: %s", PQerrorMessage(s->pq));
}

static void pq_ready(side_t *s)
{
    PGresult *r;

    if (!s->prepared)
        return;
    r = PQprepare(s->pq, "ins", s->insert_sql, 4, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        bench_fail("prepare: %s", PQerrorMessage(s->pq));
    PQclear(r);
    r = PQprepare(s->pq, "look", s->lookup_sql, 1, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        bench_fail("prepare: %s", PQerrorMessage(s->pq));
    PQclear(r);
}

/* ---- the figures, sides taking turns ---- */

static void reset_times(side_t *const *sides, int n)
{
    for (int i = 0; i < n; i++)
        sides[i]->t = 0;
}

/* Rows 1..rows in transactions of BATCH rows. */
static void run_insert(side_t *const *sides, int n, const dataset_t *d, int64_t rows,
                       const char *label)
{
    bench_progress_t p;

    reset_times(sides, n);
    bench_progress_start(&p, label, rows);
    for (int64_t b = 0; b < rows; b += BATCH) {
        int64_t end = b + BATCH < rows ? b + BATCH : rows;
        for (int k = 0; k < n; k++) {
            side_t *s = sides[(k + b / BATCH) % n];
            double t0 = bench_now();
            s->ops->insert_batch(s, d, b, end);
            s->t += bench_now() - t0;
        }
        bench_progress_update(&p, end);
    }
    bench_progress_end(&p);
}

/* count (a multiple of 1000, at most LOOKUPS) point lookups in chunks; every side
 * must read back the same rows. */
static void run_lookups(side_t *const *sides, int n, const dataset_t *d, int count,
                        int prepare_each, const char *label)
{
    enum { CHUNK = 1000 };
    checksum_t sums[4] = {{0}};
    bench_progress_t p;

    reset_times(sides, n);
    bench_progress_start(&p, label, count);
    for (int c = 0; c < count; c += CHUNK) {
        for (int k = 0; k < n; k++) {
            int i = (k + c / CHUNK) % n;
            double t0 = bench_now();
            sides[i]->ops->lookups(sides[i], d, c, c + CHUNK, prepare_each, &sums[i]);
            sides[i]->t += bench_now() - t0;
        }
        bench_progress_update(&p, c + CHUNK);
    }
    bench_progress_end(&p);
    for (int i = 1; i < n; i++)
        check_same(label, sums[0], sums[i]);
}

/* The aggregate AGG_REPEAT times per side; each side keeps its best time. Returns
 * the number of groups. */
static int64_t run_aggregate(side_t *const *sides, int n, const char *label)
{
    bench_progress_t p;
    checksum_t first = {0};

    for (int i = 0; i < n; i++)
        sides[i]->t = 1e9;
    bench_progress_start(&p, label, AGG_REPEAT);
    for (int r = 0; r < AGG_REPEAT; r++) {
        for (int i = 0; i < n; i++) {
            checksum_t sum = {0};
            double t0 = bench_now(), t;
            sides[i]->ops->aggregate(sides[i], &sum);
            t = bench_now() - t0;
            sides[i]->t = t < sides[i]->t ? t : sides[i]->t;
            if (r == 0 && i == 0)
                first = sum;
            check_same(label, first, sum);
        }
        bench_progress_update(&p, r + 1);
    }
    bench_progress_end(&p);
    return first.rows;
}

/* SINGLE_TXNS one-row write transactions per side, in TXN_ROUNDS rounds; side i
 * inserts ids first_id + i * SINGLE_TXNS + k, so sides may share a table. */
static void run_txns(side_t *const *sides, int n, const dataset_t *d, int64_t first_id,
                     const char *label)
{
    int per = SINGLE_TXNS / TXN_ROUNDS;
    bench_progress_t p;

    reset_times(sides, n);
    bench_progress_start(&p, label, TXN_ROUNDS);
    for (int r = 0; r < TXN_ROUNDS; r++) {
        for (int k = 0; k < n; k++) {
            int i = (k + r) % n;
            int64_t id = first_id + (int64_t)i * SINGLE_TXNS + (int64_t)r * per;
            double t0 = bench_now();
            for (int j = 0; j < per; j++)
                sides[i]->ops->txn_single(sides[i], d, id + j);
            sides[i]->t += bench_now() - t0;
        }
        bench_progress_update(&p, r + 1);
    }
    bench_progress_end(&p);
}

/* One figure, one line: ours, the physical limit beside it, and the expected growth. */
static void report(const char *name, int64_t n, const char *unit, const side_t *ours,
                   const side_t *raw, const char *extra, const char *expect)
{
    printf("%-31s %8" PRId64 " %-7s %8.0f %s/s  (%s: %.0f %s/s, overhead %.2fx%s)  expect %s\n",
           name, n, unit, (double)n / ours->t, unit, raw->name, (double)n / raw->t, unit,
           ours->t / raw->t, extra ? extra : "", expect);
    fflush(stdout);
}

/* ---- SQLite ---- */

/* INTEGER PRIMARY KEY is SQLite's rowid alias and what the migration runner writes
 * for @id_pk@; a column declared BIGINT PRIMARY KEY would not alias the rowid and
 * would add a second b-tree to every insert. Same 64-bit integer either way. */
static const char sqlite_table[] = "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, unit_id "
                                   "BIGINT NOT NULL, amount BIGINT NOT NULL, name TEXT NOT NULL)";

static void bench_sqlite(const dataset_t *d)
{
    char path[4200], url[4300], extra[200];
    side_t ours, raw, normal;
    side_t *pair[2] = {&ours, &raw};
    int64_t n = d->rows, groups;

    printf("store/sqlite: SQLite %s, WAL, synchronous=FULL, foreign_keys=ON, files in %s\n",
           sqlite3_libversion(), bench_tmp_dir);
    fflush(stdout);

    snprintf(url, sizeof url, "sqlite:%s/ours.db", bench_tmp_dir);
    ours_open(&ours, url, "bench_rows");
    ours_exec(ours.db, sqlite_table);
    ours_ready(&ours);
    snprintf(path, sizeof path, "%s/raw.db", bench_tmp_dir);
    lite_open(&raw, "raw sqlite3", path, "bench_rows");
    lite_exec(raw.lite, sqlite_table);
    lite_ready(&raw);

    run_insert(pair, 2, d, d->rows, "sqlite insert-batched (ours, raw)");
    report("store/sqlite insert-batched", n, "rows", &ours, &raw, NULL, "O(n)");

    run_lookups(pair, 2, d, LOOKUPS, 0, "sqlite lookup-pk (ours, raw)");
    report("store/sqlite lookup-pk", LOOKUPS, "lookups", &ours, &raw, NULL, "O(log n) each");

    run_lookups(pair, 2, d, LOOKUPS, 1, "sqlite lookup-pk-prep (ours, raw)");
    report("store/sqlite lookup-pk-prep", LOOKUPS, "lookups", &ours, &raw, NULL, "O(log n) each");

    groups = run_aggregate(pair, 2, "sqlite aggregate (ours, raw)");
    snprintf(extra, sizeof extra, "; %.0f ms vs %.0f ms a query, %" PRId64 " groups", ours.t * 1e3,
             raw.t * 1e3, groups);
    report("store/sqlite aggregate", n, "rows", &ours, &raw, extra, "O(n log n)");

    /* Both files start the commits with an empty WAL. synchronous=NORMAL, the price
     * of durability, runs alone afterwards: interleaved, the pages its commits leave
     * unflushed would be written by the next side's fsync and billed to it. */
    ours_exec(ours.db, "PRAGMA wal_checkpoint(TRUNCATE)");
    lite_exec(raw.lite, "PRAGMA wal_checkpoint(TRUNCATE)");
    raw.name = "raw sqlite3 FULL";
    run_txns(pair, 2, d, n + 1, "sqlite txn-single-row (ours, raw FULL)");
    lite_open(&normal, "raw sqlite3 NORMAL", path, "bench_rows");
    lite_exec(normal.lite, "PRAGMA synchronous=NORMAL");
    lite_ready(&normal);
    {
        side_t *alone[1] = {&normal};
        run_txns(alone, 1, d, n + 1 + 2 * SINGLE_TXNS, "sqlite txn-single-row (raw NORMAL)");
    }
    snprintf(extra, sizeof extra,
             "; %.3f ms a commit; raw synchronous=NORMAL: %.0f txns/s, %.3f ms: durability "
             "costs %.1fx",
             ours.t * 1e3 / SINGLE_TXNS, SINGLE_TXNS / normal.t, normal.t * 1e3 / SINGLE_TXNS,
             raw.t / normal.t);
    report("store/sqlite txn-single-row", SINGLE_TXNS, "txns", &ours, &raw, extra,
           "O(1) each, one fsync");

    lite_close(&normal);
    lite_close(&raw);
    ours_close(&ours);
}

/* ---- PostgreSQL ---- */

static const char *const pg_tables[] = {"thads_bench_ours", "thads_bench_raw", "thads_bench_prep"};

static void pg_tables_drop(PGconn *c)
{
    char sql[128];

    for (size_t i = 0; i < sizeof pg_tables / sizeof pg_tables[0]; i++) {
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %s", pg_tables[i]);
        pq_exec(c, sql);
    }
}

/* Rows from..to-1 into table with COPY FROM STDIN, the bulk path libpq offers and
 * store/db.h does not. Returns seconds. */
static double pq_copy(PGconn *c, const char *table, const dataset_t *d, int64_t from, int64_t to)
{
    char sql[128], buf[65536];
    size_t len = 0;
    double t0 = bench_now();
    PGresult *r;

    snprintf(sql, sizeof sql, "COPY %s (id, unit_id, amount, name) FROM STDIN", table);
    r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN)
        bench_fail("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    for (int64_t i = from; i < to; i++) {
        /* names hold no tab, newline or backslash: no escaping needed */
        int n = snprintf(buf + len, sizeof buf - len, "%" PRId64 "\t%" PRId64 "\t%" PRId64 "\t%s\n",
                         i + 1, d->unit_id[i], d->amount[i], d->names[d->name[i]]);
        if ((size_t)n >= sizeof buf - len) { /* full: send what fits, write the row again */
            if (PQputCopyData(c, buf, (int)len) != 1)
                bench_fail("COPY: %s", PQerrorMessage(c));
            len = 0;
            i--;
            continue;
        }
        len += (size_t)n;
    }
    if ((len > 0 && PQputCopyData(c, buf, (int)len) != 1) || PQputCopyEnd(c, NULL) != 1)
        bench_fail("COPY: %s", PQerrorMessage(c));
    r = PQgetResult(c);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        bench_fail("COPY: %s", PQerrorMessage(c));
    PQclear(r);
    while ((r = PQgetResult(c)) != NULL)
        PQclear(r);
    return bench_now() - t0;
}

/* The backend serving a side's connection. */
static pid_t backend_pid(side_t *s)
{
    int64_t pid = 0;
    PGresult *r;

    if (s->db != NULL)
        return db_query_int64(s->db, "SELECT pg_backend_pid()", &pid) == DB_ROW ? (pid_t)pid : 0;
    r = PQexec(s->pq, "SELECT pg_backend_pid()");
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        pid = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return (pid_t)pid;
}

static int pin(pid_t pid, int cpu)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(pid, sizeof set, &set);
}

/*
 * Where the scheduler puts a backend decides what a round trip costs: on the
 * client's core it is a context switch, on the other core a cross-core wake-up,
 * several times slower on a virtual machine. Left to chance, one side's backend
 * lands here and another's there, and the comparison measures the placement. So
 * the client goes on core 0 and every backend on core 1: each round trip crosses
 * cores, the same for all sides, as it would to a server on another host.
 * Returns 0 when pinned (the caller restores *saved afterwards).
 */
static int pin_apart(side_t *const *sides, int n, cpu_set_t *saved)
{
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2 || sched_getaffinity(0, sizeof *saved, saved) != 0 ||
        !CPU_ISSET(0, saved) || !CPU_ISSET(1, saved))
        return -1;
    for (int i = 0; i < n; i++) {
        pid_t pid = backend_pid(sides[i]);
        if (pid <= 0 || pin(pid, 1) != 0)
            return -1;
    }
    return pin(0, 0);
}

/*
 * Every row statement is a round trip to the server, and on this kind of machine a
 * round trip between two processes costs far more than the work (see
 * docs/internals/benchmarks.md). So the row-by-row figures run on PG_INSERT_ROWS
 * rows and PG_LOOKUPS lookups — their rates do not depend on n — and the rest of
 * the ROWS rows is loaded with COPY, so the aggregate still reads all of them.
 */
static void bench_pg(const char *url, const dataset_t *d)
{
    side_t ours, raw, prep;
    side_t *sides[3] = {&ours, &raw, &prep};
    char sql[512], extra[200];
    int64_t n = d->rows, k = n < PG_INSERT_ROWS ? n : PG_INSERT_ROWS, groups;
    double copy = 0;
    cpu_set_t saved;
    int pinned;
    PGresult *r;

    ours_open(&ours, url, pg_tables[0]);
    pq_open(&raw, "raw PQexecParams", url, pg_tables[1], 0);
    pq_open(&prep, "raw PQexecPrepared", url, pg_tables[2], 1);
    r = PQexec(raw.pq, "SELECT current_setting('server_version'), current_setting('fsync'), "
                       "current_setting('synchronous_commit')");
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        bench_fail("PostgreSQL settings: %s", PQerrorMessage(raw.pq));
    pinned = pin_apart(sides, 3, &saved) == 0;
    printf("store/pg: PostgreSQL %s, fsync=%s, synchronous_commit=%s; row-by-row figures on "
           "%" PRId64 " rows and %d lookups, the rest loaded by COPY; %s\n",
           PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 2), k, PG_LOOKUPS,
           pinned ? "client on core 0, backends on core 1"
                  : "client and backends not pinned (round-trip figures vary with placement)");
    PQclear(r);
    fflush(stdout);
    pg_tables_drop(raw.pq);
    for (size_t i = 0; i < sizeof pg_tables / sizeof pg_tables[0]; i++) {
        snprintf(sql, sizeof sql,
                 "CREATE TABLE %s (id BIGINT PRIMARY KEY, unit_id BIGINT NOT NULL, amount "
                 "BIGINT NOT NULL, name TEXT NOT NULL)",
                 pg_tables[i]);
        pq_exec(raw.pq, sql);
    }
    ours_ready(&ours);
    pq_ready(&raw);
    pq_ready(&prep);

    run_insert(sides, 3, d, k, "pg insert-batched (ours, params, prepared)");
    snprintf(extra, sizeof extra, "; raw PQexecPrepared: %.0f rows/s", (double)k / prep.t);
    report("store/pg insert-batched", k, "rows", &ours, &raw, extra, "O(n)");

    if (k < n) {
        bench_progress_t p;
        bench_progress_start(&p, "pg COPY the remaining rows", 3);
        for (size_t i = 0; i < sizeof pg_tables / sizeof pg_tables[0]; i++) {
            double t = pq_copy(raw.pq, pg_tables[i], d, k, n);
            copy = i == 0 || t < copy ? t : copy;
            bench_progress_update(&p, (int64_t)i + 1);
        }
        bench_progress_end(&p);
        printf("%-31s %8" PRId64 " %-7s %8.0f %s/s  (raw libpq COPY FROM STDIN, best of 3 "
               "tables; store/db.h has no bulk path)  expect O(n)\n",
               "store/pg copy", n - k, "rows", (double)(n - k) / copy, "rows");
        fflush(stdout);
    }
    for (size_t i = 0; i < sizeof pg_tables / sizeof pg_tables[0]; i++) {
        snprintf(sql, sizeof sql, "VACUUM ANALYZE %s", pg_tables[i]);
        pq_exec(raw.pq, sql);
    }

    run_lookups(sides, 3, d, PG_LOOKUPS, 0, "pg lookup-pk (ours, params, prepared)");
    snprintf(extra, sizeof extra, "; raw PQexecPrepared: %.0f lookups/s", PG_LOOKUPS / prep.t);
    report("store/pg lookup-pk", PG_LOOKUPS, "lookups", &ours, &raw, extra, "O(log n) each");

    groups = run_aggregate(sides, 2, "pg aggregate (ours, raw)");
    snprintf(extra, sizeof extra, "; %.0f ms vs %.0f ms a query, %" PRId64 " groups", ours.t * 1e3,
             raw.t * 1e3, groups);
    report("store/pg aggregate", n, "rows", &ours, &raw, extra, "O(n) (hash aggregate)");

    run_txns(sides, 2, d, n + 1, "pg txn-single-row (ours, raw)");
    snprintf(extra, sizeof extra, "; %.3f ms a commit", ours.t * 1e3 / SINGLE_TXNS);
    report("store/pg txn-single-row", SINGLE_TXNS, "txns", &ours, &raw, extra,
           "O(1) each, one WAL flush");

    pg_tables_drop(raw.pq);
    PQfinish(prep.pq);
    PQfinish(raw.pq);
    ours_close(&ours);
    if (pinned)
        sched_setaffinity(0, sizeof saved, &saved);
}

int main(int argc, char **argv)
{
    const char *pg = getenv("THADS_BENCH_PG");
    int64_t rows = DEFAULT_ROWS;
    dataset_t *d;
    double t0 = bench_now();

    bench_set_name("bench_store");

    if (argc > 2 || (argc == 2 && strcmp(argv[1], "--help") == 0)) {
        fprintf(stderr,
                "usage: bench_store [ROWS]   (default %d; THADS_BENCH_PG=URL adds PostgreSQL)\n",
                DEFAULT_ROWS);
        return 2;
    }
    if (argc == 2) {
        char *end;
        errno = 0;
        rows = strtoll(argv[1], &end, 10);
        if (errno != 0 || *end != '\0' || rows < 1000 || rows > 1000000000) {
            fprintf(stderr, "bench_store: ROWS must be a number from 1000 to 1000000000\n");
            return 2;
        }
    }
    if (bench_make_tmp_dir("thads-bench-store", db_files, sizeof db_files / sizeof db_files[0]) !=
        0)
        return 1;

    d = dataset_new(rows);
    bench_sqlite(d);
    if (pg != NULL && pg[0] != '\0')
        bench_pg(pg, d);
    else
        printf("store/pg: skipped (THADS_BENCH_PG is not set; scripts/bench.sh sets it)\n");
    dataset_free(d);
    printf("store: done in %.1f s\n", bench_now() - t0);
    return 0;
}
