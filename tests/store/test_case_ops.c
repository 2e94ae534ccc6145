/*
 * tests/store/test_case_ops.c — a case from receipt to completion through
 * case_op_create / case_op_event, on both engines: legal transitions only, deadlines
 * opened and met with the right due dates, the projection, statistics deltas that sum
 * to the case's current bucket, and an intact hash chain that tampering breaks.
 */
#include "testdb.h"
#include "ops/case_bulk.h"
#include "ops/case_ops.h"
#include "ops/case_replay.h"
#include "ops/unit_ops.h"
#include "ops/user_ops.h"
#include "core/access.h"
#include "core/money.h"
#include "core/stat_sum.h"
#include "store/cases.h"
#include "store/stat_month.h"
#include "store/units.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static app_t app;

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

static int64_t make_unit(db_t *db)
{
    unit_input_t root = {"BTP", "Bộ Tư pháp", "ministry", 0, d("2000-01-01"), CIVIL_DATE_INVALID};
    unit_input_t na = {"NA",
                       "Thi hành án dân sự tỉnh Nghệ An",
                       "provincial_agency",
                       0,
                       d("2000-01-01"),
                       CIVIL_DATE_INVALID};
    op_error_t err;
    int64_t btp, id;

    assert_int_equal(unit_op_create(db, &root, 0, 1, &btp, &err), 0);
    na.parent_id = btp;
    assert_int_equal(unit_op_create(db, &na, 0, 1, &id, &err), 0);
    return id;
}

static int64_t make_officer(db_t *db, int64_t unit)
{
    user_input_t in = {"chv.lan", "Trần Thị Lan", unit, 1u << ROLE_OFFICER, "x"};
    op_error_t err;
    int64_t id;

    assert_int_equal(user_op_create(db, &in, d("2026-01-01"), 1, &id, &err), 0);
    return id;
}

static const case_party_input_t parties[] = {
    {"creditor",
     {"person", "Nguyễn Văn An", "001085012345", "Vinh, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
    {"debtor",
     {"person", "Lê Thị Bình", "040190001234", "Diễn Châu, Nghệ An", CIVIL_DATE_INVALID, 0, NULL}},
};
static const case_item_input_t items[] = {
    {"pay_money", "Trả nợ vay", 150000000, 0, 3},
    {"court_fee", "Án phí dân sự sơ thẩm", 7500000, -1, 2},
};

/* A civil case of unit received that day: the parties and items above. */
static case_input_t case_input(int64_t unit, const char *no, const char *received)
{
    return (case_input_t){
        .unit_id = unit,
        .case_no = no,
        .source = "application",
        .category = "civil",
        .received_on = d(received),
        .judgment_no = "07/2025/DS-ST",
        .court_name = "TAND khu vực 1 - Nghệ An",
        .judgment_kind = "civil",
        .judgment_date = d("2025-11-03"),
        .parties = parties,
        .nparties = 2,
        .items = items,
        .nitems = 2,
    };
}

/* A second province beside make_unit's: Hà Tĩnh, under the ministry. */
static int64_t make_second_unit(db_t *db)
{
    unit_input_t ht = {"HT",
                       "Thi hành án dân sự tỉnh Hà Tĩnh",
                       "provincial_agency",
                       0,
                       d("2000-01-01"),
                       CIVIL_DATE_INVALID};
    unit_row_t btp;
    op_error_t err;
    int64_t id;

    assert_int_equal(units_get_by_code(db, "BTP", d("2026-01-01"), &btp), DB_ROW);
    ht.parent_id = btp.id;
    assert_int_equal(unit_op_create(db, &ht, 0, 1, &id, &err), 0);
    return id;
}

static int64_t open_case(db_t *db, int64_t unit, const char *no, const char *received)
{
    case_input_t in = case_input(unit, no, received);
    op_error_t err;
    int64_t id;

    if (case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err) != 0)
        fail_msg("create: %s (%s)", err.en, err.field);
    return id;
}

static int event(db_t *db, int64_t id, case_event_t type, const char *on, op_error_t *err,
                 case_event_input_t extra)
{
    int64_t seq;
    extra.type = type;
    extra.occurred_on = d(on);
    if (extra.document_no == NULL && case_event_needs_document(type))
        extra.document_no = "12/QĐ-THADS";
    return case_op_event(db, &app, id, &extra, 0, d("2026-11-20"), 2, &seq, err);
}

static void ok(db_t *db, int64_t id, case_event_t type, const char *on, case_event_input_t extra)
{
    op_error_t err;
    if (event(db, id, type, on, &err, extra) != 0)
        fail_msg("%s on %s: %d %s", case_event_code(type), on, err.status, err.en);
}

static void refused(db_t *db, int64_t id, case_event_t type, const char *on, int status,
                    const char *code, case_event_input_t extra)
{
    op_error_t err;
    int rc = event(db, id, type, on, &err, extra);
    if (rc != status || strcmp(err.code, code) != 0)
        fail_msg("%s on %s: got %d %s, want %d %s", case_event_code(type), on, rc,
                 rc ? err.code : "", status, code);
}

static char *deadline_of(db_t *db, int64_t id, const char *rule, char *buf)
{
    db_stmt_t *st;
    char sql[256];

    snprintf(sql, sizeof sql,
             "SELECT due_on, COALESCE(outcome, 'open') FROM case_deadline WHERE case_id = %lld "
             "AND rule_id = '%s' ORDER BY id DESC LIMIT 1",
             (long long)id, rule);
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    if (db_step(st) == DB_ROW)
        snprintf(buf, 40, "%s %s", db_column_text(st, 0), db_column_text(st, 1));
    else
        snprintf(buf, 40, "none");
    db_finalize(st);
    return buf;
}

static int64_t scalar(db_t *db, const char *sql)
{
    int64_t v = -1;
    assert_int_equal(db_query_int64(db, sql, &v), DB_ROW);
    return v;
}

static void test_lifecycle(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t none = {0};
    case_row_t c;
    char buf[40];
    int64_t unit, officer, id, rows, events;
    char msg[256];

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    unit = make_unit(db);
    officer = make_officer(db, unit);
    /* Received Thursday 2026-02-12: the decision is due in 5 working days, after Tết. */
    id = open_case(db, unit, "46/QĐ-THADS", "2026-02-12");
    assert_string_equal(deadline_of(db, id, "D6", buf), "2026-02-26 open");

    refused(db, id, CASE_EVENT_POSTPONED, "2026-02-13", OP_CONFLICT, "transition_not_allowed",
            none);
    ok(db, id, CASE_EVENT_DECIDED, "2026-02-24", none);
    assert_string_equal(deadline_of(db, id, "D6", buf), "2026-02-26 met");
    ok(db, id, CASE_EVENT_ASSIGNED, "2026-02-24", (case_event_input_t){.officer_user_id = officer});
    ok(db, id, CASE_EVENT_NOTIFIED, "2026-02-26", none);
    /* 10 calendar days from the day after: 2026-03-08 is a Sunday -> Monday 03-09. */
    assert_string_equal(deadline_of(db, id, "D10", buf), "2026-03-09 open");
    refused(db, id, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, "2026-03-05", OP_UNPROCESSABLE,
            "period_running", none);
    ok(db, id, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, "2026-03-10", none);
    ok(db, id, CASE_EVENT_VERIFICATION_RECORDED, "2026-03-16",
       (case_event_input_t){.verify = VERIFY_ELIGIBLE});
    ok(db, id, CASE_EVENT_MONEY_COLLECTED, "2026-04-01",
       (case_event_input_t){.amount_vnd = 157500000});
    refused(db, id, CASE_EVENT_COMPLETED, "2026-04-02", OP_CONFLICT, "money_held", none);
    refused(db, id, CASE_EVENT_MONEY_PAID, "2026-04-02", OP_CONFLICT, "more_than_held",
            (case_event_input_t){.amount_vnd = 157500001});
    refused(db, id, CASE_EVENT_MONEY_PAID, "2026-03-30", OP_UNPROCESSABLE, "before_last_event",
            (case_event_input_t){.amount_vnd = 1});
    ok(db, id, CASE_EVENT_MONEY_PAID, "2026-04-08", (case_event_input_t){.amount_vnd = 157500000});
    assert_string_equal(deadline_of(db, id, "D30", buf), "2026-04-13 met");
    refused(db, id, CASE_EVENT_DECIDED, "2026-04-09", OP_CONFLICT, "transition_not_allowed", none);
    refused(db, id, CASE_EVENT_TERMINATED, "2026-04-09", OP_INVALID, "missing_field",
            (case_event_input_t){.document_no = ""});
    ok(db, id, CASE_EVENT_COMPLETED, "2026-04-09", none);
    assert_int_equal(db_commit(db), DB_OK);

    assert_int_equal(cases_get(db, id, &c), DB_ROW);
    assert_string_equal(c.state, "completed");
    assert_string_equal(c.stat_bucket, case_stat_code(STAT_D1_COMPLETED));
    assert_true(c.officer_user_id == officer);
    assert_true(c.amount_vnd == 157500000 && c.collected_vnd == 157500000 &&
                c.paid_vnd == 157500000);
    assert_int_equal(c.event_seq, 9); /* refusals leave nothing */
    assert_int_equal(c.next_due_on, CIVIL_DATE_INVALID);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM case_deadline WHERE closed_seq IS NULL"), 0);

    /* The deltas sum to one case, in the completed bucket only (a2_new counts the day it
     * was accepted, a flow, not where it is). */
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM (SELECT bucket FROM stat_delta WHERE "
                                "bucket NOT LIKE 'money%' AND bucket NOT LIKE '%a2_new' GROUP BY "
                                "bucket HAVING SUM(cases) <> 0) b"),
                     1);
    assert_int_equal(
        scalar(db, "SELECT SUM(amount_vnd) FROM stat_delta WHERE bucket LIKE '%a2_new'"),
        157500000);
    assert_int_equal(
        scalar(db, "SELECT SUM(cases) FROM stat_delta WHERE bucket LIKE '%d1_completed'"), 1);
    assert_int_equal(
        scalar(db, "SELECT SUM(amount_vnd) FROM stat_delta WHERE bucket LIKE '%d1_completed'"),
        157500000);
    assert_int_equal(scalar(db, "SELECT SUM(amount_vnd) FROM stat_delta WHERE bucket LIKE "
                                "'%money_collected'"),
                     157500000);

    assert_int_equal(case_events_verify(db, &rows, &events, msg, sizeof msg), DB_OK);
    assert_int_equal(rows, 1);
    assert_int_equal(events, 9);
    db_close(db);
}

