/*
 * http/router.c — match a path against the route table.
 *
 * A linear scan over the table, segment by segment. thads has tens of routes, so
 * this costs well under a microsecond; a trie would pay off only past ~1000 routes.
 */
#include "http/internal.h"

#include <string.h>

/* Does path match pattern? Fills req->params when it does (and fill is set). */
static int match(http_request_t *req, const char *pattern, const char *path, int fill)
{
    const char *p = pattern, *s = path;
    int n = 0;

    while (*p && *s) {
        if (*p == '{') {
            const char *pend = strchr(p, '}');
            const char *send = strchr(s, '/');
            size_t vlen = send ? (size_t)(send - s) : strlen(s);
            if (pend == NULL || vlen == 0 || n == HTTP_MAX_PARAMS)
                return 0;
            if (fill) {
                req->params[n].name = arena_strndup(req->arena, p + 1, (size_t)(pend - p - 1));
                req->params[n].value = arena_strndup(req->arena, s, vlen);
            }
            n++;
            p = pend + 1;
            s += vlen;
            continue;
        }
        if (*p != *s)
            return 0;
        p++;
        s++;
    }
    if (*p != '\0' || *s != '\0')
        return 0;
    if (fill)
        req->nparams = n;
    return 1;
}

static int same_method(const char *route_method, const char *method)
{
    /* HEAD is answered by the GET handler; libmicrohttpd drops the body. */
    return strcmp(route_method, method) == 0 ||
           (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

const http_route_t *router_match(http_request_t *req, const http_route_t *routes, size_t n,
                                 int *path_matched)
{
    *path_matched = 0;
    for (size_t i = 0; i < n; i++) {
        if (!match(req, routes[i].pattern, req->path, 0))
            continue;
        if (same_method(routes[i].method, req->method)) {
            match(req, routes[i].pattern, req->path, 1);
            return &routes[i];
        }
        *path_matched = 1;
    }
    return NULL;
}

char *router_allow(http_request_t *req, const http_route_t *routes, size_t n)
{
    char *allow = "";

    for (size_t i = 0; i < n; i++)
        if (match(req, routes[i].pattern, req->path, 0))
            allow =
                arena_printf(req->arena, "%s%s%s", allow, allow[0] ? ", " : "", routes[i].method);
    return allow;
}
