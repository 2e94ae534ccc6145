/*
 * ops/case_replay.h — prove the case rows against their event logs: every case's events
 * are played again through the case engine (core/case_engine.c) and what they leave is
 * compared with what is stored — the case row's projection, the state after each event,
 * the open deadlines — and, all cases together, with the statistics table. What `thads
 * fsck` runs; an edited case row, deadline or statistics row is named.
 *
 * The replay judges with today's rules: after an upgrade that changed a rule, a case
 * recorded under the old one shows as a difference, to be reviewed, not as damage.
 */
#ifndef THADS_OPS_CASE_REPLAY_H
#define THADS_OPS_CASE_REPLAY_H

#include "ops/app.h"
#include "ops/op.h"
#include "store/db.h"

#include <stdint.h>

/* One difference, as a line of text ("case 12 (46/QĐ-THADS): state: stored enforcing,
 * replayed not_eligible"). */
typedef void (*case_replay_diff_fn)(const char *line, void *arg);

typedef struct {
    int64_t cases, events; /* replayed */
    int64_t differences;   /* lines given to fn */
} case_replay_counts_t;

/* Replay every case; fn (may be NULL) gets each difference, at most max_lines of them
 * (the count goes on). 0, or the store failure or out of memory with err filled. Cost:
 * O(events + statistics rows), one page of cases at a time; the statistics sums are held
 * in memory (O(statistics rows)). */
int case_replay_all(db_t *db, const app_t *app, case_replay_diff_fn fn, void *arg,
                    int64_t max_lines, case_replay_counts_t *counts, op_error_t *err);

/* Rebuild the statistics table from the events: replay every case, delete every row and
 * write the replayed sums, in one transaction (the caller must not hold one). With
 * only_if_needed, do it only when stat_delta_needs_rebuild says so (after migration
 * 0012). *rebuilt = 1 if it ran. 0, or the failure with err filled (nothing changed).
 * A case whose log the engine refuses keeps the deltas of the events before the refusal:
 * `thads fsck` names it. */
int case_replay_rebuild_stats(db_t *db, const app_t *app, int only_if_needed, int *rebuilt,
                              op_error_t *err);

#endif
