/*
 * bench/bench_search.c — a search on a large database against the same search on a
 * small one (issue 18; docs/internals/search.md).
 *
 * usage: bench_search [CASES]    CASES defaults to 1,000,000
 *        BENCH_SEARCH_CACHE=DIR  where the databases are kept between runs
 *                                (default build/bench-cache)
 *
 * The data is bench_import's (its sibling binary writes and imports it once, through
 * `thads import cases`, so every case has its search document as a real import leaves
 * it): 20 offices of four provinces, Vietnamese names drawn from 16 family names, 10
 * middle and 24 given names (so "Nguyễn Thị Hương" is one case in 250 or so, and
 * "thi" is in a fifth of the documents), CCCD numbers, decision numbers numbered per
 * office. Kept as build/bench-cache/search-CASES.db and search-3000.db; later runs
 * migrate them (the first run after a migration of case_search pays its rebuild).
 *
 * What is timed is store/search.c's search_cases() — what GET /api/search runs, the
 * query folded as the API folds it, 20 hits — for a leader of the nation, of a province
 * (a quarter of the cases) and of one office (a twentieth): a name with and without
 * diacritics, short prefixes, an ID number whole and by its start, a decision number.
 * Each figure is the mean over about 0.3 s of repeats, beside the same search on the
 * 3,000-case database: a ratio near 1 is a search that costs its answer, a ratio near
 * 333 one that costs the caseload. Last, the search index's size on disk.
 */
#include "common.h"
#include "core/civil_date.h"
#include "core/fold.h"
#include "embed.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/search.h"
#include "store/units.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SMALL 3000

static char self_dir[PATH_MAX];

/* Run bench_import (the sibling binary) to write and import n cases into a database
 * kept at path. */
static void build(const char *cache, const char *path, long n)
{
    char tmp[PATH_MAX], bin[PATH_MAX + 32], rows[32], found[PATH_MAX + 300], cmd[PATH_MAX + 40];
    struct dirent *e;
    int status;
    pid_t pid;
    DIR *d;

    snprintf(tmp, sizeof tmp, "%s/search-tmp.XXXXXX", cache);
    if (mkdtemp(tmp) == NULL)
        bench_fail("cannot create %s: %s", tmp, strerror(errno));
    snprintf(bin, sizeof bin, "%s/bench_import", self_dir);
    snprintf(rows, sizeof rows, "%ld", n);
    fprintf(stderr, "bench_search: writing %s (%ld cases, bench_import)...\n", path, n);
    fflush(NULL);
    pid = fork();
    if (pid < 0)
        bench_fail("fork: %s", strerror(errno));
    if (pid == 0) {
        setenv("TMPDIR", tmp, 1);
        setenv("BENCH_IMPORT_KEEP", "1", 1);
        setenv("BENCH_IMPORT_RUNS", "1", 1);
        unsetenv("THADS_BENCH_PG");
        dup2(STDERR_FILENO, STDOUT_FILENO);
        execl(bin, bin, rows, (char *)NULL);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        bench_fail("%s %s failed", bin, rows);
    if ((d = opendir(tmp)) == NULL)
        bench_fail("cannot read %s", tmp);
    found[0] = '\0';
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "bench_import.", 13) == 0)
            snprintf(found, sizeof found, "%s/%s/cases.db", tmp, e->d_name);
    closedir(d);
    if (found[0] == '\0' || rename(found, path) != 0)
        bench_fail("no database from bench_import in %s", tmp);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_search: could not remove %s\n", tmp);
}

static db_t *open_db(const char *cache, long n)
{
    char path[PATH_MAX], url[PATH_MAX + 8], err[512];
    struct stat st;
    db_t *db;
    double t0;

    snprintf(path, sizeof path, "%s/search-%ld.db", cache, n);
    if (stat(path, &st) != 0)
        build(cache, path, n);
    snprintf(url, sizeof url, "sqlite:%s", path);
    if (db_open(url, &db, err, sizeof err) != DB_OK)
        bench_fail("%s", err);
    t0 = bench_now();
    if (migrate_apply(db, embedded_migrations, NULL, NULL, NULL) != DB_OK)
        bench_fail("migrate: %s", db_errmsg(db));
    if (bench_now() - t0 > 1)
        fprintf(stderr, "bench_search: %s migrated in %.1f s\n", path, bench_now() - t0);
    return db;
}

typedef struct {
    int64_t nation, province, office;
    char id_number[32], id_prefix[16], case_no[64];
} shape_t;

static int64_t unit_id(db_t *db, const char *code, civil_date_t today)
{
    unit_row_t u;

    if (units_get_by_code(db, code, today, &u) != DB_ROW)
        bench_fail("no unit %s", code);
    return u.id;
}

/* A text the first row of sql answers (bench-only SQL, on the bench's own data). */
static void text_of(db_t *db, const char *sql, char *out, size_t len)
{
    db_stmt_t *st = NULL;

    if (db_prepare(db, sql, &st) != DB_OK || db_step(st) != DB_ROW)
        bench_fail("%s: %s", sql, db_errmsg(db));
    snprintf(out, len, "%s", db_column_text(st, 0));
    db_finalize(st);
}

