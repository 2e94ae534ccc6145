/*
 * tests/support/testhttp.h — run the real HTTP server in-process on a free
 * loopback port and talk to it with libcurl, as a browser or script would.
 */
#ifndef THADS_TESTS_TESTHTTP_H
#define THADS_TESTS_TESTHTTP_H

#include "http/http.h"

#include <stddef.h>

typedef struct {
    http_server_t *srv;
    db_pool_t *pool;
    int port;
    char url[1200];
} test_server_t;

typedef struct {
    long status;
    char *body; /* NUL-terminated */
    size_t body_len;
    char *headers; /* raw response header block */
    json_t *json;  /* body parsed, if it was JSON */
} test_response_t;

/* Start a server for the routes on a fresh migrated database of engine. app is
 * passed to handlers. max_body 0 means 1 MiB. */
void testhttp_start(test_server_t *ts, const char *engine, const http_route_t *routes,
                    size_t nroutes, void *app, size_t max_body);
/* The same with the server's settings taken from cfg (limits, timeouts, metrics token,
 * allowed origins, access log, routes, app). Left zero or NULL in cfg: listen
 * 127.0.0.1:0, 2 threads, 1 MiB bodies, api's authorizer and after-hook; the pool is
 * always the fresh database's. */
void testhttp_start_cfg(test_server_t *ts, const char *engine, const http_config_t *cfg);
void testhttp_stop(test_server_t *ts);

/* Send a request. body may be NULL; extra_headers is a NULL-terminated list of
 * "Name: value" lines (may be NULL). chunked sends the body with chunked encoding. A
 * body goes with Content-Type: application/json unless extra_headers has a
 * Content-Type line ("Content-Type:" alone sends none). */
void testhttp_request(test_server_t *ts, const char *method, const char *path, const char *body,
                      const char *const *extra_headers, int chunked, test_response_t *out);
void testhttp_response_free(test_response_t *r);

/* Define the group setups start_sqlite and start_postgres, each calling
 * start_on("sqlite") or start_on("postgres"), for a test file that runs its group once
 * per engine. */
#define TESTHTTP_ENGINE_SETUPS(start_on)                                                           \
    static int start_sqlite(void **state)                                                          \
    {                                                                                              \
        (void)state;                                                                               \
        return start_on("sqlite");                                                                 \
    }                                                                                              \
    static int start_postgres(void **state)                                                        \
    {                                                                                              \
        (void)state;                                                                               \
        return start_on("postgres");                                                               \
    }
/* The value of a response header (case-insensitive name), copied to buf; NULL if absent. */
const char *testhttp_header(const test_response_t *r, const char *name, char *buf, size_t len);
/* The error code string of a JSON error response, or NULL. */
const char *testhttp_error_code(const test_response_t *r);
const char *testhttp_error_field(const test_response_t *r);

#endif
