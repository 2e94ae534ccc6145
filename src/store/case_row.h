/*
 * store/case_row.h — private to store/: the columns of a case row as every query of
 * store/cases.c and store/case_lists.c selects them, and the one reader of them.
 */
#ifndef THADS_STORE_CASE_ROW_H
#define THADS_STORE_CASE_ROW_H

#include "store/cases.h"

#define CASE_COLUMNS                                                                               \
    "c.id, c.unit_id, c.judgment_id, c.officer_user_id, c.case_no, c.source, c.category, "         \
    "c.state, c.stat_bucket, c.received_on, c.decided_on, c.state_on, c.next_due_on, "             \
    "c.amount_vnd, c.collected_vnd, c.paid_vnd, c.event_seq, c.last_hash, u.code, u.name_vi, "     \
    "j.number, j.court_name, j.judgment_date, o.full_name, c.last_event_on, c.resume_state, "      \
    "c.year, c.flags"
#define CASE_JOINS                                                                                 \
    " FROM enforcement_case c JOIN unit u ON u.id = c.unit_id "                                    \
    "LEFT JOIN judgment j ON j.id = c.judgment_id LEFT JOIN app_user o ON o.id = "                 \
    "c.officer_user_id"

/* Read the CASE_COLUMNS of the current row. */
void cases_read_row(db_stmt_t *st, case_row_t *c);

#endif