static void shape_of(db_t *db, shape_t *s, civil_date_t today)
{
    s->nation = unit_id(db, "BTP", today);
    s->province = unit_id(db, "THADS-NA", today);
    s->office = unit_id(db, "NA-KV1", today);
    /* A CCCD of a party of the office's middle case, and the office's 100th decision. */
    text_of(db,
            "SELECT p.id_number FROM enforcement_case c JOIN unit u ON u.id = c.unit_id "
            "JOIN case_party cp ON cp.case_id = c.id JOIN party p ON p.id = cp.party_id "
            "WHERE u.code = 'NA-KV1' AND length(p.id_number) = 12 AND c.id > (SELECT MAX(id) / 2 "
            "FROM enforcement_case) ORDER BY c.id LIMIT 1",
            s->id_number, sizeof s->id_number);
    snprintf(s->id_prefix, sizeof s->id_prefix, "%.7s", s->id_number);
    text_of(db,
            "SELECT c.case_no FROM enforcement_case c JOIN unit u ON u.id = c.unit_id WHERE "
            "u.code = 'NA-KV1' ORDER BY c.id LIMIT 1 OFFSET 99",
            s->case_no, sizeof s->case_no);
}

static int count_hit(const search_hit_t *h, void *arg)
{
    (void)h;
    (*(int *)arg)++;
    return 0;
}

static double cpu_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Milliseconds per search (mean of repeats taking about 0.3 s, at least 3), the CPU
 * milliseconds of this thread in *cpu_ms (on a shared machine the wall time also
 * counts the waits for a core); hits. */
static double time_search(db_t *db, int64_t root, civil_date_t today, const char *q, int *hits,
                          double *cpu_ms)
{
    char folded[512];
    double t0, elapsed = 0, c0 = cpu_now();
    int reps = 0;

    while (reps < 3 || (elapsed < 0.3 && reps < 5000)) {
        *hits = 0;
        t0 = bench_now();
        /* what api/search.c does: fold, then search */
        if (fold_vi(q, folded, sizeof folded) < 0)
            bench_fail("fold %s", q);
        if (search_cases(db, root, today, folded, 20, count_hit, hits) != DB_OK)
            bench_fail("search %s: %s", q, db_errmsg(db));
        elapsed += bench_now() - t0;
        reps++;
    }
    *cpu_ms = (cpu_now() - c0) * 1000 / reps;
    return elapsed * 1000 / reps;
}

static void index_size(db_t *db, long n)
{
    int64_t bytes = 0, total = 0;

    if (db_query_int64(db,
                       "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'case_search%' OR name IN "
                       "(SELECT name FROM sqlite_master WHERE tbl_name LIKE 'case_search%')",
                       &bytes) != DB_ROW ||
        db_query_int64(db, "SELECT SUM(pgsize) FROM dbstat", &total) != DB_ROW) {
        printf("search/sqlite index size       (dbstat not available: %s)\n", db_errmsg(db));
        return;
    }
    printf("search/sqlite index size       %ld cases %8.1f MB  (%.0f bytes a case; database "
           "%.1f MB, the index %.0f%% of it)\n",
           n, (double)bytes / 1e6, (double)bytes / (double)n, (double)total / 1e6,
           100.0 * (double)bytes / (double)total);
}

int main(int argc, char **argv)
{
    static const char *const scopes[] = {"nation", "province", "office"};
    const char *cache = getenv("BENCH_SEARCH_CACHE");
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    char self[PATH_MAX];
    shape_t bs, ss;
    db_t *big, *small;
    time_t t = time(NULL);
    struct tm tm;
    civil_date_t today;

    bench_set_name("bench_search");
    if (n < 10000)
        bench_fail("usage: bench_search [CASES] (at least 10000)");
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(self_dir, sizeof self_dir, "%s", dirname(self));
    if (cache == NULL || cache[0] == '\0')
        cache = "build/bench-cache";
    mkdir(cache, 0755);
    gmtime_r(&t, &tm);
    today = civil_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);

    small = open_db(cache, SMALL);
    big = open_db(cache, n);
    shape_of(big, &bs, today);
    shape_of(small, &ss, today);
    {
        /* The small database's own ID number and decision number, of the same shape. */
        const struct {
            const char *label, *big, *small;
        } queries[] = {
            {"name, diacritics", "Nguyễn Thị Hương", "Nguyễn Thị Hương"},
            {"name, folded", "nguyen thi huong", "nguyen thi huong"},
            {"name, prefixes", "nguy th huo", "nguy th huo"},
            {"name, one letter", "tran v d", "tran v d"},
            {"one common word", "nguyen", "nguyen"},
            {"ID number", bs.id_number, ss.id_number},
            {"ID number, start", bs.id_prefix, ss.id_prefix},
            {"decision number", bs.case_no, ss.case_no},
        };
        for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
            for (int sc = 0; sc < 3; sc++) {
                int64_t broot[3] = {bs.nation, bs.province, bs.office};
                int64_t sroot[3] = {ss.nation, ss.province, ss.office};
                int bh = 0, sh = 0;
                double bcpu, scpu;
                double bms = time_search(big, broot[sc], today, queries[q].big, &bh, &bcpu);
                double sms = time_search(small, sroot[sc], today, queries[q].small, &sh, &scpu);
                printf("search/sqlite %-18s %-8s %8.3f ms (cpu %7.3f) %3d hits  (%d cases: "
                       "%.3f ms, cpu %.3f, %d hits; cpu x%.1f)  q=\"%s\"\n",
                       queries[q].label, scopes[sc], bms, bcpu, bh, SMALL, sms, scpu, sh,
                       bcpu / scpu, queries[q].big);
                fflush(stdout);
            }
    }
    index_size(big, n);
    db_close(big);
    db_close(small);
    return 0;
}
