/*
 * tests/support/faultalloc.c — the wrapped allocator of faultalloc.h. Each wrapper asks
 * should_fail() whether this allocation is the one (or one of those) to fail; the
 * counters are atomics, so threads allocating meanwhile (a test server's) count too and
 * never race.
 */
#include "faultalloc.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The real allocator (ld's --wrap resolves __real_X to X: libc's, or ASan's). */
void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
char *__real_strdup(const char *s);
/* What --wrap sends the code under test to. */
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
char *__wrap_strdup(const char *s);

enum { MODE_OFF, MODE_ONCE, MODE_AFTER };

static atomic_int mode = MODE_OFF;
static atomic_long calls, injected, target;

static void arm(int m, long n)
{
    atomic_store(&mode, MODE_OFF);
    atomic_store(&calls, 0);
    atomic_store(&injected, 0);
    atomic_store(&target, n < 1 ? 1 : n);
    atomic_store(&mode, m);
}

void faultalloc_fail_at(long n)
{
    arm(MODE_ONCE, n);
}

void faultalloc_fail_after(long n)
{
    arm(MODE_AFTER, n);
}

void faultalloc_count(void)
{
    arm(MODE_OFF, 1);
}

void faultalloc_off(void)
{
    atomic_store(&mode, MODE_OFF);
}

long faultalloc_calls(void)
{
    return atomic_load(&calls);
}

long faultalloc_injected(void)
{
    return atomic_load(&injected);
}

/* Count one allocation; 1 if it is to fail. */
static int should_fail(void)
{
    long k = atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed) + 1;
    int m = atomic_load_explicit(&mode, memory_order_relaxed);
    long t;

    if (m == MODE_OFF)
        return 0;
    t = atomic_load_explicit(&target, memory_order_relaxed);
    if (k == t || (m == MODE_AFTER && k > t)) {
        atomic_fetch_add(&injected, 1);
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t size)
{
    return should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    /* realloc(p, 0) frees: failing it would leak p, which no caller could expect */
    if (size == 0 && p != NULL)
        return __real_realloc(p, size);
    return should_fail() ? NULL : __real_realloc(p, size);
}

char *__wrap_strdup(const char *s)
{
    return should_fail() ? NULL : __real_strdup(s);
}

/* ---- jansson ---- */

static void *jansson_malloc(size_t size)
{
    return __wrap_malloc(size);
}

void faultalloc_route_jansson(void)
{
    json_set_alloc_funcs(jansson_malloc, free);
}

/* ---- SQLite: its allocator interface needs each block's size, kept in a header of 8 bytes
 * (SQLite's own mem1.c does the same where malloc_usable_size is missing). ---- */

static void *sqlite_malloc(int n)
{
    int64_t *p = should_fail() ? NULL : __real_malloc((size_t)n + 8);

    if (p == NULL)
        return NULL;
    p[0] = n;
    return p + 1;
}

static void sqlite_free(void *p)
{
    if (p != NULL)
        free((int64_t *)p - 1);
}

static int sqlite_size(void *p)
{
    return p != NULL ? (int)((int64_t *)p)[-1] : 0;
}

static void *sqlite_realloc(void *p, int n)
{
    int64_t *q;

    if (should_fail())
        return NULL;
    q = __real_realloc((int64_t *)p - 1, (size_t)n + 8);
    if (q == NULL)
        return NULL;
    q[0] = n;
    return q + 1;
}

static int sqlite_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sqlite_init(void *arg)
{
    (void)arg;
    return SQLITE_OK;
}

static void sqlite_shutdown(void *arg)
{
    (void)arg;
}

int faultalloc_route_sqlite(void)
{
    static const sqlite3_mem_methods methods = {
        sqlite_malloc,  sqlite_free, sqlite_realloc,  sqlite_size,
        sqlite_roundup, sqlite_init, sqlite_shutdown, NULL,
    };

    return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK ? 0 : -1;
}
