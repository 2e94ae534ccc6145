/*
 * http/arena.c — a bump allocator over a list of blocks. Allocation is a pointer
 * increment; a request that needs more than a block gets a block of its own size.
 */
#include "http/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)16 * 1024)
#define ALIGN      _Alignof(max_align_t)

typedef struct block {
    struct block *next;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
} block_t;

struct arena {
    block_t *head;
    size_t cap, total;
};

arena_t *arena_new(size_t cap)
{
    arena_t *a = calloc(1, sizeof *a);
    if (a != NULL)
        a->cap = cap;
    return a;
}

void arena_free(arena_t *a)
{
    if (a == NULL)
        return;
    for (block_t *b = a->head, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(a);
}

void *arena_alloc(arena_t *a, size_t n)
{
    block_t *b = a->head;
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    void *p;

    if (need < n || (a->cap && (need > a->cap || a->total > a->cap - need)))
        return NULL;
    if (b == NULL || b->size - b->used < need) {
        size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
        b = malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    p = b->data + b->used;
    b->used += need;
    a->total += need;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p != NULL) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *arena_strdup(arena_t *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const arena_t *a)
{
    return a->total;
}