static void test_tampering_is_found(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t none = {0};
    int64_t unit, id, ncases, nevents;
    char msg[256];

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    unit = make_unit(db);
    id = open_case(db, unit, "1/QĐ-THADS", "2026-03-02");
    ok(db, id, CASE_EVENT_DECIDED, "2026-03-03", none);
    ok(db, id, CASE_EVENT_NOTIFIED, "2026-03-04", none);
    open_case(db, unit, "2/QĐ-THADS", "2026-03-02");
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(case_events_verify(db, &ncases, &nevents, msg, sizeof msg), DB_OK);
    assert_int_equal(nevents, 4);

    testdb_exec(db, "UPDATE case_event SET occurred_on = '2026-03-01' WHERE seq = 2 AND "
                    "case_id = (SELECT id FROM enforcement_case WHERE case_no = '1/QĐ-THADS')");
    assert_int_equal(case_events_verify(db, &ncases, &nevents, msg, sizeof msg), DB_ERROR);
    if (strstr(msg, "event 2") == NULL)
        fail_msg("message: %s", msg);
    (void)id;
    db_close(db);
}

static void test_refusals_write_nothing(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_input_t in;
    op_error_t err;
    int64_t unit, id;
    case_party_input_t no_debtor[] = {parties[0]};
    case_item_input_t bad_item[] = {{"pay_money", "Nợ", -5, 0, 3}};

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    unit = make_unit(db);
    open_case(db, unit, "9/QĐ-THADS", "2026-03-02");
    in = (case_input_t){.unit_id = unit,
                        .case_no = "9/QĐ-THADS",
                        .source = "application",
                        .category = "civil",
                        .received_on = d("2026-03-02"),
                        .judgment_no = "1/2026/DS-ST",
                        .court_name = "TAND",
                        .judgment_date = d("2026-01-05"),
                        .parties = parties,
                        .nparties = 2};
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), OP_CONFLICT);
    assert_string_equal(err.field, "case_no");
    in.case_no = "10/QĐ-THADS";
    in.category = "tax";
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), OP_INVALID);
    assert_string_equal(err.field, "category");
    in.category = "credit";
    in.received_on = d("2027-01-01");
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err),
                     OP_UNPROCESSABLE);
    in.received_on = d("2026-03-02");
    in.parties = no_debtor;
    in.nparties = 1;
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), OP_INVALID);
    assert_string_equal(err.field, "parties");
    in.parties = parties;
    in.nparties = 2;
    in.items = bad_item;
    in.nitems = 1;
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), OP_INVALID);
    assert_string_equal(err.field, "items[0]");
    {
        /* amounts within the bound one by one, not together (core/money.h) */
        case_item_input_t big[] = {
            {"pay_money", "Nợ 1", MONEY_AMOUNT_MAX / 2 + 1, 0, 3},
            {"pay_money", "Nợ 2", MONEY_AMOUNT_MAX / 2, 0, 3},
        };
        in.items = big;
        in.nitems = 2;
        assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err),
                         OP_INVALID);
        assert_string_equal(err.code, "too_large");
        assert_string_equal(err.field, "items[1]");
        big[0].amount_vnd = MONEY_AMOUNT_MAX + 1;
        in.nitems = 1;
        assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err),
                         OP_INVALID);
        assert_string_equal(err.field, "items[0]");
    }
    in.items = NULL;
    in.nitems = 0;
    in.unit_id = unit - 1; /* the ministry: not an enforcement unit */
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err),
                     OP_UNPROCESSABLE);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM enforcement_case"), 1);
    db_close(db);
}

