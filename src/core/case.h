/*
 * core/case.h — the lifecycle of one case (việc thi hành án): states, events, the
 * transitions the law allows, and the statistics bucket of each state.
 *
 * One enforcement decision (quyết định thi hành án) is one case (THADS.md 2.2). A case
 * is born by receiving a judgment or an application, or an entrustment from another
 * agency (case_start), then moves through the states of THADS.md 3.1 by events
 * (case_transition). Which event may follow which state is one table in case.c, with
 * the legal choice behind each row; nothing else in thads decides it.
 *
 * Codes ("enforcing", "measure_applied", "d3_enforcing") are stable: they are stored
 * in the database and sent in the API. Append new values; never renumber or rename.
 *
 * Pure: no I/O, no allocation, no globals that change; every string returned is static.
 */
#ifndef THADS_CORE_CASE_H
#define THADS_CORE_CASE_H

/* States of one case, THADS.md 3.1. */
typedef enum {
    CASE_STATE_RECEIVED,         /* judgment or application registered; not yet a case */
    CASE_STATE_REFUSED,          /* application refused in writing (terminal) */
    CASE_STATE_DECIDED,          /* enforcement decision issued */
    CASE_STATE_VOLUNTARY_PERIOD, /* decision served on the debtor; time to pay (D10) */
    CASE_STATE_VERIFYING,        /* officer verifying assets, income, address */
    CASE_STATE_ENFORCING,        /* has conditions; measures under way */
    CASE_STATE_NOT_ELIGIBLE,     /* not yet having conditions (Art 44a) */
    CASE_STATE_POSTPONED,        /* hoãn thi hành án */
    CASE_STATE_SUSPENDED,        /* tạm đình chỉ thi hành án */
    CASE_STATE_COMPLETED,        /* thi hành xong (terminal) */
    CASE_STATE_TERMINATED,       /* đình chỉ thi hành án (terminal) */
    CASE_STATE_RETURNED,         /* application returned, trả đơn (terminal) */
    CASE_STATE_ENTRUSTED_OUT,    /* entrusted to another agency, ủy thác (terminal) */
    CASE_STATE_REVOKED,          /* enforcement decision revoked, thu hồi (terminal) */
    CASE_STATE_COUNT
} case_state_t;

/* Events recorded on a case. Several change no state (assigned, money_collected,
 * money_paid, corrected, note); the table in case.c says where each is allowed. */
typedef enum {
    CASE_EVENT_RECEIVED, /* judgment or application received: creates the case */
    CASE_EVENT_REFUSED,  /* application refused in writing */
    CASE_EVENT_DECIDED,  /* enforcement decision issued */
    CASE_EVENT_ASSIGNED, /* officer assigned or reassigned */
    CASE_EVENT_NOTIFIED, /* decision validly served on the debtor */
    CASE_EVENT_VOLUNTARY_PERIOD_ENDED,
    CASE_EVENT_VERIFICATION_RECORDED, /* with a verify_result_t */
    CASE_EVENT_CLASSIFIED_ELIGIBLE,
    CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, /* decision on not yet having conditions (Art 44a) */
    CASE_EVENT_POSTPONED,
    CASE_EVENT_POSTPONEMENT_LIFTED, /* decision to continue after postponement */
    CASE_EVENT_SUSPENDED,
    CASE_EVENT_RESUMED, /* decision to continue after suspension */
    CASE_EVENT_TERMINATED,
    CASE_EVENT_ENTRUSTED_OUT,
    CASE_EVENT_ENTRUSTMENT_RECEIVED, /* entrusted to this agency: creates the case */
    CASE_EVENT_MEASURE_APPLIED,      /* protective or compulsory measure */
    CASE_EVENT_MONEY_COLLECTED,
    CASE_EVENT_MONEY_PAID,
    CASE_EVENT_COMPLETED,
    CASE_EVENT_APPLICATION_RETURNED,
    CASE_EVENT_REVOKED,
    CASE_EVENT_CORRECTED,    /* refers to an earlier event; what it corrects is the caller's */
    CASE_EVENT_NOTE,         /* free remark */
    CASE_EVENT_MONEY_VOIDED, /* a receipt voided: its collection undone (corrects_seq) */
    /* Issue 12: the steps whose legal deadlines (THADS.md 3.3) had no event. */
    CASE_EVENT_SENT_TO_PROCURACY,    /* the decision sent to the procuracy (D8) */
    CASE_EVENT_FROZEN_ON_THE_SPOT,   /* account or asset frozen on the spot by minutes (D22) */
    CASE_EVENT_FREEZE_DECIDED,       /* the freeze decision (meets D22, starts D23) */
    CASE_EVENT_SEIZED,               /* seizure, kê biên (starts D24) */
    CASE_EVENT_VALUATION_CONTRACTED, /* valuation service contract signed (D24) */
    CASE_EVENT_VALUATION_NOTIFIED,   /* valuation result notified (D25, D26, D27) */
    CASE_EVENT_AUCTION_CONTRACTED,   /* auction service contract signed (D27, D28) */
    CASE_EVENT_AUCTION_HELD,         /* the asset sold at auction (D28) */
    CASE_EVENT_AUCTION_FAILED,       /* an auction without a sale (D28, starts D29) */
    CASE_EVENT_PRICE_REDUCED,        /* starting price cut after a failed auction (D29) */
    CASE_EVENT_COMPLAINT_RECEIVED,   /* a complaint accepted for resolution (D35_RESOLVE_*) */
    CASE_EVENT_COMPLAINT_DECIDED,    /* the decision on a complaint */
    CASE_EVENT_COERCION_SCHEDULED,   /* a coercion planned for a day (the blackout windows) */
    /* Issue 14: the head approves an allocation for payout and the payees are told to come
     * for their money (starts D31 with the sum approved). */
    CASE_EVENT_PAYOUT_APPROVED,
    /* money a payee did not come for within D31, put on savings for them (meets D31) */
    CASE_EVENT_MONEY_DEPOSITED,
    /* Issue 15, the coercion counts (THADS.md 5.1, 5.3): what became of a coercion decision
     * (coercion_scheduled). Each answers one decision still pending on the case. */
    CASE_EVENT_COERCION_CARRIED_OUT,      /* the coercion was carried out (its minutes) */
    CASE_EVENT_COERCION_PAID_VOLUNTARILY, /* the debtor paid after the decision: not needed */
    CASE_EVENT_COUNT
} case_event_t;

