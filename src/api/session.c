/*
 * api/session.c — signing in and out.
 *
 * POST /api/session takes an attempt under the rate limits (counted and recorded as a
 * failure in one short serialized transaction: reserve_attempt), then checks the password
 * (argon2id, outside any transaction: it takes tens of milliseconds and must not hold
 * SQLite's write lock), then records the outcome, the session and the audit row in one
 * transaction. A
 * failure says the same thing, and takes as long, whether or not the account exists.
 * Changing one's password asks for the current one: a wrong one counts as a failed
 * sign-in of that user, under the same limits, so a stolen session cannot guess it.
 */
#include "api/context.h"
#include "ops/credentials.h"
#include "api/handlers.h"
#include "ops/op.h"
#include "ops/render.h"
#include "ops/user_ops.h"
#include "core/access.h"
#include "store/sessions.h"

#include <stdio.h>
#include <string.h>

static int too_many(http_request_t *req, int64_t oldest, int64_t window)
{
    char retry[24];
    int64_t wait_s = (oldest + window - api_now(req)) / 1000000 + 1;

    snprintf(retry, sizeof retry, "%lld", (long long)(wait_s > 0 ? wait_s : 1));
    http_add_header(req, "Retry-After", retry);
    return http_reply_error(req, 429, "too_many_attempts", NULL,
                            "Too many failed sign-ins; wait and try again.",
                            "Đăng nhập sai quá nhiều lần; vui lòng chờ rồi thử lại.");
}

/*
 * Take one of username's (and this client's) attempts before checking a password: 0 and
 * *attempt the attempt's id, recorded as a failure and committed, or the 429 answered
 * (or the store error), nothing recorded. Counting and recording are one short write
 * transaction serialized with every other sign-in of the name or the address
 * (login_attempt_reserve), so parallel requests cannot all see room under the limit:
 * n of them check at most the limit's number of passwords. argon2id then runs outside
 * any transaction — it takes tens of milliseconds, and holding SQLite's write lock (or
 * the PostgreSQL locks) across it would make every write of the server, or every
 * sign-in, wait for it. The price: an attempt whose password is right counts as a
 * failure for those milliseconds (record_attempt turns it into a success), and one
 * interrupted between the two stays a failure — the safe side.
 */
static int reserve_attempt(http_request_t *req, db_t *db, const char *username, int64_t *attempt)
{
    const app_t *app = api_app(req);
    int64_t by_user = 0, by_addr = 0, oldest_user = 0, oldest_addr = 0;

    if (db_begin(db) != DB_OK)
        return http_reply_db_error(req, db);
    if (login_attempt_reserve(db, username, http_client_addr(req), api_now(req),
                              api_now(req) - app->login_window_us, app->login_max_failures_user,
                              app->login_max_failures_addr, attempt, &by_user, &oldest_user,
                              &by_addr, &oldest_addr) != DB_OK) {
        http_reply_db_error(req, db);
        db_rollback(db);
        return 500;
    }
    if (*attempt == 0) {
        db_rollback(db);
        return by_user >= app->login_max_failures_user
                   ? too_many(req, oldest_user, app->login_window_us)
                   : too_many(req, oldest_addr, app->login_window_us);
    }
    if (db_commit(db) != DB_OK) {
        http_reply_db_error(req, db);
        if (db_in_transaction(db))
            db_rollback(db);
        return 500;
    }
    return 0;
}

/* The reserved attempt's outcome, in the caller's transaction (a success stops counting),
 * and forget the attempts too old to count. DB_OK or the error. */
static int record_attempt(http_request_t *req, db_t *db, const char *username, int64_t attempt,
                          int ok)
{
    int64_t now = api_now(req);
    int rc = ok ? login_attempt_succeeded(db, attempt) : DB_OK;

    if (rc != DB_OK)
        return rc;
    return login_attempts_prune(db, username, http_client_addr(req),
                                now - api_app(req)->login_window_us);
}

static void set_cookie(http_request_t *req, const char *token, int64_t max_age_s)
{
    char cookie[256];

    snprintf(cookie, sizeof cookie,
             "thads_session=%s; Path=/; HttpOnly; SameSite=Strict; "
             "Max-Age=%lld%s",
             token, (long long)max_age_s, api_app(req)->cookie_secure ? "; Secure" : "");
    http_add_header(req, "Set-Cookie", cookie);
}

static json_t *session_json(const user_row_t *u, const char *csrf, int64_t expires_at)
{
    json_t *user = render_user(u);
    json_t *perms = json_array();
    unsigned p = access_perms_of_roles(u->roles);

    for (unsigned bit = 1; bit != 0; bit <<= 1)
        if (p & bit)
            json_array_append_new(perms, json_string(access_perm_code(bit)));
    json_object_set_new(user, "permissions", perms);
    return json_pack("{s:o, s:s, s:o}", "user", user, "csrf_token", csrf, "expires_at",
                     expires_at ? render_time(expires_at) : json_null());
}

