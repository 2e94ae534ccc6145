/*
 * api/schemas_prison.c — the formats of the prison routes (api/prisoners.c, issue 16),
 * declared as api/schemas.c declares the others (http/schema.h).
 */
#include "api/schemas.h"
#include "core/money.h"
#include "core/prison_doc.h"
#include "ops/money_ops.h"
#include "ops/prison_ops.h"

#include <stdint.h>

#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }
#define ID_RANGE .ranged = 1, .min = 1, .max = INT64_MAX

static const char *started_kind_values(int i)
{
    static const char *const v[] = {"notify_obligation", "camp_collection", "handover",
                                    "confirmation_request", "verification_request"};
    return i >= 0 && i < 5 ? v[i] : NULL;
}
static const char *kind_values(int i)
{
    return i >= 0 && i < PRISON_X_KIND_COUNT ? prison_x_kind_code((prison_x_kind_t)i) : NULL;
}
static const char *state_values(int i)
{
    return i >= 0 && i < PRISON_X_STATE_COUNT ? prison_x_state_code((prison_x_state_t)i) : NULL;
}
static const char *move_values(int i)
{
    return i >= 0 && i < 3 ? prison_move_code((prison_move_t)i) : NULL;
}
static const char *purpose_values(int i)
{
    static const char *const v[] = {"sentence_reduction", "early_release", "amnesty"};
    return i >= 0 && i < 3 ? v[i] : NULL;
}
static const char *status_values(int i)
{
    static const char *const v[] = {"held", "released", "dead"};
    return i >= 0 && i < 3 ? v[i] : NULL;
}

/* ---- requests ---- */

const schema_field_t api_prisoner_create_body[] = {
    {.name = "case_id",
     .type = SCHEMA_INTEGER,
     .required = 1,
     ID_RANGE,
     .doc = "A case of my subtree where the party is the debtor"},
    {.name = "party_id", .type = SCHEMA_INTEGER, .required = 1, ID_RANGE},
    {.name = "camp_unit_id",
     .type = SCHEMA_INTEGER,
     .required = 1,
     ID_RANGE,
     .doc = "The prison or detention camp holding them"},
    {.name = "prisoner_no", .type = SCHEMA_STRING, .required = 1, .max_len = PRISON_NO_MAX},
    {.name = "sentence",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = PRISON_NAME_MAX,
     .doc = "As in the judgment: \"05 năm tù\""},
    {.name = "entered_on",
     .type = SCHEMA_DATE,
     .required = 1,
     .doc = "The day they entered the camp"},
    {.name = "expected_release_on", .type = SCHEMA_DATE},
    {.name = "full_name",
     .type = SCHEMA_STRING,
     .max_len = PRISON_NAME_MAX,
     .doc = "Default: the party's name"},
    {.name = "id_number", .type = SCHEMA_STRING, .max_len = PRISON_NO_MAX},
    {.name = "birth_date", .type = SCHEMA_DATE},
    END,
};

const schema_field_t api_prisoner_move_body[] = {
    {.name = "kind", .type = SCHEMA_STRING, .required = 1, .values = move_values},
    {.name = "occurred_on",
     .type = SCHEMA_DATE,
     .required = 1,
     .doc = "The old stay ends and a transfer's new one begins that day"},
    {.name = "to_camp_unit_id", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "transfer: the new camp"},
    {.name = "document_no", .type = SCHEMA_STRING, .max_len = PRISON_DOC_NO_MAX},
    END,
};

const schema_field_t api_prisoner_exchange_body[] = {
    {.name = "kind",
     .type = SCHEMA_STRING,
     .required = 1,
     .values = started_kind_values,
     .doc = "The agency: notify_obligation, handover, verification_request; the camp: "
            "camp_collection, confirmation_request"},
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "case_id",
     .type = SCHEMA_INTEGER,
     ID_RANGE,
     .doc = "A case where the prisoner is the debtor (all but a confirmation request)"},
    {.name = "draft", .type = SCHEMA_BOOLEAN, .doc = "Keep it drafted (not a camp collection)"},
    {.name = "body",
     .type = SCHEMA_STRING,
     .max_len = PRISON_TEXT_MAX,
     .doc = "What is handed over (required for a handover), the question, a note"},
    {.name = "purpose",
     .type = SCHEMA_STRING,
     .values = purpose_values,
     .doc = "confirmation_request: what the file is for"},
    {.name = "amount_vnd",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 1,
     .max = MONEY_AMOUNT_MAX,
     .doc = "camp_collection: paid at the camp"},
    {.name = "payer_name", .type = SCHEMA_STRING, .max_len = MONEY_PAYER_NAME_MAX},
    {.name = "payer_address", .type = SCHEMA_STRING, .max_len = MONEY_PAYER_ADDRESS_MAX},
    {.name = "camp_receipt_no",
     .type = SCHEMA_STRING,
     .max_len = PRISON_NO_MAX,
     .doc = "The number on the camp's receipt"},
    END,
};

