/*
 * tests/store/test_stat_month.c — the monthly stock (migration 0024, store/stat_month.h)
 * equals stat_delta summed, on both engines: after random writes in random order (so
 * most are backdated below the horizon, some move it forward over several months), upserts
 * of keys already there, a row deleted alone, and after a rebuild (stat_delta_clear, the
 * sums written again, stat_month_rebuild); and report_sum_buckets, which reads it, gives
 * the sums of a reference kept in memory for random periods, on and off month ends.
 */
#include "testdb.h"
#include "ops/unit_ops.h"
#include "store/case_scan.h"
#include "store/cases.h"
#include "store/report.h"
#include "store/stat_month.h"

#include <stdio.h>
#include <string.h>

enum { WRITES = 400, NB = 3 };
static const char *const buckets[NB] = {"d3_enforcing", "app:a2_new", "d1_completed"};
static const char *const categories[] = {"civil", "criminal_civil"};
static const int flag_values[] = {0, 1, 4, 5};

typedef struct {
    int unit; /* 0 root, 1 and 2 its children */
    civil_date_t day;
    int category, flags, bucket;
    int64_t cases, amount;
} write_t;

static write_t log_[WRITES + 8];
static size_t nlog;
static uint64_t seed = 88172645463325252u;

static uint64_t rnd(void)
{
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    return seed;
}

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

static void make_units(db_t *db, int64_t id[3])
{
    unit_input_t root = {"BTP", "Bộ Tư pháp", "ministry", 0, d("2000-01-01"), CIVIL_DATE_INVALID};
    unit_input_t a = {"NA",
                      "Thi hành án dân sự tỉnh Nghệ An",
                      "provincial_agency",
                      0,
                      d("2000-01-01"),
                      CIVIL_DATE_INVALID};
    unit_input_t b = {"HT",
                      "Thi hành án dân sự tỉnh Hà Tĩnh",
                      "provincial_agency",
                      0,
                      d("2000-01-01"),
                      CIVIL_DATE_INVALID};
    op_error_t err;

    assert_int_equal(unit_op_create(db, &root, 0, 1, &id[0], &err), 0);
    a.parent_id = b.parent_id = id[0];
    assert_int_equal(unit_op_create(db, &a, 0, 1, &id[1], &err), 0);
    assert_int_equal(unit_op_create(db, &b, 0, 1, &id[2], &err), 0);
}

static void write_one(db_t *db, const int64_t id[3], const write_t *w)
{
    assert_int_equal(stat_delta_add(db, id[w->unit], w->day, categories[w->category], w->flags,
                                    buckets[w->bucket], w->cases, w->amount),
                     DB_OK);
}

static void check_rollup(db_t *db)
{
    int64_t bad = -1;

    assert_int_equal(stat_month_check(db, &bad), DB_OK);
    assert_int_equal(bad, 0);
}

typedef struct {
    int64_t v[NB][4];
} sums_t;

static int keep(const char *bucket, int64_t bc, int64_t bm, int64_t ec, int64_t em, void *arg)
{
    sums_t *s = arg;

    for (int b = 0; b < NB; b++)
        if (strcmp(bucket, buckets[b]) == 0) {
            s->v[b][0] += bc, s->v[b][1] += bm, s->v[b][2] += ec, s->v[b][3] += em;
            return 0;
        }
    fail_msg("unexpected bucket %s", bucket);
    return 1;
}

/* report_sum_buckets of unit u (0: the root, every unit) against the log */
static void check_report(db_t *db, const int64_t id[3], int u, civil_date_t from, civil_date_t to,
                         report_filter_t f)
{
    sums_t got, want;

    memset(&got, 0, sizeof got), memset(&want, 0, sizeof want);
    for (size_t i = 0; i < nlog; i++) {
        const write_t *w = &log_[i];
        if ((u != 0 && w->unit != u) || w->day > to ||
            (f.category != NULL && strcmp(f.category, categories[w->category]) != 0) ||
            (f.flag != 0 && !(w->flags & f.flag)))
            continue;
        if (w->day < from)
            want.v[w->bucket][0] += w->cases, want.v[w->bucket][1] += w->amount;
        want.v[w->bucket][2] += w->cases, want.v[w->bucket][3] += w->amount;
    }
    assert_int_equal(report_sum_buckets(db, id[u], from, to, f, keep, &got), DB_OK);
    for (int b = 0; b < NB; b++)
        for (int k = 0; k < 4; k++)
            if (got.v[b][k] != want.v[b][k])
                fail_msg("unit %d %s sum %d: %lld, want %lld", u, buckets[b], k,
                         (long long)got.v[b][k], (long long)want.v[b][k]);
}

