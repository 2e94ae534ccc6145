/*
 * core/keyset.c — open addressing, linear probing; a slot holds the hash itself, 0
 * marking it empty (a hash of 0 is stored as 1: one more false "probably").
 */
#include "core/keyset.h"

#include <stdlib.h>

struct keyset {
    uint64_t *slots;
    size_t cap, n; /* cap a power of two, n <= cap * 3 / 4 */
};

keyset_t *keyset_new(void)
{
    return calloc(1, sizeof(keyset_t));
}

void keyset_free(keyset_t *s)
{
    if (s == NULL)
        return;
    free(s->slots);
    free(s);
}

uint64_t keyset_hash(const char *const *parts, size_t n)
{
    uint64_t h = 1469598103934665603ull;

    for (size_t i = 0; i < n; i++) {
        for (const char *p = parts[i]; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h *= 1099511628211ull; /* the 0 byte ending the part: "ab","c" is not "a","bc" */
    }
    return h ? h : 1;
}

/* The slot of hash: holding it, or the empty one where it would go. */
static size_t slot_of(const uint64_t *slots, size_t cap, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 29)) & (cap - 1);

    while (slots[i] != 0 && slots[i] != h)
        i = (i + 1) & (cap - 1);
    return i;
}

static int grow(keyset_t *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *slots = calloc(cap, sizeof *slots);

    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slots[i] != 0)
            slots[slot_of(slots, cap, s->slots[i])] = s->slots[i];
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

int keyset_add(keyset_t *s, uint64_t hash)
{
    size_t i;

    hash = hash ? hash : 1;
    if ((s->n + 1) * 4 > s->cap * 3 && grow(s) != 0)
        return -1;
    i = slot_of(s->slots, s->cap, hash);
    if (s->slots[i] == 0) {
        s->slots[i] = hash;
        s->n++;
    }
    return 0;
}

int keyset_has(const keyset_t *s, uint64_t hash)
{
    hash = hash ? hash : 1;
    return s->cap > 0 && s->slots[slot_of(s->slots, s->cap, hash)] == hash;
}

size_t keyset_count(const keyset_t *s)
{
    return s->n;
}
