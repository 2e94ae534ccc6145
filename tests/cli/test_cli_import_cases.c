/*
 * tests/cli/test_cli_import_cases.c — `thads import cases` as an administrator moving
 * from legacy software meets it, on both engines where the database matters: the sample
 * file imports and fsck finds every chain intact; each status of the file leads to the
 * right state and statistics bucket; bad rows are reported as FILE:LINE:COLUMN and
 * nothing is imported, or the rest with --skip-bad-rows (exit 1 either way); a second
 * import adds nothing; --dry-run writes nothing. Runs the binary named by $THADS_BIN
 * from the top of the source tree (it reads docs/samples/); looks into the database
 * (db_open and plain SQL) only for what the command does not print.
 */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define UNITS   "docs/samples/units.csv"
#define SAMPLE  "docs/samples/cases.csv"
#define NSAMPLE 30

/* The required columns, in the documented order. */
#define HEADER                                                                                     \
    "unit_code,case_no,received_on,source,category,judgment_no,judgment_date,court,"               \
    "debtor_name,debtor_id_no,debtor_kind,creditor_name,amount_vnd,status,eligible,"               \
    "collected_vnd,status_on"

/* A row of NA-KV1 received on 2025-08-04 (a Monday; its voluntary period ends on
 * 2025-08-14) with the status, eligibility, money and status date given. */
#define ROW(no, status, eligible, collected, status_on)                                            \
    "NA-KV1," no ",2025-08-04,application,civil,12/2025/DS-ST,2025-06-30,"                         \
    "Tòa án nhân dân khu vực 1 - Nghệ An,Nguyễn Văn An,040085012345,person,"            \
    "Trần Thị Bình,50.000.000," status "," eligible "," collected "," status_on "\n"

typedef struct {
    int status;
    char out[65536];
} run_t;

static char db_url[1200]; /* the database of the running test */

static void fresh_db(const char *engine)
{
    snprintf(db_url, sizeof db_url, "%s", testdb_url(engine));
}

static const char *tmpdir(void)
{
    const char *t = getenv("THADS_TEST_TMP");
    return t && t[0] ? t : "/tmp";
}

/* Write text to NAME in the test directory; returns its path (static: copy it to keep
 * two). */
