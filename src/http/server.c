/*
 * http/server.c — libmicrohttpd glue: one request from first byte to log line.
 *
 * libmicrohttpd calls access_handler() several times per request:
 *   1. headers parsed (*con_cls == NULL): we create the request and its arena, and
 *      refuse an announced body over the limit with 413 before any routing;
 *   2. once per body chunk: we append up to the limit. A chunked body (no length
 *      announced) that grows past it cannot be answered mid-upload — libmicrohttpd
 *      0.9.75 accepts a response only before or after the body — so the rest is
 *      discarded and answered 413 at its end; past DISCARD_FACTOR times the limit
 *      the connection is closed instead, so nobody can stream forever;
 *   3. once more with no data: route, authorize, run the handler, queue the answer.
 * request_completed() then records metrics, writes the access log line, gives the
 * database connection back and frees the arena — whatever happened before.
 *
 * Threads: MHD's internal epoll thread pool (cfg.threads). A handler runs on a pool
 * thread and may block on the database; the pool has as many connections as threads.
 *
 * Deadlines: the database connection a request takes (http_db) carries the request's
 * deadline, cfg.request_timeout after its headers arrived, and a question the store asks
 * once a statement has run a while and then every few milliseconds — is the client still
 * connected? (client_gone: a poll of its socket for a hang-up). A thread of the pool
 * serves its connections one request at a time, so without this a burst of requests
 * whose clients have left holds every thread for as long as their work takes, and
 * nobody else is answered meanwhile. Work stopped answers 504 past the deadline, and
 * nothing (the connection is closed, status 499 in the metrics and the log) to a client
 * that has gone; nothing it wrote is committed (db.h).
 *
 * Slow clients: libmicrohttpd closes a connection silent for cfg.timeout seconds and
 * refuses connections over cfg.per_ip_connections from one address and over
 * cfg.max_connections in all, so one address cannot hold every connection.
 */
#include "http/internal.h"

#include <arpa/inet.h>
#include <sodium.h>
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define ARENA_CAP      ((size_t)64 << 20) /* no single request needs more; a bug would */
#define DISCARD_FACTOR 8

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- accessors ---- */

const char *http_method(const http_request_t *req)
{
    return req->method;
}

const char *http_path(const http_request_t *req)
{
    return req->path;
}

