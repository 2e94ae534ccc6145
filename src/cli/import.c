/*
 * cli/import.c — `thads import units FILE.csv`: load an organization tree from CSV
 * (docs/import.md), all of it in one transaction with one audit row.
 *
 * How a file is checked, in order; each row gets at most one reason, the first found:
 *   1. the header: exactly the six columns, in any order;
 *   2. each row alone: field count, dates, then code, name and kind (core/unit.h);
 *   3. codes: a code seen earlier in the file, or already in the database, is refused,
 *      so importing a file twice never doubles a unit;
 *   4. parents: a parent_code found in the database is used as it is; else it must be
 *      the code of a row of the file; else the row is refused;
 *   5. rows are created by unit_op_create (the API's rules: dates inside the parent's,
 *      only a ministry without a parent, ...) in dependency order: first the rows whose
 *      parent is in the database (or who have none), then, as each is created, its
 *      children from the file. So a file may list children before parents;
 *   6. what is left could not be created: rows on a cycle of parent_codes, and rows
 *      below a refused row, which are refused in turn.
 * Steps 3-5 run inside the transaction, so a dry run checks against the database too.
 *
 * Cost: the rows are held in memory (at most IMPORT_MAX_ROWS; a national tree has a
 * few thousand units) and each step is O(n) or O(n log n), plus a few statements per
 * row; cases, which come by the million, are streamed (cli/import_cases.c).
 */
#include "ops/app.h"
#include "ops/unit_ops.h"
#include "cli/cli.h"
#include "cli/csv.h"
#include "core/unit.h"
#include "store/units.h"

#include <assert.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMD             "import"
#define IMPORT_MAX_ROWS 100000

enum { C_CODE, C_NAME, C_KIND, C_PARENT, C_FROM, C_TO, C_COUNT };
static const char *const column_names[C_COUNT] = {"code",        "name",       "kind",
                                                  "parent_code", "valid_from", "valid_to"};

typedef enum { ROW_PENDING, ROW_DONE, ROW_BAD } row_state_t;

typedef struct {
    long line;
    char *text;             /* the six fields, NUL-separated, one allocation */
    const char *f[C_COUNT]; /* "" for a field the row lacks */
    civil_date_t from, to;
    row_state_t state;
    int parent_row;                /* the parent's row in the file, or -1 */
    int64_t parent_id;             /* the parent in the database; 0: none or not yet */
    int64_t id;                    /* the unit created */
    int first_child, next_sibling; /* rows whose parent_row is this one, in file order */
    int colno;                     /* of a bad row: 1-based column at fault */
    char *reason;                  /* of a bad row: "column: why" (NULL: out of memory) */
} unit_line_t;

typedef struct {
    const char *file;
    int col[C_COUNT]; /* 0-based index in the file of each column */
    unit_line_t *rows;
    int n, cap, bad, created;
    int *by_code; /* row indexes sorted by (code, index) */
    int progress; /* standard error is a terminal */
    db_t *db;
    int64_t now;
} unit_import_t;

