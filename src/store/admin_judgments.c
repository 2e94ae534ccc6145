/*
 * store/admin_judgments.c — the register of administrative judgments
 * (store/admin_judgments.h).
 */
#include "store/admin_judgments.h"
#include "store/q.h"
#include "store/units.h"

#include <string.h>

int aj_insert(db_t *db, const aj_row_t *j, int64_t *id)
{
    return q_insert_id(db, id,
                       "INSERT INTO admin_judgment (unit_id, judgment_no, judgment_date, court, "
                       "respondent, applicant, content, received_on, created_by, created_at) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                       "isdssssdIi", j->unit_id, j->judgment_no, j->judgment_date, j->court,
                       j->respondent, j->applicant, j->content, j->received_on, j->created_by,
                       j->created_at);
}

#define AJ_COLUMNS                                                                                 \
    "j.id, j.unit_id, u.code, u.name_vi, j.judgment_no, j.judgment_date, j.court, "                \
    "j.respondent, j.applicant, j.content, j.received_on, j.reminded_on, j.compelled_on, "         \
    "j.completed_on, j.steps, j.created_by, j.created_at, j.last_on"

static void read_row(db_stmt_t *st, aj_row_t *j)
{
    memset(j, 0, sizeof *j);
    j->id = db_column_int64(st, 0);
    j->unit_id = db_column_int64(st, 1);
    q_text(st, 2, j->unit_code, sizeof j->unit_code);
    q_text(st, 3, j->unit_name, sizeof j->unit_name);
    q_text(st, 4, j->judgment_no, sizeof j->judgment_no);
    j->judgment_date = q_date(st, 5);
    q_text(st, 6, j->court, sizeof j->court);
    q_text(st, 7, j->respondent, sizeof j->respondent);
    q_text(st, 8, j->applicant, sizeof j->applicant);
    q_text(st, 9, j->content, sizeof j->content);
    j->received_on = q_date(st, 10);
    j->reminded_on = q_date(st, 11);
    j->compelled_on = q_date(st, 12);
    j->completed_on = q_date(st, 13);
    j->steps = (int)db_column_int64(st, 14);
    j->created_by = db_column_int64(st, 15);
    j->created_at = db_column_int64(st, 16);
    j->last_on = q_date(st, 17);
}

int aj_get(db_t *db, int64_t id, aj_row_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " AJ_COLUMNS " FROM admin_judgment j JOIN unit u ON u.id = j.unit_id "
                    "WHERE j.id = $1",
                    "i", id);

    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW)
        read_row(st, out);
    db_finalize(st);
    return rc;
}

int aj_append_step(db_t *db, const aj_row_t *j, const aj_step_row_t *s)
{
    int64_t changed = 0;
    int rc = q_exec(db,
                    "INSERT INTO admin_judgment_step (judgment_id, seq, kind, occurred_on, "
                    "document_no, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, "
                    "$7, $8)",
                    "iisdssIi", j->id, (int64_t)j->steps + 1, s->kind, s->occurred_on,
                    s->document_no[0] ? s->document_no : NULL, s->note[0] ? s->note : NULL,
                    s->recorded_by, s->recorded_at);

    if (rc != DB_OK)
        return rc;
    /* steps = $5 - 1: the row read before is the one changed, or the primary key above
     * has already refused a second writer's step of the same number */
    rc = q_exec_n(db, &changed,
                  "UPDATE admin_judgment SET reminded_on = $2, compelled_on = $3, "
                  "completed_on = $4, steps = $5, last_on = $6 WHERE id = $1 AND steps = $5 - 1",
                  "idddid", j->id, j->reminded_on, j->compelled_on, j->completed_on,
                  (int64_t)j->steps + 1, s->occurred_on);
    return rc != DB_OK ? rc : changed == 1 ? DB_OK : DB_CONSTRAINT;
}

int aj_steps(db_t *db, int64_t id, aj_step_fn fn, void *arg)
{
    db_stmt_t *st;
    aj_step_row_t s;
    int rc = q_open(db, &st,
                    "SELECT s.seq, s.kind, s.occurred_on, s.document_no, s.note, s.recorded_by, "
                    "s.recorded_at, au.full_name FROM admin_judgment_step s LEFT JOIN app_user au "
                    "ON au.id = s.recorded_by WHERE s.judgment_id = $1 ORDER BY s.seq",
                    "i", id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&s, 0, sizeof s);
        s.judgment_id = id;
        s.seq = (int)db_column_int64(st, 0);
        q_text(st, 1, s.kind, sizeof s.kind);
        s.occurred_on = q_date(st, 2);
        q_text(st, 3, s.document_no, sizeof s.document_no);
        q_text(st, 4, s.note, sizeof s.note);
        s.recorded_by = db_column_int64(st, 5);
        s.recorded_at = db_column_int64(st, 6);
        q_text(st, 7, s.recorded_by_name, sizeof s.recorded_by_name);
        if (fn(&s, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int aj_list(db_t *db, const aj_filter_t *f, aj_row_fn fn, void *arg)
{
    db_stmt_t *st;
    aj_row_t j;
    int rc = q_open_replanned(
        db, &st,
        UNITS_SCOPE_CTE " SELECT " AJ_COLUMNS
                        " FROM admin_judgment j JOIN unit u ON u.id = j.unit_id WHERE "
                        "j.unit_id IN (SELECT id FROM subtree) AND ($3 = 0 OR j.id < "
                        "$3) AND ($4 = 0 OR j.completed_on IS NULL) ORDER BY j.id "
                        "DESC LIMIT $5",
        "idiii", f->root, f->day, f->before, (int64_t)f->monitored, (int64_t)f->limit);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        read_row(st, &j);
        if (fn(&j, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int aj_figures(db_t *db, int64_t root, civil_date_t from, civil_date_t to, aj_figures_t *out)
{
    db_stmt_t *st;
    /* a register of tens of judgments a year per province: counted from its rows */
    int rc = q_open(
        db, &st,
        UNITS_SCOPE_CTE
        " SELECT COALESCE(SUM(CASE WHEN received_on < $3 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN received_on >= $3 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN reminded_on <= $2 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN compelled_on >= $3 AND compelled_on <= $2 THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN completed_on <= $2 THEN 1 ELSE 0 END), 0) "
        "FROM admin_judgment WHERE unit_id IN (SELECT id FROM subtree) AND received_on <= $2 "
        "AND (completed_on IS NULL OR completed_on >= $3)",
        "idd", root, to, from);

    memset(out, 0, sizeof *out);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_step(st)) == DB_ROW) {
        out->carried_over = db_column_int64(st, 0);
        out->new_ = db_column_int64(st, 1);
        out->reminded = db_column_int64(st, 2);
        out->compelled = db_column_int64(st, 3);
        out->completed = db_column_int64(st, 4);
        out->monitored = out->carried_over + out->new_;
        out->remaining = out->monitored - out->completed;
    }
    db_finalize(st);
    return rc == DB_ROW ? DB_OK : rc;
}