/* Rows of a query, one line each, columns separated by '|' (NULL as "-"), into buf. */
static const char *dump(db_t *db, const char *sql, char *buf, size_t len)
{
    db_stmt_t *st;
    size_t w = 0;

    buf[0] = '\0';
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    while (db_step(st) == DB_ROW)
        for (int i = 0; i < db_column_count(st); i++) {
            const char *v = db_column_text(st, i);
            int n = snprintf(buf + w, len - w, "%s%c", v ? v : "-",
                             i + 1 < db_column_count(st) ? '|' : '\n');
            assert_true(n > 0 && (size_t)n < len - w);
            w += (size_t)n;
        }
    db_finalize(st);
    return buf;
}

/* What a case's events left, as text, for case_no in the unit with code: its row, its
 * events, its deadlines and its unit's statistics (per day, category and bucket, the
 * sums that are not zero). Officers appear as "an officer" / "the officer": the two
 * units have different ones. */
static void history(db_t *db, const char *unit, const char *no, char *buf, size_t len)
{
    char sql[1024];
    size_t w;

    snprintf(
        sql, sizeof sql,
        "SELECT c.state, c.stat_bucket, c.state_on, c.decided_on, c.last_event_on, "
        "c.next_due_on, c.officer_user_id IS NOT NULL, c.amount_vnd, c.collected_vnd, c.paid_vnd, "
        "c.event_seq FROM enforcement_case c JOIN unit u ON u.id = c.unit_id WHERE "
        "u.code = '%s' AND c.case_no = '%s'",
        unit, no);
    dump(db, sql, buf, len);
    w = strlen(buf);
    snprintf(sql, sizeof sql,
             "SELECT e.seq, e.type, e.occurred_on, e.document_no, CASE WHEN e.type = 'assigned' "
             "THEN 'an officer' ELSE e.payload END, e.state_after FROM "
             "case_event e JOIN enforcement_case c ON c.id = e.case_id JOIN unit u ON u.id = "
             "c.unit_id WHERE u.code = '%s' AND c.case_no = '%s' ORDER BY e.seq",
             unit, no);
    dump(db, sql, buf + w, len - w);
    w = strlen(buf);
    snprintf(sql, sizeof sql,
             "SELECT d.rule_id, CASE WHEN d.officer_user_id = c.officer_user_id THEN 'the officer' "
             "ELSE CAST(d.officer_user_id AS TEXT) END, d.opened_seq, d.trigger_on, d.due_on, "
             "d.closed_seq, d.closed_on, d.outcome FROM case_deadline d JOIN enforcement_case c "
             "ON c.id = d.case_id JOIN unit u ON u.id = c.unit_id WHERE u.code = '%s' AND "
             "c.case_no = '%s' ORDER BY d.opened_seq, d.rule_id",
             unit, no);
    dump(db, sql, buf + w, len - w);
    w = strlen(buf);
    snprintf(sql, sizeof sql,
             "SELECT s.day, s.category, s.bucket, SUM(s.cases), SUM(s.amount_vnd) FROM "
             "stat_delta s JOIN unit u ON u.id = s.unit_id WHERE u.code = '%s' GROUP BY s.day, "
             "s.category, s.bucket HAVING SUM(s.cases) <> 0 OR SUM(s.amount_vnd) <> 0 ORDER BY "
             "s.day, s.bucket",
             unit);
    dump(db, sql, buf + w, len - w);
}

/* Events recorded together (case_op_create_with, case_op_events_on) leave exactly what
 * the same events recorded one by one leave; a refusal among them leaves nothing. */
static void test_events_at_once_as_one_by_one(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t evs[8];
    case_input_t in;
    case_row_t c;
    op_error_t err;
    int64_t na, ht_id, officer_na, officer_ht, id;
    size_t failed;
    char *one = malloc(32768), *many = malloc(32768);
    const char *dates[] = {"2026-02-24", "2026-02-24", "2026-02-26", "2026-03-10",
                           "2026-03-16", "2026-04-01", "2026-04-08", "2026-04-09"};

    assert_non_null(one);
    assert_non_null(many);
    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    ht_id = make_second_unit(db);
    officer_na = make_officer(db, na);
    {
        user_input_t u = {"chv.ha", "Lê Thị Hà", ht_id, 1u << ROLE_OFFICER, "x"};
        assert_int_equal(user_op_create(db, &u, d("2026-01-01"), 1, &officer_ht, &err), 0);
    }

    /* The same history: decided, assigned, notified, the period's end, verification,
     * money in and out, completion. */
    memset(evs, 0, sizeof evs);
    evs[0].type = CASE_EVENT_DECIDED;
    evs[1].type = CASE_EVENT_ASSIGNED;
    evs[2].type = CASE_EVENT_NOTIFIED;
    evs[3].type = CASE_EVENT_VOLUNTARY_PERIOD_ENDED;
    evs[4].type = CASE_EVENT_VERIFICATION_RECORDED;
    evs[4].verify = VERIFY_ELIGIBLE;
    evs[5].type = CASE_EVENT_MONEY_COLLECTED;
    evs[5].amount_vnd = 157500000;
    evs[6].type = CASE_EVENT_MONEY_PAID;
    evs[6].amount_vnd = 157500000;
    evs[7].type = CASE_EVENT_COMPLETED;
    for (int i = 0; i < 8; i++) {
        evs[i].occurred_on = d(dates[i]);
        evs[i].document_no = case_event_needs_document(evs[i].type) ? "12/QĐ-THADS" : NULL;
    }

    /* One by one in Nghệ An... */
    id = open_case(db, na, "46/QĐ-THADS", "2026-02-12");
    for (int i = 0; i < 8; i++) {
        int64_t seq;
        evs[1].officer_user_id = officer_na;
        if (case_op_event(db, &app, id, &evs[i], 0, d("2026-11-20"), 2, &seq, &err) != 0)
            fail_msg("event %d: %s", i, err.en);
    }
    /* ...and all at once in Hà Tĩnh. */
    in = case_input(ht_id, "46/QĐ-THADS", "2026-02-12");
    evs[1].officer_user_id = officer_ht;
    if (case_op_create_with(db, &app, &in, evs, 8, 0, d("2026-11-20"), 1, &c, &failed, &err) != 0)
        fail_msg("create_with: event %zu: %s", failed, err.en);
    assert_string_equal(c.state, "completed");
    assert_int_equal(c.event_seq, 9);

    history(db, "NA", "46/QĐ-THADS", one, 32768);
    history(db, "HT", "46/QĐ-THADS", many, 32768);
    assert_string_equal(one, many);

    /* A refusal among them leaves nothing: the period still runs on 2026-03-05. */
    in.case_no = "47/QĐ-THADS";
    evs[3].occurred_on = d("2026-03-05");
    assert_int_equal(
        case_op_create_with(db, &app, &in, evs, 8, 0, d("2026-11-20"), 1, &c, &failed, &err),
        OP_UNPROCESSABLE);
    assert_int_equal(failed, 3);
    assert_string_equal(err.code, "period_running");
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM enforcement_case WHERE case_no = "
                                "'47/QĐ-THADS'"),
                     0);
    /* The same on an existing case: its first three events pass, the fourth is
     * refused, nothing is kept. */
    in.case_no = "48/QĐ-THADS";
    assert_int_equal(case_op_create_into(db, &app, &in, 0, d("2026-11-20"), 1, &c, &err), 0);
    assert_int_equal(case_op_events_on(db, &app, &c, evs, 8, 0, d("2026-11-20"), 1, &failed, &err),
                     OP_UNPROCESSABLE);
    assert_int_equal(failed, 3);
    assert_int_equal(c.event_seq, 1);
    assert_int_equal(scalar(db, "SELECT event_seq FROM enforcement_case WHERE case_no = "
                                "'48/QĐ-THADS'"),
                     1);
    evs[3].occurred_on = d("2026-03-10");
    assert_int_equal(case_op_events_on(db, &app, &c, evs, 8, 0, d("2026-11-20"), 1, &failed, &err),
                     0);
    assert_int_equal(c.event_seq, 9);
    assert_int_equal(db_commit(db), DB_OK);
    {
        int64_t ncases, nevents;
        char msg[256];
        assert_int_equal(case_events_verify(db, &ncases, &nevents, msg, sizeof msg), DB_OK);
        assert_int_equal(ncases, 3);
        assert_int_equal(nevents, 27);
    }
    free(one);
    free(many);
    db_close(db);
}

