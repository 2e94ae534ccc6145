/*
 * cli/csv.c — the streaming CSV reader of cli/csv.h.
 *
 * The input is cut into physical lines here and fed to libcsv one line at a time, so
 * that each record knows the line it begins on (what an error report must name) and
 * no record can grow past the cap before we notice. libcsv is told that only LF ends
 * a record and that CR is a space: a CRLF line then ends exactly like an LF one (the
 * CR is trimmed as trailing space of an unquoted field, or after a closing quote), a
 * record can only end at the end of a physical line, and so each line fed yields at
 * most one record — no queue of records is needed.
 */
#include "cli/csv.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LINE_BUF ((size_t)2 * CSVR_MAX_RECORD)                   /* input; a line must fit */
#define DATA_CAP ((size_t)CSVR_MAX_RECORD + CSVR_MAX_FIELDS + 1) /* fields and their NULs */

struct csv_reader {
    FILE *f;
    int own; /* close f at the end (not stdin) */
    struct csv_parser p;
    int input_eof, done, failed;
    char *buf; /* LINE_BUF bytes of input; [pos, end) not yet consumed */
    size_t pos, end;
    uint64_t bytes_read, size;
    long line;        /* physical lines consumed */
    long rec_line;    /* where the record being read begins */
    size_t rec_bytes; /* its bytes so far */
    int in_record, have_record, too_many, overflow;
    char *data; /* DATA_CAP bytes: this record's fields, NUL-terminated */
    size_t data_len, nfields;
    const char *fields[CSVR_MAX_FIELDS];
    char *hdr_data; /* the header row's fields, kept for the reader's life */
    size_t ncols;
    const char *hdr[CSVR_MAX_FIELDS];
    char err[256];
};

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int is_term(unsigned char c)
{
    return c == '\n';
}

static void on_field(void *s, size_t len, void *arg)
{
    csv_reader_t *r = arg;

    if (r->nfields == CSVR_MAX_FIELDS) {
        r->too_many = 1;
        return;
    }
    if (r->data_len + len + 1 > DATA_CAP) {
        r->overflow = 1;
        return;
    }
    if (len > 0)
        memcpy(r->data + r->data_len, s, len);
    r->data[r->data_len + len] = '\0';
    r->fields[r->nfields++] = r->data + r->data_len;
    r->data_len += len + 1;
}

static void on_row(int c, void *arg)
{
    csv_reader_t *r = arg;

    (void)c;
    r->have_record = 1;
    r->in_record = 0;
}

static int failf(csv_reader_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int failf(csv_reader_t *r, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    r->failed = 1;
    return -1;
}

/* The next physical line, with its '\n' when it has one, pointing into r->buf until
 * the next call. 1 a line, 0 the end of the input, -1 an error. Each byte is scanned
 * at most twice (once more after a refill moved it). */
static int read_line(csv_reader_t *r, const char **line, size_t *len)
{
    *line = r->buf;
    *len = 0;
    for (;;) {
        const char *nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);
        size_t n;

        if (nl != NULL || (r->input_eof && r->pos < r->end)) {
            *line = r->buf + r->pos;
            *len = nl ? (size_t)(nl + 1 - *line) : r->end - r->pos;
            r->pos += *len;
            return 1;
        }
        if (r->input_eof)
            return 0;
        if (r->end - r->pos == LINE_BUF)
            return failf(r, "line %ld: longer than %d bytes", r->line + 1, CSVR_MAX_RECORD);
        if (r->pos > 0) {
            memmove(r->buf, r->buf + r->pos, r->end - r->pos);
            r->end -= r->pos;
            r->pos = 0;
        }
        n = fread(r->buf + r->end, 1, LINE_BUF - r->end, r->f);
        r->end += n;
        r->bytes_read += n;
        if (n == 0) {
            if (ferror(r->f))
                return failf(r, "line %ld: read error: %s", r->line + 1, strerror(errno));
            r->input_eof = 1;
        }
    }
}

/* Only spaces, tabs, CR and LF: libcsv skips such a line between records. */
static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_space((unsigned char)s[i]) && s[i] != '\n')
            return 0;
    return 1;
}

