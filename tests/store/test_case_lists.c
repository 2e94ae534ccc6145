/*
 * tests/store/test_case_lists.c — a page of the case list and of the worklist costs the
 * page, not the scope (issue 18), and says the same as reading the whole scope would.
 *
 * The plans: every statement cases_list and deadlines_worklist run is read through
 * EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL, with sequential scans and sorts
 * priced out, so the plan shows whether an ordered index walk exists at all, not what
 * a tiny table makes cheapest): no sort for ORDER BY, no scan of the cases or the
 * deadlines, each read through an index keyed by one unit or one officer.
 *
 * The rows: a tree of two provinces of three offices, cases spread over them with every
 * state, category and officer; each list, paged three rows at a time with every filter
 * the API offers, must give exactly the rows a whole-scope query sorted by id gives.
 */
#include "core/case.h"
#include "core/civil_date.h"
#include "store/cases.h"
#include "store/migrate.h"
#include "embed.h"
#include "testdb.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    int sqlite, bad, index_reads, rule_reads;
    char why[512];
} plan_check_t;

static int check_line(const char *statement, const char *line, void *arg)
{
    plan_check_t *p = arg;
    int bad = 0;

    if (p->sqlite) {
        /* a row by its id (the worklist's first deadline of a unit, found by its index) */
        if (strncmp(line, "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)", 44) == 0)
            return 0;
        /* AUTOMATIC: an index SQLite builds at every run, over a whole table (the units'
         * successors before 0035) */
        bad = strstr(line, "TEMP B-TREE FOR ORDER BY") != NULL || strncmp(line, "SCAN c", 6) == 0 ||
              strncmp(line, "SCAN d", 6) == 0 || strstr(line, "AUTOMATIC") != NULL;
        /* a unit's deadlines of one rule through the rule's index, not all of them */
        if (strstr(statement, "unit") != NULL && strstr(statement, "of a rule") != NULL &&
            strncmp(line, "SEARCH d USING", 14) == 0) {
            if (strstr(line, "deadline_open_by_unit_rule (unit_id=? AND rule_id=?") != NULL)
                p->rule_reads++;
            else
                bad = 1;
        }
        if (strncmp(line, "SEARCH c USING", 14) == 0 || strncmp(line, "SEARCH d USING", 14) == 0)
            p->index_reads++;
    } else {
        bad = strstr(line, "Seq Scan on enforcement_case") != NULL ||
              strstr(line, "Seq Scan on case_deadline") != NULL ||
              strstr(line, "Sort Key: c.") != NULL || strstr(line, "Sort Key: d.") != NULL;
        if (strstr(line, "Index Cond: ((unit_id =") != NULL ||
            strstr(line, "Index Cond: ((officer_user_id =") != NULL ||
            strstr(line, "Index Cond: (unit_id =") != NULL ||
            strstr(line, "Index Cond: (officer_user_id =") != NULL)
            p->index_reads++;
    }
    if (bad && !p->bad) {
        p->bad = 1;
        snprintf(p->why, sizeof p->why, "%s: %s", statement, line);
    }
    return 0;
}

static void test_plans(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    plan_check_t p = {.sqlite = db_engine(db) == DB_ENGINE_SQLITE};

    testdb_plans_setup(db);
    assert_int_equal(case_lists_explain(db, civil_date_from_ymd(2026, 6, 1), check_line, &p),
                     DB_OK);
    if (p.bad)
        fail_msg("a list reads the scope: %s", p.why);
    /* 15 statements: each reads the cases or deadlines through a unit's or officer's key */
    assert_true(p.index_reads >= 15);
    if (p.sqlite)
        assert_int_equal(p.rule_reads, 2);
    db_close(db);
}

/* ---- the rows ---- */

#define OFFICES 6
#define CASES   120

static const char *const states[] = {"enforcing", "completed", "not_eligible", "suspended",
                                     "received"};
static const char *const categories[] = {"civil", "credit", "criminal_civil"};

