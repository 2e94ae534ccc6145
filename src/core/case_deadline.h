/*
 * core/case_deadline.h — which legal deadlines an event of a case meets or cancels,
 * and which it starts (rule ids of data/rules.csv, THADS.md 3.3). The due dates
 * come from core/rules.h; this module only says which clocks run.
 */
#ifndef THADS_CORE_CASE_DEADLINE_H
#define THADS_CORE_CASE_DEADLINE_H

#include "core/case.h"

#define CASE_DEADLINE_MAX 5

typedef struct {
    const char *meets[CASE_DEADLINE_MAX];   /* closed as met (or late, if past due) */
    const char *cancels[CASE_DEADLINE_MAX]; /* closed as cancelled: nothing can meet them */
    int cancel_all;                         /* every other open deadline is cancelled */
    const char *starts[CASE_DEADLINE_MAX];
    int nmeets, ncancels, nstarts;
} case_deadline_effect_t;

/* What a complaint is about, which sets its resolution deadline (Art 142 ff.). */
typedef enum {
    CASE_COMPLAINT_NONE,
    CASE_COMPLAINT_FIRST,        /* a first complaint about acts before any measure: 15 days */
    CASE_COMPLAINT_PROTECTIVE,   /* about a protective measure: 5 working days */
    CASE_COMPLAINT_OTHER,        /* compulsory measures, second complaints: 30 days */
    CASE_COMPLAINT_DENUNCIATION, /* a denunciation (tố cáo): the Law on Denunciation's time */
    CASE_COMPLAINT_COUNT
} case_complaint_t;

/* "first", "protective", "other", "denunciation" ("" for none); the value for a code, or
 * -1. */
const char *case_complaint_code(case_complaint_t k);
int case_complaint_parse(const char *code);

/* The facts of the case and of the event that choose among a step's deadlines. */
typedef struct {
    int on_application;  /* the case was opened on a creditor's application (else ex officio) */
    int urgent_measure;  /* received: the case is a provisional urgent measure (D5) */
    int real_estate;     /* auction_contracted: the asset is real estate (D28) */
    int protest_request; /* postponed: at the request of a person competent to protest (D16) */
    case_complaint_t complaint; /* complaint_received */
} case_deadline_facts_t;

/* The effect of event e that moved a case from `before` to `after`. */
void case_deadline_effect(case_event_t e, case_state_t before, case_state_t after,
                          const case_deadline_facts_t *f, case_deadline_effect_t *out);

/* 1 when rule is a complaint's resolution deadline (D35_RESOLVE_*): one a complaint, met
 * by the decision naming it (core/case_engine.c). */
int case_deadline_resolves_complaint(const char *rule);

/* 1 when a stop or an end of the case (cancel_all) leaves rule running: a complaint is
 * resolved whatever becomes of the case (Art 142 ff.). */
int case_deadline_outlives_stop(const char *rule);

/* 1 when rule is a duty of the agency or its officer (met on time or late, a procedure
 * violation when late); 0 for a period given to a party, which simply elapses: the voluntary period
 * D10, the re-valuation request D25, the parties' choice of the auction organization D26. */
int case_deadline_is_duty(const char *rule);

/* The rule for deciding event e once its ground arises (D15 postponement, D17 the
 * decision to continue, D18 suspension, D19 termination, D20 entrustment), or NULL. */
const char *case_deadline_of_ground(case_event_t e);

#endif
