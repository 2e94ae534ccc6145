#include "store/users.h"
#include "core/access.h"
#include "store/q.h"
#include "store/units.h"

#include <string.h>

/* A user with their unit and roles: one row per role (one with a NULL role for a user
 * without any), read back into one user_row_t by read_user_rows. */
#define USER_COLUMNS                                                                               \
    "u.id, u.username, u.full_name, u.unit_id, u.password_hash, u.disabled, u.created_at, "        \
    "u.password_changed_at, n.code, n.name_vi, n.kind, r.role, u.must_change_password"
#define USER_JOINS  "JOIN unit n ON n.id = u.unit_id LEFT JOIN user_role r ON r.user_id = u.id "
#define USER_SELECT "SELECT " USER_COLUMNS " FROM app_user u " USER_JOINS

static void read_user(db_stmt_t *st, user_row_t *u)
{
    memset(u, 0, sizeof *u);
    u->id = db_column_int64(st, 0);
    q_text(st, 1, u->username, sizeof u->username);
    q_text(st, 2, u->full_name, sizeof u->full_name);
    u->unit_id = db_column_int64(st, 3);
    q_text(st, 4, u->password_hash, sizeof u->password_hash);
    u->disabled = (int)db_column_int64(st, 5);
    u->created_at = db_column_int64(st, 6);
    u->password_changed_at = db_column_int64(st, 7);
    q_text(st, 8, u->unit_code, sizeof u->unit_code);
    q_text(st, 9, u->unit_name, sizeof u->unit_name);
    q_text(st, 10, u->unit_kind, sizeof u->unit_kind);
    u->must_change_password = (int)db_column_int64(st, 12);
}

static void add_role(db_stmt_t *st, user_row_t *u)
{
    int r = db_column_is_null(st, 11) ? -1 : access_role_parse(db_column_text(st, 11));

    if (r >= 0)
        u->roles |= 1u << r;
}

/* Walk the rows of USER_SELECT, those of one user adjacent (ORDER BY username, or one
 * user): fn for each user with all their roles; fn nonzero stops. DB_OK, or the error. */
static int read_user_rows(db_stmt_t *st, user_row_fn fn, void *arg)
{
    user_row_t u;
    int rc, have = 0;

    while ((rc = db_step(st)) == DB_ROW) {
        if (have && db_column_int64(st, 0) != u.id) {
            have = 0;
            if (fn(&u, arg) != 0)
                break;
        }
        if (!have)
            read_user(st, &u);
        have = 1;
        add_role(st, &u);
    }
    db_finalize(st);
    if (rc == DB_DONE && have)
        fn(&u, arg);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

static int keep_one(const user_row_t *u, void *out)
{
    *(user_row_t *)out = *u;
    return 1;
}

/* The one user st selects: DB_ROW with *out, DB_DONE, or the error. */
static int get_user(db_stmt_t *st, int rc, user_row_t *out)
{
    if (rc != DB_OK)
        return rc;
    out->id = 0;
    rc = read_user_rows(st, keep_one, out);
    if (rc != DB_OK)
        return rc;
    return out->id != 0 ? DB_ROW : DB_DONE;
}

int users_get(db_t *db, int64_t id, user_row_t *out)
{
    db_stmt_t *st = NULL;
    int rc = q_open(db, &st, USER_SELECT "WHERE u.id = $1", "i", id);
    return get_user(st, rc, out);
}

int users_get_by_live_session(db_t *db, const char *token_hash, int64_t now, int64_t idle_us,
                              session_row_t *session, user_row_t *out)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " USER_COLUMNS ", s.id, s.created_at, s.last_seen_at, s.expires_at, "
                    "s.csrf_token FROM session s JOIN app_user u ON u.id = s.user_id " USER_JOINS
                    "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND "
                    "s.last_seen_at > $3 AND u.disabled = 0",
                    "sii", token_hash, now, now - idle_us);

    if (rc != DB_OK)
        return rc;
    out->id = 0;
    while ((rc = db_step(st)) == DB_ROW) { /* a row per role, one session */
        if (out->id == 0) {
            read_user(st, out);
            memset(session, 0, sizeof *session);
            session->id = db_column_int64(st, 13);
            session->user_id = out->id;
            session->created_at = db_column_int64(st, 14);
            session->last_seen_at = db_column_int64(st, 15);
            session->expires_at = db_column_int64(st, 16);
            q_text(st, 17, session->csrf_token, sizeof session->csrf_token);
        }
        add_role(st, out);
    }
    db_finalize(st);
    if (rc != DB_DONE)
        return rc;
    return out->id != 0 ? DB_ROW : DB_DONE;
}

int users_get_by_username(db_t *db, const char *username, user_row_t *out)
{
    db_stmt_t *st = NULL;
    int rc = q_open(db, &st, USER_SELECT "WHERE u.username = $1", "s", username);
    return get_user(st, rc, out);
}

int users_each_username(db_t *db, db_id_text_fn fn, void *arg)
{
    return q_each_id_text(db, "SELECT id, username FROM app_user", fn, arg);
}

int users_set_roles(db_t *db, int64_t id, unsigned roles)
{
    int rc = q_exec(db, "DELETE FROM user_role WHERE user_id = $1", "i", id);

    for (int r = 0; rc == DB_OK && r < ROLE_COUNT; r++)
        if (roles & (1u << r))
            rc = q_exec(db, "INSERT INTO user_role (user_id, role) VALUES ($1, $2)", "is", id,
                        access_role_code((role_t)r));
    return rc;
}

int users_insert(db_t *db, const char *username, const char *full_name, int64_t unit_id,
                 const char *password_hash, unsigned roles, int64_t now, int64_t *id)
{
    int rc = q_int64(db, id,
                     "INSERT INTO app_user (username, full_name, unit_id, password_hash, "
                     "created_at, password_changed_at) VALUES ($1, $2, $3, $4, $5, $5) "
                     "RETURNING id",
                     "ssisi", username, full_name, unit_id, password_hash, now);

    if (rc != DB_ROW)
        return rc == DB_DONE ? DB_ERROR : rc;
    return users_set_roles(db, *id, roles);
}

int users_set_password(db_t *db, int64_t id, const char *password_hash, int64_t now)
{
    return q_exec(db,
                  "UPDATE app_user SET password_hash = $2, password_changed_at = $3 "
                  "WHERE id = $1",
                  "isi", id, password_hash, now);
}

int users_set_disabled(db_t *db, int64_t id, int disabled)
{
    return q_exec(db, "UPDATE app_user SET disabled = $2 WHERE id = $1", "ib", id, disabled);
}

int users_set_must_change_password(db_t *db, int64_t id, int must)
{
    return q_exec(db, "UPDATE app_user SET must_change_password = $2 WHERE id = $1", "ib", id,
                  must);
}

int users_list(db_t *db, int64_t root, civil_date_t at, user_row_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    UNITS_SUBTREE_CTE USER_SELECT "WHERE u.unit_id IN (SELECT id FROM subtree) "
                                                  "ORDER BY u.username",
                    "id", root, at);

    return rc == DB_OK ? read_user_rows(st, fn, arg) : rc;
}