/* July 2025: a district office closes and its open cases go on under its successor's
 * officers, not under anyone else's. */
static void test_closed_units_cases_go_to_the_successor(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t assign = {0};
    unit_input_t district, regional, other;
    user_input_t officer = {"chv.kv7", "Hồ Thị Mai", 0, 1u << ROLE_OFFICER, "x"};
    user_input_t stranger = {"chv.kv9", "Lê Văn Tám", 0, 1u << ROLE_OFFICER, "x"};
    op_error_t err;
    int64_t na, d_id, r_id, o_id, officer_id, stranger_id, id, seq;

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    district = (unit_input_t){"NA-HUYEN",        "Chi cục THADS huyện Diễn Châu",
                              "district_office", na,
                              d("2010-01-01"),   CIVIL_DATE_INVALID};
    regional = (unit_input_t){"NA-KV7", "Phòng THADS khu vực 7", "regional_office",
                              na,       d("2025-07-01"),         CIVIL_DATE_INVALID};
    other = (unit_input_t){"NA-KV9", "Phòng THADS khu vực 9", "regional_office",
                           na,       d("2025-07-01"),         CIVIL_DATE_INVALID};
    assert_int_equal(unit_op_create(db, &district, 0, 1, &d_id, &err), 0);
    assert_int_equal(unit_op_create(db, &regional, 0, 1, &r_id, &err), 0);
    assert_int_equal(unit_op_create(db, &other, 0, 1, &o_id, &err), 0);
    {
        case_input_t in = {
            .unit_id = d_id,
            .case_no = "77/QĐ-CCTHADS",
            .source = "application",
            .category = "civil",
            .received_on = d("2025-03-03"),
            .judgment_no = "2/2025/DS-ST",
            .court_name = "TAND huyện Diễn Châu",
            .judgment_date = d("2025-01-10"),
            .parties = parties,
            .nparties = 2,
            .items = items,
            .nitems = 2,
        };
        assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), 0);
    }
    assert_int_equal(unit_op_close(db, d_id, d("2025-06-30"), r_id, 0, 1, &err), 0);
    officer.unit_id = r_id;
    stranger.unit_id = o_id;
    assert_int_equal(user_op_create(db, &officer, d("2026-01-01"), 1, &officer_id, &err), 0);
    assert_int_equal(user_op_create(db, &stranger, d("2026-01-01"), 1, &stranger_id, &err), 0);

    assign = (case_event_input_t){.type = CASE_EVENT_ASSIGNED,
                                  .occurred_on = d("2026-01-05"),
                                  .document_no = "3/QĐ-PCCHV",
                                  .officer_user_id = stranger_id};
    assert_int_equal(case_op_event(db, &app, id, &assign, 0, d("2026-11-20"), 2, &seq, &err),
                     OP_UNPROCESSABLE);
    assert_string_equal(err.code, "officer_elsewhere");
    assign.officer_user_id = officer_id;
    if (case_op_event(db, &app, id, &assign, 0, d("2026-11-20"), 2, &seq, &err) != 0)
        fail_msg("assign to the successor's officer: %s", err.en);
    /* The provincial agency, above the old office on its last day, may take it too. */
    {
        user_input_t provincial = {"chv.tinh", "Nguyễn Văn Tỉnh", na, 1u << ROLE_OFFICER, "x"};
        int64_t provincial_id;
        assert_int_equal(user_op_create(db, &provincial, d("2026-01-01"), 1, &provincial_id, &err),
                         0);
        assign.officer_user_id = provincial_id;
        assign.occurred_on = d("2026-02-02");
        if (case_op_event(db, &app, id, &assign, 0, d("2026-11-20"), 2, &seq, &err) != 0)
            fail_msg("assign to a provincial officer: %s", err.en);
    }
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* A measure applied before the voluntary period ends (an urgent or protective one) makes
 * the case enforcing, where notified and voluntary_period_ended are refused: the clocks
 * they met are cancelled, not left to turn overdue. */
static void test_urgent_measure_cancels_what_cannot_be_met(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t none = {0};
    char buf[40];
    int64_t unit, a, b;

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    unit = make_unit(db);
    a = open_case(db, unit, "1/QĐ-THADS", "2026-03-02");
    ok(db, a, CASE_EVENT_DECIDED, "2026-03-03", none);
    ok(db, a, CASE_EVENT_MEASURE_APPLIED, "2026-03-04", none);
    assert_string_equal(deadline_of(db, a, "D9", buf), "2026-03-06 cancelled");
    refused(db, a, CASE_EVENT_NOTIFIED, "2026-03-05", OP_CONFLICT, "transition_not_allowed", none);

    b = open_case(db, unit, "2/QĐ-THADS", "2026-03-02");
    ok(db, b, CASE_EVENT_DECIDED, "2026-03-03", none);
    ok(db, b, CASE_EVENT_NOTIFIED, "2026-03-04", none);
    ok(db, b, CASE_EVENT_MEASURE_APPLIED, "2026-03-05", none);
    assert_int_equal(strstr(deadline_of(db, b, "D10", buf), " cancelled") != NULL, 1);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM case_deadline WHERE closed_seq IS NULL "
                                "AND rule_id IN ('D9', 'D10')"),
                     0);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* Entrusting a case that has collected money: what it collected paid its items in Art
 * 47's order (rank 1 first), so the receiving agency enforces what the lower ranks still
 * owe — whatever order the items were listed in. */
