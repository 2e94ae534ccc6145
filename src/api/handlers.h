/*
 * api/handlers.h — every HTTP handler of the API, one group per file in api/.
 * api/routes.c binds them to methods, paths and permissions.
 */
#ifndef THADS_API_HANDLERS_H
#define THADS_API_HANDLERS_H

#include "http/http.h"

/* The route table of the whole API (routes.c); the access tests walk it. */
extern const http_route_t api_routes[];
extern const size_t api_nroutes;
/* Installed as http_config_t.authorize and .after by whoever starts the server. */
int api_authorize(http_request_t *req, const http_route_t *route);
void api_after(http_request_t *req);

/* health.c, openapi.c */
int api_health_get(http_request_t *req);
int api_openapi_get(http_request_t *req);

/* catalog.c */
int api_catalog_get(http_request_t *req);

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
int api_units_contact(http_request_t *req);

/* users.c */
int api_users_list(http_request_t *req);
int api_users_create(http_request_t *req);
int api_users_get(http_request_t *req);
int api_users_password(http_request_t *req);
int api_users_disable(http_request_t *req);
int api_users_enable(http_request_t *req);
int api_users_add_role(http_request_t *req);
int api_users_remove_role(http_request_t *req);

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

/* home.c */
int api_home(http_request_t *req);

/* money.c */
int api_money_receipt_create(http_request_t *req);
int api_money_receipt_get(http_request_t *req);
int api_money_receipt_void(http_request_t *req);
int api_money_case_get(http_request_t *req);
int api_money_allocate(http_request_t *req);
int api_money_approve(http_request_t *req);
int api_money_deposit(http_request_t *req);
int api_money_payout_create(http_request_t *req);
int api_money_daybook(http_request_t *req);
int api_money_daybook_xlsx(http_request_t *req);
int api_money_balances(http_request_t *req);

/* statistics (api/reports.c, issue 15) */
int api_reports_summary(http_request_t *req);
int api_reports_summary_xlsx(http_request_t *req);
int api_reports_cases(http_request_t *req);
int api_report_submit(http_request_t *req);
int api_report_submissions(http_request_t *req);
int api_report_submission_get(http_request_t *req);
/* annual targets (api/report_targets.c, issue 15) */
int api_report_target_put(http_request_t *req);
int api_report_target_get(http_request_t *req);

/* administrative judgments monitored (api/admin_judgments.c, issue 15) */
int api_admin_judgments_list(http_request_t *req);
int api_admin_judgments_create(http_request_t *req);
int api_admin_judgments_get(http_request_t *req);
int api_admin_judgments_step(http_request_t *req);

/* prisoners and exchanges with camps (api/prisoners.c, issue 16) */
int api_prisoners_list(http_request_t *req);
int api_prisoners_create(http_request_t *req);
int api_prisoners_get(http_request_t *req);
int api_prisoners_move(http_request_t *req);
int api_prisoners_exchange(http_request_t *req);
int api_exchanges_list(http_request_t *req);
int api_exchanges_get(http_request_t *req);
int api_exchanges_document(http_request_t *req);
int api_exchanges_send(http_request_t *req);
int api_exchanges_receive(http_request_t *req);
int api_exchanges_answer(http_request_t *req);

#endif
