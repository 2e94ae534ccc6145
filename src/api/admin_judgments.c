/*
 * api/admin_judgments.c — the monitoring of administrative judgments (issue 15; THADS.md
 * 5.4; ops/admin_judgment_ops.h):
 *   GET  /api/admin-judgments?unit_id=&monitored=&before=&limit=
 *   POST /api/admin-judgments               register a judgment for monitoring
 *   GET  /api/admin-judgments/{id}          with its steps
 *   POST /api/admin-judgments/{id}/steps    a reminder letter, the court's decision
 *                                           compelling compliance, compliance, a note
 * A judgment belongs to its monitoring unit: outside the caller's subtree it does not
 * exist for them (404), as a case.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/admin_judgment_ops.h"
#include "ops/render.h"

static json_t *render_judgment(const aj_row_t *j)
{
    return json_pack("{s:I, s:{s:I, s:s, s:s}, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:o, s:o, "
                     "s:o, s:b}",
                     "id", (json_int_t)j->id, "unit", "id", (json_int_t)j->unit_id, "code",
                     j->unit_code, "name_vi", j->unit_name, "judgment_no", j->judgment_no,
                     "judgment_date", render_date(j->judgment_date), "court", j->court,
                     "respondent", j->respondent, "applicant", j->applicant, "content", j->content,
                     "received_on", render_date(j->received_on), "reminded_on",
                     render_date(j->reminded_on), "compelled_on", render_date(j->compelled_on),
                     "completed_on", render_date(j->completed_on), "monitored",
                     j->completed_on == CIVIL_DATE_INVALID);
}

static json_t *opt_text(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

static int collect_step(const aj_step_row_t *s, void *arg)
{
    int kind = aj_step_parse(s->kind);

    return json_array_append_new(
        arg, json_pack("{s:i, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "seq", s->seq, "kind", s->kind,
                       "kind_vi", aj_step_vi((aj_step_t)kind), "occurred_on",
                       render_date(s->occurred_on), "document_no", opt_text(s->document_no), "note",
                       opt_text(s->note), "recorded_by", opt_text(s->recorded_by_name),
                       "recorded_at", render_time(s->recorded_at)));
}

/* The judgment id, if the caller may see it: 0 with *j, or the status answered. */
static int judgment_in_scope(http_request_t *req, int64_t id, aj_row_t *j)
{
    int rc = id > 0 ? aj_get(http_db(req), id, j) : DB_DONE;

    if (rc == DB_DONE)
        return http_reply_not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return api_scope_unit_now(req, j->unit_id);
}

static int reply_judgment(http_request_t *req, int status, int64_t id)
{
    aj_row_t j;
    json_t *out, *steps;

    if (aj_get(http_db(req), id, &j) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    out = http_keep(req, render_judgment(&j));
    steps = json_array();
    json_object_set_new(out, "steps", steps);
    if (aj_steps(http_db(req), id, collect_step, steps) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, status, json_incref(out));
}

static int collect_judgment(const aj_row_t *j, void *arg)
{
    return json_array_append_new(arg, render_judgment(j));
}

int api_admin_judgments_list(http_request_t *req)
{
    int64_t limit = http_query_int(req, "limit", 50);
    aj_filter_t f = {.root = http_query_int(req, "unit_id", api_who(req)->user.unit_id),
                     .day = api_today(req),
                     .monitored = (int)http_query_int(req, "monitored", 0),
                     .before = http_query_int(req, "before", 0),
                     .limit = (int)limit + 1};
    json_t *list = http_keep(req, json_array());
    json_t *next = json_null();
    int rc;

    if ((rc = api_scope_unit_now(req, f.root)) != 0)
        return rc;
    if (aj_list(http_db(req), &f, collect_judgment, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    if (json_array_size(list) > (size_t)limit) { /* one more than asked: there is a next page */
        json_array_remove(list, (size_t)limit);
        next = json_object_get(json_array_get(list, (size_t)limit - 1), "id");
        json_incref(next);
    }
    return http_reply_json(req, 200, json_pack("{s:O, s:o}", "items", list, "next_before", next));
}

int api_admin_judgments_create(http_request_t *req)
{
    json_t *body;
    aj_input_t in;
    op_error_t err;
    int64_t id;
    int rc;

    if ((body = http_json_request(req)) == NULL)
        return 400;
    in = (aj_input_t){.unit_id = http_json_int(body, "unit_id"),
                      .judgment_no = http_json_string(body, "judgment_no"),
                      .judgment_date = http_json_date(body, "judgment_date"),
                      .court = http_json_string(body, "court"),
                      .respondent = http_json_string(body, "respondent"),
                      .applicant = http_json_string(body, "applicant"),
                      .content = http_json_string(body, "content"),
                      .received_on = http_json_date(body, "received_on")};
    if (in.unit_id == 0)
        in.unit_id = api_who(req)->user.unit_id;
    if ((rc = api_scope_unit_now(req, in.unit_id)) != 0)
        return rc;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (aj_op_register(http_db(req), &in, api_who(req)->user.id, api_today(req), api_now(req), &id,
                       &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(
             req, 201, arena_printf(http_arena(req), "admin_judgment:%lld", (long long)id),
             arena_printf(http_arena(req), "registered judgment %s", in.judgment_no))) != 0)
        return rc;
    return reply_judgment(req, 201, id);
}

int api_admin_judgments_get(http_request_t *req)
{
    aj_row_t j;
    int64_t id = api_path_id(req, "id");
    int rc = id > 0 ? judgment_in_scope(req, id, &j) : 404;

    return rc != 0 ? rc : reply_judgment(req, 200, id);
}

int api_admin_judgments_step(http_request_t *req)
{
    aj_row_t j;
    json_t *body;
    op_error_t err;
    int64_t id = api_path_id(req, "id");
    int rc = id > 0 ? judgment_in_scope(req, id, &j) : 404;
    const char *kind;

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    kind = http_json_string(body, "kind");
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (aj_op_step(http_db(req), id, aj_step_parse(kind), http_json_date(body, "occurred_on"),
                   http_json_string(body, "document_no"), http_json_string(body, "note"),
                   api_who(req)->user.id, api_today(req), api_now(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201,
                         arena_printf(http_arena(req), "admin_judgment:%lld", (long long)id),
                         kind)) != 0)
        return rc;
    return reply_judgment(req, 201, id);
}
