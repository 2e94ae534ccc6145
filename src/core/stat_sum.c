/*
 * core/stat_sum.c — sums keyed by (unit, day, category, flags, bucket): an
 * open-addressing hash table per unit, the units in an array by id. Categories and
 * buckets are a handful of codes: each key holds their index in a small table of names,
 * so an entry is 24 bytes, and a table is from three eighths to three quarters full:
 * the 1.86 million keys of a million imported cases in 20 units, 63 MB (one table for
 * all the units took 128 MB, and 192 MB while it grew the last time). A unit's table
 * grows alone, and its keys are sorted alone: what a growth or a sort holds besides is a
 * unit's, not the whole load's.
 */
#include "core/stat_sum.h"

#include "core/money.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t cases, amount_vnd;
    civil_date_t day;
    uint8_t category, bucket; /* index into names */
    uint8_t flags, used;
} entry_t;

/* One unit's keys: an open-addressing table, cap a power of two, n <= cap * 3 / 4. */
typedef struct {
    int64_t unit_id;
    entry_t *slots;
    size_t cap, n;
} unit_sums_t;

struct stat_sum {
    unit_sums_t *units;            /* by unit_id */
    size_t nunits, capunits, last; /* last: the unit of the last add */
    size_t n;                      /* keys, of all units */
    char *names[STAT_SUM_MAX_NAMES];
    int nnames;
};

stat_sum_t *stat_sum_new(void)
{
    return calloc(1, sizeof(stat_sum_t));
}

void stat_sum_free(stat_sum_t *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < s->nnames; i++)
        free(s->names[i]);
    for (size_t i = 0; i < s->nunits; i++)
        free(s->units[i].slots);
    free(s->units);
    free(s);
}

void stat_sum_clear(stat_sum_t *s)
{
    for (size_t i = 0; i < s->nunits; i++)
        free(s->units[i].slots);
    s->nunits = s->last = s->n = 0;
}

size_t stat_sum_count(const stat_sum_t *s)
{
    return s->n;
}

/* The index of name, added if new: 0..nnames-1, or -1 (full, out of memory). */
static int name_index(stat_sum_t *s, const char *name)
{
    for (int i = 0; i < s->nnames; i++)
        if (strcmp(s->names[i], name) == 0)
            return i;
    if (s->nnames == STAT_SUM_MAX_NAMES || (s->names[s->nnames] = strdup(name)) == NULL)
        return -1;
    return s->nnames++;
}

static uint64_t key_hash(civil_date_t day, int category, int flags, int bucket)
{
    uint64_t h = ((uint64_t)(uint32_t)day << 24 | (uint64_t)flags << 16 | (uint64_t)category << 8 |
                  (uint64_t)bucket) *
                 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
}

static entry_t *slot_of(const unit_sums_t *u, civil_date_t day, int category, int flags, int bucket)
{
    size_t i = (size_t)key_hash(day, category, flags, bucket) & (u->cap - 1);

    for (;; i = (i + 1) & (u->cap - 1)) {
        entry_t *e = &u->slots[i];
        if (!e->used ||
            (e->day == day && e->category == category && e->flags == flags && e->bucket == bucket))
            return e;
    }
}

static int grow(unit_sums_t *u)
{
    unit_sums_t g = {.cap = u->cap ? u->cap * 2 : 256};

    if ((g.slots = calloc(g.cap, sizeof *g.slots)) == NULL)
        return -1;
    for (size_t i = 0; i < u->cap; i++)
        if (u->slots[i].used)
            *slot_of(&g, u->slots[i].day, u->slots[i].category, u->slots[i].flags,
                     u->slots[i].bucket) = u->slots[i];
    free(u->slots);
    u->slots = g.slots;
    u->cap = g.cap;
    return 0;
}

/* The unit's table, made (empty) if new; NULL out of memory. The deltas of a case come
 * together, all of its unit: the last one found is looked at first. */
