/*
 * api/units.c — the organization tree over HTTP. Reads show the caller's subtree;
 * changes need unit.admin and both ends (the unit, its new parent or successor)
 * inside the caller's subtree. The rules themselves are in api/unit_ops.c.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/render.h"
#include "ops/unit_ops.h"
#include "store/units.h"

#include <stdio.h>
#include <string.h>

static civil_date_t date_field(json_t *body, const char *name)
{
    civil_date_t d = CIVIL_DATE_INVALID;
    const char *s = json_string_value(json_object_get(body, name));

    if (s != NULL && civil_date_parse(s, &d) != 0)
        d = CIVIL_DATE_INVALID;
    return d;
}

static char *object_of(http_request_t *req, int64_t id)
{
    return arena_printf(http_arena(req), "unit:%lld", (long long)id);
}

/* Load the unit of path parameter {id} if it is in scope; 0 or the status answered. */
static int load_in_scope(http_request_t *req, unit_row_t *u)
{
    int64_t id = api_path_id(req, "id");
    int rc;

    if (id == 0)
        return 404;
    api_ctx(req)->object = object_of(req, id);
    if ((rc = api_scope_unit_now(req, id)) != 0)
        return rc;
    rc = units_get(http_db(req), id, api_today(req), u);
    return rc == DB_ROW ? 0 : http_reply_db_error(req, http_db(req));
}

static int collect(const unit_row_t *u, int depth, void *arg)
{
    json_t *j = render_unit(u);

    json_object_set_new(j, "depth", json_integer(depth));
    return json_array_append_new(arg, j);
}

int api_units_list(http_request_t *req)
{
    const char *at_arg = http_query(req, "at");
    civil_date_t at = api_today(req);
    json_t *list;

    if (at_arg != NULL && civil_date_parse(at_arg, &at) != 0)
        return http_reply_error(req, 400, "invalid_date", "at", "Must be a date YYYY-MM-DD.",
                                "Phải là ngày dạng YYYY-MM-DD.");
    list = http_keep(req, json_array());
    if (units_list_subtree(http_db(req), api_who(req)->user.unit_id, at, collect, list) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_pack("{s:o, s:O}", "at", render_date(at), "units", list));
}

static int collect_children(const unit_row_t *u, int depth, void *arg)
{
    return depth == 1 ? json_array_append_new(arg, render_unit(u)) : 0;
}

static int collect_event(const unit_event_row_t *e, void *arg)
{
    json_error_t jerr;
    json_t *detail = json_loads(e->detail, 0, &jerr);

    return json_array_append_new(
        arg, json_pack("{s:I, s:s, s:o, s:o, s:o}", "id", (json_int_t)e->id, "kind", e->kind,
                       "occurred_on", render_date(e->occurred_on), "detail",
                       detail ? detail : json_null(), "recorded_at", render_time(e->recorded_at)));
}

int api_units_get(http_request_t *req)
{
    unit_row_t u;
    json_t *j, *children, *events;
    db_t *db = http_db(req);
    int rc = load_in_scope(req, &u);

    if (rc != 0)
        return rc;
    j = http_keep(req, render_unit(&u));
    children = json_array();
    events = json_array();
    json_object_set_new(j, "children", children);
    json_object_set_new(j, "events", events);
    if (units_list_subtree(db, u.id, api_today(req), collect_children, children) != DB_OK ||
        units_events(db, u.id, collect_event, events) != DB_OK)
        return http_reply_db_error(req, db);
    return http_reply_json(req, 200, json_incref(j));
}

static const json_field_t create_fields[] = {
    {"code", JF_STRING, 1, UNIT_CODE_MAX},
    {"name_vi", JF_STRING, 1, UNIT_NAME_MAX},
    {"kind", JF_STRING, 1, 32},
    {"parent_id", JF_INT, 1, 0},
    {"valid_from", JF_DATE, 1, 0},
    {"valid_to", JF_DATE, 0, 0},
    {NULL, 0, 0, 0},
};

