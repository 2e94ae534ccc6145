/*
 * core/rules.c — the dated rule table.
 *
 * Representation: the rows in file order, and one block holding every text field
 * (unquoted, NUL-terminated) that the rows point into. Both are sized once, before
 * parsing, from the input: at most one row per line, and the unquoted fields of a line
 * never need more bytes than the line plus one. So parsing allocates five blocks in
 * all (the temporary line and column numbers included), whatever the table holds.
 *
 * Lookups scan the rows: the table has a few dozen rows and is read a few times per
 * event recorded, so a scan costs well under a microsecond. Should it grow to thousands
 * of rows, sort by (rule_id, effective_from) and search instead. The overlap and gap
 * checks in the parser are quadratic for the same reason and with the same limit.
 */
#include "core/rules.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* The columns of the table; the last, legal_ref_vi, may be missing from a file written
 * before it existed (an administrator's corrected copy). */
#define RULES_NFIELDS     10
#define RULES_NFIELDS_OLD 9

struct rules {
    rule_t *rows;
    size_t n;
    char *text; /* every string the rows point to */
};

typedef struct {
    rules_t *r;
    int *line_of; /* CSV line of each row, for overlap and gap messages */
    int *col_of;  /* column of each row's effective_from */
    size_t text_used;
    int nfields; /* RULES_NFIELDS, or RULES_NFIELDS_OLD after the older header */
    char *err;
    size_t errlen;
} rules_builder_t;

/* One field of a line: its raw bytes (inside the quotes, if quoted) and 1-based
 * column. */
typedef struct {
    const char *s;
    size_t n;
    int col;
    int quoted;
} rules_field_t;

static const char *const unit_codes[RULE_UNIT_COUNT] = {
    [RULE_UNIT_CD] = "CD", [RULE_UNIT_WD] = "WD",   [RULE_UNIT_H] = "H",
    [RULE_UNIT_M] = "M",   [RULE_UNIT_PPM] = "PPM", [RULE_UNIT_VND] = "VND",
};

/* The tags of THADS.md 0.1; rows point at these, not into the text block. */
static const char *const tags[] = {"S", "W", "M", "D"};

static const char header[] =
    "rule_id,effective_from,effective_to,value,unit,legal_ref,tag,name_vi,name_en,legal_ref_vi";
/* The header before legal_ref_vi: header without its last column. */
#define HEADER_OLD_LEN (sizeof header - 1 - sizeof ",legal_ref_vi" + 1)

static void rules_set_err(rules_builder_t *b, int line, int col, const char *msg)
{
    if (b->err != NULL && b->errlen > 0)
        snprintf(b->err, b->errlen, "line %d, column %d: %s", line, col, msg);
}

/* Split line s[0..n) into f[]. Returns the number of fields, or -1 with the error
 * set. A field past b->nfields is an error at once, so f needs RULES_NFIELDS entries. */
static int rules_split(rules_builder_t *b, int line, const char *s, size_t n, rules_field_t *f)
{
    size_t i = 0;
    int nf = 0;
    char msg[64];

    for (;;) {
        rules_field_t fld = {.col = (int)i + 1};
        if (nf == b->nfields) {
            snprintf(msg, sizeof msg, "too many fields (expected %d)", b->nfields);
            rules_set_err(b, line, fld.col, msg);
            return -1;
        }
        if (i < n && s[i] == '"') {
            size_t j = i + 1;
            for (;;) {
                const char *q = memchr(s + j, '"', n - j);
                if (q == NULL) {
                    rules_set_err(b, line, fld.col, "unterminated quoted field");
                    return -1;
                }
                j = (size_t)(q - s);
                if (j + 1 < n && s[j + 1] == '"') {
                    j += 2; /* "" is one quote */
                    continue;
                }
                break;
            }
            fld.s = s + i + 1;
            fld.n = j - i - 1;
            fld.quoted = 1;
            i = j + 1;
            if (i < n && s[i] != ',') {
                rules_set_err(b, line, (int)i + 1, "text after a closing quote");
                return -1;
            }
        } else {
            const char *c = memchr(s + i, ',', n - i);
            size_t end = c ? (size_t)(c - s) : n;
            const char *q = memchr(s + i, '"', end - i);
            if (q != NULL) {
                rules_set_err(b, line, (int)(q - s) + 1,
                              "quote inside an unquoted field (quote the whole field)");
                return -1;
            }
            fld.s = s + i;
            fld.n = end - i;
            i = end;
        }
        f[nf++] = fld;
        if (i >= n)
            return nf;
        i++; /* the comma; a comma at the end of the line starts one more, empty field */
    }
}

/* Copy field f into the text block, unquoting "" to ", and return the copy. The block
 * was sized for the whole input, so it cannot run out. */
static char *rules_store(rules_builder_t *b, const rules_field_t *f)
{
    char *dst = b->r->text + b->text_used;
    size_t k = 0;
    for (size_t i = 0; i < f->n; i++) {
        dst[k++] = f->s[i];
        if (f->quoted && f->s[i] == '"')
            i++;
    }
    dst[k] = '\0';
    b->text_used += k + 1;
    return dst;
}

/* A date field: 0 and *d, or -1 with the error set. An empty field is CIVIL_DATE_INVALID
 * when `optional`. */
static int rules_date(rules_builder_t *b, int line, const rules_field_t *f, const char *text,
                      int optional, civil_date_t *d)
{
    if (f->n == 0 && optional) {
        *d = CIVIL_DATE_INVALID;
        return 0;
    }
    if (civil_date_parse(text, d) != 0) {
        rules_set_err(b, line, f->col, "invalid date (expected YYYY-MM-DD)");
        return -1;
    }
    return 0;
}

/* A human-text field (legal_ref, names): 0, or -1 with the error set. */
static int rules_text(rules_builder_t *b, int line, const rules_field_t *f, const char *text,
                      const char *what)
{
    char msg[96];
    text_status_t st = text_check_line(text, RULES_TEXT_MAX);
    if (st == TEXT_OK)
        return 0;
    if (st == TEXT_EMPTY)
        snprintf(msg, sizeof msg, "empty %s", what);
    else if (st == TEXT_TOO_LONG)
        snprintf(msg, sizeof msg, "%s longer than %d characters", what, RULES_TEXT_MAX);
    else
        snprintf(msg, sizeof msg, "%s %s", what, text_status_en(st));
    rules_set_err(b, line, f->col, msg);
    return -1;
}

/* Two validity periods share a day. CIVIL_DATE_INVALID as an end means open. */
static int rules_overlap(const rule_t *x, civil_date_t from, civil_date_t to)
{
    civil_date_t xto = x->effective_to == CIVIL_DATE_INVALID ? INT32_MAX : x->effective_to;
    civil_date_t yto = to == CIVIL_DATE_INVALID ? INT32_MAX : to;
    return from <= xto && x->effective_from <= yto;
}

/* Parse one data row (line `line`, text s[0..n)) and append it. Returns 0, or -1 with
 * the error set. Fields are checked left to right, so the error names the first bad
 * one. */
static int rules_parse_row(rules_builder_t *b, int line, const char *s, size_t n)
{
    rules_field_t f[RULES_NFIELDS];
    char msg[128];

    int nf = rules_split(b, line, s, n, f);
    if (nf < 0)
        return -1;
    if (nf < b->nfields) {
        snprintf(msg, sizeof msg, "too few fields (expected %d, found %d)", b->nfields, nf);
        rules_set_err(b, line, (int)n + 1, msg);
        return -1;
    }

    size_t mark = b->text_used; /* give the text back if the row is refused */
    static char absent[] = "";  /* a field past the file's header (legal_ref_vi) */
    char *text[RULES_NFIELDS];
    for (int i = 0; i < RULES_NFIELDS; i++)
        text[i] = i < b->nfields ? rules_store(b, &f[i]) : absent;

    /* A file without legal_ref_vi says the basis once, as it is written in legal_ref. */
    rule_t row = {.rule_id = text[0],
                  .legal_ref = text[5],
                  .name_vi = text[7],
                  .name_en = text[8],
                  .legal_ref_vi = b->nfields == RULES_NFIELDS ? text[9] : text[5]};

    size_t idlen = strlen(text[0]);
    if (idlen == 0) {
        rules_set_err(b, line, f[0].col, "empty rule_id");
        goto bad;
    }
    if (idlen > RULES_ID_MAX || strspn(text[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != idlen) {
        snprintf(msg, sizeof msg, "invalid rule_id (expected A-Z, 0-9 and _, at most %d)",
                 RULES_ID_MAX);
        rules_set_err(b, line, f[0].col, msg);
        goto bad;
    }
    if (rules_date(b, line, &f[1], text[1], 0, &row.effective_from) != 0 ||
        rules_date(b, line, &f[2], text[2], 1, &row.effective_to) != 0)
        goto bad;
    if (row.effective_to != CIVIL_DATE_INVALID && row.effective_to < row.effective_from) {
        rules_set_err(b, line, f[2].col, "effective_to is before effective_from");
        goto bad;
    }

    size_t vlen = strlen(text[3]);
    if (vlen == 0 || strspn(text[3], "0123456789") != vlen) {
        rules_set_err(b, line, f[3].col, "value is not a non-negative integer");
        goto bad;
    }
    row.value = 0;
    for (size_t i = 0; i < vlen; i++) {
        int digit = text[3][i] - '0';
        if (row.value > (INT64_MAX - digit) / 10) {
            rules_set_err(b, line, f[3].col, "value too large");
            goto bad;
        }
        row.value = row.value * 10 + digit;
    }

    int unit = -1;
    for (int u = 0; u < RULE_UNIT_COUNT; u++)
        if (strcmp(text[4], unit_codes[u]) == 0)
            unit = u;
    if (unit < 0) {
        rules_set_err(b, line, f[4].col, "unknown unit (expected CD, WD, H, M, PPM or VND)");
        goto bad;
    }
    row.unit = (rule_unit_t)unit;

    if (rules_text(b, line, &f[5], text[5], "legal_ref") != 0)
        goto bad;
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++)
        if (strcmp(text[6], tags[t]) == 0)
            row.tag = tags[t];
    if (row.tag == NULL) {
        rules_set_err(b, line, f[6].col, "unknown tag (expected S, W, M or D)");
        goto bad;
    }
    if (rules_text(b, line, &f[7], text[7], "name_vi") != 0 ||
        rules_text(b, line, &f[8], text[8], "name_en") != 0 ||
        (b->nfields == RULES_NFIELDS && rules_text(b, line, &f[9], text[9], "legal_ref_vi") != 0))
        goto bad;

    for (size_t k = 0; k < b->r->n; k++) {
        const rule_t *x = &b->r->rows[k];
        if (strcmp(x->rule_id, row.rule_id) == 0 &&
            rules_overlap(x, row.effective_from, row.effective_to)) {
            snprintf(msg, sizeof msg, "validity overlaps %s on line %d", x->rule_id, b->line_of[k]);
            rules_set_err(b, line, f[1].col, msg);
            goto bad;
        }
    }

    b->line_of[b->r->n] = line;
    b->col_of[b->r->n] = f[1].col;
    b->r->rows[b->r->n++] = row;
    return 0;

bad:
    b->text_used = mark;
    return -1;
}

/* The versions of one rule_id must follow each other without a gap: a version that
 * ends (effective_to set) while a later one exists must be followed the very next day.
 * Overlaps were refused row by row, so the later versions of a closed one all start
 * after its end, and the earliest of them is its successor. A gap is reported on the
 * successor's line, at its effective_from; of several gaps, the one on the first line.
 * Returns 0, or -1 with the error set. */
static int rules_check_gaps(rules_builder_t *b)
{
    const rules_t *r = b->r;
    size_t bad = SIZE_MAX, bad_prev = 0;

    for (size_t i = 0; i < r->n; i++) {
        const rule_t *x = &r->rows[i];
        size_t next = SIZE_MAX;
        if (x->effective_to == CIVIL_DATE_INVALID)
            continue;
        for (size_t k = 0; k < r->n; k++) {
            const rule_t *y = &r->rows[k];
            if (k != i && strcmp(y->rule_id, x->rule_id) == 0 &&
                y->effective_from > x->effective_to &&
                (next == SIZE_MAX || y->effective_from < r->rows[next].effective_from))
                next = k;
        }
        if (next == SIZE_MAX || r->rows[next].effective_from - 1 == x->effective_to)
            continue;
        if (bad == SIZE_MAX || b->line_of[next] < b->line_of[bad] ||
            (b->line_of[next] == b->line_of[bad] && b->line_of[i] < b->line_of[bad_prev])) {
            bad = next;
            bad_prev = i;
        }
    }
    if (bad == SIZE_MAX)
        return 0;

    char msg[160], end[11], first[11], last[11];
    civil_date_format(r->rows[bad_prev].effective_to, end);
    civil_date_format(r->rows[bad_prev].effective_to + 1, first);
    civil_date_format(r->rows[bad].effective_from - 1, last);
    snprintf(msg, sizeof msg,
             "gap in the validity of %s: the version on line %d ends %s, so %s to %s has "
             "no version",
             r->rows[bad].rule_id, b->line_of[bad_prev], end, first, last);
    rules_set_err(b, b->line_of[bad], b->col_of[bad], msg);
    return -1;
}

/* Walk the CSV text line by line. Returns 0, or -1 with the error set. */
static int rules_parse_text(rules_builder_t *b, const char *text)
{
    const char *p = text;
    int line = 0, have_header = 0;
    char msg[64];

    /* A byte-order mark, as spreadsheet programs write, is not content. */
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
        p += 3;

    while (*p != '\0') {
        line++;
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        const char *next = eol ? eol + 1 : p + n;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n > RULES_CSV_MAX_LINE) {
            snprintf(msg, sizeof msg, "line longer than %d bytes", RULES_CSV_MAX_LINE);
            rules_set_err(b, line, RULES_CSV_MAX_LINE + 1, msg);
            return -1;
        }
        if (strspn(p, " \t") >= n || p[0] == '#') {
            p = next;
            continue;
        }
        if (!have_header) {
            if (n == sizeof header - 1 && memcmp(p, header, n) == 0)
                b->nfields = RULES_NFIELDS;
            else if (n == HEADER_OLD_LEN && memcmp(p, header, n) == 0)
                b->nfields = RULES_NFIELDS_OLD;
            else {
                char want[sizeof header + 32];
                snprintf(want, sizeof want, "expected header \"%s\"", header);
                rules_set_err(b, line, 1, want);
                return -1;
            }
            have_header = 1;
        } else if (rules_parse_row(b, line, p, n) != 0) {
            return -1;
        }
        p = next;
    }
    if (!have_header) {
        rules_set_err(b, line + 1, 1, "missing header line");
        return -1;
    }
    return rules_check_gaps(b);
}

int rules_parse(const char *csv, rules_t **out, char *err, size_t errlen)
{
    int rc = -1;
    rules_builder_t b = {.err = err, .errlen = errlen};
    rules_t *r = NULL;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (out == NULL)
        return -1;
    *out = NULL;
    if (csv == NULL)
        csv = "";

    size_t len = strlen(csv), nlines = 1;
    for (const char *p = csv; *p != '\0'; p++)
        nlines += *p == '\n';

    r = calloc(1, sizeof *r);
    if (r == NULL)
        goto oom;
    b.r = r;
    r->rows = calloc(nlines, sizeof *r->rows);
    r->text = malloc(len + nlines + 1);
    b.line_of = calloc(nlines, sizeof *b.line_of);
    b.col_of = calloc(nlines, sizeof *b.col_of);
    if (r->rows == NULL || r->text == NULL || b.line_of == NULL || b.col_of == NULL)
        goto oom;

    if (rules_parse_text(&b, csv) != 0)
        goto out;
    *out = r;
    r = NULL;
    rc = 0;
    goto out;

oom:
    if (err != NULL && errlen > 0)
        snprintf(err, errlen, "out of memory");
out:
    free(b.line_of);
    free(b.col_of);
    rules_free(r);
    return rc;
}

void rules_free(rules_t *r)
{
    if (r == NULL)
        return;
    free(r->text);
    free(r->rows);
    free(r);
}

const rule_t *rules_find(const rules_t *r, const char *rule_id, civil_date_t on)
{
    if (r == NULL || rule_id == NULL || on == CIVIL_DATE_INVALID)
        return NULL;
    for (size_t i = 0; i < r->n; i++) {
        const rule_t *x = &r->rows[i];
        if (strcmp(x->rule_id, rule_id) == 0 && rules_overlap(x, on, on))
            return x;
    }
    return NULL;
}

static int rules_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days[m - 1] + (m == 2 && leap);
}

