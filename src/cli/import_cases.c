/*
 * cli/import_cases.c — `thads import cases FILE.csv`: bring the cases of a legacy
 * system into thads, each brought to the state the file gives it by the events that
 * would have led there (docs/import.md, "Cases").
 *
 * Every case is opened, with the events that bring it to its status, by one call of
 * case_op_create_with — the rules, deadlines, projection, statistics deltas and hash
 * chain of a case run in thads, each event seeing the case as the previous one left it
 * — so a report for any period counts an imported case as if it had been run here. The
 * importer only reads the file, checks what is the file's own business (formats, codes,
 * the consistency of a row's columns), plans the events of each row (plan_row) and
 * reports. Whatever case_ops refuses makes the row bad, with case_ops' reason at the
 * column of the field it names; case_ops writes nothing of a refused row, so no row is
 * ever left half imported and the transaction stays usable (on PostgreSQL too). The one
 * refusal a plan can foresee, a status date inside the voluntary period (D10), is asked
 * of case_ops beforehand to choose the path and word the reason.
 *
 * Cost: the file is streamed (cli/csv.h), one pass, in one transaction, on two threads
 * ("two threads" below). Memory is every unit code and username of the database (a few
 * thousand), 256 rows in flight, 16 bytes per imported case (the
 * case id and its line, to name the line a duplicate case number repeats), 16 MB for a
 * million rows, the statistics deltas summed per (unit, day, category, bucket) until the
 * end (core/stat_sum.h, 32 to 64 bytes a key), the key sets of case numbers, parties and
 * judgments (ops/case_memo.c, 16 to 32 bytes a key), plus the database's page cache
 * (IMPORT_CACHE_MB) and as much again while an index is sorted at the end. The
 * time is the CPU's: per case about 16 rows written (the case, its parties, item, search
 * document, ~7 events, the deadlines left open) through ~19 cached statements, and the
 * events' hash chain; figures in bench/bench_import.c and docs/internals/benchmarks.md.
 */
#include "ops/app.h"
#include "core/case_kind.h"
#include "ops/case_bulk.h"
#include "cli/cli.h"
#include "cli/csv.h"
#include "core/money.h"
#include "store/cases.h"
#include "store/search.h"
#include "store/units.h"
#include "store/users.h"

#include <assert.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CMD "import"
/* Rows per file: the id/line table below grows to 16 bytes a row. */
#define IMPORT_CASES_MAX_ROWS 10000000L
/* Cases an import writes before it drops the indexes it can build at the end
 * (cases_deferred_drop): at least this many, and as many as the database held before. */
#define IMPORT_DEFER_INDEXES_MIN 10000L
/* On PostgreSQL a lookup is a round trip, the time of reading about this many keys: the
 * key sets (case_bulk_keep_keys) pay from as many cases on as the database held over it. */
#define IMPORT_KEYS_PER_LOOKUP 100L
/* Rows read ahead of the one being written (see "two threads" below). */
#define IMPORT_RING_SLOTS 256
/* The database's page cache for the import, MiB (db_bulk_begin). What a load writes
 * spills to the file as it goes, the kernel writing it out meanwhile; the pages it reads
 * again (the unique case numbers, parties by ID number, judgments by number) come back
 * from the kernel's cache. A million cases (bench/bench_import.c, 2 cores) took 93.9 s
 * with 256 MiB, 91.8 s with 64 and with 32: the size hardly matters to the time, but
 * it is the larger part of the importer's memory, twice over at the end, where each
 * CREATE INDEX sorts in as much again (SQLite's sorter takes the cache size as its
 * limit before it spills to a temporary file): peak RSS 775 MiB with 256. A cache
 * holding the whole load (6 GiB for the 2.6 GB a million cases made) left all the
 * writing to the commit: 11 s of its 70 s, against 2 s. */
#define IMPORT_CACHE_MB 32

/* Columns. The first C_REQUIRED must be in the header; the others may. */
enum {
    C_UNIT,
    C_CASE_NO,
    C_RECEIVED,
    C_SOURCE,
    C_CATEGORY,
    C_JUDGMENT_NO,
    C_JUDGMENT_DATE,
    C_COURT,
    C_DEBTOR_NAME,
    C_DEBTOR_ID,
    C_DEBTOR_KIND,
    C_CREDITOR_NAME,
    C_AMOUNT,
    C_STATUS,
    C_ELIGIBLE,
    C_COLLECTED,
    C_STATUS_ON,
    C_REQUIRED,
    C_OFFICER = C_REQUIRED,
    C_CREDITOR_ID,
    C_CREDITOR_KIND,
    C_DEBTOR_ADDRESS,
    C_CREDITOR_ADDRESS,
    C_PAID,
    C_DECIDED,
    C_COUNT
};
static const char *const column_names[C_COUNT] = {
    "unit_code",      "case_no",          "received_on", "source",         "category",
    "judgment_no",    "judgment_date",    "court",       "debtor_name",    "debtor_id_no",
    "debtor_kind",    "creditor_name",    "amount_vnd",  "status",         "eligible",
    "collected_vnd",  "status_on",        "officer",     "creditor_id_no", "creditor_kind",
    "debtor_address", "creditor_address", "paid_vnd",    "decided_on",
};

/* The statuses of the file (legacy vocabulary), and where each leads in thads. */
typedef enum {
    ST_RECEIVED,
    ST_IN_PROGRESS,
    ST_POSTPONED,
    ST_SUSPENDED,
    ST_COMPLETED,
    ST_TERMINATED,
    ST_ENTRUSTED_AWAY,
    ST_COUNT
} status_t;
static const char *const status_names[ST_COUNT] = {
    "received",  "in_progress", "postponed",      "suspended",
    "completed", "terminated",  "entrusted_away",
};

typedef enum { EL_UNKNOWN, EL_YES, EL_NO } eligible_t;

/* ---- small maps ---------------------------------------------------------------- */

/* Text -> id, open addressing: every unit code and username of the database, read before
 * the rows (the thread checking them has no database). */
