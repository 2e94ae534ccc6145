/*
 * api/schemas_money.c — the formats of the money routes (api/money.c), declared as
 * api/schemas.c declares the others (http/schema.h).
 */
#include "api/schemas.h"
#include "core/ledger.h"
#include "core/money.h"
#include "ops/money_ops.h"

#include <stdint.h>

#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }
#define ID_RANGE .ranged = 1, .min = 1, .max = INT64_MAX
#define AMOUNT   .ranged = 1, .min = 1, .max = MONEY_AMOUNT_MAX

static const char *method_values(int i)
{
    return i >= 0 && i < LEDGER_METHOD_COUNT ? ledger_method_code((ledger_method_t)i) : NULL;
}

/* ---- requests ---- */

const schema_field_t api_money_receipt_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1, .doc = "The day it was received"},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER, .required = 1, AMOUNT, .doc = "Đồng"},
    {.name = "method",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 16,
     .values = method_values,
     .doc = "How it was paid: the account it goes to"},
    {.name = "payer_name", .type = SCHEMA_STRING, .required = 1, .max_len = MONEY_PAYER_NAME_MAX},
    {.name = "payer_address", .type = SCHEMA_STRING, .max_len = MONEY_PAYER_ADDRESS_MAX},
    {.name = "on_behalf_of",
     .type = SCHEMA_STRING,
     .max_len = MONEY_PAYER_NAME_MAX,
     .doc = "Paid for someone else: whose debt it is"},
    END,
};

const schema_field_t api_money_void_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "reason", .type = SCHEMA_STRING, .required = 1, .max_len = MONEY_REASON_MAX},
    END,
};

static const schema_field_t adjusted_share_fields[] = {
    {.name = "item_id",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .ranged = 1,
     .min = 0,
     .max = INT64_MAX,
     .doc = "An obligation item of the case; 0: the surplus back to the debtor"},
    {.name = "share_vnd",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .ranged = 1,
     .min = 0,
     .max = MONEY_AMOUNT_MAX},
    END,
};
static const schema_field_t adjusted_share = {.type = SCHEMA_OBJECT,
                                              .fields = adjusted_share_fields};

const schema_field_t api_money_allocate_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "shares",
     .type = SCHEMA_ARRAY,
     .max_len = 1000,
     .items = &adjusted_share,
     .doc = "The officer's adjusted split; absent: the legal order's, as proposed"},
    {.name = "reason",
     .type = SCHEMA_STRING,
     .max_len = MONEY_REASON_MAX,
     .doc = "Why the split was adjusted (required with shares)"},
    END,
};

const schema_field_t api_money_approve_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1, .doc = "The day of the approval"},
    END,
};

const schema_field_t api_money_deposit_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1, .doc = "The day of the deposit"},
    {.name = "payee_party_id",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .ranged = 1,
     .min = 0,
     .max = INT64_MAX,
     .doc = "The payee who did not come; 0: the State budget"},
    {.name = "from_cash", .type = SCHEMA_BOOLEAN, .doc = "Out of the cash box (else the bank)"},
    END,
};

const schema_field_t api_money_payout_body[] = {
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "payee_party_id",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .ranged = 1,
     .min = 0,
     .max = INT64_MAX,
     .doc = "A creditor, or the debtor for a surplus; 0: the State budget"},
    {.name = "gross_vnd",
     .type = SCHEMA_INTEGER,
     .required = 1,
     AMOUNT,
     .doc = "Out of custody, the enforcement fee withheld included"},
    {.name = "in_cash", .type = SCHEMA_BOOLEAN, .doc = "Paid in cash (else by transfer)"},
    END,
};

const schema_field_t api_money_daybook_query[] = {
    {.name = "day", .type = SCHEMA_DATE, .doc = "Default: today"},
    {.name = "unit_id", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "Default: my unit"},
    END,
};

/* ---- answers ---- */

static const schema_field_t unit_code_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "code", .type = SCHEMA_STRING},
    END,
};

static const schema_field_t receipt_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "number_text", .type = SCHEMA_STRING, .doc = "NA-KV1/2026/0000012"},
    {.name = "number", .type = SCHEMA_INTEGER, .doc = "Without gaps per unit and year"},
    {.name = "year", .type = SCHEMA_INTEGER},
    {.name = "form", .type = SCHEMA_STRING, .doc = "C28-THA"},
    {.name = "method", .type = SCHEMA_STRING, .values = method_values},
    {.name = "method_name_vi", .type = SCHEMA_STRING},
    {.name = "method_name_en", .type = SCHEMA_STRING},
    {.name = "unit", .type = SCHEMA_OBJECT, .fields = unit_code_fields},
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "payer_name", .type = SCHEMA_STRING},
    {.name = "payer_address", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "on_behalf_of", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER},
    {.name = "amount_words_vi", .type = SCHEMA_STRING, .doc = "The amount in words"},
    {.name = "issued_on", .type = SCHEMA_DATE},
    {.name = "voided", .type = SCHEMA_BOOLEAN},
    {.name = "void_reason", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "voided_on", .type = SCHEMA_DATE, .nullable = 1},
    {.name = "cashier", .type = SCHEMA_STRING, .nullable = 1},
    END,
};
static const schema_field_t a_receipt = {
    .type = SCHEMA_OBJECT, .fields = receipt_fields, .ref = "Receipt"};