static const char *write_file(const char *name, const char *text)
{
    static char path[600];
    size_t len = strlen(text);
    FILE *f;

    snprintf(path, sizeof path, "%s/cases_%ld_%s", tmpdir(), (long)getpid(), name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

/* Run `thads ARGS --db URL` with input on standard input (NULL: /dev/null); capture
 * stdout and stderr together, and the exit status. */
static void run(run_t *r, const char *input, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void run(run_t *r, const char *input, const char *fmt, ...)
{
    const char *bin = getenv("THADS_BIN");
    char args[4096], cmd[8192], in[700];
    va_list ap;
    FILE *p;
    size_t n;

    if (bin == NULL)
        fail_msg("THADS_BIN is not set; run through make test");
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(in, sizeof in, "%s", input ? write_file("stdin", input) : "/dev/null");
    snprintf(cmd, sizeof cmd, "%s %s --db '%s' 2>&1 <%s", bin, args, db_url, in);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(r->out, 1, sizeof r->out - 1, p);
    r->out[n] = '\0';
    r->status = WEXITSTATUS(pclose(p));
}

#define expect(r, want, ...)                                                                       \
    do {                                                                                           \
        run((r), NULL, __VA_ARGS__);                                                               \
        if ((r)->status != (want))                                                                 \
            fail_msg("'%s' exited %d, want %d; said: %s", #__VA_ARGS__, (r)->status, (want),       \
                     (r)->out);                                                                    \
    } while (0)

static void assert_says(const run_t *r, const char *needle)
{
    if (strstr(r->out, needle) == NULL)
        fail_msg("output lacks '%s': %s", needle, r->out);
}

static int count_of(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- looking into the database ---------------------------------------------------- */

static db_t *open_db(void)
{
    char err[512];
    db_t *db;

    if (db_open(db_url, &db, err, sizeof err) != DB_OK)
        fail_msg("cannot open %s: %s", db_url, err);
    return db;
}

/* The integer a query answers (-1 when it answers no row). */
static int64_t scalar(const char *sql)
{
    db_t *db = open_db();
    int64_t v = -1;
    int rc = db_query_int64(db, sql, &v);

    if (rc != DB_ROW && rc != DB_DONE)
        fail_msg("%s: %s", sql, db_errmsg(db));
    db_close(db);
    return v;
}

/* The text a query answers in buf ("" for no row or NULL). */
static const char *text(const char *sql, char *buf, size_t len)
{
    db_t *db = open_db();
    db_stmt_t *st;

    buf[0] = '\0';
    if (db_prepare(db, sql, &st) != DB_OK)
        fail_msg("%s: %s", sql, db_errmsg(db));
    if (db_step(st) == DB_ROW && db_column_text(st, 0) != NULL)
        snprintf(buf, len, "%s", db_column_text(st, 0));
    db_finalize(st);
    db_close(db);
    return buf;
}

static int64_t cases_in_state(const char *state)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM enforcement_case WHERE state = '%s'", state);
    return scalar(sql);
}

/* The statistics deltas of every bucket (of both sources) sum to the cases in that
 * bucket; in money, an open bucket holds what its cases still owe, and every đồng accepted
 * (a2_new) is in exactly one bucket: what a report for today would count is what the case
 * rows say. */
static void assert_deltas_match_cases(void)
{
    static const char *const buckets[] = {"none",          "unclassified",   "d1_completed",
                                          "d2_terminated", "d3_enforcing",   "d4_postponed",
                                          "d5_suspended",  "e_not_eligible", "b_entrusted"};
    char sql[600];

    for (size_t i = 0; i < sizeof buckets / sizeof buckets[0]; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT COALESCE(SUM(cases), 0) FROM stat_delta WHERE bucket IN ('%s', 'app:%s')",
                 buckets[i], buckets[i]);
        int64_t deltas = scalar(sql);
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM enforcement_case WHERE stat_bucket = '%s'",
                 buckets[i]);
        if (deltas != scalar(sql))
            fail_msg("bucket %s: deltas sum to %lld, cases %lld", buckets[i], (long long)deltas,
                     (long long)scalar(sql));
        if (i == 2 || i == 3 || i == 8) /* closed: performed money lands in d1 too */
            continue;
        snprintf(sql, sizeof sql,
                 "SELECT COALESCE(SUM(amount_vnd), 0) FROM stat_delta WHERE bucket IN ('%s', "
                 "'app:%s')",
                 buckets[i], buckets[i]);
        deltas = scalar(sql);
        snprintf(sql, sizeof sql,
                 "SELECT COALESCE(SUM(CASE WHEN amount_vnd > collected_vnd THEN amount_vnd - "
                 "collected_vnd ELSE 0 END), 0) FROM enforcement_case WHERE stat_bucket = '%s'",
                 buckets[i]);
        assert_int_equal(deltas, scalar(sql));
    }
    assert_int_equal(
        scalar("SELECT COALESCE(SUM(amount_vnd), 0) FROM stat_delta WHERE bucket NOT LIKE "
               "'%a2_new' AND bucket NOT LIKE '%none' AND bucket NOT LIKE 'money%'"),
        scalar("SELECT COALESCE(SUM(amount_vnd), 0) FROM stat_delta WHERE bucket LIKE '%a2_new'"));
    assert_int_equal(scalar("SELECT COALESCE(SUM(amount_vnd), 0) FROM stat_delta WHERE "
                            "bucket = 'money_collected'"),
                     scalar("SELECT COALESCE(SUM(collected_vnd), 0) FROM enforcement_case"));
    assert_int_equal(scalar("SELECT COALESCE(SUM(amount_vnd), 0) FROM stat_delta WHERE "
                            "bucket = 'money_paid'"),
                     scalar("SELECT COALESCE(SUM(paid_vnd), 0) FROM enforcement_case"));
}

static void assert_fsck_clean(int cases)
{
    run_t r;
    char want[80];

    expect(&r, 0, "fsck");
    snprintf(want, sizeof want, "case events: %d case%s, ", cases, cases == 1 ? "" : "s");
    assert_says(&r, want);
    assert_says(&r, "chains intact");
}

static void import_units(void)
{
    run_t r;
    expect(&r, 0, "import units " UNITS);
}

/* ---- the sample ------------------------------------------------------------------- */

static void test_sample_imports(void **state)
{
    run_t r;
    char buf[256];

    fresh_db(*state);
    import_units();
    expect(&r, 0, "import cases " SAMPLE);
    assert_says(&r, "imported 30 cases, skipped 0 bad rows");
    assert_says(&r, "  completed       9\n");
    assert_fsck_clean(NSAMPLE);

    /* The states the file's statuses lead to (docs/import.md): in_progress is enforcing,
     * not eligible or, unclassified, verifying; entrusted_away is entrusted_out. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), NSAMPLE);
    assert_int_equal(cases_in_state("received"), 3);
    assert_int_equal(cases_in_state("enforcing"), 3);
    assert_int_equal(cases_in_state("not_eligible"), 4);
    assert_int_equal(cases_in_state("verifying"), 1);
    assert_int_equal(cases_in_state("postponed"), 3);
    assert_int_equal(cases_in_state("suspended"), 2);
    assert_int_equal(cases_in_state("completed"), 9);
    assert_int_equal(cases_in_state("terminated"), 3);
    assert_int_equal(cases_in_state("entrusted_out"), 2);
    assert_deltas_match_cases();
    /* Every case has its search document (indexed in one pass once the rows are in:
     * search_defer_begin), on SQLite under its unit's scope word. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_search"), NSAMPLE);
    if (strcmp(*state, "sqlite") == 0)
        assert_int_equal(scalar("SELECT COUNT(*) FROM case_search s JOIN enforcement_case c ON "
                                "c.id = s.rowid WHERE s.scope = '_' || c.unit_id"),
                         NSAMPLE);

    /* Pre-2025 cases belong to the old district offices. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case c JOIN unit u ON u.id = "
                            "c.unit_id WHERE u.code = 'CC-VINH'"),
                     6);
    /* Quoted names keep their commas and quotes; the State is the creditor of a court
     * fee (no creditor party, an item without creditor). */
    assert_int_equal(scalar("SELECT COUNT(*) FROM party WHERE full_name = 'Công ty TNHH Xây "
                            "dựng Hoàng Long, chi nhánh Nghệ An'"),
                     1);
    assert_int_equal(scalar("SELECT COUNT(*) FROM party WHERE full_name = 'Công ty TNHH Dịch "
                            "vụ \"Ánh Dương\"'"),
                     1);
    assert_int_equal(scalar("SELECT COUNT(*) FROM obligation_item i JOIN enforcement_case c ON "
                            "c.id = i.case_id WHERE c.case_no = '216/QĐ-CCTHADS' AND "
                            "i.creditor_party_id IS NULL AND i.amount_vnd = 7500000"),
                     1);
    /* Each judgment's kind follows its case's category (case_judgment_kind). */
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case c JOIN judgment j ON j.id = "
                            "c.judgment_id WHERE c.category IN ('criminal_civil', 'corruption') "
                            "AND j.kind <> 'criminal'"),
                     0);
    assert_true(scalar("SELECT COUNT(*) FROM enforcement_case c JOIN judgment j ON j.id = "
                       "c.judgment_id WHERE j.kind = 'criminal'") > 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case c JOIN judgment j ON j.id = "
                            "c.judgment_id WHERE c.category = 'credit' AND j.kind <> 'business'"),
                     0);
    /* The cases of one judgment (a debt and its court fee, on adjacent rows) share it. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM judgment"), NSAMPLE - 2);
    assert_int_equal(scalar("SELECT COUNT(DISTINCT c.judgment_id) FROM enforcement_case c WHERE "
                            "c.case_no IN ('215/QĐ-CCTHADS', '216/QĐ-CCTHADS')"),
                     1);
    /* The same debtor (CCCD) in two cases is one party. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM party WHERE id_number = '040075001234'"), 1);
    /* Synthesized events carry "import, line N" as their document. */
    assert_string_equal(text("SELECT e.document_no FROM case_event e JOIN enforcement_case c ON "
                             "c.id = e.case_id WHERE c.case_no = '215/QĐ-CCTHADS' AND "
                             "e.type = 'decided'",
                             buf, sizeof buf),
                        "nhập liệu dòng 2");
    /* One audit row for the units, one for the cases. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM audit_log WHERE route = 'thads import cases'"),
                     1);
}

static void test_import_again_adds_nothing(void **state)
{
    run_t r;

    fresh_db(*state);
    import_units();
    expect(&r, 0, "import cases " SAMPLE);
    expect(&r, 1, "import cases " SAMPLE);
    assert_int_equal(count_of(r.out, "already has case"), NSAMPLE);
    assert_says(&r, SAMPLE ":2:2: case_no: CC-VINH already has case 215/QĐ-CCTHADS of 2019");
    assert_says(&r, "30 bad rows; nothing imported");
    expect(&r, 1, "import cases " SAMPLE " --skip-bad-rows");
    assert_says(&r, "imported 0 cases, skipped 30 bad rows");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), NSAMPLE);
    assert_deltas_match_cases(); /* each refused row's deltas, summed as read, taken back */
    assert_int_equal(scalar("SELECT COUNT(*) FROM audit_log WHERE route = 'thads import cases'"),
                     1);
    assert_fsck_clean(NSAMPLE);
}