static void fill(db_t *db)
{
    char sql[1024];

    testdb_exec(db, "INSERT INTO unit (id, code, name_vi, kind, valid_from, created_at) VALUES "
                    "(1, 'BTP', 'Bộ', 'ministry', '2015-01-01', 0), "
                    "(2, 'P1', 'Tỉnh 1', 'provincial_agency', '2015-01-01', 0), "
                    "(3, 'P2', 'Tỉnh 2', 'provincial_agency', '2015-01-01', 0)");
    testdb_exec(db, "INSERT INTO unit_parent (unit_id, parent_id, valid_from) VALUES "
                    "(2, 1, '2015-01-01'), (3, 1, '2015-01-01')");
    for (int o = 0; o < OFFICES; o++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO unit (id, code, name_vi, kind, valid_from, created_at) VALUES "
                 "(%d, 'K%d', 'Phòng %d', 'regional_office', '2015-01-01', 0); "
                 "INSERT INTO unit_parent (unit_id, parent_id, valid_from) VALUES "
                 "(%d, %d, '2015-01-01'); "
                 "INSERT INTO app_user (id, username, full_name, unit_id, password_hash, "
                 "created_at, password_changed_at) VALUES (%d, 'u%d', 'Cán bộ', %d, 'x', 0, 0)",
                 10 + o, o, o, 10 + o, o < 3 ? 2 : 3, 100 + o, o, 10 + o);
        testdb_exec(db, sql);
    }
    for (int i = 1; i <= CASES; i++) {
        /* offices unevenly: office 0 takes a third, so merges cross runs of one unit */
        int o = i % 3 == 0 ? 0 : (i * 7) % OFFICES;
        const char *st = states[(i * 3) % 5];
        case_state_t s = (case_state_t)case_state_parse(st);

        snprintf(sql, sizeof sql,
                 "INSERT INTO enforcement_case (id, unit_id, case_no, year, source, category, "
                 "state, stat_bucket, officer_user_id, received_on, state_on, last_event_on, "
                 "next_due_on, last_hash, created_at) VALUES (%d, %d, '%d/QĐ', 2025, "
                 "'ex_officio', '%s', '%s', '%s', %s, '2025-%02d-01', '2025-01-01', "
                 "'2025-01-01', %s, 'h', 0); "
                 "INSERT INTO case_deadline (case_id, unit_id, officer_user_id, rule_id, "
                 "opened_seq, trigger_on, due_on, closed_seq) VALUES (%d, %d, %d, '%s', 1, "
                 "'2026-01-01', '2026-05-%02d', %s)",
                 i, 10 + o, i, categories[i % 3], st, case_stat_code(case_stat_bucket(s)),
                 i % 4 == 0 ? "NULL" : (o == 1 ? "101" : "100"), 1 + i % 12,
                 i % 2 ? "'2026-05-20'" : "NULL", i, 10 + o, o == 1 ? 101 : 100,
                 i % 4 == 1 ? "D30" : "D7", 1 + i % 28, i % 5 == 0 ? "2" : "NULL");
        testdb_exec(db, sql);
    }
}

typedef struct {
    int64_t ids[CASES * 2];
    int n;
    int64_t last;
} ids_t;

static int take_case(const case_row_t *c, void *arg)
{
    ids_t *k = arg;
    k->ids[k->n++] = c->id;
    k->last = c->id;
    return 0;
}

static int take_deadline(const deadline_row_t *d, void *arg)
{
    ids_t *k = arg;
    k->ids[k->n++] = d->id;
    k->last = d->id;
    return 0;
}

/* Every case the filter lets through, by id, newest first: the whole scope read. */
static void expect_cases(db_t *db, const case_filter_t *f, ids_t *out)
{
    case_filter_t all = *f;

    all.limit = 200;
    all.before_id = 0;
    out->n = 0;
    /* one page of 200 covers every case: the same code, no merge across pages */
    assert_int_equal(cases_list(db, &all, take_case, out), DB_OK);
    for (int i = 1; i < out->n; i++)
        assert_true(out->ids[i - 1] > out->ids[i]);
}

