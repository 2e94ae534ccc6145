/*
 * cli/csv.h — a streaming CSV reader for the importers, on Debian's libcsv (RFC 4180).
 *
 *   char err[256];
 *   csv_reader_t *r = csvr_open("units.csv", err, sizeof err);   ("-" reads stdin)
 *   int code = csvr_column(r, "code");                           header row, read by open
 *   csv_record_t rec;
 *   while ((rc = csvr_next(r, &rec)) == 1)
 *       use rec.line, rec.fields[code] (if code < rec.nfields) ...
 *   if (rc < 0) report csvr_error(r);                            "line 7: ..."
 *   csvr_close(r);
 *
 * What it accepts: UTF-8 text, a byte-order mark at the very start (skipped), lines
 * ending in LF or CRLF, fields quoted with '"' (quotes inside doubled), quoted fields
 * spanning lines. Unquoted fields lose leading and trailing spaces. Blank lines are
 * skipped. What it refuses, as an error that stops the reading: malformed quoting, a
 * quoted field never closed, a record over CSVR_MAX_RECORD bytes or CSVR_MAX_FIELDS
 * fields, a NUL byte (a UTF-16 file, or not text at all).
 *
 * Memory: fixed buffers allocated at open (about 200 KiB) and reused for every record,
 * so a file of a million records reads in constant memory at the speed of the disk.
 */
#ifndef THADS_CLI_CSV_H
#define THADS_CLI_CSV_H

#include <stddef.h>
#include <stdint.h>

/* A record's bytes as written (quotes and line breaks included), and its fields. */
#define CSVR_MAX_RECORD 65536
#define CSVR_MAX_FIELDS 256

typedef struct csv_reader csv_reader_t;

typedef struct {
    long line;                 /* 1-based physical line where the record begins */
    size_t nfields;            /* >= 1; may differ from the header's count */
    const char *const *fields; /* NUL-terminated copies, valid until the next csvr_next */
} csv_record_t;

/* Open path ("-": standard input) and read its header row. NULL on failure, with the
 * reason in err ("cannot open: No such file or directory", "line 1: ..."). */
csv_reader_t *csvr_open(const char *path, char *err, size_t errlen);
/* The next record: 1 one was read into rec, 0 the end of the file, -1 an error (see
 * csvr_error; every later call returns -1 too). */
int csvr_next(csv_reader_t *r, csv_record_t *rec);
/* Why the last csvr_next failed: "line L: reason" (or "line L, field F: reason"). */
const char *csvr_error(const csv_reader_t *r);
void csvr_close(csv_reader_t *r);

/* The header: number of columns, each column's name, and the 0-based index of the first
 * column named name (-1 if none). */
size_t csvr_columns(const csv_reader_t *r);
const char *csvr_column_name(const csv_reader_t *r, size_t i);
int csvr_column(const csv_reader_t *r, const char *name);

/* Bytes read so far and the file's size (0 when unknown: a pipe), for progress. */
void csvr_progress(const csv_reader_t *r, uint64_t *done, uint64_t *total);

#endif
