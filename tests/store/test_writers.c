/*
 * tests/store/test_writers.c — the write turn and group commit (store/writers.c), alone
 * with a sync function of the test's own, then through store/db.h on both engines:
 *   - the turn goes to writers in the order they asked for it, one at a time;
 *   - a commit is acknowledged only after a sync that started after it, and one sync
 *     serves the commits made while the previous one ran;
 *   - a failed sync fails every commit it covered and every later one;
 *   - a writer that waits too long gives up (DB_BUSY) and leaves the queue intact;
 *   - so does one whose request stopped (its deadline passed, its client went) while it
 *     waited: DB_INTERRUPTED at once, not the busy timeout's 5 s later;
 *   - many threads writing on their own connections lose nothing, a failing writer's
 *     rollback loses no one else's rows, and on SQLite several commits share one fsync.
 */
#include "store/db.h"
#include "store/writers.h"
#include "testdb.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static writers_stats_t stats_of(writers_t *w)
{
    writers_stats_t s;
    writers_stats(w, &s);
    return s;
}

/* ---- the turn: first come, first served ---- */

#define QUEUED 6

typedef struct {
    writers_t *w;
    int id;
    int *order, *next; /* written only by the holder of the turn */
} turn_arg_t;

static void *take_turn(void *p)
{
    turn_arg_t *a = p;

    if (writers_begin(a->w, 10000, NULL, NULL) != 0)
        return NULL;
    a->order[(*a->next)++] = a->id;
    writers_end(a->w, 0);
    return NULL;
}

