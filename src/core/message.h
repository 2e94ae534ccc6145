/*
 * core/message.h — the catalogue of refusals: for each, a stable machine code and its
 * text in Vietnamese and English, written once. The case engine (core/case_engine.c)
 * and the operations (ops/) refuse by naming an entry; the API, the CLI and the importers
 * show its text, so the same refusal reads the same everywhere.
 *
 * A text may hold "%s" placeholders, filled in order by message_format(); the
 * Vietnamese and English texts of an entry take the same arguments in the same order.
 * Codes are part of the API: append entries, never rename a code.
 */
#ifndef THADS_CORE_MESSAGE_H
#define THADS_CORE_MESSAGE_H

#include <stddef.h>

typedef enum {
    MSG_MISSING_FIELD, /* a required field is empty */
    MSG_TEXT_INVALID,  /* %s max chars, %s why (text_status_en/vi) */
    MSG_TEXT_TOO_LONG, /* as MSG_TEXT_INVALID, code too_long */
    MSG_OUT_OF_MEMORY,
    MSG_TRANSITION,        /* %s the state machine's reason (core/case.c) */
    MSG_EVENT_DATE,        /* the legal date missing or in the future */
    MSG_BEFORE_LAST_EVENT, /* dated before the case's last event */
    MSG_OFFICER_MISSING,   /* assigned without an officer */
    MSG_PERIOD_RUNNING,    /* %s the last day of the voluntary period */
    MSG_AMOUNT_NOT_POSITIVE,
    MSG_MORE_THAN_HELD,
    MSG_MONEY_HELD,
    MSG_CORRECTS_SEQ,
    MSG_TOO_MANY_EVENTS, /* %s the limit */
    MSG_CASE_START,      /* %s the reason case_start gives */
    MSG_ONLY_ON_APPLICATION,
    MSG_NOT_FOR_THIS_EVENT, /* a field the event does not take */
    MSG_GROUND_AFTER_EVENT,
    MSG_AMOUNT_OVER_MAX, /* an amount, or a case's amounts together, above MONEY_AMOUNT_MAX */
    /* the steps of issue 12 (core/case_engine.c) */
    MSG_COERCION_REST_DAY,    /* %s the planned day */
    MSG_COERCION_NEAR_TET,    /* %s the planned day, %s the days, %s the day of Tết */
    MSG_PLANNED_BEFORE_EVENT, /* a coercion planned before it is scheduled */
    MSG_PROTEST_REQUEST_LATE, /* %s the hours, %s the day of the coercion */
    MSG_PRICE_CUT_TOO_LARGE,  /* %s the largest cut ("10%"), %s the lowest new price */
    /* operations (ops/) */
    MSG_NO_SUCH_USER,
    MSG_NOT_AN_OFFICER,
    MSG_OFFICER_ELSEWHERE,
    MSG_RECEIVED_ON_DATE,
    MSG_JUDGMENT_DATE,
    MSG_NO_SUCH_UNIT,
    MSG_NOT_AN_ENFORCEMENT_UNIT,
    MSG_DUPLICATE_CASE_NO, /* %s the number, %s its year */
    MSG_CASE_YEAR,         /* %s the earliest year, %s the latest */
    MSG_NO_SUCH_CASE,
    MSG_PARTIES_COUNT,
    MSG_PARTY_ROLE,
    MSG_PARTY_KIND,
    MSG_ID_NUMBER,
    MSG_NO_DEBTOR,
    MSG_ITEMS_COUNT,
    MSG_CONTENT_TYPE,
    MSG_AMOUNT_NEGATIVE,
    MSG_PAYMENT_RANK,
    MSG_ITEM_CREDITOR,
    MSG_SOURCE,
    MSG_CATEGORY,
    MSG_ENTRUST_TARGET,
    MSG_ENTRUST_DUPLICATE_CASE_NO, /* %s the number, %s its year */
    MSG_UNIT_NEEDS_PARENT,
    MSG_PARENT_NOT_VALID,
    MSG_OUTLIVES_PARENT,
    MSG_DUPLICATE_UNIT_CODE,
    MSG_UNIT_NOT_VALID_ON,
    MSG_NEW_PARENT_NOT_VALID,
    MSG_MOVE_OUT_OF_ORDER,
    MSG_SAME_PARENT,
    MSG_CYCLE,
    MSG_NEW_PARENT_CLOSES_FIRST,
    MSG_ALREADY_CLOSED,
    MSG_CLOSE_BEFORE_START,
    MSG_SUCCESSOR_NOT_VALID,
    MSG_CLOSE_OUT_OF_ORDER,
    MSG_USERNAME,
    MSG_OUT_OF_MEMORY_HASHING,
    MSG_UNKNOWN_UNIT_KIND,
    MSG_ROLE_NEEDS_ENFORCEMENT_UNIT,
    MSG_ROLE_NEEDS_PRISON,
    MSG_NO_ROLE,
    MSG_UNIT_CLOSED,
    MSG_DUPLICATE_USERNAME,
    MSG_ALREADY_DISABLED,
    MSG_DB_UNAVAILABLE,
    MSG_INTERNAL_LOGGED,
    /* money (core/allocation.c, core/fee.c, core/receipt.c) */
    MSG_ALLOC_STEP,              /* a claim's step or pool out of range */
    MSG_ALLOC_DUPLICATE_CLAIM,   /* one obligation listed twice in one split */
    MSG_ALLOC_SHARE_ABOVE_OWED,  /* an adjusted share above what is owed */
    MSG_ALLOC_SUM,               /* an adjusted split that does not add up to the amount */
    MSG_ALLOC_SURPLUS_UNPAID,    /* money back to the debtor while a creditor is unpaid */
    MSG_FEE_NO_SCHEDULE,         /* %s the date: no fee bands or base salary in force */
    MSG_FEE_REDUCTION,           /* %s the largest reduction in percent */
    MSG_RECEIPT_NUMBER,          /* a receipt number that is not UNIT/YEAR/NNNNNNN */
    MSG_RECEIPT_KIND,            /* an unknown receipt form */
    MSG_RECEIPT_NUMBERS_USED_UP, /* %s the series: every number of the year is taken */
    /* the ledger (core/case_engine.c, ops/money_ops.c) */
    MSG_RECEIPT_PAID_OUT,  /* a void of a receipt whose money is (partly) paid out */
    MSG_RECEIPT_VOIDED,    /* a void of a receipt voided already */
    MSG_METHOD,            /* an unknown way of paying */
    MSG_PAYEE_NOT_OWED,    /* a payout above what is allocated to the payee */
    MSG_TILL_SHORT,        /* a payout above what the cash box or bank account holds */
    MSG_RECEIPT_ALLOCATED, /* a void of a receipt whose money is allocated */
    MSG_NOTHING_TO_ALLOCATE,
    MSG_NOT_A_PAYEE,      /* a payee who is not a creditor or the debtor of the case */
    MSG_MONEY_VIA_LEDGER, /* money events go through receipts and payouts */
    MSG_NO_SUCH_RECEIPT,
    MSG_PAYOUT_NOT_APPROVED, /* a payout above what the head approved for the payee */
    MSG_ALREADY_APPROVED,    /* an approval of an allocation approved already */
    MSG_NO_SUCH_ALLOCATION,
    MSG_NOTHING_TO_APPROVE, /* no allocation of the case awaits approval */
    MSG_ALREADY_SUBMITTED,  /* a unit's report for a period submitted already */
    MSG_NOTHING_TO_DEPOSIT, /* a payee with nothing approved, unpaid and not on savings */
    /* users (ops/user_ops.c) */
    MSG_ALREADY_ENABLED,          /* enabling a user who is not disabled */
    MSG_ROLE_HELD,                /* adding a role the user has */
    MSG_ROLE_NOT_HELD,            /* removing a role the user lacks */
    MSG_LAST_ROLE,                /* removing a user's only role */
    MSG_SELF_ADMIN,               /* an administrator removing their own administration */
    MSG_PASSWORD_CHANGE_REQUIRED, /* a write before the forced password change */
    MSG_NO_COERCION_PENDING,      /* a coercion's outcome without a decision pending */
    MSG_COMPLAINT_UNNAMED,        /* a complaint's decision, several pending, none named */
    MSG_COMPLAINT_NOT_PENDING,    /* a complaint's decision naming none pending */
    MSG_COUNT
} message_id_t;

typedef struct {
    const char *code; /* "transition_not_allowed" */
    const char *en, *vi;
} message_t;

/* The entry of id (never NULL: an id out of range gives an "internal" entry). */
const message_t *message_get(message_id_t id);

/* Fill en and vi (of enlen and vilen bytes, truncated if need be) with the texts of id,
 * each "%s" replaced by the next of the nargs arguments ("" once they run out). */
void message_format(message_id_t id, char *en, size_t enlen, char *vi, size_t vilen,
                    const char *const *args, size_t nargs);

#endif
