/*
 * ops/report_submit.h — locked periods (issue 15): a leader submits a unit's report for a
 * period, stored as it was rendered with its hash and served so forever; the next
 * period's report shows, as its own line, what events recorded since with dates inside
 * the submitted period changed (docs/internals/statistics.md, "Locked periods").
 */
#ifndef THADS_OPS_REPORT_SUBMIT_H
#define THADS_OPS_REPORT_SUBMIT_H

#include "ops/op.h"
#include "store/submissions.h"

#include <jansson.h>

/* The summary of unit_code for [from, to] (category NULL: all) as the API answers it: the
 * lines (core/report.h), "units", and "from", "to", "category". 0 or the refusal. */
int report_op_summary_object(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                             const char *category, json_t **out, op_error_t *err);

/* Submit the report of unit_code for [from, to] by `actor` at `now`: *out (free with
 * submission_free) is what was stored. Refusals: no such unit (OP_NOT_FOUND), submitted
 * already (OP_CONFLICT). */
int report_op_submit(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                     int64_t actor, int64_t now, submission_t *out, op_error_t *err);

/* The hash of a body as stored (BLAKE2b-256 in hex). */
void report_submission_hash(const char *body, char out[SUBMISSION_HASH_HEX]);

/* Add to summary j of unit_id for a period starting on `from` (all categories):
 * "submission" — the submission of exactly this period, if any, and whether today's
 * rendering still matches it; "corrections" — when the period just before was submitted,
 * what its carried-over figure gained since (cases and money of events recorded later
 * with dates inside submitted periods), else null. 0 or -1 (store error, in err). */
int report_op_decorate(db_t *db, int64_t unit_id, civil_date_t from, civil_date_t to, json_t *j,
                       op_error_t *err);

#endif