static void test_entrust_takes_collected_money_off_in_payment_order(void **state)
{
    static const case_item_input_t fee_first[] = {
        {"court_fee", "Án phí dân sự sơ thẩm", 7500000, -1, 2},
        {"pay_money", "Trả nợ vay", 150000000, 0, 3},
    };
    unit_input_t ht = {"HT",
                       "Thi hành án dân sự tỉnh Hà Tĩnh",
                       "provincial_agency",
                       0,
                       d("2000-01-01"),
                       CIVIL_DATE_INVALID};
    case_input_t in = {.case_no = "46/QĐ-THADS",
                       .source = "application",
                       .category = "civil",
                       .received_on = d("2026-02-12"),
                       .judgment_no = "07/2025/DS-ST",
                       .court_name = "TAND khu vực 1 - Nghệ An",
                       .judgment_date = d("2025-11-03"),
                       .parties = parties,
                       .nparties = 2,
                       .items = fee_first,
                       .nitems = 2};
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t none = {0};
    unit_row_t na;
    op_error_t err;
    int64_t id, ht_id, new_id;
    char sql[200];

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    in.unit_id = make_unit(db);
    assert_int_equal(units_get(db, in.unit_id, d("2026-01-01"), &na), DB_ROW);
    ht.parent_id = na.parent_id;
    assert_int_equal(unit_op_create(db, &ht, 0, 1, &ht_id, &err), 0);
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), 0);
    ok(db, id, CASE_EVENT_DECIDED, "2026-02-24", none);
    ok(db, id, CASE_EVENT_NOTIFIED, "2026-02-26", none);
    ok(db, id, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, "2026-03-10", none);
    ok(db, id, CASE_EVENT_VERIFICATION_RECORDED, "2026-03-16",
       (case_event_input_t){.verify = VERIFY_ELIGIBLE});
    ok(db, id, CASE_EVENT_MONEY_COLLECTED, "2026-04-01",
       (case_event_input_t){.amount_vnd = 5000000});
    ok(db, id, CASE_EVENT_MONEY_PAID, "2026-04-02", (case_event_input_t){.amount_vnd = 5000000});
    if (case_op_entrust(db, &app, id, ht_id, "9/QĐ-UT", d("2026-04-03"), "15/QĐ-UTTHA", 0,
                        d("2026-11-20"), 2, &new_id, &err) != 0)
        fail_msg("entrust: %s", err.en);
    snprintf(sql, sizeof sql,
             "SELECT amount_vnd FROM obligation_item WHERE case_id = %lld AND "
             "content_type = 'court_fee'",
             (long long)new_id);
    assert_int_equal(scalar(db, sql), 2500000);
    snprintf(sql, sizeof sql,
             "SELECT amount_vnd FROM obligation_item WHERE case_id = %lld AND "
             "content_type = 'pay_money'",
             (long long)new_id);
    assert_int_equal(scalar(db, sql), 150000000);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* The definitions of the database's indexes, one per line, in name order. */
static void index_definitions(db_t *db, char *buf, size_t len)
{
    db_stmt_t *st;
    size_t n = 0;

    buf[0] = '\0';
    assert_int_equal(db_prepare(db,
                                db_engine(db) == DB_ENGINE_SQLITE
                                    ? "SELECT sql FROM sqlite_master WHERE type = 'index' AND "
                                      "sql IS NOT NULL ORDER BY name"
                                    : "SELECT indexdef FROM pg_indexes WHERE schemaname = "
                                      "current_schema() UNION ALL SELECT conname || ' ' || "
                                      "pg_get_constraintdef(oid) FROM pg_constraint WHERE "
                                      "contype = 'f' AND connamespace = CAST(current_schema() "
                                      "AS regnamespace) ORDER BY 1",
                                &st),
                     DB_OK);
    while (db_step(st) == DB_ROW && n < len)
        n += (size_t)snprintf(buf + n, len - n, "%s\n", db_column_text(st, 0));
    db_finalize(st);
    assert_true(n < len);
}

/* A bulk load drops the indexes no check of a new case reads and builds them again: the
 * same definitions, holding the rows written meanwhile (SQLite's integrity check compares
 * every index with its table); a rollback restores them. On PostgreSQL the references
 * between the load's tables too, not those to units and users; a row written meanwhile
 * that refers to nothing fails the build. On both engines (PostgreSQL's importer asks
 * only of a database that held no case: its readers would wait). */
static void test_indexes_dropped_and_built(void **state)
{
    static char before[32768], during[32768], after[32768];
    db_t *db = testdb_open_migrated(*state);
    cases_deferred_t *set;
    int64_t unit, officer, id;
    int sqlite = db_engine(db) == DB_ENGINE_SQLITE;

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    unit = make_unit(db);
    officer = make_officer(db, unit);
    assert_int_equal(db_commit(db), DB_OK);
    index_definitions(db, before, sizeof before);

    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(cases_deferred_drop(db, &set), DB_OK);
    index_definitions(db, during, sizeof during);
    assert_non_null(set);
    assert_non_null(strstr(before, "case_by_officer"));
    assert_null(strstr(during, "case_by_officer"));
    assert_null(strstr(during, "deadline_by_unit"));
    assert_null(strstr(during, "stat_case_delta_month"));
    assert_non_null(strstr(during, "party_by_id_number")); /* read by the checks */
    if (!sqlite) {
        assert_non_null(strstr(before, "case_search_document"));
        assert_null(strstr(during, "case_search_document"));
        assert_non_null(strstr(before, "case_event_case_id_fkey"));
        assert_null(strstr(during, "case_event_case_id_fkey"));
        assert_null(strstr(during, "ledger_entry_account_id_fkey"));
        assert_non_null(strstr(during, "case_event_actor_user_id_fkey"));
        assert_non_null(strstr(during, "enforcement_case_unit_id_fkey"));
    }
    id = open_case(db, unit, "1/QĐ-THADS", "2026-01-05");
    ok(db, id, CASE_EVENT_ASSIGNED, "2026-01-06", (case_event_input_t){.officer_user_id = officer});
    open_case(db, unit, "2/QĐ-THADS", "2026-01-07");
    assert_int_equal(cases_deferred_build(db, set), DB_OK);
    index_definitions(db, after, sizeof after);
    assert_string_equal(after, before);
    assert_int_equal(db_commit(db), DB_OK);
    if (sqlite) {
        char buf[64];
        db_stmt_t *st;
        assert_int_equal(db_prepare(db, "PRAGMA integrity_check", &st), DB_OK);
        assert_int_equal(db_step(st), DB_ROW);
        snprintf(buf, sizeof buf, "%s", db_column_text(st, 0));
        db_finalize(st);
        assert_string_equal(buf, "ok");
        assert_int_equal(scalar(db, "SELECT COUNT(*) FROM enforcement_case INDEXED BY "
                                    "case_by_officer WHERE officer_user_id IS NOT NULL"),
                         1);
    }

    /* dropped, then rolled back */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(cases_deferred_drop(db, &set), DB_OK);
    cases_deferred_free(set);
    assert_int_equal(db_rollback(db), DB_OK);
    index_definitions(db, after, sizeof after);
    assert_string_equal(after, before);

    /* an event of no case, written while its reference is dropped: refused at the build */
    if (!sqlite) {
        assert_int_equal(db_begin(db), DB_OK);
        assert_int_equal(cases_deferred_drop(db, &set), DB_OK);
        assert_int_equal(db_exec_script(db, "INSERT INTO case_event (case_id, seq, type, "
                                            "occurred_on, recorded_at, payload, state_after, "
                                            "prev_hash, hash) VALUES (987654321, 1, 'created', "
                                            "'2026-01-05', 0, '{}', 'received', '', '')"),
                         DB_OK);
        assert_int_equal(cases_deferred_build(db, set), DB_CONSTRAINT);
        assert_int_equal(db_rollback(db), DB_OK);
        index_definitions(db, after, sizeof after);
        assert_string_equal(after, before);
    }
    db_close(db);
}

