/*
 * api/context.c — the request context, scope checks, and the audit trail of requests.
 */
#include "api/context.h"
#include "api/handlers.h"
#include "ops/op.h"
#include "core/text.h"
#include "store/audit.h"
#include "store/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

api_ctx_t *api_ctx(http_request_t *req)
{
    api_ctx_t *c = http_context(req);

    if (c == NULL) {
        c = arena_alloc(http_arena(req), sizeof *c);
        http_set_context(req, c);
    }
    return c;
}

const principal_t *api_who(http_request_t *req)
{
    api_ctx_t *c = api_ctx(req);
    return c ? c->who : NULL;
}

const app_t *api_app(http_request_t *req)
{
    return http_app(req);
}

int64_t api_now(http_request_t *req)
{
    return api_app(req)->now();
}

civil_date_t api_today(http_request_t *req)
{
    return app_today(api_app(req));
}

static audit_entry_t entry_of(http_request_t *req, int outcome, const char *object,
                              const char *detail)
{
    api_ctx_t *c = api_ctx(req);
    const principal_t *who = c ? c->who : NULL;
    const http_route_t *route = http_route(req);

    return (audit_entry_t){
        .at = api_now(req),
        .user_id = who ? who->user.id : 0,
        .username = who ? who->user.username : (c ? c->username : NULL),
        .unit_id = who ? who->user.unit_id : (c ? c->unit_id : 0),
        .method = http_method(req),
        .route = route ? route->pattern : http_path(req),
        .object = object ? object : (c ? c->object : NULL),
        .outcome = outcome,
        .client_addr = http_client_addr(req),
        .detail = detail,
    };
}

int api_audit(http_request_t *req, int outcome, const char *object, const char *detail)
{
    audit_entry_t e = entry_of(req, outcome, object, detail);
    int rc = audit_append(http_db(req), &e, NULL);

    if (rc == DB_OK)
        api_ctx(req)->audited = 1;
    return rc;
}

static int is_read(const char *method)
{
    return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

/* After every routed request: a change the handler did not audit (it was refused, or
 * failed), and any refusal even of a read, gets its row now in its own transaction. */
void api_after(http_request_t *req)
{
    api_ctx_t *c = api_ctx(req);
    int status = http_status(req);
    db_t *db;

    if (c == NULL || c->audited)
        return;
    if (is_read(http_method(req)) && status != 401 && status != 403 && !c->denied)
        return;
    db = http_db(req);
    if (db_in_transaction(db))
        db_rollback(db);
    if (db_begin(db) == DB_OK) {
        audit_entry_t e = entry_of(req, status, NULL, c->denied ? "out of scope" : NULL);
        if (audit_append(db, &e, NULL) == DB_OK && db_commit(db) == DB_OK)
            return;
        if (db_in_transaction(db))
            db_rollback(db);
    }
    {
        char m[HTTP_LOG_METHOD], path[HTTP_LOG_PATH], msg[512];
        fprintf(stderr, "thads: could not audit %s %s (%d): [%s] %s\n",
                log_escape(m, sizeof m, http_method(req)),
                log_escape(path, sizeof path, http_path(req)), status, db_sqlstate(db),
                log_escape(msg, sizeof msg, db_errmsg(db)));
    }
}

int api_begin(http_request_t *req)
{
    db_t *db = http_db(req);
    return db_begin(db) == DB_OK ? 0 : http_reply_db_error(req, db);
}

int api_commit(http_request_t *req, int outcome, const char *object, const char *detail)
{
    db_t *db = http_db(req);

    if (api_audit(req, outcome, object, detail) == DB_OK && db_commit(db) == DB_OK)
        return 0;
    api_ctx(req)->audited = 0; /* the row went with the rollback; api_after writes it */
    if (db_in_transaction(db))
        db_rollback(db);
    return http_reply_db_error(req, db);
}

int api_op_http_status(op_status_t status)
{
    switch (status) {
    case OP_OK:
        return 200;
    case OP_INVALID:
        return 400;
    case OP_NOT_FOUND:
        return 404;
    case OP_CONFLICT:
        return 409;
    case OP_UNPROCESSABLE:
        return 422;
    case OP_LIMITED:
        return 429;
    case OP_UNAVAILABLE:
        return 503;
    case OP_INTERNAL:
        break;
    }
    return 500;
}

int api_reply_op_error(http_request_t *req, const op_error_t *e)
{
    if (e->from_db)
        http_note_db_error(req);
    return http_reply_error(req, api_op_http_status(e->status), e->code,
                            e->field[0] ? e->field : NULL, e->en, e->vi);
}

int api_abort(http_request_t *req, const op_error_t *err)
{
    db_t *db = http_db(req);

    if (db_in_transaction(db))
        db_rollback(db);
    return api_reply_op_error(req, err);
}

/* 0 when the caller's subtree holds unit_id (on day `at`, or, when now, on the unit's own
 * scope day for today); else the 404 (or the database's error) answered. */
static int scope_unit(http_request_t *req, int64_t unit_id, civil_date_t at, int now)
{
    const principal_t *who = api_who(req);
    db_t *db = http_db(req);
    int yes = 0;

    if (who != NULL && (now ? units_is_within_now(db, who->user.unit_id, unit_id, at, &yes)
                            : units_is_within(db, who->user.unit_id, unit_id, at, &yes)) != DB_OK)
        return http_reply_db_error(req, db);
    if (who != NULL && yes)
        return 0;
    api_ctx(req)->denied = 1;
    return http_reply_not_found(req);
}

int api_scope_unit(http_request_t *req, int64_t unit_id, civil_date_t at)
{
    return scope_unit(req, unit_id, at, 0);
}

int api_scope_unit_now(http_request_t *req, int64_t unit_id)
{
    return scope_unit(req, unit_id, api_today(req), 1);
}

int api_case_in_scope(http_request_t *req, case_row_t *c)
{
    const principal_t *who = api_who(req);
    int64_t id = api_path_id(req, "id");
    int rc, yes = 0;

    if (id == 0)
        return 404;
    if (who != NULL) {
        rc = cases_get_within_now(http_db(req), id, who->user.unit_id, api_today(req), c, &yes);
        if (rc != DB_ROW && rc != DB_DONE)
            return http_reply_db_error(req, http_db(req));
        if (rc == DB_ROW)
            api_ctx(req)->object = arena_printf(http_arena(req), "case:%lld", (long long)id);
    }
    if (yes)
        return 0;
    api_ctx(req)->denied = 1;
    return http_reply_not_found(req);
}

int api_query_count(http_request_t *req, const char *name, int64_t min, int64_t max, int64_t *out)
{
    const char *s = http_query(req, name);

    return s == NULL ? 0 : text_parse_count(s, min, max, out);
}

int api_query_refuse_unknown(http_request_t *req)
{
    const char *unknown = http_query_unknown(req);
    char en[160], vi[160];

    if (unknown == NULL)
        return 0;
    snprintf(en, sizeof en, "Unknown parameter '%.64s'.", unknown);
    snprintf(vi, sizeof vi, "Không có tham số '%.64s'.", unknown);
    return http_reply_error(req, 400, "unknown_field", unknown, en, vi);
}

int64_t api_path_id(http_request_t *req, const char *name)
{
    int64_t v;

    if (text_parse_count(http_param(req, name), 1, INT64_MAX, &v) != 0) {
        http_reply_not_found(req);
        return 0;
    }
    return v;
}
