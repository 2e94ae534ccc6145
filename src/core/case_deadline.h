/*
 * core/case_deadline.h — which legal deadlines an event of a case meets or cancels,
 * and which it starts (rule ids of data/rules.csv, THADS.md 3.3). The due dates
 * come from core/rules.h; this module only says which clocks run.
 */
#ifndef THADS_CORE_CASE_DEADLINE_H
#define THADS_CORE_CASE_DEADLINE_H

#include "core/case.h"

#define CASE_DEADLINE_MAX 4

typedef struct {
    const char *meets[CASE_DEADLINE_MAX];   /* closed as met (or late, if past due) */
    const char *cancels[CASE_DEADLINE_MAX]; /* closed as cancelled: nothing can meet them */
    int cancel_all;                         /* every other open deadline is cancelled */
    const char *starts[CASE_DEADLINE_MAX];
    int nmeets, ncancels, nstarts;
} case_deadline_effect_t;

/* The effect of event e that moved a case from `before` to `after`. on_application:
 * the case was opened on a creditor's application (else ex officio). */
void case_deadline_effect(case_event_t e, case_state_t before, case_state_t after,
                          int on_application, case_deadline_effect_t *out);

/* 1 when rule is a duty of the agency or its officer (met on time or late, a procedure
 * violation when late); 0 for a period given to a party — the voluntary period D10 —,
 * which simply elapses. */
int case_deadline_is_duty(const char *rule);

/* The rule for deciding event e once its ground arises (D15 postponement, D17 the
 * decision to continue, D18 suspension, D19 termination, D20 entrustment), or NULL. */
const char *case_deadline_of_ground(case_event_t e);

#endif
