/*
 * store/case_lists.c — the lists an officer and a leader read: cases with filters,
 * a case's parties, items and deadlines, the worklist, procedure violations.
 *
 * Filters are fixed SQL with optional parameters ("$5 = '' OR c.category = $5"), never
 * SQL assembled from the request: the texts below are chosen among, not built. Lists
 * page by id (a cursor).
 *
 * A page costs the page, not the scope (issue 18, docs/internals/store.md "Lists that
 * cost the page"). A scope is a set of units; every list statement reads ONE unit (or
 * one officer) through an index that ends with the list's sort key (migration 0020), so
 * the engine walks it in order and stops after the page. The units' streams are merged
 * here: one statement finds each unit's first row (an index seek per unit), then the
 * units are read best first, each from its end down to the page's current last row,
 * until no unit left can beat it: O(units × log n + page) rows, whatever the caseload.
 * Their optional filters and LIMIT $n need a plan made for the values on PostgreSQL
 * (q_open_replanned), half a millisecond a plan there: on PostgreSQL the units that can
 * hold a row of the page are read in one statement instead (page_of_units_pg).
 */
#include "core/case.h"
#include "store/case_row.h"
#include "store/db_impl.h"
#include "store/q.h"
#include "store/report.h"
#include "store/units.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the case list ---- */

/* The filters every variant applies to its rows; $2 today, $4 state, $5 category, $6
 * officer, $7 overdue, $8 eligible, $9..$13 the eligible buckets, $14 not eligible,
 * $15/$16 the received range, $17 the cursor (INT64_MAX for the first page). */
#define LIST_FILTERS                                                                               \
    " AND ($4 = '' OR c.state = $4) AND ($5 = '' OR c.category = $5) "                             \
    "AND ($6 = 0 OR c.officer_user_id = $6) AND ($7 = 0 OR c.next_due_on < $2) "                   \
    "AND ($8 = 0 OR ($8 = 1 AND c.stat_bucket IN ($9, $10, $11, $12, $13)) "                       \
    "OR ($8 = 2 AND c.stat_bucket = $14)) "                                                        \
    "AND c.received_on >= $15 AND c.received_on <= $16 AND c.id < $17"

/* The unit $3's subtree, to intersect with the caller's (0: no intersection). */
#define WITHIN_CTE                                                                                 \
    ", within(id, depth) AS (SELECT CAST($3 AS BIGINT), 0 UNION ALL "                              \
    "SELECT p.unit_id, w.depth + 1 FROM unit_parent p JOIN within w ON p.parent_id = w.id "        \
    "WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to >= $2) AND w.depth < 32) "

/* Each unit of the scope with its first case under the filters ($1 the scope's units as
 * IDS reads them, $3 unit). */
#define LIST_TOPS_OF(IDS, key)                                                                     \
    "WITH RECURSIVE subtree(id) AS (" IDS ")" WITHIN_CTE                                           \
    "SELECT s.id, (SELECT c.id FROM enforcement_case c WHERE c.unit_id = s.id" key LIST_FILTERS    \
    " ORDER BY c.id DESC LIMIT 1) FROM subtree s WHERE $3 = 0 OR s.id IN (SELECT id FROM within)"
#define LIST_TOPS(key)    LIST_TOPS_OF(Q_IDS_SQLITE, key)
#define LIST_TOPS_PG(key) LIST_TOPS_OF(Q_IDS_PG, key)
/* One unit's cases ($1) under the filters, between $3 and the cursor, newest first. */
#define LIST_UNIT_OF(UNIT, key)                                                                    \
    "SELECT " CASE_COLUMNS CASE_JOINS " WHERE c.unit_id = " UNIT key LIST_FILTERS                  \
    " AND c.id > $3 ORDER BY c.id DESC LIMIT $18"
#define LIST_UNIT(key) LIST_UNIT_OF("$1", key)
/* PostgreSQL: the same for each unit of the list $1, in one statement (page_of_units_pg). */
#define LIST_UNITS_PG(key)                                                                         \
    "SELECT x.* FROM (" Q_IDS_PG                                                                   \
    ") AS s(unit) CROSS JOIN LATERAL (" LIST_UNIT_OF("s.unit", key) ") AS x"

/* The index a variant walks: the first filter given of state, not eligible, category. */
enum { KEY_UNIT, KEY_STATE, KEY_BUCKET, KEY_CATEGORY, NKEYS };
static const char *const list_tops[NKEYS] = {
    LIST_TOPS(""),
    LIST_TOPS(" AND c.state = $4"),
    LIST_TOPS(" AND c.stat_bucket = $14"),
    LIST_TOPS(" AND c.category = $5"),
};
static const char *const list_tops_pg[NKEYS] = {
    LIST_TOPS_PG(""),
    LIST_TOPS_PG(" AND c.state = $4"),
    LIST_TOPS_PG(" AND c.stat_bucket = $14"),
    LIST_TOPS_PG(" AND c.category = $5"),
};
static const char *const list_unit[NKEYS] = {
    LIST_UNIT(""),
    LIST_UNIT(" AND c.state = $4"),
    LIST_UNIT(" AND c.stat_bucket = $14"),
    LIST_UNIT(" AND c.category = $5"),
};
static const char *const list_units_pg[NKEYS] = {
    LIST_UNITS_PG(""),
    LIST_UNITS_PG(" AND c.state = $4"),
    LIST_UNITS_PG(" AND c.stat_bucket = $14"),
    LIST_UNITS_PG(" AND c.category = $5"),
};
/* One officer's cases ($1; the scope is checked here), newest first. */
static const char list_officer[] =
    "SELECT " CASE_COLUMNS CASE_JOINS " WHERE c.officer_user_id = $1" LIST_FILTERS
    " AND c.id > $3 ORDER BY c.id DESC LIMIT $18";
/* The newest cases of every unit, ids between $3 and the cursor ($17), at most $1 of
 * them (list_window: the scope is checked in C). */
static const char list_window[] = "SELECT " CASE_COLUMNS CASE_JOINS " WHERE c.id > $3" LIST_FILTERS
                                  " ORDER BY c.id DESC LIMIT $1";
/* The units of the scope ($1 root on $2, within $3's subtree unless 0). */
static const char list_units[] = UNITS_SCOPE_CTE WITHIN_CTE
    "SELECT s.id FROM subtree s WHERE $3 = 0 OR s.id IN (SELECT id FROM within)";