static void test_turn_order(void **state)
{
    writers_t *w = writers_new();
    pthread_t t[QUEUED];
    turn_arg_t a[QUEUED];
    int order[QUEUED], next = 0;
    (void)state;

    assert_non_null(w);
    assert_int_equal(writers_begin(w, 1000, NULL, NULL), 0); /* the test holds the turn */
    for (int i = 0; i < QUEUED; i++) {
        a[i] = (turn_arg_t){w, i, order, &next};
        assert_int_equal(pthread_create(&t[i], NULL, take_turn, &a[i]), 0);
        /* the next thread starts only once this one waits in the queue */
        for (int k = 0; k < 500 && stats_of(w).waited < i + 1; k++)
            sleep_ms(2);
        assert_int_equal(stats_of(w).waited, i + 1);
    }
    writers_end(w, 0);
    for (int i = 0; i < QUEUED; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(next, QUEUED);
    for (int i = 0; i < QUEUED; i++)
        assert_int_equal(order[i], i);
    assert_int_equal(stats_of(w).turns, QUEUED + 1);
    writers_put(w);
}

/* A writer that waits past its timeout gives up; the one behind it still gets the turn. */
static void test_turn_timeout(void **state)
{
    writers_t *w = writers_new();
    pthread_t t;
    int order[1], next = 0;
    turn_arg_t a = {w, 7, order, &next};
    (void)state;

    assert_int_equal(writers_begin(w, 1000, NULL, NULL), 0);
    assert_int_equal(writers_begin(w, 30, NULL, NULL), -1); /* same thread: it would wait forever */
    assert_int_equal(stats_of(w).timeouts, 1);
    assert_int_equal(pthread_create(&t, NULL, take_turn, &a), 0);
    for (int k = 0; k < 500 && stats_of(w).waited < 2; k++)
        sleep_ms(2);
    writers_end(w, 0);
    pthread_join(t, NULL);
    assert_int_equal(next, 1);
    assert_int_equal(order[0], 7);
    assert_int_equal(writers_begin(w, 10, NULL, NULL), 0); /* free again */
    writers_end(w, 0);
    writers_put(w);
}

/* A stop function that says "give up" the third time it is asked. */
static int stop_third(void *arg)
{
    int *asked = arg;
    return ++*asked >= 3;
}

/* A waiting writer asked to stop gives up its place before the timeout; the queue goes on
 * and the turn is free again after the holder ends it. */
static void test_turn_stop(void **state)
{
    writers_t *w = writers_new();
    int asked = 0;
    (void)state;

    assert_int_equal(writers_begin(w, 1000, NULL, NULL), 0);
    /* same thread: without the stop it would wait its whole 60 s */
    assert_int_equal(writers_begin(w, 60000, stop_third, &asked), -2);
    assert_int_equal(asked, 3);
    assert_int_equal(stats_of(w).stopped, 1);
    assert_int_equal(stats_of(w).timeouts, 0);
    assert_int_equal(stats_of(w).turns, 1);
    writers_end(w, 0);
    assert_int_equal(writers_begin(w, 10, stop_third, &asked), 0); /* free: not asked */
    assert_int_equal(asked, 3);
    writers_end(w, 0);
    writers_put(w);
}

/* ---- group commit with a fake disk ---- */

typedef struct {
    writers_t *w;
    atomic_int in_cache; /* commits written (by the holder of the turn) */
    atomic_int on_disk;  /* commits the last completed sync covered */
    atomic_int syncs;
    int fail; /* the sync's answer */
} disk_t;

static int fake_sync(void *arg)
{
    disk_t *d = arg;
    int upto = atomic_load(&d->in_cache);

    atomic_fetch_add(&d->syncs, 1);
    sleep_ms(5); /* an fsync's time: commits pile up meanwhile */
    if (d->fail)
        return d->fail;
    if (upto > atomic_load(&d->on_disk))
        atomic_store(&d->on_disk, upto);
    return 0;
}

#define COMMITTERS 8
#define COMMITS    25

typedef struct {
    disk_t *d;
    int ok, failed, early; /* early: acknowledged before its commit was on disk */
} committer_t;

static void *commit_many(void *p)
{
    committer_t *c = p;

    for (int i = 0; i < COMMITS; i++) {
        int mine, rc;
        uint64_t ticket;
        assert_int_equal(writers_begin(c->d->w, 10000, NULL, NULL), 0);
        mine = atomic_fetch_add(&c->d->in_cache, 1) + 1;
        ticket = writers_end(c->d->w, 1);
        rc = writers_durable(c->d->w, ticket, fake_sync, c->d);
        if (rc == 0) {
            c->ok++;
            if (atomic_load(&c->d->on_disk) < mine)
                c->early++;
        } else
            c->failed++;
    }
    return NULL;
}

static void test_group_commit(void **state)
{
    disk_t d = {.w = writers_new()};
    pthread_t t[COMMITTERS];
    committer_t c[COMMITTERS];
    writers_stats_t s;
    (void)state;

    for (int i = 0; i < COMMITTERS; i++) {
        c[i] = (committer_t){&d, 0, 0, 0};
        assert_int_equal(pthread_create(&t[i], NULL, commit_many, &c[i]), 0);
    }
    for (int i = 0; i < COMMITTERS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(c[i].ok, COMMITS);
        assert_int_equal(c[i].early, 0);
    }
    s = stats_of(d.w);
    assert_int_equal(s.commits, COMMITTERS * COMMITS);
    assert_int_equal(s.syncs, atomic_load(&d.syncs));
    /* 8 writers, a 5 ms sync: most syncs serve several commits */
    print_message("%d commits, %d syncs\n", COMMITTERS * COMMITS, (int)s.syncs);
    assert_true(s.syncs * 2 <= s.commits);
    assert_int_equal(atomic_load(&d.on_disk), COMMITTERS * COMMITS);
    writers_put(d.w);
}

/* A failed sync fails every commit waiting on it and every later one: none of them is
 * acknowledged as durable. */
static void test_sync_failure(void **state)
{
    disk_t d = {.w = writers_new(), .fail = 5 /* an I/O error's code */};
    pthread_t t[COMMITTERS];
    committer_t c[COMMITTERS];
    uint64_t ticket;
    (void)state;

    for (int i = 0; i < COMMITTERS; i++) {
        c[i] = (committer_t){&d, 0, 0, 0};
        assert_int_equal(pthread_create(&t[i], NULL, commit_many, &c[i]), 0);
    }
    for (int i = 0; i < COMMITTERS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(c[i].ok, 0);
        assert_int_equal(c[i].failed, COMMITS);
    }
    /* the disk is healthy again: still nothing is acknowledged */
    d.fail = 0;
    assert_int_equal(writers_begin(d.w, 100, NULL, NULL), 0);
    ticket = writers_end(d.w, 1);
    assert_int_equal(writers_durable(d.w, ticket, fake_sync, &d), 5);
    writers_put(d.w);
}

/* ---- through store/db.h, on both engines ---- */

#define DB_WRITERS 6
#define DB_ROWS    40

typedef struct {
    const char *url;
    int id, busy;
} db_writer_t;

/* Insert DB_ROWS rows, each in its own transaction; writer 0 also tries, between its
 * rows, a transaction that fails (a duplicate key) and is rolled back. */
static void *db_write(void *p)
{
    db_writer_t *a = p;
    char err[256], sql[160];
    db_t *db;

    if (db_open(a->url, &db, err, sizeof err) != DB_OK)
        return NULL;
    for (int i = 0; i < DB_ROWS; i++) {
        int rc;
        if ((rc = db_begin(db)) != DB_OK) {
            a->busy++;
            continue;
        }
        snprintf(sql, sizeof sql, "INSERT INTO w (id, writer) VALUES (%d, %d)", a->id * 1000 + i,
                 a->id);
        rc = db_exec_script(db, sql);
        if (rc == DB_OK && a->id == 0 && i % 10 == 5) {
            /* the same key again: this transaction fails and takes only its own row */
            rc = db_exec_script(db, sql);
            assert_int_equal(rc, DB_CONSTRAINT);
            db_rollback(db);
            continue;
        }
        assert_int_equal(rc, DB_OK);
        assert_int_equal(db_commit(db), DB_OK);
    }
    db_close(db);
    return NULL;
}

static void test_db_writers(void **state)
{
    const char *engine = *state;
    db_t *db = testdb_open(engine);
    char url[1200];
    pthread_t t[DB_WRITERS];
    db_writer_t a[DB_WRITERS];
    db_commit_stats_t s;
    int64_t n = 0, rolled_back = 0;

    snprintf(url, sizeof url, "%s", testdb_url_last());
    testdb_exec(db, "CREATE TABLE w (id BIGINT PRIMARY KEY, writer BIGINT NOT NULL)");
    for (int i = 0; i < DB_WRITERS; i++) {
        a[i] = (db_writer_t){url, i, 0};
        assert_int_equal(pthread_create(&t[i], NULL, db_write, &a[i]), 0);
    }
    for (int i = 0; i < DB_WRITERS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(a[i].busy, 0);
    }
    /* every committed row is there; the failed transactions' rows are not */
    assert_int_equal(db_query_int64(db, "SELECT COUNT(*) FROM w", &n), DB_ROW);
    assert_int_equal(n, DB_WRITERS * DB_ROWS - DB_ROWS / 10);
    assert_int_equal(
        db_query_int64(db, "SELECT COUNT(*) FROM w WHERE writer = 0 AND id % 10 = 5", &rolled_back),
        DB_ROW);
    assert_int_equal(rolled_back, 0);
    db_commit_stats(db, &s);
    if (strcmp(engine, "sqlite") == 0) {
        /* every transaction took the turn (the table's creation too); each commit waited
         * for a sync, and syncs were shared or at worst one each */
        print_message("turns %lld, waited %lld, commits %lld, syncs %lld\n", (long long)s.turns,
                      (long long)s.waited, (long long)s.commits, (long long)s.syncs);
        assert_true(s.turns >= DB_WRITERS * DB_ROWS);
        assert_int_equal(s.commits, DB_WRITERS * DB_ROWS - DB_ROWS / 10);
        assert_true(s.syncs >= 1 && s.syncs <= s.commits);
        assert_int_equal(s.timeouts, 0);
    } else
        assert_int_equal(s.commits, 0);
    db_close(db);
}

/* Two connections of one thread: the second waits for the turn the first holds, gives up
 * after the busy timeout with DB_BUSY (SQLSTATE 40001, retryable), and gets it at once
 * after the first commits. A :memory: database has no turn to take. */
static void test_db_turn_busy(void **state)
{
    db_t *a = testdb_open("sqlite"), *b, *m;
    char err[256];
    (void)state;

    testdb_exec(a, "CREATE TABLE w (id BIGINT PRIMARY KEY)");
    assert_int_equal(db_open(testdb_url_last(), &b, err, sizeof err), DB_OK);
    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(db_begin(b), DB_BUSY); /* after 5 s */
    assert_string_equal(db_sqlstate(b), "40001");
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(db_begin(b), DB_OK);
    assert_int_equal(db_exec_script(b, "INSERT INTO w (id) VALUES (1)"), DB_OK);
    assert_int_equal(db_commit(b), DB_OK);
    db_close(b);
    /* a caller that sets synchronous itself takes the durability over: no shared fsync */
    db_commit_stats_t before, after;
    db_commit_stats(a, &before);
    assert_int_equal(before.commits, 2);
    testdb_exec(a, "PRAGMA synchronous = OFF");
    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(db_exec_script(a, "INSERT INTO w (id) VALUES (2)"), DB_OK);
    assert_int_equal(db_commit(a), DB_OK);
    db_commit_stats(a, &after);
    assert_int_equal(after.commits, 2);
    assert_int_equal(after.turns, before.turns + 1);
    db_close(a);
    assert_int_equal(db_open("sqlite::memory:", &m, err, sizeof err), DB_OK);
    assert_int_equal(db_begin(m), DB_OK);
    assert_int_equal(db_commit(m), DB_OK);
    db_close(m);
}

/* A request past its deadline while it waits for the write turn stops waiting: DB_INTERRUPTED
 * (SQLSTATE 57014), not DB_BUSY after the busy timeout; the other writer is not disturbed. */
static void test_db_turn_deadline(void **state)
{
    db_t *a = testdb_open("sqlite"), *b;
    char err[256];
    struct timespec now;
    (void)state;

    testdb_exec(a, "CREATE TABLE w (id BIGINT PRIMARY KEY)");
    assert_int_equal(db_open(testdb_url_last(), &b, err, sizeof err), DB_OK);
    assert_int_equal(db_begin(a), DB_OK);
    clock_gettime(CLOCK_MONOTONIC, &now);
    db_set_deadline(b, (int64_t)now.tv_sec * 1000000000 + now.tv_nsec + 50 * 1000000, NULL, NULL);
    assert_int_equal(db_begin(b), DB_INTERRUPTED);
    assert_string_equal(db_sqlstate(b), "57014");
    assert_int_equal(db_exec_script(a, "INSERT INTO w (id) VALUES (1)"), DB_OK);
    assert_int_equal(db_commit(a), DB_OK);
    db_set_deadline(b, 0, NULL, NULL);
    assert_int_equal(db_begin(b), DB_OK);
    assert_int_equal(db_exec_script(b, "INSERT INTO w (id) VALUES (2)"), DB_OK);
    assert_int_equal(db_commit(b), DB_OK);
    db_close(b);
    db_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_turn_order),   cmocka_unit_test(test_turn_timeout),
        cmocka_unit_test(test_group_commit), cmocka_unit_test(test_sync_failure),
        TEST_BOTH(test_db_writers),          cmocka_unit_test(test_db_turn_busy),
        cmocka_unit_test(test_turn_stop),    cmocka_unit_test(test_db_turn_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
