/*
 * api/auth.c — who is asking: the session cookie, the CSRF token, the permission a
 * route needs. Installed as the server's authorizer; runs before every handler of a
 * route with a permission. Order: 401 (not signed in) → 403 (CSRF, permission, a password
 * an administrator set and the user has not changed yet: every change but that one and
 * signing out is refused until they do) → then the handler's own scope check answers 404
 * for objects outside the subtree.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/credentials.h"
#include "core/access.h"
#include "core/message.h"
#include "store/users.h"

#include <sodium.h>
#include <string.h>

#define TOUCH_EVERY_US ((int64_t)60 * 1000000) /* refresh last_seen at most once a minute */

static int unauthenticated(http_request_t *req)
{
    return http_reply_error(req, 401, "unauthenticated", NULL,
                            "Sign in first (or sign in again: the session has ended).",
                            "Vui lòng đăng nhập (phiên làm việc chưa có hoặc đã hết hạn).");
}

static int is_read(const char *method)
{
    return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

static int csrf_ok(http_request_t *req, const principal_t *p)
{
    const char *sent = http_header(req, "X-CSRF-Token");
    size_t n = strlen(p->csrf_token);

    return sent != NULL && strlen(sent) == n && n > 0 && sodium_memcmp(sent, p->csrf_token, n) == 0;
}

/* Load the principal of a live session; 0 ok, else the status already answered. */
static int load_principal(http_request_t *req, principal_t *p)
{
    const app_t *app = api_app(req);
    const char *token = http_cookie(req, "thads_session");
    db_t *db = http_db(req);
    char hash[CREDENTIALS_TOKEN_HASH];
    session_row_t s;
    int64_t now = app->now();
    int rc;

    if (token == NULL || strlen(token) != CREDENTIALS_TOKEN_LEN - 1)
        return unauthenticated(req);
    credentials_token_hash(token, hash);
    rc = users_get_by_live_session(db, hash, now, app->session_idle_us, &s, &p->user);
    if (rc == DB_DONE)
        return unauthenticated(req);
    if (rc != DB_ROW)
        return http_reply_db_error(req, db);
    p->session_id = s.id;
    p->perms = access_perms_of_roles(p->user.roles);
    memcpy(p->csrf_token, s.csrf_token, sizeof p->csrf_token);
    if (now - s.last_seen_at > TOUCH_EVERY_US && sessions_touch(db, s.id, now) != DB_OK)
        return http_reply_db_error(req, db);
    return 0;
}

int api_authorize(http_request_t *req, const http_route_t *route)
{
    api_ctx_t *c = api_ctx(req);
    principal_t *p = arena_alloc(http_arena(req), sizeof *p);
    int status;

    if (c == NULL || p == NULL)
        return http_reply_internal(req, "out of memory");
    status = load_principal(req, p);
    if (status != 0)
        return status;
    c->who = p;
    if (!is_read(http_method(req)) && !csrf_ok(req, p))
        return http_reply_error(req, 403, "csrf_failed", NULL,
                                "Missing or wrong X-CSRF-Token header; reload the page.",
                                "Thiếu hoặc sai mã X-CSRF-Token; hãy tải lại trang.");
    if ((p->perms & route->perm) == 0)
        return http_reply_error(req, 403, "forbidden", NULL, "Your role does not allow this.",
                                "Vai trò của bạn không được phép thực hiện thao tác này.");
    if (p->user.must_change_password && !is_read(http_method(req)) &&
        route->handler != api_session_password && route->handler != api_session_delete) {
        const message_t *m = message_get(MSG_PASSWORD_CHANGE_REQUIRED);
        return http_reply_error(req, 403, m->code, NULL, m->en, m->vi);
    }
    return 0;
}
