/*
 * tests/http/test_session.c — signing in and out as a browser does it, on both
 * engines: the cookie and what it carries, failures that say nothing about whether
 * an account exists, the CSRF header, rate limits with Retry-After, idle and absolute
 * session lifetimes (on a fake clock), changing one's password, an administrator
 * disabling an account, the token kept only as a hash, and the audit trail of it all.
 *
 * Every test starts its own server on a fresh database with the test organization
 * (tests/support/testorg.h), an officer in NA-KV1 and an administrator at BTP.
 */
#include "api/handlers.h"
#include "testdb.h"
#include "testorg.h"
#include "ops/app.h"
#include "ops/credentials.h"
#include "ops/user_ops.h"
#include "core/access.h"
#include "store/audit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MINUTE           ((int64_t)60 * 1000000)
#define SECOND           ((int64_t)1000000)
#define COOKIE_PREFIX    "Cookie: thads_session="
#define OFFICER_PASSWORD TESTORG_PASSWORD

static app_t app;
static test_server_t ts;
static test_org_t org;
static int64_t officer_id, admin_id;

static int setup(void **state)
{
    testapp_init(&app);
    testhttp_start(&ts, *state, api_routes, api_nroutes, &app, 0);
    testorg_build(&ts, &org);
    officer_id = testorg_user(&ts, &app, "officer1", org.na_kv1, 1u << ROLE_OFFICER);
    admin_id = testorg_user(&ts, &app, "admin1", org.btp, 1u << ROLE_ADMIN);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    testhttp_stop(&ts);
    testapp_set_now(0);
    return 0;
}

/* The real time now, to start the fake clock from (units and users exist "today"). */
static int64_t real_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static long sign_in(const char *username, const char *password, test_response_t *r)
{
    char body[512];

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username, password);
    testhttp_request(&ts, "POST", "/api/session", body, NULL, 0, r);
    return r->status;
}

/* Sign in and throw the answer away; the status. */
static long try_sign_in(const char *username, const char *password)
{
    test_response_t r;
    long status = sign_in(username, password, &r);

    testhttp_response_free(&r);
    return status;
}

/* A request with an optional "Cookie: ..." header line and an optional CSRF token
 * ("" sends the header empty, NULL leaves it out). */
static long send_as(const char *method, const char *path, const char *body,
                    const char *cookie_header, const char *csrf, test_response_t *r)
{
    char x[256];
    const char *h[3] = {NULL, NULL, NULL};
    int n = 0;

    if (cookie_header)
        h[n++] = cookie_header;
    if (csrf) {
        if (csrf[0])
            snprintf(x, sizeof x, "X-CSRF-Token: %s", csrf);
        else
            snprintf(x, sizeof x, "X-CSRF-Token;"); /* curl's spelling of an empty header */
        h[n++] = x;
    }
    testhttp_request(&ts, method, path, body, h, 0, r);
    return r->status;
}

/* GET /api/session with this cookie header; the status. */
static long whoami(const char *cookie_header)
{
    test_response_t r;
    long status = send_as("GET", "/api/session", NULL, cookie_header, NULL, &r);

    testhttp_response_free(&r);
    return status;
}

static const char *token_of(const test_login_t *l)
{
    assert_memory_equal(l->cookie, COOKIE_PREFIX, strlen(COOKIE_PREFIX));
    return l->cookie + strlen(COOKIE_PREFIX);
}

static void assert_error(const test_response_t *r, long status, const char *code)
{
    assert_int_equal(r->status, status);
    if (testhttp_error_code(r) == NULL || strcmp(testhttp_error_code(r), code) != 0)
        fail_msg("want %ld %s, got %ld %s", status, code, r->status, r->body);
}

/* The Retry-After header as seconds; fails unless it is a positive integer. */
static long retry_after(const test_response_t *r)
{
    char v[64], *end;
    long s;

    assert_non_null(testhttp_header(r, "Retry-After", v, sizeof v));
    s = strtol(v, &end, 10);
    if (*end != '\0' || s <= 0)
        fail_msg("Retry-After: \"%s\"", v);
    return s;
}

static int json_array_has(json_t *a, const char *s)
{
    size_t i;
    json_t *v;

    json_array_foreach(a, i, v)
    {
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
            return 1;
    }
    return 0;
}

/* ---- signing in ---- */

