/*
 * store/writers.h — the writers of one database file inside this process: a first come,
 * first served write turn (one writer at a time, the next woken when the previous one
 * ends, never polled), and group commit (a transaction committed without its own fsync
 * waits until one sync, run by whichever waiting writer comes first, has covered it).
 * Used by the SQLite backend (store/sqlite.c); docs/internals/store.md, "Writers".
 * Private to store/, and independent of SQLite so its order and failures can be tested
 * with a sync function of the test's own (tests/store/test_writers.c).
 */
#ifndef THADS_STORE_WRITERS_H
#define THADS_STORE_WRITERS_H

#include <stdint.h>
#include <sys/types.h>

typedef struct writers writers_t;

/* Made durable: 0, or the (nonzero) code of the sync that failed. */
typedef int (*writers_sync_fn)(void *arg);

typedef struct {
    int64_t turns;    /* write turns taken */
    int64_t waited;   /* of which had to wait for another writer */
    int64_t timeouts; /* turns given up after timeout_ms */
    int64_t stopped;  /* turns given up because stop() said so */
    int64_t commits;  /* commits that waited for a sync (writers_durable) */
    int64_t syncs;    /* syncs run for them: commits / syncs is the group size */
} writers_stats_t;

/* The writers of the file (dev, ino), shared by every connection of the process to it:
 * created on first use, freed by the last writers_put. NULL when out of memory. */
writers_t *writers_get(dev_t dev, ino_t ino);
void writers_put(writers_t *w);
/* A private set, for tests; freed by writers_put. */
writers_t *writers_new(void);

/* Whether a writer waiting for its turn should give up: its request's deadline passed or
 * its client has gone (db_should_stop). */
typedef int (*writers_stop_fn)(void *arg);

/* Asked at most every WRITERS_STOP_CHECK_MS while a writer waits. */
#define WRITERS_STOP_CHECK_MS 10

/*
 * Wait for the write turn, in the order of arrival, at most timeout_ms: 0 when it is the
 * caller's (until writers_end), -1 when the time ran out, -2 when stop(arg) (NULL: never)
 * said to give up; on -1 and -2 nothing is held and the queue goes on without the caller.
 */
int writers_begin(writers_t *w, int timeout_ms, writers_stop_fn stop, void *arg);
/*
 * End the caller's turn and hand it to the next writer waiting. committed: the turn's
 * transaction was committed and is not yet durable; the return value is its ticket for
 * writers_durable (0 otherwise). Tickets follow the order of the commits in the file,
 * since only the holder of the turn commits.
 */
uint64_t writers_end(writers_t *w, int committed);
/*
 * Return when the commit of ticket is durable. If no sync is running, the caller runs
 * sync(arg) for every commit made so far (its own and those that came while the last
 * sync ran) and wakes their writers; otherwise it waits for the running one and, if
 * that did not cover it, the next. 0 when durable; the failing sync's code otherwise —
 * to every writer it covered, and to every later one: after a failed fsync the file's
 * state on disk is unknown (Linux drops the pages it could not write), so nothing more
 * is acknowledged until the process starts again.
 */
int writers_durable(writers_t *w, uint64_t ticket, writers_sync_fn sync, void *arg);
void writers_stats(writers_t *w, writers_stats_t *out);

#endif
