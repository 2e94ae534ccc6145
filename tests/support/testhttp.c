#include "api/handlers.h"
#include "testhttp.h"
#include "testdb.h"
#include "embed.h"
#include "store/migrate.h"
#include "ops/app.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void testhttp_start(test_server_t *ts, const char *engine, const http_route_t *routes,
                    size_t nroutes, void *app, size_t max_body)
{
    http_config_t cfg = {
        .routes = routes,
        .nroutes = nroutes,
        .app = app,
        .max_body = max_body,
    };

    testhttp_start_cfg(ts, engine, &cfg);
}

void testhttp_start_cfg(test_server_t *ts, const char *engine, const http_config_t *given)
{
    char err[512];
    db_t *db;
    http_config_t cfg = *given;

    if (cfg.listen == NULL)
        cfg.listen = "127.0.0.1:0";
    if (cfg.threads == 0)
        cfg.threads = 2;
    if (cfg.max_body == 0)
        cfg.max_body = 1u << 20;
    if (cfg.version == NULL)
        cfg.version = "test";
    if (cfg.authorize == NULL)
        cfg.authorize = api_authorize;
    if (cfg.after == NULL)
        cfg.after = api_after;

    /* Nothing of a previous server: cmocka runs a group's teardown even when its setup
     * failed, and testhttp_stop must then find nothing to stop. */
    ts->srv = NULL;
    ts->pool = NULL;
    db = testdb_open_migrated(engine);
    db_close(db);
    snprintf(ts->url, sizeof ts->url, "%s", testdb_url_last());
    if (db_pool_open(ts->url, cfg.threads, &ts->pool, err, sizeof err) != DB_OK)
        fail_msg("pool: %s", err);
    cfg.pool = ts->pool;
    if (http_server_start(&cfg, &ts->srv, err, sizeof err) != 0)
        fail_msg("server: %s", err);
    ts->port = http_server_port(ts->srv);
    assert_true(ts->port > 0);
}

void testhttp_stop(test_server_t *ts)
{
    http_server_stop(ts->srv, 5000); /* both take NULL */
    db_pool_close(ts->pool);
    ts->srv = NULL;
    ts->pool = NULL;
}

typedef struct {
    char *data;
    size_t len;
} buf_t;

static size_t collect(char *ptr, size_t size, size_t n, void *arg)
{
    buf_t *b = arg;
    size_t add = size * n;
    char *nd = realloc(b->data, b->len + add + 1);

    if (nd == NULL)
        return 0;
    memcpy(nd + b->len, ptr, add);
    b->data = nd;
    b->len += add;
    b->data[b->len] = '\0';
    return add;
}

typedef struct {
    const char *data;
    size_t len, pos;
} upload_t;

static size_t feed(char *ptr, size_t size, size_t n, void *arg)
{
    upload_t *u = arg;
    size_t left = u->len - u->pos, want = size * n;

    if (want > left)
        want = left;
    if (want > 1000) /* small pieces, so a chunked body really arrives in chunks */
        want = 1000;
    memcpy(ptr, u->data + u->pos, want);
    u->pos += want;
    return want;
}

void testhttp_request(test_server_t *ts, const char *method, const char *path, const char *body,
                      const char *const *extra_headers, int chunked, test_response_t *out)
{
    CURL *c = curl_easy_init();
    struct curl_slist *hdrs = NULL;
    buf_t b = {0}, h = {0};
    upload_t up = {body, body ? strlen(body) : 0, 0};
    char url[1400];
    json_error_t jerr;

    memset(out, 0, sizeof *out);
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", ts->port, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    int own_type = 0;

    for (const char *const *x = extra_headers; x && *x; x++) {
        hdrs = curl_slist_append(hdrs, *x);
        own_type |= strncasecmp(*x, "Content-Type:", 13) == 0;
    }
    if (body != NULL) {
        if (chunked) {
            hdrs = curl_slist_append(hdrs, "Transfer-Encoding: chunked");
            curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
            curl_easy_setopt(c, CURLOPT_READDATA, &up);
        } else {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)up.len);
        }
        if (!own_type) /* "Content-Type:" in extra_headers sends none */
            hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
        hdrs = curl_slist_append(hdrs, "Expect:");
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    CURLcode rc = curl_easy_perform(c);
    /* A server that answers 413 and closes mid-upload may make curl report a send
     * error after it has the status; the status is what the test looks at. */
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    if (rc != CURLE_OK && out->status == 0)
        fail_msg("%s %s: %s", method, path, curl_easy_strerror(rc));
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    out->body = b.data ? b.data : calloc(1, 1);
    out->body_len = b.len;
    out->headers = h.data ? h.data : calloc(1, 1);
    out->json = json_loadb(out->body, out->body_len, 0, &jerr);
}

void testhttp_response_free(test_response_t *r)
{
    free(r->body);
    free(r->headers);
    json_decref(r->json);
    memset(r, 0, sizeof *r);
}

const char *testhttp_header(const test_response_t *r, const char *name, char *buf, size_t len)
{
    size_t nlen = strlen(name);

    for (const char *line = r->headers; line && *line;) {
        const char *end = strstr(line, "\r\n");
        size_t llen = end ? (size_t)(end - line) : strlen(line);
        if (llen > nlen && strncasecmp(line, name, nlen) == 0 && line[nlen] == ':') {
            const char *v = line + nlen + 1;
            while (*v == ' ')
                v++;
            snprintf(buf, len, "%.*s", (int)(line + llen - v), v);
            return buf;
        }
        line = end ? end + 2 : NULL;
    }
    return NULL;
}

const char *testhttp_error_code(const test_response_t *r)
{
    return json_string_value(json_object_get(json_object_get(r->json, "error"), "code"));
}

const char *testhttp_error_field(const test_response_t *r)
{
    return json_string_value(json_object_get(json_object_get(r->json, "error"), "field"));
}
