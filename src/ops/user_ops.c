/*
 * ops/user_ops.c — the rules of user accounts.
 */
#include "ops/user_ops.h"
#include "core/access.h"
#include "core/password.h"
#include "core/text.h"
#include "core/unit.h"
#include "store/sessions.h"
#include "store/units.h"
#include "store/users.h"

#include <stdio.h>
#include <string.h>

int user_check_username(const char *username, op_error_t *err)
{
    size_t n = username ? strlen(username) : 0;

    for (size_t i = 0; i < n; i++) {
        char c = username[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            n = 0;
    }
    if (n < 3 || n > USER_NAME_MAX)
        return op_refuse(err, OP_INVALID, MSG_USERNAME, "username");
    return 0;
}

int user_password_prepare(const app_t *app, const char *username, const char *password,
                          char hash[CREDENTIALS_HASH_MAX], op_error_t *err)
{
    password_check_t c = password_check(password, username, app->common_passwords);

    if (c != PASSWORD_OK)
        return op_fail(err, OP_INVALID, "weak_password", "password", password_check_en(c),
                       password_check_vi(c));
    if (credentials_hash_password(app, password, hash) != 0)
        return op_refuse(err, OP_INTERNAL, MSG_OUT_OF_MEMORY_HASHING, NULL);
    return 0;
}

/* Enforcement work happens in enforcement units, prison work in prisons and camps. */
static int check_roles_fit_unit(unsigned roles, const char *kind, op_error_t *err)
{
    const unit_kind_t *k = unit_kind_find(kind);
    unsigned enforcement_roles = (1u << ROLE_OFFICER) | (1u << ROLE_SECRETARY) |
                                 (1u << ROLE_ACCOUNTANT) | (1u << ROLE_WAREHOUSE_KEEPER);

    if (k == NULL)
        return op_refuse(err, OP_INTERNAL, MSG_UNKNOWN_UNIT_KIND, NULL);
    if ((roles & enforcement_roles) && !k->enforcement)
        return op_refuse(err, OP_UNPROCESSABLE, MSG_ROLE_NEEDS_ENFORCEMENT_UNIT, "roles");
    if ((roles & (1u << ROLE_PRISON_OFFICER)) && !k->custody)
        return op_refuse(err, OP_UNPROCESSABLE, MSG_ROLE_NEEDS_PRISON, "roles");
    return 0;
}

int user_op_create(db_t *db, const user_input_t *in, civil_date_t today, int64_t now, int64_t *id,
                   op_error_t *err)
{
    unit_row_t u;
    text_status_t ts;
    int rc;

    if ((rc = user_check_username(in->username, err)) != 0)
        return rc;
    ts = in->full_name ? text_check_line(in->full_name, USER_FULL_NAME_MAX) : TEXT_EMPTY;
    if (ts != TEXT_OK)
        return op_fail(err, OP_INVALID, "invalid_value", "full_name", text_status_en(ts),
                       text_status_vi(ts));
    if (in->roles == 0)
        return op_refuse(err, OP_INVALID, MSG_NO_ROLE, "roles");
    rc = units_get(db, in->unit_id, today, &u);
    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_UNIT, "unit_id");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if (u.valid_from > today || (u.valid_to != CIVIL_DATE_INVALID && u.valid_to < today))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_UNIT_CLOSED, "unit_id");
    if ((rc = check_roles_fit_unit(in->roles, u.kind, err)) != 0)
        return rc;
    {
        /* Look first: a failed INSERT would abort a PostgreSQL transaction. */
        user_row_t existing;
        rc = users_get_by_username(db, in->username, &existing);
        if (rc == DB_ROW)
            return op_refuse(err, OP_CONFLICT, MSG_DUPLICATE_USERNAME, "username");
        if (rc != DB_DONE)
            return op_fail_db(err, db);
    }
    rc = users_insert(db, in->username, in->full_name, in->unit_id, in->password_hash, in->roles,
                      now, id);
    if (rc == DB_CONSTRAINT && strcmp(db_sqlstate(db), "23505") == 0)
        return op_refuse(err, OP_CONFLICT, MSG_DUPLICATE_USERNAME, "username");
    if (rc == DB_OK && in->must_change_password)
        rc = users_set_must_change_password(db, *id, 1);
    return rc == DB_OK ? 0 : op_fail_db(err, db);
}