const schema_field_t api_exchange_send_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    END,
};

const schema_field_t api_exchange_receive_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "in_cash",
     .type = SCHEMA_BOOLEAN,
     .doc = "camp_collection: received in cash (else into the bank account)"},
    END,
};

const schema_field_t api_exchange_answer_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "text",
     .type = SCHEMA_STRING,
     .max_len = PRISON_TEXT_MAX,
     .doc = "The acknowledgement, the answer (required for a verification), a note"},
    {.name = "signed_by",
     .type = SCHEMA_STRING,
     .max_len = PRISON_NAME_MAX,
     .doc = "handover: who signed the minutes of receipt (the prisoner)"},
    END,
};

const schema_field_t api_prisoners_query[] = {
    {.name = "case_id", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "The debtors of this case"},
    {.name = "status", .type = SCHEMA_STRING, .values = status_values},
    {.name = "limit", .type = SCHEMA_INTEGER, .ranged = 1, .min = 1, .max = 1000},
    END,
};

static const char *waiting_values(int i)
{
    return i == 0 ? "me" : NULL;
}

const schema_field_t api_exchanges_query[] = {
    {.name = "waiting",
     .type = SCHEMA_STRING,
     .values = waiting_values,
     .doc = "me: only those my side has to act on (receive or answer), soonest due first"},
    {.name = "unit_id",
     .type = SCHEMA_INTEGER,
     ID_RANGE,
     .doc = "The agency side: only this unit's subtree (404 outside mine)"},
    {.name = "prisoner_id", .type = SCHEMA_INTEGER, ID_RANGE},
    {.name = "case_id", .type = SCHEMA_INTEGER, ID_RANGE},
    {.name = "kind", .type = SCHEMA_STRING, .values = kind_values},
    {.name = "state",
     .type = SCHEMA_STRING,
     .values = state_values,
     .doc = "overdue: sent or received and past its due date"},
    {.name = "limit", .type = SCHEMA_INTEGER, .ranged = 1, .min = 1, .max = 1000},
    END,
};

/* ---- answers ---- */

static const schema_field_t unit_ref_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "code", .type = SCHEMA_STRING},
    {.name = "name_vi", .type = SCHEMA_STRING},
    END,
};

static const schema_field_t prisoner_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "party_id", .type = SCHEMA_INTEGER},
    {.name = "full_name", .type = SCHEMA_STRING},
    {.name = "birth_date", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "id_number", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "prisoner_no", .type = SCHEMA_STRING},
    {.name = "sentence", .type = SCHEMA_STRING},
    {.name = "entered_on", .type = SCHEMA_DATE},
    {.name = "expected_release_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "status", .type = SCHEMA_STRING, .values = status_values},
    {.name = "status_name_vi", .type = SCHEMA_STRING},
    {.name = "camp",
     .type = SCHEMA_OBJECT,
     .fields = unit_ref_fields,
     .nullable = 1,
     .doc = "Held there today; null once released or dead"},
    {.name = "camp_since", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "agency",
     .type = SCHEMA_OBJECT,
     .fields = unit_ref_fields,
     .doc = "The enforcement unit that follows them"},
    END,
};
static const schema_field_t a_prisoner = {
    .type = SCHEMA_OBJECT, .fields = prisoner_fields, .ref = "Prisoner"};

static const schema_field_t stay_fields[] = {
    {.name = "camp", .type = SCHEMA_OBJECT, .fields = unit_ref_fields},
    {.name = "from_on", .type = SCHEMA_DATE},
    {.name = "to_on", .type = SCHEMA_DATE, .nullable = 1, .doc = "null: held there still"},
    {.name = "reason_in", .type = SCHEMA_STRING, .doc = "entry, transfer"},
    {.name = "reason_out", .type = SCHEMA_STRING, .nullable = 1, .doc = "transfer, release, death"},
    {.name = "document_no", .type = SCHEMA_STRING, .nullable = 1},
    END,
};
static const schema_field_t a_stay = {.type = SCHEMA_OBJECT, .fields = stay_fields};