/* Refuse row r at column c (C_*, or -1 with colno given) for the reason fmt. */
static void mark_bad_at(unit_import_t *im, int r, int colno, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void mark_bad_at(unit_import_t *im, int r, int colno, const char *fmt, ...)
{
    unit_line_t *row = &im->rows[r];
    va_list ap;

    assert(row->state != ROW_BAD);
    row->state = ROW_BAD;
    row->colno = colno;
    va_start(ap, fmt);
    if (vasprintf(&row->reason, fmt, ap) < 0)
        row->reason = NULL;
    va_end(ap);
    im->bad++;
}

#define mark_bad(im, r, c, fmt, ...)                                                               \
    mark_bad_at((im), (r), (im)->col[(c)] + 1, "%s: " fmt, column_names[(c)], __VA_ARGS__)

static void progress(const unit_import_t *im, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void progress(const unit_import_t *im, const char *fmt, ...)
{
    va_list ap;

    if (!im->progress)
        return;
    fputs("\rthads import: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\033[K", stderr);
    fflush(stderr);
}

static void progress_done(const unit_import_t *im)
{
    if (im->progress)
        fputs("\r\033[K", stderr);
}

/* ---- reading ------------------------------------------------------------------- */

/* Map the header to the six columns; 0, or 1 after one line naming what is wrong. */
static int check_header(unit_import_t *im, const csv_reader_t *r)
{
    char unknown[512] = "", missing[200] = "", buf[64];

    for (int c = 0; c < C_COUNT; c++)
        im->col[c] = -1;
    for (size_t i = 0; i < csvr_columns(r); i++) {
        const char *name = csvr_column_name(r, i);
        int c = 0;
        while (c < C_COUNT && strcmp(name, column_names[c]) != 0)
            c++;
        if (c == C_COUNT) {
            snprintf(unknown + strlen(unknown), sizeof unknown - strlen(unknown),
                     "%s'%s' (column %zu)", unknown[0] ? ", " : "", cli_shown(name, buf), i + 1);
            continue;
        }
        if (im->col[c] >= 0)
            return cli_fail(CMD, "%s:1: column '%s' appears twice (columns %d and %zu)", im->file,
                            name, im->col[c] + 1, i + 1);
        im->col[c] = (int)i;
    }
    for (int c = 0; c < C_COUNT; c++)
        if (im->col[c] < 0)
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                     missing[0] ? ", " : "", column_names[c]);
    if (unknown[0] || missing[0])
        return cli_fail(CMD,
                        "%s:1: %s%s%s%s%s (the columns are code, name, kind, parent_code, "
                        "valid_from, valid_to)",
                        im->file, unknown[0] ? "unknown column(s) " : "", unknown,
                        unknown[0] && missing[0] ? "; " : "",
                        missing[0] ? "missing column(s) " : "", missing);
    return 0;
}

/* Copy a record into a new row and check what can be checked without the database. */
static int add_row(unit_import_t *im, const csv_record_t *rec)
{
    size_t size = 0, ncols = C_COUNT;
    char buf[64];
    unit_line_t *row;
    char *p;
    const char *field;
    unit_check_t uc;
    int r, from_ok, to_ok;

    if (im->n == im->cap) {
        int cap = im->cap ? im->cap * 2 : 256;
        unit_line_t *nr = realloc(im->rows, (size_t)cap * sizeof *nr);
        if (nr == NULL)
            return -1;
        im->rows = nr;
        im->cap = cap;
    }
    r = im->n;
    row = &im->rows[r];
    memset(row, 0, sizeof *row);
    row->line = rec->line;
    row->parent_row = row->first_child = row->next_sibling = -1;
    for (int c = 0; c < C_COUNT; c++)
        if ((size_t)im->col[c] < rec->nfields)
            size += strlen(rec->fields[im->col[c]]);
    if ((row->text = p = malloc(size + C_COUNT)) == NULL)
        return -1;
    im->n++;
    for (int c = 0; c < C_COUNT; c++) {
        const char *v = (size_t)im->col[c] < rec->nfields ? rec->fields[im->col[c]] : "";
        size_t len = strlen(v);
        memcpy(p, v, len + 1);
        row->f[c] = p;
        p += len + 1;
    }
    /* The header has exactly the six columns (check_header), so ncols == C_COUNT. */
    if (rec->nfields != ncols) {
        size_t colno = rec->nfields < ncols ? rec->nfields + 1 : ncols + 1;
        if (rec->nfields < ncols) {
            int c = 0;
            while (im->col[c] != (int)rec->nfields)
                c++;
            mark_bad_at(im, r, (int)colno, "%s: missing (the row has %zu fields, the header %zu)",
                        column_names[c], rec->nfields, ncols);
        } else {
            mark_bad_at(im, r, (int)colno, "the row has %zu fields, the header only %zu",
                        rec->nfields, ncols);
        }
        return 0;
    }
    from_ok = civil_date_parse(row->f[C_FROM], &row->from) == 0;
    row->to = CIVIL_DATE_INVALID;
    to_ok = row->f[C_TO][0] == '\0' || civil_date_parse(row->f[C_TO], &row->to) == 0;
    uc = unit_check(row->f[C_CODE], row->f[C_NAME], row->f[C_KIND], from_ok ? row->from : 0,
                    to_ok ? row->to : CIVIL_DATE_INVALID, &field);
    if (uc == UNIT_BAD_CODE)
        mark_bad(im, r, C_CODE, "'%s': %s", cli_shown(row->f[C_CODE], buf), unit_check_en(uc));
    else if (uc == UNIT_BAD_NAME)
        mark_bad(im, r, C_NAME, "%s", unit_check_en(uc));
    else if (uc == UNIT_BAD_KIND)
        mark_bad(im, r, C_KIND, "unknown unit kind '%s' (see docs/import.md)",
                 cli_shown(row->f[C_KIND], buf));
    else if (!from_ok && row->f[C_FROM][0] == '\0')
        mark_bad(im, r, C_FROM, "%s", "missing; give the unit's first day, YYYY-MM-DD");
    else if (!from_ok)
        mark_bad(im, r, C_FROM, "'%s' is not a date YYYY-MM-DD", cli_shown(row->f[C_FROM], buf));
    else if (!to_ok)
        mark_bad(im, r, C_TO, "'%s' is not a date YYYY-MM-DD", cli_shown(row->f[C_TO], buf));
    else if (uc == UNIT_BAD_DATES)
        mark_bad(im, r, C_TO, "%s", unit_check_en(uc));
    return 0;
}

/* Read the whole file into im->rows. 0, or 1 after an error line. */
static int read_rows(unit_import_t *im)
{
    char err[300];
    csv_reader_t *r = csvr_open(im->file, err, sizeof err);
    csv_record_t rec;
    int rc;

    if (r == NULL)
        return cli_fail(CMD, "%s: %s", im->file, err);
    if ((rc = check_header(im, r)) != 0)
        goto out;
    while ((rc = csvr_next(r, &rec)) == 1) {
        if (im->n == IMPORT_MAX_ROWS) {
            rc = cli_fail(CMD, "%s:%ld: more than %d rows; split the file", im->file, rec.line,
                          IMPORT_MAX_ROWS);
            goto out;
        }
        if (add_row(im, &rec) != 0) {
            rc = cli_fail(CMD, "out of memory reading %s", im->file);
            goto out;
        }
        if (im->n % 4096 == 0) {
            uint64_t done, total;
            csvr_progress(r, &done, &total);
            progress(im, "read %d rows (%d%%)", im->n, total ? (int)(done * 100 / total) : 0);
        }
    }
    if (rc < 0)
        rc = cli_fail(CMD, "%s: %s; nothing imported", im->file, csvr_error(r));
out:
    progress_done(im);
    csvr_close(r);
    return rc;
}

/* ---- resolving ----------------------------------------------------------------- */

static const unit_import_t *sort_im; /* qsort has no context argument */

static int by_code_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    int c = strcmp(sort_im->rows[x].f[C_CODE], sort_im->rows[y].f[C_CODE]);

    return c ? c : (x > y) - (x < y);
}

