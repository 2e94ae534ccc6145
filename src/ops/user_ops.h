/*
 * ops/user_ops.h — user accounts, with their rules. Shared by the API (api/users.c,
 * api/session.c) and `thads user ...`.
 *
 * A password is checked and hashed by user_password_prepare() *before* the caller
 * opens its transaction: argon2id takes tens of milliseconds and megabytes, and must
 * not hold SQLite's write lock meanwhile. The user_op_* functions then run inside the
 * caller's transaction; the caller audits.
 */
#ifndef THADS_OPS_USER_OPS_H
#define THADS_OPS_USER_OPS_H

#include "ops/app.h"
#include "ops/credentials.h"
#include "ops/op.h"
#include "core/access.h"

#include <stdint.h>

typedef struct {
    const char *username;  /* 3-64 of a-z 0-9 . _ - */
    const char *full_name; /* 1-120 characters */
    int64_t unit_id;
    unsigned roles;            /* at least one; bit r = role_t r */
    const char *password_hash; /* from user_password_prepare() */
    /* 1 when an administrator chose or printed the password: the user must change it
     * before doing anything else (api/auth.c) */
    int must_change_password;
} user_input_t;

/* Check the username's form. 0, or OP_INVALID with err filled. */
int user_check_username(const char *username, op_error_t *err);
/* Check password against the policy (for this username) and hash it into hash.
 * 0, or OP_INVALID "weak_password" (field "password") / OP_INTERNAL with err filled. */
int user_password_prepare(const app_t *app, const char *username, const char *password,
                          char hash[CREDENTIALS_HASH_MAX], op_error_t *err);

/* Refusals: OP_INVALID: invalid fields; OP_NOT_FOUND: unit; OP_CONFLICT: duplicate username;
 * OP_UNPROCESSABLE: unit closed on `today`, or not an organization users can belong to. */
int user_op_create(db_t *db, const user_input_t *in, civil_date_t today, int64_t now, int64_t *id,
                   op_error_t *err);
/* Store a new password hash and end the user's sessions. must_change: 1 when an
 * administrator set it (the user must change it: api/auth.c refuses their other changes
 * meanwhile), 0 when the user chose it. OP_NOT_FOUND: unknown user. */
int user_op_set_password(db_t *db, int64_t id, const char *password_hash, int must_change,
                         int64_t now, op_error_t *err);
/* Disable the account and end its sessions. OP_NOT_FOUND; OP_CONFLICT if already disabled. */
int user_op_disable(db_t *db, int64_t id, int64_t now, op_error_t *err);
/* Enable a disabled account again. OP_NOT_FOUND; OP_CONFLICT if it is not disabled;
 * OP_UNPROCESSABLE if its unit is closed on `today` (move the person to a unit that
 * exists: a new account there). */
int user_op_enable(db_t *db, int64_t id, civil_date_t today, op_error_t *err);
/* Give the user one more role, which must fit their unit as at creation. OP_NOT_FOUND;
 * OP_CONFLICT if held; OP_UNPROCESSABLE if it does not fit the unit. */
int user_op_add_role(db_t *db, int64_t id, role_t role, op_error_t *err);
/* Take one role away. OP_NOT_FOUND; OP_CONFLICT if not held, or if it is the last one
 * (an account keeps a role: disable it instead). */
int user_op_remove_role(db_t *db, int64_t id, role_t role, op_error_t *err);

#endif
