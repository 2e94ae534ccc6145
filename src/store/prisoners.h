/*
 * store/prisoners.h — prisoners, where they are held (a history of dated stays), and the
 * exchanges between enforcement agencies and prisons or camps about them
 * (migrations/0015_prison.sql; issue 16). The rules are ops/prison_ops.c's; each function
 * runs inside the caller's transaction.
 */
#ifndef THADS_STORE_PRISONERS_H
#define THADS_STORE_PRISONERS_H

#include "core/civil_date.h"
#include "store/db.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t party_id, agency_unit_id;
    const char *full_name, *id_number, *prisoner_no, *sentence;
    civil_date_t birth_date, entered_on, expected_release_on;
    int64_t created_by, created_at;
} prisoner_new_t;

int prisoners_insert(db_t *db, const prisoner_new_t *p, int64_t *id);

typedef struct {
    int64_t id, party_id, agency_unit_id;
    char full_name[801], id_number[32], prisoner_no[129], sentence[801], status[16];
    civil_date_t birth_date, entered_on, expected_release_on;
    /* the stay covering the day asked for (camp 0: held nowhere that day) */
    int64_t camp_unit_id;
    civil_date_t camp_from;
    char camp_code[40], camp_name[801], agency_code[40], agency_name[801];
    int64_t created_at;
    /* the cases where they are the debtor: how many, owed, paid, still owed */
    int64_t n_cases, amount_vnd, paid_vnd, remaining_vnd;
} prisoner_row_t;

/* The prisoner with the stay covering day `on`: DB_ROW, DB_DONE or the error. */
int prisoners_get(db_t *db, int64_t id, civil_date_t on, prisoner_row_t *out);
/* The prisoner record of a party: DB_ROW with *id, DB_DONE, or the error. */
int prisoners_of_party(db_t *db, int64_t party_id, int64_t *id);
int prisoners_set_status(db_t *db, int64_t id, const char *status);
/* The party's camp and prisoner number columns (camp 0: NULL, not held). */
int prisoners_set_party_camp(db_t *db, int64_t party_id, int64_t camp_unit_id,
                             const char *prisoner_no);

typedef struct {
    int64_t camp_unit_id; /* camp side: held in this camp on `today` (0: agency side) */
    int64_t agency_root;  /* agency side: followed by a unit of this subtree */
    int64_t case_id;      /* 0: any; else the debtors of this case */
    const char *status;   /* NULL: any */
    civil_date_t today;
    int limit;
} prisoner_filter_t;
typedef int (*prisoner_fn)(const prisoner_row_t *p, void *arg);
int prisoners_list(db_t *db, const prisoner_filter_t *f, prisoner_fn fn, void *arg);

/* ---- stays ---- */
int prisoner_stays_insert(db_t *db, int64_t prisoner_id, int64_t camp_unit_id, civil_date_t from,
                          const char *reason_in, const char *document_no, int64_t actor,
                          int64_t now);
/* End the open stay on `on` for reason_out: DB_OK, DB_DONE when none is open, or the error. */
int prisoner_stays_close(db_t *db, int64_t prisoner_id, civil_date_t on, const char *reason_out,
                         const char *document_no);
typedef struct {
    int64_t id, camp_unit_id;
    char camp_code[40], camp_name[801], reason_in[16], reason_out[16], document_no[257];
    civil_date_t from_on, to_on; /* to_on CIVIL_DATE_INVALID: held there still */
} prisoner_stay_row_t;
typedef int (*prisoner_stay_fn)(const prisoner_stay_row_t *s, void *arg);
/* Oldest first. */
int prisoner_stays_list(db_t *db, int64_t prisoner_id, prisoner_stay_fn fn, void *arg);
/* The open stay's start (CIVIL_DATE_INVALID: none): DB_OK or the error. */
int prisoner_stay_open_from(db_t *db, int64_t prisoner_id, civil_date_t *from, int64_t *camp);

/* The cases where the party is the debtor, oldest first: fn(case_id). */
typedef int (*prisoner_case_fn)(int64_t case_id, void *arg);
int prisoner_debtor_cases(db_t *db, int64_t party_id, prisoner_case_fn fn, void *arg);
/* Is party a debtor of case_id: DB_ROW yes, DB_DONE no, or the error. */
int prisoner_is_debtor(db_t *db, int64_t case_id, int64_t party_id);

/* The special category "prisoner" (core/stat_flags.h): fn(from_on, to_on) for every stay
 * of every debtor of case_id in the register, by from_on (to_on CIVIL_DATE_INVALID: held
 * still); nonzero stops. DB_OK or the error. */
typedef int (*prisoner_span_fn)(civil_date_t from_on, civil_date_t to_on, void *arg);
int prisoner_case_stays(db_t *db, int64_t case_id, prisoner_span_fn fn, void *arg);
/* Set STAT_FLAG_PRISONER (4) on every case with a debtor in the register and clear it on
 * the others (a rebuild of the statistics, after migration 0014). DB_OK or the error. */
int prisoner_refresh_case_flags(db_t *db);

/* Debtors held in a camp (party.camp_unit_id) not yet registered as prisoners, with one
 * case of theirs in `state` (still owing), oldest case first: for the demo. */
