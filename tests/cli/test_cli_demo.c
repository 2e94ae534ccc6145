/*
 * tests/cli/test_cli_demo.c — `thads demo` as `make run` and a trainer use it, on both
 * engines: it exits 0, prints a password for every role and each one signs in (checked
 * against the stored hash), every state and every category of case is there, the
 * organization went through the 2025 reorganization, every case has its search
 * document, `thads fsck` finds the chains intact, a second run is refused, and the
 * same seed gives the same province. Runs the binary named by $THADS_BIN.
 */
#include "testdb.h"

#include "ops/app.h"
#include "ops/credentials.h"
#include "core/access.h"
#include "core/case.h"
#include "store/search.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct {
    int status;
    char out[65536];
} run_t;

static char db_url[1200];

/* Run `thads ARGS --db <the test's database>`, capturing stdout+stderr. */
static void run(run_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void run(run_t *r, const char *fmt, ...)
{
    const char *bin = getenv("THADS_BIN");
    char args[1024], cmd[4096];
    va_list ap;
    FILE *p;
    size_t n;

    if (bin == NULL)
        fail_msg("THADS_BIN is not set; run through make test");
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "%s %s --db '%s' 2>&1 </dev/null", bin, args, db_url);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(r->out, 1, sizeof r->out - 1, p);
    r->out[n] = '\0';
    r->status = WEXITSTATUS(pclose(p));
}

static void expect(run_t *r, int status, const char *args)
{
    run(r, "%s", args);
    if (r->status != status)
        fail_msg("'thads %s' exited %d, want %d: %s", args, r->status, status, r->out);
}

static int64_t count(db_t *db, const char *sql)
{
    int64_t n = -1;

    if (db_query_int64(db, sql, &n) != DB_ROW)
        fail_msg("%s: %s", sql, db_errmsg(db));
    return n;
}

static db_t *open_db(void)
{
    char err[256];
    db_t *db;

    if (db_open(db_url, &db, err, sizeof err) != DB_OK)
        fail_msg("open %s: %s", db_url, err);
    return db;
}

typedef struct {
    char username[64], role[32], unit[32], password[32];
} account_t;

/* The rows of the accounts table: after the header line, up to the blank line. */
static int parse_accounts(const char *out, account_t *a, int max)
{
    const char *p = strstr(out, "  username ");
    int n = 0;

    if (p == NULL)
        fail_msg("no accounts table: %s", out);
    p = strchr(p, '\n') + 1;
    while (*p == ' ' && n < max) {
        if (sscanf(p, "%63s %31s %31s %31s", a[n].username, a[n].role, a[n].unit, a[n].password) !=
            4)
            fail_msg("bad accounts line: %.80s", p);
        n++;
        p = strchr(p, '\n') + 1;
    }
    return n;
}

