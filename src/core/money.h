/*
 * core/money.h — amounts of money, in whole đồng.
 *
 * Every amount in thads is an int64 number of đồng (Vietnamese dong has no
 * subunit in use). There is no floating point anywhere near money: rates are
 * integers (parts per million, or num/den), intermediate products are 128-bit,
 * and every operation checks for overflow and reports it instead of wrapping.
 *
 * Conventions of this module:
 *   - Arithmetic functions return a MONEY_* code and write *out only on
 *     MONEY_OK; on any error *out is left untouched. A NULL out (or a NULL
 *     input array / string) is MONEY_INVALID, never a crash.
 *   - Formatting functions follow snprintf: they return the length the full
 *     text needs (bytes, without the NUL) and write at most len bytes, always
 *     NUL-terminated when len > 0. buf may be NULL when len is 0, to measure.
 *     A truncated result never ends in a partial UTF-8 sequence ("đ" is two
 *     bytes), so it stays valid UTF-8 for HTML and JSON.
 *   - Pure functions: no I/O, no locale, no globals; safe from any thread.
 */
#ifndef THADS_CORE_MONEY_H
#define THADS_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t money_t; /* whole đồng */

/* The largest amount thads takes: for one obligation item, for one case's items together,
 * for one payment, and for what one case collects in all. 10^15 đồng is above the largest
 * judgment enforced in Vietnam (about 6.7 * 10^14 đồng, 2024) and keeps every sum of
 * amounts that thads makes — a unit's statistics line on one day holds at most some
 * thousands of cases — far inside int64 (9.2 * 10^18). */
#define MONEY_AMOUNT_MAX         ((money_t)1000000000000000)
#define MONEY_AMOUNT_MAX_TEXT_EN "1,000,000,000,000,000"
#define MONEY_AMOUNT_MAX_TEXT_VI "1.000.000.000.000.000"

enum {
    MONEY_OK = 0,
    MONEY_OVERFLOW = -1, /* the exact result does not fit in int64 */
    MONEY_INVALID = -2,  /* malformed input or argument */
    MONEY_FRACTION = -3, /* money_parse: a non-zero part of a đồng was written */
    MONEY_DIV_ZERO = -4, /* money_mul_div: den == 0 */
};

/* Buffer sizes (with the NUL) that always hold the full text, for any value:
 * money_format, money_format_plain and money_format_short need at most
 * MONEY_FORMAT_MAX; money_to_words_vi needs at most MONEY_WORDS_MAX. */
#define MONEY_FORMAT_MAX 32
#define MONEY_WORDS_MAX  512

/* *out = a + b. MONEY_OVERFLOW if the sum does not fit. */
int money_add(money_t a, money_t b, money_t *out);
/* *out = a - b. MONEY_OVERFLOW if the difference does not fit. */
int money_sub(money_t a, money_t b, money_t *out);
/* *out = a * k. MONEY_OVERFLOW if the product does not fit (e.g. INT64_MIN * -1). */
int money_mul(money_t a, int64_t k, money_t *out);

/* a * num / den rounded half away from zero, exact (128-bit intermediate). den != 0.
 * MONEY_DIV_ZERO if den == 0; MONEY_OVERFLOW if the rounded quotient does not fit
 * (the product a * num itself may exceed int64: only the result must fit). */
int money_mul_div(money_t a, int64_t num, int64_t den, money_t *out);

/* a * rate, rate given in parts per million (1% = 10000 ppm; 0.01% = 100 ppm), rounded
 * half up (away from zero). Fee bands in the enforcement law use rates like 3%, 2%, 1%,
 * 0.5%, 0.01% (Circular 216/2016/TT-BTC); the bands themselves live in the fee module.
 * ppm < 0 is MONEY_INVALID (a negative rate is a configuration error, not a refund);
 * ppm above 1000000 (more than 100%) is allowed. MONEY_OVERFLOW if the result does
 * not fit. */
int money_apply_ppm(money_t a, int64_t ppm, money_t *out);

/* Sum of n amounts, overflow-checked. The check is on the exact total, not on each
 * running subtotal, so the result does not depend on the order of v:
 * {INT64_MAX, 1, -1} sums to INT64_MAX. n == 0 gives 0 (v may then be NULL). */
int money_sum(const money_t *v, size_t n, money_t *out);

