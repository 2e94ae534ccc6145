/*
 * api/handlers.h — every HTTP handler of the API, one group per file in api/.
 * api/routes.c binds them to methods, paths and permissions.
 */
#ifndef THADS_API_HANDLERS_H
#define THADS_API_HANDLERS_H

#include "http/http.h"

/* health.c, openapi.c */
int api_health_get(http_request_t *req);
int api_openapi_get(http_request_t *req);

/* session.c */
int api_session_create(http_request_t *req);
int api_session_get(http_request_t *req);
int api_session_delete(http_request_t *req);
int api_session_password(http_request_t *req);

/* units.c */
int api_units_list(http_request_t *req);
int api_units_create(http_request_t *req);
int api_units_get(http_request_t *req);
int api_units_rename(http_request_t *req);
int api_units_move(http_request_t *req);
int api_units_close(http_request_t *req);

/* users.c */
int api_users_list(http_request_t *req);
int api_users_create(http_request_t *req);
int api_users_get(http_request_t *req);
int api_users_password(http_request_t *req);
int api_users_disable(http_request_t *req);

/* cases.c */
int api_cases_create(http_request_t *req);
int api_cases_list(http_request_t *req);
int api_cases_get(http_request_t *req);
int api_cases_events(http_request_t *req);
int api_cases_add_event(http_request_t *req);
int api_cases_assign(http_request_t *req);
int api_cases_entrust(http_request_t *req);
int api_worklist(http_request_t *req);
int api_violations(http_request_t *req);

/* search.c */
int api_search_cases(http_request_t *req);

/* audit.c */
int api_audit_list(http_request_t *req);

#endif
