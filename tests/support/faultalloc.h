/*
 * tests/support/faultalloc.h — make the n-th allocation fail, to test out-of-memory paths
 * (SQLite's habit: src/malloc.c's sqlite3FaultSim and test/malloc*.test, *fault.test).
 *
 * How it reaches the code under test. Every test binary is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup (Makefile), so the calls
 * of every object linked statically — thads' own (libthads.a), the tests' and this
 * support code — go through __wrap_malloc() and friends here, which count them and, when
 * armed, return NULL instead of allocating. Shared libraries keep calling the real
 * allocator: libmicrohttpd, libpq, libsodium, cmocka. Two of them can be routed through
 * the counter as well, on the test's request:
 *   - jansson (json_pack, json_dumps, ...): faultalloc_route_jansson();
 *   - SQLite (prepare, step, the page cache): faultalloc_route_sqlite(), before SQLite is
 *     first used (before the first db_open of the process).
 * Memory is still the real allocator's (ASan's in the test build), so leaks, double frees
 * and use after free are caught as usual; free() is not wrapped.
 *
 * Not armed, it only counts: tests that do not use it behave as before (one relaxed
 * atomic increment per allocation). The counter and the arming are process-wide and
 * atomic, so allocations of every thread count — arm it while only the test's own thread
 * is allocating, or the failure may land on another thread.
 *
 * The usual loop, which makes each allocation fail in turn until a run reaches its end
 * without meeting the injected failure:
 *
 *     for (long n = 1;; n++) {
 *         faultalloc_fail_at(n);
 *         rc = operation(...);            // must succeed or fail cleanly
 *         faultalloc_off();
 *         int hit = faultalloc_injected() > 0;
 *         ...check: rc is OK or an error status; no half-written rows; no leak (ASan)...
 *         if (!hit)
 *             break;                      // every allocation of the operation was tried
 *     }
 *
 * An operation that retries after a failed allocation (or allocates again in its
 * clean-up) needs faultalloc_fail_after(n): every allocation from the n-th on fails.
 */
#ifndef THADS_TESTS_FAULTALLOC_H
#define THADS_TESTS_FAULTALLOC_H

/* Arm: the n-th allocation counted from now (n >= 1) fails, once; the others succeed.
 * Resets faultalloc_calls() and faultalloc_injected() to 0. */
void faultalloc_fail_at(long n);
/* Arm: the n-th allocation counted from now and every one after it fail (n >= 1).
 * Resets the counters as faultalloc_fail_at does. */
void faultalloc_fail_after(long n);
/* Disarm: every allocation succeeds again. The counters keep their values, to be read. */
void faultalloc_off(void);
/* Start counting from 0 without arming (to measure an operation's allocations). */
void faultalloc_count(void);
/* Allocations counted since the last faultalloc_fail_at, _fail_after or _count (the
 * failed ones included). */
long faultalloc_calls(void);
/* Allocations made to fail since then. */
long faultalloc_injected(void);

/* Route jansson's allocations through the counter (json_set_alloc_funcs). May be called at
 * any time: memory jansson allocated before is freed by the same free(). */
void faultalloc_route_jansson(void);
/* Route SQLite's allocations through the counter (sqlite3_config(SQLITE_CONFIG_MALLOC)).
 * Must be called before SQLite's first use in the process: 0, or -1 if SQLite refused
 * (it was already initialized). */
int faultalloc_route_sqlite(void);

#endif