static const schema_field_t payout_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "number_text", .type = SCHEMA_STRING},
    {.name = "number", .type = SCHEMA_INTEGER},
    {.name = "year", .type = SCHEMA_INTEGER},
    {.name = "unit", .type = SCHEMA_OBJECT, .fields = unit_code_fields},
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "payee_party_id", .type = SCHEMA_INTEGER, .nullable = 1, .doc = "null: the budget"},
    {.name = "payee_name", .type = SCHEMA_STRING},
    {.name = "method", .type = SCHEMA_STRING},
    {.name = "gross_vnd", .type = SCHEMA_INTEGER},
    {.name = "fee_vnd", .type = SCHEMA_INTEGER, .doc = "Enforcement fee withheld"},
    {.name = "net_vnd", .type = SCHEMA_INTEGER, .doc = "Handed to the payee"},
    {.name = "net_words_vi", .type = SCHEMA_STRING},
    {.name = "paid_on", .type = SCHEMA_DATE},
    {.name = "cashier", .type = SCHEMA_STRING, .nullable = 1},
    END,
};
static const schema_field_t a_payout = {
    .type = SCHEMA_OBJECT, .fields = payout_fields, .ref = "Payout"};

static const schema_field_t receipt_reply_fields[] = {
    {.name = "receipt", .type = SCHEMA_OBJECT, .fields = receipt_fields, .ref = "Receipt"},
    END,
};
const schema_reply_t api_money_receipt_create_reply = {201, 0, receipt_reply_fields,
                                                       "The receipt issued", "404 409 422 503"};
const schema_reply_t api_money_receipt_get_reply = {200, 0, receipt_reply_fields, "The receipt",
                                                    "404 503"};
const schema_reply_t api_money_void_reply = {200, 0, receipt_reply_fields, "The receipt, void",
                                             "404 409 422 503"};

static const schema_field_t payout_reply_fields[] = {
    {.name = "payout", .type = SCHEMA_OBJECT, .fields = payout_fields, .ref = "Payout"},
    END,
};
const schema_reply_t api_money_payout_reply = {201, 0, payout_reply_fields, "The payout voucher",
                                               "404 409 422 503"};

static const schema_field_t allocate_fields[] = {
    {.name = "txn_id", .type = SCHEMA_INTEGER, .doc = "The ledger transaction"},
    END,
};
const schema_reply_t api_money_allocate_reply = {201, 0, allocate_fields, "Allocated",
                                                 "404 409 422 503"};

static const schema_field_t approve_fields[] = {
    {.name = "txn_id", .type = SCHEMA_INTEGER, .doc = "The allocation approved"},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER, .doc = "What it gives its payees"},
    END,
};
const schema_reply_t api_money_approve_reply = {201, 0, approve_fields, "Approved",
                                                "404 409 422 503"};

static const schema_field_t deposit_fields[] = {
    {.name = "amount_vnd", .type = SCHEMA_INTEGER, .doc = "Put on savings for the payee"},
    END,
};
const schema_reply_t api_money_deposit_reply = {201, 0, deposit_fields, "Deposited",
                                                "400 404 409 422 503"};

