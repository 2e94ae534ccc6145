/*
 * tests/http/test_report_submissions.c — locked periods over HTTP (issue 15), on both
 * engines: a leader submits a province's report for a quarter that is over; it is served
 * as submitted, byte for byte, with its hash, even after an event dated inside the quarter
 * is recorded later; the summary of that quarter then says it no longer matches, and the
 * next quarter's report shows the late event as its corrections line. Only leaders submit,
 * once per period, and only in their own province.
 */
#include "api/handlers.h"
#include "core/access.h"
#include "ops/app.h"
#include "ops/case_ops.h"
#include "ops/report_submit.h"
#include "store/submissions.h"
#include "testdb.h"
#include "testorg.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static test_login_t leader, outsider, officer;

/* Case of unit received on `received` and decided the next day: counted from then. */
static void decided_case(int64_t unit, const char *no, const char *received, const char *decided,
                         long long amount)
{
    int64_t id = testorg_case(&ts, &app, unit, no, received, amount), seq;
    case_event_input_t in = {.type = CASE_EVENT_DECIDED, .document_no = "9/QĐ-THADS"};
    db_t *db = testorg_db(&ts);
    op_error_t err;

    assert_int_equal(civil_date_parse(decided, &in.occurred_on), 0);
    assert_int_equal(db_begin(db), DB_OK);
    if (case_op_event(db, &app, id, &in, 0, app_today(&app), 2, &seq, &err) != 0)
        fail_msg("decided: %s", err.en);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

static int start_on(const char *engine)
{
    testapp_init(&app);
    testapp_set_now((int64_t)1776211200 * 1000000); /* 2026-04-15 00:00 UTC */
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    testorg_user(&ts, &app, "lanhdao", org.na, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "lanhdao.ht", org.ht, 1u << ROLE_LEADER);
    testorg_user(&ts, &app, "chv.lan", org.na_kv1, 1u << ROLE_OFFICER);
    testhttp_login(&ts, "lanhdao", TESTORG_PASSWORD, &leader);
    testhttp_login(&ts, "lanhdao.ht", TESTORG_PASSWORD, &outsider);
    testhttp_login(&ts, "chv.lan", TESTORG_PASSWORD, &officer);
    decided_case(org.na_kv1, "1/QĐ-THADS", "2026-01-05", "2026-01-06", 100000000);
    decided_case(org.na_kv2, "2/QĐ-THADS", "2026-02-10", "2026-02-11", 40000000);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start_on)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    testapp_set_now(0);
    return 0;
}

static long long at(json_t *o, const char *line, const char *what)
{
    return (long long)json_integer_value(json_object_get(json_object_get(o, line), what));
}

static void submit(test_login_t *who, const char *body, long want, test_response_t *r)
{
    testhttp_as(&ts, who, "POST", "/api/reports/submissions", body, r);
    if (r->status != want)
        fail_msg("submit %s: %ld %s, want %ld", body, r->status, r->body, want);
}

