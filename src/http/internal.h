/*
 * http/internal.h — the request and server structures, shared by the files of
 * http/ only. Handlers use the accessors in http/http.h.
 */
#ifndef THADS_HTTP_INTERNAL_H
#define THADS_HTTP_INTERNAL_H

#include "http/http.h"
#include "http/metrics.h"

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdint.h>

#define HTTP_MAX_PARAMS  8
#define HTTP_MAX_HEADERS 16

typedef struct {
    const char *name, *value;
} http_pair_t;

struct http_request {
    http_server_t *srv;
    struct MHD_Connection *conn;
    arena_t *arena;
    const char *method, *path;
    char client[64];
    int64_t started_ns;

    /* body, capped at cfg.max_body */
    char *body;
    size_t body_len, body_cap;
    int too_large;    /* 1: announced length over the limit (answered); 2: grew past it */
    size_t discarded; /* bytes dropped after the body grew past the limit */

    const http_route_t *route;
    int metrics_slot;
    http_pair_t params[HTTP_MAX_PARAMS];
    int nparams;

    db_t *db;
    void *context;
    json_t *keep[8];
    int nkeep;

    /* the answer */
    int status;
    struct MHD_Response *response;
    http_pair_t headers[HTTP_MAX_HEADERS];
    int nheaders;
    size_t response_len;
};

struct http_server {
    http_config_t cfg;
    struct MHD_Daemon *daemon;
    int port;
    atomic_int in_flight;
    metrics_t *metrics;
    http_metrics_fn extra_metrics;
    void *extra_metrics_arg;
};

/* router.c */
/* Find the route for method+path. Returns the route, or NULL with *path_matched set
 * when the path exists under another method (405). Fills req->params. */
const http_route_t *router_match(http_request_t *req, const http_route_t *routes, size_t n,
                                 int *path_matched);
/* The Allow header value for a path (methods of all routes matching it). */
char *router_allow(http_request_t *req, const http_route_t *routes, size_t n);

/* static.c: answer GET for an embedded web file; returns 0 if there is none. */
int static_serve(http_request_t *req);

/* metrics.c renders, server.c records */
int metrics_serve(http_request_t *req);

#endif
