/*
 * api/schemas_reports.c — the formats of the statistics routes (api/reports.c), declared
 * as api/schemas.c declares the others (http/schema.h; docs/internals/statistics.md).
 */
#include "api/schemas.h"
#include "core/case_kind.h"
#include "core/report.h"
#include "core/unit.h"
#include "ops/report_cases.h"

#include <stdint.h>

#define END                                                                                        \
    {                                                                                              \
        .name = NULL                                                                               \
    }

static const char *category_values(int i)
{
    /* the categories, and the flag that is not one (credit and corruption are both) */
    if (i == CASE_CATEGORY_COUNT)
        return "prisoner";
    return i >= 0 && i < CASE_CATEGORY_COUNT ? case_category_code((case_category_t)i) : NULL;
}

static const char *source_values(int i)
{
    return i >= 0 && i < CASE_SOURCE_COUNT ? case_source_code((case_source_t)i) : NULL;
}

static const char *line_values(int i)
{
    return report_cases_line_code(i);
}

/* ---- query parameters ---- */

#define PERIOD_QUERY                                                                               \
    {.name = "unit",                                                                               \
     .type = SCHEMA_STRING,                                                                        \
     .required = 1,                                                                                \
     .max_len = UNIT_CODE_MAX,                                                                     \
     .doc = "The unit's code: its whole subtree, the tree as it was on `to`"},                     \
        {.name = "from", .type = SCHEMA_DATE, .required = 1, .doc = "First day of the period"},    \
        {.name = "to", .type = SCHEMA_DATE, .required = 1, .doc = "Last day of the period"},       \
    {                                                                                              \
        .name = "category", .type = SCHEMA_STRING, .max_len = 24, .values = category_values,       \
        .doc = "Only cases of this category (docs/import.md codes); credit, corruption and "       \
               "prisoner: the cases with that special flag (THADS.md 5.4; a prisoner's on the "    \
               "days their debtor is held)"                                                        \
    }

const schema_field_t api_reports_summary_query[] = {
    PERIOD_QUERY,
    END,
};

const schema_field_t api_reports_cases_query[] = {
    PERIOD_QUERY,
    {.name = "line",
     .type = SCHEMA_STRING,
     .required = 1,
     .max_len = 24,
     .values = line_values,
     .doc = "The report's key whose cases to list (carried_over, new, completed, ...), or "
            "d1_completed: D1 alone (completed less terminated)"},
    {.name = "source",
     .type = SCHEMA_STRING,
     .max_len = 24,
     .values = source_values,
     .doc = "application: the on-application part alone; ex_officio: the rest"},
    {.name = "after",
     .type = SCHEMA_INTEGER,
     .ranged = 1,
     .min = 1,
     .max = INT64_MAX,
     .doc = "next_after of the page before"},
    {.name = "limit", .type = SCHEMA_INTEGER, .ranged = 1, .min = 1, .max = 500, .doc = "50"},
    END,
};

/* ---- answers ---- */

static const schema_field_t cell_fields[] = {
    {.name = "cases", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "money", .type = SCHEMA_INTEGER, .required = 1, .doc = "Whole đồng"},
    END,
};

#define CELL(n, d)                                                                                 \
    {                                                                                              \
        .name = (n), .type = SCHEMA_OBJECT, .required = 1, .fields = cell_fields, .doc = (d)       \
    }
#define LINES                                                                                      \
    CELL("carried_over", "A1: accepted before the period, open on its eve"),                       \
        CELL("new", "A2: accepted in the period"), CELL("total", "A = A1 + A2"),                   \
        CELL("entrusted_away", "B"), CELL("to_enforce", "C = A - B - returned - revoked"),         \
        CELL("eligible", "D = D1 + ... + D6"), CELL("not_eligible", "E"),                          \
        CELL("completed", "D1 + D2, the published figure"), CELL("terminated", "D2"),              \
        CELL("in_progress", "D3"), CELL("postponed", "D4"), CELL("suspended", "D5"),               \
        CELL("other", "D6: accepted, not yet classified"),                                         \
        CELL("remaining", "F = C - D1 - D2, carried to the next period"),                          \
        {.name = "rate_cases",                                                                     \
         .type = SCHEMA_STRING,                                                                    \
         .required = 1,                                                                            \
         .nullable = 1,                                                                            \
         .doc = "completed / eligible in %, two places, half up (\"85.49\"); null: no base"},      \
    {                                                                                              \
        .name = "rate_money", .type = SCHEMA_STRING, .required = 1, .nullable = 1,                 \
        .doc = "The same in money"                                                                 \
    }

