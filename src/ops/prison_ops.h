/*
 * ops/prison_ops.h — prisoners and the exchanges between an enforcement agency and the
 * prisons and camps holding its debtors (Joint Circular 07/2013/TTLT-BTP-BCA-BTC;
 * THADS.md 6; issue 16).
 *
 * A prisoner is a judgment debtor registered by the agency running one of their cases:
 * their camp is a history of stays, and the camp holding them on a day sees their
 * obligations — a transfer moves them to the new camp from its date. Each exchange has a
 * sender and a receiver (the agency or the camp), a state (drafted, sent, received,
 * answered; overdue when read past its due date), a legal deadline for the receiver
 * (data/rules.csv) and a generated document (core/prison_doc.h).
 *
 * Money paid at a camp is a collection of the case by method `prison`: Dr the agency's
 * in_transit, Cr the case's custody, with its receipt (the agency supplies the camps'
 * receipt books) and a money_collected event. When the agency receives the transfer,
 * one balanced transaction (kind `transfer`) moves it from in_transit to the bank (or
 * cash): in_transit holds exactly what camps collected and the agency has not received.
 *
 * Each operation writes inside the caller's transaction; the caller audits.
 */
#ifndef THADS_OPS_PRISON_OPS_H
#define THADS_OPS_PRISON_OPS_H

#include "core/prison_doc.h"
#include "ops/app.h"
#include "ops/op.h"
#include "store/case_row.h"
#include "store/cases.h"
#include "store/prisoners.h"

#include <stddef.h>
#include <stdint.h>

#define PRISON_TEXT_MAX   2000 /* characters of a body, an answer */
#define PRISON_NAME_MAX   200
#define PRISON_NO_MAX     32
#define PRISON_DOC_NO_MAX 64 /* a transfer or release decision's number */

typedef struct {
    int64_t case_id, party_id; /* the party must be a debtor of the case */
    int64_t camp_unit_id;      /* a prison or detention camp */
    const char *prisoner_no, *sentence;
    civil_date_t entered_on, expected_release_on; /* release: CIVIL_DATE_INVALID if unknown */
    /* NULL / CIVIL_DATE_INVALID: the party's */
    const char *full_name, *id_number;
    civil_date_t birth_date;
} prisoner_input_t;

/* Register a debtor of a case as a prisoner held in a camp from entered_on; the case's
 * unit follows them. Refusals: not a debtor of the case, a unit that holds no one, a
 * prisoner already, dates out of order or in the future, texts. */
int prison_op_register(db_t *db, const app_t *app, const prisoner_input_t *in, int64_t actor,
                       civil_date_t today, int64_t now, int64_t *id, op_error_t *err);

typedef enum { PRISON_MOVE_TRANSFER, PRISON_MOVE_RELEASE, PRISON_MOVE_DEATH } prison_move_t;
const char *prison_move_code(prison_move_t m);
int prison_move_parse(const char *code);

/* A transfer to another camp, a release or a death on `on`: the stay ends that day and a
 * transfer starts the next camp's the same day. Refusals: not held, a day before the stay
 * began or after today, a camp that holds no one or is the same. */
int prison_op_move(db_t *db, const app_t *app, int64_t prisoner_id, prison_move_t move,
                   int64_t to_camp, civil_date_t on, const char *document_no, int64_t actor,
                   civil_date_t today, int64_t now, op_error_t *err);

/* A prisoner's obligations: each case where they are the debtor, with its items. */
typedef struct {
    case_row_t c;
    case_item_row_t *item;
    size_t n_items;
} prison_obligation_t;
typedef struct {
    prison_obligation_t *o;
    size_t n;
    int64_t amount_vnd, paid_vnd, remaining_vnd; /* summed */
} prison_obligations_t;
/* Of party_id, every case or only case_id (0: all). */
int prison_op_obligations(db_t *db, int64_t party_id, int64_t case_id, prison_obligations_t *out,
                          op_error_t *err);
void prison_obligations_free(prison_obligations_t *o);

typedef struct {
    prison_x_kind_t kind;         /* notify_obligation, camp_collection, handover,
                                   * confirmation_request, verification_request */
    int64_t prisoner_id, case_id; /* case: required but for a confirmation request */
    civil_date_t on;
    int draft;           /* keep it drafted (not camp_collection) */
    const char *body;    /* what is handed over, the question, a note */
    const char *purpose; /* confirmation_request: sentence_reduction, ... */
    /* camp_collection */
    int64_t amount_vnd;
    const char *payer_name, *payer_address, *camp_receipt_no;
} prison_x_input_t;

/* Start an exchange. The camp is the one holding the prisoner on `on`; the agency the
 * prisoner's. A camp collection issues the receipt and books the money in transit. Sent
 * (not drafted), it is dated by its rule and given to the outbox. */
int prison_op_exchange(db_t *db, const app_t *app, const prison_x_input_t *in, int64_t actor,
                       civil_date_t today, int64_t now, int64_t *id, op_error_t *err);

/* A draft sent on `on`. */
int prison_op_send(db_t *db, const app_t *app, int64_t id, civil_date_t on, int64_t actor,
                   civil_date_t today, int64_t now, op_error_t *err);

/* The receiver has it on `on`. A camp collection: the agency receives the money from
 * in_transit into its bank account (in_cash: its cash) — one balanced transaction. */
int prison_op_receive(db_t *db, const app_t *app, int64_t id, civil_date_t on, int in_cash,
                      int64_t actor, civil_date_t today, int64_t now, op_error_t *err);

typedef struct {
    civil_date_t on;
    const char *text;      /* the acknowledgement or answer; required to answer a verification */
    const char *signed_by; /* handover: who signed the minutes (required) */
} prison_answer_t;

/* The receiver answers: the camp acknowledges a notice, records the prisoner's signed
 * confirmation of a hand-over, answers a verification (a new `answer` exchange, sent);
 * the agency issues the confirmation a camp asked for (a new `confirmation`, sent, stating
 * what was paid and what remains). *reply_id: the new exchange (0: none). */
int prison_op_answer(db_t *db, const app_t *app, int64_t id, const prison_answer_t *a,
                     int64_t actor, civil_date_t today, int64_t now, int64_t *reply_id,
                     op_error_t *err);

#endif
