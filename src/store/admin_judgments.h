/*
 * store/admin_judgments.h — the register of administrative judgments the agency monitors
 * (migrations/0021, core/admin_judgment.h). Each function runs inside the caller's
 * transaction or on its own.
 */
#ifndef THADS_STORE_ADMIN_JUDGMENTS_H
#define THADS_STORE_ADMIN_JUDGMENTS_H

#include "core/civil_date.h"
#include "core/unit.h"
#include "store/db.h"

#include <stdint.h>

#define AJ_TEXT_MAX 2000 /* bytes of a free text: content, note */

typedef struct {
    int64_t id, unit_id, created_by, created_at;
    char unit_code[UNIT_CODE_MAX + 1];
    char unit_name[UNIT_NAME_MAX * 4 + 1];
    char judgment_no[121], court[401], respondent[801], applicant[801];
    char content[AJ_TEXT_MAX + 1];
    civil_date_t judgment_date, received_on, reminded_on, compelled_on, completed_on;
    civil_date_t last_on; /* of the last step; CIVIL_DATE_INVALID before the first */
    int steps;
} aj_row_t;

typedef struct {
    int64_t judgment_id, recorded_by, recorded_at;
    int seq;
    char kind[16], document_no[121], note[AJ_TEXT_MAX + 1], recorded_by_name[201];
    civil_date_t occurred_on;
} aj_step_row_t;

/* Insert j (its id, dates of steps and steps ignored): DB_OK with *id, DB_CONSTRAINT when
 * the unit has that judgment already, or the error. */
int aj_insert(db_t *db, const aj_row_t *j, int64_t *id);

/* The judgment id: DB_ROW, DB_DONE or the error. */
int aj_get(db_t *db, int64_t id, aj_row_t *out);

/* Append step s (its seq is the judgment's steps + 1) and copy the judgment's new dates
 * from j (reminded_on, compelled_on, completed_on; last_on is s's day). DB_OK or the error. */
int aj_append_step(db_t *db, const aj_row_t *j, const aj_step_row_t *s);

typedef int (*aj_step_fn)(const aj_step_row_t *s, void *arg);
/* The judgment's steps in order. DB_OK, or the error. */
int aj_steps(db_t *db, int64_t id, aj_step_fn fn, void *arg);

typedef struct {
    int64_t root;     /* the subtree (its scope as cases': UNITS_SCOPE_CTE) */
    civil_date_t day; /* the scope's day: today */
    int monitored;    /* 1: only those not complied with, 0: all */
    int64_t before;   /* keyset: ids below this one (0: from the newest) */
    int limit;
} aj_filter_t;

typedef int (*aj_row_fn)(const aj_row_t *j, void *arg);
/* The judgments of the filter, newest first. DB_OK, or the error. */
int aj_list(db_t *db, const aj_filter_t *f, aj_row_fn fn, void *arg);

/* The monitoring table of the report (THADS.md 5.4), counted in judgments for unit root's
 * subtree as it stood on `to` and the period [from, to]. */
typedef struct {
    int64_t carried_over; /* received before the period, not complied with before it */
    int64_t new_;         /* received in the period */
    int64_t monitored;    /* carried_over + new_ */
    int64_t reminded;     /* of the monitored, with a reminder letter by `to`: the cases */
    int64_t compelled;    /* court decisions compelling compliance dated in the period */
    int64_t completed;    /* complied with in the period */
    int64_t remaining;    /* monitored - completed: still monitored after the period */
} aj_figures_t;
int aj_figures(db_t *db, int64_t root, civil_date_t from, civil_date_t to, aj_figures_t *out);

#endif
