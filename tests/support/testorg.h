/*
 * tests/support/testorg.h — a small organization to test access against, and
 * signed-in requests.
 *
 *   BTP (ministry)
 *   ├── CUC (central_department)
 *   │   ├── NA (provincial_agency, Nghệ An) ── NA-KV1, NA-KV2 (regional_office)
 *   │   └── HT (provincial_agency, Hà Tĩnh) ── HT-KV1 (regional_office)
 *   └── BCA (other_agency, Bộ Công an) ── TG3 (prison)
 *
 * All units exist from 2020-01-01. Users get TESTORG_PASSWORD.
 */
#ifndef THADS_TESTS_TESTORG_H
#define THADS_TESTS_TESTORG_H

#include "testhttp.h"
#include "ops/app.h"
#include "core/access.h"

#include <stdint.h>

#define TESTORG_PASSWORD "Mật-khẩu-thử-nghiệm-2026"
/* Every role an enforcement unit's user can hold (prison officers work in prisons). */
#define TESTORG_ALL_ROLES (((1u << ROLE_COUNT) - 1) & ~(1u << ROLE_PRISON_OFFICER))

typedef struct {
    int64_t btp, cuc, na, na_kv1, na_kv2, ht, ht_kv1, bca, tg3;
} test_org_t;

/* An app for tests: argon2id at libsodium's minimum cost, and a clock the test sets
 * with testapp_set_now() (0 = the real clock). */
void testapp_init(app_t *app);
void testapp_set_now(int64_t micros);
void testapp_advance(int64_t micros);

/* A connection to the server's database (caller closes). */
db_t *testorg_db(const test_server_t *ts);
/* Build the tree above in the server's database. */
void testorg_build(const test_server_t *ts, test_org_t *org);
/* Create a user in unit with roles (bit r = role_t r); returns the id. */
int64_t testorg_user(const test_server_t *ts, const app_t *app, const char *username, int64_t unit,
                     unsigned roles);

/* Open a case in unit (received on received_on, a debtor and a creditor, one money
 * item of amount) through case_op_create; returns its id. */
int64_t testorg_case(const test_server_t *ts, const app_t *app, int64_t unit, const char *case_no,
                     const char *received_on, int64_t amount);

typedef struct {
    char cookie[600];
    char csrf[64];
} test_login_t;

/* Sign in over HTTP; fails the test unless it answers 200. */
void testhttp_login(test_server_t *ts, const char *username, const char *password,
                    test_login_t *out);
/* A request with the session cookie and the CSRF header. */
void testhttp_as(test_server_t *ts, const test_login_t *who, const char *method, const char *path,
                 const char *body, test_response_t *out);
/* Count rows of a query's first column (SELECT COUNT(*) ...) in the server's database. */
int64_t testorg_count(const test_server_t *ts, const char *sql);

#endif
