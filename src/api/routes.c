/*
 * api/routes.c — every route of the API in one table: method, path, handler, the
 * permission it needs (0 = public) and a one-line summary for /api/openapi.json.
 * A route added here is served, documented and covered by the access tests
 * (tests/http/test_access.c), which walk this table.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "core/access.h"

const http_route_t api_routes[] = {
    {"GET", "/healthz", api_health_get, 0, "Liveness and database reachability"},
    {"GET", "/api/openapi.json", api_openapi_get, 0, "This API description (OpenAPI 3.1)"},

    {"POST", "/api/session", api_session_create, 0, "Sign in (username, password)"},
    {"GET", "/api/session", api_session_get, PERM_SESSION, "Who am I"},
    {"DELETE", "/api/session", api_session_delete, PERM_SESSION, "Sign out"},
    {"POST", "/api/session/password", api_session_password, PERM_SESSION,
     "Change one's own password"},

    {"GET", "/api/units", api_units_list, PERM_UNIT_READ, "Units of my subtree (?at=DATE)"},
    {"POST", "/api/units", api_units_create, PERM_UNIT_ADMIN, "Create a unit"},
    {"GET", "/api/units/{id}", api_units_get, PERM_UNIT_READ, "A unit, its children and history"},
    {"PATCH", "/api/units/{id}", api_units_rename, PERM_UNIT_ADMIN, "Rename a unit from a date"},
    {"POST", "/api/units/{id}/move", api_units_move, PERM_UNIT_ADMIN,
     "Move a unit under another parent from a date"},
    {"POST", "/api/units/{id}/close", api_units_close, PERM_UNIT_ADMIN,
     "Close a unit on a date, naming its successor"},

    {"GET", "/api/users", api_users_list, PERM_USER_READ, "Users of my subtree"},
    {"POST", "/api/users", api_users_create, PERM_USER_ADMIN, "Create a user"},
    {"GET", "/api/users/{id}", api_users_get, PERM_USER_READ, "A user"},
    {"POST", "/api/users/{id}/password", api_users_password, PERM_USER_ADMIN,
     "Set a user's password"},
    {"POST", "/api/users/{id}/disable", api_users_disable, PERM_USER_ADMIN, "Disable a user"},

    {"GET", "/api/audit", api_audit_list, PERM_AUDIT_READ, "Audit trail of my subtree"},
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
