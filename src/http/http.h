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

#include "core/civil_date.h"
#include "http/arena.h"
#include "http/schema.h"
#include "core/log_escape.h"
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
    /* The declared formats (http/schema.h), NULL where there is none: the JSON body
     * (read by http_json_request), the query parameters (checked by the server before
     * the handler runs; others are ignored) and the answer (documentation only). */
    const schema_field_t *body;
    const schema_field_t *query;
    const schema_reply_t *reply;
} http_route_t;

/* Called before a route's handler when route->perm != 0. Returns 0 to proceed, or
 * the status of the error it already sent (401/403). Installed by api/. */
typedef int (*http_authorize_fn)(http_request_t *req, const http_route_t *route);

/* Called after the handler (or the authorizer) answered, while the request still
 * holds its database connection: api/ writes audit rows here. */
typedef void (*http_after_fn)(http_request_t *req);

/* Extra lines for /metrics (Prometheus text), appended by the server. */
typedef void (*http_metrics_fn)(void *arg, char **buf, size_t *len, size_t *cap);

/* Connection limits (docs/operations.md explains the choice). */
#define HTTP_DEFAULT_MAX_CONNECTIONS 4096 /* at once, from all addresses */
#define HTTP_DEFAULT_PER_IP          64   /* at once, from one address */
#define HTTP_DEFAULT_TIMEOUT         10   /* seconds a connection may send nothing */
#define HTTP_DEFAULT_REQUEST_TIMEOUT 30   /* seconds a request's database work may take */

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
    /* Against a client that opens many connections and sends slowly (slowloris): the
     * connections served at once, those from one address, and the seconds a
     * connection may stay silent while sending headers or a body or between requests.
     * 0 takes the HTTP_DEFAULT_* above. */
    unsigned max_connections;
    unsigned per_ip_connections;
    unsigned timeout;
    /* A request's database work still running this many seconds after its headers
     * arrived is stopped, and so is the work of a request whose client has closed its
     * connection (db_set_deadline); the first answers 504, the second nothing. 0 takes
     * HTTP_DEFAULT_REQUEST_TIMEOUT. */
    unsigned request_timeout;
    /* GET /metrics is answered only to "Authorization: Bearer <metrics_token>"
     * (compared in constant time); NULL or "" and it is not served at all (404). */
    const char *metrics_token;
    /* A state-changing request (POST, PUT, PATCH, DELETE) whose Origin (or, without
     * one, Referer) is not the Host it was sent to is refused with 403, unless it is
     * one of these: "https://thads.example.gov.vn", comma-separated (a proxy that
     * rewrites Host). A request with neither header (curl, scripts) passes. */
    const char *allowed_origins;
} http_config_t;

/* ---- server ---- */
int http_server_start(const http_config_t *cfg, http_server_t **out, char *err, size_t errlen);
int http_server_port(const http_server_t *srv);
/* Stop accepting, let requests in flight finish (up to timeout_ms), close. */
void http_server_stop(http_server_t *srv, int timeout_ms);
void http_server_add_metrics(http_server_t *srv, http_metrics_fn fn, void *arg);

/* Size of the buffers server.c escapes a method and a path into. */
#define HTTP_LOG_METHOD 48
#define HTTP_LOG_PATH   1024

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
/* Answer len bytes at data, copied; http_reply_static: not copied, for data that lives
 * as long as the process (the embedded files). */
int http_reply_bytes(http_request_t *req, int status, const char *content_type, const void *data,
                     size_t len);
int http_reply_static(http_request_t *req, int status, const char *content_type, const void *data,
                      size_t len);
/* Add a response header (copied). */
void http_add_header(http_request_t *req, const char *name, const char *value);

/* ---- JSON input ---- */
/* Parse the body as one JSON object (duplicate keys rejected). On failure answers
 * 400 and returns NULL. The object belongs to the request (freed with it). */
json_t *http_json_body(http_request_t *req);
/* Parse the body and check it against the route's declared body (http_route_t.body):
 * unknown keys, missing required keys (null counts as missing), wrong types, blank or
 * too long strings, values not allowed, numbers out of range, impossible dates, too
 * many items, at any depth. On failure answers 400 naming the field by its path
 * ("parties[1].full_name") and returns NULL. */
json_t *http_json_request(http_request_t *req);
/* Check obj against fields as http_json_request does; 0, or -1 after answering 400. */
int http_json_check(http_request_t *req, json_t *obj, const schema_field_t *fields);
/* Members of a checked object: absent or null reads as NULL, 0, CIVIL_DATE_INVALID. */
const char *http_json_string(const json_t *obj, const char *name);
int64_t http_json_int(const json_t *obj, const char *name);
civil_date_t http_json_date(const json_t *obj, const char *name);
/* Check the query against the route's declared parameters (the server calls it before
 * the handler); 0, or -1 after answering 400 naming the parameter. */
int http_query_check(http_request_t *req);
/* A query parameter the route does not declare (the first), or NULL: for routes that
 * refuse what they do not know, so a misspelt filter is not silently ignored. */
const char *http_query_unknown(const http_request_t *req);
/* Query parameters once checked: the value, or dflt / CIVIL_DATE_INVALID when absent. */
int64_t http_query_int(http_request_t *req, const char *name, int64_t dflt);
civil_date_t http_query_date(http_request_t *req, const char *name);
/* Keep j alive until the request ends (decref'd then). Returns j. */
json_t *http_keep(http_request_t *req, json_t *j);

#endif
