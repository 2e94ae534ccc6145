/*
 * store/report_tree.c — the stock of units' subtrees for a period (report_sum_tree,
 * report_sum_buckets of store/report.h), read from the monthly stock.
 *
 * Two statements. The first walks the unit tree once and gives every (top, unit) pair
 * of the tops' scopes. The second reads each unit's rows once — the monthly stock at the
 * month before the period and at its end, and the deltas of partial months — without
 * grouping or sorting them, which is where SQLite spent its time (a temporary B-tree
 * fed every row). Here each row is added to the sums of every top counting its unit
 * (the nation's report counts an office under the nation and under its province), and
 * fn gets one call per top, bucket and flags value, in that order.
 */
#include "core/stat_flags.h"
#include "store/db_impl.h"
#include "store/q.h"
#include "store/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The stock at the end of day d is stat_month's row of *month (the last whole month up to
 * d) plus stat_delta's days *p1 .. *p2 (d's month up to d; none when d ends its month). */
static void split_day(civil_date_t d, int64_t *month, civil_date_t *p1, civil_date_t *p2)
{
    int y, m, day;

    civil_date_to_ymd(d + 1, &y, &m, &day);
    if (day == 1) { /* d is the last day of its month */
        *month = civil_date_month_number(d);
        *p1 = d + 1, *p2 = d;
        return;
    }
    civil_date_to_ymd(d, &y, &m, NULL);
    *month = civil_date_month_number(d) - 1;
    *p1 = civil_date_from_ymd(y, m, 1), *p2 = d;
}

/* map(top, unit_id): each top of the JSON array $1 with its predecessors (as
 * UNITS_ROOTS_CTE), and the walk up from every unit once, judged where it stood on $2 or
 * on its last day (as UNITS_SCOPE_CTE): every top's scope. */
#define MAP_SQL(TOPS)                                                                              \
    "WITH RECURSIVE tops(top) AS (" TOPS "), roots(top, id, depth) AS (SELECT top, top, 0 FROM "   \
    "tops UNION ALL SELECT r.top, u.id, r.depth + 1 FROM unit u JOIN roots r ON u.successor_id "   \
    "= r.id WHERE r.depth < 8), up(unit_id, id, at, depth) AS (SELECT u.id, u.id, CASE WHEN "      \
    "u.valid_to IS NOT NULL AND u.valid_to < $2 THEN u.valid_to WHEN u.valid_from > $2 THEN "      \
    "u.valid_from ELSE $2 END, 0 FROM unit u UNION ALL SELECT up.unit_id, p.parent_id, up.at, "    \
    "up.depth + 1 FROM unit_parent p JOIN up ON p.unit_id = up.id WHERE p.valid_from <= up.at "    \
    "AND (p.valid_to IS NULL OR p.valid_to >= up.at) AND up.depth < 32) SELECT DISTINCT r.top, "   \
    "up.unit_id FROM up JOIN roots r ON r.id = up.id"

/* The stock at the end of month p, or of the horizon (the latest month held) if p is past it */
#define STOCK_MONTH(p)                                                                             \
    "(SELECT CASE WHEN h.month < " p " THEN h.month ELSE " p                                       \
    " END FROM stat_month_horizon h WHERE h.id = 1)"
/* Rows (unit_id, bucket, flags, before cases, before money, end cases, end money) of the
 * units of the JSON array $1: the stock before (month $4, days $5..$6) and at the end
 * (month $7, days $8..$9), of category $2 (NULL: all, read from stat_month_all, migration
 * 0028) and flag $3 (0: any). */
#define BEFORE(t) t ".cases, " t ".amount_vnd, 0, 0"
#define AT_END(t) "0, 0, " t ".cases, " t ".amount_vnd"
#define ROWS_SQL(IDS, TABLE, CATEGORY)                                                             \
    "WITH units(id) AS (" IDS                                                                      \
    ") " ROWS_OF(TABLE, CATEGORY, "$4", "$5", "$6",                                                \
                 BEFORE) " UNION ALL " ROWS_OF(TABLE, CATEGORY, "$7", "$8", "$9", AT_END)
#define ROWS_OF(TABLE, CATEGORY, MONTH, FIRST, LAST, SUMS)                                         \
    ROWS_MONTH(TABLE, CATEGORY, MONTH, SUMS("e")) " UNION ALL " ROWS_DAYS(FIRST, LAST, SUMS("d"))
