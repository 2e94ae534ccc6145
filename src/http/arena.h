/*
 * http/arena.h — per-request memory: everything a handler allocates for one
 * request comes from its arena and is freed at once when the response is done.
 * The arena has a hard cap set at creation, so one request cannot eat the heap.
 */
#ifndef THADS_HTTP_ARENA_H
#define THADS_HTTP_ARENA_H

#include <stddef.h>

typedef struct arena arena_t;

/* cap: the most bytes this arena will ever hand out (0 = no cap). */
arena_t *arena_new(size_t cap);
void arena_free(arena_t *a);
/* Zeroed, aligned for any type; NULL when the cap or memory is exhausted. */
void *arena_alloc(arena_t *a, size_t n);
char *arena_strdup(arena_t *a, const char *s);
char *arena_strndup(arena_t *a, const char *s, size_t n);
/* printf into the arena; NULL on failure. */
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t arena_used(const arena_t *a);

#endif
