/*
 * api/context.h — who is asking, and what the request has to leave in the audit log.
 */
#ifndef THADS_API_CONTEXT_H
#define THADS_API_CONTEXT_H

#include "http/http.h"
#include "ops/app.h"
#include "ops/op.h"
#include "core/civil_date.h"
#include "store/cases.h"
#include "store/users.h"

#include <stdint.h>

typedef struct {
    int64_t session_id;
    user_row_t user; /* id, username, full name, unit, roles */
    unsigned perms;  /* from the roles (core/access.h) */
    char csrf_token[64];
} principal_t;

typedef struct {
    principal_t *who;     /* NULL until authenticated */
    int audited;          /* an audit row was written for this request */
    int denied;           /* refused for scope: audit it even on GET */
    const char *username; /* the name typed at a login, for the audit row */
    const char *object;   /* "unit:12", for the audit row */
    int64_t unit_id;      /* the row's unit when nobody is signed in: a failed sign-in of an
                           * account's name is its unit's (its administrators see it) */
} api_ctx_t;

/* The request's context, created on first use (in the request's arena). */
api_ctx_t *api_ctx(http_request_t *req);
/* The signed-in user (NULL only in public routes). */
const principal_t *api_who(http_request_t *req);
const app_t *api_app(http_request_t *req);
/* Current time (unix µs) and today's legal date, by the app's clock. */
int64_t api_now(http_request_t *req);
civil_date_t api_today(http_request_t *req);

/* Append the audit row of this request inside the transaction open on the request's
 * connection, with the outcome about to be answered. */
int api_audit(http_request_t *req, int outcome, const char *object, const char *detail);

/* Finish a change made inside db_begin(): append the audit row (outcome, object) and
 * commit. 0 when committed; otherwise the transaction is rolled back, the database
 * error answered, and its status returned. */
int api_commit(http_request_t *req, int outcome, const char *object, const char *detail);
/* The HTTP status of an operation's refusal: invalid 400, not found 404, conflict 409,
 * unprocessable 422, limited 429, unavailable 503, internal 500. */
int api_op_http_status(op_status_t status);
/* Answer a request with e as the JSON error body, with the status of its kind. */
int api_reply_op_error(http_request_t *req, const op_error_t *e);
/* An operation refused: roll back and answer its error. Returns the HTTP status. */
int api_abort(http_request_t *req, const op_error_t *err);
/* Start the change's transaction; 0, or the database error answered. */
int api_begin(http_request_t *req);

/* Is unit_id inside the caller's subtree on date at? If not, answer 404 (an object
 * outside one's scope does not exist for them) and return 404; 0 when it is. */
int api_scope_unit(http_request_t *req, int64_t unit_id, civil_date_t at);

/* The same for a unit given by id alone: it is judged where it stood on its last day
 * if it has closed (so closed units, their users and cases stay visible to those
 * above them). 404 also when the unit does not exist. */
int api_scope_unit_now(http_request_t *req, int64_t unit_id);

/* The case of path parameter {id} if its unit is in the caller's scope (api_scope_unit_now),
 * read with the question in one round trip on PostgreSQL (cases_get_within_now): 0, or
 * the status answered (404 for a case that does not exist and one outside the scope
 * alike). Sets the request's audited object to the case. */
int api_case_in_scope(http_request_t *req, case_row_t *c);

/* Query parameter name as a whole number from min to max (text_parse_count): 0 with
 * *out, or *out untouched when the parameter is absent; -1 when it is not such a
 * number (the caller answers 400 naming it). */
int api_query_count(http_request_t *req, const char *name, int64_t min, int64_t max, int64_t *out);

/* A query parameter the route does not declare: answer 400 unknown_field naming it and
 * return 400; 0 when there is none. */
int api_query_refuse_unknown(http_request_t *req);

/* Parse a path parameter as a positive id; answer 404 and return 0 when it is not. */
int64_t api_path_id(http_request_t *req, const char *name);

#endif
