/*
 * api/openapi.c — GET /api/openapi.json, generated from the route table so the
 * description can never drift from what the server actually routes. The document is
 * constant for the life of the process: it is built once, on first request, and the
 * same bytes served after (building it each time cost a fifth of the CPU under load).
 */
#include "ops/app.h"
#include "api/handlers.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Built once, at the first request, under the lock (requests arrive on many threads). */
static pthread_mutex_t document_lock = PTHREAD_MUTEX_INITIALIZER;
static int document_built;
static char *document;

static const char *method_key(const char *m)
{
    static const char *const keys[] = {"get", "post", "put", "patch", "delete"};
    static const char *const names[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(m, names[i]) == 0)
            return keys[i];
    return "get";
}

static json_t *path_parameters(const char *pattern)
{
    json_t *params = json_array();

    for (const char *p = strchr(pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (end == NULL)
            break;
        json_array_append_new(params, json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name", p + 1,
                                                (size_t)(end - p - 1), "in", "path", "required", 1,
                                                "schema", "type", "string"));
    }
    return params;
}

static void build(const char *version)
{
    json_t *paths = json_object();

    for (size_t i = 0; i < api_nroutes; i++) {
        const http_route_t *r = &api_routes[i];
        json_t *item = json_object_get(paths, r->pattern);
        json_t *op = json_pack("{s:s, s:o, s:{s:{s:s}}}", "summary", r->summary, "parameters",
                               path_parameters(r->pattern), "responses", "default", "description",
                               "JSON; errors are {\"error\":{code,message,message_vi,field}}");
        if (r->perm != 0)
            json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        json_object_set_new(item, method_key(r->method), op);
    }
    json_t *doc = json_pack("{s:s, s:{s:s, s:s}, s:o, s:{s:{s:{s:s, s:s, s:s}}}}", "openapi",
                            "3.1.0", "info", "title", "thads API", "version", version, "paths",
                            paths, "components", "securitySchemes", "session", "type", "apiKey",
                            "in", "cookie", "name", "thads_session");
    document = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
}

int api_openapi_get(http_request_t *req)
{
    const app_t *app = http_app(req);

    pthread_mutex_lock(&document_lock);
    if (!document_built)
        build(app->version);
    document_built = 1;
    pthread_mutex_unlock(&document_lock);
    if (document == NULL)
        return http_reply_internal(req, "out of memory building the API description");
    return http_reply_bytes(req, 200, "application/json; charset=utf-8", document,
                            strlen(document));
}