typedef struct {
    char **keys;
    int64_t *ids;
    size_t cap, n;
} strmap_t;

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The slot of key: found (keys[i] != NULL) or where it would go. */
static size_t strmap_slot(const strmap_t *m, const char *key)
{
    size_t i = (size_t)hash_text(key) & (m->cap - 1);

    while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* 1 found (*id set), 0 not in the map. */
static int strmap_get(const strmap_t *m, const char *key, int64_t *id)
{
    size_t i;

    if (m->cap == 0)
        return 0;
    i = strmap_slot(m, key);
    if (m->keys[i] == NULL)
        return 0;
    *id = m->ids[i];
    return 1;
}

/* 0, or -1 out of memory. */
static int strmap_put(strmap_t *m, const char *key, int64_t id)
{
    size_t i;

    if ((m->n + 1) * 2 > m->cap) {
        strmap_t g = {.cap = m->cap ? m->cap * 2 : 64, .n = m->n};
        g.keys = calloc(g.cap, sizeof *g.keys);
        g.ids = calloc(g.cap, sizeof *g.ids);
        if (g.keys == NULL || g.ids == NULL) {
            free(g.keys);
            free(g.ids);
            return -1;
        }
        for (size_t k = 0; k < m->cap; k++)
            if (m->keys[k] != NULL) {
                size_t j = strmap_slot(&g, m->keys[k]);
                g.keys[j] = m->keys[k];
                g.ids[j] = m->ids[k];
            }
        free(m->keys);
        free(m->ids);
        *m = g;
    }
    i = strmap_slot(m, key);
    if (m->keys[i] == NULL) {
        if ((m->keys[i] = strdup(key)) == NULL)
            return -1;
        m->n++;
    }
    m->ids[i] = id;
    return 0;
}

/* A db_id_text_fn filling a map: nonzero (stop) when out of memory. */
static int strmap_put_row(int64_t id, const char *key, void *arg)
{
    return strmap_put(arg, key, id) != 0;
}

static void strmap_free(strmap_t *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->ids);
}

/* ---- the import ---------------------------------------------------------------- */

typedef struct {
    int64_t case_id;
    long line;
} made_t;

typedef struct {
    const char *file;
    int col[C_COUNT]; /* 0-based index in the file of each column, -1 if absent */
    size_t ncols;     /* columns in the header */
    db_t *db;
    app_t app;
    civil_date_t today;
    int64_t now;
    int progress; /* standard error is a terminal */
    int progress_shown;
    double progress_at;       /* when the progress line was last written */
    strmap_t units, officers; /* read-only once the rows are read */
    /* the bulk load (ops/case_bulk.h): its sums are the reading thread's, which plays the
     * cases (balancing the threads' work); its memo the writing thread's */
    case_bulk_t *bulk;
    /* the writing thread's */
    long defer_after;           /* cases written before dropping the indexes; 0: never */
    long keys_after;            /* cases written before reading the keys */
    cases_deferred_t *deferred; /* indexes and references dropped, to restore at the end */
    made_t *made;               /* the cases created, by increasing case id */
    size_t nmade, capmade;
    long rows, bad;
    long by_status[ST_COUNT];
    case_warnings_t *warnings; /* the writing thread's: those of the row written last */
    long nwarnings;
} import_t;

/* One row, as read and checked. */
typedef struct {
    long line;
    const char *f[C_COUNT]; /* "" for a field the row or the header lacks */
    int64_t unit_id, officer_id;
    civil_date_t received_on, judgment_date, status_on;
    civil_date_t decided_on; /* the decision to enforce: decided_on, else received_on */
    int decided_col;         /* the column it comes from: C_DECIDED or C_RECEIVED */
    money_t amount, collected, paid;
    status_t status;
    eligible_t eligible;
    int bad_col;   /* a bad row: the 1-based column at fault, and why */
    char why[600]; /* (or why the import stops) */
} row_t;

static void progress_clear(import_t *im)
{
    if (im->progress_shown) {
        fputs("\r\033[K", stderr);
        im->progress_shown = 0;
    }
}

static double seconds_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "rows read, rows/s, %" on one line rewritten with \r, at most 5 times a second; done
 * and total: bytes of the file read (csvr_progress). */
static void progress(import_t *im, uint64_t done, uint64_t total, double started)
{
    double t = seconds_now();

    if (!im->progress || t - im->progress_at < 0.2)
        return;
    im->progress_at = t;
    fprintf(stderr, "\rthads import: %ld rows read, %.0f rows/s", im->rows,
            t > started ? (double)im->rows / (t - started) : 0.0);
    if (total > 0)
        fprintf(stderr, ", %d%%", (int)(done * 100 / total));
    fputs("\033[K", stderr);
    fflush(stderr);
    im->progress_shown = 1;
}

/* Mark row r bad at 1-based column colno, with the reason; the writing thread reports it
 * in the order of the lines (report_bad). Returns 1. */
