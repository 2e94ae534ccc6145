/*
 * core/prison_doc.h — the printable text of an exchange between an enforcement agency
 * and a prison or detention camp (Joint Circular 07/2013/TTLT-BTP-BCA-BTC; THADS.md 6):
 * the notice of a prisoner's obligations, the record of money paid at the camp, the
 * hand-over to a prisoner, the request for a confirmation of fulfilment and the
 * confirmation, the request to verify and its answer. Vietnamese, with the legal
 * references of the rule table, laid out as the paper form is: the sender's heading,
 * the national motto, the title, the body, the signature block.
 *
 * Pure: no I/O; the text is malloc'd (the caller frees it).
 */
#ifndef THADS_CORE_PRISON_DOC_H
#define THADS_CORE_PRISON_DOC_H

#include "core/civil_date.h"

#include <stddef.h>
#include <stdint.h>

typedef enum {
    PRISON_X_NOTIFY_OBLIGATION,    /* agency -> camp: the prisoner's obligations and decisions */
    PRISON_X_CAMP_COLLECTION,      /* camp -> agency: money paid at the camp */
    PRISON_X_HANDOVER,             /* agency -> camp -> prisoner: money, papers, assets */
    PRISON_X_CONFIRMATION_REQUEST, /* camp -> agency: confirm what the prisoner fulfilled */
    PRISON_X_CONFIRMATION,         /* agency -> camp: the confirmation */
    PRISON_X_VERIFICATION_REQUEST, /* agency -> camp: verify conditions */
    PRISON_X_ANSWER,               /* camp -> agency: the answer to a verification */
    PRISON_X_KIND_COUNT
} prison_x_kind_t;

const char *prison_x_kind_code(prison_x_kind_t k);
const char *prison_x_kind_name_vi(prison_x_kind_t k);
const char *prison_x_kind_name_en(prison_x_kind_t k);
int prison_x_kind_parse(const char *code);
/* 1 when the agency sends this kind, 0 when the camp does. */
int prison_x_kind_from_agency(prison_x_kind_t k);

/* Stored states, and "overdue" as read (prison_x_state_as_of). */
typedef enum {
    PRISON_X_DRAFTED,
    PRISON_X_SENT,
    PRISON_X_RECEIVED,
    PRISON_X_ANSWERED,
    PRISON_X_OVERDUE,
    PRISON_X_STATE_COUNT
} prison_x_state_t;

const char *prison_x_state_code(prison_x_state_t s);
const char *prison_x_state_name_vi(prison_x_state_t s);
const char *prison_x_state_name_en(prison_x_state_t s);
int prison_x_state_parse(const char *code);
/* 1 for the kinds the receiver answers (a notice, a hand-over, a request); the others
 * (money collected, a confirmation, an answer) are done once received. */
int prison_x_kind_answered(prison_x_kind_t k);
/* The state shown on `today`: an exchange still waiting for its receiver (sent, or
 * received and to be answered) whose due date has passed is overdue; the others are what
 * is stored. */
prison_x_state_t prison_x_state_as_of(prison_x_kind_t kind, prison_x_state_t stored,
                                      civil_date_t due_on, civil_date_t today);
/* The rule of data/rules.csv that dates the receiver's action for kind (NULL: none). */
const char *prison_x_rule(prison_x_kind_t k);

/* Why a camp asks for a confirmation (THADS.md 6.1). */
const char *prison_purpose_name_vi(const char *code); /* NULL for an unknown code */

typedef struct {
    const char *description; /* "Bồi thường thiệt hại cho ông Nguyễn Văn A" */
    int64_t amount_vnd;
} prison_doc_item_t;

typedef struct {
    const char *case_no, *judgment_no, *court_name;
    civil_date_t judgment_date, decided_on;
    const prison_doc_item_t *item;
    size_t n_items;
    int64_t amount_vnd, paid_vnd; /* owed in all, paid so far */
} prison_doc_case_t;

typedef struct {
    prison_x_kind_t kind;
    const char *sender_name, *receiver_name, *place; /* place: "Nghệ An" (may be NULL) */
    civil_date_t on;
    int64_t number; /* the exchange's id, printed as its number */
    /* the prisoner */
    const char *full_name, *id_number, *prisoner_no, *camp_name, *sentence;
    civil_date_t birth_date, expected_release_on;
    /* the obligations (notice, confirmation): one per case */
    const prison_doc_case_t *cases;
    size_t n_cases;
    /* camp_collection, handover, confirmation */
    int64_t amount_vnd;
    const char *payer_name, *camp_receipt_no, *purpose; /* purpose: a request's code */
    const char *body;                                   /* the sender's own words (may be NULL) */
    /* the legal basis of the exchange and of its deadline (rules_t legal_ref_vi) */
    const char *legal_ref_vi;
    const char *deadline_text; /* "05 ngày làm việc" (may be NULL) */
    civil_date_t due_on;
    int64_t reply_to; /* the request answered (0: none) */
    civil_date_t reply_to_on;
} prison_doc_t;

/* The document's text (UTF-8, lines ended by '\n'), or NULL when out of memory. */
char *prison_doc_render(const prison_doc_t *d);

#endif
