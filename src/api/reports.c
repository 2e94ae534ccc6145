/*
 * api/reports.c — the statistics (issue 15, docs/internals/statistics.md):
 *   GET /api/reports/summary?unit=CODE&from=DATE&to=DATE[&category=C]
 * the indicator tree of a unit's subtree for a period, by the same code as `thads report`
 * (ops/report.c), which sums the statistics deltas and never reads a case. A unit outside
 * the caller's subtree does not exist for them (404).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "core/case_kind.h"
#include "ops/report.h"
#include "ops/report_cases.h"
#include "ops/report_view.h"
#include "ops/report_xlsx.h"
#include "store/cases.h"
#include "store/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    int rc = api_query_refuse_unknown(req);

    *from = http_query_date(req, "from");
    *to = http_query_date(req, "to");
    if (rc != 0)
        return rc;
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
    op_error_t err;
    unit_row_t u;
    json_t *j;
    int rc;

    if ((rc = period(req, &from, &to)) != 0 || (rc = scoped_unit(req, code, to, &u)) != 0)
        return rc;
    if (report_op_view(http_db(req), code, from, to, category, &j, &err) != 0)
        return api_reply_op_error(req, &err);
    return http_reply_json(req, 200, j);
}

/*
 *   GET /api/reports/cases?unit=&from=&to=&line=&category=&source=&after=&limit=
 * the cases a number of the summary counts (ops/report_cases.c), by id, each with what
 * it adds to the number: their cases and money add up to it. A page costs the rows of
 * the subtree's cases it reads, never a scan of the cases table.
 */
int api_reports_cases(http_request_t *req)
{
    const char *code = http_query(req, "unit"), *category = http_query(req, "category");
    const char *src = http_query(req, "source");
    int line = report_cases_line_parse(http_query(req, "line"));
    int source = src ? case_source_parse(src) : REPORT_SOURCE_ANY;
    int64_t after = http_query_int(req, "after", 0), limit = http_query_int(req, "limit", 50);
    civil_date_t from, to;
    report_case_page_t page;
    op_error_t err;
    unit_row_t u;
    json_t *list;
    int rc;

    if ((rc = period(req, &from, &to)) != 0 || (rc = scoped_unit(req, code, to, &u)) != 0)
        return rc;
    if (report_op_cases(http_db(req), code, from, to, (report_line_t)line, category, source, after,
                        (size_t)limit, &page, &err) != 0)
        return api_reply_op_error(req, &err);
    list = http_keep(req, json_array());
    for (size_t i = 0; i < page.n; i++) {
        case_row_t c;
        if (cases_get(http_db(req), page.rows[i].case_id, &c) != DB_ROW) {
            report_case_page_free(&page);
            return http_reply_db_error(req, http_db(req));
        }
        json_array_append_new(list,
                              json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "id",
                                        (json_int_t)c.id, "case_no", c.case_no, "unit", c.unit_code,
                                        "category", c.category, "source", c.source, "state",
                                        c.state, "cases", (json_int_t)page.rows[i].cell.cases,
                                        "money", (json_int_t)page.rows[i].cell.money));
    }
    rc = http_reply_json(req, 200,
                         json_pack("{s:O, s:o}", "cases", list, "next_after",
                                   page.next_after ? json_integer(page.next_after) : json_null()));
    report_case_page_free(&page);
    return rc;
}

/*
 *   GET /api/reports/summary.xlsx?unit=&from=&to=&category=
 * the same report as the official forms (ops/report_xlsx.c). libxlsxwriter writes only
 * to a file: a temporary one, read back and removed at once (a province's report is a
 * few kilobytes).
 */
#define XLSX_MAX_BYTES (16u << 20)

static char *slurp(http_request_t *req, const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && (size_t)n <= XLSX_MAX_BYTES &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = arena_alloc(http_arena(req), (size_t)n)) != NULL &&
        fread(buf, 1, (size_t)n, f) == (size_t)n)
        *len = (size_t)n;
    else
        buf = NULL;
    fclose(f);
    return buf;
}

int api_reports_summary_xlsx(http_request_t *req)
{
    const char *code = http_query(req, "unit"), *category = http_query(req, "category");
    const char *dir = getenv("TMPDIR");
    civil_date_t from, to;
    report_summary_t s;
    op_error_t err;
    unit_row_t u;
    char path[4096], disposition[160], a[16], b[16];
    char *bytes = NULL;
    size_t len = 0;
    int rc, fd;

    if ((rc = period(req, &from, &to)) != 0 || (rc = scoped_unit(req, code, to, &u)) != 0)
        return rc;
    if (report_op_summary(http_db(req), code, from, to, category, &s, &err) != 0)
        return api_reply_op_error(req, &err);
    snprintf(path, sizeof path, "%s/thads-report-XXXXXX", dir && dir[0] ? dir : "/tmp");
    if ((fd = mkstemp(path)) < 0) {
        report_summary_free(&s);
        return http_reply_internal(req, "report.xlsx: no temporary file");
    }
    close(fd);
    if (report_xlsx_write(&s, from, to, category, path) == 0)
        bytes = slurp(req, path, &len);
    unlink(path);
    report_summary_free(&s);
    if (bytes == NULL)
        return http_reply_internal(req, "report.xlsx: writing the workbook");
    civil_date_format(from, a);
    civil_date_format(to, b);
    snprintf(disposition, sizeof disposition, "attachment; filename=\"bao-cao-%s-%s-%s.xlsx\"",
             u.code, a, b);
    http_add_header(req, "Content-Disposition", disposition);
    return http_reply_bytes(
        req, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes, len);
}
