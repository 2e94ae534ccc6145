/*
 * api/openapi.c — GET /api/openapi.json (OpenAPI 3.1), generated from the route table
 * and its declared formats (api/schemas.c, rendered by http/schema.c) so the
 * description can never drift from what the server routes and the parser enforces. The document is
 * constant for the life of the process: it is built once, on first request, and the
 * same bytes served after (building it each time cost a fifth of the CPU under load).
 */
#include "ops/app.h"
#include "api/handlers.h"
#include "api/schemas.h"

#include <pthread.h>
#include <stdio.h>
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

/* The path parameters: every {name} of the pattern is a row's id. */
static void add_path_parameters(json_t *params, const char *pattern)
{
    for (const char *p = strchr(pattern, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *end = strchr(p, '}');
        if (end == NULL)
            break;
        json_array_append_new(params, json_pack("{s:s%, s:s, s:b, s:{s:s, s:i}}", "name", p + 1,
                                                (size_t)(end - p - 1), "in", "path", "required", 1,
                                                "schema", "type", "integer", "minimum", 1));
    }
}

/* The query parameters as declared; each is a plain value (never null: absent is how
 * a query leaves one out). */
static void add_query_parameters(json_t *params, const schema_field_t *query, json_t *schemas)
{
    for (const schema_field_t *f = query; f != NULL && f->name != NULL; f++) {
        schema_field_t plain = *f;
        json_t *p;

        plain.required = 1;
        plain.doc = NULL;
        p = json_pack("{s:s, s:s, s:b, s:o}", "name", f->name, "in", "query", "required",
                      f->required, "schema", schema_json(&plain, schemas, 1));
        if (f->doc != NULL)
            json_object_set_new(p, "description", json_string(f->doc));
        json_array_append_new(params, p);
    }
}

static const char *status_doc(int status)
{
    switch (status) {
    case 400:
        return "Malformed request: the error names the field (parties[1].full_name)";
    case 401:
        return "Not signed in, or the session has expired";
    case 403:
        return "No permission, a missing or wrong X-CSRF-Token header, or a change asked "
               "from another site's page (Origin or Referer: cross_origin)";
    case 404:
        return "Not found, or outside the caller's subtree";
    case 409:
        return "Not allowed in the present state of things (a transition, a duplicate)";
    case 413:
        return "The body is over the limit (1 MiB)";
    case 415:
        return "A body that is not Content-Type: application/json (UTF-8)";
    case 422:
        return "Well formed but against a rule (dates out of order, a wrong unit)";
    case 429:
        return "Too many attempts: wait for Retry-After seconds";
    case 503:
        return "The database is busy or unreachable: try again";
    default:
        return "Internal error; it has been logged";
    }
}

static void add_error(json_t *responses, int status)
{
    char key[8];

    snprintf(key, sizeof key, "%d", status);
    json_object_set_new(responses, key,
                        json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", status_doc(status),
                                  "content", "application/json", "schema", "$ref",
                                  "#/components/schemas/Error"));
}

static json_t *success(const schema_reply_t *reply, json_t *schemas)
{
    json_t *r = json_pack("{s:s}", "description", reply->doc);

    if (reply->fields != NULL)
        json_object_set_new(r, "content",
                            json_pack("{s:{s:o}}", "application/json", "schema",
                                      schema_object_json(reply->fields, schemas, 0)));
    return r;
}

/* The answers of a route: its success, and the refusals of its kind (a body or query
 * can be malformed, a permission missing) and those it declares. */
static json_t *responses(const http_route_t *r, json_t *schemas)
{
    json_t *out = json_object();
    char key[8];

    if (r->reply != NULL) {
        snprintf(key, sizeof key, "%d", r->reply->status);
        json_object_set_new(out, key, success(r->reply, schemas));
        if (r->reply->status_too) {
            snprintf(key, sizeof key, "%d", r->reply->status_too);
            json_object_set_new(out, key, success(r->reply, schemas));
        }
        for (const char *e = r->reply->errors; e != NULL && *e != '\0';) {
            char *end;
            long status = strtol(e, &end, 10);
            if (end == e)
                break;
            add_error(out, (int)status);
            e = end;
        }
    } else {
        json_object_set_new(out, "200", json_pack("{s:s}", "description", "JSON"));
    }
    if (r->body != NULL || r->query != NULL)
        add_error(out, 400);
    if (r->perm != 0) {
        add_error(out, 401);
        add_error(out, 403);
    }
    if (r->body != NULL) {
        add_error(out, 413);
        add_error(out, 415);
    }
    if (strcmp(r->method, "GET") != 0) /* every change is checked for its origin */
        add_error(out, 403);
    add_error(out, 500);
    return out;
}

/* "post_api_cases_id_events": unique, as method and pattern are. */
static json_t *operation_id(const http_route_t *r)
{
    char id[160];
    size_t n = 0;

    for (const char *m = method_key(r->method); *m && n < sizeof id - 1; m++)
        id[n++] = *m;
    for (const char *p = r->pattern; *p && n < sizeof id - 1; p++) {
        int alnum =
            (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
        if (alnum)
            id[n++] = *p;
        else if (n > 0 && id[n - 1] != '_')
            id[n++] = '_';
    }
    while (n > 0 && id[n - 1] == '_')
        n--;
    id[n] = '\0';
    return json_string(id);
}

static json_t *operation(const http_route_t *r, json_t *schemas)
{
    json_t *params = json_array();
    json_t *op = json_pack("{s:s, s:o}", "summary", r->summary, "operationId", operation_id(r));

    add_path_parameters(params, r->pattern);
    add_query_parameters(params, r->query, schemas);
    json_object_set_new(op, "parameters", params);
    if (r->body != NULL)
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content",
                                      "application/json", "schema",
                                      schema_object_json(r->body, schemas, 1)));
    json_object_set_new(op, "responses", responses(r, schemas));
    /* Reads need the session cookie; changes also the CSRF token it came with. */
    if (r->perm != 0 && strcmp(r->method, "GET") == 0)
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
    else if (r->perm != 0)
        json_object_set_new(op, "security", json_pack("[{s:[], s:[]}]", "session", "csrf"));
    return op;
}

static json_t *security_schemes(void)
{
    return json_pack("{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}}", "session", "type",
                     "apiKey", "in", "cookie", "name", "thads_session", "description",
                     "Set by POST /api/session", "csrf", "type", "apiKey", "in", "header", "name",
                     "X-CSRF-Token", "description",
                     "The csrf_token of the session, on every request but GET");
}

static void build(const char *version)
{
    json_t *paths = json_object(), *schemas = json_object();

    json_object_set_new(schemas, "Error", schema_object_json(api_error_fields, schemas, 0));
    for (size_t i = 0; i < api_nroutes; i++) {
        const http_route_t *r = &api_routes[i];
        json_t *item = json_object_get(paths, r->pattern);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        json_object_set_new(item, method_key(r->method), operation(r, schemas));
    }
    json_t *doc = json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:o, s:o}}", "openapi", "3.1.0", "info", "title",
        "thads API", "version", version, "description",
        "Case management of civil judgment enforcement. Requests are checked against the "
        "formats below (unknown fields are refused); every error is "
        "{\"error\":{code,message,message_vi,field}}.",
        "paths", paths, "components", "schemas", schemas, "securitySchemes", security_schemes());
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