static void test_submitted_report_stays(void **state)
{
    const char *q1 = "{\"unit\":\"NA\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}";
    test_response_t r, s, again;
    char path[64], *before;
    int64_t id;
    (void)state;

    /* not the officer's to submit; not another province's; not a period still running */
    submit(&officer, q1, 403, &r);
    testhttp_response_free(&r);
    submit(&outsider, q1, 404, &r);
    testhttp_response_free(&r);
    submit(&leader, "{\"unit\":\"NA\",\"from\":\"2026-04-01\",\"to\":\"2026-04-30\"}", 422, &r);
    assert_string_equal(testhttp_error_code(&r), "period_not_over");
    testhttp_response_free(&r);
    submit(&leader, "{\"unit\":\"NA\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\",\"x\":1}", 400,
           &r);
    assert_string_equal(testhttp_error_code(&r), "unknown_field");
    testhttp_response_free(&r);

    submit(&leader, q1, 201, &s);
    id = json_integer_value(json_object_get(json_object_get(s.json, "submission"), "id"));
    assert_true(id > 0);
    assert_int_equal(at(json_object_get(s.json, "report"), "new", "cases"), 2);
    before = json_dumps(json_object_get(s.json, "report"), JSON_COMPACT | JSON_SORT_KEYS);
    submit(&leader, q1, 409, &r);
    assert_string_equal(testhttp_error_code(&r), "already_submitted");
    testhttp_response_free(&r);

    /* a case received and decided in March, recorded after the submission */
    decided_case(org.na_kv1, "3/QĐ-THADS", "2026-03-20", "2026-03-23", 5000000);

    /* the submission is served as it was, its hash whole */
    snprintf(path, sizeof path, "/api/reports/submissions/%lld", (long long)id);
    testhttp_as(&ts, &leader, "GET", path, NULL, &again);
    assert_int_equal(again.status, 200);
    assert_true(json_is_true(json_object_get(again.json, "hash_ok")));
    char *now = json_dumps(json_object_get(again.json, "report"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(now, before);
    free(now);
    testhttp_response_free(&again);
    testhttp_as(&ts, &outsider, "GET", path, NULL, &again);
    assert_int_equal(again.status, 404);
    testhttp_response_free(&again);

    /* the quarter rendered today counts the late case and says it differs */
    testhttp_as(&ts, &leader, "GET", "/api/reports/summary?unit=NA&from=2026-01-01&to=2026-03-31",
                NULL, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(at(r.json, "new", "cases"), 3);
    assert_false(json_is_true(json_object_get(json_object_get(r.json, "submission"), "matches")));
    testhttp_response_free(&r);

    /* the next quarter carries it over as a correction of the submitted one */
    testhttp_as(&ts, &leader, "GET", "/api/reports/summary?unit=NA&from=2026-04-01&to=2026-04-14",
                NULL, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(at(r.json, "carried_over", "cases"), 3);
    assert_int_equal(at(r.json, "corrections", "cases"), 1);
    assert_int_equal(at(r.json, "corrections", "money"), 5000000);
    assert_int_equal(json_integer_value(
                         json_object_get(json_object_get(r.json, "corrections"), "submission_id")),
                     id);
    testhttp_response_free(&r);

    /* the list */
    testhttp_as(&ts, &leader, "GET", "/api/reports/submissions?unit=NA", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(json_array_size(json_object_get(r.json, "submissions")), 1);
    testhttp_response_free(&r);
    free(before);
    testhttp_response_free(&s);
}

/* A report submitted before the summary had some of its tables (special, migration 0014;
 * coercion and complaints, 0027) still matches when nothing it said has changed: only the
 * keys it holds are compared. */
static void test_older_submission_compares_its_own_keys(void **state)
{
    static const char *const added[] = {"special", "coercion", "complaints"};
    db_t *db = testorg_db(&ts);
    civil_date_t from, to;
    op_error_t err;
    json_t *j;
    char *body, hash[SUBMISSION_HASH_HEX];
    int64_t id;
    test_response_t r;
    (void)state;

    assert_int_equal(civil_date_parse("2025-10-01", &from), 0);
    assert_int_equal(civil_date_parse("2025-12-31", &to), 0);
    assert_int_equal(report_op_summary_object(db, "NA", from, to, NULL, &j, &err), 0);
    for (size_t i = 0; i < sizeof added / sizeof added[0]; i++) {
        assert_non_null(json_object_get(j, added[i]));
        json_object_del(j, added[i]);
    }
    body = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    report_submission_hash(body, hash);
    assert_int_equal(submission_insert(db, org.na, from, to, body, hash, 0, 1, &id), DB_OK);
    free(body);
    db_close(db);

    testhttp_as(&ts, &leader, "GET", "/api/reports/summary?unit=NA&from=2025-10-01&to=2025-12-31",
                NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(json_object_get(r.json, "coercion"));
    assert_true(json_is_true(json_object_get(json_object_get(r.json, "submission"), "matches")));
    testhttp_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_submitted_report_stays),
        cmocka_unit_test(test_older_submission_compares_its_own_keys),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("submissions/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("submissions/postgres", tests, start_postgres, stop);
    return failed;
}
