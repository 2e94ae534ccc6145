/*
 * store/pg.c — the PostgreSQL backend (national scale, hot standbys for reports).
 *
 * Parameters travel as text with unspecified types, so the server infers each
 * one from its use, exactly as it does for literals: the same SQL text that
 * SQLite runs works here. Where inference is ambiguous the SQL says
 * CAST($1 AS BIGINT), which both engines accept.
 *
 * Results are buffered client-side (PQexecParams): simple and fast for the
 * small result sets repositories produce. Lists that can grow without bound
 * must page with LIMIT in their SQL; that is a rule for repositories, not a
 * limitation to work around here.
 *
 * A connection that the server dropped (restart, fail-over) is re-established
 * by db_ping() and before a statement that starts outside a transaction; inside
 * a transaction the error surfaces, because the transaction is gone anyway.
 *
 * A bulk writer (db_bulk_begin: the case importer) does not wait for its writes: an
 * INSERT, UPDATE or DELETE that returns no rows and whose count its caller does not read
 * (db_stmt.answer_unread: q_exec) is sent in libpq's pipeline mode and its answer read
 * later, with up to PG_PIPELINE_MAX others, when a statement needing an answer comes, at
 * the commit, or when that many are in flight (flush_pipeline). Many cases' rows then
 * share one round trip instead of one each. A write that fails makes the statement that
 * reads the answers fail (the transaction is aborted anyway): the import stops and rolls
 * back, all or nothing.
 *
 * A row whose id the writer needs (a party, then its case's links to it) would still
 * wait for its RETURNING; a bulk writer takes such ids in advance instead, a block of
 * PG_ID_BLOCK from the table's sequence per round trip (db_take_id), and inserts the
 * row with its id, pipelined like the rest. Ids of a block left unused are gaps, as a
 * rolled-back nextval leaves.
 *
 * Each statement still costs the server its own execution, about 25 µs here whatever
 * its size. The rows of a table no other row refers to, which the load does not read
 * back (q_append: a case's events, its links to parties, its deadlines), wait in memory
 * instead as COPY text, a buffer per table, and go with one COPY each (flush_copies):
 * before any statement whose text names the table, at the commit, or past
 * PG_COPY_BYTES. The pipeline's statements go first, so the rows they refer to are in.
 *
 * Reads go ahead the same way when their caller asks (db_send: a case's detail reads its
 * parties, items, deadlines and pending sums): each is sent at once in pipeline mode, and
 * the first step of any of them, or any other statement, sends a sync and reads every
 * answer into its own statement (read_sent). Four reads then cost one round trip.
 */
#include "store/db_impl.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Inserts in flight before their answers are read (bounds the memory on both sides). */
#define PG_PIPELINE_MAX 1000
/* db_take_id: ids taken from a sequence per round trip, and the tables a bulk writer
 * takes them for (a party, a judgment, a case, a ledger transaction: see the callers). */
#define PG_ID_BLOCK  512
#define PG_ID_TABLES 8
/* q_append: the tables whose rows wait for COPY, and the bytes they wait in at most. */
#define PG_COPY_TABLES 8
#define PG_COPY_BYTES  (8 << 20)

/* db_take_id: ids taken in advance for one table. */
typedef struct {
    const char *table;
    int64_t id[PG_ID_BLOCK];
    int n, next;
} pg_ids_t;

/* q_append: the rows of one COPY statement ("COPY t (cols) FROM STDIN"), waiting in
 * COPY's text format. */
typedef struct {
    char *sql;      /* NULL: an empty slot */
    char table[64]; /* t: a statement naming it must see the rows (flush_copies_for) */
    char *buf;
    size_t len, cap;
} pg_copy_t;

typedef struct {
    struct db base;
    PGconn *conn;
    unsigned names;      /* server-side statements named so far: thads_1, thads_2, ... */
    unsigned generation; /* bumped when the connection is re-established */
    int queued;          /* writes sent in pipeline mode, answers not yet read */
    pg_ids_t *ids;       /* db_take_id: PG_ID_TABLES of them; NULL until then */
    pg_copy_t copies[PG_COPY_TABLES];
    size_t copy_bytes; /* rows waiting in all of them */
    /* db_send: reads sent in pipeline mode whose answers are not read yet, in order */
    struct pg_stmt *sent_first, *sent_last;
} pg_db_t;