static const schema_field_t part_fields[] = {
    LINES,
    END,
};

/* The special tables (THADS.md 5.4, core/stat_flags.h): each flag's lines. */
static const schema_field_t special_fields[] = {
    {.name = "credit",
     .type = SCHEMA_OBJECT,
     .required = 1,
     .fields = part_fields,
     .doc = "Debts to credit institutions (tín dụng, ngân hàng): the cases with the credit flag"},
    {.name = "corruption",
     .type = SCHEMA_OBJECT,
     .required = 1,
     .fields = part_fields,
     .doc = "Asset recovery in corruption and economic crimes"},
    {.name = "prisoner",
     .type = SCHEMA_OBJECT,
     .required = 1,
     .fields = part_fields,
     .doc = "Civil parts owed by prisoners: a case counts on the days its debtor is held in a "
            "camp (the prison register); one whose debtor entered in the period counts as new "
            "with what it owed then, one whose debtor left leaves to_enforce"},
    END,
};

static const schema_field_t unit_fields[] = {
    {.name = "unit", .type = SCHEMA_STRING, .required = 1, .doc = "The unit's code"},
    {.name = "name", .type = SCHEMA_STRING, .required = 1},
    LINES,
    {.name = "on_application",
     .type = SCHEMA_OBJECT,
     .required = 1,
     .fields = part_fields,
     .doc = "Of which: cases opened on a creditor's application"},
    {.name = "target",
     .type = SCHEMA_OBJECT,
     .nullable = 1,
     .doc = "The child's own target for the reporting year, as the summary's"},
    END,
};
static const schema_field_t a_unit = {
    .type = SCHEMA_OBJECT, .fields = unit_fields, .ref = "ReportUnit"};

