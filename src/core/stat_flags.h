/*
 * core/stat_flags.h — the special categories of the statistics as flags (THADS.md 5.4,
 * docs/internals/statistics.md "Special categories as flags"): a bitmask in the key of
 * every statistics delta, so a case counts in every special table it belongs to.
 *
 *   bit 0  credit      debts to credit institutions (tín dụng, ngân hàng)
 *   bit 1  corruption  asset recovery in corruption and economic crimes
 *   bit 2  prisoner    the civil part owed by a debtor held in a prison or camp
 *
 * Credit and corruption are properties of the case, set at its creation and never moved.
 * Prisoner is a property of the debtor on a day: held from a stay's first day up to the
 * day before it ends (the prison register, migration 0015). A case's deltas of a day
 * carry the flags of that day; when the prisoner bit changes on day E, the stock of the
 * open buckets at the end of E - 1 moves from the old flags to the new on E, and a flow
 * row ("prisoner_in" under the new flags, "prisoner_out" under the old) counts it as
 * entering or leaving the prisoner table, so C = D + E holds in that table too.
 *
 * Pure: no I/O, no allocation.
 */
#ifndef THADS_CORE_STAT_FLAGS_H
#define THADS_CORE_STAT_FLAGS_H

#include "core/civil_date.h"

#include <stddef.h>
#include <stdint.h>

#define STAT_FLAG_CREDIT     1
#define STAT_FLAG_CORRUPTION 2
#define STAT_FLAG_PRISONER   4
/* The flags fixed at creation (enforcement_case.flags holds them, and STAT_FLAG_PRISONER
 * when a debtor of the case is in the prison register: its days are read from there). */
#define STAT_FLAGS_STATIC (STAT_FLAG_CREDIT | STAT_FLAG_CORRUPTION)
#define STAT_FLAG_COUNT   3

/* Code of flag i (0 .. STAT_FLAG_COUNT - 1): "credit", "corruption", "prisoner"; its bit
 * (1 << i); its Vietnamese table title. */
const char *stat_flag_code(int i);
const char *stat_flag_title_vi(int i);
/* The bit of a flag code, 0 for anything else (a category code like "civil", NULL). */
int stat_flag_parse(const char *code);

/* The static flags a case of category code gets: credit for "credit", corruption for
 * "corruption", 0 otherwise. */
int stat_flags_of_category(const char *category);

/* The move buckets (flows, per source prefix "app:" as every bucket). */
#define STAT_BUCKET_PRISONER_IN  "prisoner_in"
#define STAT_BUCKET_PRISONER_OUT "prisoner_out"

/* A stay in a camp: held on days from .. to - 1 (to CIVIL_DATE_INVALID: held still). */
typedef struct {
    civil_date_t from, to;
} stat_span_t;

/* 1 when a span covers day d. */
int stat_held_on(const stat_span_t *spans, size_t n, civil_date_t d);
/* The flags of day d: static | (held on d ? STAT_FLAG_PRISONER : 0). */
int stat_flags_on(int static_flags, const stat_span_t *spans, size_t n, civil_date_t d);

/* Where the held state changes, in day order: a day E with held(E) != held(E - 1).
 * Writes at most max days into out; returns how many there are (more than max: the
 * caller's array was too small). */
size_t stat_flag_changes(const stat_span_t *spans, size_t n, civil_date_t *out, size_t max);

/* fn(day, bucket, flags, cases, amount_vnd, arg) for each row a case's delta (day,
 * bucket, cases, amount_vnd) is written as under flags that change on the days changes[]
 * (sorted): the delta under the flags of its day, and for an open bucket (unclassified,
 * d3..d5, e_not_eligible, with or without "app:") at each change E after its day: minus
 * under the flags of E - 1, plus under those of E, plus the move row (prisoner_in or
 * prisoner_out, with the delta's prefix). bucket strings are the caller's or static.
 * Stops at fn's first non-zero return and returns it. */
typedef int (*stat_flag_row_fn)(civil_date_t day, const char *bucket, int flags, int64_t cases,
                                int64_t amount_vnd, void *arg);
int stat_flags_expand(int static_flags, const stat_span_t *spans, size_t nspans,
                      const civil_date_t *changes, size_t nchanges, civil_date_t day,
                      const char *bucket, int64_t cases, int64_t amount_vnd, stat_flag_row_fn fn,
                      void *arg);

/* 1 for a bucket whose stock moves with the flags (open), with or without "app:". */
int stat_bucket_is_open(const char *bucket);

#endif
