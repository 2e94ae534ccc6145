/*
 * api/schemas.h — the formats of the API, declared once (http/schema.h): each route's
 * JSON body, query parameters and answer. api/routes.c points each route to its own;
 * the handlers read bodies through http_json_request(), which enforces the route's
 * declaration, and /api/openapi.json publishes the same declarations.
 */
#ifndef THADS_API_SCHEMAS_H
#define THADS_API_SCHEMAS_H

#include "http/schema.h"

#define SEARCH_Q_MAX 200 /* characters typed; more is not a search but a paste */

/* The error object every refusal answers with (http_reply_error). */
extern const schema_field_t api_error_fields[];

/* ---- request bodies ---- */
extern const schema_field_t api_session_create_body[], api_session_password_body[];
extern const schema_field_t api_unit_create_body[], api_unit_rename_body[], api_unit_move_body[],
    api_unit_close_body[];
extern const schema_field_t api_unit_contact_body[];
extern const schema_reply_t api_unit_contact_reply;
extern const schema_field_t api_user_create_body[], api_user_password_body[];
extern const schema_field_t api_case_create_body[], api_case_event_body[], api_case_assign_body[],
    api_case_entrust_body[];

/* ---- query parameters ---- */
extern const schema_field_t api_units_query[], api_audit_query[], api_cases_query[],
    api_search_query[], api_worklist_query[], api_violations_query[];

/* ---- answers ---- */
extern const schema_reply_t api_health_reply, api_openapi_reply, api_catalog_reply;
extern const schema_reply_t api_session_create_reply, api_session_get_reply,
    api_session_delete_reply, api_session_password_reply;
extern const schema_reply_t api_units_list_reply, api_unit_create_reply, api_unit_get_reply,
    api_unit_change_reply;
extern const schema_reply_t api_users_list_reply, api_user_create_reply, api_user_get_reply,
    api_user_password_reply, api_user_disable_reply;
extern const schema_reply_t api_audit_reply;
extern const schema_reply_t api_cases_list_reply, api_case_create_reply, api_case_get_reply,
    api_case_events_reply, api_case_event_reply, api_case_entrust_reply, api_search_reply,
    api_worklist_reply, api_violations_reply;

/* ---- money (api/schemas_money.c) ---- */
extern const schema_field_t api_money_receipt_body[], api_money_void_body[],
    api_money_allocate_body[], api_money_payout_body[], api_money_daybook_query[],
    api_money_approve_body[], api_money_deposit_body[];
extern const schema_reply_t api_money_receipt_create_reply, api_money_receipt_get_reply,
    api_money_void_reply, api_money_payout_reply, api_money_allocate_reply, api_money_case_reply,
    api_money_daybook_reply, api_money_balances_reply, api_money_daybook_xlsx_reply,
    api_money_approve_reply, api_money_deposit_reply;

/* issue 13 (uiapi): accounts, audit, home, parties */
extern const schema_field_t api_user_role_body[];
extern const schema_reply_t api_user_enable_reply, api_user_role_reply;
extern const schema_reply_t api_home_reply;

/* issue 15: submitted reports (api/schemas_submissions.c) */
extern const schema_field_t api_report_submit_body[], api_report_submissions_query[];
extern const schema_reply_t api_report_submit_reply, api_report_submission_reply,
    api_report_submissions_reply;

/* issue 15: annual targets (api/schemas_targets.c) */
extern const schema_field_t api_report_target_body[], api_report_targets_query[];
extern const schema_reply_t api_report_target_put_reply, api_report_targets_reply;

/* issue 15: statistics (api/schemas_reports.c) */
extern const schema_field_t api_reports_summary_query[], api_reports_cases_query[];
extern const schema_reply_t api_reports_summary_reply, api_reports_summary_xlsx_reply,
    api_reports_cases_reply;

/* issue 15: administrative judgments monitored (api/schemas_admin_judgments.c) */
extern const schema_field_t api_admin_judgment_body[], api_admin_judgment_step_body[],
    api_admin_judgments_query[];
extern const schema_reply_t api_admin_judgment_reply, api_admin_judgments_reply;

/* issue 16: prisoners and the exchanges with camps (api/schemas_prison.c) */
extern const schema_field_t api_prisoner_create_body[], api_prisoner_move_body[],
    api_prisoner_exchange_body[], api_exchange_send_body[], api_exchange_receive_body[],
    api_exchange_answer_body[], api_prisoners_query[], api_exchanges_query[];
extern const schema_reply_t api_prisoner_get_reply, api_prisoner_change_reply,
    api_prisoners_list_reply, api_exchanges_list_reply, api_exchange_get_reply,
    api_exchange_change_reply, api_exchange_document_reply;

#endif
