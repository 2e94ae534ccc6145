/*
 * tests/http/test_access.c — access control for every route of the API, derived
 * from the route table (api/routes.c) and the role matrix (core/access.c):
 *
 *   - anonymous                                  → 401 on every route needing a permission
 *   - a user of a sibling subtree with every role → 404 on objects of the other subtree
 *   - the same request from inside the subtree   → neither 401, 403 nor 404
 *   - a role without the route's permission      → 403
 *
 * A new route is covered without editing this file, except that a route with an
 * {id} needs a fixture object below (the test fails and says so until it has one).
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/admin_judgment_ops.h"
#include "ops/app.h"
#include "ops/money_ops.h"
#include "ops/prison_ops.h"
#include "ops/report_submit.h"
#include "ops/unit_ops.h"
#include "core/access.h"

#include <stdio.h>
#include <string.h>

static app_t app;
static test_server_t ts;
static test_org_t org;
static int64_t kv1_user, kv1_case, kv1_receipt, kv1_prisoner, kv1_exchange, kv1_submission, tg6;
static int64_t kv1_admin_judgment;

/* The debtor of kv1_case registered as a prisoner held in TG3, and a notice of their
 * obligations sent to TG3 (issue 16); a second prison, TG6, whose officer sees neither. */
static void prisoner_fixture(void)
{
    db_t *db = testorg_db(&ts);
    char sql[160];
    int64_t debtor;
    op_error_t err;
    unit_input_t u = {"TG6",
                      "Trại giam số 6",
                      "prison",
                      org.bca,
                      civil_date_from_ymd(2020, 1, 1),
                      CIVIL_DATE_INVALID};
    civil_date_t on = civil_date_from_ymd(2026, 1, 7);

    snprintf(sql, sizeof sql,
             "SELECT party_id FROM case_party WHERE case_id = %lld AND role = 'debtor'",
             (long long)kv1_case);
    debtor = testorg_count(&ts, sql);
    prisoner_input_t in = {.case_id = kv1_case,
                           .party_id = debtor,
                           .camp_unit_id = org.tg3,
                           .prisoner_no = "TG3-00001",
                           .sentence = "05 năm tù",
                           .entered_on = civil_date_from_ymd(2025, 6, 1),
                           .expected_release_on = civil_date_from_ymd(2030, 6, 1),
                           .birth_date = CIVIL_DATE_INVALID};
    prison_x_input_t x = {.kind = PRISON_X_NOTIFY_OBLIGATION, .case_id = kv1_case, .on = on};

    assert_int_equal(db_begin(db), DB_OK);
    if (unit_op_create(db, &u, 0, 1, &tg6, &err) != 0 ||
        prison_op_register(db, &app, &in, 0, on, 1, &kv1_prisoner, &err) != 0)
        fail_msg("prisoner: %s", err.en);
    x.prisoner_id = kv1_prisoner;
    if (prison_op_exchange(db, &app, &x, 0, on, 1, &kv1_exchange, &err) != 0)
        fail_msg("exchange: %s", err.en);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* KV1's report for January 2025, submitted. */
static void submission_fixture(void)
{
    db_t *db = testorg_db(&ts);
    submission_t s;
    op_error_t err;

    assert_int_equal(db_begin(db), DB_OK);
    if (report_op_submit(db, "NA-KV1", civil_date_from_ymd(2025, 1, 1),
                         civil_date_from_ymd(2025, 1, 31), 0, 1, &s, &err) != 0)
        fail_msg("submit: %s", err.en);
    kv1_submission = s.id;
    submission_free(&s);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* An administrative judgment KV1 monitors (issue 15). */
static void admin_judgment_fixture(void)
{
    db_t *db = testorg_db(&ts);
    aj_input_t in = {.unit_id = org.na_kv1,
                     .judgment_no = "03/2026/HC-PT",
                     .court = "Tòa án nhân dân tỉnh Nghệ An",
                     .respondent = "Ủy ban nhân dân xã Nghi Phú",
                     .applicant = "Nguyễn Văn Bình",
                     .content = "Hủy quyết định thu hồi đất",
                     .judgment_date = civil_date_from_ymd(2025, 12, 20),
                     .received_on = civil_date_from_ymd(2026, 1, 5)};
    op_error_t err;

    assert_int_equal(db_begin(db), DB_OK);
    if (aj_op_register(db, &in, 0, civil_date_from_ymd(2026, 1, 7), 1, &kv1_admin_judgment, &err) !=
        0)
        fail_msg("admin judgment: %s", err.en);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
}

/* A receipt of kv1_case, written through the operation. */
static int64_t receipt_of(int64_t case_id)
{
    db_t *db = testorg_db(&ts);
    money_collection_t in = {
        civil_date_from_ymd(2026, 1, 6), 1000000, LEDGER_METHOD_CASH, "Hồ Văn Nộp", NULL, NULL};
    money_doc_t doc;
    op_error_t err;

    assert_int_equal(db_begin(db), DB_OK);
    if (money_op_collect(db, &app, case_id, &in, 0, civil_date_from_ymd(2026, 1, 6), 1, &doc,
                         &err) != 0)
        fail_msg("collect: %s", err.en);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);
    return doc.doc_id;
}

static int start(const char *engine)
{
    testapp_init(&app);
    testhttp_start(&ts, engine, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    /* All in the NA province's subtree, but for ht_all in the sibling HT province. */
    kv1_user = testorg_user(&ts, &app, "kv1_officer", org.na_kv1, 1u << ROLE_OFFICER);
    testorg_user(&ts, &app, "na_all", org.na, TESTORG_ALL_ROLES);
    kv1_case = testorg_case(&ts, &app, org.na_kv1, "46/QĐ-THADS", "2026-01-05", 10000000);
    kv1_receipt = receipt_of(kv1_case);
    prisoner_fixture();
    submission_fixture();
    admin_judgment_fixture();
    testorg_user(&ts, &app, "ht_all", org.ht, TESTORG_ALL_ROLES);
    for (int r = 0; r < ROLE_COUNT; r++) {
        char name[64];
        snprintf(name, sizeof name, "only_%s", access_role_code((role_t)r));
        testorg_user(&ts, &app, name, r == ROLE_PRISON_OFFICER ? org.tg3 : org.na, 1u << r);
    }
    testorg_user(&ts, &app, "tg6_officer", tg6, 1u << ROLE_PRISON_OFFICER);
    return 0;
}

TESTHTTP_ENGINE_SETUPS(start)

static int stop(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    return 0;
}

/* The path with {id} replaced by an object inside NA's subtree. */
static void concrete_path(const http_route_t *r, char *out, size_t len)
{
    const char *brace = strstr(r->pattern, "{id}");
    int64_t id = 0;

    if (brace == NULL) {
        snprintf(out, len, "%s", r->pattern);
        return;
    }
    if (strncmp(r->pattern, "/api/units/", 11) == 0)
        id = org.na_kv1;
    else if (strncmp(r->pattern, "/api/users/", 11) == 0)
        id = kv1_user;
    else if (strncmp(r->pattern, "/api/cases/", 11) == 0)
        id = kv1_case;
    else if (strncmp(r->pattern, "/api/receipts/", 14) == 0)
        id = kv1_receipt;
    else if (strncmp(r->pattern, "/api/prisoners/", 15) == 0)
        id = kv1_prisoner;
    else if (strncmp(r->pattern, "/api/exchanges/", 15) == 0)
        id = kv1_exchange;
    else if (strncmp(r->pattern, "/api/reports/submissions/", 25) == 0)
        id = kv1_submission;
    else if (strncmp(r->pattern, "/api/admin-judgments/", 21) == 0)
        id = kv1_admin_judgment;
    else
        fail_msg("no fixture object for %s %s: add one to tests/http/test_access.c", r->method,
                 r->pattern);
    snprintf(out, len, "%.*s%lld%s", (int)(brace - r->pattern), r->pattern, (long long)id,
             brace + 4);
    /* a role of the user, as in DELETE /api/users/{id}/roles/{role} (the pattern's end) */
    if (strstr(out, "{role}") != NULL)
        snprintf(strstr(out, "{role}"), len - (size_t)(strstr(out, "{role}") - out), "officer");
}

static const char *body_for(const http_route_t *r)
{
    return strcmp(r->method, "GET") == 0 || strcmp(r->method, "DELETE") == 0 ? NULL : "{}";
}

static void expect(const http_route_t *r, const char *who, long got, long want)
{
    if (got != want)
        fail_msg("%s %s as %s: got %ld, want %ld", r->method, r->pattern, who, got, want);
}

static void test_anonymous_gets_401(void **state)
{
    (void)state;
    for (size_t i = 0; i < api_nroutes; i++) {
        const http_route_t *r = &api_routes[i];
        test_response_t resp;
        char path[256];

        if (r->perm == 0)
            continue;
        concrete_path(r, path, sizeof path);
        testhttp_request(&ts, r->method, path, body_for(r), NULL, 0, &resp);
        expect(r, "anonymous", resp.status, 401);
        assert_string_equal(testhttp_error_code(&resp), "unauthenticated");
        testhttp_response_free(&resp);
    }
}

static void test_sibling_subtree_gets_404(void **state)
{
    int covered = 0;
    (void)state;

    for (size_t i = 0; i < api_nroutes; i++) {
        const http_route_t *r = &api_routes[i];
        test_login_t outsider, insider;
        test_response_t resp;
        char path[256];

        if (r->perm == 0 || strstr(r->pattern, "{id}") == NULL)
            continue;
        concrete_path(r, path, sizeof path);
        testhttp_login(&ts, "ht_all", TESTORG_PASSWORD, &outsider);
        testhttp_as(&ts, &outsider, r->method, path, body_for(r), &resp);
        expect(r, "a user of the sibling province", resp.status, 404);
        assert_string_equal(testhttp_error_code(&resp), "not_found");
        testhttp_response_free(&resp);

        /* The 404 comes from scope: from inside, the same request gets through (to an
         * answer, or to a refusal of its body; never to a failure). */
        testhttp_login(&ts, "na_all", TESTORG_PASSWORD, &insider);
        testhttp_as(&ts, &insider, r->method, path, body_for(r), &resp);
        if (resp.status == 401 || resp.status == 403 || resp.status == 404 || resp.status >= 500)
            fail_msg("%s %s from inside the subtree: %ld %s", r->method, r->pattern, resp.status,
                     resp.body);
        testhttp_response_free(&resp);
        covered++;
    }
    assert_true(covered >= 7);
}

static void test_role_without_permission_gets_403(void **state)
{
    int covered = 0;
    (void)state;

    for (size_t i = 0; i < api_nroutes; i++) {
        const http_route_t *r = &api_routes[i];
        char path[256], name[64];
        int lacking = -1;

        if (r->perm == 0)
            continue;
        for (int role = 0; role < ROLE_COUNT && lacking < 0; role++)
            if ((access_perms_of_roles(1u << role) & r->perm) == 0)
                lacking = role;
        if (lacking < 0)
            continue; /* every role may do this (e.g. sign out) */
        concrete_path(r, path, sizeof path);
        snprintf(name, sizeof name, "only_%s", access_role_code((role_t)lacking));
        for (int role = 0; role < ROLE_COUNT; role++) {
            test_login_t who;
            test_response_t resp;
            if ((access_perms_of_roles(1u << role) & r->perm) != 0)
                continue;
            snprintf(name, sizeof name, "only_%s", access_role_code((role_t)role));
            testhttp_login(&ts, name, TESTORG_PASSWORD, &who);
            testhttp_as(&ts, &who, r->method, path, body_for(r), &resp);
            expect(r, name, resp.status, 403);
            assert_string_equal(testhttp_error_code(&resp), "forbidden");
            testhttp_response_free(&resp);
        }
        covered++;
    }
    assert_true(covered >= 10);
}

/* A prison officer sees the prisoners their camp holds and those prisoners' exchanges:
 * another camp's officer gets 404 on every prisoner and exchange route, and finds nothing
 * in the lists; the holding camp's officer gets through (issue 16). */
static void test_other_camp_gets_404(void **state)
{
    int covered = 0;
    test_login_t other, holder;
    test_response_t resp;
    (void)state;

    testhttp_login(&ts, "tg6_officer", TESTORG_PASSWORD, &other);
    testhttp_login(&ts, "only_prison_officer", TESTORG_PASSWORD, &holder);
    for (size_t i = 0; i < api_nroutes; i++) {
        const http_route_t *r = &api_routes[i];
        char path[256];

        if (strstr(r->pattern, "{id}") == NULL ||
            (strncmp(r->pattern, "/api/prisoners/", 15) != 0 &&
             strncmp(r->pattern, "/api/exchanges/", 15) != 0))
            continue;
        concrete_path(r, path, sizeof path);
        testhttp_as(&ts, &other, r->method, path, body_for(r), &resp);
        expect(r, "the officer of another prison", resp.status, 404);
        assert_string_equal(testhttp_error_code(&resp), "not_found");
        testhttp_response_free(&resp);
        testhttp_as(&ts, &holder, r->method, path, body_for(r), &resp);
        if (resp.status == 401 || resp.status == 403 || resp.status == 404 || resp.status >= 500)
            fail_msg("%s %s from the holding prison: %ld %s", r->method, r->pattern, resp.status,
                     resp.body);
        testhttp_response_free(&resp);
        covered++;
    }
    assert_true(covered >= 8);
    testhttp_as(&ts, &other, "GET", "/api/prisoners", NULL, &resp);
    assert_int_equal(resp.status, 200);
    assert_null(strstr(resp.body, "TG3-00001"));
    testhttp_response_free(&resp);
    testhttp_as(&ts, &other, "GET", "/api/exchanges", NULL, &resp);
    assert_int_equal(resp.status, 200);
    assert_non_null(strstr(resp.body, "\"items\":[]"));
    testhttp_response_free(&resp);
    testhttp_as(&ts, &holder, "GET", "/api/prisoners", NULL, &resp);
    assert_int_equal(resp.status, 200);
    assert_non_null(strstr(resp.body, "TG3-00001"));
    testhttp_response_free(&resp);
}

/* Refusals are audited too, even of reads. */
static void test_refusals_are_audited(void **state)
{
    int64_t before = testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE outcome = 403");
    test_login_t who;
    test_response_t resp;
    (void)state;

    testhttp_login(&ts, "only_steering_viewer", TESTORG_PASSWORD, &who);
    testhttp_as(&ts, &who, "GET", "/api/units", NULL, &resp);
    assert_int_equal(resp.status, 403);
    testhttp_response_free(&resp);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE outcome = 403"),
                     before + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_anonymous_gets_401),
        cmocka_unit_test(test_sibling_subtree_gets_404),
        cmocka_unit_test(test_role_without_permission_gets_403),
        cmocka_unit_test(test_other_camp_gets_404),
        cmocka_unit_test(test_refusals_are_audited),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("access/sqlite", tests, start_sqlite, stop);
    failed += cmocka_run_group_tests_name("access/postgres", tests, start_postgres, stop);
    return failed;
}
