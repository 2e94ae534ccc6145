/*
 * tests/jobs/test_deadline_job.c — the daily count of overdue deadlines: what a leader's
 * dashboard and the monitoring see, as the legal day turns.
 */
#include "testdb.h"
#include "store/stat_month.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/unit_ops.h"
#include "jobs/deadline_job.h"
#include "store/pool.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The day the job thread reads while the test moves it: atomic, or the two race. */
static civil_date_t fake_today;

static civil_date_t today_cb(void *arg)
{
    (void)arg;
    return __atomic_load_n(&fake_today, __ATOMIC_SEQ_CST);
}

static void set_today(civil_date_t day)
{
    __atomic_store_n(&fake_today, day, __ATOMIC_SEQ_CST);
}

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

typedef struct {
    char codes[256];
    int64_t total;
} seen_t;

static void collect(const char *unit, int64_t n, void *arg)
{
    seen_t *s = arg;
    strcat(s->codes, unit);
    strcat(s->codes, " ");
    s->total += n;
}

static void test_counts_follow_the_calendar(void **state)
{
    const char *url;
    char keep[1024], err[256];
    db_t *db;
    db_pool_t *pool;
    deadline_job_t *job;
    app_t app;
    op_error_t oe;
    int64_t btp, na, id, taken;
    civil_date_t day;
    seen_t seen;
    static const case_party_input_t parties[] = {
        {"debtor", {"person", "Lê Thị Bình", NULL, NULL, CIVIL_DATE_INVALID, 0, NULL}}};

    db = testdb_open_migrated(*state);
    url = testdb_url_last();
    snprintf(keep, sizeof keep, "%s", url);
    app_init(&app, NULL, "test");
    assert_int_equal(db_begin(db), DB_OK);
    {
        unit_input_t u1 = {"BTP", "Bộ Tư pháp", "ministry", 0, d("2000-01-01"), CIVIL_DATE_INVALID};
        unit_input_t u2 = {"NA", "THADS Nghệ An", "provincial_agency",
                           0,    d("2000-01-01"), CIVIL_DATE_INVALID};
        assert_int_equal(unit_op_create(db, &u1, 0, 1, &btp, &oe), 0);
        u2.parent_id = btp;
        assert_int_equal(unit_op_create(db, &u2, 0, 1, &na, &oe), 0);
    }
    for (int i = 0; i < 3; i++) {
        char no[32];
        case_input_t in = {.unit_id = na,
                           .source = "ex_officio",
                           .category = "criminal_civil",
                           .received_on = d("2026-03-02"),
                           .judgment_no = "5/2026/HS-ST",
                           .court_name = "TAND tỉnh Nghệ An",
                           .judgment_date = d("2026-02-02"),
                           .parties = parties,
                           .nparties = 1};
        snprintf(no, sizeof no, "%d/QĐ-THADS", i + 1);
        in.case_no = no;
        assert_int_equal(case_op_create(db, &app, &in, 0, d("2026-11-20"), 1, &id, &oe), 0);
    }
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);

    assert_int_equal(db_pool_open(keep, 1, &pool, err, sizeof err), DB_OK);
    /* D4 (5 working days from Monday 2026-03-02) is due Monday 2026-03-09. */
    set_today(d("2026-03-09"));
    assert_int_equal(deadline_job_start(pool, today_cb, NULL, 1, &job), 0);
    assert_int_equal(deadline_job_refresh(job), 0);
    memset(&seen, 0, sizeof seen);
    deadline_job_snapshot(job, collect, &seen, &day, &taken);
    assert_int_equal(seen.total, 0);
    assert_int_equal(day, d("2026-03-09"));
    assert_true(taken > 0);
    { /* the statistics' next month (April) opened ahead of its first event, rightly */
        db_t *c = db_pool_acquire(pool);
        int64_t horizon = -1, bad = -1;
        assert_int_equal(db_query_int64(c, "SELECT month FROM stat_month_horizon", &horizon),
                         DB_ROW);
        assert_int_equal(horizon, 2026 * 12 + 3);
        assert_int_equal(stat_month_check(c, &bad), DB_OK);
        assert_int_equal(bad, 0);
        db_pool_release(pool, c);
    }

    /* The day turns: the thread notices within its check interval. */
    set_today(d("2026-03-10"));
    for (int i = 0; i < 50; i++) {
        memset(&seen, 0, sizeof seen);
        deadline_job_snapshot(job, collect, &seen, &day, &taken);
        if (day == d("2026-03-10"))
            break;
        usleep(100 * 1000);
    }
    assert_int_equal(day, d("2026-03-10"));
    assert_int_equal(seen.total, 3);
    assert_string_equal(seen.codes, "NA ");
    deadline_job_stop(job);
    db_pool_close(pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {TEST_BOTH(test_counts_follow_the_calendar)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
