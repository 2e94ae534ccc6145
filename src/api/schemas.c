/*
 * api/schemas.c — every format of the API in one place: request bodies and query
 * parameters (enforced by http/json.c before a handler reads them) and answers (what
 * the renderers in api/ and ops/render.c write). Limits come from the layer that owns
 * them (CASE_MAX_PARTIES in ops/case_ops.h, CASE_NO_MAX in store/cases.h, ...) and
 * allowed values from core's tables, so nothing here is a copy to keep in step.
 * Business rules (at least one debtor, a creditor item's party is a creditor, ...)
 * stay in the operations.
 */
#include "api/schemas.h"
#include "store/outbox.h"
#include "ops/case_ops.h"
#include "core/access.h"
#include "core/audit_words.h"
#include "core/case.h"
#include "core/case_kind.h"
#include "core/money.h"
#include "core/unit.h"
#include "store/cases.h"
#include "store/search.h"
#include "store/users.h"

#include <stdint.h>
#include <string.h>

#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }
/* The id of a row: a whole number from 1. */
#define ID_RANGE .ranged = 1, .min = 1, .max = INT64_MAX

/* ---- allowed values, from core's tables ---- */

/* i-th code of an enum table of count values, NULL past the last. */
#define VALUES_OF(fn, count, type, code)                                                           \
    static const char *fn(int i)                                                                   \
    {                                                                                              \
        return i >= 0 && i < (count) ? code((type)i) : NULL;                                       \
    }
/* A fixed list of words. */
#define VALUES_LIST(fn, ...)                                                                       \
    static const char *fn(int i)                                                                   \
    {                                                                                              \
        static const char *const v_[] = {__VA_ARGS__, NULL};                                       \
        return i >= 0 && (size_t)i < sizeof v_ / sizeof v_[0] ? v_[i] : NULL;                      \
    }

VALUES_OF(category_values, CASE_CATEGORY_COUNT, case_category_t, case_category_code)
VALUES_OF(source_values, CASE_SOURCE_COUNT, case_source_t, case_source_code)
VALUES_OF(party_role_values, CASE_PARTY_ROLE_COUNT, case_party_role_t, case_party_role_code)
VALUES_OF(party_kind_values, CASE_PARTY_KIND_COUNT, case_party_kind_t, case_party_kind_code)
VALUES_OF(content_values, CASE_ITEM_CONTENT_COUNT, case_item_content_t, case_item_content_code)
VALUES_OF(judgment_kind_values, CASE_JUDGMENT_KIND_COUNT, case_judgment_kind_t,
          case_judgment_kind_code)
VALUES_OF(state_values, CASE_STATE_COUNT, case_state_t, case_state_code)
VALUES_OF(role_values, ROLE_COUNT, role_t, access_role_code)
VALUES_LIST(overdue_values, "0", "1")
VALUES_LIST(eligible_values, "yes", "no")
VALUES_LIST(scope_values, "mine", "unit")

static const char *unit_kind_values(int i)
{
    const unit_kind_t *k = unit_kinds();

    for (int n = 0; n < i && k->code != NULL; n++)
        k++;
    return i >= 0 ? k->code : NULL;
}

/* Events recorded through POST /api/cases/{id}/events: all but those recorded
 * elsewhere (a case's opening, an entrustment's receipt, the officer's assignment, and
 * money, which moves with its receipt or voucher: api/money.c). */
static int event_recordable(case_event_t e)
{
    return e != CASE_EVENT_RECEIVED && e != CASE_EVENT_ENTRUSTMENT_RECEIVED &&
           e != CASE_EVENT_ASSIGNED && e != CASE_EVENT_MONEY_COLLECTED &&
           e != CASE_EVENT_MONEY_PAID && e != CASE_EVENT_MONEY_VOIDED &&
           e != CASE_EVENT_PAYOUT_APPROVED && e != CASE_EVENT_MONEY_DEPOSITED;
}

static const char *complaint_values(int i)
{
    return i + 1 < CASE_COMPLAINT_COUNT ? case_complaint_code((case_complaint_t)(i + 1)) : NULL;
}

static const char *event_values(int i)
{
    for (int e = 0, n = 0; e < CASE_EVENT_COUNT; e++)
        if (event_recordable((case_event_t)e) && n++ == i)
            return case_event_code((case_event_t)e);
    return NULL;
}

/* The results of a verification: every verify_result_t but VERIFY_NONE. */
static const char *verify_values(int i)
{
    return i >= 0 && i + 1 < VERIFY_COUNT ? case_verify_code((verify_result_t)(i + 1)) : NULL;
}

/* ---- the error object ---- */

static const schema_field_t error_detail_fields[] = {
    {.name = "code", .type = SCHEMA_STRING, .doc = "Stable machine code: unknown_field, ..."},
    {.name = "message", .type = SCHEMA_STRING, .doc = "English"},
    {.name = "message_vi", .type = SCHEMA_STRING, .doc = "Vietnamese"},
    {.name = "field",
     .type = SCHEMA_STRING,
     .nullable = 1,
     .doc = "The field at fault, by its path: parties[1].full_name"},
    END,
};

const schema_field_t api_error_fields[] = {
    {.name = "error", .type = SCHEMA_OBJECT, .fields = error_detail_fields},
    END,
};

/* ---- sessions ---- */

const schema_field_t api_session_create_body[] = {
    {.name = "username", .type = SCHEMA_STRING, .required = 1, .max_len = 64},
    {.name = "password", .type = SCHEMA_STRING, .required = 1, .max_len = 256},
    END,
};

const schema_field_t api_session_password_body[] = {
    {.name = "current_password", .type = SCHEMA_STRING, .required = 1, .max_len = 256},
    {.name = "new_password", .type = SCHEMA_STRING, .required = 1, .max_len = 256},
    END,
};

/* ---- units ---- */

const schema_field_t api_unit_create_body[] = {
    {.name = "code",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = UNIT_CODE_MAX,
     .doc = "A-Z, 0-9, '-', '_', '.'"},
    {.name = "name_vi", .type = SCHEMA_STRING, .required = 1, .max_len = UNIT_NAME_MAX},
    {.name = "kind",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 32,
     .values = unit_kind_values},
    {.name = "parent_id", .type = SCHEMA_INTEGER, .required = 1, ID_RANGE},
    {.name = "valid_from", .type = SCHEMA_DATE, .required = 1},
    {.name = "valid_to", .type = SCHEMA_DATE},
    END,
};

const schema_field_t api_unit_rename_body[] = {
    {.name = "name_vi", .type = SCHEMA_STRING, .required = 1, .max_len = UNIT_NAME_MAX},
    {.name = "on", .type = SCHEMA_DATE, .required = 1, .doc = "The first day of the new name"},
    END,
};

