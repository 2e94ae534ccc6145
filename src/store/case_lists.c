/*
 * store/case_lists.c — the lists an officer and a leader read: cases with filters,
 * a case's parties, items and deadlines, the worklist, procedure violations.
 *
 * Filters are fixed SQL with optional parameters ("$2 = '' OR c.state = $2"), never
 * SQL assembled from the request. Lists page by id (a cursor), so a page costs the
 * same at the millionth case as at the first.
 */
#include "core/case.h"
#include "store/case_row.h"
#include "store/q.h"
#include "store/units.h"

#include <string.h>

int cases_list(db_t *db, const case_filter_t *f, case_row_fn fn, void *arg)
{
    db_stmt_t *st;
    case_row_t c;
    /* Open ends of the received range as dates no case has: one comparison that
     * both engines type as a date. */
    civil_date_t from =
        f->received_from != CIVIL_DATE_INVALID ? f->received_from : civil_date_from_ymd(1, 1, 1);
    civil_date_t to =
        f->received_to != CIVIL_DATE_INVALID ? f->received_to : civil_date_from_ymd(9999, 12, 31);
    int rc;

    /* $1 root, $2 today (the CTE); $3 unit; $4 state; $5 category; $6 officer;
     * $7 overdue; $8 eligible; $9..$13 the eligible buckets; $14 not eligible;
     * $15/$16 received range; $17 cursor; $18 limit. */
    rc = q_open(
        db, &st,
        UNITS_SCOPE_CTE
        ", within(id, depth) AS (SELECT CAST($3 AS BIGINT), 0 UNION ALL "
        "SELECT p.unit_id, w.depth + 1 FROM unit_parent p JOIN within w ON p.parent_id = w.id "
        "WHERE p.valid_from <= $2 AND (p.valid_to IS NULL OR p.valid_to >= $2) AND w.depth < 32) "
        "SELECT " CASE_COLUMNS CASE_JOINS " "
        "WHERE c.unit_id IN (SELECT id FROM subtree) "
        "AND ($3 = 0 OR c.unit_id IN (SELECT id FROM within)) "
        "AND ($4 = '' OR c.state = $4) AND ($5 = '' OR c.category = $5) "
        "AND ($6 = 0 OR c.officer_user_id = $6) "
        "AND ($7 = 0 OR c.next_due_on < $2) "
        "AND ($8 = 0 OR ($8 = 1 AND c.stat_bucket IN ($9, $10, $11, $12, $13)) "
        "OR ($8 = 2 AND c.stat_bucket = $14)) "
        "AND c.received_on >= $15 AND c.received_on <= $16 "
        "AND ($17 = 0 OR c.id < $17) ORDER BY c.id DESC LIMIT $18",
        "idissiiissssssddii", f->root_unit, f->today, f->unit_id, f->state ? f->state : "",
        f->category ? f->category : "", f->officer_user_id, (int64_t)f->overdue,
        (int64_t)f->eligible, case_stat_code(STAT_D1_COMPLETED), case_stat_code(STAT_D2_TERMINATED),
        case_stat_code(STAT_D3_ENFORCING), case_stat_code(STAT_D4_POSTPONED),
        case_stat_code(STAT_D5_SUSPENDED), case_stat_code(STAT_E_NOT_ELIGIBLE), from, to,
        f->before_id, (int64_t)f->limit);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        cases_read_row(st, &c);
        if (fn(&c, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int case_parties_list(db_t *db, int64_t case_id, case_party_fn fn, void *arg)
{
    db_stmt_t *st;
    case_party_row_t p;
    int rc = q_open(db, &st,
                    "SELECT p.id, cp.role, p.kind, p.full_name, p.id_number, p.address, "
                    "p.camp_unit_id FROM case_party cp JOIN party p ON p.id = cp.party_id "
                    "WHERE cp.case_id = $1 ORDER BY cp.role, p.id",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&p, 0, sizeof p);
        p.party_id = db_column_int64(st, 0);
        q_text(st, 1, p.role, sizeof p.role);
        q_text(st, 2, p.kind, sizeof p.kind);
        q_text(st, 3, p.full_name, sizeof p.full_name);
        q_text(st, 4, p.id_number, sizeof p.id_number);
        q_text(st, 5, p.address, sizeof p.address);
        p.camp_unit_id = db_column_int64(st, 6);
        if (fn(&p, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int case_items_list(db_t *db, int64_t case_id, case_item_fn fn, void *arg)
{
    db_stmt_t *st;
    case_item_row_t it;
    int rc = q_open(db, &st,
                    "SELECT id, content_type, description, amount_vnd, creditor_party_id, "
                    "payment_rank FROM obligation_item WHERE case_id = $1 ORDER BY id",
                    "i", case_id);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&it, 0, sizeof it);
        it.id = db_column_int64(st, 0);
        q_text(st, 1, it.content_type, sizeof it.content_type);
        q_text(st, 2, it.description, sizeof it.description);
        it.amount_vnd = db_column_int64(st, 3);
        it.creditor_party_id = db_column_int64(st, 4);
        it.payment_rank = (int)db_column_int64(st, 5);
        if (fn(&it, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

#define DEADLINE_COLUMNS                                                                           \
    "d.id, d.case_id, d.unit_id, d.officer_user_id, d.opened_seq, d.closed_seq, d.rule_id, "       \
    "d.outcome, c.case_no, o.full_name, u.code, d.trigger_on, d.due_on, d.closed_on"
#define DEADLINE_JOINS                                                                             \
    " FROM case_deadline d JOIN enforcement_case c ON c.id = d.case_id "                           \
    "JOIN unit u ON u.id = d.unit_id LEFT JOIN app_user o ON o.id = d.officer_user_id "

static int each_deadline(db_stmt_t *st, deadline_fn fn, void *arg)
{
    deadline_row_t d;
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        memset(&d, 0, sizeof d);
        d.id = db_column_int64(st, 0);
        d.case_id = db_column_int64(st, 1);
        d.unit_id = db_column_int64(st, 2);
        d.officer_user_id = db_column_int64(st, 3);
        d.opened_seq = db_column_int64(st, 4);
        d.closed_seq = db_column_int64(st, 5);
        q_text(st, 6, d.rule_id, sizeof d.rule_id);
        q_text(st, 7, d.outcome, sizeof d.outcome);
        q_text(st, 8, d.case_no, sizeof d.case_no);
        q_text(st, 9, d.officer_name, sizeof d.officer_name);
        q_text(st, 10, d.unit_code, sizeof d.unit_code);
        d.trigger_on = q_date(st, 11);
        d.due_on = q_date(st, 12);
        d.closed_on = q_date(st, 13);
        if (fn(&d, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int deadlines_of_case(db_t *db, int64_t case_id, deadline_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    "SELECT " DEADLINE_COLUMNS DEADLINE_JOINS "WHERE d.case_id = $1 ORDER BY d.id",
                    "i", case_id);
    return rc == DB_OK ? each_deadline(st, fn, arg) : rc;
}

int deadlines_worklist(db_t *db, int64_t root, int64_t officer, civil_date_t today,
                       civil_date_t until, int limit, deadline_fn fn, void *arg)
{
    db_stmt_t *st;
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE "SELECT " DEADLINE_COLUMNS DEADLINE_JOINS
                                    "WHERE d.closed_seq IS NULL AND d.due_on <= $3 "
                                    "AND d.unit_id IN (SELECT id FROM subtree) "
                                    "AND ($4 = 0 OR d.officer_user_id = $4) "
                                    "ORDER BY d.due_on, d.id LIMIT $5",
                    "iddii", root, today, until, officer, (int64_t)limit);
    return rc == DB_OK ? each_deadline(st, fn, arg) : rc;
}

int deadlines_violations(db_t *db, int64_t root, civil_date_t today, civil_date_t from,
                         civil_date_t to, violation_fn fn, void *arg)
{
    db_stmt_t *st;
    violation_row_t v;
    int rc = q_open(db, &st,
                    UNITS_SCOPE_CTE
                    "SELECT d.unit_id, d.officer_user_id, u.code, u.name_vi, o.full_name, "
                    "SUM(CASE WHEN d.outcome = 'late' AND d.closed_on >= $3 AND d.closed_on <= $4 "
                    "THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN d.closed_seq IS NULL AND d.due_on < $2 THEN 1 ELSE 0 END) "
                    "FROM case_deadline d JOIN unit u ON u.id = d.unit_id "
                    "LEFT JOIN app_user o ON o.id = d.officer_user_id "
                    "WHERE d.unit_id IN (SELECT id FROM subtree) AND d.duty = 1 "
                    "AND ((d.outcome = 'late' AND d.closed_on >= $3 AND d.closed_on <= $4) "
                    "OR (d.closed_seq IS NULL AND d.due_on < $2)) "
                    "GROUP BY d.unit_id, d.officer_user_id, u.code, u.name_vi, o.full_name "
                    "ORDER BY u.code, o.full_name",
                    "iddd", root, today, from, to);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        memset(&v, 0, sizeof v);
        v.unit_id = db_column_int64(st, 0);
        v.officer_user_id = db_column_int64(st, 1);
        q_text(st, 2, v.unit_code, sizeof v.unit_code);
        q_text(st, 3, v.unit_name, sizeof v.unit_name);
        q_text(st, 4, v.officer_name, sizeof v.officer_name);
        v.late = db_column_int64(st, 5);
        v.overdue = db_column_int64(st, 6);
        if (fn(&v, arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int deadlines_overdue_by_unit(db_t *db, civil_date_t today, overdue_count_fn fn, void *arg)
{
    db_stmt_t *st;
    char code[40];
    int rc = q_open(db, &st,
                    "SELECT u.code, COUNT(*) FROM case_deadline d JOIN unit u ON u.id = d.unit_id "
                    "WHERE d.closed_seq IS NULL AND d.due_on < $1 GROUP BY u.code ORDER BY u.code",
                    "d", today);

    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        q_text(st, 0, code, sizeof code);
        if (fn(code, db_column_int64(st, 1), arg) != 0) {
            rc = DB_DONE;
            break;
        }
    }
    db_finalize(st);
    return rc == DB_DONE ? DB_OK : rc;
}
