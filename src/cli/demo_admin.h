/*
 * cli/demo_admin.h — the administrative judgments of `thads demo` (issue 15; THADS.md 5.4):
 * judgments the province's agency and its regional offices monitor over the last two
 * reporting years, with reminder letters, court decisions compelling compliance and
 * compliance, so the register's pages and the report's table have figures after make run.
 */
#ifndef THADS_CLI_DEMO_ADMIN_H
#define THADS_CLI_DEMO_ADMIN_H

#include "core/civil_date.h"
#include "ops/op.h"

#include <stdint.h>

/* Inside the demo's transaction: judgments received before the regional offices opened
 * (`offices_from`) are the agency's, later ones go round the offices. 0, or the refusal
 * with err; the count written goes to *count. */
int demo_admin_judgments(db_t *db, int64_t agency, const int64_t *offices, int noffices,
                         civil_date_t offices_from, civil_date_t today, int64_t now,
                         op_error_t *err, int *count);

#endif
