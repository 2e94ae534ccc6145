/*
 * api/schemas_admin_judgments.c — the formats of the routes of administrative judgments
 * (api/admin_judgments.c), declared as api/schemas.c declares the others (http/schema.h).
 */
#include "api/schemas.h"
#include "core/admin_judgment.h"
#include "ops/admin_judgment_ops.h"

#include <stdint.h>

#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }
#define ID_RANGE .ranged = 1, .min = 1, .max = INT64_MAX

static const char *step_values(int i)
{
    return i >= 0 && i < AJ_STEP_COUNT ? aj_step_code((aj_step_t)i) : NULL;
}

const schema_field_t api_admin_judgment_body[] = {
    {.name = "unit_id",
     .type = SCHEMA_INTEGER,
     ID_RANGE,
     .doc = "The monitoring agency, in my subtree (default: my unit)"},
    {.name = "judgment_no", .type = SCHEMA_STRING, .required = 1, .max_len = AJ_NO_MAX},
    {.name = "judgment_date", .type = SCHEMA_DATE, .required = 1},
    {.name = "court", .type = SCHEMA_STRING, .required = 1, .max_len = AJ_COURT_MAX},
    {.name = "respondent",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = AJ_PARTY_MAX,
     .doc = "The administrative body that must comply"},
    {.name = "applicant",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = AJ_PARTY_MAX,
     .doc = "Who won the judgment"},
    {.name = "content",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = AJ_CONTENT_MAX,
     .doc = "What must be done, as the judgment says it"},
    {.name = "received_on",
     .type = SCHEMA_DATE,
     .required = 1,
     .doc = "The day the judgment was received for monitoring"},
    END,
};

const schema_field_t api_admin_judgment_step_body[] = {
    {.name = "kind",
     .type = SCHEMA_STRING,
     .required = 1,
     .values = step_values,
     .doc = "reminded: a reminder letter; compelled: the court's decision compelling "
            "compliance; completed: complied with (ends the monitoring); note"},
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "document_no", .type = SCHEMA_STRING, .max_len = AJ_NO_MAX},
    {.name = "note",
     .type = SCHEMA_STRING,
     .max_len = AJ_CONTENT_MAX,
     .doc = "Required for a note"},
    END,
};

const schema_field_t api_admin_judgments_query[] = {
    {.name = "unit_id", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "A unit of my subtree"},
    {.name = "monitored",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 0,
     .max = 1,
     .doc = "1: only those not complied with yet"},
    {.name = "before", .type = SCHEMA_INTEGER, ID_RANGE, .doc = "The page after next_before"},
    {.name = "limit", .type = SCHEMA_INTEGER, .ranged = 1, .min = 1, .max = 200},
    END,
};

static const schema_field_t unit_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "code", .type = SCHEMA_STRING, .required = 1},
    {.name = "name_vi", .type = SCHEMA_STRING, .required = 1},
    END,
};

#define JUDGMENT_FIELDS                                                                            \
    {.name = "id", .type = SCHEMA_INTEGER, .required = 1},                                         \
        {.name = "unit", .type = SCHEMA_OBJECT, .required = 1, .fields = unit_fields},             \
        {.name = "judgment_no", .type = SCHEMA_STRING, .required = 1},                             \
        {.name = "judgment_date", .type = SCHEMA_DATE, .required = 1},                             \
        {.name = "court", .type = SCHEMA_STRING, .required = 1},                                   \
        {.name = "respondent", .type = SCHEMA_STRING, .required = 1},                              \
        {.name = "applicant", .type = SCHEMA_STRING, .required = 1},                               \
        {.name = "content", .type = SCHEMA_STRING, .required = 1},                                 \
        {.name = "received_on", .type = SCHEMA_DATE, .required = 1},                               \
        {.name = "reminded_on",                                                                    \
         .type = SCHEMA_DATE,                                                                      \
         .required = 1,                                                                            \
         .nullable = 1,                                                                            \
         .doc = "The first reminder letter: from then it counts as a case"},                       \
        {.name = "compelled_on", .type = SCHEMA_DATE, .required = 1, .nullable = 1},               \
        {.name = "completed_on", .type = SCHEMA_DATE, .required = 1, .nullable = 1},               \
    {                                                                                              \
        .name = "monitored", .type = SCHEMA_BOOLEAN, .required = 1, .doc = "Not complied with yet" \
    }

static const schema_field_t judgment_fields[] = {JUDGMENT_FIELDS, END};
static const schema_field_t a_judgment = {.type = SCHEMA_OBJECT, .fields = judgment_fields};

static const schema_field_t step_fields[] = {
    {.name = "seq", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "kind", .type = SCHEMA_STRING, .required = 1, .values = step_values},
    {.name = "kind_vi", .type = SCHEMA_STRING, .required = 1},
    {.name = "occurred_on", .type = SCHEMA_DATE, .required = 1},
    {.name = "document_no", .type = SCHEMA_STRING, .required = 1, .nullable = 1},
    {.name = "note", .type = SCHEMA_STRING, .required = 1, .nullable = 1},
    {.name = "recorded_by", .type = SCHEMA_STRING, .required = 1, .nullable = 1},
    {.name = "recorded_at", .type = SCHEMA_DATETIME, .required = 1},
    END,
};
static const schema_field_t a_step = {.type = SCHEMA_OBJECT, .fields = step_fields};

static const schema_field_t detail_fields[] = {
    JUDGMENT_FIELDS,
    {.name = "steps", .type = SCHEMA_ARRAY, .required = 1, .items = &a_step},
    END,
};
const schema_reply_t api_admin_judgment_reply = {
    200, 201, detail_fields, "The judgment with its steps, in order", "404 409 422 503"};

static const schema_field_t list_fields[] = {
    {.name = "items", .type = SCHEMA_ARRAY, .required = 1, .items = &a_judgment},
    {.name = "next_before",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .nullable = 1,
     .doc = "Pass as before for the next page; null on the last"},
    END,
};
const schema_reply_t api_admin_judgments_reply = {
    200, 0, list_fields, "Judgments of the subtree, newest first", "404 503"};