#define ROWS_MONTH(TABLE, CATEGORY, MONTH, SUMS)                                                   \
    "SELECT e.unit_id, e.bucket, e.flags, " SUMS " FROM " TABLE " e WHERE e.month = " STOCK_MONTH( \
        MONTH) " AND e.unit_id IN (SELECT id FROM units) AND " CATEGORY                            \
               " AND ($3 = 0 OR (e.flags & $3) <> 0)"
#define ROWS_DAYS(FIRST, LAST, SUMS)                                                               \
    "SELECT d.unit_id, d.bucket, d.flags, " SUMS " FROM units u JOIN stat_delta d ON d.unit_id = " \
    "u.id AND d.day >= " FIRST " AND d.day <= " LAST " WHERE " FIRST " <= " LAST " AND "           \
    "(CAST($2 AS TEXT) IS NULL OR d.category = $2) AND ($3 = 0 OR (d.flags & $3) <> 0)"
#define ALL_CATEGORIES "CAST($2 AS TEXT) IS NULL"
#define ONE_CATEGORY   "e.category = $2"

typedef struct {
    int64_t unit;
    size_t top; /* index in tops */
} pair_t;

/* flags values: any combination of core/stat_flags.h's bits */
#define FLAGS_SLOTS (1 << STAT_FLAG_COUNT)

typedef struct {
    const int64_t *tops;
    size_t ntops;
    pair_t *pairs; /* sorted by unit */
    size_t npairs, cap_pairs;
    char (*buckets)[64]; /* the distinct bucket codes, by first sight */
    int nbuckets, cap_buckets;
    int *bucket_slot; /* open addressing: bucket index + 1, or 0 */
    size_t bucket_mask;
    /* the sums, dense: [top][bucket < cap_buckets][flags] before and at the end, and
     * whether any row made them */
    int64_t (*v)[4];
    unsigned char *seen;
    int overflow;
} tree_t;

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static size_t slot_of(const tree_t *t, size_t top, int bucket, int flags)
{
    return (top * (size_t)t->cap_buckets + (size_t)bucket) * FLAGS_SLOTS + (size_t)flags;
}

/* Room for twice the buckets: the hash of codes and the dense sums laid out again. */
static int grow_buckets(tree_t *t)
{
    int cap = t->cap_buckets ? t->cap_buckets * 2 : 32, old = t->cap_buckets;
    size_t n = (size_t)cap * 2, i, cells = (t->ntops ? t->ntops : 1) * (size_t)cap * FLAGS_SLOTS;
    int *slot = calloc(n, sizeof *slot);
    char(*names)[64] = malloc((size_t)cap * sizeof *names);
    int64_t(*v)[4] = calloc(cells, sizeof *v);
    unsigned char *seen = calloc(cells, 1);

    if (slot == NULL || names == NULL || v == NULL || seen == NULL) {
        free(slot), free(names), free(v), free(seen);
        return -1;
    }
    for (int k = 0; k < t->nbuckets; k++) {
        memcpy(names[k], t->buckets[k], sizeof names[k]);
        for (i = hash_text(names[k]) & (n - 1); slot[i]; i = (i + 1) & (n - 1))
            ;
        slot[i] = k + 1;
    }
    t->cap_buckets = cap;
    for (size_t top = 0; top < t->ntops; top++)
        for (int b = 0; b < t->nbuckets; b++)
            for (int f = 0; f < FLAGS_SLOTS; f++) {
                size_t from = (top * (size_t)old + (size_t)b) * FLAGS_SLOTS + (size_t)f,
                       to = slot_of(t, top, b, f);
                memcpy(v[to], t->v[from], sizeof v[to]);
                seen[to] = t->seen[from];
            }
    free(t->bucket_slot), free(t->buckets), free(t->v), free(t->seen);
    t->bucket_slot = slot, t->bucket_mask = n - 1, t->buckets = names, t->v = v, t->seen = seen;
    return 0;
}