static int bad_at(row_t *r, int colno, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad_at(row_t *r, int colno, const char *fmt, ...)
{
    va_list ap;

    r->bad_col = colno;
    va_start(ap, fmt);
    vsnprintf(r->why, sizeof r->why, fmt, ap);
    va_end(ap);
    return 1;
}

/* Column c (C_*) of the row at fault; the reason starts with the column's name. An
 * optional column absent from the header is reported just past the header's last. */
#define bad(im, r, c, fmt, ...)                                                                    \
    bad_at((r), (im)->col[(c)] >= 0 ? (im)->col[(c)] + 1 : (int)(im)->ncols + 1, "%s: " fmt,       \
           column_names[(c)], __VA_ARGS__)

/* "FILE:LINE:COLUMN: reason" for a row marked bad. */
static void report_bad(import_t *im, const row_t *r)
{
    progress_clear(im);
    fprintf(stderr, "%s:%ld:%d: %s\n", im->file, r->line, r->bad_col, r->why);
    im->bad++;
}

/* ---- the header ------------------------------------------------------------------ */

/* Map the header to the columns: every problem on its own line "FILE:1:COLUMN: ...";
 * 0, or 1 when the file cannot be imported. */
static int check_header(import_t *im, const csv_reader_t *r)
{
    char buf[64];
    int problems = 0;

    im->ncols = csvr_columns(r);
    for (int c = 0; c < C_COUNT; c++)
        im->col[c] = -1;
    for (size_t i = 0; i < im->ncols; i++) {
        const char *name = csvr_column_name(r, i);
        int c = 0;
        while (c < C_COUNT && strcmp(name, column_names[c]) != 0)
            c++;
        if (c == C_COUNT) {
            fprintf(stderr, "%s:1:%zu: unknown column '%s' (see docs/import.md)\n", im->file, i + 1,
                    cli_shown(name, buf));
            problems++;
        } else if (im->col[c] >= 0) {
            fprintf(stderr, "%s:1:%zu: column '%s' appears twice (first as column %d)\n", im->file,
                    i + 1, name, im->col[c] + 1);
            problems++;
        } else {
            im->col[c] = (int)i;
        }
    }
    for (int c = 0; c < C_REQUIRED; c++)
        if (im->col[c] < 0) {
            fprintf(stderr, "%s:1:%zu: missing column '%s'\n", im->file, im->ncols + 1,
                    column_names[c]);
            problems++;
        }
    if (problems)
        return cli_fail(CMD, "%s: the header has %d problem%s; nothing imported", im->file,
                        problems, problems == 1 ? "" : "s");
    return 0;
}

/* ---- checking a row -------------------------------------------------------------- */

static int parse_date(const import_t *im, row_t *r, int c, civil_date_t *out)
{
    char buf[64];

    if (r->f[c][0] == '\0')
        return bad(im, r, c, "%s", "missing; a date YYYY-MM-DD");
    if (civil_date_parse(r->f[c], out) != 0)
        return bad(im, r, c, "'%s' is not a date YYYY-MM-DD", cli_shown(r->f[c], buf));
    if (*out > im->today)
        return bad(im, r, c, "%s is in the future", r->f[c]);
    return 0;
}

/* Whole đồng: "1234567" or "1.234.567"; empty is 0 when allowed. */
static int parse_money(const import_t *im, row_t *r, int c, int empty_ok, money_t *out)
{
    char buf[64];
    int rc;

    if (r->f[c][0] == '\0') {
        if (empty_ok) {
            *out = 0;
            return 0;
        }
        return bad(im, r, c, "%s", "missing; an amount in whole đồng");
    }
    rc = money_parse(r->f[c], out);
    if (rc == MONEY_FRACTION)
        return bad(im, r, c, "'%s' has a fraction of a đồng; amounts are whole đồng",
                   cli_shown(r->f[c], buf));
    if (rc != MONEY_OK)
        return bad(im, r, c, "'%s' is not an amount in đồng (1234567 or 1.234.567)",
                   cli_shown(r->f[c], buf));
    if (*out < 0)
        return bad(im, r, c, "'%s' is negative", cli_shown(r->f[c], buf));
    if (*out > MONEY_AMOUNT_MAX) /* the bound every amount in thads keeps (core/money.h) */
        return bad(im, r, c, "'%s' is more than " MONEY_AMOUNT_MAX_TEXT_EN " đồng",
                   cli_shown(r->f[c], buf));
    return 0;
}

static int index_of(const char *s, const char *const *list, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return i;
    return -1;
}

/* The unit's id by code: 0, or 1 with the row marked bad. */
static int find_unit(const import_t *im, row_t *r)
{
    const char *code = r->f[C_UNIT];
    char buf[64];

    if (code[0] == '\0')
        return bad(im, r, C_UNIT, "%s", "missing; the code of the enforcement unit");
    if (!strmap_get(&im->units, code, &r->unit_id))
        return bad(im, r, C_UNIT, "no unit with code '%s' (thads import units first)",
                   cli_shown(code, buf));
    return 0;
}

static int find_officer(const import_t *im, row_t *r)
{
    const char *name = r->f[C_OFFICER];
    char buf[64];

    r->officer_id = 0;
    if (name[0] != '\0' && !strmap_get(&im->officers, name, &r->officer_id))
        return bad(im, r, C_OFFICER, "no user '%s' (thads user add first)", cli_shown(name, buf));
    return 0;
}

/* Everything about a row of nfields fields that does not need case_ops, in the order of
 * the columns (mostly). 0 good, 1 marked bad. */
static int check_row(const import_t *im, row_t *r, size_t nfields)
{
    char buf[64];
    int rc, s;

    if (nfields != im->ncols) {
        if (nfields > im->ncols)
            return bad_at(r, (int)im->ncols + 1, "the row has %zu fields, the header %zu", nfields,
                          im->ncols);
        int c = 0;
        while (im->col[c] != (int)nfields)
            c++;
        return bad_at(r, (int)nfields + 1, "%s: missing (the row has %zu fields, the header %zu)",
                      column_names[c], nfields, im->ncols);
    }
    if ((rc = find_unit(im, r)) != 0)
        return rc;
    if (r->f[C_CASE_NO][0] == '\0')
        return bad(im, r, C_CASE_NO, "%s", "missing; the number of the enforcement decision");
    if ((rc = parse_date(im, r, C_RECEIVED, &r->received_on)) != 0)
        return rc;
    if (case_source_parse(r->f[C_SOURCE]) < 0)
        return bad(im, r, C_SOURCE, "'%s' is not application or ex_officio",
                   cli_shown(r->f[C_SOURCE], buf));
    if (case_category_parse(r->f[C_CATEGORY]) < 0)
        return bad(im, r, C_CATEGORY,
                   "unknown category '%s' (civil, criminal_civil, credit, corruption, "
                   "administrative; also marriage_family, labour)",
                   cli_shown(r->f[C_CATEGORY], buf));
    if ((rc = parse_date(im, r, C_JUDGMENT_DATE, &r->judgment_date)) != 0)
        return rc;
    if (strcmp(r->f[C_DEBTOR_KIND], "person") != 0 &&
        strcmp(r->f[C_DEBTOR_KIND], "organization") != 0)
        return bad(im, r, C_DEBTOR_KIND, "'%s' is not person or organization",
                   cli_shown(r->f[C_DEBTOR_KIND], buf));
    if (r->f[C_CREDITOR_NAME][0] == '\0' &&
        case_source_parse(r->f[C_SOURCE]) == CASE_SOURCE_APPLICATION)
        return bad(im, r, C_CREDITOR_NAME, "%s",
                   "missing: a case on application has a creditor (only an ex_officio case "
                   "may have the State as creditor, by leaving this empty)");
    if (r->f[C_CREDITOR_KIND][0] != '\0' && strcmp(r->f[C_CREDITOR_KIND], "person") != 0 &&
        strcmp(r->f[C_CREDITOR_KIND], "organization") != 0)
        return bad(im, r, C_CREDITOR_KIND, "'%s' is not person or organization",
                   cli_shown(r->f[C_CREDITOR_KIND], buf));
    if ((rc = parse_money(im, r, C_AMOUNT, 0, &r->amount)) != 0)
        return rc;
    if ((s = index_of(r->f[C_STATUS], status_names, ST_COUNT)) < 0)
        return bad(im, r, C_STATUS,
                   "unknown status '%s' (received, in_progress, postponed, suspended, "
                   "completed, terminated, entrusted_away)",
                   cli_shown(r->f[C_STATUS], buf));
    r->status = (status_t)s;
    if (r->f[C_ELIGIBLE][0] == '\0')
        r->eligible = EL_UNKNOWN;
    else if (strcmp(r->f[C_ELIGIBLE], "yes") == 0)
        r->eligible = EL_YES;
    else if (strcmp(r->f[C_ELIGIBLE], "no") == 0)
        r->eligible = EL_NO;
    else
        return bad(im, r, C_ELIGIBLE, "'%s' is not yes, no or empty",
                   cli_shown(r->f[C_ELIGIBLE], buf));
    if ((rc = parse_money(im, r, C_COLLECTED, 1, &r->collected)) != 0)
        return rc;
    if (r->collected > r->amount)
        return bad(im, r, C_COLLECTED, "%s đồng collected is more than amount_vnd %s",
                   r->f[C_COLLECTED], r->f[C_AMOUNT]);
    if ((rc = parse_date(im, r, C_STATUS_ON, &r->status_on)) != 0)
        return rc;
    if (r->status_on < r->received_on)
        return bad(im, r, C_STATUS_ON, "%s is before received_on %s", r->f[C_STATUS_ON],
                   r->f[C_RECEIVED]);
    /* The decision's date gives the case its year (decision numbers restart every year)
     * and dates the decision and its notification; without it, received_on does both. */
    r->decided_on = r->received_on;
    r->decided_col = C_RECEIVED;
    if (r->f[C_DECIDED][0] != '\0') {
        if ((rc = parse_date(im, r, C_DECIDED, &r->decided_on)) != 0)
            return rc;
        r->decided_col = C_DECIDED;
        if (r->decided_on < r->received_on)
            return bad(im, r, C_DECIDED, "%s is before received_on %s", r->f[C_DECIDED],
                       r->f[C_RECEIVED]);
        if (r->decided_on > r->status_on)
            return bad(im, r, C_DECIDED, "%s is after status_on %s", r->f[C_DECIDED],
                       r->f[C_STATUS_ON]);
    }
    if (r->f[C_PAID][0] == '\0') {
        r->paid = r->collected;
    } else {
        if ((rc = parse_money(im, r, C_PAID, 0, &r->paid)) != 0)
            return rc;
        if (r->paid > r->collected)
            return bad(im, r, C_PAID, "%s đồng paid out is more than collected_vnd %s",
                       r->f[C_PAID], r->f[C_COLLECTED][0] ? r->f[C_COLLECTED] : "0");
    }
    if ((r->status == ST_COMPLETED || r->status == ST_TERMINATED ||
         r->status == ST_ENTRUSTED_AWAY) &&
        r->paid != r->collected)
        return bad(im, r, C_PAID, "a %s case holds no money: paid_vnd must equal collected_vnd",
                   status_names[r->status]);
    return find_officer(im, r);
}

/* ---- planning the events ----------------------------------------------------------- */

typedef struct {
    case_event_t type;
    civil_date_t on;
    money_t amount;
    int col; /* the column its date comes from (C_RECEIVED, C_STATUS_ON) */
} planned_t;

#define PLAN_MAX 8

/*
 * The events that bring a checked row from received (case_op_create) to its status,
 * LAW: THADS.md 3.2 through core/case.h's table:
 *
 *   decided, notified              on decided_on, else received_on (every status but
 *                                  received)
 *   voluntary_period_ended         on status_on, once the voluntary period (D10) of a
 *                                  decision served that day is over; needed to
 *                                  classify, postpone or suspend
 *   classified_eligible            on status_on, eligible=yes (or empty, for a status
 *     / classified_not_eligible    that is eligible by law: suspended, completed)
 *   money_collected, money_paid    on status_on, collected_vnd and paid_vnd
 *   the status's own event         on status_on: postponed, suspended, completed,
 *                                  terminated, entrusted_out
 *
 * A completed case whose status_on falls within the voluntary period completes from
 * it (the debtor paid voluntarily); an in_progress, terminated or entrusted case of
 * unknown eligibility stays unclassified (voluntary period, or verifying once it is
 * over). period_end: the voluntary period's last day (CIVIL_DATE_INVALID: no period
 * that day). Returns the number of events, or -1 with the column (C_*) and the reason
 * in why.
 */
static int plan_row(const row_t *r, civil_date_t period_end, planned_t *p, int *col, char *why,
                    size_t whylen)
{
    int n = 0, over = period_end == CIVIL_DATE_INVALID || r->status_on > period_end;
    int classify = r->eligible != EL_UNKNOWN, need_vpe;
    case_event_t last = CASE_EVENT_COUNT;

    *col = C_ELIGIBLE;
    switch (r->status) {
    case ST_RECEIVED:
        if (r->eligible != EL_UNKNOWN) {
            snprintf(why, whylen, "a received case is not yet classified: leave eligible empty");
            return -1;
        }
        break;
    case ST_IN_PROGRESS:
        break;
    case ST_POSTPONED:
        last = CASE_EVENT_POSTPONED;
        break;
    case ST_SUSPENDED:
    case ST_COMPLETED:
        if (r->eligible == EL_NO) {
            snprintf(why, whylen, "a %s case is eligible (%s): eligible is yes or empty",
                     status_names[r->status], r->status == ST_SUSPENDED ? "D5" : "D1");
            return -1;
        }
        last = r->status == ST_SUSPENDED ? CASE_EVENT_SUSPENDED : CASE_EVENT_COMPLETED;
        classify = r->status == ST_SUSPENDED || over;
        break;
    case ST_TERMINATED:
        last = CASE_EVENT_TERMINATED;
        break;
    case ST_ENTRUSTED_AWAY:
        last = CASE_EVENT_ENTRUSTED_OUT;
        break;
    case ST_COUNT:
        assert(0);
        return -1;
    }
    /* Postponement comes from verifying at the earliest, suspension from enforcing. */
    need_vpe = classify || r->status == ST_POSTPONED ||
               (r->eligible == EL_UNKNOWN && r->status != ST_RECEIVED && over);
    if (need_vpe && !over) {
        char d[11];
        civil_date_format(period_end, d);
        snprintf(why, whylen,
                 "%s falls within the voluntary period (until %s) of the decision served on "
                 "%s; %s needs a status_on after it",
                 r->f[C_STATUS_ON], d, column_names[r->decided_col],
                 r->status == ST_POSTPONED   ? "a postponement"
                 : r->status == ST_SUSPENDED ? "a suspension"
                                             : "classifying the case (eligible yes or no)");
        *col = C_STATUS_ON;
        return -1;
    }
    if (r->status != ST_RECEIVED) {
        p[n++] = (planned_t){CASE_EVENT_DECIDED, r->decided_on, 0, r->decided_col};
        p[n++] = (planned_t){CASE_EVENT_NOTIFIED, r->decided_on, 0, r->decided_col};
    }
    if (need_vpe)
        p[n++] = (planned_t){CASE_EVENT_VOLUNTARY_PERIOD_ENDED, r->status_on, 0, C_STATUS_ON};
    if (classify)
        p[n++] = (planned_t){r->eligible == EL_NO ? CASE_EVENT_CLASSIFIED_NOT_ELIGIBLE
                                                  : CASE_EVENT_CLASSIFIED_ELIGIBLE,
                             r->status_on, 0, C_STATUS_ON};
    if (r->collected > 0)
        p[n++] = (planned_t){CASE_EVENT_MONEY_COLLECTED, r->status_on, r->collected, C_STATUS_ON};
    if (r->paid > 0)
        p[n++] = (planned_t){CASE_EVENT_MONEY_PAID, r->status_on, r->paid, C_STATUS_ON};
    if (last != CASE_EVENT_COUNT)
        p[n++] = (planned_t){last, r->status_on, 0, C_STATUS_ON};
    assert(n <= PLAN_MAX);
    return n;
}

/* ---- importing a row --------------------------------------------------------------- */

/* The column of the field case_ops names in a refusal. */
static int column_of_field(const char *field)
{
    static const struct {
        const char *field;
        int col;
    } map[] = {
        {"unit_id", C_UNIT},
        {"case_no", C_CASE_NO},
        {"source", C_SOURCE},
        {"category", C_CATEGORY},
        {"received_on", C_RECEIVED},
        {"year", C_DECIDED},
        {"judgment_no", C_JUDGMENT_NO},
        {"court", C_COURT},
        {"judgment_date", C_JUDGMENT_DATE},
        {"officer_user_id", C_OFFICER},
        {"parties[0].full_name", C_DEBTOR_NAME},
        {"parties[0].id_number", C_DEBTOR_ID},
        {"parties[0].kind", C_DEBTOR_KIND},
        {"parties[0].address", C_DEBTOR_ADDRESS},
        {"parties[1].full_name", C_CREDITOR_NAME},
        {"parties[1].id_number", C_CREDITOR_ID},
        {"parties[1].kind", C_CREDITOR_KIND},
        {"parties[1].address", C_CREDITOR_ADDRESS},
        {"parties", C_DEBTOR_NAME},
        {"items[0]", C_AMOUNT},
    };

    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(field, map[i].field) == 0)
            return map[i].col;
    return C_CASE_NO;
}

