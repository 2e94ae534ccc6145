/*
 * ops/admin_judgment_ops.h — the monitoring of administrative judgments (issue 15;
 * THADS.md 5.4; core/admin_judgment.h): registering a judgment the agency follows and
 * recording its steps. Each operation writes inside the caller's transaction; the caller
 * audits.
 */
#ifndef THADS_OPS_ADMIN_JUDGMENT_OPS_H
#define THADS_OPS_ADMIN_JUDGMENT_OPS_H

#include "core/admin_judgment.h"
#include "ops/op.h"
#include "store/admin_judgments.h"

#define AJ_NO_MAX      30  /* characters of a judgment's or a document's number */
#define AJ_COURT_MAX   100 /* of a court's name */
#define AJ_PARTY_MAX   200 /* of the body that must comply, of the applicant */
#define AJ_CONTENT_MAX 500 /* of what must be done, of a note */

typedef struct {
    int64_t unit_id; /* the monitoring agency: the caller's unit or one below it */
    const char *judgment_no, *court, *respondent, *applicant, *content;
    civil_date_t judgment_date, received_on;
} aj_input_t;

/* Register a judgment for monitoring. Refusals: texts (OP_INVALID), dates in the future or
 * received before the judgment (OP_UNPROCESSABLE), the unit has it already (OP_CONFLICT). */
int aj_op_register(db_t *db, const aj_input_t *in, int64_t actor, civil_date_t today, int64_t now,
                   int64_t *id, op_error_t *err);

/* Record step `step` (aj_step_parse; -1 is refused) of judgment id on `on`, with its
 * document's number and a note (both optional; a note is required for AJ_STEP_NOTE).
 * Refusals: no such judgment (OP_NOT_FOUND), dates (OP_UNPROCESSABLE), complied with
 * already or compelled twice (OP_CONFLICT). */
int aj_op_step(db_t *db, int64_t id, int step, civil_date_t on, const char *document_no,
               const char *note, int64_t actor, civil_date_t today, int64_t now, op_error_t *err);

#endif