const schema_field_t api_unit_move_body[] = {
    {.name = "parent_id", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "on", .type = SCHEMA_DATE, .required = 1, .doc = "The first day under the new parent"},
    END,
};

const schema_field_t api_unit_close_body[] = {
    {.name = "on", .type = SCHEMA_DATE, .required = 1, .doc = "The last day of the unit"},
    {.name = "successor_id", .type = SCHEMA_INTEGER, .doc = "The unit that takes over its work"},
    END,
};

const schema_field_t api_unit_contact_body[] = {
    {.name = "email",
     .type = SCHEMA_STRING,
     .max_len = UNIT_EMAIL_MAX,
     .doc = "Where notifications go by email (a PUT replaces all three: one absent is cleared)"},
    {.name = "fax",
     .type = SCHEMA_STRING,
     .max_len = UNIT_FAX_MAX,
     .doc = "The fax number (digits, spaces, . - ( ), a leading +)"},
    {.name = "fax_gateway",
     .type = SCHEMA_STRING,
     .max_len = UNIT_EMAIL_MAX,
     .doc = "The email-to-fax gateway: {fax}@fax.example.vn puts the number in the address, a "
            "plain address puts it in the subject"},
    END,
};

const schema_field_t api_units_query[] = {
    {.name = "at", .type = SCHEMA_DATE, .doc = "The tree as it stood that day (default: today)"},
    END,
};

/* ---- users ---- */

static const schema_field_t role_item = {.type = SCHEMA_STRING, .values = role_values};

const schema_field_t api_user_create_body[] = {
    {.name = "username", .type = SCHEMA_STRING, .required = 1, .max_len = 64},
    {.name = "full_name", .type = SCHEMA_STRING, .required = 1, .max_len = USER_FULL_NAME_MAX},
    {.name = "unit_id", .type = SCHEMA_INTEGER, .required = 1, ID_RANGE},
    {.name = "roles",
     .type = SCHEMA_ARRAY,
     .required = 1,
     .max_len = ROLE_COUNT,
     .items = &role_item},
    {.name = "password",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 256,
     .doc = "At least 12 characters, not a common password"},
    {.name = "must_change_password",
     .type = SCHEMA_BOOLEAN,
     .doc = "The user must change the password at first sign-in (default: true)"},
    END,
};

const schema_field_t api_user_password_body[] = {
    {.name = "password", .type = SCHEMA_STRING, .required = 1, .max_len = 256},
    END,
};

const schema_field_t api_user_role_body[] = {
    {.name = "role", .type = SCHEMA_STRING, .required = 1, .max_len = 32, .values = role_values},
    END,
};

/* The kinds of audited action one can filter by (core/audit_words.h), "other" aside. */
static const char *audit_kind_values(int i)
{
    const audit_kind_t *k = audit_kinds();

    for (int n = 0; n < i && k->code != NULL; n++)
        k++;
    return i >= 0 && k->code != NULL && strcmp(k->code, "other") != 0 ? k->code : NULL;
}

const schema_field_t api_audit_query[] = {
    {.name = "before",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 0,
     .max = INT64_MAX,
     .doc = "Rows older than this id (paging)"},
    {.name = "offset",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 0,
     .max = 1000000,
     .doc = "Rows skipped: a page's start (with total, the number of pages)"},
    {.name = "user", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "Only this user's actions"},
    {.name = "unit",
     .type = SCHEMA_INTEGER,
     ID_RANGE,
     .doc = "Only the actions of users of this unit's subtree (inside mine)"},
    {.name = "kind",
     .type = SCHEMA_STRING,
     .max_len = 32,
     .values = audit_kind_values,
     .doc = "A kind of action (GET /api/catalog audit_kinds), e.g. sign_in_failed"},
    {.name = "from",
     .type = SCHEMA_DATE,
     .doc = "From this day (in Asia/Ho_Chi_Minh, as the times are shown)"},
    {.name = "to", .type = SCHEMA_DATE, .doc = "To this day, inclusive"},
    {.name = "limit", .type = SCHEMA_INTEGER, .ranged = 1, .min = 1, .max = 200, .doc = "50"},
    END,
};

/* ---- cases ---- */

static const schema_field_t judgment_fields[] = {
    {.name = "number", .type = SCHEMA_STRING, .required = 1, .max_len = CASE_JUDGMENT_NO_MAX},
    {.name = "date", .type = SCHEMA_DATE, .required = 1},
    {.name = "court", .type = SCHEMA_STRING, .required = 1, .max_len = CASE_COURT_MAX},
    {.name = "kind",
     .type = SCHEMA_STRING,
     .max_len = 32,
     .values = judgment_kind_values,
     .doc = "Default: the category's usual kind"},
    END,
};

static const schema_field_t party_fields[] = {
    {.name = "role",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 16,
     .values = party_role_values},
    {.name = "kind",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 16,
     .values = party_kind_values},
    {.name = "full_name", .type = SCHEMA_STRING, .required = 1, .max_len = CASE_PARTY_NAME_MAX},
    {.name = "id_number",
     .type = SCHEMA_STRING,
     .max_len = 20,
     .doc = "Citizen ID (12 digits), old ID (9), or tax code (10 or 13)"},
    {.name = "birth_date", .type = SCHEMA_DATE},
    {.name = "address", .type = SCHEMA_STRING, .max_len = CASE_ADDRESS_MAX},
    END,
};

static const schema_field_t item_fields[] = {
    {.name = "content_type",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 24,
     .values = content_values},
    {.name = "description",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = CASE_ITEM_DESCRIPTION_MAX},
    {.name = "amount_vnd",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 0,
     .max = MONEY_AMOUNT_MAX,
     .doc = "Đồng"},
    {.name = "creditor",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = -1,
     .max = CASE_MAX_PARTIES - 1,
     .doc = "Index of a creditor in parties, or -1 (the default) for the State budget"},
    {.name = "payment_rank",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 1,
     .max = 3,
     .doc = "Order of payment, Art 47 (default 3)"},
    END,
};

static const schema_field_t party_item = {.type = SCHEMA_OBJECT, .fields = party_fields};
static const schema_field_t item_item = {.type = SCHEMA_OBJECT, .fields = item_fields};

