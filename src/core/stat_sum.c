/*
 * core/stat_sum.c — an open-addressing hash table of sums keyed by (unit, day,
 * category, flags, bucket). Categories and buckets are a handful of codes: each key holds their
 * index in a small table of names, so an entry is 32 bytes (a million keys, 64 MB with
 * the table half full).
 */
#include "core/stat_sum.h"

#include "core/money.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t unit_id, cases, amount_vnd;
    civil_date_t day;
    uint8_t category, bucket; /* index into names */
    uint8_t flags, used;
} entry_t;

struct stat_sum {
    entry_t *slots;
    size_t cap, n; /* cap a power of two, n <= cap / 2 */
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
    free(s->slots);
    free(s);
}

void stat_sum_clear(stat_sum_t *s)
{
    if (s->slots != NULL)
        memset(s->slots, 0, s->cap * sizeof *s->slots);
    s->n = 0;
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

static uint64_t key_hash(int64_t unit_id, civil_date_t day, int category, int flags, int bucket)
{
    uint64_t h = (uint64_t)unit_id * 0x9E3779B97F4A7C15ull;

    h ^= ((uint64_t)(uint32_t)day << 24 | (uint64_t)flags << 16 | (uint64_t)category << 8 |
          (uint64_t)bucket) *
         0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 29);
}

static entry_t *slot_of(const stat_sum_t *s, int64_t unit_id, civil_date_t day, int category,
                        int flags, int bucket)
{
    size_t i = (size_t)key_hash(unit_id, day, category, flags, bucket) & (s->cap - 1);

    for (;; i = (i + 1) & (s->cap - 1)) {
        entry_t *e = &s->slots[i];
        if (!e->used || (e->unit_id == unit_id && e->day == day && e->category == category &&
                         e->flags == flags && e->bucket == bucket))
            return e;
    }
}

static int grow(stat_sum_t *s)
{
    stat_sum_t g = {.cap = s->cap ? s->cap * 2 : 1024};

    if ((g.slots = calloc(g.cap, sizeof *g.slots)) == NULL)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].used)
            *slot_of(&g, s->slots[i].unit_id, s->slots[i].day, s->slots[i].category,
                     s->slots[i].flags, s->slots[i].bucket) = s->slots[i];
    free(s->slots);
    s->slots = g.slots;
    s->cap = g.cap;
    return 0;
}

int stat_sum_add(stat_sum_t *s, int64_t unit_id, civil_date_t day, const char *category, int flags,
                 const char *bucket, int64_t cases, int64_t amount_vnd)
{
    int c = name_index(s, category), b = name_index(s, bucket);
    int64_t sum_cases, sum_amount;
    entry_t *e;

    if (c < 0 || b < 0)
        return s->nnames == STAT_SUM_MAX_NAMES ? 1 : -1;
    if (flags < 0 || flags > 255)
        return 1;
    if ((s->n + 1) * 2 > s->cap && grow(s) != 0)
        return -1;
    e = slot_of(s, unit_id, day, c, flags, b);
    if (!e->used)
        *e = (entry_t){.unit_id = unit_id,
                       .day = day,
                       .category = (uint8_t)c,
                       .flags = (uint8_t)flags,
                       .bucket = (uint8_t)b};
    if (money_add(e->cases, cases, &sum_cases) != MONEY_OK ||
        money_add(e->amount_vnd, amount_vnd, &sum_amount) != MONEY_OK)
        return 1; /* a fresh entry stays unused: its key holds nothing yet */
    if (!e->used) {
        e->used = 1;
        s->n++;
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

    if (x->e->unit_id != y->e->unit_id)
        return x->e->unit_id < y->e->unit_id ? -1 : 1;
    if (x->e->day != y->e->day)
        return x->e->day < y->e->day ? -1 : 1;
    if (x->category != y->category)
        return x->category < y->category ? -1 : 1;
    if (x->e->flags != y->e->flags)
        return x->e->flags < y->e->flags ? -1 : 1;
    return (x->bucket > y->bucket) - (x->bucket < y->bucket);
}

int stat_sum_each(const stat_sum_t *s, stat_sum_fn fn, void *arg)
{
    int rank[STAT_SUM_MAX_NAMES];
    sorted_t *order;
    size_t n = 0;
    int rc = 0;

    if (s->n == 0)
        return 0;
    if ((order = malloc(s->n * sizeof *order)) == NULL)
        return -1;
    for (int i = 0; i < s->nnames; i++) { /* names are few: count those before each */
        rank[i] = 0;
        for (int j = 0; j < s->nnames; j++)
            rank[i] += strcmp(s->names[j], s->names[i]) < 0;
    }
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i].used)
            order[n++] =
                (sorted_t){&s->slots[i], rank[s->slots[i].category], rank[s->slots[i].bucket]};
    qsort(order, n, sizeof *order, by_key);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = fn(order[i].e->unit_id, order[i].e->day, s->names[order[i].e->category],
                order[i].e->flags, s->names[order[i].e->bucket], order[i].e->cases,
                order[i].e->amount_vnd, arg);
    free(order);
    return rc;
}