static void test_dry_run_writes_nothing(void **state)
{
    run_t r;

    fresh_db(*state);
    import_units();
    expect(&r, 0, "import cases " SAMPLE " --dry-run");
    assert_says(&r, "dry run: would import 30 cases, skip 0 bad rows");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_event"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM stat_delta"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_search"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM audit_log WHERE route = 'thads import cases'"),
                     0);
}

/* ---- each status ------------------------------------------------------------------ */

static const char statuses[] =
    HEADER "\n" ROW("1/QĐ", "received", "", "", "2025-08-04")     /* line 2 */
    ROW("2/QĐ", "in_progress", "yes", "20.000.000", "2025-10-06") /* 3 */
    ROW("3/QĐ", "in_progress", "no", "", "2025-10-06")            /* 4 */
    ROW("4/QĐ", "in_progress", "", "", "2025-10-06")              /* 5 */
    ROW("5/QĐ", "in_progress", "", "", "2025-08-07")              /* 6 */
    ROW("6/QĐ", "postponed", "yes", "", "2025-10-06")             /* 7 */
    ROW("7/QĐ", "postponed", "no", "", "2025-10-06")              /* 8 */
    ROW("8/QĐ", "postponed", "", "", "2025-10-06")                /* 9 */
    ROW("9/QĐ", "suspended", "yes", "", "2025-10-06")             /* 10 */
    ROW("10/QĐ", "suspended", "", "", "2025-10-06")               /* 11 */
    ROW("11/QĐ", "completed", "yes", "50.000.000", "2025-10-06")  /* 12 */
    ROW("12/QĐ", "completed", "", "50000000", "2025-08-08")       /* 13 */
    ROW("13/QĐ", "terminated", "yes", "10.000.000", "2025-10-06") /* 14 */
    ROW("14/QĐ", "terminated", "no", "", "2025-10-06")            /* 15 */
    ROW("15/QĐ", "terminated", "", "", "2025-08-06")              /* 16 */
    ROW("16/QĐ", "entrusted_away", "yes", "", "2025-10-06")       /* 17 */
    ROW("17/QĐ", "entrusted_away", "no", "", "2025-10-06")        /* 18 */
    ROW("18/QĐ", "entrusted_away", "", "", "2025-10-06");         /* 19 */

static void assert_case(const char *no, const char *state_, const char *bucket)
{
    char sql[300], buf[64];

    snprintf(sql, sizeof sql, "SELECT state FROM enforcement_case WHERE case_no = '%s'", no);
    if (strcmp(text(sql, buf, sizeof buf), state_) != 0)
        fail_msg("case %s is %s, want %s", no, buf, state_);
    snprintf(sql, sizeof sql, "SELECT stat_bucket FROM enforcement_case WHERE case_no = '%s'", no);
    if (strcmp(text(sql, buf, sizeof buf), bucket) != 0)
        fail_msg("case %s is in bucket %s, want %s", no, buf, bucket);
}

