/*
 * api/report_submissions.c — locked periods (issue 15; ops/report_submit.h):
 *   POST /api/reports/submissions           a leader submits a unit's report for a period
 *   GET  /api/reports/submissions?unit=CODE the unit's submitted reports, newest first
 *   GET  /api/reports/submissions/{id}      one, as it was submitted, its hash checked
 * A unit outside the caller's subtree does not exist for them (404).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/render.h"
#include "ops/report_submit.h"
#include "store/units.h"

#include <string.h>

static json_t *render_submission(const submission_t *s)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:o}", "id", (json_int_t)s->id, "unit",
                     s->unit_code, "from", render_date(s->from), "to", render_date(s->to), "hash",
                     s->hash, "submitted_by",
                     s->submitted_by_name[0] ? json_string(s->submitted_by_name) : json_null(),
                     "submitted_at", render_time(s->submitted_at));
}

/* The unit of code as of `on`, inside the caller's scope: 0 with *u, or the status. */
static int unit_in_scope(http_request_t *req, const char *code, civil_date_t on, unit_row_t *u)
{
    int rc = units_get_by_code(http_db(req), code ? code : "", on, u);

    if (rc == DB_DONE)
        return http_reply_not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return api_scope_unit_now(req, u->id);
}

int api_report_submit(http_request_t *req)
{
    json_t *body;
    submission_t s;
    unit_row_t u;
    op_error_t err;
    civil_date_t from, to;
    int rc;

    if ((body = http_json_request(req)) == NULL)
        return 400;
    from = http_json_date(body, "from");
    to = http_json_date(body, "to");
    if (from > to)
        return http_reply_error(req, 400, "invalid_period", "from",
                                "The period must have a start on or before its end.",
                                "Kỳ báo cáo phải có ngày bắt đầu không sau ngày kết thúc.");
    if (to >= api_today(req))
        return http_reply_error(req, 422, "period_not_over", "to",
                                "Only a period that is over can be submitted.",
                                "Chỉ gửi được báo cáo của kỳ đã kết thúc.");
    if ((rc = unit_in_scope(req, http_json_string(body, "unit"), to, &u)) != 0)
        return rc;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (report_op_submit(http_db(req), u.code, from, to, api_who(req)->user.id, api_now(req), &s,
                         &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201,
                         arena_printf(http_arena(req), "report_submission:%lld", (long long)s.id),
                         "report submitted")) != 0) {
        submission_free(&s);
        return rc;
    }
    json_t *j = json_pack("{s:o, s:o}", "submission", render_submission(&s), "report",
                          json_loads(s.body, 0, NULL));
    submission_free(&s);
    return http_reply_json(req, 201, j);
}

static int collect(const submission_t *s, void *arg)
{
    return json_array_append_new(arg, render_submission(s));
}

int api_report_submissions(http_request_t *req)
{
    unit_row_t u;
    json_t *list;
    int rc = unit_in_scope(req, http_query(req, "unit"), api_today(req), &u);

    if (rc != 0)
        return rc;
    list = http_keep(req, json_array());
    if (submissions_of_unit(http_db(req), u.id, collect, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_pack("{s:O}", "submissions", list));
}

int api_report_submission_get(http_request_t *req)
{
    submission_t s;
    char hash[SUBMISSION_HASH_HEX];
    json_t *j;
    int rc = submission_get(http_db(req), api_path_id(req, "id"), &s);

    if (rc == DB_DONE) {
        api_ctx(req)->denied = 1;
        return http_reply_not_found(req);
    }
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    if ((rc = api_scope_unit_now(req, s.unit_id)) != 0) {
        submission_free(&s);
        return rc;
    }
    report_submission_hash(s.body, hash);
    j = json_pack("{s:o, s:b, s:o}", "submission", render_submission(&s), "hash_ok",
                  strcmp(hash, s.hash) == 0, "report", json_loads(s.body, 0, NULL));
    submission_free(&s);
    return http_reply_json(req, 200, j);
}
