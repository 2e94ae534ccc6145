/*
 * api/schemas_submissions.c — the formats of the submitted reports' routes
 * (api/report_submissions.c), declared as api/schemas.c declares the others.
 */
#include "api/schemas.h"

#include <stdint.h>

#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }

const schema_field_t api_report_submit_body[] = {
    {.name = "unit", .type = SCHEMA_STRING, .required = 1, .max_len = 32, .doc = "The unit's code"},
    {.name = "from", .type = SCHEMA_DATE, .required = 1},
    {.name = "to",
     .type = SCHEMA_DATE,
     .required = 1,
     .doc = "Before today: a period that is over"},
    END,
};

const schema_field_t api_report_submissions_query[] = {
    {.name = "unit", .type = SCHEMA_STRING, .required = 1, .max_len = 32, .doc = "The unit's code"},
    END,
};

static const schema_field_t submission_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER},
    {.name = "unit", .type = SCHEMA_STRING},
    {.name = "from", .type = SCHEMA_DATE},
    {.name = "to", .type = SCHEMA_DATE},
    {.name = "hash", .type = SCHEMA_STRING, .doc = "BLAKE2b-256 of the report as stored, in hex"},
    {.name = "submitted_by", .type = SCHEMA_STRING, .nullable = 1},
    {.name = "submitted_at", .type = SCHEMA_STRING},
    END,
};
static const schema_field_t a_submission = {
    .type = SCHEMA_OBJECT, .fields = submission_fields, .ref = "ReportSubmission"};

static const schema_field_t submitted_fields[] = {
    {.name = "submission", .type = SCHEMA_OBJECT, .fields = submission_fields},
    {.name = "report",
     .type = SCHEMA_OBJECT,
     .doc = "The summary as it was rendered when submitted (GET /api/reports/summary)"},
    END,
};
const schema_reply_t api_report_submit_reply = {201, 0, submitted_fields, "Submitted",
                                                "400 404 409 422 503"};

static const schema_field_t one_fields[] = {
    {.name = "submission", .type = SCHEMA_OBJECT, .fields = submission_fields},
    {.name = "hash_ok", .type = SCHEMA_BOOLEAN, .doc = "The stored report still has its hash"},
    {.name = "report", .type = SCHEMA_OBJECT, .doc = "As submitted, byte for byte"},
    END,
};
const schema_reply_t api_report_submission_reply = {200, 0, one_fields, "A submitted report",
                                                    "404 503"};

static const schema_field_t list_fields[] = {
    {.name = "submissions", .type = SCHEMA_ARRAY, .items = &a_submission, .doc = "Newest first"},
    END,
};
const schema_reply_t api_report_submissions_reply = {200, 0, list_fields,
                                                     "A unit's submitted reports", "400 404 503"};
