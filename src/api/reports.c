/*
 * api/reports.c — the statistics (issue 15, docs/internals/statistics.md):
 *   GET /api/reports/summary?unit=CODE&from=DATE&to=DATE[&category=C]
 * the indicator tree of a unit's subtree for a period, by the same code as `thads report`
 * (ops/report.c), which sums the statistics deltas and never reads a case. A unit outside
 * the caller's subtree does not exist for them (404).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/report.h"
#include "store/units.h"

#include <stdio.h>
#include <string.h>

/* The unit of ?unit= as of `to`, inside the caller's scope: 0 with *u, or the status
 * answered (404 for no such unit and for one outside the scope). */
static int scoped_unit(http_request_t *req, const char *code, civil_date_t to, unit_row_t *u)
{
    int rc = units_get_by_code(http_db(req), code, to, u);

    if (rc == DB_DONE)
        return http_reply_not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return api_scope_unit_now(req, u->id);
}

/* The period of the query: 0, or 400 answered. Both dates are required and checked as
 * dates by the route's query declaration; a parameter it does not declare is refused. */
static int period(http_request_t *req, civil_date_t *from, civil_date_t *to)
{
    const char *unknown = http_query_unknown(req);

    if (unknown != NULL) {
        char en[160], vi[160];
        snprintf(en, sizeof en, "Unknown parameter '%.64s'.", unknown);
        snprintf(vi, sizeof vi, "Không có tham số '%.64s'.", unknown);
        return http_reply_error(req, 400, "unknown_field", unknown, en, vi);
    }
    *from = http_query_date(req, "from");
    *to = http_query_date(req, "to");
    if (*from > *to)
        return http_reply_error(req, 400, "invalid_period", "from",
                                "The period must have a start on or before its end.",
                                "Kỳ báo cáo phải có ngày bắt đầu không sau ngày kết thúc.");
    return 0;
}

int api_reports_summary(http_request_t *req)
{
    const char *code = http_query(req, "unit"), *category = http_query(req, "category");
    civil_date_t from, to;
    report_summary_t s;
    report_buf_t b = {0};
    op_error_t err;
    unit_row_t u;
    json_t *j;
    char day[16];
    int rc;

    if ((rc = period(req, &from, &to)) != 0 || (rc = scoped_unit(req, code, to, &u)) != 0)
        return rc;
    if (report_op_summary(http_db(req), code, from, to, category, &s, &err) != 0)
        return api_reply_op_error(req, &err);
    rc = report_summary_json(&s, &b);
    report_summary_free(&s);
    j = rc == 0 ? json_loads(b.p, 0, NULL) : NULL;
    report_buf_free(&b);
    if (j == NULL)
        return http_reply_internal(req, "report: out of memory");
    civil_date_format(from, day);
    json_object_set_new(j, "from", json_string(day));
    civil_date_format(to, day);
    json_object_set_new(j, "to", json_string(day));
    json_object_set_new(j, "category", category ? json_string(category) : json_null());
    return http_reply_json(req, 200, j);
}
