/*
 * ops/case_flags.h — a case's special categories over time (core/stat_flags.h): its static
 * flags and, when a debtor is in the prison register, the days they were held; and the
 * one operation that brings a case's statistics deltas to the flags of their days.
 * docs/internals/statistics.md, "Special categories as flags".
 */
#ifndef THADS_OPS_CASE_FLAGS_H
#define THADS_OPS_CASE_FLAGS_H

#include "core/stat_flags.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

#define CASE_FLAG_SPANS_MAX 64

typedef struct {
    int static_flags;
    stat_span_t spans[CASE_FLAG_SPANS_MAX];
    size_t nspans;
    civil_date_t changes[2 * CASE_FLAG_SPANS_MAX];
    size_t nchanges;
} case_flag_days_t;

/* The flags of case_id over time, from its row's flags (case_row_t.flags): the register
 * is read only when STAT_FLAG_PRISONER says a debtor is in it. DB_OK, DB_NOMEM when the
 * debtors have more than CASE_FLAG_SPANS_MAX stays, or the error. */
int case_flag_days_load(db_t *db, int64_t case_id, int flags, case_flag_days_t *t);

/* Rewrite case_id's deltas (stat_case_delta, and the difference into stat_delta) so each
 * sits under the flags of its day, with the moves of its open stock on the days the
 * prisoner flag changes: what a prison operation calls, in its transaction, for each
 * case of a debtor whose stays changed, and case_work_write_log after writing a case's
 * new deltas when the case has a prisoner debtor. Exact whatever order the register and
 * the case's events were recorded in (both may be backdated): the case's deltas summed
 * over flags are what its events wrote, and their spread over flags is made again from
 * them. O(the case's rows x its changes). DB_OK, DB_NOMEM, or the error. */
int case_flags_restate(db_t *db, int64_t case_id, int flags);

/* The stays of the prisoner who is party_id changed (registered, transferred, released,
 * dead), in the caller's transaction: every case where the party is a debtor is locked,
 * marked as having a prisoner debtor, and restated. DB_OK, DB_NOMEM, or the error. */
int case_flags_prisoner_changed(db_t *db, int64_t party_id);

#endif