static void test_demo(void **state)
{
    static const char *const categories[] = {"civil",          "marriage_family", "labour",
                                             "criminal_civil", "credit",          "corruption",
                                             "administrative"};
    account_t acc[64];
    app_t app;
    run_t r;
    db_t *db;
    char sql[256];
    int n;

    snprintf(db_url, sizeof db_url, "%s", testdb_url(*state));
    expect(&r, 0, "demo --cases 300 --seed 7");
    n = parse_accounts(r.out, acc, 64);
    assert_true(n >= ROLE_COUNT);

    /* A password for every role, and every one signs in. */
    app_init(&app, NULL, "test");
    db = open_db();
    for (int role = 0; role < ROLE_COUNT; role++) {
        int found = 0;
        for (int i = 0; i < n; i++)
            found |= strcmp(acc[i].role, access_role_code((role_t)role)) == 0;
        if (!found)
            fail_msg("no account with role %s: %s", access_role_code((role_t)role), r.out);
    }
    for (int i = 0; i < n; i++) {
        user_row_t u;
        if (users_get_by_username(db, acc[i].username, &u) != DB_ROW)
            fail_msg("printed account %s is not in the database", acc[i].username);
        assert_false(u.disabled);
        assert_string_equal(u.unit_code, acc[i].unit);
        assert_true(u.roles & (1u << access_role_parse(acc[i].role)));
        if (!credentials_verify(&app, u.password_hash, acc[i].password))
            fail_msg("the printed password of %s does not sign in", acc[i].username);
    }

    /* 300 cases, every state, every category, each with its search document. */
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case"), 300);
    for (int s = 0; s < CASE_STATE_COUNT; s++) {
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM enforcement_case WHERE state = '%s'",
                 case_state_code((case_state_t)s));
        if (count(db, sql) == 0)
            fail_msg("no case in state %s", case_state_code((case_state_t)s));
    }
    for (size_t c = 0; c < sizeof categories / sizeof categories[0]; c++) {
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM enforcement_case WHERE category = '%s'",
                 categories[c]);
        if (count(db, sql) == 0)
            fail_msg("no case of category %s", categories[c]);
    }
    {
        int64_t cases = 0, docs = 0;
        assert_int_equal(search_counts(db, &cases, &docs), DB_OK);
        assert_int_equal(docs, cases);
    }
    /* Cases move: about ten events each, money collected and paid out. */
    assert_true(count(db, "SELECT COUNT(*) FROM case_event") > 300 * 5);
    assert_true(count(db, "SELECT COUNT(*) FROM enforcement_case WHERE paid_vnd > 0") > 50);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case WHERE state = "
                               "'completed' AND collected_vnd <> paid_vnd"),
                     0);
    /* Prisoners in the two prisons. */
    assert_true(count(db, "SELECT COUNT(*) FROM party p JOIN unit u ON u.id = p.camp_unit_id "
                          "WHERE u.code IN ('TG3', 'TG6')") > 0);

    /* The 2025 reorganization: the old offices closed on 30 June with successors, their
     * cases stayed with them; the new ones took the later cases. */
    assert_int_equal(count(db, "SELECT COUNT(*) FROM unit WHERE kind = 'district_office' AND "
                               "valid_to = '2025-06-30' AND successor_id IS NOT NULL"),
                     21);
    assert_true(count(db, "SELECT COUNT(*) FROM unit WHERE kind = 'regional_office'") >= 15);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case c JOIN unit u ON u.id = "
                               "c.unit_id WHERE u.valid_to IS NOT NULL AND c.received_on > "
                               "u.valid_to"),
                     0);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case c JOIN unit u ON u.id = "
                               "c.unit_id WHERE c.received_on < u.valid_from"),
                     0);
    assert_int_equal(count(db, "SELECT COUNT(*) FROM app_user u JOIN unit n ON n.id = u.unit_id "
                               "WHERE n.valid_to IS NOT NULL AND u.disabled = 0"),
                     0);
    db_close(db);

    expect(&r, 0, "fsck");
    assert_non_null(strstr(r.out, "case events: 300 cases"));
    assert_non_null(strstr(r.out, "chains intact"));

    /* Twice is refused, and changes nothing. */
    expect(&r, 1, "demo --cases 10");
    assert_non_null(strstr(r.out, "already has 300 cases"));
    db = open_db();
    assert_int_equal(count(db, "SELECT COUNT(*) FROM enforcement_case"), 300);
    db_close(db);
}

/* A fingerprint of the cases: states, amounts, numbers and names. */
static void fingerprint(char *out, size_t len)
{
    db_t *db = open_db();
    db_stmt_t *st;
    unsigned long long h = 1469598103934665603ull;

    assert_int_equal(db_prepare(db,
                                "SELECT c.case_no, c.state, c.amount_vnd, c.received_on, "
                                "p.full_name FROM enforcement_case c JOIN case_party cp ON "
                                "cp.case_id = c.id JOIN party p ON p.id = cp.party_id "
                                "ORDER BY c.id, p.id",
                                &st),
                     DB_OK);
    while (db_step(st) == DB_ROW)
        for (int col = 0; col < 5; col++)
            for (const char *s = db_column_text(st, col); s && *s; s++)
                h = (h ^ (unsigned char)*s) * 1099511628211ull;
    db_finalize(st);
    db_close(db);
    snprintf(out, len, "%016llx", h);
}

static void test_same_seed_same_province(void **state)
{
    char a[32], b[32], c[32];
    run_t r;
    (void)state;

    snprintf(db_url, sizeof db_url, "%s", testdb_url("sqlite"));
    expect(&r, 0, "demo --cases 80 --seed 42 --years 2");
    fingerprint(a, sizeof a);
    snprintf(db_url, sizeof db_url, "%s", testdb_url("sqlite"));
    expect(&r, 0, "demo --cases 80 --seed 42 --years 2");
    fingerprint(b, sizeof b);
    snprintf(db_url, sizeof db_url, "%s", testdb_url("sqlite"));
    expect(&r, 0, "demo --cases 80 --seed 43 --years 2");
    fingerprint(c, sizeof c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
}

static void test_usage(void **state)
{
    static const char *const bad[] = {"demo --cases 0",    "demo --cases abc", "demo --cases -5",
                                      "demo --years 0",    "demo --years 99",  "demo --seed x",
                                      "demo --frobnicate", "demo extra",       "demo --cases"};
    run_t r;
    (void)state;

    snprintf(db_url, sizeof db_url, "%s", testdb_url("sqlite"));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        run(&r, "%s", bad[i]);
        if (r.status != 2 || strstr(r.out, "thads demo: ") == NULL)
            fail_msg("'%s' exited %d: %s", bad[i], r.status, r.out);
    }
    expect(&r, 0, "help demo");
    assert_non_null(strstr(r.out, "usage: thads demo"));
    assert_non_null(strstr(r.out, "examples:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_demo),
        cmocka_unit_test(test_same_seed_same_province),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
