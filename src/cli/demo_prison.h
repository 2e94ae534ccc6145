/*
 * cli/demo_prison.h — the prisons' part of `thads demo` (issue 16): some of the demo's
 * debtors held in camps are registered as prisoners by the agency running their case,
 * with exchanges in each state — notices acknowledged, waiting and overdue, money paid
 * at the camp in transit and received, confirmations asked for and issued, hand-overs,
 * verifications and drafts — and one prisoner transferred between prisons.
 */
#ifndef THADS_CLI_DEMO_PRISON_H
#define THADS_CLI_DEMO_PRISON_H

#include "ops/app.h"
#include "ops/op.h"

#include <stdint.h>

/* Inside the demo's transaction. 0, or the refusal with err and *what (the step). The
 * count of prisoners and exchanges written go to *prisoners and *exchanges. */
int demo_prison(db_t *db, const app_t *app, civil_date_t today, int64_t now, op_error_t *err,
                const char **what, int *prisoners, int *exchanges);

#endif
