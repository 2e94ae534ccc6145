/*
 * jobs/deadline_job.c — one thread, one connection from the pool for the length of a
 * refresh, a snapshot behind a mutex. The refresh is one GROUP BY over the open
 * deadlines (indexed by closed_seq, due_on): cheap enough to run on the serving
 * database once a day.
 */
#include "jobs/deadline_job.h"
#include "store/cases.h"
#include "store/stat_month.h"

#include <errno.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    char code[40];
    int64_t overdue;
} entry_t;

struct deadline_job {
    db_pool_t *pool;
    civil_date_t (*today)(void *);
    void *today_arg;
    int check_every_s;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stopping;
    /* the snapshot */
    entry_t *entries;
    size_t n;
    civil_date_t day;
    int64_t taken_at;
};

typedef struct {
    entry_t *entries;
    size_t n, cap;
} collect_t;

/* One unit's count, the array grown as needed: nonzero (stop) only out of memory. */
static int collect(const char *unit_code, int64_t count, void *arg)
{
    collect_t *c = arg;

    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        entry_t *e = realloc(c->entries, cap * sizeof *e);
        if (e == NULL)
            return 1;
        c->entries = e;
        c->cap = cap;
    }
    snprintf(c->entries[c->n].code, sizeof c->entries[c->n].code, "%s", unit_code);
    c->entries[c->n].overdue = count;
    c->n++;
    return 0;
}

/* Open the statistics' month after today's (stat_month_open), in a transaction of its own:
 * the first events of that month then find it open, and no two of them move the horizon
 * at once. */
static int open_next_month(db_t *db, civil_date_t today)
{
    int y, m, rc;

    civil_date_to_ymd(today, &y, &m, NULL);
    if ((rc = db_begin(db)) != DB_OK)
        return rc;
    if ((rc = stat_month_open(db, (int64_t)y * 12 + m)) != DB_OK) { /* (m is 1-based) */
        db_rollback(db);
        return rc;
    }
    return db_commit(db);
}

int deadline_job_refresh(deadline_job_t *job)
{
    civil_date_t today = job->today(job->today_arg);
    collect_t c = {NULL, 0, 0};
    db_t *db = db_pool_acquire(job->pool);
    int rc;

    rc = deadlines_overdue_by_unit(db, today, collect, &c);
    if (rc == DB_OK)
        rc = open_next_month(db, today);
    db_pool_release(job->pool, db);
    if (rc != DB_OK) {
        free(c.entries);
        return -1;
    }
    pthread_mutex_lock(&job->lock);
    free(job->entries);
    job->entries = c.entries;
    job->n = c.n;
    job->day = today;
    job->taken_at = time(NULL);
    pthread_mutex_unlock(&job->lock);
    return 0;
}

static void *run(void *arg)
{
    deadline_job_t *job = arg;

    pthread_mutex_lock(&job->lock);
    while (!job->stopping) {
        struct timespec until;
        civil_date_t last = job->day;

        pthread_mutex_unlock(&job->lock);
        if (job->today(job->today_arg) != last)
            deadline_job_refresh(job); /* a failure is retried at the next check */
        pthread_mutex_lock(&job->lock);
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += job->check_every_s;
        while (!job->stopping &&
               pthread_cond_timedwait(&job->wake, &job->lock, &until) != ETIMEDOUT)
            ;
    }
    pthread_mutex_unlock(&job->lock);
    return NULL;
}

int deadline_job_start(db_pool_t *pool, civil_date_t (*today)(void *), void *today_arg,
                       int check_every_s, deadline_job_t **out)
{
    deadline_job_t *job = calloc(1, sizeof *job);

    *out = NULL;
    if (job == NULL)
        return -1;
    job->pool = pool;
    job->today = today;
    job->today_arg = today_arg;
    job->check_every_s = check_every_s > 0 ? check_every_s : 300;
    job->day = CIVIL_DATE_INVALID;
    pthread_mutex_init(&job->lock, NULL);
    pthread_cond_init(&job->wake, NULL);
    if (pthread_create(&job->thread, NULL, run, job) != 0) {
        pthread_cond_destroy(&job->wake);
        pthread_mutex_destroy(&job->lock);
        free(job);
        return -1;
    }
    *out = job;
    return 0;
}

void deadline_job_stop(deadline_job_t *job)
{
    if (job == NULL)
        return;
    pthread_mutex_lock(&job->lock);
    job->stopping = 1;
    pthread_cond_signal(&job->wake);
    pthread_mutex_unlock(&job->lock);
    pthread_join(job->thread, NULL);
    pthread_cond_destroy(&job->wake);
    pthread_mutex_destroy(&job->lock);
    free(job->entries);
    free(job);
}

void deadline_job_snapshot(deadline_job_t *job, deadline_job_fn fn, void *arg, civil_date_t *day,
                           int64_t *taken_at)
{
    pthread_mutex_lock(&job->lock);
    for (size_t i = 0; i < job->n; i++)
        fn(job->entries[i].code, job->entries[i].overdue, arg);
    *day = job->day;
    *taken_at = job->taken_at;
    pthread_mutex_unlock(&job->lock);
}
