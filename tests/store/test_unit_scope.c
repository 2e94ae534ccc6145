/*
 * tests/store/test_unit_scope.c — the scope of a unit (UNITS_SCOPE_CTE, what every list,
 * search and page of the home reads through) and the scope check of one unit
 * (units_is_within, and units_is_within_now which GET /api/cases/{id} runs) against a slow
 * reference written from their definition, on random trees built through the operations: offices
 * created on random days, moved between provinces, closed with a successor. The reference judges
 * each unit on its scope day (unit_scope_date), walks up the parent of that day one
 * units_get at a time, and asks whether the walk meets the root or one of its
 * predecessors. The statements walk only from the units below the root through a link
 * of any day; a walk that missed one would lose a moved or closed unit's cases.
 */
#include "testdb.h"
#include "core/unit.h"
#include "ops/unit_ops.h"
#include "store/q.h"
#include "store/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROVINCES 3
#define OFFICES   14
#define UNITS     (1 + PROVINCES + OFFICES)
#define DAYS      6

typedef struct {
    int64_t id[UNITS];
    civil_date_t from[UNITS], to[UNITS];
    int64_t successor[UNITS];
} tree_t;

static civil_date_t day_of(int year, int month, int dd)
{
    return civil_date_from_ymd(year, month, dd);
}

static void create(db_t *db, tree_t *t, int i, const char *kind, int64_t parent, civil_date_t from)
{
    char code[16], name[48];
    op_error_t oe;
    unit_input_t in = {code, name, kind, parent, from, CIVIL_DATE_INVALID};

    snprintf(code, sizeof code, "U%02d", i);
    snprintf(name, sizeof name, "Đơn vị thử %d", i);
    if (unit_op_create(db, &in, 0, 1, &t->id[i], &oe) != 0)
        fail_msg("create %s: %s", code, oe.en);
    t->from[i] = from, t->to[i] = CIVIL_DATE_INVALID, t->successor[i] = 0;
}

/* A ministry, its provinces from 2010, offices opened 2010-2019 under random provinces;
 * then, day by day through 2020-2029, random moves and closures (with a successor open
 * the day after). Operations that the rules refuse (a move onto the same day, a
 * successor not yet open) are skipped: the tree stays one the system can hold. */
static void build(db_t *db, tree_t *t, unsigned *seed)
{
    op_error_t oe;

    assert_int_equal(db_begin(db), DB_OK);
    create(db, t, 0, "ministry", 0, day_of(2000, 1, 1));
    for (int p = 1; p <= PROVINCES; p++)
        create(db, t, p, "provincial_agency", t->id[0], day_of(2010, 1, 1));
    for (int o = PROVINCES + 1; o < UNITS; o++)
        create(db, t, o, o % 2 ? "district_office" : "regional_office",
               t->id[1 + rand_r(seed) % PROVINCES],
               day_of(2010 + rand_r(seed) % 10, 1 + rand_r(seed) % 12, 1 + rand_r(seed) % 28));
    for (int step = 0; step < 40; step++) {
        int o = PROVINCES + 1 + rand_r(seed) % OFFICES;
        civil_date_t on = day_of(2020 + step / 4, 1 + rand_r(seed) % 12, 1 + rand_r(seed) % 28);
        if (t->to[o] != CIVIL_DATE_INVALID)
            continue;
        if (rand_r(seed) % 3 == 0) {
            int s = PROVINCES + 1 + rand_r(seed) % OFFICES;
            if (s == o || t->to[s] != CIVIL_DATE_INVALID)
                continue;
            if (unit_op_close(db, t->id[o], on, t->id[s], 0, 1, &oe) == 0)
                t->to[o] = on, t->successor[o] = t->id[s];
        } else {
            (void)unit_op_move(db, t->id[o], t->id[1 + rand_r(seed) % PROVINCES], on, 0, 1, &oe);
        }
    }
    assert_int_equal(db_commit(db), DB_OK);
}

