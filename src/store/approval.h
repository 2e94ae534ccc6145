/*
 * store/approval.h — the head's approval of allocations for payout (migrations/0017):
 * what each allocation of a case gave each payee, whether and when it was approved, and
 * what is approved for a payee in all. Each function runs inside the caller's
 * transaction; ops/money_ops.c writes the approval with its payout_approved event.
 */
#ifndef THADS_STORE_APPROVAL_H
#define THADS_STORE_APPROVAL_H

#include "core/civil_date.h"
#include "store/db.h"

#include <stdint.h>

/* One payee's share of one allocation of a case, with the allocation's approval. */
typedef struct {
    int64_t txn_id, payee_party_id, amount_vnd; /* payee 0: the State budget */
    civil_date_t allocated_on, approved_on;     /* approved_on CIVIL_DATE_INVALID: awaiting */
    char allocated_by[201], approved_by[201], memo[1001];
} allocation_row_t;
typedef int (*allocation_fn)(const allocation_row_t *r, void *arg);

/* The allocations of a case, oldest first, one row per payee of each. */
int allocations_of_case(db_t *db, int64_t case_id, allocation_fn fn, void *arg);

/* An allocation transaction of case_id: DB_ROW with its total and whether it is approved,
 * DB_DONE when txn_id is no allocation of that case, or the error. */
int allocation_lookup(db_t *db, int64_t case_id, int64_t txn_id, int64_t *total_vnd, int *approved);

/* Approve allocation txn_id with event seq of its case. */
int allocation_approval_insert(db_t *db, int64_t txn_id, int64_t case_id, int64_t event_seq,
                               civil_date_t on, int64_t approved_by, int64_t now);

/* What the approved allocations of case_id gave payee in all: DB_OK or the error. */
int allocation_approved_sum(db_t *db, int64_t case_id, int64_t payee, int64_t *sum_vnd);

/* The approver of the newest approved allocation that gave payee something (0: none). */
int allocation_last_approver(db_t *db, int64_t case_id, int64_t payee, int64_t *user_id);

#endif
