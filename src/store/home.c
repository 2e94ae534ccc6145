/*
 * store/home.c — the counts of a home page (see home.h).
 */
#include "store/home.h"
#include "store/q.h"
#include "store/units.h"

#include <string.h>

int home_deadline_counts(db_t *db, int64_t root, int64_t officer, civil_date_t today,
                         civil_date_t week_end, home_deadlines_t *out)
{
    db_stmt_t *st;
    int rc = q_open_replanned(
        db, &st,
        UNITS_SCOPE_CTE "SELECT COALESCE(SUM(CASE WHEN d.due_on < $2 AND d.duty = 1 THEN 1 ELSE 0 "
                        "END), 0), COALESCE(SUM(CASE WHEN d.due_on = $2 THEN 1 ELSE 0 END), 0), "
                        "COALESCE(SUM(CASE WHEN d.due_on >= $2 THEN 1 ELSE 0 END), 0) "
                        "FROM case_deadline d WHERE d.closed_seq IS NULL AND d.due_on <= $3 "
                        "AND d.unit_id IN (SELECT id FROM subtree) "
                        "AND (CAST($4 AS BIGINT) = 0 OR d.officer_user_id = $4)",
        "iddi", root, today, week_end, officer);

    memset(out, 0, sizeof *out);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        out->overdue = db_column_int64(st, 0);
        out->due_today = db_column_int64(st, 1);
        out->due_week = db_column_int64(st, 2);
    }
    db_finalize(st);
    return rc == DB_ROW ? DB_OK : rc;
}

int home_cases_by_state(db_t *db, int64_t root, int64_t officer, civil_date_t today,
                        home_count_fn fn, void *arg)
{
    db_stmt_t *st;
    char state[40];
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE
                    "SELECT c.state, COUNT(*) FROM enforcement_case c "
                    "WHERE c.unit_id IN (SELECT id FROM subtree) "
                    "AND (CAST($3 AS BIGINT) = 0 OR c.officer_user_id = $3) GROUP BY c.state",
                    "idi", root, today, officer);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 0, state, sizeof state);
        if (fn(state, db_column_int64(st, 1), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int home_unassigned(db_t *db, int64_t root, civil_date_t today, int64_t *count)
{
    int rc = q_int64(db, count,
                     UNITS_SCOPE_CTE
                     "SELECT COUNT(*) FROM enforcement_case c WHERE c.unit_id IN (SELECT id FROM "
                     "subtree) AND c.officer_user_id IS NULL AND c.state NOT IN ('completed', "
                     "'terminated', 'returned', 'entrusted_out', 'revoked', 'refused')",
                     "id", root, today);
    return rc == DB_ROW ? DB_OK : rc;
}

int home_active_users(db_t *db, int64_t root, civil_date_t today, int64_t *count)
{
    int rc = q_int64(db, count,
                     UNITS_SCOPE_CTE "SELECT COUNT(*) FROM app_user u WHERE u.unit_id IN "
                                     "(SELECT id FROM subtree) AND u.disabled = 0",
                     "id", root, today);
    return rc == DB_ROW ? DB_OK : rc;
}

int home_recent_events(db_t *db, int64_t officer, int limit, home_event_fn fn, void *arg)
{
    db_stmt_t *st;
    home_event_t e;
    int rc = q_open(db, &st,
                    "SELECT e.case_id, e.seq, e.recorded_at, c.case_no, e.type, a.full_name, "
                    "e.occurred_on FROM enforcement_case c JOIN case_event e ON e.case_id = c.id "
                    "LEFT JOIN app_user a ON a.id = e.actor_user_id "
                    "WHERE c.officer_user_id = $1 ORDER BY e.recorded_at DESC, e.seq DESC "
                    "LIMIT $2",
                    "ii", officer, (int64_t)limit);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&e, 0, sizeof e);
        e.case_id = db_column_int64(st, 0);
        e.seq = db_column_int64(st, 1);
        e.recorded_at = db_column_int64(st, 2);
        q_text(st, 3, e.case_no, sizeof e.case_no);
        q_text(st, 4, e.type, sizeof e.type);
        q_text(st, 5, e.actor_name, sizeof e.actor_name);
        e.occurred_on = q_date(st, 6);
        if (fn(&e, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