static int index_of(const tree_t *t, int64_t id)
{
    for (int i = 0; i < UNITS; i++)
        if (t->id[i] == id)
            return i;
    return -1;
}

/* Whether unit i is root or leads to it through successors (at most 8, as
 * UNITS_ROOTS_CTE). */
static int is_root_or_predecessor(const tree_t *t, int i, int root)
{
    for (int n = 0; n <= 8 && i >= 0; n++) {
        if (i == root)
            return 1;
        i = t->successor[i] ? index_of(t, t->successor[i]) : -1;
    }
    return 0;
}

static int reference_in_scope(db_t *db, const tree_t *t, int root, int i, civil_date_t today)
{
    civil_date_t at = unit_scope_date(today, t->from[i], t->to[i]);
    int64_t id = t->id[i];

    for (int depth = 0; depth <= 32 && id != 0; depth++) {
        unit_row_t u;
        if (is_root_or_predecessor(t, index_of(t, id), root))
            return 1;
        assert_int_equal(units_get(db, id, at, &u), DB_ROW);
        id = u.parent_id;
    }
    return 0;
}

static void test_scope_matches_reference(void **state)
{
    static const int years[DAYS] = {2012, 2019, 2022, 2025, 2027, 2031};
    db_t *db = testdb_open_migrated(*state);
    unsigned seed = 20261205;
    tree_t t;
    int checked = 0, inside = 0;

    build(db, &t, &seed);
    {
        int64_t ended = 0;
        int closed = 0;
        for (int i = 0; i < UNITS; i++)
            closed += t.to[i] != CIVIL_DATE_INVALID;
        assert_int_equal(
            q_int64(db, &ended, "SELECT COUNT(*) FROM unit_parent WHERE valid_to IS NOT NULL", ""),
            DB_ROW);
        assert_true(closed >= 2 && ended >= (int64_t)closed + 2); /* closed, and moved */
    }
    for (int root = 0; root < UNITS; root++)
        for (int k = 0; k < DAYS; k++) {
            civil_date_t today = day_of(years[k], 1 + k * 2, 10);
            int in_scope[UNITS] = {0};
            db_stmt_t *st;
            int rc;

            assert_int_equal(
                q_open(db, &st, UNITS_SCOPE_CTE " SELECT id FROM subtree", "id", t.id[root], today),
                DB_OK);
            while ((rc = db_step(st)) == DB_ROW) {
                int i = index_of(&t, db_column_int64(st, 0));
                assert_true(i >= 0);
                in_scope[i] = 1;
            }
            assert_int_equal(rc, DB_DONE);
            db_finalize(st);
            for (int i = 0; i < UNITS; i++) {
                int want = reference_in_scope(db, &t, root, i, today), yes = -1;
                if (in_scope[i] != want)
                    fail_msg("root U%02d on %d: U%02d %s the scope, the reference says %s", root,
                             years[k], i, in_scope[i] ? "in" : "not in", want ? "in" : "out");
                assert_int_equal(units_is_within(db, t.id[root], t.id[i],
                                                 unit_scope_date(today, t.from[i], t.to[i]), &yes),
                                 DB_OK);
                if (yes != want)
                    fail_msg("root U%02d on %d: the check of U%02d says %d, the reference %d", root,
                             years[k], i, yes, want);
                assert_int_equal(units_is_within_now(db, t.id[root], t.id[i], today, &yes), DB_OK);
                if (yes != want)
                    fail_msg("root U%02d on %d: the check of U%02d today says %d, the "
                             "reference %d",
                             root, years[k], i, yes, want);
                /* again from the scope the connection keeps once a list has read it */
                {
                    units_scope_t kept;
                    assert_int_equal(units_scope_ids(db, t.id[root], today, &kept), DB_OK);
                    free(kept.ids);
                }
                assert_int_equal(units_is_within_now(db, t.id[root], t.id[i], today, &yes), DB_OK);
                if (yes != want)
                    fail_msg("root U%02d on %d: the check of U%02d by the kept scope says %d, "
                             "the reference %d",
                             root, years[k], i, yes, want);
                checked++, inside += want;
            }
        }
    /* a unit that does not exist is inside nothing */
    {
        int yes = -1;
        assert_int_equal(
            units_is_within_now(db, t.id[0], t.id[UNITS - 1] + 1000, day_of(2026, 12, 5), &yes),
            DB_OK);
        assert_int_equal(yes, 0);
    }
    /* the trees must have moved and closed units, and scopes of every size */
    assert_true(inside > UNITS * DAYS && inside < checked / 2);
    db_close(db);
}