static void test_sign_in_sets_cookie_and_says_who(void **state)
{
    test_response_t r;
    char cookie[600];
    json_t *user, *perms;
    const char *token, *csrf;
    size_t token_len;
    (void)state;

    assert_int_equal(sign_in("officer1", OFFICER_PASSWORD, &r), 200);
    assert_non_null(testhttp_header(&r, "Set-Cookie", cookie, sizeof cookie));
    assert_memory_equal(cookie, "thads_session=", 14);
    token = cookie + 14;
    token_len = strcspn(token, ";");
    assert_int_equal(token_len, CREDENTIALS_TOKEN_LEN - 1);
    assert_non_null(strstr(cookie, "; HttpOnly"));
    assert_non_null(strstr(cookie, "; SameSite=Strict"));
    assert_non_null(strstr(cookie, "; Path=/"));
    assert_non_null(strstr(cookie, "; Max-Age=43200")); /* 12 hours, the absolute limit */
    assert_null(strstr(cookie, "Secure"));              /* not behind TLS here */

    user = json_object_get(r.json, "user");
    assert_non_null(user);
    assert_string_equal(json_string_value(json_object_get(user, "username")), "officer1");
    assert_int_equal(json_integer_value(json_object_get(user, "id")), officer_id);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(user, "unit"), "id")),
                     org.na_kv1);
    assert_int_equal(json_array_size(json_object_get(user, "roles")), 1);
    assert_true(json_array_has(json_object_get(user, "roles"), "officer"));
    perms = json_object_get(user, "permissions");
    assert_true(json_array_has(perms, "session"));
    assert_true(json_array_has(perms, "case.write"));
    assert_false(json_array_has(perms, "unit.admin"));
    assert_false(json_array_has(perms, "user.admin"));
    csrf = json_string_value(json_object_get(r.json, "csrf_token"));
    assert_non_null(csrf);
    assert_int_equal(strlen(csrf), CREDENTIALS_TOKEN_LEN - 1);
    assert_true(strncmp(csrf, token, token_len) != 0); /* not the session token */
    assert_true(json_is_string(json_object_get(r.json, "expires_at")));
    /* nothing of the password leaves the server */
    assert_null(strstr(r.body, "password_hash"));
    assert_null(strstr(r.body, "argon2"));
    testhttp_response_free(&r);

    /* two sign-ins are two sessions with different tokens */
    {
        test_login_t a, b;
        testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &a);
        testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &b);
        assert_string_not_equal(a.cookie, b.cookie);
        assert_string_not_equal(a.csrf, b.csrf);
    }
}

static void test_failures_say_nothing_about_the_account(void **state)
{
    test_response_t wrong, unknown;
    json_t *e1, *e2;
    char v[256];
    (void)state;

    assert_int_equal(sign_in("officer1", "Mật-khẩu-sai-hoàn-toàn", &wrong), 401);
    assert_int_equal(sign_in("khong.ton.tai", "Mật-khẩu-sai-hoàn-toàn", &unknown), 401);
    assert_error(&wrong, 401, "invalid_credentials");
    assert_error(&unknown, 401, "invalid_credentials");
    e1 = json_object_get(wrong.json, "error");
    e2 = json_object_get(unknown.json, "error");
    assert_string_equal(json_string_value(json_object_get(e1, "message")),
                        json_string_value(json_object_get(e2, "message")));
    assert_string_equal(json_string_value(json_object_get(e1, "message_vi")),
                        json_string_value(json_object_get(e2, "message_vi")));
    assert_true(json_equal(wrong.json, unknown.json));
    assert_null(testhttp_header(&wrong, "Set-Cookie", v, sizeof v));
    assert_null(testhttp_header(&unknown, "Set-Cookie", v, sizeof v));
    testhttp_response_free(&wrong);
    testhttp_response_free(&unknown);

    /* the password is case-sensitive, and another user's password does not open this one */
    assert_int_equal(try_sign_in("officer1", "mật-khẩu-thử-nghiệm-2026"), 401);
    assert_int_equal(try_sign_in("OFFICER1", OFFICER_PASSWORD), 401);
    /* malformed requests are 400, not a sign-in attempt */
    {
        test_response_t r;
        testhttp_request(&ts, "POST", "/api/session", "{\"username\":\"officer1\"}", NULL, 0, &r);
        assert_error(&r, 400, "missing_field");
        testhttp_response_free(&r);
    }
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 200);
}

static void test_disabled_user_cannot_sign_in(void **state)
{
    test_response_t r;
    db_t *db = testorg_db(&ts);
    op_error_t err;
    (void)state;

    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 200);
    assert_int_equal(db_begin(db), DB_OK);
    assert_int_equal(user_op_disable(db, officer_id, real_now(), &err), 0);
    assert_int_equal(db_commit(db), DB_OK);
    db_close(db);

    /* the right password, and the same answer as a wrong one */
    assert_int_equal(sign_in("officer1", OFFICER_PASSWORD, &r), 401);
    assert_error(&r, 401, "invalid_credentials");
    testhttp_response_free(&r);
}

/* ---- the session cookie ---- */