/*
 * Parse an amount the way Vietnamese users write it:
 *   "1234567890", "1.234.567.890", "1.234.567.890 đ", "1.234.567.890đ",
 *   "1.234.567.890 VND", "1.234.567.890 đồng", with a leading "-" allowed.
 * Rules:
 *   - Surrounding ASCII spaces (' ') are ignored; any number of spaces may stand
 *     between the number and the unit. Nothing may stand between "-" and the digits.
 *   - Dots group thousands and must be correctly placed: a first group of 1-3 digits
 *     not starting with 0, then groups of exactly 3. "12.34", "1.2345", "1234.567"
 *     and "0.500" (one half, to an English reader) are MONEY_INVALID. Without
 *     dots any number of digits is accepted, leading zeros included ("007" is 7),
 *     as spreadsheets export them.
 *   - A decimal part after a comma is MONEY_FRACTION ("12,5", "1.000,50", "1,000"),
 *     except ",0" and ",00", which are accepted as whole đồng because accounting
 *     software writes them. Three or more zeros (",000") stay MONEY_FRACTION: "1,000"
 *     is how English writes one thousand, and must not quietly become 1 đồng.
 *   - Units, case-insensitive: "đ", "đồng", "VND", "VNĐ", and "dong" (typed without
 *     diacritics). "đồng" is accepted in NFC and in decomposed (NFD) UTF-8.
 *   - Anything else is MONEY_INVALID: empty, letters, "+", "--1", "- 1", "1 000",
 *     "1.", ",5", invalid UTF-8, a second unit.
 * When several problems are present the first in this order is returned:
 * MONEY_INVALID (the whole text is checked first), MONEY_FRACTION, MONEY_OVERFLOW
 * (a value outside int64; "-9.223.372.036.854.775.808" is INT64_MIN and is fine).
 */
int money_parse(const char *s, money_t *out);

/* "1.234.567.890 đ", "-5.000 đ", "0 đ". Returns the length written (snprintf semantics:
 * the length it would need; buf always NUL-terminated when len > 0). Handles INT64_MIN. */
size_t money_format(money_t v, char *buf, size_t len);

/* Digits only, grouped: "1.234.567.890", "-5.000" (for tables and spreadsheets). */
size_t money_format_plain(money_t v, char *buf, size_t len);

/*
 * Short display form in Vietnamese for dashboards, integer arithmetic only:
 *   |v| >= 1 tỷ (10^9):    "1,23 tỷ", "2 tỷ", "1,5 tỷ", "495.000 tỷ"
 *   |v| >= 1 triệu (10^6): "350 triệu", "4,68 triệu"
 *   below:                 the full form, "1.234 đ"
 * At most 2 decimals after a comma, rounded half up (away from zero), trailing zeros
 * trimmed; the integer part is grouped with dots. A value that rounds up to 1000 triệu
 * (999.995.000 and above) is shown as "1 tỷ". Negative values keep the sign.
 */
size_t money_format_short(money_t v, char *buf, size_t len);

/*
 * Amount in Vietnamese words for receipts ("bằng chữ"):
 *   1234567 -> "Một triệu hai trăm ba mươi bốn nghìn năm trăm sáu mươi bảy đồng".
 * Reading rules: "mười" for ten and "mươi" for 20-90; "linh" for a zero tens digit
 * inside a group (105 -> "một trăm linh năm"); "mốt" for 1 after mươi (21 -> "hai
 * mươi mốt"); "tư" for 4 after mươi when it is the last digit of the amount (24 ->
 * "hai mươi tư"; elsewhere "bốn", as in 1234567 above); "lăm" for 5 after mười or
 * mươi (15 -> "mười lăm"); "không trăm" for a zero hundreds digit in any group after
 * the first non-zero one (1.005.000 -> "một triệu không trăm linh năm nghìn"); zero
 * groups are skipped. Digits are read in blocks of nine: the second block is followed
 * by "tỷ", the third by "tỷ tỷ" (10^18 -> "một tỷ tỷ"), and a block is read as one
 * number (1.500.000.000.000 -> "một nghìn năm trăm tỷ", not "một nghìn tỷ năm trăm
 * tỷ"). 0 -> "Không đồng"; negative -> "Âm ...".
 * The first letter is capitalized. Same return semantics as money_format.
 */
size_t money_to_words_vi(money_t v, char *buf, size_t len);

/* Rate for display only (never used to compute money): num/den as a percentage times
 * 100, rounded half away from zero, e.g. 16164/18840 -> 8580 (85.80%). den == 0 -> 0.
 * A result outside int64 (only possible for absurd inputs) is clamped to
 * INT64_MAX / INT64_MIN. */
int64_t money_rate_bp(money_t num, money_t den);

#endif /* THADS_CORE_MONEY_H */
