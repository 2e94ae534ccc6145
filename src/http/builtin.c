/*
 * http/builtin.c — endpoints the server answers itself: GET /metrics.
 */
#include "http/internal.h"

#include <stdio.h>
#include <stdlib.h>

int metrics_serve(http_request_t *req)
{
    http_server_t *srv = req->srv;
    size_t n = srv->cfg.nroutes, len = 0, cap = 0;
    const char **labels = arena_alloc(req->arena, (n + 2) * sizeof *labels);
    char *buf = NULL;
    int status;

    if (labels == NULL)
        return http_reply_internal(req, "out of memory");
    for (size_t i = 0; i < n; i++)
        labels[i] = arena_printf(req->arena, "%s %s", srv->cfg.routes[i].method,
                                 srv->cfg.routes[i].pattern);
    labels[n] = "static";
    labels[n + 1] = "unmatched";
    metrics_render(srv->metrics, labels, &buf, &len, &cap);
    if (srv->extra_metrics)
        srv->extra_metrics(srv->extra_metrics_arg, &buf, &len, &cap);
    status =
        http_reply_bytes(req, 200, "text/plain; version=0.0.4; charset=utf-8", buf ? buf : "", len);
    free(buf);
    return status;
}