/* The index of bucket code b, added if new; -1 out of memory. */
static int bucket_index(tree_t *t, const char *b)
{
    size_t i;

    if (t->nbuckets == t->cap_buckets && grow_buckets(t) != 0)
        return -1;
    for (i = hash_text(b) & t->bucket_mask; t->bucket_slot[i]; i = (i + 1) & t->bucket_mask)
        if (strcmp(t->buckets[t->bucket_slot[i] - 1], b) == 0)
            return t->bucket_slot[i] - 1;
    snprintf(t->buckets[t->nbuckets], sizeof t->buckets[0], "%s", b);
    t->bucket_slot[i] = ++t->nbuckets;
    return t->nbuckets - 1;
}

static int by_unit(const void *a, const void *b)
{
    const pair_t *x = a, *y = b;

    return x->unit < y->unit ? -1 : x->unit > y->unit ? 1 : x->top < y->top ? -1 : x->top > y->top;
}

/* t->pairs: every (unit, top) of the tops' scopes, sorted by unit */
static int read_pairs(db_t *db, tree_t *t, size_t ntops, civil_date_t to)
{
    static const char *const sql[2] = {MAP_SQL(Q_IDS_SQLITE), MAP_SQL(Q_IDS_PG)};
    char *list = q_id_list(t->tops, ntops);
    db_stmt_t *st;
    int rc;

    if (list == NULL)
        return db_fail_nomem(db);
    rc = q_open(db, &st, sql[db_engine(db) != DB_ENGINE_SQLITE], "sd", list, to);
    free(list);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t top = db_column_int64(st, 0);
        size_t k;

        for (k = 0; k < ntops && t->tops[k] != top; k++)
            ;
        if (k == ntops)
            continue;
        if (t->npairs == t->cap_pairs) {
            size_t cap = t->cap_pairs ? t->cap_pairs * 2 : 256;
            pair_t *p = realloc(t->pairs, cap * sizeof *p);
            if (p == NULL) {
                db_finalize(st);
                return db_fail_nomem(db);
            }
            t->pairs = p, t->cap_pairs = cap;
        }
        t->pairs[t->npairs++] = (pair_t){db_column_int64(st, 1), k};
    }
    db_finalize(st);
    if (rc != DB_DONE)
        return rc;
    if (t->npairs > 1)
        qsort(t->pairs, t->npairs, sizeof *t->pairs, by_unit);
    return DB_OK;
}

/* Add a row of unit's to the sums of each top counting the unit (pairs [first, end)).
 * 0, or -1 out of memory. */
static int add_row(tree_t *t, size_t first, size_t end, const char *bucket, int flags,
                   const int64_t v[4])
{
    int b = bucket_index(t, bucket);

    if (b < 0)
        return -1;
    for (size_t p = first; p < end; p++) {
        size_t i = slot_of(t, t->pairs[p].top, b, flags);
        t->seen[i] = 1;
        for (int k = 0; k < 4; k++)
            if (__builtin_add_overflow(t->v[i][k], v[k], &t->v[i][k]))
                t->overflow = 1;
    }
    return 0;
}

