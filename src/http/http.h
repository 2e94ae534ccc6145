/*
 * http/http.h — what a request handler sees: the request, its arena, its database
 * connection, and the ways to answer. The server (http/server.c) owns everything
 * else: sockets, threads, limits, headers, logging and metrics.
 *
 * Layering: http/ is the toolkit; handlers live in api/ and include this header;
 * the route table is api's and is handed to http_server_start() by cli/.
 */
#ifndef THADS_HTTP_HTTP_H
#define THADS_HTTP_HTTP_H

#include "http/arena.h"
#include "store/db.h"
#include "store/pool.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

typedef struct http_request http_request_t;
typedef struct http_server http_server_t;

/* A handler answers through http_reply_*() and returns the status it sent. */
typedef int (*http_handler_fn)(http_request_t *req);

typedef struct {
    const char *method;  /* "GET", "POST", "PUT", "PATCH", "DELETE" */
    const char *pattern; /* "/api/units/{id}"; {name} matches one path segment */
    http_handler_fn handler;
    unsigned perm;       /* permission the route needs; 0 = public (see api/) */
    const char *summary; /* one line for /api/openapi.json */
} http_route_t;

/* Called before a route's handler when route->perm != 0. Returns 0 to proceed, or
 * the status of the error it already sent (401/403). Installed by api/. */
typedef int (*http_authorize_fn)(http_request_t *req, const http_route_t *route);

/* Called after the handler (or the authorizer) answered, while the request still
 * holds its database connection: api/ writes audit rows here. */
typedef void (*http_after_fn)(http_request_t *req);

/* Extra lines for /metrics (Prometheus text), appended by the server. */
typedef void (*http_metrics_fn)(void *arg, char **buf, size_t *len, size_t *cap);

typedef struct {
    const char *listen; /* "127.0.0.1:8080"; port 0 picks a free port */
    int threads;        /* worker threads (and database connections) */
    size_t max_body;    /* bytes; a larger request body is answered 413 */
    const http_route_t *routes;
    size_t nroutes;
    http_authorize_fn authorize;
    http_after_fn after;
    db_pool_t *pool;
    void *app;           /* handed to handlers via http_app() */
    int access_log;      /* one line per request on stderr */
    const char *version; /* for /healthz */
} http_config_t;

/* ---- server ---- */
int http_server_start(const http_config_t *cfg, http_server_t **out, char *err, size_t errlen);
int http_server_port(const http_server_t *srv);
/* Stop accepting, let requests in flight finish (up to timeout_ms), close. */
void http_server_stop(http_server_t *srv, int timeout_ms);
void http_server_add_metrics(http_server_t *srv, http_metrics_fn fn, void *arg);

/* ---- the request ---- */
const char *http_method(const http_request_t *req);
const char *http_path(const http_request_t *req);
/* Value of {name} in the matched route pattern, or NULL. */
const char *http_param(const http_request_t *req, const char *name);
/* URL query argument, header (case-insensitive), cookie; NULL if absent. */
const char *http_query(const http_request_t *req, const char *name);
const char *http_header(const http_request_t *req, const char *name);
const char *http_cookie(const http_request_t *req, const char *name);
const char *http_client_addr(const http_request_t *req);
const char *http_body(const http_request_t *req, size_t *len);
const http_route_t *http_route(const http_request_t *req);
/* The status of the answer given so far (0 if none yet). */
int http_status(const http_request_t *req);
arena_t *http_arena(http_request_t *req);
void *http_app(const http_request_t *req);
const http_config_t *http_config(const http_request_t *req);
/* The request's database connection, taken from the pool on first use and given
 * back when the response is done. */
db_t *http_db(http_request_t *req);
/* Per-request slot for the layer above (api/ keeps who is asking and what to audit). */
void http_set_context(http_request_t *req, void *context);
void *http_context(const http_request_t *req);

/* ---- answering ---- */
/* Send body (a reference is stolen; NULL sends no body). */
int http_reply_json(http_request_t *req, int status, json_t *body);
/* {"error":{"code","message","message_vi","field"}}; field may be NULL. */
int http_reply_error(http_request_t *req, int status, const char *code, const char *field,
                     const char *message_en, const char *message_vi);
/* Common errors with their standard wording. */
int http_reply_not_found(http_request_t *req);
int http_reply_internal(http_request_t *req, const char *what);
/* Count a store failure answered by other means than http_reply_db_error (in
 * thads_db_errors_total). */
void http_note_db_error(http_request_t *req);
/* A store failure: 503 if the database is unreachable or busy, else 500; counted in /metrics. */
int http_reply_db_error(http_request_t *req, db_t *db);
int http_reply_bytes(http_request_t *req, int status, const char *content_type, const void *data,
                     size_t len);
/* Add a response header (copied). */
void http_add_header(http_request_t *req, const char *name, const char *value);

/* ---- JSON input ---- */
typedef enum {
    JF_STRING, /* non-empty after trimming unless optional; max_len in characters */
    JF_INT,    /* integer (money is JF_INT of đồng) */
    JF_BOOL,
    JF_DATE, /* "YYYY-MM-DD" string */
    JF_OBJECT,
    JF_ARRAY,
    JF_ANY,
} json_field_type_t;

typedef struct {
    const char *name;
    json_field_type_t type;
    int required;
    size_t max_len; /* JF_STRING: most characters (code points); 0 = 1000 */
} json_field_t;

/* Parse the body as one JSON object (duplicate keys rejected). On failure answers
 * 400 and returns NULL. The object belongs to the request (freed with it). */
json_t *http_json_body(http_request_t *req);
/* Every key of obj must be in fields (the list ends with a NULL name), with the
 * declared type; required ones present. On failure answers 400 naming the field
 * and returns -1. */
int http_json_check(http_request_t *req, json_t *obj, const json_field_t *fields);
/* Keep j alive until the request ends (decref'd then). Returns j. */
json_t *http_keep(http_request_t *req, json_t *j);

#endif