typedef struct pg_stmt {
    struct db_stmt base;
    char *sql;
    char name[24];               /* "" for an unnamed statement, sent with PQexecParams */
    unsigned generation;         /* of the connection it was prepared on */
    int nparams;                 /* highest $N bound so far */
    char *values[DB_MAX_PARAMS]; /* owned copies; NULL = SQL NULL */
    PGresult *res;
    int deferrable; /* a write returning nothing: pipelined in bulk mode if unread */
    int copy;       /* a COPY ... FROM STDIN: its row waits (q_append) */
    int row;        /* current row, -1 before the first */
    int executed;
    int sent;     /* db_send: on its way, its answer not read yet (pg_db_t.sent_first) */
    int answered; /* its answer was read by read_sent, and is checked at its first step */
    struct pg_stmt *sent_next;
    int64_t changes;
} pg_stmt_t;

static PGconn *conn_of(const db_t *db)
{
    return ((const pg_db_t *)db)->conn;
}

static int code_of_sqlstate(const char *state)
{
    if (strncmp(state, "23", 2) == 0)
        return DB_CONSTRAINT;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
        return DB_BUSY;
    if (strcmp(state, "53200") == 0)
        return DB_NOMEM;
    if (strcmp(state, "57014") == 0) /* canceled: ours (db_set_deadline), or a DBA's */
        return DB_INTERRUPTED;
    return DB_ERROR;
}

/* Record the failure described by res (or by the connection when res is NULL). */
static int pg_fail(db_t *db, const PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_of(db));
    size_t n;

    if (state == NULL)
        state = PQstatus(conn_of(db)) == CONNECTION_OK ? "HY000" : "08006";
    db_fail(db, code_of_sqlstate(state), state, "%s", msg && msg[0] ? msg : "unknown error");
    /* libpq messages end with a newline; logs and JSON are cleaner without it. */
    n = strlen(db->errmsg);
    while (n > 0 && (db->errmsg[n - 1] == '\n' || db->errmsg[n - 1] == ' '))
        db->errmsg[--n] = '\0';
    return code_of_sqlstate(state);
}

/* What every session of ours is set to: a fresh one (PQreset too) has the server's and
 * database's defaults, and a DateStyle other than ISO makes dates unreadable (q_date). */
static const char session_settings[] =
    "SET client_encoding TO 'UTF8'; SET TIME ZONE 'UTC'; SET DateStyle TO ISO";

static int pg_exec_script(db_t *db, const char *sql);
static int read_sent(db_t *db);

static void reconnect_if_dropped(db_t *db)
{
    if (!db->in_txn && PQstatus(conn_of(db)) != CONNECTION_OK) {
        PQreset(conn_of(db));
        ((pg_db_t *)db)->generation++; /* the server forgot the named statements */
        if (PQstatus(conn_of(db)) == CONNECTION_OK)
            (void)pg_exec_script(db, session_settings); /* a failure shows on the next use */
    }
}

/* Read the answers of the inserts in flight and leave pipeline mode. DB_OK, or the
 * first insert's failure (the others were then skipped by the server). */
static int flush_pipeline(db_t *db)
{
    pg_db_t *h = (pg_db_t *)db;
    PGconn *c = h->conn;
    int rc = read_sent(db);

    if (rc != DB_OK || PQpipelineStatus(c) == PQ_PIPELINE_OFF)
        return rc;
    db->round_trips++;
    if (PQpipelineSync(c) != 1)
        rc = pg_fail(db, NULL);
    /* Each insert's answer ends with a NULL; the sync's is PGRES_PIPELINE_SYNC. */
    for (int syncs = rc == DB_OK ? 1 : 0; syncs > 0;) {
        PGresult *res = PQgetResult(c);
        ExecStatusType st;
        if (res == NULL) {
            if (PQstatus(c) != CONNECTION_OK) {
                rc = pg_fail(db, NULL);
                break;
            }
            continue;
        }
        st = PQresultStatus(res);
        if (st == PGRES_PIPELINE_SYNC)
            syncs--;
        else if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_PIPELINE_ABORTED &&
                 rc == DB_OK)
            rc = pg_fail(db, res);
        PQclear(res);
    }
    h->queued = 0;
    if (PQexitPipelineMode(c) != 1 && rc == DB_OK)
        rc = pg_fail(db, NULL);
    return rc;
}

/* Send st without waiting: PQsendQueryPrepared for a kept statement, PQsendQueryParams
 * (parse and plan for these values) for the others. 1 if sent, as libpq says. */