static void paged_cases(db_t *db, const case_filter_t *f, ids_t *out)
{
    case_filter_t p = *f;

    out->n = 0;
    p.limit = 3;
    for (;;) {
        ids_t page = {.n = 0};
        assert_int_equal(cases_list(db, &p, take_case, &page), DB_OK);
        memcpy(&out->ids[out->n], page.ids, (size_t)page.n * sizeof page.ids[0]);
        out->n += page.n;
        if (page.n < 3)
            break;
        p.before_id = page.last;
    }
}

/* The worklist of w read three rows a page, each page after the last one's cursor. */
static void paged_worklist(db_t *db, const deadline_filter_t *w, ids_t *out)
{
    deadline_filter_t p = *w;

    out->n = 0;
    p.limit = 3;
    p.after_id = 0;
    for (;;) {
        ids_t page = {.n = 0};
        assert_int_equal(deadlines_worklist(db, &p, take_deadline, &page), DB_OK);
        memcpy(&out->ids[out->n], page.ids, (size_t)page.n * sizeof page.ids[0]);
        out->n += page.n;
        if (page.n < 3)
            break;
        p.after_id = page.last;
        assert_int_equal(deadlines_cursor(db, page.last, &p.after_due, &(int64_t){0}), DB_ROW);
    }
}

/* The ids a plain query answers, in its order. */
static void sql_ids(db_t *db, const char *sql, ids_t *out)
{
    db_stmt_t *st;
    int rc;

    out->n = 0;
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    while ((rc = db_step(st)) == DB_ROW)
        out->ids[out->n++] = db_column_int64(st, 0);
    assert_int_equal(rc, DB_DONE);
    db_finalize(st);
}

/* The number of cases a plain count of the filter's SQL finds. */
static int64_t count(db_t *db, const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, sql, &n), DB_ROW);
    return n;
}