const schema_field_t api_case_create_body[] = {
    {.name = "unit_id", .type = SCHEMA_INTEGER, .required = 1, ID_RANGE},
    {.name = "case_no", .type = SCHEMA_STRING, .required = 1, .max_len = CASE_NO_MAX},
    {.name = "source",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 16,
     .values = source_values},
    {.name = "category",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 24,
     .values = category_values},
    {.name = "received_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "year",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = CIVIL_DATE_MIN_YEAR,
     .max = CIVIL_DATE_MAX_YEAR,
     .doc = "The year of the decision to enforce numbered case_no (numbers restart every "
            "year; a case is unique by unit, year and number): from the year received to "
            "this year. Default: the year of received_on"},
    {.name = "judgment", .type = SCHEMA_OBJECT, .required = 1, .fields = judgment_fields},
    {.name = "parties",
     .type = SCHEMA_ARRAY,
     .required = 1,
     .max_len = CASE_MAX_PARTIES,
     .items = &party_item,
     .doc = "At least one debtor"},
    {.name = "items", .type = SCHEMA_ARRAY, .max_len = CASE_MAX_ITEMS, .items = &item_item},
    {.name = "officer_user_id",
     .type = SCHEMA_INTEGER,
     .doc = "Assign the officer at once (needs case.assign)"},
    {.name = "credit_institution",
     .type = SCHEMA_BOOLEAN,
     .doc = "Counts in the special table of debts to credit institutions (THADS.md 5.4) "
            "whatever its category: a bank's claim in a criminal judgment. Category credit "
            "sets it too. Fixed at creation"},
    {.name = "corruption_economic",
     .type = SCHEMA_BOOLEAN,
     .doc = "Counts in the special table of asset recovery in corruption and economic "
            "crimes whatever its category; category corruption sets it too. Fixed at "
            "creation. (The prisoner table follows the prison register by itself)"},
    END,
};

const schema_field_t api_case_event_body[] = {
    {.name = "type",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 32,
     .values = event_values,
     .doc = "The officer is assigned through /assign"},
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "document_no",
     .type = SCHEMA_STRING,
     .max_len = CASE_DOCUMENT_NO_MAX,
     .doc = "The signed document; required by most events"},
    {.name = "result",
     .type = SCHEMA_STRING,
     .max_len = 16,
     .values = verify_values,
     .doc = "verification_recorded: the result"},
    {.name = "officer_user_id", .type = SCHEMA_INTEGER},
    {.name = "amount_vnd",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 1,
     .max = MONEY_AMOUNT_MAX,
     .doc = "Payments: đồng; price_reduced: the new starting price"},
    {.name = "corrects_seq", .type = SCHEMA_INTEGER, .doc = "corrected: the event corrected"},
    {.name = "complaint_seq",
     .type = SCHEMA_INTEGER,
     ID_RANGE,
     .doc = "complaint_decided: the number of the complaint_received event it decides "
            "(required when several complaints await a decision)"},
    {.name = "reason", .type = SCHEMA_STRING, .max_len = CASE_REASON_MAX},
    {.name = "ground_on",
     .type = SCHEMA_DATE,
     .doc = "postponed, postponement_lifted, suspended, resumed, terminated, entrusted_out: the "
            "day the ground for the decision arose (D15, D17-D20 count from it)"},
    {.name = "reverify_yearly",
     .type = SCHEMA_BOOLEAN,
     .doc = "not eligible: the debtor is in prison with two years or more left, or the address "
            "is unknown — re-verify once a year (D13)"},
    {.name = "service_by_posting",
     .type = SCHEMA_BOOLEAN,
     .doc = "notified: served by public posting; the voluntary period counts once it is valid"},
    {.name = "real_estate",
     .type = SCHEMA_BOOLEAN,
     .doc = "auction_contracted: the asset is real estate (auction within 45 days, else 30: D28)"},
    {.name = "previous_price_vnd",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 1,
     .max = MONEY_AMOUNT_MAX,
     .doc = "price_reduced: the previous starting price; each cut is at most 10% of it (D29)"},
    {.name = "protest_request",
     .type = SCHEMA_BOOLEAN,
     .doc = "postponed: asked by a person competent to protest, at least 24 hours before the "
            "coercion (coercion_on); ground_on is the day the request arrived (D16)"},
    {.name = "coercion_on",
     .type = SCHEMA_DATE,
     .doc = "coercion_scheduled: the day planned (required), not a rest day or holiday, nor "
            "within 15 days of Tết when mobilizing forces; postponed on a protest request: "
            "the day of the coercion scheduled"},
    {.name = "mobilizing_forces",
     .type = SCHEMA_BOOLEAN,
     .doc = "coercion_scheduled: the coercion mobilizes forces"},
    {.name = "complaint_about",
     .type = SCHEMA_STRING,
     .max_len = 16,
     .values = complaint_values,
     .doc = "complaint_received (required): first (acts before any measure, 15 days to "
            "resolve), protective (a protective measure, 5 working days), other (compulsory "
            "measures, second complaints, 30 days), denunciation (a denunciation, the Law on "
            "Denunciation's time: 30 days since 2019)"},
    END,
};

const schema_field_t api_case_assign_body[] = {
    {.name = "officer_user_id", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "document_no",
     .type = SCHEMA_STRING,
     .max_len = CASE_DOCUMENT_NO_MAX,
     .doc = "The assignment decision"},
    {.name = "reason", .type = SCHEMA_STRING, .max_len = CASE_REASON_MAX},
    END,
};

const schema_field_t api_case_entrust_body[] = {
    {.name = "to_unit_id", .type = SCHEMA_INTEGER, .required = 1, .doc = "The receiving agency"},
    {.name = "case_no",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = CASE_NO_MAX,
     .doc = "The new case's number there"},
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "document_no", .type = SCHEMA_STRING, .required = 1, .max_len = CASE_DOCUMENT_NO_MAX},
    END,
};

const schema_field_t api_cases_query[] = {
    {.name = "state", .type = SCHEMA_STRING, .max_len = 32, .values = state_values},
    {.name = "category", .type = SCHEMA_STRING, .max_len = 24, .values = category_values},
    {.name = "officer", .type = SCHEMA_STRING, .max_len = 20, .doc = "me, or a user's id"},
    {.name = "overdue",
     .type = SCHEMA_STRING,
     .values = overdue_values,
     .doc = "1: an open deadline is past"},
    {.name = "eligible",
     .type = SCHEMA_STRING,
     .values = eligible_values,
     .doc = "Verified able to pay (yes) or not (no)"},
    {.name = "unit_id", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "Only this unit's subtree"},
    {.name = "received_from", .type = SCHEMA_DATE},
    {.name = "received_to", .type = SCHEMA_DATE},
    {.name = "cursor", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "next_cursor of the page before"},
    {.name = "limit", .type = SCHEMA_INTEGER, .ranged = 1, .min = 1, .max = 200, .doc = "50"},
    END,
};