static const schema_field_t item_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "content_type", .type = SCHEMA_STRING},
    {.name = "description", .type = SCHEMA_STRING},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER},
    {.name = "payment_rank", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t an_item = {.type = SCHEMA_OBJECT, .fields = item_fields};

static const schema_field_t judgment_fields[] = {
    {.name = "number", .type = SCHEMA_STRING},
    {.name = "court", .type = SCHEMA_STRING},
    {.name = "date", .type = SCHEMA_DATE, .nullable = 1},
    END,
};

static const schema_field_t obligation_fields[] = {
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "unit", .type = SCHEMA_OBJECT, .fields = unit_ref_fields},
    {.name = "state", .type = SCHEMA_STRING},
    {.name = "judgment", .type = SCHEMA_OBJECT, .fields = judgment_fields},
    {.name = "decided_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "items", .type = SCHEMA_ARRAY, .items = &an_item},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER, .doc = "To enforce"},
    {.name = "paid_vnd", .type = SCHEMA_INTEGER, .doc = "Paid by the debtor so far"},
    {.name = "remaining_vnd", .type = SCHEMA_INTEGER},
    {.name = "paid_out_vnd", .type = SCHEMA_INTEGER, .doc = "Paid out to the payees"},
    END,
};
static const schema_field_t an_obligation = {.type = SCHEMA_OBJECT, .fields = obligation_fields};

static const schema_field_t obligations_fields[] = {
    {.name = "cases", .type = SCHEMA_ARRAY, .items = &an_obligation},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER},
    {.name = "paid_vnd", .type = SCHEMA_INTEGER},
    {.name = "remaining_vnd", .type = SCHEMA_INTEGER},
    END,
};

static const schema_field_t x_prisoner_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "full_name", .type = SCHEMA_STRING},
    {.name = "prisoner_no", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t x_case_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t x_receipt_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},         {.name = "number_text", .type = SCHEMA_STRING},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER}, {.name = "issued_on", .type = SCHEMA_DATE},
    {.name = "voided", .type = SCHEMA_BOOLEAN},     END,
};

#define EXCHANGE_FIELDS                                                                            \
    {.name = "id", .type = SCHEMA_INTEGER},                                                        \
        {.name = "kind", .type = SCHEMA_STRING, .values = kind_values},                            \
        {.name = "kind_name_vi", .type = SCHEMA_STRING},                                           \
        {.name = "kind_name_en", .type = SCHEMA_STRING},                                           \
        {.name = "state",                                                                          \
         .type = SCHEMA_STRING,                                                                    \
         .values = state_values,                                                                   \
         .doc = "As of today: overdue when sent or received past due_on"},                         \
        {.name = "state_stored",                                                                   \
         .type = SCHEMA_STRING,                                                                    \
         .doc = "drafted, sent, received, answered"},                                              \
        {.name = "state_name_vi", .type = SCHEMA_STRING},                                          \
        {.name = "state_name_en", .type = SCHEMA_STRING},                                          \
        {.name = "prisoner", .type = SCHEMA_OBJECT, .fields = x_prisoner_fields},                  \
        {.name = "case", .type = SCHEMA_OBJECT, .fields = x_case_fields, .nullable = 1},           \
        {.name = "sender", .type = SCHEMA_OBJECT, .fields = unit_ref_fields},                      \
        {.name = "receiver", .type = SCHEMA_OBJECT, .fields = unit_ref_fields},                    \
        {.name = "direction", .type = SCHEMA_STRING, .doc = "agency_to_camp, camp_to_agency"},     \
        {.name = "reply_to_id",                                                                    \
         .type = SCHEMA_INTEGER,                                                                   \
         .nullable = 1,                                                                            \
         .doc = "The request a confirmation or answer replies to"},                                \
        {.name = "purpose", .type = SCHEMA_STRING, .nullable = 1, .values = purpose_values},       \
        {.name = "amount_vnd",                                                                     \
         .type = SCHEMA_INTEGER,                                                                   \
         .doc = "Collected at the camp, handed over, or paid (a confirmation)"},                   \
        {.name = "remaining_vnd", .type = SCHEMA_INTEGER, .doc = "A confirmation: still owed"},    \
        {.name = "camp_receipt_no", .type = SCHEMA_STRING, .nullable = 1},                         \
        {.name = "payer_name", .type = SCHEMA_STRING, .nullable = 1},                              \
        {.name = "receipt_id", .type = SCHEMA_INTEGER, .nullable = 1},                             \
        {.name = "received_in_custody",                                                            \
         .type = SCHEMA_BOOLEAN,                                                                   \
         .doc = "A camp collection the agency received (in_transit to bank or cash)"},             \
        {.name = "body", .type = SCHEMA_STRING, .nullable = 1},                                    \
        {.name = "answer", .type = SCHEMA_STRING, .nullable = 1},                                  \
        {.name = "signed_by", .type = SCHEMA_STRING, .nullable = 1},                               \
        {.name = "signed_on", .type = SCHEMA_DATE, .nullable = 1},                                 \
        {.name = "rule_id",                                                                        \
         .type = SCHEMA_STRING,                                                                    \
         .nullable = 1,                                                                            \
         .doc = "The rule (data/rules.csv) dating the receiver's action"},                         \
        {.name = "due_on", .type = SCHEMA_DATE, .nullable = 1},                                    \
        {.name = "drafted_on", .type = SCHEMA_DATE},                                               \
        {.name = "sent_on", .type = SCHEMA_DATE, .nullable = 1},                                   \
        {.name = "received_on", .type = SCHEMA_DATE, .nullable = 1},                               \
        {.name = "answered_on", .type = SCHEMA_DATE, .nullable = 1},                               \
        {.name = "answered_late",                                                                  \
         .type = SCHEMA_BOOLEAN,                                                                   \
         .nullable = 1,                                                                            \
         .doc = "Acted on after due_on; null while not acted on or without a deadline"},           \
    {                                                                                              \
        .name = "updated_at", .type = SCHEMA_DATETIME                                              \
    }