static int send_query(pg_stmt_t *st)
{
    PGconn *c = conn_of(st->base.db);
    const char *const *values = (const char *const *)st->values;

    if (st->name[0] != '\0')
        return PQsendQueryPrepared(c, st->name, st->nparams, values, NULL, NULL, 0);
    return PQsendQueryParams(c, st->sql, st->nparams, NULL, values, NULL, NULL, 0);
}

/* The same in pipeline mode, entered if it is not yet: DB_OK or the failure. */
static int send_in_pipeline(pg_stmt_t *st)
{
    PGconn *c = conn_of(st->base.db);

    if (PQpipelineStatus(c) == PQ_PIPELINE_OFF && PQenterPipelineMode(c) != 1)
        return pg_fail(st->base.db, NULL);
    return send_query(st) == 1 ? DB_OK : pg_fail(st->base.db, NULL);
}

/* Send st in pipeline mode without waiting for its answer (bulk mode, a write). */
static int send_pipelined(pg_stmt_t *st)
{
    db_t *db = st->base.db;
    pg_db_t *h = (pg_db_t *)db;
    int rc = send_in_pipeline(st);

    if (rc != DB_OK)
        return rc;
    st->executed = 1;
    st->changes = 0; /* not known: its answer is read later, by nobody (answer_unread) */
    if (++h->queued >= PG_PIPELINE_MAX)
        return flush_pipeline(db);
    return DB_OK;
}

/* Send the rows waiting for COPY, after the pipeline's statements: DB_OK or the first
 * failure (the transaction is then aborted; the rows are dropped either way). */
static int flush_copies(db_t *db)
{
    pg_db_t *h = (pg_db_t *)db;
    PGconn *c = h->conn;
    int rc = h->copy_bytes > 0 ? flush_pipeline(db) : DB_OK;

    for (int i = 0; i < PG_COPY_TABLES && h->copy_bytes > 0; i++) {
        pg_copy_t *cp = &h->copies[i];
        PGresult *res;
        if (cp->len == 0)
            continue;
        if (rc == DB_OK) {
            db->round_trips += 2; /* COPY's start, then its rows and end */
            res = PQexec(c, cp->sql);
            if (PQresultStatus(res) != PGRES_COPY_IN)
                rc = pg_fail(db, res);
            PQclear(res);
        }
        if (rc == DB_OK) { /* the rows, and the end (with an error if they did not go) */
            int sent = PQputCopyData(c, cp->buf, (int)cp->len) == 1;
            if (PQputCopyEnd(c, sent ? NULL : "thads: the rows could not be sent") != 1 || !sent)
                rc = pg_fail(db, NULL);
        }
        while ((res = PQgetResult(c)) != NULL) { /* the COPY's answer, then NULL */
            ExecStatusType status = PQresultStatus(res);
            if (status != PGRES_COMMAND_OK && rc == DB_OK)
                rc = pg_fail(db, res);
            PQclear(res);
            if (status == PGRES_COPY_IN) /* (never after the end: a broken connection) */
                break;
        }
        h->copy_bytes -= cp->len;
        cp->len = 0;
    }
    return rc;
}

/* Forget the rows waiting for COPY (the transaction ends without them). */
static void drop_copies(pg_db_t *h)
{
    for (int i = 0; i < PG_COPY_TABLES; i++)
        h->copies[i].len = 0;
    h->copy_bytes = 0;
}

/* Send the waiting rows if sql names a table they wait for. */
static int flush_copies_for(db_t *db, const char *sql)
{
    pg_db_t *h = (pg_db_t *)db;

    for (int i = 0; i < PG_COPY_TABLES && h->copy_bytes > 0; i++)
        if (h->copies[i].len > 0 && strstr(sql, h->copies[i].table) != NULL)
            return flush_copies(db);
    return DB_OK;
}

/* Room for n more bytes in cp: 0, or -1 out of memory. */
static int copy_reserve(pg_copy_t *cp, size_t n)
{
    size_t cap = cp->cap ? cp->cap : 1 << 16;
    char *buf;

    if (cp->cap - cp->len >= n)
        return 0;
    while (cap - cp->len < n)
        cap *= 2;
    if ((buf = realloc(cp->buf, cap)) == NULL)
        return -1;
    cp->buf = buf, cp->cap = cap;
    return 0;
}

/* Append the field v (NULL: SQL NULL) to cp, escaped for COPY's text format, after a tab
 * unless it is the row's first. */