/* The check of one case's unit (units_is_within_now) on connection a is what the
 * reference says, unit by unit. */
static void expect_checks(db_t *a, const tree_t *t, int root, civil_date_t today, const char *when)
{
    for (int i = 0; i < UNITS; i++) {
        int want = reference_in_scope(a, t, root, i, today), yes = -1;
        assert_int_equal(units_is_within_now(a, t->id[root], t->id[i], today, &yes), DB_OK);
        if (yes != want)
            fail_msg("%s: the check of U%02d in the scope of U%02d says %d, the reference %d", when,
                     i, root, yes, want);
    }
}

/* The check of one case's unit (units_is_within_now) on connection a, and then
 * units_scope_ids, are what the reference says, unit by unit. The check comes first: it
 * answers from the scope kept at the last call, if the units have not changed since. */
static void expect_scope(db_t *a, const tree_t *t, int root, civil_date_t today, const char *when)
{
    units_scope_t scope;
    size_t at = 0;

    expect_checks(a, t, root, today, when);
    assert_int_equal(units_scope_ids(a, t->id[root], today, &scope), DB_OK);
    assert_int_equal(scope.all, UNITS);
    for (size_t k = 1; k < scope.n; k++)
        assert_true(scope.ids[k - 1] < scope.ids[k]);
    for (int i = 0; i < UNITS; i++) {
        int want = reference_in_scope(a, t, root, i, today), got = 0;
        for (size_t k = 0; k < scope.n; k++)
            got |= scope.ids[k] == t->id[i];
        at += (size_t)got;
        if (got != want)
            fail_msg("%s: the kept scope of U%02d %s U%02d, the reference says %s", when, root,
                     got ? "holds" : "lacks", i, want ? "in" : "out");
    }
    assert_int_equal(at, scope.n); /* and nothing else */
    free(scope.ids);
}

/* The first office open today at or after the k-th (round the end). */
static int open_office(const tree_t *t, int k)
{
    for (int n = 0; n < OFFICES; n++) {
        int o = PROVINCES + 1 + (k + n) % OFFICES;
        if (t->to[o] == CIVIL_DATE_INVALID)
            return o;
    }
    fail_msg("every office is closed");
    return 0;
}

/* A province that is the parent on day of neither office o nor office other (0: none). */
static int province_not_under(db_t *db, const tree_t *t, int o, int other, civil_date_t day)
{
    unit_row_t uo, uother;

    assert_int_equal(units_get(db, t->id[o], day, &uo), DB_ROW);
    assert_int_equal(units_get(db, t->id[other], day, &uother), DB_ROW);
    for (int p = 1; p <= PROVINCES; p++)
        if (t->id[p] != uo.parent_id && t->id[p] != uother.parent_id)
            return p;
    return 0;
}

/* The scopes a connection keeps (units_scope_ids) follow every change of the units:
 * moves made through another connection, a parent link edited by hand in SQL (the
 * triggers of migration 0036, not the operations, invalidate them), and a move inside a
 * transaction that is rolled back while another connection commits its own. More
 * roots and days are asked than a connection keeps, so kept and evicted scopes both
 * answer. */