/* A case through a bulk load (ops/case_bulk.h), as an importer writes it: prepared, then
 * inserted. */
static int bulk_create(case_bulk_t *b, db_t *db, const case_input_t *in,
                       const case_event_input_t *evs, size_t n, case_row_t *c, size_t *failed,
                       op_error_t *err)
{
    case_draft_t *draft;
    int rc = case_bulk_prepare(b, &app, in, evs, n, 0, 0, d("2026-11-20"), 1, &draft, err);

    if (rc != 0)
        return rc;
    rc = case_bulk_insert(b, db, draft, c, failed, err);
    case_draft_free(draft);
    return rc;
}

/* An importer's statistics (case_bulk_t): summed as its cases are played, the
 * deltas of one then refused taken back; written, they are what writing each case's
 * own deltas would have written. */
static void test_summed_statistics_as_written(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    const char *dates[] = {"2026-02-24", "2026-02-26", "2026-03-10", "2026-03-16", "2026-04-01"};
    case_bulk_t *bulk = case_bulk_new();
    case_event_input_t evs[5];
    case_input_t in;
    case_row_t c;
    op_error_t err;
    int64_t na, ht_id;
    size_t failed;
    char sql[600];

    assert_non_null(bulk);
    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    ht_id = make_second_unit(db);
    memset(evs, 0, sizeof evs);
    evs[0].type = CASE_EVENT_DECIDED;
    evs[1].type = CASE_EVENT_NOTIFIED;
    evs[2].type = CASE_EVENT_VOLUNTARY_PERIOD_ENDED;
    evs[3].type = CASE_EVENT_VERIFICATION_RECORDED;
    evs[3].verify = VERIFY_ELIGIBLE;
    evs[4].type = CASE_EVENT_MONEY_COLLECTED;
    evs[4].amount_vnd = 57500000;
    for (int i = 0; i < 5; i++) {
        evs[i].occurred_on = d(dates[i]);
        evs[i].document_no = case_event_needs_document(evs[i].type) ? "12/QĐ-THADS" : NULL;
    }
    in = case_input(na, "46/QĐ-THADS", "2026-02-12");
    /* Nghệ An: the deltas written with the case. */
    assert_int_equal(
        case_op_create_with(db, &app, &in, evs, 5, 0, d("2026-11-20"), 1, &c, &failed, &err), 0);
    /* Hà Tĩnh: the same case summed; again under the same number (refused when written,
     * a conflict); and one refused while played (unprocessable: the period still runs). */
    in.unit_id = ht_id;
    assert_int_equal(bulk_create(bulk, db, &in, evs, 5, &c, &failed, &err), 0);
    assert_int_equal(bulk_create(bulk, db, &in, evs, 5, &c, &failed, &err), OP_CONFLICT);
    in.case_no = "47/QĐ-THADS";
    evs[2].occurred_on = d("2026-03-05");
    assert_int_equal(bulk_create(bulk, db, &in, evs, 5, &c, &failed, &err), OP_UNPROCESSABLE);
    /* the monthly stock's triggers paused, Hà Tĩnh's rows computed at the end */
    case_bulk_rollup_rows(bulk, 0);
    assert_int_equal(case_bulk_write_sums(bulk, db, &err), 0);
    assert_int_equal(db_commit(db), DB_OK);
    {
        int64_t bad = -1;
        assert_int_equal(stat_month_check(db, &bad), DB_OK);
        assert_int_equal(bad, 0);
    }

    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM stat_delta WHERE unit_id = %lld AND cases <> 0",
             (long long)na);
    assert_true(scalar(db, sql) >= 3); /* received, then classified; the money collected */
    /* the rows of either unit without their like in the other */
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM (SELECT * FROM stat_delta WHERE unit_id = %lld) a FULL JOIN "
             "(SELECT * FROM stat_delta WHERE unit_id = %lld) b ON a.day = b.day AND a.category "
             "= b.category AND a.bucket = b.bucket AND a.cases = b.cases AND a.amount_vnd = "
             "b.amount_vnd WHERE a.day IS NULL OR b.day IS NULL",
             (long long)na, (long long)ht_id);
    assert_int_equal(scalar(db, sql), 0);
    case_bulk_free(bulk);
    db_close(db);
}

/* A statistics sum past int64 is refused on both engines, never stored inexact. */
static void test_stat_delta_sums_stay_exact(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    civil_date_t day = d("2026-03-02");
    int64_t na;

    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    assert_int_equal(stat_delta_add(db, na, day, "civil", 0, "money_collected", 1, INT64_MAX - 10),
                     DB_OK);
    assert_int_equal(stat_delta_add(db, na, day, "civil", 0, "money_collected", 1, 10), DB_OK);
    assert_int_equal(scalar(db, "SELECT amount_vnd FROM stat_delta WHERE bucket = "
                                "'money_collected'"),
                     INT64_MAX);
    assert_int_equal(scalar(db, "SELECT cases FROM stat_delta WHERE bucket = 'money_collected'"),
                     2);
    assert_int_not_equal(stat_delta_add(db, na, day, "civil", 0, "money_collected", 1, 1), DB_OK);
    db_rollback(db);
    db_close(db);
}

/* A memo keeping keys (what an importer asks for once it has written enough) finds
 * the parties, judgment and case numbers of the database and of its own cases alike. */
static void test_memo_keys_find_what_exists(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_bulk_t *bulk = case_bulk_new();
    static const char *const nos[] = {"2/QĐ-THADS", "2/QĐ-THADS", "1/QĐ-THADS", "3/QĐ-THADS"};
    static const int want[] = {0, OP_CONFLICT, OP_CONFLICT, 0};
    case_input_t in;
    case_row_t c;
    op_error_t err;
    int64_t na;

    assert_non_null(bulk);
    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    open_case(db, na, "1/QĐ-THADS", "2026-02-12"); /* before the memo */
    case_bulk_keep_keys(bulk);
    for (size_t i = 0; i < sizeof nos / sizeof nos[0]; i++) {
        in = case_input(na, nos[i], "2026-02-13");
        if (bulk_create(bulk, db, &in, NULL, 0, &c, NULL, &err) != want[i])
            fail_msg("%s: %s", nos[i], err.en);
    }
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM enforcement_case"), 3);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM party WHERE id_number = '040190001234'"), 1);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM party"), 2);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM judgment"), 1);
    case_bulk_free(bulk);
    db_close(db);
}