static void check_reports(db_t *db, const int64_t id[3])
{
    static const report_filter_t filters[] = {{NULL, 0}, {"civil", 0}, {NULL, 4}};
    civil_date_t lo = d("2023-11-01"), hi = d("2027-03-31");

    for (int i = 0; i < 40; i++) {
        civil_date_t a = lo + (civil_date_t)(rnd() % (uint64_t)(hi - lo));
        civil_date_t b = a + (civil_date_t)(rnd() % 500);
        int y, m, day;
        if (i % 4 == 0) { /* a month's first day to a month's last */
            civil_date_to_ymd(a, &y, &m, &day);
            a = civil_date_from_ymd(y, m, 1);
            civil_date_to_ymd(b, &y, &m, &day);
            b = (m == 12 ? civil_date_from_ymd(y + 1, 1, 1) : civil_date_from_ymd(y, m + 1, 1)) - 1;
        }
        check_report(db, id, (int)(rnd() % 3), a, b, filters[rnd() % 3]);
    }
}

static void random_write(db_t *db, const int64_t id[3], civil_date_t lo, int span)
{
    write_t *w = &log_[nlog++];

    w->unit = (int)(rnd() % 3);
    w->day = lo + (civil_date_t)(rnd() % (uint64_t)span);
    w->category = (int)(rnd() % 2);
    w->flags = flag_values[rnd() % 4];
    w->bucket = (int)(rnd() % NB);
    w->cases = (int64_t)(rnd() % 5) - 2;
    w->amount = (int64_t)(rnd() % 2000000) - 500000;
    write_one(db, id, w);
}