/* Feed one physical line; 0 or -1 (error set). */
static int feed(csv_reader_t *r, const char *line, size_t len)
{
    int counted;

    r->line++;
    if (r->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    if (memchr(line, '\0', len) != NULL)
        return failf(r, "line %ld: a NUL byte; the file must be UTF-8 text (not UTF-16)", r->line);
    if (!r->in_record && !blank(line, len)) {
        r->in_record = 1;
        r->rec_line = r->line;
        r->rec_bytes = 0;
    }
    counted = r->in_record;
    if (counted)
        r->rec_bytes += len;
    if (csv_parse(&r->p, line, len, on_field, on_row, r) != len) {
        if (csv_error(&r->p) == CSV_EPARSE)
            return failf(r,
                         "line %ld, field %zu: malformed quotes (quote a whole field, and "
                         "double each quote inside it)",
                         r->line, r->nfields + 1);
        return failf(r, "line %ld: %s", r->line, csv_strerror(csv_error(&r->p)));
    }
    if (r->too_many)
        return failf(r, "line %ld: more than %d fields", r->rec_line, CSVR_MAX_FIELDS);
    if (r->overflow || (counted && r->rec_bytes > CSVR_MAX_RECORD))
        return failf(r, "line %ld: record longer than %d bytes (a quote left open?)", r->rec_line,
                     CSVR_MAX_RECORD);
    return 0;
}

int csvr_next(csv_reader_t *r, csv_record_t *rec)
{
    const char *line;
    size_t len;
    int rc;

    if (r->failed)
        return -1;
    if (r->done)
        return 0;
    r->nfields = 0;
    r->data_len = 0;
    r->have_record = 0;
    while (!r->have_record) {
        rc = read_line(r, &line, &len);
        if (rc < 0)
            return -1;
        if (rc == 0) {
            r->done = 1;
            if (csv_fini(&r->p, on_field, on_row, r) != 0)
                return failf(r, "line %ld: a quoted field is never closed", r->rec_line);
            if (r->too_many || r->overflow)
                return failf(r, "line %ld: record too large", r->rec_line);
            if (!r->have_record)
                return 0;
            break;
        }
        if (feed(r, line, len) != 0)
            return -1;
    }
    rec->line = r->rec_line;
    rec->nfields = r->nfields;
    rec->fields = r->fields;
    return 1;
}

const char *csvr_error(const csv_reader_t *r)
{
    return r->err;
}

/* Keep the header row's fields for csvr_column and friends. */
static int keep_header(csv_reader_t *r)
{
    char *p = malloc(r->data_len ? r->data_len : 1);

    if (p == NULL)
        return -1;
    memcpy(p, r->data, r->data_len);
    r->hdr_data = p;
    r->ncols = r->nfields;
    for (size_t i = 0; i < r->nfields; i++)
        r->hdr[i] = p + (r->fields[i] - r->data);
    return 0;
}

csv_reader_t *csvr_open(const char *path, char *err, size_t errlen)
{
    csv_reader_t *r = calloc(1, sizeof *r);
    csv_record_t rec;
    struct stat sb;
    int rc;

    if (r == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (csv_init(&r->p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0)
        goto nomem;
    csv_set_space_func(&r->p, is_space);
    csv_set_term_func(&r->p, is_term);
    csv_set_blk_size(&r->p, 4096);
    r->buf = malloc(LINE_BUF);
    r->data = malloc(DATA_CAP);
    if (r->buf == NULL || r->data == NULL)
        goto nomem;
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
    } else {
        r->f = fopen(path, "rb");
        if (r->f == NULL) {
            snprintf(err, errlen, "cannot open: %s", strerror(errno));
            goto fail;
        }
        r->own = 1;
    }
    if (fstat(fileno(r->f), &sb) == 0 && S_ISREG(sb.st_mode))
        r->size = (uint64_t)sb.st_size;
    rc = csvr_next(r, &rec);
    if (rc < 0) {
        snprintf(err, errlen, "%s", r->err);
        goto fail;
    }
    if (rc == 0) {
        snprintf(err, errlen, "line 1: the file is empty; a header row is needed");
        goto fail;
    }
    if (keep_header(r) != 0)
        goto nomem;
    return r;
nomem:
    snprintf(err, errlen, "out of memory");
fail:
    csvr_close(r);
    return NULL;
}

void csvr_close(csv_reader_t *r)
{
    if (r == NULL)
        return;
    csv_free(&r->p);
    if (r->own)
        fclose(r->f);
    free(r->hdr_data);
    free(r->data);
    free(r->buf);
    free(r);
}

size_t csvr_columns(const csv_reader_t *r)
{
    return r->ncols;
}

const char *csvr_column_name(const csv_reader_t *r, size_t i)
{
    return i < r->ncols ? r->hdr[i] : NULL;
}

int csvr_column(const csv_reader_t *r, const char *name)
{
    for (size_t i = 0; i < r->ncols; i++)
        if (strcmp(r->hdr[i], name) == 0)
            return (int)i;
    return -1;
}

void csvr_progress(const csv_reader_t *r, uint64_t *done, uint64_t *total)
{
    *done = r->bytes_read - (r->end - r->pos);
    *total = r->size;
}
