/*
 * store/home.h — the counts of a user's home page (issue 13, GET /api/home): open
 * deadlines by how soon they fall due, cases by state, cases without an officer, the
 * latest events on an officer's cases, active users. Each is one aggregate over an
 * index: deadlines by (unit_id, due_on) — open ones due by the end of the week only —,
 * cases by (unit_id, state) or (officer_user_id, state), events by their case's key.
 */
#ifndef THADS_STORE_HOME_H
#define THADS_STORE_HOME_H

#include "core/civil_date.h"
#include "store/db.h"

#include <stdint.h>

typedef struct {
    int64_t overdue;   /* open, due before today (the agency's duties: duty = 1) */
    int64_t due_today; /* open, due today */
    int64_t due_week;  /* open, due from today to week_end */
} home_deadlines_t;

/* Open deadlines of the cases of root's subtree (scope as UNITS_SCOPE_CTE on today),
 * of one officer's when officer != 0. */
int home_deadline_counts(db_t *db, int64_t root, int64_t officer, civil_date_t today,
                         civil_date_t week_end, home_deadlines_t *out);

typedef int (*home_count_fn)(const char *key, int64_t count, void *arg);
/* Cases of root's subtree (of one officer's when officer != 0) by state, in no order. */
int home_cases_by_state(db_t *db, int64_t root, int64_t officer, civil_date_t today,
                        home_count_fn fn, void *arg);
/* Cases of root's subtree not ended (not completed, terminated, returned, entrusted,
 * revoked or refused) that have no officer. */
int home_unassigned(db_t *db, int64_t root, civil_date_t today, int64_t *count);
/* Users of root's subtree not disabled. */
int home_active_users(db_t *db, int64_t root, civil_date_t today, int64_t *count);

typedef struct {
    int64_t case_id, seq, recorded_at;
    char case_no[64], type[40], actor_name[481];
    civil_date_t occurred_on;
} home_event_t;
typedef int (*home_event_fn)(const home_event_t *e, void *arg);
/* The latest events (by the time recorded) on the cases officer is assigned to. */
int home_recent_events(db_t *db, int64_t officer, int limit, home_event_fn fn, void *arg);

#endif