int api_session_create(http_request_t *req)
{
    const app_t *app = api_app(req);
    json_t *body = http_json_request(req);
    const char *username, *password;
    int64_t now = api_now(req), session_id, expires, attempt = 0;
    char token[CREDENTIALS_TOKEN_LEN], hash[CREDENTIALS_TOKEN_HASH], csrf[CREDENTIALS_TOKEN_LEN];
    user_row_t u;
    db_t *db = http_db(req);
    int rc, ok;

    if (body == NULL)
        return 400;
    username = http_json_string(body, "username");
    password = http_json_string(body, "password");
    api_ctx(req)->username = username;

    if ((rc = reserve_attempt(req, db, username, &attempt)) != 0)
        return rc;

    rc = users_get_by_username(db, username, &u);
    if (rc != DB_ROW && rc != DB_DONE)
        return http_reply_db_error(req, db);
    ok = credentials_verify(app, rc == DB_ROW ? u.password_hash : NULL, password) && rc == DB_ROW &&
         !u.disabled;

    if (db_begin(db) != DB_OK)
        return http_reply_db_error(req, db);
    if (record_attempt(req, db, username, attempt, ok) != DB_OK)
        goto db_fail;
    if (!ok) {
        if (rc == DB_ROW) /* the account's administrators see its failed sign-ins */
            api_ctx(req)->unit_id = u.unit_id;
        if ((rc = api_commit(req, 401, NULL, "sign-in failed")) != 0)
            return rc;
        return http_reply_error(req, 401, "invalid_credentials", NULL,
                                "Wrong username or password.",
                                "Tên đăng nhập hoặc mật khẩu không đúng.");
    }
    credentials_new_token(token);
    credentials_new_token(csrf);
    credentials_token_hash(token, hash);
    expires = now + app->session_absolute_us;
    /* (the user's dead sessions go as a new one starts: the table stays the live ones) */
    if (sessions_prune(db, u.id, now, now - app->session_idle_us) != DB_OK)
        goto db_fail;
    if (sessions_insert(db, hash, u.id, csrf, now, expires, http_client_addr(req), &session_id) !=
        DB_OK)
        goto db_fail;
    api_ctx(req)->username = NULL;
    {
        /* Audit as the user now signed in. */
        principal_t *p = arena_alloc(http_arena(req), sizeof *p);
        if (p == NULL)
            goto db_fail;
        p->user = u;
        api_ctx(req)->who = p;
    }
    if ((rc = api_commit(req, 200, NULL, "signed in")) != 0)
        return rc;
    set_cookie(req, token, app->session_absolute_us / 1000000);
    return http_reply_json(req, 200, session_json(&u, csrf, expires));
db_fail:
    http_reply_db_error(req, db);
    if (db_in_transaction(db))
        db_rollback(db);
    return 500;
}

int api_session_get(http_request_t *req)
{
    const principal_t *p = api_who(req);
    return http_reply_json(req, 200, session_json(&p->user, p->csrf_token, 0));
}

int api_session_delete(http_request_t *req)
{
    const principal_t *p = api_who(req);
    db_t *db = http_db(req);
    int rc;

    if (db_begin(db) != DB_OK || sessions_revoke(db, p->session_id, api_now(req)) != DB_OK) {
        if (db_in_transaction(db))
            db_rollback(db);
        return http_reply_db_error(req, db);
    }
    if ((rc = api_commit(req, 204, NULL, "signed out")) != 0)
        return rc;
    set_cookie(req, "", 0);
    return http_reply_json(req, 204, NULL);
}

/* Change one's own password: the current one is asked again, and every session of the
 * user (this one included) ends, so a stolen session cannot outlive the change. */
int api_session_password(http_request_t *req)
{
    const principal_t *p = api_who(req);
    json_t *body = http_json_request(req);
    db_t *db = http_db(req);
    op_error_t err;
    char object[32], hash[CREDENTIALS_HASH_MAX];
    int64_t attempt = 0;
    int rc, ok;

    if (body == NULL)
        return 400;
    if ((rc = reserve_attempt(req, db, p->user.username, &attempt)) != 0)
        return rc;
    ok = credentials_verify(api_app(req), p->user.password_hash,
                            http_json_string(body, "current_password"));
    if (db_begin(db) != DB_OK)
        return http_reply_db_error(req, db);
    if (ok) { /* the right password no longer counts, whatever happens next */
        if (record_attempt(req, db, p->user.username, attempt, 1) != DB_OK ||
            db_commit(db) != DB_OK) {
            http_reply_db_error(req, db);
            if (db_in_transaction(db))
                db_rollback(db);
            return 500;
        }
    } else {
        if (record_attempt(req, db, p->user.username, attempt, 0) != DB_OK) {
            db_rollback(db);
            return http_reply_db_error(req, db);
        }
        if ((rc = api_commit(req, 403, NULL, "password change: wrong current password")) != 0)
            return rc;
        return http_reply_error(req, 403, "wrong_password", "current_password",
                                "The current password is wrong.", "Mật khẩu hiện tại không đúng.");
    }
    snprintf(object, sizeof object, "user:%lld", (long long)p->user.id);
    if (user_password_prepare(api_app(req), p->user.username,
                              http_json_string(body, "new_password"), hash, &err) != 0) {
        if (strcmp(err.field, "password") == 0)
            snprintf(err.field, sizeof err.field, "new_password");
        return api_reply_op_error(req, &err);
    }
    if (db_begin(db) != DB_OK)
        return http_reply_db_error(req, db);
    /* the user chose it: a change an administrator asked for is done */
    if (user_op_set_password(db, p->user.id, hash, 0, api_now(req), &err) != 0) {
        db_rollback(db);
        return api_reply_op_error(req, &err);
    }
    if ((rc = api_commit(req, 204, object, "own password changed")) != 0)
        return rc;
    set_cookie(req, "", 0);
    return http_reply_json(req, 204, NULL);
}