static const schema_field_t share_fields[] = {
    {.name = "item_id", .type = SCHEMA_INTEGER, .nullable = 1, .doc = "null: the surplus"},
    {.name = "payee_party_id", .type = SCHEMA_INTEGER, .nullable = 1, .doc = "null: the budget"},
    {.name = "rank", .type = SCHEMA_INTEGER, .doc = "Art 47 rank; 0 for the surplus"},
    {.name = "owed_vnd", .type = SCHEMA_INTEGER},
    {.name = "share_vnd", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t a_share = {.type = SCHEMA_OBJECT, .fields = share_fields};
static const schema_field_t payable_fields[] = {
    {.name = "payee_party_id", .type = SCHEMA_INTEGER, .nullable = 1},
    {.name = "balance_vnd", .type = SCHEMA_INTEGER, .doc = "Allocated, not yet paid out"},
    {.name = "approved_vnd",
     .type = SCHEMA_INTEGER,
     .doc = "Of it, approved by the head: what may be paid out now"},
    {.name = "deposited_vnd",
     .type = SCHEMA_INTEGER,
     .doc = "Of it, put on savings because the payee did not come (paid out of the savings)"},
    END,
};
static const schema_field_t a_payable = {.type = SCHEMA_OBJECT, .fields = payable_fields};
static const schema_field_t allocation_share_fields[] = {
    {.name = "payee_party_id", .type = SCHEMA_INTEGER, .nullable = 1, .doc = "null: the budget"},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t an_allocation_share = {.type = SCHEMA_OBJECT,
                                                   .fields = allocation_share_fields};
static const schema_field_t allocation_fields[] = {
    {.name = "txn_id", .type = SCHEMA_INTEGER},
    {.name = "allocated_on", .type = SCHEMA_DATE},
    {.name = "allocated_by", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "reason", .type = SCHEMA_STRING, .nullable = 1, .doc = "An adjusted split's"},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER},
    {.name = "approved_on", .type = SCHEMA_DATE, .nullable = 1, .doc = "null: awaiting approval"},
    {.name = "approved_by", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "shares", .type = SCHEMA_ARRAY, .items = &an_allocation_share},
    END,
};
static const schema_field_t an_allocation = {.type = SCHEMA_OBJECT, .fields = allocation_fields};
static const schema_field_t statement_fields[] = {
    {.name = "case_id", .type = SCHEMA_INTEGER},
    {.name = "case_no", .type = SCHEMA_STRING},
    {.name = "amount_vnd", .type = SCHEMA_INTEGER, .doc = "To enforce"},
    {.name = "collected_vnd", .type = SCHEMA_INTEGER},
    {.name = "paid_vnd", .type = SCHEMA_INTEGER},
    {.name = "held_vnd", .type = SCHEMA_INTEGER, .doc = "In custody"},
    {.name = "remaining_vnd", .type = SCHEMA_INTEGER, .doc = "Still to collect"},
    {.name = "surplus_vnd", .type = SCHEMA_INTEGER, .doc = "Collected above what is owed"},
    {.name = "unallocated_vnd", .type = SCHEMA_INTEGER},
    {.name = "proposal", .type = SCHEMA_ARRAY, .items = &a_share, .doc = "The legal split"},
    {.name = "receipts", .type = SCHEMA_ARRAY, .items = &a_receipt},
    {.name = "payouts", .type = SCHEMA_ARRAY, .items = &a_payout},
    {.name = "payable", .type = SCHEMA_ARRAY, .items = &a_payable},
    {.name = "allocations", .type = SCHEMA_ARRAY, .items = &an_allocation, .doc = "Oldest first"},
    END,
};
const schema_reply_t api_money_case_reply = {200, 0, statement_fields, "The case's money",
                                             "404 503"};

static const schema_field_t till_fields[] = {
    {.name = "cash_vnd", .type = SCHEMA_INTEGER},
    {.name = "bank_vnd", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t daybook_fields[] = {
    {.name = "day", .type = SCHEMA_DATE},
    {.name = "unit_id", .type = SCHEMA_INTEGER},
    {.name = "receipts", .type = SCHEMA_ARRAY, .items = &a_receipt},
    {.name = "receipts_total_vnd", .type = SCHEMA_INTEGER, .doc = "Void receipts left out"},
    {.name = "payouts", .type = SCHEMA_ARRAY, .items = &a_payout},
    {.name = "payouts_total_vnd", .type = SCHEMA_INTEGER},
    {.name = "opening",
     .type = SCHEMA_OBJECT,
     .fields = till_fields,
     .doc = "What the cash box and the bank account held when the day began (tồn đầu ngày)"},
    {.name = "closing",
     .type = SCHEMA_OBJECT,
     .fields = till_fields,
     .doc = "What they held when it ended (tồn cuối ngày): the opening, the day's receipts, "
            "less what was paid out net of the fee, less voids"},
    END,
};
const schema_reply_t api_money_daybook_reply = {200, 0, daybook_fields, "The cashier's book",
                                                "404 503"};
/* The same book as a workbook: bytes, not JSON, so no fields to describe. */
const schema_reply_t api_money_daybook_xlsx_reply = {
    200, 0, NULL,
    "The cashier's book as an .xlsx workbook (application/vnd.openxmlformats-officedocument."
    "spreadsheetml.sheet)",
    "404 503"};

static const schema_field_t balance_fields[] = {
    {.name = "unit_id", .type = SCHEMA_INTEGER},
    {.name = "unit_code", .type = SCHEMA_STRING},
    {.name = "kind", .type = SCHEMA_STRING},
    {.name = "kind_name_vi", .type = SCHEMA_STRING},
    {.name = "kind_name_en", .type = SCHEMA_STRING},
    {.name = "balance_vnd", .type = SCHEMA_INTEGER},
    END,
};
static const schema_field_t a_balance = {.type = SCHEMA_OBJECT, .fields = balance_fields};
static const schema_field_t balances_fields[] = {
    {.name = "balances", .type = SCHEMA_ARRAY, .items = &a_balance},
    END,
};
const schema_reply_t api_money_balances_reply = {200, 0, balances_fields,
                                                 "Balances per unit and account", "503"};