const schema_field_t api_search_query[] = {
    {.name = "q",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = SEARCH_Q_MAX,
     .doc = "Case or judgment number, ID number or name; at least 2 letters or digits"},
    {.name = "limit",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 1,
     .max = SEARCH_LIMIT_MAX,
     .doc = "20"},
    END,
};

const schema_field_t api_worklist_query[] = {
    {.name = "days",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 1,
     .max = 366,
     .doc = "Due within this many days (14)"},
    {.name = "overdue",
     .type = SCHEMA_STRING,
     .values = overdue_values,
     .doc = "1: due before today"},
    {.name = "scope",
     .type = SCHEMA_STRING,
     .values = scope_values,
     .doc = "Default: unit for a leader, mine otherwise"},
    {.name = "rule",
     .type = SCHEMA_STRING,
     .doc = "One rule's deadlines (data/rules.csv, e.g. D30: money to pay out)"},
    {.name = "cursor", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "next_cursor of the page before"},
    {.name = "limit", .type = SCHEMA_INTEGER, .ranged = 1, .min = 1, .max = 200, .doc = "50"},
    END,
};

const schema_field_t api_violations_query[] = {
    {.name = "from", .type = SCHEMA_DATE, .doc = "Default: the start of the statistical year"},
    {.name = "to", .type = SCHEMA_DATE, .doc = "Default: today"},
    END,
};

/* ---- answers: shared shapes ---- */

static const schema_field_t unit_ref_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "code", .type = SCHEMA_STRING},
    {.name = "name_vi", .type = SCHEMA_STRING},
    END,
};

static const schema_field_t person_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "full_name", .type = SCHEMA_STRING},
    END,
};

#define UNIT_FIELDS                                                                                \
    {.name = "id", .type = SCHEMA_INTEGER}, {.name = "code", .type = SCHEMA_STRING},               \
        {.name = "name_vi", .type = SCHEMA_STRING},                                                \
        {.name = "kind", .type = SCHEMA_STRING, .values = unit_kind_values},                       \
        {.name = "kind_name_vi", .type = SCHEMA_STRING},                                           \
        {.name = "parent_id", .type = SCHEMA_INTEGER, .nullable = 1},                              \
        {.name = "valid_from", .type = SCHEMA_DATE},                                               \
        {.name = "valid_to", .type = SCHEMA_DATE, .nullable = 1},                                  \
        {.name = "successor_id", .type = SCHEMA_INTEGER, .nullable = 1},                           \
    {                                                                                              \
        .name = "enforcement", .type = SCHEMA_BOOLEAN, .doc = "Cases can belong to it"             \
    }

static const schema_field_t unit_fields[] = {UNIT_FIELDS, END};
static const schema_field_t unit = {.type = SCHEMA_OBJECT, .fields = unit_fields, .ref = "Unit"};
static const schema_field_t unit_in_tree_fields[] = {
    UNIT_FIELDS,
    {.name = "depth", .type = SCHEMA_INTEGER, .doc = "0 for the caller's own unit"},
    END,
};
static const schema_field_t unit_in_tree = {.type = SCHEMA_OBJECT, .fields = unit_in_tree_fields};

static const schema_field_t user_unit_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "code", .type = SCHEMA_STRING},
    {.name = "name_vi", .type = SCHEMA_STRING},
    {.name = "kind", .type = SCHEMA_STRING, .values = unit_kind_values},
    END,
};

#define USER_FIELDS                                                                                \
    {.name = "id", .type = SCHEMA_INTEGER}, {.name = "username", .type = SCHEMA_STRING},           \
        {.name = "full_name", .type = SCHEMA_STRING},                                              \
        {.name = "unit", .type = SCHEMA_OBJECT, .fields = user_unit_fields},                       \
        {.name = "roles", .type = SCHEMA_ARRAY, .items = &role_item},                              \
        {.name = "disabled", .type = SCHEMA_BOOLEAN},                                              \
        {.name = "must_change_password", .type = SCHEMA_BOOLEAN},                                  \
        {.name = "created_at", .type = SCHEMA_DATETIME},                                           \
    {                                                                                              \
        .name = "password_changed_at", .type = SCHEMA_DATETIME                                     \
    }

static const schema_field_t user_fields[] = {USER_FIELDS, END};
static const schema_field_t user = {.type = SCHEMA_OBJECT, .fields = user_fields, .ref = "User"};

static const schema_field_t permission_item = {.type = SCHEMA_STRING, .doc = "unit.read, ..."};
static const schema_field_t session_user_fields[] = {
    USER_FIELDS,
    {.name = "permissions", .type = SCHEMA_ARRAY, .items = &permission_item},
    END,
};

static const schema_field_t session_fields[] = {
    {.name = "user", .type = SCHEMA_OBJECT, .fields = session_user_fields},
    {.name = "csrf_token",
     .type = SCHEMA_STRING,
     .doc = "Send it as the X-CSRF-Token header of every change"},
    {.name = "expires_at", .type = SCHEMA_DATETIME, .nullable = 1},
    END,
};

#define CASE_FIELDS                                                                                \
    {.name = "id", .type = SCHEMA_INTEGER}, {.name = "case_no", .type = SCHEMA_STRING},            \
        {.name = "year", .type = SCHEMA_INTEGER, .doc = "Of the decision numbered case_no"},       \
        {.name = "unit", .type = SCHEMA_OBJECT, .fields = unit_ref_fields},                        \
        {.name = "source", .type = SCHEMA_STRING, .values = source_values},                        \
        {.name = "category", .type = SCHEMA_STRING, .values = category_values},                    \
        {.name = "state", .type = SCHEMA_STRING, .values = state_values},                          \
        {.name = "state_name_vi", .type = SCHEMA_STRING},                                          \
        {.name = "state_name_en", .type = SCHEMA_STRING},                                          \
        {.name = "stat_bucket", .type = SCHEMA_STRING},                                            \
        {.name = "stat_bucket_name_vi", .type = SCHEMA_STRING},                                    \
        {.name = "stat_bucket_name_en", .type = SCHEMA_STRING},                                    \
        {.name = "officer", .type = SCHEMA_OBJECT, .nullable = 1, .fields = person_fields},        \
        {.name = "received_on", .type = SCHEMA_DATE, .nullable = 1},                               \
        {.name = "decided_on", .type = SCHEMA_DATE, .nullable = 1},                                \
        {.name = "state_on", .type = SCHEMA_DATE, .nullable = 1},                                  \
        {.name = "next_due_on", .type = SCHEMA_DATE, .nullable = 1},                               \
        {.name = "amount_vnd", .type = SCHEMA_INTEGER},                                            \
        {.name = "collected_vnd", .type = SCHEMA_INTEGER},                                         \
        {.name = "paid_vnd", .type = SCHEMA_INTEGER},                                              \
        {.name = "remaining_vnd", .type = SCHEMA_INTEGER},                                         \
        {.name = "judgment", .type = SCHEMA_OBJECT, .fields = case_judgment_fields},               \
    {                                                                                              \
        .name = "events", .type = SCHEMA_INTEGER, .doc = "Events recorded so far"                  \
    }