static void test_each_status(void **state)
{
    run_t r;
    char buf[64];

    fresh_db(*state);
    import_units();
    expect(&r, 0, "import cases %s", write_file("statuses.csv", statuses));
    assert_says(&r, "imported 18 cases, skipped 0 bad rows");
    assert_case("1/QĐ", "received", "none");
    assert_case("2/QĐ", "enforcing", "d3_enforcing");
    assert_case("3/QĐ", "not_eligible", "e_not_eligible");
    assert_case("4/QĐ", "verifying", "unclassified");        /* the period is over */
    assert_case("5/QĐ", "voluntary_period", "unclassified"); /* it runs to 2025-08-14 */
    for (int i = 6; i <= 8; i++) {
        char no[16];
        snprintf(no, sizeof no, "%d/QĐ", i);
        assert_case(no, "postponed", "d4_postponed");
    }
    assert_case("9/QĐ", "suspended", "d5_suspended");
    assert_case("10/QĐ", "suspended", "d5_suspended");
    assert_case("11/QĐ", "completed", "d1_completed");
    assert_case("12/QĐ", "completed", "d1_completed"); /* paid within the voluntary period */
    assert_case("13/QĐ", "terminated", "d2_terminated");
    assert_case("14/QĐ", "terminated", "d2_terminated");
    assert_case("15/QĐ", "terminated", "d2_terminated");
    assert_case("16/QĐ", "entrusted_out", "b_entrusted");
    assert_case("17/QĐ", "entrusted_out", "b_entrusted");
    assert_case("18/QĐ", "entrusted_out", "b_entrusted");
    assert_deltas_match_cases();
    assert_fsck_clean(18);

    /* The events that led there: received on received_on, the rest in date order up to
     * status_on, which is the date of the last change of state. */
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_event e JOIN enforcement_case c ON c.id = "
                            "e.case_id WHERE c.case_no = '11/QĐ'"),
                     8);
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case WHERE state_on = '2025-10-06' "
                            "AND case_no IN ('2/QĐ', '3/QĐ', '7/QĐ', '11/QĐ', '16/QĐ')"),
                     5);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_event e JOIN enforcement_case c ON c.id = "
                            "e.case_id WHERE c.case_no = '13/QĐ' AND e.occurred_on > "
                            "c.state_on"),
                     0);
    assert_int_equal(scalar("SELECT collected_vnd FROM enforcement_case WHERE case_no = '2/QĐ'"),
                     20000000);
    assert_int_equal(scalar("SELECT paid_vnd FROM enforcement_case WHERE case_no = '11/QĐ'"),
                     50000000);
    assert_string_equal(text("SELECT document_no FROM case_event e JOIN enforcement_case c ON "
                             "c.id = e.case_id WHERE c.case_no = '16/QĐ' AND "
                             "e.type = 'entrusted_out'",
                             buf, sizeof buf),
                        "nhập liệu dòng 17");
}

/* ---- bad rows ---------------------------------------------------------------------- */

static const char bad_rows[] =
    HEADER "\n" ROW("1/QĐ", "completed", "yes", "50.000.000", "2025-10-06") /* 2: good */
    "NA-KV1,2/QĐ,2025-13-01,application,civil,12/2025/DS-ST,2025-06-30,TAND,Nguyễn Văn An,,"
    "person,Trần Thị Bình,1000,received,,,2025-08-04\n" /* 3: received_on */
    "NA-KV1,3/QĐ,2025-08-04,application,family,12/2025/DS-ST,2025-06-30,TAND,Nguyễn Văn An,,"
    "person,Trần Thị Bình,1000,received,,,2025-08-04\n" /* 4: category */
    "NA-KV1,4/QĐ,2025-08-04,application,civil,12/2025/DS-ST,2025-06-30,TAND,Nguyễn Văn An,,"
    "person,Trần Thị Bình,-5.000,received,,,2025-08-04\n" /* 5: negative */
    "NA-KV1,5/QĐ,2025-08-04,application,civil,12/2025/DS-ST,2025-06-30,TAND,Nguyễn Văn An,,"
    "person,Trần Thị Bình,\"1.000,50\",received,,,2025-08-04\n" /* 6: fraction */
    "NA-KV9,6/QĐ,2025-08-04,application,civil,12/2025/DS-ST,2025-06-30,TAND,Nguyễn Văn An,,"
    "person,Trần Thị Bình,1000,received,,,2025-08-04\n"           /* 7: unit */
    ROW("1/QĐ", "received", "", "", "2025-08-04")                 /* 8: duplicate */
    ROW("8/QĐ", "in_progress", "yes", "", "2025-08-01")           /* 9: before received */
    ROW("9/QĐ", "in_progress", "yes", "60.000.000", "2025-10-06") /* 10: > amount */
    ROW("10/QĐ", "in_progress", "yes", "", "2025-08-11")          /* 11: period runs */
    ROW("11/QĐ", "completed", "no", "50.000.000", "2025-10-06")   /* 12: not eligible */
    "NA-KV1,12/QĐ,2025-08-04,application,civil,12/2025/DS-ST,2025-06-30,TAND,Nguyễn Văn An,,"
    "person,Trần Thị Bình,9223372036854775807,received,,,2025-08-04\n" /* 13: above the bound */
    "NA-KV1,13/QĐ,2025-08-04,application,civil,12/2025/DS-ST,2025-06-30,TAND,Nguyễn Văn An,,"
    "person,Trần Thị Bình,1.000.000.000.000.001,received,,,2025-08-04\n" /* 14: just above */
    ROW("12/QĐ", "in_progress", "no", "", "2025-10-06");                 /* 13: good */

