/*
 * store/targets.h — annual targets (migrations/0018): a unit's completion rates to reach
 * in a reporting year, in basis points. Each function runs inside the caller's
 * transaction or on its own.
 */
#ifndef THADS_STORE_TARGETS_H
#define THADS_STORE_TARGETS_H

#include "store/db.h"

#include <stdint.h>

typedef struct {
    int64_t unit_id, set_by, set_at;
    int year;
    int rate_cases_bp, rate_money_bp; /* 8325 = 83.25% */
    char set_by_name[201];
} target_row_t;

/* Set (or replace) the unit's target for year. DB_OK or the error. */
int target_put(db_t *db, const target_row_t *t);

/* The unit's target for year: DB_ROW, DB_DONE (none) or the error. */
int target_get(db_t *db, int64_t unit_id, int year, target_row_t *out);

#endif
