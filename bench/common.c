#include "common.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_PATHS 24

char bench_tmp_dir[4096];
static char tmp_paths[MAX_PATHS][4200];
static size_t npaths;
static const char *program = "bench";

void bench_set_name(const char *name)
{
    program = name;
}

static void remove_tmp_dir(void)
{
    if (bench_tmp_dir[0] == '\0')
        return;
    for (size_t i = 0; i < npaths; i++)
        unlink(tmp_paths[i]);
    rmdir(bench_tmp_dir);
}

static void on_signal(int sig)
{
    remove_tmp_dir();
    signal(sig, SIG_DFL);
    raise(sig);
}

int bench_make_tmp_dir(const char *prefix, const char *const *db_files, size_t nfiles)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    const char *base = getenv("TMPDIR");

    snprintf(bench_tmp_dir, sizeof bench_tmp_dir, "%s/%s.XXXXXX", base && base[0] ? base : "/tmp",
             prefix);
    if (mkdtemp(bench_tmp_dir) == NULL) {
        fprintf(stderr, "%s: cannot create %s: %s\n", program, bench_tmp_dir, strerror(errno));
        bench_tmp_dir[0] = '\0';
        return -1;
    }
    for (npaths = 0; npaths < 3 * nfiles && npaths < MAX_PATHS; npaths++)
        snprintf(tmp_paths[npaths], sizeof tmp_paths[npaths], "%s/%s%s", bench_tmp_dir,
                 db_files[npaths / 3], suffix[npaths % 3]);
    atexit(remove_tmp_dir);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    return 0;
}

void bench_fail(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "\n%s: ", program);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

uint64_t bench_rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void bench_progress_start(bench_progress_t *p, const char *label, int64_t total)
{
    p->label = label;
    p->total = total > 0 ? total : 1;
    p->last = -1;
    p->tty = isatty(STDERR_FILENO);
    p->start = bench_now();
}

void bench_progress_update(bench_progress_t *p, int64_t done)
{
    int pct = (int)(done * 100 / p->total);

    if (pct == p->last || (!p->tty && pct / 10 == p->last / 10) || bench_now() - p->start < 1.0)
        return;
    p->last = pct;
    if (p->tty)
        fprintf(stderr, "\r  %-44s %3d%%", p->label, pct);
    else
        fprintf(stderr, "  %-44s %3d%%\n", p->label, pct / 10 * 10);
}

void bench_progress_end(bench_progress_t *p)
{
    if (p->tty && p->last >= 0)
        fprintf(stderr, "\r\033[K");
    else if (!p->tty && p->last >= 0 && p->last < 100)
        fprintf(stderr, "  %-44s 100%%\n", p->label);
}
