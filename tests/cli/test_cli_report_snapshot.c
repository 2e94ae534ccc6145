/*
 * tests/cli/test_cli_report_snapshot.c — a caseload snapshot imported with `thads import
 * cases` gives the report the snapshot implies (issue 15), on both engines. The test writes a
 * CSV of cases of three regional offices (seeded rows: every status, eligibility, partial
 * collections, dates before and in the reporting year), imports it, asks `thads report` for
 * the province's reporting year 2026 (1 Oct 2025 - 30 Sep 2026), and derives what each line
 * must hold from the rows alone, by the rule of docs/import.md and issue 15:
 *   - a case received before the period and not finished before it is carried over, owing
 *     its amount less what was collected before the period; one received in it is new, at
 *     its amount; a `received` row is not yet a case;
 *   - its status on its status_on date puts it in its line: an open status in D3 (eligible
 *     yes), E (no), D6 other (not classified), D4, D5, owing amount - collected; completed
 *     (D1), terminated (D2: what it still owed) and entrusted_away (B) count in the period
 *     when status_on falls in it;
 *   - money collected (recorded on status_on) in the period is completed money, partial or
 *     not; C = A - B; D = completed + D3..D6; F = what stays open.
 * Runs the binary named by $THADS_BIN from the top of the source tree.
 */
#include "testdb.h"
#include "testrng.h"
#include "core/civil_date.h"
#include "core/report.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NROWS 60

typedef struct {
    int status;
    char out[1 << 17];
} run_t;

static char db_url[1200];

