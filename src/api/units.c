/*
 * api/units.c — the organization tree over HTTP. Reads show the caller's subtree;
 * changes need unit.admin and both ends (the unit, its new parent or successor)
 * inside the caller's subtree. The rules themselves are in api/unit_ops.c.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/render.h"
#include "ops/unit_ops.h"
#include "store/outbox.h"
#include "store/units.h"

#include <stdio.h>
#include <string.h>

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
    civil_date_t at = http_query_date(req, "at");
    json_t *list;

    if (at == CIVIL_DATE_INVALID)
        at = api_today(req);
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

static json_t *render_contact(const unit_contact_t *c)
{
    return json_pack("{s:s, s:s, s:s}", "email", c->email, "fax", c->fax, "fax_gateway",
                     c->fax_gateway);
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
    unit_contact_t contact;
    if (units_list_subtree(db, u.id, api_today(req), collect_children, children) != DB_OK ||
        units_events(db, u.id, collect_event, events) != DB_OK ||
        unit_contact_get(db, u.id, &contact) != DB_OK)
        return http_reply_db_error(req, db);
    json_object_set_new(j, "contact", render_contact(&contact));
    return http_reply_json(req, 200, json_incref(j));
}

int api_units_create(http_request_t *req)
{
    json_t *body = http_json_request(req);
    unit_input_t in;
    unit_row_t u;
    op_error_t err;
    int64_t id;
    int rc;

    if (body == NULL)
        return 400;
    in = (unit_input_t){
        .code = http_json_string(body, "code"),
        .name_vi = http_json_string(body, "name_vi"),
        .kind = http_json_string(body, "kind"),
        .parent_id = http_json_int(body, "parent_id"),
        .valid_from = http_json_date(body, "valid_from"),
        .valid_to = http_json_date(body, "valid_to"),
    };
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

/* The common tail of rename, move and close: read the body (checked against the
 * route's declaration), run op in a transaction, audit, answer with the unit as it is
 * now. */
typedef int (*unit_change_fn)(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                              op_error_t *err);

static int change(http_request_t *req, unit_change_fn fn)
{
    json_t *body;
    unit_row_t u;
    op_error_t err;
    int rc = load_in_scope(req, &u);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
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

static int do_rename(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                     op_error_t *err)
{
    return unit_op_rename(db, u->id, http_json_string(body, "name_vi"), http_json_date(body, "on"),
                          api_who(req)->user.id, api_now(req), err);
}

int api_units_rename(http_request_t *req)
{
    return change(req, do_rename);
}

static int do_move(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                   op_error_t *err)
{
    int64_t parent = http_json_int(body, "parent_id");
    civil_date_t on = http_json_date(body, "on");
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
    return change(req, do_move);
}

static int do_close(http_request_t *req, db_t *db, const unit_row_t *u, json_t *body,
                    op_error_t *err)
{
    int64_t successor = http_json_int(body, "successor_id");
    civil_date_t on = http_json_date(body, "on");
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
    return change(req, do_close);
}

/* PUT /api/units/{id}/contact: how notifications reach the unit (store/outbox.h). */
int api_units_contact(http_request_t *req)
{
    json_t *body;
    unit_row_t u;
    unit_contact_t c;
    op_error_t err;
    int rc = load_in_scope(req, &u);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (unit_op_set_contact(http_db(req), u.id, http_json_string(body, "email"),
                            http_json_string(body, "fax"), http_json_string(body, "fax_gateway"),
                            api_today(req), api_who(req)->user.id, api_now(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 200, object_of(req, u.id), NULL)) != 0)
        return rc;
    if (unit_contact_get(http_db(req), u.id, &c) != DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, render_contact(&c));
}
