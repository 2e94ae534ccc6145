/*
 * core/receipt.h — receipt numbers and receipt forms.
 *
 * Every sum the agency receives gets a receipt numbered without gaps per issuing unit and
 * year (THADS.md 4.3 [M, matches the architecture rule]); a voided receipt keeps its
 * number. A receipt is named by its series — the issuing unit's code and the year — and
 * its number in the series, written with seven digits:
 *
 *     NA-KV1/2026/0000123     series NA-KV1/2026, number 123
 *
 * Unit codes hold no '/' (A-Z, 0-9, '-', '_', '.'; core/unit.h), so the text splits
 * unambiguously. Seven digits hold the busiest unit's year (HCMC issued about 90,000
 * e-receipts in some nine months) a hundred times over. The counter that hands out the
 * numbers is in store/; this module formats, parses and bounds them.
 *
 * The forms are those of Circular 91/2010/TT-BTC on enforcement accounting [W; a newer
 * accounting circular may have replaced it, M — THADS.md 12, question 10].
 *
 * Pure: no I/O, no allocation.
 */
#ifndef THADS_CORE_RECEIPT_H
#define THADS_CORE_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include "core/message.h"
#include "core/unit.h"

#define RECEIPT_NUMBER_DIGITS 7
#define RECEIPT_NUMBER_MAX    9999999
#define RECEIPT_YEAR_MIN      1970
#define RECEIPT_YEAR_MAX      9999
/* Buffer sizes, with the NUL: a series "UNIT/YYYY" and a receipt "UNIT/YYYY/NNNNNNN". */
#define RECEIPT_SERIES_MAX (UNIT_CODE_MAX + 1 + 4 + 1)
#define RECEIPT_NO_MAX     (RECEIPT_SERIES_MAX + RECEIPT_NUMBER_DIGITS + 1)

enum {
    RECEIPT_OK = 0,
    RECEIPT_INVALID = -1, /* not a receipt number, series, form or year */
    RECEIPT_USED_UP = -2, /* receipt_number_next: the series has no number left */
};

/* A receipt number, taken apart. */
typedef struct {
    char unit_code[UNIT_CODE_MAX + 1];
    int year;       /* RECEIPT_YEAR_MIN .. RECEIPT_YEAR_MAX */
    int64_t number; /* 1 .. RECEIPT_NUMBER_MAX */
} receipt_no_t;

/* The series of unit_code in year: "NA-KV1/2026" into buf (RECEIPT_SERIES_MAX bytes
 * suffice). RECEIPT_OK, or RECEIPT_INVALID (code not a unit code, year out of range,
 * buffer too small; buf then holds "" if len > 0). */
int receipt_series_format(const char *unit_code, int year, char *buf, size_t len);

/* "NA-KV1/2026/0000123" into buf (RECEIPT_NO_MAX bytes suffice); as above. */
int receipt_no_format(const receipt_no_t *r, char *buf, size_t len);

/* The number of a document (a receipt, a payout voucher) as it is written and shown
 * everywhere: "NA-KV1/2026/0000123" into buf (RECEIPT_NO_MAX bytes suffice). A unit code
 * that is none (a unit stored before codes were checked) gives "0000123/2026", so the
 * document is still named. */
void receipt_no_text(const char *unit_code, int year, int64_t number, char *buf, size_t len);

/* Parse a receipt number as written on the receipt. Surrounding spaces are ignored and
 * the number may be written with fewer digits ("NA-KV1/2026/123"); the unit code is as
 * stored (upper case). RECEIPT_OK and *out, or RECEIPT_INVALID with *out untouched. */
int receipt_no_parse(const char *s, receipt_no_t *out);

/* The number after `last` in a series (0: none issued yet, so 1). RECEIPT_USED_UP after
 * RECEIPT_NUMBER_MAX; RECEIPT_INVALID if last is outside 0 .. RECEIPT_NUMBER_MAX. */
int receipt_number_next(int64_t last, int64_t *next);

/* The receipt forms (mẫu biên lai). */
typedef enum {
    RECEIPT_C28_THA, /* general receipt */
    RECEIPT_C29_THA, /* advance court fees (tạm ứng án phí) */
    RECEIPT_C30_THA, /* money paid to the State budget */
    RECEIPT_C31_THA, /* enforcement money on application */
    RECEIPT_KIND_COUNT
} receipt_kind_t;

typedef struct {
    receipt_kind_t kind;
    const char *code; /* "C28-THA": stable, as in the API and the database */
    const char *name_vi, *name_en;
    const char *legal_ref;
    const char *tag; /* confidence, THADS.md 0.1 */
} receipt_kind_info_t;

/* The form's entry, or NULL for a value out of range. */
const receipt_kind_info_t *receipt_kind_info(receipt_kind_t kind);
/* The form called code ("C28-THA"; exact), RECEIPT_OK and *out, or RECEIPT_INVALID. */
int receipt_kind_parse(const char *code, receipt_kind_t *out);

/* The refusal message for a code of this module (MSG_RECEIPT_NUMBERS_USED_UP takes the
 * series); the internal entry for RECEIPT_OK. For a bad form name use MSG_RECEIPT_KIND. */
message_id_t receipt_message(int code);

#endif /* THADS_CORE_RECEIPT_H */