static void run(run_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void run(run_t *r, const char *fmt, ...)
{
    const char *bin = getenv("THADS_BIN");
    char args[2048], cmd[4096];
    va_list ap;
    FILE *p;
    size_t n;

    if (bin == NULL)
        fail_msg("THADS_BIN is not set; run through scripts/test.sh");
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

static civil_date_t d(const char *s)
{
    civil_date_t v;
    assert_int_equal(civil_date_parse(s, &v), 0);
    return v;
}

/* ---- the snapshot ------------------------------------------------------------------ */

typedef enum {
    S_RECEIVED,
    S_IN_PROGRESS,
    S_POSTPONED,
    S_SUSPENDED,
    S_COMPLETED,
    S_TERMINATED,
    S_ENTRUSTED,
    S_COUNT
} status_t;

static const char *const status_codes[S_COUNT] = {"received",      "in_progress", "postponed",
                                                  "suspended",     "completed",   "terminated",
                                                  "entrusted_away"};

typedef struct {
    int unit; /* NA-KV1 .. NA-KV3 */
    status_t status;
    char eligible; /* 'y', 'n' or 0 */
    civil_date_t received_on, status_on;
    int64_t amount, collected;
} row_t;

static void draw_rows(row_t *rows, uint64_t *rng)
{
    civil_date_t first = d("2025-07-01"), to = d("2026-09-30");

    for (int i = 0; i < NROWS; i++) {
        row_t *r = &rows[i];
        memset(r, 0, sizeof *r);
        r->unit = 1 + (int)(testrng_next(rng) % 3);
        r->status = (status_t)(i % S_COUNT); /* every status, several times */
        r->received_on = first + (civil_date_t)(testrng_next(rng) % 396); /* to 31 Jul 2026 */
        r->amount = 1000000 * (int64_t)(1 + testrng_next(rng) % 200);
        if (r->status == S_RECEIVED) {
            r->status_on = r->received_on;
            continue;
        }
        /* past the voluntary period: classified, postponed, suspended may be stated */
        r->status_on = r->received_on + 30 +
                       (civil_date_t)(testrng_next(rng) % (uint64_t)(to - r->received_on - 29));
        switch (r->status) {
        case S_IN_PROGRESS:
        case S_TERMINATED:
        case S_ENTRUSTED:
        case S_POSTPONED:
            r->eligible = "yn\0"[testrng_next(rng) % 3];
            break;
        case S_SUSPENDED:
        case S_COMPLETED:
            r->eligible = testrng_next(rng) % 2 ? 'y' : 0;
            break;
        default:
            break;
        }
        if (r->status == S_COMPLETED)
            r->collected = r->amount;
        else if (testrng_next(rng) % 2)
            r->collected = 1000 * (int64_t)(1 + testrng_next(rng) % (uint64_t)(r->amount / 1000));
    }
}

static void write_csv(const char *path, const row_t *rows)
{
    FILE *f = fopen(path, "w");
    char rec[16], st[16];

    assert_non_null(f);
    fputs("unit_code,case_no,received_on,source,category,judgment_no,judgment_date,court,"
          "debtor_name,debtor_id_no,debtor_kind,creditor_name,amount_vnd,status,eligible,"
          "collected_vnd,status_on\n",
          f);
    for (int i = 0; i < NROWS; i++) {
        const row_t *r = &rows[i];
        civil_date_format(r->received_on, rec);
        civil_date_format(r->status_on, st);
        fprintf(f,
                "NA-KV%d,%d/QĐ-THADS,%s,application,civil,%d/2025/DS-ST,2025-06-01,Tòa án nhân "
                "dân khu vực %d - Nghệ An,Người phải thi hành %d,,person,Người được thi hành "
                "%d,%lld,%s,%s,%lld,%s\n",
                r->unit, i + 1, rec, i + 1, r->unit, i + 1, i + 1, (long long)r->amount,
                status_codes[r->status],
                r->eligible == 'y'   ? "yes"
                : r->eligible == 'n' ? "no"
                                     : "",
                (long long)r->collected, st);
    }
    fclose(f);
}

/* ---- what the rows imply ----------------------------------------------------------- */

static void add(report_t *e, report_line_t l, int64_t cases, int64_t money)
{
    e->line[l].cases += cases;
    e->line[l].money += money;
}

/* The lines of the rows of unit (0: every unit) for [from, to]; every status_on <= to. */
static void expected(const row_t *rows, int unit, civil_date_t from, civil_date_t to, report_t *e)
{
    memset(e, 0, sizeof *e);
    for (int i = 0; i < NROWS; i++) {
        const row_t *r = &rows[i];
        int final =
            r->status == S_COMPLETED || r->status == S_TERMINATED || r->status == S_ENTRUSTED;
        int64_t owed = r->amount - r->collected;
        report_line_t open_line;

        assert_true(r->status_on <= to);
        if ((unit != 0 && r->unit != unit) || r->status == S_RECEIVED || r->received_on > to ||
            (final && r->status_on < from))
            continue;              /* not a case, not yet one, or finished before the period */
        if (r->received_on < from) /* what it owed then: collected on status_on */
            add(e, REPORT_CARRIED_OVER, 1, r->status_on < from ? owed : r->amount);
        else
            add(e, REPORT_NEW, 1, r->amount);
        if (r->status_on >= from) /* its collection is in the period: performed */
            add(e, REPORT_COMPLETED, 0, r->collected);
        switch (r->status) {
        case S_COMPLETED:
            add(e, REPORT_COMPLETED, 1, owed);
            continue;
        case S_TERMINATED:
            add(e, REPORT_TERMINATED, 1, owed);
            add(e, REPORT_COMPLETED, 1, owed);
            continue;
        case S_ENTRUSTED:
            add(e, REPORT_ENTRUSTED_AWAY, 1, owed);
            continue;
        case S_IN_PROGRESS:
            open_line = r->eligible == 'y'   ? REPORT_IN_PROGRESS
                        : r->eligible == 'n' ? REPORT_NOT_ELIGIBLE
                                             : REPORT_OTHER;
            break;
        case S_POSTPONED:
            open_line = REPORT_POSTPONED;
            break;
        default:
            open_line = REPORT_SUSPENDED;
            break;
        }
        add(e, open_line, 1, owed);
        add(e, REPORT_REMAINING, 1, owed);
    }
    for (int l = REPORT_CARRIED_OVER; l <= REPORT_NEW; l++)
        add(e, REPORT_TOTAL, e->line[l].cases, e->line[l].money);
    add(e, REPORT_TO_ENFORCE, e->line[REPORT_TOTAL].cases - e->line[REPORT_ENTRUSTED_AWAY].cases,
        e->line[REPORT_TOTAL].money - e->line[REPORT_ENTRUSTED_AWAY].money);
    add(e, REPORT_ELIGIBLE, e->line[REPORT_COMPLETED].cases, e->line[REPORT_COMPLETED].money);
    for (int l = REPORT_IN_PROGRESS; l <= REPORT_OTHER; l++)
        add(e, REPORT_ELIGIBLE, e->line[l].cases, e->line[l].money);
}

static void compare(json_t *obj, const report_t *e, const char *unit)
{
    for (int l = 0; l < REPORT_LINE_COUNT; l++) {
        const char *key = report_line_code((report_line_t)l);
        json_t *cell = json_object_get(obj, key);
        json_int_t cases, money;

        if (cell == NULL)
            fail_msg("%s: no %s in the report", unit, key);
        cases = json_integer_value(json_object_get(cell, "cases"));
        money = json_integer_value(json_object_get(cell, "money"));
        if (cases != e->line[l].cases || money != e->line[l].money)
            fail_msg("%s %s: report %lld cases %lld đồng, the snapshot implies %lld and %lld", unit,
                     key, (long long)cases, (long long)money, (long long)e->line[l].cases,
                     (long long)e->line[l].money);
    }
}

static void test_snapshot_report(void **state)
{
    static run_t r;
    static row_t rows[NROWS];
    uint64_t rng = 0x5A95407ull;
    char csv[600];
    json_t *doc, *units;
    json_error_t jerr;
    report_t e;
    civil_date_t from = d("2025-10-01"), to = d("2026-09-30");
    int seen = 0;

    snprintf(db_url, sizeof db_url, "%s", testdb_url(*state));
    snprintf(csv, sizeof csv, "%s/snapshot-%d.csv",
             getenv("THADS_TEST_TMP") ? getenv("THADS_TEST_TMP") : "/tmp", (int)getpid());
    draw_rows(rows, &rng);
    write_csv(csv, rows);
    run(&r, "import units docs/samples/units.csv");
    if (r.status != 0)
        fail_msg("import units: %s", r.out);
    run(&r, "import cases %s", csv);
    if (r.status != 0)
        fail_msg("import cases: %s", r.out);
    unlink(csv);
    run(&r, "report --unit THADS-NA --from 2025-10-01 --to 2026-09-30 --format json");
    if (r.status != 0)
        fail_msg("report: %s", r.out);
    doc = json_loads(r.out, 0, &jerr);
    if (doc == NULL)
        fail_msg("report is not JSON: %s\n%s", jerr.text, r.out);

    expected(rows, 0, from, to, &e);
    for (int l = 0; l < REPORT_LINE_COUNT; l++) /* the snapshot puts a case on every line */
        if (e.line[l].cases == 0)
            fail_msg("the rows give no case on %s", report_line_code((report_line_t)l));
    compare(doc, &e, "THADS-NA");
    units = json_object_get(doc, "units");
    for (size_t i = 0; i < json_array_size(units); i++) {
        json_t *u = json_array_get(units, i);
        const char *code = json_string_value(json_object_get(u, "unit"));
        if (code == NULL || strncmp(code, "NA-KV", 5) != 0)
            continue;
        expected(rows, atoi(code + 5), from, to, &e);
        compare(u, &e, code);
        seen++;
    }
    assert_int_equal(seen, 4); /* NA-KV1 .. NA-KV4, the last with none */
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST_BOTH(test_snapshot_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