static int copy_field(pg_copy_t *cp, const char *v, int first)
{
    size_t n = v ? strlen(v) : 0;

    if (copy_reserve(cp, 2 * n + 3) != 0) /* every byte escaped at worst, tab, \N */
        return -1;
    if (!first)
        cp->buf[cp->len++] = '\t';
    if (v == NULL) {
        cp->buf[cp->len++] = '\\', cp->buf[cp->len++] = 'N';
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = v[i];
        char esc = ch == '\\' ? '\\' : ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : 0;
        if (esc != 0)
            cp->buf[cp->len++] = '\\', ch = esc;
        cp->buf[cp->len++] = ch;
    }
    return 0;
}

/* Keep st's row (a COPY statement's parameters) with the others of its table. */
static int append_row(pg_stmt_t *st)
{
    db_t *db = st->base.db;
    pg_db_t *h = (pg_db_t *)db;
    pg_copy_t *cp = NULL;
    size_t before;

    if (!db_pipelined(db))
        return db_fail(db, DB_ERROR, "0A000", "COPY outside a bulk load's transaction");
    for (int i = 0; i < PG_COPY_TABLES && cp == NULL; i++)
        if (h->copies[i].sql == NULL || strcmp(h->copies[i].sql, st->sql) == 0)
            cp = &h->copies[i];
    if (cp == NULL)
        return db_fail(db, DB_ERROR, "54000", "more than %d tables to COPY", PG_COPY_TABLES);
    if (cp->sql == NULL) {
        const char *t = st->sql + strlen("COPY ");
        size_t n = strcspn(t, " (");
        if (n >= sizeof cp->table)
            return db_fail(db, DB_ERROR, "42622", "table name too long to COPY");
        if ((cp->sql = strdup(st->sql)) == NULL)
            return db_fail_nomem(db);
        memcpy(cp->table, t, n);
        cp->table[n] = '\0';
    }
    before = cp->len;
    for (int i = 0; i < st->nparams; i++)
        if (copy_field(cp, st->values[i], i == 0) != 0) {
            cp->len = before;
            return db_fail_nomem(db);
        }
    if (copy_reserve(cp, 1) != 0) {
        cp->len = before;
        return db_fail_nomem(db);
    }
    cp->buf[cp->len++] = '\n';
    st->executed = 1;
    st->changes = 0; /* not known until the COPY */
    h->copy_bytes += cp->len - before;
    return h->copy_bytes > PG_COPY_BYTES ? flush_copies(db) : DB_OK;
}

/* Prepare st's text on the server under its name. */
static int server_prepare(pg_stmt_t *st)
{
    pg_db_t *h = (pg_db_t *)st->base.db;
    PGresult *res;
    int rc = flush_pipeline(&h->base);

    if (rc != DB_OK)
        return rc;
    h->base.round_trips++;
    res = PQprepare(h->conn, st->name, st->sql, 0, NULL);

    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = pg_fail(&h->base, res);
    else
        st->generation = h->generation;
    PQclear(res);
    return rc;
}

static void pg_close(db_t *db)
{
    pg_db_t *h = (pg_db_t *)db;

    PQfinish(h->conn);
    free(h->ids);
    for (int i = 0; i < PG_COPY_TABLES; i++)
        free(h->copies[i].sql), free(h->copies[i].buf);
    free(db);
}

static int pg_exec_script(db_t *db, const char *sql)
{
    PGresult *res;
    int ok;

    db_clear_error(db);
    reconnect_if_dropped(db);
    if (strncmp(sql, "ROLLBACK", 8) == 0) {
        drop_copies((pg_db_t *)db);
    } else {
        int rc = flush_copies(db);
        if (rc != DB_OK)
            return rc;
    }
    if (PQpipelineStatus(conn_of(db)) != PQ_PIPELINE_OFF) {
        int rc = flush_pipeline(db);
        /* a ROLLBACK still runs: it is what ends the failed transaction */
        if (rc != DB_OK && strncmp(sql, "ROLLBACK", 8) != 0)
            return rc;
    }
    db->round_trips++;
    res = PQexec(conn_of(db), sql);
    /* EMPTY_QUERY: a script of comments only, such as a migration with nothing to do on
     * this engine. */
    ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK ||
         PQresultStatus(res) == PGRES_EMPTY_QUERY;
    if (!ok) {
        int rc = pg_fail(db, res);
        PQclear(res);
        return rc;
    }
    PQclear(res);
    return DB_OK;
}