static const schema_field_t summary_fields[] = {
    {.name = "unit", .type = SCHEMA_STRING, .required = 1, .doc = "The unit's code"},
    {.name = "name", .type = SCHEMA_STRING, .required = 1},
    {.name = "from", .type = SCHEMA_DATE, .required = 1},
    {.name = "to", .type = SCHEMA_DATE, .required = 1},
    {.name = "category", .type = SCHEMA_STRING, .required = 1, .nullable = 1},
    LINES,
    {.name = "on_application",
     .type = SCHEMA_OBJECT,
     .required = 1,
     .fields = part_fields,
     .doc = "Of which: cases opened on a creditor's application"},
    {.name = "units",
     .type = SCHEMA_ARRAY,
     .required = 1,
     .items = &a_unit,
     .doc = "The same per child unit (the tree on `to`), by code"},
    {.name = "target",
     .type = SCHEMA_OBJECT,
     .nullable = 1,
     .doc = "When the period lies in one reporting year and the unit has a target for it: year, "
            "rate_cases, rate_money (\"83.25\"), diff_cases, diff_money (the rate reached "
            "minus the target in signed percentage points, \"1.85\"; null without a base)"},
    {.name = "previous_year",
     .type = SCHEMA_OBJECT,
     .nullable = 1,
     .doc = "The same period a year earlier: from, to, completed, eligible, rate_cases, "
            "rate_money, and change (completed_cases, completed_money: now minus then; "
            "completed_cases_pct, completed_money_pct: as a percent of then, null when then "
            "was 0; rate_cases_points, rate_money_points)"},
    {.name = "submission",
     .type = SCHEMA_OBJECT,
     .nullable = 1,
     .doc = "This very period as submitted (id, hash, submitted_by, matches: today's rendering "
            "is still the one submitted); absent with a category"},
    {.name = "special",
     .type = SCHEMA_OBJECT,
     .fields = special_fields,
     .doc = "Without a category: the special categories, each as its own table (the same "
            "lines for the unit's subtree, restricted to the cases with the flag; the "
            "drill-down takes category = its key). A case may count in several"},
    {.name = "prisons",
     .type = SCHEMA_OBJECT,
     .doc = "The work with prisons and camps (no category): exchanges sent, done within "
            "their deadline or late, open past it on `to`; money collected at camps and "
            "received from them, in đồng"},
    {.name = "admin_judgments",
     .type = SCHEMA_OBJECT,
     .doc = "The monitoring of administrative judgments (no category), in judgments: "
            "carried_over, new, monitored (their sum), reminded (with a reminder letter by `to`: "
            "the cases), compelled (the court's decisions compelling compliance in the period), "
            "completed (complied with in the period), remaining"},
    {.name = "coercion",
     .type = SCHEMA_OBJECT,
     .doc = "The coercion counts (no category), in coercion decisions (coercion_scheduled; one "
            "decision = one coercion case, THADS.md 5.1): carried_over (decided before `from`, "
            "neither carried out nor paid then), new (decided in the period), total, "
            "paid_voluntarily (the debtor paid after the decision, in the period), "
            "needing_coercion (total - paid_voluntarily), carried_out (in the period), pending "
            "(needing_coercion - carried_out)"},
    {.name = "complaints",
     .type = SCHEMA_OBJECT,
     .doc = "The complaint counts (no category), in complaints (complaint_received): "
            "carried_over (received before `from`, not resolved then), new (received in the "
            "period), total, resolved (complaint_decided in the period), pending (total - "
            "resolved)"},
    {.name = "corrections",
     .type = SCHEMA_OBJECT,
     .nullable = 1,
     .doc = "When the period just before was submitted: what its carried-over figure gained "
            "since (cases, money; events recorded later with dates in submitted periods)"},
    END,
};
const schema_reply_t api_reports_summary_reply = {
    200, 0, summary_fields,
    "The indicator tree of a unit's subtree for a period (THADS.md 5.2); each line's cases are "
    "listed by GET /api/reports/cases with line = its key",
    "400 404 503"};

const schema_reply_t api_reports_summary_xlsx_reply = {
    200, 0, NULL,
    "The same report as the official forms in an .xlsx workbook, one sheet in cases and one in "
    "money (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)",
    "400 404 503"};

static const schema_field_t row_fields[] = {
    {.name = "id", .type = SCHEMA_INTEGER, .required = 1},
    {.name = "case_no", .type = SCHEMA_STRING, .required = 1},
    {.name = "unit", .type = SCHEMA_STRING, .required = 1, .doc = "The case's unit's code"},
    {.name = "category", .type = SCHEMA_STRING, .required = 1},
    {.name = "source", .type = SCHEMA_STRING, .required = 1},
    {.name = "state", .type = SCHEMA_STRING, .required = 1, .doc = "Today's, not the period's"},
    {.name = "cases",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .doc = "What the case adds to the line's cases: 1, or 0 for money alone (a partial "
            "collection)"},
    {.name = "money", .type = SCHEMA_INTEGER, .required = 1, .doc = "Its part of the line's money"},
    END,
};
static const schema_field_t a_row = {.type = SCHEMA_OBJECT, .fields = row_fields};
static const schema_field_t cases_fields[] = {
    {.name = "cases", .type = SCHEMA_ARRAY, .required = 1, .items = &a_row, .doc = "By id"},
    {.name = "next_after",
     .type = SCHEMA_INTEGER,
     .required = 1,
     .nullable = 1,
     .doc = "Pass as ?after for the next page; null on the last"},
    END,
};
const schema_reply_t api_reports_cases_reply = {
    200, 0, cases_fields,
    "A page of the cases a report's number counts: their cases and money add up to it",
    "400 404 503"};