static const schema_field_t case_judgment_fields[] = {
    {.name = "number", .type = SCHEMA_STRING},
    {.name = "court", .type = SCHEMA_STRING},
    {.name = "date", .type = SCHEMA_DATE, .nullable = 1},
    END,
};
static const schema_field_t case_fields[] = {CASE_FIELDS, END};
static const schema_field_t a_case = {.type = SCHEMA_OBJECT, .fields = case_fields, .ref = "Case"};

static const schema_field_t deadline_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "rule_id", .type = SCHEMA_STRING, .doc = "The legal rule (D10, ...)"},
    {.name = "name_vi", .type = SCHEMA_STRING},
    {.name = "name_en", .type = SCHEMA_STRING},
    {.name = "opened_seq",
     .type = SCHEMA_INTEGER,
     .doc = "The number of the case's event that opened it (a complaint's: complaint_seq)"},
    {.name = "trigger_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "due_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "closed_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "outcome",
     .type = SCHEMA_STRING,
     .doc = "open, met, late, elapsed (a party's period) or cancelled"},
    {.name = "overdue", .type = SCHEMA_BOOLEAN},
    {.name = "days_left",
     .type = SCHEMA_INTEGER,
     .nullable = 1,
     .doc = "Open: calendar days from today to due_on, negative once overdue; closed: null"},
    {.name = "days_late",
     .type = SCHEMA_INTEGER,
     .doc = "Days past due_on: today's for an open deadline, at closing for a closed one; 0 "
            "when on time"},
    {.name = "officer", .type = SCHEMA_OBJECT, .nullable = 1, .fields = person_fields},
    {.name = "legal_ref", .type = SCHEMA_STRING, .doc = "The legal basis, in English"},
    {.name = "legal_ref_vi",
     .type = SCHEMA_STRING,
     .doc = "The same in Vietnamese (Điều 45 Luật Thi hành án dân sự ...)"},
    {.name = "rule_tag",
     .type = SCHEMA_STRING,
     .nullable = 1,
     .doc = "Confidence of the rule row: S, W, M (unconfirmed) or D (THADS.md 0.1)"},
    {.name = "rule_unconfirmed", .type = SCHEMA_BOOLEAN},
    {.name = "resolves_complaint",
     .type = SCHEMA_BOOLEAN,
     .doc = "A complaint's or denunciation's resolution: a complaint_decided names it by "
            "opened_seq"},
    END,
};
static const schema_field_t deadline = {
    .type = SCHEMA_OBJECT, .fields = deadline_fields, .ref = "Deadline"};