static void test_bad_rows(void **state)
{
    run_t r;
    char path[600];

    fresh_db(*state);
    import_units();
    snprintf(path, sizeof path, "%s", write_file("bad.csv", bad_rows));
    expect(&r, 1, "import cases %s", path);
    assert_says(&r, "bad.csv:3:3: received_on: '2025-13-01' is not a date YYYY-MM-DD");
    assert_says(&r, "bad.csv:4:5: category: unknown category 'family'");
    assert_says(&r, "bad.csv:5:13: amount_vnd: '-5.000' is negative");
    assert_says(&r, "bad.csv:6:13: amount_vnd: '1.000,50' has a fraction of a đồng");
    assert_says(&r, "bad.csv:7:1: unit_code: no unit with code 'NA-KV9'");
    assert_says(&r, "bad.csv:8:2: case_no: case 1/QĐ of 2025 in NA-KV1 is already on line 2");
    assert_says(&r, "bad.csv:9:17: status_on: 2025-08-01 is before received_on 2025-08-04");
    assert_says(&r, "bad.csv:10:16: collected_vnd: 60.000.000 đồng collected is more than "
                    "amount_vnd 50.000.000");
    assert_says(&r, "bad.csv:11:17: status_on: 2025-08-11 falls within the voluntary period "
                    "(until 2025-08-14)");
    assert_says(&r, "bad.csv:12:15: eligible: a completed case is eligible (D1)");
    /* two amounts past the bound of every amount (core/money.h): each row named, not an
     * internal error of the statistics they would have overflowed */
    assert_says(&r, "bad.csv:13:13: amount_vnd: '9223372036854775807' is more than "
                    "1,000,000,000,000,000 đồng");
    assert_says(&r, "bad.csv:14:13: amount_vnd: '1.000.000.000.000.001' is more than "
                    "1,000,000,000,000,000 đồng");
    assert_int_equal(count_of(r.out, "bad.csv:"), 13); /* twelve rows and the summary */
    assert_says(&r, "12 bad rows; nothing imported");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM party"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM stat_delta"), 0);

    expect(&r, 1, "import cases %s --skip-bad-rows", path);
    assert_int_equal(count_of(r.out, "bad.csv:"), 12);
    assert_says(&r, "imported 2 cases, skipped 12 bad rows");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), 2);
    assert_deltas_match_cases();
    assert_fsck_clean(2);
}

/* More rows than the importer reads ahead of the one it writes: the rows found bad while
 * reading (a date) and those found bad writing (a duplicate number) are reported in the
 * order of the lines, each at its column, and the good ones all land. */
#define MANY_ROWS 1000
static int many_bad_date(int i)
{
    return i % 7 == 3;
}
static int many_duplicate(int i)
{
    return !many_bad_date(i) && i % 11 == 5;
}

static void test_many_rows_reported_in_order(void **state)
{
    static char csv[MANY_ROWS * 300 + 400];
    size_t len = 0;
    int bad = 0;
    long last = 0;
    char path[600], want[160];
    run_t r;

    fresh_db(*state);
    import_units();
    len += (size_t)snprintf(csv + len, sizeof csv - len, "%s\n", HEADER);
    for (int i = 0; i < MANY_ROWS; i++) {
        len += (size_t)snprintf(
            csv + len, sizeof csv - len,
            "NA-KV1,%d/QĐ,%s,application,civil,12/2025/DS-ST,2025-06-30,Tòa án nhân dân khu "
            "vực 1 - Nghệ An,Nguyễn Văn An,040085012345,person,Trần Thị Bình,50.000.000,"
            "in_progress,,,2025-08-04\n",
            many_duplicate(i) ? 0 : i, many_bad_date(i) ? "2025-02-30" : "2025-08-04");
        bad += many_bad_date(i) || many_duplicate(i);
    }
    assert_true(len < sizeof csv - 1);
    snprintf(path, sizeof path, "%s", write_file("many.csv", csv));
    expect(&r, 1, "import cases %s --skip-bad-rows", path);
    for (int i = 0; i < MANY_ROWS; i++) {
        if (many_bad_date(i))
            snprintf(want, sizeof want, "many.csv:%d:3: received_on: '2025-02-30' is not a date",
                     i + 2);
        else if (many_duplicate(i))
            snprintf(want, sizeof want,
                     "many.csv:%d:2: case_no: case 0/QĐ of 2025 in NA-KV1 is "
                     "already on line 2",
                     i + 2);
        else
            continue;
        assert_says(&r, want);
    }
    /* every report's line after the one before */
    for (const char *p = strstr(r.out, "many.csv:"); p; p = strstr(p + 1, "many.csv:")) {
        long line = strtol(p + strlen("many.csv:"), NULL, 10);
        if (line == 0) /* the summary */
            continue;
        if (line <= last)
            fail_msg("line %ld reported after line %ld", line, last);
        last = line;
    }
    snprintf(want, sizeof want, "imported %d cases, skipped %d bad rows", MANY_ROWS - bad, bad);
    assert_says(&r, want);
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), MANY_ROWS - bad);
    assert_deltas_match_cases();
    assert_fsck_clean(MANY_ROWS - bad);
}

static void test_bad_header(void **state)
{
    static const char missing[] = "unit_code,case_no,received_on,source,category,judgment_no,"
                                  "judgment_date,court,debtor_name,debtor_id_no,debtor_kind,"
                                  "creditor_name,amount_vnd,status,collected_vnd,status_on\n"
                                  "NA-KV1,1/QĐ,2025-08-04,application,civil,1/2025/DS-ST,"
                                  "2025-06-30,TAND,A,,person,B,1000,received,,2025-08-04\n";
    static const char unknown[] = HEADER ",colour\n"
                                         "NA-KV1,1/QĐ,2025-08-04,application,civil,1/2025/DS-ST,"
                                         "2025-06-30,TAND,A,,person,B,1000,received,,,2025-08-04,"
                                         "red\n";
    run_t r;

    fresh_db(*state);
    import_units();
    expect(&r, 1, "import cases %s", write_file("missing.csv", missing));
    assert_says(&r, "missing.csv:1:17: missing column 'eligible'");
    assert_says(&r, "nothing imported");
    expect(&r, 1, "import cases %s --skip-bad-rows", write_file("unknown.csv", unknown));
    assert_says(&r, "unknown.csv:1:18: unknown column 'colour'");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), 0);
}

/* A long value is shown cut at 40 bytes, never inside a character: "ễ" straddling the
 * cut goes whole, so the message stays UTF-8. */
static void test_long_value_cut_on_a_character(void **state)
{
    static const char csv[] = HEADER "\n"
                                     "NA-KV1,1/QĐ,2025-08-04,application,civil,1/2025/DS-ST,"
                                     "2025-06-30,TAND,A,,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaễễễ,"
                                     "B,1000,received,,,2025-08-04\n";
    run_t r;

    fresh_db(*state);
    import_units();
    expect(&r, 1, "import cases %s", write_file("long.csv", csv));
    assert_says(&r, "long.csv:2:11: debtor_kind: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' is not "
                    "person or organization");
}

