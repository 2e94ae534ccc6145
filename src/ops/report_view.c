/*
 * ops/report_view.c — the summary report as its readers get it (ops/report_view.h).
 */
#include "ops/report_view.h"
#include "ops/report_submit.h"
#include "ops/report_target.h"
#include "store/admin_judgments.h"
#include "store/prisoners.h"
#include "store/units.h"

/* The work with camps (issue 16), a table of its own: "prisons". */
static int add_prisons(db_t *db, int64_t unit, civil_date_t from, civil_date_t to, json_t *j,
                       op_error_t *err)
{
    prison_figures_t f;

    if (prison_figures(db, unit, from, to, &f) != DB_OK)
        return op_fail_db(err, db);
    json_object_set_new(
        j, "prisons",
        json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "sent", (json_int_t)f.sent, "done_on_time",
                  (json_int_t)f.done_on_time, "done_late", (json_int_t)f.done_late, "overdue",
                  (json_int_t)f.overdue, "camp_money_vnd", (json_int_t)f.camp_money_vnd,
                  "camp_money_received_vnd", (json_int_t)f.camp_money_received_vnd));
    return 0;
}

/* The monitoring of administrative judgments (THADS.md 5.4), a table of its own:
 * "admin_judgments", counted in judgments. */
static int add_admin_judgments(db_t *db, int64_t unit, civil_date_t from, civil_date_t to,
                               json_t *j, op_error_t *err)
{
    aj_figures_t f;

    if (aj_figures(db, unit, from, to, &f) != DB_OK)
        return op_fail_db(err, db);
    json_object_set_new(
        j, "admin_judgments",
        json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "carried_over", (json_int_t)f.carried_over,
                  "new", (json_int_t)f.new_, "monitored", (json_int_t)f.monitored, "reminded",
                  (json_int_t)f.reminded, "compelled", (json_int_t)f.compelled, "completed",
                  (json_int_t)f.completed, "remaining", (json_int_t)f.remaining));
    return 0;
}

int report_op_view(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                   const char *category, json_t **out, op_error_t *err)
{
    unit_row_t u;
    json_t *j;
    int rc;

    if ((rc = report_op_summary_object(db, unit_code, from, to, category, &j, err)) != 0)
        return rc;
    /* found by report_op_summary_object a moment ago: units are closed, never deleted */
    if (units_get_by_code(db, unit_code, to, &u) != DB_ROW) {
        json_decref(j);
        return op_fail_db(err, db);
    }
    if ((category == NULL && (rc = report_op_decorate(db, u.id, from, to, j, err)) != 0) ||
        (rc = report_op_year_decorate(db, u.id, from, to, category, j, err)) != 0 ||
        (category == NULL && (rc = add_prisons(db, u.id, from, to, j, err)) != 0) ||
        (category == NULL && (rc = add_admin_judgments(db, u.id, from, to, j, err)) != 0)) {
        json_decref(j);
        return rc;
    }
    *out = j;
    return 0;
}