/* The line of the file that created case id in this run, or 0. */
static long line_of_case(const import_t *im, int64_t id)
{
    size_t lo = 0, hi = im->nmade;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (im->made[mid].case_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < im->nmade && im->made[lo].case_id == id ? im->made[lo].line : 0;
}

static int remember(import_t *im, int64_t id, long line)
{
    if (im->nmade == im->capmade) {
        size_t cap = im->capmade ? im->capmade * 2 : 4096;
        made_t *m = realloc(im->made, cap * sizeof *m);
        if (m == NULL)
            return -1;
        im->made = m;
        im->capmade = cap;
    }
    /* Ids grow in both engines; a rolled-back id is never remembered. */
    assert(im->nmade == 0 || im->made[im->nmade - 1].case_id < id);
    im->made[im->nmade++] = (made_t){id, line};
    return 0;
}

/* ---- two threads ------------------------------------------------------------------
 *
 * A case costs about as much to play as to write, so the work is split in two: a reading
 * thread reads each row, checks it, plans its events and plays them (case_bulk_prepare: no
 * database, the events chained under an id taken in advance), up to IMPORT_RING_SLOTS rows
 * ahead of the calling thread, which alone uses the database: it makes the checks needing
 * it and writes each case (case_bulk_insert), and reports the bad rows, in the order of the
 * lines. Ids are taken in advance only where the transaction owns them (SQLite,
 * cases_first_free_id); a row refused by the writer leaves its id unused. On PostgreSQL
 * the writer takes each id and chains the events itself.
 */

typedef enum {
    SLOT_CASE, /* a case, played: for the writer to insert */
    SLOT_BAD,  /* a bad row, r.why saying why */
    SLOT_STOP, /* the import cannot go on: r.why says why */
    SLOT_END   /* the end of the file */
} slot_kind_t;

/* A row on its way from the reading thread to the writing one: all that the draft points
 * into lives here until it is written; the draft until the slot is read into again. */
typedef struct {
    slot_kind_t kind;
    row_t r;
    char *text; /* the row's fields, copied out of the reader's buffer: r.f point here */
    size_t textcap;
    uint64_t done, total; /* csvr_progress after the row */
    planned_t plan[PLAN_MAX];
    int nplan;
    case_event_input_t events[PLAN_MAX];
    case_party_input_t parties[2];
    case_item_input_t item;
    case_input_t in;
    char doc[64]; /* the document number of the row's synthesized events */
    case_draft_t *draft;
} slot_t;

typedef struct {
    import_t *im;
    csv_reader_t *rd;
    slot_t *slots;        /* slot k % IMPORT_RING_SLOTS is the k-th row */
    size_t filled, taken; /* rows handed over by the reader, and taken by the writer */
    int stop;             /* the writer has stopped: so does the reader */
    pthread_mutex_t mu;
    pthread_cond_t moved; /* filled, taken or stop changed */
    /* Waiting: the writer for a row, the reader for half the ring to be free (not one
     * slot: each wakeup costs two system calls, and the writer is usually the slower). */
    int writer_waits, reader_waits;
    int64_t next_id; /* the reader's: the id of the next case, or 0 (see above) */
    long rows;       /* the reader's */
} ring_t;

/* The row's refusal by case_ops (not a duplicate number), at the column of the field it
 * names: an event of the plan at the date's column. Returns 1. */
static int refused(const import_t *im, slot_t *s, size_t failed, const op_error_t *err)
{
    row_t *r = &s->r;

    if (failed < (size_t)s->nplan) { /* an event of the plan: nothing of the row was kept */
        const planned_t *p = &s->plan[failed];
        char d[11];
        civil_date_format(p->on, d);
        return bad(im, r, p->col, "thads refuses '%s' on %s: %s", case_event_code(p->type), d,
                   err->en);
    }
    return bad(im, r, column_of_field(err->field), "%s", err->en);
}

/* Plan and play a checked row (reading thread): the slot becomes SLOT_CASE, SLOT_BAD or,
 * out of memory, SLOT_STOP. */
static void prepare_row(ring_t *g, slot_t *s)
{
    const import_t *im = g->im;
    row_t *r = &s->r;
    op_error_t err;
    char why[300];
    int col, year, has_creditor = r->f[C_CREDITOR_NAME][0] != '\0';

    s->nplan = plan_row(r, case_voluntary_period_last_day(&im->app, r->decided_on), s->plan, &col,
                        why, sizeof why);
    if (s->nplan < 0) {
        bad(im, r, col, "%s", why);
        return;
    }
    civil_date_to_ymd(r->decided_on, &year, NULL, NULL);
    s->parties[0] =
        (case_party_input_t){"debtor",
                             {.kind = r->f[C_DEBTOR_KIND],
                              .full_name = r->f[C_DEBTOR_NAME],
                              .id_number = r->f[C_DEBTOR_ID],
                              .address = r->f[C_DEBTOR_ADDRESS][0] ? r->f[C_DEBTOR_ADDRESS] : NULL,
                              .birth_date = CIVIL_DATE_INVALID}};
    s->parties[1] = (case_party_input_t){
        "creditor",
        {.kind = r->f[C_CREDITOR_KIND][0] ? r->f[C_CREDITOR_KIND] : "person",
         .full_name = r->f[C_CREDITOR_NAME],
         .id_number = r->f[C_CREDITOR_ID],
         .address = r->f[C_CREDITOR_ADDRESS][0] ? r->f[C_CREDITOR_ADDRESS] : NULL,
         .birth_date = CIVIL_DATE_INVALID}};
    s->item = (case_item_input_t){
        .content_type = "pay_money",
        .description = has_creditor ? "Khoản phải thi hành (nhập từ dữ liệu cũ)"
                                    : "Khoản nộp ngân sách nhà nước (nhập từ dữ liệu cũ)",
        .amount_vnd = r->amount,
        .creditor = has_creditor ? 1 : -1,
        .payment_rank = 3,
    };
    s->in = (case_input_t){
        .unit_id = r->unit_id,
        .case_no = r->f[C_CASE_NO],
        .source = r->f[C_SOURCE],
        .category = r->f[C_CATEGORY],
        .received_on = r->received_on,
        .judgment_no = r->f[C_JUDGMENT_NO],
        .year = year,
        .court_name = r->f[C_COURT],
        .judgment_date = r->judgment_date,
        .parties = s->parties,
        .nparties = has_creditor ? 2 : 1,
        .items = &s->item,
        .nitems = r->amount > 0 ? 1 : 0,
        .officer_user_id = r->officer_id,
    };
    snprintf(s->doc, sizeof s->doc, "nhập liệu dòng %ld", r->line);
    for (int i = 0; i < s->nplan; i++)
        s->events[i] = (case_event_input_t){
            .type = s->plan[i].type,
            .occurred_on = s->plan[i].on,
            .document_no = case_event_needs_document(s->plan[i].type) ? s->doc : NULL,
            .amount_vnd = s->plan[i].amount,
        };
    if (case_bulk_prepare(im->bulk, &im->app, &s->in, s->events, (size_t)s->nplan, g->next_id, 0,
                          im->today, im->now, &s->draft, &err) == 0) {
        s->kind = SLOT_CASE;
        g->next_id += g->next_id > 0;
    } else if (!op_is_refusal(err.status)) {
        s->kind = SLOT_STOP;
        snprintf(r->why, sizeof r->why, "%s:%ld: %s (nothing imported)", im->file, r->line, err.en);
    } else {
        refused(im, s, (size_t)s->nplan, &err);
    }
}

/* Copy the record's first ncols fields into the slot, and point the row's columns at
 * them. 0, or -1 out of memory. */
static int take_fields(const import_t *im, slot_t *s, const csv_record_t *rec)
{
    size_t n = rec->nfields < im->ncols ? rec->nfields : im->ncols, len = 0, off[C_COUNT] = {0};

    for (size_t i = 0; i < n; i++)
        len += strlen(rec->fields[i]) + 1;
    if (len > s->textcap) {
        char *t = realloc(s->text, len + 1); /* (+1: never asked for 0 bytes) */
        if (t == NULL)
            return -1;
        s->text = t;
        s->textcap = len + 1;
    }
    len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(rec->fields[i]) + 1;
        memcpy(s->text + len, rec->fields[i], k);
        off[i] = len;
        len += k;
    }
    for (int c = 0; c < C_COUNT; c++)
        s->r.f[c] = im->col[c] >= 0 && (size_t)im->col[c] < n ? s->text + off[im->col[c]] : "";
    return 0;
}