static void test_pages_agree(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    civil_date_t today = civil_date_from_ymd(2026, 5, 15);
    const case_filter_t filters[] = {
        {.root_unit = 1},
        {.root_unit = 2},
        {.root_unit = 1, .unit_id = 3},
        {.root_unit = 10},
        {.root_unit = 1, .state = "enforcing"},
        {.root_unit = 2, .category = "credit"},
        {.root_unit = 1, .officer_user_id = 100},
        {.root_unit = 3, .officer_user_id = 100},
        {.root_unit = 1, .eligible = 1},
        {.root_unit = 1, .eligible = 2},
        {.root_unit = 1, .overdue = 1},
        {.root_unit = 1, .state = "completed", .category = "civil"},
        {.root_unit = 2}, /* with the received range below */
    };
    ids_t want, got;

    assert_int_equal(db_begin(db), DB_OK);
    fill(db);
    assert_int_equal(db_commit(db), DB_OK);
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
        case_filter_t f = filters[i];
        f.today = today;
        if (i + 1 == sizeof filters / sizeof filters[0]) {
            f.received_from = civil_date_from_ymd(2025, 3, 1);
            f.received_to = civil_date_from_ymd(2025, 6, 30);
        } else {
            f.received_from = f.received_to = CIVIL_DATE_INVALID;
        }
        expect_cases(db, &f, &want);
        paged_cases(db, &f, &got);
        if (got.n != want.n)
            assert_int_equal(got.n, want.n);
        assert_memory_equal(got.ids, want.ids, (size_t)want.n * sizeof want.ids[0]);
    }
    /* the whole-scope reads count what plain SQL counts */
    {
        case_filter_t f = {.root_unit = 2, .today = today, .limit = 200};
        f.received_from = f.received_to = CIVIL_DATE_INVALID;
        expect_cases(db, &f, &want);
        assert_int_equal(want.n, count(db, "SELECT COUNT(*) FROM enforcement_case "
                                           "WHERE unit_id IN (10, 11, 12)"));
        f.state = "enforcing";
        expect_cases(db, &f, &want);
        assert_int_equal(want.n, count(db, "SELECT COUNT(*) FROM enforcement_case WHERE "
                                           "unit_id IN (10, 11, 12) AND state = 'enforcing'"));
        f.state = NULL;
        f.overdue = 1;
        expect_cases(db, &f, &want);
        assert_int_equal(want.n, count(db, "SELECT COUNT(*) FROM enforcement_case WHERE "
                                           "unit_id IN (10, 11, 12) AND next_due_on < "
                                           "'2026-05-15'"));
    }
    /* the worklist: soonest first, the same rows whatever the page's length, and paged
     * by its cursor (due_on, id) the same rows as one page */
    {
        ids_t all = {.n = 0}, few = {.n = 0};
        int64_t open = count(db, "SELECT COUNT(*) FROM case_deadline WHERE closed_seq IS NULL "
                                 "AND due_on <= '2026-05-22'");
        deadline_filter_t w = {.root_unit = 1, .today = today, .until = today + 7, .limit = 200};

        assert_int_equal(deadlines_worklist(db, &w, take_deadline, &all), DB_OK);
        assert_int_equal(all.n, open);
        w.limit = 7;
        assert_int_equal(deadlines_worklist(db, &w, take_deadline, &few), DB_OK);
        assert_int_equal(few.n, 7);
        assert_memory_equal(few.ids, all.ids, 7 * sizeof all.ids[0]);
        paged_worklist(db, &w, &few);
        assert_int_equal(few.n, all.n);
        assert_memory_equal(few.ids, all.ids, (size_t)all.n * sizeof all.ids[0]);
        /* overdue only: due before today */
        w.until = today - 1;
        paged_worklist(db, &w, &few);
        assert_int_equal(few.n, count(db, "SELECT COUNT(*) FROM case_deadline WHERE closed_seq "
                                          "IS NULL AND due_on < '2026-05-15'"));
        assert_memory_equal(few.ids, all.ids, (size_t)few.n * sizeof all.ids[0]);
        all.n = few.n = 0;
        w = (deadline_filter_t){.root_unit = 2,
                                .officer_user_id = 100,
                                .today = today,
                                .until = today + 7,
                                .limit = 200};
        assert_int_equal(deadlines_worklist(db, &w, take_deadline, &all), DB_OK);
        assert_int_equal(all.n, count(db, "SELECT COUNT(*) FROM case_deadline WHERE closed_seq "
                                          "IS NULL AND due_on <= '2026-05-22' AND "
                                          "officer_user_id = 100 AND unit_id IN (10, 11, 12)"));
        w.limit = 2;
        assert_int_equal(deadlines_worklist(db, &w, take_deadline, &few), DB_OK);
        assert_int_equal(few.n, 2);
        assert_memory_equal(few.ids, all.ids, 2 * sizeof all.ids[0]);
        paged_worklist(db, &w, &few);
        assert_int_equal(few.n, all.n);
        assert_memory_equal(few.ids, all.ids, (size_t)all.n * sizeof all.ids[0]);
        /* one rule's: the same rows as all of them with the others left out, paged */
        for (int k = 0; k < 3; k++) {
            int officer = k == 0 ? 0 : 99 + k;
            ids_t ruled = {.n = 0};
            w = (deadline_filter_t){.root_unit = 2,
                                    .officer_user_id = officer,
                                    .today = today,
                                    .until = today + 7,
                                    .limit = 200};
            all.n = 0;
            assert_int_equal(deadlines_worklist(db, &w, take_deadline, &all), DB_OK);
            w.rule_id = "D30";
            paged_worklist(db, &w, &few);
            for (int i = 0; i < all.n; i++) {
                char sql[160];
                snprintf(sql, sizeof sql,
                         "SELECT COUNT(*) FROM case_deadline WHERE id = %lld AND rule_id = 'D30'",
                         (long long)all.ids[i]);
                if (count(db, sql) == 1)
                    ruled.ids[ruled.n++] = all.ids[i];
            }
            if (!(ruled.n > 2 && ruled.n < all.n))
                fail_msg("officer %d: %d of %d", officer, ruled.n, all.n);
            assert_int_equal(few.n, ruled.n);
            assert_memory_equal(few.ids, ruled.ids, (size_t)ruled.n * sizeof ruled.ids[0]);
        }
        /* a province's scope holds four of the nine units, so its page is first looked for
         * in a window of every unit's soonest deadlines, and what that window leaves the
         * units' streams fill after it: the same rows as plain SQL, page by page. Forty
         * more of the first province's deadlines, due the first day, fill the second's
         * window (4 x 3 x 9 / 4 rows) but for the two of its own due that day. */
        for (int k = 0; k < 40; k++)
            testdb_exec(db, "INSERT INTO case_deadline (case_id, unit_id, officer_user_id, "
                            "rule_id, opened_seq, trigger_on, due_on) VALUES (3, 10, 100, 'D7', "
                            "1, '2026-01-01', '2026-05-01')");
        for (int province = 2; province <= 3; province++) {
            char sql[256];
            ids_t soonest = {.n = 0};
            snprintf(sql, sizeof sql,
                     "SELECT id FROM case_deadline WHERE closed_seq IS NULL AND due_on <= "
                     "'2026-05-22' AND unit_id IN (%d, %d, %d) ORDER BY due_on, id",
                     province == 2 ? 10 : 13, province == 2 ? 11 : 14, province == 2 ? 12 : 15);
            sql_ids(db, sql, &soonest);
            w = (deadline_filter_t){
                .root_unit = province, .today = today, .until = today + 7, .limit = 3};
            paged_worklist(db, &w, &few);
            assert_true(soonest.n > 10);
            assert_int_equal(few.n, soonest.n);
            assert_memory_equal(few.ids, soonest.ids, (size_t)soonest.n * sizeof soonest.ids[0]);
        }
        /* an office outside the province's subtree sees none of its deadlines */
        few.n = 0;
        w = (deadline_filter_t){.root_unit = 13,
                                .officer_user_id = 101,
                                .today = today,
                                .until = today + 7,
                                .limit = 200};
        assert_int_equal(deadlines_worklist(db, &w, take_deadline, &few), DB_OK);
        assert_int_equal(few.n, 0);
    }
    /* PostgreSQL plans the lists for their values at every run: none of their statements
     * is a server-side prepared one, whose plan after five runs would be made for any
     * values (a sort of the whole unit: db_prepare_replanned) */
    if (db_engine(db) == DB_ENGINE_POSTGRES) {
        assert_true(count(db, "SELECT COUNT(*) FROM pg_prepared_statements") > 0);
        assert_int_equal(count(db, "SELECT COUNT(*) FROM pg_prepared_statements WHERE "
                                   "statement LIKE '%ORDER BY c.id DESC LIMIT%' OR statement "
                                   "LIKE '%ORDER BY d.due_on, d.id%'"),
                         0);
    }
    db_close(db);
}