static unit_sums_t *unit_of(stat_sum_t *s, int64_t unit_id)
{
    size_t lo = 0, hi = s->nunits;

    if (s->last < s->nunits && s->units[s->last].unit_id == unit_id)
        return &s->units[s->last];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->units[mid].unit_id < unit_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == s->nunits || s->units[lo].unit_id != unit_id) {
        if (s->nunits == s->capunits) {
            size_t cap = s->capunits ? s->capunits * 2 : 16;
            unit_sums_t *u = realloc(s->units, cap * sizeof *u);
            if (u == NULL)
                return NULL;
            s->units = u, s->capunits = cap;
        }
        memmove(&s->units[lo + 1], &s->units[lo], (s->nunits - lo) * sizeof *s->units);
        s->units[lo] = (unit_sums_t){.unit_id = unit_id};
        s->nunits++;
    }
    s->last = lo;
    return &s->units[lo];
}

int stat_sum_add(stat_sum_t *s, int64_t unit_id, civil_date_t day, const char *category, int flags,
                 const char *bucket, int64_t cases, int64_t amount_vnd)
{
    int c = name_index(s, category), b = name_index(s, bucket);
    int64_t sum_cases, sum_amount;
    unit_sums_t *u;
    entry_t *e;

    if (c < 0 || b < 0)
        return s->nnames == STAT_SUM_MAX_NAMES ? 1 : -1;
    if (flags < 0 || flags > 255)
        return 1;
    if ((u = unit_of(s, unit_id)) == NULL || ((u->n + 1) * 4 > u->cap * 3 && grow(u) != 0))
        return -1;
    e = slot_of(u, day, c, flags, b);
    if (!e->used)
        *e = (entry_t){
            .day = day, .category = (uint8_t)c, .flags = (uint8_t)flags, .bucket = (uint8_t)b};
    if (money_add(e->cases, cases, &sum_cases) != MONEY_OK ||
        money_add(e->amount_vnd, amount_vnd, &sum_amount) != MONEY_OK)
        return 1; /* a fresh entry stays unused: its key holds nothing yet */
    if (!e->used) {
        e->used = 1;
        u->n++, s->n++;
    }
    e->cases = sum_cases;
    e->amount_vnd = sum_amount;
    return 0;
}

/* An entry with its names' ranks in byte order, to sort without the names table. */
typedef struct {
    const entry_t *e;
    int category, bucket;
} sorted_t;

static int by_key(const void *pa, const void *pb)
{
    const sorted_t *x = pa, *y = pb;

    if (x->e->day != y->e->day)
        return x->e->day < y->e->day ? -1 : 1;
    if (x->category != y->category)
        return x->category < y->category ? -1 : 1;
    if (x->e->flags != y->e->flags)
        return x->e->flags < y->e->flags ? -1 : 1;
    return (x->bucket > y->bucket) - (x->bucket < y->bucket);
}

/* Units in order, and each unit's keys sorted in an array of its own size. */
int stat_sum_each(const stat_sum_t *s, stat_sum_fn fn, void *arg)
{
    int rank[STAT_SUM_MAX_NAMES];
    sorted_t *order = NULL;
    size_t most = 0;
    int rc = 0;

    for (size_t u = 0; u < s->nunits; u++)
        if (s->units[u].n > most)
            most = s->units[u].n;
    if (most == 0)
        return 0;
    if ((order = malloc(most * sizeof *order)) == NULL)
        return -1;
    for (int i = 0; i < s->nnames; i++) { /* names are few: count those before each */
        rank[i] = 0;
        for (int j = 0; j < s->nnames; j++)
            rank[i] += strcmp(s->names[j], s->names[i]) < 0;
    }
    for (size_t u = 0; u < s->nunits && rc == 0; u++) {
        const unit_sums_t *us = &s->units[u];
        size_t n = 0;
        for (size_t i = 0; i < us->cap; i++)
            if (us->slots[i].used)
                order[n++] = (sorted_t){&us->slots[i], rank[us->slots[i].category],
                                        rank[us->slots[i].bucket]};
        qsort(order, n, sizeof *order, by_key);
        for (size_t i = 0; i < n && rc == 0; i++)
            rc = fn(us->unit_id, order[i].e->day, s->names[order[i].e->category], order[i].e->flags,
                    s->names[order[i].e->bucket], order[i].e->cases, order[i].e->amount_vnd, arg);
    }
    free(order);
    return rc;
}
