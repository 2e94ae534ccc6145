/*
 * core/admin_judgment.h — the monitoring of administrative judgments (THADS.md 5.1, 5.4):
 * what may be recorded on a judgment the agency follows, and when. Pure: no I/O.
 *
 * A judgment is received for monitoring; the agency sends reminder letters to the body
 * that must comply (the first one makes it count as a case: "one judgment with a reminder
 * letter = one case"); the court may decide to compel compliance; the judgment is complied
 * with, which ends the monitoring. Notes may be added while it is monitored.
 */
#ifndef THADS_CORE_ADMIN_JUDGMENT_H
#define THADS_CORE_ADMIN_JUDGMENT_H

#include "core/civil_date.h"

typedef enum {
    AJ_STEP_REMINDED,  /* a reminder letter sent (văn bản đôn đốc) */
    AJ_STEP_COMPELLED, /* the court's decision compelling compliance */
    AJ_STEP_COMPLETED, /* complied with */
    AJ_STEP_NOTE,
    AJ_STEP_COUNT
} aj_step_t;

/* "reminded", ...; NULL out of range. */
const char *aj_step_code(aj_step_t s);
/* The step of a code, or -1. */
int aj_step_parse(const char *code);
/* The step's name in Vietnamese ("Văn bản đôn đốc"). */
const char *aj_step_vi(aj_step_t s);

/* What the rules look at: the judgment's dates (CIVIL_DATE_INVALID: not yet). */
typedef struct {
    civil_date_t received_on, reminded_on, compelled_on, completed_on;
    civil_date_t last_on; /* the day of the last step recorded, or received_on */
} aj_dates_t;

typedef enum {
    AJ_OK = 0,
    AJ_IN_FUTURE,       /* dated after today */
    AJ_BEFORE_LAST,     /* dated before the judgment's receipt or its last step */
    AJ_CLOSED,          /* complied with already: the monitoring is over */
    AJ_COMPELLED_TWICE, /* the court's decision is recorded already */
} aj_refusal_t;

/* May step s dated `on` be recorded on a judgment with dates d, today being `today`? */
aj_refusal_t aj_check_step(const aj_dates_t *d, aj_step_t s, civil_date_t on, civil_date_t today);

/* The dates after recording step s on `on` (aj_check_step said yes). */
void aj_apply_step(aj_dates_t *d, aj_step_t s, civil_date_t on);

#endif
