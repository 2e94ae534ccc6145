/*
 * api/report_targets.c — annual targets (issue 15; ops/report_target.h):
 *   PUT /api/reports/targets            {unit, year, rate_cases, rate_money}
 *   GET /api/reports/targets?unit=&year=
 * A target is set by a leader of a unit above the unit (one holding case.assign in an
 * ancestor): a unit outside the caller's subtree does not exist for them (404), and their
 * own unit's target is not theirs to set (403).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/report_target.h"
#include "store/units.h"

#include <stdio.h>
#include <string.h>

/* The unit of code today, inside the caller's scope: 0 with *u, or the status. */
static int target_unit(http_request_t *req, const char *code, unit_row_t *u)
{
    int rc = units_get_by_code(http_db(req), code ? code : "", api_today(req), u);

    if (rc == DB_DONE)
        return http_reply_not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return api_scope_unit_now(req, u->id);
}

static json_t *render_target(const unit_row_t *u, const target_row_t *t)
{
    char c[32], m[32];

    report_bp_format(t->rate_cases_bp, c);
    report_bp_format(t->rate_money_bp, m);
    return json_pack("{s:s, s:i, s:s, s:s, s:o}", "unit", u->code, "year", t->year, "rate_cases", c,
                     "rate_money", m, "set_by",
                     t->set_by_name[0] ? json_string(t->set_by_name) : json_null());
}

int api_report_target_put(http_request_t *req)
{
    json_t *body;
    unit_row_t u;
    target_row_t t;
    op_error_t err;
    int64_t cases_bp, money_bp;
    int year, rc;

    if ((body = http_json_request(req)) == NULL)
        return 400;
    year = (int)http_json_int(body, "year");
    if (report_bp_parse(http_json_string(body, "rate_cases"), 10000, &cases_bp) != 0)
        return http_reply_error(req, 400, "invalid_rate", "rate_cases",
                                "A target rate is a percentage from 0 to 100 with at most two "
                                "decimals, as a string (\"83.25\").",
                                "Chỉ tiêu là tỷ lệ phần trăm từ 0 đến 100, tối đa hai chữ số "
                                "thập phân, dạng chuỗi (\"83.25\").");
    if (report_bp_parse(http_json_string(body, "rate_money"), 10000, &money_bp) != 0)
        return http_reply_error(req, 400, "invalid_rate", "rate_money",
                                "A target rate is a percentage from 0 to 100 with at most two "
                                "decimals, as a string (\"46.45\").",
                                "Chỉ tiêu là tỷ lệ phần trăm từ 0 đến 100, tối đa hai chữ số "
                                "thập phân, dạng chuỗi (\"46.45\").");
    if ((rc = target_unit(req, http_json_string(body, "unit"), &u)) != 0)
        return rc;
    if (u.id == api_who(req)->user.unit_id) {
        return http_reply_error(req, 403, "own_unit_target", "unit",
                                "A unit's target is set by the unit above it.",
                                "Chỉ tiêu của đơn vị do đơn vị cấp trên giao.");
    }
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (report_op_target_put(http_db(req), u.id, year, cases_bp, money_bp, api_who(req)->user.id,
                             api_now(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 200, arena_printf(http_arena(req), "unit:%lld", (long long)u.id),
                         arena_printf(http_arena(req), "target %d: %s%% cases, %s%% money", year,
                                      http_json_string(body, "rate_cases"),
                                      http_json_string(body, "rate_money")))) != 0)
        return rc;
    if (target_get(http_db(req), u.id, year, &t) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, render_target(&u, &t));
}

static json_t *target_or_null(http_request_t *req, int64_t unit_id, int year, int *failed)
{
    target_row_t t;
    char c[32], m[32];
    int rc = target_get(http_db(req), unit_id, year, &t);

    if (rc == DB_DONE)
        return json_null();
    if (rc != DB_ROW) {
        *failed = 1;
        return json_null();
    }
    report_bp_format(t.rate_cases_bp, c);
    report_bp_format(t.rate_money_bp, m);
    return json_pack("{s:s, s:s, s:o}", "rate_cases", c, "rate_money", m, "set_by",
                     t.set_by_name[0] ? json_string(t.set_by_name) : json_null());
}

typedef struct {
    http_request_t *req;
    json_t *list;
    int year, failed;
} children_t;

static int add_child(const unit_row_t *u, int depth, void *arg)
{
    children_t *c = arg;

    if (depth != 1)
        return 0;
    json_array_append_new(c->list,
                          json_pack("{s:s, s:s, s:o}", "unit", u->code, "name", u->name_vi,
                                    "target", target_or_null(c->req, u->id, c->year, &c->failed)));
    return 0;
}

int api_report_target_get(http_request_t *req)
{
    unit_row_t u;
    int64_t year = http_query_int(req, "year", report_year_of(api_today(req)));
    int rc = target_unit(req, http_query(req, "unit"), &u), failed = 0;
    children_t c = {.req = req, .year = (int)year};
    json_t *own;

    if (rc != 0)
        return rc;
    own = http_keep(req, target_or_null(req, u.id, (int)year, &failed));
    c.list = http_keep(req, json_array());
    if (failed || units_list_subtree(http_db(req), u.id, api_today(req), add_child, &c) != DB_OK ||
        c.failed)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200,
                           json_pack("{s:s, s:s, s:i, s:O, s:O}", "unit", u.code, "name", u.name_vi,
                                     "year", (int)year, "target", own, "units", c.list));
}