typedef struct {
    int parties, items, deadlines;
} page_counts_t;

static int count_party(const case_party_row_t *p, void *arg)
{
    (void)p;
    ((page_counts_t *)arg)->parties++;
    return 0;
}

static int count_item(const case_item_row_t *it, void *arg)
{
    (void)it;
    ((page_counts_t *)arg)->items++;
    return 0;
}

static int count_deadline(const deadline_row_t *d, void *arg)
{
    (void)d;
    ((page_counts_t *)arg)->deadlines++;
    return 0;
}

/* What GET /api/cases/{id} reads (api_cases_get): the page's own four reads sent, then the
 * case with the scope's walk, then the four read. */
static void read_case_page(db_t *db, int64_t id, int64_t root, civil_date_t today, int *yes,
                           page_counts_t *n)
{
    case_detail_reads_t r = {.party = count_party,
                             .party_arg = n,
                             .item = count_item,
                             .item_arg = n,
                             .deadline = count_deadline,
                             .deadline_arg = n};
    case_row_t c;

    memset(n, 0, sizeof *n);
    assert_int_equal(case_detail_send(db, id, &r), DB_OK);
    assert_int_equal(cases_get_within_now(db, id, root, today, &c, yes), DB_ROW);
    assert_int_equal(c.id, id);
    if (!*yes) {
        case_detail_drop(&r);
        return;
    }
    assert_int_equal(case_detail_take(&r), DB_OK);
}