/* The same day n months after d, clamped to the end of a shorter month; then the next
 * working day if it is not one. CIVIL_DATE_INVALID outside the calendar. */
static civil_date_t rules_add_months(const calendar_t *cal, civil_date_t d, int64_t n)
{
    int y, m, day;
    civil_date_to_ymd(d, &y, &m, &day);
    if (y == 0 || n > (int64_t)CIVIL_DATE_MAX_YEAR * 12)
        return CIVIL_DATE_INVALID;
    int64_t total = (int64_t)y * 12 + (m - 1) + n;
    int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
    if (ny > CIVIL_DATE_MAX_YEAR)
        return CIVIL_DATE_INVALID;
    int dim = rules_days_in_month(ny, nm);
    civil_date_t due = civil_date_from_ymd(ny, nm, day < dim ? day : dim);
    switch (calendar_is_working_day(cal, due)) {
    case 1:
        return due;
    case 0:
        return calendar_add_working_days(cal, due, 1);
    default:
        return CIVIL_DATE_INVALID;
    }
}

civil_date_t rules_due(const rules_t *r, const calendar_t *cal, const char *rule_id,
                       civil_date_t trigger, const rule_t **used)
{
    const rule_t *x = rules_find(r, rule_id, trigger);
    if (used != NULL)
        *used = x;
    if (x == NULL || cal == NULL)
        return CIVIL_DATE_INVALID;
    switch (x->unit) {
    case RULE_UNIT_CD:
    case RULE_UNIT_WD:
        if (x->value > INT_MAX)
            return CIVIL_DATE_INVALID;
        return calendar_deadline(cal, trigger, (int)x->value,
                                 x->unit == RULE_UNIT_CD ? DAYS_CALENDAR : DAYS_WORKING);
    case RULE_UNIT_M:
        return rules_add_months(cal, trigger, x->value);
    case RULE_UNIT_H:
    case RULE_UNIT_PPM:
    case RULE_UNIT_VND:
    case RULE_UNIT_COUNT:
        break;
    }
    return CIVIL_DATE_INVALID;
}

size_t rules_count(const rules_t *r)
{
    return r != NULL ? r->n : 0;
}

const rule_t *rules_at(const rules_t *r, size_t i)
{
    return r != NULL && i < r->n ? &r->rows[i] : NULL;
}

const char *rules_unit_code(rule_unit_t u)
{
    return (unsigned)u < RULE_UNIT_COUNT ? unit_codes[u] : "?";
}
