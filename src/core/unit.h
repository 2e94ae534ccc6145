/*
 * core/unit.h — organizational units: the kinds there are and what makes a unit's
 * fields valid. THADS.md 1.1 and 9: a tree of units with validity dates.
 */
#ifndef THADS_CORE_UNIT_H
#define THADS_CORE_UNIT_H

#include "core/civil_date.h"

#include <stddef.h>

#define UNIT_CODE_MAX 32  /* characters: A-Z, 0-9, '-', '_', '.' */
#define UNIT_NAME_MAX 200 /* characters */

typedef struct {
    const char *code; /* stable, as in CSV imports and the API */
    const char *name_vi;
    int enforcement; /* an enforcement body: cases can belong to it */
    int custody;     /* holds people: prison or detention camp */
    const char *name_en;
} unit_kind_t;

/* The kind for a code, or NULL. */
const unit_kind_t *unit_kind_find(const char *code);
/* All kinds, ending with a NULL code. */
const unit_kind_t *unit_kinds(void);

typedef enum {
    UNIT_OK = 0,
    UNIT_BAD_CODE,
    UNIT_BAD_NAME,
    UNIT_BAD_KIND,
    UNIT_BAD_DATES, /* valid_to before valid_from */
} unit_check_t;

/* Check the fields of a new unit. valid_to may be CIVIL_DATE_INVALID (open-ended).
 * On failure *field names the offending field ("code", "name_vi", "kind", "valid_to"). */
unit_check_t unit_check(const char *code, const char *name_vi, const char *kind,
                        civil_date_t valid_from, civil_date_t valid_to, const char **field);
/* English and Vietnamese reason for a failed check. */
const char *unit_check_en(unit_check_t c);
const char *unit_check_vi(unit_check_t c);

/* The date at which to judge where a unit sits in the tree: today, or its last day
 * if it has closed, or its first day if it has not opened yet. */
civil_date_t unit_scope_date(civil_date_t today, civil_date_t valid_from, civil_date_t valid_to);

#endif