/* Decision numbers restart every year: "46/QĐ-THADS" of 2025 and of 2026 are two cases of
 * one unit, a second "46/QĐ-THADS" of 2026 is refused naming the year — on the everyday
 * path, through a bulk load's memo and for an entrustment. The year is that of the day
 * received unless given, from that year to this one. */
static void test_case_identity_by_year(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_bulk_t *bulk = case_bulk_new();
    case_event_input_t none = {0};
    case_input_t in;
    case_row_t c;
    op_error_t err;
    int64_t na, ht, id, a2025, a2026, new_id;

    assert_non_null(bulk);
    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    ht = make_second_unit(db);
    a2025 = open_case(db, na, "46/QĐ-THADS", "2025-11-10");
    a2026 = open_case(db, na, "46/QĐ-THADS", "2026-02-12");
    assert_int_equal(cases_get(db, a2025, &c), DB_ROW);
    assert_int_equal(c.year, 2025);
    assert_int_equal(cases_get(db, a2026, &c), DB_ROW);
    assert_int_equal(c.year, 2026);
    assert_int_equal(cases_find_by_no(db, na, 2025, "46/QĐ-THADS", &id), DB_ROW);
    assert_int_equal(id, a2025);
    assert_int_equal(cases_find_by_no(db, na, 2026, "46/QĐ-THADS", &id), DB_ROW);
    assert_int_equal(id, a2026);
    assert_int_equal(cases_find_by_no(db, na, 2024, "46/QĐ-THADS", &id), DB_DONE);

    /* the same number in the same year, by the day received or given */
    in = case_input(na, "46/QĐ-THADS", "2026-03-02");
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), OP_CONFLICT);
    assert_string_equal(err.field, "case_no");
    assert_non_null(strstr(err.en, "46/QĐ-THADS of 2026"));
    assert_non_null(strstr(err.vi, "46/QĐ-THADS năm 2026"));
    in = case_input(na, "46/QĐ-THADS", "2025-12-29");
    in.year = 2026; /* received in December, decided in January */
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), OP_CONFLICT);
    /* a year before the day received, or after today */
    in.case_no = "1/QĐ-THADS";
    in.year = 2024;
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err),
                     OP_UNPROCESSABLE);
    assert_string_equal(err.field, "year");
    in.year = 2027;
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err),
                     OP_UNPROCESSABLE);
    in.year = 2026;
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), 0);
    assert_int_equal(cases_get(db, id, &c), DB_ROW);
    assert_int_equal(c.year, 2026);

    /* a bulk load's memo knows the year too */
    case_bulk_keep_keys(bulk);
    in = case_input(na, "46/QĐ-THADS", "2026-05-04");
    assert_int_equal(bulk_create(bulk, db, &in, NULL, 0, &c, NULL, &err), OP_CONFLICT);
    assert_non_null(strstr(err.en, "of 2026"));
    in = case_input(na, "2/QĐ-THADS", "2025-11-17");
    assert_int_equal(bulk_create(bulk, db, &in, NULL, 0, &c, NULL, &err), 0);
    in = case_input(na, "2/QĐ-THADS", "2026-05-04");
    assert_int_equal(bulk_create(bulk, db, &in, NULL, 0, &c, NULL, &err), 0);
    in = case_input(na, "2/QĐ-THADS", "2026-05-05");
    assert_int_equal(bulk_create(bulk, db, &in, NULL, 0, &c, NULL, &err), OP_CONFLICT);

    /* an entrustment's new case has the year of the day it is received */
    in = case_input(ht, "9/QĐ-UT", "2026-01-05");
    assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &err), 0);
    ok(db, a2026, CASE_EVENT_DECIDED, "2026-02-24", none);
    assert_int_equal(case_op_entrust(db, &app, a2026, ht, "9/QĐ-UT", d("2026-04-03"), "15/QĐ-UTTHA",
                                     0, d("2026-11-20"), 2, &new_id, &err),
                     OP_CONFLICT);
    assert_non_null(strstr(err.en, "9/QĐ-UT of 2026"));
    ok(db, a2025, CASE_EVENT_DECIDED, "2025-11-12", none);
    assert_int_equal(case_op_entrust(db, &app, a2025, ht, "9/QĐ-UT", d("2025-11-20"), "15/QĐ-UTTHA",
                                     0, d("2026-11-20"), 2, &new_id, &err),
                     0);
    assert_int_equal(cases_get(db, new_id, &c), DB_ROW);
    assert_int_equal(c.year, 2025);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM enforcement_case WHERE case_no = "
                                "'46/QĐ-THADS'"),
                     2);
    case_bulk_free(bulk);
    db_close(db);
}

/* Sum of the late and overdue counts of the inspection view for the unit's subtree. */
static int sum_violations(const violation_row_t *v, void *arg)
{
    ((int64_t *)arg)[0] += v->late + v->overdue;
    return 0;
}

/* The rules of issue 12 that the database keeps between requests: a case postponed while
 * not yet eligible returns there (and to its statistics line) when the postponement ends;
 * the voluntary period elapses, never late, and no inspection counts it against anyone,
 * open or closed. */