static int load(db_t *db, int64_t id, user_row_t *u, op_error_t *err)
{
    int rc = users_get(db, id, u);

    if (rc == DB_ROW)
        return 0;
    if (rc == DB_DONE)
        return op_refuse(err, OP_NOT_FOUND, MSG_NO_SUCH_USER, NULL);
    return op_fail_db(err, db);
}

int user_op_set_password(db_t *db, int64_t id, const char *password_hash, int must_change,
                         int64_t now, op_error_t *err)
{
    user_row_t u;
    int rc = load(db, id, &u, err);

    if (rc != 0)
        return rc;
    if (users_set_password(db, id, password_hash, now) != DB_OK ||
        (u.must_change_password != must_change &&
         users_set_must_change_password(db, id, must_change) != DB_OK) ||
        sessions_revoke_user(db, id, now) != DB_OK)
        return op_fail_db(err, db);
    return 0;
}

int user_op_disable(db_t *db, int64_t id, int64_t now, op_error_t *err)
{
    user_row_t u;
    int rc = load(db, id, &u, err);

    if (rc != 0)
        return rc;
    if (u.disabled)
        return op_refuse(err, OP_CONFLICT, MSG_ALREADY_DISABLED, NULL);
    if (users_set_disabled(db, id, 1) != DB_OK || sessions_revoke_user(db, id, now) != DB_OK)
        return op_fail_db(err, db);
    return 0;
}

int user_op_enable(db_t *db, int64_t id, civil_date_t today, op_error_t *err)
{
    user_row_t u;
    unit_row_t unit;
    int rc = load(db, id, &u, err);

    if (rc != 0)
        return rc;
    if (!u.disabled)
        return op_refuse(err, OP_CONFLICT, MSG_ALREADY_ENABLED, NULL);
    rc = units_get(db, u.unit_id, today, &unit);
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if (unit.valid_from > today || (unit.valid_to != CIVIL_DATE_INVALID && unit.valid_to < today))
        return op_refuse(err, OP_UNPROCESSABLE, MSG_UNIT_CLOSED, "unit_id");
    return users_set_disabled(db, id, 0) == DB_OK ? 0 : op_fail_db(err, db);
}

int user_op_add_role(db_t *db, int64_t id, role_t role, op_error_t *err)
{
    user_row_t u;
    int rc = load(db, id, &u, err);

    if (rc != 0)
        return rc;
    if (u.roles & (1u << role))
        return op_refuse(err, OP_CONFLICT, MSG_ROLE_HELD, "role");
    if ((rc = check_roles_fit_unit(1u << role, u.unit_kind, err)) != 0) {
        snprintf(err->field, sizeof err->field, "role");
        return rc;
    }
    return users_set_roles(db, id, u.roles | (1u << role)) == DB_OK ? 0 : op_fail_db(err, db);
}

int user_op_remove_role(db_t *db, int64_t id, role_t role, op_error_t *err)
{
    user_row_t u;
    int rc = load(db, id, &u, err);

    if (rc != 0)
        return rc;
    if (!(u.roles & (1u << role)))
        return op_refuse(err, OP_CONFLICT, MSG_ROLE_NOT_HELD, "role");
    if (u.roles == (1u << role))
        return op_refuse(err, OP_CONFLICT, MSG_LAST_ROLE, "role");
    return users_set_roles(db, id, u.roles & ~(1u << role)) == DB_OK ? 0 : op_fail_db(err, db);
}