static int pg_ping(db_t *db)
{
    int64_t one = 0;

    reconnect_if_dropped(db);
    return db_query_int64(db, "SELECT 1", &one) == DB_ROW && one == 1 ? DB_OK : DB_ERROR;
}

/* An unnamed statement (once, or replanned) is only copied here and sent with its
 * parameters at each run (PQexecParams: parse, plan for these values and run in one
 * round trip). A kept one is parsed on the server now, under a name, and each step sends
 * only the name and the parameters (PQexecPrepared): no parsing, and after five runs
 * no planning either (db_prepare_replanned says when that plan is the wrong one). */
static int pg_prepare(db_t *db, const char *sql, int how, db_stmt_t **out)
{
    pg_db_t *h = (pg_db_t *)db;
    pg_stmt_t *st;
    int rc;

    db_clear_error(db);
    reconnect_if_dropped(db);
    st = calloc(1, sizeof *st);
    if (st == NULL || (st->sql = strdup(sql)) == NULL) {
        free(st);
        return db_fail_nomem(db);
    }
    st->base.db = db;
    st->row = -1;
    st->deferrable = (strncmp(sql, "INSERT", 6) == 0 || strncmp(sql, "UPDATE", 6) == 0 ||
                      strncmp(sql, "DELETE", 6) == 0) &&
                     strstr(sql, "RETURNING") == NULL;
    st->copy = strncmp(sql, "COPY ", 5) == 0;
    if (how == DB_PREPARE_KEPT && !st->copy) { /* (a COPY is never run as a statement) */
        snprintf(st->name, sizeof st->name, "thads_%u", ++h->names);
        if ((rc = server_prepare(st)) != DB_OK) {
            free(st->sql);
            free(st);
            return rc;
        }
    }
    *out = &st->base;
    return DB_OK;
}

static int set_param(db_stmt_t *s, int idx, char *value, int is_null)
{
    pg_stmt_t *st = (pg_stmt_t *)s;

    if (idx < 1 || idx > DB_MAX_PARAMS) {
        free(value);
        return db_fail(s->db, DB_ERROR, "42P02", "statement has no parameter $%d", idx);
    }
    if (!is_null && value == NULL)
        return db_fail_nomem(s->db);
    free(st->values[idx - 1]);
    st->values[idx - 1] = value;
    if (idx > st->nparams)
        st->nparams = idx;
    return DB_OK;
}

static int pg_bind_int64(db_stmt_t *s, int idx, int64_t v)
{
    char buf[24];

    snprintf(buf, sizeof buf, "%" PRId64, v);
    return set_param(s, idx, strdup(buf), 0);
}

/* Always copied: the parameters are freed with the statement's (set_param). */
static int pg_bind_text(db_stmt_t *s, int idx, const char *v, int borrowed)
{
    (void)borrowed;
    return set_param(s, idx, strdup(v), 0);
}

static int pg_bind_null(db_stmt_t *s, int idx)
{
    return set_param(s, idx, NULL, 1);
}

static void clear_result(pg_stmt_t *st)
{
    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    st->executed = 0;
    st->answered = 0;
    st->changes = 0;
}

static int pg_reset(db_stmt_t *s)
{
    pg_stmt_t *st = (pg_stmt_t *)s;

    if (st->sent)
        (void)read_sent(s->db); /* its answer is dropped below; a failure, with it */
    clear_result(st);
    for (int i = 0; i < DB_MAX_PARAMS; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
    }
    st->nparams = 0;
    return DB_OK;
}

/* Wait for the answer to the query just sent (PQsend*), as PQexec would, but in slices
 * of DB_GONE_CHECK_MS up to the deadline (db_set_deadline): when the work should stop, a
 * cancel request goes to the server (PQcancel, on a connection of its own) and the
 * statement ends with SQLSTATE 57014, the transaction aborted. Returns the first result
 * (the others, if any, are read and dropped), or NULL with the connection's error. */
