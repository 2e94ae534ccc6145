/*
 * core/stat_sum.h — statistics deltas summed in memory per (unit, day, category,
 * flags, bucket), for writers of many cases at once (importers) to write each key once, in key
 * order, instead of once per case. Sums are exact: a delta that would overflow a sum is
 * refused, for the caller to write on its own.
 */
#ifndef THADS_CORE_STAT_SUM_H
#define THADS_CORE_STAT_SUM_H

#include "core/civil_date.h"

#include <stddef.h>
#include <stdint.h>

typedef struct stat_sum stat_sum_t;

stat_sum_t *stat_sum_new(void);
void stat_sum_free(stat_sum_t *s);

/* Add (cases, amount_vnd) to the key's sums: 0 added; 1 not added, because a sum would
 * overflow int64 or the key names more than STAT_SUM_MAX_NAMES distinct categories and
 * buckets; -1 out of memory (not added). category and bucket are copied. */
#define STAT_SUM_MAX_NAMES 255
int stat_sum_add(stat_sum_t *s, int64_t unit_id, civil_date_t day, const char *category, int flags,
                 const char *bucket, int64_t cases, int64_t amount_vnd);

/* Keys held. */
size_t stat_sum_count(const stat_sum_t *s);

typedef int (*stat_sum_fn)(int64_t unit_id, civil_date_t day, const char *category, int flags,
                           const char *bucket, int64_t cases, int64_t amount_vnd, void *arg);
/* Call fn for every key, ordered by unit, day, category, flags and bucket (flags: the
 * special categories' bitmask, core/stat_flags.h, 0..255); stop at fn's first
 * non-zero return and return it. -1 out of memory. */
int stat_sum_each(const stat_sum_t *s, stat_sum_fn fn, void *arg);

/* Forget every sum. */
void stat_sum_clear(stat_sum_t *s);

#endif