/* The result a verification_recorded event carries; VERIFY_NONE for every other event. */
typedef enum {
    VERIFY_NONE,
    VERIFY_ELIGIBLE,     /* có điều kiện thi hành */
    VERIFY_NOT_ELIGIBLE, /* chưa có điều kiện thi hành */
    VERIFY_INCONCLUSIVE, /* nothing established yet: verification goes on */
    VERIFY_COUNT
} verify_result_t;

/* Statistics bucket of a state at a reporting date, THADS.md 5.2. */
typedef enum {
    STAT_NONE,           /* received, refused: not (yet) a case, not counted */
    STAT_UNCLASSIFIED,   /* decided, voluntary_period, verifying: accepted (A), not classified */
    STAT_D1_COMPLETED,   /* D1 thi hành xong */
    STAT_D2_TERMINATED,  /* D2 đình chỉ */
    STAT_D3_ENFORCING,   /* D3 đang thi hành */
    STAT_D4_POSTPONED,   /* D4 hoãn */
    STAT_D5_SUSPENDED,   /* D5 tạm đình chỉ */
    STAT_E_NOT_ELIGIBLE, /* E chưa có điều kiện */
    STAT_B_ENTRUSTED,    /* B ủy thác (subtracted from A) */
    STAT_RETURNED,       /* own line [M]: see case.c */
    STAT_REVOKED,        /* removed [M]: see case.c */
    STAT_COUNT
} case_stat_t;

/* Stable code of a state ("voluntary_period"); "?" for a value out of range. */
const char *case_state_code(case_state_t s);
/* The state for a code, or -1 (also for NULL). */
int case_state_parse(const char *code);
/* Vietnamese and English names of a state, for the UI and messages; "?" out of range. */
const char *case_state_name_vi(case_state_t s);
const char *case_state_name_en(case_state_t s);

/* The same for events ("measure_applied"). */
const char *case_event_code(case_event_t e);
int case_event_parse(const char *code);
const char *case_event_name_vi(case_event_t e);
const char *case_event_name_en(case_event_t e);

/* The same for verification results: "none", "eligible", "not_eligible", "inconclusive". */
const char *case_verify_code(verify_result_t v);
int case_verify_parse(const char *code);

/*
 * A case begins with CASE_EVENT_RECEIVED (judgment or application registered) or
 * CASE_EVENT_ENTRUSTMENT_RECEIVED (another agency entrusted it here); both put it in
 * CASE_STATE_RECEIVED. Returns 0 and sets *first, or -1 for any other event with a
 * reason in English and Vietnamese (either reason pointer may be NULL). *first is
 * written only on success.
 */
int case_start(case_event_t e, case_state_t *first, const char **reason_en, const char **reason_vi);

/*
 * The state after event e in state s: returns 0 and sets *next (== s for an event that
 * changes no state), or -1 when the law does not allow e in s, with a static reason in
 * English and Vietnamese that names the state and the event. Either reason pointer may
 * be NULL; *next is written only on success.
 *
 * v is read only for CASE_EVENT_VERIFICATION_RECORDED, which needs VERIFY_ELIGIBLE,
 * VERIFY_NOT_ELIGIBLE or VERIFY_INCONCLUSIVE; it is ignored for every other event.
 * The creation events (received, entrustment_received) are never allowed here: see
 * case_start. Out-of-range s, e or v are refused, never a crash.
 *
 * Only the kind of step is judged here. Whether the step is on time (deadlines, rules.h),
 * whether money balances (the ledger) and who may take it (access.h) are the callers'.
 * LAW: THADS.md 3.2; the legal choice behind each row is documented in case.c.
 */
int case_transition(case_state_t s, case_event_t e, verify_result_t v, case_state_t *next,
                    const char **reason_en, const char **reason_vi);

/* 1 for completed, terminated, returned, entrusted_out, revoked and refused; else 0. */
int case_state_is_terminal(case_state_t s);

/*
 * 1 if recording event e needs a signed document (decision, notice, minutes) attached,
 * 0 if not. THADS.md 3.2: every state change except those caused by payments needs a
 * signed document. Choices (case.c): payments, completion, the end of the voluntary
 * period (a lapse of time), corrections and notes need none; officer assignment needs
 * one although it changes no state.
 */
int case_event_needs_document(case_event_t e);

/* The statistics bucket of a case in state s (STAT_NONE for a value out of range). */
case_stat_t case_stat_bucket(case_state_t s);
/* Stable code of a bucket ("d3_enforcing"), its Vietnamese name; the bucket for a code
 * or -1. */
const char *case_stat_code(case_stat_t b);
const char *case_stat_name_vi(case_stat_t b);
int case_stat_parse(const char *code);
/* 1 for the eligible buckets D1..D5 (the base of the completion rate), else 0. */
int case_stat_is_eligible(case_stat_t b);

/* English name of a bucket ("?" out of range). */
const char *case_stat_name_en(case_stat_t b);
/* Vietnamese and English names of a verification result ("?" out of range). */
const char *case_verify_name_vi(verify_result_t v);
const char *case_verify_name_en(verify_result_t v);

#endif