const char *http_param(const http_request_t *req, const char *name)
{
    for (int i = 0; i < req->nparams; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return req->params[i].value;
    return NULL;
}

const char *http_query(const http_request_t *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

typedef struct {
    const schema_field_t *declared;
    const char *unknown;
} unknown_t;

static enum MHD_Result keep_unknown(void *arg, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    unknown_t *u = arg;
    const schema_field_t *f = u->declared;

    (void)kind;
    (void)value;
    while (f != NULL && f->name != NULL && strcmp(f->name, key) != 0)
        f++;
    if (f == NULL || f->name == NULL) {
        u->unknown = key;
        return MHD_NO;
    }
    return MHD_YES;
}

const char *http_query_unknown(const http_request_t *req)
{
    unknown_t u = {req->route ? req->route->query : NULL, NULL};

    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, keep_unknown, &u);
    return u.unknown;
}

const char *http_header(const http_request_t *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(const http_request_t *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *http_client_addr(const http_request_t *req)
{
    return req->client;
}

const char *http_body(const http_request_t *req, size_t *len)
{
    *len = req->body_len;
    return req->body ? req->body : "";
}

const http_route_t *http_route(const http_request_t *req)
{
    return req->route;
}

int http_status(const http_request_t *req)
{
    return req->status;
}

arena_t *http_arena(http_request_t *req)
{
    return req->arena;
}

void *http_app(const http_request_t *req)
{
    return req->srv->cfg.app;
}

const http_config_t *http_config(const http_request_t *req)
{
    return &req->srv->cfg;
}

/* Has the client closed its end of the connection (or reset it)? A hang-up shows on
 * the socket even when a pipelined request is waiting unread before it. A client that
 * only shuts down its sending side and waits for the answer counts as gone too; HTTP
 * clients do not do that. One poll(2), no waiting. */
static int client_gone(void *arg)
{
    http_request_t *req = arg;
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    struct pollfd p;

    if (ci == NULL)
        return 0;
    p.fd = ci->connect_fd;
    p.events = POLLRDHUP;
    p.revents = 0;
    if (poll(&p, 1, 0) <= 0)
        return 0;
    return (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

db_t *http_db(http_request_t *req)
{
    if (req->db == NULL) {
        unsigned limit = req->srv->cfg.request_timeout ? req->srv->cfg.request_timeout
                                                       : (unsigned)HTTP_DEFAULT_REQUEST_TIMEOUT;
        req->db = db_pool_acquire(req->srv->cfg.pool);
        db_set_deadline(req->db, req->started_ns + (int64_t)limit * 1000000000, client_gone, req);
    }
    return req->db;
}

void http_set_context(http_request_t *req, void *context)
{
    req->context = context;
}

void *http_context(const http_request_t *req)
{
    return req->context;
}

json_t *http_keep(http_request_t *req, json_t *j)
{
    if (j == NULL)
        return NULL;
    if (req->nkeep == (int)(sizeof req->keep / sizeof req->keep[0])) {
        /* Handlers keep one or two documents; running out is a programming error. */
        json_decref(req->keep[0]);
        memmove(req->keep, req->keep + 1, sizeof req->keep - sizeof req->keep[0]);
        req->nkeep--;
    }
    req->keep[req->nkeep++] = j;
    return j;
}

/* ---- answering ---- */

void http_add_header(http_request_t *req, const char *name, const char *value)
{
    if (req->nheaders == HTTP_MAX_HEADERS)
        return;
    req->headers[req->nheaders].name = arena_strdup(req->arena, name);
    req->headers[req->nheaders].value = arena_strdup(req->arena, value);
    if (req->headers[req->nheaders].name && req->headers[req->nheaders].value)
        req->nheaders++;
}

/* The answer from len bytes at data: copied, kept (data outlives the server's answers),
 * or handed over (malloc'd; freed with the answer, or here if there is none). */
static int reply_buffer(http_request_t *req, int status, const char *content_type, void *data,
                        size_t len, enum MHD_ResponseMemoryMode mode)
{
    if (req->response != NULL)
        MHD_destroy_response(req->response);
    req->response = MHD_create_response_from_buffer(len, data, mode);
    if (req->response == NULL && mode == MHD_RESPMEM_MUST_FREE)
        free(data);
    req->status = status;
    req->response_len = len;
    if (req->response != NULL && content_type != NULL)
        MHD_add_response_header(req->response, "Content-Type", content_type);
    return status;
}

int http_reply_bytes(http_request_t *req, int status, const char *content_type, const void *data,
                     size_t len)
{
    return reply_buffer(req, status, content_type, (void *)data, len, MHD_RESPMEM_MUST_COPY);
}

int http_reply_static(http_request_t *req, int status, const char *content_type, const void *data,
                      size_t len)
{
    return reply_buffer(req, status, content_type, (void *)data, len, MHD_RESPMEM_PERSISTENT);
}

/* The text jansson wrote is the answer's buffer, not copied again: a list page is 32 KB. */
int http_reply_json(http_request_t *req, int status, json_t *body)
{
    char *text;

    if (body == NULL)
        return http_reply_bytes(req, status, "application/json; charset=utf-8", "", 0);
    text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (text == NULL)
        return http_reply_bytes(req, 500, "application/json", "{\"error\":{\"code\":\"internal\"}}",
                                29);
    return reply_buffer(req, status, "application/json; charset=utf-8", text, strlen(text),
                        MHD_RESPMEM_MUST_FREE);
}

int http_reply_error(http_request_t *req, int status, const char *code, const char *field,
                     const char *message_en, const char *message_vi)
{
    json_t *err =
        json_pack("{s:s, s:s, s:s, s:o}", "code", code, "message", message_en, "message_vi",
                  message_vi, "field", field ? json_string(field) : json_null());
    return http_reply_json(req, status, json_pack("{s:o}", "error", err));
}

int http_reply_not_found(http_request_t *req)
{
    return http_reply_error(req, 404, "not_found", NULL, "Not found.", "Không tìm thấy.");
}

int http_reply_internal(http_request_t *req, const char *what)
{
    char m[HTTP_LOG_METHOD], path[HTTP_LOG_PATH];

    fprintf(stderr, "thads: internal error on %s %s: %s\n", log_escape(m, sizeof m, req->method),
            log_escape(path, sizeof path, req->path), what);
    return http_reply_error(req, 500, "internal", NULL, "Internal error; it has been logged.",
                            "Lỗi hệ thống; lỗi đã được ghi nhận.");
}

void http_note_db_error(http_request_t *req)
{
    metrics_db_error(req->srv->metrics);
}

int http_reply_db_error(http_request_t *req, db_t *db)
{
    char m[HTTP_LOG_METHOD], path[HTTP_LOG_PATH], msg[512];

    http_note_db_error(req);
    /* The database's message may quote a value the client sent. */
    fprintf(stderr, "thads: database error on %s %s: [%s] %s\n",
            log_escape(m, sizeof m, req->method), log_escape(path, sizeof path, req->path),
            db_sqlstate(db), log_escape(msg, sizeof msg, db_errmsg(db)));
    if (strncmp(db_sqlstate(db), "08", 2) == 0 || strcmp(db_sqlstate(db), "40001") == 0)
        return http_reply_error(req, 503, "db_unavailable", NULL,
                                "The database is busy or unreachable; try again.",
                                "Cơ sở dữ liệu đang bận hoặc không truy cập được; hãy thử lại.");
    return http_reply_error(req, 500, "internal", NULL, "Internal error; it has been logged.",
                            "Lỗi hệ thống; lỗi đã được ghi nhận.");
}

/* ---- request lifecycle ---- */

static http_request_t *request_new(http_server_t *srv, struct MHD_Connection *conn, const char *url,
                                   const char *method)
{
    arena_t *arena = arena_new(ARENA_CAP);
    http_request_t *req;
    const union MHD_ConnectionInfo *ci;

    if (arena == NULL)
        return NULL;
    req = arena_alloc(arena, sizeof *req);
    if (req == NULL) {
        arena_free(arena);
        return NULL;
    }
    req->srv = srv;
    req->conn = conn;
    req->arena = arena;
    req->method = arena_strdup(arena, method);
    req->path = arena_strdup(arena, url);
    req->started_ns = now_ns();
    req->metrics_slot = (int)metrics_slot_unmatched(srv->metrics);
    snprintf(req->client, sizeof req->client, "-");
    ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci != NULL && ci->client_addr != NULL) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, req->client,
                      sizeof req->client);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, req->client,
                      sizeof req->client);
    }
    atomic_fetch_add(&srv->in_flight, 1);
    return req;
}

static void add_standard_headers(http_request_t *req)
{
    struct MHD_Response *r = req->response;

    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    if (strncmp(req->path, "/api/", 5) == 0 || req->status >= 400)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    for (int i = 0; i < req->nheaders; i++)
        MHD_add_response_header(r, req->headers[i].name, req->headers[i].value);
}

static enum MHD_Result queue_answer(http_request_t *req)
{
    enum MHD_Result ok;

    if (req->response == NULL) /* the handler failed to answer, or memory ran out */
        http_reply_error(req, 500, "internal", NULL, "Internal error.", "Lỗi hệ thống.");
    if (req->response == NULL)
        return MHD_NO;
    add_standard_headers(req);
    ok = MHD_queue_response(req->conn, (unsigned)req->status, req->response);
    MHD_destroy_response(req->response);
    req->response = NULL;
    return ok;
}

static int reply_too_large(http_request_t *req)
{
    char en[128], vi[160];

    snprintf(en, sizeof en, "The request body is larger than %zu bytes.", req->srv->cfg.max_body);
    snprintf(vi, sizeof vi, "Dữ liệu gửi lên vượt quá %zu byte.", req->srv->cfg.max_body);
    /* The rest of the body is not read: the connection closes after the answer. */
    http_add_header(req, "Connection", "close");
    return http_reply_error(req, 413, "payload_too_large", NULL, en, vi);
}

static int append_body(http_request_t *req, const char *data, size_t n)
{
    size_t max = req->srv->cfg.max_body;

    if (req->body_len + n > max)
        return -1;
    if (req->body_len + n + 1 > req->body_cap) {
        size_t cap = req->body_cap ? req->body_cap * 2 : 4096;
        char *nb;
        while (cap < req->body_len + n + 1)
            cap *= 2;
        if (cap > max + 1)
            cap = max + 1;
        nb = realloc(req->body, cap);
        if (nb == NULL)
            return -1;
        req->body = nb;
        req->body_cap = cap;
    }
    memcpy(req->body + req->body_len, data, n);
    req->body_len += n;
    req->body[req->body_len] = '\0';
    return 0;
}

/* Does the request carry "Authorization: Bearer <cfg.metrics_token>"? Both are hashed
 * first, so the comparison takes the same time whatever their lengths and contents. */
static int metrics_allowed(http_request_t *req)
{
    const char *token = req->srv->cfg.metrics_token;
    const char *auth = http_header(req, "Authorization");
    unsigned char want[crypto_generichash_BYTES], got[crypto_generichash_BYTES];

    if (token == NULL || token[0] == '\0' || auth == NULL || strncasecmp(auth, "Bearer ", 7) != 0)
        return 0;
    auth += 7;
    while (*auth == ' ')
        auth++;
    crypto_generichash(want, sizeof want, (const unsigned char *)token, strlen(token), NULL, 0);
    crypto_generichash(got, sizeof got, (const unsigned char *)auth, strlen(auth), NULL, 0);
    return sodium_memcmp(want, got, sizeof want) == 0;
}

/* ---- cross-site requests ---- */

static int state_changing(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

/* Is origin ("https://host[:port]", any case, one trailing '/' ignored) in the
 * comma-separated list? */
static int origin_listed(const char *list, const char *origin)
{
    size_t n = strlen(origin);

    if (n > 0 && origin[n - 1] == '/')
        n--;
    for (const char *p = list; p != NULL && *p != '\0';) {
        size_t len = strcspn(p, ",");
        const char *q = p;
        size_t m = len;
        while (m > 0 && *q == ' ')
            q++, m--;
        while (m > 0 && (q[m - 1] == ' ' || q[m - 1] == '/'))
            m--;
        if (m == n && m > 0 && strncasecmp(q, origin, n) == 0)
            return 1;
        p += len;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* Length of authority a (up to its end or a '/') without a trailing ":<dflt_port>". */
static size_t authority_len(const char *a, const char *dflt_port)
{
    size_t n = strcspn(a, "/"), d = strlen(dflt_port);

    if (n > d + 1 && a[n - d - 1] == ':' && strncmp(a + n - d, dflt_port, d) == 0)
        n -= d + 1;
    return n;
}

/* Was the request sent by a page of this server, or by no page at all? The origin is
 * the Origin header, else the scheme and authority of the Referer; it must name the
 * Host the request came to (default ports aside) or be one of cfg.allowed_origins.
 * "null" (a sandboxed frame, a redirect) and other schemes are foreign. */
static int same_origin(http_request_t *req)
{
    const char *origin = http_header(req, "Origin"), *host = http_header(req, "Host"), *auth;
    const char *dflt;
    char buf[512];

    if (origin == NULL) {
        const char *ref = http_header(req, "Referer"), *sep;
        size_t n;
        if (ref == NULL)
            return 1;
        sep = strstr(ref, "://");
        if (sep == NULL)
            return 0;
        n = (size_t)(sep + 3 - ref) + strcspn(sep + 3, "/?#");
        if (n >= sizeof buf)
            return 0;
        memcpy(buf, ref, n);
        buf[n] = '\0';
        origin = buf;
    }
    if (origin_listed(req->srv->cfg.allowed_origins, origin))
        return 1;
    if (strncasecmp(origin, "http://", 7) == 0)
        auth = origin + 7, dflt = "80";
    else if (strncasecmp(origin, "https://", 8) == 0)
        auth = origin + 8, dflt = "443";
    else
        return 0;
    if (host == NULL || strchr(auth, '@') != NULL)
        return 0;
    size_t full = strcspn(auth, "/"), alen, hlen;
    if (auth[full] != '\0' && strcmp(auth + full, "/") != 0) /* an origin has no path */
        return 0;
    alen = authority_len(auth, dflt);
    hlen = authority_len(host, dflt);
    return alen > 0 && alen == hlen && strncasecmp(auth, host, alen) == 0;
}

/* "application/json", any case, with parameters after ';' of which a charset must be
 * UTF-8 (the body is read as UTF-8). */
static int json_content_type(const char *ct)
{
    const char *cs;

    if (ct == NULL)
        return 0;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    if (strncasecmp(ct, "application/json", 16) != 0)
        return 0;
    ct += 16;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    if (*ct == '\0')
        return 1;
    if (*ct != ';')
        return 0;
    for (cs = ct; (cs = strchr(cs, ';')) != NULL;) {
        cs++;
        while (*cs == ' ' || *cs == '\t')
            cs++;
        if (strncasecmp(cs, "charset=", 8) == 0) {
            cs += 8;
            if (*cs == '"')
                cs++;
            if (strncasecmp(cs, "utf-8", 5) != 0 ||
                (cs[5] != '\0' && cs[5] != '"' && cs[5] != ';' && cs[5] != ' '))
                return 0;
        }
    }
    return 1;
}

/* Before authorization and the handler: a state-changing request from another site
 * (a page elsewhere posting to a signed-in browser's session, or signing it in to
 * the attacker's account) is refused with 403, and a body that is not declared JSON
 * (a form or text/plain, which a page elsewhere can send without asking) with 415.
 * Returns 0 to go on. */
static int refuse_cross_site(http_request_t *req)
{
    if (state_changing(req->method) && !same_origin(req))
        return http_reply_error(req, 403, "cross_origin", NULL,
                                "Requests from another site are refused.",
                                "Yêu cầu gửi từ trang web khác bị từ chối.");
    if ((req->route->body != NULL || req->body_len > 0) &&
        !json_content_type(http_header(req, "Content-Type")))
        return http_reply_error(
            req, 415, "unsupported_media_type", NULL,
            "The body must be JSON, sent with Content-Type: application/json.",
            "Dữ liệu gửi lên phải là JSON, gửi kèm Content-Type: application/json.");
    return 0;
}

static void dispatch(http_request_t *req)
{
    http_server_t *srv = req->srv;
    const http_config_t *cfg = &srv->cfg;
    int path_matched = 0;

    if (strcmp(req->path, "/metrics") == 0) {
        /* Anyone else is told there is nothing here, as for any unknown path. */
        req->metrics_slot = (int)metrics_slot_static(srv->metrics);
        if (strcmp(req->method, "GET") == 0 && metrics_allowed(req))
            metrics_serve(req);
        else
            http_reply_not_found(req);
        return;
    }
    req->route = router_match(req, cfg->routes, cfg->nroutes, &path_matched);
    if (req->route != NULL) {
        req->metrics_slot = (int)(req->route - cfg->routes);
        if (refuse_cross_site(req) == 0 &&
            (req->route->perm == 0 || cfg->authorize == NULL ||
             cfg->authorize(req, req->route) == 0) &&
            http_query_check(req) == 0)
            req->route->handler(req);
        if (cfg->after != NULL)
            cfg->after(req);
        return;
    }
    if (path_matched) {
        char *allow = router_allow(req, cfg->routes, cfg->nroutes);
        if (allow)
            http_add_header(req, "Allow", allow);
        http_reply_error(req, 405, "method_not_allowed", NULL, "This method is not allowed here.",
                         "Phương thức này không được hỗ trợ ở đây.");
        return;
    }
    if (strncmp(req->path, "/api/", 5) != 0 &&
        (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0)) {
        req->metrics_slot = (int)metrics_slot_static(srv->metrics);
        if (static_serve(req))
            return;
    }
    http_reply_not_found(req);
}

/* The request's database work was stopped (http_db): whatever the handler answered —
 * an internal error, a 503, a page cut short — is replaced. Past the deadline the client
 * is told so (504); a client that has gone gets nothing and its connection is closed. */
static enum MHD_Result answer_interrupted(http_request_t *req)
{
    char en[160], vi[200];
    unsigned limit = req->srv->cfg.request_timeout ? req->srv->cfg.request_timeout
                                                   : (unsigned)HTTP_DEFAULT_REQUEST_TIMEOUT;
    int gone = db_interrupted(req->db) == DB_STOPPED_GONE;

    metrics_interrupted(req->srv->metrics, gone);
    req->nheaders = 0;
    if (gone) {
        if (req->response != NULL)
            MHD_destroy_response(req->response);
        req->response = NULL;
        req->status = 499;
        return MHD_NO;
    }
    snprintf(en, sizeof en,
             "The request took longer than %u seconds and was stopped; nothing "
             "was changed. Narrow it down, or try again later.",
             limit);
    snprintf(vi, sizeof vi,
             "Yêu cầu chạy quá %u giây nên đã bị dừng; chưa có gì thay đổi. "
             "Hãy thu hẹp yêu cầu hoặc thử lại sau.",
             limit);
    http_reply_error(req, 504, "request_timeout", NULL, en, vi);
    return queue_answer(req);
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
{
    http_server_t *srv = cls;
    http_request_t *req = *con_cls;
    (void)version;

    if (req == NULL) {
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        req = request_new(srv, conn, url, method);
        if (req == NULL)
            return MHD_NO;
        *con_cls = req;
        if (cl != NULL) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno != 0 || *end != '\0' || n > srv->cfg.max_body) {
                req->too_large = 1;
                reply_too_large(req);
                return queue_answer(req);
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (req->too_large == 1) /* answered already, from the announced length */
            ;
        else if (req->too_large == 2 || append_body(req, upload_data, *upload_data_size) != 0) {
            req->too_large = 2;
            req->discarded += *upload_data_size;
            if (req->discarded / DISCARD_FACTOR > srv->cfg.max_body)
                return MHD_NO;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->too_large == 1)
        return MHD_YES;
    if (req->too_large == 2) {
        reply_too_large(req);
        return queue_answer(req);
    }
    dispatch(req);
    if (req->db != NULL && db_interrupted(req->db))
        return answer_interrupted(req);
    return queue_answer(req);
}

static void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    http_server_t *srv = cls;
    http_request_t *req = *con_cls;
    int64_t micros;
    (void)conn;

    if (req == NULL)
        return;
    micros = (now_ns() - req->started_ns) / 1000;
    if (req->status == 0) /* the client went away before an answer */
        req->status = 499;
    metrics_record(srv->metrics, (size_t)req->metrics_slot, req->status, micros);
    if (srv->cfg.access_log) {
        char when[32], m[HTTP_LOG_METHOD], path[HTTP_LOG_PATH];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        fprintf(stderr, "%s %s \"%s %s\" %d %zu %.1fms%s\n", when, req->client,
                log_escape(m, sizeof m, req->method), log_escape(path, sizeof path, req->path),
                req->status, req->response_len, (double)micros / 1000.0,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    }
    if (req->db != NULL) {
        db_set_deadline(req->db, 0, NULL, NULL);
        db_pool_release(srv->cfg.pool, req->db);
    }
    for (int i = 0; i < req->nkeep; i++)
        json_decref(req->keep[i]);
    if (req->response != NULL)
        MHD_destroy_response(req->response);
    free(req->body);
    *con_cls = NULL;
    arena_free(req->arena);
    atomic_fetch_sub(&srv->in_flight, 1);
}

/* ---- start and stop ---- */

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    char *end;
    long port;
    size_t hlen;

    if (colon == NULL)
        return -1;
    port = strtol(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end != '\0' || port < 0 || port > 65535)
        return -1;
    hlen = (size_t)(colon - listen);
    if (hlen >= sizeof host)
        return -1;
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    memset(ss, 0, sizeof *ss);
    if (hlen >= 2 && host[0] == '[' && host[hlen - 1] == ']') {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        host[hlen - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
            return -1;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *len = sizeof *a6;
        return 0;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    if (inet_pton(AF_INET, hlen ? host : "0.0.0.0", &a4->sin_addr) != 1)
        return -1;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *len = sizeof *a4;
    return 0;
}

/* glibc hands the top of a thread's arena back to the kernel whenever more than
 * M_TRIM_THRESHOLD (128 KiB at first) lies free there. SQLite opens a pager and its page
 * cache for every temporary b-tree a statement uses (a recursive CTE's queue, an IN list)
 * and frees them when the statement ends: on a request thread that was an madvise, a TLB
 * shootdown across the cores and page faults to map the memory back, several times a
 * request. Fixed thresholds keep a few MiB free at each arena's top instead (setting one
 * turns off glibc's moving mmap threshold, so that one is fixed too). The peak RSS does
 * not change: those pages were in use anyway. Process-wide, and harmless to repeat. */
#define HTTP_MALLOC_TRIM_THRESHOLD (4 << 20)
#define HTTP_MALLOC_MMAP_THRESHOLD (1 << 20)

static void tune_malloc(void)
{
#if defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    (void)mallopt(M_MMAP_THRESHOLD, HTTP_MALLOC_MMAP_THRESHOLD);
    (void)mallopt(M_TRIM_THRESHOLD, HTTP_MALLOC_TRIM_THRESHOLD);
#endif
}

int http_server_start(const http_config_t *cfg, http_server_t **out, char *err, size_t errlen)
{
    http_server_t *srv;
    struct sockaddr_storage ss;
    socklen_t sslen;
    const union MHD_DaemonInfo *info;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;

    *out = NULL;
    tune_malloc();
    if (parse_listen(cfg->listen, &ss, &sslen) != 0) {
        snprintf(err, errlen, "bad listen address '%s' (want HOST:PORT, e.g. 127.0.0.1:8080)",
                 cfg->listen);
        return -1;
    }
    srv = calloc(1, sizeof *srv);
    if (srv == NULL || (srv->metrics = metrics_new(cfg->nroutes)) == NULL) {
        free(srv);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    srv->cfg = *cfg;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* The listening socket gets libmicrohttpd's default, SO_REUSEADDR (a restarted server
     * binds while its old connections linger in TIME_WAIT); MHD_OPTION_LISTENING_ADDRESS_REUSE
     * would add SO_REUSEPORT, and a second server on the port would bind and take half of
     * the new connections instead of failing. */
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, access_handler, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 1),
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, srv, MHD_OPTION_CONNECTION_TIMEOUT,
        cfg->timeout ? cfg->timeout : (unsigned)HTTP_DEFAULT_TIMEOUT, MHD_OPTION_CONNECTION_LIMIT,
        cfg->max_connections ? cfg->max_connections : (unsigned)HTTP_DEFAULT_MAX_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        cfg->per_ip_connections ? cfg->per_ip_connections : (unsigned)HTTP_DEFAULT_PER_IP,
        MHD_OPTION_END);
    if (srv->daemon == NULL) {
        snprintf(err, errlen, "cannot listen on %s (address in use or not permitted)", cfg->listen);
        metrics_free(srv->metrics);
        free(srv);
        return -1;
    }
    info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : 0;
    *out = srv;
    return 0;
}

int http_server_port(const http_server_t *srv)
{
    return srv->port;
}

void http_server_add_metrics(http_server_t *srv, http_metrics_fn fn, void *arg)
{
    srv->extra_metrics = fn;
    srv->extra_metrics_arg = arg;
}

void http_server_stop(http_server_t *srv, int timeout_ms)
{
    MHD_socket fd;

    if (srv == NULL)
        return;
    fd = MHD_quiesce_daemon(srv->daemon);
    for (int waited = 0; atomic_load(&srv->in_flight) > 0 && waited < timeout_ms; waited += 10)
        usleep(10 * 1000);
    MHD_stop_daemon(srv->daemon);
    /* Closed only now: libmicrohttpd's threads may still use the listening socket until
     * MHD_stop_daemon returns (its manual, MHD_quiesce_daemon; ThreadSanitizer saw the
     * worker's epoll_ctl race the close). */
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    metrics_free(srv->metrics);
    free(srv);
}