static void test_session_needs_a_live_cookie(void **state)
{
    test_login_t l;
    test_response_t r;
    char fake[CREDENTIALS_TOKEN_LEN], header[700];
    (void)state;

    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &l);
    assert_int_equal(send_as("GET", "/api/session", NULL, l.cookie, NULL, &r), 200);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(r.json, "user"), "username")),
        "officer1");
    assert_string_equal(json_string_value(json_object_get(r.json, "csrf_token")), l.csrf);
    testhttp_response_free(&r);

    /* no cookie */
    assert_int_equal(send_as("GET", "/api/session", NULL, NULL, NULL, &r), 401);
    assert_error(&r, 401, "unauthenticated");
    testhttp_response_free(&r);
    /* garbage */
    assert_int_equal(
        send_as("GET", "/api/session", NULL, "Cookie: thads_session=garbage", NULL, &r), 401);
    assert_error(&r, 401, "unauthenticated");
    testhttp_response_free(&r);
    /* a well-formed token no one was given */
    credentials_new_token(fake);
    snprintf(header, sizeof header, COOKIE_PREFIX "%s", fake);
    assert_int_equal(whoami(header), 401);
    /* the real token with one character changed */
    snprintf(header, sizeof header, "%s", l.cookie);
    header[strlen(header) - 1] = header[strlen(header) - 1] == 'A' ? 'B' : 'A';
    assert_int_equal(whoami(header), 401);
    /* the right token under another cookie name */
    snprintf(header, sizeof header, "Cookie: session=%s", token_of(&l));
    assert_int_equal(whoami(header), 401);
    /* the CSRF token is not a session token */
    snprintf(header, sizeof header, COOKIE_PREFIX "%s", l.csrf);
    assert_int_equal(whoami(header), 401);
    /* and the right cookie still works among others */
    snprintf(header, sizeof header, "Cookie: lang=vi; thads_session=%s; theme=dark", token_of(&l));
    assert_int_equal(whoami(header), 200);
}

static void test_csrf_token_is_required_for_changes(void **state)
{
    test_login_t admin, officer;
    test_response_t r;
    char unit[512], bad[80];
    int64_t units_before;
    (void)state;

    testhttp_login(&ts, "admin1", OFFICER_PASSWORD, &admin);
    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &officer);

    /* reads need no token */
    assert_int_equal(send_as("GET", "/api/units", NULL, admin.cookie, NULL, &r), 200);
    testhttp_response_free(&r);

    /* signing out without the token, with another session's, with a near miss: refused */
    assert_int_equal(send_as("DELETE", "/api/session", NULL, admin.cookie, NULL, &r), 403);
    assert_error(&r, 403, "csrf_failed");
    testhttp_response_free(&r);
    assert_int_equal(send_as("DELETE", "/api/session", NULL, admin.cookie, officer.csrf, &r), 403);
    assert_error(&r, 403, "csrf_failed");
    testhttp_response_free(&r);
    assert_int_equal(send_as("DELETE", "/api/session", NULL, admin.cookie, "", &r), 403);
    assert_error(&r, 403, "csrf_failed");
    testhttp_response_free(&r);
    snprintf(bad, sizeof bad, "%.*s", (int)strlen(admin.csrf) - 1, admin.csrf);
    assert_int_equal(send_as("DELETE", "/api/session", NULL, admin.cookie, bad, &r), 403);
    testhttp_response_free(&r);
    snprintf(bad, sizeof bad, "%sA", admin.csrf);
    assert_int_equal(send_as("DELETE", "/api/session", NULL, admin.cookie, bad, &r), 403);
    testhttp_response_free(&r);
    assert_int_equal(whoami(admin.cookie), 200); /* still signed in */

    /* creating a unit without the token changes nothing */
    snprintf(unit, sizeof unit,
             "{\"code\":\"NA-KV3\",\"name_vi\":\"Phòng THADS khu vực 3 - Nghệ An\","
             "\"kind\":\"regional_office\",\"parent_id\":%lld,\"valid_from\":\"2025-07-01\"}",
             (long long)org.na);
    units_before = testorg_count(&ts, "SELECT COUNT(*) FROM unit");
    assert_int_equal(send_as("POST", "/api/units", unit, admin.cookie, NULL, &r), 403);
    assert_error(&r, 403, "csrf_failed");
    testhttp_response_free(&r);
    assert_int_equal(send_as("POST", "/api/units", unit, admin.cookie, officer.csrf, &r), 403);
    assert_error(&r, 403, "csrf_failed");
    testhttp_response_free(&r);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM unit"), units_before);

    /* with the right token the request gets past the check: the permission decides
     * for the officer, the body for the admin */
    assert_int_equal(send_as("POST", "/api/units", unit, officer.cookie, officer.csrf, &r), 403);
    assert_error(&r, 403, "forbidden");
    testhttp_response_free(&r);
    assert_int_equal(
        send_as("POST", "/api/units", "{\"code\":\"X\"}", admin.cookie, admin.csrf, &r), 400);
    testhttp_response_free(&r);
    assert_int_equal(send_as("POST", "/api/units", unit, admin.cookie, admin.csrf, &r), 201);
    testhttp_response_free(&r);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM unit"), units_before + 1);
    assert_int_equal(send_as("DELETE", "/api/session", NULL, admin.cookie, admin.csrf, &r), 204);
    testhttp_response_free(&r);
}

