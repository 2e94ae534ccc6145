/*
 * core/receipt.c — receipt numbers and receipt forms.
 */
#include "core/receipt.h"

#include <stdio.h>
#include <string.h>

/* The forms and what each is for are in THADS.md 4.3 [W]; the Vietnamese names are
 * written here from those purposes, and whether Circular 91/2010 still governs is open
 * (THADS.md 12, question 10): so each row is tagged M until checked against the forms. */
static const receipt_kind_info_t kinds[RECEIPT_KIND_COUNT] = {
    {RECEIPT_C28_THA, "C28-THA", "Biên lai thu tiền thi hành án", "Receipt (general)",
     "Circular 91/2010/TT-BTC", "M"},
    {RECEIPT_C29_THA, "C29-THA", "Biên lai thu tiền tạm ứng án phí",
     "Receipt for advance court fees", "Circular 91/2010/TT-BTC", "M"},
    {RECEIPT_C30_THA, "C30-THA", "Biên lai thu tiền nộp ngân sách nhà nước",
     "Receipt for money paid to the State budget", "Circular 91/2010/TT-BTC", "M"},
    {RECEIPT_C31_THA, "C31-THA", "Biên lai thu tiền thi hành án theo đơn yêu cầu",
     "Receipt for enforcement money on application", "Circular 91/2010/TT-BTC", "M"},
};

/* The rule of core/unit.c: 1-UNIT_CODE_MAX characters of A-Z, 0-9, '-', '_', '.'. Counts
 * the characters of s that form a code, stopping at the first other one. */
static size_t receipt_code_span(const char *s)
{
    size_t n = 0;
    while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-' ||
           s[n] == '_' || s[n] == '.')
        n++;
    return n;
}

static int receipt_code_ok(const char *code)
{
    size_t n = code != NULL ? receipt_code_span(code) : 0;
    return n > 0 && n <= UNIT_CODE_MAX && code[n] == '\0';
}

static int receipt_fail(char *buf, size_t len)
{
    if (buf != NULL && len > 0)
        buf[0] = '\0';
    return RECEIPT_INVALID;
}

int receipt_series_format(const char *unit_code, int year, char *buf, size_t len)
{
    if (!receipt_code_ok(unit_code) || year < RECEIPT_YEAR_MIN || year > RECEIPT_YEAR_MAX ||
        buf == NULL)
        return receipt_fail(buf, len);
    int n = snprintf(buf, len, "%s/%04d", unit_code, year);
    if (n < 0 || (size_t)n >= len)
        return receipt_fail(buf, len);
    return RECEIPT_OK;
}

int receipt_no_format(const receipt_no_t *r, char *buf, size_t len)
{
    if (r == NULL || r->number < 1 || r->number > RECEIPT_NUMBER_MAX ||
        receipt_series_format(r->unit_code, r->year, buf, len) != RECEIPT_OK)
        return receipt_fail(buf, len);
    size_t used = strlen(buf);
    int n =
        snprintf(buf + used, len - used, "/%0*lld", RECEIPT_NUMBER_DIGITS, (long long)r->number);
    if (n < 0 || (size_t)n >= len - used)
        return receipt_fail(buf, len);
    return RECEIPT_OK;
}

void receipt_no_text(const char *unit_code, int year, int64_t number, char *buf, size_t len)
{
    receipt_no_t r = {.year = year, .number = number};

    if (unit_code != NULL && strlen(unit_code) < sizeof r.unit_code)
        memcpy(r.unit_code, unit_code, strlen(unit_code) + 1);
    if (receipt_no_format(&r, buf, len) != RECEIPT_OK && len > 0)
        snprintf(buf, len, "%0*lld/%d", RECEIPT_NUMBER_DIGITS, (long long)number, year);
}

/* Up to `max` decimal digits at s (at least one): their value, and *end after them; -1
 * if none or more than max. */
static int64_t receipt_digits(const char *s, int max, const char **end)
{
    int64_t v = 0;
    int n = 0;
    while (s[n] >= '0' && s[n] <= '9') {
        if (n == max)
            return -1;
        v = v * 10 + (s[n] - '0');
        n++;
    }
    *end = s + n;
    return n > 0 ? v : -1;
}

int receipt_no_parse(const char *s, receipt_no_t *out)
{
    receipt_no_t r = {0};
    const char *p;

    if (s == NULL || out == NULL)
        return RECEIPT_INVALID;
    while (*s == ' ')
        s++;
    size_t n = receipt_code_span(s);
    if (n == 0 || n > UNIT_CODE_MAX || s[n] != '/')
        return RECEIPT_INVALID;
    memcpy(r.unit_code, s, n);
    r.unit_code[n] = '\0';
    p = s + n + 1;
    const char *after;
    int64_t year = receipt_digits(p, 4, &after);
    if (after - p != 4 || year < RECEIPT_YEAR_MIN || *after != '/')
        return RECEIPT_INVALID;
    r.year = (int)year;
    p = after + 1;
    r.number = receipt_digits(p, RECEIPT_NUMBER_DIGITS, &after);
    if (r.number < 1)
        return RECEIPT_INVALID;
    while (*after == ' ')
        after++;
    if (*after != '\0')
        return RECEIPT_INVALID;
    *out = r;
    return RECEIPT_OK;
}

int receipt_number_next(int64_t last, int64_t *next)
{
    if (next == NULL || last < 0 || last > RECEIPT_NUMBER_MAX)
        return RECEIPT_INVALID;
    if (last == RECEIPT_NUMBER_MAX)
        return RECEIPT_USED_UP;
    *next = last + 1;
    return RECEIPT_OK;
}

const receipt_kind_info_t *receipt_kind_info(receipt_kind_t kind)
{
    return (unsigned)kind < RECEIPT_KIND_COUNT ? &kinds[kind] : NULL;
}

int receipt_kind_parse(const char *code, receipt_kind_t *out)
{
    if (code == NULL || out == NULL)
        return RECEIPT_INVALID;
    for (int k = 0; k < RECEIPT_KIND_COUNT; k++)
        if (strcmp(kinds[k].code, code) == 0) {
            *out = (receipt_kind_t)k;
            return RECEIPT_OK;
        }
    return RECEIPT_INVALID;
}

message_id_t receipt_message(int code)
{
    switch (code) {
    case RECEIPT_INVALID:
        return MSG_RECEIPT_NUMBER;
    case RECEIPT_USED_UP:
        return MSG_RECEIPT_NUMBERS_USED_UP;
    default:
        return MSG_COUNT; /* message_get answers the internal entry */
    }
}
