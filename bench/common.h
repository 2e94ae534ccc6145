/*
 * bench/common.h — what every benchmark needs besides its subject: a temporary
 * directory that is removed however the run ends, a fatal-error exit, a monotonic
 * clock, a repeatable random sequence, and a progress line.
 */
#ifndef THADS_BENCH_COMMON_H
#define THADS_BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* The program's name, for bench_fail's messages. */
void bench_set_name(const char *name);

/* The directory made by bench_make_tmp_dir ("" before). */
extern char bench_tmp_dir[4096];
/* Create PREFIX.XXXXXX under $TMPDIR (or /tmp). The SQLite files named in db_files (each
 * with its -wal and -shm) and the directory are removed at exit and on SIGINT, SIGTERM
 * and SIGHUP; the paths are built here, so the signal handler only unlinks. 0 ok. */
int bench_make_tmp_dir(const char *prefix, const char *const *db_files, size_t nfiles);

/* Print "NAME: message" and exit 1 (atexit handlers still run). */
void bench_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Seconds on CLOCK_MONOTONIC. */
double bench_now(void);

/* splitmix64: small, fast, and the same sequence on every machine. */
uint64_t bench_rng(uint64_t *state);

/* Progress on stderr, once a phase has run for a second: one line rewritten with \r
 * on a terminal, else a line per 10%. */
typedef struct {
    const char *label;
    int64_t total;
    int last;
    int tty;
    double start;
} bench_progress_t;
void bench_progress_start(bench_progress_t *p, const char *label, int64_t total);
void bench_progress_update(bench_progress_t *p, int64_t done);
void bench_progress_end(bench_progress_t *p);

#endif
