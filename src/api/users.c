/*
 * api/users.c — user accounts over HTTP: read with user.read, change with user.admin,
 * always inside the caller's subtree. The rules are in ops/user_ops.c. A password an
 * administrator sets (a new account's, a reset) must be changed by its user before they
 * do anything else (must_change_password; api/auth.c enforces it).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/render.h"
#include "ops/user_ops.h"
#include "core/access.h"
#include "store/users.h"

#include <string.h>

static char *object_of(http_request_t *req, int64_t id)
{
    return arena_printf(http_arena(req), "user:%lld", (long long)id);
}

/* Load the user of path parameter {id} if their unit is in scope. */
static int load_in_scope(http_request_t *req, user_row_t *u)
{
    int64_t id = api_path_id(req, "id");
    int rc;

    if (id == 0)
        return 404;
    rc = users_get(http_db(req), id, u);
    if (rc == DB_DONE)
        return http_reply_not_found(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    api_ctx(req)->object = object_of(req, id);
    return api_scope_unit_now(req, u->unit_id);
}

static int collect(const user_row_t *u, void *arg)
{
    return json_array_append_new(arg, render_user(u));
}

int api_users_list(http_request_t *req)
{
    json_t *list = http_keep(req, json_array());

    if (users_list(http_db(req), api_who(req)->user.unit_id, api_today(req), collect, list) !=
        DB_OK)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, json_pack("{s:O}", "users", list));
}

int api_users_get(http_request_t *req)
{
    user_row_t u;
    int rc = load_in_scope(req, &u);

    return rc != 0 ? rc : http_reply_json(req, 200, render_user(&u));
}

/* Roles as a list of codes, each one known (api_user_create_body says so). */
static unsigned roles_of(json_t *arr)
{
    unsigned roles = 0;
    size_t i;
    json_t *v;

    json_array_foreach(arr, i, v) roles |= 1u << access_role_parse(json_string_value(v));
    return roles;
}

int api_users_create(http_request_t *req)
{
    json_t *body = http_json_request(req);
    char hash[CREDENTIALS_HASH_MAX];
    user_input_t in;
    user_row_t u;
    op_error_t err;
    int64_t id;
    int rc;

    if (body == NULL)
        return 400;
    in = (user_input_t){
        .username = http_json_string(body, "username"),
        .full_name = http_json_string(body, "full_name"),
        .unit_id = http_json_int(body, "unit_id"),
        .roles = roles_of(json_object_get(body, "roles")),
        .password_hash = hash,
        /* the administrator chose (or printed) it, unless they say otherwise */
        .must_change_password = !json_is_false(json_object_get(body, "must_change_password")),
    };
    if ((rc = api_scope_unit_now(req, in.unit_id)) != 0)
        return rc;
    if (user_check_username(in.username, &err) != 0 ||
        user_password_prepare(api_app(req), in.username, http_json_string(body, "password"), hash,
                              &err) != 0)
        return api_reply_op_error(req, &err);
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (user_op_create(http_db(req), &in, api_today(req), api_now(req), &id, &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 201, object_of(req, id), NULL)) != 0)
        return rc;
    if (users_get(http_db(req), id, &u) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 201, render_user(&u));
}

int api_users_password(http_request_t *req)
{
    char hash[CREDENTIALS_HASH_MAX];
    json_t *body;
    user_row_t u;
    op_error_t err;
    int rc = load_in_scope(req, &u);

    if (rc != 0)
        return rc;
    if ((body = http_json_request(req)) == NULL)
        return 400;
    if (user_password_prepare(api_app(req), u.username, http_json_string(body, "password"), hash,
                              &err) != 0)
        return api_reply_op_error(req, &err);
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (user_op_set_password(http_db(req), u.id, hash, 1, api_now(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 204, object_of(req, u.id), "password set by administrator")) != 0)
        return rc;
    return http_reply_json(req, 204, NULL);
}

int api_users_disable(http_request_t *req)
{
    user_row_t u;
    op_error_t err;
    int rc = load_in_scope(req, &u);

    if (rc != 0)
        return rc;
    if (u.id == api_who(req)->user.id)
        return http_reply_error(req, 409, "self", NULL, "You cannot disable your own account.",
                                "Không thể tự khóa tài khoản của mình.");
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (user_op_disable(http_db(req), u.id, api_now(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 200, object_of(req, u.id), "disabled")) != 0)
        return rc;
    if (users_get(http_db(req), u.id, &u) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, render_user(&u));
}

int api_users_enable(http_request_t *req)
{
    user_row_t u;
    op_error_t err;
    int rc = load_in_scope(req, &u);

    if (rc != 0)
        return rc;
    if ((rc = api_begin(req)) != 0)
        return rc;
    if (user_op_enable(http_db(req), u.id, api_today(req), &err) != 0)
        return api_abort(req, &err);
    if ((rc = api_commit(req, 200, object_of(req, u.id), "enabled")) != 0)
        return rc;
    if (users_get(http_db(req), u.id, &u) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, render_user(&u));
}

/* Add (POST, body {"role"}) or remove (DELETE .../roles/{role}) one role. An
 * administrator does not take their own administrator role away: the unit would be
 * left without one who can give it back. */
static int change_role(http_request_t *req, int add)
{
    const char *code;
    user_row_t u;
    op_error_t err;
    char *detail;
    int rc = load_in_scope(req, &u), role;

    if (rc != 0)
        return rc;
    if (add) {
        json_t *body = http_json_request(req);
        if (body == NULL)
            return 400;
        code = http_json_string(body, "role");
    } else {
        code = http_param(req, "role");
    }
    if ((role = access_role_parse(code)) < 0)
        return add ? http_reply_error(req, 400, "invalid_value", "role", "Unknown role.",
                                      "Vai trò không hợp lệ.")
                   : http_reply_not_found(req);
    if (!add && role == ROLE_ADMIN && u.id == api_who(req)->user.id) {
        op_refuse(&err, OP_CONFLICT, MSG_SELF_ADMIN, "role");
        return api_reply_op_error(req, &err);
    }
    if ((rc = api_begin(req)) != 0)
        return rc;
    rc = add ? user_op_add_role(http_db(req), u.id, (role_t)role, &err)
             : user_op_remove_role(http_db(req), u.id, (role_t)role, &err);
    if (rc != 0)
        return api_abort(req, &err);
    detail = arena_printf(http_arena(req), "role %s: %s", add ? "added" : "removed",
                          access_role_code((role_t)role));
    if ((rc = api_commit(req, 200, object_of(req, u.id), detail)) != 0)
        return rc;
    if (users_get(http_db(req), u.id, &u) != DB_ROW)
        return http_reply_db_error(req, http_db(req));
    return http_reply_json(req, 200, render_user(&u));
}

int api_users_add_role(http_request_t *req)
{
    return change_role(req, 1);
}

int api_users_remove_role(http_request_t *req)
{
    return change_role(req, 0);
}