static int read_rows(db_t *db, tree_t *t, civil_date_t from, civil_date_t to, report_filter_t f)
{
    static const char *const sql[2][2] = {{ROWS_SQL(Q_IDS_SQLITE, "stat_month_all", ALL_CATEGORIES),
                                           ROWS_SQL(Q_IDS_SQLITE, "stat_month", ONE_CATEGORY)},
                                          {ROWS_SQL(Q_IDS_PG, "stat_month_all", ALL_CATEGORIES),
                                           ROWS_SQL(Q_IDS_PG, "stat_month", ONE_CATEGORY)}};
    size_t nunits = 0, first = 0, end = 0;
    db_stmt_t *st;
    const char *bucket;
    char *list;
    int64_t mb, me, unit = 0, flags;
    int have = 0;
    civil_date_t b1, b2, e1, e2;
    int rc;

    /* the distinct units of pairs */
    int64_t *units = malloc((t->npairs ? t->npairs : 1) * sizeof *units);

    if (units == NULL)
        return db_fail_nomem(db);
    for (size_t i = 0; i < t->npairs; i++)
        if (i == 0 || t->pairs[i].unit != t->pairs[i - 1].unit)
            units[nunits++] = t->pairs[i].unit;
    list = q_id_list(units, nunits);
    free(units);
    if (list == NULL)
        return db_fail_nomem(db);
    split_day(from - 1, &mb, &b1, &b2);
    split_day(to, &me, &e1, &e2);
    rc = q_open(db, &st, sql[db_engine(db) != DB_ENGINE_SQLITE][f.category != NULL], "ssiiddidd",
                list, f.category, (int64_t)f.flag, mb, b1, b2, me, e1, e2);
    free(list);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t v[4];

        if (!have || db_column_int64(st, 0) != unit) { /* rows come unit by unit */
            pair_t key = {db_column_int64(st, 0), 0};
            unit = key.unit, have = 1;
            for (first = 0, end = t->npairs; first < end;) { /* lower bound */
                size_t mid = first + (end - first) / 2;
                if (by_unit(&t->pairs[mid], &key) < 0)
                    first = mid + 1;
                else
                    end = mid;
            }
            for (end = first; end < t->npairs && t->pairs[end].unit == unit; end++)
                ;
        }
        flags = db_column_int64(st, 2);
        if (flags < 0 || flags >= FLAGS_SLOTS) {
            db_finalize(st);
            return db_fail(db, DB_ERROR, "XX000", "statistics flags %" PRId64 " unknown", flags);
        }
        bucket = db_column_text(st, 1);
        for (int k = 0; k < 4; k++)
            v[k] = db_column_int64(st, 3 + k);
        if (add_row(t, first, end, bucket ? bucket : "", (int)flags, v) != 0) {
            db_finalize(st);
            return db_fail_nomem(db);
        }
    }
    db_finalize(st);
    if (rc != DB_DONE)
        return rc;
    return t->overflow ? db_fail(db, DB_ERROR, "22003", "integer overflow") : DB_OK;
}

typedef struct {
    const char *name;
    int index;
} bucket_rank_t;

static int by_name(const void *a, const void *b)
{
    return strcmp(((const bucket_rank_t *)a)->name, ((const bucket_rank_t *)b)->name);
}

static void tree_free(tree_t *t)
{
    free(t->pairs), free(t->buckets), free(t->bucket_slot), free(t->v), free(t->seen);
}

/* fn per top (in tops' order), bucket (by code) and flags value that any row made */
static int emit(tree_t *t, report_tree_fn fn, void *arg)
{
    bucket_rank_t *r = malloc((t->nbuckets ? (size_t)t->nbuckets : 1) * sizeof *r);

    if (r == NULL)
        return -1;
    for (int i = 0; i < t->nbuckets; i++)
        r[i].name = t->buckets[i], r[i].index = i;
    if (t->nbuckets > 1)
        qsort(r, (size_t)t->nbuckets, sizeof *r, by_name);
    for (size_t top = 0; top < t->ntops; top++)
        for (int k = 0; k < t->nbuckets; k++)
            for (int f = 0; f < FLAGS_SLOTS; f++) {
                size_t i = slot_of(t, top, r[k].index, f);
                if (t->seen[i] && fn(t->tops[top], r[k].name, f, t->v[i][0], t->v[i][1], t->v[i][2],
                                     t->v[i][3], arg) != 0)
                    goto done;
            }
done:
    free(r);
    return 0;
}

int report_sum_tree(db_t *db, const int64_t *tops, size_t ntops, civil_date_t from, civil_date_t to,
                    report_filter_t f, report_tree_fn fn, void *arg)
{
    tree_t t = {.tops = tops, .ntops = ntops};
    int rc = read_pairs(db, &t, ntops, to);

    if (rc == DB_OK && t.npairs > 0)
        rc = read_rows(db, &t, from, to, f);
    if (rc == DB_OK && emit(&t, fn, arg) != 0)
        rc = db_fail_nomem(db);
    tree_free(&t);
    return rc;
}

typedef struct {
    report_bucket_fn fn;
    void *arg;
} one_top_t;

static int one_top(int64_t top, const char *bucket, int flags, int64_t bc, int64_t bm, int64_t ec,
                   int64_t em, void *arg)
{
    one_top_t *o = arg;

    (void)top, (void)flags;
    return o->fn(bucket, bc, bm, ec, em, o->arg);
}

int report_sum_buckets(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to,
                       report_filter_t f, report_bucket_fn fn, void *arg)
{
    one_top_t o = {fn, arg};

    return report_sum_tree(db, &unit_id, 1, from, to, f, one_top, &o);
}
