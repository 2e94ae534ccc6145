/*
 * core/stat_flags.c — the special categories as flags (core/stat_flags.h).
 */
#include "core/stat_flags.h"
#include "core/case.h"

#include <string.h>

static const struct {
    const char *code, *title_vi;
} flags[STAT_FLAG_COUNT] = {
    {"credit", "Tín dụng, ngân hàng"},
    {"corruption", "Thu hồi tài sản trong vụ án tham nhũng, kinh tế"},
    {"prisoner", "Phần dân sự trong bản án hình sự đối với phạm nhân"},
};

const char *stat_flag_code(int i)
{
    return i >= 0 && i < STAT_FLAG_COUNT ? flags[i].code : "?";
}

const char *stat_flag_title_vi(int i)
{
    return i >= 0 && i < STAT_FLAG_COUNT ? flags[i].title_vi : "?";
}

int stat_flag_parse(const char *code)
{
    for (int i = 0; code != NULL && i < STAT_FLAG_COUNT; i++)
        if (strcmp(code, flags[i].code) == 0)
            return 1 << i;
    return 0;
}

int stat_flags_of_category(const char *category)
{
    int bit = stat_flag_parse(category);

    return bit & STAT_FLAGS_STATIC;
}

int stat_held_on(const stat_span_t *spans, size_t n, civil_date_t d)
{
    for (size_t i = 0; i < n; i++)
        if (spans[i].from <= d && (spans[i].to == CIVIL_DATE_INVALID || d < spans[i].to))
            return 1;
    return 0;
}

int stat_flags_on(int static_flags, const stat_span_t *spans, size_t n, civil_date_t d)
{
    return (static_flags & STAT_FLAGS_STATIC) |
           (stat_held_on(spans, n, d) ? STAT_FLAG_PRISONER : 0);
}

size_t stat_flag_changes(const stat_span_t *spans, size_t n, civil_date_t *out, size_t max)
{
    size_t k = 0;

    /* candidates are the spans' ends; a transfer (one ends, the next begins the same day)
     * or overlapping stays of two debtors change nothing. Few spans: O(n^2) is fine, and
     * the days come out sorted by insertion. */
    for (size_t i = 0; i < 2 * n; i++) {
        civil_date_t e = i % 2 == 0 ? spans[i / 2].from : spans[i / 2].to;
        size_t at, j;
        int dup = 0;
        if (e == CIVIL_DATE_INVALID || stat_held_on(spans, n, e) == stat_held_on(spans, n, e - 1))
            continue;
        for (j = 0; j < k && j < max && !dup; j++)
            dup = out[j] == e;
        if (dup)
            continue;
        if (k < max) {
            for (at = k; at > 0 && out[at - 1] > e; at--)
                out[at] = out[at - 1];
            out[at] = e;
        }
        k++;
    }
    return k;
}

int stat_bucket_is_open(const char *bucket)
{
    int b;

    if (strncmp(bucket, "app:", 4) == 0)
        bucket += 4;
    b = case_stat_parse(bucket);
    return b == STAT_UNCLASSIFIED || b == STAT_D3_ENFORCING || b == STAT_D4_POSTPONED ||
           b == STAT_D5_SUSPENDED || b == STAT_E_NOT_ELIGIBLE;
}

int stat_flags_expand(int static_flags, const stat_span_t *spans, size_t nspans,
                      const civil_date_t *changes, size_t nchanges, civil_date_t day,
                      const char *bucket, int64_t cases, int64_t amount_vnd, stat_flag_row_fn fn,
                      void *arg)
{
    int app = strncmp(bucket, "app:", 4) == 0, rc;

    if ((rc = fn(day, bucket, stat_flags_on(static_flags, spans, nspans, day), cases, amount_vnd,
                 arg)) != 0)
        return rc;
    if (!stat_bucket_is_open(bucket))
        return 0;
    for (size_t i = 0; i < nchanges; i++) {
        civil_date_t e = changes[i];
        int before, after;
        if (e <= day)
            continue;
        before = stat_flags_on(static_flags, spans, nspans, e - 1);
        after = stat_flags_on(static_flags, spans, nspans, e);
        if ((rc = fn(e, bucket, before, -cases, -amount_vnd, arg)) != 0 ||
            (rc = fn(e, bucket, after, cases, amount_vnd, arg)) != 0)
            return rc;
        if (after & STAT_FLAG_PRISONER)
            rc = fn(e, app ? "app:" STAT_BUCKET_PRISONER_IN : STAT_BUCKET_PRISONER_IN, after, cases,
                    amount_vnd, arg);
        else
            rc = fn(e, app ? "app:" STAT_BUCKET_PRISONER_OUT : STAT_BUCKET_PRISONER_OUT, before,
                    cases, amount_vnd, arg);
        if (rc != 0)
            return rc;
    }
    return 0;
}