/* The first row of the file with this code, or -1. */
static int find_code(const unit_import_t *im, const char *code)
{
    int lo = 0, hi = im->n;

    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(im->rows[im->by_code[mid]].f[C_CODE], code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < im->n && strcmp(im->rows[im->by_code[lo]].f[C_CODE], code) == 0 ? im->by_code[lo]
                                                                                : -1;
}

/* Steps 3 and 4: codes unique in the file and new to the database; parents found.
 * 0, or 1 after a database error line. */
static int resolve(unit_import_t *im)
{
    char buf[64];
    unit_row_t u;
    int rc;

    if ((im->by_code = malloc((size_t)(im->n ? im->n : 1) * sizeof *im->by_code)) == NULL)
        return cli_fail(CMD, "out of memory");
    for (int i = 0; i < im->n; i++)
        im->by_code[i] = i;
    sort_im = im;
    qsort(im->by_code, (size_t)im->n, sizeof *im->by_code, by_code_cmp);
    for (int i = 1; i < im->n; i++) {
        const unit_line_t *first = &im->rows[im->by_code[i - 1]];
        int r = im->by_code[i];
        if (strcmp(first->f[C_CODE], im->rows[r].f[C_CODE]) != 0 ||
            im->rows[r].f[C_CODE][0] == '\0' || im->rows[r].state == ROW_BAD)
            continue;
        /* by_code is by (code, index): walk back to the first of the run for its line. */
        int k = i - 1;
        while (k > 0 && strcmp(im->rows[im->by_code[k - 1]].f[C_CODE], im->rows[r].f[C_CODE]) == 0)
            k--;
        mark_bad_at(im, r, im->col[C_CODE] + 1, "code %s already exists (line %ld)",
                    cli_shown(im->rows[r].f[C_CODE], buf), im->rows[im->by_code[k]].line);
    }
    for (int r = 0; r < im->n; r++) {
        unit_line_t *row = &im->rows[r];
        if (row->state == ROW_BAD)
            continue;
        if (r % 256 == 0)
            progress(im, "checked %d of %d rows", r, im->n);
        rc = units_get_by_code(im->db, row->f[C_CODE], row->from, &u);
        if (rc == DB_ROW) {
            mark_bad_at(im, r, im->col[C_CODE] + 1, "code %s already exists",
                        cli_shown(row->f[C_CODE], buf));
            continue;
        }
        if (rc != DB_DONE)
            return cli_fail(CMD, "%s:%ld: database error: %s; nothing imported", im->file,
                            row->line, db_errmsg(im->db));
        if (row->f[C_PARENT][0] == '\0')
            continue;
        rc = units_get_by_code(im->db, row->f[C_PARENT], row->from, &u);
        if (rc == DB_ROW) {
            row->parent_id = u.id;
        } else if (rc != DB_DONE) {
            return cli_fail(CMD, "%s:%ld: database error: %s; nothing imported", im->file,
                            row->line, db_errmsg(im->db));
        } else if ((row->parent_row = find_code(im, row->f[C_PARENT])) < 0) {
            mark_bad(im, r, C_PARENT, "parent %s not found", cli_shown(row->f[C_PARENT], buf));
        }
    }
    progress_done(im);
    /* Children lists in file order: prepend while walking the file backwards. */
    for (int r = im->n - 1; r >= 0; r--) {
        int p = im->rows[r].parent_row;
        if (im->rows[r].state != ROW_BAD && p >= 0) {
            im->rows[r].next_sibling = im->rows[p].first_child;
            im->rows[p].first_child = r;
        }
    }
    return 0;
}

/* ---- creating ------------------------------------------------------------------ */

static int column_of_field(const char *field)
{
    static const char *const fields[C_COUNT] = {"code",      "name_vi",    "kind",
                                                "parent_id", "valid_from", "valid_to"};

    for (int c = 0; c < C_COUNT; c++)
        if (strcmp(field, fields[c]) == 0)
            return c;
    return C_CODE;
}

/* Step 5: create the rows in dependency order, breadth first from the rows whose
 * parent is in the database. 0, or 1 after a database error line (the transaction is
 * then unusable on PostgreSQL, so the import stops). */
static int create_rows(unit_import_t *im)
{
    int *queue = malloc((size_t)(im->n ? im->n : 1) * sizeof *queue);
    int head = 0, tail = 0;

    if (queue == NULL)
        return cli_fail(CMD, "out of memory");
    for (int r = 0; r < im->n; r++)
        if (im->rows[r].state == ROW_PENDING && im->rows[r].parent_row < 0)
            queue[tail++] = r;
    while (head < tail) {
        int r = queue[head++];
        unit_line_t *row = &im->rows[r];
        unit_input_t in = {
            .code = row->f[C_CODE],
            .name_vi = row->f[C_NAME],
            .kind = row->f[C_KIND],
            .parent_id = row->parent_row >= 0 ? im->rows[row->parent_row].id : row->parent_id,
            .valid_from = row->from,
            .valid_to = row->to,
        };
        op_error_t err;

        if (head % 256 == 0)
            progress(im, "created %d of %d rows", head, im->n);
        if (unit_op_create(im->db, &in, 0, im->now, &row->id, &err) != 0) {
            if (!op_is_refusal(err.status) || strcmp(err.code, "duplicate_code") == 0) {
                free(queue);
                progress_done(im);
                return cli_fail(CMD, "%s:%ld: %s; nothing imported", im->file, row->line,
                                !op_is_refusal(err.status)
                                    ? db_errmsg(im->db)
                                    : "another process created this code meanwhile");
            }
            int c = column_of_field(err.field);
            mark_bad(im, r, c, "%s", err.en);
            continue;
        }
        row->state = ROW_DONE;
        im->created++;
        for (int k = row->first_child; k >= 0; k = im->rows[k].next_sibling)
            if (im->rows[k].state == ROW_PENDING)
                queue[tail++] = k;
    }
    free(queue);
    progress_done(im);
    return 0;
}

/* Step 6: the rows still pending sit on a cycle of parent_codes or below a refused
 * row. Mark the cycles (each row's parent chain is followed once: O(n)), then refuse
 * every pending row below a refused one, breadth first down the children lists. */
static int refuse_leftovers(unit_import_t *im)
{
    enum { WHITE, ON_PATH, FINISHED };
    char *color = calloc((size_t)(im->n ? im->n : 1), 1);
    int *path = malloc((size_t)(im->n ? im->n : 1) * sizeof *path);
    int head = 0, tail = 0;

    if (color == NULL || path == NULL) {
        free(color);
        free(path);
        return cli_fail(CMD, "out of memory");
    }
    for (int r = 0; r < im->n; r++) {
        int len = 0, x = r;
        while (x >= 0 && im->rows[x].state == ROW_PENDING && color[x] == WHITE) {
            color[x] = ON_PATH;
            path[len++] = x;
            x = im->rows[x].parent_row;
        }
        if (x >= 0 && im->rows[x].state == ROW_PENDING && color[x] == ON_PATH) {
            /* x .. path[len-1] is a cycle: describe it from each member. */
            int start = 0;
            while (start < len && path[start] != x)
                start++;
            for (int i = start; i < len; i++) {
                char text[400] = "", buf[64];
                int y = path[i], steps = 0;
                do {
                    snprintf(text + strlen(text), sizeof text - strlen(text), "%s (line %ld) -> ",
                             cli_shown(im->rows[y].f[C_CODE], buf), im->rows[y].line);
                    y = im->rows[y].parent_row;
                } while (y != path[i] && ++steps < 8);
                snprintf(text + strlen(text), sizeof text - strlen(text), "%s",
                         y == path[i] ? cli_shown(im->rows[y].f[C_CODE], buf) : "…");
                mark_bad(im, path[i], C_PARENT, "a cycle of parents: %s", text);
            }
        }
        for (int i = 0; i < len; i++)
            color[path[i]] = FINISHED;
    }
    /* Reuse path as the queue of refused rows whose children must be refused too. */
    for (int r = 0; r < im->n; r++)
        if (im->rows[r].state == ROW_BAD)
            path[tail++] = r;
    while (head < tail) {
        const unit_line_t *p = &im->rows[path[head++]];
        char buf[64];
        for (int k = p->first_child; k >= 0; k = im->rows[k].next_sibling)
            if (im->rows[k].state == ROW_PENDING) {
                mark_bad(im, k, C_PARENT, "parent %s (line %ld) is a bad row",
                         cli_shown(p->f[C_CODE], buf), p->line);
                path[tail++] = k;
            }
    }
    for (int r = 0; r < im->n; r++)
        assert(im->rows[r].state != ROW_PENDING);
    free(color);
    free(path);
    return 0;
}

/* ---- reporting ----------------------------------------------------------------- */

static void report_bad(const unit_import_t *im)
{
    for (int r = 0; r < im->n; r++) {
        const unit_line_t *row = &im->rows[r];
        if (row->state == ROW_BAD)
            fprintf(stderr, "%s:%ld:%d: %s\n", im->file, row->line, row->colno,
                    row->reason ? row->reason : "(out of memory describing the error)");
    }
}

static void list_created(const unit_import_t *im)
{
    for (int r = 0; r < im->n; r++) {
        const unit_line_t *row = &im->rows[r];
        if (row->state == ROW_DONE)
            printf("  %-20s %-19s %s%s%s\n", row->f[C_CODE], row->f[C_KIND], row->f[C_NAME],
                   row->f[C_PARENT][0] ? "  < " : "", row->f[C_PARENT]);
    }
}

static void import_free(unit_import_t *im)
{
    for (int r = 0; r < im->n; r++) {
        free(im->rows[r].text);
        free(im->rows[r].reason);
    }
    free(im->rows);
    free(im->by_code);
}

static void list_created_cb(const void *arg)
{
    list_created(arg);
}

static int import_units(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"dry-run", no_argument, NULL, 'n'},
                                         {"skip-bad-rows", no_argument, NULL, 's'},
                                         {NULL, 0, NULL, 0}};
    const char *url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    unit_import_t im = {0};
    app_t app;
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
    app_init(&app, NULL, THADS_VERSION);
    im.now = app.now();
    if ((rc = cli_open_migrated(CMD, url, &im.db)) != 0)
        return rc;
    if ((rc = read_rows(&im)) != 0)
        goto out;
    if (db_begin(im.db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(im.db));
        goto out;
    }
    if ((rc = resolve(&im)) != 0 || (rc = create_rows(&im)) != 0 ||
        (rc = refuse_leftovers(&im)) != 0) {
        db_rollback(im.db);
        goto out;
    }
    report_bad(&im);
    {
        cli_import_end_t end = {CMD,    "units", im.file, im.db,           im.now, im.created,
                                im.bad, dry_run, skip,    list_created_cb, &im};
        rc = cli_import_finish(&end);
    }
out:
    import_free(&im);
    db_close(im.db);
    return rc;
}

int cmd_import(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-')
        return cli_usage_error(CMD, "give what to import first: thads import units|cases FILE.csv");
    if (strcmp(argv[1], "units") == 0)
        return import_units(argc - 1, argv + 1);
    if (strcmp(argv[1], "cases") == 0)
        return cli_import_cases(argc - 1, argv + 1);
    return cli_usage_error(CMD, "unknown import kind '%s' (known: units, cases)", argv[1]);
}