static PGresult *wait_result(db_t *db)
{
    PGconn *c = conn_of(db);
    PGresult *first = NULL, *res;
    int cancelled = 0;

    while (PQisBusy(c)) {
        struct pollfd pfd = {.fd = PQsocket(c), .events = POLLIN};
        int ms = DB_GONE_CHECK_MS;
        if (pfd.fd < 0)
            break;
        if (db->gone == NULL && db->deadline_ns != 0) {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            int64_t left = db->deadline_ns - ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
            ms = left <= 0 ? 0 : (int)(left / 1000000 + 1);
        }
        int n = poll(&pfd, 1, cancelled ? 500 : ms);
        if (n < 0)
            continue; /* EINTR */
        if (n > 0 && !PQconsumeInput(c))
            break;
        /* Cancel, and again every half second without an answer: a cancel that reaches
         * the backend between two protocol messages of the statement is lost. */
        if (cancelled ? n == 0 : db_should_stop(db)) {
            char why[256];
            PGcancel *cn = PQgetCancel(c);
            if (cn != NULL) {
                (void)PQcancel(cn, why, sizeof why);
                PQfreeCancel(cn);
            }
            cancelled = 1;
        }
    }
    while ((res = PQgetResult(c)) != NULL) {
        if (first == NULL)
            first = res;
        else
            PQclear(res);
    }
    return first;
}

/* st's answer, just read: DB_OK, or its failure recorded (and the answer dropped). */
static int check_answer(pg_stmt_t *st)
{
    db_t *db = st->base.db;
    ExecStatusType status = PQresultStatus(st->res);
    int rc;

    if (status == PGRES_PIPELINE_ABORTED) {
        rc = db_fail(db, DB_ERROR, "HY000", "not run: a statement sent before it failed");
    } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        rc = pg_fail(db, st->res);
    } else {
        st->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
        return DB_OK;
    }
    PQclear(st->res);
    st->res = NULL;
    return rc;
}

/* Read the answers of the reads sent ahead (db_send), each into its statement, after a
 * sync, and leave pipeline mode. Each statement's own failure shows at its first step;
 * this returns only a failure of the connection's. */
static int read_sent(db_t *db)
{
    pg_db_t *h = (pg_db_t *)db;
    PGresult *res;
    int rc = DB_OK;

    if (h->sent_first == NULL)
        return DB_OK;
    db->round_trips++;
    if (PQpipelineSync(h->conn) != 1)
        rc = pg_fail(db, NULL);
    for (pg_stmt_t *st = h->sent_first, *next; st != NULL; st = next) {
        next = st->sent_next;
        st->res = rc == DB_OK ? wait_result(db) : NULL; /* NULL: lost with the connection */
        st->sent = 0;
        st->sent_next = NULL;
        st->executed = st->answered = 1;
    }
    h->sent_first = h->sent_last = NULL;
    if (rc == DB_OK && (res = wait_result(db)) != NULL) /* the sync's */
        PQclear(res);
    if (PQexitPipelineMode(h->conn) != 1 && rc == DB_OK)
        rc = pg_fail(db, NULL);
    return rc;
}

/* db_send: send st now in pipeline mode; its answer is read with the others sent before
 * the next step of any statement (read_sent). In a bulk load, whose writes have the
 * pipeline, st simply runs at its first step. */
static int pg_send(db_stmt_t *s)
{
    pg_stmt_t *st = (pg_stmt_t *)s;
    db_t *db = s->db;
    pg_db_t *h = (pg_db_t *)db;
    int rc;

    if (st->copy || st->executed || st->sent || db->pipelined)
        return DB_OK;
    if ((rc = flush_copies_for(db, st->sql)) != DB_OK)
        return rc;
    if (h->sent_first == NULL)
        reconnect_if_dropped(db);
    /* PQprepare is not allowed in pipeline mode: what was sent is read first (rare: a
     * kept statement on a connection established again) */
    if (st->name[0] != '\0' && st->generation != h->generation &&
        ((rc = read_sent(db)) != DB_OK || (rc = server_prepare(st)) != DB_OK))
        return rc;
    if ((rc = send_in_pipeline(st)) != DB_OK)
        return rc;
    st->sent = 1;
    if (h->sent_last != NULL)
        h->sent_last->sent_next = st;
    else
        h->sent_first = st;
    h->sent_last = st;
    return DB_OK;
}