static void test_sign_out_ends_only_this_session(void **state)
{
    test_login_t here, elsewhere;
    test_response_t r;
    char cookie[600];
    (void)state;

    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &here);
    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &elsewhere);
    testhttp_as(&ts, &here, "DELETE", "/api/session", NULL, &r);
    assert_int_equal(r.status, 204);
    assert_int_equal(r.body_len, 0);
    /* the browser is told to forget the cookie */
    assert_non_null(testhttp_header(&r, "Set-Cookie", cookie, sizeof cookie));
    assert_memory_equal(cookie, "thads_session=;", 15);
    assert_non_null(strstr(cookie, "Max-Age=0"));
    testhttp_response_free(&r);

    /* a copy of the old cookie is worth nothing now */
    assert_int_equal(whoami(here.cookie), 401);
    testhttp_as(&ts, &here, "DELETE", "/api/session", NULL, &r);
    assert_error(&r, 401, "unauthenticated");
    testhttp_response_free(&r);
    /* the same user's other session goes on */
    assert_int_equal(whoami(elsewhere.cookie), 200);
}

/* ---- rate limiting ---- */

static void test_five_failures_lock_the_account_for_a_while(void **state)
{
    test_response_t r;
    char v[64];
    long wait;
    (void)state;

    testapp_set_now(real_now());
    testorg_user(&ts, &app, "officer2", org.na_kv2, 1u << ROLE_OFFICER);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(try_sign_in("officer1", "Sai-mật-khẩu-lần-nữa"), 401);
        testapp_advance(SECOND);
    }
    /* the sixth attempt is refused even with the right password */
    assert_int_equal(sign_in("officer1", OFFICER_PASSWORD, &r), 429);
    assert_error(&r, 429, "too_many_attempts");
    wait = retry_after(&r);
    assert_true(wait <= 15 * 60);
    assert_null(testhttp_header(&r, "Set-Cookie", v, sizeof v));
    testhttp_response_free(&r);
    assert_int_equal(try_sign_in("officer1", "Sai-mật-khẩu-lần-nữa"), 429);
    /* refused attempts are on the record too */
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE outcome = 429 AND "
                                        "username = 'officer1' AND route = '/api/session'"),
                     2);

    /* another account from the same address is not locked */
    assert_int_equal(try_sign_in("officer2", OFFICER_PASSWORD), 200);

    /* after the window the account opens again */
    testapp_advance(16 * MINUTE);
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 200);
    /* and the attempts no limit will count again are gone (the table does not grow) */
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM login_attempt WHERE username = "
                                        "'officer1' AND at < (SELECT MAX(at) FROM login_attempt) "
                                        "- 900000000"),
                     0);
}

static void test_four_failures_do_not_lock(void **state)
{
    (void)state;
    testapp_set_now(real_now());
    for (int i = 0; i < 4; i++) {
        assert_int_equal(try_sign_in("officer1", "Sai-mật-khẩu-lần-nữa"), 401);
        testapp_advance(SECOND);
    }
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 200);
    /* a success does not wipe the failures: one more makes five */
    assert_int_equal(try_sign_in("officer1", "Sai-mật-khẩu-lần-nữa"), 401);
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 429);
}

static void test_retry_after_says_when_the_limit_lifts(void **state)
{
    test_response_t r;
    long wait;
    (void)state;

    testapp_set_now(real_now());
    for (int i = 0; i < 5; i++) {
        assert_int_equal(try_sign_in("officer1", "Sai-mật-khẩu-lần-nữa"), 401);
        testapp_advance(SECOND);
    }
    testapp_advance(10 * SECOND);
    assert_int_equal(sign_in("officer1", OFFICER_PASSWORD, &r), 429);
    wait = retry_after(&r);
    testhttp_response_free(&r);
    /* the first failure was 15 s ago: the window of 900 s closes in about 885 s */
    assert_true(wait > 880 && wait <= 886);
    /* a few seconds early is still too early... */
    testapp_advance((wait - 5) * SECOND);
    assert_int_equal(sign_in("officer1", OFFICER_PASSWORD, &r), 429);
    assert_true(retry_after(&r) <= 5);
    testhttp_response_free(&r);
    /* ...and waiting as told is enough */
    testapp_advance(5 * SECOND);
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 200);
}