#define FILTER_TYPES "ssiiissssssddi"
#define FILTER_ARGS(f, from, to, cursor)                                                           \
    (f)->state ? (f)->state : "", (f)->category ? (f)->category : "", (f)->officer_user_id,        \
        (int64_t)(f)->overdue, (int64_t)(f)->eligible, case_stat_code(STAT_D1_COMPLETED),          \
        case_stat_code(STAT_D2_TERMINATED), case_stat_code(STAT_D3_ENFORCING),                     \
        case_stat_code(STAT_D4_POSTPONED), case_stat_code(STAT_D5_SUSPENDED),                      \
        case_stat_code(STAT_E_NOT_ELIGIBLE), from, to, cursor

static int list_key(const case_filter_t *f)
{
    if (f->state != NULL && f->state[0] != '\0')
        return KEY_STATE;
    if (f->eligible == 2)
        return KEY_BUCKET;
    if (f->category != NULL && f->category[0] != '\0')
        return KEY_CATEGORY;
    return KEY_UNIT;
}

/* A unit's first row under a list's order: its key (top), and where rows tie on it, the
 * row's id (tie; 0 where the statement did not read it). */
typedef struct {
    int64_t unit, top, tie;
} unit_top_t;

static int by_top_desc(const void *a, const void *b)
{
    const unit_top_t *x = a, *y = b;

    if (x->top != y->top)
        return x->top < y->top ? 1 : -1;
    return x->tie < y->tie ? 1 : x->tie > y->tie ? -1 : 0;
}

/* Step st: 1 with *rc DB_ROW while there is a row, else 0 with *rc the step's code. */
static int step_row(db_stmt_t *st, int *rc)
{
    return (*rc = db_step(st)) == DB_ROW;
}

/* The rows of st, (unit, top[, tie]), into *tops (malloc'd, *n of them), and finalize st:
 * the top a date when dated, else an id. A unit without a row under the filters (a NULL
 * top) is left out. DB_OK or the error. */