typedef int (*prisoner_candidate_fn)(int64_t party_id, int64_t case_id, int64_t camp_unit_id,
                                     const char *prisoner_no, void *arg);
int prisoner_candidates(db_t *db, const char *state, int limit, prisoner_candidate_fn fn,
                        void *arg);

/* ---- exchanges ---- */
typedef struct {
    const char *kind, *state;
    int64_t prisoner_id, case_id, agency_unit_id, camp_unit_id, sender_unit_id, receiver_unit_id,
        reply_to_id;
    const char *purpose;
    int64_t amount_vnd, remaining_vnd, receipt_id;
    const char *camp_receipt_no, *payer_name, *body;
    const char *rule_id;
    civil_date_t due_on, drafted_on, sent_on;
    const char *document;
    int64_t created_by, created_at;
} exchange_new_t;
int exchanges_insert(db_t *db, const exchange_new_t *x, int64_t *id);

typedef struct {
    int64_t id, prisoner_id, case_id, agency_unit_id, camp_unit_id, sender_unit_id,
        receiver_unit_id, reply_to_id, amount_vnd, remaining_vnd, receipt_id, transfer_txn_id,
        created_by, created_at, updated_at;
    char kind[24], state[16], purpose[24], camp_receipt_no[129], payer_name[801], rule_id[33];
    char signed_by[801];
    char *body, *answer, *document; /* malloc'd; exchange_row_clear frees them */
    civil_date_t due_on, drafted_on, sent_on, received_on, answered_on, signed_on;
    /* joined for display */
    char case_no[257], prisoner_name[801], prisoner_no[129];
    char sender_code[40], sender_name[801], receiver_code[40], receiver_name[801];
} exchange_row_t;
void exchange_row_clear(exchange_row_t *x);

/* DB_ROW, DB_DONE or the error (x cleared first; clear it after). */
int exchanges_get(db_t *db, int64_t id, exchange_row_t *x);
/* The exchange's row locked for update (PostgreSQL FOR UPDATE). */
int exchanges_lock(db_t *db, int64_t id);

typedef struct {
    const char *state; /* the new stored state */
    civil_date_t on;   /* sets sent_on, received_on or answered_on by state */
    const char *answer, *signed_by, *document; /* NULL: unchanged */
    civil_date_t signed_on;                    /* CIVIL_DATE_INVALID: unchanged */
    int64_t transfer_txn_id;                   /* 0: unchanged */
    civil_date_t due_on;                       /* CIVIL_DATE_INVALID: unchanged */
    const char *rule_id;                       /* NULL: unchanged */
    int64_t now;
} exchange_change_t;
int exchanges_change(db_t *db, int64_t id, const exchange_change_t *c);

int exchange_events_insert(db_t *db, int64_t exchange_id, const char *state, civil_date_t on,
                           int64_t actor, int64_t now, const char *note);
typedef struct {
    int seq;
    char state[16], note[2001], actor_name[481];
    civil_date_t on;
    int64_t recorded_at;
} exchange_event_row_t;
typedef int (*exchange_event_fn)(const exchange_event_row_t *e, void *arg);
int exchange_events_list(db_t *db, int64_t exchange_id, exchange_event_fn fn, void *arg);

typedef struct {
    int64_t camp_unit_id; /* camp side: exchanges of this camp about prisoners it holds today */
    int64_t agency_root;  /* agency side: exchanges of units of this subtree */
    int64_t prisoner_id, case_id; /* 0: any */
    const char *kind, *state;     /* stored state; NULL: any */
    int overdue;                  /* 1: only those waiting for their receiver past due_on */
    const char *waiting_for;      /* "camp", "agency": only those waiting for that side */
    civil_date_t today;
    int limit;
} exchange_filter_t;
typedef int (*exchange_fn)(const exchange_row_t *x, void *arg);
/* Open ones (sent, received) soonest due first — overdue first —, then drafts, then the
 * answered, newest first. */
int exchanges_list(db_t *db, const exchange_filter_t *f, exchange_fn fn, void *arg);

/* What the camps collected for case_id (receipts paid at a camp, not void) that the
 * agency has not received yet: DB_OK or the error. */
int prison_in_transit_of_case(db_t *db, int64_t case_id, int64_t *sum_vnd);

/* The figures of the work with camps for the agencies of root's subtree (the tree on
 * `to`) in [from, to] (issue 16): exchanges sent; those whose receiver acted in the
 * period (a camp collection or a confirmation is done when received, the others when
 * answered), within their deadline or late; those open and past their deadline on `to`;
 * money collected at camps (receipts not void) and money received from them. */
typedef struct {
    int64_t sent, done_on_time, done_late, overdue, camp_money_vnd, camp_money_received_vnd;
} prison_figures_t;
int prison_figures(db_t *db, int64_t root, civil_date_t from, civil_date_t to,
                   prison_figures_t *out);

/* ---- what `thads fsck` checks ---- */
typedef int (*prison_problem_fn)(const char *what, void *arg);
/* Each unit's in_transit balance equals the money its camps collected (receipts paid at a
 * camp, not void) that it has not received yet; every received camp collection names a
 * transfer of its amount; every camp collection's receipt is of its case and amount. */
int prison_check(db_t *db, prison_problem_fn fn, void *arg, int64_t *problems);

#endif