static int execute(pg_stmt_t *st)
{
    db_t *db = st->base.db;
    int rc;

    if (st->copy)
        return append_row(st);
    if ((rc = flush_copies_for(db, st->sql)) != DB_OK)
        return rc;
    reconnect_if_dropped(db);
    if (st->name[0] != '\0' && st->generation != ((pg_db_t *)db)->generation &&
        (rc = server_prepare(st)) != DB_OK)
        return rc;
    if (db_pipelined(db) && st->deferrable && st->base.answer_unread && db->deadline_ns == 0 &&
        db->gone == NULL)
        return send_pipelined(st);
    if (PQpipelineStatus(conn_of(db)) != PQ_PIPELINE_OFF && (rc = flush_pipeline(db)) != DB_OK)
        return rc;
    db->round_trips++;
    if (db->deadline_ns == 0 && db->gone == NULL) { /* no deadline: as libpq does it */
        if (st->name[0] != '\0')
            st->res = PQexecPrepared(conn_of(db), st->name, st->nparams,
                                     (const char *const *)st->values, NULL, NULL, 0);
        else
            st->res = PQexecParams(conn_of(db), st->sql, st->nparams, NULL,
                                   (const char *const *)st->values, NULL, NULL, 0);
    } else {
        st->res = send_query(st) == 1 ? wait_result(db) : NULL;
    }
    st->executed = 1;
    return check_answer(st);
}

static int pg_step(db_stmt_t *s)
{
    pg_stmt_t *st = (pg_stmt_t *)s;
    int rc;

    db_clear_error(s->db);
    if (st->sent && (rc = read_sent(s->db)) != DB_OK)
        return rc;
    if (st->answered) {
        st->answered = 0;
        if ((rc = check_answer(st)) != DB_OK)
            return rc;
    } else if (!st->executed && (rc = execute(st)) != DB_OK) {
        return rc;
    }
    if (st->res == NULL)
        return DB_DONE;
    st->row++;
    return st->row < PQntuples(st->res) ? DB_ROW : DB_DONE;
}

static int pg_column_count(const db_stmt_t *s)
{
    const pg_stmt_t *st = (const pg_stmt_t *)s;
    return st->res ? PQnfields(st->res) : 0;
}

static int pg_column_is_null(const db_stmt_t *s, int col)
{
    const pg_stmt_t *st = (const pg_stmt_t *)s;

    if (st->res == NULL || st->row < 0 || st->row >= PQntuples(st->res) ||
        col >= PQnfields(st->res))
        return 1;
    return PQgetisnull(st->res, st->row, col);
}

static const char *pg_column_text(const db_stmt_t *s, int col)
{
    const pg_stmt_t *st = (const pg_stmt_t *)s;

    if (pg_column_is_null(s, col))
        return NULL;
    return PQgetvalue(st->res, st->row, col);
}

static int64_t pg_column_int64(const db_stmt_t *s, int col)
{
    const char *v = pg_column_text(s, col);
    return v ? strtoll(v, NULL, 10) : 0;
}

static int64_t pg_changes(const db_stmt_t *s)
{
    return ((const pg_stmt_t *)s)->changes;
}

static void pg_finalize(db_stmt_t *s)
{
    pg_stmt_t *st = (pg_stmt_t *)s;

    pg_reset(s);
    free(st->sql);
    free(st);
}

/* The server's shared_buffers and WAL decide the caching; a bulk writer's writes are
 * pipelined (see the top of this file) until db_bulk_end (cache_mb 0). */
static int pg_bulk(db_t *db, int cache_mb)
{
    pg_db_t *h = (pg_db_t *)db;

    h->base.pipelined = cache_mb > 0;
    drop_copies(h); /* (a commit or rollback has sent or dropped them) */
    free(h->ids);   /* what is left of the blocks: gaps */
    h->ids = NULL;
    return cache_mb > 0 ? DB_OK : flush_pipeline(db);
}

/* Refill b with PG_ID_BLOCK ids of table's sequence, in one round trip. The sequence is
 * found once (OFFSET 0 keeps the planner from folding it into every row): looked up for
 * each id, it cost 2.2 µs of the id's 2.5. */
static int take_block(db_t *db, pg_ids_t *b, const char *table)
{
    db_stmt_t *st;
    int rc = db_prepare_cached(db,
                               "SELECT nextval(seq) FROM (SELECT CAST(pg_get_serial_sequence($1, "
                               "'id') AS regclass) AS seq OFFSET 0) AS s, generate_series(1, $2)",
                               &st);

    if (rc != DB_OK)
        return rc;
    b->n = b->next = 0;
    if ((rc = db_bind_text(st, 1, table)) == DB_OK &&
        (rc = db_bind_int64(st, 2, PG_ID_BLOCK)) == DB_OK)
        while ((rc = db_step(st)) == DB_ROW && b->n < PG_ID_BLOCK)
            b->id[b->n++] = db_column_int64(st, 0);
    db_finalize(st);
    if (rc != DB_DONE)
        return rc;
    b->table = table;
    return b->n == PG_ID_BLOCK ? DB_OK : db_fail(db, DB_ERROR, "HY000", "no ids for %s", table);
}

