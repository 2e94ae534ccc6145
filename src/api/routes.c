/*
 * api/routes.c — every route of the API in one table: method, path, handler, the
 * permission it needs (0 = public) and a one-line summary for /api/openapi.json.
 * A route added here is served, documented and covered by the access tests.
 */
#include "api/app.h"
#include "api/handlers.h"

const http_route_t api_routes[] = {
    {"GET", "/healthz", api_health_get, 0, "Liveness and database reachability"},
    {"GET", "/api/openapi.json", api_openapi_get, 0, "This API description (OpenAPI 3.1)"},
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
