/*
 * api/routes.c — every route of the API in one table: method, path, handler, the
 * permission it needs (0 = public) and a one-line summary for /api/openapi.json.
 * A route added here is served, documented and covered by the access tests
 * (tests/http/test_access.c), which walk this table.
 */
#include "ops/app.h"
#include "api/handlers.h"
#include "core/access.h"

const http_route_t api_routes[] = {
    {"GET", "/healthz", api_health_get, 0, "Liveness and database reachability"},
    {"GET", "/api/openapi.json", api_openapi_get, 0, "This API description (OpenAPI 3.1)"},
    {"GET", "/api/catalog", api_catalog_get, PERM_SESSION,
     "Every table of domain values (states, events, categories, ...) as {code, vi, en}"},

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

    {"GET", "/api/cases", api_cases_list, PERM_CASE_READ,
     "Cases of my subtree (?state, category, officer, overdue, eligible, unit_id, "
     "received_from, received_to, cursor, limit)"},
    {"POST", "/api/cases", api_cases_create, PERM_CASE_WRITE,
     "Open a case: judgment, parties, items"},
    {"GET", "/api/cases/{id}", api_cases_get, PERM_CASE_READ,
     "A case with its parties, items and deadlines"},
    {"GET", "/api/cases/{id}/events", api_cases_events, PERM_CASE_READ, "A case's timeline"},
    {"POST", "/api/cases/{id}/events", api_cases_add_event, PERM_CASE_WRITE,
     "Record an event (decision, notice, verification, postponement, payment, ...)"},
    {"POST", "/api/cases/{id}/assign", api_cases_assign, PERM_CASE_ASSIGN,
     "Assign or reassign the enforcement officer"},
    {"GET", "/api/search", api_search_cases, PERM_CASE_READ,
     "Find cases by case number, judgment number, ID number or name, with or without "
     "diacritics (?q, limit)"},
    {"POST", "/api/cases/{id}/entrust", api_cases_entrust, PERM_CASE_WRITE,
     "Entrust a case to another agency, which receives it as its own case"},
    {"GET", "/api/worklist", api_worklist, PERM_CASE_READ,
     "Deadlines due soon and overdue (?days, scope=mine|unit)"},
    {"GET", "/api/inspection/violations", api_violations, PERM_REPORT_READ,
     "Procedure violations per unit and officer (?from, to)"},
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
