/*
 * ops/report_cases.c — the drill-down (ops/report_cases.h).
 *
 * The rows of the subtree's cases come in case order; each case's rows are summed into a
 * report_sums_t of its own and turned into the indicator tree by report_from_sums, as the
 * report turns the sums of all of them: every line is a sum or difference of bucket sums,
 * so the cases' lines add up to the report's. A case is listed when it adds something to
 * the line (cases or money). The lines that are flows in the period (new, entrusted away,
 * completed, terminated) need only the period's rows; the others read the rows up to its
 * end.
 */
#include "ops/report_cases.h"
#include "core/case_kind.h"
#include "ops/report.h"
#include "store/report.h"
#include "store/units.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    report_case_page_t *page;
    report_line_t line;
    civil_date_t from;
    int source;
    size_t limit;
    int64_t case_id; /* the case being summed; 0 before the first row */
    report_sums_t sums;
    int moves; /* report_sums_t.moves */
    int nomem, more;
} walk_t;

/* The case summed so far: listed if it counts. 0 to go on, 1 when the page is full and
 * another case counts (so there is a next page), -1 out of memory. */
static int finish_case(walk_t *w)
{
    report_t r;
    report_cell_t cell;
    report_case_t *rows;

    if (w->case_id == 0)
        return 0;
    report_from_sums(&w->sums, &r);
    memset(&w->sums, 0, sizeof w->sums);
    w->sums.moves = w->moves;
    cell = w->line == REPORT_LINE_D1
               ? (report_cell_t){r.line[REPORT_COMPLETED].cases - r.line[REPORT_TERMINATED].cases,
                                 r.line[REPORT_COMPLETED].money - r.line[REPORT_TERMINATED].money}
               : r.line[w->line];
    if (cell.cases == 0 && cell.money == 0)
        return 0;
    if (w->page->n == w->limit)
        return 1;
    rows = realloc(w->page->rows, (w->page->n + 1) * sizeof *rows);
    if (rows == NULL)
        return -1;
    w->page->rows = rows;
    rows[w->page->n++] = (report_case_t){w->case_id, cell};
    return 0;
}

static int keep_delta(int64_t case_id, const char *bucket, civil_date_t day, int64_t cases,
                      int64_t amount_vnd, void *arg)
{
    walk_t *w = arg;
    int app = strncmp(bucket, "app:", 4) == 0;

    if (case_id != w->case_id) {
        int rc = finish_case(w);
        if (rc != 0) {
            w->nomem = rc < 0;
            w->more = rc > 0;
            return 1;
        }
        w->case_id = case_id;
    }
    if (w->source == CASE_SOURCE_EX_OFFICIO && app)
        return 0;
    if (day < w->from)
        report_sums_add(&w->sums, bucket, w->source == CASE_SOURCE_APPLICATION, cases, amount_vnd,
                        cases, amount_vnd);
    else
        report_sums_add(&w->sums, bucket, w->source == CASE_SOURCE_APPLICATION, 0, 0, cases,
                        amount_vnd);
    return 0;
}

int report_cases_line_parse(const char *code)
{
    for (int i = 0; code != NULL && report_cases_line_code(i) != NULL; i++)
        if (strcmp(report_cases_line_code(i), code) == 0)
            return i;
    return -1;
}

const char *report_cases_line_code(int i)
{
    if (i == (int)REPORT_LINE_D1)
        return "d1_completed";
    return i >= 0 && i < REPORT_LINE_COUNT ? report_line_code((report_line_t)i) : NULL;
}

int report_op_cases(db_t *db, const char *unit_code, civil_date_t from, civil_date_t to,
                    report_line_t line, const char *category, int source, int64_t after,
                    size_t limit, report_case_page_t *out, op_error_t *err)
{
    walk_t w = {.page = out, .line = line, .from = from, .source = source, .limit = limit};
    int flow = line == REPORT_NEW || line == REPORT_ENTRUSTED_AWAY || line == REPORT_COMPLETED ||
               line == REPORT_TERMINATED || line == REPORT_LINE_D1;
    unit_row_t u;
    int rc;

    memset(out, 0, sizeof *out);
    if (from == CIVIL_DATE_INVALID || to == CIVIL_DATE_INVALID || from > to)
        return op_fail(err, OP_INVALID, "invalid_period", "from",
                       "The period must have a start on or before its end",
                       "Kỳ báo cáo phải có ngày bắt đầu không sau ngày kết thúc");
    if ((unsigned)line > (unsigned)REPORT_LINE_D1)
        return op_fail(err, OP_INVALID, "invalid_value", "line", "No such line of the report",
                       "Báo cáo không có chỉ tiêu này");
    if (limit < 1 || limit > REPORT_CASES_LIMIT_MAX)
        return op_fail(err, OP_INVALID, "invalid_value", "limit", "A page holds 1 to 500 cases",
                       "Một trang có từ 1 đến 500 việc");
    rc = units_get_by_code(db, unit_code, to, &u);
    if (rc == DB_DONE)
        return op_fail(err, OP_NOT_FOUND, "not_found", "unit", "No such unit",
                       "Không có đơn vị này");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    w.moves = w.sums.moves = report_filter_moves(report_filter_of(category));
    rc = report_case_deltas(db, u.id, from, to, flow, report_filter_of(category), after, keep_delta,
                            &w);
    if (rc == DB_OK && !w.nomem && !w.more) { /* the last case */
        int last = finish_case(&w);
        w.nomem = last < 0;
        w.more = last > 0;
    }
    if (rc != DB_OK || w.nomem) {
        report_case_page_free(out);
        return rc != DB_OK ? op_fail_db(err, db) : op_fail_nomem(err);
    }
    out->next_after = w.more && out->n > 0 ? out->rows[out->n - 1].case_id : 0;
    return 0;
}

void report_case_page_free(report_case_page_t *p)
{
    free(p->rows);
    *p = (report_case_page_t){0};
}
