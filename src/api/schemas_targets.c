/*
 * api/schemas_targets.c — the formats of the targets' routes (api/report_targets.c),
 * declared as api/schemas.c declares the others.
 */
#include "api/schemas.h"
#include "core/unit.h"

#include <stdint.h>

#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }

const schema_field_t api_report_target_body[] = {
    {.name = "unit",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = UNIT_CODE_MAX,
     .doc = "The unit's code: a unit below the caller's own"},
    {.name = "year",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .ranged = 1,
     .min = 2000,
     .max = 2200,
     .doc = "The reporting year, named by its end: 2026 = 1 Oct 2025 - 30 Sep 2026"},
    {.name = "rate_cases",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 8,
     .doc = "The completion rate to reach in cases, a percentage with at most two decimals "
            "(\"83.25\")"},
    {.name = "rate_money",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 8,
     .doc = "The same in money (\"46.45\")"},
    END,
};

const schema_field_t api_report_targets_query[] = {
    {.name = "unit",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = UNIT_CODE_MAX,
     .doc = "The unit's code"},
    {.name = "year",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 2000,
     .max = 2200,
     .doc = "The reporting year (default: today's)"},
    END,
};

static const schema_field_t target_fields[] = {
    {.name = "unit", .type = SCHEMA_STRING, .required = 1},
    {.name = "year", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "rate_cases", .type = SCHEMA_STRING, .required = 1, .doc = "\"83.25\""},
    {.name = "rate_money", .type = SCHEMA_STRING, .required = 1},
    {.name = "set_by", .type = SCHEMA_STRING, .required = 1, .nullable = 1},
    END,
};
const schema_reply_t api_report_target_put_reply = {200, 0, target_fields, "The target as set",
                                                    "400 403 404 503"};

static const schema_field_t rates_fields[] = {
    {.name = "rate_cases", .type = SCHEMA_STRING, .required = 1},
    {.name = "rate_money", .type = SCHEMA_STRING, .required = 1},
    {.name = "set_by", .type = SCHEMA_STRING, .required = 1, .nullable = 1},
    END,
};
static const schema_field_t child_fields[] = {
    {.name = "unit", .type = SCHEMA_STRING, .required = 1},
    {.name = "name", .type = SCHEMA_STRING, .required = 1},
    {.name = "target", .type = SCHEMA_OBJECT, .required = 1, .nullable = 1, .fields = rates_fields},
    END,
};
static const schema_field_t a_child = {.type = SCHEMA_OBJECT, .fields = child_fields};
static const schema_field_t targets_fields[] = {
    {.name = "unit", .type = SCHEMA_STRING, .required = 1},
    {.name = "name", .type = SCHEMA_STRING, .required = 1},
    {.name = "year", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "target",
     .type = SCHEMA_OBJECT,
     .required = 1,
     .nullable = 1,
     .fields = rates_fields,
     .doc = "The unit's own target, null when none was set"},
    {.name = "units",
     .type = SCHEMA_ARRAY,
     .required = 1,
     .items = &a_child,
     .doc = "Each child unit's target for the year"},
    END,
};
const schema_reply_t api_report_targets_reply = {
    200, 0, targets_fields, "A unit's target for a reporting year and its child units'",
    "400 404 503"};
