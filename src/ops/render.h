/*
 * ops/render.h — the JSON shape of each object, one function per kind, so every
 * endpoint shows a unit or a user the same way.
 */
#ifndef THADS_OPS_RENDER_H
#define THADS_OPS_RENDER_H

#include "core/civil_date.h"
#include "store/units.h"
#include "store/users.h"

#include <jansson.h>

/* "YYYY-MM-DD", or JSON null for CIVIL_DATE_INVALID. */
json_t *render_date(civil_date_t d);
/* unix microseconds as "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC). */
json_t *render_time(int64_t micros);
json_t *render_unit(const unit_row_t *u);
json_t *render_user(const user_row_t *u);
json_t *render_roles(unsigned roles);

#endif