static void test_continuing_returns_and_debtor_period(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t none = {0};
    case_row_t c;
    int64_t na, id, violations = 0;

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    id = open_case(db, na, "46/QĐ-THADS", "2026-02-12");
    ok(db, id, CASE_EVENT_DECIDED, "2026-02-13", none);
    ok(db, id, CASE_EVENT_NOTIFIED, "2026-02-24", none);
    /* the period ended on 06/03; its end is recorded three weeks later */
    ok(db, id, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, "2026-03-27", none);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM case_deadline WHERE rule_id = 'D10' AND "
                                "outcome = 'elapsed' AND duty = 0"),
                     1);
    /* D11 counts from the period's legal end: 10 days from 06/03, due 16/03 */
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM case_deadline WHERE rule_id = 'D11' AND "
                                "trigger_on = '2026-03-06' AND due_on = '2026-03-16'"),
                     1);
    ok(db, id, CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE, "2026-03-30", none);
    ok(db, id, CASE_EVENT_POSTPONED, "2026-04-01", none);
    assert_int_equal(cases_get(db, id, &c), DB_ROW);
    assert_string_equal(c.resume_state, "not_eligible");
    ok(db, id, CASE_EVENT_POSTPONEMENT_LIFTED, "2026-04-15", none);
    assert_int_equal(cases_get(db, id, &c), DB_ROW);
    assert_string_equal(c.state, "not_eligible");
    assert_string_equal(c.stat_bucket, "e_not_eligible");
    assert_string_equal(c.resume_state, "");
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM case_deadline WHERE rule_id = 'D12' AND "
                                "closed_seq IS NULL AND trigger_on = '2026-04-15'"),
                     1);
    /* the violations: D11 met late (30/03 after 16/03), and D7 still open (no officer was
     * ever assigned); D10 is not one */
    assert_int_equal(deadlines_violations(db, na, d("2026-11-20"), d("2026-01-01"), d("2026-12-31"),
                                          sum_violations, &violations),
                     DB_OK);
    assert_int_equal(violations, 2);

    /* a second case whose period has run but whose end nobody recorded: not a violation */
    id = open_case(db, na, "47/QĐ-THADS", "2026-02-12");
    ok(db, id, CASE_EVENT_DECIDED, "2026-02-13", none);
    ok(db, id, CASE_EVENT_SENT_TO_PROCURACY, "2026-02-13", none); /* D8 met */
    ok(db, id, CASE_EVENT_NOTIFIED, "2026-02-24", none);
    violations = 0;
    assert_int_equal(deadlines_violations(db, na, d("2026-03-20"), d("2026-03-20"), d("2026-03-20"),
                                          sum_violations, &violations),
                     DB_OK);
    /* on 20/03 (as the rows stand now): the second case's D7, open past due — not its D10,
     * due 06/03 and open too (the first case's D7 was cancelled by the postponement) */
    assert_int_equal(violations, 1);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* Replay (what `thads fsck` runs): untouched cases agree with their events; an edited
 * state, money column, deadline or statistics row is named. */
typedef struct {
    char lines[8][1024];
    int n;
} diffs_t;

static void keep_diff(const char *line, void *arg)
{
    diffs_t *d = arg;
    if (d->n < 8)
        snprintf(d->lines[d->n++], sizeof d->lines[0], "%s", line);
}

static int64_t replay(db_t *db, diffs_t *d)
{
    case_replay_counts_t n;
    op_error_t err;

    memset(d, 0, sizeof *d);
    if (case_replay_all(db, &app, keep_diff, d, 8, &n, &err) != 0)
        fail_msg("replay: %s", err.en);
    return n.differences;
}

static int said(const diffs_t *d, const char *text)
{
    for (int i = 0; i < d->n; i++)
        if (strstr(d->lines[i], text) != NULL)
            return 1;
    return 0;
}

static void test_replay_names_edited_rows(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_event_input_t none = {0};
    diffs_t d;
    int64_t na, id, other;
    char sql[256];

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    id = open_case(db, na, "46/QĐ-THADS", "2026-02-12");
    ok(db, id, CASE_EVENT_DECIDED, "2026-02-13", none);
    ok(db, id, CASE_EVENT_NOTIFIED, "2026-02-24", none);
    ok(db, id, CASE_EVENT_VOLUNTARY_PERIOD_ENDED, "2026-03-27", none);
    ok(db, id, CASE_EVENT_VERIFICATION_RECORDED, "2026-03-30",
       (case_event_input_t){.verify = VERIFY_ELIGIBLE});
    ok(db, id, CASE_EVENT_MONEY_COLLECTED, "2026-04-01",
       (case_event_input_t){.amount_vnd = 5000000});
    other = open_case(db, na, "47/QĐ-THADS", "2026-02-12");
    ok(db, other, CASE_EVENT_DECIDED, "2026-02-13", none);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(replay(db, &d), 0);

    snprintf(sql, sizeof sql,
             "UPDATE enforcement_case SET state = 'completed', collected_vnd = 1 WHERE id = %lld",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_OK);
    snprintf(sql, sizeof sql,
             "UPDATE case_deadline SET due_on = '2027-01-01' WHERE case_id = %lld AND rule_id = "
             "'D30'",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_OK);
    assert_int_equal(db_exec_script(db, "UPDATE stat_delta SET cases = cases + 1 WHERE bucket LIKE "
                                        "'%d3_enforcing'"),
                     DB_OK);
    assert_true(replay(db, &d) >= 5);
    assert_true(said(&d, "(46/QĐ-THADS): state: stored 'completed', replayed 'enforcing'"));
    assert_true(said(&d, "(46/QĐ-THADS): collected: stored 1, replayed 5000000"));
    assert_true(said(&d, "deadline D30 due 2027-01-01 open in the database only"));
    assert_true(said(&d, "open on replay only"));
    assert_true(said(&d, "d3_enforcing: stored 2 case(s)"));
    assert_false(said(&d, "47/QĐ-THADS")); /* the untouched case is not named */
    db_close(db);
}

/* A delta the replay cannot sum (here two cases' amounts past INT64 on one day's key) stops
 * it: a rebuild that left the delta out would write totals that look right and are not. */
static void test_replay_stops_on_a_sum_out_of_range(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    case_replay_counts_t n;
    op_error_t err;
    int rebuilt = 1;
    int64_t na, before;

    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    na = make_unit(db);
    open_case(db, na, "46/QĐ-THADS", "2026-02-12");
    open_case(db, na, "47/QĐ-THADS", "2026-02-12");
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(case_replay_rebuild_stats(db, &app, 0, &rebuilt, &err), 0);
    assert_int_equal(rebuilt, 1);
    /* each amount alone is an int64; the two on the same day's key are not */
    assert_int_equal(db_exec_script(db, "UPDATE enforcement_case SET amount_vnd = "
                                        "5000000000000000000"),
                     DB_OK);
    before = scalar(db, "SELECT COUNT(*) FROM stat_delta");
    assert_int_not_equal(case_replay_rebuild_stats(db, &app, 0, &rebuilt, &err), 0);
    assert_int_equal(err.status, OP_INTERNAL);
    assert_int_equal(rebuilt, 0);
    assert_int_equal(scalar(db, "SELECT COUNT(*) FROM stat_delta"), before);
    assert_int_not_equal(case_replay_all(db, &app, NULL, NULL, 0, &n, &err), 0);
    assert_int_equal(err.status, OP_INTERNAL);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_lifecycle),
        TEST_BOTH(test_tampering_is_found),
        TEST_BOTH(test_refusals_write_nothing),
        TEST_BOTH(test_events_at_once_as_one_by_one),
        TEST_BOTH(test_closed_units_cases_go_to_the_successor),
        TEST_BOTH(test_indexes_dropped_and_built),
        TEST_BOTH(test_urgent_measure_cancels_what_cannot_be_met),
        TEST_BOTH(test_entrust_takes_collected_money_off_in_payment_order),
        TEST_BOTH(test_summed_statistics_as_written),
        TEST_BOTH(test_stat_delta_sums_stay_exact),
        TEST_BOTH(test_memo_keys_find_what_exists),
        TEST_BOTH(test_case_identity_by_year),
        TEST_BOTH(test_continuing_returns_and_debtor_period),
        TEST_BOTH(test_replay_names_edited_rows),
        TEST_BOTH(test_replay_stops_on_a_sum_out_of_range),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