/* What the rules refuse about a party is told at that party's column. */
static void test_party_refusals_at_their_column(void **state)
{
    static const char csv[] =
        HEADER ",officer,creditor_id_no\n"
               "NA-KV1,1/QĐ,2025-08-04,application,civil,1/2025/DS-ST,2025-06-30,TAND,"
               "Lê Văn A,12345,person,B,1000,received,,,2025-08-04,,\n"
               "NA-KV1,2/QĐ,2025-08-04,application,civil,1/2025/DS-ST,2025-06-30,TAND,"
               "Lê Văn A,,person,B,1000,received,,,2025-08-04,,0100\n";
    run_t r;

    fresh_db(*state);
    import_units();
    expect(&r, 1, "import cases %s", write_file("parties.csv", csv));
    assert_says(&r, "parties.csv:2:10: debtor_id_no: The ID number must be a CCCD");
    assert_says(&r, "parties.csv:3:19: creditor_id_no: The ID number must be a CCCD");
}

/* ---- optional columns --------------------------------------------------------------- */

/* A party (by ID number and kind) or a judgment (number, date, court) already in the
 * database, from an earlier import, is the one a later import's cases refer to; the
 * same number of another kind, or a judgment of another court, is not. */
static void test_parties_and_judgments_found_across_imports(void **state)
{
    static const char first[] =
        HEADER ",creditor_id_no,creditor_kind\n"
               "NA-KV1,1/QĐ,2025-08-04,application,credit,3/2025/KDTM-ST,2025-06-30,TAND tỉnh,"
               "Lê Văn Cường,040085012345,person,Ngân hàng Công thương,800.000.000,"
               "received,,,2025-08-04,0100111948,organization\n";
    static const char second[] =
        HEADER ",creditor_id_no,creditor_kind\n"
               "NA-KV1,2/QĐ,2025-09-04,application,credit,3/2025/KDTM-ST,2025-06-30,TAND tỉnh,"
               "Lê V. Cường,040085012345,person,Ngân hàng Công thương,5.000.000,"
               "received,,,2025-09-04,0100111948,organization\n"
               "NA-KV1,3/QĐ,2025-09-04,application,credit,3/2025/KDTM-ST,2025-06-30,TAND khác,"
               "Công ty Cường,040085012345,organization,Ngân hàng Công thương,5.000.000,"
               "received,,,2025-09-04,0100111948,organization\n";
    run_t r;

    fresh_db(*state);
    import_units();
    expect(&r, 0, "import cases %s", write_file("first.csv", first));
    expect(&r, 0, "import cases %s", write_file("second.csv", second));
    assert_says(&r, "imported 2 cases");
    /* the person is on file as Lê Văn Cường: a warning at the name's column, the row
     * imported all the same, the name on file kept */
    assert_says(&r, "second.csv:2:9: warning: debtor_name: ID number 040085012345 is on file "
                    "under the name \"Lê Văn Cường\", not \"Lê V. Cường\"");
    assert_int_equal(count_of(r.out, "warning:"), 1);
    assert_int_equal(scalar("SELECT COUNT(*) FROM party WHERE full_name = 'Lê V. Cường'"), 0);
    /* the person of the first file, and an organization with the same number */
    assert_int_equal(scalar("SELECT COUNT(*) FROM party WHERE id_number = '040085012345'"), 2);
    assert_int_equal(scalar("SELECT COUNT(DISTINCT p.id) FROM case_party cp JOIN party p ON p.id "
                            "= cp.party_id WHERE p.id_number = '040085012345' AND p.kind = "
                            "'person'"),
                     1);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_party cp JOIN party p ON p.id = "
                            "cp.party_id WHERE p.id_number = '040085012345' AND p.kind = "
                            "'person'"),
                     2);
    assert_int_equal(scalar("SELECT COUNT(*) FROM party WHERE id_number = '0100111948'"), 1);
    /* the judgment of the first file, and the other court's */
    assert_int_equal(scalar("SELECT COUNT(*) FROM judgment WHERE number = '3/2025/KDTM-ST'"), 2);
    assert_int_equal(scalar("SELECT COUNT(DISTINCT judgment_id) FROM enforcement_case"), 2);
    assert_fsck_clean(3);
}