static const schema_field_t party_row_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "role", .type = SCHEMA_STRING, .values = party_role_values},
    {.name = "kind", .type = SCHEMA_STRING, .values = party_kind_values},
    {.name = "full_name", .type = SCHEMA_STRING},
    {.name = "id_number", .type = SCHEMA_STRING},
    {.name = "address", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t party_row = {.type = SCHEMA_OBJECT, .fields = party_row_fields};

static const schema_field_t item_row_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "content_type", .type = SCHEMA_STRING, .values = content_values},
    {.name = "description", .type = SCHEMA_STRING},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER},
    {.name = "creditor_party_id",
     .type = SCHEMA_INTEGER,
     .nullable = 1,
     .doc = "null: the State budget"},
    {.name = "payment_rank", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t item_row = {.type = SCHEMA_OBJECT, .fields = item_row_fields};

static const schema_field_t named_value_fields[] = {
    {.name = "code", .type = SCHEMA_STRING},
    {.name = "vi", .type = SCHEMA_STRING},
    {.name = "en", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t named_value = {.type = SCHEMA_OBJECT, .fields = named_value_fields};

static const schema_field_t case_detail_fields[] = {
    CASE_FIELDS,
    {.name = "parties", .type = SCHEMA_ARRAY, .items = &party_row},
    {.name = "items", .type = SCHEMA_ARRAY, .items = &item_row},
    {.name = "deadlines", .type = SCHEMA_ARRAY, .items = &deadline},
    {.name = "next_events",
     .type = SCHEMA_ARRAY,
     .items = &named_value,
     .doc = "The events the law allows next in the case's state (core/case_next.h), in the "
            "catalogue's order; whether one is on time or complete is judged when recorded"},
    END,
};

static const schema_field_t event_row_fields[] = {
    {.name = "seq", .type = SCHEMA_INTEGER},
    {.name = "type", .type = SCHEMA_STRING},
    {.name = "name_vi", .type = SCHEMA_STRING},
    {.name = "name_en", .type = SCHEMA_STRING},
    {.name = "occurred_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "recorded_at", .type = SCHEMA_DATETIME},
    {.name = "document_no", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "payload", .type = SCHEMA_OBJECT, .doc = "The event's facts as recorded"},
    {.name = "state_after", .type = SCHEMA_STRING, .values = state_values},
    {.name = "state_after_name_vi", .type = SCHEMA_STRING},
    {.name = "state_after_name_en", .type = SCHEMA_STRING},
    {.name = "actor", .type = SCHEMA_OBJECT, .nullable = 1, .fields = person_fields},
    END,
};
static const schema_field_t event_row = {
    .type = SCHEMA_OBJECT, .fields = event_row_fields, .ref = "Event"};

/* ---- answers of each route ---- */

static const schema_field_t health_fields[] = {
    {.name = "status", .type = SCHEMA_STRING, .doc = "ok or unavailable"},
    {.name = "version", .type = SCHEMA_STRING},
    {.name = "db_engine", .type = SCHEMA_STRING},
    {.name = "db_reachable", .type = SCHEMA_BOOLEAN},
    {.name = "schema_version", .type = SCHEMA_INTEGER},
    {.name = "schema_expected", .type = SCHEMA_INTEGER},
    {.name = "uptime_seconds", .type = SCHEMA_INTEGER},
    END,
};
const schema_reply_t api_health_reply = {200, 503, health_fields,
                                         "Serving (503: not, with the same object)", NULL};

static const schema_field_t openapi_fields[] = {
    {.name = "openapi", .type = SCHEMA_STRING},
    {.name = "info", .type = SCHEMA_OBJECT},
    {.name = "paths", .type = SCHEMA_OBJECT},
    {.name = "components", .type = SCHEMA_OBJECT},
    END,
};
const schema_reply_t api_openapi_reply = {200, 0, openapi_fields, "This document", NULL};

static const schema_field_t catalog_entry_fields[] = {
    {.name = "code", .type = SCHEMA_STRING, .doc = "What the API sends and accepts"},
    {.name = "vi", .type = SCHEMA_STRING},
    {.name = "en", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t catalog_entry = {
    .type = SCHEMA_OBJECT, .fields = catalog_entry_fields, .ref = "CatalogEntry"};
/* One table of the catalogue: a list of {code, vi, en}. */
#define CATALOG_TABLE(table_name)                                                                  \
    {                                                                                              \
        .name = (table_name), .type = SCHEMA_ARRAY, .items = &catalog_entry                        \
    }
static const schema_field_t catalog_rule_fields[] = {
    {.name = "code", .type = SCHEMA_STRING, .doc = "The rule's id (D10, ...), as Deadline.rule_id"},
    {.name = "vi", .type = SCHEMA_STRING},
    {.name = "en", .type = SCHEMA_STRING},
    {.name = "value", .type = SCHEMA_INTEGER},
    {.name = "unit",
     .type = SCHEMA_STRING,
     .doc = "CD calendar days, WD working days, H hours, M months"},
    {.name = "legal_ref", .type = SCHEMA_STRING, .doc = "The legal basis, in English"},
    {.name = "legal_ref_vi", .type = SCHEMA_STRING, .doc = "The same in Vietnamese"},
    {.name = "tag", .type = SCHEMA_STRING, .doc = "S, W, M (unconfirmed) or D (THADS.md 0.1)"},
    END,
};
static const schema_field_t catalog_rule = {
    .type = SCHEMA_OBJECT, .fields = catalog_rule_fields, .ref = "CatalogRule"};

static const schema_field_t catalog_fields[] = {
    CATALOG_TABLE("states"),
    CATALOG_TABLE("events"),
    CATALOG_TABLE("buckets"),
    CATALOG_TABLE("verification_results"),
    CATALOG_TABLE("categories"),
    CATALOG_TABLE("sources"),
    CATALOG_TABLE("party_roles"),
    CATALOG_TABLE("party_kinds"),
    CATALOG_TABLE("content_types"),
    CATALOG_TABLE("judgment_kinds"),
    CATALOG_TABLE("roles"),
    CATALOG_TABLE("unit_kinds"),
    CATALOG_TABLE("audit_kinds"),
    {.name = "deadlines",
     .type = SCHEMA_ARRAY,
     .items = &catalog_rule,
     .doc = "The deadline rules in force today (data/rules.csv), in the table's order"},
    END,
};
const schema_reply_t api_catalog_reply = {200, 0, catalog_fields, "Every table, in enum order",
                                          NULL};

const schema_reply_t api_session_create_reply = {
    200, 0, session_fields, "Signed in; the session cookie is set", "401 429 503"};
const schema_reply_t api_session_get_reply = {200, 0, session_fields, "The session", NULL};
const schema_reply_t api_session_delete_reply = {204, 0, NULL, "Signed out", "503"};
const schema_reply_t api_session_password_reply = {
    204, 0, NULL, "Changed; every session of the user ends", "429 503"};

static const schema_field_t unit_event_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "kind", .type = SCHEMA_STRING, .doc = "created, renamed, moved, closed"},
    {.name = "occurred_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "detail", .type = SCHEMA_OBJECT, .nullable = 1},
    {.name = "recorded_at", .type = SCHEMA_DATETIME},
    END,
};
static const schema_field_t unit_event = {.type = SCHEMA_OBJECT, .fields = unit_event_fields};

static const schema_field_t units_list_fields[] = {
    {.name = "at", .type = SCHEMA_DATE},
    {.name = "units", .type = SCHEMA_ARRAY, .items = &unit_in_tree, .doc = "Depth first"},
    END,
};
static const schema_field_t unit_contact_fields[] = {
    {.name = "email", .type = SCHEMA_STRING, .required = 1, .doc = "\"\": none"},
    {.name = "fax", .type = SCHEMA_STRING, .required = 1},
    {.name = "fax_gateway", .type = SCHEMA_STRING, .required = 1},
    END,
};
static const schema_field_t unit_detail_fields[] = {
    UNIT_FIELDS,
    {.name = "contact",
     .type = SCHEMA_OBJECT,
     .fields = unit_contact_fields,
     .doc = "How notifications reach the unit"},
    {.name = "children", .type = SCHEMA_ARRAY, .items = &unit},
    {.name = "events", .type = SCHEMA_ARRAY, .items = &unit_event},
    END,
};
const schema_reply_t api_units_list_reply = {200, 0, units_list_fields, "My subtree", "503"};
const schema_reply_t api_unit_create_reply = {201, 0, unit_fields, "The unit", "404 409 422 503"};
const schema_reply_t api_unit_get_reply = {200, 0, unit_detail_fields, "The unit", "404 503"};
const schema_reply_t api_unit_contact_reply = {200, 0, unit_contact_fields,
                                               "The unit's contact as it is now", "404 503"};
const schema_reply_t api_unit_change_reply = {200, 0, unit_fields, "The unit as it is now",
                                              "404 409 422 503"};

static const schema_field_t users_list_fields[] = {
    {.name = "users", .type = SCHEMA_ARRAY, .items = &user, .doc = "By username"},
    END,
};
const schema_reply_t api_users_list_reply = {200, 0, users_list_fields, "Users of my subtree",
                                             "503"};
const schema_reply_t api_user_create_reply = {201, 0, user_fields, "The user", "404 409 422 503"};
const schema_reply_t api_user_get_reply = {200, 0, user_fields, "The user", "404 503"};
const schema_reply_t api_user_password_reply = {204, 0, NULL, "Set", "404 503"};
const schema_reply_t api_user_disable_reply = {200, 0, user_fields, "The user", "404 409 503"};
const schema_reply_t api_user_enable_reply = {200, 0, user_fields, "The user", "404 409 422 503"};
const schema_reply_t api_user_role_reply = {200, 0, user_fields, "The user with its roles",
                                            "404 409 422 503"};

static const schema_field_t audit_entry_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "at", .type = SCHEMA_DATETIME},
    {.name = "user_id", .type = SCHEMA_INTEGER, .nullable = 1},
    {.name = "username", .type = SCHEMA_STRING},
    {.name = "unit_id", .type = SCHEMA_INTEGER, .nullable = 1},
    {.name = "actor_name", .type = SCHEMA_STRING, .doc = "The acting user's full name"},
    {.name = "method", .type = SCHEMA_STRING},
    {.name = "route", .type = SCHEMA_STRING},
    {.name = "object", .type = SCHEMA_STRING},
    {.name = "object_label",
     .type = SCHEMA_STRING,
     .doc = "What the object is called now: a case's number, a unit's code, a user's name"},
    {.name = "outcome", .type = SCHEMA_INTEGER, .doc = "The HTTP status answered"},
    {.name = "result",
     .type = SCHEMA_STRING,
     .doc = "succeeded (2xx; a command's exit 0), refused (4xx) or failed (5xx; a command's "
            "other exit)"},
    {.name = "result_vi", .type = SCHEMA_STRING},
    {.name = "result_en", .type = SCHEMA_STRING},
    {.name = "client_addr", .type = SCHEMA_STRING},
    {.name = "detail", .type = SCHEMA_STRING},
    {.name = "kind", .type = SCHEMA_STRING, .doc = "The kind of action (audit_kinds)"},
    {.name = "kind_vi", .type = SCHEMA_STRING},
    {.name = "kind_en", .type = SCHEMA_STRING},
    {.name = "summary_vi",
     .type = SCHEMA_STRING,
     .doc = "The row in words: Lê Quang Minh ghi nhận sự kiện 'Ra quyết định thi hành án' cho "
            "hồ sơ 46/QĐ-THADS"},
    {.name = "summary_en", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t audit_entry = {.type = SCHEMA_OBJECT, .fields = audit_entry_fields};
static const schema_field_t audit_fields[] = {
    {.name = "entries", .type = SCHEMA_ARRAY, .items = &audit_entry, .doc = "Newest first"},
    {.name = "total", .type = SCHEMA_INTEGER, .doc = "Rows the filter selects, all pages"},
    {.name = "offset", .type = SCHEMA_INTEGER},
    {.name = "limit", .type = SCHEMA_INTEGER},
    END,
};
const schema_reply_t api_audit_reply = {200, 0, audit_fields, "A page of the trail", "404 503"};

static const schema_field_t cases_list_fields[] = {
    {.name = "cases", .type = SCHEMA_ARRAY, .items = &a_case, .doc = "Newest first"},
    {.name = "next_cursor",
     .type = SCHEMA_STRING,
     .nullable = 1,
     .doc = "Pass as ?cursor for the next page; null on the last"},
    END,
};
const schema_reply_t api_cases_list_reply = {200, 0, cases_list_fields, "A page of cases",
                                             "404 503"};
static const schema_field_t warning_item = {.type = SCHEMA_OBJECT, .fields = error_detail_fields};
static const schema_field_t created_case_fields[] = {
    CASE_FIELDS,
    {.name = "warnings",
     .type = SCHEMA_ARRAY,
     .items = &warning_item,
     .doc = "What the case was written with but should be checked, e.g. party_name_differs: "
            "a party found by its ID number is on file under another name (kept)"},
    END,
};
const schema_reply_t api_case_create_reply = {201, 0, created_case_fields,
                                              "The case, and its warnings", "404 409 422 503"};
const schema_reply_t api_case_get_reply = {200, 0, case_detail_fields, "The case", "404 503"};

static const schema_field_t case_events_fields[] = {
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "events", .type = SCHEMA_ARRAY, .items = &event_row, .doc = "In order"},
    END,
};
const schema_reply_t api_case_events_reply = {200, 0, case_events_fields, "The timeline",
                                              "404 503"};

static const schema_field_t case_event_fields[] = {
    {.name = "seq", .type = SCHEMA_INTEGER, .doc = "The event's number in the case"},
    {.name = "case", .type = SCHEMA_OBJECT, .fields = case_fields, .ref = "Case"},
    END,
};
const schema_reply_t api_case_event_reply = {201, 0, case_event_fields, "Recorded",
                                             "404 409 422 503"};

static const schema_field_t entrusted_fields[] = {
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "unit_id", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t case_entrust_fields[] = {
    {.name = "case", .type = SCHEMA_OBJECT, .fields = case_fields, .ref = "Case"},
    {.name = "entrusted",
     .type = SCHEMA_OBJECT,
     .fields = entrusted_fields,
     .doc = "The receiving agency's new case"},
    END,
};
const schema_reply_t api_case_entrust_reply = {201, 0, case_entrust_fields, "Entrusted",
                                               "404 409 422 503"};

/* GET /api/home: one object per role part (api/home.c). */
static const schema_field_t home_state_fields[] = {
    {.name = "state", .type = SCHEMA_STRING, .values = state_values},
    {.name = "vi", .type = SCHEMA_STRING},
    {.name = "en", .type = SCHEMA_STRING},
    {.name = "count", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t home_state = {.type = SCHEMA_OBJECT, .fields = home_state_fields};
static const schema_field_t home_deadline_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "rule_id", .type = SCHEMA_STRING},
    {.name = "due_on", .type = SCHEMA_DATE},
    {.name = "days_left", .type = SCHEMA_INTEGER, .doc = "Negative once overdue"},
    {.name = "overdue", .type = SCHEMA_BOOLEAN},
    END,
};
static const schema_field_t home_deadline = {.type = SCHEMA_OBJECT, .fields = home_deadline_fields};
static const schema_field_t home_deadlines_fields[] = {
    {.name = "overdue", .type = SCHEMA_INTEGER, .doc = "Open duties past due"},
    {.name = "due_today", .type = SCHEMA_INTEGER},
    {.name = "due_this_week", .type = SCHEMA_INTEGER, .doc = "Due from today to 7 days on"},
    {.name = "first",
     .type = SCHEMA_ARRAY,
     .items = &home_deadline,
     .doc = "The first few by due date, overdue first"},
    END,
};
static const schema_field_t home_event_fields[] = {
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "seq", .type = SCHEMA_INTEGER},
    {.name = "type", .type = SCHEMA_STRING},
    {.name = "name_vi", .type = SCHEMA_STRING},
    {.name = "name_en", .type = SCHEMA_STRING},
    {.name = "occurred_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "recorded_at", .type = SCHEMA_DATETIME},
    {.name = "actor_name", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t home_event = {.type = SCHEMA_OBJECT, .fields = home_event_fields};
static const schema_field_t home_office_fields[] = {
    {.name = "unit_id", .type = SCHEMA_INTEGER, .doc = "GET /api/cases?overdue=1&unit_id="},
    {.name = "code", .type = SCHEMA_STRING},
    {.name = "name_vi", .type = SCHEMA_STRING},
    {.name = "overdue", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t home_office = {.type = SCHEMA_OBJECT, .fields = home_office_fields};
static const schema_field_t home_officer_fields[] = {
    {.name = "officer_id",
     .type = SCHEMA_INTEGER,
     .nullable = 1,
     .doc = "GET /api/cases?overdue=1&officer=; null: no officer assigned"},
    {.name = "full_name", .type = SCHEMA_STRING},
    {.name = "unit_id", .type = SCHEMA_INTEGER},
    {.name = "unit_code", .type = SCHEMA_STRING},
    {.name = "overdue", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t home_officer = {.type = SCHEMA_OBJECT, .fields = home_officer_fields};
static const schema_field_t home_audit_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "at", .type = SCHEMA_DATETIME},
    {.name = "kind", .type = SCHEMA_STRING},
    {.name = "result", .type = SCHEMA_STRING},
    {.name = "summary_vi", .type = SCHEMA_STRING},
    {.name = "summary_en", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t home_audit = {.type = SCHEMA_OBJECT, .fields = home_audit_fields};
static const schema_field_t home_officer_part[] = {
    {.name = "deadlines", .type = SCHEMA_OBJECT, .fields = home_deadlines_fields},
    {.name = "cases_by_state", .type = SCHEMA_ARRAY, .items = &home_state},
    {.name = "recent_events", .type = SCHEMA_ARRAY, .items = &home_event},
    END,
};
static const schema_field_t home_leader_part[] = {
    {.name = "deadlines", .type = SCHEMA_OBJECT, .fields = home_deadlines_fields},
    {.name = "overdue_by_office", .type = SCHEMA_ARRAY, .items = &home_office},
    {.name = "overdue_by_officer", .type = SCHEMA_ARRAY, .items = &home_officer},
    {.name = "cases_by_state", .type = SCHEMA_ARRAY, .items = &home_state},
    {.name = "unassigned_cases", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t home_unit_part[] = {
    {.name = "deadlines", .type = SCHEMA_OBJECT, .fields = home_deadlines_fields},
    {.name = "cases_by_state", .type = SCHEMA_ARRAY, .items = &home_state},
    END,
};
static const schema_field_t home_admin_part[] = {
    {.name = "recent_audit", .type = SCHEMA_ARRAY, .items = &home_audit},
    {.name = "failed_sign_ins_24h", .type = SCHEMA_INTEGER},
    {.name = "active_users", .type = SCHEMA_INTEGER},
    {.name = "units", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t home_outbox_part[] = {
    {.name = "pending", .type = SCHEMA_INTEGER, .doc = "Not delivered yet (retrying)"},
    {.name = "failed",
     .type = SCHEMA_INTEGER,
     .doc = "Given up on after the last retry, or no address"},
    END,
};
static const schema_field_t home_fields[] = {
    {.name = "today", .type = SCHEMA_DATE},
    {.name = "roles", .type = SCHEMA_ARRAY, .items = &role_item},
    {.name = "officer", .type = SCHEMA_OBJECT, .fields = home_officer_part, .doc = "Officers"},
    {.name = "leader", .type = SCHEMA_OBJECT, .fields = home_leader_part, .doc = "Leaders"},
    {.name = "unit",
     .type = SCHEMA_OBJECT,
     .fields = home_unit_part,
     .doc = "Secretaries and examiners: the unit's work"},
    {.name = "admin", .type = SCHEMA_OBJECT, .fields = home_admin_part, .doc = "Administrators"},
    {.name = "outbox",
     .type = SCHEMA_OBJECT,
     .fields = home_outbox_part,
     .doc = "Notifications by email and fax the user's unit sent: waiting, failed"},
    END,
};
const schema_reply_t api_home_reply = {200, 0, home_fields,
                                       "The parts of the roles held; the others absent", "503"};

static const schema_field_t hit_party_fields[] = {
    {.name = "name", .type = SCHEMA_STRING},
    {.name = "role", .type = SCHEMA_STRING, .values = party_role_values},
    {.name = "id_number", .type = SCHEMA_STRING, .nullable = 1},
    END,
};
static const schema_field_t hit_party = {.type = SCHEMA_OBJECT, .fields = hit_party_fields};
static const schema_field_t hit_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "year", .type = SCHEMA_INTEGER, .doc = "Of the decision numbered case_no"},
    {.name = "unit", .type = SCHEMA_OBJECT, .fields = unit_ref_fields},
    {.name = "state", .type = SCHEMA_STRING, .values = state_values},
    {.name = "state_vi", .type = SCHEMA_STRING},
    {.name = "state_en", .type = SCHEMA_STRING},
    {.name = "category", .type = SCHEMA_STRING, .values = category_values},
    {.name = "received_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "judgment_no", .type = SCHEMA_STRING},
    {.name = "parties_matched", .type = SCHEMA_BOOLEAN, .doc = "Found by a party's name or ID"},
    {.name = "parties", .type = SCHEMA_ARRAY, .items = &hit_party},
    END,
};
static const schema_field_t hit = {.type = SCHEMA_OBJECT, .fields = hit_fields};
static const schema_field_t search_fields[] = {
    {.name = "q", .type = SCHEMA_STRING, .doc = "As typed"},
    {.name = "query", .type = SCHEMA_STRING, .doc = "As searched: folded, without diacritics"},
    {.name = "results", .type = SCHEMA_ARRAY, .items = &hit, .doc = "Best first"},
    END,
};
const schema_reply_t api_search_reply = {200, 0, search_fields, "Cases found", "503"};

static const schema_field_t worklist_fields[] = {
    {.name = "today", .type = SCHEMA_DATE},
    {.name = "scope", .type = SCHEMA_STRING, .values = scope_values},
    {.name = "items", .type = SCHEMA_ARRAY, .items = &deadline, .doc = "By due date, then id"},
    {.name = "next_cursor",
     .type = SCHEMA_STRING,
     .nullable = 1,
     .doc = "Pass as ?cursor for the next page; null on the last"},
    END,
};
const schema_reply_t api_worklist_reply = {200, 0, worklist_fields, "A page of open deadlines",
                                           "404 503"};

static const schema_field_t violation_fields[] = {
    {.name = "unit", .type = SCHEMA_OBJECT, .fields = unit_ref_fields},
    {.name = "officer", .type = SCHEMA_OBJECT, .nullable = 1, .fields = person_fields},
    {.name = "late", .type = SCHEMA_INTEGER, .doc = "Deadlines met late"},
    {.name = "overdue", .type = SCHEMA_INTEGER, .doc = "Deadlines still open past due"},
    END,
};
static const schema_field_t violation = {.type = SCHEMA_OBJECT, .fields = violation_fields};
static const schema_field_t violations_fields[] = {
    {.name = "from", .type = SCHEMA_DATE},
    {.name = "to", .type = SCHEMA_DATE},
    {.name = "rows", .type = SCHEMA_ARRAY, .items = &violation},
    END,
};
const schema_reply_t api_violations_reply = {200, 0, violations_fields, "Per unit and officer",
                                             "503"};
