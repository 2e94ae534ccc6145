/*
 * jobs/deadline_job.h — the daily look at legal deadlines inside `thads serve`.
 *
 * Due dates are computed when the event that starts them is recorded; what changes
 * with the calendar is which of them are overdue. This job counts open deadlines past
 * due per unit once per legal day (checking every few minutes whether the day turned)
 * and keeps the counts for /metrics; the worklist and the inspection view read the
 * deadlines themselves and are always current. The same daily look opens the
 * statistics' next month ahead of its first event (store/stat_month.h, stat_month_open).
 */
#ifndef THADS_JOBS_DEADLINE_JOB_H
#define THADS_JOBS_DEADLINE_JOB_H

#include "core/civil_date.h"
#include "store/pool.h"

#include <stdint.h>

typedef struct deadline_job deadline_job_t;

/* Start the job's thread. today() gives the current legal date (the app's clock);
 * check_every_s is how often it looks whether the day has turned. */
int deadline_job_start(db_pool_t *pool, civil_date_t (*today)(void *), void *today_arg,
                       int check_every_s, deadline_job_t **out);
/* Stop the thread and free the job. */
void deadline_job_stop(deadline_job_t *job);
/* Run a refresh now (tests, and the first run at start). 0 ok, -1 store error. */
int deadline_job_refresh(deadline_job_t *job);

/* The last snapshot: for each unit with overdue deadlines, fn(unit_code, count). Also
 * the legal day it was taken for and when (unix seconds), 0 before the first. */
typedef void (*deadline_job_fn)(const char *unit_code, int64_t overdue, void *arg);
void deadline_job_snapshot(deadline_job_t *job, deadline_job_fn fn, void *arg, civil_date_t *day,
                           int64_t *taken_at);

#endif
