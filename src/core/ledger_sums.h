/*
 * core/ledger_sums.h — the changes a bulk load makes to a unit's own accounts (its cash,
 * bank, money in transit, fees: the kinds not kept per case), summed in memory to be
 * written once at the load's end (store/ledger.h: ledger_post_summing, ledger_sums_write).
 *
 * On PostgreSQL every update of a row leaves a version that the next statement reaching
 * the row steps over until the transaction commits: a million imported cases update each
 * of their unit's bank accounts about 100,000 times, and each update then costs as much
 * as the ones before it together. Summed, each account is updated once.
 *
 * Exact: a sum that would pass int64 is refused. Pure: no I/O.
 */
#ifndef THADS_CORE_LEDGER_SUMS_H
#define THADS_CORE_LEDGER_SUMS_H

#include "core/ledger.h"

#include <stddef.h>
#include <stdint.h>

typedef struct ledger_sums ledger_sums_t;

ledger_sums_t *ledger_sums_new(void);
void ledger_sums_free(ledger_sums_t *s);

/* Add delta (on the account's normal side: ledger_balance_delta) to the account's sum:
 * 1 added, the first change of that account; 0 added; LEDGER_NOMEM or LEDGER_OVERFLOW,
 * not added. */
int ledger_sums_add(ledger_sums_t *s, int64_t unit_id, ledger_kind_t kind, int64_t payee,
                    int64_t delta);

/* Accounts held. */
size_t ledger_sums_count(const ledger_sums_t *s);

typedef int (*ledger_sums_fn)(int64_t unit_id, ledger_kind_t kind, int64_t payee, int64_t sum,
                              void *arg);
/* Call fn for every account, in the order they were first added; stop at fn's first
 * non-zero return and return it. */
int ledger_sums_each(const ledger_sums_t *s, ledger_sums_fn fn, void *arg);

/* Forget every sum. */
void ledger_sums_clear(ledger_sums_t *s);

#endif