static void test_rollup_equals_deltas(void **state)
{
    db_t *db = testdb_open_migrated(*state);
    civil_date_t start = d("2024-01-01");
    int64_t id[3];

    nlog = 0;
    assert_int_equal(db_begin(db), DB_OK);
    make_units(db, id);
    check_rollup(db); /* empty */
    /* the first writes in time order, a month or two apart: the horizon moves */
    for (int i = 0; i < 20; i++) {
        write_t *w = &log_[nlog++];
        *w = (write_t){i % 3, start + i * 45, i % 2, flag_values[i % 4], i % NB, 1, 1000 * i};
        write_one(db, id, w);
    }
    check_rollup(db);
    /* then anywhere in three years: mostly backdated, now and then past the horizon */
    for (int i = 0; i < WRITES - 40; i++) {
        random_write(db, id, start, 3 * 365);
        if (i % 60 == 0)
            check_rollup(db);
    }
    check_rollup(db);
    check_reports(db, id);
    assert_int_equal(db_commit(db), DB_OK);

    /* a row deleted alone leaves the stock */
    {
        char sql[256];
        write_t *w = &log_[0];
        char day[11];
        civil_date_format(w->day, day);
        snprintf(sql, sizeof sql,
                 "DELETE FROM stat_delta WHERE unit_id = %lld AND day = '%s' AND category = '%s' "
                 "AND flags = %d AND bucket = '%s'",
                 (long long)id[w->unit], day, categories[w->category], w->flags,
                 buckets[w->bucket]);
        testdb_exec(db, sql);
        for (size_t i = 0; i < nlog; i++)
            if (i != 0 && log_[i].unit == w->unit && log_[i].day == w->day &&
                log_[i].category == w->category && log_[i].flags == w->flags &&
                log_[i].bucket == w->bucket)
                log_[i].cases = log_[i].amount = 0; /* the same key: deleted with it */
        w->cases = w->amount = 0;
        check_rollup(db);
        check_reports(db, id);
    }

    /* the rebuild: emptied, written again with the rollup off, computed at the end */
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(stat_delta_clear(db), DB_OK);
    for (size_t i = 0; i < nlog; i++)
        write_one(db, id, &log_[i]);
    assert_int_equal(stat_month_rebuild(db), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    check_rollup(db);
    check_reports(db, id);
    /* and the triggers are on again: a write past the horizon and a backdated one */
    log_[nlog] = (write_t){1, d("2027-02-14"), 0, 4, 0, 1, 700000};
    write_one(db, id, &log_[nlog++]);
    log_[nlog] = (write_t){2, d("2024-02-29"), 1, 0, 2, -1, -300000};
    write_one(db, id, &log_[nlog++]);
    check_rollup(db);
    check_reports(db, id);

    /* a bulk writer (the import, ops/case_bulk.c): the triggers paused, backdated
     * writes and one past the horizon to two units, the third's stock carried into
     * the new months, the two computed again at the end */
    {
        int64_t horizon = -1, touched[2] = {id[0], id[2]};
        assert_int_equal(db_begin(db), DB_OK);
        assert_int_equal(stat_month_pause(db, &horizon), DB_OK);
        assert_true(horizon >= 2027 * 12 + 1);
        log_[nlog] = (write_t){0, d("2024-03-05"), 0, 0, 1, 3, 900000};
        write_one(db, id, &log_[nlog++]);
        log_[nlog] = (write_t){2, d("2024-02-29"), 1, 0, 2, 2, 100000};
        write_one(db, id, &log_[nlog++]); /* an upsert of a key already there */
        log_[nlog] = (write_t){2, d("2027-07-01"), 1, 5, 0, 1, 50000};
        write_one(db, id, &log_[nlog++]);
        assert_int_equal(stat_month_resume(db, horizon, 2027 * 12 + 6, touched, 2), DB_OK);
        assert_int_equal(db_commit(db), DB_OK);
        check_rollup(db);
        check_reports(db, id);
        log_[nlog] = (write_t){1, d("2025-05-05"), 0, 1, 1, 1, 1000};
        write_one(db, id, &log_[nlog++]); /* the triggers on again */
        check_rollup(db);
    }

    /* fsck's check sees the rollup over the categories (0028) differ from stat_month */
    testdb_exec(db, "UPDATE stat_month_all SET amount_vnd = amount_vnd + 1 WHERE month = "
                    "(SELECT MAX(month) FROM stat_month_all)");
    {
        int64_t bad = 0;
        assert_int_equal(stat_month_check(db, &bad), DB_OK);
        assert_true(bad > 0);
    }
    testdb_exec(db, "UPDATE stat_month_all SET amount_vnd = amount_vnd - 1 WHERE month = "
                    "(SELECT MAX(month) FROM stat_month_all)");
    check_rollup(db);

    /* fsck's check sees a damaged rollup */
    testdb_exec(db, "UPDATE stat_month SET cases = cases + 1 WHERE month = (SELECT MAX(month) "
                    "FROM stat_month)");
    {
        int64_t bad = 0;
        assert_int_equal(stat_month_check(db, &bad), DB_OK);
        assert_true(bad > 0);
    }
    db_close(db);
}

/* Two writers both recording the first events of a new month, each already holding the
 * horizon (FOR SHARE, from an event of the month before): opened ahead (stat_month_open,
 * the serve's daily job), neither waits for the other; not opened, the first waits for the
 * second's lock, which waits for the first's: a deadlock. Then the rollup is right. */
static void test_month_opened_ahead(void **state)
{
    db_t *a = testdb_open_migrated(*state), *b = NULL;
    int pg = strcmp(*state, "postgres") == 0;
    char url[1024], err[256];
    int64_t id[3], horizon = -1;
    const int64_t november = 2026 * 12 + 10;

    assert_int_equal(db_begin(a), DB_OK);
    make_units(a, id);
    assert_int_equal(stat_delta_add(a, id[1], d("2026-10-20"), "civil", 0, "d3_enforcing", 1, 5),
                     DB_OK);
    assert_int_equal(db_commit(a), DB_OK);

    /* the job's step: the month after today's (October) */
    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(stat_month_open(a, november), DB_OK);
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT month FROM stat_month_horizon", &horizon), DB_ROW);
    assert_int_equal(horizon, november);
    check_rollup(a);

    if (pg) { /* two transactions at once: PostgreSQL only (SQLite has one writer) */
        snprintf(url, sizeof url, "%s", testdb_url_last());
        assert_int_equal(db_open(url, &b, err, sizeof err), DB_OK);
        testdb_exec(a, "SET lock_timeout = '3s'");
        testdb_exec(b, "SET lock_timeout = '3s'");
        assert_int_equal(db_begin(a), DB_OK);
        assert_int_equal(db_begin(b), DB_OK);
        assert_int_equal(
            stat_delta_add(a, id[1], d("2026-10-21"), "civil", 0, "d3_enforcing", 1, 7), DB_OK);
        assert_int_equal(
            stat_delta_add(b, id[2], d("2026-10-21"), "civil", 0, "d3_enforcing", 1, 9), DB_OK);
        assert_int_equal(
            stat_delta_add(a, id[1], d("2026-11-02"), "civil", 0, "d1_completed", 1, 3), DB_OK);
        assert_int_equal(
            stat_delta_add(b, id[2], d("2026-11-02"), "civil", 0, "d1_completed", 1, 4), DB_OK);
        assert_int_equal(db_commit(a), DB_OK);
        assert_int_equal(db_commit(b), DB_OK);
        /* the daily opening of a month already open takes no lock: it does not wait for
         * a writer in the middle of its transaction */
        assert_int_equal(db_begin(b), DB_OK);
        assert_int_equal(
            stat_delta_add(b, id[2], d("2026-11-03"), "civil", 0, "d1_completed", 1, 2), DB_OK);
        assert_int_equal(db_begin(a), DB_OK);
        assert_int_equal(stat_month_open(a, november), DB_OK);
        assert_int_equal(db_commit(a), DB_OK);
        assert_int_equal(db_commit(b), DB_OK);
        db_close(b);
    } else {
        assert_int_equal(db_begin(a), DB_OK);
        assert_int_equal(
            stat_delta_add(a, id[1], d("2026-11-02"), "civil", 0, "d1_completed", 1, 3), DB_OK);
        assert_int_equal(db_commit(a), DB_OK);
    }
    check_rollup(a);
    /* opening a month already open, or one before the horizon, changes nothing */
    assert_int_equal(db_begin(a), DB_OK);
    assert_int_equal(stat_month_open(a, november - 3), DB_OK);
    assert_int_equal(db_commit(a), DB_OK);
    assert_int_equal(db_query_int64(a, "SELECT month FROM stat_month_horizon", &horizon), DB_ROW);
    assert_int_equal(horizon, november);
    check_rollup(a);
    db_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_rollup_equals_deltas),
        TEST_BOTH(test_month_opened_ahead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