/* Read the next row into s (reading thread). 1 a row, 0 the end or a stop. */
static int read_row(ring_t *g, slot_t *s)
{
    const import_t *im = g->im;
    csv_record_t rec;
    int rc;

    /* The slot's last draft, written: freed here, on the thread that made it, where its
     * memory goes back to this thread's arena without taking the lock of another. */
    case_draft_free(s->draft);
    s->draft = NULL;
    rc = csvr_next(g->rd, &rec);
    s->r = (row_t){.line = rc == 1 ? rec.line : 0};
    if (rc == 0) {
        s->kind = SLOT_END;
        return 0;
    }
    s->kind = SLOT_STOP;
    if (rc < 0) {
        snprintf(s->r.why, sizeof s->r.why, "%s: %s; nothing imported", im->file,
                 csvr_error(g->rd));
        return 0;
    }
    if (++g->rows > IMPORT_CASES_MAX_ROWS) {
        snprintf(s->r.why, sizeof s->r.why, "%s:%ld: more than %ld rows; split the file", im->file,
                 rec.line, IMPORT_CASES_MAX_ROWS);
        return 0;
    }
    if (take_fields(im, s, &rec) != 0) {
        snprintf(s->r.why, sizeof s->r.why, "out of memory; nothing imported");
        return 0;
    }
    csvr_progress(g->rd, &s->done, &s->total);
    s->kind = SLOT_BAD;
    if (check_row(im, &s->r, rec.nfields) == 0)
        prepare_row(g, s);
    return s->kind != SLOT_STOP;
}

