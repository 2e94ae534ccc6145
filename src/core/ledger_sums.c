/*
 * core/ledger_sums.c — a unit's account changes summed in memory (core/ledger_sums.h).
 *
 * A load touches few such accounts (a few kinds for each of its units), but adds to them
 * at every money event: the accounts are kept in an array in first-added order, found
 * through an open-addressing index of their positions.
 */
#include "core/ledger_sums.h"

#include <stdlib.h>

typedef struct {
    int64_t unit_id, payee, sum;
    ledger_kind_t kind;
} account_sum_t;

struct ledger_sums {
    account_sum_t *a;
    size_t n, cap;
    size_t *slot; /* position + 1 in a, 0 empty; nslots a power of two, at most half full */
    size_t nslots;
};

ledger_sums_t *ledger_sums_new(void)
{
    return calloc(1, sizeof(ledger_sums_t));
}

void ledger_sums_free(ledger_sums_t *s)
{
    if (s == NULL)
        return;
    free(s->a);
    free(s->slot);
    free(s);
}

static size_t hash(int64_t unit_id, ledger_kind_t kind, int64_t payee)
{
    uint64_t h = (uint64_t)unit_id * 0x9E3779B97F4A7C15u;

    h ^= ((uint64_t)kind + 1) * 0xC2B2AE3D27D4EB4Fu;
    h ^= (uint64_t)payee * 0x165667B19E3779F9u;
    return (size_t)(h ^ (h >> 29));
}

/* The slot of the account, or of the empty one it would take. */
static size_t *find(const ledger_sums_t *s, int64_t unit_id, ledger_kind_t kind, int64_t payee)
{
    size_t mask = s->nslots - 1, i = hash(unit_id, kind, payee) & mask;

    for (;; i = (i + 1) & mask) {
        const account_sum_t *x;
        if (s->slot[i] == 0)
            return &s->slot[i];
        x = &s->a[s->slot[i] - 1];
        if (x->unit_id == unit_id && x->kind == kind && x->payee == payee)
            return &s->slot[i];
    }
}

static int grow(ledger_sums_t *s)
{
    size_t nslots = s->nslots ? 2 * s->nslots : 64, cap = nslots / 2;
    account_sum_t *a = realloc(s->a, cap * sizeof *a);
    size_t *slot;

    if (a == NULL)
        return LEDGER_NOMEM;
    s->a = a, s->cap = cap;
    if ((slot = calloc(nslots, sizeof *slot)) == NULL)
        return LEDGER_NOMEM;
    free(s->slot);
    s->slot = slot, s->nslots = nslots;
    for (size_t i = 0; i < s->n; i++)
        *find(s, s->a[i].unit_id, s->a[i].kind, s->a[i].payee) = i + 1;
    return LEDGER_OK;
}

int ledger_sums_add(ledger_sums_t *s, int64_t unit_id, ledger_kind_t kind, int64_t payee,
                    int64_t delta)
{
    size_t *slot;
    account_sum_t *x;
    int64_t sum;

    if (s->n == s->cap && grow(s) != LEDGER_OK)
        return LEDGER_NOMEM;
    slot = find(s, unit_id, kind, payee);
    if (*slot == 0) {
        s->a[s->n] = (account_sum_t){unit_id, payee, delta, kind};
        *slot = ++s->n;
        return 1;
    }
    x = &s->a[*slot - 1];
    if (__builtin_add_overflow(x->sum, delta, &sum))
        return LEDGER_OVERFLOW;
    x->sum = sum;
    return 0;
}

size_t ledger_sums_count(const ledger_sums_t *s)
{
    return s->n;
}

int ledger_sums_each(const ledger_sums_t *s, ledger_sums_fn fn, void *arg)
{
    for (size_t i = 0; i < s->n; i++) {
        int rc = fn(s->a[i].unit_id, s->a[i].kind, s->a[i].payee, s->a[i].sum, arg);
        if (rc != 0)
            return rc;
    }
    return 0;
}

void ledger_sums_clear(ledger_sums_t *s)
{
    s->n = 0;
    for (size_t i = 0; i < s->nslots; i++)
        s->slot[i] = 0;
}