static int read_tops(db_t *db, db_stmt_t *st, int dated, unit_top_t **tops, size_t *n)
{
    size_t cap = 0;
    int rc;

    *tops = NULL, *n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        if (db_column_is_null(st, 1))
            continue;
        if (*n == cap) {
            size_t c = cap ? cap * 2 : 64;
            unit_top_t *t = realloc(*tops, c * sizeof *t);
            if (t == NULL) {
                rc = db_fail_nomem(db);
                break;
            }
            *tops = t, cap = c;
        }
        (*tops)[*n].unit = db_column_int64(st, 0);
        (*tops)[*n].top = dated ? q_date(st, 1) : db_column_int64(st, 1);
        (*tops)[*n].tie = db_column_count(st) > 2 ? db_column_int64(st, 2) : 0;
        (*n)++;
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The scope's unit ids, sorted (for the lists that check the scope here): the
 * connection's kept scope (units_scope_ids), or read with the intersection asked for. */
static int scope_units(db_t *db, int64_t root, civil_date_t today, int64_t within, int64_t **ids,
                       size_t *n)
{
    units_scope_t scope;
    db_stmt_t *st;
    int rc;

    if (within == 0) {
        rc = units_scope_ids(db, root, today, &scope);
        *ids = scope.ids, *n = scope.n;
        return rc;
    }
    *ids = NULL, *n = 0;
    if ((rc = q_open(db, &st, list_units, "idi", root, today, within)) != DB_OK ||
        (rc = q_ids(db, st, ids, n)) != DB_OK)
        return rc;
    q_ids_sort(*ids, *n);
    return DB_OK;
}

/* The caller's kept scope with its ids as one parameter (q_id_list), and a page of limit
 * rows of size bytes each: DB_OK, or the error with nothing left to free. */
static int scope_and_page(db_t *db, int64_t root, civil_date_t today, int limit, size_t size,
                          units_scope_t *scope, char **list, void **page)
{
    int rc = units_scope_ids(db, root, today, scope);

    *list = NULL, *page = NULL;
    if (rc != DB_OK)
        return rc;
    if ((*page = malloc((size_t)limit * size)) == NULL ||
        (*list = q_id_list(scope->ids, scope->n)) == NULL) {
        free(*page), free(scope->ids);
        *page = NULL, scope->ids = NULL;
        db_fail_nomem(db);
        return DB_NOMEM; /* (spelled out: the callers read a page only after DB_OK) */
    }
    return DB_OK;
}

/* An officer's cases: their index in id order, the rows outside the scope skipped. */
static int list_by_officer(db_t *db, const case_filter_t *f, civil_date_t from, civil_date_t to,
                           case_row_fn fn, void *arg)
{
    int64_t *units, cursor = f->before_id ? f->before_id : INT64_MAX;
    size_t nunits;
    int sent = 0, rc = scope_units(db, f->root_unit, f->today, f->unit_id, &units, &nunits);
    case_row_t c;

    while (rc == DB_OK && sent < f->limit) {
        db_stmt_t *st;
        int rows = 0;

        rc = q_open_replanned(db, &st, list_officer, "idi" FILTER_TYPES "i", f->officer_user_id,
                              f->today, (int64_t)0, FILTER_ARGS(f, from, to, cursor),
                              (int64_t)f->limit);
        if (rc != DB_OK)
            break;
        while (sent < f->limit && (rc = db_step(st)) == DB_ROW) {
            cases_read_row(st, &c);
            rows++, cursor = c.id;
            if (!q_ids_hold(units, nunits, c.unit_id))
                continue;
            sent++;
            if (fn(&c, arg) != 0) {
                sent = f->limit;
                rc = DB_DONE;
            }
        }
        db_finalize(st);
        if (rc == DB_ROW || rc == DB_DONE)
            rc = DB_OK;
        if (rows < f->limit)
            break; /* the officer's cases are all read */
    }
    free(units);
    return rc;
}

/* A received range: the cases received in it, through case_by_received, sorted. Cost
 * O(cases received in the range), the one list that is not O(page + log n): the range
 * selects from the whole history by date while the page is by id (docs/internals/
 * store.md). The unary + keeps SQLite from walking the scope's (unit_id, id) indexes of
 * migration 0020 instead, every case of the scope (1M cases: 624 ms a page, 70 ms with it).
 * $1 root, $2 today, $3 unit; the filters as LIST_FILTERS; $18 limit. */
static const char list_received[] = UNITS_SCOPE_CTE WITHIN_CTE
    "SELECT " CASE_COLUMNS CASE_JOINS " WHERE +c.unit_id IN (SELECT id FROM subtree) "
    "AND ($3 = 0 OR +c.unit_id IN (SELECT id FROM within))" LIST_FILTERS
    " ORDER BY c.id DESC LIMIT $18";

static int list_by_received(db_t *db, const case_filter_t *f, civil_date_t from, civil_date_t to,
                            case_row_fn fn, void *arg)
{
    int64_t cursor = f->before_id ? f->before_id : INT64_MAX;
    db_stmt_t *st;
    case_row_t c;
    int rc =
        q_open_replanned(db, &st, list_received, "idi" FILTER_TYPES "i", f->root_unit, f->today,
                         f->unit_id, FILTER_ARGS(f, from, to, cursor), (int64_t)f->limit);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        cases_read_row(st, &c);
        if (fn(&c, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* Put row (size bytes) in page, a sorted array of *n rows (at most limit) where before(a,
 * b) says a goes first: 0 when the page is full and row comes after all of it. */
static int page_put(void *page, size_t size, int *n, int limit, const void *row,
                    int (*before)(const void *a, const void *b))
{
    char *p = page;
    int last = *n < limit ? *n : limit - 1, at;

    if (*n == limit && !before(row, p + (size_t)(limit - 1) * size))
        return 0;
    for (at = last; at > 0 && before(row, p + (size_t)(at - 1) * size); at--)
        ;
    memmove(p + (size_t)(at + 1) * size, p + (size_t)at * size, (size_t)(last - at) * size);
    memcpy(p + (size_t)at * size, row, size);
    if (*n < limit)
        (*n)++;
    return 1;
}

/* The case list's order: newest first. */
static int case_before(const void *a, const void *b)
{
    return ((const case_row_t *)a)->id > ((const case_row_t *)b)->id;
}

static int page_add(case_row_t *page, int *n, int limit, const case_row_t *c)
{
    return page_put(page, sizeof *page, n, limit, c, case_before);
}

/* Units best first, a statement each; a unit whose newest row is not above the page's
 * last once the page is full has nothing for it, nor has any unit after it. */
static int page_of_units_each(db_t *db, const char *sql, const unit_top_t *tops, size_t ntops,
                              int limit, const case_filter_t *f, civil_date_t from, civil_date_t to,
                              int64_t cursor, case_row_t *page, int *n)
{
    int rc = DB_OK;

    for (size_t u = 0; rc == DB_OK && u < ntops; u++) {
        int64_t floor = *n == limit ? page[limit - 1].id : 0;
        db_stmt_t *st = NULL;
        case_row_t c;

        if (tops[u].top <= floor)
            break;
        rc = q_open_replanned(db, &st, sql, "idi" FILTER_TYPES "i", tops[u].unit, f->today, floor,
                              FILTER_ARGS(f, from, to, cursor), (int64_t)limit);
        for (int more = rc == DB_OK; more && step_row(st, &rc);) {
            cases_read_row(st, &c);
            if (!page_add(page, n, limit, &c))
                break; /* rows come newest first: the rest are lower */
        }
        if (rc == DB_ROW || rc == DB_DONE)
            rc = DB_OK;
        if (st != NULL)
            db_finalize(st);
    }
    return rc;
}

/* The units of the first k tops as one parameter (q_id_list); NULL out of memory. */
static char *tops_id_list(const unit_top_t *tops, size_t k)
{
    int64_t *units = malloc((k ? k : 1) * sizeof *units);
    char *list;

    if (units == NULL)
        return NULL;
    for (size_t i = 0; i < k; i++)
        units[i] = tops[i].unit;
    list = q_id_list(units, k);
    free(units);
    return list;
}

/* PostgreSQL plans every list statement for its values (about half a millisecond), so a
 * statement a unit made a province's page cost eleven plans. Here every unit that can
 * hold a row of the page is read by one statement: tops sorted newest first, the page
 * holds no row older than the limit-th unit's newest (that many rows are at least as
 * new), so only the units before it count, each for at most a page of rows from there. */
static int page_of_units_pg(db_t *db, const char *sql, const unit_top_t *tops, size_t ntops,
                            int limit, const case_filter_t *f, civil_date_t from, civil_date_t to,
                            int64_t cursor, case_row_t *page, int *n)
{
    size_t k = ntops < (size_t)limit ? ntops : (size_t)limit;
    int64_t floor = ntops >= (size_t)limit ? tops[limit - 1].top - 1 : 0;
    char *list = NULL;
    db_stmt_t *st = NULL;
    case_row_t c;
    int rc;

    if ((list = tops_id_list(tops, k)) == NULL)
        return db_fail_nomem(db);
    rc = q_open_replanned(db, &st, sql, "sdi" FILTER_TYPES "i", list, f->today, floor,
                          FILTER_ARGS(f, from, to, cursor), (int64_t)limit);
    free(list);
    for (int more = rc == DB_OK; more && step_row(st, &rc);) {
        cases_read_row(st, &c);
        (void)page_add(page, n, limit, &c);
    }
    if (st != NULL)
        db_finalize(st);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

/* A window of the newest ids tried before the units' streams: this many pages of ids,
 * times how many units there are for each unit of the scope (its share of the cases,
 * guessed from its share of the units), and only for a scope of at least a quarter of
 * the units (a window of at most 16 pages). */
#define WINDOW_PAGES 4

/* The window's rows for a scope of nunits of all the units and a page of limit rows: 0
 * when the scope holds less than a quarter of the units. */
static int64_t window_rows(int64_t all, size_t nunits, int limit)
{
    if (nunits == 0 || all == 0 || (int64_t)nunits * 4 < all)
        return 0;
    return (int64_t)WINDOW_PAGES * limit * all / (int64_t)nunits;
}

/* A scope holding most of the units (the nation's leaders) has most of the newest cases
 * too: the page is then found among the newest ids of the whole table, the scope checked
 * here, without the seek a unit the units' streams cost (376 for a nation). The window is
 * bounded by ids, so a filter that keeps few rows costs at most the window's rows; what it
 * does not fill, the units' streams fill below it. *cursor becomes the window's lowest id
 * (nothing above it is left to read), or stays when the scope is too narrow for a window,
 * or narrowed to one unit's subtree (f->unit_id), which the units' streams serve. */
static int page_of_window(db_t *db, const case_filter_t *f, const units_scope_t *scope,
                          civil_date_t from, civil_date_t to, int64_t *cursor, case_row_t *page,
                          int *n)
{
    int64_t top = *cursor, window = window_rows(scope->all, scope->n, f->limit), floor;
    db_stmt_t *st = NULL;
    case_row_t c;
    int rc;

    if (window == 0 || f->unit_id != 0)
        return DB_OK;
    if (top == INT64_MAX) { /* the first page: from the newest case */
        rc = q_int64(db, &top, "SELECT COALESCE(MAX(id), 0) + 1 FROM enforcement_case", "");
        if (rc != DB_ROW)
            return rc == DB_DONE ? DB_OK : rc;
    }
    floor = top > window ? top - window - 1 : 0;
    rc = q_open_replanned(db, &st, list_window, "idi" FILTER_TYPES, window, f->today, floor,
                          FILTER_ARGS(f, from, to, top));
    for (int more = rc == DB_OK; more && step_row(st, &rc);) {
        cases_read_row(st, &c);
        if (q_ids_hold(scope->ids, scope->n, c.unit_id))
            (void)page_add(page, n, f->limit, &c);
    }
    if (st != NULL)
        db_finalize(st);
    if (rc != DB_DONE && rc != DB_ROW)
        return rc;
    *cursor = floor + 1;
    return DB_OK;
}

int cases_list(db_t *db, const case_filter_t *f, case_row_fn fn, void *arg)
{
    /* Open ends of the received range as dates no case has: one comparison that
     * both engines type as a date. */
    civil_date_t from =
        f->received_from != CIVIL_DATE_INVALID ? f->received_from : civil_date_from_ymd(1, 1, 1);
    civil_date_t to =
        f->received_to != CIVIL_DATE_INVALID ? f->received_to : civil_date_from_ymd(9999, 12, 31);
    int64_t cursor = f->before_id ? f->before_id : INT64_MAX;
    int key = list_key(f), limit = f->limit;
    int pg = db_engine(db) == DB_ENGINE_POSTGRES;
    unit_top_t *tops = NULL;
    case_row_t *page;
    units_scope_t scope;
    char *list;
    size_t ntops = 0;
    int n = 0, rc;
    db_stmt_t *st;

    if (limit <= 0)
        return DB_OK;
    if (f->officer_user_id != 0)
        return list_by_officer(db, f, from, to, fn, arg);
    if (f->received_from != CIVIL_DATE_INVALID || f->received_to != CIVIL_DATE_INVALID)
        return list_by_received(db, f, from, to, fn, arg);
    rc = scope_and_page(db, f->root_unit, f->today, limit, sizeof *page, &scope, &list,
                        (void **)&page);
    if (rc != DB_OK)
        return rc;
    rc = page_of_window(db, f, &scope, from, to, &cursor, page, &n);
    if (rc == DB_OK && n < limit)
        rc = q_open_replanned(db, &st, pg ? list_tops_pg[key] : list_tops[key], "sdi" FILTER_TYPES,
                              list, f->today, f->unit_id, FILTER_ARGS(f, from, to, cursor));
    if (rc == DB_OK && n < limit)
        rc = read_tops(db, st, 0, &tops, &ntops);
    if (rc == DB_OK && ntops > 0)
        qsort(tops, ntops, sizeof *tops, by_top_desc);
    if (rc == DB_OK && ntops > 0)
        rc = pg ? page_of_units_pg(db, list_units_pg[key], tops, ntops, limit, f, from, to, cursor,
                                   page, &n)
                : page_of_units_each(db, list_unit[key], tops, ntops, limit, f, from, to, cursor,
                                     page, &n);
    for (int i = 0; rc == DB_OK && i < n; i++)
        if (fn(&page[i], arg) != 0)
            break;
    free(list);
    free(scope.ids);
    free(page);
    free(tops);
    return rc;
}

/* A case's lists are read in two halves, the statement sent (db_send) and then its rows
 * read, so that case_detail_send sends all of them before any is read. */
static int parties_send(db_t *db, int64_t case_id, db_stmt_t **st)
{
    int rc = q_open(db, st,
                    "SELECT p.id, cp.role, p.kind, p.full_name, p.id_number, p.address, "
                    "p.camp_unit_id FROM case_party cp JOIN party p ON p.id = cp.party_id "
                    "WHERE cp.case_id = $1 ORDER BY cp.role, p.id",
                    "i", case_id);
    return rc == DB_OK ? db_send(*st) : rc;
}

static int parties_read(db_stmt_t *st, case_party_fn fn, void *arg)
{
    case_party_row_t p;
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        memset(&p, 0, sizeof p);
        p.party_id = db_column_int64(st, 0);
        q_text(st, 1, p.role, sizeof p.role);
        q_text(st, 2, p.kind, sizeof p.kind);
        q_text(st, 3, p.full_name, sizeof p.full_name);
        q_text(st, 4, p.id_number, sizeof p.id_number);
        q_text(st, 5, p.address, sizeof p.address);
        p.camp_unit_id = db_column_int64(st, 6);
        if (fn(&p, arg) != 0)
            return DB_OK;
    }
    return rc == DB_DONE ? DB_OK : rc;
}

int case_parties_list(db_t *db, int64_t case_id, case_party_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = parties_send(db, case_id, &st);

    if (rc != DB_OK)
        return rc;
    rc = parties_read(st, fn, arg);
    db_finalize(st);
    return rc;
}

static int items_send(db_t *db, int64_t case_id, db_stmt_t **st)
{
    int rc = q_open(db, st,
                    "SELECT id, content_type, description, amount_vnd, creditor_party_id, "
                    "payment_rank FROM obligation_item WHERE case_id = $1 ORDER BY id",
                    "i", case_id);
    return rc == DB_OK ? db_send(*st) : rc;
}

static int items_read(db_stmt_t *st, case_item_fn fn, void *arg)
{
    case_item_row_t it;
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        memset(&it, 0, sizeof it);
        it.id = db_column_int64(st, 0);
        q_text(st, 1, it.content_type, sizeof it.content_type);
        q_text(st, 2, it.description, sizeof it.description);
        it.amount_vnd = db_column_int64(st, 3);
        it.creditor_party_id = db_column_int64(st, 4);
        it.payment_rank = (int)db_column_int64(st, 5);
        if (fn(&it, arg) != 0)
            return DB_OK;
    }
    return rc == DB_DONE ? DB_OK : rc;
}

int case_items_list(db_t *db, int64_t case_id, case_item_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = items_send(db, case_id, &st);

    if (rc != DB_OK)
        return rc;
    rc = items_read(st, fn, arg);
    db_finalize(st);
    return rc;
}

#define DEADLINE_COLUMNS                                                                           \
    "d.id, d.case_id, d.unit_id, d.officer_user_id, d.opened_seq, d.closed_seq, d.rule_id, "       \
    "d.outcome, c.case_no, o.full_name, u.code, d.trigger_on, d.due_on, d.closed_on"
#define DEADLINE_JOINS                                                                             \
    " FROM case_deadline d JOIN enforcement_case c ON c.id = d.case_id "                           \
    "JOIN unit u ON u.id = d.unit_id LEFT JOIN app_user o ON o.id = d.officer_user_id "

static void read_deadline(db_stmt_t *st, deadline_row_t *d)
{
    memset(d, 0, sizeof *d);
    d->id = db_column_int64(st, 0);
    d->case_id = db_column_int64(st, 1);
    d->unit_id = db_column_int64(st, 2);
    d->officer_user_id = db_column_int64(st, 3);
    d->opened_seq = db_column_int64(st, 4);
    d->closed_seq = db_column_int64(st, 5);
    q_text(st, 6, d->rule_id, sizeof d->rule_id);
    q_text(st, 7, d->outcome, sizeof d->outcome);
    q_text(st, 8, d->case_no, sizeof d->case_no);
    q_text(st, 9, d->officer_name, sizeof d->officer_name);
    q_text(st, 10, d->unit_code, sizeof d->unit_code);
    d->trigger_on = q_date(st, 11);
    d->due_on = q_date(st, 12);
    d->closed_on = q_date(st, 13);
}

static int each_deadline(db_stmt_t *st, deadline_fn fn, void *arg)
{
    deadline_row_t d;
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        read_deadline(st, &d);
        if (fn(&d, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static int deadlines_send(db_t *db, int64_t case_id, db_stmt_t **st)
{
    int rc = q_open(db, st,
                    "SELECT " DEADLINE_COLUMNS DEADLINE_JOINS "WHERE d.case_id = $1 ORDER BY d.id",
                    "i", case_id);
    return rc == DB_OK ? db_send(*st) : rc;
}

int deadlines_of_case(db_t *db, int64_t case_id, deadline_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = deadlines_send(db, case_id, &st);

    return rc == DB_OK ? each_deadline(st, fn, arg) : rc;
}

void case_detail_drop(case_detail_reads_t *r)
{
    for (size_t i = 0; i < sizeof r->st / sizeof r->st[0]; i++) {
        db_finalize(r->st[i]);
        r->st[i] = NULL;
    }
}

int case_detail_send(db_t *db, int64_t case_id, case_detail_reads_t *r)
{
    int rc = stat_case_pending_send(db, case_id, &r->st[0]);

    if (rc == DB_OK)
        rc = parties_send(db, case_id, &r->st[1]);
    if (rc == DB_OK)
        rc = items_send(db, case_id, &r->st[2]);
    if (rc == DB_OK)
        rc = deadlines_send(db, case_id, &r->st[3]);
    if (rc != DB_OK)
        case_detail_drop(r);
    return rc;
}

int case_detail_take(case_detail_reads_t *r)
{
    int rc = stat_case_pending_read(r->st[0], &r->coercions, &r->complaints);

    if (rc == DB_OK)
        rc = parties_read(r->st[1], r->party, r->party_arg);
    if (rc == DB_OK)
        rc = items_read(r->st[2], r->item, r->item_arg);
    if (rc == DB_OK) {
        rc = each_deadline(r->st[3], r->deadline, r->deadline_arg);
        r->st[3] = NULL; /* each_deadline finalized it */
    }
    case_detail_drop(r);
    return rc;
}

/* The worklist's streams: each unit's open deadlines due by a day, soonest first, through
 * deadline_open_by_unit (0020), or of one rule through deadline_open_by_unit_rule (0032);
 * an officer's through deadline_open_by_officer. Every stream starts after the cursor
 * (due_on, id): the range on due_on is the index's, the id is checked on the cursor's day
 * only, so a page reads at most that day's rows of a unit more than it keeps (SQLite seeks
 * no row value past a rowid). */
#define WORKLIST_AFTER(due, id) " AND d.due_on >= " due " AND (d.due_on > " due " OR d.id > " id ")"
/* Each unit's first deadline: $1 the scope's units (q_id_list), $2 until, $3/$4 the
 * cursor's day and id, $5 the rule (WORKLIST_TOPS_RULE). SQLite: its day and id (a unit
 * without one: NULLs). A scalar subquery gives one column, so it gives the id, and the day
 * is read by it; materialized, so that the subquery runs once a unit, not once for each
 * column that names it. */
#define WORKLIST_FIRST(RULE)                                                                       \
    "SELECT d.id FROM case_deadline d WHERE d.unit_id = s.id AND d.closed_seq IS NULL" RULE        \
    " AND d.due_on <= $2" WORKLIST_AFTER("$3", "$4") " ORDER BY d.due_on, d.id LIMIT 1"
#define WORKLIST_TOPS(RULE)                                                                        \
    "WITH subtree(id) AS (" Q_IDS_SQLITE "), first(unit, id) AS MATERIALIZED (SELECT s.id, "       \
    "(" WORKLIST_FIRST(RULE) ") FROM subtree s) SELECT f.unit, d.due_on, f.id FROM first f "       \
                             "LEFT JOIN case_deadline d ON d.id = f.id"
/* PostgreSQL: the same, a unit without one giving no row. */
#define WORKLIST_TOPS_PG(RULE)                                                                     \
    "SELECT s.id, x.due_on, x.id FROM (" Q_IDS_PG ") AS s(id) CROSS JOIN LATERAL (SELECT "         \
    "d.due_on, d.id FROM case_deadline d WHERE d.unit_id = s.id AND d.closed_seq IS NULL" RULE     \
    " AND d.due_on <= $2" WORKLIST_AFTER("$3", "$4") " ORDER BY d.due_on, d.id LIMIT 1) AS x"
#define WORKLIST_TOPS_RULE " AND d.rule_id = $5"
#define WORKLIST_UNIT(RULE)                                                                        \
    "SELECT " DEADLINE_COLUMNS DEADLINE_JOINS "WHERE d.unit_id = $1"                               \
    " AND d.closed_seq IS NULL" RULE                                                               \
    " AND d.due_on <= $2" WORKLIST_AFTER("$3", "$4") " ORDER BY d.due_on, d.id LIMIT $5"
/* PostgreSQL: the page of the units of the list $1, in one statement (worklist_of_units_pg):
 * each unit's first rows by their keys alone (its index), the page's rows of those, then
 * the columns of these. Up to limit rows of each of limit units are sorted, whatever the
 * scope's size; the joins are the page's only (a nation's page: 1.6 ms, against 10.5 ms
 * joining every unit's rows first). Rows come in no order: the caller puts them in. */
#define WORKLIST_UNITS_PG(RULE)                                                                    \
    "SELECT " DEADLINE_COLUMNS DEADLINE_JOINS "JOIN (SELECT x.id FROM (" Q_IDS_PG                  \
    ") AS s(unit) CROSS JOIN LATERAL (SELECT d.id, d.due_on FROM case_deadline d WHERE "           \
    "d.unit_id = s.unit AND d.closed_seq IS NULL" RULE " AND d.due_on <= $2" WORKLIST_AFTER(       \
        "$3", "$4") " ORDER BY d.due_on, d.id LIMIT $5) AS x "                                     \
                    "ORDER BY x.due_on, x.id LIMIT $5) AS page ON page.id = d.id"
#define WORKLIST_OFFICER(RULE)                                                                     \
    "SELECT " DEADLINE_COLUMNS DEADLINE_JOINS "WHERE d.officer_user_id = $1 AND d.closed_seq IS "  \
    "NULL" RULE                                                                                    \
    " AND d.due_on <= $2" WORKLIST_AFTER("$3", "$4") " ORDER BY d.due_on, d.id LIMIT $5"
#define WORKLIST_RULE " AND d.rule_id = $6"
/* Every unit's open deadlines soonest first after the cursor ($3 day, $4 id), due by $2,
 * at most $1 of them (worklist_of_window: the scope is checked in C). DUE is how the
 * engine's index names the day: PostgreSQL's is on due_on + 0 (migration 0037), so that
 * no other statement is planned through it. */
#define WORKLIST_WINDOW(DUE)                                                                       \
    "SELECT " DEADLINE_COLUMNS DEADLINE_JOINS "WHERE d.closed_seq IS NULL AND " DUE                \
    " <= $2 AND " DUE " >= $3 AND (" DUE " > $3 OR d.id > $4) ORDER BY " DUE ", d.id LIMIT $1"
static const char worklist_window[] = WORKLIST_WINDOW("d.due_on");
static const char worklist_window_pg[] = WORKLIST_WINDOW("(d.due_on + 0)");
static const char *const worklist_tops[2] = {WORKLIST_TOPS(""), WORKLIST_TOPS(WORKLIST_TOPS_RULE)};
static const char *const worklist_tops_pg[2] = {WORKLIST_TOPS_PG(""),
                                                WORKLIST_TOPS_PG(WORKLIST_TOPS_RULE)};
static const char *const worklist_unit[2] = {WORKLIST_UNIT(""), WORKLIST_UNIT(WORKLIST_RULE)};
static const char *const worklist_units_pg[2] = {WORKLIST_UNITS_PG(""),
                                                 WORKLIST_UNITS_PG(WORKLIST_RULE)};
static const char *const worklist_officer[2] = {WORKLIST_OFFICER(""),
                                                WORKLIST_OFFICER(WORKLIST_RULE)};

/* The worklist's order: soonest first, then by id. */
static int before_in_list(const void *pa, const void *pb)
{
    const deadline_row_t *a = pa, *b = pb;

    return a->due_on < b->due_on || (a->due_on == b->due_on && a->id < b->id);
}

static int by_top_asc(const void *a, const void *b)
{
    return -by_top_desc(a, b);
}

static int worklist_of_officer(db_t *db, const deadline_filter_t *f, civil_date_t after_due,
                               deadline_fn fn, void *arg)
{
    int64_t *units, last_id = f->after_id;
    civil_date_t last_due = after_due;
    size_t nunits;
    int sent = 0, limit = f->limit, ruled = f->rule_id != NULL,
        rc = scope_units(db, f->root_unit, f->today, 0, &units, &nunits);
    deadline_row_t d;

    while (rc == DB_OK && sent < limit) {
        db_stmt_t *st;
        int rows = 0;

        rc = q_open_replanned(db, &st, worklist_officer[ruled], ruled ? "iddiis" : "iddii",
                              f->officer_user_id, f->until, last_due, last_id, (int64_t)limit,
                              f->rule_id);
        if (rc != DB_OK)
            break;
        while (sent < limit && (rc = db_step(st)) == DB_ROW) {
            read_deadline(st, &d);
            rows++, last_due = d.due_on, last_id = d.id;
            if (!q_ids_hold(units, nunits, d.unit_id))
                continue;
            sent++;
            if (fn(&d, arg) != 0)
                sent = limit, rc = DB_DONE;
        }
        db_finalize(st);
        if (rc == DB_ROW || rc == DB_DONE)
            rc = DB_OK;
        if (rows < limit)
            break;
    }
    free(units);
    return rc;
}

static int deadline_page_add(deadline_row_t *page, int *n, int limit, const deadline_row_t *d)
{
    return page_put(page, sizeof *page, n, limit, d, before_in_list);
}

/* Units soonest first by their first deadline's day and id, a statement each; once the
 * page is full, a unit whose first deadline comes after the page's last row has nothing
 * for it, nor has any unit after it: about limit units are read, however many tie on the
 * page's last day. */
static int worklist_of_units_each(db_t *db, const char *sql, const unit_top_t *tops, size_t ntops,
                                  int limit, const deadline_filter_t *f, civil_date_t after,
                                  deadline_row_t *page, int *n)
{
    int rc = DB_OK;

    for (size_t u = 0; rc == DB_OK && u < ntops; u++) {
        const deadline_row_t *last = *n == limit ? &page[limit - 1] : NULL;
        civil_date_t bound = last ? last->due_on : f->until;
        db_stmt_t *st = NULL;
        deadline_row_t d;

        if (tops[u].top > bound || (last && tops[u].top == bound && tops[u].tie > last->id))
            break;
        rc = q_open_replanned(db, &st, sql, f->rule_id ? "iddiis" : "iddii", tops[u].unit, bound,
                              after, f->after_id, (int64_t)limit, f->rule_id);
        for (int more = rc == DB_OK; more && step_row(st, &rc);) {
            read_deadline(st, &d);
            if (!deadline_page_add(page, n, limit, &d))
                break; /* rows come soonest first: the rest come later */
        }
        if (rc == DB_ROW || rc == DB_DONE)
            rc = DB_OK;
        if (st != NULL)
            db_finalize(st);
    }
    return rc;
}

/* PostgreSQL: the units that can hold a row of the page, in one statement (as
 * page_of_units_pg). tops sorted soonest first by day and id (WORKLIST_TOPS_PG); with
 * limit units or more, the first limit units hold limit rows up to the limit-th unit's
 * first deadline, so the page ends there, and no other unit has a row before it: only
 * those units count, each for at most a page of rows due by that day. */
static int worklist_of_units_pg(db_t *db, const char *sql, const unit_top_t *tops, size_t ntops,
                                int limit, const deadline_filter_t *f, civil_date_t after,
                                deadline_row_t *page, int *n)
{
    size_t k = ntops >= (size_t)limit ? (size_t)limit : ntops;
    civil_date_t bound = ntops >= (size_t)limit ? (civil_date_t)tops[limit - 1].top : f->until;
    char *list;
    db_stmt_t *st = NULL;
    deadline_row_t d;
    int rc;

    if ((list = tops_id_list(tops, k)) == NULL)
        return db_fail_nomem(db);
    rc = q_open_replanned(db, &st, sql, f->rule_id ? "sddiis" : "sddii", list, bound, after,
                          f->after_id, (int64_t)limit, f->rule_id);
    free(list);
    for (int more = rc == DB_OK; more && step_row(st, &rc);) {
        read_deadline(st, &d);
        (void)deadline_page_add(page, n, limit, &d);
    }
    if (st != NULL)
        db_finalize(st);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

/* A scope holding at least a quarter of the units (the nation's leaders) holds most of
 * the soonest deadlines too: its page is first looked for among the soonest of every unit
 * (worklist_window), the scope checked here, without a seek for each unit's first (376
 * for a nation). The window is as large as the case list's (WINDOW_PAGES) and counts the
 * rows it reads; what it does not fill, the units' streams fill after its last row, where
 * *after and *after_id move. *done when the window read every deadline left. Not for one
 * rule's worklist: a rare rule would make the window read every other rule's first. */
static int worklist_of_window(db_t *db, const deadline_filter_t *f, const units_scope_t *scope,
                              civil_date_t *after, int64_t *after_id, deadline_row_t *page, int *n,
                              int *done)
{
    int64_t window = window_rows(scope->all, scope->n, f->limit), rows = 0;
    db_stmt_t *st = NULL;
    deadline_row_t d;
    int rc;

    *done = 0;
    if (window == 0 || f->rule_id != NULL)
        return DB_OK;
    rc = q_open_replanned(
        db, &st, db_engine(db) == DB_ENGINE_POSTGRES ? worklist_window_pg : worklist_window, "iddi",
        window, f->until, *after, *after_id);
    for (int more = rc == DB_OK; more && step_row(st, &rc);) {
        read_deadline(st, &d);
        rows++, *after = d.due_on, *after_id = d.id;
        if (q_ids_hold(scope->ids, scope->n, d.unit_id))
            (void)deadline_page_add(page, n, f->limit, &d);
    }
    if (st != NULL)
        db_finalize(st);
    if (rc != DB_DONE && rc != DB_ROW)
        return rc;
    *done = rows < window;
    return DB_OK;
}

int deadlines_worklist(db_t *db, const deadline_filter_t *f, deadline_fn fn, void *arg)
{
    /* The first page starts after a day no deadline has. */
    civil_date_t after = f->after_id != 0 ? f->after_due : civil_date_from_ymd(1, 1, 1);
    deadline_filter_t rest = *f; /* the cursor where the window left it */
    unit_top_t *tops = NULL;
    deadline_row_t *page;
    units_scope_t scope;
    char *list;
    size_t ntops = 0;
    int n = 0, limit = f->limit, ruled = f->rule_id != NULL,
        pg = db_engine(db) == DB_ENGINE_POSTGRES, done = 0, rc;
    db_stmt_t *st;

    if (limit <= 0)
        return DB_OK;
    if (f->officer_user_id != 0)
        return worklist_of_officer(db, f, after, fn, arg);
    rc = scope_and_page(db, f->root_unit, f->today, limit, sizeof *page, &scope, &list,
                        (void **)&page);
    if (rc != DB_OK)
        return rc;
    rc = worklist_of_window(db, f, &scope, &after, &rest.after_id, page, &n, &done);
    free(scope.ids);
    if (rc == DB_OK && n < limit && !done)
        rc = q_open_replanned(db, &st, pg ? worklist_tops_pg[ruled] : worklist_tops[ruled],
                              ruled ? "sddis" : "sddi", list, f->until, after, rest.after_id,
                              f->rule_id);
    free(list);
    if (rc == DB_OK && n < limit && !done)
        rc = read_tops(db, st, 1, &tops, &ntops);
    if (rc == DB_OK && ntops > 0)
        qsort(tops, ntops, sizeof *tops, by_top_asc);
    if (rc == DB_OK && ntops > 0)
        rc = pg ? worklist_of_units_pg(db, worklist_units_pg[ruled], tops, ntops, limit, &rest,
                                       after, page, &n)
                : worklist_of_units_each(db, worklist_unit[ruled], tops, ntops, limit, &rest, after,
                                         page, &n);
    for (int i = 0; rc == DB_OK && i < n; i++)
        if (fn(&page[i], arg) != 0)
            break;
    free(page);
    free(tops);
    return rc;
}

int deadlines_cursor(db_t *db, int64_t id, civil_date_t *due_on, int64_t *unit_id)
{
    db_stmt_t *st;
    int rc = q_open(db, &st, "SELECT due_on, unit_id FROM case_deadline WHERE id = $1", "i", id);

    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        *due_on = q_date(st, 0);
        *unit_id = db_column_int64(st, 1);
    }
    db_finalize(st);
    return rc;
}

int deadlines_violations(db_t *db, int64_t root, civil_date_t today, civil_date_t from,
                         civil_date_t to, violation_fn fn, void *arg)
{
    db_stmt_t *st;
    violation_row_t v;
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE
                    "SELECT d.unit_id, d.officer_user_id, u.code, u.name_vi, o.full_name, "
                    "SUM(CASE WHEN d.outcome = 'late' AND d.closed_on >= $3 AND d.closed_on <= $4 "
                    "THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN d.closed_seq IS NULL AND d.due_on < $2 THEN 1 ELSE 0 END) "
                    "FROM case_deadline d JOIN unit u ON u.id = d.unit_id "
                    "LEFT JOIN app_user o ON o.id = d.officer_user_id "
                    "WHERE d.unit_id IN (SELECT id FROM subtree) AND d.duty = 1 "
                    "AND ((d.outcome = 'late' AND d.closed_on >= $3 AND d.closed_on <= $4) "
                    "OR (d.closed_seq IS NULL AND d.due_on < $2)) "
                    "GROUP BY d.unit_id, d.officer_user_id, u.code, u.name_vi, o.full_name "
                    "ORDER BY u.code, o.full_name",
                    "iddd", root, today, from, to);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&v, 0, sizeof v);
        v.unit_id = db_column_int64(st, 0);
        v.officer_user_id = db_column_int64(st, 1);
        q_text(st, 2, v.unit_code, sizeof v.unit_code);
        q_text(st, 3, v.unit_name, sizeof v.unit_name);
        q_text(st, 4, v.officer_name, sizeof v.officer_name);
        v.late = db_column_int64(st, 5);
        v.overdue = db_column_int64(st, 6);
        if (fn(&v, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int deadlines_overdue_by_unit(db_t *db, civil_date_t today, overdue_count_fn fn, void *arg)
{
    db_stmt_t *st;
    char code[40];
    int rc = q_open(db, &st,
                    "SELECT u.code, COUNT(*) FROM case_deadline d JOIN unit u ON u.id = d.unit_id "
                    "WHERE d.closed_seq IS NULL AND d.due_on < $1 GROUP BY u.code ORDER BY u.code",
                    "d", today);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 0, code, sizeof code);
        if (fn(code, db_column_int64(st, 1), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* ---- the plans of the lists, for tests ---- */

enum { ENGINE_PG = 1, ENGINE_SQLITE };
static const struct {
    const char *name, *sql, *types;
    int engine; /* read on both (0) or one engine only */
} list_statements[] = {
    {"cases: each unit's newest", LIST_TOPS(""), "sdi" FILTER_TYPES, ENGINE_SQLITE},
    {"cases: each unit's newest by state", LIST_TOPS(" AND c.state = $4"), "sdi" FILTER_TYPES,
     ENGINE_SQLITE},
    {"cases: each unit's newest not eligible", LIST_TOPS(" AND c.stat_bucket = $14"),
     "sdi" FILTER_TYPES, ENGINE_SQLITE},
    {"cases: each unit's newest by category", LIST_TOPS(" AND c.category = $5"), "sdi" FILTER_TYPES,
     ENGINE_SQLITE},
    {"cases: each unit's newest", LIST_TOPS_PG(""), "sdi" FILTER_TYPES, ENGINE_PG},
    {"cases: each unit's newest by state", LIST_TOPS_PG(" AND c.state = $4"), "sdi" FILTER_TYPES,
     ENGINE_PG},
    {"cases: each unit's newest not eligible", LIST_TOPS_PG(" AND c.stat_bucket = $14"),
     "sdi" FILTER_TYPES, ENGINE_PG},
    {"cases: each unit's newest by category", LIST_TOPS_PG(" AND c.category = $5"),
     "sdi" FILTER_TYPES, ENGINE_PG},
    {"cases: one unit's page", LIST_UNIT(""), "idi" FILTER_TYPES "i"},
    {"cases: one unit's page by state", LIST_UNIT(" AND c.state = $4"), "idi" FILTER_TYPES "i"},
    {"cases: one unit's page not eligible", LIST_UNIT(" AND c.stat_bucket = $14"),
     "idi" FILTER_TYPES "i"},
    {"cases: one unit's page by category", LIST_UNIT(" AND c.category = $5"),
     "idi" FILTER_TYPES "i"},
    {"cases: one officer's page", list_officer, "idi" FILTER_TYPES "i"},
    {"cases: the newest ids' window", list_window, "idi" FILTER_TYPES},
    {"cases: the units' page", LIST_UNITS_PG(""), "sdi" FILTER_TYPES "i", ENGINE_PG},
    {"cases: the units' page by state", LIST_UNITS_PG(" AND c.state = $4"), "sdi" FILTER_TYPES "i",
     ENGINE_PG},
    {"cases: the units' page not eligible", LIST_UNITS_PG(" AND c.stat_bucket = $14"),
     "sdi" FILTER_TYPES "i", ENGINE_PG},
    {"cases: the units' page by category", LIST_UNITS_PG(" AND c.category = $5"),
     "sdi" FILTER_TYPES "i", ENGINE_PG},
    {"worklist: each unit's soonest", WORKLIST_TOPS(""), "sddi", ENGINE_SQLITE},
    {"worklist: each unit's soonest of a rule", WORKLIST_TOPS(WORKLIST_TOPS_RULE), "sddis",
     ENGINE_SQLITE},
    {"worklist: each unit's soonest, day and id", WORKLIST_TOPS_PG(""), "sddi", ENGINE_PG},
    {"worklist: each unit's soonest of a rule, day and id", WORKLIST_TOPS_PG(WORKLIST_TOPS_RULE),
     "sddis", ENGINE_PG},
    {"worklist: one unit's page", WORKLIST_UNIT(""), "iddii"},
    {"worklist: one unit's page of a rule", WORKLIST_UNIT(WORKLIST_RULE), "iddiis"},
    {"worklist: the units' page", WORKLIST_UNITS_PG(""), "sddii", ENGINE_PG},
    {"worklist: the units' page of a rule", WORKLIST_UNITS_PG(WORKLIST_RULE), "sddiis", ENGINE_PG},
    {"worklist: the soonest deadlines' window", worklist_window, "iddi", ENGINE_SQLITE},
    {"worklist: the soonest deadlines' window", worklist_window_pg, "iddi", ENGINE_PG},
    {"worklist: one officer's page", WORKLIST_OFFICER(""), "iddii"},
    {"worklist: one officer's page of a rule", WORKLIST_OFFICER(WORKLIST_RULE), "iddiis"},
};

int case_lists_explain(db_t *db, civil_date_t today, db_plan_fn fn, void *arg)
{
    int engine = db_engine(db) == DB_ENGINE_POSTGRES ? ENGINE_PG : ENGINE_SQLITE, rc = DB_OK;

    /* a text parameter is an id list or a filter's value, which "[1]" is for both */
    for (size_t i = 0; rc == DB_OK && i < sizeof list_statements / sizeof list_statements[0]; i++)
        if (list_statements[i].engine == 0 || list_statements[i].engine == engine)
            rc = q_explain(db, list_statements[i].name, list_statements[i].sql,
                           list_statements[i].types, "[1]", today, fn, arg);
    return rc;
}