static const schema_field_t exchange_fields[] = {EXCHANGE_FIELDS, END};
static const schema_field_t an_exchange = {
    .type = SCHEMA_OBJECT, .fields = exchange_fields, .ref = "PrisonExchange"};
static const schema_field_t exchange_full_fields[] = {
    EXCHANGE_FIELDS,
    {.name = "document",
     .type = SCHEMA_STRING,
     .doc = "The generated document (Vietnamese, with its legal references), printable"},
    {.name = "receipt",
     .type = SCHEMA_OBJECT,
     .fields = x_receipt_fields,
     .nullable = 1,
     .doc = "camp_collection: the receipt issued"},
    END,
};

static const schema_field_t prisoner_reply_fields[] = {
    {.name = "prisoner", .type = SCHEMA_OBJECT, .fields = prisoner_fields},
    {.name = "stays", .type = SCHEMA_ARRAY, .items = &a_stay, .doc = "Oldest first"},
    {.name = "obligations",
     .type = SCHEMA_OBJECT,
     .fields = obligations_fields,
     .doc = "Every case where they are the debtor"},
    {.name = "exchanges",
     .type = SCHEMA_ARRAY,
     .items = &an_exchange,
     .doc = "Those the caller's side may see, open ones soonest due first"},
    END,
};
const schema_reply_t api_prisoner_get_reply = {200, 0, prisoner_reply_fields,
                                               "The prisoner, where they were held, their "
                                               "obligations and exchanges",
                                               "404 503"};
const schema_reply_t api_prisoner_change_reply = {
    201, 0, prisoner_reply_fields, "The prisoner as it now stands", "400 403 404 409 422 503"};

static const schema_field_t prisoners_list_fields[] = {
    {.name = "items", .type = SCHEMA_ARRAY, .items = &a_prisoner},
    END,
};
const schema_reply_t api_prisoners_list_reply = {
    200, 0, prisoners_list_fields,
    "A prison officer: the prisoners held in their camp today; the agency: those its subtree "
    "follows",
    "503"};

static const schema_field_t exchanges_list_fields[] = {
    {.name = "items", .type = SCHEMA_ARRAY, .items = &an_exchange},
    END,
};
const schema_reply_t api_exchanges_list_reply = {
    200, 0, exchanges_list_fields,
    "Exchanges: open ones soonest due first (overdue first), then drafts, then the answered",
    "503"};

static const schema_field_t x_event_fields[] = {
    {.name = "seq", .type = SCHEMA_INTEGER},
    {.name = "state", .type = SCHEMA_STRING},
    {.name = "occurred_on", .type = SCHEMA_DATE},
    {.name = "actor", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "note", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "recorded_at", .type = SCHEMA_DATETIME},
    END,
};
static const schema_field_t an_x_event = {.type = SCHEMA_OBJECT, .fields = x_event_fields};

static const schema_field_t exchange_get_fields[] = {
    {.name = "exchange", .type = SCHEMA_OBJECT, .fields = exchange_full_fields},
    {.name = "events", .type = SCHEMA_ARRAY, .items = &an_x_event},
    END,
};
const schema_reply_t api_exchange_get_reply = {
    200, 0, exchange_get_fields, "An exchange with its document and history", "404 503"};

static const schema_field_t exchange_change_fields[] = {
    {.name = "exchange", .type = SCHEMA_OBJECT, .fields = exchange_full_fields},
    {.name = "reply",
     .type = SCHEMA_OBJECT,
     .fields = exchange_full_fields,
     .nullable = 1,
     .doc = "answer: the confirmation or answer it created"},
    END,
};
const schema_reply_t api_exchange_change_reply = {
    201, 0, exchange_change_fields, "The exchange as it now stands", "400 403 404 409 422 503"};

const schema_reply_t api_exchange_document_reply = {
    200, 0, NULL, "The document as printable text (text/plain; charset=utf-8)", "404 503"};