static void test_twenty_failures_lock_the_address(void **state)
{
    test_response_t r;
    char name[32];
    long wait;
    (void)state;

    testapp_set_now(real_now());
    /* 19 failures, each for a different name: not yet */
    for (int i = 1; i <= 19; i++) {
        snprintf(name, sizeof name, "khach%02d", i);
        assert_int_equal(try_sign_in(name, "Đoán-mò-mật-khẩu"), 401);
        testapp_advance(SECOND);
    }
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 200);
    /* the twentieth locks every name from this address, right password or not */
    assert_int_equal(try_sign_in("khach20", "Đoán-mò-mật-khẩu"), 401);
    testapp_advance(SECOND);
    assert_int_equal(sign_in("officer1", OFFICER_PASSWORD, &r), 429);
    assert_error(&r, 429, "too_many_attempts");
    wait = retry_after(&r);
    assert_true(wait <= 15 * 60);
    testhttp_response_free(&r);
    assert_int_equal(try_sign_in("admin1", OFFICER_PASSWORD), 429);
    assert_int_equal(try_sign_in("khach21", "Đoán-mò-mật-khẩu"), 429);

    testapp_advance(16 * MINUTE);
    assert_int_equal(try_sign_in("admin1", OFFICER_PASSWORD), 200);
}

/* ---- parallel attempts ---- */

#define PARALLEL 40

typedef struct {
    pthread_t thread;
    char username[32];
    const char *password;
    long status;
} attempt_t;

static void *attempt_thread(void *arg)
{
    attempt_t *a = arg;
    a->status = try_sign_in(a->username, a->password);
    return NULL;
}

/* n sign-ins at once (one client thread each); how many answered want. */
static int parallel_sign_ins(attempt_t *a, int n, long want)
{
    int count = 0;

    for (int i = 0; i < n; i++)
        assert_int_equal(pthread_create(&a[i].thread, NULL, attempt_thread, &a[i]), 0);
    for (int i = 0; i < n; i++)
        assert_int_equal(pthread_join(a[i].thread, NULL), 0);
    for (int i = 0; i < n; i++) {
        if (a[i].status != 401 && a[i].status != 429 && a[i].status != 200)
            fail_msg("attempt %d answered %ld", i, a[i].status);
        count += a[i].status == want;
    }
    return count;
}

/* Parallel wrong passwords for one account: exactly five are checked (401), the rest
 * refused (429) — counting and recording an attempt are one serialized step, so no
 * request slips under the limit while another's password is being checked. */
static void test_parallel_failures_check_five_passwords(void **state)
{
    attempt_t a[PARALLEL];
    (void)state;

    testapp_set_now(real_now());
    assert_int_equal(try_sign_in("admin1", OFFICER_PASSWORD), 200); /* (curl initialized) */
    for (int i = 0; i < PARALLEL; i++)
        a[i] = (attempt_t){.password = "Đoán-song-song"};
    for (int i = 0; i < PARALLEL; i++)
        snprintf(a[i].username, sizeof a[i].username, "officer1");
    assert_int_equal(parallel_sign_ins(a, PARALLEL, 401), 5);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM login_attempt WHERE username = "
                                        "'officer1' AND success = 0"),
                     5);
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 429);
}

/* Parallel wrong passwords from one address for 60 names: exactly twenty checked. And a
 * right password among parallel ones counts as a success once checked. */
static void test_parallel_failures_check_twenty_from_an_address(void **state)
{
    attempt_t a[60];
    (void)state;

    testapp_set_now(real_now());
    for (int i = 0; i < 10; i++) /* successes do not count against the address */
        a[i] = (attempt_t){.username = "admin1", .password = OFFICER_PASSWORD};
    assert_int_equal(parallel_sign_ins(a, 10, 200), 10);
    for (int i = 0; i < 60; i++) {
        a[i] = (attempt_t){.password = "Đoán-mò-song-song"};
        snprintf(a[i].username, sizeof a[i].username, "khach%02d", i);
    }
    assert_int_equal(parallel_sign_ins(a, 60, 401), 20);
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 429);
}

/* ---- session lifetime ---- */

static void test_idle_session_ends_after_thirty_minutes(void **state)
{
    test_login_t l;
    (void)state;

    testapp_set_now(real_now());
    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &l);
    /* 29 minutes idle, twice: each request restarts the idle clock */
    testapp_advance(29 * MINUTE);
    assert_int_equal(whoami(l.cookie), 200);
    testapp_advance(29 * MINUTE);
    assert_int_equal(whoami(l.cookie), 200);
    /* 31 minutes idle: gone, and it stays gone */
    testapp_advance(31 * MINUTE);
    assert_int_equal(whoami(l.cookie), 401);
    testapp_advance(MINUTE);
    assert_int_equal(whoami(l.cookie), 401);
    /* signing in again works */
    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &l);
    assert_int_equal(whoami(l.cookie), 200);
}