static void test_officer_and_optional_columns(void **state)
{
    static const char csv[] =
        HEADER ",officer,creditor_id_no,creditor_kind,debtor_address,paid_vnd\n"
               "NA-KV1,1/QĐ,2025-08-04,application,credit,3/2025/KDTM-ST,2025-06-30,TAND,"
               "Lê Văn Cường,040085012345,person,Ngân hàng TMCP Công thương Việt Nam,800.000.000,"
               "in_progress,yes,300.000.000,2025-10-06,chv.an,0100111948,organization,"
               "\"Xóm 3, xã Hưng Lộc\",200.000.000\n"
               "NA-KV1,2/QĐ,2025-08-04,application,civil,4/2025/DS-ST,2025-06-30,TAND,"
               "Lê Văn Dũng,,person,Hồ Thị Én,1000,received,,,2025-08-04,chv.khong,,,,\n"
               "NA-KV1,3/QĐ,2025-08-04,application,civil,4/2025/DS-ST,2025-06-30,TAND,"
               "Lê Văn Dũng,,person,Hồ Thị Én,1000,received,,,2025-08-04,chv.binh,,,,\n"
               "NA-KV1,4/QĐ,2025-08-04,application,civil,4/2025/DS-ST,2025-06-30,TAND,"
               "Lê Văn Dũng,,person,Hồ Thị Én,1000,completed,yes,1000,2025-10-06,,,,,500\n"
               "NA-KV1,5/QĐ,2025-08-04,application,civil,5/2025/DS-ST,2025-06-30,TAND,"
               "Đỗ Văn Giang,,person,Hồ Thị Én,5000000,in_progress,no,,2025-10-06,chv.an,,,,\n";
    run_t r;
    char buf[200];

    fresh_db(*state);
    import_units();
    run(&r, "Mật-khẩu-thử-nghiệm-2026\n",
        "user add chv.an --name 'Trần Văn An' --unit NA-KV1 --role officer --password-stdin");
    assert_int_equal(r.status, 0);
    run(&r, "Mật-khẩu-thử-nghiệm-2026\n",
        "user add chv.binh --name 'Lê Thị Bình' --unit NA-KV2 --role officer --password-stdin");
    assert_int_equal(r.status, 0);
    expect(&r, 1, "import cases %s --skip-bad-rows", write_file("officers.csv", csv));
    assert_says(&r, "officers.csv:3:18: officer: no user 'chv.khong'");
    assert_says(&r, "officers.csv:4:18: officer: The officer works in another unit.");
    assert_says(&r, "officers.csv:5:22: paid_vnd: a completed case holds no money");
    assert_says(&r, "imported 2 cases, skipped 3 bad rows");
    assert_string_equal(text("SELECT o.username FROM enforcement_case c JOIN app_user o ON o.id "
                             "= c.officer_user_id WHERE c.case_no = '1/QĐ'",
                             buf, sizeof buf),
                        "chv.an");
    /* A case's deadlines are its officer's too: those its history leaves open (the
     * verification of a case not yet eligible), none of those it opened and closed on the
     * way — an import invents no deadline met, nor a late one (a procedure violation). */
    assert_true(scalar("SELECT COUNT(*) FROM case_deadline d JOIN enforcement_case c ON c.id = "
                       "d.case_id WHERE c.case_no = '5/QĐ' AND d.closed_seq IS NULL") >= 1);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_deadline WHERE closed_seq IS NOT NULL"), 0);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_deadline d JOIN enforcement_case c ON "
                            "c.id = d.case_id LEFT JOIN app_user o ON o.id = d.officer_user_id "
                            "WHERE c.case_no = '5/QĐ' AND (o.username IS NULL OR o.username <> "
                            "'chv.an')"),
                     0);
    /* 300 million collected, 200 paid out: 100 held. */
    assert_int_equal(scalar("SELECT collected_vnd - paid_vnd FROM enforcement_case WHERE "
                            "case_no = '1/QĐ'"),
                     100000000);
    assert_string_equal(
        text("SELECT p.kind FROM party p WHERE p.id_number = '0100111948'", buf, sizeof buf),
        "organization");
    assert_string_equal(
        text("SELECT p.address FROM party p WHERE p.id_number = '040085012345'", buf, sizeof buf),
        "Xóm 3, xã Hưng Lộc");
    assert_fsck_clean(2);
}

/* Decision numbers restart every year: a case is unique by unit, year and number, the year
 * that of the decided_on column, else of received_on. */
static void test_same_number_in_two_years(void **state)
{
    static const char csv[] =
        HEADER ",decided_on\n"
               /* 2: 2025, by received_on */
               "NA-KV1,46/QĐ-THADS,2025-08-04,application,civil,3/2025/DS-ST,2025-06-30,TAND,"
               "Lê Văn Cường,,person,Hồ Thị Én,1000,in_progress,,,2025-08-04,\n"
               /* 3: 2026, by received_on */
               "NA-KV1,46/QĐ-THADS,2026-02-03,application,civil,4/2025/DS-ST,2025-06-30,TAND,"
               "Lê Văn Dũng,,person,Hồ Thị Én,1000,in_progress,,,2026-02-03,\n"
               /* 4: received in 2025, decided in 2026: the 2026 number of line 3 */
               "NA-KV1,46/QĐ-THADS,2025-12-29,application,civil,5/2025/DS-ST,2025-06-30,TAND,"
               "Đỗ Văn Giang,,person,Hồ Thị Én,1000,in_progress,,,2026-01-05,2026-01-05\n"
               /* 5: received in 2025, decided in 2026, another number: imported as of 2026 */
               "NA-KV1,1/QĐ-THADS,2025-12-29,application,civil,5/2025/DS-ST,2025-06-30,TAND,"
               "Đỗ Văn Giang,,person,Hồ Thị Én,1000,in_progress,,,2026-01-05,2026-01-05\n"
               /* 6: a decision before the case was received */
               "NA-KV1,2/QĐ-THADS,2025-12-29,application,civil,5/2025/DS-ST,2025-06-30,TAND,"
               "Đỗ Văn Giang,,person,Hồ Thị Én,1000,in_progress,,,2026-01-05,2025-12-28\n";
    run_t r;
    char buf[200];

    fresh_db(*state);
    import_units();
    expect(&r, 1, "import cases %s --skip-bad-rows", write_file("years.csv", csv));
    assert_says(&r, "years.csv:4:2: case_no: case 46/QĐ-THADS of 2026 in NA-KV1 is already on "
                    "line 3");
    assert_says(&r, "years.csv:6:18: decided_on: 2025-12-28 is before received_on 2025-12-29");
    assert_says(&r, "imported 3 cases, skipped 2 bad rows");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case WHERE case_no = '46/QĐ-THADS' "
                            "AND year = 2025"),
                     1);
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case WHERE case_no = '46/QĐ-THADS' "
                            "AND year = 2026"),
                     1);
    assert_int_equal(scalar("SELECT year FROM enforcement_case WHERE case_no = '1/QĐ-THADS'"),
                     2026);
    /* the decision and its notification are dated decided_on */
    assert_string_equal(text("SELECT e.occurred_on FROM case_event e JOIN enforcement_case c ON "
                             "c.id = e.case_id WHERE c.case_no = '1/QĐ-THADS' AND e.type = "
                             "'decided'",
                             buf, sizeof buf),
                        "2026-01-05");
    /* importing the file again finds every case, each in its year */
    expect(&r, 1, "import cases %s --skip-bad-rows", write_file("years.csv", csv));
    assert_says(&r, "years.csv:2:2: case_no: NA-KV1 already has case 46/QĐ-THADS of 2025");
    assert_says(&r, "years.csv:3:2: case_no: NA-KV1 already has case 46/QĐ-THADS of 2026");
    assert_says(&r, "imported 0 cases");
    assert_fsck_clean(3);
}

