/*
 * api/routes.c — every route of the API in one table: method, path, handler, the
 * permission it needs (0 = public), a one-line summary, and its declared formats
 * (api/schemas.c): JSON body, query parameters, answer. The formats are enforced on
 * input and published in /api/openapi.json.
 * A route added here is served, documented and covered by the access tests
 * (tests/http/test_access.c), which walk this table.
 */
#include "ops/app.h"
#include "api/handlers.h"
#include "api/schemas.h"
#include "core/access.h"

const http_route_t api_routes[] = {
    {"GET", "/healthz", api_health_get, 0, "Liveness and database reachability", NULL, NULL,
     &api_health_reply},
    {"GET", "/api/openapi.json", api_openapi_get, 0, "This API description (OpenAPI 3.1)", NULL,
     NULL, &api_openapi_reply},
    {"GET", "/api/catalog", api_catalog_get, PERM_SESSION,
     "Every table of domain values (states, events, categories, ...) as {code, vi, en}", NULL, NULL,
     &api_catalog_reply},
    {"GET", "/api/home", api_home, PERM_SESSION,
     "The signed-in user's home page: a part per role held (officer, leader, unit, admin)", NULL,
     NULL, &api_home_reply},

    {"POST", "/api/session", api_session_create, 0, "Sign in (username, password)",
     api_session_create_body, NULL, &api_session_create_reply},
    {"GET", "/api/session", api_session_get, PERM_SESSION, "Who am I", NULL, NULL,
     &api_session_get_reply},
    {"DELETE", "/api/session", api_session_delete, PERM_SESSION, "Sign out", NULL, NULL,
     &api_session_delete_reply},
    {"POST", "/api/session/password", api_session_password, PERM_SESSION,
     "Change one's own password", api_session_password_body, NULL, &api_session_password_reply},

    {"GET", "/api/units", api_units_list, PERM_UNIT_READ, "Units of my subtree (?at=DATE)", NULL,
     api_units_query, &api_units_list_reply},
    {"POST", "/api/units", api_units_create, PERM_UNIT_ADMIN, "Create a unit", api_unit_create_body,
     NULL, &api_unit_create_reply},
    {"GET", "/api/units/{id}", api_units_get, PERM_UNIT_READ, "A unit, its children and history",
     NULL, NULL, &api_unit_get_reply},
    {"PATCH", "/api/units/{id}", api_units_rename, PERM_UNIT_ADMIN, "Rename a unit from a date",
     api_unit_rename_body, NULL, &api_unit_change_reply},
    {"POST", "/api/units/{id}/move", api_units_move, PERM_UNIT_ADMIN,
     "Move a unit under another parent from a date", api_unit_move_body, NULL,
     &api_unit_change_reply},
    {"POST", "/api/units/{id}/close", api_units_close, PERM_UNIT_ADMIN,
     "Close a unit on a date, naming its successor", api_unit_close_body, NULL,
     &api_unit_change_reply},

    {"GET", "/api/users", api_users_list, PERM_USER_READ, "Users of my subtree", NULL, NULL,
     &api_users_list_reply},
    {"POST", "/api/users", api_users_create, PERM_USER_ADMIN, "Create a user", api_user_create_body,
     NULL, &api_user_create_reply},
    {"GET", "/api/users/{id}", api_users_get, PERM_USER_READ, "A user", NULL, NULL,
     &api_user_get_reply},
    {"POST", "/api/users/{id}/password", api_users_password, PERM_USER_ADMIN,
     "Set a user's password", api_user_password_body, NULL, &api_user_password_reply},
    {"POST", "/api/users/{id}/disable", api_users_disable, PERM_USER_ADMIN, "Disable a user", NULL,
     NULL, &api_user_disable_reply},
    {"POST", "/api/users/{id}/enable", api_users_enable, PERM_USER_ADMIN,
     "Enable a disabled user again", NULL, NULL, &api_user_enable_reply},
    {"POST", "/api/users/{id}/roles", api_users_add_role, PERM_USER_ADMIN, "Give a user a role",
     api_user_role_body, NULL, &api_user_role_reply},
    {"DELETE", "/api/users/{id}/roles/{role}", api_users_remove_role, PERM_USER_ADMIN,
     "Take a role from a user (not their last)", NULL, NULL, &api_user_role_reply},

    {"GET", "/api/audit", api_audit_list, PERM_AUDIT_READ, "Audit trail of my subtree", NULL,
     api_audit_query, &api_audit_reply},

    {"GET", "/api/cases", api_cases_list, PERM_CASE_READ,
     "Cases of my subtree (?state, category, officer, overdue, eligible, unit_id, "
     "received_from, received_to, cursor, limit)",
     NULL, api_cases_query, &api_cases_list_reply},
    {"POST", "/api/cases", api_cases_create, PERM_CASE_WRITE,
     "Open a case: judgment, parties, items", api_case_create_body, NULL, &api_case_create_reply},
    {"GET", "/api/cases/{id}", api_cases_get, PERM_CASE_READ,
     "A case with its parties, items and deadlines", NULL, NULL, &api_case_get_reply},
    {"GET", "/api/cases/{id}/events", api_cases_events, PERM_CASE_READ, "A case's timeline", NULL,
     NULL, &api_case_events_reply},
    {"POST", "/api/cases/{id}/events", api_cases_add_event, PERM_CASE_WRITE,
     "Record an event (decision, notice, verification, postponement, payment, ...)",
     api_case_event_body, NULL, &api_case_event_reply},
    {"POST", "/api/cases/{id}/assign", api_cases_assign, PERM_CASE_ASSIGN,
     "Assign or reassign the enforcement officer", api_case_assign_body, NULL,
     &api_case_event_reply},
    {"GET", "/api/search", api_search_cases, PERM_CASE_READ,
     "Find cases by case number, judgment number, ID number or name, with or without "
     "diacritics (?q, limit)",
     NULL, api_search_query, &api_search_reply},
    {"POST", "/api/cases/{id}/entrust", api_cases_entrust, PERM_CASE_WRITE,
     "Entrust a case to another agency, which receives it as its own case", api_case_entrust_body,
     NULL, &api_case_entrust_reply},
    {"GET", "/api/worklist", api_worklist, PERM_CASE_READ,
     "Deadlines due soon and overdue (?days, scope=mine|unit)", NULL, api_worklist_query,
     &api_worklist_reply},
    {"GET", "/api/inspection/violations", api_violations, PERM_REPORT_READ,
     "Procedure violations per unit and officer (?from, to)", NULL, api_violations_query,
     &api_violations_reply},

    /* money (api/money.c): the officer proposes and confirms allocations, the head
     * approves them, the accountant receipts and pays out what is approved */
    {"POST", "/api/cases/{id}/receipts", api_money_receipt_create, PERM_MONEY_WRITE,
     "Receive money for a case and issue its receipt", api_money_receipt_body, NULL,
     &api_money_receipt_create_reply},
    {"GET", "/api/cases/{id}/money", api_money_case_get, PERM_CASE_READ,
     "A case's money: collected, paid, held, the legal split of what is unallocated, receipts, "
     "payouts",
     NULL, NULL, &api_money_case_reply},
    {"POST", "/api/cases/{id}/allocations", api_money_allocate, PERM_CASE_WRITE,
     "Confirm the split of what a case holds (as proposed, or adjusted with a reason)",
     api_money_allocate_body, NULL, &api_money_allocate_reply},
    {"POST", "/api/cases/{id}/allocations/{txn}/approve", api_money_approve, PERM_MONEY_APPROVE,
     "The head approves an allocation for payout; the payees are told to come for it (D31)",
     api_money_approve_body, NULL, &api_money_approve_reply},
    {"POST", "/api/cases/{id}/deposits", api_money_deposit, PERM_MONEY_WRITE,
     "Put on savings what a payee did not come for (D31): all that is approved and unpaid",
     api_money_deposit_body, NULL, &api_money_deposit_reply},
    {"POST", "/api/cases/{id}/payouts", api_money_payout_create, PERM_MONEY_WRITE,
     "Pay out to a payee what is allocated to them, with a voucher", api_money_payout_body, NULL,
     &api_money_payout_reply},
    {"GET", "/api/receipts/{id}", api_money_receipt_get, PERM_CASE_READ, "A receipt", NULL, NULL,
     &api_money_receipt_get_reply},
    {"POST", "/api/receipts/{id}/void", api_money_receipt_void, PERM_MONEY_WRITE,
     "Void a receipt whose money is still held unallocated", api_money_void_body, NULL,
     &api_money_void_reply},
    {"GET", "/api/money/daybook", api_money_daybook, PERM_CASE_READ,
     "The cashier's book: receipts and payouts of a day (?day, unit_id)", NULL,
     api_money_daybook_query, &api_money_daybook_reply},
    {"GET", "/api/money/daybook.xlsx", api_money_daybook_xlsx, PERM_CASE_READ,
     "The cashier's book as a spreadsheet (.xlsx, Vietnamese headers)", NULL,
     api_money_daybook_query, &api_money_daybook_xlsx_reply},
    {"GET", "/api/money/balances", api_money_balances, PERM_CASE_READ,
     "Ledger balances per unit and account", NULL, NULL, &api_money_balances_reply},

    /* statistics (api/reports.c, issue 15) */
    {"GET", "/api/reports/summary", api_reports_summary, PERM_REPORT_READ,
     "The report of a unit's subtree for a period: the indicator tree in cases and money, rates, "
     "the on-application part, one per child unit",
     NULL, api_reports_summary_query, &api_reports_summary_reply},
    {"GET", "/api/reports/summary.xlsx", api_reports_summary_xlsx, PERM_REPORT_READ,
     "The same report as the official forms (.xlsx: a sheet in cases, one in money)", NULL,
     api_reports_summary_query, &api_reports_summary_xlsx_reply},
    {"GET", "/api/reports/cases", api_reports_cases, PERM_REPORT_READ,
     "The cases a number of the report counts (line = its key), each with its part of it", NULL,
     api_reports_cases_query, &api_reports_cases_reply},
    {"POST", "/api/reports/submissions", api_report_submit, PERM_REPORT_SUBMIT,
     "A leader submits a unit's report for a period that is over: stored as rendered, with its "
     "hash, served so forever",
     api_report_submit_body, NULL, &api_report_submit_reply},
    {"GET", "/api/reports/submissions", api_report_submissions, PERM_REPORT_READ,
     "A unit's submitted reports, newest first", NULL, api_report_submissions_query,
     &api_report_submissions_reply},
    {"GET", "/api/reports/submissions/{id}", api_report_submission_get, PERM_REPORT_READ,
     "A submitted report as it was submitted, its hash checked", NULL, NULL,
     &api_report_submission_reply},

    /* prisoners and exchanges with prisons and camps (api/prisoners.c, issue 16): both
     * sides read with prisoner.read, each in its own scope; who may act on an exchange is
     * its sender or receiver with their side's write permission (403 otherwise) */
    {"GET", "/api/prisoners", api_prisoners_list, PERM_PRISONER_READ,
     "Prisoners: a camp's held today, or those an agency's subtree follows (?case_id, status)",
     NULL, api_prisoners_query, &api_prisoners_list_reply},
    {"POST", "/api/prisoners", api_prisoners_create, PERM_CASE_WRITE,
     "Register a debtor of a case as a prisoner held in a camp", api_prisoner_create_body, NULL,
     &api_prisoner_change_reply},
    {"GET", "/api/prisoners/{id}", api_prisoners_get, PERM_PRISONER_READ,
     "A prisoner, where they were held, their obligations and exchanges", NULL, NULL,
     &api_prisoner_get_reply},
    {"POST", "/api/prisoners/{id}/movements", api_prisoners_move, PERM_PRISONER_READ,
     "A transfer to another camp, a release or a death, dated", api_prisoner_move_body, NULL,
     &api_prisoner_change_reply},
    {"POST", "/api/prisoners/{id}/exchanges", api_prisoners_exchange, PERM_PRISONER_READ,
     "Start an exchange: a notice of obligations, money paid at the camp, a hand-over, a "
     "request for a confirmation or a verification",
     api_prisoner_exchange_body, NULL, &api_exchange_change_reply},
    {"GET", "/api/exchanges", api_exchanges_list, PERM_PRISONER_READ,
     "Exchanges with camps, overdue first (?prisoner_id, case_id, kind, state)", NULL,
     api_exchanges_query, &api_exchanges_list_reply},
    {"GET", "/api/exchanges/{id}", api_exchanges_get, PERM_PRISONER_READ,
     "An exchange with its document and history", NULL, NULL, &api_exchange_get_reply},
    {"GET", "/api/exchanges/{id}/document", api_exchanges_document, PERM_PRISONER_READ,
     "An exchange's document, printable text", NULL, NULL, &api_exchange_document_reply},
    {"POST", "/api/exchanges/{id}/send", api_exchanges_send, PERM_PRISONER_READ,
     "The sender sends a draft", api_exchange_send_body, NULL, &api_exchange_change_reply},
    {"POST", "/api/exchanges/{id}/receive", api_exchanges_receive, PERM_PRISONER_READ,
     "The receiver has it; money collected at a camp moves from in transit to the bank",
     api_exchange_receive_body, NULL, &api_exchange_change_reply},
    {"POST", "/api/exchanges/{id}/answer", api_exchanges_answer, PERM_PRISONER_READ,
     "The receiver answers: acknowledges a notice, records the prisoner's signed receipt, "
     "issues a confirmation, answers a verification",
     api_exchange_answer_body, NULL, &api_exchange_change_reply},
};

const size_t api_nroutes = sizeof api_routes / sizeof api_routes[0];