static void test_active_session_ends_after_twelve_hours(void **state)
{
    test_login_t l;
    test_response_t r;
    (void)state;

    testapp_set_now(real_now());
    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &l);
    /* a request every 20 minutes for 11 h 40 min */
    for (int k = 1; k <= 35; k++) {
        testapp_advance(20 * MINUTE);
        if (whoami(l.cookie) != 200)
            fail_msg("session ended after %d minutes of activity", 20 * k);
    }
    /* 12 hours after signing in: over, however busy */
    testapp_advance(20 * MINUTE);
    assert_int_equal(send_as("GET", "/api/session", NULL, l.cookie, NULL, &r), 401);
    assert_error(&r, 401, "unauthenticated");
    testhttp_response_free(&r);
}

/* ---- changing one's password ---- */

static long change_password(const test_login_t *l, const char *current, const char *next,
                            test_response_t *r)
{
    char body[512];

    snprintf(body, sizeof body, "{\"current_password\":\"%s\",\"new_password\":\"%s\"}", current,
             next);
    testhttp_as(&ts, l, "POST", "/api/session/password", body, r);
    return r->status;
}

static void test_password_change(void **state)
{
    static const char *const weak[] = {
        "matkhau2024",       /* on the list, with a year */
        "1234567890",        /* on the list, and all digits */
        "Tranthib-2026-moi", /* contains the username */
        "Mùa-thu-9",         /* 9 characters */
    };
    static const char next[] = "Hoa-sen-nở-giữa-hè";
    test_login_t l, other;
    test_response_t r;
    char cookie[600];
    (void)state;

    testorg_user(&ts, &app, "tranthib", org.na_kv1, 1u << ROLE_SECRETARY);
    testhttp_login(&ts, "tranthib", TESTORG_PASSWORD, &l);
    testhttp_login(&ts, "tranthib", TESTORG_PASSWORD, &other);

    assert_int_equal(change_password(&l, "Không-phải-mật-khẩu", next, &r), 403);
    assert_error(&r, 403, "wrong_password");
    testhttp_response_free(&r);
    for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
        change_password(&l, TESTORG_PASSWORD, weak[i], &r);
        assert_error(&r, 400, "weak_password");
        if (testhttp_error_field(&r) == NULL ||
            strcmp(testhttp_error_field(&r), "new_password") != 0)
            fail_msg("%s: %s", weak[i], r.body);
        testhttp_response_free(&r);
    }
    /* refusals change nothing */
    assert_int_equal(whoami(l.cookie), 200);
    assert_int_equal(whoami(other.cookie), 200);

    assert_int_equal(change_password(&l, TESTORG_PASSWORD, next, &r), 204);
    assert_non_null(testhttp_header(&r, "Set-Cookie", cookie, sizeof cookie));
    assert_non_null(strstr(cookie, "Max-Age=0"));
    testhttp_response_free(&r);
    /* every session of the user ends, this one and the other */
    assert_int_equal(whoami(l.cookie), 401);
    assert_int_equal(whoami(other.cookie), 401);
    /* the new password opens, the old one does not */
    assert_int_equal(try_sign_in("tranthib", TESTORG_PASSWORD), 401);
    assert_int_equal(try_sign_in("tranthib", next), 200);
    /* the two sessions the change ended are forgotten as the new one starts */
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM session s JOIN app_user u ON u.id = "
                                        "s.user_id WHERE u.username = 'tranthib'"),
                     1);
    /* other users are untouched */
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 200);
}

/* A wrong current password counts as a failed sign-in of that user: five lock both the
 * change and the sign-in for the window, so a stolen session cannot guess it. */
static void test_wrong_current_passwords_are_limited(void **state)
{
    static const char next[] = "Sen-hồng-nở-giữa-đầm";
    test_login_t l;
    test_response_t r;
    (void)state;

    testapp_set_now(real_now());
    testorg_user(&ts, &app, "doanvan", org.na_kv1, 1u << ROLE_SECRETARY);
    testhttp_login(&ts, "doanvan", TESTORG_PASSWORD, &l);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(change_password(&l, "Đoán-mật-khẩu-cũ", next, &r), 403);
        testhttp_response_free(&r);
        testapp_advance(SECOND);
    }
    assert_int_equal(change_password(&l, TESTORG_PASSWORD, next, &r), 429);
    assert_error(&r, 429, "too_many_attempts");
    testhttp_response_free(&r);
    assert_int_equal(try_sign_in("doanvan", TESTORG_PASSWORD), 429);
    assert_int_equal(testorg_count(&ts, "SELECT COUNT(*) FROM audit_log WHERE outcome = 403 AND "
                                        "username = 'doanvan' AND route = "
                                        "'/api/session/password'"),
                     5);
    /* after the window the change goes through */
    testapp_advance(16 * MINUTE);
    assert_int_equal(change_password(&l, TESTORG_PASSWORD, next, &r), 204);
    testhttp_response_free(&r);
    assert_int_equal(try_sign_in("doanvan", next), 200);
}