static int pg_take_id(db_t *db, const char *table, int64_t *id)
{
    pg_db_t *h = (pg_db_t *)db;
    pg_ids_t *b = NULL;
    int rc;

    if (!db_pipelined(db))
        return DB_DONE;
    if (h->ids == NULL && (h->ids = calloc(PG_ID_TABLES, sizeof *h->ids)) == NULL)
        return db_fail_nomem(db);
    for (int i = 0; i < PG_ID_TABLES && b == NULL; i++)
        if (h->ids[i].table == NULL || strcmp(h->ids[i].table, table) == 0)
            b = &h->ids[i];
    if (b == NULL)
        return DB_DONE; /* more tables than the bulk writers have: ask at the insert */
    if ((b->table == NULL || b->next == b->n) && (rc = take_block(db, b, table)) != DB_OK)
        return rc;
    *id = b->id[b->next++];
    return DB_OK;
}

static int64_t pg_last_insert_rowid(const db_t *db)
{
    (void)db;
    return 0;
}

/* Each connection is its own backend: their commits run concurrently, and the server
 * groups their WAL flushes itself (a backend flushing the WAL flushes every commit
 * written before it; synchronous_commit stays on, commit_delay at 0). */
static int pg_begin(db_t *db)
{
    return pg_exec_script(db, "BEGIN");
}

static int pg_commit(db_t *db)
{
    int rc = pg_exec_script(db, "COMMIT");

    /* a failed COMMIT ends the transaction on the server; ROLLBACK is harmless */
    if (rc != DB_OK)
        db_exec_keeping_error(db, "ROLLBACK");
    return rc;
}

static int pg_rollback(db_t *db)
{
    return db_exec_keeping_error(db, "ROLLBACK");
}

static const struct db_ops pg_ops = {
    .engine = DB_ENGINE_POSTGRES,
    .name = "postgres",
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .exec_script = pg_exec_script,
    .ping = pg_ping,
    .prepare = pg_prepare,
    .bind_int64 = pg_bind_int64,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .reset = pg_reset,
    .send = pg_send,
    .step = pg_step,
    .column_count = pg_column_count,
    .column_is_null = pg_column_is_null,
    .column_text = pg_column_text,
    .column_int64 = pg_column_int64,
    .changes = pg_changes,
    .finalize = pg_finalize,
    .bulk = pg_bulk,
    .last_insert_rowid = pg_last_insert_rowid,
    .take_id = pg_take_id,
};

/* Migrations print NOTICEs ("... does not exist, skipping"); they are not errors. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

int db_pg_check_url(const char *url, char *err, size_t errlen)
{
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &msg);

    if (opts == NULL) {
        snprintf(err, errlen, "bad PostgreSQL URL: %s", msg ? msg : "out of memory");
        err[strcspn(err, "\n")] = '\0';
        PQfreemem(msg);
        return -1;
    }
    PQconninfoFree(opts);
    return 0;
}

int db_pg_open(const char *conninfo, db_t **out, char *err, size_t errlen)
{
    pg_db_t *h;

    h = calloc(1, sizeof *h);
    if (h == NULL) {
        snprintf(err, errlen, "out of memory");
        return DB_NOMEM;
    }
    h->base.ops = &pg_ops;
    db_clear_error(&h->base);
    h->conn = PQconnectdb(conninfo);
    if (h->conn == NULL || PQstatus(h->conn) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s",
                 h->conn ? PQerrorMessage(h->conn) : "out of memory");
        err[strcspn(err, "\n")] = '\0';
        PQfinish(h->conn);
        free(h);
        return DB_CANTOPEN;
    }
    PQsetNoticeProcessor(h->conn, ignore_notice, NULL);
    /* Timestamps are stored as integers, but keep server-side functions predictable. */
    if (pg_exec_script(&h->base, session_settings) != DB_OK) {
        snprintf(err, errlen, "cannot set up PostgreSQL session: %s", h->base.errmsg);
        PQfinish(h->conn);
        free(h);
        return DB_CANTOPEN;
    }
    *out = &h->base;
    return DB_OK;
}