static void test_kept_scopes_follow_changes(void **state)
{
    static const int years[3] = {2019, 2026, 2031};
    db_t *a = testdb_open_migrated(*state), *b = NULL;
    unsigned seed = 20261206;
    const civil_date_t watch_day = day_of(2031, 6, 1);
    int rolled_back = 0, watched[4];
    char err[256];
    op_error_t oe;
    tree_t t;

    build(a, &t, &seed);
    assert_int_equal(db_open(testdb_url_last(), &b, err, sizeof err), DB_OK);
    for (int step = 0; step < 12; step++) {
        int o = open_office(&t, (int)(rand_r(&seed) % OFFICES)), other = open_office(&t, o + 1);
        /* after every move build made, a month a step */
        civil_date_t on = day_of(2030, 1 + step, 1 + rand_r(&seed) % 28);
        int p = province_not_under(a, &t, o, other, on);
        char when[64];

        for (int pass = 0; pass < 2; pass++) /* the second pass reads what was kept */
            for (int root = 0; root <= PROVINCES + 2; root++)
                for (int k = 0; k < 3; k++) {
                    snprintf(when, sizeof when, "step %d, pass %d, %d", step, pass, years[k]);
                    expect_scope(a, &t, root, day_of(years[k], 6, 1), when);
                }
        if (o == other || p == 0)
            continue;
        /* the scopes the change moves, kept just before it (fewer than a connection keeps) */
        {
            unit_row_t uo, uother;
            assert_int_equal(units_get(a, t.id[o], watch_day, &uo), DB_ROW);
            assert_int_equal(units_get(a, t.id[other], watch_day, &uother), DB_ROW);
            watched[0] = 0, watched[1] = p;
            watched[2] = index_of(&t, uo.parent_id), watched[3] = index_of(&t, uother.parent_id);
            for (int w = 0; w < 4; w++) {
                units_scope_t kept;
                assert_true(watched[w] >= 0);
                assert_int_equal(units_scope_ids(a, t.id[watched[w]], watch_day, &kept), DB_OK);
                free(kept.ids);
            }
        }
        if (step % 4 == 3) { /* by hand: today's link points at another province */
            char sql[160];
            snprintf(sql, sizeof sql,
                     "UPDATE unit_parent SET parent_id = %lld WHERE unit_id = %lld AND valid_to "
                     "IS NULL",
                     (long long)t.id[p], (long long)t.id[o]);
            testdb_exec(b, sql);
        } else if (step % 4 == 2) {
            /* moved in a and rolled back, while b moves another the same way: the same
             * number of changes, so the number the units stand at comes again */
            assert_int_equal(db_begin(a), DB_OK);
            if (unit_op_move(a, t.id[o], t.id[p], on, 0, 1, &oe) != 0)
                fail_msg("move: %s", oe.en);
            expect_scope(a, &t, p, day_of(2031, 6, 1), "inside the transaction");
            assert_int_equal(db_rollback(a), DB_OK);
            assert_int_equal(db_begin(b), DB_OK);
            if (unit_op_move(b, t.id[other], t.id[p], on, 0, 1, &oe) != 0)
                fail_msg("move: %s", oe.en);
            assert_int_equal(db_commit(b), DB_OK);
            rolled_back++;
        } else {
            assert_int_equal(db_begin(b), DB_OK);
            if (unit_op_move(b, t.id[o], t.id[p], on, 0, 1, &oe) != 0)
                fail_msg("move: %s", oe.en);
            assert_int_equal(db_commit(b), DB_OK);
        }
        for (int w = 0; w < 4; w++) {
            snprintf(when, sizeof when, "step %d, just after the change", step);
            expect_checks(a, &t, watched[w], watch_day, when);
        }
    }
    assert_true(rolled_back >= 2);
    db_close(b);
    db_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {TEST_BOTH(test_scope_matches_reference),
                                       TEST_BOTH(test_kept_scopes_follow_changes)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