/* ---- an administrator disables an account ---- */

static void test_disabling_a_user_ends_their_session(void **state)
{
    test_login_t admin, officer;
    test_response_t r;
    char path[64];
    (void)state;

    testhttp_login(&ts, "admin1", OFFICER_PASSWORD, &admin);
    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &officer);
    assert_int_equal(whoami(officer.cookie), 200);

    snprintf(path, sizeof path, "/api/users/%lld/disable", (long long)officer_id);
    testhttp_as(&ts, &admin, "POST", path, NULL, &r);
    assert_int_equal(r.status, 200);
    assert_true(json_is_true(json_object_get(r.json, "disabled")));
    testhttp_response_free(&r);

    assert_int_equal(whoami(officer.cookie), 401);
    testhttp_as(&ts, &officer, "DELETE", "/api/session", NULL, &r);
    assert_int_equal(r.status, 401);
    testhttp_response_free(&r);
    assert_int_equal(try_sign_in("officer1", OFFICER_PASSWORD), 401);
    /* the administrator's own session goes on */
    assert_int_equal(whoami(admin.cookie), 200);
}

/* ---- what the database keeps ---- */

/* Fail if any column of any row of table holds s. Returns the number of rows. */
static int assert_table_lacks(db_t *db, const char *table, const char *s)
{
    db_stmt_t *st;
    char sql[128];
    int rows = 0;

    snprintf(sql, sizeof sql, "SELECT * FROM %s", table);
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    while (db_step(st) == DB_ROW) {
        rows++;
        for (int c = 0; c < db_column_count(st); c++) {
            const char *v = db_column_text(st, c);
            if (v != NULL && strstr(v, s) != NULL)
                fail_msg("column %d of %s holds the session token: %s", c, table, v);
        }
    }
    db_finalize(st);
    return rows;
}

static void test_token_is_stored_only_as_a_hash(void **state)
{
    test_login_t l;
    db_t *db;
    char hash[CREDENTIALS_TOKEN_HASH], sql[256];
    const char *token;
    (void)state;

    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &l);
    token = token_of(&l);
    assert_int_equal(strlen(token), CREDENTIALS_TOKEN_LEN - 1);

    /* a copy of the database signs no one in */
    db = testorg_db(&ts);
    assert_int_equal(assert_table_lacks(db, "session", token), 1);
    assert_table_lacks(db, "audit_log", token);
    assert_table_lacks(db, "login_attempt", token);
    db_close(db);

    credentials_token_hash(token, hash);
    assert_int_equal(strlen(hash), 64);
    snprintf(sql, sizeof sql,
             "SELECT COUNT(*) FROM session WHERE token_hash = '%s' AND user_id = %lld", hash,
             (long long)officer_id);
    assert_int_equal(testorg_count(&ts, sql), 1);
}

/* ---- the audit trail ---- */

typedef struct {
    int64_t id, user_id, unit_id, outcome;
    int user_null, unit_null;
    char username[128], method[16], route[160], client_addr[64];
} audit_seen_t;

static int64_t audit_rows(void)
{
    return testorg_count(&ts, "SELECT COUNT(*) FROM audit_log");
}