static void *reading_thread(void *arg)
{
    ring_t *g = arg;
    int more = 1;

    while (more) {
        slot_t *s;
        pthread_mutex_lock(&g->mu);
        if (g->filled - g->taken == IMPORT_RING_SLOTS)
            while (g->filled - g->taken > IMPORT_RING_SLOTS / 2 && !g->stop) {
                g->reader_waits = 1;
                pthread_cond_wait(&g->moved, &g->mu);
            }
        g->reader_waits = 0;
        if (g->stop) {
            pthread_mutex_unlock(&g->mu);
            break;
        }
        pthread_mutex_unlock(&g->mu);
        s = &g->slots[g->filled % IMPORT_RING_SLOTS];
        more = read_row(g, s);
        pthread_mutex_lock(&g->mu);
        g->filled++;
        if (g->writer_waits)
            pthread_cond_signal(&g->moved);
        pthread_mutex_unlock(&g->mu);
    }
    return NULL;
}

/* "FILE:LINE:COLUMN: warning: ..." for each warning of the case just written from slot
 * s (a party's name differing from the one on file): the row is imported all the same. */
static void report_warnings(import_t *im, const slot_t *s)
{
    char text[2400];

    for (size_t i = 0; i < im->warnings->n; i++) {
        const case_warning_t *w = &im->warnings->w[i];
        const party_new_t *p = &s->in.parties[w->party].p;
        int c = column_of_field(w->field);
        case_warning_text(w, p->id_number, p->full_name, 1, text, sizeof text);
        progress_clear(im);
        fprintf(stderr, "%s:%ld:%d: warning: %s: %s\n", im->file, s->r.line,
                im->col[c] >= 0 ? im->col[c] + 1 : (int)im->ncols + 1, column_names[c], text);
        im->nwarnings++;
    }
}