static void test_usage(void **state)
{
    run_t r;
    (void)state;

    fresh_db("sqlite");
    run(&r, NULL, "import cases");
    assert_int_equal(r.status, 2);
    run(&r, NULL, "import cases a.csv b.csv");
    assert_int_equal(r.status, 2);
    run(&r, NULL, "import cases a.csv --bogus");
    assert_int_equal(r.status, 2);
    run(&r, NULL, "import cases /nonexistent/cases.csv");
    assert_int_equal(r.status, 1);
    assert_says(&r, "/nonexistent/cases.csv");
    run(&r, NULL, "help import");
    assert_says(&r, "import cases");
}

/* ---- a load bigger than the database: its indexes built at the end ---------------- */

/* Past the 10,000th case a load into a smaller database drops the indexes no check reads
 * and builds them at the end (cases_deferred_drop; on PostgreSQL only into a database that
 * held no case). */
#define DEFER_ROWS 10050

/* Every index of the schema, by name, as its definition reads. */
static const char *index_fingerprint(const char *engine, char *buf, size_t len)
{
    return text(strcmp(engine, "postgres") == 0
                    ? "SELECT string_agg(indexname || ':' || indexdef, '|' ORDER BY indexname) "
                      "FROM pg_indexes WHERE schemaname = current_schema()"
                    : "SELECT group_concat(name || ':' || sql, '|') FROM (SELECT name, sql FROM "
                      "sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)",
                buf, len);
}

static void test_indexes_built_after_a_big_load(void **state)
{
    static char csv[DEFER_ROWS * 260 + 400], before[65536], after[65536];
    size_t len = 0;
    char path[600];
    run_t r;

    fresh_db(*state);
    import_units();
    index_fingerprint(*state, before, sizeof before);
    assert_non_null(strstr(before, "case_list_by_unit:"));
    assert_non_null(strstr(before, "stat_case_delta_month:"));
    len += (size_t)snprintf(csv + len, sizeof csv - len, "%s\n", HEADER);
    /* received over ten years (3,360 days): the summed deltas' keys times the months after
     * them pass what the rollup's triggers would write (CASE_BULK_ROLLUP_ROWS), so the
     * rollup is paused and computed again at the end; the last row's date is bad */
    for (int i = 0; i < DEFER_ROWS; i++) {
        char received[16];
        snprintf(received, sizeof received, "%04d-%02d-%02d", 2015 + i % 10, 1 + (i / 10) % 12,
                 1 + (i / 120) % 28);
        len += (size_t)snprintf(
            csv + len, sizeof csv - len,
            "%s,%d/QĐ,%s,application,civil,12/2014/DS-ST,2014-06-30,Tòa án nhân dân thành "
            "phố Vinh,Nguyễn Văn An %d,0400850%05d,person,Trần Thị Bình,50.000.000,"
            "in_progress,,,2025-05-05\n",
            i % 2 ? "CC-VINH" : "CC-DIENCHAU", i, i == DEFER_ROWS - 1 ? "2025-02-30" : received, i,
            i);
    }
    assert_true(len < sizeof csv - 1);
    snprintf(path, sizeof path, "%s", write_file("big.csv", csv));

    /* a bad row at the end: the load rolls back, the dropped indexes with it */
    expect(&r, 1, "import cases %s", path);
    assert_says(&r, "nothing imported");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), 0);
    assert_string_equal(index_fingerprint(*state, after, sizeof after), before);

    /* the same without it (a skipped row still exits 1): every index as it was, over
     * every case */
    expect(&r, 1, "import cases %s --skip-bad-rows", path);
    assert_says(&r, "imported 10049 cases, skipped 1 bad rows");
    assert_int_equal(scalar("SELECT COUNT(*) FROM enforcement_case"), DEFER_ROWS - 1);
    assert_int_equal(scalar("SELECT COUNT(*) FROM case_search"), DEFER_ROWS - 1);
    assert_string_equal(index_fingerprint(*state, after, sizeof after), before);
    assert_deltas_match_cases();
    expect(&r, 0, "fsck"); /* the monthly stock, rebuilt at the end, against the deltas */
    if (strcmp(*state, "postgres") == 0) /* the rollup's trigger on again (stat_delta_load_end) */
        assert_int_equal(scalar("SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = "
                                "'stat_delta'::regclass AND tgname = 'stat_delta_month' AND "
                                "tgenabled = 'O'"),
                         1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usage),
        TEST_BOTH(test_sample_imports),
        TEST_BOTH(test_import_again_adds_nothing),
        TEST_BOTH(test_dry_run_writes_nothing),
        TEST_BOTH(test_each_status),
        TEST_BOTH(test_bad_rows),
        TEST_BOTH(test_many_rows_reported_in_order),
        TEST_BOTH(test_long_value_cut_on_a_character),
        TEST_BOTH(test_party_refusals_at_their_column),
        cmocka_unit_test_prestate(test_bad_header, (void *)"sqlite"),
        TEST_BOTH(test_officer_and_optional_columns),
        TEST_BOTH(test_same_number_in_two_years),
        TEST_BOTH(test_parties_and_judgments_found_across_imports),
        TEST_BOTH(test_indexes_built_after_a_big_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