/* The newest audit row. */
static audit_seen_t last_audit(void)
{
    db_t *db = testorg_db(&ts);
    db_stmt_t *st;
    audit_seen_t a = {0};
    const char *s;

    assert_int_equal(db_prepare(db,
                                "SELECT id, user_id, unit_id, outcome, username, method, route, "
                                "client_addr FROM audit_log ORDER BY id DESC LIMIT 1",
                                &st),
                     DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    a.id = db_column_int64(st, 0);
    a.user_null = db_column_is_null(st, 1);
    a.user_id = db_column_int64(st, 1);
    a.unit_null = db_column_is_null(st, 2);
    a.unit_id = db_column_int64(st, 2);
    a.outcome = db_column_int64(st, 3);
    s = db_column_text(st, 4);
    snprintf(a.username, sizeof a.username, "%s", s ? s : "(null)");
    snprintf(a.method, sizeof a.method, "%s", db_column_text(st, 5));
    snprintf(a.route, sizeof a.route, "%s", db_column_text(st, 6));
    snprintf(a.client_addr, sizeof a.client_addr, "%s", db_column_text(st, 7));
    db_finalize(st);
    db_close(db);
    return a;
}

static void test_audit_trail_of_sessions(void **state)
{
    test_login_t l;
    test_response_t r;
    audit_seen_t a;
    int64_t n, rows, bad;
    db_t *db;
    char msg[256];
    (void)state;

    n = audit_rows();
    /* a failed sign-in, with the name as typed */
    assert_int_equal(try_sign_in("nguoi.la", "Đoán-mò-mật-khẩu"), 401);
    assert_int_equal(audit_rows(), n + 1);
    a = last_audit();
    assert_int_equal(a.outcome, 401);
    assert_string_equal(a.username, "nguoi.la");
    assert_string_equal(a.method, "POST");
    assert_string_equal(a.route, "/api/session");
    assert_string_equal(a.client_addr, "127.0.0.1");
    assert_true(a.user_null);
    /* a wrong password for a real account: the name, but no one signed in */
    assert_int_equal(try_sign_in("officer1", "Đoán-mò-mật-khẩu"), 401);
    a = last_audit();
    assert_int_equal(a.outcome, 401);
    assert_string_equal(a.username, "officer1");
    assert_true(a.user_null);

    /* a successful one, as the user */
    testhttp_login(&ts, "officer1", OFFICER_PASSWORD, &l);
    assert_int_equal(audit_rows(), n + 3);
    a = last_audit();
    assert_int_equal(a.outcome, 200);
    assert_false(a.user_null);
    assert_int_equal(a.user_id, officer_id);
    assert_int_equal(a.unit_id, org.na_kv1);
    assert_string_equal(a.username, "officer1");
    assert_string_equal(a.route, "/api/session");
    assert_string_equal(a.client_addr, "127.0.0.1");

    /* reading is not audited */
    assert_int_equal(whoami(l.cookie), 200);
    assert_int_equal(audit_rows(), n + 3);

    /* a CSRF refusal is */
    assert_int_equal(send_as("DELETE", "/api/session", NULL, l.cookie, NULL, &r), 403);
    testhttp_response_free(&r);
    assert_int_equal(audit_rows(), n + 4);
    a = last_audit();
    assert_int_equal(a.outcome, 403);
    assert_string_equal(a.method, "DELETE");
    assert_string_equal(a.route, "/api/session");
    assert_int_equal(a.user_id, officer_id);

    /* so is a read refused for want of a session */
    assert_int_equal(whoami(NULL), 401);
    assert_int_equal(audit_rows(), n + 5);
    a = last_audit();
    assert_int_equal(a.outcome, 401);
    assert_string_equal(a.method, "GET");
    assert_string_equal(a.route, "/api/session");
    assert_true(a.user_null);

    /* and signing out */
    testhttp_as(&ts, &l, "DELETE", "/api/session", NULL, &r);
    assert_int_equal(r.status, 204);
    testhttp_response_free(&r);
    a = last_audit();
    assert_int_equal(a.outcome, 204);
    assert_int_equal(a.user_id, officer_id);

    db = testorg_db(&ts);
    if (audit_verify(db, &rows, &bad, msg, sizeof msg) != DB_OK)
        fail_msg("audit chain broken at %lld: %s", (long long)bad, msg);
    assert_int_equal(rows, audit_rows());
    db_close(db);
}

#define WITH(engine, fn)                                                                           \
    {                                                                                              \
        engine "/" #fn, fn, setup, teardown, (void *)engine                                        \
    }
#define ALL(engine)                                                                                \
    WITH(engine, test_sign_in_sets_cookie_and_says_who),                                           \
        WITH(engine, test_failures_say_nothing_about_the_account),                                 \
        WITH(engine, test_disabled_user_cannot_sign_in),                                           \
        WITH(engine, test_session_needs_a_live_cookie),                                            \
        WITH(engine, test_csrf_token_is_required_for_changes),                                     \
        WITH(engine, test_sign_out_ends_only_this_session),                                        \
        WITH(engine, test_five_failures_lock_the_account_for_a_while),                             \
        WITH(engine, test_four_failures_do_not_lock),                                              \
        WITH(engine, test_retry_after_says_when_the_limit_lifts),                                  \
        WITH(engine, test_twenty_failures_lock_the_address),                                       \
        WITH(engine, test_parallel_failures_check_five_passwords),                                 \
        WITH(engine, test_parallel_failures_check_twenty_from_an_address),                         \
        WITH(engine, test_idle_session_ends_after_thirty_minutes),                                 \
        WITH(engine, test_active_session_ends_after_twelve_hours),                                 \
        WITH(engine, test_password_change),                                                        \
        WITH(engine, test_wrong_current_passwords_are_limited),                                    \
        WITH(engine, test_disabling_a_user_ends_their_session),                                    \
        WITH(engine, test_token_is_stored_only_as_a_hash),                                         \
        WITH(engine, test_audit_trail_of_sessions)

int main(void)
{
    const struct CMUnitTest sqlite_tests[] = {ALL("sqlite")};
    const struct CMUnitTest pg_tests[] = {ALL("postgres")};
    int failed = 0;

    failed += cmocka_run_group_tests_name("session/sqlite", sqlite_tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("session/postgres", pg_tests, NULL, NULL);
    return failed;
}