/* Insert the played case of slot s (writing thread). 0 imported, 1 bad row (reported), -1
 * the import must stop (a message was printed). */
static int insert_row(import_t *im, slot_t *s)
{
    row_t *r = &s->r;
    case_row_t c;
    op_error_t err;
    size_t failed;
    int64_t existing;
    char buf[64];
    int rc;

    s->in.warnings = im->warnings; /* the draft points at s->in */
    rc = case_bulk_insert(im->bulk, im->db, s->draft, &c, &failed, &err);

    if (rc != 0 && !op_is_refusal(err.status)) { /* (a database error's details are logged) */
        progress_clear(im);
        cli_fail(CMD, "%s:%ld: %s (nothing imported)", im->file, r->line, err.en);
        return -1;
    }
    if (rc != 0 && strcmp(err.code, "duplicate_case_no") == 0) {
        long first = 0;
        if (cases_find_by_no(im->db, r->unit_id, s->in.year, r->f[C_CASE_NO], &existing) == DB_ROW)
            first = line_of_case(im, existing);
        if (first > 0)
            bad(im, r, C_CASE_NO, "case %s of %d in %s is already on line %ld",
                cli_shown(r->f[C_CASE_NO], buf), s->in.year, r->f[C_UNIT], first);
        else
            bad(im, r, C_CASE_NO, "%s already has case %s of %d (imported before?)", r->f[C_UNIT],
                cli_shown(r->f[C_CASE_NO], buf), s->in.year);
    } else if (rc != 0) {
        refused(im, s, failed, &err);
    }
    if (rc != 0) {
        report_bad(im, r);
        return 1;
    }
    if (remember(im, c.id, r->line) != 0) {
        progress_clear(im);
        cli_fail(CMD, "out of memory; nothing imported");
        return -1;
    }
    report_warnings(im, s);
    im->by_status[r->status]++;
    if ((long)im->nmade == im->keys_after)
        case_bulk_keep_keys(im->bulk);
    if ((long)im->nmade != im->defer_after)
        return 0;
    /* As many cases written as the database held: from now on reading it whole (to
     * build the indexes again, to know which keys exist) costs less than the rows to come
     * would pay for not doing it. */
    if (cases_deferred_drop(im->db, &im->deferred) != DB_OK) {
        progress_clear(im);
        cli_fail(CMD, "cannot drop indexes and references: %s; nothing imported",
                 db_errmsg(im->db));
        return -1;
    }
    return 0;
}

/* Take the rows from the reading thread, in order, and write them. 0 done (bad rows
 * counted), 1 stopped. */
static int write_rows(import_t *im, ring_t *g)
{
    double started = seconds_now();

    for (;;) {
        slot_t *s;
        pthread_mutex_lock(&g->mu);
        while (g->filled == g->taken) {
            g->writer_waits = 1;
            pthread_cond_wait(&g->moved, &g->mu);
        }
        g->writer_waits = 0;
        pthread_mutex_unlock(&g->mu);
        s = &g->slots[g->taken % IMPORT_RING_SLOTS];
        if (s->kind == SLOT_END)
            break;
        if (s->kind == SLOT_STOP) {
            progress_clear(im);
            return cli_fail(CMD, "%s", s->r.why);
        }
        im->rows++;
        if (s->kind == SLOT_BAD)
            report_bad(im, &s->r);
        else if (insert_row(im, s) < 0)
            return 1;
        progress(im, s->done, s->total, started);
        pthread_mutex_lock(&g->mu);
        g->taken++;
        if (g->reader_waits && g->filled - g->taken <= IMPORT_RING_SLOTS / 2)
            pthread_cond_signal(&g->moved);
        pthread_mutex_unlock(&g->mu);
    }
    progress_clear(im);
    return 0;
}

/* Read, check and import every row, on two threads. 0 done (bad rows counted), 1
 * stopped. */