int api_units_create(http_request_t *req)
{
    json_t *body = http_json_body(req);
    unit_input_t in;
    unit_row_t u;
    op_error_t err;
    int64_t id;
    int rc;

    if (body == NULL || http_json_check(req, body, create_fields) != 0)
        return 400;
    in = (unit_input_t){
        .code = json_string_value(json_object_get(body, "code")),
        .name_vi = json_string_value(json_object_get(body, "name_vi")),
        .kind = json_string_value(json_object_get(body, "kind")),
        .parent_id = json_integer_value(json_object_get(body, "parent_id")),
        .valid_from = date_field(body, "valid_from"),
        .valid_to = date_field(body, "valid_to"),
    };
    if (in.parent_id <= 0)
        return http_reply_error(req, 400, "invalid_value", "parent_id", "Must be the id of a unit.",
                                "Phải là mã số của một đơn vị.");
    if ((rc = api_scope_unit(req, in.parent_id, in.valid_from)) != 0)
        return rc;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (unit_op_create(http_db(req), &in, api_who(req)->user.id, api_now(req), &id, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, object_of(req, id), NULL)) != 0)
        return rc;
    if (units_get(http_db(req), id, in.valid_from, &u) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 201, render_unit(&u));
}

/* The common tail of rename, move and close: run op in a transaction, audit, answer
 * with the unit as it is now. */
typedef int (*unit_change_fn)(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                              op_error_t *err);

static int change(http_request_t *req, const json_field_t *fields, unit_change_fn fn)
{
    json_t *body;
    unit_row_t u;
    op_error_t err;
    int rc = load_in_scope(req, &u);

    if (rc != 0)
        return rc;
    body = http_json_body(req);
    if (body == NULL || http_json_check(req, body, fields) != 0)
        return 400;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (fn(req, http_db(req), &u, body, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 200, object_of(req, u.id), NULL)) != 0)
        return rc;
    if (units_get(http_db(req), u.id, api_today(req), &u) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, render_unit(&u));
}

static const json_field_t rename_fields[] = {
    {"name_vi", JF_STRING, 1, UNIT_NAME_MAX},
    {"on", JF_DATE, 1, 0},
    {NULL, 0, 0, 0},
};

static int do_rename(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                     op_error_t *err)
{
    return unit_op_rename(db, u->id, json_string_value(json_object_get(body, "name_vi")),
                          date_field(body, "on"), api_who(req)->user.id, api_now(req), err);
}

int api_units_rename(http_request_t *req)
{
    return change(req, rename_fields, do_rename);
}

static const json_field_t move_fields[] = {
    {"parent_id", JF_INT, 1, 0},
    {"on", JF_DATE, 1, 0},
    {NULL, 0, 0, 0},
};

static int do_move(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                   op_error_t *err)
{
    int64_t parent = json_integer_value(json_object_get(body, "parent_id"));
    civil_date_t on = date_field(body, "on");
    int yes = 0;

    /* The new parent must be the caller's too; outside their tree it does not exist. */
    if (parent > 0 && units_is_within(db, api_who(req)->user.unit_id, parent, on, &yes) != DB_OK)
        return op_fail_db(err, db);
    if (!yes)
        return op_fail(err, OP_NOT_FOUND, "not_found", "parent_id", "No such unit.",
                       "Không tìm thấy đơn vị.");
    return unit_op_move(db, u->id, parent, on, api_who(req)->user.id, api_now(req), err);
}

int api_units_move(http_request_t *req)
{
    return change(req, move_fields, do_move);
}

static const json_field_t close_fields[] = {
    {"on", JF_DATE, 1, 0},
    {"successor_id", JF_INT, 0, 0},
    {NULL, 0, 0, 0},
};

static int do_close(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                    op_error_t *err)
{
    int64_t successor = json_integer_value(json_object_get(body, "successor_id"));
    civil_date_t on = date_field(body, "on");
    int yes = 0;

    if (successor > 0 &&
        units_is_within(db, api_who(req)->user.unit_id, successor, on + 1, &yes) != DB_OK)
        return op_fail_db(err, db);
    if (successor < 0 || (successor > 0 && !yes))
        return op_fail(err, OP_NOT_FOUND, "not_found", "successor_id", "No such unit.",
                       "Không tìm thấy đơn vị.");
    return unit_op_close(db, u->id, on, successor, api_who(req)->user.id, api_now(req), err);
}

int api_units_close(http_request_t *req)
{
    return change(req, close_fields, do_close);
}