static int count_event(const case_event_row_t *e, void *arg)
{
    (void)e;
    ++*(int *)arg;
    return 0;
}

/* What GET /api/cases/{id}/events reads (api_cases_events): the events sent, then the case
 * with the scope's walk. The events read, or -1 when the case is not in scope. */
static int read_case_events(db_t *db, int64_t id, int64_t root, civil_date_t today, int *yes)
{
    db_stmt_t *events;
    case_row_t c;
    int n = 0;

    assert_int_equal(case_events_send(db, id, &events), DB_OK);
    assert_int_equal(cases_get_within_now(db, id, root, today, &c, yes), DB_ROW);
    if (!*yes) {
        db_finalize(events);
        return -1;
    }
    assert_int_equal(case_events_take(events, count_event, &n), DB_OK);
    return n;
}

/* A case's page is one round trip on PostgreSQL (the session's lookup aside): the case,
 * the scope's walk and the page's four lists travel together (db_send). A change that
 * sends one of them alone shows here as a second round trip. */
static void test_case_page_in_one_round_trip(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    civil_date_t today = civil_date_from_ymd(2026, 5, 15);
    int pg = db_engine(db) == DB_ENGINE_POSTGRES, yes = -1;
    page_counts_t n;
    uint64_t before;

    assert_int_equal(db_begin(db), DB_OK);
    fill(db);
    testdb_exec(db, "INSERT INTO party (id, kind, full_name, created_at) VALUES "
                    "(1, 'person', 'Nguyễn Văn A', 0), (2, 'person', 'Trần Thị B', 0); "
                    "INSERT INTO case_party (case_id, party_id, role) VALUES "
                    "(3, 1, 'creditor'), (3, 2, 'debtor'); "
                    "INSERT INTO obligation_item (case_id, content_type, description, amount_vnd) "
                    "VALUES (3, 'pay_money', 'Trả nợ', 1000000); "
                    "INSERT INTO case_event (case_id, seq, type, occurred_on, recorded_at, "
                    "actor_user_id, payload, state_after, prev_hash, hash) VALUES "
                    "(3, 1, 'received', '2025-01-01', 0, 100, '{}', 'received', 'g', 'h1'), "
                    "(3, 2, 'note', '2025-01-02', 0, NULL, '{}', 'received', 'h1', 'h2')");
    assert_int_equal(db_commit(db), DB_OK);
    /* case 3 is office 0's (10), in province 2 */
    read_case_page(db, 3, 2, today, &yes, &n); /* the texts' first use prepares them */
    read_case_events(db, 3, 2, today, &yes);
    before = db_round_trips(db);
    read_case_page(db, 3, 2, today, &yes, &n);
    assert_int_equal(db_round_trips(db) - before, pg ? 1 : 0);
    assert_int_equal(yes, 1);
    assert_int_equal(n.parties, 2);
    assert_int_equal(n.items, 1);
    assert_int_equal(n.deadlines, 1);
    /* the other province's leader: not in scope, the lists given back unread */
    before = db_round_trips(db);
    read_case_page(db, 3, 3, today, &yes, &n);
    assert_int_equal(db_round_trips(db) - before, pg ? 1 : 0);
    assert_int_equal(yes, 0);
    assert_int_equal(n.parties + n.items + n.deadlines, 0);

    /* its history (GET /api/cases/{id}/events): the events with the case and the walk */
    before = db_round_trips(db);
    assert_int_equal(read_case_events(db, 3, 2, today, &yes), 2);
    assert_int_equal(db_round_trips(db) - before, pg ? 1 : 0);
    assert_int_equal(yes, 1);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_plans),
        TEST_BOTH(test_pages_agree),
        TEST_BOTH(test_case_page_in_one_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
