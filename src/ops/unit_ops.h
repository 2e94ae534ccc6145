/*
 * ops/unit_ops.h — changes to the organization tree, with their rules. Shared by the
 * API (api/units.c), `thads unit ...` and `thads import units`. Each runs inside the
 * caller's transaction and writes the unit's dated event; the caller audits.
 *
 * Dates: valid_from is the first day a unit exists, valid_to (and a close's `on`) the
 * last; a move's `on` is the first day under the new parent.
 */
#ifndef THADS_OPS_UNIT_OPS_H
#define THADS_OPS_UNIT_OPS_H

#include "ops/op.h"
#include "core/civil_date.h"
#include "store/db.h"

#include <stdint.h>

typedef struct {
    const char *code, *name_vi, *kind;
    int64_t parent_id; /* 0: a root (only a ministry may be one) */
    civil_date_t valid_from;
    civil_date_t valid_to; /* CIVIL_DATE_INVALID: open-ended */
} unit_input_t;

/* Refusals: OP_INVALID: invalid fields; OP_NOT_FOUND: parent missing; OP_CONFLICT: duplicate code;
 * OP_UNPROCESSABLE: parent not valid on valid_from, or closing before the unit would. */
int unit_op_create(db_t *db, const unit_input_t *in, int64_t actor, int64_t now, int64_t *id,
                   op_error_t *err);
/* Refusals: OP_NOT_FOUND: unit or new parent missing; OP_CONFLICT: cycle, or a move dated on or
 * before the unit's last move; OP_UNPROCESSABLE: unit or parent not valid on `on`. */
int unit_op_move(db_t *db, int64_t id, int64_t new_parent, civil_date_t on, int64_t actor,
                 int64_t now, op_error_t *err);
/* Refusals: OP_NOT_FOUND; OP_CONFLICT: children or active users still attached, or already closed;
 * OP_UNPROCESSABLE: `on` before the unit began, successor not valid the day after. */
int unit_op_close(db_t *db, int64_t id, civil_date_t on, int64_t successor_id, int64_t actor,
                  int64_t now, op_error_t *err);
/* Refusals: OP_INVALID: a bad name; OP_NOT_FOUND; OP_CONFLICT: closed. */
int unit_op_rename(db_t *db, int64_t id, const char *name_vi, civil_date_t on, int64_t actor,
                   int64_t now, op_error_t *err);
/* Set how notifications reach the unit (store/outbox.h): email, fax number, email-to-fax
 * gateway; NULL or "" clears one. Refusals: OP_INVALID naming the field (invalid_email,
 * invalid_fax, invalid_fax_gateway); OP_NOT_FOUND. Writes the event "contact". */
int unit_op_set_contact(db_t *db, int64_t id, const char *email, const char *fax,
                        const char *fax_gateway, civil_date_t today, int64_t actor, int64_t now,
                        op_error_t *err);

#endif