static int import_all(import_t *im, csv_reader_t *rd)
{
    ring_t g = {.im = im, .rd = rd};
    pthread_t reader;
    int64_t held;
    int rc;

    if (cases_first_free_id(im->db, &g.next_id) != DB_OK || cases_max_id(im->db, &held) != DB_OK)
        return cli_fail(CMD, "database error: %s; nothing imported", db_errmsg(im->db));
    im->defer_after = held >= IMPORT_DEFER_INDEXES_MIN ? (long)held + 1 : IMPORT_DEFER_INDEXES_MIN;
    /* On PostgreSQL a dropped index locks its table against every reader until the
     * commit: only a database's first load drops them, where no reader has anything to
     * wait for. (SQLite's load holds the whole file anyway: db_bulk_begin.) */
    if (db_engine(im->db) == DB_ENGINE_POSTGRES && held > 0)
        im->defer_after = 0;
    im->keys_after = db_engine(im->db) == DB_ENGINE_POSTGRES ? (long)(held / IMPORT_KEYS_PER_LOOKUP)
                                                             : im->defer_after;
    if (im->keys_after == 0)
        case_bulk_keep_keys(im->bulk);
    if ((g.slots = calloc(IMPORT_RING_SLOTS, sizeof *g.slots)) == NULL)
        return cli_fail(CMD, "out of memory");
    pthread_mutex_init(&g.mu, NULL);
    pthread_cond_init(&g.moved, NULL);
    if (pthread_create(&reader, NULL, reading_thread, &g) != 0) {
        rc = cli_fail(CMD, "cannot start a thread");
    } else {
        rc = write_rows(im, &g);
        pthread_mutex_lock(&g.mu);
        g.stop = 1;
        pthread_cond_signal(&g.moved);
        pthread_mutex_unlock(&g.mu);
        pthread_join(reader, NULL);
    }
    pthread_cond_destroy(&g.moved);
    pthread_mutex_destroy(&g.mu);
    for (size_t i = 0; i < IMPORT_RING_SLOTS; i++) {
        case_draft_free(g.slots[i].draft);
        free(g.slots[i].text);
    }
    free(g.slots);
    return rc;
}

/* Every unit code and username, for the reading thread: 0, or 1 (message printed). */
static int load_names(import_t *im)
{
    if (units_each_code(im->db, strmap_put_row, &im->units) == DB_OK &&
        users_each_username(im->db, strmap_put_row, &im->officers) == DB_OK)
        return 0;
    return cli_fail(CMD, "cannot read units and users: %s",
                    db_errmsg(im->db)[0] ? db_errmsg(im->db) : "out of memory");
}

static void print_counts(const import_t *im)
{
    for (int s = 0; s < ST_COUNT; s++)
        if (im->by_status[s])
            printf("  %-15s %ld\n", status_names[s], im->by_status[s]);
}

static void print_counts_cb(const void *arg)
{
    print_counts(arg);
}

int cli_import_cases(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         {"skip-bad-rows", no_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    import_t im = {0};
    op_error_t oe;
    csv_reader_t *rd = NULL;
    char err[300];
    int c, rc, dry_run = 0, skip = 0;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            url = optarg;
        else if (c == 'n')
            dry_run = 1;
        else if (c == 's')
            skip = 1;
        else
            return cli_bad_option(CMD, argc, argv);
    }
    if (optind != argc - 1)
        return cli_usage_error(CMD, "give exactly one FILE.csv (or - for standard input)");
    im.file = argv[optind];
    im.progress = isatty(STDERR_FILENO);
    app_init(&im.app, NULL, THADS_VERSION);
    im.now = im.app.now();
    im.today = app_today(&im.app);
    if ((im.warnings = calloc(1, sizeof *im.warnings)) == NULL)
        return cli_fail(CMD, "out of memory");
    if ((im.bulk = case_bulk_new()) == NULL) {
        free(im.warnings);
        return cli_fail(CMD, "out of memory");
    }
    if ((rc = cli_open_migrated(CMD, url, &im.db)) != 0) {
        case_bulk_free(im.bulk);
        free(im.warnings);
        return rc;
    }
    /* The indexes a million cases touch at random (parties, judgments, search, the
     * case's own) stay in memory; on SQLite the data is written once rather than
     * through the WAL when nothing else has it open. */
    if (db_bulk_begin(im.db, IMPORT_CACHE_MB) != DB_OK) {
        rc = cli_fail(CMD, "cannot set up the database: %s", db_errmsg(im.db));
        goto out;
    }
    if ((rd = csvr_open(im.file, err, sizeof err)) == NULL) {
        rc = cli_fail(CMD, "%s: %s", im.file, err);
        goto out;
    }
    if ((rc = check_header(&im, rd)) != 0 || (rc = load_names(&im)) != 0)
        goto out;
    if (db_begin(im.db) != DB_OK || search_defer_begin(im.db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(im.db));
        if (db_in_transaction(im.db))
            db_rollback(im.db);
        goto out;
    }
    if ((rc = import_all(&im, rd)) != 0) {
        db_rollback(im.db);
        goto out;
    }
    /* The search documents, waiting since search_defer_begin, indexed in one pass. */
    if ((im.bad == 0 || skip) && !dry_run && search_defer_end(im.db) != DB_OK) {
        rc = cli_fail(CMD, "%s: cannot index the cases for search: %s; nothing imported", im.file,
                      db_errmsg(im.db));
        db_rollback(im.db);
        goto out;
    }
    /* The indexes and references dropped for the load are restored when it commits (a
     * rollback restores them too); the statistics written unless the ending rolls back anyway (bad
     * rows without
     * --skip-bad-rows). */
    if ((im.bad == 0 || skip) && !dry_run) {
        int built = cases_deferred_build(im.db, im.deferred);
        im.deferred = NULL;
        if (built != DB_OK) {
            rc = cli_fail(CMD, "%s: cannot build the indexes and references: %s; nothing imported",
                          im.file, db_errmsg(im.db));
            db_rollback(im.db);
            goto out;
        }
    }
    if ((im.bad == 0 || skip) && case_bulk_write_sums(im.bulk, im.db, &oe) != 0) {
        rc = cli_fail(CMD, "%s: cannot write the balances and statistics: %s; nothing imported",
                      im.file, oe.en);
        db_rollback(im.db);
        goto out;
    }
    {
        cli_import_end_t end = {CMD,    "cases", im.file, im.db,           im.now, (long)im.nmade,
                                im.bad, dry_run, skip,    print_counts_cb, &im};
        rc = cli_import_finish(&end);
    }
out:
    csvr_close(rd);
    strmap_free(&im.units);
    strmap_free(&im.officers);
    free(im.made);
    free(im.warnings);
    case_bulk_free(im.bulk);
    cases_deferred_free(im.deferred);
    if (im.db != NULL && !db_in_transaction(im.db))
        (void)db_bulk_end(im.db); /* WAL mode again: the next connection would set it anyway */
    db_close(im.db);
    return rc;
}
