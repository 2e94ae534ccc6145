/*
 * store/approval.c — allocations and their approval for payout (store/approval.h).
 */
#include "store/approval.h"

#include "store/q.h"

#include <string.h>

int allocations_of_case(db_t *db, int64_t case_id, allocation_fn fn, void *arg)
{
    allocation_row_t r;
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT t.id, s.payee_party_id, SUM(s.amount_vnd), t.occurred_on, "
                    "a.approved_on, au.full_name, pu.full_name, t.memo "
                    "FROM ledger_txn t JOIN allocation_share s ON s.txn_id = t.id "
                    "LEFT JOIN allocation_approval a ON a.txn_id = t.id "
                    "LEFT JOIN app_user au ON au.id = t.actor_user_id "
                    "LEFT JOIN app_user pu ON pu.id = a.approved_by "
                    "WHERE t.case_id = $1 AND t.kind = 'allocation' "
                    "GROUP BY t.id, s.payee_party_id, t.occurred_on, a.approved_on, au.full_name, "
                    "pu.full_name, t.memo ORDER BY t.id, s.payee_party_id",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&r, 0, sizeof r);
        r.txn_id = db_column_int64(st, 0);
        r.payee_party_id = db_column_int64(st, 1);
        r.amount_vnd = db_column_int64(st, 2);
        r.allocated_on = q_date(st, 3);
        r.approved_on = q_date(st, 4);
        q_text(st, 5, r.allocated_by, sizeof r.allocated_by);
        q_text(st, 6, r.approved_by, sizeof r.approved_by);
        q_text(st, 7, r.memo, sizeof r.memo);
        if (fn(&r, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int allocation_lookup(db_t *db, int64_t case_id, int64_t txn_id, int64_t *total_vnd, int *approved)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT COALESCE(SUM(s.amount_vnd), 0), "
                    "(SELECT COUNT(*) FROM allocation_approval a WHERE a.txn_id = t.id) "
                    "FROM ledger_txn t LEFT JOIN allocation_share s ON s.txn_id = t.id "
                    "WHERE t.id = $1 AND t.case_id = $2 AND t.kind = 'allocation' GROUP BY t.id",
                    "ii", txn_id, case_id);

    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        *total_vnd = db_column_int64(st, 0);
        *approved = db_column_int64(st, 1) > 0;
    }
    db_finalize(st);
    return rc;
}

int allocation_approval_insert(db_t *db, int64_t txn_id, int64_t case_id, int64_t event_seq,
                               civil_date_t on, int64_t approved_by, int64_t now)
{
    return q_exec(db,
                  "INSERT INTO allocation_approval (txn_id, case_id, event_seq, approved_on, "
                  "approved_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)",
                  "iiidIi", txn_id, case_id, event_seq, on, approved_by, now);
}

int allocation_approved_sum(db_t *db, int64_t case_id, int64_t payee, int64_t *sum_vnd)
{
    int rc = q_int64(db, sum_vnd,
                     "SELECT COALESCE(SUM(s.amount_vnd), 0) FROM allocation_approval a "
                     "JOIN allocation_share s ON s.txn_id = a.txn_id "
                     "WHERE a.case_id = $1 AND s.payee_party_id = $2",
                     "ii", case_id, payee);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}

int allocation_last_approver(db_t *db, int64_t case_id, int64_t payee, int64_t *user_id)
{
    int rc = q_int64(db, user_id,
                     "SELECT COALESCE(MAX(a.approved_by), 0) FROM allocation_approval a "
                     "WHERE a.txn_id = (SELECT MAX(a2.txn_id) FROM allocation_approval a2 "
                     "JOIN allocation_share s ON s.txn_id = a2.txn_id "
                     "WHERE a2.case_id = $1 AND s.payee_party_id = $2)",
                     "ii", case_id, payee);
    return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_ERROR : rc;
}
